"""What is mine (issue 18.3) in a browser: the tracker's filters live in the address (a
filtered view opens as bookmarked, a change by keyboard rewrites the address, a reload
keeps it), the number shown is announced, and the organisation page and the filtered
tracker pass axe in both colour schemes."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from minutebook.api import check
from minutebook.site.publication import publishable_actions

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
ROWS = 'table[data-mb="actions"] tbody tr'


@pytest.fixture(scope="module")
def site(build_site: Callable[..., Path], serve_site: Callable[[Path], str]) -> str:
    # the same build (and date) as test_real_site.py: built once a session
    os.environ["MINUTEBOOK_TODAY"] = TODAY
    return serve_site(build_site(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def tracker_orgs() -> dict[str, list[tuple[str, bool]]]:
    """Each organisation's tracker actions as (status, overdue), from the records."""
    result = check(ROOT, date.fromisoformat(TODAY))
    ds = result.dataset
    assert ds is not None
    out: dict[str, list[tuple[str, bool]]] = {}
    for a in publishable_actions(ds, "public"):
        if a.status not in ("open", "escalated") and not (
                a.closed and (result.today - a.closed).days <= 365):
            continue
        seat = ds.bodies[a.body].seat(a.owner_seat) if a.owner_seat else None
        org = a.owner_organisation or (seat.organisation if seat else None)
        out.setdefault(org or "", []).append(
            (a.status, a.status == "open" and a.current_due < result.today))
    return out


def _shown(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        f"{ROWS}:not([hidden])",
        "rows => rows.map(r => ({org: r.dataset.organisation, status: r.dataset.status,"
        " body: r.dataset.body, visible: r.getBoundingClientRect().height > 0}))")


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_bookmarked_filter_opens_as_it_was_set(
        site: str, open_page: Callable[..., Page],
        tracker_orgs: dict[str, list[tuple[str, bool]]]) -> None:
    page = open_page(site + "actions.html?organisation=cheshire-police&status=done")
    total = page.locator(ROWS).count()
    expected = sum(1 for status, _ in tracker_orgs["cheshire-police"] if status == "done")
    assert expected > 0
    shown = _shown(page)
    assert len(shown) == expected
    assert all(r["org"] == "cheshire-police" and r["status"] == "done" and r["visible"]
               for r in shown)
    assert page.locator('select[data-filter="organisation"]').input_value() == "cheshire-police"
    assert page.locator('select[data-filter="status"]').input_value() == "done"
    assert page.locator('select[data-filter="body"]').input_value() == ""
    status = page.locator(".mb-filter-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"{expected} of {total} actions shown."


def test_overdue_is_a_status_to_filter_by(
        site: str, open_page: Callable[..., Page],
        tracker_orgs: dict[str, list[tuple[str, bool]]]) -> None:
    page = open_page(site + "actions.html?status=overdue")
    overdue = sorted(org for org, acts in tracker_orgs.items() for _, late in acts if late)
    assert overdue
    assert sorted(r["org"] for r in _shown(page)) == overdue


def test_a_filter_changed_by_keyboard_is_kept_in_the_address_and_a_reload(
        site: str, open_page: Callable[..., Page],
        tracker_orgs: dict[str, list[tuple[str, bool]]]) -> None:
    page = open_page(site + "actions.html?organisation=cheshire-police&status=done")
    status = page.locator('select[data-filter="status"]')
    # Tab from the organisation filter to the owner filter, then to the status filter
    page.locator('select[data-filter="organisation"]').focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-filter')") == "status"
    page.keyboard.press("Home")  # "Any status"
    assert status.input_value() == ""
    assert _query(page) == {"organisation": ["cheshire-police"]}
    everything = len(tracker_orgs["cheshire-police"])
    assert len(_shown(page)) == everything
    assert page.locator(".mb-filter-status").inner_text().startswith(f"{everything} of ")
    # choose a body by keyboard too: the address keeps both
    body = page.locator('select[data-filter="body"]')
    body.focus()
    page.keyboard.press("End")
    chosen = body.input_value()
    assert chosen
    assert _query(page) == {"organisation": ["cheshire-police"], "body": [chosen]}
    shown = _shown(page)
    assert all(r["org"] == "cheshire-police" and r["body"] == chosen for r in shown)
    page.reload()
    page.wait_for_load_state("load")
    assert body.input_value() == chosen
    assert status.input_value() == ""
    assert _shown(page) == shown
    # "Show all actions" clears the filters and the address
    page.get_by_role("button", name="Show all actions").press("Enter")
    assert _query(page) == {}
    assert len(_shown(page)) == page.locator(ROWS).count()


def test_without_javascript_every_action_is_shown(
        site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(site + "actions.html?organisation=cheshire-police&status=done",
                     javascript=False)
    rows = page.locator(ROWS)
    assert rows.count() > 20
    assert page.locator(f"{ROWS}[hidden]").count() == 0
    assert not page.locator(".mb-filters").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("path", "width"), [
    ("organisations/cheshire-police.html", 1280),
    ("organisations/cheshire-police.html", 375),
    ("organisations/cheshire-east-youth-justice.html", 1280),  # an overdue action
    ("actions.html?organisation=cheshire-east-council&status=open", 1280),
    ("actions.html?organisation=cheshire-east-council&status=open", 375),
])
def test_organisation_page_and_filtered_tracker_pass_axe(
        site: str, path: str, width: int, scheme: str, open_page: Callable[..., Page],
        assert_accessible: Callable[..., None], screenshot: Callable[..., Path]) -> None:
    page = open_page(site + path, width=width, color_scheme=scheme)
    name = path.replace("/", "-").replace(".html", "").replace("?", "-").replace("&", "-")
    screenshot(page, f"mine-{name}-{width}-{scheme}")
    assert_accessible(page, f"{path} at {width} px, {scheme}")


def test_organisation_page_links_to_its_filtered_tracker(
        site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(site + "organisations/cheshire-east-council.html")
    page.get_by_role("link", name="The action tracker showing only the actions of").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.endswith("/actions.html")
    assert page.locator('select[data-filter="organisation"]').input_value() \
        == "cheshire-east-council"
    shown = _shown(page)
    assert shown
    assert all(r["org"] == "cheshire-east-council" for r in shown)
