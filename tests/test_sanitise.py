"""The sanitiser's allow-list: what our pages are made of stays, active content goes."""

from __future__ import annotations

import re

import markdown
import pytest

from minutebook.site.charts import trend_svg
from minutebook.site.html import badge, link, table
from minutebook.site.sanitise import clean_html, markdown_text, plain_text, safe_text


def _closed(html: str) -> str:
    """Self-closed SVG elements as an HTML serialiser writes them."""
    return re.sub(r"<(\w+)([^<>]*)/>", r"<\1\2></\1>", html)


def test_our_own_markup_is_kept_as_it_is() -> None:
    chart = str(trend_svg("chart-m1", "Referrals", "Four quarters", [("Q1", 1), ("Q2", 3.5)],
                          target=2, unit="%"))
    assert clean_html(chart) == _closed(chart)
    tracker = str(table("Actions", ["ID", "Status"], [["a-1", badge("red", "Overdue")]],
                        kind="actions", attrs=' data-sortable="true"',
                        row_classes=["mb-overdue"]))
    assert clean_html(tracker) == tracker
    for fragment in (
        ('<h2 id="purpose">Purpose<a class="headerlink" href="#purpose" '
        'title="Permanent link to this section">¶</a></h2>'),
        '<div class="admonition note"><p class="admonition-title">Restricted</p></div>',
        '<details><summary>History (2)</summary><ul><li>'
        + str(link("../meetings/g/2026-01-14.html", "14 January 2026")) + "</li></ul></details>",
        '<pre class="mermaid"><code>flowchart BT\n    b_a --&gt; b_b</code></pre>',
        ('<div class="mb-filters" hidden=""><label>Body <select data-filter="body">'
        '<option value="">All bodies</option><option value="lscp">LSCP</option></select>'
        '</label></div>'),
        ('<table><tbody><tr class="mb-overdue" data-body="lscp" data-owner="Inspector, Police" '
        'data-organisation="police" data-status="open overdue"><td>a</td></tr></tbody></table>'),
        ('<p><a href="mailto:lscp@example.gov.uk">e-mail</a> <a href="https://x.org/r.pdf">'
        'report</a> <img src="../assets/chart.png" alt="chart"></p>'),
        ('<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre>'
        '</div>'),
        '<span data-sort="2026-01-14">14 January 2026</span>',
        '<table><tbody><tr><th align="left">a</th><td align="right">1</td></tr></tbody></table>',
    ):
        assert clean_html(fragment) == fragment


@pytest.mark.parametrize(("dirty", "clean"), [
    ('<p onclick="x" style="color:red">Hi</p>', "<p>Hi</p>"),
    ('<table><tr><td align="javascript:x">1</td></tr></table>',
     "<table><tbody><tr><td>1</td></tr></tbody></table>"),
    ("<script>alert(1)</script><style>p{}</style>ok", "ok"),
    ('<a href="java\nscript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="vbscript:x">x</a><a href="data:text/html,x">y</a>', "<a>x</a><a>y</a>"),
    ('<img src="https://x.org/p.png"><img src="//x.org/p.png"><img src="/\\x.org/p.png">',
     "<img><img><img>"),
    ('<img src="data:image/png;base64,AAAA">', "<img>"),
    ('<iframe src="x"></iframe><object data="x"></object><embed src="x">', ""),
    ('<form action="https://x.org"><input name="p"></form>', ""),
    ("<!-- a note --><p>t</p>", "<p>t</p>"),
    ('<div id="__config" data-md-component="search">x</div>', "<div>x</div>"),
    ('<svg><animate attributeName="href" values="javascript:x"/><use href="#a"/></svg>',
     "<svg></svg>"),
    ('<svg><path d="M0,0" fill="url(https://x.org/a#b)"/></svg>',
     '<svg><path d="M0,0"></path></svg>'),
    ('<details title=">" open ontoggle=alert(1)>x</details>',
     '<details title="&gt;" open="">x</details>'),
])
def test_active_content_is_removed(dirty: str, clean: str) -> None:
    assert clean_html(dirty) == clean


def test_text_for_the_theme_is_text_in_any_place() -> None:
    assert safe_text('A & B <img src=x onerror=alert(1)> "q" \'s\'') == \
        "A &amp; B  &quot;q&quot; &#x27;s&#x27;"


def test_open_data_text_is_markdown_made_inert() -> None:
    assert markdown_text("Noted. <!-- note -->\n<script>x</script> <https://x.org>") == \
        "Noted. \n&lt;script>x&lt;/script> <https://x.org>"
    assert markdown_text("[a](javascript:x) [b](https://x.org) [c](page.md)") == \
        "[a](unsafe:javascript:x) [b](https://x.org) [c](page.md)"
    assert markdown_text("> [r]:\n> java&#115;cript:x") == "> [r]:\n> unsafe:java&#115;cript:x"
    assert markdown_text("x < y and a > b, 5 <= 6") == "x < y and a > b, 5 <= 6"
    assert markdown_text("unclosed <!-- comment\nto the end") == "unclosed "


@pytest.mark.parametrize("text", [
    "- [r]: javascript:alert(1)\n\n[x][r]",        # a definition in a list item
    "1. [r]: javascript:alert(1)\n\n[x][r]",
    "> - [r]: javascript:alert(1)\n\n[x][r]",
    "- a\n\n    [r]: javascript:alert(1)\n\n[x][r]",  # in the item's continuation
    "[x](< javascript:alert(1)>)",                   # spaces inside <...> are skipped
    "[x](<\tjavascript:alert(1)>)",
])
def test_open_data_links_in_lists_and_brackets_are_inert(text: str) -> None:
    html = markdown.markdown(markdown_text(text))
    assert "javascript" in html
    assert 'href="javascript' not in html


def test_calendar_text_is_plain() -> None:
    assert plain_text("Room <b>1</b> <!-- x --> <img src=x onerror=y") == \
        "Room 1  img src=x onerror=y"
    assert plain_text('<<SCRIPT>alert("x");//\\<</SCRIPT>') == 'alert("x");//\\<'
    assert plain_text("Council offices, 1 < 2") == "Council offices, 1 < 2"
