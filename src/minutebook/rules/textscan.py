"""The publishable texts of a dataset, for the personal-data (PD) and content-safety (HT) scans.

Every text an editor writes that can reach the site or the open-data export is listed
here once, with where it is written and how to describe it in a message. Markdown bodies
(minutes, ToR prose, report narratives) know their first line, so a finding can point at
the exact line and column of a match; YAML fields point at the field.

This module registers no rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..model import At, Dataset, Meeting
from .base import Hit


@dataclass(frozen=True, slots=True)
class TextHit(Hit):
    """A hit at an exact (line, column) inside a text; the engine uses it over ``at``."""

    position: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """One publishable text."""

    value: str
    at: At
    label: str  # "the minutes", "decision 'd1'": used as "... in <label>"
    body: str | None = None  # the body it belongs to, for grouping findings
    first_line: int | None = None  # Markdown body: its first line; None: a YAML field

    @property
    def markdown(self) -> bool:
        return self.first_line is not None

    def position(self, offset: int) -> tuple[int, int] | None:
        """Line and column (1-based, in characters) of an offset in a Markdown body."""
        if self.first_line is None:
            return None
        line = self.first_line + self.value.count("\n", 0, offset)
        column = offset - (self.value.rfind("\n", 0, offset) + 1) + 1
        return line, column

    def hit(self, offset: int, message: str, hint: str) -> TextHit:
        return TextHit(self.at, message, hint, self.body, position=self.position(offset))


def _field(value: object, at: At, label: str, body: str | None) -> Iterator[Text]:
    if isinstance(value, str) and value:
        yield Text(value, at, label, body)


def texts(ds: Dataset, skip: AbstractSet[str] = frozenset()) -> Iterator[Text]:
    """Every editor-written text that can be published, in a stable order, leaving out
    the texts of the files in ``skip``."""
    for body_id in sorted(ds.meetings):
        for m in ds.meetings[body_id]:
            if m.at.file not in skip:
                yield from _meeting_texts(m, m.body)
    for a in ds.actions:
        if a.at.file in skip:
            continue
        yield from _field(a.description, a.at / "description", f"action '{a.id}'", a.body)
        for u in a.updates:
            yield from _field(u.note, u.at / "note", f"an update of action '{a.id}'", a.body)
    for tor_id in sorted(ds.tors):
        users = sorted(b.id for b in ds.bodies.values() if b.tor == tor_id)
        owner = users[0] if users else None
        for v in ds.tors[tor_id].versions:
            if v.at.file in skip:
                continue
            label = f"{tor_id} {v.version}"
            yield from _field(v.title, v.at / "title", f"the title of {label}", owner)
            yield from _field(v.change_note, v.at / "change_note",
                              f"the change note of {label}", owner)
            if v.quorum:
                yield from _field(v.quorum.description, v.quorum.at / "description",
                                  f"the quorum description of {label}", owner)
            if v.prose:
                yield Text(v.prose, v.at, f"the text of {label}", owner, v.prose_line)
    for tor_id in sorted(ds.tors):
        for v in ds.tors[tor_id].versions:
            if v.at.file in skip:
                continue
            for i, item in enumerate(v.standing_items):
                yield from _field(item, v.at / "standing_items" / i,
                                  f"the standing items of {tor_id} {v.version}", None)
            for i, item in enumerate(v.reports_to):
                yield from _field(item, v.at / "reports_to" / i,
                                  f"the reports of {tor_id} {v.version}", None)
            for d in v.deadlines:
                yield from _field(d.label, d.at / "label", f"a deadline of {tor_id}", None)
    for org_id in sorted(ds.organisations):
        o = ds.organisations[org_id]
        if o.at.file not in skip:
            yield from _field(o.name, o.at / "name", f"the name of {o.id}", None)
            yield from _field(o.short_name, o.at / "short_name", f"the name of {o.id}", None)
    for p_id in sorted(ds.partnerships):
        p = ds.partnerships[p_id]
        if p.at.file not in skip:
            yield from _field(p.name, p.at / "name", f"the name of {p.id}", None)
    for body_id in sorted(ds.bodies):
        b = ds.bodies[body_id]
        if b.at.file in skip:
            continue
        yield from _field(b.name, b.at / "name", f"the name of {b.id}", b.id)
        yield from _field(b.short_name, b.at / "short_name", f"the name of {b.id}", b.id)
        yield from _field(b.meets, b.at / "meets", f"where {b.id} meets", b.id)
        yield from _field(b.notes, b.at / "notes", f"the notes of {b.id}", b.id)
        for i, invitee in enumerate(b.invitees):
            yield from _field(invitee, b.at / "invitees" / i, f"the invitees of {b.id}", b.id)
        for seat in b.seats:
            yield from _field(seat.notes, seat.at / "notes",
                              f"the notes of seat '{seat.id}' of {b.id}", b.id)
    # scorecard, escalations and reports, where the dataset has them
    for e in getattr(ds, "escalations", ()):
        if e.at.file in skip:
            continue
        label = f"escalation '{e.id}'"
        yield from _field(e.issue, e.at / "issue", label, e.source)
        yield from _field(e.action, e.at / "action", label, e.source)
        yield from _field(e.response, e.at / "response" / "text", label, e.source)
    for measure_id in sorted(getattr(ds, "measures", {})):
        measure = ds.measures[measure_id]
        if measure.at.file in skip:
            continue
        yield from _field(measure.description, measure.at / "description",
                          f"measure '{measure.id}'", None)
        yield from _field(measure.title, measure.at / "title", f"measure '{measure.id}'", None)
    for value in getattr(ds, "values", ()):
        if value.at.file not in skip:
            yield from _field(value.note, value.at / "note",
                              f"a note on a value of '{value.measure}'", None)
    for report in getattr(ds, "reports", ()):
        if report.text and report.at.file not in skip:
            yield Text(report.text, report.at, "the report", report.body, report.text_line)


_listed: list[tuple[Dataset, AbstractSet[str], list[Text]]] = []


def listed(ds: Dataset, skip: AbstractSet[str] = frozenset()) -> list[Text]:
    """``texts`` as a list, kept for the dataset: the personal-data and content-safety
    scans usually skip the same files, and then list the texts once between them."""
    if _listed and _listed[0][0] is ds and _listed[0][1] == skip:
        return _listed[0][2]
    found = list(texts(ds, skip))
    _listed[:] = [(ds, skip, found)]
    return found


class CleanFiles:
    """The files a scan found nothing in, remembered between runs by content digest.

    ``key`` describes whatever else the scan depends on (e.g. the list of sensitive
    terms): a file is skipped only if its digest was clean under the same key. Every
    file named by a text must be reported with :meth:`scanned` and :meth:`found`.
    """

    def __init__(self, memo: dict[bytes, str], digests: dict[str, bytes], key: str) -> None:
        self.memo, self.digests, self.key = memo, digests, key
        self.skip = frozenset(f for f, d in digests.items() if memo.get(d) == key)
        self.seen: set[str] = set(self.skip)
        self.dirty: set[str] = set()

    def scanned(self, file: str) -> None:
        self.seen.add(file)

    def found(self, file: str) -> None:
        self.dirty.add(file)

    def save(self) -> None:
        """Keep this run's clean files only (so the memo does not grow forever)."""
        self.memo.clear()
        for file in self.seen - self.dirty:
            d = self.digests.get(file)
            if d:
                self.memo[d] = self.key


def _meeting_texts(m: Meeting, body: str) -> Iterator[Text]:
    at = m.at
    yield from _field(m.location, at / "location", "the meeting's location", body)
    for i, guest in enumerate(m.guests):
        yield from _field(guest, at / "guests" / i, "the guests", body)
    for seat, att in sorted(m.attendance.items()):
        label = f"the attendance of '{seat}'"
        yield from _field(att.by, att.at / "by", label, body)
        yield from _field(att.note, att.at / "note", label, body)
    for d in m.declarations or ():
        for key, value in (("item", d.item), ("interest", d.interest), ("action", d.action)):
            yield from _field(value, d.at / key, "a declaration of interest", body)
    for d in m.decisions:
        yield from _field(d.text, d.at / "text", f"decision '{d.id}'", body)
    for i, item in enumerate(m.agenda):
        yield from _field(item, at / "agenda" / i, "the agenda", body)
    yield from _field(m.cancelled_reason, at / "cancelled_reason", "the reason for cancelling",
                      body)
    yield from _field(getattr(m, "notes", None), at / "notes", "the meeting's notes", body)
    if m.minutes:
        yield Text(m.minutes, at, "the minutes", body, m.minutes_line)
