"""The real site, built from the repository's own content: accessible (axe, WCAG 2.2 AA)
on one page of every kind, readable without JavaScript, searchable offline, printable,
and pictured for people to look at (tests/artifacts/screenshots/)."""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]


def _search(page: Page, query: str) -> None:
    page.click(".md-search__input")
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# one page of every kind the site generates, plus hand-written pages
PAGES = [
    "index.html",
    "structure.html",
    "bodies/index.html",
    "bodies/cs-steering-group.html",
    "meetings/cs-steering-group/2026-08-12.html",
    "meetings/cs-steering-group/2026-12-16.html",
    "actions.html",
    "reviews.html",
    "organisations/index.html",
    "organisations/cheshire-police.html",
    "calendar.html",
    "scorecard/cs-steering-group.html",
    "reports/index.html",
    "reports/cs-steering-group/2026-04-01_2026-09-30.html",
    "findings.html",
    "data.html",
    "rules/quorum.html",
    "reference/index.html",
    "cookbook.html",
    "editors/add-minutes.html",
]


@pytest.fixture(scope="module")
def real_site_dir(build_site: Callable[..., Path]) -> Path:
    os.environ["MINUTEBOOK_TODAY"] = "2026-11-25"  # the content is checked as of this date
    return build_site(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def real_site(real_site_dir: Path, serve_site: Callable[[Path], str]) -> str:
    return serve_site(real_site_dir)


def test_no_broken_links_or_anchors(real_site_dir: Path,
                                    check_links: Callable[[Path], list[str]]) -> None:
    """Generated tables hold raw-HTML links that MkDocs does not check: check them all."""
    assert check_links(real_site_dir) == []


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_passes_axe_on_a_desktop(
        real_site: str, path: str, open_page: Callable[..., Page],
        assert_accessible: Callable[..., None]) -> None:
    page = open_page(real_site + path, width=1280)
    assert_accessible(page, path)


@pytest.mark.parametrize("path", ["index.html", "bodies/cs-steering-group.html",
                                  "meetings/cs-steering-group/2026-08-12.html",
                                  "actions.html", "scorecard/cs-steering-group.html"])
def test_pages_pass_axe_on_a_phone(real_site: str, path: str,
                                   open_page: Callable[..., Page],
                                   assert_accessible: Callable[..., None]) -> None:
    page = open_page(real_site + path, width=375)
    assert_accessible(page, f"{path} at 375 px")


def test_screenshots_for_review(real_site: str, open_page: Callable[..., Page],
                                screenshot: Callable[..., Path]) -> None:
    for name, path in (("home", "index.html"), ("body", "bodies/cs-steering-group.html"),
                       ("meeting", "meetings/cs-steering-group/2026-08-12.html"),
                       ("scorecard", "scorecard/cs-steering-group.html")):
        page = open_page(real_site + path, width=1280)
        assert screenshot(page, f"real-{name}").stat().st_size > 10_000


def test_body_page_reads_without_javascript(real_site: str,
                                            open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "bodies/cs-steering-group.html", javascript=False)
    article = page.locator("article").inner_text()
    assert "Inspector" in article
    assert "Next review due" in article


def test_search_finds_a_body_offline(real_site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "index.html", width=1280)
    _search(page, "Reassurance")
    assert "Reassurance" in page.locator(".md-search-result__list").inner_text()


def test_terms_of_reference_prints_to_a4(real_site: str, open_page: Callable[..., Page],
                                         artifacts_dir: Path) -> None:
    page = open_page(real_site + "bodies/reassurance-hackney.html", width=1280)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").first.is_visible()
    pdf = artifacts_dir / "reassurance-hackney.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 20_000


def test_action_tracker_filters_and_sorts(real_site: str, open_page: Callable[..., Page],
                                          assert_accessible: Callable[..., None]) -> None:
    page = open_page(real_site + "actions.html", width=1280)
    rows = page.locator('table[data-mb="actions"] tbody tr')
    total = rows.count()
    assert total > 5
    status = page.locator(".mb-filter-status")
    assert status.inner_text() == f"{total} of {total} actions shown."
    page.select_option('select[data-filter="body"]', label="CS/SOC Steering Group")
    shown = page.locator('table[data-mb="actions"] tbody tr:not([hidden])')
    assert 0 < shown.count() < total
    assert all("CS/SOC Steering Group" in t for t in shown.all_inner_texts())
    assert status.inner_text() == f"{shown.count()} of {total} actions shown."
    due = page.locator('table[data-mb="actions"] thead th').nth(1)
    due.locator("button").click()
    assert due.get_attribute("aria-sort") == "ascending"
    assert_accessible(page, "action tracker, filtered and sorted")


def test_action_tracker_filters_whole_names_and_sorts_dates_as_dates(
        real_site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "actions.html", width=1280)
    owners = page.locator('select[data-filter="owner"] option').all_inner_texts()[1:]
    assert len(owners) > 3
    for owner in owners:
        page.select_option('select[data-filter="owner"]', label=owner)
        shown = page.locator('table[data-mb="actions"] tbody tr:not([hidden]) td:nth-child(4)')
        assert shown.count() > 0, owner
        assert set(shown.all_inner_texts()) == {owner}  # "Youth Justice" is not "X, Youth ..."
    page.select_option('select[data-filter="owner"]', label="All owners")
    due = page.locator('table[data-mb="actions"] thead th').nth(1)
    due.locator("button").click()
    keys = page.eval_on_selector_all(
        'table[data-mb="actions"] tbody tr td:nth-child(2) [data-sort]',
        "cells => cells.map(c => c.getAttribute('data-sort'))")
    assert len(keys) > 5
    assert keys == sorted(keys)


def test_action_tracker_fits_a_phone_screen(real_site: str,
                                            open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "actions.html", width=320, height=800)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
    assert page.evaluate(
        "Math.max(...[...document.querySelectorAll('.mb-filters select')]"
        ".map(s => s.getBoundingClientRect().right))") <= 320


def test_a_focused_link_is_not_hidden_under_the_header(
        real_site: str, open_page: Callable[..., Page]) -> None:
    """WCAG 2.4.11: moving back up the page with Shift+Tab keeps the focus in view."""
    page = open_page(real_site + "actions.html", width=1280, height=700)
    links = page.locator('table[data-mb="actions"] tbody a')
    links.nth(links.count() - 1).focus()
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        top = page.evaluate("document.activeElement.getBoundingClientRect().top")
        header = page.evaluate(
            "document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert top >= header - 1, f"focus at {top}px, under the header ending at {header}px"


def _luminance(rgb: str) -> float:
    parts = [int(x) / 255 for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_text_has_contrast_in_both_colour_schemes(
        real_site: str, open_page: Callable[..., Page], scheme: str) -> None:
    page = open_page(real_site + "scorecard/cs-steering-group.html", width=1280,
                     color_scheme=scheme)
    fill = page.evaluate("getComputedStyle(document.querySelector('svg.mb-chart text')).fill")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.md-main')).backgroundColor "
        "=== 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor "
        ": getComputedStyle(document.querySelector('.md-main')).backgroundColor")
    light, dark = sorted((_luminance(fill), _luminance(background)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5, (scheme, fill, background)


def test_chart_labels_fit_and_do_not_overlap(real_site: str,
                                             open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "scorecard/cs-steering-group.html", width=1280)
    boxes = page.evaluate("""() => [...document.querySelectorAll('svg.mb-chart')].map(svg => {
        const edge = svg.closest('.mb-chart-frame').getBoundingClientRect();
        const labels = [...svg.querySelectorAll('text.mb-xlabel')]  // the x-axis labels
            .map(t => t.getBoundingClientRect());
        return {left: edge.left, right: edge.right,
                labels: labels.map(r => [r.left, r.right])};
    })""")
    assert boxes
    for chart in boxes:
        labels = chart["labels"]
        assert labels
        assert labels[0][0] >= chart["left"] - 0.5
        assert labels[-1][1] <= chart["right"] + 0.5  # the last label is not cut off
        assert all(a[1] <= b[0] for a, b in pairwise(labels))
