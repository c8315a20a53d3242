"""The decisions and escalations register across bodies, and the forward plan: what is
coming to each body (issue 18.4). Pure functions of the model, for ``pages``."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from ..analysis import Analysis
from ..dates import in_words, month_in_words
from ..model import Dataset, Decision, Duty, Meeting
from ..rules.duties import _evidence
from ..rules.relations import target_label
from .html import Markup, link
from .links import body_page, href, meeting_page
from .publication import meeting_restricted

PAGE = "decisions.md"
HORIZON = timedelta(days=183)  # the forward plan looks six months ahead


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the register."""

    day: date
    body: str
    kind: str  # Decision | Escalation
    what: str
    to: Markup | str
    outcome: Markup | str
    meeting: str | None  # the page of the meeting it came from


def _to(ds: Dataset, ident: str, page: str = PAGE) -> Markup | str:
    label = target_label(ds, ident)
    return link(href(page, body_page(ident)), label) if ident in ds.bodies else label


def _meeting_link(ds: Dataset, body: str, day: date, text: str, page: str = PAGE) -> Markup | str:
    return link(href(page, meeting_page(body, day)), text) if ds.meeting(body, day) else text


def _decision_outcome(ds: Dataset, body: str, m: Meeting, d: Decision) -> Markup | str:
    if not d.reached:
        later = next((x for x in ds.meetings.get(body, ()) for y in x.decisions
                      if y.retables == (m.date, d.id)), None)
        if later is not None:
            return Markup("Not reached; tabled again at the meeting of {}").format(
                _meeting_link(ds, body, later.date, in_words(later.date)))
        return "Not reached"
    if d.votes_for is not None:
        words = f"Agreed by vote: {d.votes_for} for, {d.votes_against or 0} against"
        return words + (f", {d.abstentions} abstained" if d.abstentions else "")
    return "Agreed"


def register(ds: Dataset, edition: str) -> list[Entry]:
    """Every decision of a held meeting and every escalation the edition may show,
    newest first."""
    out: list[Entry] = []
    for body, meetings in ds.meetings.items():
        for m in meetings:
            if not m.held or not m.decisions or meeting_restricted(ds, body, m.date, edition):
                continue
            for d in m.decisions:
                out.append(Entry(m.date, body, "Decision", d.text, "—",
                                 _decision_outcome(ds, body, m, d),
                                 meeting_page(body, m.date)))
    for e in ds.escalations:
        if meeting_restricted(ds, e.source, e.raised, edition):
            continue
        if e.response and e.response_meeting:
            if meeting_restricted(ds, e.target, e.response_meeting, edition):
                outcome: Markup | str = f"Considered on {in_words(e.response_meeting)}"
            else:
                outcome = Markup("Considered at the meeting of {}: {}").format(
                    _meeting_link(ds, e.target, e.response_meeting,
                                  in_words(e.response_meeting)), e.response)
        else:
            outcome = {"open": "Awaiting consideration", "responded": "Responded",
                       "closed": "Closed"}.get(e.status, e.status.capitalize())
        out.append(Entry(e.raised, e.source, "Escalation", e.issue, _to(ds, e.target), outcome,
                         meeting_page(e.source, e.raised) if ds.meeting(e.source, e.raised)
                         else None))
    out.sort(key=lambda x: (x.day, x.kind == "Escalation", x.body), reverse=True)
    return out


def _next_meeting(ds: Dataset, body: str, today: date,
                  month: tuple[int, int] | None = None) -> Meeting | None:
    """The body's next scheduled meeting from today (in a month, if given)."""
    return next((m for m in ds.meetings.get(body, ()) if m.status == "scheduled"
                 and m.date >= today and (month is None or (m.date.year, m.date.month) == month)),
                None)


def _duty_due(duty: Duty, got: list[date], start: date, today: date) -> date | None:
    """When a duty next falls due (None: not on a schedule the plan can place)."""
    if duty.every is not None:
        return duty.every.after(max([d for d in got if d >= start] or [start]))
    if duty.in_month is not None:
        year = today.year
        for y in (year, year + 1):
            first = date(y, duty.in_month, 1)
            last = date(y, duty.in_month, calendar.monthrange(y, duty.in_month)[1])
            if last >= today and not any(first <= d <= last for d in got):
                return first
        return None
    if duty.by is not None:
        month, day = duty.by
        for y in (today.year, today.year + 1):
            due = date(y, month, min(day or 31, calendar.monthrange(y, month)[1]))
            if due >= today and not any(due - timedelta(days=365) < d <= due for d in got):
                return due
    return None


def forward_plan(ds: Dataset, facts: Analysis, today: date,
                 edition: str) -> list[tuple[str, list[tuple[Markup | str, Markup]]]]:
    """(body id, [(when, what)]) of what is coming to each body, soonest first: the agendas
    of its scheduled meetings, escalations addressed to it not yet considered, and the
    duties of the ToR falling due in the next six months."""
    coming: dict[str, list[tuple[date, Markup | str, Markup]]] = defaultdict(list)
    far = date.max
    for body, meetings in ds.meetings.items():
        for m in meetings:
            if m.status != "scheduled" or m.date < today or not m.agenda \
                    or meeting_restricted(ds, body, m.date, edition):
                continue
            items = Markup("; ").join(Markup("{}. {}").format(i, x)
                                      for i, x in enumerate(m.agenda, 1))
            coming[body].append((m.date, Markup("At the meeting of {}").format(
                _meeting_link(ds, body, m.date, in_words(m.date))),
                Markup("Agenda: {}").format(items)))
    for e in ds.escalations:
        if e.response or e.status != "open" or meeting_restricted(ds, e.source, e.raised,
                                                                    edition):
            continue
        nxt = _next_meeting(ds, e.target, today)
        when: Markup | str = Markup("At the meeting of {}").format(
            _meeting_link(ds, e.target, nxt.date, in_words(nxt.date))) if nxt \
            else "At its next meeting (not yet scheduled)"
        coming[e.target].append((nxt.date if nxt else far, when, Markup(
            "Escalation from {} ({}): {}").format(_to(ds, e.source), in_words(e.raised),
                                                  e.issue)))
    done, _planned = _evidence(ds)
    got: dict[tuple[str, str], list[date]] = defaultdict(list)
    reports: dict[str, list[date]] = defaultdict(list)
    for owner, x in done:
        (reports[owner] if x.form == "report" else got[(owner, x.duty)]).append(x.on)
    for b in ds.bodies.values():
        if b.closed and b.closed < today:
            continue
        tor = facts.tor_on(b, today)
        if tor is None:
            continue
        for duty in tor.duties:
            dates = sorted([*got.get((b.id, duty.id), ()),
                            *(reports.get(b.id, ()) if "report" in duty.evidence else ())])
            due = _duty_due(duty, dates, duty.start or tor.in_force_from, today)
            if due is None or due > today + HORIZON:
                continue
            to = duty.to if duty.to in ds.bodies else b.id
            what = Markup("{}{}").format(duty.what, Markup(" (from {})").format(
                _to(ds, b.id)) if to != b.id else "")
            nxt = _next_meeting(ds, to, today, (due.year, due.month)) \
                if duty.in_month is not None else None
            if nxt is not None:
                when = Markup("At the meeting of {}").format(
                    _meeting_link(ds, to, nxt.date, in_words(nxt.date)))
            elif duty.in_month is not None:
                when = f"In {month_in_words(due.year, due.month)}"
            elif due < today:
                when = f"Overdue: was due by {in_words(due)}"
            else:
                when = f"Due by {in_words(due)}"
            coming[to].append((due, when, what))
    out = []
    for body in sorted(coming, key=lambda x: target_label(ds, x)):
        rows = sorted(coming[body], key=lambda r: r[0])
        out.append((body, [(when, what) for _d, when, what in rows]))
    return out


