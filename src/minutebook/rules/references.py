"""References, identifiers and dates that must agree (RF)."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from ..analysis import BUILTIN_CATEGORIES
from ..dates import in_words
from ..model import At, Body, Selector
from .base import Context, Hit, declare, rule
from .relations import relation_dates, relation_references


class _Known:
    """Membership test that also accepts ids from files that could not be read."""

    def __init__(self, table: dict[str, object], fallback: Callable[[str], bool]) -> None:
        self.table, self.fallback = table, fallback

    def __contains__(self, ident: object) -> bool:
        return ident in self.table or self.fallback(str(ident))


def _category_refs(ctx: Context, categories: frozenset[str] | tuple[str, ...], at: At,
                   body: str | None = None) -> Iterator[Hit]:
    declared = ctx.ds.settings.member_categories
    for cat in sorted(categories):
        if cat not in BUILTIN_CATEGORIES and cat not in declared:
            known = sorted(BUILTIN_CATEGORIES | declared.keys())
            close = difflib.get_close_matches(cat, known, n=1)
            yield Hit(at / "category", f"'{cat}' is not a category of member",
                      (f"did you mean '{close[0]}'? " if close else "")
                      + "use a built-in category (" + ", ".join(sorted(BUILTIN_CATEGORIES))
                      + ") or declare it under member_categories: in minutebook.yaml", body)


def _selector_refs(ctx: Context, sel: Selector, at: At, bodies: list[Body]) -> Iterator[Hit]:
    yield from _category_refs(ctx, sel.categories, at)
    for org in sorted(sel.organisations):
        if org not in ctx.ds.organisations and not ctx.ds.known("organisation", org):
            yield Hit(at / "organisation", f"no organisation has the id '{org}'",
                      "use an id from governance/organisations.yaml")
    for seat in sorted(sel.seats):
        for b in bodies:
            if b.seat(seat) is None:
                yield Hit(at / "seat", f"the body '{b.id}' has no seat '{seat}'",
                          f"use a seat id listed under seats: in governance/bodies/{b.id}.yaml",
                          b.id)


def _requirement_refs(ctx: Context, req: object, bodies: list[Body]) -> Iterator[Hit]:
    from ..model import Combination, Present

    if isinstance(req, Combination):
        for item in req.items:
            yield from _requirement_refs(ctx, item, bodies)
    elif isinstance(req, Present):
        yield from _selector_refs(ctx, req.selector, req.at / "present", bodies)


@rule("RF001", "dangling-reference", kind="record", category="reference", severity="error",
      title="A reference to something that does not exist")
def dangling_reference(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every id that points at something else resolves: a body's ToR, parent bodies and
    other relations (`accountable_to`, `relations`: a body, an external body or an
    organisation), partnerships and organisations; the recipient (`to`) of a ToR duty;
    an external body's organisation; seats named in chair terms, quorum rules, attendance,
    declarations and dissent; the body and meetings an action names; the bodies and
    organisations of a partnership's statutory posts; a seat's or selector's member
    category (built-in, or declared under `member_categories` in minutebook.yaml); the
    `nominee` of a deputy's attendance (another seat of the body).

    ## Why
    A typo in an id silently breaks the link between records: an action that points at
    no meeting is never followed up.

    ## Fails
    ```yaml
    # governance/bodies/steering-group.yaml
    accountable_to: [lscp-executve]     # no such body
    ```

    ## Passes
    ```yaml
    accountable_to: [lscp-executive]
    ```
    """
    ds = ctx.ds
    bodies = ds.bodies
    orgs = _Known(ds.organisations, lambda x: ds.known("organisation", x))
    users: dict[str, list[Body]] = {}
    for b in bodies.values():
        users.setdefault(b.tor, []).append(b)
        if b.tor not in ds.tors and not ds.known("tor", b.tor):
            yield Hit(b.at / "tor", f"no terms of reference '{b.tor}' exists",
                      f"create governance/tor/{b.tor}/<version>.md or fix the id", b.id)
        if b.replaces and b.replaces not in bodies and not ds.known("body", b.replaces):
            yield Hit(b.at / "replaces", f"no body has the id '{b.replaces}'",
                      "keep the replaced body's file (with closed: its end date)", b.id)
        if b.partnership and b.partnership not in ds.partnerships and not ds.known(
                "partnership", b.partnership):
            yield Hit(b.at / "partnership", f"no partnership has the id '{b.partnership}'",
                      "use an id from governance/partnerships.yaml", b.id)
        for seat in b.seats:
            yield from _category_refs(ctx, (seat.category,), seat.at, b.id)
            if seat.organisation and seat.organisation not in orgs:
                yield Hit(seat.at / "organisation",
                          f"no organisation has the id '{seat.organisation}'",
                          "use an id from governance/organisations.yaml", b.id)
            for j, dep in enumerate(seat.deputies):
                if dep.organisation and dep.organisation not in orgs:
                    yield Hit(seat.at / "deputies" / j / "organisation",
                              f"no organisation has the id '{dep.organisation}'",
                              "use an id from governance/organisations.yaml", b.id)
        for term in b.chair_terms:
            if b.seat(term.seat) is None and not term.vacant:
                yield Hit(term.at / "seat", f"the {term.role} term names seat '{term.seat}', "
                          f"which is not a seat of {b.id}", "use a seat id listed under seats:",
                          b.id)
    for tor in ds.tors.values():
        using = users.get(tor.id, [])
        for v in tor.versions:
            if v.approved_by and v.approved_by not in bodies and not ds.known(
                    "body", v.approved_by):
                yield Hit(v.at / "approved" / "by", f"no body has the id '{v.approved_by}'",
                          "use the id of the body that approved the ToR")
            if v.quorum:
                yield from _requirement_refs(ctx, v.quorum.requires, using)
            if v.decisions and v.decisions.requires:
                yield from _requirement_refs(ctx, v.decisions.requires, using)
            if v.chair and v.chair.seat:
                for b in using:
                    if b.seat(v.chair.seat) is None:
                        yield Hit(v.chair.at / "seat", f"the body '{b.id}' has no seat "
                                  f"'{v.chair.seat}' to chair it", "use a seat id of each body "
                                  "that uses this ToR", b.id)
            for e in v.expectations:
                yield from _selector_refs(ctx, e.applies_to, e.at / "applies_to", using)
    for body_id, meetings in ds.meetings.items():
        b = bodies.get(body_id)
        if b is None:
            if not ds.known("body", body_id):
                for m in meetings[:1]:
                    yield Hit(m.at / "body" if m.body != PurePosixPath(m.at.file).parent.name
                              else m.at, f"no body has the id '{body_id}'",
                              "meeting records go in meetings/<body-id>/ for a body in "
                              "governance/bodies/")
            continue
        for m in meetings:
            if m.chair and b.seat(m.chair) is None:
                yield Hit(m.at / "chair", f"'{m.chair}' is not a seat of {b.label}",
                          "chair: names the seat that chaired, e.g. one listed in attendance",
                          body_id)
            for seat_id, att in m.attendance.items():
                if b.seat(seat_id) is None:
                    yield Hit(att.at, f"'{seat_id}' is not a seat of {b.label}",
                              "use the seat ids from the body's file; guests go under guests:",
                              body_id)
                if att.nominee is not None and (att.status != "deputy"
                                                or b.seat(att.nominee) is None):
                    yield Hit(att.at / "nominee", f"the nominee of '{seat_id}' must be another "
                              f"seat of {b.label}, with status: deputy"
                              + ("" if att.status == "deputy" else f" (it is {att.status})"),
                              "name the seat whose member attended for this one, as its "
                              "organisation nominated, and write status: deputy", body_id)
            for d in m.declarations or ():
                if b.seat(d.seat) is None:
                    yield Hit(d.at / "seat", f"'{d.seat}' is not a seat of {b.label}",
                              "name the seat of the member declaring", body_id)
            for dec in m.decisions:
                for k, seat_id in enumerate(dec.dissent):
                    if b.seat(seat_id) is None:
                        yield Hit(dec.at / "dissent" / k, f"'{seat_id}' is not a seat of "
                                  f"{b.label}", "name the seat that dissented", body_id)
                for k, (day, dec_id) in enumerate(dec.ratifies):
                    earlier = ds.meeting(body_id, day)
                    if earlier is None:
                        yield Hit(dec.at / "ratifies" / k / "meeting", f"{b.label} has no "
                                  f"meeting on {day}", "name the date of the inquorate meeting",
                                  body_id)
                    elif dec_id not in {x.id for x in earlier.decisions}:
                        yield Hit(dec.at / "ratifies" / k / "decision", f"the meeting on {day} "
                                  f"has no decision '{dec_id}'", "use the id of the decision "
                                  "being ratified", body_id)
    for a in ds.actions:
        b = bodies.get(a.body)
        if b is None:
            if not ds.known("body", a.body):
                yield Hit(a.at / "body", f"action {a.id}: no body has the id '{a.body}'",
                          "use the id of the body whose meeting raised the action")
            continue
        if ds.meeting(a.body, a.raised) is None and not ds.known("meeting", f"{a.body}/{a.raised}"):
            yield Hit(a.at / "raised", f"action {a.id}: {b.label} has no meeting on {a.raised}",
                      f"raised: is the date of the meeting in meetings/{a.body}/", a.body)
        if a.owner_seat and b.seat(a.owner_seat) is None:
            yield Hit(a.at / "owner" / "seat", f"action {a.id}: '{a.owner_seat}' is not a "
                      f"seat of {b.label}", "use a seat id, or owner: {organisation: <id>}",
                      a.body)
        if a.owner_organisation and a.owner_organisation not in orgs:
            yield Hit(a.at / "owner" / "organisation", f"action {a.id}: no organisation has "
                      f"the id '{a.owner_organisation}'", "use an id from "
                      "governance/organisations.yaml", a.body)
        for u in a.updates:
            if u.by is None and ds.meeting(a.body, u.meeting) is None and not ds.known(
                    "meeting", f"{a.body}/{u.meeting}"):
                yield Hit(u.at / "meeting", f"action {a.id}: {b.label} has no meeting on "
                          f"{u.meeting}", "an update records the meeting that reviewed the "
                          "action", a.body)
    for p in ds.partnerships.values():
        for post in (*p.lead_partners, *p.delegated_partners, *p.independent_scrutiny):
            if post.organisation not in orgs:
                yield Hit(post.at / "organisation", f"no organisation has the id "
                          f"'{post.organisation}'", "use an id from governance/organisations.yaml")
    yield from relation_references(ctx)


@rule("RF002", "duplicate-id", kind="record", category="reference", severity="error",
      title="Two things share one id")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Ids are unique: organisations, partnerships and actions across the repository, seats
    within a body, decisions within a meeting, and version numbers within a ToR.

    ## Why
    References must point at exactly one thing.

    ## Fails
    ```yaml
    actions:
      - id: sg-001
        ...
      - id: sg-001      # used twice
    ```
    """
    ds = ctx.ds
    seen_actions: dict[str, At] = {}
    for a in ds.actions:
        if a.id in seen_actions:
            yield Hit(a.at / "id", f"the action id '{a.id}' is used twice", "give each action "
                      "its own id (minutebook new action picks the next free one)", a.body)
        else:
            seen_actions[a.id] = a.at
    for b in ds.bodies.values():
        counts = Counter(s.id for s in b.seats)
        for s in b.seats:
            if counts[s.id] > 1 and s is not b.seat(s.id):
                yield Hit(s.at / "id", f"the seat id '{s.id}' is used twice in {b.label}",
                          "give each seat its own id", b.id)
    for meetings in ds.meetings.values():
        for m in meetings:
            ids: set[str] = set()
            for d in m.decisions:
                if d.id in ids:
                    yield Hit(d.at / "id", f"the decision id '{d.id}' is used twice in this "
                              "meeting", "number decisions d1, d2, …", m.body)
                ids.add(d.id)
    for tor in ds.tors.values():
        versions: set[str] = set()
        for v in tor.versions:
            if v.version in versions:
                yield Hit(v.at / "version", f"version {v.version} of {tor.id} exists twice",
                          "each version file needs its own version number")
            versions.add(v.version)
    for kind, ident, at in ds.duplicates:
        yield Hit(at / "id", f"the {kind} id '{ident}' is used twice",
                  f"give each {kind} its own id")


@rule("RF003", "name-mismatch", kind="record", category="reference", severity="error",
      title="A file's name disagrees with its contents")
def name_mismatch(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    A body's file is named after its id (`governance/bodies/<id>.yaml`); a ToR version
    after its version (`governance/tor/<tor>/<version>.md`); a meeting record is named
    after its date (`meetings/<body>/<YYYY-MM-DD>.md`) and, if it says `body:`, sits in
    that body's folder.

    ## Why
    Links on the site and references from actions use the file names; a record filed
    under the wrong name is attached to the wrong meeting.

    ## Fails
    ```yaml
    # meetings/steering-group/2026-01-14.md
    date: 2026-01-15
    ```
    """
    for b in ctx.ds.bodies.values():
        stem = PurePosixPath(b.at.file).stem
        if stem != b.id:
            yield Hit(b.at / "id", f"the body id '{b.id}' does not match the file name "
                      f"'{stem}.yaml'", f"rename the file to {b.id}.yaml or change the id", b.id)
    for meetings in ctx.ds.meetings.values():
        for m in meetings:
            path = PurePosixPath(m.at.file)
            if path.stem != m.date.isoformat():
                yield Hit(m.at / "date", f"the meeting date {m.date} does not match the file "
                          f"name '{path.name}'", f"rename the file to {m.date}.md, or correct "
                          "the date", m.body)
            if m.body != path.parent.name:
                yield Hit(m.at / "body", f"the record says body '{m.body}' but is in the "
                          f"folder of '{path.parent.name}'", f"move it to meetings/{m.body}/ "
                          "or correct body:", m.body)
    for tor in ctx.ds.tors.values():
        for v in tor.versions:
            stem = PurePosixPath(v.at.file).stem
            if stem != v.version:
                yield Hit(v.at / "version", f"the version '{v.version}' of {tor.id} does not "
                          f"match the file name '{stem}.md'", f"rename the file to "
                          f"{v.version}.md or correct version:", None)


@rule("RF004", "date-order", kind="record", category="reference", severity="error",
      title="An end date before its start")
def date_order(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    End dates are not before start dates: a seat's `until` and `from`, a chair term's
    `until` and `from`, a body's `closed`/`ends` and `established`, an action's `due`
    and `raised`, an update before the action was raised.

    ## Fails
    ```yaml
    chair_terms:
      - {role: chair, seat: police-inspector, from: 2026-04-01, until: 2025-09-30}
    ```
    """
    for b in ctx.ds.bodies.values():
        for s in b.seats:
            if s.start and s.end and s.end < s.start:
                yield Hit(s.at / "until", f"seat {s.id} ends ({s.end}) before it starts "
                          f"({s.start})", "check the two dates", b.id)
        for t in b.chair_terms:
            if t.end and t.end < t.start:
                yield Hit(t.at / "until", f"the {t.role} term of {t.seat} ends ({t.end}) "
                          f"before it starts ({t.start})", "check the two dates", b.id)
        if b.established:
            for field, value in (("closed", b.closed), ("ends", b.ends)):
                if value and value < b.established:
                    yield Hit(b.at / field, f"{b.label} {field} ({value}) before it was "
                              f"established ({b.established})", "check the two dates", b.id)
    for a in ctx.ds.actions:
        if a.due < a.raised:
            yield Hit(a.at / "due", f"action {a.id} is due ({a.due}) before it was raised "
                      f"({a.raised})", "check the two dates", a.body)
        for u in a.updates:
            if u.meeting < a.raised:
                yield Hit(u.at / ("meeting" if u.by is None else "date"),
                          f"action {a.id} has an update from {u.meeting}, "
                          f"before it was raised ({a.raised})", "check the dates", a.body)
    yield from relation_dates(ctx)


@rule("RF005", "held-in-future", kind="record", category="reference", severity="error",
      title="A future meeting marked as held")
def held_in_future(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No meeting dated after today ("as of" date) has `status: held`.

    ## Why
    Usually a typo in the date or a record filled in ahead of time.

    ## Fails
    ```yaml
    date: 2027-03-01      # checked as of 2026-11-25
    status: held
    ```
    """
    for meetings in ctx.ds.meetings.values():
        for m in meetings:
            if m.held and m.date > ctx.today:
                yield Hit(m.at / "status", f"the meeting on {m.date} is in the future but "
                          "marked held", "use status: scheduled until it has taken place",
                          m.body)


declare("RF006", "outcome-not-recorded", kind="governance", category="reference",
        severity="warning", module=__name__,
        title="Retired (now CA005): a past meeting still marked as scheduled", doc="""
    ## What it checks
    Nothing any more. A meeting day that has passed with nothing recorded is reported as
    [`CA005` meeting-not-recorded](cadence.md#ca005-meeting-not-recorded), which also
    covers a date a cancelled meeting was rearranged to, and takes the place of the gap
    `CA001` used to report for the same lapse. The code stays reserved (codes are never
    reused): move any `checks:` entry naming RF006 in `minutebook.yaml` to CA005.
    """)


@rule("RF007", "rearranged-date", kind="record", category="reference", severity="error",
      title="A rearranged date that cannot be right")
def rearranged_date(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    `rearranged_to:` is written only on a cancelled meeting, and names a later date.

    ## Why
    The date a cancelled meeting was moved to decides when the body is next due to meet
    (`CA001`, `CA005`); a date before the meeting, or on a meeting that was not
    cancelled, is a slip that would hide a missed meeting.

    ## Fails
    ```yaml
    date: 2026-11-25
    status: cancelled
    rearranged_to: 2026-11-09     # meant 2026-12-09
    ```
    """
    for meetings in ctx.ds.meetings.values():
        for m in meetings:
            r = m.rearranged_to
            if r is None:
                continue
            if m.status != "cancelled":
                yield Hit(m.at / "rearranged_to", f"the meeting of {in_words(m.date)} is "
                          f"recorded as {m.status} but also as rearranged to {in_words(r)}",
                          "a moved meeting is recorded as status: cancelled with "
                          "rearranged_to; otherwise remove rearranged_to", m.body)
            elif r <= m.date:
                yield Hit(m.at / "rearranged_to", f"the meeting of {in_words(m.date)} is "
                          f"recorded as rearranged to {in_words(r)}, which is not after it",
                          "write the later date the meeting was moved to, as YYYY-MM-DD",
                          m.body)
