"""RF: references, ids, file names and dates that must agree."""

from __future__ import annotations

from datetime import date

from minirepo import MiniRepo
from minutebook.api import check

PARTNERSHIP = {"id": "bscp", "name": "Borough Safeguarding Children Partnership",
               "framework": "other"}


# ---------------------------------------------------------------- RF001 dangling-reference


def test_rf001_pass_every_reference_resolves(repo: MiniRepo) -> None:
    repo.partnerships = [dict(PARTNERSHIP)]
    repo.body["partnership"] = "bscp"
    repo.extra_bodies.append({"id": "board", "name": "Partnership Board", "kind": "board",
                              "tor": "group", "seats": [{"id": "la", "organisation": "council"}]})
    repo.body["accountable_to"] = ["board"]
    repo.meeting("2026-01-14", declarations=[{"seat": "pol", "item": "3", "interest": "x"}],
                 decisions=[{"id": "d1", "text": "Agreed.", "dissent": ["vcs"]}])
    repo.action(updates=[{"meeting": "2026-01-14", "note": "Started."}])
    assert repo.rule_messages("RF001") == []


def test_rf001_fail_accountable_to_unknown_body(repo: MiniRepo) -> None:
    repo.body["accountable_to"] = ["lscp-executve"]
    repo.meeting("2026-01-14")
    found = repo.rule_findings("RF001")
    assert [f.message for f in found] == ["no body has the id 'lscp-executve'"]
    assert found[0].severity == "error"
    assert found[0].file == "governance/bodies/group.yaml"


def test_rf001_fail_meeting_chair_and_attendance_not_seats(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", chair="nobody", attendance={"la": "present", "guest": "present"})
    assert repo.rule_messages("RF001") == [
        "'nobody' is not a seat of Safeguarding Group",
        "'guest' is not a seat of Safeguarding Group",
    ]


def test_rf001_fail_action_raised_at_no_meeting(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(raised="2026-01-15", owner={"seat": "sergeant"})
    assert repo.rule_messages("RF001") == [
        "action a-1: Safeguarding Group has no meeting on 2026-01-15",
        "action a-1: 'sergeant' is not a seat of Safeguarding Group",
    ]


def test_rf001_fail_unknown_partnership_and_lead_partner_organisation(repo: MiniRepo) -> None:
    repo.partnerships = [{**PARTNERSHIP, "lead_partners": [{"organisation": "fire",
                                                            "post": "Chief Fire Officer"}]}]
    repo.body["partnership"] = "bsab"
    repo.meeting("2026-01-14")
    assert repo.rule_messages("RF001") == [
        "no partnership has the id 'bsab'",  # governance/bodies/group.yaml
        "no organisation has the id 'fire'",  # governance/partnerships.yaml
    ]


def test_rf001_pass_partnership_in_unreadable_file_is_not_dangling(repo: MiniRepo) -> None:
    # partnerships.yaml fails its schema as a whole: its ids may exist, so the body's
    # reference to one is not reported a second time
    repo.raw["governance/partnerships.yaml"] = (
        "partnerships:\n  - {id: bscp, name: Partnership, framework: other}\nextra: 1\n")
    repo.body["partnership"] = "bscp"
    repo.meeting("2026-01-14")
    result = repo.check(select={"RF001"})
    assert [f.file for f in result.findings if f.category == "schema"] == [
        "governance/partnerships.yaml"]
    assert [f.message for f in result.findings if f.code == "RF001"] == []


# ---------------------------------------------------------------- RF002 duplicate-id


def test_rf002_pass_distinct_ids(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "A."}, {"id": "d2", "text": "B."}])
    repo.action()
    repo.action()
    assert repo.rule_messages("RF002") == []


def test_rf002_fail_action_id_used_twice(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(id="sg-001")
    repo.action(id="sg-001")
    found = repo.rule_findings("RF002")
    assert [f.message for f in found] == ["the action id 'sg-001' is used twice"]
    assert found[0].severity == "error"


def test_rf002_fail_seat_organisation_and_decision_ids_used_twice(repo: MiniRepo) -> None:
    repo.organisations.append({"id": "police", "name": "Other Police", "kinds": ["police"]})
    repo.body["seats"].append({"id": "pol", "organisation": "police", "post": "Sergeant"})
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "A."}, {"id": "d1", "text": "B."}])
    assert sorted(repo.rule_messages("RF002")) == [
        "the decision id 'd1' is used twice in this meeting",
        "the organisation id 'police' is used twice",
        "the seat id 'pol' is used twice in Safeguarding Group",
    ]


# ---------------------------------------------------------------- RF003 name-mismatch


def test_rf003_pass_names_match(repo: MiniRepo) -> None:
    record = repo.meeting("2026-01-14")
    record["body"] = "group"
    assert repo.rule_messages("RF003") == []


def test_rf003_fail_meeting_date_differs_from_file_name(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", date="2026-01-15")
    found = repo.rule_findings("RF003")
    assert [f.message for f in found] == [
        "the meeting date 2026-01-15 does not match the file name '2026-01-14.md'"]
    assert found[0].file == "meetings/group/2026-01-14.md"


def test_rf003_fail_meeting_filed_under_another_body(repo: MiniRepo) -> None:
    record = repo.meeting("2026-01-14")
    record["body"] = "board"
    assert repo.rule_messages("RF003") == [
        "the record says body 'board' but is in the folder of 'group'"]


def test_rf003_fail_tor_version_differs_from_file_name(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    tor = repo.root / "governance/tor/group"
    (tor / "1.0.md").rename(tor / "v1.0.md")
    found = [f for f in check(repo.root, date(2026, 6, 1)).findings if f.code == "RF003"]
    assert [(f.file, f.message, f.hint) for f in found] == [(
        "governance/tor/group/v1.0.md",
        "the version '1.0' of group does not match the file name 'v1.0.md'",
        "rename the file to 1.0.md or correct version:")]


def test_rf003_fail_body_file_named_differently(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.raw["governance/bodies/board.yaml"] = (
        "id: exec\nname: Executive\nkind: executive\ntor: group\n"
        "seats:\n  - {id: la, organisation: council}\n")
    assert repo.rule_messages("RF003") == [
        "the body id 'exec' does not match the file name 'board.yaml'"]


# ---------------------------------------------------------------- RF004 date-order


def test_rf004_pass_end_on_start_day(repo: MiniRepo) -> None:
    repo.body["seats"][5].update({"from": "2025-01-01", "until": "2025-01-01"})
    repo.body["established"] = "2025-01-01"
    repo.body["closed"] = "2025-01-01"
    repo.meeting("2025-01-01")
    repo.action(raised="2025-01-01", due="2025-01-01",
                updates=[{"meeting": "2025-01-01", "note": "Raised."}])
    assert repo.rule_messages("RF004") == []


def test_rf004_fail_seat_and_chair_term_end_before_start(repo: MiniRepo) -> None:
    repo.body["seats"][5].update({"from": "2025-06-01", "until": "2025-05-31"})
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2026-04-01",
                                     "until": "2025-09-30"})
    repo.meeting("2026-01-14")
    assert repo.rule_messages("RF004") == [
        "seat vcs ends (2025-05-31) before it starts (2025-06-01)",
        "the vice-chair term of pol ends (2025-09-30) before it starts (2026-04-01)",
    ]


def test_rf004_fail_body_closed_before_established(repo: MiniRepo) -> None:
    repo.body["established"] = "2025-01-01"
    repo.body["closed"] = "2024-12-31"
    assert repo.rule_messages("RF004") == [
        "Safeguarding Group closed (2024-12-31) before it was established (2025-01-01)"]


def test_rf004_fail_action_due_and_update_before_raised(repo: MiniRepo) -> None:
    repo.meeting("2025-12-10")
    repo.meeting("2026-01-14")
    repo.action(due="2026-01-13", updates=[{"meeting": "2025-12-10", "note": "Early."}])
    assert repo.rule_messages("RF004") == [
        "action a-1 is due (2026-01-13) before it was raised (2026-01-14)",
        "action a-1 has an update from 2025-12-10, before it was raised (2026-01-14)",
    ]


# ---------------------------------------------------------------- RF005 held-in-future


def test_rf005_pass_held_today_and_scheduled_in_future(repo: MiniRepo) -> None:
    repo.meeting("2026-06-01")
    repo.meeting("2026-07-01", status="scheduled")
    assert repo.rule_messages("RF005", today="2026-06-01") == []


def test_rf005_fail_future_meeting_marked_held(repo: MiniRepo) -> None:
    repo.meeting("2026-06-02")
    found = repo.rule_findings("RF005", today="2026-06-01")
    assert [f.message for f in found] == [
        "the meeting on 2026-06-02 is in the future but marked held"]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- RF006 (retired: CA005)


def test_rf006_is_retired_in_favour_of_ca005(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", status="scheduled")
    result = repo.check(today="2026-02-01")
    assert [f.code for f in result.findings if f.file == "meetings/group/2026-01-14.md"] == [
        "CA005"]


# ---------------------------------------------------------------- RF007 rearranged-date


def test_rf007_pass_cancelled_and_rearranged_to_a_later_date(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", status="cancelled", rearranged_to="2026-01-21")
    assert repo.rule_messages("RF007", today="2026-02-01") == []


def test_rf007_fail_rearranged_to_an_earlier_date(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", status="cancelled", rearranged_to="2026-01-07")
    found = repo.rule_findings("RF007", today="2026-02-01")
    assert [f.message for f in found] == [
        ("the meeting of 14 January 2026 is recorded as rearranged to 7 January 2026, which is "
        "not after it")]
    assert (found[0].severity, found[0].kind) == ("error", "record")


def test_rf007_fail_rearranged_but_not_cancelled(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", rearranged_to="2026-01-21")
    assert repo.rule_messages("RF007", today="2026-02-01") == [
        ("the meeting of 14 January 2026 is recorded as held but also as rearranged to "
        "21 January 2026")]
