"""The everyday changes in one step (issue 19, item 4): ``minutebook action done``,
``action extend``, ``action update``, ``minutebook chair`` and ``review --approved-by`` of
an existing draft, run on copies of real files; each asserts the file written (comments
and layout kept, only the intended lines changed) and that the check finds nothing new."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli

TODAY = "2026-11-25"
BOARD = "governance/bodies/cs-soc-strategic-board.yaml"


def run(root: Path, *args: str, today: str = TODAY) -> Result:
    return CliRunner().invoke(cli, [*args, "--path", str(root), "--today", today],
                              catch_exceptions=False)


def findings(root: Path, today: str = TODAY) -> list[tuple[str, str, str]]:
    return [(f.file, f.code, f.message) for f in check(root, date.fromisoformat(today)).findings]


def changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def action(root: Path, action_id: str) -> dict:
    data = yaml.safe_load((root / "actions.yaml").read_text(encoding="utf-8"))
    return next(a for a in data["actions"] if a["id"] == action_id)


@pytest.fixture
def actions(content: Path) -> tuple[Path, str, list]:
    """The copy, with a comment added among the actions (it must stay), its text and
    its findings before the change."""
    path = content / "actions.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "- id: sg-014\n", "# sg-014 is chased by the business support officer\n- id: sg-014\n")
    path.write_text(text, encoding="utf-8")
    return content, text, findings(content)


# ---------------------------------------------------------------- action done / extend / update


def test_action_done_between_meetings(actions: tuple[Path, str, list]) -> None:
    root, before, found = actions
    result = run(root, "action", "done", "sg-013", "--on", "2026-11-20", "--by", "email",
                 "--note", "Report received by e-mail.")
    assert result.exit_code == 0, result.output
    assert "Closed action sg-013 on 2026-11-20" in result.output
    assert "The check found nothing to fix in action sg-013." in result.output
    after = (root / "actions.yaml").read_text(encoding="utf-8")
    assert changed(before, after) == [
        "-  status: open", "+  status: done", "+  closed: 2026-11-20", "+  updates:",
        "+  - date: 2026-11-20", "+    by: email", "+    note: Report received by e-mail.",
        "+    status: done"]
    assert "# sg-014 is chased by the business support officer\n" in after
    assert findings(root) == found


def test_action_done_on_a_meeting_day_is_the_meetings(actions: tuple[Path, str, list]) -> None:
    root, _, found = actions
    result = run(root, "action", "done", "sg-013", "--on", "2026-11-04")
    assert result.exit_code == 0, result.output
    assert action(root, "sg-013")["updates"] == [
        {"meeting": date(2026, 11, 4), "note": "Done.", "status": "done"}]
    assert findings(root) == found


def test_action_extend_keeps_the_original_due_date(actions: tuple[Path, str, list]) -> None:
    root, _before, found = actions
    result = run(root, "action", "extend", "sg-014", "--to", "2027-01-20", "--reason",
                 "Data not yet validated.", "--on", "2026-11-24", "--by", "owner")
    assert result.exit_code == 0, result.output
    a = action(root, "sg-014")
    assert a["due"] == date(2026, 12, 9)  # as first agreed
    assert a["updates"] == [{"date": date(2026, 11, 24), "by": "owner", "due": date(2027, 1, 20),
                             "note": "Due date moved from 9 December 2026 to 20 January 2027: "
                                     "Data not yet validated."}]
    loaded = check(root, date(2027, 1, 5))
    assert loaded.dataset is not None
    assert next(x for x in loaded.dataset.actions if x.id == "sg-014").current_due == \
        date(2027, 1, 20)
    assert "# sg-014 is chased" in (root / "actions.yaml").read_text(encoding="utf-8")
    assert findings(root) == found


def test_action_update_by_the_chair(actions: tuple[Path, str, list]) -> None:
    root, _, found = actions
    result = run(root, "action", "update", "sb-008", "--note", "Pathway sent to partners.",
                 "--by", "chair", "--on", "2026-11-10")
    assert result.exit_code == 0, result.output
    assert action(root, "sb-008")["updates"] == [
        {"date": date(2026, 11, 10), "by": "chair", "note": "Pathway sent to partners."}]
    assert action(root, "sb-008")["status"] == "open"
    assert findings(root) == found


def test_action_update_appends_after_existing_updates(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.action(due="2026-06-30", updates=[{"meeting": "2026-02-25", "note": "On track."}])
    repo.write()
    result = run(repo.root, "action", "update", "a-1", "--note", "Draft shared: see the note",
                 "--on", "2026-03-03", "--by", "email", today="2026-03-05")
    assert result.exit_code == 0, result.output
    text = (repo.root / "actions.yaml").read_text(encoding="utf-8")
    assert text.endswith("  updates:\n  - meeting: '2026-02-25'\n    note: On track.\n"
                         "  - date: 2026-03-03\n    by: email\n"
                         "    note: \"Draft shared: see the note\"\n")
    assert repo.problems("2026-03-05") == []


@pytest.mark.parametrize(("args", "message"), [
    (("done", "sg-13"), "there is no action 'sg-13' in actions.yaml. Did you mean 'sg-013'"),
    (("done", "sg-013", "--on", "2026-10-01"), "is before action sg-013 was raised"),
    (("done", "sg-013", "--on", "2026-12-01"), "is in the future"),
    (("done", "sg-001"), "action sg-001 is already done"),
    (("extend", "sg-014", "--to", "2026-12-01", "--reason", "x"),
     "the new due date 2026-12-01 is not later than the current one (2026-12-09)"),
    (("extend", "sg-014", "--to", "2027-01-20", "--reason", " "), "--reason is empty"),
    (("update", "sg-014", "--note", "x", "--on", "25/11/2026"), "year-month-day"),
])
def test_action_commands_refuse_bad_input(content: Path, args: tuple[str, ...],
                                          message: str) -> None:
    before = (content / "actions.yaml").read_bytes()
    result = run(content, "action", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert (content / "actions.yaml").read_bytes() == before


def test_action_command_refuses_a_linked_tracker(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    (content / "actions.yaml").rename(outside)
    (content / "actions.yaml").symlink_to(outside)
    before = outside.read_bytes()
    result = run(content, "action", "done", "sg-013")
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.output
    assert outside.read_bytes() == before


# ---------------------------------------------------------------- chair


def test_chair_ends_the_previous_term_the_day_before(content: Path) -> None:
    path = content / BOARD
    before_text = path.read_text(encoding="utf-8")
    found = findings(content)
    result = run(content, "chair", "cs-soc-strategic-board", "--seat",
                 "director-childrens-services", "--from", "2026-11-01", "--how", "appointed")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert changed(before_text, after) == [
        "-  - {role: chair, seat: police-superintendent, from: 2023-04-01, how: appointed}",
        ("+  - {role: chair, seat: police-superintendent, from: 2023-04-01, how: appointed, "
        "until: 2026-10-31}"),
        ("+  - {role: chair, seat: director-childrens-services, from: 2026-11-01, "
        "how: appointed}")]
    assert after.startswith("# ILLUSTRATIVE: the parent board")
    assert findings(content) == found


def test_chair_in_a_block_style_file_and_no_overlap_after(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2025-01-01"}]
    repo.meeting("2026-01-14")
    repo.write()
    body = repo.root / "governance/bodies/group.yaml"
    body.write_text("# the group\n" + body.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(repo.root, "chair", "group", "--seat", "pol", "--from", "2026-02-01",
                 today="2026-03-01")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(body.read_text(encoding="utf-8"))
    assert data["chair_terms"] == [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": date(2026, 1, 31)},
        {"role": "chair", "seat": "pol", "from": date(2026, 2, 1)}]
    assert body.read_text(encoding="utf-8").startswith("# the group\n")
    assert [f for f in findings(repo.root, "2026-03-01") if f[1] in ("CH013", "CH017")] == []


def test_chair_says_what_planned_end_it_replaced(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2025-01-01",
                                 "until": "2027-03-31"}]
    repo.write()
    result = run(repo.root, "chair", "group", "--seat", "pol", "--from", "2026-11-01",
                 today="2026-10-20")
    assert result.exit_code == 0, result.output
    assert ("The previous term was planned to end on 31 March 2027; it now ends on "
            "31 October 2026.") in result.output
    data = yaml.safe_load((repo.root / "governance/bodies/group.yaml").read_text())
    assert data["chair_terms"][0]["until"] == date(2026, 10, 31)
    # a term without a planned end: nothing replaced, nothing said about it
    result = run(repo.root, "chair", "group", "--seat", "nurse", "--from", "2026-11-15",
                 today="2026-10-20")
    assert result.exit_code == 0, result.output
    assert "Ended the term of pol as chair (from 2026-11-01) on 2026-11-14." in result.output
    assert "planned to end" not in result.output


def test_chair_vice_chair_with_places_left_ends_nothing(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "appointed", "vice_chairs": {"max": 2}}
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2025-01-01"},
                                {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"}]
    repo.write()
    result = run(repo.root, "chair", "group", "--seat", "nurse", "--from", "2026-02-01",
                 "--office", "vice-chair", today="2026-03-01")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((repo.root / "governance/bodies/group.yaml").read_text())
    assert [t.get("until") for t in data["chair_terms"]] == [None, None, None]


@pytest.mark.parametrize(("args", "message"), [
    (("cs-soc-strategic-board", "--seat", "police-superintendant", "--from", "2026-11-01"),
     "Did you mean 'police-superintendent'?"),
    (("cs-soc-board", "--seat", "dcs", "--from", "2026-11-01"),
     "Did you mean 'cs-soc-strategic-board'?"),
    (("cs-soc-strategic-board", "--seat", "police-superintendent", "--from", "2026-11-01"),
     "police-superintendent already holds the office of chair on 2026-11-01"),
    (("cs-soc-strategic-board", "--seat", "youth-justice-head", "--from", "2026-11-01",
      "--office", "treasurer"), "'treasurer' is not an office"),
    (("cs-soc-strategic-board", "--seat", "youth-justice-head", "--from", "2022-11-01"),
     "was established on 2023-04-01, after 2022-11-01"),
    (("cs-steering-group", "--seat", "designated-nurse", "--from", "2026-06-01"),
     "a term of chair from 2026-10-01 (youth-justice) is recorded after 2026-06-01"),
])
def test_chair_refuses_bad_input(content: Path, args: tuple[str, ...], message: str) -> None:
    before = (content / BOARD).read_bytes()
    result = run(content, "chair", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert (content / BOARD).read_bytes() == before


def test_chair_refuses_a_linked_body_file(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "board.yaml"
    (content / BOARD).rename(outside)
    (content / BOARD).symlink_to(outside)
    before = outside.read_bytes()
    result = run(content, "chair", "cs-soc-strategic-board", "--seat", "youth-justice-head",
                 "--from", "2026-11-01")
    assert result.exit_code == 2, result.output
    assert outside.read_bytes() == before


# ---------------------------------------------------------------- review approves a draft


def test_review_approves_the_existing_draft(content: Path) -> None:
    found = findings(content)
    draft = run(content, "review", "cs-steering-group", "--date", "2026-11-04")
    assert draft.exit_code == 0, draft.output
    rel = content / "governance/tor/cs-steering-group/1.1.md"
    written = rel.read_text(encoding="utf-8")
    result = run(content, "review", "cs-steering-group", "--date", "2026-11-20",
                 "--approved-by", "lscp-executive")
    assert result.exit_code == 0, result.output
    assert "Approved the draft" in result.output
    after = rel.read_text(encoding="utf-8")
    assert sorted(changed(written, after)) == [
        "+approved: {date: 2026-11-20, by: lscp-executive}", "+in_force_from: 2026-11-20",
        "+status: approved", "-in_force_from: 2026-11-04", "-status: draft"]
    assert not (content / "governance/tor/cs-steering-group/1.2.md").exists()
    assert [f for f in findings(content) if f not in found] == []
    # the review is no longer awaited: the version in force was reviewed on 2026-11-04
    assert len(findings(content)) < len(found)


def test_review_approving_a_draft_keeps_its_byte_order_mark_and_line_ends(
        content: Path) -> None:
    assert run(content, "review", "cs-steering-group", "--date", "2026-11-04").exit_code == 0
    rel = content / "governance/tor/cs-steering-group/1.1.md"
    text = rel.read_text(encoding="utf-8")
    rel.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    result = run(content, "review", "cs-steering-group", "--date", "2026-11-20",
                 "--approved-by", "lscp-executive")
    assert result.exit_code == 0, result.output
    after = rel.read_bytes()
    assert after.startswith("\ufeff---".encode())
    assert b"\r\nstatus: approved\r\n" in after
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_review_refuses_two_drafts(content: Path) -> None:
    assert run(content, "review", "cs-steering-group", "--date", "2026-11-04").exit_code == 0
    folder = content / "governance/tor/cs-steering-group"
    text = (folder / "1.1.md").read_text(encoding="utf-8")
    (folder / "1.2.md").write_text(text.replace('version: "1.1"', 'version: "1.2"'),
                                   encoding="utf-8")
    result = run(content, "review", "cs-steering-group", "--date", "2026-11-20",
                 "--approved-by", "lscp-executive")
    assert result.exit_code == 2, result.output
    assert "has 2 draft versions after version 1.0 (1.1, 1.2)" in result.output


def test_review_without_approval_says_how_to_approve_the_draft(content: Path) -> None:
    assert run(content, "review", "cs-steering-group", "--date", "2026-11-04").exit_code == 0
    again = run(content, "review", "cs-steering-group", "--date", "2026-11-05")
    assert again.exit_code == 2
    assert "approve it with --approved-by BODY" in again.output


# ---------------------------------------------------------------- published


def test_update_between_meetings_on_the_site_and_in_the_open_data(repo: MiniRepo) -> None:
    import json

    from minutebook.site.opendata import export
    from minutebook.site.pages import render_site

    repo.meeting("2026-01-14")
    repo.action(due="2026-06-30", updates=[
        {"date": "2026-02-10", "by": "email", "note": "Draft shared with partners."}])
    result = repo.check("2026-03-01")
    pages = render_site(result).pages
    tracker = next(text for path, text in pages.items()
                   if "Draft shared with partners." in text)
    assert "<li>10 February 2026 (email): Draft shared with partners.</li>" in tracker
    assert "meetings/group/2026-02-10" not in "".join(pages.values())
    files = export(result, "public")
    data = json.loads(next(v for k, v in files.items() if k.endswith(".json")))
    assert data["actions"][0]["updates"] == [
        {"date": "2026-02-10", "by": "email", "note": "Draft shared with partners."}]
