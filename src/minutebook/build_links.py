"""Build the model's relations, external bodies and duties from validated data.

Kept beside ``build`` (which calls these) so the forms of item 4 and 7 of the real-ToR
work stay in one place: a body's ``relations`` (with ``accountable_to`` folded in), the
``external_bodies`` of governance/partnerships.yaml, a ToR's ``duties`` and the records
that show a duty was done (``duties_done`` in meeting records and body files, a
decision's ``duty``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .dates import Duration, Offset, opt_date, parse_date
from .model import At, Duty, DutyDone, ExternalBody, Relation


def _ids(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def first_partnership(value: str | list[str] | None) -> str | None:
    """The body's main partnership: ``partnership:`` itself, or the first of a list."""
    ids = _ids(value)
    return ids[0] if ids else None


def body_links(d: dict[str, Any], at: At) -> dict[str, Any]:
    """The Body fields of relations, partnerships, ToR scope and duties done."""
    relations = [Relation(to, "accountable-to", at=at.sub("accountable_to", i))
                 for i, to in enumerate(d.get("accountable_to", ()))]
    relations += [Relation(r["to"], r["kind"], opt_date(r.get("from")), opt_date(r.get("until")),
                           r.get("notes"), at.sub("relations", i))
                  for i, r in enumerate(d.get("relations", ()))]
    done = tuple(DutyDone(x["duty"], parse_date(x["on"]), "file", None, x.get("file"),
                          x.get("url"), at.sub("duties_done", i))
                 for i, x in enumerate(d.get("duties_done", ())))
    return {"relations": tuple(relations), "partnerships": _ids(d.get("partnership")),
            "tor_scope": d.get("tor_scope"), "duties_done": done}


def external_body(d: dict[str, Any], at: At) -> ExternalBody:
    return ExternalBody(d["id"], d["name"], d.get("short_name"), d.get("organisation"),
                        d.get("url"), opt_date(d.get("closed")), d.get("notes"), at)


def duties(items: list[dict[str, Any]], at: At) -> tuple[Duty, ...]:
    out = []
    for i, x in enumerate(items):
        by = x.get("by")
        before = x.get("before")
        evidence = x["evidence"]
        out.append(Duty(
            x["id"], x["what"], frozenset([evidence] if isinstance(evidence, str) else evidence),
            Duration.parse(x["every"]) if "every" in x else None,
            (int(by["month"]), int(by.get("day", 0))) if by else None,
            int(x["in_month"]) if "in_month" in x else None,
            before["duty"] if before else None,
            Offset.parse(f"{before['offset']} before the meeting") if before else None,
            x.get("to"), opt_date(x.get("from")), at.sub("duties", i)))
    return tuple(out)


def meeting_duties(items: list[str | dict[str, Any]] | None, day: date,
                   at: At) -> tuple[DutyDone, ...]:
    """A meeting record's ``duties_done``: a duty id of its own body, or ``{duty, of}``."""
    out = []
    for i, x in enumerate(items or ()):
        if isinstance(x, str):
            out.append(DutyDone(x, day, "meeting-item", at=at.sub("duties_done", i)))
        else:
            out.append(DutyDone(x["duty"], day, "meeting-item", x.get("of"),
                                at=at.sub("duties_done", i)))
    return tuple(out)
