"""Terms of reference (TR): reviews, drafts, approval and coverage."""

from __future__ import annotations

from collections.abc import Iterator

from ..dates import EARLIEST
from ..model import Tor, TorVersion, version_key
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
        due = v.next_review  # None: not stated (TR006 says so)
        if due is not None and due < ctx.today:
            yield Hit(v.at / "review" / "last", f"the review of {tor.id} was due on "
                      f"{due} (last reviewed {v.last_reviewed}, every "
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
        due = v.next_review  # None: not stated (TR006 says so)
        if due is not None and ctx.today <= due <= v.review_warn_within.after(ctx.today):
            yield Hit(v.at / "review" / "last", f"the review of {tor.id} is due on "
                      f"{due}", "put the ToR review on the agenda of the next meeting",
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
                continue  # a date or body not stated: TR008 says it cannot be checked
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
                first = tor.versions[0]
                since = "" if first.in_force_stated else ", its approval date"
                yield Hit(m.at / "date", f"no version of {tor.id} was in force on {m.date} "
                          f"(the first starts {first.in_force_from}{since})",
                          "add the ToR version that applied then, or correct in_force_from",
                          body_id)


# ---------------------------------------------------------------- facts the ToR does not state


@rule("TR006", "review-not-stated", kind="governance", category="review", severity="info",
      title="The ToR does not state its review period or last review")
def review_not_stated(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The ToR version in force today gives `review: every` and `review: last`. Where either
    is written `not stated` (or the whole `review: not stated`), minutebook cannot tell
    when the review is due, so `TR001` and `TR002` are not checked, and this note says so.
    It is information, not a fault: many ToRs state no review period.

    ## Why
    A date made up to fill the field would make minutebook judge the partnership by a
    rule it never agreed. Saying "not stated" keeps the record true, and the note keeps
    the gap visible until the partnership decides.

    ## Fails
    ```yaml
    review: {every: not stated, last: not stated}
    ```

    ## Passes
    ```yaml
    review: {every: 12 months, last: 2026-03-18}
    ```
    """
    for tor in ctx.ds.tors.values():
        if not _active(ctx, tor.id):
            continue
        v = _current(ctx, tor)
        if v.review_every is not None and v.last_reviewed is not None:
            continue
        where = v.at / "review"
        if v.review_every is None and v.last_reviewed is None:
            what = "how often it is reviewed or when it was last reviewed"
            hint = ("when the partnership decides a review period, write review: {every: "
                    "12 months, last: YYYY-MM-DD} (the date of the meeting that last "
                    "reviewed it)")
        elif v.review_every is None:
            what, where = "how often it is reviewed", where / "every"
            hint = "when the partnership decides one, write review: every: 12 months"
        else:
            what, where = "when it was last reviewed", where / "last"
            hint = ("write review: last: the date of the meeting that last reviewed it "
                    "(minutebook review does this for you)")
        yield Hit(where, f"version {v.version} of {tor.id} does not state {what}, so "
                  "minutebook cannot tell when its review is due", hint,
                  (_bodies_using(ctx, tor.id) or [None])[0])


@rule("TR007", "in-force-not-stated", kind="governance", category="review", severity="info",
      title="The ToR does not state from when it is in force")
def in_force_not_stated(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each ToR version gives its `in_force_from` date. Where it is written `not stated`,
    minutebook says which date it checks meetings from instead:

    - the version's approval date (`approved: date`), if that is stated;
    - otherwise the date the version before it (by number) came into force: the later
      version replaces it from its start, as minutebook cannot tell when it changed;
    - otherwise (the first version, with no dates at all) every meeting on record, until
      a later version starts.

    ## Why
    Meetings are judged by the version in force on their date. When the ToR gives no date,
    the finding says which version each meeting is judged by, so nobody needs to invent
    a date to make the checks run.

    ## Fails
    ```yaml
    in_force_from: not stated
    approved: {date: 2024-09-18, by: lscp-executive}   # checked from 2024-09-18
    ```

    ## Passes
    ```yaml
    in_force_from: 2024-10-01
    ```
    """
    for tor in ctx.ds.tors.values():
        numbered = sorted(tor.versions, key=lambda v: version_key(v.version))
        for i, v in enumerate(numbered):
            if v.in_force_stated:
                continue
            if v.in_force_basis == "approval":
                what = (f"does not state when it came into force: minutebook checks meetings "
                        f"against it from its approval date, {v.approved_on}")
            elif v.in_force_basis == "previous":
                before = numbered[i - 1].version
                since = ("every meeting on record" if v.in_force_from == EARLIEST else
                         f"meetings from {v.in_force_from}, when version {before} came into "
                         "force,")
                what = (f"states neither when it came into force nor when it was approved: "
                        f"minutebook checks {since} against it, as it cannot tell when it "
                        f"replaced version {before}")
            else:
                what = ("states neither when it came into force nor when it was approved: "
                        "minutebook checks every meeting on record against it"
                        + (" until a later version starts" if len(numbered) > 1 else ""))
            yield Hit(v.at / "in_force_from", f"version {v.version} of {tor.id} {what}",
                      "if the ToR, its cover note or the approving meeting's minutes give the "
                      "date, write in_force_from: YYYY-MM-DD",
                      (_bodies_using(ctx, tor.id) or [None])[0])


@rule("TR008", "approval-not-stated", kind="governance", category="review", severity="info",
      title="An approved ToR does not state when or by whom it was approved")
def approval_not_stated(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    An approved ToR version (`status: approved`) gives the date and the body of its
    approval (`approved: {date, by}`). Where either is written `not stated` (or the whole
    `approved: not stated`), this note says so; if the version was approved at a meeting
    (`at_meeting: true`), that meeting cannot be checked (`TR004`) until the date and the
    body are known.

    ## Why
    Many published ToRs carry no approval date. Recording "not stated" is honest; the note
    asks for the date if the partnership's minutes show it.

    ## Fails
    ```yaml
    status: approved
    approved: not stated
    ```

    ## Passes
    ```yaml
    status: approved
    approved: {date: 2024-09-18, by: lscp-executive}
    ```
    """
    for tor in ctx.ds.tors.values():
        for v in tor.versions:
            if v.status != "approved" or (v.approved_on and v.approved_by):
                continue
            if v.approved_on is None and v.approved_by is None:
                what, where = "when or by whom it was approved", v.at / "approved"
            elif v.approved_on is None:
                what, where = "when it was approved", v.at / "approved" / "date"
            else:
                what, where = "which body approved it", v.at / "approved" / "by"
            unchecked = (", so minutebook cannot check the meeting that approved it"
                         if v.approved_at_meeting else "")
            yield Hit(where, f"version {v.version} of {tor.id} is approved, but does not "
                      f"state {what}{unchecked}",
                      "if the partnership's minutes show it, write approved: {date: "
                      "YYYY-MM-DD, by: <id of the body that approved it>}",
                      (_bodies_using(ctx, tor.id) or [None])[0])
