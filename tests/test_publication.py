"""What the public and internal editions publish (information governance)."""

from __future__ import annotations

import json
from datetime import date

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.site.pages import render_site
from minutebook.site.publication import WITHHELD_FINDING


def _site(repo: MiniRepo, edition: str = "public"):
    repo.write()
    result = check(repo.root, date(2026, 6, 1))
    assert result.errors == [], [f.message for f in result.errors]
    return render_site(result, edition)


def _restricted_repo(repo: MiniRepo) -> MiniRepo:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", classification="OFFICIAL-SENSITIVE",
                 decisions=[{"id": "d1", "text": "Agreed the response to case review X."}])
    repo.minutes[("group", "2026-02-25")] = "## Minutes\n\nDiscussion of a sensitive review.\n"
    repo.action(id="a-open", raised="2026-01-14", due="2026-12-01",
                description="Publish the learning briefing.")
    repo.action(id="a-secret", raised="2026-02-25", due="2026-12-01",
                description="Contact the family's school about the review.")
    return repo


def test_restricted_meeting_shows_only_that_it_took_place(repo: MiniRepo) -> None:
    site = _site(_restricted_repo(repo))
    page = site.pages["meetings/group/2026-02-25.md"]
    assert "This meeting took place." in page
    assert "classified OFFICIAL-SENSITIVE and is not" in page
    assert "sensitive review" not in page
    assert "case review X" not in page


def test_actions_raised_at_restricted_meetings_are_withheld(repo: MiniRepo) -> None:
    site = _site(_restricted_repo(repo))
    tracker = site.pages["actions.md"]
    assert "a-open" in tracker
    assert "a-secret" not in tracker
    assert "1 action(s) raised at restricted meetings are not shown" in tracker
    data = json.loads(site.files["data/minutebook.json"])
    assert [a["id"] for a in data["actions"]] == ["a-open"]
    meeting = next(m for m in data["meetings"] if m["file"].endswith("2026-02-25.md"))
    assert meeting["minutes"] is None
    assert "decisions" not in meeting["front_matter"]


def test_internal_edition_shows_everything_under_a_banner(repo: MiniRepo) -> None:
    site = _site(_restricted_repo(repo), "internal")
    assert "sensitive review" in site.pages["meetings/group/2026-02-25.md"]
    assert "a-secret" in site.pages["actions.md"]
    assert all("RESTRICTED INTERNAL EDITION" in page.split("---", 2)[1]
               for page in site.pages.values())


def test_confidential_sections_are_removed_from_the_public_edition(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.minutes[("group", "2026-01-14")] = (
        "## Minutes\n\nOpen item.\n\n<!-- confidential -->\nThe named school.\n"
        "<!-- /confidential -->\n\nAfter.\n")
    page = _site(repo).pages["meetings/group/2026-01-14.md"]
    assert "Open item." in page
    assert "After." in page
    assert "The named school." not in page
    assert "A confidential part of these minutes is not published." in page
    internal = _site(repo, "internal").pages["meetings/group/2026-01-14.md"]
    assert "The named school." in internal


def test_holders_names_are_hidden_unless_published(repo: MiniRepo) -> None:
    repo.body["seats"][0]["holder"] = "Private Person"
    repo.body["seats"][0]["deputies"] = [{"post": "Service Manager", "holder": "Deputy Person"}]
    repo.body["seats"][1].update(holder="Public Person", publish_holder=True)
    repo.meeting("2026-01-14")
    site = _site(repo)
    text = site.pages["bodies/group.md"] + site.files["data/minutebook.json"].decode()
    assert "Private Person" not in text
    assert "Deputy Person" not in text
    assert "Public Person" in text


def test_configuration_cannot_turn_off_the_personal_data_scan(repo: MiniRepo) -> None:
    repo.config = {"checks": {"disable": ["PD001", "QU002"],
                              "severity": {"PD003": "warning", "HT001": "error"}}}
    repo.meeting("2026-01-14")
    repo.minutes[("group", "2026-01-14")] = "## Minutes\n\nNHS number 943 476 5919.\n"
    found = repo.check()
    assert [(f.code, f.message) for f in found.findings if f.code == "SC004"] == [
        ("SC004", ("PD001 cannot be disabled: it keeps personal data or active content off "
                  "the site")),
        ("SC004", ("PD003 cannot be made less severe: it keeps personal data or active content "
                  "off the site"))]
    assert [f.severity for f in found.findings if f.code == "PD001"] == ["error"]


def test_updates_at_restricted_meetings_and_restricted_tor_text_are_withheld(
        repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", classification="OFFICIAL-SENSITIVE")
    repo.action(id="a-1", raised="2026-01-14", due="2026-12-01", updates=[
        {"meeting": "2026-02-25", "note": "Discussed the family's circumstances."}])
    repo.tor["classification"] = "OFFICIAL-SENSITIVE"
    site = _site(repo)
    text = site.pages["actions.md"] + site.files["data/minutebook.json"].decode()
    assert "a-1" in text
    assert "family's circumstances" not in text
    body = site.pages["bodies/group.md"]
    assert "To safeguard." not in body
    assert "classified OFFICIAL-SENSITIVE and its text is not published" in body
    data = json.loads(site.files["data/minutebook.json"])
    assert [t["text"] for t in data["terms_of_reference"]] == [None]


def test_editor_fields_shown_on_pages_are_scanned(repo: MiniRepo) -> None:
    repo.body["meets"] = "Dial in on 07700 900123 or [join](javascript:alert(1))"
    repo.tor["standing_items"] = ["Call jo.bloggs@gmail.com"]
    repo.meeting("2026-01-14")
    codes = sorted(f.code for f in repo.check().findings)
    assert codes == ["HT001", "PD005", "PD006"]


def test_settings_of_the_wrong_shape_do_not_crash(repo: MiniRepo) -> None:
    repo.config = {"checks": {"severity": ["PD001"], "disable": {"PD001": True}}}
    repo.meeting("2026-01-14")
    assert {f.code for f in repo.check().findings} == {"SC003"}


def test_disabling_the_misplaced_file_check_is_refused(repo: MiniRepo) -> None:
    repo.config = {"checks": {"disable": ["LD008"]}}
    repo.raw["docs/sensitive-terms.txt"] = "A Name\n"
    repo.meeting("2026-01-14")
    codes = sorted(f.code for f in repo.check().findings)
    assert "SC004" in codes
    assert "LD008" in codes


def public_text(site: object) -> list[str]:
    """Every page and data file of a built site, as text."""
    return [*site.pages.values(),  # type: ignore[attr-defined]
            *(b.decode("utf-8", "replace") for b in site.files.values())]  # type: ignore[attr-defined]


def test_restricted_meetings_leave_no_details_on_other_pages(repo: MiniRepo) -> None:
    """The body page, the organisation pages, the findings and the open data show that a
    restricted meeting took place, but not who attended or chaired it, or what a finding
    about it says (a finding can repeat the record)."""
    repo.tor["attendance"] = {"expectations": [{"min_rate": "100%"}]}
    repo.meeting("2026-01-14")
    attendance = dict.fromkeys(("la", "la2", "pol", "nurse", "trust"), "present")
    attendance["nurse"] = "apologies"  # an attendance finding (AT003, on the ToR) names it
    repo.meeting("2026-02-25", classification="OFFICIAL-SENSITIVE", chair="pol",
                 attendance=attendance, location="Safe house, 4 Mill Lane")
    repo.meeting("2026-07-01", status="scheduled", attendance={}, start="10:00",
                 classification="OFFICIAL-SENSITIVE", location="Family centre, Elm Road")
    repo.write()
    result = check(repo.root, date(2026, 6, 1))
    outside = [f for f in result.findings if f.code == "AT003"]
    assert outside
    assert "2026-02-25" in outside[0].message
    for text in [*public_text(render_site(result, "public"))]:
        assert "Mill Lane" not in text
        assert "Elm Road" not in text
        assert outside[0].message not in text
    about = [f for f in result.findings if f.file == "meetings/group/2026-02-25.md"]
    assert about, "the case needs a finding in the restricted record"
    public, internal = render_site(result, "public"), render_site(result, "internal")
    body = public.pages["bodies/group.md"]
    history = body[body.index("Meetings of"):]
    assert "Restricted record" in history
    assert "Inspector" not in history.split("2026-01-14")[0]  # the 25 Feb row names no chair
    assert "25 Feb 2026" not in body[body.index("## Attendance"):]
    assert "25 Feb 2026" in internal.pages["bodies/group.md"][
        internal.pages["bodies/group.md"].index("## Attendance"):]
    for f in about:
        assert f.message not in body
        assert f.message not in public.pages["findings.md"]
        assert f.message in internal.pages["findings.md"]
    assert WITHHELD_FINDING in public.pages["findings.md"]
    data = json.loads(public.files["data/minutebook.json"])
    shown = [f for f in data["findings"] if f["file"] == "meetings/group/2026-02-25.md"]
    assert len(shown) == len(about)
    assert {f["message"] for f in shown} == {WITHHELD_FINDING}
    assert {f["severity"] for f in shown} == {f.severity for f in about}


def test_calendar_times_are_uk_times_and_restricted_places_are_left_out(
        repo: MiniRepo) -> None:
    from datetime import timedelta

    from icalendar import Calendar

    repo.meeting("2026-01-14", start="10:00", location="Town Hall")
    repo.meeting("2026-02-25", start="10:00", location="Safe house, 4 Mill Lane",
                 classification="OFFICIAL-SENSITIVE")
    repo.meeting("2026-07-01", status="scheduled", attendance={}, start="09:30")
    site = _site(repo)
    cal = Calendar.from_ical(site.files["calendar/group.ics"])
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    winter = events["meeting-group-2026-01-14"]["dtstart"].dt
    summer = events["meeting-group-2026-07-01"]["dtstart"].dt
    assert (winter.utcoffset(), summer.utcoffset()) == (timedelta(0), timedelta(hours=1))
    assert str(events["meeting-group-2026-01-14"]["location"]) == "Town Hall"
    assert "location" not in events["meeting-group-2026-02-25"]
    internal = Calendar.from_ical(_site(repo, "internal").files["calendar/group.ics"])
    assert "Mill Lane" in internal.to_ical().decode()
