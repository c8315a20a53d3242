"""The governance structure in words: each body's relations, with their dates, and the
bodies outside the repository (for the structure page)."""

from __future__ import annotations

from ..dates import in_words
from ..model import Body, Dataset, ExternalBody, Relation
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
    words = x.name + (f", {org.name}" if org else "")
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
