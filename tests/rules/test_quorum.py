"""QU: quorum rules, including deputies and fractions at their boundaries."""

from __future__ import annotations

from minirepo import MiniRepo
from minutebook.analysis import describe_selector
from minutebook.model import Selector

SIX = {"present": {}, "min": 4}


def test_baseline_repository_is_clean(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    assert repo.problems() == []


def test_qu002_pass_exactly_minimum_present(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", attendance={"la": "present", "la2": "present",
                                           "pol": "present", "nurse": "present",
                                           "trust": "apologies", "vcs": "absent"})
    assert repo.messages("QU002") == []


def test_qu002_pass_deputy_counts_towards_quorum(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", attendance={"la": "present", "la2": "present",
                                           "pol": "present",
                                           "nurse": {"status": "deputy", "by": "Deputy Nurse"},
                                           "trust": "apologies", "vcs": "apologies"})
    assert repo.messages("QU002") == []


def test_qu002_fail_deputy_not_counted_when_tor_says_so(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX, "deputies_count": False}
    repo.meeting("2026-01-14", attendance={"la": "present", "la2": "present",
                                           "pol": "present",
                                           "nurse": {"status": "deputy", "by": "Deputy Nurse"},
                                           "trust": "apologies", "vcs": "apologies"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: "
         "at least 4 members present: 3 of the 4 needed")]


def test_qu002_fail_recorded_inquorate_without_decisions(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", quorate=False,
                 attendance={"la": "present", "la2": "apologies", "pol": "present",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"})
    found = repo.findings("QU002")
    assert [f.message for f in found] == [
        "the meeting on 2026-01-14 was not quorate: at least 4 members present: 2 of the 4 needed"]
    assert found[0].severity == "warning"
    assert found[0].file == "meetings/group/2026-01-14.md"


def test_qu002_fail_fraction_one_third_of_six_rounded_up(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"present": {}, "min": "1/3", "rounding": "up"}}
    repo.meeting("2026-01-14", attendance={
        **dict.fromkeys(("la2", "pol", "nurse", "trust", "vcs"), "apologies"), "la": "present"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least one "
         "third (rounded up) of the members present: 1 of the 2 needed")]


def test_qu002_every_statutory_partner_names_the_missing_one(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"present": {"statutory_partner": True},
                                       "per": "organisation", "min": "all"}}
    repo.meeting("2026-01-14", attendance={**dict.fromkeys(("la", "la2", "pol"), "present"),
                                           "nurse": "apologies", "trust": "present",
                                           "vcs": "present"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: every "
         "organisation of statutory partners represented: 2 of the 3 needed "
         "(missing: Integrated Care Board)")]


def test_qu002_pass_vice_chair_presiding_satisfies_chair_or_vice_chair(repo: MiniRepo) -> None:
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.tor["quorum"] = {"requires": {"present": {"role": ["chair", "vice-chair"]}}}
    repo.meeting("2026-01-14", chair="pol", attendance={
        **dict.fromkeys(("la2", "pol", "nurse", "trust", "vcs"), "present"), "la": "apologies"})
    assert repo.messages("QU002") == []


def test_qu001_fail_decisions_at_inquorate_meeting(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", attendance={"la": "present", "pol": "present",
                                           "la2": "apologies", "nurse": "apologies",
                                           "trust": "apologies", "vcs": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed the plan."}])
    found = repo.findings("QU001")
    assert [f.message for f in found] == [
        ("the meeting on 2026-01-14 was not quorate (at least 4 members present: 2 of the 4 "
         "needed) but records 1 decision(s)")]
    assert found[0].severity == "error"


def test_qu001_qu002_pass_no_register_at_all_is_left_to_at002(repo: MiniRepo) -> None:
    """One mistake, one finding: a held meeting with no attendance is AT002's error, not a
    meeting that nobody attended."""
    repo.tor["quorum"] = {"requires": SIX}
    del repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "Agreed the plan."}])[
        "attendance"]
    del repo.meeting("2026-02-11")["attendance"]
    result = repo.check()
    assert [(f.code, f.file) for f in result.findings if f.category == "quorum"] == []
    assert [(f.code, f.file) for f in result.findings if f.code == "AT002"] == [
        ("AT002", "meetings/group/2026-01-14.md"), ("AT002", "meetings/group/2026-02-11.md")]


def test_qu003_fail_not_ratified_at_next_quorate_meeting(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX, "ratify_inquorate_decisions": True}
    repo.meeting("2026-01-14", quorate=False,
                 attendance={"la": "present", "pol": "present", "la2": "apologies",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed the plan."}])
    repo.meeting("2026-02-25")
    assert repo.messages("QU001") == []
    assert repo.messages("QU003") == [
        ("decision d1 of the inquorate meeting on 2026-01-14 was not ratified at the next "
         "quorate meeting (2026-02-25)")]


def test_qu003_pass_ratified(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX, "ratify_inquorate_decisions": True}
    repo.meeting("2026-01-14", quorate=False,
                 attendance={"la": "present", "pol": "present", "la2": "apologies",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed the plan."}])
    repo.meeting("2026-02-25", decisions=[{"id": "d1", "text": "Ratified.",
                                           "ratifies": [{"meeting": "2026-01-14",
                                                         "decision": "d1"}]}])
    assert repo.messages("QU003") == []


def test_qu004_fail_recorded_quorate_but_not(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", quorate=True,
                 attendance={"la": "present", "pol": "present", "la2": "apologies",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"})
    assert len(repo.messages("QU004")) == 1


def test_qu001_pass_decisions_at_quorate_meeting(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "Agreed the plan."}])
    assert repo.rule_messages("QU001") == []


def test_qu004_pass_recorded_quorate_and_was(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", quorate=True)
    assert repo.rule_messages("QU004") == []


def test_qu003_fail_pending_ratification_is_only_a_warning(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX, "ratify_inquorate_decisions": True}
    repo.meeting("2026-01-14", quorate=False,
                 attendance={"la": "present", "pol": "present", "la2": "apologies",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed the plan."}])
    found = repo.rule_findings("QU003")
    assert [f.message for f in found] == [
        ("decision d1 of the inquorate meeting on 2026-01-14 awaits ratification at the next "
        "quorate meeting")]
    assert found[0].severity == "warning"


def test_qu002_pass_silent_when_qu004_reports_the_mismatch(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.meeting("2026-01-14", quorate=True,
                 attendance={"la": "present", "pol": "present", "la2": "apologies",
                             "nurse": "apologies", "trust": "apologies", "vcs": "apologies"})
    assert repo.rule_messages("QU002") == []
    assert len(repo.rule_messages("QU004")) == 1


def test_qu002_pass_advisers_not_counted_by_an_empty_selector(repo: MiniRepo) -> None:
    # six seats, one an adviser: "all members present" needs the five members only
    repo.body["seats"][5]["category"] = "adviser"
    repo.tor["quorum"] = {"requires": {"present": {}, "min": "all"}}
    repo.meeting("2026-01-14", attendance={**dict.fromkeys(("la", "la2", "pol", "nurse", "trust"), "present"),
                                           "vcs": "apologies"})
    assert repo.rule_messages("QU002") == []


def test_schema_accepts_min_one_and_refuses_min_zero(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"present": {"kind": "police"}, "min": 1}}
    repo.meeting("2026-01-14")
    assert repo.problems() == []
    repo.tor["quorum"] = {"requires": {"present": {"kind": "police"}, "min": 0}}
    assert [p.split(" ", 1)[1] for p in repo.problems()] == [
        "SC003 'min' is out of range: 0 is less than the minimum of 1"]


def test_quorum_words_name_categories_and_kinds_as_people_would(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"all_of": [
        {"present": {"category": ["member", "lay", "young-people"]}, "min": "1/3"},
        {"present": {"kind": "icb"}},
        {"present": {"kind": "nhs-trust"}}]}}
    repo.meeting("2026-01-14", attendance={"la": "present", "la2": "present",
                                           "pol": "present", "nurse": "apologies",
                                           "trust": "apologies", "vcs": "present"})
    assert repo.rule_messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least 1 "
        "ICB present: 0 of the 1 needed; at least 1 NHS trust present: 0 of the 1 needed")]
    words = describe_selector(Selector(categories=frozenset({"member", "lay", "young-people"})),
                              None, None)  # type: ignore[arg-type]
    assert words == "lay members or members or young people's representatives"
