"""The governance structure in words: each body's relations, with their dates, and the
bodies outside the repository (for the structure page)."""

from __future__ import annotations

from datetime import date

from ..dates import in_words
from ..model import Body, Dataset, ExternalBody, Relation, TorVersion
from ..rules.relations import KIND_WORDS


def _target(ds: Dataset, ident: str) -> str:
    if ident in ds.bodies:
        return ds.bodies[ident].label
    if ident in ds.external_bodies:
        return f"{ds.external_bodies[ident].label} (outside this repository)"
    org = ds.organisations.get(ident)
    return org.label if org else ident


def _dates(r: Relation) -> str:
    parts = ([f"from {in_words(r.start)}"] if r.start else []) + (
        [f"until {in_words(r.end)}"] if r.end else [])
    return " " + " ".join(parts) if parts else ""


def relation_sentence(ds: Dataset, body: Body, r: Relation) -> str:
    """'Exploitation Sub-group is accountable to Board from 1 April 2026.'"""
    return f"{body.label} {KIND_WORDS[r.kind]} {_target(ds, r.to)}{_dates(r)}."


def _external(ds: Dataset, x: ExternalBody) -> str:
    org = ds.organisations.get(x.organisation or "")
    words = x.name + (f", {org.label}" if org else "")
    if x.closed:
        words += f" (dissolved on {in_words(x.closed)})"
    return words + (f": {x.url}" if x.url else "")


def structure_in_words(ds: Dataset, bodies: list[Body]) -> tuple[list[str], list[str]]:
    """(the relations of each body, one sentence each; the external bodies, one line each)."""
    lines: list[str] = []
    for b in bodies:
        lines += [relation_sentence(ds, b, r) for r in b.relations]
        if len(b.partnerships) > 1:
            names = [ds.partnerships[p].name if p in ds.partnerships else p
                     for p in b.partnerships]
            count = {2: "two", 3: "three"}.get(len(names), str(len(names)))
            lines.append(f"{b.label} belongs to {count} partnerships: "
                         f"{', '.join(names[:-1])} and {names[-1]}.")
    external = [_external(ds, x) for x in sorted(ds.external_bodies.values(),
                                                 key=lambda x: x.name)]
    return lines, external


def body_relations(ds: Dataset, body: Body, today: date) -> list[str]:
    """A body's lines in words for its own page, except the accountability lines to bodies
    here in force today (the page names those as its parents and sub-groups): its own
    lines, then those of other bodies to it."""
    own = [relation_sentence(ds, body, r) for r in body.relations
           if not (r.kind == "accountable-to" and r.to in ds.bodies and r.active_on(today))]
    others = [relation_sentence(ds, o, r) for o in ds.bodies.values() if o.id != body.id
              for r in o.relations if r.to == body.id
              and not (r.kind == "accountable-to" and r.active_on(today))]
    return own + others


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def duty_rows(ds: Dataset, tor: TorVersion) -> list[list[str]]:
    """The duties of a ToR version, one row each: what, when, shown by, to whom."""
    rows = []
    for d in tor.duties:
        if d.every:
            when = f"every {d.every}"
        elif d.by:
            when = f"each year by {d.by[1] or 'the end of'} {_MONTHS[d.by[0] - 1]}"
        elif d.in_month:
            when = f"each year in {_MONTHS[d.in_month - 1]}"
        else:
            anchor = next((x.what for x in tor.duties if x.id == d.before_duty),
                          d.before_duty or "")
            offset = str(d.before).removesuffix(" before the meeting")
            when = f"at least {offset} before: {anchor}"
        shown = " or ".join(_EVIDENCE_WORDS[f] for f in _EVIDENCE_WORDS if f in d.evidence)
        rows.append([d.what, when, shown, _target(ds, d.to) if d.to else "—"])
    return rows


_EVIDENCE_WORDS = {"meeting-item": "a meeting's record", "decision": "a decision",
                   "report": "a report", "file": "a document"}
