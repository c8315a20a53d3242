"""minutebook migrate: a repository written in today's format (format 1) rewritten to the
current one, keeping everything it does not change, idempotent, refusing links."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli
from minutebook.formats import FORMAT, MIGRATIONS, read_format
from minutebook.migrate import FORMAT_COMMENT, MigrateError, migrate

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-06-01"
FORMAT_LINES = FORMAT_COMMENT + f"format: {FORMAT}\n"


def _as_format_1(text: str) -> str:
    """A minutebook.yaml of today's format: the committed one without its format lines."""
    assert FORMAT_LINES in text
    return text.replace(FORMAT_LINES, "")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["migrate", *args])
    return result.exit_code, result.output


def test_migrate_format_1_copy_of_this_repository(content: Path) -> None:
    """This repository's content in today's format: after migrate, minutebook.yaml is the
    committed one byte for byte (only the format lines added, every comment kept), no other
    file changed, the check is as clean as this repository's, and a second run changes
    nothing."""
    committed = (ROOT / "minutebook.yaml").read_text(encoding="utf-8")
    (content / "minutebook.yaml").write_text(_as_format_1(committed), encoding="utf-8")
    before = _tree(content)
    earlier = check(content, today=None)
    assert [f.code for f in earlier.findings if f.code == "LD014"] == ["LD014"]

    code, out = _run("--repo", str(content))
    assert code == 0, out
    assert "Format 1 -> 2, 1 change made:" in out
    assert f"minutebook.yaml:3: added format: {FORMAT}" in out

    after = _tree(content)
    assert {k for k in after if after[k] != before.get(k)} == {"minutebook.yaml"}
    assert after["minutebook.yaml"].decode("utf-8") == committed
    later = check(content, today=earlier.today)
    assert [f for f in later.findings if f.code == "LD014"] == []
    assert later.record_errors == []
    assert sorted((f.file, f.code, f.message) for f in later.findings) == sorted(
        (f.file, f.code, f.message) for f in earlier.findings if f.code != "LD014")

    code, out = _run("--repo", str(content))
    assert (code, out.strip()) == (0, (f"The repository is in format {FORMAT} already; "
                                      "nothing to change."))
    assert _tree(content) == after


def test_migrate_format_1_copy_of_northshire(tmp_path: Path) -> None:
    repo = tmp_path / "northshire"
    shutil.copytree(ROOT / "examples" / "northshire", repo)
    committed = (repo / "minutebook.yaml").read_text(encoding="utf-8")
    (repo / "minutebook.yaml").write_text(_as_format_1(committed), encoding="utf-8")
    outcome = migrate(repo)
    assert [str(c) for c in outcome.changes] == [
        f"minutebook.yaml:4: added format: {FORMAT}"]
    assert (repo / "minutebook.yaml").read_text(encoding="utf-8") == committed
    result = check(repo, today=None)
    assert result.errors == []
    assert migrate(repo).changes == []


FORMAT_1_CONFIG = """\
\ufeff# Our settings (kept by the business-support team)
site_name: "Borough partnership"   # as on the letterhead

# checks we have agreed to soften
checks:
  disable:
    - QU002
    - "RF006"     # retired in 2026: see the minutes of 14 January
  severity: {AC001: warning, RF006: info}
nation: england-and-wales
"""

FORMAT_2_CONFIG = """\
\ufeff# Our settings (kept by the business-support team)
# The format these files are written in (docs/upgrading.md); `minutebook migrate` updates it.
format: 2
site_name: "Borough partnership"   # as on the letterhead

# checks we have agreed to soften
checks:
  disable:
    - QU002
    - "CA005"     # retired in 2026: see the minutes of 14 January
  severity: {AC001: warning, CA005: info}
nation: england-and-wales
"""


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_migrate_renames_retired_code_keeping_layout(repo: MiniRepo, crlf: bool) -> None:
    """The 1 -> 2 step's real rewrite: RF006 (retired) becomes CA005 in checks:, in a block
    list and in a { } mapping, quotes, comments, blank lines, byte-order mark and line
    endings kept; the report names each line."""
    repo.meeting("2026-01-14")
    repo.write()
    nl = "\r\n" if crlf else "\n"
    (repo.root / "minutebook.yaml").write_bytes(
        FORMAT_1_CONFIG.replace("\n", nl).encode("utf-8"))
    outcome = migrate(repo.root, dry_run=True)
    assert outcome.found == 1
    assert [str(c) for c in outcome.changes] == [
        "minutebook.yaml:3: added format: 2",
        ("minutebook.yaml:10: checks: disable: RF006 -> CA005 (RF006 is retired; CA005 took "
        "its place)"),
        ("minutebook.yaml:11: checks: severity: RF006 -> CA005 (RF006 is retired; CA005 took "
        "its place)")]
    assert (repo.root / "minutebook.yaml").read_bytes().decode() == FORMAT_1_CONFIG.replace(
        "\n", nl)  # --dry-run wrote nothing
    migrate(repo.root)
    assert (repo.root / "minutebook.yaml").read_bytes().decode() == FORMAT_2_CONFIG.replace(
        "\n", nl)
    assert repo.check(TODAY).errors == []
    assert migrate(repo.root).changes == []


def test_migrate_format_value_replaced_in_place(repo: MiniRepo) -> None:
    repo.write()
    (repo.root / "minutebook.yaml").write_text("nation: scotland\nformat: 1  # old\n",
                                               encoding="utf-8")
    assert [str(c) for c in migrate(repo.root).changes] == [
        "minutebook.yaml:2: format: 1 -> format: 2"]
    assert (repo.root / "minutebook.yaml").read_text() == "nation: scotland\nformat: 2  # old\n"


def test_migrate_writes_settings_file_when_there_is_none(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    outcome = migrate(repo.root)
    assert [c.what for c in outcome.changes] == [
        "written, with format: 2 (the repository had no settings file)"]
    stated = read_format(repo.root)
    assert stated is not None
    assert (stated.number, stated.stated) == (FORMAT, True)
    assert repo.check(TODAY).errors == []
    assert migrate(repo.root).changes == []


def test_migrate_refuses_both_codes(repo: MiniRepo) -> None:
    repo.write()
    text = "checks:\n  disable: [RF006, CA005]\n"
    (repo.root / "minutebook.yaml").write_text(text, encoding="utf-8")
    code, out = _run("--repo", str(repo.root))
    assert code == 2
    assert "names both RF006 and CA005" in out
    assert "by hand" in out
    assert (repo.root / "minutebook.yaml").read_text() == text


def test_migrate_refuses_a_link(repo: MiniRepo, tmp_path: Path) -> None:
    repo.write()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("nation: scotland\n", encoding="utf-8")
    os.symlink(outside, repo.root / "minutebook.yaml")
    with pytest.raises(MigrateError, match="nothing was written"):
        migrate(repo.root)
    code, out = _run("--repo", str(repo.root))
    assert code == 2
    assert "link" in out
    assert outside.read_text() == "nation: scotland\n"


def test_migrate_refuses_a_folder_that_is_not_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "holiday-photos"
    folder.mkdir()
    (folder / "beach.txt").write_text("sand\n", encoding="utf-8")
    code, out = _run("--repo", str(folder))
    assert code == 2
    assert "does not look like a minutebook repository" in out
    assert sorted(p.name for p in folder.iterdir()) == ["beach.txt"]  # nothing written
    code, out = _run("--repo", str(tmp_path / "absent"))
    assert code == 2
    assert "is not a folder" in out


def test_migrate_refuses_a_newer_format(repo: MiniRepo) -> None:
    repo.write()
    (repo.root / "minutebook.yaml").write_text(f"format: {FORMAT + 1}\n", encoding="utf-8")
    code, out = _run("--repo", str(repo.root))
    assert code == 2
    assert "upgrade minutebook" in out
    assert (repo.root / "minutebook.yaml").read_text() == f"format: {FORMAT + 1}\n"


def test_migrate_dry_run_says_so(repo: MiniRepo) -> None:
    repo.write()
    (repo.root / "minutebook.yaml").write_text("nation: scotland\n", encoding="utf-8")
    code, out = _run("--repo", str(repo.root), "--dry-run")
    assert code == 0
    assert "1 change to make (nothing written):" in out
    assert (repo.root / "minutebook.yaml").read_text() == "nation: scotland\n"


def test_migrations_end_at_the_current_format() -> None:
    assert [m.to for m in MIGRATIONS] == list(range(2, FORMAT + 1))
    upgrading = (ROOT / "docs" / "upgrading.md").read_text(encoding="utf-8")
    for m in MIGRATIONS:  # the history in the docs names every format
        assert f"### Format {m.to}" in upgrading
