"""LD014 format-older and LD015 format-newer: the format a repository is written in."""

from __future__ import annotations

from minirepo import MiniRepo
from minutebook.formats import FORMAT

TODAY = "2026-06-01"


def _format_findings(repo: MiniRepo) -> list[tuple[str, int, str]]:
    result = repo.check(TODAY)
    return [(f.file, f.line, f.code) for f in result.findings if f.code in ("LD014", "LD015")]


def test_ld014_pass_current_format_stated(repo: MiniRepo) -> None:
    repo.config = {"format": FORMAT, "nation": "england-and-wales"}
    repo.meeting("2026-01-14")
    assert _format_findings(repo) == []
    assert repo.check(TODAY).errors == []


def test_ld014_pass_no_settings_file(repo: MiniRepo) -> None:
    """minutebook.yaml is optional: a repository without it is read as the current format."""
    repo.meeting("2026-01-14")
    repo.write()
    assert not (repo.root / "minutebook.yaml").exists()
    assert _format_findings(repo) == []


def test_ld014_fail_settings_without_format(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.raw["minutebook.yaml"] = "# settings\nnation: england-and-wales\n"
    result = repo.check(TODAY)
    found = [f for f in result.findings if f.code == "LD014"]
    assert [(f.file, f.line, f.severity, f.kind) for f in found] == [
        ("minutebook.yaml", 1, "error", "record")]
    assert "format 1" in found[0].message
    assert f"format {FORMAT}" in found[0].message
    assert "minutebook migrate" in found[0].hint
    # the other checks still ran: the repository is otherwise clean
    assert [f.code for f in result.errors] == ["LD014"]


def test_ld014_fail_older_format_stated_at_its_line(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.raw["minutebook.yaml"] = "# settings\nnation: england-and-wales\nformat: 1\n"
    assert _format_findings(repo) == [("minutebook.yaml", 3, "LD014")]


def test_ld014_fail_cannot_be_disabled(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.raw["minutebook.yaml"] = "checks:\n  disable: [LD014]\n"
    result = repo.check(TODAY)
    assert {f.code for f in result.errors} == {"LD014"}
    assert [f.code for f in result.findings if f.code == "SC004"] == ["SC004"]


def test_ld015_pass_current_format(repo: MiniRepo) -> None:
    repo.config = {"format": FORMAT}
    repo.meeting("2026-01-14")
    assert "LD015" not in {f.code for f in repo.check(TODAY).findings}


def test_ld015_fail_newer_format_checks_nothing_else(repo: MiniRepo) -> None:
    """A newer format is the only finding: a field the newer format added, and a mistake in
    a meeting record, are not reported (this version cannot know what they mean)."""
    repo.config = {"format": FORMAT + 1, "a_setting_of_the_future": True}
    repo.meeting("2026-01-14", status="hled")
    result = repo.check(TODAY)
    assert [(f.file, f.line, f.code, f.severity) for f in result.findings] == [
        ("minutebook.yaml", 1, "LD015", "error")]
    message, hint = result.findings[0].message, result.findings[0].hint
    assert f"format {FORMAT + 1}" in message
    assert "nothing else was checked" in message
    assert hint.startswith("upgrade minutebook to a version newer than")
    assert result.record_errors == result.findings  # the site is not built


def test_sc003_fail_format_not_a_number(repo: MiniRepo) -> None:
    repo.config = {"format": "two"}
    repo.meeting("2026-01-14")
    result = repo.check(TODAY)
    assert [f.code for f in result.errors] == ["SC003"]
    assert "LD014" not in {f.code for f in result.findings}


def test_ld015_fail_names_the_versions_the_repository_asks_for(repo: MiniRepo) -> None:
    repo.raw["minutebook.yaml"] = f"format: {FORMAT + 1}\nengine: minutebook>=9.1,<10\n"
    result = repo.check(TODAY)
    assert [f.code for f in result.findings] == ["LD015"]
    assert "pip install 'minutebook>=9.1,<10'" in result.findings[0].hint
