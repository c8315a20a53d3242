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
                  "![chart](../../docs/assets/chart.png)\n"
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
    k = CleanFiles({}, {}, {}, "k").key  # "k" and the scanners' version
    digests = {"a.md": b"A", "actions.yaml": b"L1"}
    items = {"actions.yaml": [b"i0", b"i1", b"i2"]}
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == frozenset()
    for unit in ("a.md", ("actions.yaml", 0), ("actions.yaml", 1)):  # item 2 was never seen
        clean.scanned(unit)
    clean.found(("actions.yaml", 1))
    clean.save()
    assert memo == {b"A": k, b"i0": k}  # not i1 (a finding), not i2 (not scanned)
    # the list file changes, item 1 loses its finding: now every item is clean
    digests = {"a.md": b"A", "actions.yaml": b"L2"}
    items = {"actions.yaml": [b"i0", b"i1b", b"i2"]}
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == {"a.md", ("actions.yaml", 0)}
    for unit in (("actions.yaml", 1), ("actions.yaml", 2)):
        clean.scanned(unit)
    clean.save()
    assert memo == {b"A": k, b"i0": k, b"i1b": k, b"i2": k, b"L2": k}
    # unchanged: the list file is skipped whole, and its items stay remembered
    clean = CleanFiles(memo, digests, items, "k")
    assert clean.skip == {"a.md", "actions.yaml"}
    clean.save()
    assert memo == {b"A": k, b"i0": k, b"i1b": k, b"i2": k, b"L2": k}
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


# ---------------------------------------------------------------- HT001: the bypasses of issue 15


@pytest.mark.parametrize(("text", "needle", "message"), [
    ("A paragraph.\n{: onmouseover=\"alert(1)\" }", "onmouseover",
     "an inline event handler (onmouseover=) is not allowed"),
    ("## Heading {: onclick=\"alert(1)\" }", "onclick",
     "an inline event handler (onclick=) is not allowed"),
    ("<details title=\">\" open ontoggle=alert(1)>x</details>", "ontoggle",
     "an inline event handler (ontoggle=) is not allowed"),
    ("<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></a></svg>",
     "javascript", "a javascript: link is not allowed"),
    ("<svg><animate values=\"https://x.org/;java&#10;script:alert(1)\"/></svg>", "https",
     "a javascript: link is not allowed"),
    ("> See [the report][r].\n>\n> [r]: javascript:alert(1)", "javascript",
     "a javascript: link is not allowed"),
    ("See [the report][r].\n\n[r]:\n  javascript:alert(1)", "javascript",
     "a javascript: link is not allowed"),
    ("<a href=\"java\nscript:alert(1)\">the report</a>", "java\n",
     "a javascript: link is not allowed"),
    ("Text.\n{: style=\"position:fixed;top:0\" }", "style", "a style= attribute is not allowed"),
    ("<span style=\"display:block\">x</span>", "style", "a style= attribute is not allowed"),
    ("<link rel=\"stylesheet\" href=\"https://x.org/a.css\">", "<link",
     "raw HTML <link> is not allowed"),
    ("![tracker](https://x.org/pixel.png)", "https",
     "an image or other resource from another site is not allowed"),
    ("<img src=\"//x.org/pixel.png\">", "//x", 
     "an image or other resource from another site is not allowed"),
    ("<img src=\"ok.png\" srcset=\"https://x.org/a.png 1x\">", "https",
     "an image or other resource from another site is not allowed"),
    ("![chart](data:image/png;base64,iVBORw0KGgo=)", "data:",
     "an image written into the text (a data: address) is not published"),
    # a definition in a list item is a definition too; spaces inside <...> are skipped
    ("- Item.\n- [r]: javascript:alert(1)\n\nSee [the report][r].", "javascript",
     "a javascript: link is not allowed"),
    ("1. Item.\n\n    [r]: javascript:alert(1)\n\n[x][r]", "javascript",
     "a javascript: link is not allowed"),
    ("See [the report](< javascript:alert(1)>).", "javascript",
     "a javascript: link is not allowed"),
])
def test_ht001_fail_the_bypasses_of_issue_15(repo: MiniRepo, text: str, needle: str,
                                            message: str) -> None:
    minutes(repo, text)
    repo.write()
    found = located(repo)
    assert (MEETING, *where(repo, MEETING, needle), f"{message} in the minutes") in found
    # (an SVG <animate> element is refused as well, on its own)
    assert len([f for f in found if "<animate>" not in f[3]]) == 1


def test_ht001_pass_relative_images_and_ordinary_braces(repo: MiniRepo) -> None:
    minutes(repo, "![chart](../docs/assets/chart.png) <img src=\"a/b.png\" alt=\"x\">\n"
                  "A set {1, 2} and {: .note } and {{ x }}; a quoted title=\"on=off\".\n"
                  "[An https link](https://x.org/report.pdf)")
    assert repo.rule_messages("HT001") == []


def test_check_stays_fast_on_hostile_text_for_the_new_patterns() -> None:
    import time

    from minutebook.rules.content_safety import find, marker_problems, mask_code

    for text in ("{" * 50_000, "{:" + " x=" * 30_000, "<a \"" * 30_000, "<a '" * 30_000,
                 "<!--" * 30_000, "<!" * 50_000, "<! confid" * 20_000, "`" * 50_000,
                 "```\n" * 20_000, "> [x]:\n" * 20_000, "!" + "[" * 50_000):
        started = time.perf_counter()
        find(text)
        marker_problems(text, True)
        mask_code(text)
        assert time.perf_counter() - started < 1.0, text[:20]


# ---------------------------------------------------------------- hand-written pages


def test_docs_pages_are_scanned_like_records_but_code_is_left_out(repo: MiniRepo) -> None:
    repo.raw["docs/guide.md"] = (
        "# Guide\n\nWrite `<script>` in words. \n\n```html\n<script>alert(1)</script>\n```\n\n"
        "But <img src=x onerror=alert(1)> is refused.\n")
    repo.write()
    assert [(f.file, f.line, f.column, f.message) for f in repo.rule_findings("HT001")] == [
        ("docs/guide.md", *where(repo, "docs/guide.md", "onerror"),
         "an inline event handler (onerror=) is not allowed in the page")]


def test_docs_pages_are_scanned_for_personal_data(repo: MiniRepo) -> None:
    repo.raw["docs/guide.md"] = "# Guide\n\nCall Jo on 07700 900123 about it.\n"
    repo.write()
    found = [f for f in repo.check().findings if f.category == "personal-data"]
    assert [(f.file, f.line) for f in found] == [("docs/guide.md", 3)]


def test_the_generated_rule_reference_is_not_scanned_unless_edited(tmp_path: Path) -> None:
    from minutebook import docsgen
    from minutebook.docpages import read_docs_pages

    docsgen.write(tmp_path / "docs")
    assert read_docs_pages(tmp_path) == ()
    page = tmp_path / "docs" / "rules" / "content-safety.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>x</script>\n", "utf-8")
    assert [p.file for p in read_docs_pages(tmp_path)] == ["docs/rules/content-safety.md"]


def test_docs_pages_behind_symbolic_links_are_not_read(tmp_path: Path) -> None:
    from minutebook.docpages import read_docs_pages

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret", encoding="utf-8")
    (tmp_path / "repo" / "docs").mkdir(parents=True)
    (tmp_path / "repo" / "docs" / "page.md").write_text("page", encoding="utf-8")
    (tmp_path / "repo" / "docs" / "link.md").symlink_to(outside / "secret.md")
    (tmp_path / "repo" / "docs" / "folder").symlink_to(outside)
    assert [p.file for p in read_docs_pages(tmp_path / "repo")] == ["docs/page.md"]


# ---------------------------------------------------------------- HT002


@pytest.mark.parametrize("front", [
    "---\ntitle: Members\nrender_macros: true\n---\n",
    "---\ntitle: Members\nrender_macros: yes\n---\n",
    "---\ntitle: Members\nrender_macros: 'on'\n---\n",
    "---\nbase: &b {render_macros: true}\ntitle: Members\n<<: *b\n---\n",
    "title: Members\nrender_macros: true\n\n",
])
def test_ht002_fail_a_page_that_turns_templates_on(repo: MiniRepo, front: str) -> None:
    repo.raw["docs/members.md"] = front + "# Members\n\n{{ 7 * 7 }}\n"
    repo.write()
    found = repo.rule_findings("HT002")
    assert [(f.file, f.line, f.message) for f in found] == [
        ("docs/members.md", where(repo, "docs/members.md", "render_macros")[0],
         "the page turns template rendering on by itself (render_macros in its front matter)")]
    assert found[0].severity == "error"
    assert "macros_pages" in found[0].hint


def test_ht002_pass_pages_without_it_or_saying_false(repo: MiniRepo) -> None:
    repo.raw["docs/a.md"] = "---\ntitle: A\nrender_macros: false\n---\n# A\n"
    repo.raw["docs/b.md"] = "# B\n\nrender_macros: true is shown as text here.\n"
    assert repo.rule_messages("HT002") == []


# ---------------------------------------------------------------- HT003


@pytest.mark.parametrize(("marker", "message"), [
    ("<!-- confidental -->", "a comment that looks like a confidential marker but is not one"),
    ("<!-- CONFIDENTAIL -->", "a comment that looks like a confidential marker but is not one"),
    ("<!-- confidential: Child A -->",
     "a comment that looks like a confidential marker but is not one"),
    ("<!-- start of confidential section -->",
     "a comment that looks like a confidential marker but is not one"),
    ("<!-- / confidential -->", "a comment that looks like a confidential marker but is not one"),
    ("<!— confidential —>", "this looks like a confidential marker but is not one"),
    ("<! -- confidential -->", "this looks like a confidential marker but is not one"),
    ("<-- confidential -->", "this looks like a confidential marker but is not one"),
    # as pasted: full-width letters, a soft hyphen, a Cyrillic o (the site honours none)
    ("<!-- \uff23\uff2f\uff2e\uff26\uff29\uff24\uff25\uff2e\uff34\uff29\uff21\uff2c -->",
     "a comment that looks like a confidential marker but is not one"),
    ("<!-- con\u00adfi\u00addential -->",
     "a comment that looks like a confidential marker but is not one"),
    ("<!-- c\u043enfidential -->", "a comment that looks like a confidential marker but is not one"),
    ("<!\u2014 \uff43onfidential \u2014>", "this looks like a confidential marker but is not one"),
])
def test_ht003_fail_a_marker_that_is_not_one(repo: MiniRepo, marker: str, message: str) -> None:
    minutes(repo, f"Noted.\n\n{marker}\nThe case of Child A.\n<!-- /confidential -->\n")
    repo.write()
    found = repo.rule_findings("HT003")
    assert [(f.file, f.line, f.column, f.message) for f in found] == [
        (MEETING, *where(repo, MEETING, marker), f"{message} in the minutes"),
        (MEETING, *where(repo, MEETING, "<!-- /confidential -->"),
         "a closing confidential marker with no opening marker before it in the minutes")]
    assert found[0].severity == "error"


def test_ht003_fail_a_closing_marker_with_no_opening(repo: MiniRepo) -> None:
    minutes(repo, "The case of Child A.\n<!-- /confidential -->\nNoted.")
    assert repo.rule_messages("HT003") == [
        "a closing confidential marker with no opening marker before it in the minutes"]


def test_ht003_fail_a_marker_where_markers_do_not_work(repo: MiniRepo) -> None:
    repo.raw["docs/guide.md"] = ("# Guide\n\n<!-- confidential -->\nHidden?\n"
                                 "<!-- /confidential -->\n")
    minutes(repo, "Noted.", decisions=[{"id": "d1", "text": "<!-- confidential --> agreed"}])
    assert repo.rule_messages("HT003") == [
        "a confidential marker where markers do not work in the page",
        "a confidential marker where markers do not work in the page",
        "a confidential marker where markers do not work in decision 'd1'",
    ]


def test_ht003_pass_the_markers_and_ordinary_comments(repo: MiniRepo) -> None:
    minutes(repo, "<!-- CONFIDENTIAL-->\nThe case.\n<!--/confidential -->\n"
                  "<!--confidential-->\nAnother.\n\n<!-- END NARRATIVE -->\n"
                  "The confidential discussion was minuted <b>separately</b>.")
    repo.raw["docs/guide.md"] = ("# Guide\n\n```markdown\n<!-- confidental -->\n```\n\n"
                                 "Write `<!-- confidential -->` before the section.\n")
    assert repo.rule_messages("HT003") == []


# ---------------------------------------------------------------- HT004


def test_ht004_fail_html_svg_and_xml_files_under_docs(repo: MiniRepo) -> None:
    repo.raw["docs/agenda.html"] = "<script>alert(1)</script>"
    repo.raw["docs/assets/structure.svg"] = "<svg onload='alert(1)'></svg>"
    repo.raw["docs/assets/chart.png.md"] = "# A page\n"
    found = repo.rule_findings("HT004")
    assert [(f.file, f.line, f.severity) for f in found] == [
        ("docs/agenda.html", 1, "error"), ("docs/assets/structure.svg", 1, "error")]
    assert found[0].message.startswith("this file would be published as it is, without the "
                                       "sanitiser")


@pytest.mark.parametrize("name", ["page.xht", "page.XHTM", "feed.rss", "feed.atom",
                                  "maths.mml", "map.kml"])
def test_ht004_fail_other_files_a_browser_renders_as_xhtml_or_xml(repo: MiniRepo,
                                                                   name: str) -> None:
    """Served as application/xhtml+xml or another XML type, where a browser runs an XHTML
    <script> element."""
    repo.raw[f"docs/{name}"] = ('<x xmlns:h="http://www.w3.org/1999/xhtml">'
                                "<h:script>alert(1)</h:script></x>")
    assert [f.file for f in repo.rule_findings("HT004")] == [f"docs/{name}"]


def test_ht004_pass_markdown_pages_pictures_and_scripts_of_the_site(repo: MiniRepo) -> None:
    repo.raw["docs/agenda.md"] = "# Agenda\n"
    repo.raw["docs/assets/extra.yml"] = "a: 1"
    repo.raw["docs/assets/notes.toml"] = "a = 1"
    repo.raw["docs/assets/site.js"] = "console.log(1)"
    repo.raw["docs/assets/logo.png"] = "png"
    assert repo.rule_messages("HT004") == []


def test_ht003_fail_a_misspelt_marker_added_after_a_cached_clean_run(repo: MiniRepo) -> None:
    """HT003 remembers the texts it found nothing in (a warm check reads no clean text
    again), but only by their content: a marker misspelt in a record written after the
    clean run is found."""
    from datetime import date

    from minutebook.api import check

    repo.meeting("2026-01-14")
    root = repo.write()
    first = check(root, date(2026, 6, 1), use_cache=True)
    assert [f for f in first.findings if f.code == "HT003"] == []
    record = root / "meetings/group/2026-01-14.md"
    record.write_text(record.read_text(encoding="utf-8")
                      + "\n<!-- confidental -->\nThe case of Child A.\n<!-- /confidental -->\n",
                      encoding="utf-8")
    second = check(root, date(2026, 6, 1), use_cache=True)
    assert [f.message for f in second.findings if f.code == "HT003"] == [
        "a comment that looks like a confidential marker but is not one in the minutes"] * 2
