"""Scorecard (SM) and escalations (ES): data before meetings, and issues escalated upward."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from datetime import date

from ..dates import Period
from ..model import Measure, Meeting
from .base import Context, Hit, rule


def _due_period(m: Measure, meeting: Meeting) -> Period:
    """The latest period whose value should be in the papers for a meeting."""
    return Period.latest_ended(m.frequency, m.available_after.before(meeting.date))


def _first_period(ctx: Context, m: Measure) -> Period | None:
    periods = [v.period for v in ctx.ds.values if v.measure == m.id]
    return min(periods, key=lambda p: p.start) if periods else None


@rule("SM001", "measure-value-missing", kind="governance", category="scorecard", severity="warning",
      title="No value for the latest period before a meeting")
def measure_value_missing(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every measure, at each held meeting of each body that scrutinises it, a value was
    supplied for the latest period that had ended (allowing `available_after`) before
    the meeting. Periods before the measure's first supplied value are not checked.

    ## Why
    "The data for the meeting should be provided in advance ... and should cover all of
    the measures as outlined in the Strategy."

    ## Fails
    A quarterly measure with values for 2026-Q1 and Q2, and a meeting on 2026-11-04 (the
    2026-Q3 value is due).
    """
    for m in ctx.ds.measures.values():
        first = _first_period(ctx, m)
        if first is None:
            continue
        for body_id in m.scrutinised_by:
            for meeting in ctx.facts.held(body_id):
                period = _due_period(m, meeting)
                if period.start < first.start:
                    continue
                if not ctx.facts.values(m.id, period.label):
                    owner = ctx.facts._org_label(m.owner) if m.owner else "its owner"
                    yield Hit(meeting.at / "date", f"no value of '{m.title}' for {period.label} "
                              f"was supplied for the meeting on {meeting.date}",
                              f"ask {owner} to add the row to scorecard/values/", body_id)


@rule("SM002", "late-submission", kind="governance", category="scorecard", severity="warning",
      title="A value arrived after the papers deadline")
def late_submission(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each value was submitted no later than the papers deadline (the ToR's
    `papers-circulated` deadline, else the meeting date) of the first meeting, of each
    body that scrutinises the measure, whose papers should include it.

    ## Fails
    ```csv
    measure,period,value,submitted
    return-home-interviews,2026-08,91,2026-09-19   # papers were due 2026-09-16
    ```
    """
    dates: dict[str, list[date]] = {}  # meeting dates by body, for bisect
    for v in ctx.ds.values:
        m = ctx.ds.measures.get(v.measure)
        if m is None:
            continue
        for body_id in m.scrutinised_by:
            body = ctx.ds.bodies.get(body_id)
            if body is None:
                continue
            meetings = ctx.ds.meetings.get(body_id, [])
            if body_id not in dates:
                dates[body_id] = [meeting.date for meeting in meetings]
            # meetings are in date order, and the period due grows with the date: start at
            # the period's end and stop once the papers are due for a later period
            for k in range(bisect_left(dates[body_id], v.period.end), len(meetings)):
                meeting = meetings[k]
                if meeting.status == "cancelled":
                    continue
                due_period = _due_period(m, meeting)
                if due_period.start > v.period.start:
                    break
                if due_period == v.period:
                    due = ctx.facts.papers_due(body, meeting)
                    if v.submitted > due:
                        yield Hit(v.at / "submitted", f"the {v.period.label} value of '{m.title}'"
                                  f" arrived on {v.submitted}, after the papers deadline "
                                  f"({due}) of {body.label} on {meeting.date}",
                                  "submit values by the papers deadline", body_id)
                    break


@rule("SM003", "value-out-of-bounds", kind="record", category="scorecard", severity="error",
      title="A value outside the measure's declared bounds")
def value_out_of_bounds(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every value lies within its measure's `bounds` (e.g. a percentage between 0 and 100).

    ## Why
    A typo such as 910 for 91% would otherwise turn the scorecard green.
    """
    for v in ctx.ds.values:
        m = ctx.ds.measures.get(v.measure)
        if m is None:
            continue
        if (m.minimum is not None and v.value < m.minimum) or \
                (m.maximum is not None and v.value > m.maximum):
            bounds = f"{m.minimum if m.minimum is not None else '…'} to " \
                     f"{m.maximum if m.maximum is not None else '…'}"
            yield Hit(v.at / "value", f"the {v.period.label} value of '{m.title}' is {v.value:g}, "
                      f"outside its bounds ({bounds})", "check the value in the spreadsheet",
                      m.scrutinised_by[0])


@rule("SM004", "measure-owner", kind="record", category="scorecard", severity="error",
      title="A measure without an owning organisation")
def measure_owner(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every measure names its owner, an organisation in governance/organisations.yaml.

    ## Why
    A measure nobody owns is a measure nobody supplies.
    """
    for m in ctx.ds.measures.values():
        if m.owner is None:
            yield Hit(m.at, f"the measure '{m.title}' has no owner",
                      "add owner: <organisation id>", m.scrutinised_by[0])
        elif m.owner not in ctx.ds.organisations and not ctx.ds.known("organisation", m.owner):
            yield Hit(m.at / "owner", f"the owner of '{m.title}' is '{m.owner}', which is not "
                      "an organisation", "use an id from governance/organisations.yaml",
                      m.scrutinised_by[0])


@rule("SM005", "value-reference", kind="record", category="scorecard", severity="error",
      title="A value for an unknown measure or organisation, or given twice")
def value_reference(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each values file is named after an organisation (`scorecard/values/<organisation>.csv`),
    each row names a measure of scorecard/measures.yaml, a period of the measure's
    frequency, and no measure and period appears twice in one file; no value is dated
    as submitted after today. Every body a measure is scrutinised by exists.

    ## Why
    A value the scorecard cannot attach to a measure and period is silently lost from
    the papers.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    for v in ctx.ds.values:
        key = (v.organisation, v.measure, v.period.label)
        seen[key] += 1
        if seen[key] == 2:
            yield Hit(v.at, f"the value of '{v.measure}' for {v.period.label} is given twice",
                      "keep one row per measure and period")
        if v.organisation not in ctx.ds.organisations and seen[key] == 1 and \
                not ctx.ds.known("organisation", v.organisation):
            yield Hit(v.at, f"the values file is named '{v.organisation}', which is not an "
                      "organisation", "name the file after the organisation id, e.g. "
                      "cheshire-police.csv")
        if v.submitted > ctx.today:
            yield Hit(v.at / "submitted", f"the {v.period.label} value of '{v.measure}' is "
                      f"dated as submitted on {v.submitted}, after today", "check the date")
        m = ctx.ds.measures.get(v.measure)
        if m is None:
            if not ctx.ds.known("measure", v.measure):
                yield Hit(v.at / "measure", f"'{v.measure}' is not a measure",
                          "use an id from scorecard/measures.yaml")
            continue
        label = v.period.label
        form = "monthly" if "-" in label and "Q" not in label else \
            "quarterly" if "Q" in label else "annual"
        if form != m.frequency:
            yield Hit(v.at / "period", f"'{label}' is a {form} period but '{m.title}' is "
                      f"reported {m.frequency}", "use the period form of the measure's "
                      "frequency (2026-09, 2026-Q3 or 2026)")
    for m in ctx.ds.measures.values():
        for i, body_id in enumerate(m.scrutinised_by):
            if body_id not in ctx.ds.bodies and not ctx.ds.known("body", body_id):
                yield Hit(m.at / "scrutinised_by" / i, f"no body has the id '{body_id}'",
                          "use the id of a body in governance/bodies/")


@rule("ES001", "escalation-not-considered", kind="governance", category="escalations", severity="warning",
      title="An escalation not considered at the receiving body's next meeting")
def escalation_not_considered(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each escalation has a response recorded at the first held meeting of the body it was
    escalated to after it was raised (`response: {meeting: <that date>, text: ...}`).

    ## Why
    "Issues for escalation to the Board": the Steering Group needs to know the Board's
    answer.
    """
    for e in ctx.ds.escalations:
        nxt = ctx.facts.next_held(e.target, e.raised)
        if nxt is None or nxt.date > ctx.today:
            continue
        if e.response_meeting != nxt.date:
            target = ctx.ds.bodies.get(e.target)
            name = target.label if target else e.target
            got = (f"; the response was recorded at {e.response_meeting}"
                   if e.response_meeting else "")
            yield Hit(e.at / "response" if e.response_meeting else e.at,
                      f"escalation {e.id} was not considered at the next meeting of {name} "
                      f"({nxt.date}){got}", "record response: {meeting: DATE, text: ...}",
                      e.source)


@rule("ES002", "escalation-reference", kind="record", category="escalations", severity="error",
      title="An escalation naming a body, meeting or action that does not exist")
def escalation_reference(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An escalation's `from` and `to` bodies exist and differ, `raised` is a meeting of the
    `from` body, a response's `meeting` is a held meeting of the `to` body, and `action`
    (if given) is an action id.

    ## Why
    An escalation that points at nothing is an issue that never reaches anyone.
    """
    action_ids = {a.id for a in ctx.ds.actions}
    for e in ctx.ds.escalations:
        for field, body_id in (("from", e.source), ("to", e.target)):
            if body_id not in ctx.ds.bodies and not ctx.ds.known("body", body_id):
                yield Hit(e.at / field, f"escalation {e.id}: no body has the id '{body_id}'",
                          "use the id of a body in governance/bodies/")
        if e.source == e.target:
            yield Hit(e.at / "to", f"escalation {e.id} is escalated to its own body",
                      "escalate to the body the group reports to")
        known = ctx.ds.known
        if e.source in ctx.ds.bodies and ctx.ds.meeting(e.source, e.raised) is None \
                and not known("meeting", f"{e.source}/{e.raised}"):
            yield Hit(e.at / "raised", f"escalation {e.id}: {e.source} has no meeting on "
                      f"{e.raised}", "raised: is the date of the meeting that escalated it")
        if e.response_meeting and e.target in ctx.ds.bodies:
            m = ctx.ds.meeting(e.target, e.response_meeting)
            if (m is None or not m.held) and not known(
                    "meeting", f"{e.target}/{e.response_meeting}"):
                yield Hit(e.at / "response" / "meeting", f"escalation {e.id}: {e.target} has no "
                          f"held meeting on {e.response_meeting}", "use the date of the meeting "
                          "that considered it")
        if e.action and e.action not in action_ids and not known("action", e.action):
            yield Hit(e.at / "action", f"escalation {e.id}: no action has the id '{e.action}'",
                      "use an id from actions.yaml")
