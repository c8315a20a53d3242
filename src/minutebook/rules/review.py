"""Terms of reference (TR): reviews, drafts, approval and coverage."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Tor, TorVersion
from .base import Context, Hit, rule


def _current(ctx: Context, tor: Tor) -> TorVersion:
    return tor.in_force(ctx.today) or tor.latest


def _bodies_using(ctx: Context, tor_id: str) -> list[str]:
    return sorted(b.id for b in ctx.ds.bodies.values() if b.tor == tor_id)


def _active(ctx: Context, tor_id: str) -> bool:
    return any(b.closed is None or b.closed >= ctx.today
               for b in ctx.ds.bodies.values() if b.tor == tor_id)


@rule("TR001", "review-overdue", kind="governance", category="review", severity="error",
      title="The ToR review is overdue")
def review_overdue(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The ToR in force was last reviewed (`review: last`) no longer ago than its review
    interval (`review: every`): next review = last review + interval, and that date is
    not before today. Reviewed exactly 12 months ago passes; a day later fails.

    ## Why
    "The Terms of Reference will be reviewed annually."

    ## Fails
    ```yaml
    review: {every: 12 months, last: 2025-11-24}   # checked as of 2026-11-25
    ```

    ## Passes
    ```yaml
    review: {every: 12 months, last: 2025-11-25}
    ```
    """
    for tor in ctx.ds.tors.values():
        if not _active(ctx, tor.id):
            continue
        v = _current(ctx, tor)
        if v.next_review < ctx.today:
            yield Hit(v.at / "review" / "last", f"the review of {tor.id} was due on "
                      f"{v.next_review} (last reviewed {v.last_reviewed}, every "
                      f"{v.review_every})", "review the ToR at the next meeting and record it "
                      "with minutebook review, which updates review: last",
                      (_bodies_using(ctx, tor.id) or [None])[0])


@rule("TR002", "review-due-soon", kind="governance", category="review", severity="warning",
      title="The ToR review falls due soon")
def review_due_soon(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Warns when the next review date of the ToR in force is within `review: warn_within`
    (60 days by default) of today.

    ## Why
    A review needs a meeting's notice: put it on the agenda of the next meeting.
    """
    for tor in ctx.ds.tors.values():
        if not _active(ctx, tor.id):
            continue
        v = _current(ctx, tor)
        if ctx.today <= v.next_review <= v.review_warn_within.after(ctx.today):
            yield Hit(v.at / "review" / "last", f"the review of {tor.id} is due on "
                      f"{v.next_review}", "put the ToR review on the agenda of the next meeting",
                      (_bodies_using(ctx, tor.id) or [None])[0])


@rule("TR003", "draft-tor", kind="governance", category="review", severity="warning",
      title="A terms of reference version is still a draft")
def draft_tor(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Flags every ToR version with `status: draft`. Where no approved version has started,
    the draft is what the body's meetings are checked against.

    ## Why
    A body working to an unapproved ToR has no agreed mandate.
    """
    for tor in ctx.ds.tors.values():
        for v in tor.versions:
            if v.status != "draft":
                continue
            in_force = tor.in_force(ctx.today)
            note = (" and is the version in force" if in_force is v
                    else " awaiting approval")
            yield Hit(v.at / "status", f"version {v.version} of {tor.id} is a draft{note}",
                      "once approved, set status: approved and record approved: {date, by}",
                      (_bodies_using(ctx, tor.id) or [None])[0])


@rule("TR004", "approval-meeting", kind="record", category="review", severity="error",
      title="The meeting that approved a ToR did not take place or was not quorate")
def approval_meeting(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A ToR version approved at a meeting (`approved: {date, by, at_meeting: true}`) names
    a held meeting of the approving body on that date, and that meeting was quorate.

    ## Why
    A sub-group's ToR approved by its parent must rest on a real, quorate decision.

    ## Fails
    ```yaml
    approved: {date: 2026-04-16, by: cs-soc-strategic-board, at_meeting: true}
    # but the Board met on 2026-04-15
    ```
    """
    for tor in ctx.ds.tors.values():
        for v in tor.versions:
            if not (v.approved_at_meeting and v.approved_by and v.approved_on):
                continue
            body = ctx.ds.bodies.get(v.approved_by)
            if body is None:
                continue  # RF001 reports it
            m = ctx.ds.meeting(body.id, v.approved_on)
            if m is None or not m.held:
                state = "no meeting" if m is None else f"a {m.status} meeting"
                yield Hit(v.at / "approved", f"{tor.id} {v.version} was approved at a meeting "
                          f"of {body.label} on {v.approved_on}, but the records show {state} "
                          "on that date", "correct the approval date, or add the record of "
                          "that meeting", body.id)
                continue
            if ctx.facts.inquorate(m):
                yield Hit(v.at / "approved", f"{tor.id} {v.version} was approved at the "
                          f"meeting of {body.label} on {v.approved_on}, which was not quorate",
                          "ratify the approval at a quorate meeting and record that date",
                          body.id)


@rule("TR005", "no-tor-in-force", kind="governance", category="review", severity="warning",
      title="A meeting held before any ToR version was in force")
def no_tor_in_force(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every held meeting falls on or after the `in_force_from` date of some version of its
    body's ToR (otherwise none of the ToR's rules can be checked for it).

    ## Why
    A meeting with no ToR in force has no quorum, chair or cadence rules to be checked
    against.
    """
    for body_id, meetings in ctx.ds.meetings.items():
        body = ctx.ds.bodies.get(body_id)
        tor = ctx.ds.tors.get(body.tor) if body else None
        if tor is None:
            continue
        for m in meetings:
            if m.held and tor.in_force(m.date) is None:
                yield Hit(m.at / "date", f"no version of {tor.id} was in force on {m.date} "
                          f"(the first starts {tor.versions[0].in_force_from})",
                          "add the ToR version that applied then, or correct in_force_from",
                          body_id)
