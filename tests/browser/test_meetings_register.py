"""A meeting page with a numbered agenda and papers, and the register of decisions and
escalations (issue 18.4), in a browser: axe finds nothing in either colour scheme, at a
desktop and a phone width, and the paper's link opens the file published beside the page."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEETING = "meetings/cs-steering-group/2026-09-23.html"


@pytest.fixture(scope="module")
def site(build_site: Callable[..., Path], serve_site: Callable[[Path], str]) -> str:
    os.environ["MINUTEBOOK_TODAY"] = "2026-11-25"  # the content is checked as of this date
    return serve_site(build_site(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["decisions.html", MEETING])
def test_register_and_meeting_with_agenda_pass_axe(
        site: str, path: str, scheme: str, width: int, open_page: Callable[..., Page],
        assert_accessible: Callable[..., None]) -> None:
    page = open_page(site + path, width=width, color_scheme=scheme)
    assert_accessible(page, f"{path}, {scheme}, {width} px")


def test_agenda_is_numbered_and_its_paper_opens(site: str,
                                               open_page: Callable[..., Page]) -> None:
    page = open_page(site + MEETING, width=1280)
    agenda = page.locator("ol.mb-agenda > li")
    assert agenda.count() == 5
    # numbered by the list itself (1, 2, 3...), not by text in the items
    assert page.evaluate("() => getComputedStyle(document.querySelector('ol.mb-agenda'))"
                         ".listStyleType") == "decimal"
    paper = agenda.nth(2).locator("ul.mb-papers a")
    assert paper.inner_text() == "Multi-agency data summary, July to August 2026"
    response = page.request.get(paper.evaluate("a => a.href"))
    assert response.ok
    assert response.text().startswith("ILLUSTRATIVE PAPER")
