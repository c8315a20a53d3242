"""What is an organisation's (issue 18.3): its page lists the open actions it owns
(overdue first), its seats and the upcoming meetings where it sits, each computed here
again from the dataset, not from the site's own helpers; the tracker's rows carry what
its filters match."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from minirepo import MiniRepo
from minutebook.api import Result, check
from minutebook.model import Action, Dataset
from minutebook.site.pages import render_site
from minutebook.site.publication import publishable_actions

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def sample() -> tuple[Result, dict[str, str]]:
    """The repository's own records as of 2026-11-25, and the public site's pages."""
    result = check(ROOT, TODAY)
    return result, render_site(result).pages


def _owner_org(ds: Dataset, a: Action) -> str | None:
    if a.owner_organisation:
        return a.owner_organisation
    seat = next(s for s in ds.bodies[a.body].seats if s.id == a.owner_seat)
    return seat.organisation


def _section(page: str, heading: str) -> str:
    """The text of a page's ## section."""
    start = page.index(f"## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start:end if end != -1 else None]


def _row_ids(section: str, ids: set[str]) -> list[str]:
    """The action id each body row of the section's table shows, in order."""
    body = section[section.index("<tbody>"):section.index("</tbody>")]
    out = []
    for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.DOTALL):
        text = html.unescape(re.sub(r"<[^>]+>", " ", row))
        found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert len(found) == 1, (found, text)
        out.append(found[0])
    return out


def test_each_organisation_page_lists_exactly_its_open_actions_overdue_first(
        sample: tuple[Result, dict[str, str]]) -> None:
    result, pages = sample
    ds = result.dataset
    assert ds is not None
    shown = publishable_actions(ds, "public")
    ids = {a.id for a in ds.actions}
    listed = 0
    for org in ds.organisations.values():
        page = pages[f"organisations/{org.id}.md"]
        mine = {a.id: a for a in shown
                if a.status in ("open", "escalated") and _owner_org(ds, a) == org.id}
        section = _section(page, "Open actions")
        if not mine:
            assert "owns no open actions" in section, org.id
            assert "<table" not in section
            continue
        order = _row_ids(section, ids)
        assert sorted(order) == sorted(mine), org.id
        keys = [(not (mine[i].status == "open" and mine[i].current_due < TODAY),
                 mine[i].current_due) for i in order]
        assert keys == sorted(keys), (org.id, order)
        listed += len(order)
    assert listed >= 10  # the sample has open actions of several organisations


def test_a_youth_justice_overdue_action_is_said_to_be_overdue(
        sample: tuple[Result, dict[str, str]]) -> None:
    _result, pages = sample
    section = _section(pages["organisations/cheshire-east-youth-justice.md"], "Open actions")
    assert "1 open action, 1 of them overdue." in section
    assert "overdue" in section.split("<table", 1)[1]


def _seat_rows(section: str) -> list[list[str]]:
    """The cells of the seats table, as text: body, post, offices, quorum, attendance."""
    return [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section)[1:]]


def test_each_organisation_page_lists_its_seats(
        sample: tuple[Result, dict[str, str]]) -> None:
    result, pages = sample
    ds = result.dataset
    assert ds is not None
    for org in ds.organisations.values():
        section = _section(pages[f"organisations/{org.id}.md"], "Seats")
        expected = sorted((b.label, s.post or s.service or "Organisation representative")
                          for b in ds.bodies.values()
                          for s in b.seats if s.organisation == org.id and s.active_on(TODAY))
        if not expected:
            assert "holds no seats at present" in section, org.id
            continue
        rows = _seat_rows(section)
        assert sorted((r[0], r[1].split(",")[0]) for r in rows) \
            == sorted((b, p.split(",")[0]) for b, p in expected), org.id
        for row in rows:
            assert row[3] in ("Yes", "No", "No quorum rule")


def test_offices_held_are_shown_on_the_seat(sample: tuple[Result, dict[str, str]]) -> None:
    result, pages = sample
    ds = result.dataset
    assert ds is not None
    checked = 0
    for b in ds.bodies.values():
        for t in b.chair_terms:
            seat = b.seat(t.seat)
            if not t.covers(TODAY) or seat is None or not seat.organisation:
                continue
            section = _section(pages[f"organisations/{seat.organisation}.md"], "Seats")
            post = seat.post or seat.service or "Organisation representative"
            row = next(r for r in _seat_rows(section) if r[0] == b.label and r[1] == post)
            assert row[2] != "—", (b.id, row)
            assert t.role.split("-")[-1] in row[2].lower(), (b.id, row)
            checked += 1
    assert checked >= 3


def test_each_organisation_page_lists_the_upcoming_meetings_where_it_sits(
        sample: tuple[Result, dict[str, str]]) -> None:
    result, pages = sample
    ds = result.dataset
    assert ds is not None
    seen = 0
    for org in ds.organisations.values():
        section = _section(pages[f"organisations/{org.id}.md"], "Upcoming meetings")
        expected = sorted(
            (m for ms in ds.meetings.values() for m in ms
             if m.status == "scheduled" and m.date >= TODAY
             and any(s.organisation == org.id and s.active_on(m.date)
                     for s in ds.bodies[m.body].seats)),
            key=lambda m: (m.date, m.start or "", m.body))
        links = re.findall(r"\]\(\.\./meetings/([\w-]+)/(\d{4}-\d\d-\d\d)\.md\)", section)
        assert links == [(m.body, m.date.isoformat()) for m in expected], org.id
        if not expected:
            assert "No meetings are scheduled" in section
        seen += len(expected)
    assert seen > 10
    # dates in words, and the papers deadline where the ToR sets one
    police = _section(pages["organisations/cheshire-police.md"], "Upcoming meetings")
    assert re.search(r"^- \d{1,2} [A-Z][a-z]+ \d{4}", police, flags=re.MULTILINE)
    assert "papers due by" in police
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b", re.sub(r"\(\.\./meetings/[^)]*\)", "", police))


def test_an_organisation_page_links_to_the_tracker_filtered_for_it(
        sample: tuple[Result, dict[str, str]]) -> None:
    _result, pages = sample
    page = pages["organisations/cheshire-police.md"]
    assert 'href="../actions.html?organisation=cheshire-police"' in page
    # an organisation with no action in the tracker is not sent to an empty view
    assert "actions.html?" not in pages["organisations/city-of-london-police.md"]


def test_tracker_rows_carry_what_the_filters_match(
        sample: tuple[Result, dict[str, str]]) -> None:
    result, pages = sample
    ds = result.dataset
    assert ds is not None
    tracker = pages["actions.md"]
    for key in ("body", "organisation", "owner", "status"):
        assert f'<select data-filter="{key}">' in tracker
    rows = re.findall(r'<tr(?: class="[^"]*")? data-body="([^"]*)" data-owner="[^"]*" '
                      r'data-organisation="([^"]*)" data-status="([^"]*)"', tracker)
    assert len(rows) == tracker.count("<tr") - 1  # every body row, not the header
    by_org = {}
    for a in publishable_actions(ds, "public"):
        by_org.setdefault(a.body, set()).add(_owner_org(ds, a) or "")
    for body, org, status in rows:
        assert org in by_org[body]
        assert status.split()[0] in ("open", "escalated", "done", "dropped")
    overdue = [r for r in rows if r[2] == "open overdue"]
    assert [r[1] for r in overdue] == ["cheshire-east-youth-justice"]


def test_open_actions_overdue_first_then_by_due_date(tmp_path: Path) -> None:
    """An escalated action due earlier is not overdue (it is with another body): the
    overdue one comes first, then the others by due date; done actions are left out."""
    repo = MiniRepo(tmp_path)
    repo.action(id="a-esc", status="escalated", escalated_to="group", due="2026-03-01")
    repo.action(id="a-late", due="2026-05-01")
    repo.action(id="a-next", due="2026-07-01")
    repo.action(id="a-soon", due="2026-06-15")
    repo.action(id="a-done", status="done", closed="2026-02-01", due="2026-02-01")
    repo.action(id="a-other", owner={"seat": "la"}, due="2026-04-01")
    repo.tor["quorum"] = {"requires": {"present": {"kind": "police"}, "min": 1}}
    result = repo.check(today="2026-06-01")
    page = render_site(result).pages["organisations/police.md"]
    section = _section(page, "Open actions")
    assert _row_ids(section, {a["id"] for a in repo.actions}) == [
        "a-late", "a-esc", "a-soon", "a-next"]
    assert "County Police owns 4 open actions, 1 of them overdue." in section
    assert _seat_rows(_section(page, "Seats")) == [
        ["Safeguarding Group", "Inspector", "—", "Yes", "—"]]
    # the council's seats do not count to a quorum of police; the chair's office is shown
    pages = render_site(result).pages
    assert _seat_rows(_section(pages["organisations/council.md"], "Seats")) == [
        ["Safeguarding Group", "Early Help Manager", "—", "No", "—"],
        ["Safeguarding Group", "Head of Safeguarding", "Chair", "No", "—"]]
    charity = pages["organisations/charity.md"]
    assert "Youth Charity owns no open actions at present." in charity
    assert "actions.html?" not in charity
