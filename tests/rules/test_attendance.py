"""AT: who came, who sent a representative, and who keeps missing."""

from __future__ import annotations

from typing import Any

from minirepo import ALL_PRESENT, MiniRepo

POL = "Inspector, County Police"
# four meetings in the 12 months up to 2026-06-01 (the window starts after 2025-06-01)
DATES = ("2025-09-10", "2025-12-10", "2026-03-11", "2026-05-13")


def _series(repo: MiniRepo, seat: str, statuses: tuple[Any, ...],
            dates: tuple[str, ...] = DATES) -> None:
    """Hold a meeting on each date, everyone present except ``seat`` as given."""
    for day, status in zip(dates, statuses, strict=True):
        repo.meeting(day, attendance={**ALL_PRESENT, seat: status})


# ---------------------------------------------------------------- AT001 unrepresented


def test_at001_pass_deputy_or_colleague_attended(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"representative_required": True}
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "la": "apologies",
                                           "pol": {"status": "deputy", "by": "Sergeant"}})
    assert repo.rule_messages("AT001") == []


def test_at001_pass_not_required(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "pol": "apologies"})
    assert repo.rule_messages("AT001") == []


def test_at001_fail_organisation_unrepresented(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"representative_required": True}
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "pol": "apologies", "vcs": "absent"})
    found = repo.rule_findings("AT001")
    assert [f.message for f in found] == [
        (f"at the meeting on 2026-01-14 nobody attended for: {POL} (apologies); "
         "Service Manager, Youth Charity (absent)")]
    assert found[0].severity == "warning"
    assert found[0].path == "$.attendance.pol"


# ---------------------------------------------------------------- AT002 attendance-not-recorded


def test_at002_pass_vacant_and_ended_seats_need_no_entry(repo: MiniRepo) -> None:
    repo.body["seats"][5]["vacant_since"] = "2025-12-01"
    repo.body["seats"][4]["until"] = "2025-12-31"
    attendance = {k: v for k, v in ALL_PRESENT.items() if k not in ("vcs", "trust")}
    repo.meeting("2026-01-14", attendance=attendance)
    assert repo.rule_messages("AT002") == []


def test_at002_fail_seat_missing_from_register(repo: MiniRepo) -> None:
    attendance = {k: v for k, v in ALL_PRESENT.items() if k != "vcs"}
    repo.meeting("2026-01-14", attendance=attendance)
    found = repo.rule_findings("AT002")
    assert [f.message for f in found] == [
        "the meeting on 2026-01-14 records no attendance for Service Manager, Youth Charity"]
    assert found[0].severity == "warning"


def test_at002_fail_held_meeting_without_attendance_is_an_error(repo: MiniRepo) -> None:
    record = repo.meeting("2026-01-14")
    del record["attendance"]
    found = repo.rule_findings("AT002")
    assert [(f.message, f.severity, f.kind, f.path) for f in found] == [
        ("the meeting on 2026-01-14 is recorded as held but records no attendance", "error",
         "record", "$.status")]
    assert found[0].line == 3  # the 'status: held' line
    assert found[0].hint.startswith("add 'attendance:' with each seat of Safeguarding Group "
                                    "(la, la2, pol, nurse, trust, vcs) as present, deputy, "
                                    "apologies or absent")
    assert "write status: cancelled" in found[0].hint


def test_at002_pass_scheduled_and_cancelled_meetings_need_no_attendance(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    del repo.meeting("2026-07-08", status="scheduled")["attendance"]
    cancelled = repo.meeting("2026-02-11", status="cancelled",
                             cancelled_reason="Not enough business.")
    del cancelled["attendance"], cancelled["chair"]
    assert repo.rule_messages("AT002") == []


def test_at002_pass_restricted_record_with_its_attendance(repo: MiniRepo) -> None:
    """A restricted record keeps its register like any other; the site withholds it."""
    repo.meeting("2026-01-14", classification="OFFICIAL-SENSITIVE")
    assert repo.rule_messages("AT002") == []


def test_at002_fail_restricted_record_without_attendance_says_nothing_in_public(
        repo: MiniRepo) -> None:
    from minutebook.site.publication import WITHHELD_FINDING, publishable_findings

    del repo.meeting("2026-01-14", classification="OFFICIAL-SENSITIVE")["attendance"]
    result = repo.check(select={"AT002"})
    found = [f for f in result.findings if f.code == "AT002"]
    assert [f.severity for f in found] == ["error"]
    assert result.dataset is not None
    public = publishable_findings(result.dataset, found, "public")
    assert [(f.message, f.severity) for f in public] == [(WITHHELD_FINDING, "error")]


def test_at002_fail_configuration_can_lower_it_to_a_warning(repo: MiniRepo) -> None:
    repo.config = {"checks": {"severity": {"AT002": "warning"}}}
    del repo.meeting("2026-01-14")["attendance"]
    assert [f.severity for f in repo.rule_findings("AT002")] == ["warning"]


# ---------------------------------------------------------------- AT003 low-attendance


def test_at003_pass_attendance_exactly_75_percent(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"min_rate": "75%"}]}
    _series(repo, "pol", ("present", "apologies", "present", "present"))
    assert repo.rule_messages("AT003") == []


def test_at003_fail_attendance_below_75_percent_over_window(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"min_rate": "75%"}]}
    _series(repo, "pol", ("present", "apologies", "absent", "present"))
    found = repo.rule_findings("AT003")
    assert [f.message for f in found] == [
        (f"{POL} attended 2 of 4 meetings of Safeguarding Group since 2025-06-01 (50%; "
         "expected 75%); missed 2025-12-10, 2026-03-11")]
    assert found[0].severity == "warning"


def test_at003_pass_misses_before_the_window_do_not_count(repo: MiniRepo) -> None:
    # a 6-month window starts after 2025-12-01: the miss on 2025-09-10 is outside it
    repo.tor["attendance"] = {"expectations": [{"min_rate": "100%", "window": "6 months"}]}
    _series(repo, "pol", ("apologies", "present", "present", "present"))
    assert repo.rule_messages("AT003") == []
    repo.tor["attendance"] = {"expectations": [{"min_rate": "100%"}]}
    assert repo.rule_messages("AT003") == [
        (f"{POL} attended 3 of 4 meetings of Safeguarding Group since 2025-06-01 (75%; "
         "expected 100%); missed 2025-09-10")]


def test_at003_fail_deputies_not_counted(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"min_rate": "3/4", "deputies_count": False,
                                                "applies_to": {"kind": "police"}}]}
    deputy = {"status": "deputy", "by": "Sergeant"}
    _series(repo, "pol", ("present", deputy, "present", deputy))
    assert repo.rule_messages("AT003") == [
        (f"{POL} attended 2 of 4 meetings of Safeguarding Group since 2025-06-01 (50%; "
         "expected 75%); missed 2025-12-10, 2026-05-13")]


def test_at003_pass_per_organisation_colleague_attended(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"min_rate": "75%", "per": "organisation",
                                                "applies_to": {"organisation": "council"}}]}
    _series(repo, "la", ("apologies", "apologies", "apologies", "apologies"))
    assert repo.rule_messages("AT003") == []


# ---------------------------------------------------------------- AT004 missed-meetings


def test_at004_pass_two_in_a_row_then_attended(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"max_consecutive_missed": 3}]}
    _series(repo, "pol", ("apologies", "apologies", "present", "apologies"))
    assert repo.rule_messages("AT004") == []


def test_at004_fail_three_consecutive_missed(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"max_consecutive_missed": 3}]}
    _series(repo, "pol", ("present", "apologies", "absent", "apologies"))
    found = repo.rule_findings("AT004")
    assert [f.message for f in found] == [
        f"{POL} has missed 3 meetings in a row: 2025-12-10, 2026-03-11, 2026-05-13"]
    assert found[0].severity == "warning"
    assert found[0].file == "meetings/group/2026-05-13.md"


def test_at004_fail_deputy_counts_as_missed_when_deputies_do_not_count(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"max_consecutive_missed": 3,
                                                "deputies_count": False}]}
    deputy = {"status": "deputy", "by": "Sergeant"}
    _series(repo, "pol", (deputy, deputy, deputy, "present"))
    assert repo.rule_messages("AT004") == [
        f"{POL} has missed 3 meetings in a row: 2025-09-10, 2025-12-10, 2026-03-11"]


def test_at004_fail_too_many_missed_in_window(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"max_missed_in_window": 3}]}
    _series(repo, "pol", ("apologies", "apologies", "present", "apologies"))
    assert repo.rule_messages("AT004") == [
        f"{POL} missed 3 meetings since 2025-06-01: 2025-09-10, 2025-12-10, 2026-05-13"]


def test_at004_pass_fewer_missed_in_window(repo: MiniRepo) -> None:
    repo.tor["attendance"] = {"expectations": [{"max_missed_in_window": 3}]}
    _series(repo, "pol", ("apologies", "present", "present", "apologies"))
    assert repo.rule_messages("AT004") == []


# ---------------------------------------------------------------- AT005 substitute-not-agreed


def test_at005_pass_chair_agreed_substitute(repo: MiniRepo) -> None:
    repo.body["seats"][2]["substitutes_need_chair_agreement"] = True
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "pol": {
        "status": "deputy", "by": "Sergeant", "chair_agreed": True}})
    assert repo.rule_messages("AT005") == []


def test_at005_pass_seat_without_the_condition(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "pol": {
        "status": "deputy", "by": "Sergeant"}})
    assert repo.rule_messages("AT005") == []


def test_at005_fail_substitute_needing_chair_agreement(repo: MiniRepo) -> None:
    repo.body["seats"][2]["substitutes_need_chair_agreement"] = True
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "pol": {
        "status": "deputy", "by": "Sergeant"}})
    found = repo.rule_findings("AT005")
    assert [f.message for f in found] == [
        (f"a substitute attended for {POL} on 2026-01-14 without the chair's agreement "
         "recorded, so does not count towards the quorum")]
    assert found[0].severity == "warning"
