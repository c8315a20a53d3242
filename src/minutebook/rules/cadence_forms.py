"""Cadence (CA) as ToRs write it besides an interval or a number a year: meetings in a
window of months or in each quarter, a weekly slot, and a provisional pattern."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, timedelta

from ..build_kinds import MONTHS, WEEKDAYS
from ..dates import Duration, in_words
from ..model import Body, Cadence, Meeting, TorVersion, Window
from .base import Context, Hit, rule

SIX_MONTHS = Duration(6, "month")


def _entries(ctx: Context, body: Body) -> Iterator[tuple[TorVersion, Cadence]]:
    """Every cadence entry of every version of a body's ToR."""
    tor = ctx.ds.tors.get(body.tor)
    for version in tor.versions if tor else ():
        for c in version.cadences:
            yield version, c


def _in_force(ctx: Context, body: Body, version: TorVersion, c: Cadence, day: date) -> bool:
    """Whether this entry of this version is the cadence in force for a body on a day."""
    return ctx.facts.tor_on(body, day) is version and version.cadence_on(day, body.phases) is c


def _month_words(months: tuple[int, ...]) -> str:
    names = [MONTHS[m - 1].capitalize() for m in months]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _occurrences(w: Window, start: date, today: date) -> Iterator[tuple[date, date]]:
    """(first day, day after the last) of each occurrence of a window that begins on or
    after ``start`` and no later than ``today``."""
    first = w.months[0]
    year = start.year - 1
    while (a := date(year, first, 1)) <= today:
        end = first - 1 + len(w.months)
        b = date(year + end // 12, end % 12 + 1, 1)
        if a >= start:
            yield a, b
        year += 1


def _counted(ctx: Context, w: Window, m: Meeting) -> bool:
    return m.kind == w.kind if w.kind else ctx.facts.counts_for_cadence(m)


@rule("CA006", "window-missed", kind="governance", category="cadence", severity="error",
      title="No meeting in a window of months or a quarter the ToR sets")
def window_missed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `cadence: windows: [{months: [10, 11], meetings: 1}]` ("one meeting in October
    or November"), each year's window that began on or after the body's records start has
    at least that many held meetings; with `per_quarter: {min: 1}` ("quarterly", one in
    each quarter), each quarter of the year does (calendar quarters, or from
    `year_starts`). Meetings of kinds that do not count for cadence are left out; a
    window with `kind: annual` counts only annual meetings. An error once the window has
    closed; a warning while it is open and the meetings held and scheduled in it fall
    short. The cadence in force on the window's first day applies.

    ## Why
    "The Board will meet once a quarter": four meetings in one autumn are not that, and
    an interval in months cannot tell.

    ## Fails
    ```yaml
    # cadence: {per_quarter: {min: 1}}
    # held 2026-01-14, 2026-02-25, 2026-03-11, 2026-07-08: none from April to June
    ```

    ## Passes
    One held meeting in each quarter, on any day of it.
    """
    for body in ctx.ds.bodies.values():
        start = ctx.facts.records_start(body)
        if start is None:
            continue
        meetings = ctx.ds.meetings.get(body.id, ())
        days = [m.date for m in meetings]
        for version, c in _entries(ctx, body):
            for w in c.windows:
                for a, b in _occurrences(w, start, ctx.today):
                    if not _in_force(ctx, body, version, c, a):
                        continue
                    inside = [m for m in meetings[bisect_left(days, a):bisect_left(days, b)]
                              if _counted(ctx, w, m)]
                    held = sum(1 for m in inside if m.held)
                    yield from _judge(ctx, body, w, a, b, held, inside)


def _judge(ctx: Context, body: Body, w: Window, a: date, b: date, held: int,
           inside: list[Meeting]) -> Iterator[Hit]:
    last = b - timedelta(days=1)
    what = f"{w.kind} meeting(s)" if w.kind else "meeting(s)"
    span = (f"in the quarter from {in_words(a)} to {in_words(last)}" if w.quarter
            else f"between {in_words(a)} and {in_words(last)}")
    need = (f"at least {w.meetings} a quarter" if w.quarter
            else f"at least {w.meetings} in {_month_words(w.months)}")
    if b <= ctx.today and held < w.meetings:
        yield Hit(w.at, f"{body.label} held {held} {what} {span}; the ToR requires {need}",
                  "hold the meetings the ToR requires in each window, or review the ToR",
                  body.id)
    elif a <= ctx.today < b:
        planned = sum(1 for m in inside if m.status == "scheduled" and m.date >= ctx.today)
        planned += sum(1 for day in ctx.facts.rearranged_from(body.id)
                       if ctx.today <= day < b and ctx.ds.meeting(body.id, day) is None)
        if held + planned < w.meetings:
            yield Hit(w.at, f"{body.label} has held {held} and scheduled {planned} {what} "
                      f"{span}; the ToR requires {need}",
                      "put the meeting in the diary (a record with status: scheduled)",
                      body.id, "warning")


def _mondays(first: date, last: date) -> Iterator[date]:
    day = first + timedelta(days=(7 - first.weekday()) % 7)
    while day <= last:
        yield day
        day += timedelta(days=7)


def _run_words(counts: list[int]) -> str:
    words = [str(n) for n in counts]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@rule("CA007", "weekly-slot", kind="governance", category="cadence", severity="warning",
      title="Fewer meetings in a week than the ToR's weekly slot")
def weekly_slot(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `cadence: per_week: N` ("twice weekly") or `weekdays: [tuesday]` ("every
    Tuesday"; N is then the number of days named), every complete week (Monday to
    Sunday) under that cadence, from the body's records start, has at least N held
    meetings of the kinds that count; consecutive short weeks are reported together. With
    `weekdays`, a meeting held on another day (from the records start) is reported too.

    ## Why
    A weekly slot set while a group is urgent ("twice weekly initially") lapses quietly;
    a week missed is the first sign.

    ## Fails
    ```yaml
    # cadence: {weekdays: [tuesday]}
    # held Tuesday 3 March 2026, nothing the week after, Tuesday 17 March 2026
    ```

    ## Passes
    A held meeting every Tuesday.
    """
    for body in ctx.ds.bodies.values():
        start = ctx.facts.records_start(body)
        if start is None:
            continue
        held = ctx.facts.held_for_cadence(body.id)
        days = [m.date for m in held]
        for version, c in _entries(ctx, body):
            if not c.per_week:
                continue
            first = max(start, version.in_force_from, c.start or start)
            last = min(ctx.today - timedelta(days=7), c.until or ctx.today)
            run: list[tuple[date, int]] = []
            for monday in _mondays(first, last):
                sunday = monday + timedelta(days=6)
                if not (_in_force(ctx, body, version, c, monday)
                        and _in_force(ctx, body, version, c, sunday)):
                    continue
                n = bisect_left(days, monday + timedelta(days=7)) - bisect_left(days, monday)
                if n < c.per_week and (not run or run[-1][0] == monday - timedelta(days=7)):
                    run.append((monday, n))
                    continue
                yield from _short(body, c, run)
                run = [(monday, n)] if n < c.per_week else []
            yield from _short(body, c, run)
            if c.weekdays:
                yield from _off_day(ctx, body, version, c, held[bisect_left(days, first):])


def _short(body: Body, c: Cadence, run: list[tuple[date, int]]) -> Iterator[Hit]:
    if not run:
        return
    a, z = run[0][0], run[-1][0] + timedelta(days=6)
    weeks = ("in the week" if len(run) == 1 else f"in each of the {len(run)} weeks")
    yield Hit(c.at, f"{body.label} held {_run_words([n for _, n in run])} meeting(s) {weeks} "
              f"from {in_words(a)} to {in_words(z)}; the ToR requires {c.per_week} a week",
              "hold the weekly meetings the ToR sets, record those held, or change the "
              "ToR's cadence", body.id)


def _off_day(ctx: Context, body: Body, version: TorVersion, c: Cadence,
             held: list[Meeting]) -> Iterator[Hit]:
    fixed = _day_words(c.weekdays)
    for m in held:
        if m.date.weekday() not in c.weekdays and _in_force(ctx, body, version, c, m.date):
            yield Hit(m.at / "date", f"the meeting of {in_words(m.date)} was held on a "
                      f"{WEEKDAYS[m.date.weekday()].capitalize()}; the ToR fixes meetings "
                      f"to {fixed}", "hold meetings on the ToR's days, or note in the "
                      "minutes why this one moved", body.id)


def _day_words(days: tuple[int, ...]) -> str:
    names = [WEEKDAYS[d].capitalize() + "s" for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe(c: Cadence) -> str:
    """A cadence entry in words: 'every 6 weeks', '2 a week', 'at least 1 a quarter'."""
    bits = []
    if c.every:
        bits.append(f"every {c.every}" + (f" (give or take {c.tolerance})" if c.tolerance
                                          else ""))
    if c.per_week:
        bits.append(f"{c.per_week} a week" + (f", on {_day_words(c.weekdays)}"
                                               if c.weekdays else ""))
    if c.per_year_min:
        start = "" if c.year_starts == (1, 1) else \
            f" (years from {in_words(date(2001, *c.year_starts)).removesuffix(' 2001')})"
        bits.append(f"at least {c.per_year_min} a year{start}")
    quarters = [w for w in c.windows if w.quarter]
    if quarters:
        bits.append(f"at least {quarters[0].meetings} a quarter")
    for w in c.windows:
        if not w.quarter:
            what = f"{w.kind} meeting" if w.kind else "meeting"
            bits.append(f"{w.meetings} {what}{'s' if w.meetings > 1 else ''} in "
                        f"{_month_words(w.months)}")
    if c.on_demand:
        bits.append("and when needed")
    return ", ".join(bits)


@rule("CA008", "provisional-cadence", kind="governance", category="cadence",
      severity="info", title="A provisional cadence still in force")
def provisional_cadence(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A cadence marked `provisional: true` ("twice weekly initially") that is still in
    force today, and came into force more than `review_within` ago (default 6 months):
    from its `from:` date, the start of its phase (`during:`), or the ToR version's.
    A note (info): minutebook still checks meetings against it, but the partnership meant
    to settle it.

    ## Why
    "Initially" has no end date of its own; a pattern set for the first weeks can still
    be the rule two years on without anyone deciding it.

    ## Fails
    ```yaml
    # cadence: {per_week: 2, provisional: true, review_within: 3 months}
    # in force since 5 January 2026, checked as of 1 May 2026
    ```
    """
    for body in ctx.ds.bodies.values():
        if body.closed is not None and body.closed < ctx.today:
            continue
        version = ctx.facts.tor_on(body, ctx.today)
        c = version.cadence_on(ctx.today, body.phases) if version else None
        if version is None or c is None or not c.provisional:
            continue
        since = _since(ctx, body, version, c)
        limit = c.review_within or SIX_MONTHS
        if since is not None and limit.after(since) < ctx.today:
            yield Hit(c.at / "provisional", f"{body.label} still meets to the provisional "
                      f"cadence of {describe(c)} set from {in_words(since)}, more than "
                      f"{limit} ago", "agree a settled pattern: a new ToR version, or "
                      "until: on this cadence and the entry that follows it", body.id)


def _since(ctx: Context, body: Body, version: TorVersion, c: Cadence) -> date | None:
    if c.during:
        starts = [p.start for p in body.phases if p.id == c.during and p.covers(ctx.today)]
        return starts[0] if starts else None
    if c.start:
        return c.start
    if version.in_force_stated or version.in_force_basis == "approval":
        return version.in_force_from
    return ctx.facts.records_start(body)
