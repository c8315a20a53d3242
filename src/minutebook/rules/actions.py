"""Actions (AC): the tracker kept and reviewed."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, rule


@rule("AC001", "action-overdue", kind="governance", category="actions", severity="warning",
      title="An open action is past its due date")
def action_overdue(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No action with `status: open` has a due date (its `due`, or the latest `due` set in
    an update) before today.

    ## Why
    "Any actions are recorded, and a tracker kept."

    ## Fails
    ```yaml
    - id: sg-901
      status: open
      due: 2026-10-28      # checked as of 2026-11-25
    ```
    """
    for a in ctx.ds.actions:
        if a.is_open and a.current_due < ctx.today:
            yield Hit(a.at / "due", f"action {a.id} was due on {a.current_due} and is still open",
                      "record an update: done (with closed:), a new due date, or escalate it",
                      a.body)


@rule("AC002", "action-not-reviewed", kind="governance", category="actions", severity="warning",
      title="An action was not reviewed at the next meeting")
def action_not_reviewed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says actions are reviewed at the next meeting
    (`actions: review_at_next_meeting: true`), every action still open at the first
    held meeting of its body after the one that raised it has an update recorded at
    that meeting.

    ## Why
    "... a tracker kept to be reviewed at the next meeting."

    An update reported between meetings (`date:` and `by:` instead of `meeting:`),
    dated after the action was raised and no later than that next meeting, counts as
    its follow-up too.

    ## Passes
    ```yaml
    updates:
      - {meeting: 2026-02-25, note: Data return received; closed., status: done}
    ```
    or, reported by e-mail before that meeting:
    ```yaml
    updates:
      - {date: 2026-02-10, by: email, note: Data return sent to the chair.}
    ```
    """
    for a in ctx.ds.actions:
        body = ctx.ds.bodies.get(a.body)
        if body is None:
            continue
        tor = ctx.facts.tor_on(body, a.raised)
        if tor is None or not tor.actions_review_at_next_meeting:
            continue
        nxt = ctx.facts.next_held(a.body, a.raised)
        if nxt is None or nxt.date > ctx.today:
            continue
        if a.closed and a.closed < nxt.date:
            continue
        if not any(u.meeting == nxt.date if u.by is None else a.raised < u.meeting <= nxt.date
                   for u in a.updates):
            yield Hit(a.at / "updates" if a.updates else a.at,
                      f"action {a.id} (raised {a.raised}) has no update from the next meeting "
                      f"on {nxt.date}", f"add an update with meeting: {nxt.date} (or, if it "
                      "was reported before then, one with date: and by:)", a.body)


@rule("AC003", "escalation-target", kind="record", category="actions", severity="error",
      title="An escalated action does not name an existing body")
def escalation_target(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An action with `status: escalated` names the body it was escalated to
    (`escalated_to:`), and that body exists and is not the action's own body.

    ## Why
    "Issues for escalation to the Board": an escalation that goes nowhere is lost.
    """
    for a in ctx.ds.actions:
        if a.status != "escalated" and a.escalated_to is None:
            continue
        if a.escalated_to is None:
            yield Hit(a.at / "status", f"action {a.id} is escalated but does not say to which "
                      "body", "add escalated_to: <body id>", a.body)
        elif a.escalated_to not in ctx.ds.bodies and not ctx.ds.known("body", a.escalated_to):
            yield Hit(a.at / "escalated_to", f"action {a.id} is escalated to "
                      f"'{a.escalated_to}', which is not a body", "use the id of a body in "
                      "governance/bodies/", a.body)
        elif a.escalated_to == a.body:
            yield Hit(a.at / "escalated_to", f"action {a.id} is escalated to its own body",
                      "escalate to the parent body the group reports to", a.body)


@rule("AC004", "closed-action-dates", kind="record", category="actions", severity="warning",
      title="A finished action without a closing date, or an open one with one")
def closed_action_dates(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An action with `status: done` or `dropped` records when (`closed:`), not in the
    future; an open action has no `closed:` date.

    ## Why
    A finished action without a date cannot show when it was closed, and the report to
    parent bodies counts actions closed in each period.
    """
    for a in ctx.ds.actions:
        if a.status in ("done", "dropped") and a.closed is None:
            yield Hit(a.at / "status", f"action {a.id} is {a.status} but has no closed: date",
                      "add closed: with the date of the meeting that closed it", a.body)
        elif a.closed and a.closed > ctx.today:
            yield Hit(a.at / "closed", f"action {a.id} is closed on a future date ({a.closed})",
                      "correct the date", a.body)
        elif a.is_open and a.closed:
            yield Hit(a.at / "closed", f"action {a.id} is open but has a closed: date",
                      "set status: done, or remove closed:", a.body)


@rule("AC005", "closed-before-raised", kind="record", category="actions", severity="error",
      title="An action closed before it was raised")
def closed_before_raised(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An action's `closed:` date is not before its `raised:` date.

    ## Why
    An action cannot be finished before the meeting that raised it: one of the two dates
    is mistyped, and the tracker, the reports to parent bodies and the open data would
    count it in the wrong period.

    ## Fails
    ```yaml
    - id: sg-901
      raised: 2026-03-11
      status: done
      closed: 2026-01-14
    ```
    """
    for a in ctx.ds.actions:
        if a.closed and a.closed < a.raised:
            yield Hit(a.at / "closed", f"action {a.id} is closed on {a.closed}, before it was "
                      f"raised on {a.raised}", "correct the closed: date (or the raised: date): "
                      "an action is closed on or after the day it was raised", a.body)
