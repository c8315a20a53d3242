"""Offices (issue 17, item 2): every office with its own rules, in one form (offices:)
beside the chair: block, which is translated into offices: CH003, CH004, CH006, CH008,
CH009 and CH010 on every office, and CH013-CH016."""

from __future__ import annotations

from typing import Any

from minirepo import ALL_PRESENT, MiniRepo

LA = "Head of Safeguarding, Borough Council"
LA2 = "Early Help Manager, Borough Council"
POL = "Inspector, County Police"
NURSE = "Designated Nurse, Integrated Care Board"
TRUST = "Named Nurse, Hospital Trust"
VCS = "Service Manager, Youth Charity"

# "The chair is elected for two years. There are two vice-chairs, one from health and one
# from the council, each appointed for a year and for at most two years in a row."
VICE_CHAIRS: list[dict[str, Any]] = [
    {"id": "chair", "title": "Chair", "role": "chair", "term": {"length": "2 years"}},
    {"id": "vice-chair-health", "title": "Vice-chair (health)", "role": "vice-chair",
     "eligible": {"kind": "health"}, "holders": {"min": 1, "max": 1},
     "term": {"length": "1 year", "max_consecutive": 2}},
    {"id": "vice-chair-council", "title": "Vice-chair (council)", "role": "vice-chair",
     "eligible": {"organisation": "council"}},
]


def _offices(repo: MiniRepo, offices: list[dict[str, Any]], *terms: dict[str, Any]) -> None:
    repo.tor.pop("chair", None)
    repo.tor["offices"] = offices
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2025-01-01"},
                                *terms]


def _vice(seat: str, start: str, until: str | None = None, office: str = "vice-chair-health",
          **more: Any) -> dict[str, Any]:
    return {"office": office, "seat": seat, "from": start,
            **({"until": until} if until else {}), **more}


# ---------------------------------------------------------------- both forms, one path


def test_ch009_pass_offices_and_the_chair_block_together(repo: MiniRepo) -> None:
    # the chair from chair:, the vice-chairs from offices: (an office of a role replaces
    # the one chair: would give)
    repo.tor["chair"] = {"method": "elected", "eligible": {"kind": "local-authority"},
                         "vice_chairs": {"eligible": {"kind": "police"}}}
    repo.tor["offices"] = VICE_CHAIRS[1:]
    repo.body["chair_terms"] += [_vice("nurse", "2025-06-01"),
                                 _vice("la2", "2025-06-01", office="vice-chair-council")]
    assert repo.rule_messages("CH009", today="2026-01-01") == []
    assert repo.rule_messages("CH014", today="2026-01-01") == []


def test_ch009_fail_an_office_with_its_own_eligibility(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("pol", "2025-06-01"),
             _vice("la2", "2025-06-01", office="vice-chair-council"))
    found = repo.rule_findings("CH009", today="2026-01-01")
    assert [f.message for f in found] == [
        (f"{POL} is not eligible to be Vice-chair (health) under the ToR: the office is for "
        "health")]
    assert found[0].severity == "error"


# "No elected member of the council's cabinet may chair the Board."
NOT_CABINET = [{"id": "chair", "role": "chair",
                "eligible": {"statutory_partner": True, "not": {"tag": "cabinet"}}}]


def test_ch009_pass_an_office_with_an_exclusion(repo: MiniRepo) -> None:
    _offices(repo, NOT_CABINET)
    assert repo.rule_messages("CH009", today="2026-01-01") == []


def test_ch009_fail_an_office_with_an_exclusion(repo: MiniRepo) -> None:
    repo.organisations[0]["tags"] = ["cabinet"]
    _offices(repo, NOT_CABINET)
    assert repo.rule_messages("CH009", today="2026-01-01") == [
        (f"{LA} is not eligible to be chair under the ToR: the ToR excludes cabinet from the "
        "office")]


def _board(repo: MiniRepo, *seats: dict[str, Any], **tor: Any) -> None:
    """A second body, 'board', with its own ToR and seats."""
    repo.extra_bodies.append({"id": "board", "name": "Partnership Board", "kind": "board",
                              "tor": "board", "seats": list(seats),
                              "chair_terms": [{"role": "chair", "seat": seats[0]["id"],
                                               "from": "2025-01-01"}]})
    repo.tor_versions["board/1.0"] = {**repo.tor, "title": "Board ToR", **tor}
    repo.tor_versions["board/1.0"].pop("offices", None)


MEMBER_OF = [{"id": "chair", "role": "chair"},
             {"id": "vice-chair", "title": "Vice-chair", "role": "vice-chair",
              "eligible": {"member_of": "board"}}]


def test_ch009_pass_holder_sits_on_another_body(repo: MiniRepo) -> None:
    _board(repo, {"id": "dcs", "organisation": "council", "post": "Director"},
           {"id": "police", "organisation": "police", "post": "inspector"})
    _offices(repo, MEMBER_OF, {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    assert repo.rule_messages("CH009", today="2026-01-01") == []


def test_ch009_pass_holder_represents_the_body_on_another(repo: MiniRepo) -> None:
    # "a seat that is also the body's representative on its parent"
    _board(repo, {"id": "dcs", "organisation": "council", "post": "Director"})
    _offices(repo, MEMBER_OF, {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.body["seats"][2]["represents_on"] = "board"
    assert repo.rule_messages("CH009", today="2026-01-01") == []
    assert repo.rule_messages("CH014", today="2026-01-01") == []


def test_ch014_fail_member_of_an_unknown_body(repo: MiniRepo) -> None:
    _offices(repo, MEMBER_OF, {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    assert repo.rule_messages("CH014") == [
        ("the office Vice-chair of Safeguarding Group is for members of 'board', which is "
        "not a body here")]


def test_ch009_fail_holder_does_not_sit_on_another_body(repo: MiniRepo) -> None:
    _board(repo, {"id": "dcs", "organisation": "council", "post": "Director"})
    _offices(repo, MEMBER_OF, {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    assert repo.rule_messages("CH009", today="2026-01-01") == [
        (f"{POL} is not eligible to be Vice-chair under the ToR: the holder must also sit on "
        "Partnership Board, and no seat there has the same post at the same organisation")]


# ---------------------------------------------------------------- terms of every office


def test_ch003_pass_vice_chair_within_its_term(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2025-06-01", "2026-05-31"),
             _vice("trust", "2026-06-01"))
    assert repo.rule_messages("CH003", today="2026-06-01") == []


def test_ch003_fail_vice_chair_longer_than_its_term(repo: MiniRepo) -> None:
    # a vice-chair's term was never checked before offices
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2025-01-01"))
    found = repo.rule_findings("CH003", today="2026-06-01")
    assert [f.message for f in found] == [
        (f"{NURSE} took office as Vice-chair (health) on 2025-01-01 and is still in office, "
        "longer than the term of office of 1 year (it should have ended by 2026-01-01)")]
    assert found[0].file == "governance/bodies/group.yaml"


def test_ch008_pass_two_consecutive_vice_chair_terms(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2024-01-01", "2024-12-31"),
             _vice("nurse", "2025-01-01", "2025-12-31"), _vice("trust", "2026-01-01"))
    assert repo.rule_messages("CH008", today="2026-06-01") == []


def test_ch008_fail_third_consecutive_vice_chair_term(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2024-01-01", "2024-12-31"),
             _vice("nurse", "2025-01-01", "2025-12-31"), _vice("nurse", "2026-01-01"))
    assert repo.rule_messages("CH008", today="2026-06-01") == [
        (f"{NURSE} began a consecutive term number 3 as Vice-chair (health) on 2026-01-01; "
        "the ToR allows 2")]


# "The Board has two co-chairs of equal standing, from different agencies, each elected
# for two years."
CO_CHAIRS = [{"id": "co-chair", "title": "Co-chair", "role": "co-chair", "holders": 2,
              "term": {"length": "2 years"}}]


def _co_chairs(repo: MiniRepo, *terms: tuple[str, str, str | None]) -> None:
    _offices(repo, CO_CHAIRS)
    repo.body["chair_terms"] = [{"role": "co-chair", "seat": s, "from": a,
                                 **({"until": b} if b else {})} for s, a, b in terms]


def test_ch006_pass_co_chairs_of_equal_standing(repo: MiniRepo) -> None:
    _co_chairs(repo, ("la", "2025-01-01", None), ("pol", "2025-01-01", None))
    repo.meeting("2026-01-14", chair="pol")
    for code in ("CH001", "CH003", "CH006", "CH010", "CH013", "CH014"):
        assert repo.rule_messages(code, today="2026-06-01") == [], code


def test_ch006_fail_co_chairs_of_equal_standing_left_no_one_in_office(
        repo: MiniRepo) -> None:
    # two symmetrical co-chairs used to switch the chair checks off
    _co_chairs(repo, ("la", "2025-01-01", "2025-12-31"), ("pol", "2025-01-01", "2025-12-31"))
    assert repo.rule_messages("CH006", today="2026-06-01") == [
        "no co-chair has been recorded since 2026-01-01"]


def test_ch003_fail_co_chair_of_equal_standing_past_term(repo: MiniRepo) -> None:
    _co_chairs(repo, ("la", "2025-01-01", None), ("pol", "2026-01-01", None))
    assert repo.rule_messages("CH003", today="2027-06-01") == [
        (f"{LA} took office as Co-chair on 2025-01-01 and is still in office, longer than the "
        "term of office of 2 years (it should have ended by 2027-01-01)")]


# ---------------------------------------------------------------- CH013 office-held-twice


def test_ch013_pass_handover_on_consecutive_days(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2025-12-31"},
        {"role": "chair", "seat": "pol", "from": "2026-01-01"},
        {"role": "vice-chair", "seat": "nurse", "from": "2025-01-01", "until": "2025-06-30"},
        {"role": "vice-chair", "seat": "nurse", "from": "2025-07-01"}]
    assert repo.rule_messages("CH013") == []


def test_ch013_fail_one_seat_holding_two_vice_chair_terms(repo: MiniRepo) -> None:
    # the chair: block, unchanged: one seat with two vice-chair terms at once used to pass
    repo.tor["chair"] = {"method": "elected", "vice_chairs": {"min": 1, "max": 2}}
    repo.body["chair_terms"] += [
        {"role": "vice-chair", "seat": "nurse", "from": "2025-01-01"},
        {"role": "vice-chair", "seat": "nurse", "from": "2025-07-01"}]
    found = repo.rule_findings("CH013")
    assert [f.message for f in found] == [
        (f"{NURSE} holds the office of vice-chair twice from 2025-07-01: a term from "
        "2025-01-01 is still running")]
    assert found[0].severity == "error"
    assert repo.rule_messages("CH010") == []  # counted once, not twice


def test_ch013_fail_two_chairs_at_once(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2025-01-01"},
                                {"role": "chair", "seat": "pol", "from": "2026-01-01"}]
    assert repo.rule_messages("CH013") == [
        (f"{POL} took office as chair on 2026-01-01 while {LA} still held it; the ToR gives "
        "the office 1 place")]


def test_ch013_fail_a_third_co_chair(repo: MiniRepo) -> None:
    _co_chairs(repo, ("la", "2025-01-01", None), ("pol", "2025-01-01", None),
               ("nurse", "2025-06-01", None))
    assert repo.rule_messages("CH013") == [
        (f"{NURSE} took office as Co-chair on 2025-06-01 while {LA}; {POL} still held it; "
        "the ToR gives the office 2 places")]


# ---------------------------------------------------------------- CH014 unknown-office


def test_ch014_pass_terms_name_their_office(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2025-06-01"),
             _vice("la2", "2025-06-01", office="vice-chair-council"))
    assert repo.rule_messages("CH014") == []


def test_ch014_fail_ambiguous_role_and_unknown_office(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, {"role": "vice-chair", "seat": "nurse", "from": "2025-06-01"},
             _vice("la2", "2025-06-01", office="vice-chair-la"))
    found = repo.rule_findings("CH014")
    assert [f.message for f in found] == [
        (f"the vice-chair term of {NURSE} from 2025-06-01 does not say which vice-chair "
        "office it is: the ToR has vice-chair-health, vice-chair-council"),
        ("the Safeguarding Group term from 2025-06-01 is of the office 'vice-chair-la', which "
        "its ToR does not have (its offices: chair, vice-chair-health, vice-chair-council)")]
    assert {f.kind for f in found} == {"record"}


# ---------------------------------------------------------------- CH015 declared vacancy


VACANT_VICE = _vice("vacant", "2026-03-01")
HEALTH_VACANCY = [VICE_CHAIRS[0], {**VICE_CHAIRS[1], "vacancy": {"allowed_for": "3 months"}}]


def test_ch015_pass_declared_vacancy_within_allowed_time(repo: MiniRepo) -> None:
    _offices(repo, HEALTH_VACANCY, _vice("nurse", "2025-03-01", "2026-02-28"), VACANT_VICE)
    result = repo.check(today="2026-05-01")
    assert [f for f in result.findings if f.severity != "info"
            and f.code.startswith(("CH", "RF"))] == []
    notes = [(f.code, f.message) for f in result.findings if f.code in ("CH010", "CH015")]
    assert notes == [
        ("CH010", ("Safeguarding Group has 0 holder(s) of the office of Vice-chair (health); "
         "the ToR asks for at least 1 (declared vacant since 2026-03-01)")),
        ("CH015", ("the office of Vice-chair (health) of Safeguarding Group is declared vacant "
         "since 2026-03-01 (to be appointed); the ToR allows 3 months"))]


def test_ch015_fail_declared_vacancy_beyond_allowed_time(repo: MiniRepo) -> None:
    _offices(repo, HEALTH_VACANCY, _vice("nurse", "2025-03-01", "2026-02-28"), VACANT_VICE)
    found = repo.rule_findings("CH015", today="2026-06-02")
    assert [(f.message, f.severity) for f in found] == [
        (("the office of Vice-chair (health) of Safeguarding Group has been vacant since "
         "2026-03-01, longer than the 3 months the ToR allows (it should have been filled by "
         "2026-06-01)"), "error")]


def test_ch006_pass_chair_declared_vacant(repo: MiniRepo) -> None:
    # "A new chair is to be appointed": a chair term with seat: vacant, no false error
    repo.tor["chair"] = {"method": "elected", "vacancy_limit": "6 months"}
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2026-02-28"},
        {"role": "chair", "seat": "vacant", "from": "2026-03-01"}]
    repo.meeting("2026-03-11", chair="pol")  # no chair in office: who presided is CH001's
    result = repo.check(today="2026-05-01")
    assert [f.code for f in result.findings if f.code in ("CH006", "RF001", "CH013")] == []
    assert [f.severity for f in result.findings if f.code == "CH015"] == ["info"]


# ---------------------------------------------------------------- CH016 elected at a meeting


ANNUAL = [{"id": "chair", "role": "chair"},
          {"id": "vice-chair", "role": "vice-chair",
           "elected": {"every": "12 months", "tolerance": "1 month", "at": "annual"}}]


def _annual(repo: MiniRepo, start: str) -> None:
    _offices(repo, ANNUAL, {"role": "vice-chair", "seat": "pol", "from": start})
    repo.tor["meeting_kinds"] = {"annual": {"counts_for_cadence": True}}
    repo.meeting("2026-01-14")
    repo.meeting("2026-06-10", kind="annual")


def test_ch016_pass_elected_at_the_annual_meeting(repo: MiniRepo) -> None:
    _annual(repo, "2026-06-10")
    assert repo.rule_messages("CH016", today="2026-07-01") == []
    assert repo.rule_messages("CH003", today="2027-07-10") == []


def test_ch016_fail_elected_after_the_annual_meeting(repo: MiniRepo) -> None:
    _annual(repo, "2026-07-01")
    assert repo.rule_messages("CH016", today="2026-07-10") == [
        (f"{POL} took office as vice-chair on 1 July 2026, but the ToR elects the vice-chair "
        "at the annual meeting and no meeting was held that day")]
    # elected every 12 months: a term running past the next year's election is too long
    assert len(repo.rule_messages("CH003", today="2027-08-02")) == 1


# ---------------------------------------------------------------- CH004 rotation in order


# "The chair rotates each year between the council, the police and health, in that order."
IN_ORDER = [{"id": "chair", "role": "chair",
             "rotation": {"every": "12 months", "tolerance": "14 days",
                          "order": ["council", "police", "health"]}}]


def _rotation(repo: MiniRepo, *seats: str) -> None:
    _offices(repo, IN_ORDER)
    years = ["2025", "2026", "2027", "2028"]
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": s, "from": f"{years[i]}-04-01",
         **({"until": f"{years[i + 1]}-03-31"} if i + 1 < len(seats) else {})}
        for i, s in enumerate(seats)]


def test_ch004_pass_rotation_in_the_tors_order(repo: MiniRepo) -> None:
    _rotation(repo, "la", "pol", "nurse", "la2")
    assert repo.rule_messages("CH004", today="2028-06-01") == []


def test_ch004_fail_rotation_out_of_order(repo: MiniRepo) -> None:
    _rotation(repo, "la", "nurse", "pol", "vcs")
    assert repo.rule_messages("CH004", today="2028-06-01") == [
        (f"the chair passed on 2026-04-01 from {LA} to {NURSE}; in the ToR's order (Borough "
        "Council, County Police, health) County Police was next"),
        (f"the chair passed on 2027-04-01 from {NURSE} to {POL}; in the ToR's order (Borough "
        "Council, County Police, health) Borough Council was next"),
        (f"the chair passed on 2028-04-01 to {VCS}, who is from none of the organisations it "
        "rotates between (Borough Council, County Police, health)")]


# ---------------------------------------------------------------- an office of another body


def _executive(repo: MiniRepo) -> None:
    """'The group is chaired by the Board's vice-chair': the police inspector is the
    Board's vice-chair, and sits on the group ex officio."""
    _board(repo, {"id": "dcs", "organisation": "council", "post": "Director"},
           {"id": "police", "organisation": "police", "post": "Inspector"},
           chair={"method": "elected"})
    repo.extra_bodies[0]["chair_terms"].append(
        {"role": "vice-chair", "seat": "police", "from": "2025-01-01"})
    repo.tor.pop("chair", None)
    repo.tor["offices"] = [{"id": "chair", "role": "chair",
                            "held_by": {"body": "board", "office": "vice-chair"}}]
    repo.body["chair_terms"] = []
    repo.body["seats"][2]["ex_officio"] = {"body": "board", "office": "vice-chair"}


def test_ch001_pass_chaired_by_another_bodys_vice_chair(repo: MiniRepo) -> None:
    _executive(repo)
    repo.meeting("2026-01-14", chair="pol")
    for code in ("CH001", "CH006", "CH014"):
        assert repo.rule_messages(code) == [], code


def test_ch001_fail_chaired_by_someone_else_than_another_bodys_vice_chair(
        repo: MiniRepo) -> None:
    _executive(repo)
    repo.meeting("2026-01-14", chair="la")
    assert repo.rule_messages("CH001") == [
        (f"the meeting on 2026-01-14 was chaired by {LA}, who did not hold the chair or "
        f"co-chair or vice-chair office then; in office: {POL} (chair)")]


def test_ch014_fail_office_of_another_body_with_no_seat_for_it(repo: MiniRepo) -> None:
    _executive(repo)
    del repo.body["seats"][2]["ex_officio"]
    repo.body["seats"][3]["ex_officio"] = {"body": "board", "office": "treasurer"}
    repo.body["seats"][4]["represents_on"] = "bord"
    assert repo.rule_messages("CH014") == [
        "Partnership Board has no office 'treasurer'",
        "no body has the id 'bord'",
        ("chair of Safeguarding Group is held by the vice-chair of Partnership Board, but no "
        "seat of Safeguarding Group is held ex officio by them")]


def test_ch006_fail_another_bodys_office_vacant(repo: MiniRepo) -> None:
    _executive(repo)
    repo.extra_bodies[0]["chair_terms"][1]["until"] = "2026-02-28"
    repo.meeting("2026-01-14", chair="pol")
    found = repo.rule_findings("CH006")
    assert [(f.file, f.message) for f in found] == [
        ("governance/bodies/board.yaml",
         ("Safeguarding Group has had no chair since 2026-03-01: its chair is an office "
          "holder of Partnership Board, and that office was not filled"))]
    assert "chair terms of Partnership Board" in found[0].hint


# ---------------------------------------------------------------- lawful meetings


def test_ch001_pass_any_vice_chair_presides(repo: MiniRepo) -> None:
    _offices(repo, VICE_CHAIRS, _vice("nurse", "2025-06-01"),
             _vice("la2", "2025-06-01", office="vice-chair-council"))
    repo.meeting("2026-01-14", chair="nurse", attendance={**ALL_PRESENT, "la": "apologies"})
    repo.meeting("2026-02-25", chair="la2", attendance={**ALL_PRESENT, "la": "apologies"})
    result = repo.check(today="2026-03-01")
    assert [f"{f.code} {f.message}" for f in result.findings
            if f.code.startswith("CH") and f.severity != "info"] == []


# "The partnership appoints an independent scrutineer, who attends but does not chair."
SCRUTINEER = [{"id": "chair", "role": "chair"},
              {"id": "scrutineer", "title": "Independent Scrutineer", "role": "other",
               "eligible": {"category": "independent"}, "term": {"length": "3 years"}}]


def _scrutineer(repo: MiniRepo) -> None:
    repo.body["seats"].append({"id": "scrutineer", "category": "independent",
                               "post": "Independent Scrutineer"})
    _offices(repo, SCRUTINEER, {"office": "scrutineer", "seat": "scrutineer",
                                "from": "2025-01-01"})


def test_ch009_pass_an_independent_scrutineer(repo: MiniRepo) -> None:
    _scrutineer(repo)
    for code in ("CH009", "CH013", "CH014"):
        assert repo.rule_messages(code) == [], code


def test_ch001_fail_an_office_that_does_not_preside(repo: MiniRepo) -> None:
    _scrutineer(repo)
    repo.meeting("2026-01-14", chair="scrutineer",
                 attendance={**ALL_PRESENT, "scrutineer": "present"})
    assert repo.rule_messages("CH001") == [
        ("the meeting on 2026-01-14 was chaired by Independent Scrutineer, who did not hold "
        f"the chair or co-chair or vice-chair office then; in office: {LA} (chair)")]


def test_ch015_pass_the_body_page_names_each_office_and_a_declared_vacancy(
        repo: MiniRepo) -> None:
    from minutebook.site.pages import render_site

    _offices(repo, HEALTH_VACANCY, _vice("nurse", "2025-03-01", "2026-02-28"), VACANT_VICE)
    page = next(text for name, text in render_site(repo.check()).pages.items()
                if "group" in name and "Chair history" in text)
    assert "Vice-chair (health)" in page
    assert "vacant (to be appointed)" in page


def test_ch005_pass_a_chair_declared_vacant_needs_no_co_chair(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "co_chair": {"required": True}}
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2026-02-28"},
        {"role": "co-chair", "seat": "pol", "from": "2025-01-01", "until": "2026-02-28"},
        {"role": "chair", "seat": "vacant", "from": "2026-03-01"}]
    assert repo.rule_messages("CH005") == []
