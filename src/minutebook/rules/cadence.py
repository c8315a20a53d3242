"""Cadence (CA): does each body meet as often as its ToR says?"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

from ..dates import year_start
from ..model import Body, Cadence, Meeting
from .base import Context, Hit, rule


def _active_bodies(ctx: Context) -> Iterator[Body]:
    for body in ctx.ds.bodies.values():
        if body.closed is None or body.closed >= ctx.today:
            yield body


def _latest_allowed(c: Cadence, after: date) -> date | None:
    if c.every is None:
        return None
    latest = c.every.after(after)
    return c.tolerance.after(latest) if c.tolerance else latest


@rule("CA001", "meeting-gap", kind="governance", category="cadence", severity="error",
      title="Too long between meetings")
def meeting_gap(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a ToR with `cadence: every`, no two consecutive held meetings are further apart
    than the interval plus its tolerance, and the body has not gone longer than that
    since its last held meeting. Cancelled meetings do not count. Exactly the interval
    plus tolerance passes. The cadence in force on the later date applies (a list of
    cadences with `from:` dates, or a later ToR version, can change it).

    ## Why
    "Meetings will take place on a 6 weekly basis": nobody notices when a group has not
    met for four months.

    ## Fails
    ```yaml
    # cadence: {every: 6 weeks, tolerance: 7 days}
    # held 2026-01-14, next held 2026-03-05 (50 days; 49 allowed)
    ```

    ## Passes
    Held 2026-01-14, then 2026-03-04 (exactly 6 weeks and 7 days).
    """
    for body in ctx.ds.bodies.values():
        held = ctx.facts.held(body.id)
        for prev, cur in pairwise(held):
            tor = ctx.facts.tor_on(body, cur.date)
            c = tor.cadence_on(cur.date) if tor else None
            latest = _latest_allowed(c, prev.date) if c else None
            if latest and cur.date > latest:
                yield Hit(cur.at / "date", f"{(cur.date - prev.date).days} days passed between "
                          f"the meetings on {prev.date} and {cur.date}; the ToR allows "
                          f"{c.every}" + (f" plus {c.tolerance}" if c.tolerance else ""),
                          "meetings should not be left longer than the ToR allows; record "
                          "cancelled meetings and the reason", body.id)
        if held and (body.closed is None or body.closed >= ctx.today) and not (
                body.ends and body.ends < ctx.today):
            last = held[-1]
            tor = ctx.facts.tor_on(body, ctx.today)
            c = tor.cadence_on(ctx.today) if tor else None
            latest = _latest_allowed(c, last.date) if c else None
            if latest and ctx.today > latest:
                yield Hit(last.at / "date", f"{body.label} has not met since {last.date}; the "
                          f"next meeting was due by {latest}", "hold the next meeting, or "
                          "record it if it has taken place", body.id)


def _years(c: Cadence, start: date, today: date) -> Iterator[tuple[date, date]]:
    """Counting years (start, end-exclusive) that begin on or after ``start``."""
    month, dom = c.year_starts
    first = year_start(start, month, dom)
    if first < start:
        first = date(first.year + 1, month, dom)
    y = first
    while y <= today:
        yield y, date(y.year + 1, month, dom)
        y = date(y.year + 1, month, dom)


def _count(meetings: list[Meeting], a: date, b: date) -> int:
    return sum(1 for m in meetings if a <= m.date < b)


@rule("CA002", "too-few-meetings", kind="governance", category="cadence", severity="error",
      title="Fewer meetings in a year than the ToR requires")
def too_few_meetings(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `cadence: per_year: {min: N}`, every complete counting year (from 1 January, or
    from `year_starts`, e.g. `04-01` for a financial year) that began on or after the
    body's records start has at least N held meetings.

    ## Why
    "Lead representatives will meet a minimum of two times per year."

    ## Fails
    One held meeting in 2026, checked as of 2027-01-05.
    """
    for body in ctx.ds.bodies.values():
        start = ctx.facts.records_start(body)
        if start is None:
            continue
        held = ctx.facts.held(body.id)
        tor_now = ctx.facts.tor_on(body, ctx.today)
        c_now = tor_now.cadence_on(ctx.today) if tor_now else None
        if c_now is None:
            continue
        for a, b in _years(c_now, start, ctx.today):
            if b > ctx.today:
                continue
            tor = ctx.facts.tor_on(body, a)
            c = tor.cadence_on(a) if tor else None
            if c is None or not c.per_year_min:
                continue
            n = _count(held, a, b)
            if n < c.per_year_min:
                yield Hit(body.at, f"{body.label} held {n} meeting(s) in the year from {a} to "
                          f"{b - timedelta(days=1)}; the ToR requires at least {c.per_year_min}",
                          "hold the meetings the ToR requires, or review the ToR", body.id)


@rule("CA003", "year-at-risk", kind="governance", category="cadence", severity="warning",
      title="Not enough meetings held or scheduled this year")
def year_at_risk(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `cadence: per_year: {min: N}`, the meetings held so far this counting year plus
    those scheduled before it ends reach N.

    ## Why
    Catch the shortfall while there is still time to put meetings in the diary.
    """
    for body in _active_bodies(ctx):
        tor = ctx.facts.tor_on(body, ctx.today)
        c = tor.cadence_on(ctx.today) if tor else None
        if c is None or not c.per_year_min:
            continue
        a = year_start(ctx.today, *c.year_starts)
        b = date(a.year + 1, *c.year_starts)
        start = ctx.facts.records_start(body)
        if start is None or start > a:
            continue
        meetings = ctx.ds.meetings.get(body.id, [])
        held = sum(1 for m in meetings if m.held and a <= m.date < b)
        planned = sum(1 for m in meetings if m.status == "scheduled"
                      and ctx.today <= m.date < b)
        if held + planned < c.per_year_min:
            yield Hit(body.at, f"{body.label} has held {held} and scheduled {planned} "
                      f"meeting(s) in the year to {b - timedelta(days=1)}; the ToR requires "
                      f"{c.per_year_min}",
                      "schedule the remaining meetings (add records with status: scheduled)",
                      body.id)


@rule("CA004", "no-next-meeting", kind="governance", category="cadence", severity="warning",
      title="No next meeting scheduled")
def no_next_meeting(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An active body whose cadence asks for it (`next_meeting_scheduled`, true by default
    when `every` is set) has a meeting record with `status: scheduled` dated today or
    later.

    ## Why
    A group with no date in the diary is how four months without a meeting begins.
    """
    for body in _active_bodies(ctx):
        if body.ends and body.ends < ctx.today:
            continue
        tor = ctx.facts.tor_on(body, ctx.today)
        c = tor.cadence_on(ctx.today) if tor else None
        if c is None or not c.next_meeting_scheduled:
            continue
        if not any(m.status == "scheduled" and m.date >= ctx.today
                   for m in ctx.ds.meetings.get(body.id, ())):
            yield Hit(body.at, f"{body.label} has no next meeting scheduled",
                      f"add meetings/{body.id}/<date>.md with status: scheduled", body.id)
