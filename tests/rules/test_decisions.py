"""DC: decisions carried by the votes, the members and the method the ToR requires."""

from __future__ import annotations

from typing import Any

from minirepo import ALL_PRESENT, MiniRepo

EVERY_STATUTORY_PARTNER = {"present": {"statutory_partner": True}, "per": "organisation",
                           "min": "all"}


def _vote(votes_for: int, against: int, **extra: Any) -> dict[str, Any]:
    return {"id": "d1", "text": "Agreed the plan.", "method": "vote",
            "votes": {"for": votes_for, "against": against, **extra}}


# ---------------------------------------------------------------- DC001 vote-not-carried


def test_dc001_pass_simple_majority(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", decisions=[_vote(5, 4)])
    assert repo.rule_messages("DC001") == []


def test_dc001_pass_4_4_with_chairs_casting_vote(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"casting_vote": "chair"}
    repo.meeting("2026-01-14", decisions=[_vote(4, 4, casting_vote="for")])
    assert repo.rule_messages("DC001") == []


def test_dc001_fail_4_4_without_casting_vote(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"casting_vote": "chair"}
    repo.meeting("2026-01-14", decisions=[_vote(4, 4)])
    found = repo.rule_findings("DC001")
    assert [f.message for f in found] == [
        ("decision d1 on 2026-01-14 had 4 for and 4 against; it needed a majority or the "
         "chair's casting vote")]
    assert found[0].severity == "error"
    assert found[0].path == "$.decisions[0].votes"


def test_dc001_fail_4_4_casting_vote_against(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"casting_vote": "chair"}
    repo.meeting("2026-01-14", decisions=[_vote(4, 4, casting_vote="against")])
    assert repo.rule_messages("DC001") == [
        ("decision d1 on 2026-01-14 had 4 for and 4 against; it needed a majority or the "
         "chair's casting vote")]


def test_dc001_fail_4_4_casting_vote_the_tor_does_not_give(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"casting_vote": "none"}
    repo.meeting("2026-01-14", decisions=[_vote(4, 4, casting_vote="for")])
    assert repo.rule_messages("DC001") == [
        "decision d1 on 2026-01-14 had 4 for and 4 against; it needed a majority"]


def test_dc001_pass_two_thirds_reached_exactly(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"threshold": "2/3"}
    repo.meeting("2026-01-14", decisions=[_vote(6, 3, abstain=2)])
    assert repo.rule_messages("DC001") == []


def test_dc001_fail_two_thirds_not_reached(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"threshold": "2/3"}
    repo.meeting("2026-01-14", decisions=[_vote(5, 3)])
    assert repo.rule_messages("DC001") == [
        "decision d1 on 2026-01-14 had 5 for and 3 against; it needed 2/3 of the votes cast"]


# ------------------------------------------------ DC002 decision-without-required-members


def test_dc002_pass_every_statutory_partner_present(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"requires": EVERY_STATUTORY_PARTNER}
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "la": "apologies",
                                           "trust": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed."}])
    assert repo.rule_messages("DC002") == []


def test_dc002_pass_no_decisions_without_a_partner(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"requires": EVERY_STATUTORY_PARTNER}
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "nurse": "apologies"})
    assert repo.rule_messages("DC002") == []


def test_dc002_fail_decision_needing_every_statutory_partner(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"requires": EVERY_STATUTORY_PARTNER}
    repo.meeting("2026-01-14", attendance={**ALL_PRESENT, "nurse": "apologies"},
                 decisions=[{"id": "d1", "text": "Agreed."}])
    found = repo.rule_findings("DC002")
    assert [f.message for f in found] == [
        ("the meeting on 2026-01-14 records decisions without every organisation of statutory "
         "partners represented: 2 of the 3 needed (missing: Integrated Care Board)")]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- DC003 dissent-not-recorded


def test_dc003_pass_dissent_recorded(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"record_dissent": True}
    repo.meeting("2026-01-14", decisions=[{**_vote(4, 2), "dissent": ["pol", "vcs"]},
                                          {**_vote(6, 0), "id": "d2"}])
    assert repo.rule_messages("DC003") == []


def test_dc003_fail_votes_against_without_dissent(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"record_dissent": True}
    repo.meeting("2026-01-14", decisions=[_vote(4, 2)])
    found = repo.rule_findings("DC003")
    assert [f.message for f in found] == [
        "decision d1 on 2026-01-14 had 2 vote(s) against but records no dissent"]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- DC004 decision-method


def test_dc004_pass_method_as_tor_says(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"method": "consensus"}
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "Agreed.", "method": "consensus"},
                                          {"id": "d2", "text": "Noted."}])
    assert repo.rule_messages("DC004") == []


def test_dc004_fail_vote_where_tor_says_consensus(repo: MiniRepo) -> None:
    repo.tor["decisions"] = {"method": "consensus"}
    repo.meeting("2026-01-14", decisions=[_vote(5, 1)])
    found = repo.rule_findings("DC004")
    assert [f.message for f in found] == [
        "decision d1 on 2026-01-14 was taken by vote; the ToR says decisions are by consensus"]
    assert found[0].severity == "warning"


def test_dc004_fail_vote_without_votes(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "Agreed.", "method": "vote"}])
    assert repo.rule_messages("DC004") == [
        "decision d1 on 2026-01-14 was a vote but records no votes"]
