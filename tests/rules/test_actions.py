"""AC: the action tracker kept and reviewed."""

from __future__ import annotations

from typing import Any

from minirepo import MiniRepo

BOARD: dict[str, Any] = {"id": "board", "name": "Partnership Board", "kind": "board",
                         "tor": "group", "seats": [{"id": "la", "organisation": "council"}]}


# ---------------------------------------------------------------- AC001 action-overdue


def test_ac001_pass_due_today_or_rescheduled_or_done(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.action(due="2026-06-01")
    repo.action(due="2026-02-01", updates=[{"meeting": "2026-02-25", "note": "Delayed.",
                                            "due": "2026-07-01"}])
    repo.action(due="2026-02-01", status="done", closed="2026-02-25")
    assert repo.rule_messages("AC001", today="2026-06-01") == []


def test_ac001_fail_open_action_past_due(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(due="2026-05-31")
    found = repo.rule_findings("AC001", today="2026-06-01")
    assert [f.message for f in found] == ["action a-1 was due on 2026-05-31 and is still open"]
    assert found[0].severity == "warning"
    assert found[0].file == "actions.yaml"


def test_ac001_fail_rescheduled_due_date_passed(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.action(due="2026-02-01", updates=[{"meeting": "2026-02-25", "note": "Delayed.",
                                            "due": "2026-04-30"}])
    assert repo.rule_messages("AC001", today="2026-06-01") == [
        "action a-1 was due on 2026-04-30 and is still open"]


# ---------------------------------------------------------------- AC002 action-not-reviewed


def _review_setup(repo: MiniRepo) -> None:
    repo.tor["actions"] = {"review_at_next_meeting": True}
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-04", status="cancelled", cancelled_reason="Snow.")
    repo.meeting("2026-02-25")


def test_ac002_pass_reviewed_at_first_held_meeting(repo: MiniRepo) -> None:
    _review_setup(repo)
    repo.action(due="2026-06-30",
                updates=[{"meeting": "2026-02-25", "note": "On track."}])
    assert repo.rule_messages("AC002") == []


def test_ac002_fail_not_reviewed_at_first_held_meeting(repo: MiniRepo) -> None:
    # the update names the cancelled meeting: the first held one after 2026-01-14 is 02-25
    _review_setup(repo)
    repo.action(due="2026-06-30", updates=[{"meeting": "2026-02-04", "note": "Deferred."}])
    found = repo.rule_findings("AC002")
    assert [f.message for f in found] == [
        "action a-1 (raised 2026-01-14) has no update from the next meeting on 2026-02-25"]
    assert found[0].severity == "warning"


def test_ac002_pass_closed_before_the_next_meeting(repo: MiniRepo) -> None:
    _review_setup(repo)
    repo.action(status="done", closed="2026-02-01")
    assert repo.rule_messages("AC002") == []


def test_ac002_pass_next_meeting_not_yet_held(repo: MiniRepo) -> None:
    repo.tor["actions"] = {"review_at_next_meeting": True}
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="scheduled")
    repo.action(due="2026-06-30")
    assert repo.rule_messages("AC002", today="2026-02-20") == []


def test_ac002_pass_tor_does_not_ask_for_review(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.action(due="2026-06-30")
    assert repo.rule_messages("AC002") == []


# ---------------------------------------------------------------- AC003 escalation-target


def test_ac003_pass_escalated_to_existing_body(repo: MiniRepo) -> None:
    repo.extra_bodies.append(BOARD)
    repo.meeting("2026-01-14")
    repo.action(status="escalated", escalated_to="board")
    assert repo.rule_messages("AC003") == []


def test_ac003_fail_escalated_to_missing_body(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="escalated", escalated_to="board")
    found = repo.rule_findings("AC003")
    assert [f.message for f in found] == [
        "action a-1 is escalated to 'board', which is not a body"]
    assert found[0].severity == "error"


def test_ac003_fail_escalated_nowhere_or_to_own_body(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="escalated")
    repo.action(status="escalated", escalated_to="group")
    assert repo.rule_messages("AC003") == [
        "action a-1 is escalated but does not say to which body",
        "action a-2 is escalated to its own body",
    ]


# ---------------------------------------------------------------- AC004 closed-action-dates


def test_ac004_pass_closed_and_open_actions_dated_correctly(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="done", closed="2026-06-01")
    repo.action(status="dropped", closed="2026-02-01")
    repo.action()
    assert repo.rule_messages("AC004", today="2026-06-01") == []


def test_ac004_fail_done_without_closed_date(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="done")
    found = repo.rule_findings("AC004")
    assert [f.message for f in found] == ["action a-1 is done but has no closed: date"]
    assert found[0].severity == "warning"


def test_ac004_fail_closed_in_future_or_open_with_closed(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="dropped", closed="2026-06-02")
    repo.action(closed="2026-02-01")
    assert repo.rule_messages("AC004", today="2026-06-01") == [
        "action a-1 is closed on a future date (2026-06-02)",
        "action a-2 is open but has a closed: date",
    ]


def test_ac005_pass_closed_on_the_day_it_was_raised(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="done", closed="2026-01-14")
    assert repo.rule_messages("AC005") == []


def test_ac005_fail_closed_before_it_was_raised(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(status="done", closed="2026-01-13")
    found = repo.rule_findings("AC005")
    assert [f.message for f in found] == [
        "action a-1 is closed on 2026-01-13, before it was raised on 2026-01-14"]
    assert (found[0].severity, found[0].kind) == ("error", "record")


# ---------------------------------------------------------------- updates between meetings


def test_ac002_pass_update_by_email_before_the_next_meeting(repo: MiniRepo) -> None:
    _review_setup(repo)
    repo.action(due="2026-06-30",
                updates=[{"date": "2026-02-10", "by": "email", "note": "On track."}])
    assert repo.rule_messages("AC002") == []


def test_ac002_pass_update_by_the_chair_on_the_next_meeting_day(repo: MiniRepo) -> None:
    _review_setup(repo)
    repo.action(due="2026-06-30",
                updates=[{"date": "2026-02-25", "by": "chair", "note": "Reported."}])
    assert repo.rule_messages("AC002") == []


def test_ac002_fail_update_between_meetings_only_after_the_next_meeting(
        repo: MiniRepo) -> None:
    _review_setup(repo)
    repo.action(due="2026-06-30",
                updates=[{"date": "2026-03-02", "by": "email", "note": "Late reply."}])
    assert repo.rule_messages("AC002") == [
        "action a-1 (raised 2026-01-14) has no update from the next meeting on 2026-02-25"]


def test_ac001_pass_extended_between_meetings(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(due="2026-02-01", updates=[{"date": "2026-01-30", "by": "owner",
                                            "note": "More time.", "due": "2026-07-01"}])
    assert repo.rule_messages("AC001", today="2026-06-01") == []


def test_ac001_fail_later_update_written_first_sets_the_due_date(repo: MiniRepo) -> None:
    # the file order is not the order of events: the update dated later wins
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.action(due="2026-02-01", updates=[
        {"meeting": "2026-02-25", "note": "Moved again.", "due": "2026-05-01"},
        {"date": "2026-01-30", "by": "email", "note": "More time.", "due": "2026-07-01"}])
    assert repo.rule_messages("AC001", today="2026-06-01") == [
        "action a-1 was due on 2026-05-01 and is still open"]


def test_rf001_pass_update_between_meetings_names_no_meeting(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(updates=[{"date": "2026-01-20", "by": "email", "note": "Started."}])
    assert repo.rule_messages("RF001") == []


def test_rf004_fail_update_between_meetings_before_raised(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(updates=[{"date": "2026-01-02", "by": "email", "note": "Started."}])
    found = repo.rule_findings("RF004")
    assert [f.message for f in found] == [
        "action a-1 has an update from 2026-01-02, before it was raised (2026-01-14)"]
    assert found[0].path.endswith(".date")


def test_schema_update_needs_a_meeting_or_a_date_and_how(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(updates=[{"date": "2026-01-20", "note": "No how."}])
    repo.action(updates=[{"meeting": "2026-01-14", "date": "2026-01-20", "by": "email",
                          "note": "Both."}])
    repo.action(updates=[{"date": "2026-01-20", "by": "email", "note": "Fine."}])
    found = [f for f in repo.check().findings if f.category == "schema"]
    assert sorted(f.path.split(".updates")[0] for f in found) == [
        "$.actions[0]", "$.actions[1]"]
