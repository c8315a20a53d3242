"""Words, not codes, on the partners' pages of the published site (issue 18, item 2).

Partners' pages are every page but the findings page and the editors', reference and rule
documents (and the two documents about how the site itself is made and checked). Outside
their folded "For editors" sections (``details.mb-editors``) they show no rule code, no
ISO date, no period label such as 2026-Q3 or 2026-09; each organisation is named by one
short name (its full name on its own page); and no post repeats its organisation's name.
Machine-readable values (``<time datetime>``, data attributes, open data) are not text and
are not judged.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.slow

# not partners' pages: the findings page and the documents for editors and maintainers
NOT_FOR_PARTNERS = ("findings.html", "404.html", "editors/", "admin/", "reference/", "rules/",
                    "search/", "contributing.html", "cookbook.html", "publishing-safely.html",
                    # for maintainers: upgrading, building with another engine, starting a partnership
                    "upgrading.html", "other-site-engines.html", "start-a-partnership.html",
                    # how the site is measured, and the planted findings with their codes
                    "performance.html", "illustrative-content.html")

RULE_CODE = re.compile(r"\b[A-Z]{2}\d{3}\b")
ISO_DATE = re.compile(r"\b(?:19|20|21)\d\d-\d\d-\d\d\b")
QUARTER = re.compile(r"\b20\d\d-Q[1-4]\b")
# (not the name of the JSON Schema edition the open data follows, 'draft 2020-12')
MONTH = re.compile(r"(?<![\w-])(?<!draft )(20\d\d)-(0[1-9]|1[0-2])(?![\w-])")

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})
# chrome repeated on every page (its titles are judged on their own pages) and code
_CHROME = frozenset({"script", "style", "nav", "header", "footer"})
# elements whose text is read as a segment of its own
_SEGMENTS = frozenset({"td", "th", "li", "p", "h1", "h2", "h3", "h4", "caption", "summary",
                       "dt", "dd", "title", "option", "label", "text", "figcaption"})


class _Text(HTMLParser):
    """The visible text of a page outside its folded editors' sections, as segments: one
    per table cell, list item, heading or paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.hidden = 0
        self.segments: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text) of links shown
        self._href: str | None = None
        self._link_text: list[str] = []
        self._current: list[str] = []

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if text:
            self.segments.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SEGMENTS or tag in ("br", "tr"):
            self._flush()
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        hide = tag in _CHROME or "mb-editors" in classes or "md-sidebar" in classes
        self.stack.append((tag, hide))
        self.hidden += hide
        if tag == "a" and not self.hidden:
            self._href, self._link_text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "a" and self._href is not None:
            self.links.append((self._href, re.sub(r"\s+", " ", "".join(self._link_text))
                               .strip()))
            self._href = None
        while self.stack:
            name, hide = self.stack.pop()
            self.hidden -= hide
            if name == tag:
                break
        if tag in _SEGMENTS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._current.append(data)
            if self._href is not None:
                self._link_text.append(data)


def read(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser._flush()
    return parser


def partners_pages(site: Path) -> dict[str, _Text]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(NOT_FOR_PARTNERS):
            pages[rel] = read(path)
    return pages


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, _Text]:
    found = partners_pages(built_site)
    assert len(found) > 50
    assert "bodies/cs-steering-group.html" in found
    return found


def _month_label(segment: str) -> list[str]:
    """'2026-09' as a month; not a year from April such as 2026-27."""
    return [m[0] for m in MONTH.finditer(segment) if int(m[2]) != (int(m[1]) + 1) % 100]


def test_no_rule_code_iso_date_or_period_label_on_a_partners_page(
        pages: dict[str, _Text]) -> None:
    shown: list[str] = []
    for rel, page in pages.items():
        for segment in page.segments:
            for pattern, what in ((RULE_CODE, "rule code"), (ISO_DATE, "ISO date"),
                                  (QUARTER, "quarter label")):
                shown += [f"{rel}: {what} {m[0]!r} in {segment[:160]!r}"
                          for m in pattern.finditer(segment)]
            if not ISO_DATE.search(segment):
                shown += [f"{rel}: month label {m!r} in {segment[:160]!r}"
                          for m in _month_label(segment)]
    assert not shown, f"{len(shown)} codes on partners' pages:\n" + "\n".join(shown[:40])


def test_the_editors_findings_are_folded_on_a_body_page(built_site: Path) -> None:
    html = (built_site / "bodies/cs-steering-group.html").read_text(encoding="utf-8")
    folded = html[html.index('class="mb-editors"'):]
    assert "AC001" in folded
    assert "How to fix" in folded
    assert "<details" in html[:html.index('class="mb-editors"') + 30][-60:]


def test_a_body_page_opens_with_what_needs_attention_each_item_linked(
        built_site: Path) -> None:
    page = read(built_site / "bodies/cs-steering-group.html")
    segments = page.segments
    start = segments.index("What needs attention¶")
    about = segments.index("About this body¶")
    assert start < about, segments[:6]
    assert start <= 3, segments[:6]
    items = segments[start + 1:about]
    assert len(items) >= 5, items
    # each item leads with a link to where on the page, or which meeting, it concerns
    html = (built_site / "bodies/cs-steering-group.html").read_text(encoding="utf-8")
    section = html[html.index('id="what-needs-attention"'):html.index('id="about-this-body"')]
    lis = re.findall(r"<li[^>]*>(.*?)</li>", section, re.DOTALL)
    assert lis
    assert all(li.lstrip().startswith("<a href=") for li in lis), lis
    assert "../meetings/cs-steering-group/2026-08-12.html" in section
    assert "#open-actions" in section
    assert "../scorecard/cs-steering-group.html" in section
    # in words: the body by its name, periods as months
    text = " ".join(items)
    assert "review of cs-steering-group" not in text
    assert "Jul–Sep 2026" in text
    assert "August 2026" in text


def test_the_findings_page_is_not_in_the_partners_navigation(built_site: Path) -> None:
    for page in ("index.html", "bodies/cs-steering-group.html", "findings.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert 'class="md-nav__link' in html
        assert not re.search(r'<a href="[./]*findings\.html"[^>]*class="md-nav__link', html)
    # still built, and reached from the editors' documents and sections
    contributing = (built_site / "contributing.html").read_text(encoding="utf-8")
    article = contributing[contributing.index("<article"):contributing.index("</article>")]
    assert 'href="findings.html"' in article
    body = (built_site / "bodies/cs-steering-group.html").read_text(encoding="utf-8")
    assert "findings.html" in body[body.index('class="mb-editors"'):]


def _organisations() -> list[dict[str, str]]:
    data = yaml.safe_load((ROOT / "governance/organisations.yaml").read_text("utf-8"))
    return data["organisations"]


def test_each_organisation_is_named_by_one_short_name(pages: dict[str, _Text]) -> None:
    orgs = _organisations()
    short = {o["id"]: o.get("short_name") or o["name"] for o in orgs}
    # names that are also a partnership's or a body's name are not the organisation's
    others = {p["name"] for p in yaml.safe_load(
        (ROOT / "governance/partnerships.yaml").read_text("utf-8"))["partnerships"]}
    wrong: list[str] = []
    for rel, page in pages.items():
        for target, text in page.links:
            m = re.search(r"organisations/([a-z0-9-]+)\.html$", target)
            if m and m[1] in short and text != short[m[1]]:
                wrong.append(f"{rel}: link to {m[1]} reads {text!r}, not {short[m[1]]!r}")
        own = rel.removeprefix("organisations/").removesuffix(".html")
        for o in orgs:
            full = o["name"]
            if full == short[o["id"]] or full in others or own == o["id"]:
                continue
            wrong += [f"{rel}: full name {full!r} in {s[:120]!r}" for s in page.segments
                      if full in s and short[o["id"]] not in s]
    assert not wrong, "\n".join(wrong[:40])


def test_an_organisation_page_gives_its_full_name(built_site: Path) -> None:
    page = read(built_site / "organisations/cheshire-police.html")
    assert "Cheshire Police¶" in page.segments or "Cheshire Police" in page.segments
    assert any("Cheshire Constabulary" in s for s in page.segments)


def test_no_post_repeats_its_organisation(pages: dict[str, _Text]) -> None:
    labels = sorted({o.get("short_name") or o["name"] for o in _organisations()}, key=len,
                    reverse=True)
    twice = []
    for rel, page in pages.items():
        for segment in page.segments:
            for part in re.split(r"[;·()]", segment):
                for label in labels:
                    if re.search(re.escape(label) + r"\W+" + re.escape(label), part):
                        twice.append(f"{rel}: {label!r} twice in {part.strip()[:140]!r}")
    assert not twice, "\n".join(twice[:40])
