"""The editor's commands: new meeting, new action and review, and the editor tooling."""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli
from minutebook.scaffold import (
    NewAction,
    ScaffoldError,
    append_action,
    next_action_id,
    next_minor,
    write_atomic,
)

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-25"  # the "as of" date the repository's content is written for
_NOT_CONTENT = {".git", ".venv", ".vscode", ".github", ".ci", ".pytest_cache", ".ruff_cache",
                "src", "tests", "docs", "overrides", "scripts", "site", "node_modules"}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def findings(root: Path, today: str = TODAY) -> list[tuple[str, str, str, str]]:
    result = check(root, date.fromisoformat(today))
    return [(f.file, f.path, f.code, f.message) for f in result.findings]


def new_findings(before: list[Any], after: list[Any]) -> list[Any]:
    return [f for f in after if f not in before]


@pytest.fixture
def real(tmp_path: Path) -> Path:
    """A copy of this repository's governance content."""
    root = tmp_path / "repo"
    root.mkdir()
    for item in ROOT.iterdir():
        if item.name in _NOT_CONTENT or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, root / item.name)
        else:
            shutil.copy2(item, root / item.name)
    return root


def group_repo(repo: MiniRepo) -> MiniRepo:
    """The mini repository with a ToR that has deadlines, declarations, minutes approval
    and standing items, and one earlier meeting with an open action."""
    repo.tor.update({
        "deadlines": [{"milestone": "papers-circulated", "due": "5 working days before the meeting"},
                      {"milestone": "draft-minutes-circulated",
                       "due": "10 working days after the meeting"}],
        "declarations": {"required": True},
        "minutes": {"approval": "next-meeting"},
        "standing_items": ["Welcome and apologies", "Minutes and action tracker",
                           "Data: the quarterly scorecard"],
    })
    repo.meeting("2026-01-14", declarations="none", minutes={"status": "draft"},
                 milestones={"papers-circulated": "2026-01-07",
                             "draft-minutes-circulated": "2026-01-20"})
    repo.action(id="grp-001", raised="2026-01-14", due="2026-03-01")
    repo.write()
    return repo


# ------------------------------------------------------------------ new meeting


def test_scheduled_meeting_passes_check_unchanged_for_every_body(real: Path) -> None:
    before = findings(real)
    bodies = sorted(p.stem for p in (real / "governance" / "bodies").glob("*.yaml"))
    for body in bodies:
        result = run("new", "meeting", body, "--date", "2027-02-17", "--time", "10:00",
                     "--path", str(real), "--today", TODAY)
        assert result.exit_code == 0, result.output
        assert "The check found nothing to fix" in result.output
        text = (real / "meetings" / body / "2027-02-17.md").read_text(encoding="utf-8")
        assert "status: scheduled" in text
        assert "classification: OFFICIAL" in text
    assert new_findings(before, findings(real)) == []


def test_scheduled_meeting_content(real: Path) -> None:
    run("new", "meeting", "cs-steering-group", "--date", "2027-01-27", "--path", str(real),
        "--today", TODAY)
    text = (real / "meetings/cs-steering-group/2027-01-27.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    # the chair in post on the date (chair_terms), the standing items as the agenda
    assert front["chair"] == "youth-justice"
    assert front["agenda"][0] == "Welcome, introductions and apologies"
    assert "## Issues for escalation to the Board" in text
    # every seat, commented out until the meeting has been held
    assert "#   police-inspector: FILL-IN" in text
    assert "attendance" not in front
    # the deadline with its date in working days
    assert "papers-circulated: YYYY-MM-DD  # due by 2027-01-20 (5 working days before" in text
    # open actions listed for review under the action-tracker item, with a hint
    tracker = text.split("## Minutes of the last meeting and action tracker")[1]
    assert "- **sg-901** Provide the youth justice" in tracker.split("\n## ")[0]
    assert "- meeting: 2027-01-27" in tracker


def test_held_meeting_lists_exactly_what_to_fill_in(repo: MiniRepo) -> None:
    group_repo(repo)
    root = repo.root
    before = findings(root, "2026-03-02")
    result = run("new", "meeting", "group", "--date", "2026-02-25", "--path", str(root),
                 "--today", "2026-03-02")
    assert result.exit_code == 0, result.output
    rel = "meetings/group/2026-02-25.md"
    added = new_findings(before, findings(root, "2026-03-02"))
    seats = ["la", "la2", "pol", "nurse", "trust", "vcs"]
    assert sorted((f[0], f[1], f[2]) for f in added) == sorted(
        [(rel, f"$.attendance.{s}", "SC003") for s in seats]
        + [(rel, "$.declarations", "SC003"), (rel, "$.milestones.papers-circulated", "SC003")]
        # until the record can be read, the group's other findings are held back (a note)
        + [(rel, "$", "LD010")])
    assert "'la' cannot be 'FILL-IN'; allowed: present, deputy, apologies, absent" in (
        result.output)
    text = (root / rel).read_text(encoding="utf-8")
    # draft minutes circulated falls due after today: a comment, not a blank to fill in
    assert "# draft-minutes-circulated: YYYY-MM-DD  # due by 2026-03-11" in text
    assert "- **grp-001** Do the thing." in text

    # once the editor has filled in the blanks, the record passes
    filled = (text.replace("declarations: FILL-IN", "declarations: none")
              .replace(": FILL-IN", ": present")
              .replace("  papers-circulated:  #", "  papers-circulated: 2026-02-18  #"))
    (root / rel).write_text(filled, encoding="utf-8")
    assert [f for f in findings(root, "2026-03-02") if f[0] == rel] == []


def test_held_meeting_on_the_real_repository(real: Path) -> None:
    result = run("new", "meeting", "cs-steering-group", "--date", "2026-11-18", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 0, result.output
    rel = "meetings/cs-steering-group/2026-11-18.md"
    mine = [f for f in findings(real) if f[0] == rel and f[2] != "LD010"]
    assert len(mine) == 18
    assert {f[2] for f in mine} == {"SC003"}
    assert sum(f[1].startswith("$.attendance.") for f in mine) == 17
    assert ("$.milestones.papers-circulated" in {f[1] for f in mine})


def test_new_meeting_refuses_to_overwrite(real: Path) -> None:
    path = real / "meetings/cs-steering-group/2026-11-04.md"
    original = path.read_bytes()
    result = run("new", "meeting", "cs-steering-group", "--date", "2026-11-04", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "meetings/cs-steering-group/2026-11-04.md already exists" in result.output
    assert path.read_bytes() == original


def test_new_meeting_unknown_body_suggests_close_matches(real: Path) -> None:
    result = run("new", "meeting", "cs-steering-grop", "--date", "2027-01-27", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "there is no body 'cs-steering-grop'. Did you mean 'cs-steering-group'?" in (
        result.output)
    assert not (real / "meetings/cs-steering-grop").exists()


def test_new_meeting_held_in_the_future_is_refused(real: Path) -> None:
    result = run("new", "meeting", "cs-steering-group", "--date", "2027-01-27", "--status",
                 "held", "--path", str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "cannot be recorded as held" in result.output


def test_new_meeting_bad_date_and_time(real: Path) -> None:
    result = run("new", "meeting", "cs-steering-group", "--date", "2027-02-30", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "'2027-02-30' is not a real date" in result.output
    result = run("new", "meeting", "cs-steering-group", "--date", "2027-02-03", "--time",
                 "25:00", "--path", str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "the time '25:00' is not HH:MM" in result.output


# ------------------------------------------------------------------ new action


def test_new_action_keeps_the_real_actions_file_byte_for_byte(real: Path) -> None:
    path = real / "actions.yaml"
    original = path.read_bytes()
    before = findings(real)
    result = run("new", "action", "cs-steering-group", "--meeting", "2026-11-04", "--owner",
                 "police-inspector", "--due", "2026-12-16", "--description",
                 "Chase the data returns: police, health & education.", "--path", str(real),
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Added action sg-902" in result.output
    assert "The check found nothing to fix in the new action." in result.output
    now = path.read_bytes()
    assert now[: len(original)] == original
    assert now[len(original):].decode() == (
        "- id: sg-902\n"
        "  body: cs-steering-group\n"
        "  raised: 2026-11-04\n"
        '  description: "Chase the data returns: police, health & education."\n'
        "  owner:\n"
        "    seat: police-inspector\n"
        "  due: 2026-12-16\n"
        "  status: open\n")
    assert new_findings(before, findings(real)) == []
    # an organisation may own an action too; the next id follows on
    result = run("new", "action", "cs-steering-group", "--meeting", "2026-11-04", "--owner",
                 "cheshire-police", "--due", "2026-12-16", "--description", "Brief the team.",
                 "--path", str(real), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "Added action sg-903" in result.output
    assert path.read_bytes()[: len(now)] == now
    assert new_findings(before, findings(real)) == []


BLOCK_STYLE = """\
# Action tracker (block style, indented list, comments everywhere)
actions:
  # raised in January
  - id: grp-001   # the first
    body: group
    raised: 2026-01-14
    description: >-
      Do the thing,
      carefully.
    owner: {seat: pol}
    due: 2026-02-01
    status: open
    updates:
      - meeting: 2026-01-14
        note: Noted.
  # end of list
"""


def test_new_action_appends_to_a_block_style_list(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.raw["actions.yaml"] = BLOCK_STYLE
    repo.write()
    result = run("new", "action", "group", "--meeting", "2026-01-14", "--owner", "nurse",
                 "--due", "2026-03-01", "--description", "Write to the ICB.", "--path",
                 str(repo.root), "--today", "2026-02-01")
    assert result.exit_code == 0, result.output
    text = (repo.root / "actions.yaml").read_text(encoding="utf-8")
    assert text.startswith(BLOCK_STYLE)
    assert text[len(BLOCK_STYLE):] == (
        "  - id: grp-002\n    body: group\n    raised: 2026-01-14\n"
        "    description: Write to the ICB.\n    owner:\n      seat: nurse\n"
        "    due: 2026-03-01\n    status: open\n")
    result_check = check(repo.root, date(2026, 2, 1))
    assert [f.message for f in result_check.findings if f.file == "actions.yaml"] == []
    assert [a.id for a in result_check.dataset.actions] == ["grp-001", "grp-002"]


def _action(**fields: Any) -> NewAction:
    base: dict[str, Any] = {"id": "grp-002", "body": "group", "raised": date(2026, 1, 14),
                            "description": "Do it.", "owner_kind": "seat", "owner": "la",
                            "due": date(2026, 2, 1)}
    base.update(fields)
    return NewAction(**base)


def test_append_action_keeps_crlf_bom_and_a_missing_final_newline() -> None:
    text = "\ufeffactions:\r\n- id: grp-001\r\n  body: group\r\n  status: open"
    out = append_action(text, _action())
    assert out.startswith(text + "\r\n- id: grp-002\r\n  body: group\r\n")
    assert "\n" not in out.replace("\r\n", "")


def test_append_action_to_an_empty_list() -> None:
    out = append_action("# Tracker\nactions: []  # none yet\n", _action(id="group-001"))
    assert out.startswith("# Tracker\nactions:  # none yet\n- id: group-001\n")


def test_append_action_refuses_a_file_it_cannot_read() -> None:
    with pytest.raises(ScaffoldError, match="cannot be read"):
        append_action("actions:\n- id: [\n", _action())


def test_next_free_id() -> None:
    actions = [{"id": "sg-001", "body": "sg"}, {"id": "sg-003", "body": "sg"},
               {"id": "sg-900", "body": "sg"}, {"id": "sb-004", "body": "board"},
               {"id": "sab-01", "body": "adults"}, "not an action"]
    assert next_action_id(actions, "sg") == "sg-901"  # after the highest; gaps not reused
    assert next_action_id(actions, "board") == "sb-005"
    assert next_action_id(actions, "adults") == "sab-02"  # keeps the padding in use
    # no actions yet: the body's initials, or its id where another body uses them
    assert next_action_id(actions, "safeguarding-group") == "safeguarding-group-001"
    assert next_action_id([], "cs-steering-group") == "csg-001"
    assert next_action_id(actions, "safe-board") == "safe-board-001"  # 'sb' is taken
    assert next_action_id([], "group") == "group-001"
    # an id used by another body is skipped
    assert next_action_id([{"id": "csg-001", "body": "x"}], "cs-steering-group") == (
        "cs-steering-group-001")


def test_new_action_bad_owner(real: Path) -> None:
    original = (real / "actions.yaml").read_bytes()
    result = run("new", "action", "cs-steering-group", "--meeting", "2026-11-04", "--owner",
                 "police-inspectr", "--due", "2026-12-16", "--description", "x", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert ("'police-inspectr' is neither a seat of CS/SOC Steering Group nor an organisation "
            "id. Did you mean 'police-inspector'?") in result.output
    assert (real / "actions.yaml").read_bytes() == original


def test_new_action_bad_meeting(real: Path) -> None:
    original = (real / "actions.yaml").read_bytes()
    result = run("new", "action", "cs-steering-group", "--meeting", "2026-11-05", "--owner",
                 "police-inspector", "--due", "2026-12-16", "--description", "x", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "CS/SOC Steering Group has no meeting on 2026-11-05" in result.output
    assert "nearest that date: 2026-09-23, 2026-11-04, 2026-12-16" in result.output
    assert (real / "actions.yaml").read_bytes() == original


def test_new_action_due_before_the_meeting(real: Path) -> None:
    result = run("new", "action", "cs-steering-group", "--meeting", "2026-11-04", "--owner",
                 "police-inspector", "--due", "2026-11-01", "--description", "x", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "the due date 2026-11-01 is before the meeting (2026-11-04)" in result.output


# ------------------------------------------------------------------ review


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.ndiff(old.splitlines(), new.splitlines())
            if line[:1] in "+-"]


def test_review_no_bump_changes_only_review_last(real: Path) -> None:
    path = real / "governance/tor/cs-steering-group/1.0.md"
    old = path.read_bytes()
    before = findings(real)
    assert any(f[2] == "TR002" and f[0] == "governance/tor/cs-steering-group/1.0.md"
               for f in before)
    result = run("review", "cs-steering-group", "--date", "2026-11-04", "--no-bump", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 0, result.output
    new = path.read_bytes()
    assert len(new) == len(old)
    assert _changed_lines(old.decode(), new.decode()) == [
        "- review: {every: 12 months, last: 2026-01-21}",
        "+ review: {every: 12 months, last: 2026-11-04}"]
    assert old.replace(b"last: 2026-01-21", b"last: 2026-11-04") == new
    after = findings(real)
    assert new_findings(before, after) == []
    assert not any(f[2] == "TR002" and f[0] == "governance/tor/cs-steering-group/1.0.md"
                   for f in after)
    assert not list(path.parent.glob(".*"))  # no temporary file left behind


def test_review_no_bump_refuses_an_earlier_date(real: Path) -> None:
    result = run("review", "cs-steering-group", "--date", "2026-01-01", "--no-bump", "--path",
                 str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "already reviewed on 2026-01-21" in result.output


def test_review_with_bump_and_approval_creates_the_next_version(real: Path) -> None:
    folder = real / "governance/tor/cs-steering-group"
    before = findings(real)
    result = run("review", "cs-steering-group", "--date", "2026-09-16", "--approved-by",
                 "lscp-executive", "--note", "Reviewed; no changes.", "--path", str(real),
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    old = (folder / "1.0.md").read_text(encoding="utf-8")
    new = (folder / "1.1.md").read_text(encoding="utf-8")
    changed = _changed_lines(old, new)
    assert [line for line in changed if line[0] == "-"] == [
        "- # Terms of reference of the Contextual Safeguarding Steering Group, version 1.0.",
        '- version: "1.0"',
        "- in_force_from: 2024-10-01",
        "- approved: {date: 2024-09-18, by: lscp-executive}",
        "- review: {every: 12 months, last: 2026-01-21}",
        "- change_note: First version of the terms of reference."]
    assert [line for line in changed if line[0] == "+"] == [
        "+ # Terms of reference of the Contextual Safeguarding Steering Group, version 1.1.",
        '+ version: "1.1"',
        "+ in_force_from: 2026-09-16",
        "+ approved: {date: 2026-09-16, by: lscp-executive, at_meeting: true}",
        "+ review: {every: 12 months, last: 2026-09-16}",
        "+ change_note: Reviewed; no changes."]
    after = findings(real)
    assert new_findings(before, after) == []
    assert not any(f[2] in ("TR001", "TR002") and "cs-steering-group" in f[0] for f in after)


def test_review_with_bump_without_approval_is_a_draft(real: Path) -> None:
    result = run("review", "cs-steering-group", "--date", "2026-11-04", "--path", str(real),
                 "--today", TODAY)
    assert result.exit_code == 0, result.output
    rel = "governance/tor/cs-steering-group/1.1.md"
    front = yaml.safe_load((real / rel).read_text(encoding="utf-8").split("---\n")[1])
    assert front["status"] == "draft"
    assert "approved" not in front
    assert front["change_note"] == "Reviewed on 2026-11-04; no changes to version 1.0."
    assert [(f[0], f[2]) for f in findings(real) if f[0] == rel] == [(rel, "TR003")]
    assert "version 1.1 of cs-steering-group is a draft awaiting approval" in result.output
    # a second review cannot silently create 1.2 from 1.0 while the draft 1.1 waits
    again = run("review", "cs-steering-group", "--date", "2026-11-05", "--path", str(real),
                "--today", TODAY)
    assert again.exit_code == 2
    assert "version 1.1 of cs-steering-group" in again.output


def test_review_of_a_block_style_tor(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    before = findings(repo.root, "2026-02-01")
    result = run("review", "group", "--date", "2026-01-14", "--approved-by", "group",
                 "--path", str(repo.root), "--today", "2026-02-01")
    assert result.exit_code == 0, result.output
    new = (repo.root / "governance/tor/group/1.1.md").read_text(encoding="utf-8")
    assert "approved:\n  date: 2026-01-14\n  by: group\n  at_meeting: true\n" in new
    assert new_findings(before, findings(repo.root, "2026-02-01")) == []


def test_review_options_that_do_not_go_together(real: Path) -> None:
    result = run("review", "cs-steering-group", "--date", "2026-11-04", "--no-bump", "--note",
                 "x", "--path", str(real), "--today", TODAY)
    assert result.exit_code == 2
    result = run("review", "cs-steering-group", "--date", "2026-12-01", "--path", str(real),
                 "--today", TODAY)
    assert result.exit_code == 2
    assert "in the future" in result.output
    result = run("review", "cs-steering-group", "--date", "2026-11-04", "--approved-by",
                 "lscp-exec", "--path", str(real), "--today", TODAY)
    assert result.exit_code == 2
    assert "Did you mean 'lscp-executive'?" in result.output


def test_next_minor_version() -> None:
    assert [next_minor(v) for v in ("1.0", "1.9", "2", "1.2.3")] == ["1.1", "1.10", "2.1",
                                                                     "1.2.4"]


# ------------------------------------------------------------------ the writer


def test_write_atomic(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "file.md"
    write_atomic(path, "one\n", overwrite=False)
    assert path.read_text(encoding="utf-8") == "one\n"
    with pytest.raises(ScaffoldError, match="already exists"):
        write_atomic(path, "two\n", overwrite=False)
    os.chmod(path, 0o640)
    write_atomic(path, "two\r\n", overwrite=True)
    assert path.read_bytes() == b"two\r\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.md"]


def test_write_atomic_leaves_no_file_when_it_fails(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.md"
    path.write_text("old\n", encoding="utf-8")

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.md"]


# ------------------------------------------------------------------ editor tooling


def test_vscode_settings_map_every_schema_to_existing_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas: dict[str, list[str] | str] = settings["yaml.schemas"]
    assert {Path(s).name for s in schemas} >= {
        "organisations.schema.json", "body.schema.json", "actions.schema.json",
        "partnerships.schema.json", "config.schema.json"}
    files = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.yaml")
             if not {".venv", ".git", "tests"} & set(p.relative_to(ROOT).parts)]
    for schema, globs in schemas.items():
        assert (ROOT / schema).is_file(), schema
        json.loads((ROOT / schema).read_text(encoding="utf-8"))
        for pattern in [globs] if isinstance(globs, str) else globs:
            assert fnmatch.filter(files, pattern), f"{pattern} matches no file"
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_runs_minutebook_check_locally() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    (hook,) = config["repos"][0]["hooks"]
    assert hook["entry"] == "minutebook check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False


def test_front_matter_lines_may_end_in_spaces() -> None:
    """As the loader reads them (and MkDocs): '--- ' opens and closes front matter too."""
    from minutebook.scaffold import front_matter_bounds

    text = "--- \nversion: '1.0'\n---\t\nThe text.\n"
    start, end = front_matter_bounds(text)
    assert text[start:end] == "version: '1.0'\n"
