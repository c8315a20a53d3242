"""The MkDocs adapter's own behaviour, without a build: what it watches and its today."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from minutebook.site.plugin import MinutebookPlugin

ROOT = Path(__file__).resolve().parents[2]


class Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def _plugin(**options: Any) -> tuple[MinutebookPlugin, MkDocsConfig]:
    plugin = MinutebookPlugin()
    errors, warnings = plugin.load_config(options)
    assert errors == [] and warnings == []  # noqa: PT018
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    return plugin, config


def test_the_preview_rebuilds_when_a_record_changes() -> None:
    plugin, config = _plugin()
    server = Server()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server  # type: ignore[arg-type]
    watched = {Path(p).relative_to(ROOT).as_posix() for p in server.watched}
    assert {"meetings", "governance/bodies", "governance/tor", "actions.yaml",
            "minutebook.yaml"} <= watched


def test_the_site_is_built_as_of_the_uk_date_like_the_command(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINUTEBOOK_TODAY", raising=False)
    monkeypatch.setattr("minutebook.site.plugin.london_today", lambda: date(2026, 7, 1))
    assert _plugin()[0]._today() == date(2026, 7, 1)
    assert _plugin(today="2026-01-14")[0]._today() == date(2026, 1, 14)
    monkeypatch.setenv("MINUTEBOOK_TODAY", "14/01/2026")
    with pytest.raises(PluginError, match="written day first"):
        _plugin()[0]._today()

