"""CA: does the body meet as often as its ToR says?"""

from __future__ import annotations

from minirepo import MiniRepo, where

SIX_WEEKS = {"every": "6 weeks", "tolerance": "7 days"}
FOUR_A_YEAR = {"per_year": {"min": 4, "year_starts": "04-01"}}


# ---------------------------------------------------------------- CA001 meeting-gap


def test_ca001_pass_gap_exactly_interval_plus_tolerance(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-03-04")  # 6 weeks and 7 days: 49 days
    assert repo.rule_messages("CA001", today="2026-03-10") == []


def test_ca001_fail_gap_one_day_over(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-03-05")
    found = repo.rule_findings("CA001", today="2026-03-10")
    assert [f.message for f in found] == [
        ("50 days passed between the meetings of 14 January 2026 and 5 March 2026; the ToR "
         "allows 6 weeks plus 7 days")]
    assert found[0].severity == "error"
    assert found[0].file == "meetings/group/2026-03-05.md"


def test_ca001_fail_cancelled_meeting_does_not_count(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="cancelled", cancelled_reason="Not quorate.")
    repo.meeting("2026-03-05")
    assert repo.rule_messages("CA001", today="2026-03-10") == [
        ("50 days passed between the meetings of 14 January 2026 and 5 March 2026; the ToR "
         "allows 6 weeks plus 7 days")]


def test_ca001_pass_not_met_since_on_last_allowed_day(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    assert repo.rule_messages("CA001", today="2026-03-04") == []


def test_ca001_fail_not_met_since(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    assert repo.rule_messages("CA001", today="2026-03-05") == [
        ("Safeguarding Group has not met since 14 January 2026; the next meeting was due by "
         "4 March 2026")]


def test_ca001_fail_each_gap_judged_by_tor_version_in_force(repo: MiniRepo) -> None:
    # 1.0: every 6 weeks; 2.0 from 2026-03-01: every 3 months. The 70-day gap ending in
    # January breaks 1.0; the 84-day gap ending in April is within 2.0 (it would break 1.0).
    repo.tor["cadence"] = {"every": "6 weeks"}
    repo.tor_version("2.0", "2026-03-01", cadence={"every": "3 months"})
    repo.meeting("2025-11-05")
    repo.meeting("2026-01-14")
    repo.meeting("2026-04-08")
    assert repo.rule_messages("CA001", today="2026-04-20") == [
        ("70 days passed between the meetings of 5 November 2025 and 14 January 2026; the ToR "
         "allows 6 weeks")]


def test_ca001_pass_cadence_list_changes_from_a_date(repo: MiniRepo) -> None:
    repo.tor["cadence"] = [{"every": "6 weeks"}, {"from": "2026-03-01", "every": "3 months"}]
    repo.meeting("2026-01-14")
    repo.meeting("2026-04-08")
    assert repo.rule_messages("CA001", today="2026-04-20") == []


# A cancelled meeting rearranged to a later date. SIX_WEEKS from 14 January allows until
# 4 March; the meeting of 25 February (on time) was cancelled and rearranged to 11 March.


def _rearranged(repo: MiniRepo, to: str = "2026-03-11") -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="cancelled", cancelled_reason="Not quorate.",
                 rearranged_to=to)


def test_ca001_pass_rearranged_date_still_to_come(repo: MiniRepo) -> None:
    _rearranged(repo)
    assert repo.rule_messages("CA001", today="2026-03-10") == []
    assert repo.rule_messages("CA001", today="2026-03-11") == []


def test_ca001_pass_rearranged_date_scheduled_as_a_record(repo: MiniRepo) -> None:
    _rearranged(repo)
    repo.meeting("2026-03-11", status="scheduled")
    assert repo.rule_messages("CA001", today="2026-03-10") == []


def test_ca001_fail_without_the_rearranged_date(repo: MiniRepo) -> None:
    # the same records without rearranged_to: the lapse is reported as before
    _rearranged(repo)
    del repo.meetings[("group", "2026-02-25")]["rearranged_to"]
    assert repo.rule_messages("CA001", today="2026-03-10") == [
        ("Safeguarding Group has not met since 14 January 2026; the next meeting was due by "
         "4 March 2026")]


def test_ca001_pass_meeting_held_on_the_rearranged_date(repo: MiniRepo) -> None:
    # 56 days after 14 January, but it stands in for the meeting of 25 February
    _rearranged(repo)
    repo.meeting("2026-03-11")
    assert repo.rule_messages("CA001", today="2026-03-20") == []


def test_ca001_fail_cancelled_meeting_itself_too_late(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-03-06", status="cancelled", cancelled_reason="Clash.",
                 rearranged_to="2026-03-13")
    # while the new date is to come, a cancellation that was already late is no excuse
    assert repo.rule_messages("CA001", today="2026-03-10") == [
        ("Safeguarding Group has not met since 14 January 2026; the next meeting was due by "
         "4 March 2026")]
    repo.meeting("2026-03-13")
    found = repo.rule_findings("CA001", today="2026-03-20")
    assert [f.message for f in found] == [
        ("51 days passed between the meeting of 14 January 2026 and the meeting due on "
         "6 March 2026, which was cancelled and held instead on 13 March 2026; the ToR allows "
         "6 weeks plus 7 days")]
    assert found[0].file == "meetings/group/2026-03-13.md"


def test_ca001_pass_unrecorded_meeting_is_not_reported_as_a_gap(repo: MiniRepo) -> None:
    # the meeting of 25 February is still marked scheduled: CA005 says so, not CA001
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="scheduled")
    assert repo.rule_messages("CA001", today="2026-03-10") == []
    repo.meeting("2026-04-01")  # 35 days after the unrecorded day, 77 after the last held
    assert repo.rule_messages("CA001", today="2026-04-02") == []


def test_ca001_fail_not_met_since_an_unrecorded_meeting(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="scheduled")
    found = repo.rule_findings("CA001", today="2026-04-16")
    assert [f.message for f in found] == [
        ("Safeguarding Group has not met since 14 January 2026, and the meeting of "
         "25 February 2026 has no record; even had it been held, the next meeting was due by "
         "15 April 2026")]
    assert found[0].file == "meetings/group/2026-02-25.md"


# ---------------------------------------------------------------- CA002 too-few-meetings


def _financial_year(repo: MiniRepo, last: str) -> None:
    repo.tor["cadence"] = FOUR_A_YEAR
    repo.body["records_from"] = "2025-04-01"
    for day in ("2025-04-10", "2025-07-10", "2025-10-09", last):
        repo.meeting(day)


def test_ca002_pass_financial_year_with_enough_meetings(repo: MiniRepo) -> None:
    _financial_year(repo, "2026-03-31")
    assert repo.rule_messages("CA002", today="2026-06-01") == []


def test_ca002_fail_complete_financial_year_with_too_few_meetings(repo: MiniRepo) -> None:
    # a meeting on 1 April counts towards the next financial year
    _financial_year(repo, "2026-04-01")
    found = repo.rule_findings("CA002", today="2026-06-01")
    assert [f.message for f in found] == [
        ("Safeguarding Group held 3 meeting(s) in the year from 1 April 2025 to 31 March 2026; "
         "the ToR requires at least 4")]
    assert found[0].severity == "error"
    assert found[0].file == "governance/bodies/group.yaml"


def test_ca002_pass_year_not_complete_yet(repo: MiniRepo) -> None:
    repo.tor["cadence"] = FOUR_A_YEAR
    repo.body["records_from"] = "2025-04-01"
    for day in ("2025-04-10", "2025-07-10", "2025-10-09"):
        repo.meeting(day)
    assert repo.rule_messages("CA002", today="2026-03-31") == []
    assert len(repo.rule_messages("CA002", today="2026-04-01")) == 1


def test_ca002_pass_year_begun_before_records_start(repo: MiniRepo) -> None:
    repo.tor["cadence"] = FOUR_A_YEAR
    repo.meeting("2025-04-10")
    assert repo.rule_messages("CA002", today="2026-06-01") == []


def test_ca002_fail_calendar_year_by_default(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_year": {"min": 2}}
    repo.body["records_from"] = "2025-01-01"
    repo.meeting("2025-06-11")
    assert repo.rule_messages("CA002", today="2026-01-05") == [
        ("Safeguarding Group held 1 meeting(s) in the year from 1 January 2025 to "
         "31 December 2025; "
         "the ToR requires at least 2")]


# ---------------------------------------------------------------- CA003 year-at-risk


def _this_year(repo: MiniRepo, *scheduled: str) -> None:
    repo.tor["cadence"] = FOUR_A_YEAR
    repo.body["records_from"] = "2025-04-01"
    repo.meeting("2026-04-15")
    for day in scheduled:
        repo.meeting(day, status="scheduled")


def test_ca003_pass_held_and_scheduled_reach_minimum(repo: MiniRepo) -> None:
    _this_year(repo, "2026-09-16", "2026-12-16", "2027-03-31")
    assert repo.rule_messages("CA003", today="2026-06-01") == []


def test_ca003_fail_current_year_at_risk(repo: MiniRepo) -> None:
    # the meeting on 2027-04-01 falls in the next financial year
    _this_year(repo, "2026-09-16", "2026-12-16", "2027-04-01")
    found = repo.rule_findings("CA003", today="2026-06-01")
    assert [f.message for f in found] == [
        ("Safeguarding Group has held 1 and scheduled 2 meeting(s) in the year to "
         "31 March 2027; "
         "the ToR requires 4")]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- CA004 no-next-meeting


def test_ca004_pass_next_meeting_scheduled_today(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-05-20")
    repo.meeting("2026-06-01", status="scheduled")
    assert repo.rule_messages("CA004", today="2026-06-01") == []


def test_ca004_pass_per_year_cadence_does_not_ask_for_it(repo: MiniRepo) -> None:
    repo.tor["cadence"] = FOUR_A_YEAR
    repo.meeting("2026-05-20")
    assert repo.rule_messages("CA004", today="2026-06-01") == []


def test_ca004_fail_no_next_meeting(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-05-20")
    repo.meeting("2026-05-31", status="scheduled")  # in the past: not a next meeting
    found = repo.rule_findings("CA004", today="2026-06-01")
    assert [f.message for f in found] == ["Safeguarding Group has no next meeting scheduled"]
    assert found[0].severity == "warning"


def test_ca004_fail_per_year_cadence_that_asks_for_it(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {**FOUR_A_YEAR, "next_meeting_scheduled": True}
    repo.meeting("2026-05-20")
    assert repo.rule_messages("CA004", today="2026-06-01") == [
        "Safeguarding Group has no next meeting scheduled"]


def test_ca004_pass_cancelled_meeting_rearranged_to_a_date_to_come(repo: MiniRepo) -> None:
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-05-20")
    repo.meeting("2026-05-27", status="cancelled", rearranged_to="2026-06-10")
    assert repo.rule_messages("CA004", today="2026-06-01") == []
    assert len(repo.rule_messages("CA004", today="2026-06-11")) == 1


def test_ca003_pass_rearranged_date_counts_as_scheduled(repo: MiniRepo) -> None:
    _this_year(repo, "2026-09-16", "2027-03-31")
    repo.meeting("2026-05-27", status="cancelled", rearranged_to="2026-12-16")
    assert repo.rule_messages("CA003", today="2026-06-01") == []


# ---------------------------------------------------------------- CA005 meeting-not-recorded


def test_ca005_pass_scheduled_for_today(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-01", status="scheduled")
    assert repo.rule_messages("CA005", today="2026-02-01") == []


def test_ca005_fail_past_meeting_still_scheduled(repo: MiniRepo) -> None:
    # within the cadence still (a warning): the group met on 14 January
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", status="scheduled")
    found = repo.rule_findings("CA005", today="2026-03-02")
    assert [f.message for f in found] == [
        "the meeting of 25 February 2026 has no record: record it as held or cancelled"]
    assert (found[0].file, found[0].line, found[0].severity) == (
        "meetings/group/2026-02-25.md", 3, "warning")
    assert "status: scheduled to held" in found[0].hint


def test_ca005_fail_is_the_only_finding_for_the_lapse(repo: MiniRepo) -> None:
    # the Exploitation Data T&F Group's case: every 4 weeks with 7 days' tolerance, held
    # 28 October, the meeting of 25 November left scheduled, checked as of 7 December
    repo.tor["cadence"] = {"every": "4 weeks", "tolerance": "7 days"}
    repo.meeting("2026-10-28")
    repo.meeting("2026-11-25", status="scheduled")
    repo.meeting("2026-12-23", status="scheduled")
    result = repo.check(today="2026-12-07")
    about = [(f.code, f.severity, f.message) for f in result.findings
             if f.code.startswith(("CA", "RF"))]
    assert about == [("CA005", "error", ("the meeting of 25 November 2026 has no record: "
                      "record it as held or cancelled"))]
    assert [(f.code, f.kind) for f in result.findings
            if f.file == "meetings/group/2026-11-25.md"] == [("CA005", "governance")]


def test_ca005_pass_rearranged_date_still_to_come(repo: MiniRepo) -> None:
    _rearranged(repo)
    assert repo.rule_messages("CA005", today="2026-03-11") == []


def test_ca005_fail_rearranged_date_passed_without_a_record(repo: MiniRepo) -> None:
    _rearranged(repo)
    found = repo.rule_findings("CA005", today="2026-03-12")
    assert [f.message for f in found] == [
        ("the meeting of 11 March 2026, rearranged from 25 February 2026, has no record: "
         "record it as held or cancelled")]
    assert (found[0].file, found[0].line) == (
        "meetings/group/2026-02-25.md",
        where(repo, "meetings/group/2026-02-25.md", "rearranged_to:")[0])
    assert found[0].severity == "error"  # 57 days since 14 January; 49 allowed
    assert "add meetings/group/2026-03-11.md" in found[0].hint
    # and that is the only finding about it
    assert repo.rule_messages("CA001", today="2026-03-12") == []


def test_ca005_pass_rearranged_date_recorded(repo: MiniRepo) -> None:
    _rearranged(repo)
    repo.meeting("2026-03-11", status="cancelled", cancelled_reason="Snow.")
    assert repo.rule_messages("CA005", today="2026-03-12") == []


def test_ca005_fail_rearranged_date_left_scheduled_is_reported_once(repo: MiniRepo) -> None:
    _rearranged(repo)
    repo.meeting("2026-03-11", status="scheduled")
    found = repo.rule_findings("CA005", today="2026-03-12")
    assert [(f.file, f.message) for f in found] == [
        ("meetings/group/2026-03-11.md", ("the meeting of 11 March 2026, rearranged from "
         "25 February 2026, has no record: record it as held or cancelled"))]
