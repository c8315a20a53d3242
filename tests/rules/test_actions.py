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
