"""A new body (``minutebook new body``): its file and the first draft of its terms of
reference, as text.

The body file lists its seats by organisation and post; the terms of reference start as a
draft version 1.0 in force from the day it is written, with the settings the checks read
left for the body to agree (each named in a comment) and headings for the agreed text.
Both pass the check as they are (a draft in force is a warning until it is approved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .load.repo import BODIES_DIR, TOR_DIR
from .model import Dataset
from .scaffold import ScaffoldError, did_you_mean, yaml_scalar

#: The kinds of body the schema knows (governance/bodies/*.yaml).
BODY_KINDS = ("board", "executive", "subgroup", "task-and-finish", "meeting-series",
              "operational")

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class NewSeat:
    id: str
    organisation: str
    post: str | None


@dataclass(frozen=True)
class NewBody:
    id: str
    name: str
    kind: str
    partnership: str | None
    short_name: str | None
    seats: tuple[NewSeat, ...]
    accountable_to: tuple[str, ...]


def body_file(body_id: str) -> str:
    return f"{BODIES_DIR}/{body_id}.yaml"


def first_tor_file(tor_id: str) -> str:
    return f"{TOR_DIR}/{tor_id}/1.0.md"


def _seat_id(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def plan_body(ds: Dataset, body_id: str, name: str, kind: str, *, partnership: str | None,
              short_name: str | None, seats: tuple[str, ...],
              accountable_to: tuple[str, ...]) -> NewBody:
    """What the command was asked for, checked against the repository (a message for the
    editor when it cannot be done)."""
    if not _ID.match(body_id):
        raise ScaffoldError(f"the id '{body_id}' must be lower-case words joined by hyphens, "
                            "e.g. exploitation-subgroup")
    if body_id in ds.bodies:
        raise ScaffoldError(f"there is already a body '{body_id}' ({body_file(body_id)})")
    if not name.strip():
        raise ScaffoldError("--name must say what the body is called")
    if kind not in BODY_KINDS:
        raise ScaffoldError(f"the kind '{kind}' is not one of: {', '.join(BODY_KINDS)}")
    known = sorted(ds.partnerships)
    if partnership is None:
        if len(known) > 1:
            raise ScaffoldError("this repository holds several partnerships: say which with "
                                f"--partnership ({', '.join(known)})")
        partnership = known[0] if known else None
    elif partnership not in ds.partnerships:
        raise ScaffoldError(f"there is no partnership '{partnership}'."
                            f"{did_you_mean(partnership, known)}")
    for parent in accountable_to:
        if parent not in ds.bodies:
            raise ScaffoldError(f"--accountable-to: there is no body '{parent}'."
                                f"{did_you_mean(parent, ds.bodies)}")
    made: list[NewSeat] = []
    for text in seats:
        org, _, post = text.partition(":")
        org, post = org.strip(), post.strip()
        if org not in ds.organisations:
            raise ScaffoldError(f"--seat {text}: there is no organisation '{org}' in "
                                f"governance/organisations.yaml.{did_you_mean(org, ds.organisations)}")
        base = _seat_id(f"{org} {post}") if post else org
        seat_id, n = base, 2
        while any(s.id == seat_id for s in made):
            seat_id, n = f"{base}-{n}", n + 1
        made.append(NewSeat(seat_id, org, post or None))
    return NewBody(body_id, name.strip(), kind, partnership,
                   short_name.strip() if short_name else None, tuple(made),
                   tuple(accountable_to))


def render_body(b: NewBody, today: date) -> str:
    """The body's file: its seats by organisation and post, never a person's name."""
    lines = [f"# {b.name}. Field reference: the minutebook guide 'Field reference: bodies'.",
             "# Seats are posts in organisations: never write a person's name here.",
             f"id: {b.id}", f"name: {yaml_scalar(b.name)}"]
    if b.short_name:
        lines.append(f"short_name: {yaml_scalar(b.short_name)}")
    lines.append(f"kind: {b.kind}")
    if b.partnership:
        lines.append(f"partnership: {b.partnership}")
    lines.append(f"tor: {b.id}")
    if b.accountable_to:
        lines.append(f"accountable_to: [{', '.join(b.accountable_to)}]")
    lines.append(f"established: {today.isoformat()}")
    lines.append("classification: OFFICIAL")
    if not b.seats:
        lines += ["# one entry per seat, e.g.",
                  "#   - id: police-inspector",
                  "#     organisation: northshire-police",
                  "#     post: Inspector",
                  "#     deputies: [{post: Sergeant}]",
                  "seats: []"]
        return "\n".join(lines) + "\n"
    lines.append("seats:")
    for s in b.seats:
        lines.append(f"  - id: {s.id}")
        lines.append(f"    organisation: {s.organisation}")
        if s.post:
            lines.append(f"    post: {yaml_scalar(s.post)}")
    return "\n".join(lines) + "\n"


def render_tor(b: NewBody, today: date) -> str:
    """Version 1.0 of the body's terms of reference: a draft, in force from today."""
    title = yaml_scalar(f"Terms of Reference – {b.name}")
    return f"""---
# The first draft of the terms of reference of {b.name}, started with
# `minutebook new body`. Once the body agrees it: status: approved and
# approved: {{date: YYYY-MM-DD, by: {b.id}}}.
title: {title}
version: "1.0"
status: draft
in_force_from: {today.isoformat()}
review: {{every: 12 months, last: not stated}}
classification: OFFICIAL
# What the checks read once the body has agreed them, e.g.
# quorum:
#   requires: {{present: {{}}, min: 4}}
# chair:
#   method: appointed
# cadence:
#   every: 3 months
#   tolerance: 14 days
---
## Purpose

What the {b.name} is for, in a sentence or two.

## Membership

The seats are listed in the body's record; say here who else may attend.

## Meetings

How often it meets, how many members make it quorate, and who chairs.

## Accountability

Whom it reports to, and how.
"""
