"""HT: raw HTML and script links in editor-written text; template syntax stays text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from minirepo import MiniRepo, minutes, where
from minutebook.rules.content_safety import refused_scheme

DAY = "2026-01-14"
MEETING = f"meetings/group/{DAY}.md"
ROOT = Path(__file__).resolve().parents[2]


def located(repo: MiniRepo) -> list[tuple[str, int, int, str]]:
    return [(f.file, f.line, f.column, f.message) for f in repo.rule_findings("HT001")]


def test_ht001_fail_script_element_in_minutes(repo: MiniRepo) -> None:
    minutes(repo, "Noted.\n\n<script src=\"https://example.org/x.js\"></script>")
    repo.write()
    found = repo.rule_findings("HT001")
    assert [(f.file, f.line, f.column, f.message) for f in found] == [
        (MEETING, *where(repo, MEETING, "<script"),
         "raw HTML <script> is not allowed in the minutes")]
    assert found[0].severity == "error"
    assert found[0].hint.startswith("remove the <script> element and write plain Markdown")


@pytest.mark.parametrize("tag", ["iframe", "object", "embed", "style", "form", "IFRAME"])
def test_ht001_fail_refused_elements(repo: MiniRepo, tag: str) -> None:
    minutes(repo, f"Before <{tag} data=\"x\"> after.")
    assert repo.rule_messages("HT001") == [
        f"raw HTML <{tag.lower()}> is not allowed in the minutes"]


def test_ht001_fail_inline_event_handler(repo: MiniRepo) -> None:
    minutes(repo, "A picture: <img src=\"chart.png\"\n   onerror=\"alert(1)\">")
    repo.write()
    assert located(repo) == [(MEETING, *where(repo, MEETING, "onerror"),
                              "an inline event handler (onerror=) is not allowed in the minutes")]


def test_ht001_fail_script_links_in_every_form(repo: MiniRepo) -> None:
    minutes(repo, "See [the report](javascript:alert(1)).\n"
                  "<a href=\"JaVa&#115;cript:alert(1)\">x</a>\n"
                  "<javascript:alert(1)>\n"
                  "![chart](data:text/html;base64,PHNjcmlwdD4=)\n"
                  "[ref]: vbscript:msgbox")
    repo.write()
    assert located(repo) == [
        (MEETING, *where(repo, MEETING, "javascript:alert(1))"),
         "a javascript: link is not allowed in the minutes"),
        (MEETING, *where(repo, MEETING, "JaVa"), "a javascript: link is not allowed in the minutes"),
        (MEETING, *where(repo, MEETING, "javascript:alert(1)>"),
         "a javascript: link is not allowed in the minutes"),
        (MEETING, *where(repo, MEETING, "data:"),
         "a data:text/html link is not allowed in the minutes"),
        (MEETING, *where(repo, MEETING, "vbscript"),
         "a vbscript: link is not allowed in the minutes"),
    ]


def test_ht001_fail_tor_text_and_decision_text(repo: MiniRepo) -> None:
    repo.raw["governance/tor/group/1.1.md"] = (
        "---\ntitle: Terms of Reference\nversion: '1.1'\nstatus: draft\n"
        "in_force_from: '2027-01-01'\nreview: {every: 12 months, last: '2026-01-01'}\n"
        "classification: OFFICIAL\n---\n## Purpose\n\n<style>body{display:none}</style>\n")
    minutes(repo, "Noted.", decisions=[{"id": "d1", "text": "Agreed [the plan](javascript:x)."}])
    repo.write()
    assert located(repo) == [
        ("governance/tor/group/1.1.md", 11, 1, ("raw HTML <style> is not allowed in the text of "
                                               "group 1.1")),
        (MEETING, *where(repo, MEETING, "text: Agreed"),
         "a javascript: link is not allowed in decision 'd1'"),
    ]


def test_ht001_pass_ordinary_markdown_and_the_confidential_marker(repo: MiniRepo) -> None:
    minutes(repo, "See [the report](https://example.org/r.pdf) and <mailto:lscp@example.gov.uk>.\n"
                  "![chart](data:image/png;base64,iVBORw0KGgo=)\n"
                  "<!-- confidential -->\nThe case was discussed.\n<!-- /confidential -->\n"
                  "Line<br>break, <abbr title=\"Multi-Agency\">MASH</abbr>, x < y, online=yes.\n"
                  "JavaScript: the site works without it. The form was returned.\n"
                  "Template text {{ 7 * 7 }} and {% include 'x' %} is shown as written.")
    assert repo.rule_messages("HT001") == []


def test_refused_scheme_sees_through_disguises() -> None:
    assert refused_scheme("javascript:x") == "javascript:"
    assert refused_scheme(" java\tscript:x") == "javascript:"
    assert refused_scheme("&#x6A;avascript&colon;x") == "javascript:"
    assert refused_scheme("DATA:text/html,<p>") == "data:text/html"
    assert refused_scheme("https://example.org/javascript:") is None
    assert refused_scheme("data:image/png;base64,AAAA") is None


# ---------------------------------------------------------------- templates never run


def test_jinja_in_minutes_is_shown_as_text_not_rendered(repo: MiniRepo) -> None:
    from minutebook.site.links import meeting_page
    from minutebook.site.pages import render_site

    minutes(repo, "Total {{ 7 * 7 }}; {% for x in range(3) %}loop{% endfor %}; "
                  "{{ config.site_name }}")
    result = repo.check()
    page = render_site(result).pages[meeting_page("group", date.fromisoformat(DAY))]
    assert "Total {{ 7 * 7 }}; {% for x in range(3) %}loop{% endfor %}; " \
           "{{ config.site_name }}" in page
    assert "Total 49" not in page
    assert "looplooploop" not in page
    # the generated page's front matter cannot opt into the macros plugin
    front = page.split("---\n")[1]
    assert "render_macros" not in front


def test_render_macros_in_front_matter_is_an_unknown_field(repo: MiniRepo) -> None:
    minutes(repo, "{{ 7 * 7 }}", render_macros=True)
    repo.write()
    assert [p for p in repo.problems() if "render_macros" in p] == [
        (f"{MEETING}:{where(repo, MEETING, 'render_macros')[0]} SC001 unknown field "
        "'render_macros'")]


def test_site_macros_render_only_pages_that_opt_in() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*render_by_default:\s*false\s*$", config, re.MULTILINE)


def test_check_stays_fast_on_hostile_text() -> None:
    import time

    from minutebook.rules.content_safety import find

    for text in ("<" + "a" * 50_000, "<a" + " x" * 50_000, "<a" + " '" * 50_000,
                 "<a " * 30_000, "](" * 50_000, "[x]: " * 30_000, "href=" * 30_000):
        started = time.perf_counter()
        find(text)
        assert time.perf_counter() - started < 1.0


def test_clean_files_remember_items_and_whole_files() -> None:
    """What the scans remember between runs: clean files, clean items of a list file, and
    a list file whose items were all clean as a whole; never an item not scanned."""
    from minutebook.rules.textscan import CleanFiles

    memo: dict[bytes, str] = {}
    digests = {"a.md": b"A", "actions.yaml": b"L1"}
    items = {"actions.yaml": [b"i0", b"i1", b"i2"]}
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == frozenset()
    for unit in ("a.md", ("actions.yaml", 0), ("actions.yaml", 1)):  # item 2 was never seen
        clean.scanned(unit)
    clean.found(("actions.yaml", 1))
    clean.save()
    assert memo == {b"A": "k", b"i0": "k"}  # not i1 (a finding), not i2 (not scanned)
    # the list file changes, item 1 loses its finding: now every item is clean
    digests = {"a.md": b"A", "actions.yaml": b"L2"}
    items = {"actions.yaml": [b"i0", b"i1b", b"i2"]}
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == {"a.md", ("actions.yaml", 0)}
    for unit in (("actions.yaml", 1), ("actions.yaml", 2)):
        clean.scanned(unit)
    clean.save()
    assert memo == {b"A": "k", b"i0": "k", b"i1b": "k", b"i2": "k", b"L2": "k"}
    # unchanged: the list file is skipped whole, and its items stay remembered
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == {"a.md", "actions.yaml"}
    clean.save()
    assert memo == {b"A": "k", b"i0": "k", b"i1b": "k", b"i2": "k", b"L2": "k"}
    # another key (e.g. new sensitive terms): nothing is skipped
    assert CleanFiles(memo, digests, items, "other").skip == frozenset()


def test_texts_of_an_action_made_in_code_have_their_file_as_unit(content: Path) -> None:
    import dataclasses
    from datetime import date

    from minutebook.api import check
    from minutebook.model import NOWHERE
    from minutebook.rules.textscan import texts

    ds = check(content, date(2026, 11, 25)).dataset
    assert ds is not None
    ds.actions[0] = dataclasses.replace(ds.actions[0], at=NOWHERE)
    assert any(t.unit == "" for t in texts(ds))
