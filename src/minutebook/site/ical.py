"""iCalendar feeds of meetings and review due dates, with stable UIDs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event

from ..model import Body, Dataset

UID_DOMAIN = "minutebook.invalid"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//minutebook//governance calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _meeting_events(ds: Dataset, body: Body, stamp: datetime) -> Iterable[Event]:
    for m in ds.meetings.get(body.id, []):
        if m.status == "cancelled":
            continue
        ev = Event()
        ev.add("uid", f"meeting-{body.id}-{m.date.isoformat()}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{body.label}")
        if m.start:
            hour, minute = (int(x) for x in m.start.split(":"))
            start = datetime.combine(m.date, time(hour, minute))
            ev.add("dtstart", start)
            ev.add("dtend", start + timedelta(hours=2))
        else:
            ev.add("dtstart", m.date)
        if m.location or body.meets:
            ev.add("location", m.location or body.meets)
        ev.add("status", "CONFIRMED" if m.held or m.status == "scheduled" else "TENTATIVE")
        yield ev


def _review_event(ds: Dataset, body: Body, today: date, stamp: datetime) -> Event | None:
    tor = ds.tors.get(body.tor)
    if tor is None:
        return None
    v = tor.in_force(today) or tor.latest
    ev = Event()
    ev.add("uid", f"review-{tor.id}-{v.version}@{UID_DOMAIN}")
    ev.add("dtstamp", stamp)
    ev.add("summary", f"ToR review due: {body.label}")
    ev.add("dtstart", v.next_review)
    ev.add("dtend", v.next_review + timedelta(days=1))
    return ev


def feeds(ds: Dataset, today: date, bodies: list[Body]) -> dict[str, bytes]:
    """calendar/all.ics and calendar/<body>.ics."""
    stamp = datetime.combine(today, time(0, 0))
    everything = _calendar("All partnership meetings")
    out: dict[str, bytes] = {}
    seen_reviews: set[str] = set()
    for body in bodies:
        cal = _calendar(body.name)
        for ev in _meeting_events(ds, body, stamp):
            cal.add_component(ev)
            everything.add_component(ev)
        review = _review_event(ds, body, today, stamp)
        if review is not None:
            cal.add_component(review)
            if str(review["uid"]) not in seen_reviews:
                seen_reviews.add(str(review["uid"]))
                everything.add_component(review)
        out[f"calendar/{body.id}.ics"] = cal.to_ical()
    out["calendar/all.ics"] = everything.to_ical()
    return out
