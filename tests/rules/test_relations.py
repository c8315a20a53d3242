"""Relations between bodies, external bodies and organisations: RF001/RF004 on relations,
HI001 cycles among accountability, HI005 parent-closed, ToR scope (MB rules of a shared
ToR), two partnerships, and the structure page in words."""

from __future__ import annotations

import html
from typing import Any

from minirepo import MiniRepo, where
from minutebook.site.pages import Generator

SCRUTINY = {"id": "scrutiny-committee", "name": "Children and Families Scrutiny Committee",
            "organisation": "council", "url": "https://example.org/scrutiny"}


def _board(**fields: Any) -> dict[str, Any]:
    return {"id": "board", "name": "Partnership Board", "kind": "board", "tor": "board",
            "seats": [{"id": "la", "organisation": "council"},
                      {"id": "pol", "organisation": "police"}], **fields}


def _board_tor(repo: MiniRepo, **fields: Any) -> None:
    repo.raw["governance/tor/board/1.0.md"] = (
        "---\ntitle: Board ToR\nversion: \"1.0\"\nstatus: approved\nin_force_from: 2025-01-01\n"
        "approved: {date: 2024-12-01, by: board}\nreview: {every: 12 months, last: 2026-01-01}\n"
        "classification: OFFICIAL\n" + "".join(f"{k}: {v}\n" for k, v in fields.items())
        + "---\n## Purpose\n\nTo lead.\n")


def _lawful(repo: MiniRepo) -> None:
    """Every kind of relation, an external body and an organisation as targets, two
    partnerships, and a reporting line that moves on a date."""
    repo.external_bodies = [dict(SCRUTINY)]
    repo.partnerships = [{"id": "scp", "name": "Children's Partnership", "framework": "other"},
                         {"id": "sab", "name": "Adults Board", "framework": "other"}]
    repo.extra_bodies.append(_board(partnership="scp"))
    repo.extra_bodies.append({**_board(), "id": "peer", "name": "Peer Group",
                              "accountable_to": ["scrutiny-committee"]})
    _board_tor(repo)
    repo.body.update(partnership=["scp", "sab"], accountable_to=["board"], relations=[
        {"to": "scrutiny-committee", "kind": "receives-reports-from"},
        {"to": "peer", "kind": "hands-off-to"},
        {"to": "council", "kind": "accountable-to", "until": "2025-12-31"},
        {"to": "scrutiny-committee", "kind": "accountable-to", "from": "2026-01-01"},
        {"to": "board", "kind": "supports"},
        {"to": "peer", "kind": "advises", "from": "2025-06-01", "until": "2026-12-31"},
    ])
    # the peer scrutinises and supports the group back: only accountability makes circles
    repo.extra_bodies[1]["relations"] = [{"to": "group", "kind": "scrutinises"},
                                         {"to": "group", "kind": "supports"}]
    repo.meeting("2026-01-14")


def test_lawful_relations_give_no_finding(repo: MiniRepo) -> None:
    _lawful(repo)
    assert repo.problems() == []


# ---------------------------------------------------------------- RF001 on relations


def test_rf001_fail_relation_to_nothing(repo: MiniRepo) -> None:
    repo.body["relations"] = [{"to": "scrutiny-comittee", "kind": "scrutinises"}]
    found = repo.rule_findings("RF001")
    line, _ = where(repo, "governance/bodies/group.yaml", "to: scrutiny-comittee")
    assert [(f.message, f.line, f.path) for f in found] == [
        ("no body, external body or organisation has the id 'scrutiny-comittee'", line,
         "$.relations[0].to")]
    assert found[0].kind == "record"


def test_rf001_pass_external_body_and_organisation_under_accountable_to(
        repo: MiniRepo) -> None:
    repo.external_bodies = [SCRUTINY]
    repo.body["accountable_to"] = ["scrutiny-committee", "council"]
    assert repo.rule_messages("RF001") == []
    repo.body["accountable_to"] = ["scrutiny-committe"]
    assert repo.rule_messages("RF001") == ["no body has the id 'scrutiny-committe'"]


def test_rf001_fail_external_body_organisation_and_id(repo: MiniRepo) -> None:
    repo.external_bodies = [{**SCRUTINY, "organisation": "councl"},
                            {"id": "group", "name": "Also the group"}]
    assert repo.rule_messages("RF001") == [
        "no organisation has the id 'councl'",
        "the external body id 'group' is also the id of a body in governance/bodies/"]


def test_rf001_fail_second_partnership_unknown(repo: MiniRepo) -> None:
    repo.partnerships = [{"id": "scp", "name": "Children's Partnership", "framework": "other"}]
    repo.body["partnership"] = ["scp", "sabb"]
    assert repo.rule_messages("RF001") == ["no partnership has the id 'sabb'"]


def test_rf002_fail_external_body_id_twice(repo: MiniRepo) -> None:
    repo.external_bodies = [dict(SCRUTINY), dict(SCRUTINY)]
    assert repo.rule_messages("RF002") == [("the external body id 'scrutiny-committee' is used "
                                           "twice")]


def test_rf004_fail_relation_ends_before_it_starts(repo: MiniRepo) -> None:
    repo.body["relations"] = [{"to": "council", "kind": "accountable-to", "from": "2026-01-01",
                               "until": "2025-12-31"}]
    assert repo.rule_messages("RF004") == [
        ("the relation of Safeguarding Group to Borough Council ends (2025-12-31) before it "
        "starts (2026-01-01)")]


def test_schema_refuses_an_unknown_kind_of_relation(repo: MiniRepo) -> None:
    repo.body["relations"] = [{"to": "council", "kind": "reports-to"}]
    found = [f for f in repo.check().findings if f.code == "SC003"]
    assert [f.message for f in found] == [
        ("'kind' cannot be 'reports-to'; allowed: accountable-to, supports, advises, "
        "hands-off-to, scrutinises, receives-reports-from")]


# ---------------------------------------------------------------- HI001 among relations


def test_hi001_fail_circle_through_relations(repo: MiniRepo) -> None:
    _board_tor(repo)
    repo.extra_bodies.append(_board(relations=[{"to": "group", "kind": "accountable-to",
                                                "from": "2026-01-01"}]))
    repo.body["accountable_to"] = ["board"]
    found = repo.rule_findings("HI001")
    assert [f.message for f in found] == [
        "reporting lines form a circle: board → group → board"]
    assert found[0].path == "$.relations[0]"


def test_hi001_pass_a_reporting_line_that_moves_is_no_circle(repo: MiniRepo) -> None:
    _board_tor(repo)
    repo.extra_bodies.append(_board(relations=[{"to": "group", "kind": "accountable-to",
                                                "until": "2025-12-31"}]))
    repo.body["relations"] = [{"to": "board", "kind": "accountable-to", "from": "2026-01-01"}]
    assert repo.rule_messages("HI001") == []


def test_hi001_pass_other_kinds_both_ways(repo: MiniRepo) -> None:
    _board_tor(repo)
    repo.extra_bodies.append(_board(relations=[{"to": "group", "kind": "receives-reports-from"},
                                               {"to": "group", "kind": "supports"}]))
    repo.body["relations"] = [{"to": "board", "kind": "scrutinises"}]
    assert repo.rule_messages("HI001") == []


# ---------------------------------------------------------------- HI005 parent-closed


def test_hi005_fail_meeting_after_the_parent_closed(repo: MiniRepo) -> None:
    _board_tor(repo)
    repo.extra_bodies.append(_board(closed="2026-03-31"))
    repo.body["accountable_to"] = ["board"]
    repo.meeting("2026-03-31")
    repo.meeting("2026-05-13")
    found = repo.rule_findings("HI005")
    assert [(f.message, f.file, f.kind, f.severity) for f in found] == [(
        ("Safeguarding Group met on 13 May 2026, but Partnership Board, to which it is "
        "accountable, closed on 31 March 2026"), "meetings/group/2026-05-13.md", "governance",
        "warning")]


def test_hi005_fail_external_parent_dissolved(repo: MiniRepo) -> None:
    repo.external_bodies = [{**SCRUTINY, "closed": "2026-01-31"}]
    repo.body["relations"] = [{"to": "scrutiny-committee", "kind": "accountable-to"}]
    repo.meeting("2026-02-11")
    assert repo.rule_messages("HI005") == [
        ("Safeguarding Group met on 11 February 2026, but Children and Families Scrutiny "
        "Committee, to which it is accountable, closed on 31 January 2026")]


def test_hi005_pass_new_reporting_line_from_the_closure(repo: MiniRepo) -> None:
    _board_tor(repo)
    repo.external_bodies = [SCRUTINY]
    repo.extra_bodies.append(_board(closed="2026-03-31"))
    repo.body["relations"] = [
        {"to": "board", "kind": "accountable-to", "until": "2026-03-31"},
        {"to": "scrutiny-committee", "kind": "accountable-to", "from": "2026-04-01"}]
    repo.meeting("2026-05-13")
    assert repo.rule_messages("HI005") == []


# ---------------------------------------------------------------- a shared ToR's scope


def _tfg_under_parents_tor(repo: MiniRepo, **fields: Any) -> None:
    """The group's ToR says 'each statutory partner, at most 3 seats'; a task-and-finish
    group of two seats works under it and reports to the group."""
    repo.tor["membership"] = {"max_seats": 6, "required": [{"kind": "icb"}],
                              "vacancy_limit": "1 month"}
    repo.extra_bodies.append({"id": "tfg", "name": "Audit Task and Finish Group",
                              "kind": "task-and-finish", "tor": "group", "ends": "2026-12-31",
                              "accountable_to": ["group"],
                              "seats": [{"id": "la", "organisation": "council"},
                                        {"id": "pol", "organisation": "police",
                                         "vacant_since": "2026-01-01"},
                                        *({"id": f"x{i}", "organisation": "charity"}
                                          for i in range(5))], **fields})


def test_task_and_finish_group_does_not_inherit_membership_rules(repo: MiniRepo) -> None:
    _tfg_under_parents_tor(repo)
    result = repo.check(select={"MB001", "MB003", "MB004"})
    assert [f.message for f in result.findings] == []


def test_tor_scope_full_applies_the_membership_rules(repo: MiniRepo) -> None:
    _tfg_under_parents_tor(repo, tor_scope="full")
    result = repo.check(select={"MB001", "MB003", "MB004"})
    assert sorted((f.code, f.message) for f in result.findings) == [
        ("MB001", ("County Police has been vacant since 2026-01-01, longer than "
         "1 month")),
        ("MB003", "Audit Task and Finish Group has 7 seats; the ToR allows at most 6"),
        ("MB004", ("Audit Task and Finish Group has no filled seat for icb, which the ToR "
         "requires"))]


def test_a_peer_sharing_the_tor_still_has_its_membership_rules(repo: MiniRepo) -> None:
    _tfg_under_parents_tor(repo)
    del repo.extra_bodies[0]["accountable_to"]  # not its parent: a sister body
    result = repo.check(select={"MB003"})
    assert [f.message for f in result.findings] == [
        "Audit Task and Finish Group has 7 seats; the ToR allows at most 6"]


def test_tor_scope_meetings_only_on_any_body(repo: MiniRepo) -> None:
    repo.tor["membership"] = {"max_seats": 5}
    assert repo.rule_messages("MB003") == [("Safeguarding Group has 6 seats; the ToR allows at "
                                           "most 5")]
    repo.body["tor_scope"] = "meetings-only"
    assert repo.rule_messages("MB003") == []


# ---------------------------------------------------------------- the structure page


def test_structure_page_names_relations_and_external_bodies_in_words(repo: MiniRepo) -> None:
    _lawful(repo)
    result = repo.check()
    gen = Generator(result)
    gen.structure(sorted(result.dataset.bodies.values(), key=lambda b: b.name))
    page = html.unescape(gen.site.pages["structure.md"])
    for words in (
            "Safeguarding Group is accountable to Partnership Board.",
            "Safeguarding Group is accountable to Borough Council until 31 December 2025.",
            ("Safeguarding Group is accountable to Children and Families Scrutiny Committee "
            "(outside this repository) from 1 January 2026."),
            "Safeguarding Group hands work on to Peer Group.",
            "Safeguarding Group advises Peer Group from 1 June 2025 until 31 December 2026.",
            "Peer Group scrutinises Safeguarding Group.",
            ("Safeguarding Group belongs to two partnerships: Children's Partnership and "
            "Adults Board."),
            "Children and Families Scrutiny Committee, Borough Council",
            "https://example.org/scrutiny"):
        assert words in page, words


def test_mb004_fail_joint_group_needs_the_statutory_partners_of_both(repo: MiniRepo) -> None:
    repo.partnerships = [
        {"id": "scp", "name": "Children's Partnership", "framework": "other",
         "lead_partners": [{"organisation": "council", "post": "CEO"}]},
        {"id": "sab", "name": "Adults Board", "framework": "other",
         "lead_partners": [{"organisation": "police", "post": "Chief Constable"}]}]
    repo.tor["membership"] = {"required": [{"statutory_partner": True}]}
    repo.body["partnership"] = ["scp", "sab"]
    repo.body["seats"][2]["vacant_since"] = "2026-05-01"  # the police seat
    assert repo.rule_messages("MB004") == [
        ("Safeguarding Group has no filled seat for the statutory partner County Police, which "
        "the ToR requires")]
    repo.body["partnership"] = "scp"
    assert repo.rule_messages("MB004") == []


def test_rf001_fail_a_body_supporting_itself_and_hi001_reporting_to_itself(
        repo: MiniRepo) -> None:
    repo.body["relations"] = [{"to": "group", "kind": "supports"}]
    repo.body["accountable_to"] = ["group"]
    result = repo.check(select={"RF001", "HI001"})
    assert sorted((f.code, f.message) for f in result.findings) == [
        ("HI001", "reporting lines form a circle: group → group"),
        ("RF001", "Safeguarding Group names itself as the other side of a relation")]
