"""Derived facts: what the model implies, computed once and shared by rules and pages.

Nothing here reports problems; rules decide what is wrong. Everything is cached per
run, so a rule asking "was this meeting quorate?" costs nothing the second time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache

from .model import (
    VACANT,
    Attendance,
    Body,
    Combination,
    Dataset,
    Meeting,
    MeetingKind,
    Organisation,
    Present,
    Quorum,
    Requirement,
    Seat,
    Selector,
    TorVersion,
    Value,
)

ATTENDED = frozenset({"present", "deputy"})
ABSENT = Attendance("absent")
BUILTIN_CATEGORIES = frozenset({"member", "independent", "lay", "co-opted", "adviser",
                                "voluntary-sector", "young-people", "other"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether a requirement was met, and in words why not."""

    met: bool
    unmet: tuple[str, ...] = ()
    # met by the chair's recorded determination, not by the attendance (its reason)
    determined: str | None = None


class Analysis:
    """Cached derived facts over one dataset."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self._quorum: dict[tuple[str, date], Outcome | None] = {}
        self._held: dict[str, list[Meeting]] = {}
        self._held_dates: dict[str, list[date]] = {}
        self._values: dict[tuple[str, str], list[Value]] | None = None
        self._tor_on: dict[tuple[str, date], TorVersion | None] = {}
        self._rearranged: dict[str, dict[date, Meeting]] = {}
        self._counting: dict[str, list[Meeting]] = {}
        self._has_kinds: dict[str, bool] = {}

    # ------------------------------------------------------------ lookups

    def org(self, org_id: str | None) -> Organisation | None:
        return self.ds.organisations.get(org_id) if org_id else None

    def body_of(self, meeting: Meeting) -> Body | None:
        return self.ds.bodies.get(meeting.body)

    def tor_on(self, body: Body, day: date) -> TorVersion | None:
        """The version of a body's ToR in force on a day (memoised)."""
        key = (body.tor, day)
        if key not in self._tor_on:
            tor = self.ds.tors.get(body.tor)
            self._tor_on[key] = tor.in_force(day) if tor else None
        return self._tor_on[key]

    def held(self, body_id: str) -> list[Meeting]:
        """Held meetings of a body, by date."""
        if body_id not in self._held:
            self._held[body_id] = [m for m in self.ds.meetings.get(body_id, ()) if m.held]
            self._held_dates[body_id] = [m.date for m in self._held[body_id]]
        return self._held[body_id]

    def next_held(self, body_id: str, after: date) -> Meeting | None:
        """The first held meeting of a body strictly after a date."""
        held = self.held(body_id)
        i = bisect_right(self._held_dates[body_id], after)
        return held[i] if i < len(held) else None

    def has_kinds(self, body: Body) -> bool:
        """Whether any version of a body's ToR declares kinds of meeting (memoised)."""
        if body.tor not in self._has_kinds:
            tor = self.ds.tors.get(body.tor)
            self._has_kinds[body.tor] = bool(tor) and any(v.meeting_kinds for v in tor.versions)
        return self._has_kinds[body.tor]

    def kind_of(self, meeting: Meeting) -> MeetingKind | None:
        """The kind of a meeting as the ToR in force on its date declares it (None: a kind
        it does not declare, or no ToR in force)."""
        body = self.ds.bodies.get(meeting.body)
        tor = self.tor_on(body, meeting.date) if body else None
        return tor.meeting_kind(meeting.kind) if tor else None

    def counts_for_cadence(self, meeting: Meeting) -> bool:
        """Whether a meeting counts toward its body's cadence: ordinary ones do, other
        kinds where the ToR says so; a kind the ToR does not declare counts (RF008)."""
        body = self.ds.bodies.get(meeting.body)
        if body is None or not self.has_kinds(body):
            return True  # ordinary, or a kind no version declares (RF008): counted
        kind = self.kind_of(meeting)
        return kind is None or kind.counts_for_cadence

    def held_for_cadence(self, body_id: str) -> list[Meeting]:
        """Held meetings of a body that count toward its cadence, by date."""
        if body_id not in self._counting:
            body = self.ds.bodies.get(body_id)
            held = self.held(body_id)
            self._counting[body_id] = [m for m in held if self.counts_for_cadence(m)] \
                if body is not None and self.has_kinds(body) else held
        return self._counting[body_id]

    def previous_held(self, body_id: str, before: date) -> Meeting | None:
        held = self.held(body_id)
        i = bisect_right(self._held_dates[body_id], before) - 1
        while i >= 0 and held[i].date >= before:
            i -= 1
        return held[i] if i >= 0 else None

    def rearranged_from(self, body_id: str) -> dict[date, Meeting]:
        """The cancelled meetings of a body by the later date each was rearranged to
        (``rearranged_to``; the earliest where two name one date)."""
        if body_id not in self._rearranged:
            index: dict[date, Meeting] = {}
            for m in self.ds.meetings.get(body_id, ()):
                if m.status == "cancelled" and m.rearranged_to and m.rearranged_to > m.date:
                    index.setdefault(m.rearranged_to, m)
            self._rearranged[body_id] = index
        return self._rearranged[body_id]

    def first_due(self, meeting: Meeting) -> date:
        """The date a meeting was first due: that of the cancelled meeting it was rearranged
        from (through any chain of rearrangements), else its own."""
        origin = self.rearranged_from(meeting.body)
        day = meeting.date
        while day in origin:  # each step goes back in time, so this ends
            day = origin[day].date
        return day

    def records_start(self, body: Body) -> date | None:
        """From when the body's record is judged: records_from, else its first meeting."""
        if body.records_from:
            return body.records_from
        meetings = self.ds.meetings.get(body.id)
        return meetings[0].date if meetings else None

    def held_with_tor(self) -> Iterator[tuple[Meeting, Body, TorVersion]]:
        """Every held meeting with its body and the ToR version in force on its date."""
        for body_id, meetings in self.ds.meetings.items():
            body = self.ds.bodies.get(body_id)
            if body is None:
                continue
            for m in meetings:
                if m.held:
                    tor = self.tor_on(body, m.date)
                    if tor is not None:
                        yield m, body, tor

    def values(self, measure_id: str, period: str) -> list[Value]:
        """Values supplied for a measure and period (any organisation)."""
        if self._values is None:
            index: dict[tuple[str, str], list[Value]] = {}
            for v in self.ds.values:
                index.setdefault((v.measure, v.period.label), []).append(v)
            self._values = index
        return self._values.get((measure_id, period), [])

    def papers_due(self, body: Body, meeting: Meeting) -> date:
        """When papers for a meeting were due (its ToR's papers-circulated deadline, else
        the meeting date itself)."""
        tor = self.tor_on(body, meeting.date)
        for d in tor.deadlines if tor else ():
            if d.milestone == "papers-circulated":
                return self.ds.calendar_of(body).deadline(meeting.date, d.offset)
        return meeting.date

    # ------------------------------------------------------------ seats and labels

    def seat_label(self, body: Body, seat_id: str) -> str:
        """'Inspector, Cheshire Police' for a seat id (the id itself if unknown)."""
        seat = body.seat(seat_id)
        if seat is None:
            return "vacant (to be appointed)" if seat_id == VACANT else seat_id
        return seat_label(seat, self.org(seat.organisation))

    def roles_on(self, body: Body, day: date) -> dict[str, set[str]]:
        """Chair offices (chair, co-chair, vice-chair) held on a day, by seat id."""
        roles: dict[str, set[str]] = {}
        for term in body.chair_terms:
            if term.covers(day) and not term.vacant:
                roles.setdefault(term.seat, set()).add(term.role)
        return roles

    def matches(self, body: Body, seat: Seat, sel: Selector, meeting: Meeting | None = None,
                roles: dict[str, set[str]] | None = None) -> bool:
        """Whether a seat is one a selector names (roles as on the meeting's date)."""
        if sel.seats and seat.id not in sel.seats:
            return False
        if not sel.categories and not sel.seats and seat.category == "adviser":
            return False  # advisers count only where a selector names them
        if sel.organisations and seat.organisation not in sel.organisations:
            return False
        if sel.categories and seat.category not in sel.categories:
            return False
        if sel.kinds or sel.tags or sel.statutory_partner is not None:
            org = self.org(seat.organisation)
            if org is None:
                return False
            if sel.kinds and not (sel.kinds & org.kinds):
                return False
            if sel.tags and not (sel.tags & org.tags):
                return False
            if sel.statutory_partner is not None and org.statutory_partner != sel.statutory_partner:
                return False
        if sel.roles:
            held: set[str] = set()
            if roles is not None:
                held |= roles.get(seat.id, set())
            if meeting is not None and meeting.chair == seat.id:
                held.add("presiding")
            if not (sel.roles & held):
                return False
        return True

    def present_seats(self, meeting: Meeting, deputies_count: bool = True) -> set[str]:
        """Seats counted as present: attended in person, or by a deputy where deputies count
        (and, for seats whose substitutes need it, the chair agreed)."""
        body = self.body_of(meeting)
        out: set[str] = set()
        for seat_id, att in meeting.attendance.items():
            if att.status == "present":
                out.add(seat_id)
            elif att.status == "deputy" and deputies_count:
                seat = body.seat(seat_id) if body else None
                if seat and seat.substitutes_need_chair_agreement and not att.chair_agreed:
                    continue
                if att.nominee is not None and meeting.attendance.get(
                        att.nominee, ABSENT).status not in ATTENDED:
                    continue  # represented by a nominee who was not there
                out.add(seat_id)
        return out

    # ------------------------------------------------------------ requirements

    def evaluate(self, req: Requirement, body: Body, meeting: Meeting,
                 deputies_count: bool = True, away: frozenset[str] = frozenset()) -> Outcome:
        """Whether who was present at a meeting satisfies a requirement (``away``: seats
        not in the room at the moment judged)."""
        roles = self.roles_on(body, meeting.date)
        return self._eval(req, body, meeting, deputies_count, roles, away)

    def _eval(self, req: Requirement, body: Body, meeting: Meeting, deputies: bool,
              roles: dict[str, set[str]], away: frozenset[str] = frozenset()) -> Outcome:
        if isinstance(req, Combination):
            results = [self._eval(r, body, meeting, deputies, roles, away) for r in req.items]
            met = sum(r.met for r in results)
            if met >= req.needed:
                return Outcome(True)
            if req.mode == "all_of":
                return Outcome(False, tuple(u for r in results for u in r.unmet))
            words = "any one" if req.mode == "any_of" else f"at least {req.k}"
            inner = "; ".join(describe(r, self, body) for r in req.items)
            return Outcome(False, (f"{words} of ({inner}), but {met} were met",))
        use_deputies = deputies if req.deputies_count is None else req.deputies_count
        present = self.present_seats(meeting, use_deputies) - away
        candidates = [s for s in body.seats_on(meeting.date)
                      if self.matches(body, s, req.selector, meeting, roles)]
        if req.each:
            return self._eval_each(req, body, candidates, present)
        if req.per == "organisation":
            pool = {s.organisation for s in candidates if s.organisation}
            got = {s.organisation for s in candidates if s.id in present and s.organisation}
            missing = sorted(self._org_label(o) for o in pool - got)
        else:
            pool = {s.id for s in candidates}
            got = pool & present
            missing = sorted(self.seat_label(body, s) for s in pool - got)
        needed = required_count(req, len(pool))
        if len(got) >= needed:
            return Outcome(True)
        what = describe(req, self, body)
        detail = f"{what}: {len(got)} of the {needed} needed"
        if req.minimum == "all" and missing:
            detail += f" (missing: {', '.join(missing)})"
        return Outcome(False, (detail,))

    def _eval_each(self, req: Present, body: Body, candidates: list[Seat],
                   present: set[str]) -> Outcome:
        """A leaf with ``each``: its count is needed from every organisation (or kind, or
        tag) among the selected seats."""
        groups: dict[str, list[Seat]] = defaultdict(list)
        for s in candidates:
            org = self.org(s.organisation)
            if req.each == "organisation":
                keys: Iterable[str] = (s.organisation,) if s.organisation else ()
            else:
                keys = () if org is None else (org.kinds if req.each == "kind" else org.tags)
            for key in keys:
                groups[key].append(s)
        short = []
        for key in sorted(groups):
            seats = groups[key]
            if req.per == "organisation":
                pool = {s.organisation for s in seats}
                got = {s.organisation for s in seats if s.id in present}
            else:
                pool = {s.id for s in seats}
                got = pool & present
            needed = required_count(req, len(pool))
            if len(got) < needed:
                name = self._org_label(key) if req.each == "organisation" else _words(key)
                short.append(f"{name}: {len(got)} of the {needed} needed")
        if not short:
            return Outcome(True)
        return Outcome(False, (f"{describe(req, self, body)} ({'; '.join(short)})",))

    def _org_label(self, org_id: str) -> str:
        org = self.org(org_id)
        return org.label if org else org_id

    def quorum(self, meeting: Meeting) -> Outcome | None:
        """Whether a held meeting was quorate under the ToR in force (None: no quorum rule)."""
        key = meeting.key
        if key not in self._quorum:
            body = self.body_of(meeting)
            tor = self.tor_on(body, meeting.date) if body else None
            if body is None or tor is None or tor.quorum is None:
                self._quorum[key] = None
            else:
                self._quorum[key] = self._judge_quorum(tor.quorum, body, meeting)
        return self._quorum[key]

    def _judge_quorum(self, q: Quorum, body: Body, meeting: Meeting) -> Outcome:
        outcome = self.evaluate(q.requires, body, meeting, q.deputies_count)
        if outcome.met and q.at_all_times:
            for moment, away in moments_away(meeting):
                later = self.evaluate(q.requires, body, meeting, q.deputies_count, away)
                if not later.met:
                    outcome = Outcome(False, tuple(f"{moment}: {u}" for u in later.unmet))
                    break
        d = meeting.quorum_determination
        if not outcome.met and d is not None and q.chair_may_determine:
            return Outcome(True, outcome.unmet, determined=d.reason)
        return outcome

    def inquorate(self, meeting: Meeting) -> bool:
        """Not quorate: the ToR's quorum was not met, or the record says it was not."""
        outcome = self.quorum(meeting)
        return bool(outcome and not outcome.met) or meeting.quorate_recorded is False


def _minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def moments_away(meeting: Meeting) -> list[tuple[str, frozenset[str]]]:
    """Each moment of a meeting at which someone was not in the room, in time order, as
    (words, the seats away then): at the start those who arrived later, after each
    departure those who had left, and at the end those who left early at a time not
    recorded. Only what the record says is used; no moment without a change."""
    start = _minutes(meeting.start) if meeting.start else None
    events: set[int] = set()
    late: list[tuple[int, str]] = []
    gone: list[tuple[int, str]] = []
    early: set[str] = set()
    for seat, att in meeting.attendance.items():
        if att.status not in ("present", "deputy"):
            continue
        if att.arrived:
            late.append((_minutes(att.arrived), seat))
        if att.left:
            gone.append((_minutes(att.left), seat))
            events.add(_minutes(att.left))
        elif att.left_early:
            early.add(seat)
    out: list[tuple[str, frozenset[str]]] = []
    if late:
        first = start if start is not None else min(t for t, _ in late) - 1
        out.append((f"at the start ({meeting.start})" if meeting.start else "at the start",
                    frozenset(s for t, s in late if t > first)))
    for t in sorted(events):
        away = {s for a, s in late if a > t} | {s for left, s in gone if left <= t}
        out.append((f"from {t // 60:02d}:{t % 60:02d}", frozenset(away)))
    if early:
        away = {s for _, s in gone} | early
        out.append(("towards the end, after members left early", frozenset(away)))
    return out


def required_count(req: Present, pool: int) -> int:
    """How many of a pool a leaf requirement needs."""
    m = req.minimum
    if m == "all":
        return pool
    if isinstance(m, Fraction):
        exact = m * pool
        if req.rounding == "down":
            return math.floor(exact)
        if req.rounding == "nearest":
            return math.floor(exact + Fraction(1, 2))
        return math.ceil(exact)
    return int(m)


def seat_label(seat: Seat, org: Organisation | None) -> str:
    """A seat in words: 'Inspector, Cheshire Police' or 'Education'; a post that already
    names its organisation ('Chief Executive of Hackney Council') is not followed by it."""
    parts = [p for p in (seat.post, seat.service) if p]
    where = org.label if org else None
    if not parts:
        return where or seat.category.replace("-", " ").capitalize() + " member"
    if where and org and names_organisation(" ".join(parts), org):
        where = None
    return ", ".join([*parts, where] if where else parts)


def names_organisation(text: str, org: Organisation) -> bool:
    """Whether a text (a post, a service) names an organisation by its short or full name."""
    return any(_names(text, n) for n in {org.label, org.name} if n)


@lru_cache(maxsize=4096)  # asked for every seat label: thousands a run, few distinct
def _names(text: str, name: str) -> bool:
    folded = " ".join(text.casefold().split())
    return re.search(r"(?<!\w)" + re.escape(" ".join(name.casefold().split())) + r"(?!\w)",
                     folded) is not None


_ROLE_WORDS = {"chair": "the chair", "co-chair": "a co-chair", "vice-chair": "a vice-chair",
               "presiding": "the person chairing"}


def describe_selector(sel: Selector, facts: Analysis, body: Body | None) -> str:
    """A selector in words, e.g. 'police' or 'Inspector, Cheshire Police'."""
    bits: list[str] = []
    if sel.roles:
        bits.append(" or ".join(_ROLE_WORDS[r] for r in sorted(sel.roles)))
    if sel.seats:
        names = [facts.seat_label(body, s) if body else s for s in sorted(sel.seats)]
        bits.append(" or ".join(names))
    if sel.statutory_partner:
        bits.append("statutory partners")
    elif sel.statutory_partner is False:
        bits.append("non-statutory organisations")
    if sel.organisations:
        bits.append(" or ".join(facts._org_label(o) for o in sorted(sel.organisations)))
    if sel.kinds:
        bits.append(" or ".join(_words(k) for k in sorted(sel.kinds)))
    if sel.tags:
        bits.append(" or ".join(_words(t) for t in sorted(sel.tags)))
    if sel.categories:
        declared = facts.ds.settings.member_categories if facts is not None else {}
        bits.append(" or ".join(declared.get(c) or _CATEGORY_WORDS.get(c, f"{_words(c)} members")
                                for c in sorted(sel.categories)))
    return " who are ".join(bits) if bits else "members"


_CATEGORY_WORDS = {"member": "members", "adviser": "advisers",
                   "co-opted": "co-opted members",
                   "young-people": "young people's representatives"}
# initialisms of the sector, written in capitals when an id is put in words
_INITIALISMS = frozenset({"icb", "nhs", "ccg", "gp", "yot", "yjs", "lado", "mash", "csc",
                          "vcs", "vcse", "sab", "lscp", "scp", "csp", "cdop", "hwb", "ldp",
                          "cps", "uk"})


def _words(slug: str) -> str:
    """An id in words: 'nhs-trust' is 'NHS trust', 'childrens-services' 'childrens
    services'."""
    return " ".join(w.upper() if w in _INITIALISMS else w for w in slug.split("-"))


def describe(req: Requirement, facts: Analysis, body: Body | None = None) -> str:
    """A requirement in plain words, e.g. 'at least 5 members present'."""
    if req.label:
        return req.label
    if isinstance(req, Combination):
        inner = "; ".join(describe(r, facts, body) for r in req.items)
        if req.mode == "all_of":
            return inner
        if req.mode == "any_of":
            return f"any one of: {inner}"
        return f"at least {req.k} of: {inner}"
    words = _describe_leaf(req, facts, body)
    if req.each:
        group = {"organisation": "organisation", "kind": "kind of organisation",
                 "tag": "group of organisations"}[req.each]
        return f"{words} from each {group}"
    return words


def _describe_leaf(req: Present, facts: Analysis, body: Body | None) -> str:
    who = describe_selector(req.selector, facts, body)
    unit = "organisations" if req.per == "organisation" else ""
    m = req.minimum
    if m == "all":
        amount = f"every one of the {who}" if req.per == "seat" else f"every organisation of {who}"
        return f"{amount} present" if req.per == "seat" else f"{amount} represented"
    if isinstance(m, Fraction):
        share = {Fraction(1, 2): "half", Fraction(1, 3): "one third",
                 Fraction(2, 3): "two thirds", Fraction(1, 4): "a quarter",
                 Fraction(3, 4): "three quarters"}.get(m, f"{float(m) * 100:g}%")
        return (f"at least {share} (rounded {req.rounding}) of the "
                f"{unit + ' of ' if unit else ''}{who} present")
    if req.selector.roles or req.selector.seats:
        return f"{who} present" if m == 1 else f"at least {m} of {who} present"
    noun = unit or who
    if unit:
        return f"at least {m} {noun} of {who} represented"
    return f"at least {m} {noun} present"
