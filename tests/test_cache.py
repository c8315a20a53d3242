"""The parse cache and parallel parsing change speed, never results."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from minutebook.api import check
from minutebook.load import repo as repo_module
from minutebook.load.cache import CACHE_FILE, MEMO_FILE

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    for name in ("governance", "meetings", "scorecard", "reports"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("actions.yaml", "escalations.yaml", "minutebook.yaml"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def _lines(root: Path, **kwargs: object) -> list[str]:
    result = check(root, TODAY, **kwargs)  # type: ignore[arg-type]
    return [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings]


def test_warm_run_gives_the_same_findings_as_a_cold_one(content: Path) -> None:
    cold = _lines(content)
    assert _lines(content, use_cache=True) == cold
    assert (content / CACHE_FILE).is_file()
    assert (content / MEMO_FILE).is_file()
    assert _lines(content, use_cache=True) == cold


def test_an_edited_file_is_parsed_again(content: Path) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    assert any("'status' cannot be 'hled'" in line for line in _lines(content, use_cache=True))


def test_personal_data_found_in_an_edited_text_despite_the_memo(content: Path) -> None:
    _lines(content, use_cache=True)
    record = content / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nNHS number 943 476 5919.\n")
    assert any(" PD001 " in line for line in _lines(content, use_cache=True))


def test_a_corrupt_cache_is_ignored(content: Path) -> None:
    cold = _lines(content)
    for name in (CACHE_FILE, MEMO_FILE):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(b"\x00not marshal")
    assert _lines(content, use_cache=True) == cold


def test_parsing_in_two_processes_gives_the_same_result(content: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _lines(content, workers=1)
    monkeypatch.setattr(repo_module, "PARALLEL_FROM", 1)
    assert _lines(content, workers=2) == serial


def test_select_with_an_unknown_code_is_a_usage_error(content: Path) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    result = CliRunner().invoke(cli, ["check", str(content), "--select", "PD01"],
                                catch_exceptions=False)
    assert result.exit_code == 2
    assert "no rule PD01" in result.output
