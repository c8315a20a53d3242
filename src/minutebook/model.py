"""The governance model: typed, immutable facts built from validated files.

Everything here is what the files say, nothing derived (see ``analysis`` for that).
Each object keeps ``at``, the file and data path it came from, so findings can point
at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, NamedTuple

from .dates import Duration, Offset, Period, WorkingCalendar

SIXTY_DAYS = Duration(60, "day")
THIRTY_DAYS = Duration(30, "day")
TWELVE_MONTHS = Duration(12, "month")
NO_TIME = Duration(0, "day")


class At(NamedTuple):
    """Where something is written: a file and a path into its data.

    A named tuple rather than a dataclass: hundreds of thousands are made per run.
    """

    file: str
    path: tuple[str | int, ...] = ()

    def __truediv__(self, part: str | int) -> At:  # type: ignore[override]
        return At(self.file, (*self.path, part))

    def sub(self, *parts: str | int) -> At:
        """Several steps down at once (``at.sub("updates", 0)`` is ``at / "updates" / 0``)."""
        return At(self.file, (*self.path, *parts))


NOWHERE = At("")  # the default location of objects made outside a file (tests)


# ---------------------------------------------------------------- organisations


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kinds: frozenset[str]
    tags: frozenset[str] = frozenset()
    statutory_partner: bool = False
    short_name: str | None = None
    at: At = NOWHERE
    area: str | None = None
    website: str | None = None
    notes: str | None = None
    # what the personal-data scan (PD) never flags: the organisation's mail domains, its
    # published switchboard numbers and the postcodes of its offices
    email_domains: tuple[str, ...] = ()
    public_numbers: tuple[str, ...] = ()
    office_postcodes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class Post:
    """A post at an organisation, e.g. a lead or delegated safeguarding partner."""

    organisation: str
    post: str
    delegated_from: str | None = None
    start: date | None = None
    end: date | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Publication:
    kind: str
    title: str
    published: date
    period_start: date | None = None
    period_end: date | None = None
    url: str | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class AnnualReportRule:
    rule: str  # every-12-months | after-financial-year | by-31-july
    within: Duration | None = None
    start: date | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Partnership:
    id: str
    name: str
    framework: str
    short_name: str | None = None
    area: str | None = None
    lead_partners: tuple[Post, ...] = ()
    delegated_partners: tuple[Post, ...] = ()
    independent_scrutiny: tuple[Post, ...] = ()
    annual_report: AnnualReportRule | None = None
    publications: tuple[Publication, ...] = ()
    at: At = NOWHERE
    website: str | None = None
    notes: str | None = None
    nation: str | None = None  # whose bank holidays its bodies' working days skip


# ---------------------------------------------------------------- bodies and seats


@dataclass(frozen=True, slots=True)
class Deputy:
    post: str
    organisation: str | None = None
    holder: str | None = None


@dataclass(frozen=True, slots=True)
class Seat:
    """A place on a body, held by a post at an organisation (or by a category of member)."""

    id: str
    organisation: str | None = None
    post: str | None = None
    service: str | None = None
    category: str = "member"
    holder: str | None = None
    publish_holder: bool = False
    deputies: tuple[Deputy, ...] = ()
    delegated_from: str | None = None
    required_by_law: bool = False
    substitutes_need_chair_agreement: bool = False
    start: date | None = None
    end: date | None = None
    term_ends: date | None = None
    vacant_since: date | None = None
    notes: str | None = None
    at: At = NOWHERE
    # (body, office): the seat is held by whoever holds that office of another body (the
    # chair of a sub-group sitting here; the Board's vice-chair chairing this body)
    ex_officio: tuple[str, str] | None = None
    represents_on: str | None = None  # the body (usually the parent) it represents this one on

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def vacant_on(self, day: date) -> bool:
        return self.vacant_since is not None and self.vacant_since <= day


@dataclass(frozen=True, slots=True)
class ChairTerm:
    role: str  # chair | co-chair | vice-chair
    seat: str
    start: date
    end: date | None = None
    how: str | None = None
    at: At = NOWHERE
    notes: str | None = None
    office: str | None = None  # the ToR's office (offices:); None: the one of its role
    # a term of an office held by another body's office holder (held_by:): that body's id
    via: str | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def vacant(self) -> bool:
        """A declared vacancy ('to be appointed'): ``seat: vacant``."""
        return self.seat == VACANT


VACANT = "vacant"  # the seat of a chair term that declares the office vacant


@dataclass(frozen=True, slots=True)
class Phase:
    """A named stage of a body's life ("during the needs assessment"), with its dates."""

    id: str
    start: date
    end: date | None = None
    at: At = NOWHERE

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


# how one body stands to another, or to a body or organisation outside the repository
RELATION_KINDS = ("accountable-to", "supports", "advises", "hands-off-to", "scrutinises",
                  "receives-reports-from")


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated line from a body to a body, an external body or an organisation (``to``)."""

    to: str
    kind: str  # one of RELATION_KINDS
    start: date | None = None
    end: date | None = None
    notes: str | None = None
    at: At = NOWHERE

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ExternalBody:
    """A body referred to but not kept here (a council's scrutiny committee, a cabinet, a
    government department): a name to point at, with no seats or ToR."""

    id: str
    name: str
    short_name: str | None = None
    organisation: str | None = None
    url: str | None = None
    closed: date | None = None
    notes: str | None = None
    at: At = NOWHERE

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True, slots=True)
class DutyDone:
    """Evidence that a duty was done: an entry of a meeting record's ``duties_done`` (a
    duty of the meeting's body, or ``of`` another body's), a decision's ``duty``, or a
    dated entry of a body file's ``duties_done`` (with the file or address)."""

    duty: str
    on: date
    form: str  # meeting-item | decision | file
    of: str | None = None  # the body whose duty it is, when not the record's own
    file: str | None = None
    url: str | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    name: str
    kind: str
    tor: str
    seats: tuple[Seat, ...]
    short_name: str | None = None
    partnership: str | None = None
    accountable_to: tuple[str, ...] = ()
    established: date | None = None
    ends: date | None = None
    closed: date | None = None
    replaces: str | None = None
    records_from: date | None = None
    meets: str | None = None
    classification: str = "OFFICIAL"
    invitees: tuple[str, ...] = ()
    chair_terms: tuple[ChairTerm, ...] = ()
    notes: str | None = None
    at: At = NOWHERE
    nation: str | None = None  # overrides its partnership's and the repository's nation
    # every line to another body, external body or organisation: the accountable_to
    # entries first (as accountable-to, undated), then those under relations:
    relations: tuple[Relation, ...] = ()
    # every partnership it belongs to (partnership: is the first)
    partnerships: tuple[str, ...] = ()
    # full | meetings-only (None: meetings-only when it shares a parent's ToR, else full)
    tor_scope: str | None = None
    duties_done: tuple[DutyDone, ...] = ()  # duties done outside meetings (with a file)
    phases: tuple[Phase, ...] = ()  # named stages its ToR's cadence may follow
    # what seat() and seats_on() have looked up (the seats never change once built)
    _memo: dict[date | None, Any] = field(default_factory=dict, init=False, repr=False,
                                          compare=False)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def seat(self, seat_id: str) -> Seat | None:
        by_id = self._memo.get(None)
        if by_id is None:  # the first seat of an id, as a search in order would find
            by_id = self._memo[None] = {s.id: s for s in reversed(self.seats)}
        return by_id.get(seat_id)

    def seats_on(self, day: date) -> tuple[Seat, ...]:
        found = self._memo.get(day)
        if found is None:
            found = self._memo[day] = tuple(s for s in self.seats if s.active_on(day))
        return found

    def terms(self, role: str) -> tuple[ChairTerm, ...]:
        return tuple(sorted((t for t in self.chair_terms if t.role == role),
                            key=lambda t: t.start))

    def active_on(self, day: date) -> bool:
        return ((self.established is None or self.established <= day)
                and (self.closed is None or day <= self.closed))

    def parents_on(self, day: date) -> tuple[str, ...]:
        """The ids it is accountable to on a day (bodies, external bodies, organisations)."""
        return tuple(dict.fromkeys(r.to for r in self.relations
                                   if r.kind == "accountable-to" and r.active_on(day)))


# ---------------------------------------------------------------- rule forms


@dataclass(frozen=True, slots=True)
class Selector:
    """Which seats count: every given key must match; a list under a key means any of it."""

    seats: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    statutory_partner: bool | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.seats or self.organisations or self.kinds or self.tags
                    or self.categories or self.roles) and self.statutory_partner is None


@dataclass(frozen=True, slots=True)
class Present:
    """Leaf requirement: at least ``min`` of the selected seats (or organisations) present."""

    selector: Selector
    minimum: int | str | Fraction = 1  # a count, "all", or a fraction of those selected
    rounding: str = "up"
    per: str = "seat"
    deputies_count: bool | None = None
    label: str | None = None
    at: At = NOWHERE
    # "organisation", "kind" or "tag": the count is needed from each of them among the
    # selected seats ("three from each council")
    each: str | None = None


@dataclass(frozen=True, slots=True)
class Combination:
    """all_of (k = len), any_of (k = 1) or at_least k of several requirements."""

    mode: str  # all_of | any_of | at_least
    items: tuple[Requirement, ...]
    k: int = 1
    label: str | None = None
    at: At = NOWHERE

    @property
    def needed(self) -> int:
        return len(self.items) if self.mode == "all_of" else self.k if self.mode == "at_least" else 1


Requirement = Present | Combination


@dataclass(frozen=True, slots=True)
class Quorum:
    requires: Requirement
    deputies_count: bool = True
    ratify_inquorate_decisions: bool = False
    description: str | None = None
    at: At = NOWHERE
    # the quorum must hold throughout (arrivals and departures recorded by time)
    at_all_times: bool = False
    # the chair may determine, with a recorded reason, that a meeting is quorate
    chair_may_determine: bool = False


@dataclass(frozen=True, slots=True)
class Rotation:
    every: Duration
    tolerance: Duration | None = None
    between: str = "organisation"
    warn_within: Duration = THIRTY_DAYS


@dataclass(frozen=True, slots=True)
class TermLimit:
    length: Duration
    max_consecutive: int | None = None
    tolerance: Duration | None = None


@dataclass(frozen=True, slots=True)
class Chairing:
    method: str  # fixed | rotation | appointed | elected
    seat: str | None = None
    eligible: Selector | None = None
    rotation: Rotation | None = None
    term: TermLimit | None = None
    co_chair_required: bool = False
    co_chair_different_organisation: bool = False
    vice_chairs_min: int = 0
    vice_chairs_max: int | None = None
    vice_chairs_eligible: Selector | None = None
    may_preside: frozenset[str] = frozenset({"chair", "co-chair", "vice-chair", "chair-deputy"})
    vacancy_limit: Duration | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Office:
    """An office of a body (chair, co-chair, a vice-chair tied to a post, an independent
    scrutineer), with who may hold it and for how long: from the ToR's ``offices:``, or
    translated from its ``chair:`` block (``declared`` False)."""

    id: str
    title: str
    role: str  # chair | co-chair | vice-chair | other
    seat: str | None = None  # held ex officio by this seat
    eligible: Selector | None = None
    excluded: Selector | None = None  # eligible: not:
    member_of: frozenset[str] = frozenset()  # the holder sits on one of these bodies too
    term: TermLimit | None = None
    rotation: Rotation | None = None
    order: tuple[str, ...] = ()  # rotation: order: organisations or kinds, in turn
    elected_at: str | None = None  # the kind of meeting that elects the holder
    holders_min: int = 0
    holders_max: int | None = 1
    vacancy_limit: Duration | None = None
    held_by: tuple[str, str] | None = None  # (body, office): another body's office holder
    declared: bool = True
    at: At = NOWHERE

    @property
    def name(self) -> str:
        """The office in words for findings: its title, else its role ('vice-chair')."""
        return self.title or self.role


@dataclass(frozen=True, slots=True)
class Window:
    """Each year, at least ``meetings`` held in consecutive ``months`` (over the new year
    if need be): "one meeting in October or November" is (10, 11); a quarter of the year
    is one of four such windows (``quarter``)."""

    months: tuple[int, ...]
    meetings: int
    kind: str | None = None  # count only meetings of this kind (None: those counting)
    quarter: bool = False
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Cadence:
    start: date | None = None
    every: Duration | None = None
    tolerance: Duration | None = None
    per_year_min: int | None = None
    year_starts: tuple[int, int] = (1, 1)
    on_demand: bool = False
    next_meeting_scheduled: bool = True
    at: At = NOWHERE
    until: date | None = None  # the last day this entry applies
    during: str | None = None  # applies while the body is in this named phase
    windows: tuple[Window, ...] = ()  # windows: and per_quarter:
    per_week: int | None = None
    weekdays: tuple[int, ...] = ()  # 0 = Monday: the days meetings are fixed to
    provisional: bool = False
    review_within: Duration | None = None  # how long a provisional pattern may stand

    def applies_on(self, day: date) -> bool:
        """Whether this entry's own dates (not a phase) cover a day."""
        return (self.start is None or self.start <= day) and \
            (self.until is None or day <= self.until)


ORDINARY = "ordinary"


@dataclass(frozen=True, slots=True)
class MeetingKind:
    """A kind of meeting a ToR declares (annual, extraordinary...), with its own rules."""

    id: str
    counts_for_cadence: bool
    approves_minutes: bool
    elections: bool = False
    agenda: tuple[str, ...] = ()  # items every meeting of the kind has, in this order
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Deadline:
    milestone: str
    offset: Offset
    label: str | None = None
    at: At = NOWHERE

    @property
    def name(self) -> str:
        return self.label or self.milestone.replace("-", " ")


@dataclass(frozen=True, slots=True)
class Expectation:
    applies_to: Selector = Selector()
    per: str = "seat"
    min_rate: Fraction | None = None
    window: Duration = TWELVE_MONTHS
    max_consecutive_missed: int | None = None
    max_missed_in_window: int | None = None
    deputies_count: bool = True
    at: At = NOWHERE
    consequence: str | None = None  # the ToR's words for what follows ("membership reviewed")


@dataclass(frozen=True, slots=True)
class DecisionRules:
    method: str | None = None
    threshold: Fraction | None = None  # None = simple majority
    casting_vote: str | None = None
    record_dissent: bool = False
    requires: Requirement | None = None
    at: At = NOWHERE
    # a decision not reached (no consensus) is re-tabled: at the next held meeting
    # ("next-meeting") or at a later one ("later"); None: the ToR says nothing
    retable: str | None = None


@dataclass(frozen=True, slots=True)
class LateItems:
    """What the ToR says of items added after the papers deadline ("urgent business")."""

    allowed: bool = True
    chair_agreement: bool = False  # the chair must agree each one
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class MembershipRules:
    max_seats: int | None = None
    vacancy_limit: Duration | None = None
    term_of_office: Duration | None = None
    max_consecutive_terms: int | None = None
    required: tuple[Selector, ...] = ()
    at: At = NOWHERE


DUTY_EVIDENCE = ("meeting-item", "decision", "report", "file")


@dataclass(frozen=True, slots=True)
class Duty:
    """Something the ToR says the body must do, when, and how a record shows it was done.

    Exactly one schedule: ``every`` (at least once in each period), ``by`` (each year by a
    day: (month, day), day 0 the month's last), ``in_month`` (each year in that month,
    e.g. at the October meeting) or ``before`` (an offset before each time another duty,
    ``before_duty``, is done)."""

    id: str
    what: str
    evidence: frozenset[str]
    every: Duration | None = None
    by: tuple[int, int] | None = None
    in_month: int | None = None
    before_duty: str | None = None
    before: Offset | None = None
    to: str | None = None
    start: date | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class TorVersion:
    """One version of a terms of reference, with the rules it sets."""

    tor: str
    version: str
    title: str
    status: str
    # the date the version is checked from: as the ToR states it, or, where it states none
    # (`in_force_from: not stated`), as in_force_basis says it was worked out
    in_force_from: date
    review_every: Duration | None  # None: the ToR does not state how often it is reviewed
    last_reviewed: date | None  # None: not stated
    classification: str
    approved_on: date | None = None  # None: not approved, or the date is not stated
    approved_by: str | None = None
    approved_at_meeting: bool = False
    # stated | approval (its approval date) | previous (when the version before it started)
    # | start (from the start of the records: the first version, with no date at all)
    in_force_basis: str = "stated"
    review_warn_within: Duration = SIXTY_DAYS
    change_note: str | None = None
    quorum: Quorum | None = None
    chair: Chairing | None = None
    # every office (offices:, with those of chair: translated): see build_offices
    offices: tuple[Office, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    meeting_kinds: tuple[MeetingKind, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    representative_required: bool = False
    # only a deputy the seat names (deputies:) may attend in the member's place
    named_deputies_only: bool = False
    late_items: LateItems | None = None
    expectations: tuple[Expectation, ...] = ()
    minutes_approval: str = "none"
    declarations_required: bool = False
    decisions: DecisionRules | None = None
    actions_review_at_next_meeting: bool = False
    membership: MembershipRules | None = None
    standing_items: tuple[str, ...] = ()
    reports_to: tuple[str, ...] = ()
    duties: tuple[Duty, ...] = ()
    prose: str = ""
    prose_line: int = 1
    at: At = NOWHERE

    @property
    def next_review(self) -> date | None:
        """When the next review is due; None when the ToR does not state its review period
        or when it was last reviewed."""
        if self.review_every is None or self.last_reviewed is None:
            return None
        return self.review_every.after(self.last_reviewed)

    @property
    def in_force_stated(self) -> bool:
        return self.in_force_basis == "stated"

    def cadence_on(self, day: date, phases: tuple[Phase, ...] = ()) -> Cadence | None:
        """The cadence entry in force on a day: one for a named phase the body is in
        (``phases``), else the last dated entry that covers it."""
        current = None
        for cadence in self.cadences:
            if cadence.during is None and cadence.applies_on(day):
                current = cadence
        for phase in phases:
            if phase.covers(day):
                for cadence in self.cadences:
                    if cadence.during == phase.id:
                        current = cadence
        return current

    def office(self, office_id: str) -> Office | None:
        for o in self.offices:
            if o.id == office_id:
                return o
        return None

    def meeting_kind(self, kind: str) -> MeetingKind | None:
        """A kind this version declares; ``ordinary`` is known without being declared."""
        for k in self.meeting_kinds:
            if k.id == kind:
                return k
        return MeetingKind(ORDINARY, True, True) if kind == ORDINARY else None


def version_key(version: str) -> tuple[int, ...]:
    """Versions in numeric order: 1.2 < 1.10."""
    return tuple(int(p) for p in version.split("."))


@dataclass(frozen=True, slots=True)
class Tor:
    id: str
    versions: tuple[TorVersion, ...]  # sorted by in_force_from, then version

    def in_force(self, day: date) -> TorVersion | None:
        """The version in force on a day: the latest approved one that has started,
        or, where none is approved, the latest draft (which a rule flags)."""
        started = [v for v in self.versions if v.in_force_from <= day]
        approved = [v for v in started if v.status == "approved"]
        if approved:
            return approved[-1]
        return started[-1] if started else None

    @property
    def latest(self) -> TorVersion:
        return self.versions[-1]


# ---------------------------------------------------------------- meetings


class Attendance(NamedTuple):
    """One seat's attendance at a meeting. A named tuple: tens of thousands are made per run."""

    status: str  # present | deputy | apologies | absent
    by: str | None = None
    chair_agreed: bool | None = None
    note: str | None = None
    at: At = NOWHERE
    arrived: str | None = None  # HH:MM, when later than the start
    left: str | None = None  # HH:MM, when earlier than the end
    left_early: bool = False
    nominee: str | None = None  # with deputy: the seat whose member attended, nominated


@dataclass(frozen=True, slots=True)
class QuorumDetermination:
    """The chair's recorded determination that a meeting was quorate (for some items)."""

    reason: str
    items: tuple[str, ...] = ()  # empty: the whole meeting
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Declaration:
    seat: str
    item: str
    interest: str
    action: str | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    text: str
    method: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    casting_vote: str | None = None
    dissent: tuple[str, ...] = ()
    ratifies: tuple[tuple[date, str], ...] = ()
    at: At = NOWHERE
    duty: str | None = None  # the ToR duty this decision discharges
    reached: bool = True  # False: not reached (no consensus), to be re-tabled
    retables: tuple[date, str] | None = None  # (meeting, decision) it takes up again


@dataclass(frozen=True, slots=True)
class LateItem:
    """An item added after the papers deadline: its paper's date and the reason."""

    item: str
    circulated: date | None = None
    reason: str | None = None
    chair_agreed: bool = False
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper of an agenda item: a title and an address (http/https) or a file kept beside
    the record (``file``: its path in the repository, e.g. meetings/<body>/<date>/x.pdf)."""

    item: int  # the agenda item it belongs to (0: the first)
    title: str
    url: str | None = None
    file: str | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Meeting:
    body: str
    date: date
    status: str  # scheduled | held | cancelled
    classification: str
    chair: str | None = None
    chaired_by_deputy: bool = False
    # (seat, how) when someone other than an office holder presided, e.g. elected by the
    # members present; ``chair`` is then that seat
    presided_by: tuple[str, str] | None = None
    start: str | None = None
    location: str | None = None
    attendance: dict[str, Attendance] = field(default_factory=dict, hash=False)
    guests: tuple[str, ...] = ()
    quorate_recorded: bool | None = None
    milestones: dict[str, date] = field(default_factory=dict, hash=False)
    minutes_status: str | None = None
    minutes_approved_at: date | None = None
    minutes_amended: bool = False
    declarations: tuple[Declaration, ...] | None = None  # None: not recorded
    decisions: tuple[Decision, ...] = ()
    agenda: tuple[str, ...] = ()
    cancelled_reason: str | None = None
    rearranged_to: date | None = None  # a cancelled meeting's new date
    minutes: str = ""
    minutes_line: int = 1
    notes: str | None = None
    at: At = NOWHERE
    end: str | None = None
    quorum_determination: QuorumDetermination | None = None
    duties_done: tuple[DutyDone, ...] = ()
    kind: str = ORDINARY  # ordinary, or a kind the ToR declares (meeting_kinds:)
    late_items: tuple[LateItem, ...] = ()  # urgent items added after the papers deadline
    papers: tuple[Paper, ...] = ()  # the agenda items' papers, in order (issue 18.4)

    @property
    def key(self) -> tuple[str, date]:
        return (self.body, self.date)

    @property
    def held(self) -> bool:
        return self.status == "held"


# ---------------------------------------------------------------- actions


class ActionUpdate(NamedTuple):
    """One update of an action: reviewed at a meeting (``meeting:``), or reported between
    meetings (``date:`` and ``by:``, how it was reported). ``meeting`` holds the update's
    day either way (the meeting's date, or the day reported); ``by`` says which. A named
    tuple: tens of thousands are made per run."""

    meeting: date
    note: str
    status: str | None = None
    due: date | None = None
    at: At = NOWHERE
    by: str | None = None  # set: an update between meetings, reported this way

    @property
    def between_meetings(self) -> bool:
        """Reported between meetings (``date:`` and ``by:``), not at a meeting."""
        return self.by is not None

    @property
    def day(self) -> date:
        """The update's day: the meeting's date, or the day it was reported."""
        return self.meeting


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    body: str
    raised: date
    description: str
    due: date
    status: str  # open | done | dropped | escalated
    owner_seat: str | None = None
    owner_organisation: str | None = None
    closed: date | None = None
    escalated_to: str | None = None
    updates: tuple[ActionUpdate, ...] = ()
    at: At = NOWHERE

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def current_due(self) -> date:
        """The due date after any re-scheduling recorded in updates: the latest one by the
        updates' days (an update between meetings may be written after a later one), of
        one day by their order."""
        due, when = self.due, None
        for update in self.updates:
            if update.due and (when is None or update.meeting >= when):
                due, when = update.due, update.meeting
        return due


# ---------------------------------------------------------------- scorecard and escalations


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    title: str
    unit: str
    polarity: str  # higher-is-better | lower-is-better
    frequency: str  # monthly | quarterly | annual
    scrutinised_by: tuple[str, ...]
    owner: str | None = None
    description: str | None = None
    available_after: Duration = NO_TIME
    target: float | None = None
    amber: float | None = None
    red: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    strand: str | None = None
    tags: frozenset[str] = frozenset()
    at: At = NOWHERE

    def direction(self, latest: float, previous: float | None) -> str:
        """Direction of travel from the previous value, taking the polarity into account."""
        if previous is None:
            return "Not enough data"
        if latest == previous:
            return "No change"
        better = latest > previous if self.polarity == "higher-is-better" else latest < previous
        return "Improving" if better else "Worsening"

    def rag(self, value: float) -> str:
        """red, amber or green for a value (grey where no thresholds are set; RAG_WORDS
        says each in words)."""
        if self.amber is None or self.red is None:
            return "grey"
        if self.polarity == "higher-is-better":
            return "red" if value < self.red else "amber" if value < self.amber else "green"
        return "red" if value > self.red else "amber" if value > self.amber else "green"


# a RAG status in words, as the site and the reports show it (never by colour alone)
RAG_WORDS = {"red": "Red: below threshold", "amber": "Amber: watch",
             "green": "Green: on track", "grey": "No thresholds set"}


@dataclass(frozen=True, slots=True)
class Value:
    measure: str
    organisation: str  # from the file name
    period: Period
    value: float
    submitted: date
    note: str | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class Escalation:
    id: str
    source: str  # the body that escalated
    raised: date
    target: str  # the body asked to consider it
    issue: str
    action: str | None = None
    response_meeting: date | None = None
    response: str | None = None
    status: str = "open"
    at: At = NOWHERE


# ---------------------------------------------------------------- personal-data allow-list


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """One reviewed false positive of the personal-data scan (personal-data-allow.yaml)."""

    file: str
    code: str
    text: str | None = None
    sha256: str | None = None
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_on: date | None = None
    at: At = NOWHERE


@dataclass(frozen=True, slots=True)
class ReportDoc:
    """A report of a body to its parents, as written by ``minutebook report``."""

    body: str
    start: date
    end: date
    generated: date
    classification: str
    text: str
    text_line: int
    at: At = NOWHERE


# ---------------------------------------------------------------- the whole repository


@dataclass(frozen=True, slots=True)
class Settings:
    nation: str = "england-and-wales"
    closure_days: frozenset[date] = frozenset()
    disabled: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict, hash=False)
    site_name: str | None = None
    max_file_bytes: int | None = None
    # categories of member declared beyond the built-in ones: id -> name in words (plural)
    member_categories: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class DocPage:
    """A hand-written page under docs/, published as written: scanned like a record."""

    file: str  # its path in the repository, e.g. docs/about.md
    text: str  # the whole file, front matter included


@dataclass(slots=True)
class Dataset:
    """Everything the repository says, indexed for the rules and the site."""

    settings: Settings
    organisations: dict[str, Organisation]
    partnerships: dict[str, Partnership]
    bodies: dict[str, Body]
    tors: dict[str, Tor]
    meetings: dict[str, list[Meeting]]  # by body, sorted by date
    actions: list[Action]
    calendar: WorkingCalendar
    meeting_index: dict[tuple[str, date], Meeting] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    values: list[Value] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    reports: list[ReportDoc] = field(default_factory=list)
    # sensitive-terms.txt: (term, line) pairs; and personal-data-allow.yaml entries
    sensitive_terms: tuple[tuple[str, int], ...] = ()
    personal_data_allow: tuple[AllowEntry, ...] = ()
    # ids seen in files that could not be fully read, so references to them are not
    # reported a second time as dangling
    unreadable_ids: set[tuple[str, str]] = field(default_factory=set)
    # (kind, id, where) of every second use of an organisation, partnership or body id
    duplicates: list[tuple[str, str, At]] = field(default_factory=list)
    # the hand-written pages under docs/ (not the generated rule reference)
    docs_pages: tuple[DocPage, ...] = ()
    # bodies referred to but not kept here (external_bodies: in governance/partnerships.yaml)
    external_bodies: dict[str, ExternalBody] = field(default_factory=dict)
    # the papers kept beside meeting records that may be published: path in the
    # repository -> size in bytes (set by the check once each file is found safe)
    paper_files: dict[str, int] = field(default_factory=dict)

    def meeting(self, body: str, day: date) -> Meeting | None:
        return self.meeting_index.get((body, day))

    def held_meetings(self, body: str) -> list[Meeting]:
        return [m for m in self.meetings.get(body, ()) if m.held]

    def tor_of(self, body: Body) -> Tor | None:
        return self.tors.get(body.tor)

    def nation_of(self, body: Body | None) -> str:
        """Whose bank holidays a body's working days skip: its own nation, else its
        partnership's, else the repository's (minutebook.yaml)."""
        if body is not None:
            if body.nation:
                return body.nation
            partnership = self.partnerships.get(body.partnership or "")
            if partnership is not None and partnership.nation:
                return partnership.nation
        return self.settings.nation

    def calendar_of(self, body: Body | None) -> WorkingCalendar:
        """The working calendar of a body's nation (one calendar per nation, shared)."""
        return self.calendar.for_nation(self.nation_of(body))

    def known(self, kind: str, ident: str) -> bool:
        """Whether an id may exist in a file that could not be read (so is not dangling)."""
        return (kind, ident) in self.unreadable_ids or ("all", kind) in self.unreadable_ids
