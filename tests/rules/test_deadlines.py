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


# ---------------------------------------------------------------- nations: body, partnership, repository
# 2 January is a bank holiday in Scotland, not in England and Wales. Five working days
# before Friday 9 January 2026 is Friday 2 January in England and Wales, and Wednesday
# 31 December 2025 in Scotland (1 and 2 January skipped).

PARTNERSHIP = {"id": "northshire-scp", "name": "Northshire Partnership",
               "framework": "working-together-2023"}


def _new_year_papers(repo: MiniRepo, circulated: str) -> None:
    repo.tor["deadlines"] = PAPERS_5WD
    repo.meeting("2026-01-09", milestones={"papers-circulated": circulated})


def test_dl001_pass_english_body_papers_on_2_january(repo: MiniRepo) -> None:
    _new_year_papers(repo, "2026-01-02")
    assert repo.rule_messages("DL001") == []


def test_dl001_fail_scottish_body_papers_on_2_january(repo: MiniRepo) -> None:
    repo.body["nation"] = "scotland"
    _new_year_papers(repo, "2026-01-02")
    found = repo.rule_findings("DL001")
    assert [f.message for f in found] == [
        ("papers circulated on 2026-01-02 for the meeting on 2026-01-09: due by 2025-12-31 "
         "(5 working days before the meeting), 2 day(s) late")]


def test_dl001_pass_scottish_body_papers_on_31_december(repo: MiniRepo) -> None:
    repo.body["nation"] = "scotland"
    _new_year_papers(repo, "2025-12-31")
    assert repo.rule_messages("DL001") == []


def test_dl001_fail_scottish_partnership_gives_its_bodies_its_bank_holidays(
        repo: MiniRepo) -> None:
    repo.partnerships = [{**PARTNERSHIP, "nation": "scotland"}]
    repo.body["partnership"] = "northshire-scp"
    _new_year_papers(repo, "2026-01-02")
    assert [f.message for f in repo.rule_findings("DL001")] == [
        ("papers circulated on 2026-01-02 for the meeting on 2026-01-09: due by 2025-12-31 "
         "(5 working days before the meeting), 2 day(s) late")]


def test_dl001_pass_body_nation_overrides_partnership_and_repository(repo: MiniRepo) -> None:
    repo.config = {"nation": "scotland"}
    repo.partnerships = [{**PARTNERSHIP, "nation": "scotland"}]
    repo.body["partnership"] = "northshire-scp"
    repo.body["nation"] = "england-and-wales"
    _new_year_papers(repo, "2026-01-02")
    assert repo.rule_messages("DL001") == []


def test_dl001_two_nations_in_one_repository(repo: MiniRepo) -> None:
    """A Scottish committee beside an English board: the same papers date is late for one
    and on time for the other."""
    repo.extra_bodies.append({**repo.body, "id": "committee", "name": "Child Protection "
                              "Committee", "nation": "scotland"})
    _new_year_papers(repo, "2026-01-02")
    repo.meeting("2026-01-09", body="committee", milestones={"papers-circulated": "2026-01-02"})
    found = repo.rule_findings("DL001")
    assert [(f.file, f.message.split(":")[1]) for f in found] == [
        ("meetings/committee/2026-01-09.md",
         " due by 2025-12-31 (5 working days before the meeting), 2 day(s) late")]


def test_dl002_scottish_body_deadline_passed_a_day_earlier(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = PAPERS_5WD
    repo.meeting("2026-01-09", status="scheduled")
    del repo.meetings[("group", "2026-01-09")]["attendance"]
    assert repo.rule_messages("DL002", today="2026-01-01") == []
    repo.body["nation"] = "scotland"
    assert repo.rule_messages("DL002", today="2026-01-01") == [
        ("the meeting on 2026-01-09 does not record when the papers circulated happened "
         "(due by 2025-12-31)")]


def test_nation_of_an_unknown_partnership_falls_back_to_the_repository(repo: MiniRepo) -> None:
    repo.config = {"nation": "scotland"}
    repo.body["partnership"] = "nowhere"
    _new_year_papers(repo, "2026-01-02")
    assert len(repo.findings("DL001")) == 1
