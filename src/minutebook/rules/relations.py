"""Relations between bodies, external bodies and organisations (HI005, and the relation
parts of RF001, RF004 and HI001), and which parts of a shared ToR apply to a body.

A body's lines to others are its ``relations`` (``accountable_to`` folded in as
undated ``accountable-to`` lines). A line points at a body of this repository, an
external body (``external_bodies:`` in governance/partnerships.yaml) or an
organisation, looked up in that order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..dates import in_words
from ..model import At, Body, Dataset, Relation
from .base import Context, Hit, rule

KIND_WORDS = {"accountable-to": "is accountable to", "supports": "supports",
              "advises": "advises", "hands-off-to": "hands work on to",
              "scrutinises": "scrutinises", "receives-reports-from": "receives reports from"}


def target_kind(ds: Dataset, ident: str) -> str | None:
    """What an id names: 'body', 'external body' or 'organisation' (None: nothing)."""
    if ident in ds.bodies:
        return "body"
    if ident in ds.external_bodies:
        return "external body"
    if ident in ds.organisations:
        return "organisation"
    return None


def target_label(ds: Dataset, ident: str) -> str:
    """The name of whatever an id names (the id itself if nothing)."""
    found = ds.bodies.get(ident) or ds.external_bodies.get(ident) or ds.organisations.get(ident)
    return found.label if found else ident


def _known(ds: Dataset, ident: str) -> bool:
    return target_kind(ds, ident) is not None or any(
        ds.known(kind, ident) for kind in ("body", "organisation", "partnership"))


def shares_parents_tor(ds: Dataset, body: Body) -> bool:
    """Whether a body works under the ToR of a body it is (ever) accountable to."""
    return any(r.kind == "accountable-to" and (p := ds.bodies.get(r.to)) is not None
               and p.tor == body.tor and p.id != body.id for r in body.relations)


def tor_fully_applies(ds: Dataset, body: Body) -> bool:
    """Whether the ToR's membership rules and duties apply to a body, not only its meeting
    rules: ``tor_scope:`` says so, else they do unless the body shares the ToR of a body
    it is accountable to (a task-and-finish group working under its parent's ToR)."""
    if body.tor_scope is not None:
        return body.tor_scope == "full"
    return not shares_parents_tor(ds, body)


def relation_references(ctx: Context) -> Iterator[Hit]:
    """RF001's part: every relation, duty recipient and external body's organisation
    names something that exists."""
    ds = ctx.ds
    for b in ds.bodies.values():
        for r in b.relations:
            if not _known(ds, r.to):
                listed = r.at.path[-2:-1] == ("accountable_to",)
                yield Hit(r.at if listed else r.at / "to",
                          f"no body has the id '{r.to}'" if listed else
                          f"no body, external body or organisation has the id '{r.to}'",
                          "use the id of a body in governance/bodies/, of an external body "
                          "under external_bodies: in governance/partnerships.yaml, or of an "
                          "organisation", b.id)
            elif r.to == b.id and r.kind != "accountable-to":  # that one is HI001's
                yield Hit(r.at if r.at.path[-2:-1] == ("accountable_to",) else r.at / "to",
                          f"{b.label} names itself as the other side of a relation",
                          "name the other body", b.id)
        for p in b.partnerships[1:]:
            if p not in ds.partnerships and not ds.known("partnership", p):
                yield Hit(b.at / "partnership", f"no partnership has the id '{p}'",
                          "use an id from governance/partnerships.yaml", b.id)
    users: dict[str, list[Body]] = {}
    for b in ds.bodies.values():
        users.setdefault(b.tor, []).append(b)
    for tor in ds.tors.values():
        for v in tor.versions:
            for d in v.duties:
                if d.to and not _known(ds, d.to):
                    yield Hit(d.at / "to", f"duty {d.id} goes to '{d.to}', but no body, external "
                              "body or organisation has that id", "use the id of a body, of an "
                              "external body or of an organisation",
                              next((b.id for b in users.get(tor.id, ())), None))
    for x in ds.external_bodies.values():
        if x.organisation and x.organisation not in ds.organisations and not ds.known(
                "organisation", x.organisation):
            yield Hit(x.at / "organisation", f"no organisation has the id '{x.organisation}'",
                      "use an id from governance/organisations.yaml")
        if x.id in ds.bodies:
            yield Hit(x.at / "id", f"the external body id '{x.id}' is also the id of a body "
                      "in governance/bodies/", "give the external body another id, or remove "
                      "it if the body is kept here")


def relation_dates(ctx: Context) -> Iterator[Hit]:
    """RF004's part: a relation does not end before it starts."""
    for b in ctx.ds.bodies.values():
        for r in b.relations:
            if r.start and r.end and r.end < r.start:
                yield Hit(r.at / "until", f"the relation of {b.label} to "
                          f"{target_label(ctx.ds, r.to)} ends ({r.end}) before it starts "
                          f"({r.start})", "check the two dates", b.id)


def _overlap(a: tuple[date, date], r: Relation) -> tuple[date, date]:
    return (max(a[0], r.start or date.min), min(a[1], r.end or date.max))


def accountability_cycles(ctx: Context) -> Iterator[Hit]:
    """HI001: circles of accountability between bodies, counting only lines in force at
    the same time (a reporting line that moves is not a circle)."""
    bodies = ctx.ds.bodies
    up: dict[str, list[Relation]] = {
        b.id: [r for r in b.relations if r.kind == "accountable-to" and r.to in bodies]
        for b in bodies.values()}
    reported: set[frozenset[str]] = set()
    for start in bodies.values():
        if not up[start.id]:
            continue
        stack: list[tuple[str, tuple[str, ...], tuple[date, date], Relation | None]] = [
            (start.id, (start.id,), (date.min, date.max), None)]
        while stack:
            node, path, span, first = stack.pop()
            for r in up.get(node, ()):
                within = _overlap(span, r)
                if within[0] > within[1]:
                    continue
                if r.to == start.id:
                    cycle = frozenset(path)
                    if cycle not in reported:
                        reported.add(cycle)
                        yield Hit(_field_of(start, first or r),
                                  "reporting lines form a circle: "
                                  + " → ".join((*path, start.id)),
                                  "a body cannot report, even indirectly, to itself", start.id)
                elif r.to not in path and len(path) < 50:
                    stack.append((r.to, (*path, r.to), within, first or r))


def _field_of(body: Body, r: Relation) -> At:
    """Where to point at a line: the accountable_to list, or the relation's entry."""
    if r.at.path[-2:-1] == ("accountable_to",):
        return body.at / "accountable_to"
    return r.at


@rule("HI005", "parent-closed", kind="governance", category="hierarchy", severity="warning",
      title="A body met after a body it is accountable to was closed")
def parent_closed(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No held meeting of a body falls after the `closed:` date of a body (or external body)
    it is accountable to on that date, by `accountable_to` or by a `relations` entry of
    kind `accountable-to`.

    ## Why
    When a parent board is dissolved, its sub-groups report to no one until a new
    reporting line is agreed. Record the new line (a relation with `from:`, and `until:`
    on the old one), or close the sub-group too.

    ## Fails
    ```yaml
    # governance/bodies/audit-group.yaml
    accountable_to: [old-board]      # old-board has closed: 2026-03-31
    # and meetings/audit-group/2026-05-13.md is held
    ```

    ## Passes
    ```yaml
    relations:
      - {to: old-board, kind: accountable-to, until: 2026-03-31}
      - {to: new-board, kind: accountable-to, from: 2026-04-01}
    ```
    """
    ds = ctx.ds
    for b in ds.bodies.values():
        lines = [(r, parent) for r in b.relations if r.kind == "accountable-to"
                 and (parent := ds.bodies.get(r.to) or ds.external_bodies.get(r.to))
                 and parent.closed is not None]
        if not lines:
            continue
        for m in ctx.facts.held(b.id):
            for r, parent in lines:
                assert parent.closed is not None
                if parent.closed < m.date and r.active_on(m.date):
                    yield Hit(m.at / "date", f"{b.label} met on {in_words(m.date)}, but "
                              f"{parent.label}, to which it is accountable, closed on "
                              f"{in_words(parent.closed)}", "record whom it reports to now (a "
                              "relation with from:, and until: on the old one), or close "
                              f"{b.label} too", b.id)
                    break
