"""MN: minutes approved at the next meeting; DI: declarations of interest recorded."""

from __future__ import annotations

from minirepo import MiniRepo

NEXT_MEETING = {"approval": "next-meeting"}


def _approved(day: str) -> dict[str, str]:
    return {"status": "approved", "approved_at": day}


# ---------------------------------------------------------------- MN001 minutes-not-approved


def test_mn001_pass_approved_at_next_meeting(repo: MiniRepo) -> None:
    repo.tor["minutes"] = NEXT_MEETING
    repo.meeting("2026-01-14", minutes=_approved("2026-02-25"))
    repo.meeting("2026-02-25", minutes={"status": "draft"})  # no next meeting yet
    assert repo.rule_messages("MN001") == []


def test_mn001_pass_next_meeting_cancelled_so_not_yet_due(repo: MiniRepo) -> None:
    repo.tor["minutes"] = NEXT_MEETING
    repo.meeting("2026-01-14", minutes={"status": "draft"})
    repo.meeting("2026-02-25", status="cancelled", cancelled_reason="Snow.")
    assert repo.rule_messages("MN001") == []


def test_mn001_fail_minutes_not_approved_at_next_meeting(repo: MiniRepo) -> None:
    repo.tor["minutes"] = NEXT_MEETING
    repo.meeting("2026-01-14", minutes={"status": "draft"})
    repo.meeting("2026-02-25")
    found = repo.rule_findings("MN001")
    assert [f.message for f in found] == [
        ("the minutes of 2026-01-14 are not recorded as approved; the next meeting was on "
         "2026-02-25")]
    assert found[0].severity == "warning"
    assert found[0].path == "$.minutes"


def test_mn001_fail_approved_at_a_later_meeting(repo: MiniRepo) -> None:
    repo.tor["minutes"] = NEXT_MEETING
    repo.meeting("2026-01-14", minutes=_approved("2026-04-08"))
    repo.meeting("2026-02-25", minutes=_approved("2026-04-08"))
    repo.meeting("2026-04-08")
    assert repo.rule_messages("MN001") == [
        ("the minutes of 2026-01-14 were approved on 2026-04-08, not at the next meeting "
         "(2026-02-25)")]


def test_mn001_fail_each_meeting_judged_by_its_own_tor_version(repo: MiniRepo) -> None:
    # 1.0 sets no approval rule; 2.0, in force from 2026-02-01, approves at the next meeting
    repo.tor_version("2.0", "2026-02-01", minutes=NEXT_MEETING)
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25")
    repo.meeting("2026-04-08")
    assert repo.rule_messages("MN001") == [
        ("the minutes of 2026-02-25 are not recorded as approved; the next meeting was on "
         "2026-04-08")]


# ---------------------------------------------------------------- MN002 approval-date


def test_mn002_pass_approved_at_a_later_held_meeting(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", minutes=_approved("2026-02-25"))
    repo.meeting("2026-02-25", minutes={"status": "draft"})
    assert repo.rule_messages("MN002") == []


def test_mn002_fail_approved_without_a_date(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", minutes={"status": "approved"})
    repo.meeting("2026-02-25")
    found = repo.rule_findings("MN002")
    assert [f.message for f in found] == [
        "the minutes of 2026-01-14 are approved but do not say at which meeting"]
    assert found[0].severity == "error"


def test_mn002_fail_approved_at_an_earlier_or_missing_meeting(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", minutes=_approved("2026-01-14"))
    repo.meeting("2026-02-25", minutes=_approved("2026-04-01"))
    repo.meeting("2026-04-08", minutes={"status": "draft", "approved_at": "2026-04-09"})
    repo.meeting("2026-04-09", status="cancelled", cancelled_reason="Snow.")
    assert repo.rule_messages("MN002") == [
        ("the minutes of 2026-01-14 cannot be approved at a meeting on 2026-01-14, which is "
         "not later"),
        ("the minutes of 2026-02-25 were approved on 2026-04-01, but Safeguarding Group has no "
         "held meeting on that date"),
        "the minutes of 2026-04-08 say draft but have an approval date (2026-04-09)",
        ("the minutes of 2026-04-08 were approved on 2026-04-09, but Safeguarding Group has no "
         "held meeting on that date"),
    ]


def test_mn002_minutes_approved_by_correspondence_need_no_meeting(repo: MiniRepo) -> None:
    repo.tor["minutes"] = {"approval": "correspondence"}
    repo.meeting("2026-01-14", minutes=_approved("2026-01-28"))  # by e-mail, no meeting
    repo.meeting("2026-01-21", minutes=_approved("2026-01-21"))  # that evening
    repo.meeting("2026-02-25", minutes=_approved("2026-02-20"))  # before the meeting
    repo.meeting("2026-04-08", minutes=_approved("2026-06-05"))  # after today
    assert repo.rule_messages("MN002", today="2026-06-01") == [
        "the minutes of 2026-02-25 cannot have been approved on 2026-02-20, before the meeting",
        "the minutes of 2026-04-08 are recorded as approved on 2026-06-05, after today",
    ]


# ---------------------------------------------------------------- DI001 declarations-not-recorded


def test_di001_pass_declarations_none(repo: MiniRepo) -> None:
    repo.tor["declarations"] = {"required": True}
    repo.meeting("2026-01-14", declarations="none")
    assert repo.rule_messages("DI001") == []


def test_di001_pass_declarations_listed(repo: MiniRepo) -> None:
    repo.tor["declarations"] = {"required": True}
    repo.meeting("2026-01-14", declarations=[{"seat": "vcs", "item": "4",
                                              "interest": "Bidding for the contract",
                                              "action": "Left the meeting for the item"}])
    assert repo.rule_messages("DI001") == []


def test_di001_pass_not_required(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    assert repo.rule_messages("DI001") == []


def test_di001_fail_declarations_required_but_not_recorded(repo: MiniRepo) -> None:
    repo.tor["declarations"] = {"required": True}
    repo.meeting("2026-01-14")
    found = repo.rule_findings("DI001")
    assert [f.message for f in found] == [
        "the meeting on 2026-01-14 does not record declarations of interest"]
    assert found[0].severity == "warning"


def test_di002_pass_declaration_by_a_member_present(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", declarations=[{"seat": "vcs", "item": "Funding",
                                              "interest": "Employer bids for the contract"}])
    assert repo.rule_messages("DI002") == []


def test_di002_fail_declaration_by_a_member_who_sent_apologies(repo: MiniRepo) -> None:
    meeting = repo.meeting("2026-01-14", declarations=[
        {"seat": "vcs", "item": "Funding", "interest": "Employer bids for the contract"}])
    meeting["attendance"]["vcs"] = "apologies"
    assert repo.rule_messages("DI002") == [
        ("Service Manager, Youth Charity declared an interest on 2026-01-14 but is recorded as "
        "apologies")]
