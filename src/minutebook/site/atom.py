"""The Atom feed of what changed (feeds/changes.atom): new minutes, approved minutes,
reports to parent bodies and terms of reference versions, newest first.

A pure function of the model: ``changes`` lists them, ``atom_feed`` writes the XML with
``xml.etree`` (every text is plain text, escaped by the serialiser; nothing restricted in
the public edition). Entry ids are tag: URIs made from what the entry is about, so they
stay the same from build to build and do not depend on where the site is published.
Links are absolute under ``site_url``; without one, relative to the feed's own address
(which Atom readers resolve).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..dates import EARLIEST, in_words
from ..model import Dataset
from .links import body_page, href, meeting_page, report_page, site_address
from .publication import is_restricted, meeting_restricted
from .sanitise import plain_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feeds/changes.atom"
TAG = "tag:minutebook.invalid,2026:"
LIMIT = 50


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the feed."""

    key: str  # what it is about, unique: "minutes-approved/<body>/<date>"
    day: date
    title: str
    page: str  # the generated page (path of its .md under the docs root)
    summary: str


def changes(ds: Dataset, today: date, edition: str,
            label: Callable[[str], str]) -> list[Change]:
    """Every change up to ``today`` the edition may show, newest first (then by key)."""
    out: list[Change] = []
    for body_id, meetings in ds.meetings.items():
        name = label(body_id)
        for m in meetings:
            if not m.held or meeting_restricted(ds, body_id, m.date, edition):
                continue
            page, on = meeting_page(body_id, m.date), in_words(m.date)
            if m.minutes.strip():
                day = m.milestones.get("draft-minutes-circulated") or m.date
                out.append(Change(f"minutes/{body_id}/{m.date}", day,
                                  f"Minutes published: {name}, {on}", page,
                                  f"The minutes of the meeting of {name} on {on} are on the "
                                  "site" + (", in draft." if m.minutes_status == "draft"
                                            else ".")))
            if m.minutes_status == "approved" and m.minutes_approved_at:
                out.append(Change(f"minutes-approved/{body_id}/{m.date}",
                                  m.minutes_approved_at, f"Minutes approved: {name}, {on}", page,
                                  f"The minutes of the meeting of {name} on {on} were approved "
                                  f"on {in_words(m.minutes_approved_at)}."))
    for r in ds.reports:
        if is_restricted(r.classification, edition):
            continue
        name = label(r.body)
        span = f"{in_words(r.start)} to {in_words(r.end)}"
        out.append(Change(f"report/{r.body}/{r.start}_{r.end}", r.generated,
                          f"Report: {name}, {span}", report_page(r.body, r.start, r.end),
                          f"{name}'s report to its parent bodies for {span}."))
    for tor in ds.tors.values():
        users = sorted(b.id for b in ds.bodies.values() if b.tor == tor.id)
        if not users:
            continue
        names = ", ".join(label(b) for b in users)
        for v in tor.versions:
            day = v.approved_on or (v.in_force_from if v.in_force_stated else None)
            if day is None or day == EARLIEST:
                continue
            state = (f"approved on {in_words(v.approved_on)}" if v.approved_on
                     else f"in draft, in force from {in_words(v.in_force_from)}")
            out.append(Change(f"tor/{tor.id}/{v.version}", day,
                              f"Terms of reference: {names}, version {v.version}",
                              body_page(users[0]),
                              f"Version {v.version} of the terms of reference of {names}, "
                              f"{state}."))
    out = [c for c in out if c.day <= today]
    out.sort(key=lambda c: c.key)
    out.sort(key=lambda c: c.day, reverse=True)
    return out


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(entries: Iterable[Change], *, title: str, today: date, site_url: str = "",
              limit: int = LIMIT) -> bytes:
    """The feed's XML: the first ``limit`` entries (give them newest first)."""
    chosen = list(entries)[:limit]

    def address(page: str) -> str:
        return site_address(site_url, page) if site_url else href(FEED_PATH, page)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = plain_text(text)
        return element

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", f"{TAG}changes")
    sub(feed, "title", title)
    sub(feed, "subtitle", "New and approved minutes, reports to parent bodies and terms of "
        "reference versions, newest first.")
    sub(feed, "updated", _stamp(max((c.day for c in chosen), default=today)))
    sub(sub(feed, "author"), "name", title)
    sub(feed, "link", rel="self", href=address(FEED_PATH))
    sub(feed, "link", rel="alternate", type="text/html", href=address("index.md"))
    for c in chosen:
        entry = sub(feed, "entry")
        sub(entry, "id", TAG + c.key)
        sub(entry, "title", c.title)
        sub(entry, "updated", _stamp(c.day))
        sub(entry, "link", rel="alternate", type="text/html", href=address(c.page))
        sub(entry, "summary", c.summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
