"""Exceptions a ToR allows, checked (issue 17, item 9): only the deputies named for a
seat (AT006), urgent items after the papers deadline with their reason (DL003), and
decisions not reached by consensus, tabled again (DC005, DC006)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..dates import in_words
from ..model import Body, Meeting
from .base import Context, Hit, rule


@rule("AT006", "deputy-not-named", kind="governance", category="attendance",
      severity="warning", title="A deputy attended who is not one the seat names")
def deputy_not_named(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says only named substitutes may attend (`attendance:
    named_deputies_only: true`), a deputy's attendance says who came (`by:`, a post or a
    name) and that is one of the deputies the seat names (`deputies:`, by `post` or
    `holder`, in any case). An attendance for a nominated organisation (`nominee:`) is
    judged by the nomination instead.

    ## Why
    "Members may send a named deputy": someone else sitting in is not the deputy the
    partners agreed.

    ## Fails
    ```yaml
    # the seat: deputies: [{post: Head of Safeguarding}]
    attendance:
      dcs: {status: deputy, by: Team Manager}
    ```
    """
    if not any(v.named_deputies_only for t in ctx.ds.tors.values() for v in t.versions):
        return
    for m, body, tor in ctx.facts.held_with_tor():
        if not tor.named_deputies_only:
            continue
        for seat_id, att in m.attendance.items():
            seat = body.seat(seat_id)
            if att.status != "deputy" or att.nominee or seat is None:
                continue
            named = [d.post for d in seat.deputies] + [d.holder for d in seat.deputies
                                                       if d.holder]
            label = ctx.facts.seat_label(body, seat_id)
            day = in_words(m.date)
            if not att.by:
                yield Hit(att.at, f"a deputy attended for {label} on {day}, but the record "
                          "does not say who; the ToR allows only the deputies named for the "
                          "seat", "add by: with the deputy's post", body.id)
            elif att.by.casefold() not in {n.casefold() for n in named}:
                names = "; ".join(named) if named else "none"
                yield Hit(att.at / "by", f"{att.by} attended for {label} on {day}, who is not "
                          f"a deputy named for the seat (named: {names}); the ToR allows only "
                          "named deputies", "name the deputy under the seat's deputies: if "
                          "the partners agreed them, or record the attendance as it was",
                          body.id)


@rule("DL003", "late-item", kind="governance", category="deadlines", severity="warning",
      title="An item added after the papers deadline, without what the ToR asks")
def late_item(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each item a held meeting took after the papers deadline (`late_items:`, its paper
    `circulated` after the deadline of the `papers-circulated` milestone, or on the day)
    has its reason minuted; where the ToR says `late_items: {chair_agreement: true}`,
    the chair agreed it (`chair_agreed: true`); and the ToR does not forbid late items
    (`late_items: {allowed: false}`). An item with all that is accepted as urgent
    business and noted (info).

    ## Why
    "Items not on the agenda may be taken only if the chair considers them urgent, and
    the reason is minuted."

    ## Fails
    ```yaml
    late_items:
      - {item: Serious incident notification, circulated: 2026-01-13}   # no reason
    ```
    """
    for body_id, meetings in ctx.ds.meetings.items():
        for m in meetings:
            if m.late_items and m.held:
                yield from _late(ctx, m, body_id)


def _late(ctx: Context, m: Meeting, body_id: str) -> Iterator[Hit]:
    """DL003 for one held meeting with late items."""
    body = ctx.ds.bodies.get(body_id)
    tor = ctx.facts.tor_on(body, m.date) if body else None
    if body is None or tor is None:
        return
    deadline = ctx.facts.papers_due(body, m)
    rules = tor.late_items
    for x in m.late_items:
        sent = x.circulated or m.date
        if sent <= deadline and sent != m.date:
            continue  # on time: not a late item
        what = (f"'{x.item}' was added to the meeting of {in_words(m.date)} after the "
                f"papers deadline ({in_words(deadline)})")
        if rules is not None and not rules.allowed:
            yield Hit(x.at, f"{what}, but the ToR does not allow late items",
                      "take the item at the next meeting, or minute why the ToR was set "
                      "aside", body.id)
            continue
        missing, hints = [], []
        if not x.reason:
            missing.append("no reason minuted")
            hints.append("add reason: with why it could not wait, as minuted")
        if rules is not None and rules.chair_agreement and not x.chair_agreed:
            missing.append("the chair's agreement not recorded")
            hints.append("record chair_agreed: true if the chair agreed to take it")
        if missing:
            yield Hit(x.at, f"{what}, with {' and '.join(missing)}", "; ".join(hints),
                      body.id)
        else:
            yield Hit(x.at, f"{what} as urgent business: {x.reason}", "", body.id,
                      severity="info")


def _retabled(ctx: Context, body: Body) -> dict[tuple[date, str], list[Meeting]]:
    """Which held meetings took up each decision again, by (meeting, decision)."""
    out: dict[tuple[date, str], list[Meeting]] = {}
    for m in ctx.facts.held(body.id):
        for d in m.decisions:
            if d.retables is not None:
                out.setdefault(d.retables, []).append(m)
    return out


@rule("DC005", "decision-not-retabled", kind="governance", category="decisions",
      severity="error", title="A decision not reached was not tabled again")
def decision_not_retabled(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says a decision not reached by consensus is tabled again
    (`decisions: retable: next-meeting`), each decision recorded `reached: false` is
    taken up (`retables: {meeting, decision}`) at the next held meeting: an error once
    that meeting has passed without it. With `retable: later`, it may be any later
    meeting: a note while it waits.

    ## Why
    "Where consensus cannot be reached, the item is brought back to the next meeting."

    ## Fails
    ```yaml
    # 2026-01-14: {id: d2, text: Pooled budget, reached: false}
    # 2026-02-25: no decision with retables: {meeting: 2026-01-14, decision: d2}
    ```
    """
    for body in ctx.ds.bodies.values():
        held = ctx.facts.held(body.id)
        if not any(not d.reached for m in held for d in m.decisions):
            continue
        later = _retabled(ctx, body)
        for m in held:
            tor = ctx.facts.tor_on(body, m.date)
            how = tor.decisions.retable if tor and tor.decisions else None
            if how is None:
                continue
            for d in m.decisions:
                if d.reached:
                    continue
                took = later.get((m.date, d.id), [])
                nxt = ctx.facts.next_held(body.id, m.date)
                what = f"decision {d.id} of {in_words(m.date)} ('{d.text}') was not reached"
                if how == "next-meeting" and nxt is not None and nxt.date <= ctx.today \
                        and all(t.date != nxt.date for t in took):
                    since = (f"; it was taken up on {in_words(took[0].date)}" if took
                             else "")
                    yield Hit(d.at, f"{what} and not tabled again at the next meeting, "
                              f"on {in_words(nxt.date)}{since}", "record the decision "
                              "taken on it with retables: {meeting: "
                              f"{m.date}, decision: {d.id}}}", body.id)
                elif how == "later" and not took:
                    yield Hit(d.at, f"{what}; the ToR brings it back to a later meeting, and "
                              "none has taken it up yet", "record the decision taken on it "
                              f"with retables: {{meeting: {m.date}, decision: {d.id}}}",
                              body.id, severity="info")


@rule("DC006", "retables-unknown", kind="record", category="decisions", severity="error",
      title="A decision taking up one that does not exist or was reached")
def retables_unknown(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A decision's `retables: {meeting, decision}` names an earlier held meeting of the
    same body and a decision of it recorded `reached: false`.

    ## Fails
    ```yaml
    retables: {meeting: 2026-01-14, decision: d9}   # the meeting has d1 and d2
    ```
    """
    for body_id, meetings in ctx.ds.meetings.items():
        for m in meetings:
            for d in m.decisions:
                if d.retables is None:
                    continue
                day, ident = d.retables
                old = ctx.ds.meeting(body_id, day)
                first = next((x for x in old.decisions if x.id == ident), None) if old \
                    else None
                if old is None or not old.held or day >= m.date:
                    problem = (f"the meeting of {in_words(day)} is not an earlier held "
                               "meeting of this body")
                elif first is None:
                    problem = f"the meeting of {in_words(day)} has no decision {ident}"
                elif first.reached:
                    problem = (f"decision {ident} of {in_words(day)} was reached (it does "
                               "not say reached: false)")
                else:
                    continue
                yield Hit(d.at / "retables", f"decision {d.id} of {in_words(m.date)} takes up "
                          f"a decision again, but {problem}", "name the meeting and the id "
                          "of the decision that was not reached", body_id)
