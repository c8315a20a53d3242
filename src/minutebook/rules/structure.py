"""Hierarchy (HI), membership (MB) and statutory arrangements (ST)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from itertools import product

from ..dates import Duration, add_months
from ..model import At, Body, Seat
from .base import Context, Hit, rule
from .relations import accountability_cycles, tor_fully_applies


@rule("HI001", "reporting-cycle", kind="record", category="hierarchy", severity="error",
      title="Bodies that report to each other in a circle")
def reporting_cycle(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Following the lines of accountability upward from any body (`accountable_to`, and
    `relations` of kind `accountable-to`) never comes back to it. Only lines in force at
    the same time make a circle: a reporting line that moves on a date (`until:` on the
    old line, `from:` on the new) does not. Other kinds of relation (supports, advises,
    hands off to, scrutinises, receives reports from) may go both ways.

    ## Why
    A circle of reporting lines means no body is ultimately accountable.
    """
    yield from accountability_cycles(ctx)


@rule("HI002", "task-and-finish-end", kind="governance", category="hierarchy", severity="warning",
      title="A task-and-finish group without an end date, or past it")
def task_and_finish_end(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A body of kind `task-and-finish` has an end date (`ends:`); once it has passed, the
    body is closed (`closed:`) or its end date extended.

    ## Why
    Task-and-finish groups are temporary by design; one that outlives its end date has
    become a standing group without a mandate.
    """
    for b in ctx.ds.bodies.values():
        if b.kind != "task-and-finish":
            continue
        if b.ends is None:
            yield Hit(b.at / "kind", f"{b.label} is a task-and-finish group with no end date",
                      "add ends: YYYY-MM-DD", b.id)
        elif b.ends < ctx.today and b.closed is None:
            yield Hit(b.at / "ends", f"{b.label} was due to finish on {b.ends} but is not "
                      "closed", "record closed: (with its final report) or extend ends:", b.id)


@rule("HI003", "meeting-outside-life", kind="record", category="hierarchy", severity="error",
      title="A meeting before a body was established or after it closed")
def meeting_outside_life(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Held meetings fall between the body's `established` and `closed` dates.

    ## Why
    A meeting outside a body's life is a typo in a date, or a record filed under the
    wrong body.
    """
    for body_id, meetings in ctx.ds.meetings.items():
        b = ctx.ds.bodies.get(body_id)
        if b is None:
            continue
        for m in meetings:
            if m.held and not b.active_on(m.date):
                when = (f"before it was established ({b.established})"
                        if b.established and m.date < b.established
                        else f"after it closed ({b.closed})")
                yield Hit(m.at / "date", f"{b.label} met on {m.date}, {when}",
                          "check the meeting date and the body's dates", body_id)


@rule("HI004", "replaced-body-open", kind="governance", category="hierarchy", severity="warning",
      title="A replaced body is not closed")
def replaced_body_open(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    When a body `replaces` another, the replaced body has a `closed:` date (its records
    are kept and still published).

    ## Why
    The replaced body's records stay published; closing it stops the checks expecting
    new meetings from it.
    """
    for b in ctx.ds.bodies.values():
        old = ctx.ds.bodies.get(b.replaces) if b.replaces else None
        if old and old.closed is None:
            yield Hit(b.at / "replaces", f"{b.label} replaces {old.label}, which has no closed: "
                      "date", f"add closed: to governance/bodies/{old.id}.yaml", b.id)


@rule("MB001", "seat-vacant-too-long", kind="governance", category="membership", severity="warning",
      title="A seat vacant longer than the ToR allows")
def seat_vacant_too_long(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A seat with `vacant_since:` has not been vacant longer than the ToR's `membership:
    vacancy_limit` (or the `chair: vacancy_limit` for the chair's seat).

    Not for a body whose ToR applies to its meetings only (`tor_scope: meetings-only`,
    the default for a body sharing the ToR of a body it is accountable to).

    ## Why
    A seat left empty means an agency is not at the table; the ToR sets how long that
    may last.
    """
    for b in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(b, ctx.today)
        if tor is None or not tor_fully_applies(ctx.ds, b):
            continue
        for s in b.seats_on(ctx.today):
            if s.vacant_since is None:
                continue
            limit = tor.membership.vacancy_limit if tor.membership else None
            if tor.chair and tor.chair.seat == s.id and tor.chair.vacancy_limit:
                limit = tor.chair.vacancy_limit
            if limit and limit.after(s.vacant_since) < ctx.today:
                yield Hit(s.at / "vacant_since", f"{ctx.facts.seat_label(b, s.id)} has been "
                          f"vacant since {s.vacant_since}, longer than {limit}",
                          "ask the organisation to nominate a member", b.id)


@rule("MB002", "term-of-office-ended", kind="governance", category="membership", severity="warning",
      title="A member's term of office has ended")
def term_of_office_ended(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No active seat has a `term_ends` date before today; and where the ToR sets a
    `term_of_office` with `max_consecutive_terms`, no seat's holder has served (from the
    seat's `from:`) longer than those terms together.

    Not for a body whose ToR applies to its meetings only (`tor_scope: meetings-only`,
    the default for a body sharing the ToR of a body it is accountable to).

    ## Why
    Members serving past their term of office may no longer be the agency's nominee.
    """
    for b in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(b, ctx.today)
        mem = tor.membership if tor and tor_fully_applies(ctx.ds, b) else None
        for s in b.seats_on(ctx.today):
            if s.term_ends and s.term_ends < ctx.today:
                yield Hit(s.at / "term_ends", f"the term of office of "
                          f"{ctx.facts.seat_label(b, s.id)} ended on {s.term_ends}",
                          "record the reappointment (a new term_ends) or the new member", b.id)
            if mem and mem.term_of_office and mem.max_consecutive_terms and s.start:
                limit = Duration(mem.term_of_office.count * mem.max_consecutive_terms,
                                 mem.term_of_office.unit).after(s.start)
                if limit < ctx.today:
                    yield Hit(s.at / "from", f"{ctx.facts.seat_label(b, s.id)} has served since "
                              f"{s.start}, more than {mem.max_consecutive_terms} consecutive "
                              f"terms of {mem.term_of_office}", "appoint a new member", b.id)


@rule("MB003", "too-many-seats", kind="governance", category="membership", severity="error",
      title="More members than the ToR allows")
def too_many_seats(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The number of seats active today is no more than the ToR's `membership: max_seats`.

    Not for a body whose ToR applies to its meetings only (`tor_scope: meetings-only`,
    the default for a body sharing the ToR of a body it is accountable to).

    ## Why
    The ToR caps the size of the body so that it stays able to decide.
    """
    for b in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(b, ctx.today)
        if tor and tor.membership and tor.membership.max_seats and tor_fully_applies(ctx.ds, b):
            n = len(b.seats_on(ctx.today))
            if n > tor.membership.max_seats:
                yield Hit(b.at / "seats", f"{b.label} has {n} seats; the ToR allows at most "
                          f"{tor.membership.max_seats}", "remove seats, or review the ToR", b.id)


@rule("MB004", "required-seat-missing", kind="governance", category="membership", severity="error",
      title="A seat the ToR requires is missing or vacant")
def required_seat_missing(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each selector under the ToR's `membership: required` (e.g. each kind of
    responsible authority of a community safety partnership), every organisation kind,
    organisation or seat it names has at least one active, filled seat today.

    Not for a body whose ToR applies to its meetings only (`tor_scope: meetings-only`,
    the default for a body sharing the ToR of a body it is accountable to).

    ## Fails
    ```yaml
    membership:
      required: [{kind: [local-authority, police, fire-and-rescue, probation, icb]}]
    # and the body has no probation seat
    ```

    `{statutory_partner: true}` on its own means each statutory partner: every organisation
    that is a lead partner of the body's partnership (or, where the partnership names
    none, every statutory-partner organisation holding a seat on any body of that
    partnership) has a filled seat; for a body of several partnerships, those of each.
    """
    def each(values: frozenset[str]) -> list[frozenset[str]]:
        return [frozenset({v}) for v in sorted(values)] or [frozenset()]

    for b in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(b, ctx.today)
        if not tor or not tor.membership or not b.active_on(ctx.today) \
                or not tor_fully_applies(ctx.ds, b):
            continue
        filled = [s for s in b.seats_on(ctx.today) if not s.vacant_on(ctx.today)]
        for sel in tor.membership.required:
            # each value of a list of kinds, organisations or seats is required on its own
            # (the selector's other keys still narrow each one)
            parts = [replace(sel, kinds=k, organisations=o, seats=s) for k, o, s in
                     product(each(sel.kinds), each(sel.organisations), each(sel.seats))]
            for part in parts:
                if part.statutory_partner and not (part.kinds or part.organisations
                                                   or part.seats):
                    yield from _each_statutory_partner(ctx, b, filled, tor.membership.at)
                    continue
                if not any(ctx.facts.matches(b, s, part) for s in filled):
                    what = ", ".join(sorted(part.kinds | part.organisations | part.seats
                                            | part.categories)) or "a required member"
                    yield Hit(tor.membership.at / "required", f"{b.label} has no filled seat for "
                              f"{what}, which the ToR requires", "add the seat, or record who "
                              "fills it", b.id)


def _each_statutory_partner(ctx: Context, b: Body, filled: list[Seat], at: At) -> Iterator[Hit]:
    wanted: set[str | None] = set()
    # a body of several partnerships (a joint children's and adults' group) needs the
    # statutory partners of each
    for pid in b.partnerships or (b.partnership,):
        partnership = ctx.ds.partnerships.get(pid or "")
        if partnership and partnership.lead_partners:
            wanted |= {p.organisation for p in partnership.lead_partners}
        else:
            wanted |= {s.organisation for other in ctx.ds.bodies.values()
                       if other.partnership == pid for s in other.seats
                       if s.organisation and (o := ctx.ds.organisations.get(s.organisation))
                       and o.statutory_partner}
    have = {s.organisation for s in filled}
    for org in sorted(o for o in wanted - have if o):
        yield Hit(at / "required", f"{b.label} has no filled seat for the statutory partner "
                  f"{ctx.facts._org_label(org)}, which the ToR requires", "add the seat, or "
                  "record who fills it", b.id)


_KIND_WORDS = {"local-authority": "the local authority", "icb": "the integrated care board",
               "police": "the police"}
_LEAD_KINDS = {"working-together-2023": ("local-authority", "icb", "police"),
               "care-act-2014": ("local-authority", "icb", "police")}


@rule("ST001", "lead-partners", kind="governance", category="statutory", severity="error",
      title="A statutory lead partner is not named")
def lead_partners(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A partnership under Working Together to Safeguard Children 2023, or a safeguarding
    adults board under the Care Act 2014 (Schedule 2), names a lead partner post for each
    of the local authority, the integrated care board and the police.

    ## Why
    Working Together 2023: the lead safeguarding partners are the local authority chief
    executive, the ICB chief executive and the chief officer of police.
    """
    for p in ctx.ds.partnerships.values():
        kinds = _LEAD_KINDS.get(p.framework)
        if not kinds:
            continue
        named = {k for post in p.lead_partners
                 for k in (ctx.facts.org(post.organisation).kinds  # type: ignore[union-attr]
                           if ctx.facts.org(post.organisation) else ())}
        for kind in kinds:
            if kind not in named:
                yield Hit(p.at / "lead_partners" if p.lead_partners else p.at,
                          f"{p.name} names no lead partner from {_KIND_WORDS[kind]}",
                          "add the post under lead_partners", None)


@rule("ST002", "delegated-partners", kind="governance", category="statutory", severity="warning",
      title="A lead partner has not named a delegated safeguarding partner")
def delegated_partners(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Under Working Together 2023, each lead partner organisation names a delegated
    safeguarding partner (`delegated_partners`, with `delegated_from`).

    ## Why
    Working Together 2023 lets each lead safeguarding partner delegate its functions;
    the partnership must say to whom.
    """
    for p in ctx.ds.partnerships.values():
        if p.framework != "working-together-2023":
            continue
        delegated = {post.organisation for post in p.delegated_partners}
        for post in p.lead_partners:
            if post.organisation not in delegated:
                yield Hit(post.at, f"{ctx.facts._org_label(post.organisation)} has named no "
                          f"delegated safeguarding partner for {p.name}",
                          "add the post under delegated_partners", None)


@rule("ST003", "independent-scrutiny", kind="governance", category="statutory", severity="error",
      title="No independent scrutiny named")
def independent_scrutiny(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A partnership under Working Together 2023 names who provides independent scrutiny
    (`independent_scrutiny`).

    ## Why
    Working Together 2023 requires independent scrutiny of the arrangements.
    """
    for p in ctx.ds.partnerships.values():
        if p.framework == "working-together-2023" and not p.independent_scrutiny:
            yield Hit(p.at, f"{p.name} names no independent scrutiny",
                      "add the post under independent_scrutiny", None)


def _fy_end(day: date) -> date:
    """The end (31 March) of the latest financial year that ended on or before day."""
    end = date(day.year, 3, 31)
    return end if end <= day else date(day.year - 1, 3, 31)


@rule("ST004", "yearly-report-overdue", kind="governance", category="statutory", severity="error",
      title="The yearly report is overdue")
def yearly_report_overdue(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A partnership that declares `annual_report` has published (`publications` of kind
    `annual-report`) on time:

    - `every-12-months`: at least once in every 12-month period (Working Together 2023);
    - `after-financial-year`: a report for each financial year, published within
      `within` (default 6 months) of its end (Care Act 2014, Schedule 2);
    - `by-31-july`: a report for each financial year by 31 July (Wales).

    A report that was published, but after its due date, is a warning until the next
    year's report falls due.

    ## Why
    The yearly report is a statutory publication (Working Together 2023; Care Act 2014
    Schedule 2; Wales by 31 July).
    """
    for p in ctx.ds.partnerships.values():
        rule_ = p.annual_report
        if rule_ is None:
            continue
        reports = sorted((x for x in p.publications if x.kind == "annual-report"),
                         key=lambda x: x.published)
        if rule_.rule == "every-12-months":
            last = reports[-1].published if reports else rule_.start
            if last is None:
                yield Hit(rule_.at, f"{p.name} has no yearly report recorded",
                          "add the latest report under publications (or from: to start "
                          "counting)", None)
            elif add_months(last, 12) < ctx.today:
                yield Hit(rule_.at, f"{p.name} last published its yearly report on {last}; the "
                          f"next was due by {add_months(last, 12)}", "publish the yearly "
                          "report and add it under publications", None)
            continue
        fy_end = _fy_end(ctx.today)
        if rule_.start and fy_end < rule_.start:
            continue
        due = (date(fy_end.year, 7, 31) if rule_.rule == "by-31-july"
               else (rule_.within or Duration(6, "month")).after(fy_end))
        if due >= ctx.today:
            fy_end = date(fy_end.year - 1, 3, 31)
            due = (date(fy_end.year, 7, 31) if rule_.rule == "by-31-july"
                   else (rule_.within or Duration(6, "month")).after(fy_end))
            if rule_.start and fy_end < rule_.start:
                continue
        covering = [x for x in reports if x.period_end == fy_end
                    or (x.period_end is None and x.published > fy_end)]
        if not covering:
            yield Hit(rule_.at, f"{p.name} has no report for the financial year ending "
                      f"{fy_end}; it was due by {due}", "publish it and add it under "
                      "publications with period_end", None)
        elif covering[0].published > due:  # published, but late: a warning for the year
            yield Hit(covering[0].at, f"{p.name} published its report for the financial year "
                      f"ending {fy_end} on {covering[0].published}, after it was due by {due}",
                      "plan the next report so that it is published on time", None,
                      severity="warning")
