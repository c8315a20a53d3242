"""iCalendar feeds of meetings and review due dates, with stable UIDs.

Meeting times are UK local times (TZID=Europe/London, with its VTIMEZONE), so a calendar
in another time zone, or a phone abroad, shows them at the right moment. Texts are plain
text: HTML comments and tags are removed (``sanitise.plain_text``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..model import Body, Dataset
from .publication import shown_location
from .sanitise import plain_text

LONDON = ZoneInfo("Europe/London")

UID_DOMAIN = "minutebook.invalid"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//minutebook//governance calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", plain_text(name))
    return cal


def _meeting_events(ds: Dataset, body: Body, stamp: datetime,
                    edition: str) -> Iterable[Event]:
    for m in ds.meetings.get(body.id, []):
        if m.status == "cancelled":
            continue
        ev = Event()
        ev.add("uid", f"meeting-{body.id}-{m.date.isoformat()}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("summary", plain_text(body.label))
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


def _review_event(ds: Dataset, body: Body, today: date, stamp: datetime) -> Event | None:
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
    return ev


def feeds(ds: Dataset, today: date, bodies: list[Body],
          edition: str = "public") -> dict[str, bytes]:
    """calendar/all.ics and calendar/<body>.ics (a restricted meeting's own location is
    left out of the public edition)."""
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    days = [m.date for b in bodies for m in ds.meetings.get(b.id, [])] or [today]
    # the time zone's rules for the years the meetings span (not 1970 to 2038)
    span = {"first_date": date(min(days).year, 1, 1), "last_date": date(max(days).year + 1, 1, 1)}
    everything = _calendar("All partnership meetings")
    out: dict[str, bytes] = {}
    seen_reviews: set[str] = set()
    for body in bodies:
        cal = _calendar(body.name)
        for ev in _meeting_events(ds, body, stamp, edition):
            cal.add_component(ev)
            everything.add_component(ev)
        review = _review_event(ds, body, today, stamp)
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
