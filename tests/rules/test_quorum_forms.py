"""Quorum as real ToRs decide it: counts from each constituent, quorum at all times, and
the chair's recorded determination (QU002, QU001, QU005)."""

from __future__ import annotations

from minirepo import MiniRepo

ORGS_PLUS_COUNCIL = [
    {"id": "council2", "name": "Second Council", "kinds": ["local-authority"]},
]
COUNCIL2_SEATS = [
    {"id": "lb", "organisation": "council2", "post": "Head of Service"},
    {"id": "lb2", "organisation": "council2", "post": "Practice Lead"},
]
TWO_FROM_EACH_COUNCIL = {"present": {"kind": "local-authority"}, "min": 2, "each": "organisation"}


def two_councils(repo: MiniRepo) -> None:
    repo.organisations += ORGS_PLUS_COUNCIL
    repo.body["seats"] += COUNCIL2_SEATS
    repo.tor["quorum"] = {"requires": TWO_FROM_EACH_COUNCIL}


def test_qu002_pass_each_council_sends_two(repo: MiniRepo) -> None:
    two_councils(repo)
    repo.meeting("2026-01-14", attendance={
        "la": "present", "la2": "present", "lb": "present", "lb2": "present",
        "pol": "apologies", "nurse": "apologies", "trust": "apologies", "vcs": "apologies"})
    assert repo.messages("QU002") == []


def test_qu002_fail_each_names_the_council_short(repo: MiniRepo) -> None:
    two_councils(repo)
    # four council members present in all, but only one of the second council's
    repo.meeting("2026-01-14", attendance={
        "la": "present", "la2": "present", "lb": "present", "lb2": "apologies",
        "pol": "present", "nurse": "present", "trust": "present", "vcs": "present"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least 2 "
        "local authority present from each organisation (Second Council: 1 of the "
        "2 needed)")]


def test_qu002_fail_each_kind_counts_per_kind_of_organisation(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"present": {"statutory_partner": True}, "min": 1,
                                       "each": "kind"}}
    repo.meeting("2026-01-14", attendance={
        "la": "present", "la2": "present", "pol": "apologies", "nurse": "present",
        "trust": "present", "vcs": "present"})
    assert [m.split("(")[-1] for m in repo.messages("QU002")] == ["police: 0 of the 1 needed)"]


FOUR = {"present": {}, "min": 4}


def test_qu002_pass_at_all_times_departure_leaves_enough(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "at_all_times": True}
    repo.meeting("2026-01-14", start="10:00", attendance={
        "la": "present", "la2": "present", "pol": "present", "nurse": "present",
        "trust": {"status": "present", "left": "11:00"}, "vcs": "apologies"})
    assert repo.messages("QU002") == []


def test_qu002_fail_at_all_times_late_arrival_at_the_start(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "at_all_times": True}
    repo.meeting("2026-01-14", start="10:00", attendance={
        "la": "present", "la2": "present", "pol": {"status": "present", "arrived": "10:20"},
        "nurse": {"status": "present", "left": "11:15"}, "trust": "apologies",
        "vcs": "apologies"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at the start "
        "(10:00): at least 4 members present: 3 of the 4 needed")]


def test_qu002_fail_at_all_times_left_early_without_a_time(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "at_all_times": True}
    repo.meeting("2026-01-14", attendance={
        "la": "present", "la2": "present", "pol": "present",
        "nurse": {"status": "present", "left_early": True}, "trust": "apologies",
        "vcs": "apologies"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: towards the "
        "end, after members left early: at least 4 members present: 3 of the 4 needed")]


def test_qu002_pass_departure_counts_only_at_all_times(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR}
    repo.meeting("2026-01-14", start="10:00", attendance={
        "la": "present", "la2": "present", "pol": "present",
        "nurse": {"status": "present", "left": "11:15"}, "trust": "apologies",
        "vcs": "apologies"})
    assert repo.messages("QU002") == []


SHORT = {"la": "present", "la2": "present", "pol": "present", "nurse": "apologies",
         "trust": "apologies", "vcs": "apologies"}
DETERMINED = {"reason": "the ICB joined by telephone for the items it leads",
              "items": ["Item 3: exploitation data"]}


def test_qu005_pass_determination_allowed_makes_the_meeting_quorate(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "chair_may_determine": True}
    repo.meeting("2026-01-14", attendance=SHORT, quorum_determination=DETERMINED,
                 decisions=[{"id": "d1", "text": "Agreed the data sharing plan."}])
    assert repo.messages("QU002") == []
    assert repo.messages("QU001") == []
    found = repo.findings("QU005")
    assert [(f.severity, f.message) for f in found] == [(
        "info", ("the chair determined the meeting on 2026-01-14 quorate for Item 3: "
        "exploitation data (the ICB joined by telephone for the items it leads); by the "
        "attendance recorded: at least 4 members present: 3 of the 4 needed"))]
    assert found[0].path == "$.quorum_determination"


def test_qu005_fail_determination_not_in_the_tor(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR}
    repo.meeting("2026-01-14", attendance=SHORT, quorum_determination=DETERMINED)
    assert [f.severity for f in repo.findings("QU005")] == ["warning"]
    assert "ToR does not provide for one" in repo.messages("QU005")[0]
    assert len(repo.messages("QU002")) == 1


def test_qu005_pass_determination_on_a_quorate_meeting_says_nothing(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "chair_may_determine": True}
    repo.meeting("2026-01-14", quorum_determination=DETERMINED)
    assert repo.findings("QU005") == []


def test_qu002_fail_at_all_times_from_the_departure_that_broke_it(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": FOUR, "at_all_times": True}
    repo.meeting("2026-01-14", start="10:00", attendance={
        "la": "present", "la2": "present", "pol": "present",
        "nurse": {"status": "present", "left": "11:15"}, "trust": "apologies",
        "vcs": "apologies"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: from 11:15: "
        "at least 4 members present: 3 of the 4 needed")]


# ---------------------------------------------------------------- member categories as data


def test_rf001_pass_a_declared_member_category(repo: MiniRepo) -> None:
    repo.config = {"member_categories": [{"id": "carer", "name": "carers' representatives"}]}
    repo.body["seats"].append({"id": "carer1", "category": "carer", "post": "Carer"})
    repo.tor["quorum"] = {"requires": {"all_of": [
        {"present": {}, "min": 4}, {"present": {"category": "carer"}}]}}
    repo.meeting("2026-01-14", attendance={**dict.fromkeys(("la", "la2", "pol", "nurse", "trust", "vcs"), "present"),
                                            "carer1": "apologies"})
    assert repo.messages("RF001") == []
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least 1 "
        "carers' representatives present: 0 of the 1 needed")]


def test_rf001_fail_a_member_category_not_declared(repo: MiniRepo) -> None:
    repo.body["seats"].append({"id": "carer1", "category": "co-opt", "post": "Carer"})
    repo.tor["quorum"] = {"requires": {"present": {"category": "service-user"}}}
    repo.meeting("2026-01-14")
    found = repo.findings("RF001")
    assert [(f.path, f.message) for f in found] == [
        ("$.seats[6].category", "'co-opt' is not a category of member"),
        ("$.quorum.requires.present.category", "'service-user' is not a category of member")]
    assert found[0].hint.startswith("did you mean 'co-opted'? ")
    assert "declare it under member_categories: in minutebook.yaml" in found[1].hint


# ---------------------------------------------------------------- a nominated organisation


ICB_REQUIRED = {"all_of": [{"present": {}, "min": 4}, {"present": {"kind": "icb"}}]}
NOMINATED = {"la": "present", "la2": "present", "pol": "present",
             "nurse": {"status": "deputy", "nominee": "trust"}, "trust": "present",
             "vcs": "apologies"}


def test_qu002_pass_the_icb_represented_by_the_trust_it_nominated(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": ICB_REQUIRED}
    repo.meeting("2026-01-14", attendance=NOMINATED)
    assert repo.messages("QU002") == []
    assert repo.messages("RF001") == []


def test_qu002_fail_a_nominee_who_was_not_there_does_not_count(repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": ICB_REQUIRED}
    repo.meeting("2026-01-14", attendance={**NOMINATED, "trust": "apologies",
                                           "vcs": "present"})
    assert repo.messages("QU002") == [
        ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least 1 ICB "
        "present: 0 of the 1 needed")]


def test_rf001_fail_a_nominee_that_is_not_a_seat(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", attendance={**NOMINATED, "nurse": {"status": "deputy",
                                                                  "nominee": "hospital"}})
    assert repo.messages("RF001") == [
        ("the nominee of 'nurse' must be another seat of Safeguarding Group, with status: "
        "deputy")]
