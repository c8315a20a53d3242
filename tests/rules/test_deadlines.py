"""DL: papers, agendas and draft minutes on time, in calendar or working days.

Easter 2026: Good Friday is 3 April and Easter Monday 6 April, both bank holidays in
England (Easter Monday is not one in Scotland). Five working days before Wednesday
8 April 2026 in England is therefore Monday 30 March.
"""

from __future__ import annotations

from minirepo import MiniRepo

PAPERS_5WD = [{"milestone": "papers-circulated", "due": "5 working days before the meeting"}]


def _papers(repo: MiniRepo, circulated: str, due: str = "5 working days before the meeting",
            **deadline: str) -> None:
    repo.tor["deadlines"] = [{"milestone": "papers-circulated", "due": due, **deadline}]
    repo.meeting("2026-04-08", milestones={"papers-circulated": circulated})


# ---------------------------------------------------------------- DL001 deadline-missed


def test_dl001_pass_papers_due_across_easter_weekend_on_time(repo: MiniRepo) -> None:
    _papers(repo, "2026-03-30")
    assert repo.rule_messages("DL001") == []


def test_dl001_fail_papers_due_across_easter_weekend_one_day_late(repo: MiniRepo) -> None:
    _papers(repo, "2026-03-31")
    found = repo.rule_findings("DL001")
    assert [f.message for f in found] == [
        ("papers circulated on 2026-03-31 for the meeting on 2026-04-08: due by 2026-03-30 "
         "(5 working days before the meeting), 1 day(s) late")]
    assert found[0].severity == "warning"
    assert found[0].file == "meetings/group/2026-04-08.md"


def test_dl001_pass_scotland_has_no_easter_monday_holiday(repo: MiniRepo) -> None:
    repo.config = {"nation": "scotland"}
    _papers(repo, "2026-03-31")
    assert repo.rule_messages("DL001") == []


def test_dl001_fail_closure_day_skipped(repo: MiniRepo) -> None:
    repo.config = {"closure_days": ["2026-03-30"]}
    _papers(repo, "2026-03-30")
    assert repo.rule_messages("DL001") == [
        ("papers circulated on 2026-03-30 for the meeting on 2026-04-08: due by 2026-03-27 "
         "(5 working days before the meeting), 3 day(s) late")]


def test_dl001_pass_calendar_day_deadline_on_the_day(repo: MiniRepo) -> None:
    _papers(repo, "2026-04-01", due="7 days before the meeting")
    assert repo.rule_messages("DL001") == []


def test_dl001_fail_calendar_day_deadline_one_day_late(repo: MiniRepo) -> None:
    _papers(repo, "2026-04-02", due="7 days before the meeting", label="Papers")
    assert repo.rule_messages("DL001") == [
        ("Papers on 2026-04-02 for the meeting on 2026-04-08: due by 2026-04-01 "
         "(7 days before the meeting), 1 day(s) late")]


def test_dl001_fail_draft_minutes_after_the_meeting(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = [{"milestone": "draft-minutes-circulated",
                              "due": "10 working days after the meeting"}]
    repo.meeting("2026-04-08", milestones={"draft-minutes-circulated": "2026-04-22"})
    repo.meeting("2026-05-20", milestones={"draft-minutes-circulated": "2026-06-05"})
    assert repo.rule_messages("DL001", today="2026-06-10") == [
        ("draft minutes circulated on 2026-06-05 for the meeting on 2026-05-20: due by "
         "2026-06-04 (10 working days after the meeting), 1 day(s) late")]


# ---------------------------------------------------------------- DL002 milestone-not-recorded


def test_dl002_pass_milestone_recorded(repo: MiniRepo) -> None:
    _papers(repo, "2026-03-30")
    assert repo.rule_messages("DL002") == []


def test_dl002_pass_scheduled_meeting_before_its_deadline(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = [*PAPERS_5WD, {"milestone": "draft-minutes-circulated",
                                           "due": "10 working days after the meeting"}]
    repo.meeting("2026-06-10", status="scheduled")  # papers due 2026-06-03
    assert repo.rule_messages("DL002", today="2026-06-03") == []


def test_dl002_fail_held_meeting_without_milestone(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = PAPERS_5WD
    repo.meeting("2026-04-08")
    found = repo.rule_findings("DL002")
    assert [f.message for f in found] == [
        ("the meeting on 2026-04-08 does not record when the papers circulated happened "
         "(due by 2026-03-30)")]
    assert found[0].severity == "warning"


def test_dl002_fail_scheduled_meeting_after_its_papers_deadline(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = PAPERS_5WD
    repo.meeting("2026-06-10", status="scheduled")
    assert repo.rule_messages("DL002", today="2026-06-04") == [
        ("the meeting on 2026-06-10 does not record when the papers circulated happened "
         "(due by 2026-06-03)")]
