"""Site infrastructure, proven on the hand-written sample site (tests/site_samples/).

The sample pages use every construct the generated pages use; the real mkdocs.yml,
theme overrides and stylesheet apply to them unchanged (the sample config INHERITs it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from tests.browser.conftest import NetworkLog

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url_of(sample_site_dir: Path, sample_site_url: str) -> Callable[[str], str]:
    """URL of a sample page by its name in PAGES, whichever URL style the site uses
    (use_directory_urls true: actions/, false: actions.html)."""

    def url(name: str) -> str:
        stem = PAGES[name].removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            rel = stem + ".html"
        elif (sample_site_dir / f"{stem}.html").is_file():
            rel = f"{stem}.html"
        else:
            rel = f"{stem}/"
        return sample_site_url + rel

    return url


# name -> source file in tests/site_samples/docs
PAGES = {
    "home": "index.md",
    "actions": "actions.md",
    "structure": "structure.md",
    "terms-of-reference": "terms-of-reference.md",
    "meetings": "meetings/index.md",
    "minutes-draft": "meetings/2026-11-12-executive.md",
    "minutes-restricted": "meetings/2026-10-08-executive.md",
    "literal": "literal.md",
    "bodies": "bodies/index.md",
    "body-executive": "bodies/executive.md",
}
WIDTHS = {"desktop": 1280, "mobile": 375}
# Stricter than the harness default (WCAG 2.0-2.2 A and AA): axe's best practices too,
# which is where Material's unnamed search dialog (aria-dialog-name) shows up.
STRICT = (*WCAG_TAGS, "best-practice")


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_clean(
    name: str,
    width: str,
    scheme: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    assert_accessible: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page = open_page(url_of(name), width=WIDTHS[width], color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    screenshot(page, f"{name}-{width}-{scheme}")
    assert_accessible(page, f"{name} at {WIDTHS[width]} px, {scheme}", tags=STRICT)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_clean_with_search_results_open(
    width: str,
    scheme: str,
    sample_site_url: str,
    open_page: Callable[..., Page],
    assert_accessible: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page = open_page(sample_site_url, width=WIDTHS[width], color_scheme=scheme)
    _search(page, "quorum")
    screenshot(page, f"search-{width}-{scheme}", full_page=False)
    assert_accessible(page, f"search results at {WIDTHS[width]} px, {scheme}", tags=STRICT)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_mobile_menu_open(
    scheme: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    assert_accessible: Callable[..., None],
    screenshot: Callable[..., Path],
) -> None:
    page = open_page(url_of("actions"), width=375, color_scheme=scheme)
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
    screenshot(page, f"menu-mobile-{scheme}", full_page=False)
    assert_accessible(page, f"open navigation drawer, {scheme}", tags=STRICT)


@pytest.mark.parametrize("name", ["actions", "structure", "minutes-draft"])
def test_axe_clean_without_javascript(
    name: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    assert_accessible: Callable[..., None],
) -> None:
    # Script files are not loaded, so the page renders as without JavaScript (it keeps
    # its "no-js" class), but axe itself can still run.
    page = open_page(url_of(name), scripts=False)
    assert page.evaluate("() => document.documentElement.className") == "no-js"
    assert_accessible(page, f"{name} without JavaScript", tags=STRICT)


def test_axe_finds_violations(
    url_of: Callable[[str], str], open_page: Callable[..., Page], run_axe: Callable[..., list[dict]]
) -> None:
    """The harness's own check: axe does run and report, so "0 violations" means something."""
    page = open_page(url_of("actions"))
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').append(img);
        const p = document.createElement('p');
        p.textContent = 'faint text';
        p.style.color = '#bbbbbb';
        document.querySelector('article').append(p);
    }""")
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "color-contrast"} <= ids


def test_skip_link_is_first_tab_stop_and_lands_on_content(
    url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    # "literal" has no headings of its own, so it gets the fallback skip link.
    for name in ("actions", "literal"):
        page = open_page(url_of(name))
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.classList.contains('md-skip'),"
            " document.activeElement.textContent.trim(),"
            " document.activeElement.getAttribute('href')]"
        )
        assert focused[0], (name, focused)
        assert focused[1] == "Skip to content", (name, focused)
        target = focused[2].lstrip("#")
        assert page.locator(f"article [id='{target}']").count() == 1, (name, target)


SCROLLERS_JS = """() => [...document.querySelectorAll('article *')]
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
                 && e.scrollWidth > e.clientWidth + 1)
    .map(e => ({tag: e.tagName, cls: e.className, tabindex: e.getAttribute('tabindex'),
                name: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')}))"""


@pytest.mark.parametrize("name", ["actions", "terms-of-reference"])
def test_wide_tables_scroll_by_keyboard_on_a_phone(
    name: str, url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    """Every box that scrolls sideways can take focus (so arrow keys scroll it) and has
    a name: generated tables through their .mb-scroll wrapper, Markdown tables through
    minutebook.js."""
    page = open_page(url_of(name), width=375)
    scrollers = page.evaluate(SCROLLERS_JS)
    assert scrollers, "expected at least one table wider than a phone"
    for box in scrollers:
        assert box["tabindex"] == "0", box
        assert box["name"], box
    assert len({box["name"] for box in scrollers}) == len(scrollers), scrollers
    if name == "actions":
        assert any("mb-scroll" in box["cls"] for box in scrollers)
    else:
        assert any("md-typeset__scrollwrap" in box["cls"] for box in scrollers)
    # On a wide screen the Markdown table fits: no needless tab stop is added.
    if name == "terms-of-reference":
        page.set_viewport_size({"width": 1600, "height": 900})
        page.wait_for_function("() => !document.querySelector('.md-typeset__scrollwrap[tabindex]')")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_navigation_targets_are_at_least_24px_high(
    width: str, url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    """WCAG 2.2 target size (2.5.8): Material's navigation links are 18 px high."""
    page = open_page(url_of("body-executive"), width=WIDTHS[width])
    if width == "mobile":
        page.click("label.md-header__button[for='__drawer']")
        page.wait_for_function("() => document.getElementById('__drawer').checked")
    heights = page.evaluate(
        """() => [...document.querySelectorAll('.md-sidebar a.md-nav__link')]
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width > 0 && r.height > 0)
            .map(r => r.height)"""
    )
    assert heights
    assert min(heights) >= 24, heights


def test_status_badges_say_their_status_in_words(
    url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    page = open_page(url_of("actions"))
    badges = page.locator(".mb-status")
    texts = badges.all_inner_texts()
    assert texts == ["Red: overdue", "Amber: at risk", "Green: on track", "Not started"]
    # The overdue row is highlighted and still says so in words.
    overdue = page.locator("tr.mb-overdue")
    assert overdue.count() == 1
    assert "overdue" in overdue.inner_text().lower()
    assert (
        overdue.locator("td").first.evaluate("e => getComputedStyle(e).backgroundColor")
        != "rgba(0, 0, 0, 0)"
    )


def test_data_table_has_caption_and_header_scopes(
    url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    page = open_page(url_of("actions"))
    assert page.locator("table:has(caption)").count() == 2
    table = page.locator("table", has=page.locator("caption", has_text="Open actions"))
    assert table.count() == 1
    assert table.locator("caption").inner_text().startswith("Open actions of the Executive")
    assert table.locator("thead th[scope='col']").count() == 5
    assert table.locator("tbody th[scope='row']").count() == 4


# --------------------------------------------------------------------------- offline


def test_no_third_party_requests_on_any_page(
    sample_site_url: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    network: NetworkLog,
) -> None:
    for name in PAGES:
        open_page(url_of(name))
    assert network.offsite == []
    assert network.errors == []
    # The guard did see the traffic, including the vendored Mermaid (on the structure page
    # only: tests/browser/test_page_weight.py). The search index comes with a search (below).
    assert sample_site_url + "assets/mermaid.min.js" in network.local


def test_network_guard_blocks_and_records_outside_requests(
    sample_site_url: str, open_page: Callable[..., Page], network: NetworkLog
) -> None:
    page = open_page(sample_site_url)
    outcome = page.evaluate(
        "() => fetch('https://example.org/probe.js').then(() => 'fetched', () => 'blocked')"
    )
    assert outcome == "blocked"
    assert network.offsite == ["https://example.org/probe.js"]
    network.clear()  # expected: keep the teardown check from failing this test


def test_mermaid_is_drawn_from_the_vendored_script(
    sample_site_url: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    network: NetworkLog,
) -> None:
    page = open_page(url_of("structure"))
    assert page.locator("pre.mermaid").count() == 0
    diagram = page.locator("div.mermaid")
    assert diagram.count() == 1
    box = diagram.bounding_box()
    assert box is not None
    assert box["height"] > 100
    assert sample_site_url + "assets/mermaid.min.js" in network.local
    # The text version follows the diagram, as a nested list of the same structure.
    text_version = diagram.locator("xpath=./following-sibling::ul[1]")
    assert text_version.locator(":scope > li").count() == 1
    assert text_version.locator(":scope > li > ul > li").count() == 3
    assert "Rapid review panels" in text_version.locator(":scope > li > ul > li > ul").inner_text()


def test_search_works_offline_over_http(
    sample_site_url: str, open_page: Callable[..., Page], network: NetworkLog
) -> None:
    page = open_page(sample_site_url)
    assert sample_site_url + "search/search_index.json" not in network.local  # not yet
    _search(page, "quorum")
    assert sample_site_url + "search/search_index.json" in network.local
    first = page.locator(".md-search-result__item").first
    assert "Quorum" in first.inner_text()
    assert "Terms of reference" in page.locator(".md-search-result__list").inner_text()


def _search(page: Page, query: str) -> None:
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():  # narrow screens: open the search dialog from the header button
        button.click()
        page.wait_for_function("() => document.getElementById('__search').checked")
        page.locator(".md-search__input").click()
    else:  # wide screens: the search box is in the header
        page.click(".md-search__input")
    page.keyboard.type(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)


# --------------------------------------------------------------------------- content


def test_template_syntax_in_content_stays_literal_in_the_browser(
    url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    article = open_page(url_of("literal")).locator("article").inner_text()
    assert "{{ 7*7 }} stays as typed" in article
    assert "49" not in article


def test_banner_meta_renders_under_the_title(
    url_of: Callable[[str], str], open_page: Callable[..., Page]
) -> None:
    page = open_page(url_of("minutes-draft"))
    banner = page.locator("article [role='note'].mb-banner.mb-banner--draft")
    assert banner.count() == 1
    assert banner.is_visible()
    assert banner.locator(".mb-banner__title").inner_text() == "DRAFT minutes"
    assert "not yet been approved" in banner.inner_text()
    # Directly after the page title: read right after the heading the skip link lands on.
    assert banner.evaluate("e => e.previousElementSibling.tagName") == "H1"

    page = open_page(url_of("minutes-restricted"))
    banner = page.locator("article [role='note'].mb-banner--restricted")
    assert banner.locator(".mb-banner__title").inner_text() == "RESTRICTED internal edition"
    # Front matter is data: markup in it is shown as text, never interpreted.
    assert "<b>outside</b> partner agencies & their staff" in banner.inner_text()
    assert banner.locator("b").count() == 0

    page = open_page(url_of("meetings"))  # plain-string form
    banner = page.locator("article [role='note'].mb-banner--info")
    assert "<i>by</i> the Executive & its partners" in banner.inner_text()

    page = open_page(url_of("actions"))  # no banner: none rendered
    assert page.locator(".mb-banner").count() == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("terms-of-reference", "authority to commit resources"),
        ("actions", "Circulate the revised escalation protocol"),
        ("structure", "Workforce Development subgroup"),
        ("minutes-draft", "These minutes have not yet been approved"),
    ],
)
def test_page_reads_without_javascript(
    name: str,
    expected: str,
    url_of: Callable[[str], str],
    open_page: Callable[..., Page],
    screenshot: Callable[..., Path],
) -> None:
    page = open_page(url_of(name), javascript=False)
    assert page.evaluate("() => document.documentElement.className") == "no-js"
    text = page.locator("article").first
    assert text.is_visible()
    assert expected in text.inner_text()
    if name == "structure":
        # Mermaid cannot draw without JavaScript: its source is hidden, the list remains.
        assert not page.locator(".mermaid").first.is_visible()
        assert "flowchart" not in text.inner_text()
    screenshot(page, f"{name}-nojs")


# --------------------------------------------------------------------------- print


def test_terms_of_reference_prints_to_a4_pdf(
    url_of: Callable[[str], str], artifacts_dir: Path, open_page: Callable[..., Page]
) -> None:
    page = open_page(url_of("terms-of-reference"))
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
    ):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('article')).color")
        == "rgb(0, 0, 0)"
    )
    pdf_path = artifacts_dir / "terms-of-reference.pdf"
    pdf = page.pdf(path=str(pdf_path), format="A4", print_background=True)
    assert pdf_path.is_file()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert pages > 1, f"{pages} page(s)"
    # A4 portrait is 595 x 842 points.
    assert re.search(
        rb"/MediaBox\s*\[\s*0\s+0\s+595(\.\d+)?\s+841\.\d+|/MediaBox\s*\[\s*0\s+0\s+"
        rb"595(\.\d+)?\s+842",
        pdf,
    )
