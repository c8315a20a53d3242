"""Minutes (MN), declarations of interest (DI) and decisions (DC)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model import Meeting
from .base import Context, Hit, rule


@rule("MN001", "minutes-not-approved", kind="governance", category="minutes", severity="warning",
      title="Minutes not approved at the next meeting")
def minutes_not_approved(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says minutes are approved at the next meeting (`minutes: approval:
    next-meeting`), once the next held meeting has taken place the earlier meeting's
    record says `minutes: {status: approved, approved_at: <that date>}`. Where the ToR
    declares kinds of meeting (`meeting_kinds:`), only those that approve minutes count
    (ordinary ones, and any kind with `approves_minutes: true`): an annual or
    extraordinary meeting in between is passed over, and minutes approved at one are
    reported.

    ## Why
    Unapproved minutes are not an agreed record. (The site shows a clear DRAFT banner on
    every record whose minutes are not approved.)

    ## Fails
    ```yaml
    minutes: {status: draft}     # and the next meeting has been held
    ```
    """
    for m, body, tor in ctx.facts.held_with_tor():
        if tor.minutes_approval != "next-meeting":
            continue
        kinds = ctx.facts.has_kinds(body)
        nxt, skipped = _next_approving(ctx, body.id, m.date) if kinds else (
            ctx.facts.next_held(body.id, m.date), False)
        if nxt is None or nxt.date > ctx.today:
            continue
        the_next = "the next meeting to approve minutes" if skipped else "the next meeting"
        at = ctx.ds.meeting(body.id, m.minutes_approved_at) \
            if kinds and m.minutes_approved_at else None
        kind = ctx.facts.kind_of(at) if at is not None and at.held else None
        if m.minutes_status != "approved":
            yield Hit(m.at / "minutes" if m.minutes_status else m.at,
                      f"the minutes of {m.date} are not recorded as approved; {the_next} "
                      f"was on {nxt.date}", f"record minutes: {{status: approved, approved_at: "
                      f"{nxt.date}}} once that meeting approved them", body.id)
        elif at is not None and kind is not None and not kind.approves_minutes:
            yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} were "
                      f"approved at the {at.kind} meeting of {at.date}, which under the ToR "
                      f"does not approve minutes; {the_next} was on {nxt.date}",
                      "have the minutes approved at a meeting of a kind that approves them "
                      "(ordinary, unless the ToR says otherwise)", body.id)
        elif m.minutes_approved_at and m.minutes_approved_at != nxt.date:
            yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} were approved "
                      f"on {m.minutes_approved_at}, not at the next meeting ({nxt.date})",
                      "approve minutes at the next meeting", body.id)


def _next_approving(ctx: Context, body_id: str, after: date) -> tuple[Meeting | None, bool]:
    """The first held meeting after a date of a kind that approves minutes, and whether a
    held meeting of another kind came first."""
    skipped = False
    nxt = ctx.facts.next_held(body_id, after)
    while nxt is not None:
        kind = ctx.facts.kind_of(nxt)
        if kind is None or kind.approves_minutes:
            return nxt, skipped
        skipped = True
        nxt = ctx.facts.next_held(body_id, nxt.date)
    return None, skipped


@rule("MN002", "approval-date", kind="record", category="minutes", severity="error",
      title="Minutes approved at a meeting that does not exist")
def approval_date(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    `minutes: approved_at:` names a later held meeting of the same body; approved minutes
    say when they were approved. Where the ToR has minutes approved by correspondence
    (`minutes: approval: correspondence`), `approved_at` is the day they were approved,
    from the day of the meeting to today, and no meeting is needed on it.

    ## Why
    Minutes approved at a meeting that did not happen are not an agreed record.
    """
    for m, body, tor in ctx.facts.held_with_tor():
        at = m.minutes_approved_at
        if m.minutes_status == "approved" and at is None:
            yield Hit(m.at / "minutes", f"the minutes of {m.date} are approved but do not say "
                      "at which meeting", "add approved_at: <date of that meeting>", body.id)
        if at is None:
            continue
        later = ctx.ds.meeting(body.id, at)
        by_correspondence = tor is not None and tor.minutes_approval == "correspondence"
        if by_correspondence:  # a day, from the meeting's own (approved that evening) on
            if at < m.date:
                yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} cannot "
                          f"have been approved on {at}, before the meeting",
                          "approved_at is the day they were approved, after the meeting",
                          body.id)
            elif at > ctx.today:
                yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} are "
                          f"recorded as approved on {at}, after today",
                          "write the day they were approved by correspondence", body.id)
        elif at <= m.date:
            yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} cannot be "
                      f"approved at a meeting on {at}, which is not later",
                      "approved_at is the date of a later meeting", body.id)
        elif later is None or not later.held:
            yield Hit(m.at / "minutes" / "approved_at", f"the minutes of {m.date} were approved "
                      f"on {at}, but {body.label} has no held meeting on that date",
                      "check the date of the meeting that approved them (or, where the ToR "
                      "has them approved by e-mail, set minutes: approval: correspondence in "
                      "the ToR)", body.id)
        if m.minutes_status == "draft":
            yield Hit(m.at / "minutes" / "status", f"the minutes of {m.date} say draft but "
                      f"have an approval date ({at})", "set status: approved", body.id)


@rule("DI001", "declarations-not-recorded", kind="governance", category="declarations", severity="warning",
      title="Declarations of interest not recorded")
def declarations_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR makes declarations of interest a standing item (`declarations:
    required: true`), every held meeting records them: a list, or `declarations: none`.

    ## Why
    Where declarations are a standing item, a record without them cannot show that
    conflicts were managed; 'none' is a valid record.

    ## Passes
    ```yaml
    declarations: none
    ```
    """
    for m, body, tor in ctx.facts.held_with_tor():
        if tor.declarations_required and m.declarations is None:
            yield Hit(m.at, f"the meeting on {m.date} does not record declarations of interest",
                      "add declarations: none, or list each {seat, item, interest, action}",
                      body.id)


@rule("DI002", "declaration-by-absent-member", kind="governance", category="declarations", severity="warning",
      title="A declaration of interest by a member who was not there")
def declaration_by_absent_member(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Each declaration of interest at a held meeting is made for a seat that attended
    (in person or by a deputy).

    ## Why
    Usually the declaration or the attendance was recorded against the wrong seat.

    ## Fails
    ```yaml
    attendance: {education-representative: apologies, ...}
    declarations:
      - {seat: education-representative, item: Partner contributions, interest: ...}
    ```
    """
    for m, body, _tor in ctx.facts.held_with_tor():
        for d in m.declarations or ():
            att = m.attendance.get(d.seat)
            if att is not None and att.status not in ("present", "deputy"):
                yield Hit(d.at / "seat", f"{ctx.facts.seat_label(body, d.seat)} declared an "
                          f"interest on {m.date} but is recorded as {att.status}",
                          "check which seat declared, and the attendance", body.id)


@rule("DC001", "vote-not-carried", kind="governance", category="decisions", severity="error",
      title="A decision recorded on a vote that did not reach the threshold")
def vote_not_carried(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A decision taken by vote has enough votes for it: more for than against (a simple
    majority), or at least the ToR's `decisions: threshold` (e.g. `2/3`) of the votes cast.
    On a tie, the chair's casting vote decides where the ToR gives one
    (`casting_vote: chair`; record `votes: {casting_vote: for}`).

    ## Fails
    ```yaml
    votes: {for: 4, against: 4}     # no casting vote recorded
    ```
    """
    for m, body, tor in ctx.facts.held_with_tor():
        rules = tor.decisions
        for d in m.decisions:
            if d.votes_for is None or d.votes_against is None:
                continue
            cast = d.votes_for + d.votes_against
            if rules and rules.threshold is not None:
                ok = cast > 0 and d.votes_for >= rules.threshold * cast
                need = f"{rules.threshold} of the votes cast"
            else:
                ok = d.votes_for > d.votes_against
                need = "a majority"
                if d.votes_for == d.votes_against and rules and rules.casting_vote == "chair":
                    ok = d.casting_vote == "for"
                    need = "a majority or the chair's casting vote"
            if not ok:
                yield Hit(d.at / "votes", f"decision {d.id} on {m.date} had {d.votes_for} for "
                          f"and {d.votes_against} against; it needed {need}",
                          "record it as not agreed, or correct the votes", body.id)


@rule("DC002", "decision-without-required-members", kind="governance", category="decisions", severity="error",
      title="A decision taken without the members the ToR requires")
def decision_without_required(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says who must be present for any decision (`decisions: requires:`, a
    requirement like a quorum's, e.g. every statutory partner), every held meeting that
    records decisions met it.

    ## Why
    "In line with their equal and joint responsibility ... make decisions": a decision
    needs every statutory partner.
    """
    for m, body, tor in ctx.facts.held_with_tor():
        if not m.decisions or not tor.decisions or tor.decisions.requires is None:
            continue
        outcome = ctx.facts.evaluate(tor.decisions.requires, body, m)
        if not outcome.met:
            yield Hit(m.at / "decisions", f"the meeting on {m.date} records decisions without "
                      f"{'; '.join(outcome.unmet)}", "defer the decision until those members "
                      "are present", body.id)


@rule("DC003", "dissent-not-recorded", kind="governance", category="decisions", severity="warning",
      title="Votes against a decision, but no dissent recorded")
def dissent_not_recorded(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR says dissent is recorded (`decisions: record_dissent: true`), a decision
    with votes against names the dissenting seats (`dissent: [seat, ...]`).

    ## Why
    Partners are entitled to have their disagreement minuted; the ToR asks for it.
    """
    for m, body, tor in ctx.facts.held_with_tor():
        if not tor.decisions or not tor.decisions.record_dissent:
            continue
        for d in m.decisions:
            if d.votes_against and not d.dissent:
                yield Hit(d.at, f"decision {d.id} on {m.date} had {d.votes_against} vote(s) "
                          "against but records no dissent", "list the seats under dissent:",
                          body.id)


@rule("DC004", "decision-method", kind="governance", category="decisions", severity="warning",
      title="A decision taken by a method the ToR does not use")
def decision_method(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Where the ToR names how decisions are made (`decisions: method: consensus` or
    `vote`), each decision that records its method uses that one; a vote records its
    votes.

    ## Why
    A vote at a body that decides by consensus (or the reverse) usually means the record
    or the ToR is wrong.
    """
    for m, body, tor in ctx.facts.held_with_tor():
        for d in m.decisions:
            if tor.decisions and tor.decisions.method and d.method and \
                    d.method != tor.decisions.method:
                yield Hit(d.at / "method", f"decision {d.id} on {m.date} was taken by "
                          f"{d.method}; the ToR says decisions are by {tor.decisions.method}",
                          "check the record, or the ToR", body.id)
            if d.method == "vote" and d.votes_for is None:
                yield Hit(d.at, f"decision {d.id} on {m.date} was a vote but records no votes",
                          "add votes: {for: N, against: N}", body.id)
