"""Generate the site's pages from a check result: a pure function, no MkDocs here.

``render_site(result)`` returns the Markdown of every generated page and the bytes of
every data file (iCalendar feeds, open data). The MkDocs plugin only hands them over.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from ..analysis import ATTENDED, Analysis, describe
from ..api import Result
from ..dates import EARLIEST
from ..findings import SEVERITY_ORDER, Finding
from ..mdtext import tidy
from ..model import (
    ORDINARY,
    Action,
    Body,
    ChairTerm,
    Dataset,
    Meeting,
    TorVersion,
)
from ..papers import TYPE_WORDS, kind_of, size_words
from ..rules.cadence_forms import describe as describe_cadence
from . import atom, ical, opendata, register
from .attention import Attention
from .attention import attention as attention_of
from .charts import trend_svg
from .html import Markup, badge, escape, items, link, table
from .links import (
    body_page,
    href,
    md_link,
    meeting_page,
    organisation_page,
    print_view_page,
    report_page,
)
from .mine import (
    action_organisation,
    counts_to_quorum,
    is_overdue,
    open_actions_of,
    papers_deadline,
    seats_of,
    status_tokens,
    upcoming_where_sits,
)
from .month_view import month_view
from .printing import page_classification, print_footer
from .publication import (
    is_restricted,
    meeting_restricted,
    publishable_actions,
    publishable_findings,
    publishable_minutes,
    shown_location,
)
from .scorecard import expected_by, period_words, scorecard_trend
from .status import COLUMNS, body_statuses
from .structure_words import body_relations, duty_rows, structure_in_words
from .templating import environment, fmt

EDITIONS = ("public", "internal")
STATUS_WORDS = {"present": "Present", "deputy": "Deputy attended", "apologies": "Apologies",
                "absent": "Absent"}


@dataclass(slots=True)
class Site:
    """What the generator produces."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    # files of the repository the site publishes as they are (meeting papers): site path
    # -> path in the repository; the adapter copies them, checking them again
    copies: dict[str, str] = field(default_factory=dict)




class Generator:
    """Builds every page; one instance per build."""

    def __init__(self, result: Result, edition: str = "public", site_url: str = "") -> None:
        if result.dataset is None or result.facts is None:
            raise ValueError("the check result has no dataset")
        self.result = result
        self.ds: Dataset = result.dataset
        self.facts: Analysis = result.facts
        self.today = result.today
        self.edition = edition
        self.site_url = site_url  # mkdocs' site_url: feeds link back to pages with it
        self.env = environment(autoescape=True)
        self.site = Site()
        self.by_body: dict[str | None, list[Finding]] = defaultdict(list)
        for f in result.findings:
            self.by_body[f.body].append(f)
        # actions indexed once: by body, by the meeting that raised them, by reviewing meeting
        self.actions_of: dict[str, list[Action]] = defaultdict(list)
        self.raised_at: dict[tuple[str, date], list[Action]] = defaultdict(list)
        self.reviewed_at: dict[tuple[str, date], list[Action]] = defaultdict(list)
        self.shown_actions = publishable_actions(self.ds, edition)
        self.withheld_actions = len(self.ds.actions) - len(self.shown_actions)
        for a in self.shown_actions:
            self.actions_of[a.body].append(a)
            self.raised_at[(a.body, a.raised)].append(a)
            for day in {u.meeting for u in a.updates if u.by is None}:  # at a meeting
                self.reviewed_at[(a.body, day)].append(a)

    # ---------------------------------------------------------------- helpers

    def render(self, path: str, template: str, **context: object) -> None:
        banner = context.pop("banner", None)
        hide = context.pop("hide", None)  # Material's hide: ["toc"] where it would be empty
        meta = {"title": context.get("title", ""), "edition": self.edition}
        if context.pop("diagrams", False):
            meta["diagrams"] = True  # the theme loads the diagram library on this page only
        if self.edition == "internal":
            meta["banner"] = ("RESTRICTED INTERNAL EDITION: includes OFFICIAL-SENSITIVE "
                              "records and confidential sections. Do not forward.")
        if banner:
            meta["banner"] = f"{meta.get('banner', '')} {banner}".strip()
        meta["print_footer"] = self._print_footer(context)
        body = self.env.get_template(template).render(
            page=path, today=self.today, fmt=fmt, href=lambda to, a="": href(path, to, a),
            md=lambda to, a="": md_link(path, to, a),
            **context)
        if hide or not _SUBHEADING.search(body):
            meta["hide"] = hide or ["toc"]  # an empty table of contents gives its width
        head = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items()) + "---\n"
        self.site.pages[path] = head + tidy(body)

    def _print_footer(self, context: dict[str, object]) -> dict[str, str]:
        """The running footer of a page's printed sheets (site/printing.py): a meeting's
        or a body's page ('b', 'm' in its context) names the body, others their title."""
        b, m = context.get("b"), context.get("m")
        body = b if isinstance(b, Body) else None
        meeting = m if isinstance(m, Meeting) else None
        return print_footer(
            subject=body.name if body else str(context.get("title", "")),
            classification=page_classification(self.ds, self.edition, body, meeting),
            today=self.today, meeting=meeting)

    def seat(self, body: Body, seat_id: str) -> str:
        return self.facts.seat_label(body, seat_id)

    def _office(self, body: Body, term: ChairTerm) -> str:
        """A chair term's office in words: the ToR's title for it, else its role."""
        tor = self.facts.tor_on(body, term.start) if term.office else None
        office = tor.office(term.office or "") if tor else None
        return office.title if office and office.title else (term.role or "office").capitalize()

    def shown_held(self, body_id: str) -> list[Meeting]:
        """The held meetings whose details (attendance, chair) the edition may show."""
        return [m for m in self.facts.held(body_id)
                if not meeting_restricted(self.ds, body_id, m.date, self.edition)]

    def attention(self, body_id: str | None) -> list[Attention]:
        """A body's governance errors and warnings in partners' words (no rule codes, ids
        or ISO dates), errors first, each with where it is shown (site/attention.py)."""
        scorecard = f"scorecard/{body_id}.md" if body_id and any(
            body_id in m.scrutinised_by for m in self.ds.measures.values()) else None
        return attention_of(self.ds, self.by_body.get(body_id, []),
                            body_page(body_id) if body_id else "", scorecard)

    def _category(self, category: str) -> str:
        """A member category in words: its declared name, else its id."""
        return (self.ds.settings.member_categories.get(category)
                or category.replace("-", " "))

    def org_name(self, org_id: str | None) -> str:
        """The one name an organisation goes by on every page: its short name if it has
        one (``Organisation.label``); its full name is given on its own page."""
        org = self.facts.org(org_id)
        return org.label if org else (org_id or "")

    # ---------------------------------------------------------------- site

    def build(self) -> Site:
        bodies = sorted(self.ds.bodies.values(), key=lambda b: b.name)
        self.home(bodies)
        self.structure(bodies)
        self.bodies_index(bodies)
        for b in bodies:
            self.body(b)
            self.open_actions_print(b)
            meetings = self.ds.meetings.get(b.id, [])
            for i, m in enumerate(meetings):
                self.meeting(b, m, (meetings[i - 1] if i else None,
                                    meetings[i + 1] if i + 1 < len(meetings) else None))
        self.actions()
        self.decisions_register()
        self.reviews()
        self.organisations()
        self.calendar(bodies)
        self.findings_page()
        self.scorecards(bodies)
        self.reports(bodies)
        self.data()
        return self.site

    def home(self, bodies: list[Body]) -> None:
        rows = []
        for b in bodies:
            statuses = body_statuses(b.id, self.result.findings)
            attention = self.attention(b.id)
            cells: list[object] = [link(href("index.md", body_page(b.id)), b.label)]
            for column, st in statuses.items():
                text = st.label
                if st.findings:
                    n = len(st.findings)
                    text += f" ({n} finding{'s' if n != 1 else ''})"
                    cat = COLUMNS[column][0]
                    # to the lines in words on the body's page (codes are for editors)
                    anchor = (f"attention-{cat}" if any(a.category == cat for a in attention)
                              else "about-this-body")
                    cells.append(link(href("index.md", body_page(b.id), anchor),
                                      badge(st.level, text)))
                else:
                    cells.append(badge(st.level, text))
            rows.append(cells)
        dashboard = table("Health of each body, as of " + fmt(self.today),
                          ["Body", *COLUMNS], rows, kind="dashboard", labels=True)
        counts = self.result.counts
        # at a glance: each body's errors in words and how many other things need attention
        # (its page lists them all); the partnership arrangements, which have no page, in full
        needs = [("Partnership arrangements", None, self.attention(None), 0)]
        for b in bodies:
            items = self.attention(b.id)
            errors = [item for item in items if item.severity == "error"]
            needs.append((b.label, body_page(b.id), errors, len(items) - len(errors)))
        self.render("index.md", "index.md.j2", title="Partnership governance dashboard",
                    dashboard=dashboard, counts=counts, bodies=bodies,
                    needs=[n for n in needs if n[2] or n[3]],
                    upcoming=[(m, self._body_label(m.body), meeting_page(m.body, m.date))
                              for m in self.upcoming(limit=8)])

    def upcoming(self, body: Body | None = None, limit: int | None = None) -> list[Meeting]:
        meetings = [m for b_id, ms in self.ds.meetings.items() if body is None or b_id == body.id
                    for m in ms if m.status == "scheduled" and m.date >= self.today]
        meetings.sort(key=lambda m: (m.date, m.start or "", m.body))
        return meetings[:limit] if limit else meetings

    def structure(self, bodies: list[Body]) -> None:
        ids = {b.id for b in bodies}
        lines = ["flowchart BT",
                 "    accTitle: Governance structure: who reports to whom",
                 (f"    accDescr: {len(bodies)} bodies; arrows point from a body to the body it "
                 "is accountable to. The same structure follows as a list.")]
        for b in bodies:
            # the fenced block escapes its content for HTML; keep labels inside their quotes
            # and the block (no quotes, backticks or line breaks)
            label = re.sub(r'["`\n\r]+', "'", b.label)
            lines.append(f'    {_node(b.id)}["{label}"]')
        for b in bodies:
            for parent in b.parents_on(self.today):
                if parent in ids:
                    lines.append(f"    {_node(b.id)} --> {_node(parent)}")
        children: dict[str | None, list[Body]] = defaultdict(list)
        for b in bodies:
            parents = [p for p in b.parents_on(self.today) if p in ids] or [None]
            for p in parents:
                children[p].append(b)

        def tree(parent: str | None, seen: tuple[str, ...]) -> Markup:
            kids = [k for k in children.get(parent, []) if k.id not in seen]
            if not kids:
                return Markup("")
            return items(Markup("{} <span class=\"mb-muted\">({})</span>{}").format(
                link(href("structure.md", body_page(k.id)), k.name), k.kind.replace("-", " "),
                tree(k.id, (*seen, k.id))) for k in kids)

        relations, external = structure_in_words(self.ds, bodies)
        self.render("structure.md", "structure.md.j2", title="Governance structure",
                    diagrams=True, mermaid=Markup("\n".join(lines)), tree=tree(None, ()),
                    relations=items(relations) if relations else None,
                    external=items(external) if external else None)

    def bodies_index(self, bodies: list[Body]) -> None:
        rows = []
        for b in bodies:
            tor = self.facts.tor_on(b, self.today) or (self.ds.tors[b.tor].latest
                                                       if b.tor in self.ds.tors else None)
            parents = ", ".join(self.ds.bodies[p].label for p in b.parents_on(self.today)
                                if p in self.ds.bodies)
            rows.append([link(href("bodies/index.md", body_page(b.id)), b.name),
                         b.kind.replace("-", " "), parents or "—",
                         str(len(b.seats_on(self.today))),
                         _cadence_words(tor) if tor else "—"])
        self.render("bodies/index.md", "bodies_index.md.j2", title="Bodies",
                    table=table("Every body in this repository", ["Body", "Kind", "Reports to",
                                                                  "Seats", "Meets"], rows))

    # ---------------------------------------------------------------- body page

    def body(self, b: Body) -> None:
        page = body_page(b.id)
        tor_all = self.ds.tors.get(b.tor)
        tor = self.facts.tor_on(b, self.today) or (tor_all.latest if tor_all else None)
        members = []
        for s in sorted(b.seats_on(self.today), key=lambda s: (self.org_name(s.organisation),
                                                               s.post or "")):
            notes = []
            if s.delegated_from:
                notes.append(f"delegated from {s.delegated_from}")
            if s.required_by_law:
                notes.append("required by law")
            if s.term_ends:
                notes.append(f"term ends {fmt(s.term_ends)}")
            if s.vacant_on(self.today):
                notes.append(f"vacant since {fmt(s.vacant_since)}")
            if s.substitutes_need_chair_agreement:
                notes.append("substitutes need the chair's agreement")
            holder = s.holder if s.holder and (s.publish_holder or self.edition == "internal") \
                else None
            post = (s.post or "") + (f" ({s.service})" if s.service and s.post else
                                     (s.service or ""))
            org = self.facts.org(s.organisation)
            members.append([
                link(href(page, organisation_page(org.id)), org.label) if org
                else self._category(s.category).capitalize(),
                post or "Organisation representative",
                self._category(s.category),
                "; ".join(d.post for d in s.deputies) or "—",
                (holder + "; " if holder else "") + ("; ".join(notes) or "—")])
        membership = table(f"Members of {b.label} by organisation and post",
                           ["Organisation", "Post", "Category", "Deputies", "Notes"], members,
                           kind="members", labels=True)
        roles = self.facts.roles_on(b, self.today)
        chairs = [[self._office(b, t), self.seat(b, t.seat), fmt(t.start),
                   fmt(t.end) if t.end else "in office", t.how or "—"]
                  for t in sorted(b.chair_terms, key=lambda t: (t.start, t.role), reverse=True)]
        chair_table = table(f"Chair history of {b.label}", ["Office", "Held by", "From",
                                                            "Until", "How"], chairs,
                            kind="history", labels=True)
        held = [m for m in self.ds.meetings.get(b.id, []) if m.status != "scheduled"]
        history = [[link(href(page, meeting_page(b.id, m.date)), fmt(m.date)),
                    m.status.capitalize() + (f" ({m.kind} meeting)" if m.kind != ORDINARY
                                             else ""),
                    *(("Restricted record", "—", "—")
                      if meeting_restricted(self.ds, b.id, m.date, self.edition) else
                      (self.seat(b, m.chair) if m.chair else "—", self._quorum_words(m),
                       str(len(m.decisions))))]
                   for m in reversed(held)]
        history_table = table(f"Meetings of {b.label}", ["Date", "Status", "Chaired by",
                                                         "Quorate", "Decisions"], history,
                              kind="history", labels=True)
        upcoming = [[link(href(page, meeting_page(b.id, m.date)), fmt(m.date)),
                     m.start or "—", shown_location(self.ds, b.id, m, self.edition) or "—"]
                    for m in self.upcoming(b)]
        upcoming_table = table(f"Upcoming meetings of {b.label}", ["Date", "Time", "Where"],
                               upcoming, kind="calendar", labels=True) if upcoming else None
        open_actions = [a for a in self.actions_of[b.id] if a.status in ("open", "escalated")]
        findings = self.by_body.get(b.id, [])
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            grouped[f.category].append(f)
        version_rows = []
        if tor_all:
            for v in reversed(tor_all.versions):
                approved = fmt(v.approved_on) or ("not stated" if v.status == "approved"
                                                  else "")
                version_rows.append([v.version, v.status, in_force_words(v),
                                     approved + (f" by {self._body_label(v.approved_by)}"
                                                 if v.approved_by else ""),
                                     v.change_note or "—"])
        shared = [o for o in self.ds.bodies.values() if o.tor == b.tor and o.id != b.id]
        self.render(
            page, "body.md.j2", title=b.name, b=b, tor=tor, partnership=self.ds.partnerships.get(
                b.partnership) if b.partnership else None,
            parents=[self.ds.bodies[p] for p in b.parents_on(self.today) if p in self.ds.bodies],
            children=[o for o in self.ds.bodies.values() if b.id in o.parents_on(self.today)],
            shared=shared, membership=membership, chair_table=chair_table,
            other_relations=body_relations(self.ds, b, self.today),
            duties=table(f"Duties of {b.label} under its terms of reference",
                         ["Duty", "When", "Shown by", "To"], duty_rows(self.ds, tor))
            if tor and tor.duties else None,
            current_chairs=[(r, self.seat(b, s)) for s, rs in roles.items() for r in sorted(rs)],
            quorum=describe(tor.quorum.requires, self.facts, b) if tor and tor.quorum else None,
            cadence=_cadence_words(tor) if tor else None,
            tor_dates=_tor_date_words(tor) if tor else None,
            chair_words=self._chair_words(b, tor) if tor else None,
            deadlines=[f"{d.name.capitalize()}: {d.offset}" for d in tor.deadlines] if tor else [],
            history_table=history_table, upcoming_table=upcoming_table,
            attendance=self._attendance_matrix(b, page),
            actions_table=self._actions_table(open_actions, page, f"Open actions of {b.label}")
            if open_actions else None,
            versions=table(f"Versions of the terms of reference of {b.label}",
                           ["Version", "Status", "In force from", "Approved", "Change"],
                           version_rows, kind="history", labels=True) if version_rows else None,
            grouped=dict(grouped), severity_order=SEVERITY_ORDER,
            attention=self.attention(b.id),
            reports=[(f"{fmt(r.start)} to {fmt(r.end)}",
                      report_page(b.id, r.start, r.end))
                     for r in sorted(self.ds.reports, key=lambda r: r.start, reverse=True)
                     if r.body == b.id],
            scorecard=f"scorecard/{b.id}.md" if any(
                b.id in m.scrutinised_by for m in self.ds.measures.values()) else None,
            feed=f"calendar/{b.id}.ics",
            prose=_shift_headings(tor.prose) if tor and not is_restricted(
                tor.classification, self.edition) else (
                f"This version of the terms of reference is classified {tor.classification} "
                "and its text is not published on this site." if tor else ""))

    def _body_label(self, body_id: str | None) -> str:
        b = self.ds.bodies.get(body_id or "")
        return b.label if b else (body_id or "")

    def _chair_words(self, b: Body, tor: TorVersion) -> str | None:
        c = tor.chair
        if c is None:
            return None
        if c.method == "fixed" and c.seat:
            words = f"Chaired by {self.seat(b, c.seat)}."
        elif c.method == "rotation" and c.rotation:
            words = (f"The chair rotates every {c.rotation.every} between "
                     f"{c.rotation.between}s.")
        else:
            words = f"The chair is {c.method}"
            words += f" for a term of {c.term.length}." if c.term else "."
        if c.term and c.term.max_consecutive:
            words += f" At most {c.term.max_consecutive} consecutive terms."
        if c.co_chair_required:
            words += " A co-chair is nominated" + (
                " from another organisation." if c.co_chair_different_organisation else ".")
        if c.vice_chairs_min:
            words += f" At least {c.vice_chairs_min} vice-chair(s)."
        return words

    def _quorum_words(self, m: Meeting) -> str:
        if not m.held:
            return "—"
        if self.facts.inquorate(m):
            return "No"
        if self.facts.quorum(m) is None:
            return "No rule"
        return "Yes"

    def _attendance_matrix(self, b: Body, page: str) -> Markup | None:
        """Each organisation's attendance at the body's last 12 meetings: columns headed
        by a short date ("12 Aug", the year shown where it changes and always read out),
        cells a letter ("P") read out in full ("Present"), as a key in the caption says;
        as cards on a narrow screen, the full words."""
        held = self.shown_held(b.id)[-12:]
        if not held:
            return None
        orgs: dict[str, list[str]] = defaultdict(list)
        for s in b.seats:
            orgs[s.organisation or s.category].append(s.id)
        rows = []
        for org_id, seat_ids in sorted(orgs.items(), key=lambda kv: self.org_name(kv[0])):
            cells: list[object] = [self.org_name(org_id) or org_id]
            went = total = 0
            for m in held:
                statuses = [m.attendance[s].status for s in seat_ids if s in m.attendance]
                if not statuses:
                    cells.append(_short("—", "Not recorded"))
                    continue
                total += 1
                word = next(w for w in ("present", "deputy", "apologies", "absent")
                            if w in statuses or w == "absent")
                went += word in ("present", "deputy")
                cells.append(_short(*ATTENDANCE_KEY[word]))
            cells.append(f"{went} of {total} ({went / total:.0%})" if total else "—")
            rows.append(cells)
        heads: list[str] = ["Organisation"]
        for i, m in enumerate(held):
            year = (Markup(' <span class="mb-year">{}</span>') if i == 0
                    or held[i - 1].date.year != m.date.year
                    else Markup('<span class="mb-sr"> {}</span>')).format(m.date.year)
            heads.append(Markup('<span class="mb-day">{}</span> <span class="mb-month">{}'
                                "</span>{}").format(m.date.day, f"{m.date:%b}", year))
        heads.append("Attended")
        key = "; ".join(f"{short} {words.lower()}" for short, words in ATTENDANCE_KEY.values())
        return table(f"Attendance of {b.label} by organisation, last {len(held)} meetings "
                     f"({key})", heads, rows, kind="matrix",
                     labels=["", *(f"{m.date.day} {m.date:%b %Y}" for m in held), "Attended"])

    def _actions_table(self, actions: Iterable[Action], page: str, caption: str) -> Markup:
        """Status first, then due date, the action (its id and where it was raised as a
        small reference under its text), its owner and, on pages not about one body, its
        body. A body's or meeting's page leaves out the body column, an organisation's page
        the organisation in the owner's name: they repeat the page's own subject."""
        on_body = page.startswith(("bodies/", "meetings/"))
        on_org = page.startswith("organisations/")
        rows, classes = [], []
        facets = []  # what the tracker's filters match each row by (issue 18.3)
        for a in actions:
            facets.append(self.action_facets(a))
            b = self.ds.bodies.get(a.body)
            overdue = a.is_open and a.current_due < self.today
            seat = b.seat(a.owner_seat) if b and a.owner_seat else None
            if on_org and seat is not None:
                owner = ", ".join(x for x in (seat.post, seat.service) if x) \
                    or "Organisation representative"
            else:
                owner = (self.seat(b, a.owner_seat) if b and a.owner_seat
                         else self.org_name(a.owner_organisation))
            status = a.status.capitalize() + (" – overdue" if overdue else "")
            if a.escalated_to:
                status += f" to {self._body_label(a.escalated_to)}"
            history = "".join(
                f"<li>{link(href(page, meeting_page(a.body, u.meeting)), fmt(u.meeting))}: "
                f"{escape(u.note)}</li>" if u.by is None else  # reported between meetings
                f"<li>{fmt(u.meeting)} ({escape(u.by)}): {escape(u.note)}</li>"
                for u in a.updates)
            raised_at = meeting_page(a.body, a.raised)
            raised = (Markup(" · raised {}").format(link(href(page, raised_at), fmt(a.raised)))
                      if raised_at != page else "")
            description = Markup('{} <span class="mb-ref">{}{}</span>').format(
                a.description, a.id, raised)
            if history:
                description = Markup(f"{description}<details><summary>History "
                                     f"({len(a.updates)})</summary><ul>{history}</ul></details>")
            row = [badge("red" if overdue else "grey" if a.status in ("done", "dropped")
                         else "amber" if a.status == "escalated" else "green", status),
                   _sortable(a.current_due), description, owner]
            if not on_body:
                row.append(link(href(page, body_page(a.body)), b.label if b else a.body))
            rows.append(row)
            classes.append("mb-overdue" if overdue else "")
        heads = ["Status", "Due", "Action", "Owner"] + ([] if on_body else ["Body"])
        return table(caption, heads, rows, row_classes=classes, kind="actions",
                     attrs=' data-sortable="true"', row_data=facets, header_column=2,
                     labels=["", "Due", "", "Owner", "Body"])

    # ---------------------------------------------------------------- meeting page

    def meeting(self, b: Body, m: Meeting,
                neighbours: tuple[Meeting | None, Meeting | None]) -> None:
        page = meeting_page(b.id, m.date)
        prev_m, next_m = neighbours
        restricted = meeting_restricted(self.ds, b.id, m.date, self.edition)
        rows = []
        for seat in b.seats:
            att = m.attendance.get(seat.id)
            if att is None and not seat.active_on(m.date):
                continue
            words = STATUS_WORDS.get(att.status, att.status) if att else "Not recorded"
            if att and att.by:
                words += f": {att.by}"
            rows.append([self.seat(b, seat.id), words])
        attendance = table(f"Attendance at {b.label}, {fmt(m.date)}", ["Member", "Attendance"],
                           rows, kind="attendance", labels=True) \
            if m.held and not restricted else None
        minutes, withheld = publishable_minutes(m.minutes, self.edition)
        raised = self.raised_at.get((b.id, m.date), [])
        reviewed = self.reviewed_at.get((b.id, m.date), [])
        banner = None
        if m.held and m.minutes_status == "draft" and not restricted:
            banner = "DRAFT MINUTES: not yet approved by the group."
        elif m.held and m.minutes_status is None and not restricted:
            banner = "The record does not say whether these minutes were approved."
        outcome = self.facts.quorum(m) if m.held else None
        self.render(
            page, "meeting.md.j2", banner=banner,
            title=f"{b.label}: {fmt(m.date)}", b=b, m=m, restricted=restricted,
            location=shown_location(self.ds, b.id, m, self.edition),
            withheld=withheld, chair=self.seat(b, m.chair) if m.chair else None,
            attendance=attendance, minutes=Markup(minutes) if not restricted else "",
            apologies=[self.seat(b, s) for s, a in m.attendance.items()
                       if a.status in ("apologies", "absent")],
            quorate=self._quorum_words(m), unmet=outcome.unmet if outcome else (),
            decisions=m.decisions, declarations=m.declarations,
            seat=lambda s: self.seat(b, s),
            raised=self._actions_table(raised, page, "Actions raised at this meeting")
            if raised and not restricted else None,
            reviewed=self._actions_table(reviewed, page, "Actions reviewed at this meeting")
            if reviewed and not restricted else None,
            key_facts=[] if restricted else self._key_facts(b, m),
            agenda=[] if restricted else self._agenda(m, page),
            prev_m=prev_m, next_m=next_m, meeting_page=meeting_page,
            body_page=body_page(b.id))

    def _key_facts(self, b: Body, m: Meeting) -> list[Markup | str]:
        """The milestones of a meeting (agenda issued, papers circulated...) and the
        approval of its minutes, in words, in date order (issue 18.4)."""
        tor = self.facts.tor_on(b, m.date)
        names = {d.milestone: d.name for d in tor.deadlines} if tor else {}
        facts: list[tuple[date, Markup | str]] = [
            (day, f"{(names.get(k) or k.replace('-', ' ')).capitalize()} {fmt(day)}")
            for k, day in m.milestones.items()]
        if m.minutes_approved_at:
            day = m.minutes_approved_at
            at = fmt(day)
            if self.ds.meeting(b.id, day) is not None:
                at = link(href(meeting_page(b.id, m.date), meeting_page(b.id, day)), at)
            facts.append((day, Markup("Minutes approved at the meeting of {}{}").format(
                at, " with amendments" if m.minutes_amended else "")))
        return [words for _day, words in sorted(facts, key=lambda f: f[0])]

    def _agenda(self, m: Meeting, page: str) -> list[tuple[str, list[Markup]]]:
        """The numbered agenda's items, each with its papers linked; the files kept beside
        the record are published beside the page (issue 18.4)."""
        papers: dict[int, list[Markup]] = defaultdict(list)
        for p in m.papers:
            if p.url:
                host = p.url.split("//", 1)[-1].split("/", 1)[0]
                papers[p.item].append(Markup("{} <span class=\"mb-muted\">(on {})</span>")
                                      .format(link(p.url, p.title), host))
            elif p.file and p.file in self.ds.paper_files:
                self.site.copies[p.file] = p.file
                kind = TYPE_WORDS.get(kind_of(p.file), "file")
                papers[p.item].append(Markup("{} <span class=\"mb-muted\">({}, {})</span>")
                                      .format(link(href(page, p.file), p.title), kind,
                                              size_words(self.ds.paper_files[p.file])))
        return [(item, papers.get(i, [])) for i, item in enumerate(m.agenda)]

    # ---------------------------------------------------------------- cross-body pages

    def decisions_register(self) -> None:
        """Decisions and escalations across bodies, newest first, and the forward plan."""
        rows = [[link(href(register.PAGE, e.meeting), fmt(e.day)) if e.meeting else fmt(e.day),
                 link(href(register.PAGE, body_page(e.body)), self._body_label(e.body)),
                 e.kind, e.what, e.to, e.outcome]
                for e in register.register(self.ds, self.edition)]
        plan = [(self._body_label(body) if body in self.ds.bodies else body, body_page(body)
                 if body in self.ds.bodies else None, entries)
                for body, entries in register.forward_plan(self.ds, self.facts, self.today,
                                                           self.edition)]
        self.render(register.PAGE, "decisions.md.j2", title="Decisions and escalations",
                    table=table("Decisions and escalations of every body, newest first",
                                ["Date", "Body", "Kind", "What", "To", "Outcome"], rows,
                                kind="register", labels=True) if rows else None,
                    plan=plan, count=len(rows))


    def tracker_actions(self) -> list[Action]:
        """The tracker's actions: every open one, and those closed in the last 12 months;
        open first, then by due date."""
        shown = [a for a in self.shown_actions if a.status in ("open", "escalated")
                 or (a.closed and (self.today - a.closed).days <= 365)]
        shown.sort(key=lambda a: (a.status not in ("open", "escalated"), a.current_due, a.id))
        return shown

    def actions(self) -> None:
        shown = self.tracker_actions()
        # the filters' choices: bodies and organisations by id (the address keeps the id),
        # owners by their words
        facets = [self.action_facets(a) for a in shown]
        bodies = sorted({f["body"] for f in facets}, key=self._body_label)
        orgs = sorted({f["organisation"] for f in facets if f["organisation"]},
                      key=lambda o: self.org_name(o).casefold())
        owners = sorted({f["owner"] for f in facets})
        self.render("actions.md", "actions.md.j2", title="Action tracker", hide=["toc"],
                    table=self._actions_table(shown, "actions.md", "All open actions, and "
                                              "actions closed in the last 12 months"),
                    bodies=[(x, self._body_label(x)) for x in bodies], owners=owners,
                    organisations=[(o, self.org_name(o)) for o in orgs],
                    overdue=sum(1 for a in shown if a.is_open and a.current_due < self.today),
                    total=len(shown), withheld=self.withheld_actions)

    def reviews(self) -> None:
        rows, entries = [], []
        for tor in self.ds.tors.values():
            v = tor.in_force(self.today) or tor.latest
            users = [b for b in self.ds.bodies.values() if b.tor == tor.id]
            if not users:
                continue
            nxt = v.next_review
            if nxt is None:  # the ToR does not state its review period or last review
                state = badge("grey", "Not stated")
            elif nxt < self.today:
                state = badge("red", "Overdue")
            elif nxt <= v.review_warn_within.after(self.today):
                state = badge("amber", "Due soon")
            else:
                state = badge("green", "In date")
            if v.status == "draft":
                state = Markup("{} {}").format(state, badge("amber", "Draft"))
            entries.append((nxt, [
                Markup(", ").join(link(href("reviews.md", body_page(b.id)), b.label)
                                  for b in users),
                v.version, fmt(v.last_reviewed) or "not stated",
                f"every {v.review_every}" if v.review_every else "not stated",
                fmt(nxt) or "cannot tell", state]))
        entries.sort(key=lambda e: (e[0] is None, e[0] or self.today))
        rows = [r for _, r in entries]
        self.render("reviews.md", "reviews.md.j2", title="Review register",
                    table=table("Terms of reference by next review date (most urgent first)",
                                ["Body", "Version", "Last reviewed", "Interval", "Next review",
                                 "Status"], rows))

    def _owner_words(self, a: Action) -> str:
        """Who owns an action, in words: its owner seat, else its owner organisation."""
        b = self.ds.bodies.get(a.body)
        return (self.seat(b, a.owner_seat) if b and a.owner_seat
                else self.org_name(a.owner_organisation))

    def action_facets(self, a: Action) -> dict[str, str]:
        """What the tracker's filters match an action by (its row's data-* attributes):
        body and organisation by id, owner in words, status with "overdue" where it is."""
        return {"body": a.body, "owner": self._owner_words(a),
                "organisation": action_organisation(self.ds, a) or "",
                "status": status_tokens(a, self.today)}

    def _attended(self, b: Body, seat_id: str) -> tuple[int, int]:
        """(meetings attended, meetings recorded) of a seat in the last 12 months."""
        went = total = 0
        for m in self.shown_held(b.id):
            if m.date > self.today or (self.today - m.date).days > 365:
                continue
            att = m.attendance.get(seat_id)
            if att is None:
                continue
            total += 1
            went += att.status in ATTENDED
        return went, total

    def organisations(self) -> None:
        """Each organisation's page (its open actions, seats and upcoming meetings: what
        is its, issue 18.3) and the index of organisations."""
        index_rows = []
        upcoming = self.upcoming()
        in_tracker = [action_organisation(self.ds, a) for a in self.tracker_actions()]
        for org in sorted(self.ds.organisations.values(), key=lambda o: o.label.casefold()):
            page = organisation_page(org.id)
            rows = []
            went_all = total_all = 0
            for b, s in seats_of(self.ds, org.id, self.today):
                went, total = self._attended(b, s.id)
                went_all += went
                total_all += total
                offices = [self._office(b, t) for t in b.chair_terms
                           if t.seat == s.id and t.covers(self.today) and not t.vacant]
                quorum = counts_to_quorum(self.facts, b, s, self.today)
                rows.append([link(href(page, body_page(b.id)), b.label),
                             ", ".join(x for x in (s.post, s.service) if x)
                             or "Organisation representative",
                             ", ".join(offices) or "—",
                             "No quorum rule" if quorum is None else "Yes" if quorum else "No",
                             f"{went} of {total} ({went / total:.0%})" if total else "—"])
            rate = f"{went_all / total_all:.0%}" if total_all else "—"
            name = self.org_name(org.id)
            actions = open_actions_of(self.ds, self.shown_actions, org.id, self.today)
            tracked = in_tracker.count(org.id)
            meetings = [(m, self._body_label(m.body), meeting_page(m.body, m.date),
                         papers_deadline(self.facts, self.ds.bodies[m.body], m))
                        for m in upcoming_where_sits(self.ds, org.id, upcoming)]
            self.render(
                page, "organisation.md.j2", title=name, org=org, name=name, rate=rate,
                table=table(f"Seats held by {name}", ["Body", "Post", "Offices held",
                                                      "Counts to quorum",
                                                      "Attendance, last 12 months"],
                            rows, kind="members", labels=True) if rows else None,
                actions=self._actions_table(actions, page, f"Open actions of {name}, "
                                            "overdue first, then by due date")
                if actions else None,
                open_count=len(actions),
                overdue=sum(is_overdue(a, self.today) for a in actions),
                tracker=href(page, "actions.md") + "?" + urlencode({"organisation": org.id})
                if tracked else None, tracked=tracked,
                meetings=meetings)
            index_rows.append([link(href("organisations/index.md", page), name),
                               ", ".join(k.replace("-", " ") for k in sorted(org.kinds)),
                               "Yes" if org.statutory_partner else "No",
                               str(len(rows)), rate])
        self.render("organisations/index.md", "organisations.md.j2", title="Organisations",
                    table=table("Organisations, the seats they hold and their attendance",
                                ["Organisation", "Kinds", "Statutory partner", "Seats",
                                 "Attendance, last 12 months"], index_rows))

    def calendar(self, bodies: list[Body]) -> None:
        reviews = []
        for tor in self.ds.tors.values():
            v = tor.in_force(self.today) or tor.latest
            users = [b for b in bodies if b.tor == tor.id]
            if users and v.next_review is not None:  # None: review not stated
                reviews.append((v.next_review, users, v))
        reviews.sort(key=lambda r: r[0])
        rows = [[fmt(m.date), link(href("calendar.md", meeting_page(m.body, m.date)),
                                   self._body_label(m.body)), m.start or "—",
                 shown_location(self.ds, m.body, m, self.edition) or "—"]
                for m in self.upcoming()]
        review_rows = [[fmt(d), Markup(", ").join(
            link(href("calendar.md", body_page(b.id)), b.label) for b in users),
            f"Review of the terms of reference (version {v.version})"]
            for d, users, v in reviews]
        self.render("calendar.md", "calendar.md.j2", title="Calendar",
                    meetings=table("Upcoming meetings", ["Date", "Body", "Time", "Where"], rows,
                                   kind="calendar", labels=True),
                    reviews=table("Terms of reference reviews due", ["Due", "Body", "What"],
                                  review_rows),
                    feeds=[(b, f"calendar/{b.id}.ics") for b in bodies],
                    months=month_view(
                        [m for b in bodies for m in self.ds.meetings.get(b.id, [])], self.today,
                        label=lambda m: self._body_label(m.body),
                        href=lambda m: href("calendar.md", meeting_page(m.body, m.date)),
                        restricted=lambda m: meeting_restricted(self.ds, m.body, m.date,
                                                                self.edition)))
        for path, content in ical.feeds(
                self.ds, self.today, bodies, self.edition, site_url=self.site_url,
                papers_due=lambda b, m: papers_deadline(self.facts, b, m)).items():
            self.site.files[path] = content
        self.site.files[atom.FEED_PATH] = atom.atom_feed(
            atom.changes(self.ds, self.today, self.edition, self._body_label),
            title=f"{self.ds.settings.site_name or 'Partnership governance'}: what changed",
            today=self.today, site_url=self.site_url)

    def scorecards(self, bodies: list[Body]) -> None:
        """Each scrutinising body's scorecard: a measure whose latest expected value has not
        arrived says so ("Jul–Sep 2026 not received"), in no RAG colour (site.scorecard)."""
        for b in bodies:
            measures = [m for m in self.ds.measures.values() if b.id in m.scrutinised_by]
            if not measures:
                continue
            page = f"scorecard/{b.id}.md"
            sections = []
            for m in measures:
                trend = scorecard_trend(self.ds, m, self.today)
                missing = None if trend.received else (
                    period_words(trend.expected), fmt(expected_by(m, trend.expected)))
                if trend.latest is None:
                    sections.append((m, trend, None, None, missing))
                    continue
                points = [("\n".join(period_words(v.period).rsplit(" ", 1)), v.value)
                          for v in trend.series]
                first, last = period_words(trend.series[0].period), \
                    period_words(trend.latest.period)
                desc = (f"{m.title}, {len(points)} periods from {first} to {last}: latest "
                        f"{trend.latest.value:g} {m.unit} ({trend.direction.lower()})"
                        + (f"; the value for {missing[0]} has not been received." if missing
                           else "."))
                chart = trend_svg(f"chart-{m.id}", m.title, desc, points, target=m.target,
                                  unit=m.unit)
                values = table(f"Values of {m.title}", ["Period", "Value", "Submitted"],
                               [[period_words(v.period), f"{v.value:g}", fmt(v.submitted)]
                                for v in reversed(trend.series)])
                sections.append((m, trend, chart, values, missing))
            rows = [[m.title, period_words(trend.latest.period) if trend.latest else "—",
                     f"{trend.latest.value:g} {m.unit}" if trend.latest else "no value",
                     badge(trend.rag, trend.status), trend.direction,
                     (m.strand or "—").capitalize()] for m, trend, *_ in sections]
            summary = table(f"Scorecard of {b.label}: latest values",
                            ["Measure", "Latest period", "Latest value", "Status",
                             "Direction of travel", "4P strand"], rows, kind="scorecard")
            self.render(page, "scorecard.md.j2", title=f"Scorecard: {b.label}", b=b,
                        summary=summary, sections=sections, body_page=body_page(b.id),
                        org_name=self.org_name, period_words=period_words,
                        not_received=sum(1 for s in sections if s[4]))

    def reports(self, bodies: list[Body]) -> None:
        """Each report to parent bodies as a page, and an index by body and period."""
        rows = []
        for r in sorted(self.ds.reports, key=lambda r: (r.body, r.start), reverse=True):
            page = report_page(r.body, r.start, r.end)
            b = self.ds.bodies.get(r.body)
            restricted = is_restricted(r.classification, self.edition)
            text, withheld = publishable_minutes(r.text, self.edition)
            self.render(page, "report_page.md.j2", title=f"Report: {b.label if b else r.body}, "
                        f"{fmt(r.start)} to {fmt(r.end)}", r=r, restricted=restricted,
                        text=Markup(text) if not restricted else "", withheld=withheld)
            rows.append([link(href("reports/index.md", body_page(r.body)),
                              b.label if b else r.body),
                         link(href("reports/index.md", page), f"{fmt(r.start)} to {fmt(r.end)}"),
                         fmt(r.generated)])
        self.render("reports/index.md", "reports_index.md.j2", title="Reports to parent bodies",
                    table=table("Reports by body and period", ["Body", "Period", "Generated"],
                                rows) if rows else None)

    def findings_page(self) -> None:
        groups = []
        for body_id, fs in sorted(self.by_body.items(), key=lambda kv: (kv[0] is None,
                                                                        kv[0] or "")):
            name = self._body_label(body_id) if body_id else "Partnerships and shared files"
            groups.append((name, body_id, sorted(fs, key=lambda f: (SEVERITY_ORDER[f.severity],
                                                                    f.code, f.file, f.line))))
        self.render("findings.md", "findings.md.j2", title="Findings", groups=groups,
                    body_page=body_page, counts=self.result.counts)

    def data(self) -> None:
        for path, content in opendata.export(self.result, self.edition).items():
            self.site.files[path] = content
        self.render("data.md", "data.md.j2", title="Open data")

    # ---------------------------------------------------------------- print view

    def open_actions_print(self, b: Body) -> None:
        """A body's open actions on a few A4 sheets, for the meeting table (issue 18.5):
        overdue first, then by due date; where each stands, its owner, due date and latest
        update. Only for a body with open actions (its page links it)."""
        actions = [a for a in self.actions_of[b.id] if a.status in ("open", "escalated")]
        if not actions:
            return
        page = print_view_page(b.id)
        overdue = {a.id for a in actions if a.is_open and a.current_due < self.today}
        actions.sort(key=lambda a: (a.id not in overdue, a.current_due, a.id))
        rows, classes = [], []
        for a in actions:
            update = a.updates[-1] if a.updates else None
            text = Markup("{}<br><small>{} · raised at the meeting of {}{}</small>").format(
                a.description, a.id, link(href(page, meeting_page(a.body, a.raised)),
                                          fmt(a.raised)),
                Markup("<br>Latest update, {}: {}").format(fmt(update.meeting), update.note)
                if update else "")
            status = ("Overdue" if a.id in overdue else "Escalated" if a.status == "escalated"
                      else "Open")
            if a.escalated_to:
                status += f" to {self._body_label(a.escalated_to)}"
            owner = (self.seat(b, a.owner_seat) if a.owner_seat
                     else self.org_name(a.owner_organisation))
            rows.append([text, owner, fmt(a.current_due), badge(
                "red" if a.id in overdue else "amber" if a.status == "escalated" else "green",
                status)])
            classes.append("mb-overdue" if a.id in overdue else "")
        self.render(page, "open_actions_print.md.j2", title=f"Open actions: {b.label}", b=b,
                    body_page=body_page(b.id), total=len(actions), overdue=len(overdue),
                    table=table(f"Open actions of {b.label}, overdue first",
                                ["Action", "Owner", "Due", "Status"], rows,
                                row_classes=classes, kind="print-actions"))


def _node(body_id: str) -> str:
    return "b_" + body_id.replace("-", "_")


def in_force_words(v: TorVersion) -> str:
    """From when a ToR version is in force, in words ('not stated' with what minutebook
    takes instead when the ToR gives no date)."""
    if v.in_force_stated:
        return fmt(v.in_force_from)
    if v.in_force_basis == "approval":
        return f"not stated (taken from its approval, {fmt(v.in_force_from)})"
    if v.in_force_basis == "previous" and v.in_force_from != EARLIEST:
        return f"not stated (taken as {fmt(v.in_force_from)}, when the version before started)"
    return "not stated (applies to every meeting on record)"


def _tor_date_words(v: TorVersion) -> dict[str, str]:
    """The body page's rows about a ToR version's dates, in words, saying 'not stated'
    where the ToR does not state a fact."""
    if v.approved_on:
        approved = fmt(v.approved_on)
    else:
        approved = "not stated" if v.status == "approved" else "not approved"
    if v.review_every is None and v.last_reviewed is None:
        due = "cannot tell: the ToR does not state its review period or last review"
    elif v.review_every is None:
        due = "cannot tell: the ToR does not state its review period"
    elif v.last_reviewed is None:
        due = "cannot tell: when it was last reviewed is not stated"
    else:
        due = fmt(v.next_review)
    return {"in_force": in_force_words(v), "approved": approved,
            "last_reviewed": fmt(v.last_reviewed) or "not stated",
            "review_every": f"every {v.review_every}" if v.review_every else "not stated",
            "next_review": due}


def _cadence_words(tor: TorVersion) -> str:
    parts = []
    for c in tor.cadences:
        words = describe_cadence(c)
        if c.during:
            words = f"during {c.during.replace('-', ' ')}: {words}"
        if c.start or c.until:
            span = (f"from {fmt(c.start)}" if c.start else "") + \
                (f" until {fmt(c.until)}" if c.until else "")
            words = f"{span.strip()}: {words}"
        if c.provisional:
            words += " (provisional)"
        parts.append(words)
    return "; ".join(parts) or "not stated"


def _shift_headings(text: str) -> str:
    """Demote the ToR's headings by one level so they sit under the page's sections."""
    return re.sub(r"^(#{1,5}) ", lambda m: "#" + m.group(1) + " ", text, flags=re.MULTILINE)


# a heading under the page's title, which Material's table of contents would list
_SUBHEADING = re.compile(r"^#{2,6} |<h[2-6][\s>]", re.MULTILINE)
ATTENDANCE_KEY = {"present": ("P", "Present"), "deputy": ("D", "Deputy attended"),
                  "apologies": ("A", "Apologies"), "absent": ("X", "Absent")}


def _short(short: str, words: str) -> Markup:
    """A cell shown short in a wide table and read in full (and shown so on cards)."""
    return Markup('<span class="mb-short" aria-hidden="true">{}</span>'
                  '<span class="mb-long">{}</span>').format(short, words)


def _sortable(day: date) -> Markup:
    """A date as shown, sorted by the tracker's script as the date it is."""
    return Markup(f'<span data-sort="{day.isoformat()}">{fmt(day)}</span>')


def render_site(result: Result, edition: str = "public", site_url: str = "") -> Site:
    """All generated pages and data files for a check result (``site_url``: where the site
    is published, for the addresses in the feeds; "" if not known)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    if result.dataset is not None:
        result = replace(result, findings=publishable_findings(
            result.dataset, result.findings, edition))
    return Generator(result, edition, site_url).build()
