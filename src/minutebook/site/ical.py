"""iCalendar feeds of meetings and review due dates, with stable UIDs.

Meeting times are UK local times (TZID=Europe/London, with its VTIMEZONE), so a calendar
in another time zone, or a phone abroad, shows them at the right moment. Texts are plain
text: HTML comments and tags are removed (``sanitise.plain_text``).

Every event links back to its page on the site (URL, and the address again at the end of
DESCRIPTION, which more calendar apps show) and says in DESCRIPTION what a partner looks
for: when the papers are due, and, for a past meeting, where its minutes stand. The
address is absolute under the site's ``site_url``; without one, it is the page's path
from the site's root ("/meetings/...").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..dates import in_words
from ..model import Body, Dataset, Meeting
from .links import body_page, meeting_page, site_address
from .publication import meeting_restricted, shown_location
from .sanitise import plain_text

LONDON = ZoneInfo("Europe/London")

UID_DOMAIN = "minutebook.invalid"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//minutebook//governance calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", plain_text(name))
    return cal


PapersDue = Callable[[Body, Meeting], date | None]


def _link(ev: Event, description: list[str], page: str, url: str) -> None:
    """The page's address as the event's URL and as the last line of its description."""
    ev.add("url", url)
    ev.add("description", plain_text("\n".join([*description, f"{page}: {url}"])))


def meeting_words(ds: Dataset, body: Body, m: Meeting, today: date, papers: date | None,
                  edition: str) -> list[str]:
    """What a calendar entry says of a meeting: its kind, the papers deadline, and for a
    past meeting where its minutes stand (nothing of a restricted one's minutes)."""
    lines = [f"Meeting of {body.name}."]
    if papers is not None and m.status == "scheduled":
        lines.append(f"Papers due: {in_words(papers)}.")
    if m.held and not meeting_restricted(ds, body.id, m.date, edition):
        if m.minutes_status == "approved":
            when = f" on {in_words(m.minutes_approved_at)}" if m.minutes_approved_at else ""
            lines.append(f"Minutes: approved{when}.")
        elif m.minutes_status == "draft":
            lines.append("Minutes: in draft, not yet approved.")
        else:
            lines.append("Minutes: the record does not say whether they were approved.")
    elif m.held:
        lines.append("Held; the record is restricted.")
    elif m.date < today:
        lines.append("No record of this meeting has been published yet.")
    return lines


def _meeting_events(ds: Dataset, body: Body, stamp: datetime, edition: str, today: date,
                    site_url: str, papers_due: PapersDue) -> Iterable[Event]:
    for m in ds.meetings.get(body.id, []):
        if m.status == "cancelled":
            continue
        ev = Event()
        ev.add("uid", f"meeting-{body.id}-{m.date.isoformat()}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("summary", plain_text(body.label))
        _link(ev, meeting_words(ds, body, m, today, papers_due(body, m), edition),
              "Meeting page", site_address(site_url, meeting_page(body.id, m.date)))
        if m.start:
            hour, minute = (int(x) for x in m.start.split(":"))
            start = datetime.combine(m.date, time(hour, minute), tzinfo=LONDON)
            ev.add("dtstart", start)
            ev.add("dtend", start + timedelta(hours=2))
        else:
            ev.add("dtstart", m.date)
        where = shown_location(ds, body.id, m, edition)
        if where:
            ev.add("location", plain_text(where))
        ev.add("status", "CONFIRMED" if m.held or m.status == "scheduled" else "TENTATIVE")
        yield ev


def _review_event(ds: Dataset, body: Body, today: date, stamp: datetime,
                  site_url: str) -> Event | None:
    tor = ds.tors.get(body.tor)
    if tor is None:
        return None
    v = tor.in_force(today) or tor.latest
    if v.next_review is None:  # the ToR does not state its review period or last review
        return None
    ev = Event()
    ev.add("uid", f"review-{tor.id}-{v.version}@{UID_DOMAIN}")
    ev.add("dtstamp", stamp)
    ev.add("summary", f"ToR review due: {plain_text(body.label)}")
    ev.add("dtstart", v.next_review)
    ev.add("dtend", v.next_review + timedelta(days=1))
    what = (f"Review of the terms of reference of {body.name} (version {v.version}) due "
            f"by {in_words(v.next_review)}.")
    _link(ev, [what], "Body page", site_address(site_url, body_page(body.id)))
    return ev


def feeds(ds: Dataset, today: date, bodies: list[Body], edition: str = "public", *,
          site_url: str = "", papers_due: PapersDue = lambda body, m: None) -> dict[str, bytes]:
    """calendar/all.ics and calendar/<body>.ics (a restricted meeting's own location is
    left out of the public edition); ``papers_due`` gives a meeting's papers deadline, if
    its ToR sets one."""
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    days = [m.date for b in bodies for m in ds.meetings.get(b.id, [])] or [today]
    # the time zone's rules for the years the meetings span (not 1970 to 2038)
    span = {"first_date": date(min(days).year, 1, 1), "last_date": date(max(days).year + 1, 1, 1)}
    everything = _calendar("All partnership meetings")
    out: dict[str, bytes] = {}
    seen_reviews: set[str] = set()
    for body in bodies:
        cal = _calendar(body.name)
        for ev in _meeting_events(ds, body, stamp, edition, today, site_url, papers_due):
            cal.add_component(ev)
            everything.add_component(ev)
        review = _review_event(ds, body, today, stamp, site_url)
        if review is not None:
            cal.add_component(review)
            if str(review["uid"]) not in seen_reviews:
                seen_reviews.add(str(review["uid"]))
                everything.add_component(review)
        cal.add_missing_timezones(**span)
        out[f"calendar/{body.id}.ics"] = cal.to_ical()
    everything.add_missing_timezones(**span)
    out["calendar/all.ics"] = everything.to_ical()
    return out
