"""Quorum (QU): was each held meeting quorate under the ToR in force on its date?"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, rule


def _why(ctx: Context, unmet: tuple[str, ...]) -> str:
    return "; ".join(unmet)


@rule("QU001", "inquorate-decisions", kind="governance", category="quorum", severity="error",
      title="Decisions recorded at a meeting that was not quorate")
def inquorate_decisions(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A held meeting that was not quorate (by the attendance recorded, or recorded
    `quorate: false`) records no decisions, unless its ToR allows decisions to be
    ratified later (`quorum: ratify_inquorate_decisions: true`; see QU003).

    ## Why
    Decisions of an inquorate meeting have no standing: partners who were not there are
    bound by them.

    ## Fails
    A Steering Group meeting with four members present (the ToR needs six) that records
    `decisions:`.

    ## Passes
    The same meeting recording no decisions (QU002 then warns), or a quorate meeting.
    """
    for m, _body, tor in ctx.facts.held_with_tor():
        if not m.decisions or tor.quorum is None or tor.quorum.ratify_inquorate_decisions:
            continue
        if not m.attendance and m.quorate_recorded is None:
            continue  # no register at all: AT002 asks for it (quorum cannot be told)
        if ctx.facts.inquorate(m):
            outcome = ctx.facts.quorum(m)
            why = _why(ctx, outcome.unmet) if outcome and not outcome.met else "recorded"
            yield Hit(m.at / "decisions", f"the meeting on {m.date} was not quorate ({why}) "
                      f"but records {len(m.decisions)} decision(s)",
                      "an inquorate meeting cannot decide: record the items as discussed and "
                      "take the decisions at the next quorate meeting", m.body)


@rule("QU002", "inquorate-meeting", kind="governance", category="quorum", severity="warning",
      title="A meeting that was not quorate")
def inquorate_meeting(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every held meeting meets the quorum of the ToR version in force on its date. Who
    counts: members marked `present`, and `deputy` where deputies count (default) and,
    for seats whose substitutes need it, the chair agreed. Guests never count. A held
    meeting with no attendance recorded at all is AT002's error, not an inquorate meeting.

    ## Why
    A pattern of inquorate meetings means partners are not engaging; a single one should
    at least be recorded (`quorate: false`).

    ## Fails
    ```yaml
    # ToR: quorum: {requires: {present: {}, min: 6}}
    attendance: {a: present, b: present, c: apologies, ...}   # 4 present
    ```

    ## Passes
    Six or more members present or represented by deputies.
    """
    for m, _body, _tor in ctx.facts.held_with_tor():
        if m.decisions or m.quorate_recorded is True:
            continue  # QU001, QU003 or QU004 speaks for it
        if not m.attendance:
            continue  # no register at all: AT002 asks for it (quorum cannot be told)
        outcome = ctx.facts.quorum(m)
        if outcome is None or outcome.met:
            continue
        if m.quorate_recorded is False:
            yield Hit(m.at / "quorate", f"the meeting on {m.date} was not quorate: "
                      f"{_why(ctx, outcome.unmet)}", "no action needed if no decisions were "
                      "taken; follow up attendance with the agencies missing", m.body)
        else:
            yield Hit(m.at / "attendance", f"the meeting on {m.date} was not quorate by the "
                      f"attendance recorded: {_why(ctx, outcome.unmet)}",
                      "check the attendance; if it is right, record quorate: false", m.body)


@rule("QU003", "unratified-decisions", kind="governance", category="quorum", severity="error",
      title="Decisions of an inquorate meeting not ratified")
def unratified_decisions(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR allows an inquorate meeting to take decisions subject to ratification
    (`quorum: ratify_inquorate_decisions: true`), each such decision is ratified by a
    decision of the next quorate held meeting (`ratifies: [{meeting: DATE, decision: ID}]`).
    Until that meeting is held, a warning says ratification is pending.

    ## Why
    "Decisions taken when not quorate must be ratified at the next quorate meeting."

    ## Fails
    A decision `d1` at the inquorate meeting on 2026-07-09, and a quorate meeting on
    2026-09-10 that does not ratify it.

    ## Passes
    ```yaml
    decisions:
      - id: d1
        text: Ratified the plan agreed on 9 July.
        ratifies: [{meeting: 2026-07-09, decision: d1}]
    ```
    """
    ratified: set[tuple[str, object, str]] = set()
    for m, _body, _tor in ctx.facts.held_with_tor():
        for d in m.decisions:
            for day, dec_id in d.ratifies:
                outcome = ctx.facts.quorum(m)
                if outcome is None or outcome.met:
                    ratified.add((m.body, day, dec_id))
    for m, body, tor in ctx.facts.held_with_tor():
        if not m.decisions or tor.quorum is None or not tor.quorum.ratify_inquorate_decisions:
            continue
        if not ctx.facts.inquorate(m):
            continue
        later = ctx.facts.next_held(body.id, m.date)
        while later is not None and not (ctx.facts.quorum(later) is None
                                         or ctx.facts.quorum(later).met):  # type: ignore[union-attr]
            later = ctx.facts.next_held(body.id, later.date)
        for d in m.decisions:
            if (m.body, m.date, d.id) in ratified:
                continue
            if later is None:
                yield Hit(d.at, f"decision {d.id} of the inquorate meeting on {m.date} awaits "
                          "ratification at the next quorate meeting",
                          "record it under ratifies: in a decision of that meeting", m.body,
                          severity="warning")
            else:
                yield Hit(d.at, f"decision {d.id} of the inquorate meeting on {m.date} was not "
                          f"ratified at the next quorate meeting ({later.date})",
                          f"add a decision with ratifies: [{{meeting: {m.date}, decision: "
                          f"{d.id}}}] to the record of {later.date}", m.body)


@rule("QU004", "quorate-record-mismatch", kind="record", category="quorum", severity="error",
      title="Recorded as quorate, but the attendance says not")
def quorate_record_mismatch(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A meeting recorded `quorate: true` was quorate by its recorded attendance.

    ## Why
    Either the attendance or the record is wrong, and decisions may rest on it.
    """
    for m, _body, tor in ctx.facts.held_with_tor():
        if m.quorate_recorded is not True or tor.quorum is None:
            continue
        outcome = ctx.facts.quorum(m)
        if outcome and not outcome.met:
            yield Hit(m.at / "quorate", f"the meeting on {m.date} is recorded as quorate but "
                      f"its attendance does not meet the quorum: {_why(ctx, outcome.unmet)}",
                      "correct the attendance or the quorate record", m.body)


@rule("QU005", "chair-determined-quorum", kind="governance", category="quorum",
      severity="warning", title="A meeting the chair determined quorate")
def chair_determined_quorum(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A held meeting whose attendance falls short of the quorum but whose record carries the
    chair's determination that it was quorate (`quorum_determination: {reason, items}`).
    Where the ToR provides for it (`quorum: chair_may_determine: true`) the meeting counts
    as quorate and this is noted (info), with the reason, so partners can see the quorum
    was decided, not counted. Where the ToR does not, the determination cannot make the
    meeting quorate (warning) and the quorum rules judge it by its attendance.

    ## Why
    Some ToRs let the chair decide that a meeting may proceed ("the Chair may determine
    that the meeting is quorate for the items to be discussed"); the decision and its
    reason must be on the record.

    ## Fails
    ```yaml
    # ToR: quorum: {requires: {present: {}, min: 6}}   (no chair_may_determine)
    quorum_determination: {reason: Police joined by phone for item 3}
    ```

    ## Passes
    The same meeting under a ToR with `chair_may_determine: true` (an info note), or a
    meeting quorate by its attendance.
    """
    for m, _body, tor in ctx.facts.held_with_tor():
        d = m.quorum_determination
        if d is None or tor.quorum is None:
            continue
        items = f" for {', '.join(d.items)}" if d.items else ""
        if tor.quorum.chair_may_determine:
            outcome = ctx.facts.quorum(m)
            if outcome is not None and outcome.determined is not None:
                yield Hit(d.at, f"the chair determined the meeting on {m.date} quorate{items} "
                          f"({d.reason}); by the attendance recorded: "
                          f"{_why(ctx, outcome.unmet)}", "no action needed: the ToR provides "
                          "for the chair's determination", m.body, severity="info")
        elif ctx.facts.evaluate(tor.quorum.requires, _body, m, tor.quorum.deputies_count).met \
                is False:
            yield Hit(d.at, f"the meeting on {m.date} records the chair's determination that it "
                      f"was quorate{items}, but its ToR does not provide for one, so it is "
                      "judged by its attendance", "add chair_may_determine: true to the ToR's "
                      "quorum if the ToR allows it; otherwise remove quorum_determination",
                      m.body)
