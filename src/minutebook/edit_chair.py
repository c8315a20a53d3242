"""A new term of a chairing office, as an edit of the body's file (``minutebook chair``).

The new term is added at the end of the body's ``chair_terms:`` list, written like the
terms already there, and the term it replaces ends the day before (``until:``; a later
``until:`` already planned is replaced, and the command says so), so the office is never
recorded as held by two seats at once (two holders of a one-place office
on one day are ``CH017``'s error, or ``CH013``'s where the ToR declares the office).

Which term is replaced: a declared vacancy of the office running on the day, else, where
the office is full (one place for a chair or co-chair unless the ToR's office says
``holders:``; the ``chair:`` block's ``vice_chairs: max``), its one holder, or the one
named with ``--replacing`` when there are several.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .analysis import Analysis
from .dates import in_words
from .model import VACANT, Body, ChairTerm
from .scaffold import ScaffoldError, did_you_mean
from .yamledit import TextEdit

ROLES = ("chair", "co-chair", "vice-chair", "other")
HOW = ("rotation", "appointed", "elected", "ex-officio", "interim")


@dataclass(frozen=True, slots=True)
class NewTerm:
    """The new text of the body's file and what was done, in words."""

    text: str
    index: int  # of the new term in chair_terms
    said: list[str]


def _office(facts: Analysis, body: Body, name: str, day: date) -> tuple[str, str | None, int | None]:
    """(role, office id or None, places) of the office called ``name`` on ``day``: a
    ToR office id, or a role."""
    tor = facts.tor_on(body, day)
    offices = tor.offices if tor else ()
    declared = next((o for o in offices if o.id == name and o.declared), None)
    if declared is not None:
        return declared.role, declared.id, declared.holders_max
    if name not in ROLES:
        ids = [o.id for o in offices if o.declared]
        raise ScaffoldError(f"'{name}' is not an office of {body.label}."
                            f"{did_you_mean(name, [*ROLES, *ids])} Use one of: "
                            f"{', '.join([*ROLES, *ids])}")
    same = [o for o in offices if o.role == name]
    if len(same) == 1 and same[0].declared:
        return name, same[0].id, same[0].holders_max
    if len(same) > 1 and any(o.declared for o in same):
        raise ScaffoldError(f"the ToR of {body.label} has several {name} offices ("
                            f"{', '.join(o.id for o in same)}); name one with --office")
    if name == "vice-chair":
        return name, None, tor.chair.vice_chairs_max if tor and tor.chair else None
    return name, None, 1 if name in ("chair", "co-chair") else None


def _of(t: ChairTerm, role: str, office: str | None) -> bool:
    if t.via:
        return False
    return t.office == office if office else t.role == role


def plan_term(facts: Analysis, body: Body, before: str, seat: str, day: date, office: str,
              how: str | None, replacing: str | None, today: date) -> NewTerm:
    """The body file's text with the new term added and the replaced one ended."""
    if seat != VACANT and body.seat(seat) is None:
        raise ScaffoldError(f"'{seat}' is not a seat of {body.label}."
                            f"{did_you_mean(seat, [s.id for s in body.seats])}\nThe seats "
                            f"of {body.id} on {day}: "
                            f"{', '.join(s.id for s in body.seats_on(day))}")
    if seat != VACANT and not any(s.id == seat for s in body.seats_on(day)):
        raise ScaffoldError(f"the seat '{seat}' is not a seat of {body.label} on {day}")
    if body.established and day < body.established:
        raise ScaffoldError(f"{body.label} was established on {body.established}, after {day}")
    if day > today + timedelta(days=366):
        raise ScaffoldError(f"{day} is more than a year away; record the term nearer the time")
    role, office_id, places = _office(facts, body, office, day)
    terms = [t for t in body.chair_terms if _of(t, role, office_id)]
    name = office_id or role
    later = [t for t in terms if t.start >= day]
    if any(t.start == day and t.seat == seat for t in later):
        raise ScaffoldError(f"a term of {name} for {seat} from {day} is already recorded")
    if later:
        t = min(later, key=lambda t: t.start)
        raise ScaffoldError(f"a term of {name} from {t.start} ({t.seat}) is recorded after "
                            f"{day}; edit chair_terms by hand")
    running = [t for t in terms if t.end is None or t.end >= day]
    if seat != VACANT and replacing != seat and any(t.seat == seat for t in running):
        raise ScaffoldError(f"{seat} already holds the office of {name} on {day}")
    if replacing is not None:
        ended = [t for t in running if t.seat == replacing]
        if not ended:
            held = ", ".join(t.seat for t in running) or "nobody"
            raise ScaffoldError(f"'{replacing}' does not hold the office of {name} on {day} "
                                f"(held by: {held})")
    else:
        ended = [t for t in running if t.vacant]
        holders = [t for t in running if not t.vacant]
        if not ended and places is not None and len(holders) >= places:
            if len(holders) > 1:
                raise ScaffoldError(f"the office of {name} is held on {day} by "
                                    f"{', '.join(t.seat for t in holders)}; say which term "
                                    "ends with --replacing SEAT")
            ended = holders
    if how is not None and how not in HOW:
        raise ScaffoldError(f"--how '{how}' is not one of: {', '.join(HOW)}."
                            f"{did_you_mean(how, HOW)}")

    edit = TextEdit(before, body.at.file)
    raw = edit.data.get("chair_terms") or []
    if not isinstance(raw, list):
        raise ScaffoldError(f"chair_terms in {body.at.file} is not a list")
    until = (day - timedelta(days=1)).isoformat()
    expected = {**edit.data, "chair_terms": [dict(x) for x in raw]}
    said = []
    for t in ended:
        i = t.at.path[-1]
        if t.at.file != body.at.file or not isinstance(i, int) or i >= len(raw):
            raise ScaffoldError(f"cannot find the term of {t.seat} in {body.at.file}")
        edit.set_value(("chair_terms", i), "until", until)
        expected["chair_terms"][i]["until"] = until
        said.append(f"Ended the term of {t.seat} as {name} (from {t.start}) on {until}.")
        if t.end is not None and t.end > day - timedelta(days=1):  # a planned end, replaced
            said.append(f"The previous term was planned to end on {in_words(t.end)}; it now "
                        f"ends on {in_words(day - timedelta(days=1))}.")
    item: list[tuple[str, str]] = [("office", office_id) if office_id and office_id != role
                                   else ("role", role), ("seat", seat), ("from", day.isoformat())]
    if how:
        item.append(("how", how))
    edit.append_item((), "chair_terms", item)
    expected["chair_terms"].append(dict(item))
    text = edit.result(expected)
    said.insert(0, f"Recorded {seat} as {name} from {day} in {body.at.file}.")
    return NewTerm(text, len(raw), said)
