"""What is an organisation's: the actions it owns, the seats it holds and the meetings
where it sits (issue 18.3). Pure functions of the model, for the organisation pages and
the action tracker's filters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..analysis import Analysis
from ..model import Action, Body, Combination, Dataset, Meeting, Present, Requirement, Seat

OPEN = ("open", "escalated")


def action_organisation(ds: Dataset, a: Action) -> str | None:
    """The organisation that owns an action: the one named, else its owner seat's."""
    if a.owner_organisation:
        return a.owner_organisation
    body = ds.bodies.get(a.body)
    seat = body.seat(a.owner_seat) if body and a.owner_seat else None
    return seat.organisation if seat else None


def is_overdue(a: Action, today: date) -> bool:
    """Open and past its (re-scheduled) due date."""
    return a.is_open and a.current_due < today


def status_tokens(a: Action, today: date) -> str:
    """The action's status as the tracker's status filter matches it ("open overdue")."""
    return a.status + (" overdue" if is_overdue(a, today) else "")


def open_actions_of(ds: Dataset, actions: Iterable[Action], org_id: str,
                    today: date) -> list[Action]:
    """An organisation's open (and escalated) actions: overdue first, then by due date."""
    mine = [a for a in actions
            if a.status in OPEN and action_organisation(ds, a) == org_id]
    return sorted(mine, key=lambda a: (not is_overdue(a, today), a.current_due, a.body, a.id))


def seats_of(ds: Dataset, org_id: str, day: date) -> list[tuple[Body, Seat]]:
    """The seats an organisation holds on a day, by body name then post."""
    out = [(b, s) for b in ds.bodies.values() for s in b.seats_on(day)
           if s.organisation == org_id]
    return sorted(out, key=lambda bs: (bs[0].label, bs[1].post or "", bs[1].id))


def _leaves(req: Requirement) -> Iterator[Present]:
    if isinstance(req, Combination):
        for item in req.items:
            yield from _leaves(item)
    else:
        yield req


def counts_to_quorum(facts: Analysis, body: Body, seat: Seat, day: date) -> bool | None:
    """Whether a seat is one the quorum in force on a day counts (None: no quorum rule)."""
    tor = facts.tor_on(body, day)
    if tor is None or tor.quorum is None:
        return None
    roles = facts.roles_on(body, day)
    return any(facts.matches(body, seat, leaf.selector, roles=roles)
               for leaf in _leaves(tor.quorum.requires))


def upcoming_where_sits(ds: Dataset, org_id: str, meetings: Iterable[Meeting]) -> list[Meeting]:
    """The meetings (scheduled, upcoming) of bodies where the organisation holds a seat on
    the meeting's date, in the order given."""
    out = []
    for m in meetings:
        body = ds.bodies.get(m.body)
        if body and any(s.organisation == org_id for s in body.seats_on(m.date)):
            out.append(m)
    return out


def papers_deadline(facts: Analysis, body: Body, m: Meeting) -> date | None:
    """When papers are due for a meeting, where its ToR sets a papers deadline."""
    tor = facts.tor_on(body, m.date)
    if tor is None or not any(d.milestone == "papers-circulated" for d in tor.deadlines):
        return None
    return facts.papers_due(body, m)
