"""MN004: minutes whose Markdown will not show as the editor meant (pasted from Word).

Each failing case is also rendered with the site's Markdown (Python-Markdown with
mkdocs.yml's block extensions), to show the rule warns exactly where the page loses the
table or the list; each passing case renders as the table or list it looks like.
"""

from __future__ import annotations

import markdown
import pytest

from minirepo import MiniRepo, minutes, where
from minutebook.rules.markdown_form import problems

DAY = "2026-01-14"
MEETING = f"meetings/group/{DAY}.md"
EXTENSIONS = ["attr_list", "tables", "def_list", "md_in_html", "pymdownx.superfences"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def found(repo: MiniRepo) -> list[tuple[int, str, str]]:
    return [(f.line, f.message, f.hint) for f in repo.rule_findings("MN004")]


def test_mn004_fail_table_without_its_header_line(repo: MiniRepo) -> None:
    table = "| Action | Owner |\n| Circulate the report | Police |\n| Book the room | Council |"
    minutes(repo, "Actions:\n\n" + table)
    repo.write()
    line, _ = where(repo, MEETING, "| Action")
    findings = repo.rule_findings("MN004")
    assert [(f.file, f.line, f.column, f.message, f.hint, f.severity, f.kind)
            for f in findings] == [
        (MEETING, line, 1, (f"line {line}: a table without its header line (lines {line} to "
         f"{line + 2}) shows as plain text, not a table"),
         ("add a line like | --- | --- | under the table's first row, with one --- for each "
         "column (and a blank line before the table)"), "warning", "record")]
    assert "<table>" not in render(table)


def test_mn004_fail_table_straight_after_text(repo: MiniRepo) -> None:
    text = "Actions:\n| Action | Owner |\n| --- | --- |\n| Circulate | Police |"
    minutes(repo, text)
    repo.write()
    line, _ = where(repo, MEETING, "| Action")
    assert found(repo) == [(line, (f"line {line}: a table straight after a line of text shows "
                            "as plain text, not a table"), "leave a blank line before the table")]
    assert "<table>" not in render(text)


@pytest.mark.parametrize("mark", ["•", "·", "◦"])
def test_mn004_fail_bullets_typed_as_characters(repo: MiniRepo, mark: str) -> None:
    text = f"Key points:\n\n{mark} Knife crime has risen.\n{mark} Places are full.\n\n{mark} One more."
    minutes(repo, text)
    repo.write()
    line, _ = where(repo, MEETING, mark)
    assert found(repo) == [(line, (f"line {line}: 3 lines start with a '{mark}' typed as text, "
                            "which shows as run-on paragraphs, not a list"),
                            (f"start each item with '- ' (a hyphen and a space) instead of "
                            f"'{mark}', with a blank line before the list"))]
    assert "<li>" not in render(text)


@pytest.mark.parametrize("mark", ["1)", "(1)", "a)", "(a)"])
def test_mn004_fail_items_numbered_with_a_bracket(repo: MiniRepo, mark: str) -> None:
    second = mark.replace("1", "2").replace("a", "b")
    text = f"The group agreed:\n\n{mark} to publish the report;\n{second} to ask for funding."
    minutes(repo, text)
    repo.write()
    line, _ = where(repo, MEETING, f"{mark} to publish")
    assert found(repo) == [(line, (f"line {line}: 2 items numbered like '{mark}' show as text, "
                            "not a numbered list"),
                            ("number the items '1.', '2.' (a number and a full stop, then a "
                            "space), with a blank line before the list"))]
    assert "<li>" not in render(text)


@pytest.mark.parametrize("item", ["- one", "* one", "1. one"])
def test_mn004_fail_list_straight_after_text(repo: MiniRepo, item: str) -> None:
    text = f"The group agreed:\n{item}\n{item.replace('one', 'two')}"
    minutes(repo, text)
    repo.write()
    line, _ = where(repo, MEETING, item)
    assert found(repo) == [(line, (f"line {line}: a list straight after a line of text shows "
                            "as part of that paragraph, not a list"),
                            "leave a blank line before the list")]
    assert "<li>" not in render(text)


def test_mn004_fail_each_run_once_in_order(repo: MiniRepo) -> None:
    minutes(repo, "• a\n• b\n\n| x | y |\n| 1 | 2 |\n\n1) c")
    repo.write()
    bullet, table, item = (where(repo, MEETING, s)[0] for s in ("• a", "| x", "1) c"))
    assert repo.rule_messages("MN004") == [
        (f"line {bullet}: 2 lines start with a '•' typed as text, which shows as run-on "
        "paragraphs, not a list"),
        (f"line {table}: a table without its header line (lines {table} to {table + 1}) shows "
        "as plain text, not a table"),
        f"line {item}: an item numbered like '1)' shows as text, not a numbered list"]


GOOD = [
    "Actions:\n\n| Action | Owner |\n| --- | --- |\n| Circulate | Police |",
    "| Action | Owner |\n|:---|---:|\n| Circulate | Police |",
    "Key points:\n\n- Knife crime has risen.\n- Places are full:\n    - in Crewe.",
    "The group agreed:\n\n1. to publish;\n2. to ask.",
    "## Item\n- straight after a heading is a list",
    "- a list item\nwith a lazy continuation line\n- and another",
]


@pytest.mark.parametrize("text", GOOD)
def test_mn004_pass_markdown_that_shows_as_written(repo: MiniRepo, text: str) -> None:
    minutes(repo, text)
    assert found(repo) == []
    html = render(text)
    assert "<table>" in html or "<li>" in html


def test_mn004_pass_code_comments_and_prose(repo: MiniRepo) -> None:
    minutes(repo, "```\n| a | b |\n| c | d |\n• e\n```\n\n<!-- • pasted\n1) note -->\n\n"
            "The vote was 5 for (1) against.\nA line | with a pipe | in prose.\n\n"
            "The price rose 5% to £3 · per unit.")
    assert found(repo) == []


def test_mn004_pass_what_the_import_writes() -> None:
    # the Markdown `minutebook import minutes` writes (see tests/test_import_minutes.py)
    text = ("## One\n\n- a\n    - a1\n\n<!-- -->\n\n1. b\n\n| x\\|y | p1 p2 |\n"
            "| --- | --- |\n")
    assert list(problems(text)) == []
