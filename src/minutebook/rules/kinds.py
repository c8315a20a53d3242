"""Kinds of meeting (ordinary, annual, extraordinary...): each kind a ToR declares, its
fixed agenda, and elections at the meeting the ToR holds them; and the names a cadence
uses (kinds and phases) declared."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import in_words
from ..model import ORDINARY, Body, TorVersion
from .base import Context, Hit, rule


def a_kind(kind: str) -> str:
    """'an annual', 'a planning': a kind of meeting with its article."""
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def _declared(version: TorVersion) -> str:
    kinds = [ORDINARY] + [k.id for k in version.meeting_kinds if k.id != ORDINARY]
    return ", ".join(kinds)


def _phase_names(ctx: Context, body: Body) -> set[str]:
    tor = ctx.ds.tors.get(body.tor)
    return {c.during for v in (tor.versions if tor else ()) for c in v.cadences if c.during}


@rule("RF008", "unknown-meeting-kind", kind="record", category="reference", severity="error",
      title="A kind of meeting or a phase the ToR does not declare")
def unknown_meeting_kind(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A meeting record's `kind:` is `ordinary` (the default) or a kind the ToR version in
    force on its date declares under `meeting_kinds:`; a cadence window's `kind:` is one
    its version declares; its `months:` follow each other (`[10, 11]`, or `[12, 1]` over
    the new year); and each of a body's `phases:` is named by a cadence of its ToR
    (`during:`).

    ## Why
    Each kind has its own rules (whether it counts for cadence, approves minutes, holds
    elections, its agenda): a kind the ToR does not declare cannot be judged, and a
    misspelt phase silently leaves the ToR's cadence for it unused.

    ## Fails
    ```yaml
    kind: extraordinary    # the ToR declares meeting_kinds: {annual: ...} only
    ```
    """
    for body_id, meetings in ctx.ds.meetings.items():
        body = ctx.ds.bodies.get(body_id)
        if body is None:
            continue
        for m in meetings:
            if m.kind == ORDINARY:
                continue
            tor = ctx.facts.tor_on(body, m.date)
            if tor is not None and tor.meeting_kind(m.kind) is None:
                yield Hit(m.at / "kind", f"the meeting of {in_words(m.date)} is recorded as "
                          f"{a_kind(m.kind)} meeting, a kind the ToR of {body.label} in force "
                          f"then does not declare (its kinds: {_declared(tor)})",
                          "correct the kind, or declare it under meeting_kinds: in the ToR "
                          "with its rules", body.id)
    for tor in ctx.ds.tors.values():
        for v in tor.versions:
            for c in v.cadences:
                for w in c.windows:
                    if w.kind and v.meeting_kind(w.kind) is None:
                        yield Hit(w.at / "kind", f"the cadence of {tor.id} {v.version} counts "
                                  f"{w.kind!r} meetings, a kind it does not declare (its "
                                  f"kinds: {_declared(v)})", "declare the kind under "
                                  "meeting_kinds:, or correct it")
                    if any((b - a) % 12 != 1 for a, b in zip(w.months, w.months[1:], strict=False)):
                        yield Hit(w.at / "months", f"the months of a cadence window of "
                                  f"{tor.id} {v.version} do not follow each other: "
                                  f"{list(w.months)}", "list consecutive months in order, "
                                  "e.g. [10, 11]; write separate windows for months apart")
    for body in ctx.ds.bodies.values():
        names = _phase_names(ctx, body) if body.phases else set()
        for p in body.phases:
            if p.id not in names:
                yield Hit(p.at / "id", f"{body.label} records a phase {p.id!r} that no "
                          f"cadence of its ToR names (during:)", "use the phase name the "
                          "ToR's cadence uses, or remove the phase", body.id)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".:;")


@rule("MN003", "agenda-order", kind="governance", category="minutes", severity="warning",
      title="A meeting's agenda without the items, or the order, its kind requires")
def agenda_order(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR fixes the agenda of a kind of meeting (`meeting_kinds: annual: agenda:
    [...]`), every held meeting of that kind records an `agenda:` with each of those
    items, in that order; other items may come between them. An item matches when the
    record's item starts with the ToR's words (case and spacing aside), so "Election of
    the chair and vice-chair" matches "Election of the chair".

    ## Why
    "The annual meeting will receive the annual report, elect the chair and agree the
    business plan, in that order": business reserved to a kind of meeting is easily
    forgotten or taken out of turn.

    ## Fails
    ```yaml
    kind: annual
    agenda: [Election of the chair, Annual report]   # the ToR: the report first
    ```
    """
    for body in ctx.ds.bodies.values():
        if ctx.facts.has_kinds(body):
            yield from _agendas(ctx, body)


def _agendas(ctx: Context, body: Body) -> Iterator[Hit]:
    for m in ctx.facts.held(body.id):
        tor = ctx.facts.tor_on(body, m.date)
        kind = tor.meeting_kind(m.kind) if tor else None
        if kind is None or not kind.agenda:
            continue
        what = f"the {m.kind} meeting of {in_words(m.date)}"
        if not m.agenda:
            yield Hit(m.at, f"{what} records no agenda; the ToR sets its items: "
                      f"{'; '.join(kind.agenda)}", "add agenda: with the items taken, in "
                      "order", body.id)
            continue
        items = [_norm(x) for x in m.agenda]
        missing, late = [], []
        j = 0
        for want in kind.agenda:
            w = _norm(want)
            at = next((i for i in range(j, len(items)) if items[i].startswith(w)), None)
            if at is not None:
                j = at + 1
            elif any(x.startswith(w) for x in items[:j]):
                late.append(want)
            else:
                missing.append(want)
        problems = []
        if missing:
            problems.append(f"it does not have {'; '.join(missing)}")
        if late:
            problems.append(f"it takes {'; '.join(late)} out of the ToR's order")
        if problems:
            yield Hit(m.at / "agenda", f"{what}: {', and '.join(problems)} (the ToR's "
                      f"order: {'; '.join(kind.agenda)})", "record the agenda as taken; if "
                      "the items were missed or moved, minute why", body.id)


@rule("CH012", "election-not-at-meeting", kind="governance", category="chair",
      severity="error", title="An officer elected other than at the meeting the ToR holds "
      "elections at")
def election_not_at_meeting(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR holds elections at a kind of meeting (`meeting_kinds: annual:
    elections: true`), every chair term (chair, co-chair or vice-chair) recorded `how:
    elected` that starts on or after the body's records start begins on the day of a
    held meeting of such a kind: the annual meeting that elected them. The ToR version in
    force on the term's first day applies.

    ## Why
    "The chair and vice-chair are elected at the annual meeting": an election at an
    ordinary meeting, or none recorded, is not what the partners agreed.

    ## Fails
    ```yaml
    # meeting_kinds: {annual: {elections: true}}; the annual meeting held 2026-06-10
    chair_terms:
      - {role: chair, seat: la, from: 2026-07-01, how: elected}
    ```
    """
    for body in ctx.ds.bodies.values():
        if not ctx.facts.has_kinds(body):
            continue
        start = ctx.facts.records_start(body)
        for t in body.chair_terms:
            if t.how != "elected" or start is None or t.start < start:
                continue
            tor = ctx.facts.tor_on(body, t.start)
            kinds = [k.id for k in tor.meeting_kinds if k.elections] if tor else []
            if not kinds:
                continue
            m = ctx.ds.meeting(body.id, t.start)
            if m is not None and m.held and m.kind in kinds:
                continue
            words = " or ".join(kinds)
            held = (f"the meeting that day was {a_kind(m.kind)} one" if m is not None and m.held
                    else "no meeting was held that day")
            yield Hit(t.at / "from", f"{ctx.facts.seat_label(body, t.seat)} was elected "
                      f"{t.role} from {in_words(t.start)}, but the ToR holds elections at the "
                      f"{words} meeting and {held}", f"date the term from the {words} meeting "
                      f"that elected them (a record with kind: {kinds[0]})", body.id)
