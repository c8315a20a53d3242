"""The calendar page's month view, the calendar feeds' links and descriptions, the Atom
feed of what changed (read by feedparser, an independent parser) and the scorecard's
"not received" status, on the repository's own site built as of 2026-11-25."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from minutebook.site.atom import Change, atom_feed
from minutebook.site.links import site_address

pytestmark = pytest.mark.slow


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _months(html: str) -> list[str]:
    return re.findall(r'<table data-mb="month">.*?</table>', html, re.DOTALL)


def test_the_calendar_shows_each_month_as_an_accessible_table(built_site: Path) -> None:
    html = _read(built_site, "calendar.html")
    months = _months(html)
    captions = [re.search(r"<caption>(.*?)</caption>", m).group(1) for m in months]
    # three months back from November 2026, and the months ahead with meetings
    assert captions[:4] == ["August 2026", "September 2026", "October 2026", "November 2026"]
    assert "January 2027" in captions
    for table in months:
        assert re.findall(r'<th scope="col"><abbr title="(\w+)">', table) == [
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    november = months[captions.index("November 2026")]
    assert 'aria-current="date"' in november  # today, 25 November 2026


def test_month_view_links_each_meeting_and_marks_past_ones_in_words(built_site: Path) -> None:
    html = _read(built_site, "calendar.html")
    august = _months(html)[0]
    approved = re.search(r'<a href="(meetings/cs-steering-group/2026-08-12\.html)">'
                         r'CS/SOC Steering Group</a> <span class="mb-cal-state">(.*?)</span>',
                         august)
    assert approved is not None
    assert approved.group(2) == "minutes approved"
    states = set(re.findall(r'<span class="mb-cal-state">(.*?)</span>', html))
    assert {"minutes approved", "minutes in draft"} <= states
    for target in re.findall(r'<td[^>]*>.*?</td>', "".join(_months(html))):
        for link in re.findall(r'href="([^"]+)"', target):
            assert (built_site / link).is_file(), link
    # the same meetings as a list, for narrow screens
    assert re.search(r'<div class="mb-month-list"><p><strong>August 2026</strong></p><ul><li>'
                     r"\d+ August 2026: <a href", html)


def test_the_calendar_and_body_pages_offer_a_subscription(built_site: Path) -> None:
    calendar = _read(built_site, "calendar.html")
    assert 'href="calendar/all.ics"' in calendar
    assert "Subscribe from web" in calendar
    body = _read(built_site, "bodies/cs-steering-group.html")
    assert 'href="../calendar/cs-steering-group.ics"' in body
    assert "calendar from the internet" in body


def test_every_calendar_event_links_to_its_page_and_describes_it(built_site: Path) -> None:
    feeds = sorted((built_site / "calendar").glob("*.ics"))
    assert len(feeds) > 2
    for feed in feeds:
        events = Calendar.from_ical(feed.read_bytes()).walk("VEVENT")
        assert events, feed
        for ev in events:
            url, description = str(ev["URL"]), str(ev["DESCRIPTION"])
            # no site_url in mkdocs.yml: the page's path from the site's root
            assert url.startswith("/"), url
            assert (built_site / url.lstrip("/")).is_file(), url
            assert description.endswith(url)
            assert description.splitlines()[0].startswith(("Meeting of ", "Review of "))


def test_calendar_descriptions_give_the_papers_deadline_and_minutes_status(
        built_site: Path) -> None:
    events = {str(e["UID"]): str(e["DESCRIPTION"]) for e in Calendar.from_ical(
        (built_site / "calendar/cs-steering-group.ics").read_bytes()).walk("VEVENT")}
    upcoming = events["meeting-cs-steering-group-2026-12-16@minutebook.invalid"]
    assert re.search(r"Papers due: \d+ December 2026\.", upcoming)
    past = events["meeting-cs-steering-group-2026-08-12@minutebook.invalid"]
    assert "Minutes: approved on 23 September 2026." in past
    assert "Papers due" not in past


def test_the_changes_feed_is_valid_atom_with_links_to_built_pages(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "feeds/changes.atom").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entries = feed.entries
    assert 10 <= len(entries) <= 50
    kinds = {e.id.split(":", 2)[2].split("/")[0] for e in entries}
    assert kinds >= {"minutes", "minutes-approved", "report", "tor"}
    assert len({e.id for e in entries}) == len(entries)
    days = [e.updated_parsed[:3] for e in entries]
    assert days == sorted(days, reverse=True)
    assert all(date(*d) <= date(2026, 11, 25) for d in days)
    for e in entries:
        assert e.title
        assert e.summary
        assert "<" not in e.title
        target = posixpath.normpath(posixpath.join("feeds", e.link))
        assert (built_site / target).is_file(), e.link
    home = _read(built_site, "index.html")
    assert 'href="feeds/changes.atom"' in home
    # no <link rel="alternate">: Material fetches a sitemap.xml beside every such link (for
    # its language selector), feeds/sitemap.xml, which does not exist
    assert 'rel="alternate"' not in home


def test_the_feed_uses_the_site_url_and_escapes_every_text() -> None:
    change = Change("minutes/x/2026-01-14", date(2026, 1, 14), 'Minutes <b>& "x"</b>',
                    "meetings/x/2026-01-14.md", "A <script>alert(1)</script> & more")
    xml = atom_feed([change], title="T & Co", today=date(2026, 2, 1),
                    site_url="https://example.org/gov")
    feed = feedparser.parse(xml)
    assert feed.bozo == 0
    (entry,) = feed.entries
    assert entry.link == "https://example.org/gov/meetings/x/2026-01-14.html"
    assert entry.title == 'Minutes & "x"'
    assert "<script" not in xml.decode()
    assert "alert(1)" in entry.summary
    assert feed.feed.title == "T & Co"
    assert site_address("", "bodies/b.md") == "/bodies/b.html"


def test_a_measure_without_its_latest_value_says_not_received(built_site: Path) -> None:
    html = _read(built_site, "scorecard/cs-steering-group.html")
    row = re.search(r"<tr><th scope=\"row\">Youth justice cohort.*?</tr>", html, re.DOTALL)
    assert row is not None
    assert '<span class="mb-status mb-missing">Jul–Sep 2026 not received</span>' in row.group(0)
    assert "mb-green" not in row.group(0)  # its last value, Apr–Jun 2026, was green
    received = re.search(r"<tr><th scope=\"row\">County lines disruptions.*?</tr>", html,
                         re.DOTALL)
    assert '<span class="mb-status mb-green">Green: on track</span>' in received.group(0)
    assert "was expected by 21 October 2026 and has not been received" in html
