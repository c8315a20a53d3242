"""Deadlines (DL): papers, agendas and draft minutes on time, in calendar or working days."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, rule


@rule("DL001", "deadline-missed", kind="governance", category="deadlines", severity="warning",
      title="Something was done later than the ToR's deadline")
def deadline_missed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each deadline in the ToR (`deadlines: [{milestone, due}]`), the date recorded in
    a meeting's `milestones:` is no later than the deadline. Deadlines count calendar
    days, or working days, which skip weekends, the bank holidays of the body's nation
    (the body's `nation`, else its partnership's, else the repository's) and the
    repository's `closure_days`.

    ## Why
    "The data for the meeting should be provided in advance with a brief analysis."

    ## Fails
    ```yaml
    # deadlines: [{milestone: papers-circulated, due: 5 working days before the meeting}]
    date: 2026-04-08          # Easter Monday 6 April and Good Friday 3 April skipped
    milestones: {papers-circulated: 2026-03-31}   # due by 2026-03-30
    ```

    ## Passes
    `papers-circulated: 2026-03-30`.

    For a Scottish body (`nation: scotland`) 2 January is a bank holiday too: papers due
    5 working days before a meeting on Friday 9 January 2026 are due by 31 December 2025,
    not by 2 January as in England and Wales.
    """
    for body_id, meetings in ctx.ds.meetings.items():
        body = ctx.ds.bodies.get(body_id)
        if body is None:
            continue
        cal = ctx.ds.calendar_of(body)  # the bank holidays of the body's nation
        for m in meetings:
            if m.status == "cancelled":
                continue
            tor = ctx.facts.tor_on(body, m.date)
            for d in tor.deadlines if tor else ():
                done = m.milestones.get(d.milestone)
                if done is None:
                    continue
                due = cal.deadline(m.date, d.offset)
                if done > due:
                    late = (done - due).days
                    yield Hit(m.at / "milestones" / d.milestone, f"{d.name} on {done} for the "
                              f"meeting on {m.date}: due by {due} ({d.offset}), {late} day(s) "
                              "late", "circulate earlier next time; the record stays as it "
                              "happened", body_id)


@rule("DL002", "milestone-not-recorded", kind="record", category="deadlines", severity="warning",
      title="The date of a deadline's milestone is not recorded")
def milestone_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Once a ToR deadline has passed, the meeting records when the milestone happened: for
    a held or scheduled meeting, a "before the meeting" milestone once its due date has
    passed; an "after the meeting" milestone (e.g. draft minutes circulated) once its due
    date has passed.

    ## Why
    Without the date, nobody can tell whether papers went out on time.
    """
    for body_id, meetings in ctx.ds.meetings.items():
        body = ctx.ds.bodies.get(body_id)
        if body is None:
            continue
        cal = ctx.ds.calendar_of(body)  # the bank holidays of the body's nation
        for m in meetings:
            if m.status == "cancelled" or (m.status == "scheduled" and m.date < ctx.today):
                continue
            tor = ctx.facts.tor_on(body, m.date)
            for d in tor.deadlines if tor else ():
                if d.milestone in m.milestones:
                    continue
                due = cal.deadline(m.date, d.offset)
                if due < ctx.today and (m.held or d.offset.before):
                    yield Hit(m.at / "milestones" if m.milestones else m.at,
                              f"the meeting on {m.date} does not record when the "
                              f"{d.name} happened (due by {due})",
                              f"add milestones: {{{d.milestone}: YYYY-MM-DD}}", body_id)
