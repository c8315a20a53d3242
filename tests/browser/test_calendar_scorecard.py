"""The calendar page (month view) and a scorecard page in a browser: axe finds nothing in
either colour scheme, the month view is a table on a desktop and a list on a phone, and
every text of the charts is drawn at 12 px or more at 375 and 1280 px wide."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCORECARD = "scorecard/cs-steering-group.html"


@pytest.fixture(scope="module")
def site(build_site: Callable[..., Path], serve_site: Callable[[Path], str]) -> str:
    os.environ["MINUTEBOOK_TODAY"] = "2026-11-25"  # the content is checked as of this date
    return serve_site(build_site(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["calendar.html", SCORECARD])
def test_calendar_and_scorecard_pass_axe_in_both_colour_schemes(
        site: str, path: str, scheme: str, width: int, open_page: Callable[..., Page],
        assert_accessible: Callable[..., None]) -> None:
    page = open_page(site + path, width=width, color_scheme=scheme)
    assert_accessible(page, f"{path}, {scheme}, {width} px")


def test_the_month_view_is_a_table_on_a_desktop_and_a_list_on_a_phone(
        site: str, open_page: Callable[..., Page], screenshot: Callable[..., Path]) -> None:
    desk = open_page(site + "calendar.html", width=1280)
    assert desk.locator("table[data-mb=month]").first.is_visible()
    assert not desk.locator(".mb-month-list").first.is_visible()
    # the month fits the content column: no day is cut off
    right = desk.evaluate("""() => {
        const t = document.querySelector('table[data-mb=month]');
        const box = t.closest('.mb-month').getBoundingClientRect();
        return [t.getBoundingClientRect().right, box.right];
    }""")
    assert right[0] <= right[1] + 0.5
    screenshot(desk, "calendar-month-1280")
    phone = open_page(site + "calendar.html", width=375)
    assert not phone.locator("table[data-mb=month]").first.is_visible()
    listed = phone.locator(".mb-month-list").first
    assert listed.is_visible()
    assert "August 2026" in listed.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "calendar-month-375")


def test_the_month_view_reads_without_javascript(site: str,
                                                 open_page: Callable[..., Page]) -> None:
    page = open_page(site + "calendar.html", javascript=False)
    text = page.locator("table[data-mb=month]").first.inner_text()
    assert "August 2026" in text
    assert "minutes approved" in text


@pytest.mark.parametrize("width", [375, 1280])
def test_chart_text_is_at_least_12px_as_drawn(site: str, width: int,
                                              open_page: Callable[..., Page]) -> None:
    page = open_page(site + SCORECARD, width=width)
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.mb-chart text')]
        .map(t => {
            const scale = t.getScreenCTM().a;  // user units to CSS px, as drawn
            return {text: t.textContent,
                    size: parseFloat(getComputedStyle(t).fontSize) * scale,
                    height: t.getBoundingClientRect().height};
        })""")
    assert len(sizes) > 20
    small = [s for s in sizes if s["size"] < 12 or s["height"] < 12]
    assert small == [], small


@pytest.mark.parametrize("width", [375, 1280])
def test_chart_labels_stay_on_screen_and_do_not_overlap(site: str, width: int,
                                                        open_page: Callable[..., Page]) -> None:
    page = open_page(site + SCORECARD, width=width)
    charts = page.evaluate("""() => [...document.querySelectorAll('.mb-chart-frame')].map(f => {
        const box = f.getBoundingClientRect();
        const texts = [...f.querySelectorAll('svg.mb-chart text')]
            .map(t => t.getBoundingClientRect());
        const xs = [...f.querySelectorAll('svg.mb-chart text.mb-xlabel')]
            .map(t => t.getBoundingClientRect()).map(r => [r.left, r.right]);
        return {left: box.left, right: box.right,
                texts: texts.map(r => [r.left, r.right]), xs: xs};
    })""")
    assert charts
    for chart in charts:
        assert len(chart["xs"]) >= 2
        for left, right in chart["texts"]:
            assert left >= max(0, chart["left"] - 0.5)
            assert right <= min(width, chart["right"] + 0.5)
        xs = sorted(chart["xs"])
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(xs))
