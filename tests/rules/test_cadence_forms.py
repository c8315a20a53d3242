"""Cadence as ToRs write it (issue 17, item 6): windows of months and quarters (CA006), a
weekly slot (CA007), a provisional pattern (CA008), phases by date or by name, and a year
from April written as a month."""

from __future__ import annotations

from minirepo import MiniRepo

QUARTERLY = {"per_quarter": {"min": 1}}
AUTUMN = {"windows": [{"months": [10, 11], "meetings": 1}]}


def scheduled(repo: MiniRepo, day: str, **fields: object) -> None:
    record = repo.meeting(day, status="scheduled", **fields)
    del record["chair"], record["attendance"]


# ---------------------------------------------------------------- CA006 window-missed


def test_ca006_pass_one_meeting_in_each_quarter(repo: MiniRepo) -> None:
    repo.tor["cadence"] = QUARTERLY
    repo.body["records_from"] = "2026-01-01"
    for day in ("2026-03-31", "2026-04-01", "2026-09-30", "2026-12-01"):
        repo.meeting(day)
    scheduled(repo, "2027-02-17")
    assert repo.rule_messages("CA006", today="2027-01-05") == []


def test_ca006_fail_a_quarter_without_a_meeting(repo: MiniRepo) -> None:
    # four meetings a year, but none from April to June: 'quarterly' is not met
    repo.tor["cadence"] = QUARTERLY
    repo.body["records_from"] = "2026-01-01"
    for day in ("2026-01-14", "2026-02-25", "2026-03-11", "2026-07-08"):
        repo.meeting(day)
    found = repo.rule_findings("CA006", today="2026-08-01")
    assert [f.message for f in found] == [
        ("Safeguarding Group held 0 meeting(s) in the quarter from 1 April 2026 to 30 June "
        "2026; the ToR requires at least 1 a quarter")]
    assert [(f.severity, f.file, f.path) for f in found] == [
        ("error", "governance/tor/group/1.0.md", "$.cadence.per_quarter")]


def test_ca006_fail_quarter_open_with_nothing_in_the_diary(repo: MiniRepo) -> None:
    repo.tor["cadence"] = QUARTERLY
    repo.body["records_from"] = "2026-01-01"
    repo.meeting("2026-03-11")
    found = repo.rule_findings("CA006", today="2026-05-01")
    assert [(f.severity, f.message) for f in found] == [
        ("warning", ("Safeguarding Group has held 0 and scheduled 0 meeting(s) in the quarter "
         "from 1 April 2026 to 30 June 2026; the ToR requires at least 1 a quarter"))]


def test_ca006_pass_quarters_of_a_year_from_april_written_as_a_month(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_quarter": {"min": 1, "year_starts": "may"}}
    repo.body["records_from"] = "2026-05-01"
    for day in ("2026-07-31", "2026-08-01", "2026-12-01", "2027-04-30"):
        repo.meeting(day)
    scheduled(repo, "2027-06-09")
    assert repo.rule_messages("CA006", today="2027-05-02") == []


def test_ca006_fail_window_in_october_or_november(repo: MiniRepo) -> None:
    repo.tor["cadence"] = AUTUMN
    repo.body["records_from"] = "2025-01-01"
    repo.meeting("2025-09-24")
    repo.meeting("2025-12-03")
    found = repo.rule_findings("CA006", today="2026-01-10")
    assert [f.message for f in found] == [
        ("Safeguarding Group held 0 meeting(s) between 1 October 2025 and 30 November 2025; "
        "the ToR requires at least 1 in October or November")]
    assert (found[0].file, found[0].path) == ("governance/tor/group/1.0.md",
                                              "$.cadence.windows[0]")


def test_ca006_pass_window_met_and_the_next_in_the_diary(repo: MiniRepo) -> None:
    repo.tor["cadence"] = AUTUMN
    repo.body["records_from"] = "2025-01-01"
    repo.meeting("2025-11-30")
    scheduled(repo, "2026-10-14")
    assert repo.rule_messages("CA006", today="2026-10-01") == []


def test_ca006_fail_window_open_with_nothing_in_the_diary(repo: MiniRepo) -> None:
    repo.tor["cadence"] = AUTUMN
    repo.body["records_from"] = "2025-01-01"
    repo.meeting("2025-11-30")
    assert repo.rule_messages("CA006", today="2026-10-01") == [
        ("Safeguarding Group has held 0 and scheduled 0 meeting(s) between 1 October 2026 and "
        "30 November 2026; the ToR requires at least 1 in October or November")]


def test_ca006_fail_window_over_the_new_year_counts_a_kind(repo: MiniRepo) -> None:
    repo.tor["meeting_kinds"] = {"planning": {}}
    repo.tor["cadence"] = {"windows": [{"months": [12, 1], "kind": "planning"}]}
    repo.body["records_from"] = "2025-06-01"
    repo.meeting("2025-12-10")  # ordinary: not the planning meeting
    repo.meeting("2026-01-21", kind="planning")
    repo.meeting("2026-12-09")
    assert repo.rule_messages("CA006", today="2027-02-01") == [
        ("Safeguarding Group held 0 planning meeting(s) between 1 December 2026 and 31 "
        "January 2027; the ToR requires at least 1 in December or January")]


# ---------------------------------------------------------------- CA007 weekly-slot


def test_ca007_pass_every_tuesday(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"weekdays": ["tuesday"]}
    repo.body["records_from"] = "2026-03-02"
    for day in ("2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24"):
        repo.meeting(day)
    assert repo.rule_messages("CA007", today="2026-03-30") == []


def test_ca007_fail_a_week_missed_and_a_meeting_on_another_day(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"weekdays": ["tuesday"]}
    repo.body["records_from"] = "2026-03-02"
    for day in ("2026-03-03", "2026-03-18", "2026-03-24"):
        repo.meeting(day)
    found = repo.rule_findings("CA007", today="2026-03-30")
    assert sorted(f.message for f in found) == [
        ("Safeguarding Group held 0 meeting(s) in the week from 9 March 2026 to 15 March "
        "2026; the ToR requires 1 a week"),
        ("the meeting of 18 March 2026 was held on a Wednesday; the ToR fixes meetings to "
        "Tuesdays")]


def test_ca007_fail_twice_weekly_initially_then_monthly(repo: MiniRepo) -> None:
    # "twice weekly initially": 2 a week until the end of March, then every month
    repo.tor["cadence"] = [{"per_week": 2, "until": "2026-03-31", "provisional": True},
                           {"from": "2026-04-01", "every": "1 month", "tolerance": "7 days"}]
    repo.body["records_from"] = "2026-03-02"
    for day in ("2026-03-03", "2026-03-05", "2026-03-10", "2026-03-17", "2026-03-24",
                "2026-03-26", "2026-04-28", "2026-05-26"):
        repo.meeting(day)
    scheduled(repo, "2026-06-23")
    assert repo.rule_messages("CA007", today="2026-06-01") == [
        ("Safeguarding Group held 1 and 1 meeting(s) in each of the 2 weeks from 9 March 2026 "
        "to 22 March 2026; the ToR requires 2 a week")]
    assert [p for p in repo.problems(today="2026-06-01") if " CA" in p] == [
        ("governance/tor/group/1.0.md:13 CA007 Safeguarding Group held 1 and 1 meeting(s) in "
        "each of the 2 weeks from 9 March 2026 to 22 March 2026; the ToR requires 2 a week")]


# ---------------------------------------------------------------- CA008 provisional


def test_ca008_pass_provisional_within_its_review_period(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_week": 2, "provisional": True, "review_within": "3 months"}
    repo.tor["in_force_from"] = "2026-01-05"
    assert repo.rule_messages("CA008", today="2026-04-05") == []


def test_ca008_pass_provisional_entry_ended(repo: MiniRepo) -> None:
    repo.tor["cadence"] = [{"per_week": 2, "until": "2026-03-31", "provisional": True},
                           {"from": "2026-04-01", "every": "1 month"}]
    assert repo.rule_messages("CA008", today="2027-01-01") == []


def test_ca008_fail_provisional_still_in_force(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_week": 2, "provisional": True, "review_within": "3 months"}
    repo.tor["in_force_from"] = "2026-01-05"
    found = repo.rule_findings("CA008", today="2026-05-01")
    assert [f.message for f in found] == [
        ("Safeguarding Group still meets to the provisional cadence of 2 a week set from 5 "
        "January 2026, more than 3 months ago")]
    assert (found[0].severity, found[0].kind, found[0].path) == (
        "info", "governance", "$.cadence.provisional")


def test_ca008_fail_provisional_phase_default_six_months(repo: MiniRepo) -> None:
    repo.tor["cadence"] = [{"every": "3 months"},
                           {"during": "set-up", "every": "2 weeks", "provisional": True}]
    repo.body["phases"] = [{"id": "set-up", "from": "2026-01-12"}]
    assert repo.rule_messages("CA008", today="2026-07-13") == [
        ("Safeguarding Group still meets to the provisional cadence of every 2 weeks set from "
        "12 January 2026, more than 6 months ago")]


# ---------------------------------------------------------------- phases


NEEDS_ASSESSMENT = [{"every": "3 months", "tolerance": "14 days"},
                    {"during": "needs-assessment", "every": "1 month", "tolerance": "7 days"}]


def test_ca001_pass_phase_ended_quarterly_again(repo: MiniRepo) -> None:
    # "monthly during the needs assessment, then quarterly"
    repo.tor["cadence"] = NEEDS_ASSESSMENT
    repo.body["phases"] = [{"id": "needs-assessment", "from": "2026-01-01",
                            "until": "2026-03-31"}]
    for day in ("2026-01-14", "2026-02-11", "2026-03-11", "2026-06-10"):
        repo.meeting(day)
    assert repo.rule_messages("CA001", today="2026-06-20") == []


def test_ca001_fail_monthly_during_the_named_phase(repo: MiniRepo) -> None:
    repo.tor["cadence"] = NEEDS_ASSESSMENT
    repo.body["phases"] = [{"id": "needs-assessment", "from": "2026-01-01",
                            "until": "2026-03-31"}]
    for day in ("2026-01-14", "2026-03-11", "2026-06-10"):
        repo.meeting(day)
    assert repo.rule_messages("CA001", today="2026-06-20") == [
        ("56 days passed between the meetings of 14 January 2026 and 11 March 2026; the ToR "
        "allows 1 month plus 7 days")]


def test_ca001_fail_phase_by_date_until(repo: MiniRepo) -> None:
    repo.tor["cadence"] = [{"every": "3 months"},
                           {"from": "2026-01-01", "until": "2026-03-31", "every": "1 month"}]
    for day in ("2026-01-14", "2026-03-11", "2026-06-10"):
        repo.meeting(day)
    assert repo.rule_messages("CA001", today="2026-06-20") == [
        ("56 days passed between the meetings of 14 January 2026 and 11 March 2026; the ToR "
        "allows 1 month")]


def test_ca002_pass_year_from_april_written_as_a_month(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_year": {"min": 2, "year_starts": "april"}}
    repo.body["records_from"] = "2025-04-01"
    repo.meeting("2025-04-01")
    repo.meeting("2026-03-31")
    assert repo.rule_messages("CA002", today="2026-04-10") == []


def test_ca002_fail_year_from_april_written_as_a_month(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"per_year": {"min": 2, "year_starts": "april"}}
    repo.body["records_from"] = "2025-04-01"
    repo.meeting("2025-03-31")
    repo.meeting("2026-03-31")
    assert repo.rule_messages("CA002", today="2026-04-10") == [
        ("Safeguarding Group held 1 meeting(s) in the year from 1 April 2025 to 31 March "
        "2026; the ToR requires at least 2")]
