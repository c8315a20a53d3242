"""HI: hierarchy of bodies; MB: membership; ST: statutory arrangements of partnerships."""

from __future__ import annotations

import copy
from typing import Any

from minirepo import MiniRepo

LA = "Head of Safeguarding, Borough Council"
POL = "Inspector, County Police"
VCS = "Service Manager, Youth Charity"
BSCP = "Borough Safeguarding Children Partnership"


def _board(**fields: Any) -> dict[str, Any]:
    return {"id": "board", "name": "Partnership Board", "kind": "board", "tor": "group",
            "seats": [{"id": "la", "organisation": "council"}], **fields}


# ---------------------------------------------------------------- HI001 reporting-cycle


def test_hi001_pass_reporting_line_upward(repo: MiniRepo) -> None:
    repo.extra_bodies.append(_board())
    repo.body["accountable_to"] = ["board"]
    assert repo.rule_messages("HI001") == []


def test_hi001_fail_two_bodies_report_to_each_other(repo: MiniRepo) -> None:
    repo.extra_bodies.append(_board(accountable_to=["group"]))
    repo.body["accountable_to"] = ["board"]
    found = repo.rule_findings("HI001")
    assert [f.message for f in found] == [
        "reporting lines form a circle: board → group → board"]
    assert found[0].severity == "error"


def test_hi001_fail_body_reports_to_itself(repo: MiniRepo) -> None:
    repo.body["accountable_to"] = ["group"]
    assert repo.rule_messages("HI001") == ["reporting lines form a circle: group → group"]


# ---------------------------------------------------------------- HI002 task-and-finish-end


def test_hi002_pass_end_date_today_or_closed(repo: MiniRepo) -> None:
    repo.body.update(kind="task-and-finish", ends="2026-06-01")
    repo.extra_bodies.append(_board(kind="task-and-finish", ends="2026-03-31",
                                    closed="2026-04-15"))
    assert repo.rule_messages("HI002", today="2026-06-01") == []


def test_hi002_fail_task_and_finish_past_its_end(repo: MiniRepo) -> None:
    repo.body.update(kind="task-and-finish", ends="2026-05-31")
    found = repo.rule_findings("HI002", today="2026-06-01")
    assert [f.message for f in found] == [
        "Safeguarding Group was due to finish on 2026-05-31 but is not closed"]
    assert found[0].severity == "warning"


def test_hi002_fail_task_and_finish_without_end_date(repo: MiniRepo) -> None:
    repo.body["kind"] = "task-and-finish"
    assert repo.rule_messages("HI002") == [
        "Safeguarding Group is a task-and-finish group with no end date"]


# ---------------------------------------------------------------- HI003 meeting-outside-life


def test_hi003_pass_meetings_on_first_and_last_days(repo: MiniRepo) -> None:
    repo.body.update(established="2025-06-01", closed="2026-03-31")
    repo.meeting("2025-06-01")
    repo.meeting("2026-03-31")
    assert repo.rule_messages("HI003") == []


def test_hi003_fail_meetings_before_established_and_after_closed(repo: MiniRepo) -> None:
    repo.body.update(established="2025-06-01", closed="2026-03-31")
    repo.meeting("2025-05-31")
    repo.meeting("2026-04-01")
    repo.meeting("2026-04-08", status="cancelled", cancelled_reason="Closed.")
    found = repo.rule_findings("HI003")
    assert [f.message for f in found] == [
        "Safeguarding Group met on 2025-05-31, before it was established (2025-06-01)",
        "Safeguarding Group met on 2026-04-01, after it closed (2026-03-31)",
    ]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- HI004 replaced-body-open


def test_hi004_pass_replaced_body_closed(repo: MiniRepo) -> None:
    repo.body["closed"] = "2026-03-31"
    repo.extra_bodies.append(_board(replaces="group", established="2026-04-01"))
    assert repo.rule_messages("HI004") == []


def test_hi004_fail_replaced_body_not_closed(repo: MiniRepo) -> None:
    repo.extra_bodies.append(_board(replaces="group", established="2026-04-01"))
    found = repo.rule_findings("HI004")
    assert [f.message for f in found] == [
        "Partnership Board replaces Safeguarding Group, which has no closed: date"]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- MB001 seat-vacant-too-long


def test_mb001_pass_vacant_exactly_the_limit(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"vacancy_limit": "3 months"}
    repo.body["seats"][5]["vacant_since"] = "2026-03-01"
    assert repo.rule_messages("MB001", today="2026-06-01") == []


def test_mb001_fail_vacant_longer_than_the_limit(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"vacancy_limit": "3 months"}
    repo.body["seats"][5]["vacant_since"] = "2026-02-28"
    found = repo.rule_findings("MB001", today="2026-06-01")
    assert [f.message for f in found] == [
        f"{VCS} has been vacant since 2026-02-28, longer than 3 months"]
    assert found[0].severity == "warning"


def test_mb001_fail_chair_seat_uses_chair_vacancy_limit(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"vacancy_limit": "6 months"}
    repo.tor["chair"] = {"method": "fixed", "seat": "la", "vacancy_limit": "1 month"}
    repo.body["seats"][0]["vacant_since"] = "2026-04-01"
    assert repo.rule_messages("MB001", today="2026-06-01") == [
        f"{LA} has been vacant since 2026-04-01, longer than 1 month"]


# ---------------------------------------------------------------- MB002 term-of-office-ended


def test_mb002_pass_term_ends_today_and_terms_not_exceeded(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"term_of_office": "2 years", "max_consecutive_terms": 2}
    repo.body["seats"][2].update({"term_ends": "2026-06-01", "from": "2022-06-01"})
    assert repo.rule_messages("MB002", today="2026-06-01") == []


def test_mb002_fail_term_of_office_ended(repo: MiniRepo) -> None:
    repo.body["seats"][2]["term_ends"] = "2026-05-31"
    found = repo.rule_findings("MB002", today="2026-06-01")
    assert [f.message for f in found] == [
        f"the term of office of {POL} ended on 2026-05-31"]
    assert found[0].severity == "warning"


def test_mb002_fail_served_more_than_max_consecutive_terms(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"term_of_office": "2 years", "max_consecutive_terms": 2}
    repo.body["seats"][2]["from"] = "2022-05-31"
    assert repo.rule_messages("MB002", today="2026-06-01") == [
        f"{POL} has served since 2022-05-31, more than 2 consecutive terms of 2 years"]


# ---------------------------------------------------------------- MB003 too-many-seats


def test_mb003_pass_ended_seat_not_counted(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"max_seats": 5}
    repo.body["seats"][5]["until"] = "2026-05-31"
    assert repo.rule_messages("MB003", today="2026-06-01") == []


def test_mb003_fail_more_seats_than_allowed(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"max_seats": 5}
    found = repo.rule_findings("MB003", today="2026-06-01")
    assert [f.message for f in found] == [("Safeguarding Group has 6 seats; the ToR allows at "
                                          "most 5")]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- MB004 required-seat-missing


def test_mb004_pass_every_required_kind_filled(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"required": [{"kind": ["local-authority", "police", "icb"]},
                                           {"statutory_partner": True},
                                           {"organisation": ["council", "charity"]}]}
    assert repo.rule_messages("MB004") == []


def test_mb004_fail_required_kind_missing_or_vacant(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"required": [{"kind": ["local-authority", "police",
                                                     "probation"]}]}
    repo.body["seats"][2]["vacant_since"] = "2026-05-01"
    found = repo.rule_findings("MB004")
    assert [f.message for f in found] == [
        "Safeguarding Group has no filled seat for police, which the ToR requires",
        "Safeguarding Group has no filled seat for probation, which the ToR requires",
    ]
    assert found[0].severity == "error"


def test_mb004_fail_each_listed_organisation_required(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"required": [{"organisation": ["council", "charity"]}]}
    repo.body["seats"][5]["vacant_since"] = "2026-05-01"
    assert repo.rule_messages("MB004") == [
        "Safeguarding Group has no filled seat for charity, which the ToR requires"]


def test_mb004_fail_no_statutory_partner_seat_filled(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"required": [{"statutory_partner": True}]}
    for seat in repo.body["seats"][:4]:
        seat["vacant_since"] = "2026-05-01"
    assert repo.rule_messages("MB004") == [
        f"Safeguarding Group has no filled seat for the statutory partner {org}, which the "
        "ToR requires" for org in ("Borough Council", "Integrated Care Board", "County Police")]


def test_mb004_fail_each_statutory_partner_is_required(repo: MiniRepo) -> None:
    # one partner's seat vacant while the other two are filled is still a breach
    repo.tor["membership"] = {"required": [{"statutory_partner": True}]}
    repo.body["seats"][2]["vacant_since"] = "2026-05-01"  # the police seat
    assert repo.rule_messages("MB004") == [
        ("Safeguarding Group has no filled seat for the statutory partner County Police, which "
        "the ToR requires")]


def test_mb004_pass_each_lead_partner_of_the_partnership_seated(repo: MiniRepo) -> None:
    repo.partnerships = [{"id": "p", "name": "P", "framework": "other",
                          "lead_partners": [{"organisation": "council", "post": "CEO"},
                                            {"organisation": "police", "post": "Chief"}]}]
    repo.body["partnership"] = "p"
    repo.tor["membership"] = {"required": [{"statutory_partner": True}]}
    repo.body["seats"][3]["vacant_since"] = "2026-05-01"  # the ICB: not a lead partner of p
    assert repo.rule_messages("MB004") == []


# ---------------------------------------------------------------- ST: partnerships


def _partnership(**fields: Any) -> dict[str, Any]:
    leads = [{"organisation": "council", "post": "Chief Executive"},
             {"organisation": "icb", "post": "Chief Executive"},
             {"organisation": "police", "post": "Chief Constable"}]
    return {"id": "bscp", "name": BSCP, "framework": "working-together-2023",
            "lead_partners": leads,
            "delegated_partners": [{**p, "post": "Director", "delegated_from": p["post"]}
                                   for p in copy.deepcopy(leads)],
            "independent_scrutiny": [{"organisation": "charity", "post": "Scrutineer"}],
            **fields}


def _report(published: str, **fields: str) -> dict[str, str]:
    return {"title": "Yearly report", "published": published, **fields}


# ---------------------------------------------------------------- ST001 lead-partners


def test_st001_pass_three_lead_partners_named(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership(),
                         {"id": "csp", "name": "Community Safety Partnership",
                          "framework": "crime-and-disorder-act-1998"}]
    assert repo.rule_messages("ST001") == []


def test_st001_fail_lead_partner_missing(repo: MiniRepo) -> None:
    p = _partnership()
    p["lead_partners"] = p["lead_partners"][:2]
    repo.partnerships = [p]
    found = repo.rule_findings("ST001")
    assert [f.message for f in found] == [f"{BSCP} names no lead partner from the police"]
    assert found[0].severity == "error"


def test_st001_fail_care_act_board_names_none(repo: MiniRepo) -> None:
    repo.partnerships = [{"id": "bsab", "name": "Borough Safeguarding Adults Board",
                          "framework": "care-act-2014"}]
    assert repo.rule_messages("ST001") == [
        "Borough Safeguarding Adults Board names no lead partner from the local authority",
        "Borough Safeguarding Adults Board names no lead partner from the integrated care board",
        "Borough Safeguarding Adults Board names no lead partner from the police",
    ]


# ---------------------------------------------------------------- ST002 delegated-partners


def test_st002_pass_each_lead_partner_delegated(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership()]
    assert repo.rule_messages("ST002") == []


def test_st002_fail_lead_partner_without_delegate(repo: MiniRepo) -> None:
    p = _partnership()
    p["delegated_partners"] = p["delegated_partners"][:2]
    repo.partnerships = [p]
    found = repo.rule_findings("ST002")
    assert [f.message for f in found] == [
        f"County Police has named no delegated safeguarding partner for {BSCP}"]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- ST003 independent-scrutiny


def test_st003_pass_independent_scrutiny_named(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership()]
    assert repo.rule_messages("ST003") == []


def test_st003_fail_no_independent_scrutiny(repo: MiniRepo) -> None:
    p = _partnership()
    del p["independent_scrutiny"]
    repo.partnerships = [p]
    found = repo.rule_findings("ST003")
    assert [f.message for f in found] == [f"{BSCP} names no independent scrutiny"]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- ST004 yearly-report-overdue


def test_st004_pass_yearly_report_within_12_months(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership(annual_report={"rule": "every-12-months"},
                                      publications=[_report("2025-06-01")])]
    assert repo.rule_messages("ST004", today="2026-06-01") == []


def test_st004_fail_yearly_report_more_than_12_months_ago(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership(
        annual_report={"rule": "every-12-months"},
        publications=[_report("2025-06-01"),
                      _report("2026-01-10", kind="scrutiny-report")])]
    found = repo.rule_findings("ST004", today="2026-06-02")
    assert [f.message for f in found] == [
        f"{BSCP} last published its yearly report on 2025-06-01; the next was due by 2026-06-01"]
    assert found[0].severity == "error"


def test_st004_fail_no_yearly_report_recorded(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership(annual_report={"rule": "every-12-months"})]
    assert repo.rule_messages("ST004") == [f"{BSCP} has no yearly report recorded"]


def test_st004_pass_counting_from_a_start_date(repo: MiniRepo) -> None:
    repo.partnerships = [_partnership(annual_report={"rule": "every-12-months",
                                                     "from": "2025-06-01"})]
    assert repo.rule_messages("ST004", today="2026-06-01") == []


SAB = {"id": "bsab", "name": "Borough Safeguarding Adults Board", "framework": "care-act-2014"}


def test_st004_pass_after_financial_year_within_six_months(repo: MiniRepo) -> None:
    repo.partnerships = [{**SAB, "annual_report": {"rule": "after-financial-year",
                                                   "from": "2024-04-01"}}]
    # the report for the year to 2025-03-31 is due by 2025-09-30: not yet overdue
    assert repo.rule_messages("ST004", today="2025-09-30") == []


def test_st004_pass_after_financial_year_report_published(repo: MiniRepo) -> None:
    repo.partnerships = [{**SAB, "annual_report": {"rule": "after-financial-year"},
                          "publications": [_report("2025-09-15", period_start="2024-04-01",
                                                   period_end="2025-03-31")]}]
    assert repo.rule_messages("ST004", today="2025-10-01") == []


def test_st004_fail_after_financial_year_report_overdue(repo: MiniRepo) -> None:
    repo.partnerships = [{**SAB, "annual_report": {"rule": "after-financial-year",
                                                   "from": "2024-04-01"},
                          "publications": [_report("2024-09-15", period_end="2024-03-31")]}]
    assert repo.rule_messages("ST004", today="2025-10-01") == [
        ("Borough Safeguarding Adults Board has no report for the financial year ending "
         "2025-03-31; it was due by 2025-09-30")]


def test_st004_warns_of_a_report_published_late(repo: MiniRepo) -> None:
    repo.partnerships = [{**SAB, "annual_report": {"rule": "after-financial-year",
                                                   "within": "6 weeks"},
                          "publications": [_report("2026-05-20", period_start="2025-04-01",
                                                   period_end="2026-03-31")]}]
    found = repo.rule_findings("ST004", today="2026-11-25")
    assert [(f.severity, f.message, f.line > 1) for f in found] == [(
        "warning", ("Borough Safeguarding Adults Board published its report for the financial "
        "year ending 2026-03-31 on 2026-05-20, after it was due by 2026-05-12"), True)]
    repo.partnerships[0]["publications"][0]["published"] = "2026-05-12"
    assert repo.rule_messages("ST004", today="2026-11-25") == []


def test_st004_fail_wales_report_by_31_july(repo: MiniRepo) -> None:
    repo.partnerships = [{"id": "rsb", "name": "Regional Safeguarding Board",
                          "framework": "sswb-wales-2014",
                          "annual_report": {"rule": "by-31-july"},
                          "publications": [_report("2025-07-20", period_end="2025-03-31")]}]
    assert repo.rule_messages("ST004", today="2026-07-31") == []
    assert repo.rule_messages("ST004", today="2026-08-01") == [
        ("Regional Safeguarding Board has no report for the financial year ending 2026-03-31; "
         "it was due by 2026-07-31")]
