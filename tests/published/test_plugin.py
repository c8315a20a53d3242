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



# ---------------------------------------------------------------- templates and the sanitiser


NO_FILES: Any = None  # (the hooks tested do not read the site's files)


def _page(path: str, source: str) -> tuple[Any, MkDocsConfig]:
    """A page read from its source as MkDocs reads it, and the site configuration."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    file = File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=False)
    file.content_string = source
    page = Page(None, file, config)
    page.read_source(config)
    return page, config


def test_a_page_cannot_turn_templates_on_by_itself() -> None:
    plugin = _plugin()[0]
    page, config = _page("members.md", "---\ntitle: Members\nrender_macros: true\n---\n{{ 1 }}")
    with pytest.raises(PluginError, match=r"docs/members.md:3: the front matter turns "
                                          r"template rendering on \(render_macros\)"):
        plugin.on_page_markdown(page.markdown, page=page, config=config, files=NO_FILES)


def test_templates_run_only_on_the_pages_the_configuration_names() -> None:
    plugin = _plugin(macros_pages=["members.md"])[0]
    named, config = _page("members.md", "# Members\n\n{{ 1 }}")
    other, _ = _page("other.md", "# Other\n\n{{ 1 }}")
    for page in (named, other):
        plugin.on_page_markdown(page.markdown, page=page, config=config, files=NO_FILES)
    # the macros plugin obeys render_macros: false even with render_by_default: true
    assert named.meta["render_macros"] is True
    assert other.meta["render_macros"] is False


def test_page_html_title_toc_and_front_matter_are_sanitised() -> None:
    from mkdocs.structure.toc import AnchorLink

    plugin = _plugin()[0]
    page, config = _page("p.md", "---\ntitle: 'A <img src=x onerror=alert(1)> & B'\n"
                 "description: '\"><script>alert(1)</script>'\n"
                 "banner: 'Draft & <b>x</b>'\n---\n# A\n")
    link = AnchorLink('<img src=x onerror=alert(1)>Heading', "h", 2)
    page.toc = [link]  # type: ignore[assignment]
    html = plugin.on_page_content('<p onclick="x">Hi<!-- c --><script>x</script></p>',
                                  page=page, config=config, files=NO_FILES)
    assert html == "<p>Hi</p>"
    assert page.title == "A  &amp; B"
    assert page.meta["description"] == "&quot;&gt;"
    assert page.meta["banner"] == "Draft & <b>x</b>"  # the theme escapes the banner itself
    assert link.title == "Heading"


def test_html_and_svg_files_under_docs_are_refused(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from minutebook.site.plugin import _refuse_active_files

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    (docs / "b.png").write_text("png", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"))
    config["docs_dir"] = str(docs)
    site = str(tmp_path / "site")
    _refuse_active_files(Files([File("b.png", str(docs), site, False)]), config)
    with pytest.raises(PluginError, match=r"docs/a.svg would be published as it is, without "
                                          r"the sanitiser"):
        _refuse_active_files(Files([File("a.svg", str(docs), site, False)]), config)
    (docs / "c.xht").write_text("<html xmlns='http://www.w3.org/1999/xhtml'><script>"
                                "alert(1)</script></html>", encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/c.xht would be published as it is"):
        _refuse_active_files(Files([File("c.xht", str(docs), site, False)]), config)


def test_a_title_that_is_not_text_is_shown_as_text() -> None:
    plugin = _plugin()[0]
    page, config = _page("n.md", "---\ntitle: 2026\n---\n# x\n")
    plugin.on_page_content("<p>x</p>", page=page, config=config, files=NO_FILES)
    assert page.title == "2026"
