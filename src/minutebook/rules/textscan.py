"""The publishable texts of a dataset, for the personal-data (PD) and content-safety (HT) scans.

Every text an editor writes that can reach the site or the open-data export is listed
here once, with where it is written and how to describe it in a message. Markdown bodies
(minutes, ToR prose, report narratives) know their first line, so a finding can point at
the exact line and column of a match; YAML fields point at the field.

This module registers no rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from ..load.repo import CONFIG_FILE
from ..model import At, Combination, Dataset, Meeting, Requirement
from .base import Hit


@dataclass(frozen=True, slots=True)
class TextHit(Hit):
    """A hit at an exact (line, column) inside a text; the engine uses it over ``at``."""

    position: tuple[int, int] | None = None


Unit = str | tuple[str, int]  # a file, or one item of a list file (actions.yaml)


_LONG = 20_000  # characters: a longer text's hits are placed through _line_breaks


@lru_cache(maxsize=8)
def _line_breaks(value: str) -> list[int]:
    """The offsets of the line feeds of a text."""
    return [m.start() for m in re.finditer("\n", value)]


@dataclass(frozen=True, slots=True)
class Text:
    """One publishable text."""

    value: str
    owner: At  # the record it is written in; ``at`` adds the steps down to the field
    label: str  # "the minutes", "decision 'd1'": used as "... in <label>"
    body: str | None = None  # the body it belongs to, for grouping findings
    first_line: int | None = None  # Markdown body: its first line; None: a YAML field
    steps: tuple[str | int, ...] = ()
    # what the scans remember it by (see CleanFiles): its file, or (file, index) for an
    # item of a list file
    unit: Unit = ""

    @property
    def at(self) -> At:
        """Where the text is written (made when asked: most texts hold nothing to report)."""
        return self.owner.sub(*self.steps) if self.steps else self.owner

    @property
    def file(self) -> str:
        return self.owner.file

    @property
    def markdown(self) -> bool:
        return self.first_line is not None

    def position(self, offset: int) -> tuple[int, int] | None:
        """Line and column (1-based, in characters) of an offset in a Markdown body."""
        if self.first_line is None:
            return None
        if len(self.value) < _LONG:
            line = self.first_line + self.value.count("\n", 0, offset)
            column = offset - (self.value.rfind("\n", 0, offset) + 1) + 1
            return line, column
        # a long text with many hits: its line breaks found once, each hit placed by
        # bisection (counting from the start for each of 100,000 hits took minutes)
        breaks = _line_breaks(self.value)
        before = bisect_left(breaks, offset)
        return (self.first_line + before,
                offset - (breaks[before - 1] + 1 if before else 0) + 1)

    def hit(self, offset: int, message: str, hint: str) -> TextHit:
        return TextHit(self.at, message, hint, self.body, position=self.position(offset))


Add = Callable[..., None]


def texts(ds: Dataset, skip: AbstractSet[Unit] = frozenset()) -> list[Text]:
    """Every editor-written text that can be published, in a stable order, leaving out
    the texts of the files (and list items, see ``CleanFiles``) in ``skip``."""
    out: list[Text] = []

    def add(value: object, owner: At, steps: tuple[str | int, ...], label: str,
            body: str | None, unit: Unit | None = None) -> None:
        if value.__class__ is str and value:
            out.append(Text(value, owner, label, body, None, steps,  # type: ignore[arg-type]
                            owner.file if unit is None else unit))

    for body_id in sorted(ds.meetings):
        for m in ds.meetings[body_id]:
            if m.at.file not in skip:
                _meeting_texts(m, m.body, add)
                if m.minutes:
                    out.append(Text(m.minutes, m.at, "the minutes", m.body, m.minutes_line,
                                     unit=m.at.file))
    for a in ds.actions:
        unit = _item_unit(a.at)
        if a.at.file in skip or unit in skip:
            continue
        add(a.description, a.at, ("description",), f"action '{a.id}'", a.body, unit)
        for u in a.updates:
            add(u.note, u.at, ("note",), f"an update of action '{a.id}'", a.body, unit)
            if u.by:
                add(u.by, u.at, ("by",), f"an update of action '{a.id}'", a.body, unit)
    for tor_id in sorted(ds.tors):
        users = sorted(b.id for b in ds.bodies.values() if b.tor == tor_id)
        owner = users[0] if users else None
        for v in ds.tors[tor_id].versions:
            if v.at.file in skip:
                continue
            label = f"{tor_id} {v.version}"
            add(v.title, v.at, ("title",), f"the title of {label}", owner)
            add(v.change_note, v.at, ("change_note",), f"the change note of {label}", owner)
            if v.quorum:
                add(v.quorum.description, v.quorum.at, ("description",),
                    f"the quorum description of {label}", owner)
            if v.prose:
                out.append(Text(v.prose, v.at, f"the text of {label}", owner, v.prose_line,
                                 unit=v.at.file))
    for tor_id in sorted(ds.tors):
        for v in ds.tors[tor_id].versions:
            if v.at.file in skip:
                continue
            for i, item in enumerate(v.standing_items):
                add(item, v.at, ("standing_items", i),
                    f"the standing items of {tor_id} {v.version}", None)
            for i, item in enumerate(v.reports_to):
                add(item, v.at, ("reports_to", i), f"the reports of {tor_id} {v.version}", None)
            for kind in v.meeting_kinds:
                for i, item in enumerate(kind.agenda):
                    add(item, kind.at, ("agenda", i),
                        f"the agenda of {tor_id} {v.version}'s {kind.id} meetings", None)
            for d in v.deadlines:
                add(d.label, d.at, ("label",), f"a deadline of {tor_id}", None)
            for duty in v.duties:
                add(duty.what, duty.at, ("what",), f"duty '{duty.id}' of {tor_id}", None)
            for office in v.offices:
                if office.declared:
                    add(office.title, office.at, ("title",),
                        f"office '{office.id}' of {tor_id}", None)
            for e in v.expectations:
                add(e.consequence, e.at, ("consequence",),
                    f"an attendance expectation of {tor_id}", None)
            if v.quorum:
                _requirement_labels(v.quorum.requires, f"the quorum of {tor_id} {v.version}",
                                    add)
            if v.decisions and v.decisions.requires:
                _requirement_labels(v.decisions.requires,
                                    f"the decision rules of {tor_id} {v.version}", add)
    for org_id in sorted(ds.organisations):
        o = ds.organisations[org_id]
        if o.at.file not in skip:
            add(o.name, o.at, ("name",), f"the name of {o.id}", None)
            add(o.short_name, o.at, ("short_name",), f"the name of {o.id}", None)
            add(o.area, o.at, ("area",), f"the area of {o.id}", None)
            add(o.website, o.at, ("website",), f"the website of {o.id}", None)
            add(o.notes, o.at, ("notes",), f"the notes of {o.id}", None)
    for p_id in sorted(ds.partnerships):
        p = ds.partnerships[p_id]
        if p.at.file not in skip:
            add(p.name, p.at, ("name",), f"the name of {p.id}", None)
            add(p.short_name, p.at, ("short_name",), f"the name of {p.id}", None)
            add(p.area, p.at, ("area",), f"the area of {p.id}", None)
            add(p.website, p.at, ("website",), f"the website of {p.id}", None)
            add(p.notes, p.at, ("notes",), f"the notes of {p.id}", None)
            for post in (*p.lead_partners, *p.delegated_partners, *p.independent_scrutiny):
                add(post.post, post.at, ("post",), f"a partner's post in {p.id}", None)
                add(post.delegated_from, post.at, ("delegated_from",),
                    f"a partner's post in {p.id}", None)
            for pub in p.publications:
                add(pub.title, pub.at, ("title",), f"a publication of {p.id}", None)
                add(pub.url, pub.at, ("url",), f"a publication of {p.id}", None)
    for body_id in sorted(ds.bodies):
        b = ds.bodies[body_id]
        if b.at.file in skip:
            continue
        add(b.name, b.at, ("name",), f"the name of {b.id}", b.id)
        add(b.short_name, b.at, ("short_name",), f"the name of {b.id}", b.id)
        add(b.meets, b.at, ("meets",), f"where {b.id} meets", b.id)
        add(b.notes, b.at, ("notes",), f"the notes of {b.id}", b.id)
        for i, invitee in enumerate(b.invitees):
            add(invitee, b.at, ("invitees", i), f"the invitees of {b.id}", b.id)
        for seat in b.seats:
            label = f"seat '{seat.id}' of {b.id}"
            add(seat.notes, seat.at, ("notes",), f"the notes of {label}", b.id)
            add(seat.post, seat.at, ("post",), f"the post of {label}", b.id)
            add(seat.service, seat.at, ("service",), f"the service of {label}", b.id)
            add(seat.delegated_from, seat.at, ("delegated_from",), f"the delegation of {label}",
                b.id)
            add(seat.holder, seat.at, ("holder",), f"the holder of {label}", b.id)
            for i, deputy in enumerate(seat.deputies):
                add(deputy.post, seat.at, ("deputies", i, "post"), f"a deputy of {label}", b.id)
                add(deputy.holder, seat.at, ("deputies", i, "holder"), f"a deputy of {label}",
                    b.id)
        for term in b.chair_terms:
            add(term.notes, term.at, ("notes",), f"a chair term of {b.id}", b.id)
        for relation in b.relations:
            add(relation.notes, relation.at, ("notes",), f"a relation of {b.id}", b.id)
        for done in b.duties_done:
            add(done.file, done.at, ("file",), f"the evidence of a duty of {b.id}", b.id)
            add(done.url, done.at, ("url",), f"the evidence of a duty of {b.id}", b.id)
    for eb_id in sorted(ds.external_bodies):
        eb = ds.external_bodies[eb_id]
        if eb.at.file not in skip:
            for key in ("name", "short_name", "url", "notes"):
                add(getattr(eb, key), eb.at, (key,), f"external body '{eb.id}'", None)
    # scorecard, escalations and reports, where the dataset has them
    for e in getattr(ds, "escalations", ()):
        unit = _item_unit(e.at)
        if e.at.file in skip or unit in skip:
            continue
        label = f"escalation '{e.id}'"
        add(e.issue, e.at, ("issue",), label, e.source, unit)
        add(e.action, e.at, ("action",), label, e.source, unit)
        add(e.response, e.at, ("response", "text"), label, e.source, unit)
    for measure_id in sorted(getattr(ds, "measures", {})):
        measure = ds.measures[measure_id]
        if measure.at.file in skip:
            continue
        add(measure.description, measure.at, ("description",), f"measure '{measure.id}'", None)
        add(measure.title, measure.at, ("title",), f"measure '{measure.id}'", None)
        add(measure.unit, measure.at, ("unit",), f"the unit of measure '{measure.id}'", None)
    for value in getattr(ds, "values", ()):
        if value.at.file not in skip:
            add(value.note, value.at, ("note",), f"a note on a value of '{value.measure}'", None)
    for report in getattr(ds, "reports", ()):
        if report.text and report.at.file not in skip:
            out.append(Text(report.text, report.at, "the report", report.body,
                            report.text_line, unit=report.at.file))
    if ds.settings.site_name and CONFIG_FILE not in skip:
        add(ds.settings.site_name, At(CONFIG_FILE), ("site_name",), "the site's name", None)
    if CONFIG_FILE not in skip:
        for i, name in enumerate(ds.settings.member_categories.values()):
            add(name, At(CONFIG_FILE), ("member_categories", i, "name"),
                "the name of a member category", None)
    out += docs_texts(ds, skip)
    return out


def docs_texts(ds: Dataset, skip: AbstractSet[Unit] = frozenset()) -> list[Text]:
    """The hand-written pages under docs/, each one Markdown text from its first line
    (front matter included: its title and description are published too)."""
    return [Text(p.text, At(p.file), "the page", None, 1, unit=p.file)
            for p in ds.docs_pages if p.file not in skip and p.text]


def _item_unit(at: At) -> Unit:
    """An item of a list file: (file, its index); anything else (made in code): the file."""
    return (at.file, at.path[1]) if len(at.path) > 1 and isinstance(at.path[1], int) \
        else at.file  # type: ignore[return-value]


_listed: list[tuple[Dataset, AbstractSet[Unit], list[Text]]] = []


def listed(ds: Dataset, skip: AbstractSet[Unit] = frozenset()) -> list[Text]:
    """``texts`` as a list, kept for the dataset: the personal-data and content-safety
    scans usually skip the same files, and then list the texts once between them."""
    if _listed and _listed[0][0] is ds and _listed[0][1] == skip:
        return _listed[0][2]
    found = texts(ds, skip)
    _listed[:] = [(ds, skip, found)]
    return found


class CleanFiles:
    """The files, and items of list files, that a scan found nothing in, remembered
    between runs by the digest of their content.

    A text's ``unit`` is its file, or ``(file, index)`` for an item of a list file.
    ``digests`` are the files' digests by path, ``items`` the digests of the items of
    list files by path, in order, where known. ``key`` describes whatever else the scan
    depends on (e.g. the list of sensitive terms): a unit is skipped only if its digest
    was clean under the same key. Report every text's unit with :meth:`scanned` and
    :meth:`found`.
    """

    def __init__(self, memo: dict[bytes, str], digests: dict[str, bytes],
                 items: dict[str, list[bytes]], key: str) -> None:
        # an entry counts only for the scanner's version (the rules' code: see
        # load.cache) and settings; the memo it comes from is verified on load
        key = f"{key} {_scanner_version()}"
        self.memo, self.digests, self.items, self.key = memo, digests, items, key
        skip: set[Unit] = {f for f, d in digests.items() if memo.get(d) == key}
        for file, found in items.items():
            if file not in skip:  # a changed list file: skip its unchanged items
                skip.update((file, i) for i, d in enumerate(found) if d and memo.get(d) == key)
        self.skip = frozenset(skip)
        self.seen: set[Unit] = set(self.skip)
        self.dirty: set[Unit] = set()

    def scanned(self, unit: Unit) -> None:
        self.seen.add(unit)

    def found(self, unit: Unit) -> None:
        self.dirty.add(unit)

    @property
    def files(self) -> set[str]:
        """Every file scanned, or skipped as clean."""
        return _files(self.seen)

    def save(self) -> None:
        """Keep this run's clean units only (so the memo does not grow forever). A list
        file with a clean item and no finding is clean as a whole."""
        before, key = dict(self.memo), self.key
        self.memo.clear()
        itemised: set[str] = set()
        for unit in self.seen - self.dirty:
            if unit.__class__ is str:
                d = self.digests.get(unit)  # type: ignore[arg-type]
            else:
                file, i = unit  # type: ignore[misc]
                itemised.add(file)
                found = self.items.get(file, ())
                d = found[i] if i < len(found) else None
            if d:
                self.memo[d] = key
        for file in itemised - _files(self.dirty):
            if self.digests.get(file):
                self.memo[self.digests[file]] = key
        for file, found in self.items.items():
            if file in self.skip:  # skipped whole: its items are as clean as they were
                self.memo.update((d, key) for d in found if d and before.get(d) == key)


def _scanner_version() -> str:
    """The version of the scanners' code (a digest of the rules' sources)."""
    from ..load.cache import rules_fingerprint

    return rules_fingerprint()[:16]


def _files(units: AbstractSet[Unit]) -> set[str]:
    """The files of some units (an item's file is its list file)."""
    return {u if u.__class__ is str else u[0] for u in units}  # type: ignore[misc]


def _meeting_texts(m: Meeting, body: str, add: Add) -> None:
    """The texts of a meeting record's front matter (its minutes are added after them)."""
    at = m.at
    add(m.location, at, ("location",), "the meeting's location", body)
    for i, guest in enumerate(m.guests):
        add(guest, at, ("guests", i), "the guests", body)
    for seat, att in sorted(m.attendance.items()):
        label = f"the attendance of '{seat}'"
        add(att.by, att.at, ("by",), label, body)
        add(att.note, att.at, ("note",), label, body)
    for d in m.declarations or ():
        for key, value in (("item", d.item), ("interest", d.interest), ("action", d.action)):
            add(value, d.at, (key,), "a declaration of interest", body)
    for d in m.decisions:
        add(d.text, d.at, ("text",), f"decision '{d.id}'", body)
    papers = getattr(m, "papers", ())
    with_papers = {p.item for p in papers}  # items written {item, papers}
    for i, item in enumerate(m.agenda):
        add(item, at, ("agenda", i, "item") if i in with_papers else ("agenda", i),
            "the agenda", body)
    for p in papers:
        add(p.title, p.at, ("title",), "the title of a paper", body)
        add(p.url, p.at, ("url",), "the address of a paper", body)
        if p.file:  # as written: its name is published in the link and the copied file
            add(p.file.removeprefix(m.at.file.rsplit("/", 1)[0] + "/"), p.at, ("file",),
                "the file of a paper", body)
    add(m.cancelled_reason, at, ("cancelled_reason",), "the reason for cancelling", body)
    add(getattr(m, "notes", None), at, ("notes",), "the meeting's notes", body)
    for x in m.late_items:
        add(x.item, x.at, ("item",), "a late item", body)
        add(x.reason, x.at, ("reason",), "a late item", body)
    if m.quorum_determination:
        qd = m.quorum_determination
        add(qd.reason, qd.at, ("reason",), "the chair's quorum determination", body)
        for i, item in enumerate(qd.items):
            add(item, qd.at, ("items", i), "the chair's quorum determination", body)


def _requirement_labels(req: Requirement, label: str, add: Add) -> None:
    """The labels of a requirement and of every requirement inside it (shown on pages)."""
    add(req.label, req.at, ("label",), label, None)
    if isinstance(req, Combination):
        for item in req.items:
            _requirement_labels(item, label, add)
