"""Offices (CH013-CH016): each office of a body held as its ToR says: by one seat at a
time (or as many as it has places), named in the ToR, filled within the time a declared
vacancy is allowed, and, where it is elected at a kind of meeting, dated from one.

The helpers here tie a chair term to its office, for the chairing rules (CH003-CH010)
too: one code path for the ``chair:`` block and the ``offices:`` list.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..analysis import describe_selector
from ..dates import in_words
from ..model import Body, ChairTerm, Office, Seat, TorVersion
from .base import Context, Hit, rule


def office_of(ctx: Context, body: Body, term: ChairTerm) -> tuple[TorVersion, Office] | None:
    """The office a term is of, by the ToR version in force when it began."""
    tor = ctx.facts.tor_on(body, term.start)
    if tor is None or not term.office:
        return None
    o = tor.office(term.office)
    return (tor, o) if o is not None else None


def by_office(body: Body) -> dict[str, list[ChairTerm]]:
    """A body's own terms (not declared vacancies, nor those held through another body's
    office) by office id, each list in order of start."""
    out: dict[str, list[ChairTerm]] = {}
    for t in sorted(body.chair_terms, key=lambda t: t.start):
        if t.office and not t.vacant and not t.via:
            out.setdefault(t.office, []).append(t)
    return out


def took(o: Office, label: str, start: date) -> str:
    """'X took the chair on D' / 'X took office as Vice-chair (health) on D'."""
    if o.role == "chair" and not o.declared:
        return f"{label} took the chair on {start}"
    return f"{label} took office as {o.name} on {start}"


def _same_post(a: Seat, b: Seat) -> bool:
    return bool(a.post and b.post and a.organisation == b.organisation
                and a.post.casefold() == b.post.casefold())


def sits_on(ctx: Context, seat: Seat, body_id: str, day: date) -> bool:
    """Whether a seat's holder also sits on another body on a day: a seat there of the same
    post and organisation, one held ex officio for this seat's office, or this seat being
    its representative there."""
    other = ctx.ds.bodies.get(body_id)
    if other is None:
        return False
    if seat.represents_on == body_id:
        return True
    return any(s.active_on(day) and _same_post(seat, s) for s in other.seats)


def ineligible(ctx: Context, body: Body, o: Office, seat: Seat, day: date) -> str | None:
    """Why a seat may not hold an office (None: it may), in words."""
    if o.eligible and not ctx.facts.matches(body, seat, o.eligible):
        if not o.declared:
            return ""
        return f"the office is for {describe_selector(o.eligible, ctx.facts, body)}"
    if o.excluded and ctx.facts.matches(body, seat, o.excluded):
        return (f"the ToR excludes {describe_selector(o.excluded, ctx.facts, body)} from "
                "the office")
    if o.member_of and not any(sits_on(ctx, seat, b, day) for b in sorted(o.member_of)):
        names = " or ".join(ctx.ds.bodies[b].label if b in ctx.ds.bodies else b
                            for b in sorted(o.member_of))
        return (f"the holder must also sit on {names}, and no seat there has the same post "
                "at the same organisation")
    return None


# ---------------------------------------------------------------- CH013


@rule("CH013", "office-held-twice", kind="governance", category="chair", severity="error",
      title="An office held twice at once, or by more seats than it has places")
def office_held_twice(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No seat holds two terms of one office at the same time (two vice-chair terms, say),
    and no office is held by more seats at once than it has places: one, unless the
    ToR's office says `holders:` (two for two co-chairs of equal standing). The chair
    of a `chair:` block has one place; its co-chairs and vice-chairs are counted by
    `CH010`.

    ## Why
    Overlapping terms are usually a handover recorded twice: one of them should have
    ended (`until:`) before the other began.

    ## Fails
    ```yaml
    chair_terms:
      - {role: vice-chair, seat: police-supt, from: 2025-04-01}
      - {role: vice-chair, seat: police-supt, from: 2025-10-01}
    ```

    ## Passes
    The first term ending (`until: 2025-09-30`) before the second begins.
    """
    for body in ctx.ds.bodies.values():
        for office_id, terms in by_office(body).items():
            open_: list[ChairTerm] = []  # terms still running at the current start
            for t in terms:
                open_ = [o for o in open_ if o.end is None or o.end >= t.start]
                found = office_of(ctx, body, t)
                label = ctx.facts.seat_label(body, t.seat)
                same = next((o for o in open_ if o.seat == t.seat), None)
                name = found[1].name if found else office_id
                if same is not None:
                    yield Hit(t.at, f"{label} holds the office of {name} twice from "
                              f"{t.start}: a term from {same.start} is still running",
                              "end the earlier term (until:) the day before this one "
                              "begins, or remove the duplicate", body.id)
                elif found:
                    o = found[1]
                    places = o.holders_max if (o.declared or o.role == "chair") else None
                    if places is not None and len(open_) >= places:
                        others = "; ".join(ctx.facts.seat_label(body, x.seat) for x in open_)
                        yield Hit(t.at, f"{label} took office as {name} on {t.start} while "
                                  f"{others} still held it; the ToR gives the office "
                                  f"{places} place{'s' if places > 1 else ''}",
                                  "end the earlier term (until:) when the office changed "
                                  "hands", body.id)
                open_.append(t)


# ---------------------------------------------------------------- CH014


@rule("CH014", "unknown-office", kind="record", category="chair", severity="error",
      title="A chair term or seat naming an office the ToR does not have")
def unknown_office(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each chair term is of an office the ToR in force when it began declares: the one
    named by `office:`, or the only office of its `role`. Where the ToR has several
    offices of one role (a vice-chair for health and one for the council), the term
    says which. An office held by another body's office holder (`held_by:`) has a seat
    here that says the same (`ex_officio:`), a seat's `ex_officio:` names a body and
    one of its offices, its `represents_on:` a body, and an office's `eligible:
    member_of:` a body.

    ## Why
    Which office a term is of decides who may hold it, for how long and how often: a
    term of an unknown office cannot be checked.

    ## Fails
    ```yaml
    # offices: vice-chair-health and vice-chair-council, both role: vice-chair
    - {role: vice-chair, seat: designated-nurse, from: 2025-04-01}
    ```
    """
    for body in ctx.ds.bodies.values():
        for t in body.chair_terms:
            if t.via:
                continue
            tor = ctx.facts.tor_on(body, t.start)
            if tor is None or not tor.offices:
                continue
            ids = ", ".join(o.id for o in tor.offices)
            if t.office:
                o = tor.office(t.office)
                if o is None:
                    yield Hit(t.at / "office", f"the {body.label} term from {t.start} is of "
                              f"the office '{t.office}', which its ToR does not have (its "
                              f"offices: {ids})", "use the id of one of the ToR's offices",
                              body.id)
                elif t.role and t.role != o.role:
                    yield Hit(t.at / "role", f"the term from {t.start} is of {o.name}, a "
                              f"{o.role} office, but says role: {t.role}",
                              "leave role: out (the office says it), or correct it", body.id)
                continue
            same = [o.id for o in tor.offices if o.role == t.role]
            if len(same) > 1:
                yield Hit(t.at / "role", f"the {t.role} term of "
                          f"{ctx.facts.seat_label(body, t.seat)} from {t.start} does not say "
                          f"which {t.role} office it is: the ToR has {', '.join(same)}",
                          "add office: with the id of the office", body.id)
            elif not same:
                yield Hit(t.at / "role", f"the ToR of {body.label} has no {t.role} office "
                          f"(its offices: {ids})", "add office: with the id of one of the "
                          "ToR's offices, or declare the office in the ToR", body.id)
        yield from _ex_officio(ctx, body)


def _ex_officio(ctx: Context, body: Body) -> Iterator[Hit]:
    for seat in body.seats:
        rep = seat.represents_on
        if rep and rep not in ctx.ds.bodies and rep not in ctx.ds.external_bodies \
                and not ctx.ds.known("body", rep):
            yield Hit(seat.at / "represents_on", f"no body has the id '{rep}'", "use the id "
                      "of the body this seat also represents the body on", body.id)
        if seat.ex_officio is None:
            continue
        other_id, office_id = seat.ex_officio
        other = ctx.ds.bodies.get(other_id)
        if other is None:
            if not ctx.ds.known("body", other_id):
                yield Hit(seat.at / "ex_officio" / "body", f"no body has the id '{other_id}'",
                          "use the id of the body whose office holder holds this seat",
                          body.id)
            continue
        tor = ctx.ds.tors.get(other.tor)
        versions = tor.versions if tor else ()
        if office_id not in ("chair", "co-chair", "vice-chair") and \
                not any(v.office(office_id) for v in versions):
            yield Hit(seat.at / "ex_officio" / "office", f"{other.label} has no office "
                      f"'{office_id}'", "use chair, co-chair, vice-chair or the id of one of "
                      "its ToR's offices", body.id)
    tor = ctx.ds.tors.get(body.tor)
    seen: set[str] = set()
    for v in tor.versions if tor else ():
        for o in v.offices:
            for other_id in sorted(o.member_of):
                if other_id not in ctx.ds.bodies and not ctx.ds.known("body", other_id):
                    yield Hit(o.at / "eligible" / "member_of", f"the office {o.name} of "
                              f"{body.label} is for members of '{other_id}', which is not a "
                              "body here", "use the id of a body in governance/bodies/",
                              body.id)
            if o.held_by is None or o.id in seen:
                continue
            seen.add(o.id)
            if not any(s.ex_officio == o.held_by for s in body.seats):
                other = ctx.ds.bodies.get(o.held_by[0])
                name = other.label if other else o.held_by[0]
                yield Hit(o.at / "held_by", f"{o.name} of {body.label} is held by the "
                          f"{o.held_by[1]} of {name}, but no seat of {body.label} is held "
                          "ex officio by them", f"add ex_officio: {{body: {o.held_by[0]}, "
                          f"office: {o.held_by[1]}}} to the seat they hold", body.id)


# ---------------------------------------------------------------- CH015


@rule("CH015", "office-vacancy", kind="governance", category="chair", severity="error",
      title="An office declared vacant for longer than the ToR allows")
def office_vacancy(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A chair term with `seat: vacant` declares the office vacant ("to be appointed"):
    it is not a gap (`CH006`) nor too few vice-chairs (`CH010`). Once it has lasted
    longer than the office's `vacancy: allowed_for` (the chair's `vacancy_limit` in a
    `chair:` block), it is an error; while it lasts within that time (or where the ToR
    sets none), a note.

    ## Why
    "The vice-chair post is vacant and will be appointed at the next meeting": saying so
    is lawful; a declared vacancy that is never filled is not.

    ## Fails
    ```yaml
    # vacancy: {allowed_for: 3 months}
    - {office: vice-chair-health, seat: vacant, from: 2026-01-01}    # as of 2026-05-01
    ```
    """
    for body in ctx.ds.bodies.values():
        for t in body.chair_terms:
            if not t.vacant:
                continue
            found = office_of(ctx, body, t)
            o = found[1] if found else None
            name = o.name if o else (t.office or t.role)
            end = t.end or ctx.today
            if t.start > ctx.today:
                continue
            limit = o.vacancy_limit if o else None
            if limit is not None and end > limit.after(t.start):
                due = limit.after(t.start)
                what = (f"has been vacant since {t.start}" if t.end is None else
                        f"was vacant from {t.start} to {t.end} ({(t.end - t.start).days + 1} "
                        "days)")
                yield Hit(t.at, f"the office of {name} of {body.label} {what}, longer than "
                          f"the {limit} the ToR allows (it should have been filled by {due})",
                          "record the new holder's term (seat:), ending the vacancy with "
                          "until:", body.id)
            elif t.end is None or t.end >= ctx.today:
                allowed = f"; the ToR allows {limit}" if limit else ""
                yield Hit(t.at, f"the office of {name} of {body.label} is declared vacant "
                          f"since {t.start} (to be appointed){allowed}",
                          "record the new holder's term when they are appointed", body.id,
                          severity="info")


# ---------------------------------------------------------------- CH016


@rule("CH016", "office-election-meeting", kind="governance", category="chair",
      severity="error", title="An office holder elected other than at the meeting the "
      "ToR's office names")
def office_election_meeting(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For an office elected at a kind of meeting (`elected: {at: annual}`), each term that
    starts on or after the body's records start begins on the day of a held meeting of
    that kind. (Where the ToR holds every election at a kind of meeting, `meeting_kinds:
    elections: true`, terms recorded `how: elected` are `CH012`'s.)

    ## Why
    "The vice-chairs are elected each year at the annual meeting."

    ## Fails
    ```yaml
    # offices: [{id: vice-chair, role: vice-chair, elected: {every: 12 months, at: annual}}]
    - {role: vice-chair, seat: police-supt, from: 2026-07-01}    # annual meeting 2026-06-10
    ```
    """
    for body in ctx.ds.bodies.values():
        start = ctx.facts.records_start(body)
        if start is None:
            continue
        for terms in by_office(body).values():
            for t in terms:
                found = office_of(ctx, body, t)
                if found is None or not found[1].elected_at or t.start < start:
                    continue
                tor, o = found
                if t.how == "elected" and any(k.elections for k in tor.meeting_kinds):
                    continue  # CH012
                kind = o.elected_at
                m = ctx.ds.meeting(body.id, t.start)
                if m is not None and m.held and m.kind == kind:
                    continue
                held = (f"the meeting that day was {_a(m.kind)} one" if m is not None
                        and m.held else "no meeting was held that day")
                yield Hit(t.at / "from", f"{ctx.facts.seat_label(body, t.seat)} took office "
                          f"as {o.name} on {in_words(t.start)}, but the ToR elects the "
                          f"{o.name} at the {kind} meeting and {held}",
                          f"date the term from the {kind} meeting that elected them (a "
                          f"record with kind: {kind})", body.id)


def _a(kind: str) -> str:
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def consecutive(terms: list[ChairTerm], o: Office) -> Iterator[tuple[ChairTerm, int]]:
    """Each term with the number of consecutive terms its seat has held the office: with
    one place, the previous term was the same seat's; with several, the seat's previous
    term ended within a month before this one began."""
    run: dict[str, int] = {}
    last: dict[str, ChairTerm] = {}
    prev: ChairTerm | None = None
    for t in terms:
        if o.holders_max == 1:
            n = run.get(t.seat, 0) + 1 if prev is not None and prev.seat == t.seat else 1
        else:
            before = last.get(t.seat)
            n = run.get(t.seat, 0) + 1 if before is not None and (
                before.end is None or before.end >= t.start - timedelta(days=31)) else 1
        run[t.seat], last[t.seat], prev = n, t, t
        yield t, n


# ---------------------------------------------------------------- CH017


@rule("CH017", "chair-terms-overlap", kind="record", category="chair", severity="error",
      title="Two chairs recorded at once, or one term recorded twice")
def chair_terms_overlap(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR declares no offices (no `chair:` block and no `offices:`, so `CH013`
    cannot tie the terms to an office), no two `chair` terms overlap (a chair has one
    place), and no seat has two overlapping terms of one role. Co-chairs and
    vice-chairs of different seats may overlap: how many there may be is the ToR's to
    say (`offices:` with `holders:`, judged by `CH013`).

    ## Why
    Two chairs on one day is an inconsistent record, usually a change of chair where
    the old term was not ended: the meeting pages, the rotation and the report to the
    parent body would name both. `minutebook chair` ends the previous term the day
    before the new one begins.

    ## Fails
    ```yaml
    chair_terms:
      - {role: chair, seat: police-inspector, from: 2025-04-01}
      - {role: chair, seat: designated-nurse, from: 2026-01-01}
    ```

    ## Passes
    The first term ending the day before the second begins (`until: 2025-12-31`).
    """
    for body in ctx.ds.bodies.values():
        running: dict[str, list[ChairTerm]] = {}  # role: terms still running
        for t in sorted(body.chair_terms, key=lambda t: t.start):
            if t.office or t.vacant or t.via:
                continue
            ongoing = [o for o in running.get(t.role, ()) if o.end is None or o.end >= t.start]
            clash = next((o for o in ongoing if o.seat == t.seat), None)
            if clash is None and t.role == "chair":
                clash = next(iter(ongoing), None)
            running[t.role] = [*ongoing, t]
            if clash is None:
                continue
            label = ctx.facts.seat_label(body, t.seat)
            other = ctx.facts.seat_label(body, clash.seat)
            if clash.seat == t.seat:
                what = (f"{label} has two terms as {t.role} at once: from {t.start} and from "
                        f"{clash.start}")
            else:
                what = (f"{label} took the chair on {t.start} while {other} (chair since "
                        f"{clash.start}) was still recorded as chair: two chairs at once")
            yield Hit(t.at, what, f"end the earlier term the day before (until: "
                      f"{t.start - timedelta(days=1)}), or correct the dates; `minutebook "
                      "chair` records a change of chair that way", body.id)
