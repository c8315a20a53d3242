"""Attendance (AT): who came, who sent a representative, and who keeps missing."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ..analysis import ATTENDED
from ..model import Body, Expectation, Meeting
from .base import Context, Hit, rule


@rule("AT001", "unrepresented", kind="governance", category="attendance", severity="warning",
      title="A member neither attended nor sent a representative")
def unrepresented(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR requires a representative (`attendance: representative_required:
    true`), every member seat recorded `apologies` or `absent` at a held meeting has its
    organisation represented: by a deputy for the seat, or another seat of the same
    organisation attending.

    ## Why
    "Whereby the identified agency member is unable to attend a representative must be
    identified to attend on their behalf."

    ## Fails
    ```yaml
    attendance:
      wawy-service-manager: apologies   # and nobody else from We Are With You attended
    ```

    ## Passes
    ```yaml
    attendance:
      act-team-manager: {status: deputy, by: Senior Practitioner}
    ```
    """
    for m, body, tor in ctx.facts.held_with_tor():
        if not tor.representative_required:
            continue
        attended_orgs = set()
        for seat_id, att in m.attendance.items():
            seat = body.seat(seat_id)
            if seat is not None and att.status in ATTENDED:
                attended_orgs.add(seat.organisation or seat_id)
        missing: list[str] = []
        first = None
        for seat_id, att in m.attendance.items():
            seat = body.seat(seat_id)
            if seat is None or att.status in ATTENDED:
                continue
            if (seat.organisation or seat_id) in attended_orgs:
                continue
            missing.append(f"{ctx.facts.seat_label(body, seat_id)} ({att.status})")
            first = first or att
        if missing and first is not None:
            yield Hit(first.at, f"at the meeting on {m.date} nobody attended for: "
                      f"{'; '.join(missing)}", "the ToR requires a representative: record who "
                      "attended for each seat (status: deputy, by: <post>), or follow it up "
                      "with the agency", body.id)


def _expected_seats(body: Body, m: Meeting) -> Iterator[str]:
    for seat in body.seats_on(m.date):
        if not seat.vacant_on(m.date):
            yield seat.id


@rule("AT002", "attendance-not-recorded", kind="record", category="attendance", severity="error",
      title="A held meeting's attendance is not recorded")
def attendance_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A held meeting records attendance for every seat that was active (and not vacant) on
    its date: present, deputy, apologies or absent. A held meeting with no attendance at
    all is an error (the record is incomplete: quorum, representation and attendance
    rates cannot be worked out); a register that leaves out some seats is a warning.

    A restricted record (`classification: OFFICIAL-SENSITIVE`) records its attendance
    like any other: the public edition of the site withholds it, and what a finding about
    it says.

    ## Why
    Quorum, representation and attendance rates are only as good as the register.

    ## Fails
    ```yaml
    status: held
    chair: la
    # no attendance: the meeting is recorded as held, but not who came
    ```

    ## Passes
    ```yaml
    status: held
    chair: la
    attendance:
      la: present
      pol: {status: deputy, by: Sergeant}
      vcs: apologies
    ```
    """
    for m, body, _tor in ctx.facts.held_with_tor():
        expected = list(_expected_seats(body, m))
        if not m.attendance and expected:
            ids = ", ".join(expected[:6]) + (f" and {len(expected) - 6} more"
                                              if len(expected) > 6 else "")
            yield Hit(m.at / "status",
                      f"the meeting on {m.date} is recorded as held but records no attendance",
                      f"add 'attendance:' with each seat of {body.name} ({ids}) as present, "
                      "deputy, apologies or absent; if the lines are there with '# ' in front, "
                      "remove the '# '; if the meeting did not take place, write "
                      "status: cancelled", body.id)
            continue
        missing = [s for s in expected if s not in m.attendance]
        if missing:
            names = ", ".join(ctx.facts.seat_label(body, s) for s in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            yield Hit(m.at / "attendance",
                      f"the meeting on {m.date} records no attendance for {names}{more}",
                      "add each seat under attendance: present, deputy, apologies or absent",
                      body.id, severity="warning")


def _attended(m: Meeting, seat_id: str, deputies: bool) -> bool | None:
    att = m.attendance.get(seat_id)
    if att is None:
        return None
    return att.status == "present" or (deputies and att.status == "deputy")


def _units(ctx: Context, body: Body, e: Expectation, meetings: list[Meeting]) -> dict[str, list[tuple[Meeting, bool]]]:
    """For each seat (or organisation) the expectation covers: (meeting, attended) pairs."""
    out: dict[str, list[tuple[Meeting, bool]]] = {}
    for m in meetings:
        roles = ctx.facts.roles_on(body, m.date)
        per_org: dict[str, bool] = {}
        for seat in body.seats_on(m.date):
            if seat.vacant_on(m.date) or not ctx.facts.matches(body, seat, e.applies_to, m, roles):
                continue
            went = _attended(m, seat.id, e.deputies_count)
            if went is None:
                continue
            if e.per == "organisation" and seat.organisation:
                per_org[seat.organisation] = per_org.get(seat.organisation, False) or went
            else:
                out.setdefault(seat.id, []).append((m, went))
        for org, went in per_org.items():
            out.setdefault(org, []).append((m, went))
    return out


def _label(ctx: Context, body: Body, e: Expectation, unit: str) -> str:
    return ctx.facts._org_label(unit) if e.per == "organisation" else ctx.facts.seat_label(body, unit)


@rule("AT003", "low-attendance", kind="governance", category="attendance", severity="warning",
      title="Attendance below the rate the ToR expects")
def low_attendance(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For each attendance expectation with `min_rate` (e.g. `75%`), each seat (or, with
    `per: organisation`, each organisation) it applies to attended at least that share
    of the body's held meetings in the `window` up to today (12 months by default).
    A deputy's attendance counts unless `deputies_count: false`.

    ## Why
    Partnership working depends on every agency being at the table.

    ## Fails
    An organisation that attended 5 of 8 meetings in 12 months, against a 75% expectation.
    """
    for body in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(body, ctx.today)
        if tor is None:
            continue
        for e in tor.expectations:
            if e.min_rate is None:
                continue
            since = e.window.before(ctx.today)
            meetings = [m for m in ctx.facts.held(body.id) if since < m.date <= ctx.today]
            for unit, record in _units(ctx, body, e, meetings).items():
                went = sum(1 for _, a in record if a)
                rate = Fraction(went, len(record))
                if rate < e.min_rate:
                    missed = ", ".join(str(m.date) for m, a in record if not a)
                    yield Hit(e.at, f"{_label(ctx, body, e, unit)} attended {went} of "
                              f"{len(record)} meetings of {body.label} since {since} "
                              f"({float(rate):.0%}; expected {float(e.min_rate):.0%}); missed "
                              f"{missed}", "raise attendance with the agency's lead", body.id)


@rule("AT004", "missed-meetings", kind="governance", category="attendance", severity="warning",
      title="A member missed too many meetings")
def missed_meetings(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    With `max_consecutive_missed: N`, no seat (or organisation) misses N meetings in a
    row; with `max_missed_in_window: N`, none misses N or more within the window. The
    finding names the meetings missed, so the chair can follow it up, and quotes what
    the ToR says follows (`consequence:`, e.g. "membership will be reviewed").

    ## Fails
    ```yaml
    # expectations: [{max_consecutive_missed: 3, deputies_count: false}]
    # a seat with apologies at three meetings in a row
    ```
    """
    for body in ctx.ds.bodies.values():
        tor = ctx.facts.tor_on(body, ctx.today)
        if tor is None:
            continue
        for e in tor.expectations:
            if not (e.max_consecutive_missed or e.max_missed_in_window):
                continue
            since = e.window.before(ctx.today)
            then = f"; the ToR says: {e.consequence}" if e.consequence else ""
            hint = (f"as the ToR says: {e.consequence}" if e.consequence
                    else "the chair should follow this up with the agency")
            meetings = [m for m in ctx.facts.held(body.id) if m.date <= ctx.today]
            for unit, record in _units(ctx, body, e, meetings).items():
                label = _label(ctx, body, e, unit)
                if e.max_consecutive_missed:
                    run: list[Meeting] = []
                    for m, went in record:
                        run = [] if went else [*run, m]
                        if len(run) == e.max_consecutive_missed:
                            yield Hit(m.at / "attendance" / unit if e.per == "seat" else m.at,
                                      f"{label} has missed {len(run)} meetings in a row: "
                                      f"{', '.join(str(x.date) for x in run)}{then}",
                                      hint, body.id)
                if e.max_missed_in_window:
                    missed = [m for m, went in record if not went and m.date > since]
                    if len(missed) >= e.max_missed_in_window:
                        yield Hit(e.at, f"{label} missed {len(missed)} meetings since "
                                  f"{since}: {', '.join(str(x.date) for x in missed)}{then}",
                                  hint, body.id)


@rule("AT005", "substitute-not-agreed", kind="governance", category="attendance", severity="warning",
      title="A substitute attended without the chair's agreement")
def substitute_not_agreed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    For a seat whose substitutes need the chair's agreement
    (`substitutes_need_chair_agreement: true`), a deputy's attendance records
    `chair_agreed: true`. Without it the deputy does not count towards the quorum.

    ## Why
    Where the ToR lets substitutes attend only with the chair's agreement, an unagreed
    substitute does not represent the seat.
    """
    for m, body, _tor in ctx.facts.held_with_tor():
        for seat_id, att in m.attendance.items():
            seat = body.seat(seat_id)
            if (seat and seat.substitutes_need_chair_agreement and att.status == "deputy"
                    and not att.chair_agreed):
                yield Hit(att.at, f"a substitute attended for {ctx.facts.seat_label(body, seat_id)}"
                          f" on {m.date} without the chair's agreement recorded, so does not "
                          "count towards the quorum", "record chair_agreed: true if the chair "
                          "agreed in advance", body.id)
