"""CH: who chaired, who held the chair, and how it rotated."""

from __future__ import annotations

from minirepo import ALL_PRESENT, MiniRepo

LA = "Head of Safeguarding, Borough Council"
LA2 = "Early Help Manager, Borough Council"
POL = "Inspector, County Police"
VCS = "Service Manager, Youth Charity"
ROTATION = {"method": "rotation", "rotation": {"every": "6 months", "tolerance": "14 days"}}


def _terms(repo: MiniRepo, *terms: tuple[str, str, str, str | None]) -> None:
    """Replace the body's chair terms with (role, seat, from, until) tuples."""
    repo.body["chair_terms"] = [
        {"role": role, "seat": seat, "from": start, **({"until": end} if end else {})}
        for role, seat, start, end in terms]


# ---------------------------------------------------------------- CH001 wrong-chair


def test_ch001_pass_vice_chair_presides_where_may_preside_allows(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.meeting("2026-01-14", chair="pol")
    assert repo.rule_messages("CH001") == []


def test_ch001_fail_vice_chair_presides_where_may_preside_does_not_allow(
        repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "may_preside": ["chair", "co-chair"]}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.meeting("2026-01-14", chair="pol")
    found = repo.rule_findings("CH001")
    assert [f.message for f in found] == [
        (f"the meeting on 2026-01-14 was chaired by {POL}, who did not hold the chair or "
         f"co-chair office then; in office: {LA} (chair)")]
    assert found[0].severity == "error"


def test_ch001_fail_seat_holding_no_office(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    repo.meeting("2026-01-14", chair="vcs")
    assert repo.rule_messages("CH001") == [
        (f"the meeting on 2026-01-14 was chaired by {VCS}, who did not hold the chair or "
         f"co-chair or vice-chair office then; in office: {LA} (chair)")]


def test_ch001_pass_fixed_chair_chaired_by_deputy(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la"}
    repo.body["chair_terms"] = []
    repo.meeting("2026-01-14", chaired_by_deputy=True)
    assert repo.rule_messages("CH001") == []


def test_ch001_fail_fixed_chair_deputy_where_may_preside_excludes_it(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la", "may_preside": ["chair"]}
    repo.body["chair_terms"] = []
    repo.meeting("2026-01-14", chaired_by_deputy=True)
    assert repo.rule_messages("CH001") == [
        "the meeting on 2026-01-14 was chaired by a deputy, which the ToR does not allow"]


def test_ch001_fail_deputy_for_a_seat_that_is_not_the_chair(repo: MiniRepo) -> None:
    # the ToR allows the chair's deputy, but the record names another seat as the chair
    repo.tor["chair"] = {"method": "fixed", "seat": "la"}
    repo.body["chair_terms"] = []
    repo.meeting("2026-01-14", chair="pol", chaired_by_deputy=True)
    assert repo.rule_messages("CH001") == [
        (f"the meeting on 2026-01-14 was chaired by a deputy for {POL}, who did not hold the "
         "chair then")]


def test_ch001_fail_fixed_chair_other_seat(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la"}
    repo.body["chair_terms"] = []
    repo.meeting("2026-01-14", chair="pol")
    assert repo.rule_messages("CH001") == [
        f"the meeting on 2026-01-14 was chaired by {POL}; the ToR says {LA} chairs"]


def test_ch001_fail_each_meeting_judged_by_its_own_tor_version(repo: MiniRepo) -> None:
    # 1.0 lets a vice-chair preside; 2.0, in force from 2026-03-01, does not
    repo.tor["chair"] = {"method": "elected"}
    repo.tor_version("2.0", "2026-03-01",
                     chair={"method": "elected", "may_preside": ["chair", "co-chair"]})
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.meeting("2026-01-14", chair="pol")
    repo.meeting("2026-04-08", chair="pol")
    assert repo.rule_messages("CH001") == [
        (f"the meeting on 2026-04-08 was chaired by {POL}, who did not hold the chair or "
         f"co-chair office then; in office: {LA} (chair)")]



# "In the absence of the chair and vice-chair, the members present elect one of their
# number to preside": chair la, vice-chair pol; both send apologies, vcs is elected.
ELECTING = {"method": "elected", "may_preside": ["chair", "vice-chair", "elected-member"]}
ELECTED = {"seat": "vcs", "how": "elected-by-members"}


def _officers_away(repo: MiniRepo, **fields: object) -> None:
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    attendance = {**ALL_PRESENT, "la": "apologies", "pol": "apologies"}
    repo.meeting("2026-01-14", attendance=attendance, presided_by=ELECTED, **fields)
    del repo.meetings[("group", "2026-01-14")]["chair"]


def test_ch001_pass_member_elected_to_preside_with_the_officers_absent(repo: MiniRepo) -> None:
    repo.tor["chair"] = ELECTING
    _officers_away(repo)
    assert repo.rule_messages("CH001") == []
    # the presiding seat counts as the chair everywhere else: it is not "not recorded"
    assert repo.rule_messages("CH002") == []


def test_ch001_fail_member_elected_where_the_tor_does_not_provide_for_it(
        repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "may_preside": ["chair", "vice-chair"]}
    _officers_away(repo)
    found = repo.rule_findings("CH001")
    assert [f.message for f in found] == [
        (f"the meeting of 14 January 2026 was presided over by {VCS}, elected by the members "
         "present, but the ToR does not provide for that")]
    assert "add elected-member to chair: may_preside" in found[0].hint


def test_ch001_fail_member_elected_although_an_officer_was_present(repo: MiniRepo) -> None:
    repo.tor["chair"] = ELECTING
    _officers_away(repo)
    repo.meetings[("group", "2026-01-14")]["attendance"]["pol"] = "present"
    found = repo.rule_findings("CH001")
    assert [f.message for f in found] == [
        (f"the meeting of 14 January 2026 was presided over by {VCS}, elected by the members "
         f"present, although {POL} was there to preside")]
    assert found[0].severity == "error"


def test_ch001_fail_chair_and_presided_by_disagree(repo: MiniRepo) -> None:
    repo.tor["chair"] = ELECTING
    _officers_away(repo, chair="la2")
    repo.meetings[("group", "2026-01-14")]["chair"] = "la2"
    assert repo.rule_messages("CH001") == [
        "the meeting of 14 January 2026 records la2 as chair but vcs as presiding"]


def test_ch001_fail_without_presided_by_it_is_a_wrong_chair(repo: MiniRepo) -> None:
    # the same lawful meeting recorded with chair: only, as before presided_by existed
    repo.tor["chair"] = ELECTING
    _officers_away(repo)
    record = repo.meetings[("group", "2026-01-14")]
    del record["presided_by"]
    record["chair"] = "vcs"
    assert repo.rule_messages("CH001") == [
        (f"the meeting on 2026-01-14 was chaired by {VCS}, who did not hold the chair or "
         f"vice-chair office then; in office: {LA} (chair); {POL} (vice-chair)")]

# ---------------------------------------------------------------- CH002 chair-not-recorded


def test_ch002_pass_chair_recorded(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    repo.meeting("2026-01-14")
    assert repo.rule_messages("CH002") == []


def test_ch002_pass_no_chairing_rules(repo: MiniRepo) -> None:
    del repo.meeting("2026-01-14")["chair"]
    assert repo.rule_messages("CH002") == []


def test_ch002_fail_chair_not_recorded(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    del repo.meeting("2026-01-14")["chair"]
    found = repo.rule_findings("CH002")
    assert [f.message for f in found] == [
        "the meeting on 2026-01-14 does not record who chaired it"]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- CH003 chair-term-too-long


def test_ch003_pass_rotation_term_exactly_period_plus_tolerance(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", "2025-10-15"),
           ("chair", "pol", "2025-10-16", None))
    assert repo.rule_messages("CH003", today="2026-03-01") == []


def test_ch003_fail_rotation_term_one_day_over(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", "2025-10-16"),
           ("chair", "pol", "2025-10-17", None))
    found = repo.rule_findings("CH003", today="2026-03-01")
    assert [f.message for f in found] == [
        (f"{LA} took the chair on 2025-04-01 until 2025-10-16, longer than the rotation "
         "period of 6 months plus 14 days (it should have ended by 2025-10-15)")]
    assert found[0].severity == "error"


def test_ch003_pass_open_term_measured_to_today_on_last_day(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", None))
    assert repo.rule_messages("CH003", today="2025-10-15") == []


def test_ch003_fail_open_term_still_in_office(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", None))
    assert repo.rule_messages("CH003", today="2025-10-16") == [
        (f"{LA} took the chair on 2025-04-01 and is still in office, longer than the rotation "
         "period of 6 months plus 14 days (it should have ended by 2025-10-15)")]


def test_ch003_fail_appointed_chair_past_term_of_office(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "appointed", "term": {"length": "2 years"}}
    assert repo.rule_messages("CH003", today="2027-01-01") == []
    assert repo.rule_messages("CH003", today="2027-01-02") == [
        (f"{LA} took the chair on 2025-01-01 and is still in office, longer than the term of "
         "office of 2 years (it should have ended by 2027-01-01)")]


# ---------------------------------------------------------------- CH004 rotation-same-organisation


def test_ch004_pass_chair_passes_to_another_organisation(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", "2025-09-30"),
           ("chair", "pol", "2025-10-01", None))
    assert repo.rule_messages("CH004") == []


def test_ch004_fail_consecutive_chairs_from_same_organisation(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2025-04-01", "2025-09-30"),
           ("chair", "la2", "2025-10-01", None))
    found = repo.rule_findings("CH004")
    assert [f.message for f in found] == [
        f"the chair passed on 2025-10-01 from {LA} to {LA2}: both Borough Council"]
    assert found[0].severity == "error"


def test_ch004_pass_between_seats_same_organisation(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "rotation",
                         "rotation": {"every": "6 months", "between": "seat"}}
    _terms(repo, ("chair", "la", "2025-04-01", "2025-09-30"),
           ("chair", "la2", "2025-10-01", None))
    assert repo.rule_messages("CH004") == []


def test_ch004_fail_between_seats_same_seat_again(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "rotation",
                         "rotation": {"every": "6 months", "between": "seat"}}
    _terms(repo, ("chair", "la", "2025-04-01", "2025-09-30"),
           ("chair", "la", "2025-10-01", None))
    assert repo.rule_messages("CH004") == [
        f"the chair passed on 2025-10-01 from {LA} to {LA}: both {LA}"]


# ---------------------------------------------------------------- CH005 co-chair


CO_CHAIR = {"method": "elected", "co_chair": {"required": True, "different_organisation": True}}


def test_ch005_pass_co_chair_from_another_organisation(repo: MiniRepo) -> None:
    repo.tor["chair"] = CO_CHAIR
    repo.body["chair_terms"].append({"role": "co-chair", "seat": "pol", "from": "2025-01-01"})
    assert repo.rule_messages("CH005") == []


def test_ch005_fail_co_chair_from_same_organisation(repo: MiniRepo) -> None:
    repo.tor["chair"] = CO_CHAIR
    repo.body["chair_terms"].append({"role": "co-chair", "seat": "la2", "from": "2025-01-01"})
    found = repo.rule_findings("CH005")
    assert [f.message for f in found] == [
        f"the co-chair {LA2} is from the same organisation as the chair {LA}"]
    assert found[0].severity == "error"


def test_ch005_fail_no_co_chair_in_office(repo: MiniRepo) -> None:
    repo.tor["chair"] = CO_CHAIR
    # a co-chair who took office after the chair did not cover the chair's start
    repo.body["chair_terms"].append({"role": "co-chair", "seat": "pol", "from": "2025-02-01"})
    assert repo.rule_messages("CH005") == [
        f"no co-chair was in office when {LA} took the chair on 2025-01-01"]


# ---------------------------------------------------------------- CH006 chair-vacant


def test_ch006_pass_terms_back_to_back(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"),
           ("chair", "pol", "2026-04-01", None))
    assert repo.rule_messages("CH006") == []


def test_ch006_fail_gap_between_chairs(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"),
           ("chair", "pol", "2026-05-01", None))
    found = repo.rule_findings("CH006")
    assert [f.message for f in found] == [
        "no chair was in office from 2026-04-01 to 2026-04-30 (30 days)"]
    assert found[0].severity == "error"


def test_ch006_fail_no_chair_since_last_term_ended(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected"}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"))
    assert repo.rule_messages("CH006") == ["no chair has been recorded since 2026-04-01"]


def test_ch006_fail_gap_within_vacancy_limit_is_a_warning(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vacancy_limit": "3 months"}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"))
    found = repo.rule_findings("CH006")
    assert [f.message for f in found] == [
        ("no chair has been recorded since 2026-04-01; the ToR allows a vacancy of up to "
         "3 months")]
    assert found[0].severity == "warning"


def test_ch006_fail_gap_beyond_vacancy_limit_is_an_error(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vacancy_limit": "1 month"}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"))
    found = repo.rule_findings("CH006")
    assert [f.message for f in found] == ["no chair has been recorded since 2026-04-01"]
    assert found[0].severity == "error"


def test_severity_from_configuration_wins_over_a_rule_lowering_it(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vacancy_limit": "3 months"}
    repo.config = {"checks": {"severity": {"CH006": "info"}}}
    _terms(repo, ("chair", "la", "2025-01-01", "2026-03-31"))
    assert [f.severity for f in repo.rule_findings("CH006")] == ["info"]


def test_ch006_pass_fixed_chair_needs_no_terms(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la"}
    _terms(repo, ("chair", "la", "2025-01-01", "2025-06-30"))
    assert repo.rule_messages("CH006") == []


# ---------------------------------------------------------------- CH007 rotation-due


def test_ch007_pass_rotation_more_than_30_days_away(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2026-01-01", None))
    assert repo.rule_messages("CH007", today="2026-05-31") == []


def test_ch007_fail_rotation_due_within_30_days(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2026-01-01", None))
    found = repo.rule_findings("CH007", today="2026-06-01")
    assert [f.message for f in found] == [
        f"the chair term of {LA} ends on 2026-07-01; no next chair is recorded"]
    assert found[0].severity == "warning"


def test_ch007_pass_next_chair_recorded(repo: MiniRepo) -> None:
    repo.tor["chair"] = ROTATION
    _terms(repo, ("chair", "la", "2026-01-01", "2026-06-30"), ("chair", "pol", "2026-07-01", None))
    assert repo.rule_messages("CH007", today="2026-06-15") == []


# ---------------------------------------------------------------- CH008 consecutive-terms


CONSECUTIVE = {"method": "elected", "term": {"length": "6 months", "max_consecutive": 2}}


def test_ch008_pass_two_consecutive_terms(repo: MiniRepo) -> None:
    repo.tor["chair"] = CONSECUTIVE
    _terms(repo, ("chair", "la", "2025-01-01", "2025-06-30"),
           ("chair", "la", "2025-07-01", "2025-12-31"),
           ("chair", "pol", "2026-01-01", None))
    assert repo.rule_messages("CH008") == []


def test_ch008_fail_third_consecutive_term(repo: MiniRepo) -> None:
    repo.tor["chair"] = CONSECUTIVE
    _terms(repo, ("chair", "la", "2025-01-01", "2025-06-30"),
           ("chair", "la", "2025-07-01", "2025-12-31"),
           ("chair", "la", "2026-01-01", None))
    found = repo.rule_findings("CH008")
    assert [f.message for f in found] == [
        f"{LA} began a consecutive term number 3 as chair on 2026-01-01; the ToR allows 2"]
    assert found[0].severity == "error"


# ---------------------------------------------------------------- CH009 chair-not-eligible


def test_ch009_pass_fixed_chair_holds_the_chair(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la",
                         "vice_chairs": {"eligible": {"statutory_partner": True}}}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    assert repo.rule_messages("CH009") == []


def test_ch009_fail_chair_term_not_held_by_fixed_seat(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "fixed", "seat": "la"}
    _terms(repo, ("chair", "pol", "2025-01-01", None))
    found = repo.rule_findings("CH009")
    assert [f.message for f in found] == [
        f"{POL} holds the chair, but the ToR fixes the chair to {LA}"]
    assert found[0].severity == "error"


def test_ch009_fail_chair_and_vice_chair_not_eligible(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "appointed", "eligible": {"kind": "police"},
                         "vice_chairs": {"eligible": {"statutory_partner": True}}}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "vcs", "from": "2025-01-01"})
    assert repo.rule_messages("CH009") == [
        f"{LA} is not eligible to be chair under the ToR",
        f"{VCS} is not eligible to be vice-chair under the ToR",
    ]


# ---------------------------------------------------------------- CH010 vice-chairs


def test_ch010_pass_vice_chairs_within_range(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vice_chairs": {"min": 1, "max": 1}}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "nurse",
                                     "from": "2025-01-01", "until": "2026-05-31"})
    assert repo.rule_messages("CH010") == []


def test_ch010_fail_too_few_vice_chairs(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vice_chairs": {"min": 1}}
    found = repo.rule_findings("CH010")
    assert [f.message for f in found] == [
        "Safeguarding Group has 0 vice-chair(s) in office; the ToR asks for at least 1"]
    assert found[0].severity == "warning"


def test_ch010_fail_too_many_vice_chairs(repo: MiniRepo) -> None:
    repo.tor["chair"] = {"method": "elected", "vice_chairs": {"max": 1}}
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "pol", "from": "2025-01-01"})
    repo.body["chair_terms"].append({"role": "vice-chair", "seat": "nurse", "from": "2025-01-01"})
    assert repo.rule_messages("CH010") == [
        "Safeguarding Group has 2 vice-chairs in office; the ToR allows at most 1"]


# ---------------------------------------------------------------- CH011 chair-not-present


def test_ch011_pass_chair_present_or_deputised(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", chair="la")
    repo.meeting("2026-02-25", chair="pol", attendance={**ALL_PRESENT, "la": "apologies"})
    repo.meeting("2026-04-08", chair="la", chaired_by_deputy=True,
                 attendance={**ALL_PRESENT, "la": "apologies"})
    assert repo.rule_messages("CH011") == []


def test_ch011_fail_chair_sent_apologies_or_was_absent(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    repo.meeting("2026-02-25", chair="pol", attendance={**ALL_PRESENT, "pol": "absent"})
    found = repo.rule_findings("CH011")
    assert [(f.file, f.message) for f in found] == [
        ("meetings/group/2026-01-14.md",
         "the meeting on 2026-01-14 records la as chairing, but also as apologies"),
        ("meetings/group/2026-02-25.md",
         "the meeting on 2026-02-25 records pol as chairing, but also as absent")]
    assert found[0].line == 5
