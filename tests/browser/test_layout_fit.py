"""Status first, everywhere (issue 18, part 1): the site's action, member, attendance,
calendar and dashboard tables fit the screen at 1280, 768 and 375 px without scrolling
sideways; below 600 px they become cards; the cards pass axe in both colour schemes.

The generated pages (tracker, body, meeting, organisation, home, calendar) exist only in
the real site, so these tests build it (once per session, shared with test_real_site.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

# page -> (path, the kinds of table it must show)
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tracker": ("actions.html", ("actions",)),
    "body": ("bodies/cs-steering-group.html", ("members", "matrix", "actions", "history")),
    "meeting": ("meetings/cs-steering-group/2026-08-12.html", ("attendance", "actions")),
    "organisation": ("organisations/cheshire-police.html", ("members",)),
    "home": ("index.html", ("dashboard",)),
    "calendar": ("calendar.html", ("calendar",)),
    "decisions": ("decisions.html", ("register",)),
}
KINDS = ("actions", "members", "attendance", "matrix", "calendar", "dashboard", "history",
         "register")
WIDTHS = (1280, 768, 375)

# every cell of the tables of these kinds, each container scrolled back to its start:
# which lie past the window's right edge (or left of 0), and which containers scroll
_MEASURE = """(kinds) => {
  const out = {kinds: [], problems: []};
  const selector = kinds.map(k => `table[data-mb="${k}"]`).join(",");
  for (const table of document.querySelectorAll(selector)) {
    const name = `${table.dataset.mb} table "${(table.caption || {}).textContent || ""}"`;
    out.kinds.push(table.dataset.mb);
    for (let box = table.parentElement; box && box.tagName !== "ARTICLE";
         box = box.parentElement) {
      box.scrollLeft = 0;
      if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible")
        out.problems.push(`${name}: its container scrolls (${box.scrollWidth} > `
                          + `${box.clientWidth} px)`);
    }
    for (const cell of table.querySelectorAll("th, td")) {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;  // not drawn
      const head = cell.closest("thead");
      if (head && head.getBoundingClientRect().width <= 1) continue;  // for screen readers
      if (r.right > window.innerWidth + 0.5 || r.left < -0.5)
        out.problems.push(`${name}: cell "${cell.textContent.trim().slice(0, 40)}" spans `
                          + `${Math.round(r.left)}-${Math.round(r.right)} px`);
    }
  }
  if (document.scrollingElement.scrollWidth > window.innerWidth)
    out.problems.push(`the page scrolls sideways (${document.scrollingElement.scrollWidth} px)`);
  return out;
}"""


@pytest.fixture(scope="module")
def real_site(build_site: Callable[..., Path], serve_site: Callable[[Path], str]) -> str:
    os.environ["MINUTEBOOK_TODAY"] = "2026-11-25"  # the content is checked as of this date
    return serve_site(build_site(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("name", list(PAGES))
def test_tables_fit_the_screen(real_site: str, name: str, open_page: Callable[..., Page],
                               screenshot: Callable[..., Path]) -> None:
    """At each width (the same page, resized): every cell on screen, nothing scrolls."""
    path, expected = PAGES[name]
    page = open_page(real_site + path, width=WIDTHS[0])
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(f"window.innerWidth === {width}")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(true)))")
        screenshot(page, f"fit-{name}-{width}")
        found = page.evaluate(_MEASURE, list(KINDS))
        assert set(expected) <= set(found["kinds"]), (width, found["kinds"])
        if found["problems"]:
            problems[width] = found["problems"]
    assert problems == {}, name


def _headers(page: Page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        selector, "ts => ts.map(t => [...t.tHead.rows[0].cells].map(c => c.textContent.trim()))")


def test_status_comes_first_and_the_page_subject_is_not_repeated(
        real_site: str, open_page: Callable[..., Page]) -> None:
    tracker = _headers(open_page(real_site + "actions.html"), 'table[data-mb="actions"]')
    assert tracker == [["Status", "Due", "Action", "Owner", "Body"]]
    for path in ("bodies/cs-steering-group.html", "meetings/cs-steering-group/2026-08-12.html"):
        heads = _headers(open_page(real_site + path), 'table[data-mb="actions"]')
        assert heads, path
        assert all(h == ["Status", "Due", "Action", "Owner"] for h in heads), path


def test_a_page_without_sections_gives_its_tables_the_width_of_the_contents(
        real_site: str, open_page: Callable[..., Page]) -> None:
    """Material's table of contents takes a column even when empty; such pages hide it."""
    wide = "document.querySelector('article').getBoundingClientRect().width"
    tracker = open_page(real_site + "actions.html")
    assert not tracker.locator(".md-sidebar--secondary").is_visible()
    body = open_page(real_site + "bodies/cs-steering-group.html")  # sections: contents kept
    assert body.locator(".md-sidebar--secondary").is_visible()
    assert tracker.evaluate(wide) > body.evaluate(wide) + 200


def test_an_action_keeps_its_id_as_a_small_reference(
        real_site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "actions.html")
    row = page.locator('table[data-mb="actions"] tbody tr').first
    ref = row.locator(".mb-ref")
    assert ref.count() == 1
    assert re.fullmatch(r"[a-z]+-\d+", ref.inner_text().split()[0], re.IGNORECASE)
    assert row.locator("th .mb-ref").count() == 1  # inside the action's own cell
    size = float(ref.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    text = float(row.locator("th").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert size < text


def test_the_attendance_table_shows_every_meeting_with_its_full_date(
        real_site: str, open_page: Callable[..., Page]) -> None:
    page = open_page(real_site + "bodies/cs-steering-group.html")
    heads = page.eval_on_selector_all(
        'table[data-mb="matrix"] thead th:not(:first-child):not(:last-child)',
        """hs => hs.map(h => [h.textContent, [...h.childNodes].filter(
               n => !(n.classList && n.classList.contains("mb-sr"))).map(
               n => n.textContent).join("")])""")
    assert len(heads) == 9
    years = set()
    for read, shown in heads:  # read "12 Aug 2026", shown "12 Aug" (the year where it changes)
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", " ".join(read.split())), read
        if shown.split()[-1].isdigit():
            years.add(shown.split()[-1])
        else:
            assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", " ".join(shown.split())), shown
    assert years == {"2025", "2026"}
    assert page.locator('table[data-mb="matrix"] tbody td .mb-long').first.text_content() in (
        "Present", "Deputy attended", "Apologies", "Absent", "Not recorded")


@pytest.mark.parametrize("path", ["actions.html", "bodies/cs-steering-group.html",
                                  "meetings/cs-steering-group/2026-08-12.html", "calendar.html"])
def test_below_600px_rows_are_cards_and_tables_above(
        real_site: str, path: str, open_page: Callable[..., Page]) -> None:
    selector = ",".join(f'table[data-mb="{k}"] tbody tr' for k in KINDS)
    wide = open_page(real_site + path, width=1280)
    assert set(wide.eval_on_selector_all(
        selector, "rs => rs.map(r => getComputedStyle(r).display)")) == {"table-row"}
    narrow = open_page(real_site + path, width=375)
    displays = narrow.eval_on_selector_all(
        selector, "rs => rs.map(r => getComputedStyle(r).display)")
    assert displays
    assert "table-row" not in displays
    # a card's cells are labelled by their column (the first, status, only by its words)
    labels = narrow.eval_on_selector_all(
        selector.replace("tr", "tr td"),
        "cs => cs.filter(c => c.dataset.label).length / cs.length")
    assert labels > 0.5
    # each card as wide as the column it is in
    narrow_cards = narrow.eval_on_selector_all(
        selector, "rs => rs.map(r => r.getBoundingClientRect().width"
                  " / r.closest('.mb-scroll').getBoundingClientRect().width)")
    assert min(narrow_cards) > 0.95


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["actions.html", "bodies/cs-steering-group.html",
                                  "meetings/cs-steering-group/2026-08-12.html",
                                  "organisations/cheshire-police.html", "calendar.html"])
def test_cards_pass_axe(real_site: str, path: str, scheme: str,
                        open_page: Callable[..., Page], assert_accessible: Callable[..., None],
                        screenshot: Callable[..., Path]) -> None:
    page = open_page(real_site + path, width=375, color_scheme=scheme)
    screenshot(page, f"cards-{path.replace('/', '-').removesuffix('.html')}-{scheme}")
    assert_accessible(page, f"{path} as cards at 375 px, {scheme}")
