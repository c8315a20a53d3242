"""Kinds of meeting (issue 17, item 5): each kind a ToR declares with its own rules.

RF008 (a kind or phase the ToR does not declare), MN003 (a kind's fixed agenda), CH012
(elections at the meeting the ToR holds them at), and the kinds in MN001 (minutes approved
at ordinary meetings only) and CA001-CA004 (which kinds count toward cadence)."""

from __future__ import annotations

from minirepo import MiniRepo, today

KINDS = {
    "annual": {"counts_for_cadence": True, "approves_minutes": False, "elections": True,
               "agenda": ["Annual report", "Election of the chair", "Business plan"]},
    "extraordinary": {},
}
SIX_WEEKS = {"every": "6 weeks", "tolerance": "7 days"}


def kinds(repo: MiniRepo, **extra: object) -> None:
    repo.tor["meeting_kinds"] = {**KINDS, **extra}


def scheduled(repo: MiniRepo, day: str, **fields: object) -> None:
    record = repo.meeting(day, status="scheduled", **fields)
    del record["chair"], record["attendance"]


# ---------------------------------------------------------------- RF008 unknown kind


def test_rf008_pass_declared_and_ordinary_kinds(repo: MiniRepo) -> None:
    kinds(repo)
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-04", kind="extraordinary")
    repo.meeting("2026-03-11", kind="ordinary")
    assert repo.rule_messages("RF008") == []


def test_rf008_fail_kind_not_declared(repo: MiniRepo) -> None:
    kinds(repo)
    repo.meeting("2026-02-04", kind="development")
    found = repo.rule_findings("RF008")
    assert [f.message for f in found] == [
        ("the meeting of 4 February 2026 is recorded as a development meeting, a kind the "
        "ToR of Safeguarding Group in force then does not declare (its kinds: ordinary, "
        "annual, extraordinary)")]
    assert (found[0].file, found[0].path, found[0].kind) == (
        "meetings/group/2026-02-04.md", "$.kind", "record")


def test_rf008_fail_kind_without_any_declared(repo: MiniRepo) -> None:
    repo.meeting("2026-02-04", kind="extraordinary")
    assert repo.rule_messages("RF008") == [
        ("the meeting of 4 February 2026 is recorded as an extraordinary meeting, a kind "
        "the ToR of Safeguarding Group in force then does not declare (its kinds: ordinary)")]


def test_rf008_fail_window_kind_and_months(repo: MiniRepo) -> None:
    repo.tor["cadence"] = {"windows": [{"months": [6], "kind": "annual"},
                                       {"months": [3, 9]}]}
    assert repo.rule_messages("RF008") == [
        ("the cadence of group 1.0 counts 'annual' meetings, a kind it does not declare (its "
        "kinds: ordinary)"),
        "the months of a cadence window of group 1.0 do not follow each other: [3, 9]"]


def test_rf008_fail_phase_no_cadence_names(repo: MiniRepo) -> None:
    repo.tor["cadence"] = [{"every": "3 months"}, {"during": "needs-assessment",
                                                   "every": "1 month"}]
    repo.body["phases"] = [{"id": "needs-assesment", "from": "2026-01-01"}]
    assert repo.rule_messages("RF008") == [
        ("Safeguarding Group records a phase 'needs-assesment' that no cadence of its ToR "
        "names (during:)")]


# ---------------------------------------------------------------- MN001 with kinds


def test_mn001_pass_minutes_approved_at_next_ordinary_meeting(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["minutes"] = {"approval": "next-meeting"}
    repo.meeting("2026-01-14", minutes={"status": "approved", "approved_at": "2026-03-11"})
    repo.meeting("2026-02-04", kind="extraordinary",
                 minutes={"status": "approved", "approved_at": "2026-03-11"})
    repo.meeting("2026-03-11")
    assert repo.rule_messages("MN001", today="2026-03-20") == []


def test_mn001_fail_minutes_approved_at_an_annual_meeting(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["minutes"] = {"approval": "next-meeting"}
    repo.meeting("2026-01-14", minutes={"status": "approved", "approved_at": "2026-02-04"})
    repo.meeting("2026-02-04", kind="annual", agenda=KINDS["annual"]["agenda"],
                 minutes={"status": "approved", "approved_at": "2026-03-11"})
    repo.meeting("2026-03-11")
    assert repo.rule_messages("MN001", today="2026-03-20") == [
        ("the minutes of 2026-01-14 were approved at the annual meeting of 2026-02-04, which "
        "under the ToR does not approve minutes; the next meeting to approve minutes was on "
        "2026-03-11")]


def test_mn001_fail_draft_after_next_ordinary_meeting(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["minutes"] = {"approval": "next-meeting"}
    repo.meeting("2026-01-14", minutes={"status": "draft"})
    repo.meeting("2026-02-04", kind="extraordinary")
    assert repo.rule_messages("MN001", today="2026-03-01") == []  # not yet due
    repo.meeting("2026-03-11")
    assert repo.rule_messages("MN001", today="2026-03-20")[0] == (
        "the minutes of 2026-01-14 are not recorded as approved; the next meeting to approve "
        "minutes was on 2026-03-11")


# ---------------------------------------------------------------- MN003 agenda order


ANNUAL_AGENDA = ["Welcome and apologies", "Annual report 2025-26",
                 "Election of the chair and vice-chair", "Business plan 2026-27"]


def test_mn003_pass_agenda_in_order_with_other_items(repo: MiniRepo) -> None:
    kinds(repo)
    repo.meeting("2026-06-10", kind="annual", agenda=ANNUAL_AGENDA)
    repo.meeting("2026-03-11")  # an ordinary meeting needs no agenda
    assert repo.rule_messages("MN003") == []


def test_mn003_fail_agenda_out_of_order_and_missing(repo: MiniRepo) -> None:
    kinds(repo)
    repo.meeting("2026-06-10", kind="annual",
                 agenda=["Election of the chair", "annual report"])
    found = repo.rule_findings("MN003")
    assert [f.message for f in found] == [
        ("the annual meeting of 10 June 2026: it does not have Business plan, and it takes "
        "Election of the chair out of the ToR's order (the ToR's order: Annual report; "
        "Election of the chair; Business plan)")]
    assert (found[0].path, found[0].severity) == ("$.agenda", "warning")


def test_mn003_fail_no_agenda_recorded(repo: MiniRepo) -> None:
    kinds(repo)
    repo.meeting("2026-06-10", kind="annual")
    assert repo.rule_messages("MN003") == [
        ("the annual meeting of 10 June 2026 records no agenda; the ToR sets its items: "
        "Annual report; Election of the chair; Business plan")]


# ---------------------------------------------------------------- CH012 elections


def test_ch012_pass_elected_at_the_annual_meeting(repo: MiniRepo) -> None:
    kinds(repo)
    repo.body["records_from"] = "2025-01-01"
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2026-06-09"},
        {"role": "chair", "seat": "pol", "from": "2026-06-10", "how": "elected"},
        {"role": "vice-chair", "seat": "nurse", "from": "2026-06-10", "how": "elected"}]
    repo.meeting("2026-06-10", kind="annual", chair="pol", agenda=ANNUAL_AGENDA)
    assert repo.rule_messages("CH012", today="2026-07-01") == []


def test_ch012_pass_elected_before_the_records_start(repo: MiniRepo) -> None:
    kinds(repo)
    repo.body["records_from"] = "2025-01-01"
    repo.body["chair_terms"] = [{"role": "chair", "seat": "la", "from": "2024-06-12",
                                 "how": "elected"}]
    assert repo.rule_messages("CH012", today="2026-07-01") == []


def test_ch012_fail_elected_at_an_ordinary_meeting(repo: MiniRepo) -> None:
    kinds(repo)
    repo.body["records_from"] = "2025-01-01"
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2026-06-30"},
        {"role": "chair", "seat": "pol", "from": "2026-07-01", "how": "elected"}]
    repo.meeting("2026-06-10", kind="annual", agenda=ANNUAL_AGENDA)
    repo.meeting("2026-07-01", chair="pol")
    found = repo.rule_findings("CH012", today="2026-07-10")
    assert [f.message for f in found] == [
        ("Inspector, County Police was elected chair from 1 July 2026, but the ToR holds "
        "elections at the annual meeting and the meeting that day was an ordinary one")]
    assert (found[0].file, found[0].path) == ("governance/bodies/group.yaml",
                                              "$.chair_terms[1].from")


def test_ch012_fail_elected_with_no_meeting_that_day(repo: MiniRepo) -> None:
    kinds(repo)
    repo.body["records_from"] = "2025-01-01"
    repo.body["chair_terms"] = [{"role": "vice-chair", "seat": "nurse", "from": "2026-04-01",
                                 "how": "elected"}, *repo.body["chair_terms"]]
    assert repo.rule_messages("CH012", today="2026-07-10") == [
        ("Designated Nurse, Integrated Care Board was elected vice-chair from 1 April 2026, "
        "but the ToR holds elections at the annual meeting and no meeting was held that day")]


# ---------------------------------------------------------------- cadence by kind


def test_ca001_pass_annual_meeting_counts_when_the_tor_says_so(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", kind="annual", agenda=ANNUAL_AGENDA)
    repo.meeting("2026-04-08")
    scheduled(repo, "2026-05-20")
    assert repo.rule_messages("CA001", today="2026-04-20") == []


def test_ca001_fail_extraordinary_meeting_does_not_reset_the_gap(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", kind="extraordinary")
    repo.meeting("2026-04-08")
    assert repo.rule_messages("CA001", today="2026-04-20") == [
        ("84 days passed between the meetings of 14 January 2026 and 8 April 2026; the ToR "
        "allows 6 weeks plus 7 days")]


def test_ca002_fail_extraordinary_meetings_do_not_make_up_the_number(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["cadence"] = {"per_year": {"min": 2}}
    repo.body["records_from"] = "2025-01-01"
    repo.meeting("2025-03-12")
    repo.meeting("2025-09-10", kind="extraordinary")
    assert repo.rule_messages("CA002", today="2026-01-10") == [
        ("Safeguarding Group held 1 meeting(s) in the year from 1 January 2025 to 31 December "
        "2025; the ToR requires at least 2")]


def test_ca004_fail_only_an_extraordinary_meeting_in_the_diary(repo: MiniRepo) -> None:
    kinds(repo)
    repo.tor["cadence"] = SIX_WEEKS
    repo.meeting("2026-05-20")
    scheduled(repo, "2026-06-10", kind="extraordinary")
    assert repo.rule_messages("CA004", today="2026-06-01") == [
        "Safeguarding Group has no next meeting scheduled"]


def test_lawful_year_of_kinds_is_clean(repo: MiniRepo) -> None:
    """Ordinary meetings every six weeks, an extraordinary one between, the annual meeting
    electing the chair with its agenda in order, minutes approved at ordinary meetings."""
    kinds(repo)
    repo.tor["cadence"] = SIX_WEEKS
    repo.tor["minutes"] = {"approval": "next-meeting"}
    repo.body["records_from"] = "2026-01-14"
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2026-04-07"},
        {"role": "chair", "seat": "pol", "from": "2026-04-08", "how": "elected"}]
    approved = {"status": "approved", "approved_at": "2026-02-25"}
    repo.meeting("2026-01-14", minutes=approved)
    repo.meeting("2026-02-04", kind="extraordinary", minutes=approved)
    repo.meeting("2026-02-25", minutes={"status": "approved", "approved_at": "2026-05-20"})
    repo.meeting("2026-04-08", kind="annual", chair="pol", agenda=ANNUAL_AGENDA,
                 minutes={"status": "approved", "approved_at": "2026-05-20"})
    repo.meeting("2026-05-20", chair="pol", minutes={"status": "draft"})
    scheduled(repo, "2026-07-01")
    assert [p for p in repo.problems(today="2026-06-01") if " TR" not in p] == []


def test_site_names_the_kind_of_meeting(repo: MiniRepo) -> None:
    from minutebook.site.pages import render_site

    kinds(repo)
    repo.meeting("2026-01-14", kind="annual", agenda=ANNUAL_AGENDA)
    repo.meeting("2026-02-25")
    pages = render_site(repo.check(), "public").pages
    assert "· Held · Annual meeting ·" in pages["meetings/group/2026-01-14.md"]
    assert "· Held · OFFICIAL" in pages["meetings/group/2026-02-25.md"]
    assert '<td data-label="Status">Held (annual meeting)</td>' in pages["bodies/group.md"]


def test_new_meeting_of_a_kind_writes_its_kind_and_fixed_agenda(repo: MiniRepo) -> None:
    from click.testing import CliRunner

    from minutebook.api import check
    from minutebook.cli import cli

    kinds(repo)
    repo.tor["standing_items"] = ["Welcome and apologies", "Annual report"]
    repo.write()
    args = ["new", "meeting", "group", "--date", "2026-06-10", "--path", str(repo.root),
            "--today", "2026-06-01"]
    result = CliRunner().invoke(cli, [*args, "--kind", "annual"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = (repo.root / "meetings/group/2026-06-10.md").read_text(encoding="utf-8")
    assert "status: scheduled\nkind: annual\n" in text
    assert ("  - Annual report\n  - Election of the chair\n  - Business plan\n"
            "  - Welcome and apologies\n") in text
    found = check(repo.root, today("2026-06-01")).findings
    assert [f.code for f in found if f.file == "meetings/group/2026-06-10.md"] == []

    refused = CliRunner().invoke(cli, [*args[:4], "2026-06-17", *args[5:], "--kind", "agm"])
    assert refused.exit_code == 2
    assert ("the ToR of Safeguarding Group in force on 2026-06-17 declares no kind of meeting "
            "'agm' (its kinds: ordinary, annual, extraordinary)") in refused.output
