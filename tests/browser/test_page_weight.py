"""Light pages: what a reader's browser fetches for one page of every kind of the real site.

Each page is opened in a fresh browser context (nothing cached) and every response it
causes is counted: the page, styles, scripts, the search index. Our test server sends no
compression, so the bytes counted are the bytes served. Every kind of page stays under
1.2 MB; the structure page, the one page that draws a diagram and so loads the diagram
library, under 5 MB. Of each kind the heaviest page is measured. The figures are written
to tests/artifacts/page-weight.txt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 1_200_000  # bytes, every kind of page but the structure
STRUCTURE_LIMIT = 5_000_000
DIAGRAM_LIBRARY = "assets/mermaid.min.js"
SEARCH_INDEX = "search/search_index.json"
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, {mode: "open"}));
};
"""

# kind -> glob of its pages in the built site (the heaviest file is measured)
KINDS: dict[str, str] = {
    "home": "index.html",
    "bodies index": "bodies/index.html",
    "body": "bodies/*.html",
    "meeting": "meetings/*/*.html",
    "tracker": "actions.html",
    "reviews": "reviews.html",
    "organisations": "organisations/index.html",
    "organisation": "organisations/*.html",
    "calendar": "calendar.html",
    "scorecards": "scorecard/*.html",
    "reports": "reports/index.html",
    "report": "reports/*/*.html",
    "structure": "structure.html",
    "findings": "findings.html",
    "data": "data.html",
    "editors' doc": "editors/*.html",
    "rule doc": "rules/*.html",
}


def heaviest(site: Path, pattern: str) -> str:
    """The largest page matching ``pattern`` (an index page only if the pattern names it)."""
    pages = [p for p in site.glob(pattern) if pattern.endswith("index.html")
             or p.name != "index.html"]
    assert pages, f"no page {pattern} in the built site"
    return max(pages, key=lambda p: (p.stat().st_size, str(p))).relative_to(site).as_posix()


@pytest.fixture(scope="module")
def real_site_dir(build_site: Callable[..., Path]) -> Path:
    os.environ["MINUTEBOOK_TODAY"] = "2026-11-25"  # as tests/browser/test_real_site.py
    return build_site(ROOT / "mkdocs.yml")


@pytest.fixture(scope="module")
def weights() -> Iterator[dict[str, tuple[str, int, int]]]:
    """kind -> (page, bytes, responses), filled by the test, written out at the end."""
    found: dict[str, tuple[str, int, int]] = {}
    yield found
    if found:
        lines = [f"{kind:<15} {size:>10,} B {n:>3} responses  {path}"
                 for kind, (path, size, n) in found.items()]
        out = ROOT / "tests" / "artifacts" / "page-weight.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n" + "\n".join(lines))


def served_bytes(new_page: Callable[..., Page], settle_page: Callable[[Page], None],
                 url: str) -> tuple[Page, int, list[str]]:
    """Open ``url`` in a fresh context; the bytes of every response it caused, and their URLs."""
    page = new_page(width=1280)
    # Material draws a diagram into a closed shadow root; open it so the test can see the SVG
    page.add_init_script(OPEN_SHADOW_ROOTS)
    responses: list[Any] = []
    page.context.on("response", lambda r: responses.append(r))
    response = page.goto(url, wait_until="load")
    assert response is not None, url
    assert response.ok, f"{response.status} {url}"
    settle_page(page)  # loaded, network idle, diagrams drawn
    total = 0
    for r in responses:
        if 300 <= r.status < 400:
            continue  # a redirect has no body of its own
        total += len(r.body())
    return page, total, [r.url for r in responses]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_page_is_light(
    kind: str, real_site_dir: Path, serve_site: Callable[[Path], str],
    new_page: Callable[..., Page], settle_page: Callable[[Page], None],
    weights: dict[str, tuple[str, int, int]],
) -> None:
    path = heaviest(real_site_dir, KINDS[kind])
    base = serve_site(real_site_dir)
    page, total, urls = served_bytes(new_page, settle_page, base + path)
    weights[kind] = (path, total, len(urls))
    # the search index comes when the reader reaches for search (test below), not before
    assert base + SEARCH_INDEX not in urls, f"{path} loads the search index unasked"
    if kind == "structure":
        # the one page that draws a diagram: it loads the library, and the diagram is drawn
        assert base + DIAGRAM_LIBRARY in urls
        page.locator("div.mermaid svg").first.wait_for(state="attached")
        assert page.locator("div.mermaid svg").count() >= 1
        assert total < STRUCTURE_LIMIT, f"{path}: {total:,} bytes"
    else:
        assert base + DIAGRAM_LIBRARY not in urls, f"{path} loads the diagram library"
        assert total < LIMIT, f"{path}: {total:,} bytes"


def test_the_diagram_library_is_linked_only_from_pages_with_a_diagram(
    real_site_dir: Path,
) -> None:
    """Statically, over every page: the script is in a page if and only if it has a diagram
    (without it Material would fetch Mermaid from a CDN; with it, a page without a diagram
    would carry 3.6 MB for nothing)."""
    with_diagram, with_script = set(), set()
    for html in real_site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        rel = html.relative_to(real_site_dir).as_posix()
        if '<pre class="mermaid">' in text:
            with_diagram.add(rel)
        if "mermaid.min.js" in text:
            with_script.add(rel)
    assert "structure.html" in with_diagram
    assert with_script == with_diagram


@pytest.mark.parametrize("how", ["click", "key"])
def test_the_search_index_comes_when_the_reader_reaches_for_search(
    how: str, real_site_dir: Path, serve_site: Callable[[Path], str],
    new_page: Callable[..., Page], settle_page: Callable[[Page], None],
) -> None:
    base = serve_site(real_site_dir)
    page = new_page(width=1280 if how == "click" else 375)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base + "index.html", wait_until="load")
    settle_page(page)
    page.wait_for_timeout(300)
    assert base + SEARCH_INDEX not in requested
    if how == "click":
        page.click(".md-search__input")
    else:  # Material's keyboard shortcut; on a phone the search box is behind a button
        page.keyboard.press("/")
    page.keyboard.type("Reassurance", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    assert base + SEARCH_INDEX in requested
    assert "Reassurance" in page.locator(".md-search-result__list").inner_text()
