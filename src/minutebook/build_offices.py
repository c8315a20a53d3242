"""Offices from a ToR (``offices:``, and the ``chair:`` block translated into offices),
and a body's chair terms tied to them once everything is read.

One form for the rules to check: every office has its own eligibility, term, rotation,
election and vacancy. ``chair:`` gives three offices (``chair``, ``co-chair`` and
``vice-chair``) with the rules it has always had; an office of the same role under
``offices:`` takes the place of the translated one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .dates import Duration
from .model import (
    At,
    Body,
    Chairing,
    ChairTerm,
    Dataset,
    Office,
    Rotation,
    TermLimit,
    TorVersion,
)

ROLES = ("chair", "co-chair", "vice-chair", "other")


def _dur(value: str | None) -> Duration | None:
    return Duration.parse(value) if value else None


def _rotation(rot: dict[str, Any]) -> Rotation:
    return Rotation(Duration.parse(rot["every"]), _dur(rot.get("tolerance")),
                    rot.get("between", "organisation"),
                    _dur(rot.get("warn_within")) or Duration(30, "day"))


def _term(d: dict[str, Any] | None, elected: dict[str, Any]) -> TermLimit | None:
    if d:
        return TermLimit(Duration.parse(d["length"]), d.get("max_consecutive"),
                         _dur(d.get("tolerance")))
    if elected.get("every"):  # "elected every year": each term lasts at most that long
        return TermLimit(Duration.parse(elected["every"]), None, _dur(elected.get("tolerance")))
    return None


def office(d: dict[str, Any], at: At) -> Office:
    """One entry of a ToR's ``offices:``."""
    from .build import selector

    elig = dict(d.get("eligible") or {})
    excluded = elig.pop("not", None)
    member_of = elig.pop("member_of", None)
    holders = d.get("holders", {"max": 1})  # one place unless the ToR says otherwise
    if isinstance(holders, int):
        holders = {"min": holders, "max": holders}
    held_by = d.get("held_by")
    elected = d.get("elected") or {}
    rot = d.get("rotation")
    return Office(
        d["id"], d.get("title", ""), d.get("role", "other"), d.get("seat"),
        selector(elig) if elig else None, selector(excluded) if excluded else None,
        frozenset([member_of] if isinstance(member_of, str) else member_of or ()),
        _term(d.get("term"), elected), _rotation(rot) if rot else None,
        tuple(rot.get("order", ())) if rot else (), elected.get("at"),
        int(holders.get("min", 0)), holders.get("max"),
        _dur((d.get("vacancy") or {}).get("allowed_for")),
        (held_by["body"], held_by["office"]) if held_by else None, True, at)


def translated(c: Chairing) -> tuple[Office, ...]:
    """The offices a ``chair:`` block has always meant: the chair (its eligibility, term,
    rotation, fixed seat and vacancy limit), co-chairs (the chair's eligibility) and
    vice-chairs (their number and eligibility)."""
    return (
        Office("chair", "", "chair", c.seat if c.method == "fixed" else None, c.eligible,
               term=c.term, rotation=c.rotation if c.method == "rotation" else None,
               vacancy_limit=c.vacancy_limit, declared=False, at=c.at),
        Office("co-chair", "", "co-chair", eligible=c.eligible, holders_max=None,
               declared=False, at=c.at / "co_chair"),
        Office("vice-chair", "", "vice-chair", eligible=c.vice_chairs_eligible,
               holders_min=c.vice_chairs_min, holders_max=c.vice_chairs_max, declared=False,
               at=c.at / "vice_chairs"),
    )


def offices(data: Any, chair: Chairing | None, at: At) -> tuple[Office, ...]:
    """Every office of a ToR version: those under ``offices:``, then those of ``chair:``
    whose role no declared office has."""
    declared = tuple(office(d, at.sub("offices", i)) for i, d in enumerate(data or ()))
    roles = {o.role for o in declared}
    old = tuple(o for o in translated(chair) if o.role not in roles) if chair else ()
    return declared + old


def chairing(offices_: tuple[Office, ...], at: At) -> Chairing | None:
    """A ToR with ``offices:`` and no ``chair:`` block: how its meetings are chaired, from
    its chair office (or its co-chairs, where co-chairs of equal standing chair)."""
    lead = next((o for o in offices_ if o.role == "chair"), None) or \
        next((o for o in offices_ if o.role == "co-chair"), None)
    if lead is None:
        return None
    method = ("fixed" if lead.seat else "rotation" if lead.rotation
              else "elected" if lead.elected_at else "appointed")
    return Chairing(method, lead.seat, rotation=lead.rotation,
                    vacancy_limit=lead.vacancy_limit, at=at)


def resolve(ds: Dataset) -> None:
    """Tie each chair term to its office (by the ToR in force when it began), give a term
    written with ``office:`` alone its role, and add the terms of offices held by another
    body's office holder (``held_by:``). Linear in the number of terms."""
    with_offices = []
    for body_id, b in list(ds.bodies.items()):
        tor = ds.tors.get(b.tor)
        if tor is None or not any(v.offices for v in tor.versions):
            continue
        with_offices.append((body_id, tor.versions))
        terms = tuple(_tied(t, tor.in_force(t.start) or tor.versions[0])
                      for t in b.chair_terms)
        ds.bodies[body_id] = replace(b, chair_terms=terms)
    for body_id, versions in with_offices:  # once every body's terms are tied
        b = ds.bodies[body_id]
        extra = _held_by(ds, b, versions)
        if extra:
            ds.bodies[body_id] = replace(b, chair_terms=b.chair_terms + tuple(extra))


def _tied(t: ChairTerm, v: TorVersion) -> ChairTerm:
    if t.office:
        o = v.office(t.office)
        return replace(t, role=o.role) if o is not None and not t.role else t
    same = [o for o in v.offices if o.role == t.role]
    return replace(t, office=same[0].id) if len(same) == 1 else t


def _held_by(ds: Dataset, b: Body, versions: tuple[TorVersion, ...]) -> list[ChairTerm]:
    """Terms of this body's offices held by another body's office holder: the seat here
    that is that holder ex officio holds the office whenever the other office is filled."""
    out: list[ChairTerm] = []
    seen: set[str] = set()
    for v in versions:
        for o in v.offices:
            if o.held_by is None or o.id in seen:
                continue
            seen.add(o.id)
            other = ds.bodies.get(o.held_by[0])
            seat = next((s for s in b.seats if s.ex_officio == o.held_by), None)
            if other is None or seat is None:
                continue  # CH014 says what is missing
            for t in other.chair_terms:
                if not t.vacant and (t.office or t.role) == o.held_by[1]:
                    out.append(ChairTerm(o.role, seat.id, t.start, t.end, "ex-officio", t.at,
                                         office=o.id, via=other.id))
    return out

