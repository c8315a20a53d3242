"""Not tied to one site engine (issue 20 part 5): ``minutebook pages OUT`` writes what the
plugin serves (same paths, same Markdown and files); the engine's guides link only to
pages every site has; the example site built with properdocs (the maintained MkDocs 1.x
fork) is the one MkDocs builds; the engine's theme, stylesheets and scripts are added to
a configuration once, whether or not it lists them."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from engine_repo import MKDOCS_YML, partnership
from minutebook.cli import cli
from minutebook.site import engine, output
from minutebook.site.output import MARKER
from minutebook.site.plugin import add_engine_theme

from .conftest import ROOT, TODAY, mkdocs_build

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return partnership(tmp_path_factory.mktemp("engines") / "partnership")


@pytest.fixture(scope="module")
def written(repo: Path) -> dict[str, bytes]:
    """{path: content} of what ``minutebook pages`` writes for the repository."""
    out = repo.parent / "pages"
    result = CliRunner().invoke(cli, ["pages", str(out), "--repo", str(repo),
                                      "--today", TODAY, "--theme", str(repo.parent / "theme")])
    assert result.exit_code == 0, result.output
    assert "generated pages" in result.output
    assert (repo.parent / "theme" / "main.html").read_bytes() == (
        engine.theme_dir() / "main.html").read_bytes()
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in out.rglob("*") if p.is_file() and p.name != MARKER}


def _served(repo: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """{path: content} of every file the plugin adds to the MkDocs build."""
    monkeypatch.setenv("MINUTEBOOK_TODAY", TODAY)
    monkeypatch.chdir(repo)
    config = load_config(str(repo / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)  # (no temporary site folder)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    return {f.src_uri: f.content_bytes for f in files if f.generated_by}


def test_pages_writes_what_the_plugin_serves(repo: Path, written: dict[str, bytes],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    served = _served(repo, monkeypatch)
    assert sorted(written) == sorted(served)
    assert [p for p in written if written[p] != served[p]] == []
    # the generated pages, the data files and the engine's guides and assets are all there
    assert {"index.md", "actions.md", "structure.md", "data/minutebook.json",
            "editors/add-minutes.md", "rules/index.md", "assets/minutebook.css",
            "assets/mermaid.min.js", "assets/mermaid.LICENSE.txt"} <= set(written)
    assert written["index.md"].startswith(b"---\n")


def test_pages_refuses_a_folder_it_did_not_write(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["pages", str(tmp_path), "--repo", str(repo),
                                      "--today", TODAY])
    assert result.exit_code == 1
    assert "was not written by minutebook pages" in result.output
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine\n"


def test_a_failure_part_way_leaves_the_previous_output_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pages writes into a new folder that then takes the old one's place: a failure part
    way leaves what was there before, and no half-written folder beside it."""
    out = tmp_path / "pages"
    first = output.SiteTree(pages={"index.md": "# One\n", "a/b.md": "# B\n"})
    assert output.write(first, out) == 2
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    real = output._target
    calls = 0

    def failing(folder: Path, path: str) -> Path:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk full")
        return real(folder, path)

    monkeypatch.setattr(output, "_target", failing)
    second = output.SiteTree(pages={"index.md": "# Two\n", "c.md": "# C\n"})
    with pytest.raises(OSError, match="disk full"):
        output.write(second, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert (out / "index.md").read_text(encoding="utf-8") == "# One\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pages"]
    monkeypatch.setattr(output, "_target", real)
    assert output.write(second, out) == 2
    assert (out / "index.md").read_text(encoding="utf-8") == "# Two\n"
    assert not (out / "a").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pages"]


def test_pages_theme_folder_follows_the_rule_of_out(repo: Path, tmp_path: Path) -> None:
    def run(theme: Path, out: str = "pages") -> tuple[int, str]:
        result = CliRunner().invoke(cli, ["pages", str(tmp_path / out), "--repo", str(repo),
                                          "--today", TODAY, "--theme", str(theme)])
        return result.exit_code, result.output

    # a folder of one's own: refused, untouched, and nothing written at all
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "main.html").write_text("my own\n", encoding="utf-8")
    code, out = run(mine)
    assert code == 1
    assert "was not written by minutebook pages" in out
    assert (mine / "main.html").read_text(encoding="utf-8") == "my own\n"
    assert not (tmp_path / "pages").exists()
    # a link to an empty folder: refused, nothing written through it
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "link").symlink_to(empty, target_is_directory=True)
    code, out = run(tmp_path / "link")
    assert code == 1
    assert "symbolic link" in out
    assert list(empty.iterdir()) == []
    # a link inside a folder written before: the folder is emptied, the link not followed
    theme = tmp_path / "theme"
    assert run(theme)[0] == 0
    assert run(theme)[0] == 0  # (written before: rewritten)
    outside = tmp_path / "outside.html"
    outside.write_text("outside\n", encoding="utf-8")
    (theme / "main.html").unlink()
    (theme / "main.html").symlink_to(outside)
    code, out = run(theme)
    assert code == 0, out
    assert outside.read_text(encoding="utf-8") == "outside\n"
    assert not (theme / "main.html").is_symlink()
    assert (theme / "main.html").read_bytes() == (engine.theme_dir() / "main.html").read_bytes()
    assert (theme / MARKER).is_file()
    # the marker itself a link: refused
    (theme / MARKER).unlink()
    (theme / MARKER).symlink_to(outside)
    assert run(theme)[0] == 1
    # the theme folder is OUT itself
    code, out = run(tmp_path / "pages")
    assert code == 1
    assert "must be apart" in out


def test_the_engines_guides_link_only_to_pages_every_site_has(
        written: dict[str, bytes]) -> None:
    broken = []
    for path, source in engine.site_files().items():
        if not path.endswith(".md"):
            continue
        text = re.sub(r"```.*?```|`[^`\n]*`", "", source.read_text(encoding="utf-8"),
                      flags=re.DOTALL)  # (links shown as code are not links)
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if resolved not in written:
                broken.append(f"{path} -> {target}")
    assert broken == []


def test_the_engine_theme_and_assets_are_added_once(tmp_path: Path) -> None:
    # this repository's mkdocs.yml still lists the theme overrides and assets itself
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = [str(d) for d in config.theme.dirs]
    add_engine_theme(config)
    dirs = [str(Path(d).resolve()) for d in config.theme.dirs]
    assert dirs.count(str(engine.theme_dir().resolve())) == 1
    assert len(dirs) == len(before)
    for listed in (config.extra_css, config.extra_javascript):
        paths = [str(getattr(s, "path", s)) for s in listed]
        assert len(paths) == len(set(paths))
    assert set(engine.EXTRA_CSS) <= set(config.extra_css)
    # a repository with its own theme folder: the engine's comes after it, before Material
    (tmp_path / "docs").mkdir()
    (tmp_path / "theme").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  custom_dir: theme\n"
        "extra_css: [own.css]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    add_engine_theme(config)
    add_engine_theme(config)
    assert [Path(d).resolve() for d in config.theme.dirs[:2]] == [
        (tmp_path / "theme").resolve(), engine.theme_dir().resolve()]
    assert config.extra_css == [*engine.EXTRA_CSS, "own.css"]
    assert [str(getattr(s, "path", s)) for s in config.extra_javascript] == list(
        engine.EXTRA_JAVASCRIPT)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*") if p.is_file()}


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_example_site_as_mkdocs_does(tmp_path: Path) -> None:
    # both from one copy of the repository (others may change the checkout meanwhile)
    example = tmp_path / "example"
    shutil.copytree(ROOT, example, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", ".site-*", ".cache", "__pycache__", "tests", "src",
        "node_modules", "*.egg-info", ".pytest_cache"))
    built = mkdocs_build(example / "mkdocs.yml", tmp_path / "mkdocs-site")
    assert built.returncode == 0, built.stderr[-4000:]
    site = tmp_path / "properdocs-site"
    env = {**os.environ, "MINUTEBOOK_TODAY": TODAY, "DISABLE_MKDOCS_2_WARNING": "true"}
    properdocs = Path(sys.executable).parent / "properdocs"
    proc = subprocess.run([str(properdocs), "build", "--strict", "-f",
                           str(example / "mkdocs.yml"), "--site-dir", str(site)],
                          cwd=example, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    mkdocs_files, properdocs_files = _tree(tmp_path / "mkdocs-site"), _tree(site)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    pages = [p for p in mkdocs_files if p.endswith(".html")]
    assert len(pages) > 100
    # the same pages, but for the generator's name in the head (and the sitemap's dates)
    differ = [p for p in mkdocs_files if not p.startswith("sitemap.xml")
              and GENERATOR.sub(b"", mkdocs_files[p]) != GENERATOR.sub(b"",
                                                                       properdocs_files[p])]
    assert differ == []
    assert b"ProperDocs" in properdocs_files["index.html"]


def test_every_stylesheet_and_script_here_is_the_engines() -> None:
    """A file added to docs/assets/ (but uploaded pictures) is carried by the wheel too."""
    here = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/assets").iterdir()
            if p.is_file()}
    assert here <= set(engine.SITE_FILES)


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_the_written_pages_build_without_the_plugin(repo: Path, written: dict[str, bytes],
                                                     tmp_path: Path) -> None:
    """What `minutebook pages` wrote is a whole site for a generator that runs no plugin:
    MkDocs without minutebook's plugin makes the same pages from it as with the plugin."""
    out, theme = repo.parent / "pages", repo.parent / "theme"
    config = tmp_path / "mkdocs.yml"
    text = MKDOCS_YML.replace("  - minutebook\n", "").replace(
        "theme:\n  name: material\n", f"theme:\n  name: material\n  custom_dir: {theme}\n")
    config.write_text(text + f"docs_dir: {out}\nuse_directory_urls: false\n"
                      f"extra_css: {list(engine.EXTRA_CSS)}\n"
                      f"extra_javascript: {list(engine.EXTRA_JAVASCRIPT)}\n", encoding="utf-8")
    plain = mkdocs_build(config, tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr[-4000:]
    with_plugin = mkdocs_build(repo / "mkdocs.yml", tmp_path / "plugin")
    assert with_plugin.returncode == 0, with_plugin.stderr[-4000:]
    assert _pages(tmp_path / "plain") == _pages(tmp_path / "plugin")
    home = (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")
    assert "assets/minutebook-search.js" in home  # (the theme overrides)
    assert 'href="assets/minutebook.css"' in home


def test_a_navigation_written_by_hand_need_not_list_the_guides(repo: Path,
                                                               tmp_path: Path) -> None:
    """A strict build whose mkdocs.yml lists its own navigation (and warns of pages left
    out of it, as `minutebook init` writes) is not failed by the engine's pages."""
    config = repo / "mkdocs-nav.yml"
    generated = ["index.md", "bodies/index.md", "structure.md", "actions.md", "decisions.md",
                 "reviews.md", "calendar.md", "organisations/index.md", "reports/index.md",
                 "data.md"]
    config.write_text(MKDOCS_YML + "nav:\n" + "".join(f"  - {p}\n" for p in generated)
                      + "validation:\n  nav:\n    omitted_files: warn\n", encoding="utf-8")
    built = mkdocs_build(config, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-4000:]
    assert (tmp_path / "site" / "editors" / "add-minutes.html").is_file()
