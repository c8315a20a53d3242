"""The regular report of a body to the bodies it is accountable to, computed from the data.

``build_report`` gathers the figures for a period (pure); ``render_report`` turns them
into Markdown, keeping the group's own narrative (between the NARRATIVE markers) from
any earlier version of the same report.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .analysis import ATTENDED, Analysis
from .api import Result
from .mdtext import tidy
from .model import RAG_WORDS, Action, Body, Dataset, Escalation, Measure, Meeting, Value
from .site.links import report_page
from .site.templating import environment

NARRATIVE_START = "<!-- BEGIN NARRATIVE: written by the group; kept when the report is regenerated -->"
NARRATIVE_END = "<!-- END NARRATIVE -->"
DEFAULT_NARRATIVE = ("_The group's analysis of themes and trends, and its view of the "
                     "period, goes here._")
STRANDS = ("prepare", "protect", "pursue", "prevent")


@dataclass(slots=True)
class MeasureLine:
    measure: Measure
    latest: Value | None
    previous: Value | None
    rag: str
    direction: str


@dataclass(slots=True)
class Report:
    body: Body
    start: date
    end: date
    as_of: date
    parents: list[Body]
    held: list[Meeting]
    cancelled: list[Meeting]
    expected: int
    quorate: int
    attendance: list[tuple[str, int, int]]  # organisation, attended, meetings
    chairs: list[tuple[str, str, date, date | None]]  # role, seat, from, until
    tor_version: str
    tor_status: str
    tor_next_review: date | None
    opened: list[Action]
    closed: list[Action]
    overdue: list[Action]
    measures: list[MeasureLine]
    strands: dict[str, dict[str, int]]
    missing_from_home: list[MeasureLine]
    escalations_out: list[Escalation]
    escalations_in: list[Escalation]
    findings: dict[str, int] = field(default_factory=dict)
    inquorate: set[date] = field(default_factory=set)  # held meetings that were not quorate
    body_names: dict[str, str] = field(default_factory=dict)  # by id, for escalations


def _expected(facts: Analysis, body: Body, start: date, end: date) -> int:
    tor = facts.tor_on(body, end) or facts.tor_on(body, start)
    cadence = tor.cadence_on(end) if tor else None
    if cadence is None:
        return 0
    days = (end - start).days + 1
    want = 0
    if cadence.every:
        want = days // cadence.every.approx_days
    if cadence.per_year_min:
        want = max(want, math.ceil(cadence.per_year_min * days / 365))
    return want


def _line(ds: Dataset, m: Measure, end: date) -> MeasureLine:
    values = sorted((v for v in ds.values if v.measure == m.id and v.period.end <= end),
                    key=lambda v: v.period.start)
    latest = values[-1] if values else None
    previous = values[-2] if len(values) > 1 else None
    direction = (m.direction(latest.value, previous.value if previous else None)
                 if latest else "Not enough data")
    return MeasureLine(m, latest, previous, m.rag(latest.value) if latest else "grey", direction)


def build_report(result: Result, body_id: str, start: date, end: date) -> Report:
    """Every figure of the report for a body and a period (inclusive dates)."""
    ds, facts = result.dataset, result.facts
    if ds is None or facts is None:
        raise ValueError("the check result has no dataset")
    body = ds.bodies[body_id]
    meetings = [m for m in ds.meetings.get(body_id, []) if start <= m.date <= end]
    held = [m for m in meetings if m.held]
    inquorate = {m.date for m in held if facts.inquorate(m)}
    by_org: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in held:
        orgs: dict[str, bool] = {}
        for seat in body.seats_on(m.date):
            att = m.attendance.get(seat.id)
            if att is None:
                continue
            key = seat.organisation or seat.category
            orgs[key] = orgs.get(key, False) or att.status in ATTENDED
        for org, went in orgs.items():
            by_org[org][0] += went
            by_org[org][1] += 1
    attendance = sorted(((facts._org_label(o), a, t) for o, (a, t) in by_org.items()),
                        key=lambda x: x[0])
    chairs = [(t.role, facts.seat_label(body, t.seat), t.start, t.end)
              for t in sorted(body.chair_terms, key=lambda t: t.start)
              if t.start <= end and (t.end is None or t.end >= start)]
    tor = facts.tor_on(body, end)
    # a report is published: actions and updates of restricted meetings stay out of it
    from .site.publication import publishable_actions

    actions = [a for a in publishable_actions(ds, "public") if a.body == body_id]
    measures = [_line(ds, m, end) for m in ds.measures.values() if body_id in m.scrutinised_by]
    strands: dict[str, dict[str, int]] = {s: defaultdict(int) for s in STRANDS}
    for line in measures:
        if line.measure.strand:
            strands[line.measure.strand][line.rag] += 1
    findings: dict[str, int] = defaultdict(int)
    for f in result.findings:
        if f.body == body_id:
            findings[f.severity] += 1
    return Report(
        body=body, start=start, end=end, as_of=result.today,
        parents=[ds.bodies[p] for p in body.parents_on(end) if p in ds.bodies],
        held=held, cancelled=[m for m in meetings if m.status == "cancelled"],
        expected=_expected(facts, body, start, end), quorate=len(held) - len(inquorate),
        inquorate=inquorate, attendance=attendance,
        chairs=chairs, tor_version=tor.version if tor else "none",
        tor_status=tor.status if tor else "none",
        tor_next_review=tor.next_review if tor else None,
        opened=[a for a in actions if start <= a.raised <= end],
        closed=[a for a in actions if a.closed and start <= a.closed <= end],
        overdue=[a for a in actions if a.is_open and a.current_due < min(end, result.today)],
        measures=measures, strands={k: dict(v) for k, v in strands.items()},
        missing_from_home=[x for x in measures if "missing-from-home" in x.measure.tags],
        escalations_out=[e for e in ds.escalations if e.source == body_id
                         and start <= e.raised <= end],
        escalations_in=[e for e in ds.escalations if e.target == body_id
                        and start <= e.raised <= end],
        findings=dict(findings), body_names={b.id: b.name for b in ds.bodies.values()})


def existing_narrative(text: str) -> str | None:
    """The narrative section of an earlier version of the report, if any."""
    match = re.search(re.escape(NARRATIVE_START) + r"\n(.*?)\n?" + re.escape(NARRATIVE_END),
                      text, re.DOTALL)
    return match.group(1).strip("\n") if match else None


def existing_classification(text: str) -> str:
    """The classification an editor gave an earlier version of the report (kept)."""
    match = re.search(r"^classification:\s*(OFFICIAL-SENSITIVE|OFFICIAL)\s*$", text, re.MULTILINE)
    return match.group(1) if match else "OFFICIAL"


def render_report(report: Report, narrative: str | None = None,
                  classification: str = "OFFICIAL") -> str:
    text = environment(autoescape=False).get_template("report.md.j2").render(
        r=report, narrative=narrative or DEFAULT_NARRATIVE, start_marker=NARRATIVE_START,
        rag_words=RAG_WORDS,
        classification=classification,
        end_marker=NARRATIVE_END, strands=STRANDS)
    return tidy(text)


def report_path(body_id: str, start: date, end: date) -> str:
    """Where a report is written in the repository (and published on the site)."""
    return report_page(body_id, start, end)
