"""Chairing (CH): who chaired, who held the chair, and how it rotated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

from ..analysis import _words as words
from ..dates import in_words
from ..model import Body, Chairing, ChairTerm, Meeting, Office, TorVersion
from .base import Context, Hit, rule
from .offices import by_office, consecutive, ineligible, office_of, took


def _chairing(ctx: Context, body: Body, day: date) -> tuple[TorVersion, Chairing] | None:
    tor = ctx.facts.tor_on(body, day)
    if tor is None or tor.chair is None:
        return None
    return tor, tor.chair


def _org(body: Body, seat_id: str) -> str | None:
    seat = body.seat(seat_id)
    return seat.organisation if seat else None


@rule("CH001", "wrong-chair", kind="governance", category="chair", severity="error",
      title="A meeting chaired by someone the ToR does not allow")
def wrong_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The seat recorded as `chair:` of a held meeting may preside under the ToR in force:
    for a fixed chair, that seat (or its nominated deputy, with `chaired_by_deputy: true`,
    where `may_preside` includes `chair-deputy`); otherwise a seat holding the chair,
    co-chair or vice-chair office on that date (from the body's `chair_terms`), as
    `may_preside` allows.

    Where the ToR says that, with the officers absent, "members present elect one of
    their number to preside" (`may_preside` includes `elected-member`), a meeting may
    record `presided_by: {seat: <seat id>, how: elected-by-members}`: that is lawful when
    no seat that could preside by office (nor, with `chair-deputy`, the chair seat's
    deputy) was present.

    ## Why
    "The Safeguarding Reassurance meeting will be chaired by the ISCC."

    ## Fails
    A Reassurance Meeting with `chair: town-clerk`.

    ## Passes
    `chair: iscc`; or, where the ToR allows a vice-chair to preside, the vice-chair; or,
    with `may_preside: [chair, vice-chair, elected-member]`, both officers sending
    apologies and the record saying
    `presided_by: {seat: lay-member-1, how: elected-by-members}`.
    """
    offices = {"chair", "co-chair", "vice-chair"}
    for m, body, tor in ctx.facts.held_with_tor():
        c = tor.chair
        if c is None or m.chair is None or body.seat(m.chair) is None:
            continue
        if m.presided_by is not None:
            yield from _elected(ctx, m, body, c)
            continue
        in_office = ctx.facts.roles_on(body, m.date)
        roles = set(in_office.get(m.chair, set()))
        if c.method == "fixed" and c.seat and m.chair == c.seat:
            roles.add("chair")
        if m.chaired_by_deputy:
            if "chair" in roles and "chair-deputy" in c.may_preside:
                continue
            if "chair-deputy" in c.may_preside:
                yield Hit(m.at / "chair", f"the meeting on {m.date} was chaired by a deputy "
                          f"for {ctx.facts.seat_label(body, m.chair)}, who did not hold the "
                          "chair then", "with chaired_by_deputy: true, chair: names the seat "
                          "of the chair whose deputy chaired", m.body)
                continue
            yield Hit(m.at / "chaired_by_deputy", f"the meeting on {m.date} was chaired by a "
                      "deputy, which the ToR does not allow", "the ToR's may_preside does not "
                      "include chair-deputy", m.body)
            continue
        if roles & c.may_preside & offices:
            continue
        label = ctx.facts.seat_label(body, m.chair)
        if c.method == "fixed" and c.seat:
            yield Hit(m.at / "chair", f"the meeting on {m.date} was chaired by {label}; the "
                      f"ToR says {ctx.facts.seat_label(body, c.seat)} chairs",
                      f"if the chair's deputy chaired, record chair: {c.seat} with "
                      "chaired_by_deputy: true", m.body)
            continue
        allowed = sorted(c.may_preside & offices)
        holders = [f"{ctx.facts.seat_label(body, s)} ({', '.join(sorted(r))})"
                   for s, r in in_office.items() if r & c.may_preside]
        yield Hit(m.at / "chair", f"the meeting on {m.date} was chaired by {label}, who did "
                  f"not hold the {' or '.join(allowed)} office then"
                  + (f"; in office: {'; '.join(holders)}" if holders else ""),
                  "check chair: names the seat that chaired, and that chair_terms in the "
                  "body's file are up to date", m.body)


def _elected(ctx: Context, m: Meeting, body: Body, c: Chairing) -> Iterator[Hit]:
    """CH001 for a meeting whose members elected one of their number to preside."""
    seat, _how = m.presided_by or ("", "")
    day = in_words(m.date)
    label = ctx.facts.seat_label(body, seat)
    if m.chair != seat:
        yield Hit(m.at / "presided_by", f"the meeting of {day} records {m.chair} as chair "
                  f"but {seat} as presiding", "keep one: presided_by names the seat that "
                  "presided, so chair: can be left out", m.body)
        return
    if "elected-member" not in c.may_preside:
        yield Hit(m.at / "presided_by", f"the meeting of {day} was presided over by {label}, "
                  "elected by the members present, but the ToR does not provide for that",
                  "if the ToR says the members present elect one of their number to preside, "
                  "add elected-member to chair: may_preside in the ToR; otherwise record "
                  "who chaired by office", m.body)
        return
    could = {s: r for s, r in ctx.facts.roles_on(body, m.date).items() if r & c.may_preside}
    if c.method == "fixed" and c.seat and "chair" in c.may_preside:
        could.setdefault(c.seat, set()).add("chair")
    present = []
    for s in sorted(set(could) - {seat}):
        att = m.attendance.get(s)
        if att is not None and (att.status == "present" or (
                att.status == "deputy" and "chair" in could[s]
                and "chair-deputy" in c.may_preside)):
            present.append(ctx.facts.seat_label(body, s))
    if present:
        yield Hit(m.at / "presided_by", f"the meeting of {day} was presided over by {label}, "
                  f"elected by the members present, although {' and '.join(present)} "
                  f"{'was' if len(present) == 1 else 'were'} there to preside",
                  "members elect one of their number only when no officer who may preside "
                  "is present: record the officer who chaired, or correct the attendance",
                  m.body)


@rule("CH002", "chair-not-recorded", kind="record", category="chair", severity="warning",
      title="A held meeting without a chair recorded")
def chair_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every held meeting records who chaired it (`chair:` with a seat id), where the ToR
    has chairing rules.

    ## Why
    Whether the right person chaired (CH001) cannot be checked for a meeting that does
    not say who chaired it.
    """
    for m, _body, tor in ctx.facts.held_with_tor():
        if tor.chair is not None and m.chair is None:
            yield Hit(m.at, f"the meeting on {m.date} does not record who chaired it",
                      "add chair: <seat id>", m.body)


def _term_end(term: ChairTerm, today: date) -> date:
    return term.end or today


@rule("CH003", "chair-term-too-long", kind="governance", category="chair", severity="error",
      title="A chair held the office longer than the ToR allows")
def chair_term_too_long(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For every office with a rotation (a rotating chair) or a term of office (`term:`, or
    `elected: every:` of an office under `offices:`), no term of it is longer than the
    rotation period or the term's length, plus its tolerance: the chair's, and each
    co-chair's, vice-chair's or other office's by its own rules. A term still open is
    measured to today.

    ## Why
    "The chairing of the meeting will rotate on a 6 monthly basis."

    ## Fails
    ```yaml
    # rotation: {every: 6 months, tolerance: 14 days}
    - {role: chair, seat: police-inspector, from: 2025-04-01, until: 2025-10-31}
    ```

    ## Passes
    A term from 2025-04-01 until 2025-10-15 (6 months and 14 days).
    """
    for body in ctx.ds.bodies.values():
        for terms in by_office(body).values():
            for term in terms:
                found = office_of(ctx, body, term)
                if found is None:
                    continue
                o = found[1]
                limit, tol, what = None, None, ""
                if o.rotation:
                    limit, tol, what = o.rotation.every, o.rotation.tolerance, "rotation period"
                elif o.term:
                    limit, tol, what = o.term.length, o.term.tolerance, "term of office"
                if limit is None:
                    continue
                latest = limit.after(term.start)
                if tol:
                    latest = tol.after(latest)
                end = _term_end(term, ctx.today)
                if end > latest:
                    label = ctx.facts.seat_label(body, term.seat)
                    held = f"until {term.end}" if term.end else "and is still in office"
                    yield Hit(term.at, f"{took(o, label, term.start)} {held}, longer than "
                              f"the {what} of {limit}" + (f" plus {tol}" if tol else "")
                              + f" (it should have ended by {latest})",
                              "record the handover: set until: on this term and add the next "
                              "holder's term", body.id)


@rule("CH004", "rotation-same-organisation", kind="governance", category="chair", severity="error",
      title="The chair did not pass to another organisation")
def rotation_same_organisation(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a rotating office of one place (the chair of `chair: method: rotation`, or an
    office under `offices:` with a `rotation:`), consecutive terms are held by seats of
    different organisations (`between: organisation`, the default) or different seats
    (`between: seat`). With `order:` (organisations, or kinds of organisation), each
    holder comes from the next in the list, in turn ("the local authority, the police
    and health, in that order").

    ## Why
    Rotation spreads the chair between agencies.

    ## Fails
    Two consecutive chair terms both held by Cheshire Police seats.
    """
    for body in ctx.ds.bodies.values():
        for terms in by_office(body).values():
            for prev, cur in pairwise(terms):
                found = office_of(ctx, body, cur)
                if not found or not found[1].rotation or found[1].holders_max != 1:
                    continue
                yield from _rotated(ctx, body, found[1], prev, cur)


def _rotated(ctx: Context, body: Body, o: Office, prev: ChairTerm,
             cur: ChairTerm) -> Iterator[Hit]:
    """CH004 for one handover of a rotating office."""
    assert o.rotation is not None
    between = o.rotation.between
    office = f"the {o.name}"
    if o.order:
        a, b = _turn(ctx, body, o, prev.seat), _turn(ctx, body, o, cur.seat)
        order = ", ".join(_name(ctx, x) for x in o.order)
        if b is None:
            yield Hit(cur.at, f"{office} passed on {cur.start} to "
                      f"{ctx.facts.seat_label(body, cur.seat)}, who is from none of the "
                      f"organisations it rotates between ({order})", "the office rotates "
                      "between the organisations the ToR names, in turn", body.id)
        elif a is not None and b != (a + 1) % len(o.order):
            yield Hit(cur.at, f"{office} passed on {cur.start} from "
                      f"{ctx.facts.seat_label(body, prev.seat)} to "
                      f"{ctx.facts.seat_label(body, cur.seat)}; in the ToR's order ({order}) "
                      f"{_name(ctx, o.order[(a + 1) % len(o.order)])} was next",
                      "the office passes between the organisations in the ToR's order",
                      body.id)
        return
    a = prev.seat if between == "seat" else _org(body, prev.seat)
    b = cur.seat if between == "seat" else _org(body, cur.seat)
    if a and a == b:
        org = ctx.facts.org(a)
        who = org.label if between == "organisation" and org else \
            ctx.facts.seat_label(body, cur.seat)
        yield Hit(cur.at, f"{office} passed on {cur.start} from "
                  f"{ctx.facts.seat_label(body, prev.seat)} to "
                  f"{ctx.facts.seat_label(body, cur.seat)}: both {who}",
                  f"{office} rotates to another "
                  f"{'seat' if between == 'seat' else 'organisation'}", body.id)


def _turn(ctx: Context, body: Body, o: Office, seat_id: str) -> int | None:
    """Where a seat's organisation comes in a rotation's order (by id or by kind)."""
    org = ctx.facts.org(_org(body, seat_id))
    if org is None:
        return None
    for i, x in enumerate(o.order):
        if x == org.id or x in org.kinds:
            return i
    return None


def _name(ctx: Context, ident: str) -> str:
    """An organisation of a rotation's order by its name, or a kind in words."""
    org = ctx.facts.org(ident)
    return org.label if org else words(ident)


@rule("CH005", "co-chair", kind="governance", category="chair", severity="error",
      title="No co-chair, or a co-chair from the chair's own organisation")
def co_chair(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR requires a co-chair (`co_chair: {required: true}`), every chair term
    has a co-chair in office when it starts; with `different_organisation: true`, the
    co-chair comes from another organisation than the chair.

    ## Why
    "... with a co-chair from another agency being nominated."

    ## Fails
    Chair and co-chair both Cheshire East Council seats.
    """
    for body in ctx.ds.bodies.values():
        co_terms = [t for t in body.terms("co-chair") if not t.vacant]
        for term in body.terms("chair"):
            found = _chairing(ctx, body, term.start)
            if not found or term.vacant:
                continue
            c = found[1]
            if not (c.co_chair_required or c.co_chair_different_organisation):
                continue
            cos = [t for t in co_terms if t.covers(term.start)]
            if not cos:
                if c.co_chair_required:
                    yield Hit(term.at, f"no co-chair was in office when "
                              f"{ctx.facts.seat_label(body, term.seat)} took the chair on "
                              f"{term.start}", "add the nominated co-chair's term to "
                              "chair_terms (role: co-chair)", body.id)
                continue
            for co in cos:
                if c.co_chair_different_organisation and \
                        _org(body, co.seat) == _org(body, term.seat):
                    yield Hit(co.at, f"the co-chair {ctx.facts.seat_label(body, co.seat)} is "
                              f"from the same organisation as the chair "
                              f"{ctx.facts.seat_label(body, term.seat)}",
                              "nominate a co-chair from another agency", body.id)


@rule("CH006", "chair-vacant", kind="governance", category="chair", severity="error",
      title="A period with no chair in office")
def chair_vacant(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a body whose chair is not fixed to a seat, from the first chair term to today
    there is always a chair in office (where co-chairs of equal standing chair, and no
    chair term is recorded, a co-chair; where the chair is another body's office holder,
    `held_by:`, that office's holder). A gap is an error once it is longer than the ToR's
    `chair: vacancy_limit` or the chair office's `vacancy: allowed_for` (a warning while
    within it; an error at once without a limit). A vacancy declared with `seat: vacant`
    is not a gap: `CH015` judges it.

    ## Why
    Nobody notices when a chair's term ends and no successor is recorded.

    ## Fails
    A chair term ending 2026-03-31 and the next starting 2026-05-01.
    """
    for body in ctx.ds.bodies.values():
        terms = chair_terms(body)
        if not terms:
            continue
        found = _chairing(ctx, body, ctx.today)
        if found and found[1].method == "fixed":
            continue
        limit = found[1].vacancy_limit if found else None
        word = terms[0].role
        covered_to = terms[0].start - timedelta(days=1)
        last_term = terms[0]
        for term in terms:
            if term.start > covered_to + timedelta(days=1):
                yield from _gap(ctx, body, covered_to + timedelta(days=1),
                                term.start - timedelta(days=1), limit, term, False, word)
            if term.end is None:
                covered_to = date.max
                break
            if term.end > covered_to:
                covered_to, last_term = term.end, term
        if covered_to < ctx.today:
            yield from _gap(ctx, body, covered_to + timedelta(days=1), ctx.today, limit,
                            last_term, True, word)


def chair_terms(body: Body) -> tuple[ChairTerm, ...]:
    """The terms of whoever chairs, declared vacancies included: the chair's, or, where
    co-chairs of equal standing chair (no chair term at all), the co-chairs'."""
    return body.terms("chair") or body.terms("co-chair")


def _gap(ctx: Context, body: Body, start: date, end: date, limit: object,
         at_term: ChairTerm, ongoing: bool, word: str = "chair") -> Iterator[Hit]:
    from ..dates import Duration

    days = (end - start).days + 1
    within = isinstance(limit, Duration) and limit.after(start) > end
    what = (f"no {word} has been recorded since {start}" if ongoing
            else f"no {word} was in office from {start} to {end} ({days} days)")
    hint = "add the chair's term to chair_terms, or record the vacancy"
    if at_term.via:  # the chair is another body's office holder (held_by:)
        other = ctx.ds.bodies.get(at_term.via)
        name = other.label if other else at_term.via
        what = (f"{body.label} has had no {word} since {start}" if ongoing else
                f"{body.label} had no {word} from {start} to {end} ({days} days)")
        what += f": its {word} is an office holder of {name}, and that office was not filled"
        hint = f"record who holds the office now in the chair terms of {name}"
    if within:
        # a vacancy within the ToR's limit is only worth a warning
        yield Hit(at_term.at, f"{what}; the ToR allows a vacancy of up to {limit}",
                  hint, body.id, severity="warning")
        return
    yield Hit(at_term.at, what, hint, body.id)


@rule("CH007", "rotation-due", kind="governance", category="chair", severity="warning",
      title="The chair is due to rotate soon")
def rotation_due(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a rotating chair, warns when the current chair's term ends (its `until`, or its
    start plus the rotation period) within `rotation: warn_within` (30 days by default)
    of today, and no next chair term is recorded.

    ## Why
    Nominating the next chair and co-chair takes a meeting's notice.
    """
    for body in ctx.ds.bodies.values():
        found = _chairing(ctx, body, ctx.today)
        if not found or found[1].method != "rotation" or not found[1].rotation:
            continue
        rot = found[1].rotation
        terms = chair_terms(body)
        current = [t for t in terms if t.covers(ctx.today) and not t.vacant]
        if not current:
            continue
        term = current[-1]
        ends = term.end or rot.every.after(term.start)
        if any(t.start > term.start for t in terms):
            continue
        if ctx.today <= ends <= rot.warn_within.after(ctx.today):
            yield Hit(term.at, f"the chair term of {ctx.facts.seat_label(body, term.seat)} "
                      f"ends on {ends}; no next chair is recorded",
                      "nominate the next chair and co-chair (from other agencies) and add "
                      "their terms to chair_terms", body.id)


@rule("CH008", "consecutive-terms", kind="governance", category="chair", severity="error",
      title="A chair held more consecutive terms than allowed")
def consecutive_terms(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `term: max_consecutive: N` (of `chair:`, or of an office under `offices:`), no
    seat holds the office for more than N consecutive terms. For an office of one place a
    term is consecutive when the term before it was the same seat's; for an office of
    several places, when the seat's own previous term ended within a month before.

    ## Fails
    ```yaml
    # term: {length: 2 years, max_consecutive: 2}
    - {role: chair, seat: dass, from: 2020-04-01, until: 2022-03-31}
    - {role: chair, seat: dass, from: 2022-04-01, until: 2024-03-31}
    - {role: chair, seat: dass, from: 2024-04-01}
    ```
    """
    for body in ctx.ds.bodies.values():
        for terms in by_office(body).values():
            found = office_of(ctx, body, terms[-1])
            if found is None:
                continue
            for term, run in consecutive(terms, found[1]):
                at_start = office_of(ctx, body, term)
                if at_start is None or not at_start[1].term or \
                        not at_start[1].term.max_consecutive:
                    continue
                o = at_start[1]
                limit = o.term.max_consecutive if o.term else 0
                if run > limit:
                    name = "chair" if o.role == "chair" and not o.declared else o.name
                    yield Hit(term.at, f"{ctx.facts.seat_label(body, term.seat)} began a "
                              f"consecutive term number {run} as {name} on {term.start}; the "
                              f"ToR allows {limit}", "appoint or elect someone else", body.id)


@rule("CH009", "chair-not-eligible", kind="governance", category="chair", severity="error",
      title="A chair or vice-chair not eligible for the office")
def chair_not_eligible(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each term is held by a seat its office allows: chair and co-chair terms by seats
    matching `chair: eligible` (e.g. `{category: independent}` for an independent
    chair), vice-chair terms by seats matching `vice_chairs: eligible`, and a fixed
    chair's term by the fixed seat. An office under `offices:` has its own `eligible:`
    (a selector's keys, `member_of:` another body, where a seat of the same post and
    organisation sits, and `not:`, seats that may not hold it) and its own `seat:`.

    ## Fails
    ```yaml
    # chair: {method: fixed, seat: independent-chair, eligible: {category: independent}}
    - {role: chair, seat: dass, from: 2026-04-01}
    ```
    """
    for body in ctx.ds.bodies.values():
        for term in body.chair_terms:
            found = office_of(ctx, body, term)
            seat = body.seat(term.seat)
            if not found or seat is None or term.via:
                continue
            o = found[1]
            label = ctx.facts.seat_label(body, term.seat)
            name = o.role if not o.declared else o.name
            if o.seat and term.seat != o.seat:
                what = "the chair" if not o.declared else f"the office of {o.name}"
                yield Hit(term.at / "seat", f"{label} holds {what}, but the ToR "
                          f"{'fixes the chair to' if not o.declared else 'gives it to'} "
                          f"{ctx.facts.seat_label(body, o.seat)}",
                          "correct the chair term, or change the ToR", body.id)
                continue
            why = ineligible(ctx, body, o, seat, term.start)
            if why is not None:
                yield Hit(term.at / "seat", f"{label} is not eligible to be {name} under "
                          "the ToR" + (f": {why}" if why else ""),
                          "the ToR limits who may hold this office (eligible:)", body.id)


@rule("CH010", "vice-chairs", kind="governance", category="chair", severity="warning",
      title="Too few or too many vice-chairs in office")
def vice_chairs(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Today, the number of vice-chairs in office is between the ToR's `vice_chairs: min`
    and `max`; and each office under `offices:` has at least its `holders: min` (more
    than its places is `CH013`). Where a term with `seat: vacant` declares the office
    vacant, this is a note (`CH015` judges how long).

    ## Why
    A vice-chair is the ToR's cover for the chair's absence; without one, a meeting may
    have nobody entitled to preside.
    """
    for body in ctx.ds.bodies.values():
        if not body.active_on(ctx.today):
            continue
        tor = ctx.facts.tor_on(body, ctx.today)
        if tor is None:
            continue
        for o in tor.offices:
            if o.declared or o.role == "vice-chair":
                yield from _holders(ctx, body, o)


def _holders(ctx: Context, body: Body, o: Office) -> Iterator[Hit]:
    """CH010 for one office, today: a `chair:` block's vice-chairs (at least and at most),
    a declared office's holders (at least: more at once is CH013's)."""
    today = [t for t in body.chair_terms if t.covers(ctx.today) and
             (t.office == o.id or (t.office is None and t.role == o.role))]
    n = sum(1 for t in today if not t.vacant)
    declared = [t for t in today if t.vacant]
    at = body.at / "chair_terms" if body.chair_terms else body.at
    if n < o.holders_min:
        if not o.declared:
            what = (f"{body.label} has {n} vice-chair(s) in office; the ToR asks for at least "
                    f"{o.holders_min}")
        else:
            what = (f"{body.label} has {n} holder(s) of the office of {o.name}; the ToR asks "
                    f"for at least {o.holders_min}")
        if declared:  # said to be vacant: CH015 judges how long
            yield Hit(at, f"{what} (declared vacant since {declared[0].start})",
                      "record the new holder's term when they are appointed", body.id,
                      severity="info")
            return
        yield Hit(at, what, "add the holder's term to chair_terms", body.id)
    elif not o.declared and o.holders_max is not None and n > o.holders_max:
        yield Hit(body.at / "chair_terms", f"{body.label} has {n} vice-chairs in office; "
                  f"the ToR allows at most {o.holders_max}", "end the extra terms", body.id)


@rule("CH011", "chair-not-present", kind="record", category="chair", severity="error",
      title="The seat recorded as chairing was not present")
def chair_not_present(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    At a held meeting, the seat named in `chair:` is not recorded as `apologies` or
    `absent` in the attendance (unless the record says `chaired_by_deputy: true`).

    ## Why
    Somebody who sent apologies cannot have chaired the meeting: one of the two is wrong,
    and the chairing checks (CH001, the rotation) and the quorum count depend on both.

    ## Fails
    ```yaml
    chair: police-inspector
    attendance:
      police-inspector: apologies
    ```
    """
    for body_id, meetings in ctx.ds.meetings.items():
        for m in meetings:
            att = m.attendance.get(m.chair) if m.held and m.chair else None
            if att is not None and att.status in ("apologies", "absent") \
                    and not m.chaired_by_deputy:  # (the holder away, a deputy in the chair)
                yield Hit(m.at / "chair", f"the meeting on {m.date} records {m.chair} as "
                          f"chairing, but also as {att.status}", "correct chair: to the seat "
                          "of the person who chaired (e.g. the vice-chair), or the attendance",
                          body_id)
