"""The published site: built from the data, gated by the checks, never half-written."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar

from .conftest import mkdocs_build

pytestmark = pytest.mark.slow


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Visible text, tags removed and spaces collapsed (for asserting values)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_expected_pages_exist(built_site: Path) -> None:
    for page in ["index.html", "structure.html", "bodies/index.html", "actions.html",
                 "reviews.html", "organisations/index.html", "calendar.html", "data.html",
                 "findings.html", "reports/index.html",
                 "bodies/cs-steering-group.html", "bodies/reassurance-hackney.html",
                 "meetings/cs-steering-group/2026-08-12.html",
                 "organisations/cheshire-police.html", "scorecard/cs-steering-group.html",
                 "reports/cs-steering-group/2026-04-01_2026-09-30.html",
                 "calendar/all.ics", "calendar/cs-steering-group.ics",
                 "data/minutebook.json", "data/schemas/meeting.schema.json",
                 "rules/index.html", "reference/index.html", "cookbook.html"]:
        assert (built_site / page).is_file(), page


def test_steering_group_page_shows_membership_and_review(built_site: Path) -> None:
    page = text_of(read(built_site, "bodies/cs-steering-group.html"))
    assert "Cheshire Police Inspector" in page
    assert "Next review due 21 January 2027" in page
    assert "Force Intelligence Bureau" in page
    assert ("Quorum at least 6 members present; the chair or a co-chair present; every "
            "organisation of statutory partners represented") in page
    assert "The chair rotates every 6 months between organisations" in page
    # the ToR prose is published, and the body reports to both parents
    assert "provide oversight for children and adults at risk of exploitation" in page
    assert "Accountable to: CS/SOC Strategic Board , LSCP Executive" in page


def test_shared_tor_is_shown_on_both_reassurance_meetings(built_site: Path) -> None:
    for body, clerk in (("reassurance-city-of-london", "Town Clerk"),
                        ("reassurance-hackney", "Chief Executive of Hackney Council")):
        page = text_of(read(built_site, f"bodies/{body}.html"))
        assert "Chaired by Independent Safeguarding Children Commissioner" in page
        assert clerk in page
        assert "at least 2 a year" in page
    hackney = text_of(read(built_site, "bodies/reassurance-hackney.html"))
    assert "delegated from MPS Commissioner" in hackney


def test_dashboard_states_status_in_words_and_links_to_findings(built_site: Path) -> None:
    html = read(built_site, "index.html")
    assert "as of 25 November 2026" in text_of(html)
    # to the body page's line in words about it (the codes are in its editors' section)
    assert 'href="bodies/cs-steering-group.html#attention-review"' in html
    assert re.search(r'class="mb-status mb-amber">Attention \(1 finding\)', html)
    assert "<caption>" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html


def test_meeting_page_has_attendance_minutes_and_neighbours(built_site: Path) -> None:
    page = text_of(read(built_site, "meetings/cs-steering-group/2026-08-12.html"))
    assert "Quorate No: at least 6 members present: 5 of the 6 needed" in page
    assert "Previous meeting (1 July 2026)" in page
    assert "Next meeting (23 September 2026)" in page
    assert "Inspector, Cheshire Police Present" in page


def test_coming_up_lists_meetings_of_a_day_by_their_start_time(built_site: Path) -> None:
    html = read(built_site, "index.html")
    # 16 December 2026: the LSCP Executive at 09:30, the CS/SOC Steering Group at 10:00
    early = html.index("meetings/lscp-executive/2026-12-16.html")
    late = html.index("meetings/cs-steering-group/2026-12-16.html")
    assert early < late


def test_draft_minutes_carry_a_banner(built_site: Path) -> None:
    html = read(built_site, "meetings/cs-steering-group/2026-11-04.html")
    assert "DRAFT MINUTES: not yet approved by the group." in html
    approved = read(built_site, "meetings/cs-steering-group/2026-09-23.html")
    assert "DRAFT MINUTES" not in approved
    # a record that does not say: the page says so, and does not call the minutes a draft
    unknown = read(built_site, "meetings/community-safety-partnership/2025-12-11.html")
    assert "DRAFT MINUTES" not in unknown
    assert "The record does not say whether these minutes were approved." in unknown


def test_actions_tracker_marks_overdue_in_words(built_site: Path) -> None:
    html = read(built_site, "actions.html")
    row = re.search(r'<tr class="mb-overdue"[^>]*>.*?</tr>', html, re.DOTALL)
    assert row
    assert "sg-901" in row.group(0)
    assert "Open – overdue" in row.group(0)


def test_review_register_sorted_by_urgency(built_site: Path) -> None:
    page = text_of(read(built_site, "reviews.html"))
    order = [page.index(x) for x in ("21 January 2027", "11 March 2027", "18 March 2027")]
    assert order == sorted(order)
    assert "Due soon" in page


def test_calendar_feeds_have_stable_uids(built_site: Path) -> None:
    cal = Calendar.from_ical((built_site / "calendar/cs-steering-group.ics").read_bytes())
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    assert "meeting-cs-steering-group-2026-12-16@minutebook.invalid" in uids
    assert "review-cs-steering-group-1.0@minutebook.invalid" in uids
    everything = Calendar.from_ical((built_site / "calendar/all.ics").read_bytes())
    assert uids <= {str(e["uid"]) for e in everything.walk("VEVENT")}


def test_open_data_matches_its_schemas(built_site: Path) -> None:
    from minutebook.schemas import detailed_validator

    data = json.loads(read(built_site, "data/minutebook.json"))
    assert data["as_of"] == "2026-11-25"
    assert {b["id"] for b in data["bodies"]} >= {"cs-steering-group", "reassurance-hackney"}
    validator = detailed_validator("actions")
    assert list(validator.iter_errors({"actions": data["actions"]})) == []


def test_scorecard_chart_has_a_text_alternative(built_site: Path) -> None:
    html = read(built_site, "scorecard/cs-steering-group.html")
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*>.*?</svg>", html, re.DOTALL)
    assert svg is not None
    assert 'aria-labelledby="chart-missing-episodes-t chart-missing-episodes-d"' in svg.group(0)
    assert re.search(r'<desc id="chart-missing-episodes-d">Missing from home episodes, '
                     r'children, \d+ periods from Nov 2025 to Sep 2026', svg.group(0))
    assert "<caption>Values of Missing from home episodes, children</caption>" in html


class _Resources(HTMLParser):
    """Addresses the browser would fetch by itself: scripts, styles, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.fetched.append(a["src"] or "")
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", None):
            self.fetched.append(a["href"] or "")


def test_no_request_to_a_third_party_host_in_the_built_html(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.fetched if re.match(r"(?:https?:)?//", u)]
        assert external == [], (page, external)
    assert "fonts.googleapis" not in "".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in built_site.rglob("*.css"))


def test_an_error_stops_the_build_and_leaves_the_old_site(repo_copy: Path,
                                                          tmp_path: Path) -> None:
    site = tmp_path / "out"
    first = mkdocs_build(repo_copy / "mkdocs.yml", site)
    assert first.returncode == 0, first.stderr[-3000:]
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    record = repo_copy / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    second = mkdocs_build(repo_copy / "mkdocs.yml", site)
    assert second.returncode != 0
    assert ("meetings/cs-steering-group/2026-09-23.md" in second.stderr)
    assert ("'status' cannot be 'hled'" in second.stderr)
    assert "Traceback" not in second.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site-")]


def test_template_code_in_minutes_is_shown_as_text(repo_copy: Path, tmp_path: Path) -> None:
    record = repo_copy / "meetings/cs-steering-group/2026-09-23.md"
    payload = "{{ config.site_name }} {{ 7*7 }} {% for x in range(3) %}loop{% endfor %}"
    record.write_text(record.read_text() + f"\n## Injected\n\n{payload}\n")
    site = tmp_path / "out"
    result = mkdocs_build(repo_copy / "mkdocs.yml", site, extra_env={"SECRET_TOKEN": "s3cr3t"})
    assert result.returncode == 0, result.stderr[-3000:]
    html = read(site, "meetings/cs-steering-group/2026-09-23.html")
    assert "{{ config.site_name }}" in html
    assert "{{ 7*7 }}" in html
    assert ">49<" not in html
    assert "looplooploop" not in html
    assert "s3cr3t" not in html
