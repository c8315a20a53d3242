"""Cadence (CA): does each body meet as often as its ToR says?"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta
from heapq import merge
from typing import NamedTuple

from ..dates import in_words, year_start
from ..model import At, Body, Cadence, Meeting
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


class Unrecorded(NamedTuple):
    """A meeting day that has passed with nothing recorded of what happened."""

    day: date
    at: At  # where to record it: the scheduled record's status, or the rearranged_to
    record: Meeting | None  # the record left scheduled (None: no record for the day)
    origin: Meeting | None  # the cancelled meeting it was rearranged from, if any


def _unrecorded(ctx: Context, body_id: str) -> list[Unrecorded]:
    """A body's past meeting days with no outcome, by date: records left scheduled, and
    dates a cancelled meeting was rearranged to that have no record at all."""
    origin = ctx.facts.rearranged_from(body_id)
    out = [Unrecorded(m.date, m.at / "status", m, origin.get(m.date))
           for m in ctx.ds.meetings.get(body_id, ())
           if m.status == "scheduled" and m.date < ctx.today]
    out += [Unrecorded(day, c.at / "rearranged_to", None, c) for day, c in origin.items()
            if day < ctx.today and ctx.ds.meeting(body_id, day) is None]
    return sorted(out, key=lambda u: u.day)


def _pending(ctx: Context, body_id: str) -> list[Meeting]:
    """Cancelled meetings whose rearranged date is today or later and not yet recorded as
    held or cancelled."""
    out = []
    for day, c in ctx.facts.rearranged_from(body_id).items():
        record = ctx.ds.meeting(body_id, day)
        if day >= ctx.today and (record is None or record.status == "scheduled"):
            out.append(c)
    return out


def _rearranged_unrecorded(ctx: Context, body_id: str) -> list[date]:
    """Dates to come that a cancelled meeting was rearranged to, with no record yet (a
    record for the date, if any, is counted as itself)."""
    return [day for day in ctx.facts.rearranged_from(body_id)
            if day >= ctx.today and ctx.ds.meeting(body_id, day) is None]


def _allows(c: Cadence) -> str:
    return f"{c.every}" + (f" plus {c.tolerance}" if c.tolerance else "")


@rule("CA001", "meeting-gap", kind="governance", category="cadence", severity="error",
      title="Too long between meetings")
def meeting_gap(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a ToR with `cadence: every`, no two consecutive held meetings are further apart
    than the interval plus its tolerance, and the body has not gone longer than that
    since its last held meeting. Exactly the interval plus tolerance passes. The cadence
    in force on the later date applies (a list of cadences with `from:` dates, or a later
    ToR version, can change it).

    Cancelled meetings do not count, with one exception: a meeting held on the date a
    cancelled meeting was rearranged to (`rearranged_to:`) stands in for it, so the gap
    before it is measured to the cancelled meeting's date. While that new date is still
    to come, a body whose cancelled meeting was on time is not reported. A meeting day
    that passed with no record (`CA005`) is reported there, not here: the gap is measured
    from that day, as if the meeting had been held. Only meetings of kinds that count
    toward the cadence are counted (ordinary ones, and any kind the ToR declares with
    `counts_for_cadence: true`): an extraordinary meeting does not reset the gap. The
    cadence can follow a named phase of the body (`during:`, with the body's `phases:`).

    ## Why
    "Meetings will take place on a 6 weekly basis": nobody notices when a group has not
    met for four months.

    ## Fails
    ```yaml
    # cadence: {every: 6 weeks, tolerance: 7 days}
    # held 2026-01-14, next held 2026-03-05 (50 days; 49 allowed)
    ```

    ## Passes
    Held 2026-01-14, then 2026-03-04 (exactly 6 weeks and 7 days). Or held 2026-01-14;
    the meeting of 2026-02-25 cancelled with `rearranged_to: 2026-03-11`; held 2026-03-11.
    """
    facts = ctx.facts
    for body in ctx.ds.bodies.values():
        held = facts.held_for_cadence(body.id)
        missing = [u for u in _unrecorded(ctx, body.id)
                   if u.record is None or facts.counts_for_cadence(u.record)]
        # the meeting days in order: held, or passed with no record (benefit of the doubt)
        days: list[tuple[date, Meeting | Unrecorded]] = list(merge(
            ((m.date, m) for m in held), ((u.day, u) for u in missing), key=lambda x: x[0]))
        prev: date | None = None
        for day, item in days:
            if prev is not None and isinstance(item, Meeting):
                tor = facts.tor_on(body, day)
                c = tor.cadence_on(day, body.phases) if tor else None
                latest = _latest_allowed(c, prev) if c else None
                due = facts.first_due(item)
                if c and latest and due > latest:
                    gap = f"{(due - prev).days} days passed between the meeting"
                    gap += (f"s of {in_words(prev)} and {in_words(day)}" if due == day else
                            f" of {in_words(prev)} and the meeting due on {in_words(due)}, "
                            f"which was cancelled and held instead on {in_words(day)}")
                    yield Hit(item.at / "date", f"{gap}; the ToR allows {_allows(c)}",
                              "meetings should not be left longer than the ToR allows; record "
                              "cancelled meetings and the reason", body.id)
            prev = day
        if days and (body.closed is None or body.closed >= ctx.today) and not (
                body.ends and body.ends < ctx.today):
            last_day, last = days[-1]
            tor = facts.tor_on(body, ctx.today)
            c = tor.cadence_on(ctx.today, body.phases) if tor else None
            latest = _latest_allowed(c, last_day) if c else None
            if not latest or ctx.today <= latest or any(
                    last_day < p.date <= latest for p in _pending(ctx, body.id)):
                continue  # on time, or a meeting cancelled on time is rearranged to come
            due = f"the next meeting was due by {in_words(latest)}"
            if isinstance(last, Meeting):
                yield Hit(last.at / "date", f"{body.label} has not met since "
                          f"{in_words(last_day)}; {due}", "hold the next meeting, or record "
                          "it if it has taken place", body.id)
            else:
                since = (f"has not met since {in_words(held[-1].date)}" if held
                         else "has no held meeting on record")
                yield Hit(last.at, f"{body.label} {since}, and the meeting of "
                          f"{in_words(last_day)} has no record; even had it been held, {due}",
                          "record the meetings that took place, and hold the next one", body.id)


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
    from `year_starts`, e.g. `04-01` or `april` for a financial year) that began on or
    after the body's records start has at least N held meetings of the kinds that count
    toward the cadence.

    ## Why
    "Lead representatives will meet a minimum of two times per year."

    ## Fails
    One held meeting in 2026, checked as of 2027-01-05.
    """
    for body in ctx.ds.bodies.values():
        start = ctx.facts.records_start(body)
        if start is None:
            continue
        held = ctx.facts.held_for_cadence(body.id)
        tor_now = ctx.facts.tor_on(body, ctx.today)
        c_now = tor_now.cadence_on(ctx.today, body.phases) if tor_now else None
        if c_now is None:
            continue
        for a, b in _years(c_now, start, ctx.today):
            if b > ctx.today:
                continue
            tor = ctx.facts.tor_on(body, a)
            c = tor.cadence_on(a, body.phases) if tor else None
            if c is None or not c.per_year_min:
                continue
            n = _count(held, a, b)
            if n < c.per_year_min:
                yield Hit(body.at, f"{body.label} held {n} meeting(s) in the year from {in_words(a)} "
                          f"to {in_words(b - timedelta(days=1))}; the ToR requires at least "
                          f"{c.per_year_min}",
                          "hold the meetings the ToR requires, or review the ToR", body.id)


@rule("CA003", "year-at-risk", kind="governance", category="cadence", severity="warning",
      title="Not enough meetings held or scheduled this year")
def year_at_risk(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `cadence: per_year: {min: N}`, the meetings held so far this counting year plus
    those scheduled before it ends reach N (a date a cancelled meeting was rearranged to
    counts as scheduled).

    ## Why
    Catch the shortfall while there is still time to put meetings in the diary.
    """
    for body in _active_bodies(ctx):
        tor = ctx.facts.tor_on(body, ctx.today)
        c = tor.cadence_on(ctx.today, body.phases) if tor else None
        if c is None or not c.per_year_min:
            continue
        a = year_start(ctx.today, *c.year_starts)
        b = date(a.year + 1, *c.year_starts)
        start = ctx.facts.records_start(body)
        if start is None or start > a:
            continue
        meetings = [m for m in ctx.ds.meetings.get(body.id, ()) if a <= m.date < b
                    and ctx.facts.counts_for_cadence(m)]
        held = sum(1 for m in meetings if m.held)
        planned = sum(1 for m in meetings if m.status == "scheduled" and ctx.today <= m.date)
        planned += sum(1 for day in _rearranged_unrecorded(ctx, body.id) if day < b)
        if held + planned < c.per_year_min:
            yield Hit(body.at, f"{body.label} has held {held} and scheduled {planned} "
                      f"meeting(s) in the year to {in_words(b - timedelta(days=1))}; the ToR requires "
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
    later, or a cancelled meeting rearranged to such a date.

    ## Why
    A group with no date in the diary is how four months without a meeting begins.
    """
    for body in _active_bodies(ctx):
        if body.ends and body.ends < ctx.today:
            continue
        tor = ctx.facts.tor_on(body, ctx.today)
        c = tor.cadence_on(ctx.today, body.phases) if tor else None
        if c is None or not c.next_meeting_scheduled:
            continue
        if not any(m.status == "scheduled" and m.date >= ctx.today
                   and ctx.facts.counts_for_cadence(m)
                   for m in ctx.ds.meetings.get(body.id, ())) \
                and not _rearranged_unrecorded(ctx, body.id):
            yield Hit(body.at, f"{body.label} has no next meeting scheduled",
                      f"add meetings/{body.id}/<date>.md with status: scheduled", body.id)


@rule("CA005", "meeting-not-recorded", kind="governance", category="cadence", severity="error",
      title="A meeting day has passed with no record of the meeting")
def meeting_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every meeting day before today has a record of what happened (`held` or
    `cancelled`). A record still at `status: scheduled` after its day, or a date a
    cancelled meeting was rearranged to (`rearranged_to:`) that has passed with no record
    at all, is reported once, here, naming the day. `CA001` measures gaps from such a day
    as if the meeting had been held, so the same lapse is not reported twice.

    An error once the records show the body has gone longer than its cadence allows since
    the held meeting before that day (the lapse `CA001` would report if the day were not
    in the diary); a warning before that, or where the ToR sets no interval.

    ## Why
    Until it is recorded, the meeting counts for nothing: not for cadence, quorum or
    action follow-up, and partners cannot tell whether the body met.

    ## Fails
    ```yaml
    # meetings/group/2026-11-25.md, checked as of 2026-12-07
    date: 2026-11-25
    status: scheduled
    ```
    Said as: "the meeting of 25 November 2026 has no record: record it as held or
    cancelled".

    ## Passes
    ```yaml
    # meetings/group/2026-11-25.md, checked as of 2026-12-07 (2026-12-09 to come)
    date: 2026-11-25
    status: cancelled
    cancelled_reason: Not enough members could attend.
    rearranged_to: 2026-12-09
    ```
    """
    for body_id, meetings in ctx.ds.meetings.items():
        body = ctx.ds.bodies.get(body_id)
        if body is None or not meetings:
            continue
        for u in _unrecorded(ctx, body_id):
            what = f"the meeting of {in_words(u.day)}"
            if u.origin is not None:
                what += f", rearranged from {in_words(u.origin.date)},"
            if u.record is not None:
                hint = ("change status: scheduled to held (with the chair and attendance), or "
                        "to cancelled (with cancelled_reason, and rearranged_to if it was "
                        "moved)")
            else:
                hint = (f"add meetings/{body_id}/{u.day}.md with status: held (with the chair "
                        f"and attendance) or cancelled: `minutebook new meeting {body_id} "
                        f"--date {u.day}` starts it")
            yield Hit(u.at, f"{what} has no record: record it as held or cancelled", hint,
                      body_id, None if _overdue(ctx, body, u.day) else "warning")


def _overdue(ctx: Context, body: Body, day: date) -> bool:
    """Whether the records show the body beyond its interval around an unrecorded day:
    from the held meeting before it to the next held one (or today)."""
    counting = ctx.facts.held_for_cadence(body.id)
    i = bisect_left([m.date for m in counting], day)
    before = counting[i - 1] if i > 0 else None
    if before is None:
        return False
    after = counting[i] if i < len(counting) and counting[i].date > day else (
        counting[i + 1] if i + 1 < len(counting) else None)
    end = ctx.facts.first_due(after) if after else ctx.today
    tor = ctx.facts.tor_on(body, end)
    c = tor.cadence_on(end, body.phases) if tor else None
    latest = _latest_allowed(c, before.date) if c else None
    return latest is not None and end > latest
