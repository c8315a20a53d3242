"""Duties a ToR sets besides meeting (DU): a report to the parent each year, a plan
revised yearly, a planning meeting before the annual meeting; each with the records
that show it was done.

One pass gathers the evidence (meeting records' ``duties_done``, decisions' ``duty``,
reports in reports/<body>/, body files' ``duties_done``); each duty is then judged
from its own dates, so the rules stay linear in the size of the repository.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from ..dates import EARLIEST, Duration, add_months, in_words
from ..model import Body, Dataset, Duty, DutyDone, TorVersion
from .base import Context, Hit, rule
from .relations import target_label, tor_fully_applies

ONE_YEAR = Duration(1, "year")
FORM_WORDS = {"meeting-item": "a meeting record's duties_done",
              "decision": "a decision's duty:", "report": "a report in reports/",
              "file": "the body file's duties_done (with the file)"}


def _hint(body: Body, duty: Duty) -> str:
    ways = []
    for form in (f for f in FORM_WORDS if f in duty.evidence):
        if form == "meeting-item":
            ways.append(f"add duties_done: [{duty.id}] to the record of the meeting where it "
                        "was done" + (f" (or {{duty: {duty.id}, of: {body.id}}} in the "
                                      "receiving body's record)" if duty.to else ""))
        elif form == "decision":
            ways.append(f"give the decision that did it duty: {duty.id}")
        elif form == "report":
            ways.append(f"write the report (minutebook report {body.id})")
        else:
            ways.append(f"add {{duty: {duty.id}, on: YYYY-MM-DD, file: ...}} under duties_done: "
                        f"in governance/bodies/{body.id}.yaml")
    return "; or ".join(ways)


def _duties_of(ds: Dataset, body: Body) -> dict[str, tuple[Duty, date]]:
    """Every duty any version of a body's ToR declares: the latest declaration, with the
    date the first version declaring it came into force."""
    found: dict[str, tuple[Duty, date]] = {}
    tor = ds.tors.get(body.tor)
    for v in tor.versions if tor else ():
        for d in v.duties:
            first = found[d.id][1] if d.id in found else _came_into_force(ds, body, v)
            found[d.id] = (d, first)
    return found


def _came_into_force(ds: Dataset, body: Body, v: TorVersion) -> date:
    """When a version came into force, for counting its duties. Where the ToR states no
    date at all (in_force_from and approval 'not stated'), the body's records start:
    records_from, else its first meeting (date.max, nothing to count, without either)."""
    if v.in_force_from != EARLIEST:
        return v.in_force_from
    meetings = ds.meetings.get(body.id)
    return body.records_from or (meetings[0].date if meetings else date.max)


def _evidence(ds: Dataset) -> tuple[list[tuple[str, DutyDone]], list[tuple[str, DutyDone]]]:
    """(owner body, evidence) of every record of a duty done, and of every duty planned at
    a scheduled meeting (which only anchors ``before``)."""
    done: list[tuple[str, DutyDone]] = []
    planned: list[tuple[str, DutyDone]] = []
    for body_id, meetings in ds.meetings.items():
        for m in meetings:
            if m.status == "cancelled":
                continue
            out = done if m.held else planned
            for x in m.duties_done:
                out.append((x.of or body_id, x))
            if m.held:
                for dec in m.decisions:
                    if dec.duty:
                        done.append((body_id, DutyDone(dec.duty, m.date, "decision",
                                                       at=dec.at / "duty")))
    for r in ds.reports:
        done.append((r.body, DutyDone("", r.generated, "report", at=r.at)))
    for b in ds.bodies.values():
        done.extend((b.id, x) for x in b.duties_done)
    return done, planned


@rule("DU001", "duty-missed", kind="governance", category="duties", severity="error",
      title="A duty of the ToR was not done when due")
def duty_missed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each duty under the ToR's `duties:` (in the version in force today) was done when
    due, by the records its `evidence` names: a meeting record's `duties_done`
    (`meeting-item`; also `{duty, of}` in a record of the body it goes to), a decision's
    `duty` (`decision`), a report in `reports/<body>/` (`report`), or an entry under
    `duties_done` in the body's file with its file (`file`). The schedule is one of:

    - `every: 12 months`: the last record is no older than the period;
    - `by: {month: 10}`: a record in the year up to the end of October (or `day`);
    - `in_month: 10`: a record in October (e.g. at the October meeting);
    - `before: {duty: annual-meeting, offset: 4 weeks}`: a record at least that long
      before each time the other duty is done or planned (a scheduled meeting listing
      it), working days by the body's calendar.

    Duties are counted from `from:` (default: when the first version declaring them came
    into force). A duty done, but late, is a warning until the next one falls due.

    ## Why
    A ToR's duties (the yearly report to the Board, the plan revised each year) are
    what the partnership promised; a missed one is a lapse partners should see.

    ## Fails
    ```yaml
    duties:
      - id: annual-report
        what: The annual report goes to the October Board
        in_month: 10
        evidence: meeting-item
        to: board
    # and no meeting in October records duties_done: [annual-report]
    ```
    """
    ds = ctx.ds
    if not any(v.duties for t in ds.tors.values() for v in t.versions):
        return  # no ToR declares a duty: nothing can be missed (DU002 still reads records)
    done, planned = _evidence(ds)
    dates: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
    reports: dict[str, list[date]] = defaultdict(list)
    for owner, x in done:
        if x.form == "report":
            reports[owner].append(x.on)
        else:
            dates[(owner, x.duty)].append((x.on, x.form))
    anchors: dict[tuple[str, str], list[date]] = defaultdict(list)
    for owner, x in planned:
        anchors[(owner, x.duty)].append(x.on)
    for b in ds.bodies.values():
        end = min(ctx.today, b.closed) if b.closed else ctx.today
        tor = ctx.facts.tor_on(b, end)
        if tor is None or not tor.duties or not tor_fully_applies(ds, b):
            continue
        known = _duties_of(ds, b)
        when = _Done(b.id, end, dates, reports)
        for duty in tor.duties:
            start = duty.start or known[duty.id][1]
            if b.established and b.established > start:
                start = b.established
            if start > end:
                continue
            yield from _judge(ctx, b, tor, duty, start, end, when, anchors)


class _Done:
    """The dates a body's duty was done (up to a day), by the forms its evidence accepts."""

    def __init__(self, body: str, end: date, dates: dict[tuple[str, str], list[tuple[date, str]]],
                 reports: dict[str, list[date]]) -> None:
        self.body, self.end, self.dates, self.reports = body, end, dates, reports

    def __call__(self, duty: Duty) -> list[date]:
        got = [d for d, form in self.dates.get((self.body, duty.id), ()) if form in duty.evidence]
        if "report" in duty.evidence:
            got += self.reports.get(self.body, [])
        return sorted(d for d in got if d <= self.end)


def _in_month(b: Body, duty: Duty, month: int, start: date, end: date, got: list[date],
              what: str, hint: str) -> Iterator[Hit]:
    """Each year in a month: the latest such month that has begun, or, while it is still
    running and nothing is recorded in it yet, the one before."""
    year = end.year if date(end.year, month, 1) <= end else end.year - 1

    def span(y: int) -> tuple[date, date]:
        return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])

    first, last = span(year)
    if any(first <= d <= last for d in got):
        return
    if last >= end:  # this year's month is still running: judge the last one
        year -= 1
        first, last = span(year)
        if any(first <= d <= last for d in got):
            return
    if last < start:
        return
    period = f"in {calendar.month_name[month]} {year}"
    yield _late_or_missing(b, duty, what, [d for d in got if last < d <= end], period, hint)


def _late_or_missing(b: Body, duty: Duty, what: str, late: list[date], period: str,
                     hint: str) -> Hit:
    """A duty due ``period``: done late (a warning), or not done at all."""
    if late:
        return Hit(duty.at, f"{b.label} did {what} on {in_words(late[0])}, after it was due "
                   f"{period}", "do it on time next year", b.id, severity="warning")
    return Hit(duty.at, f"{b.label} has no record of {what} {period}, when it was due",
               hint, b.id)


def _judge(ctx: Context, b: Body, tor: TorVersion, duty: Duty, start: date, end: date,
           when: _Done, anchors: dict[tuple[str, str], list[date]]) -> Iterator[Hit]:
    got = when(duty)
    what = f"'{duty.what}'" + (f" (to {target_label(ctx.ds, duty.to)})" if duty.to else "")
    hint = _hint(b, duty)
    if duty.every is not None:
        last = max([d for d in got if d >= start] or [start])
        due = duty.every.after(last)
        if due < end:
            said = (f"last did {what} on {in_words(last)}; it was due again"
                    if last != start or start in got
                    else f"has no record of {what} since {in_words(start)}; it was due")
            yield Hit(duty.at, f"{b.label} {said} by {in_words(due)} (every {duty.every})",
                      hint, b.id)
        return
    if duty.in_month is not None:
        yield from _in_month(b, duty, duty.in_month, start, end, got, what, hint)
        return
    if duty.by is not None:
        month = duty.by[0]
        day = duty.by[1] or None

        def deadline(year: int) -> date:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, min(day, last) if day else last)

        due = deadline(end.year)
        if due >= end:
            due = deadline(end.year - 1)
        if due < start:
            return
        opens = ONE_YEAR.before(due)
        if any(opens < d <= due for d in got):
            return
        yield _late_or_missing(b, duty, what, [d for d in got if due < d <= end],
                               f"in the year to {in_words(due)}", hint)
        return
    if duty.before is None or duty.before_duty is None:
        return
    anchor = next((d for d in tor.duties if d.id == duty.before_duty), None)
    if anchor is None:
        return  # DU002 reports it
    times = sorted({*when(anchor), *anchors.get((b.id, anchor.id), ())})
    # the body's own nation's bank holidays, where the dataset knows them
    cal = ctx.ds.calendar_of(b) if hasattr(ctx.ds, "calendar_of") else ctx.ds.calendar
    judged = [(a, cal.deadline(a, duty.before)) for a in times if a >= start]
    judged = [(a, dl) for a, dl in judged if dl < end]
    if not judged:
        return
    a, dl = judged[-1]
    earlier = [t for t in times if t < a]
    opens = earlier[-1] if earlier else add_months(dl, -12)
    if any(opens < d <= dl for d in got):
        return
    offset = str(duty.before).removesuffix(" before the meeting")
    late = [d for d in got if dl < d <= a]
    anchor_words = f"'{anchor.what}' on {in_words(a)}"
    if late:
        yield Hit(duty.at, f"{b.label} did {what} on {in_words(late[0])}, less than {offset} "
                  f"before {anchor_words}", "plan it earlier next time", b.id,
                  severity="warning")
    else:
        yield Hit(duty.at, f"{b.label} has no record of {what} by {in_words(dl)}, {offset} "
                  f"before {anchor_words}", hint, b.id)


@rule("DU002", "duty-record-unknown", kind="record", category="duties", severity="error",
      title="A record of a duty that the ToR does not declare, or in the wrong form")
def duty_record_unknown(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every record of a duty done names a duty of the ToR of the body whose duty it is (a
    meeting record's `duties_done`, `{duty, of}` for another body's, a decision's `duty`,
    a body file's `duties_done`), in a form the duty's `evidence` accepts. Within a ToR
    version, duty ids are unique and `before: duty` names another of its duties.

    ## Why
    A mistyped duty id, or a record the ToR does not accept as evidence, would leave the
    duty looking missed (or done) when it was not.

    ## Fails
    ```yaml
    # meetings/group/2026-10-14.md
    duties_done: [anual-report]      # the ToR's duty is annual-report
    ```
    """
    ds = ctx.ds
    done, planned = _evidence(ds)
    known: dict[str, dict[str, tuple[Duty, date]]] = {}
    for owner, x in (*done, *planned):
        if x.form == "report":
            continue
        b = ds.bodies.get(owner)
        if b is None:  # a record's own unknown body is RF001's
            if x.of and not ds.known("body", owner):
                yield Hit(x.at / "of", f"no body has the id '{owner}'", "name the body whose "
                          "duty was done, with of: <body-id>")
            continue
        if owner not in known:
            known[owner] = _duties_of(ds, b)
        entry = known[owner].get(x.duty)
        where = x.at.file.split("/")[-2] if x.at.file.startswith("meetings/") else owner
        if entry is None:
            names = ", ".join(sorted(known[owner])) or "none"
            yield Hit(x.at, f"'{x.duty}' is not a duty of the ToR of {b.label} (its duties: "
                      f"{names})", f"use the id of a duty under duties: in "
                      f"governance/tor/{b.tor}/", where)
        elif x.form not in entry[0].evidence:
            accepted = " or ".join(FORM_WORDS[f] for f in FORM_WORDS if f in entry[0].evidence)
            yield Hit(x.at, f"the ToR of {b.label} says duty '{x.duty}' is shown by {accepted}, "
                      f"not by {FORM_WORDS[x.form]}", "record it the way the ToR says, or add "
                      "this form to the duty's evidence", where)
    for tor in ds.tors.values():
        user = next((b.id for b in ds.bodies.values() if b.tor == tor.id), None)
        for v in tor.versions:
            ids: set[str] = set()
            for d in v.duties:
                if d.id in ids:
                    yield Hit(d.at / "id", f"the duty id '{d.id}' is used twice in version "
                              f"{v.version}", "give each duty its own id", user)
                ids.add(d.id)
            for d in v.duties:
                if d.before_duty and (d.before_duty not in ids or d.before_duty == d.id):
                    yield Hit(d.at / "before" / "duty", f"duty {d.id} is due before "
                              f"'{d.before_duty}', which is not another duty of this version",
                              "name the id of the duty it comes before (e.g. the annual "
                              "meeting)", user)
