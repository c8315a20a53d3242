"""Consequences and exceptions (issue 17, item 9): AT004 quoting the ToR's consequence,
named deputies (AT006), urgent items after the papers deadline (DL003) and decisions not
reached, tabled again (DC005, DC006)."""

from __future__ import annotations

from minirepo import ALL_PRESENT, MiniRepo

LA = "Head of Safeguarding, Borough Council"

# ---------------------------------------------------------------- AT004 with a consequence


def _missing(repo: MiniRepo, consequence: str | None) -> None:
    e: dict[str, object] = {"max_consecutive_missed": 2, "deputies_count": False}
    if consequence:
        e["consequence"] = consequence
    repo.tor["attendance"] = {"expectations": [e]}
    for day in ("2026-01-14", "2026-02-25"):
        repo.meeting(day, chair="pol", attendance={**ALL_PRESENT, "vcs": "apologies"})


def test_at004_pass_consequence_not_reached(repo: MiniRepo) -> None:
    _missing(repo, "membership will be reviewed by the chair")
    repo.meetings[("group", "2026-02-25")]["attendance"]["vcs"] = "present"
    assert repo.rule_messages("AT004") == []


def test_at004_fail_quotes_the_tors_consequence(repo: MiniRepo) -> None:
    _missing(repo, "membership will be reviewed by the chair")
    found = repo.rule_findings("AT004")
    assert [f.message for f in found] == [
        ("Service Manager, Youth Charity has missed 2 meetings in a row: 2026-01-14, "
        "2026-02-25; the ToR says: membership will be reviewed by the chair")]
    assert found[0].hint == "as the ToR says: membership will be reviewed by the chair"


# ---------------------------------------------------------------- AT006 named deputies


def _deputy(repo: MiniRepo, **att: object) -> None:
    repo.tor["attendance"] = {"named_deputies_only": True}
    repo.meeting("2026-01-14", chair="pol",
                 attendance={**ALL_PRESENT, "la": {"status": "deputy", **att}})


def test_at006_pass_the_named_deputy_attended(repo: MiniRepo) -> None:
    _deputy(repo, by="service manager")
    assert repo.rule_messages("AT006") == []


def test_at006_pass_without_the_rule_anyone_may_deputise(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", chair="pol",
                 attendance={**ALL_PRESENT, "la": {"status": "deputy", "by": "Team Manager"}})
    assert repo.rule_messages("AT006") == []


def test_at006_fail_someone_else_or_nobody_named(repo: MiniRepo) -> None:
    _deputy(repo, by="Team Manager")
    repo.meeting("2026-02-25", chair="pol",
                 attendance={**ALL_PRESENT, "la": {"status": "deputy"}})
    found = repo.rule_findings("AT006")
    assert [f.message for f in found] == [
        (f"Team Manager attended for {LA} on 14 January 2026, who is not a deputy named for "
        "the seat (named: Service Manager); the ToR allows only named deputies"),
        (f"a deputy attended for {LA} on 25 February 2026, but the record does not say who; "
        "the ToR allows only the deputies named for the seat")]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- DL003 late items


PAPERS = [{"milestone": "papers-circulated", "due": "5 working days before the meeting"}]
URGENT = {"item": "Serious incident notification", "circulated": "2026-01-13",
          "reason": "The notification was made on 12 January and the Board must be told."}


def _late(repo: MiniRepo, item: dict[str, object], **tor: object) -> None:
    repo.tor["deadlines"] = PAPERS
    repo.tor.update(tor)
    repo.meeting("2026-01-14", milestones={"papers-circulated": "2026-01-07"},
                 late_items=[item])


def test_dl003_pass_urgent_item_with_its_reason_is_accepted(repo: MiniRepo) -> None:
    _late(repo, URGENT)
    found = repo.rule_findings("DL003")
    assert [(f.severity, f.message) for f in found] == [
        ("info", ("'Serious incident notification' was added to the meeting of 14 January 2026 "
         "after the papers deadline (7 January 2026) as urgent business: The notification "
         "was made on 12 January and the Board must be told."))]
    assert [f.code for f in repo.check().findings if f.code.startswith("DL")
            and f.severity != "info"] == []


def test_dl003_pass_item_circulated_in_time(repo: MiniRepo) -> None:
    _late(repo, {"item": "Data report", "circulated": "2026-01-06"})
    assert repo.rule_messages("DL003") == []


def test_dl003_fail_no_reason(repo: MiniRepo) -> None:
    _late(repo, {"item": "Serious incident notification", "circulated": "2026-01-13"})
    found = repo.rule_findings("DL003")
    assert [(f.severity, f.message) for f in found] == [
        ("warning", ("'Serious incident notification' was added to the meeting of 14 January "
         "2026 after the papers deadline (7 January 2026), with no reason minuted"))]


def test_dl003_fail_chair_agreement_or_not_allowed(repo: MiniRepo) -> None:
    _late(repo, URGENT, late_items={"chair_agreement": True})
    assert repo.rule_messages("DL003") == [
        ("'Serious incident notification' was added to the meeting of 14 January 2026 after "
        "the papers deadline (7 January 2026), with the chair's agreement not recorded")]
    repo.tor["late_items"] = {"allowed": False}
    assert repo.rule_messages("DL003") == [
        ("'Serious incident notification' was added to the meeting of 14 January 2026 after "
        "the papers deadline (7 January 2026), but the ToR does not allow late items")]


# ---------------------------------------------------------------- DC005 re-tabled


NOT_REACHED = {"id": "d2", "text": "Pooled budget for the exploitation service",
               "method": "consensus", "reached": False}
RETABLED = {"id": "d1", "text": "Pooled budget agreed", "method": "consensus",
            "retables": {"meeting": "2026-01-14", "decision": "d2"}}


def _retable(repo: MiniRepo, how: str, *later: dict[str, object]) -> None:
    repo.tor["decisions"] = {"method": "consensus", "retable": how}
    repo.meeting("2026-01-14", decisions=[NOT_REACHED])
    repo.meeting("2026-02-25", decisions=list(later))


def test_dc005_pass_retabled_at_the_next_meeting(repo: MiniRepo) -> None:
    _retable(repo, "next-meeting", RETABLED)
    assert repo.rule_messages("DC005") == []
    assert repo.rule_messages("DC006") == []
    # a decision not reached is not a breach of consensus (DC004) nor a vote (DC001)
    assert [f.code for f in repo.check().findings if f.code.startswith("DC")] == []


def test_dc005_fail_not_retabled_at_the_next_meeting(repo: MiniRepo) -> None:
    _retable(repo, "next-meeting")
    repo.meeting("2026-04-08", decisions=[RETABLED])
    found = repo.rule_findings("DC005")
    assert [f.message for f in found] == [
        ("decision d2 of 14 January 2026 ('Pooled budget for the exploitation service') was "
        "not reached and not tabled again at the next meeting, on 25 February 2026; it was "
        "taken up on 8 April 2026")]
    assert found[0].severity == "error"


def test_dc005_fail_later_still_waiting_is_a_note(repo: MiniRepo) -> None:
    _retable(repo, "later")
    found = repo.rule_findings("DC005")
    assert [f.severity for f in found] == ["info"]
    assert repo.rule_messages("DC005", today="2026-01-20") == [
        ("decision d2 of 14 January 2026 ('Pooled budget for the exploitation service') was "
        "not reached; the ToR brings it back to a later meeting, and none has taken it up yet")]


def test_dc006_pass_retables_names_a_decision_not_reached(repo: MiniRepo) -> None:
    _retable(repo, "next-meeting", RETABLED)
    assert repo.rule_messages("DC006") == []


def test_dc006_fail_retables_names_an_unknown_or_reached_decision(repo: MiniRepo) -> None:
    _retable(repo, "next-meeting",
             {**RETABLED, "retables": {"meeting": "2026-01-14", "decision": "d9"}},
             {**RETABLED, "id": "d3", "retables": {"meeting": "2026-01-20", "decision": "d2"}})
    found = repo.rule_findings("DC006")
    assert [f.message for f in found] == [
        ("decision d1 of 25 February 2026 takes up a decision again, but the meeting of 14 "
        "January 2026 has no decision d9"),
        ("decision d3 of 25 February 2026 takes up a decision again, but the meeting of 20 "
        "January 2026 is not an earlier held meeting of this body")]
    assert {f.kind for f in found} == {"record"}
