"""Build the model from parsed, schema-checked files.

Only valid data reaches the model. A file with schema errors is left out whole, except
list files (organisations, partnerships, actions), where only the broken items are left
out, so one bad action does not hide thirty thousand good ones.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from . import build_exceptions, build_kinds, build_offices
from .build_links import body_links, duties, external_body, first_partnership, meeting_duties
from .dates import (
    EARLIEST,
    Duration,
    Offset,
    Period,
    WorkingCalendar,
    opt_date,
    parse_date,
    parse_fraction,
)
from .load.source import Source
from .model import (
    ORDINARY,
    Action,
    ActionUpdate,
    AllowEntry,
    AnnualReportRule,
    At,
    Attendance,
    Body,
    Chairing,
    ChairTerm,
    Combination,
    Dataset,
    Deadline,
    Decision,
    DecisionRules,
    Declaration,
    Deputy,
    Escalation,
    Expectation,
    Measure,
    Meeting,
    MembershipRules,
    Organisation,
    Partnership,
    Post,
    Present,
    Publication,
    Quorum,
    QuorumDetermination,
    ReportDoc,
    Requirement,
    Rotation,
    Seat,
    Selector,
    Settings,
    TermLimit,
    Tor,
    TorVersion,
    Value,
    version_key,
)
from .papers import agenda_papers, agenda_titles

LIST_KEYS = {"organisations": "organisations", "partnerships": "partnerships",
             "personal-data-allow": "allow",
             "actions": "actions", "escalations": "escalations", "measures": "measures",
             "values": "rows"}


def _dur(value: str | None) -> Duration | None:
    return Duration.parse(value) if value else None


def _set(value: str | list[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


def selector(data: dict[str, Any]) -> Selector:
    return Selector(
        seats=_set(data.get("seat")), organisations=_set(data.get("organisation")),
        kinds=_set(data.get("kind")), tags=_set(data.get("tag")),
        categories=_set(data.get("category")), roles=_set(data.get("role")),
        statutory_partner=data.get("statutory_partner"))


def requirement(data: dict[str, Any], at: At) -> Requirement:
    label = data.get("label")
    for mode in ("all_of", "any_of"):
        if mode in data:
            items = tuple(requirement(d, at / mode / i) for i, d in enumerate(data[mode]))
            return Combination(mode, items, label=label, at=at)
    if "at_least" in data:
        items = tuple(requirement(d, at.sub("of", i)) for i, d in enumerate(data["of"]))
        return Combination("at_least", items, k=int(data["at_least"]), label=label, at=at)
    minimum = data.get("min", 1)
    if (isinstance(minimum, str) and minimum != "all") or isinstance(minimum, float):
        minimum = parse_fraction(minimum)
    return Present(selector(data["present"]), minimum, data.get("rounding", "up"),
                   data.get("per", "seat"), data.get("deputies_count"), label, at,
                   data.get("each"))


def organisation(d: dict[str, Any], at: At) -> Organisation:
    return Organisation(d["id"], d["name"], frozenset(d["kinds"]), frozenset(d.get("tags", ())),
                        bool(d.get("statutory_partner", False)), d.get("short_name"), at,
                        d.get("area"), d.get("website"), d.get("notes"),
                        tuple(d.get("email_domains", ())), tuple(d.get("public_numbers", ())),
                        tuple(d.get("office_postcodes", ())))


def _post(d: dict[str, Any], at: At) -> Post:
    return Post(d["organisation"], d["post"], d.get("delegated_from"), opt_date(d.get("from")),
                opt_date(d.get("until")), at)


def partnership(d: dict[str, Any], at: At) -> Partnership:
    rule = d.get("annual_report")
    return Partnership(
        d["id"], d["name"], d["framework"], d.get("short_name"), d.get("area"),
        tuple(_post(p, at.sub("lead_partners", i)) for i, p in enumerate(d.get("lead_partners", ()))),
        tuple(_post(p, at.sub("delegated_partners", i))
              for i, p in enumerate(d.get("delegated_partners", ()))),
        tuple(_post(p, at.sub("independent_scrutiny", i))
              for i, p in enumerate(d.get("independent_scrutiny", ()))),
        AnnualReportRule(rule["rule"], _dur(rule.get("within")), opt_date(rule.get("from")),
                         at / "annual_report") if rule else None,
        tuple(Publication(p.get("kind", "annual-report"), p["title"], parse_date(p["published"]),
                          opt_date(p.get("period_start")), opt_date(p.get("period_end")),
                          p.get("url"), at.sub("publications", i))
              for i, p in enumerate(d.get("publications", ()))),
        at, d.get("website"), d.get("notes"), nation=d.get("nation"))


def body(d: dict[str, Any], at: At) -> Body:
    seats = tuple(
        Seat(s["id"], s.get("organisation"), s.get("post"), s.get("service"),
             s.get("category", "member"), s.get("holder"), bool(s.get("publish_holder")),
             tuple(Deputy(x["post"], x.get("organisation"), x.get("holder"))
                   for x in s.get("deputies", ())),
             s.get("delegated_from"), bool(s.get("required_by_law")),
             bool(s.get("substitutes_need_chair_agreement")), opt_date(s.get("from")),
             opt_date(s.get("until")), opt_date(s.get("term_ends")),
             opt_date(s.get("vacant_since")), s.get("notes"), at.sub("seats", i),
             (s["ex_officio"]["body"], s["ex_officio"]["office"]) if s.get("ex_officio")
             else None, s.get("represents_on"))
        for i, s in enumerate(d["seats"]))
    terms = tuple(
        ChairTerm(t.get("role", ""), t["seat"], parse_date(t["from"]), opt_date(t.get("until")),
                  t.get("how"), at.sub("chair_terms", i), t.get("notes"), t.get("office"))
        for i, t in enumerate(d.get("chair_terms", ())))
    return Body(
        d["id"], d["name"], d["kind"], d["tor"], seats, d.get("short_name"),
        first_partnership(d.get("partnership")),
        tuple(d.get("accountable_to", ())), opt_date(d.get("established")),
        opt_date(d.get("ends")), opt_date(d.get("closed")), d.get("replaces"),
        opt_date(d.get("records_from")), d.get("meets"),
        d.get("classification", "OFFICIAL"), tuple(d.get("invitees", ())), terms, d.get("notes"),
        at, nation=d.get("nation"), phases=build_kinds.phases(d.get("phases"), at),
        **body_links(d, at))


def _chairing(d: dict[str, Any], at: At) -> Chairing:
    rot = d.get("rotation")
    term = d.get("term")
    co = d.get("co_chair", {})
    vice = d.get("vice_chairs", {})
    return Chairing(
        d["method"], d.get("seat"),
        selector(d["eligible"]) if "eligible" in d else None,
        Rotation(Duration.parse(rot["every"]), _dur(rot.get("tolerance")),
                 rot.get("between", "organisation"),
                 _dur(rot.get("warn_within")) or Duration(30, "day")) if rot else None,
        TermLimit(Duration.parse(term["length"]), term.get("max_consecutive"),
                  _dur(term.get("tolerance"))) if term else None,
        bool(co.get("required")), bool(co.get("different_organisation")),
        int(vice.get("min", 0)), vice.get("max"),
        selector(vice["eligible"]) if "eligible" in vice else None,
        frozenset(d["may_preside"]) if "may_preside" in d
        else frozenset({"chair", "co-chair", "vice-chair", "chair-deputy"}),
        _dur(d.get("vacancy_limit")), at)


NOT_STATED = "not stated"  # the value a ToR's editor writes for a fact the ToR does not state


def _stated(value: Any) -> Any:
    """A value as written, or None where it is written 'not stated'."""
    return None if value == NOT_STATED else value


def _placed(versions: list[TorVersion]) -> list[TorVersion]:
    """The versions of one ToR with the start of each version that states neither its
    in-force date nor its approval date worked out: in force from when the version before
    it (by number) started, the first from the start of the records."""
    out = []
    start = EARLIEST
    for v in sorted(versions, key=lambda v: version_key(v.version)):
        if v.in_force_basis == "previous":
            v = replace(v, in_force_from=start,
                        in_force_basis="previous" if out else "start")
        start = v.in_force_from
        out.append(v)
    return out


def tor_version(src: Source) -> TorVersion:
    d = src.data
    at = At(src.file)
    tor_id = src.file.rsplit("/", 2)[-2]
    approved = _stated(d.get("approved")) or {}
    q = d.get("quorum")
    chair = _chairing(d["chair"], at / "chair") if "chair" in d else None
    offices = build_offices.offices(d.get("offices"), chair, at)
    if chair is None and offices:
        chair = build_offices.chairing(offices, at / "offices")
    att = d.get("attendance", {})
    dec = d.get("decisions")
    mem = d.get("membership")
    review = _stated(d["review"]) or {}
    approved_on = opt_date(_stated(approved.get("date")))
    in_force = _stated(d["in_force_from"])
    basis = "stated" if in_force else "approval" if approved_on else "previous"
    return TorVersion(
        tor=tor_id, version=str(d["version"]), title=d["title"], status=d["status"],
        in_force_from=parse_date(in_force) if in_force else approved_on or EARLIEST,
        review_every=_dur(_stated(review.get("every"))),
        last_reviewed=opt_date(_stated(review.get("last"))),
        classification=d["classification"],
        approved_on=approved_on, approved_by=_stated(approved.get("by")),
        approved_at_meeting=bool(approved.get("at_meeting")), in_force_basis=basis,
        review_warn_within=_dur(review.get("warn_within")) or Duration(60, "day"),
        change_note=d.get("change_note"),
        quorum=Quorum(requirement(q["requires"], at / "quorum" / "requires"),
                      bool(q.get("deputies_count", True)),
                      bool(q.get("ratify_inquorate_decisions", False)), q.get("description"),
                      at / "quorum", bool(q.get("at_all_times", False)),
                      bool(q.get("chair_may_determine", False))) if q else None,
        chair=chair,
        offices=offices,
        cadences=build_kinds.cadences(d.get("cadence"), at / "cadence"),
        meeting_kinds=build_kinds.meeting_kinds(d.get("meeting_kinds"), at / "meeting_kinds"),
        deadlines=tuple(Deadline(x["milestone"], Offset.parse(x["due"]), x.get("label"),
                                 at.sub("deadlines", i))
                        for i, x in enumerate(d.get("deadlines", ()))),
        representative_required=bool(att.get("representative_required")),
        named_deputies_only=bool(att.get("named_deputies_only")),
        late_items=build_exceptions.late_items(d.get("late_items"), at / "late_items"),
        expectations=tuple(
            Expectation(selector(e.get("applies_to", {})), e.get("per", "seat"),
                        parse_fraction(e["min_rate"]) if "min_rate" in e else None,
                        _dur(e.get("window")) or Duration(12, "month"),
                        e.get("max_consecutive_missed"), e.get("max_missed_in_window"),
                        bool(e.get("deputies_count", True)), at.sub("attendance", "expectations", i),
                        e.get("consequence"))
            for i, e in enumerate(att.get("expectations", ()))),
        minutes_approval=d.get("minutes", {}).get("approval", "none"),
        declarations_required=bool(d.get("declarations", {}).get("required")),
        decisions=DecisionRules(
            dec.get("method"),
            None if dec.get("threshold", "majority") == "majority"
            else parse_fraction(dec["threshold"]),
            dec.get("casting_vote"), bool(dec.get("record_dissent")),
            requirement(dec["requires"], at / "decisions" / "requires")
            if "requires" in dec else None, at / "decisions",
            dec.get("retable")) if dec else None,
        actions_review_at_next_meeting=bool(d.get("actions", {}).get("review_at_next_meeting")),
        membership=MembershipRules(
            mem.get("max_seats"), _dur(mem.get("vacancy_limit")),
            _dur(mem.get("term_of_office")), mem.get("max_consecutive_terms"),
            tuple(selector(s) for s in mem.get("required", ())), at / "membership")
        if mem else None,
        standing_items=tuple(d.get("standing_items", ())),
        reports_to=tuple(d.get("reports_to", ())),
        duties=duties(d.get("duties", ()), at),
        prose=src.body, prose_line=src.body_line, at=at)


def _attendance(value: str | dict[str, Any], at: At) -> Attendance:
    if isinstance(value, str):
        return Attendance(value, at=at)
    return Attendance(value["status"], value.get("by"), value.get("chair_agreed"),
                      value.get("note"), at, value.get("arrived"), value.get("left"),
                      bool(value.get("left_early")), value.get("nominee"))


def meeting(src: Source) -> Meeting:
    d = src.data
    at = At(src.file)
    folder = src.file.rsplit("/", 2)[-2]
    decl = d.get("declarations")
    minutes = d.get("minutes", {})
    return Meeting(
        body=d.get("body", folder), date=parse_date(d["date"]), status=d["status"],
        classification=d["classification"],
        chair=d.get("chair") or (d["presided_by"]["seat"] if "presided_by" in d else None),
        chaired_by_deputy=bool(d.get("chaired_by_deputy")),
        presided_by=(d["presided_by"]["seat"], d["presided_by"]["how"])
        if "presided_by" in d else None, start=d.get("start"),
        location=d.get("location"),
        attendance={k: _attendance(v, at.sub("attendance", k))
                    for k, v in (d.get("attendance") or {}).items()},
        guests=tuple(d.get("guests", ())), quorate_recorded=d.get("quorate"),
        milestones={k: parse_date(v) for k, v in (d.get("milestones") or {}).items()},
        minutes_status=minutes.get("status"), minutes_approved_at=opt_date(minutes.get("approved_at")),
        minutes_amended=bool(minutes.get("amended")),
        declarations=None if decl is None else () if decl == "none" else tuple(
            Declaration(x["seat"], x["item"], x["interest"], x.get("action"),
                        at.sub("declarations", i)) for i, x in enumerate(decl)),
        decisions=tuple(
            Decision(x["id"], x["text"], x.get("method"),
                     x.get("votes", {}).get("for"), x.get("votes", {}).get("against"),
                     x.get("votes", {}).get("abstain"), x.get("votes", {}).get("casting_vote"),
                     tuple(x.get("dissent", ())),
                     tuple((parse_date(r["meeting"]), r["decision"]) for r in x.get("ratifies", ())),
                     at.sub("decisions", i), x.get("duty"), x.get("reached", True),
                     build_exceptions.retables(x.get("retables")))
            for i, x in enumerate(d.get("decisions", ()))),
        agenda=agenda_titles(d.get("agenda")), cancelled_reason=d.get("cancelled_reason"),
        rearranged_to=opt_date(d.get("rearranged_to")),
        minutes=src.body, minutes_line=src.body_line, notes=d.get("notes"), at=at,
        end=d.get("end"), quorum_determination=_determination(d.get("quorum_determination"),
                                                              at / "quorum_determination"),
        duties_done=meeting_duties(d.get("duties_done"), parse_date(d["date"]), at),
        kind=d.get("kind", ORDINARY),
        late_items=build_exceptions.meeting_late_items(d.get("late_items"), at),
        papers=agenda_papers(d.get("agenda"), src.file, at))


def _determination(d: dict[str, Any] | None, at: At) -> QuorumDetermination | None:
    return QuorumDetermination(d["reason"], tuple(d.get("items", ())), at) if d else None


def action(d: dict[str, Any], at: At) -> Action:
    owner = d["owner"]
    return Action(
        d["id"], d["body"], parse_date(d["raised"]), d["description"], parse_date(d["due"]),
        d["status"], owner.get("seat"), owner.get("organisation"), opt_date(d.get("closed")),
        d.get("escalated_to"),
        tuple(ActionUpdate(parse_date(u["date"] if (by := u.get("by")) else u["meeting"]),
                           u["note"], u.get("status"), opt_date(u.get("due")),
                           at.sub("updates", i), by)
              for i, u in enumerate(d.get("updates", ()))),
        at)


def measure(d: dict[str, Any], at: At) -> Measure:
    thresholds = d.get("thresholds", {})
    bounds = d.get("bounds", {})
    return Measure(
        d["id"], d["title"], d["unit"], d["polarity"], d["frequency"],
        tuple(d["scrutinised_by"]), d.get("owner"), d.get("description"),
        _dur(d.get("available_after")) or Duration(0, "day"), d.get("target"),
        thresholds.get("amber"), thresholds.get("red"), bounds.get("min"), bounds.get("max"),
        d.get("strand"), frozenset(d.get("tags", ())), at)


def escalation(d: dict[str, Any], at: At) -> Escalation:
    response = d.get("response") or {}
    return Escalation(
        d["id"], d["from"], parse_date(d["raised"]), d["to"], d["issue"], d.get("action"),
        opt_date(response.get("meeting")), response.get("text"),
        d.get("status", "responded" if response else "open"), at)


def allow_entry(d: dict[str, Any], at: At) -> AllowEntry:
    return AllowEntry(d["file"], d["code"], d.get("text"), d.get("sha256"), d.get("reason"),
                      d.get("reviewed_by"), opt_date(d.get("reviewed_on")), at)


def sensitive_terms(text: str) -> tuple[tuple[str, int], ...]:
    """The terms of sensitive-terms.txt with their line numbers (blank lines and # comments
    left out)."""
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        term = " ".join(line.split())
        if term and not term.startswith("#"):
            out.append((term, number))
    return tuple(out)


def settings(data: dict[str, Any] | None) -> Settings:
    data = data or {}
    checks = data.get("checks", {})
    return Settings(
        nation=data.get("nation", "england-and-wales"),
        closure_days=frozenset(parse_date(x) for x in data.get("closure_days", ())),
        disabled=frozenset(checks.get("disable", ())), severity=dict(checks.get("severity", {})),
        site_name=data.get("site_name"),
        max_file_bytes=data.get("limits", {}).get("max_file_bytes"),
        member_categories={c["id"]: c["name"] for c in data.get("member_categories", ())})


def _add(ds: Dataset, table: dict[str, Any], kind: str, item: Any) -> None:
    """Add an item under its id, recording a second use of the id as a duplicate."""
    if item.id in table:
        ds.duplicates.append((kind, item.id, item.at))
    else:
        table[item.id] = item


def build_dataset(valid: list[tuple[Source, set[int] | None]]) -> Dataset:
    """Build the dataset from sources that passed the schema.

    Each entry pairs a source with the indexes of its list items to leave out (None: the
    whole file is valid). Sources whose file-level data is invalid must not be passed.
    """
    config = next((s.data for s, _ in valid if s.kind == "config"), None)
    cfg = settings(config)
    ds = Dataset(cfg, {}, {}, {}, {}, {}, [],
                 WorkingCalendar(cfg.nation, cfg.closure_days))
    tor_versions: dict[str, list[TorVersion]] = {}
    allow: list[AllowEntry] = []
    for src, skip in valid:
        at = At(src.file)
        kind = src.kind
        if kind == "partnerships":  # beside the partnerships: the bodies kept elsewhere
            for i, item in enumerate(src.data.get("external_bodies") or ()):
                _add(ds, ds.external_bodies, "external body",
                     external_body(item, at.sub("external_bodies", i)))
        if kind in LIST_KEYS:
            key = LIST_KEYS[kind]
            for i, item in enumerate(src.data.get(key) or ()):
                if skip and i in skip:
                    continue
                item_at = at.sub(key, i)
                if kind == "organisations":
                    _add(ds, ds.organisations, "organisation", organisation(item, item_at))
                elif kind == "partnerships":
                    _add(ds, ds.partnerships, "partnership", partnership(item, item_at))
                elif kind == "measures":
                    _add(ds, ds.measures, "measure", measure(item, item_at))
                elif kind == "values":
                    org = PurePosixPath(src.file).stem
                    ds.values.append(Value(item["measure"], org, Period.parse(item["period"]),
                                           float(item["value"]), parse_date(item["submitted"]),
                                           item.get("note"), item_at))
                elif kind == "escalations":
                    ds.escalations.append(escalation(item, item_at))
                elif kind == "personal-data-allow":
                    allow.append(allow_entry(item, item_at))
                else:
                    ds.actions.append(action(item, item_at))
        elif kind == "sensitive-terms":
            ds.sensitive_terms = sensitive_terms(src.data)
        elif kind == "body":
            _add(ds, ds.bodies, "body", body(src.data, at))
        elif kind == "tor":
            v = tor_version(src)
            tor_versions.setdefault(v.tor, []).append(v)
        elif kind == "meeting":
            m = meeting(src)
            ds.meetings.setdefault(m.body, []).append(m)
        elif kind == "report":
            d = src.data
            ds.reports.append(ReportDoc(
                d["body"], parse_date(d["period_start"]), parse_date(d["period_end"]),
                parse_date(d["generated"]), d.get("classification", "OFFICIAL"), src.body,
                src.body_line, at))
    ds.personal_data_allow = tuple(allow)
    for tor_id, versions in tor_versions.items():
        versions = _placed(versions)
        versions.sort(key=lambda v: (v.in_force_from, version_key(v.version)))
        ds.tors[tor_id] = Tor(tor_id, tuple(versions))
    for body_id, meetings in ds.meetings.items():
        meetings.sort(key=lambda m: m.date)
        for m in meetings:
            ds.meeting_index.setdefault((body_id, m.date), m)
    build_offices.resolve(ds)
    return ds
