"""The likely cause of a YAML syntax error, in an editor's words (load/mistakes.py).

The corpus (tests/bad_inputs) checks the messages end to end; these check the line
analysis on its own: which mistake is named for which layout, and that a valid file
never pays for it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.load import mistakes, yamlsrc
from minutebook.load.yamlsrc import parse_yaml

ATTENDANCE = "date: 2026-01-14\nattendance:\n  la: present\n{line}\n  vcs: present\n"


def _one(text: str, *, front_matter: bool = False) -> tuple[int, int, str, str]:
    parsed = parse_yaml(text, line_offset=1 if front_matter else 0, front_matter=front_matter)
    assert len(parsed.problems) == 1, parsed.problems
    p = parsed.problems[0]
    return p.line, p.column, p.message, p.hint


@pytest.mark.parametrize(("line", "where", "message", "fix"), [
    ("   pol: present", (4, 4), "line 4 is indented by 3 spaces but the lines around it by 2",
     "line it up with line 3 (la), 2 spaces from the left"),
    (" pol: present", (4, 2), "line 4 is indented by 1 space but the lines around it by 2",
     "line it up with line 3 (la), 2 spaces from the left"),
])
def test_a_key_out_of_line_with_its_neighbours(line: str, where: tuple[int, int],
                                               message: str, fix: str) -> None:
    found = _one(ATTENDANCE.format(line=line))
    assert found[:3] == (*where, message)
    assert found[3].startswith(fix)
    assert "quote" not in found[3]


def test_a_top_level_key_indented_by_a_space_lines_up_with_the_margin() -> None:
    assert _one("date: 2026-01-14\n status: held\nchair: la\n")[2:] == (
        "line 2 is indented by 1 space but the lines around it by 0",
        ("line it up with line 1 (date), at the left margin: YAML reads the indentation as "
        "the structure, so lines that belong together start in the same column"))


def test_between_two_levels_the_next_line_decides() -> None:
    """' chair: la' between 'attendance' (0) and its seats (2): the line after it is at 0."""
    line, _col, message, hint = _one("attendance:\n  la: present\n chair: la\nstatus: held\n")
    assert (line, message) == (3, "line 3 is indented by 1 space but the lines around it by 0")
    assert hint.startswith("line it up with line 1 (attendance), at the left margin")


@pytest.mark.parametrize(("text", "message", "fix"), [
    ("decisions:\n  - id: d1\n    text: A\n - id: d2\n    text: B\n",
     "line 4 is indented by 1 space but the list items around it by 2",
     "line its '-' up with the '-' on line 2, 2 spaces from the left"),
    ("decisions:\n  - id: d1\n    text: A\n   - id: d2\n",
     "line 4 is indented by 3 spaces but the list items around it by 2",
     "line its '-' up with the '-' on line 2, 2 spaces from the left"),
    ("actions:\n  - id: a1\n    body: g\n  due: 2026-02-01\n",
     "line 4 is indented by 2 spaces but the lines around it by 4",
     "line it up with line 3 (body), 4 spaces from the left"),
    ("actions:\n  - id: a1\n    body: g\n     due: 2026-02-01\n",
     "line 4 is indented by 5 spaces but the lines around it by 4",
     "line it up with line 3 (body), 4 spaces from the left"),
])
def test_list_items_and_their_fields(text: str, message: str, fix: str) -> None:
    _line, _col, said, hint = _one(text)
    assert said == message
    assert hint.startswith(fix)


def test_quoting_advice_only_when_the_value_has_a_colon() -> None:
    assert _one("chair: la\nlocation: Room 2: Westfields\n") == (
        2, 17, ("the value of 'location' contains ': ', which YAML reads as the start of "
        "another field"), 'put the whole value in quotes: location: "Room 2: Westfields"')
    for text in (ATTENDANCE.format(line="   pol: present"), "date: 2026-01-14\n status: held\n"):
        assert "quotes" not in _one(text)[3]


def test_a_quote_in_the_value_is_escaped_in_the_advice() -> None:
    assert _one('title: Item 2: the "plan"\n')[3] == (
        'put the whole value in quotes: title: "Item 2: the \\"plan\\""')


def test_a_missing_colon_is_named_on_its_own_line() -> None:
    assert _one("date: 2026-01-14\nchair la\nstatus: held\n") == (
        2, 1, "line 2 has no ':' between 'chair' and its value", "write it as chair: la")
    # inside a block, YAML reads on into the next line and fails there
    assert _one("attendance:\n  la present\n  pol: present\n") == (
        2, 3, "line 2 has no ':' between 'la' and its value", "write it as la: present")


@pytest.mark.parametrize("prose", [
    "The chair welcomed everyone and apologies were noted.",
    "Noted.",
    "The meeting opened at 10:30",
    "  Apologies were received from the police",
])
def test_prose_in_front_matter(prose: str) -> None:
    text = f"date: 2026-01-14\nattendance:\n  la: present\n{prose}\n"
    line, _col, message, hint = _one(text, front_matter=True)
    assert (line, message) == (5, ("line 5 looks like the minutes' text inside the front "
                                  "matter (the details between the '---' lines)"))
    assert hint.startswith("move it below the closing --- (line 6)")


def test_prose_outside_front_matter_is_not_called_minutes() -> None:
    message = _one("date: 2026-01-14\nThe chair welcomed everyone.\n")[2]
    assert "minutes" not in message


def test_curly_quotes_around_a_value_with_a_colon() -> None:
    assert _one("location: \u201cRoom 2: Westfields\u201d\n") == (
        1, 11, ("this line uses curly quotes (\u201c \u201d) in 'location', which YAML reads "
        "as part of the text"), ('replace them with straight quotes ("), as in: '
        'location: "Room 2: Westfields"'))


def test_a_layout_it_cannot_explain_keeps_the_parsers_words() -> None:
    line, _col, message, hint = _one("a: [1, 2\nb: 3\n")
    assert message.startswith("the YAML cannot be read: ")
    assert hint == "check the indentation and punctuation on this line and the one before it"
    assert line >= 1


def test_valid_files_never_reach_the_explanations(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[Any] = []
    monkeypatch.setattr(yamlsrc, "explain", lambda *a: called.append(a))
    monkeypatch.setattr(mistakes, "shape", lambda *a: called.append(a))
    for text in ("date: 2026-01-14\nattendance:\n  la: present\n",
                 "actions:\n  - id: a1\n    owner: {seat: pol}\n",
                 "location: \u201cRoom 2\u201d\nnotes: Children\u2019s services\n"):
        assert parse_yaml(text, front_matter=True).problems == []
    assert called == []


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from([
    "date: 2026-01-14", "attendance:", "  la: present", "   la2: present", " pol: present",
    "- id: a", "  - id: b", "    body: g", "   due: x", "chair la", "Noted.",
    "location: \u201cRoom: 2\u201d", "  \u2018x\u2019: y", "title: a: b", "", "# note",
    "  - ", "-", "text: |", "    free text", "? key", ":", "- - x", "  {a: b", "\u201d:"]),
    min_size=1, max_size=12), st.booleans())
def test_any_layout_gives_words_never_a_traceback(lines: list[str], front: bool) -> None:
    parsed = parse_yaml("\n".join(lines) + "\n", line_offset=1 if front else 0,
                        front_matter=front)
    for p in parsed.problems:
        assert p.message
        assert p.hint
        assert p.line >= 1
        assert p.column >= 1


def test_an_apostrophe_is_not_taken_for_curly_quotes(repo: MiniRepo) -> None:
    """'Children\u2019s' is a word with an apostrophe, not a quoted value."""
    repo.meeting("2026-01-14", attendance={"la": "present", "children\u2019s-lead": "present"})
    messages = [f.message for f in repo.check().findings if f.category == "schema"]
    assert messages == ["'children\u2019s-lead' under 'attendance' is not written as an id"]


def test_curly_quotes_in_a_seat_id_are_named(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", attendance={"la": "present", "\u201cpol\u201d": "present"})
    found = [f for f in repo.check().findings if f.category == "schema"]
    assert [(f.code, f.message, f.hint) for f in found] == [(
        "SC003", ("this line uses curly quotes (\u201c \u201d) in the name '\u201cpol\u201d', "
        "which YAML reads as part of the name"),
        'replace them with straight quotes (") or remove them, as in: pol: present')]


def test_text_above_the_closing_line_of_a_tor_is_the_documents_text(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    tor = next((repo.root / "governance" / "tor" / "group").glob("*.md"))
    head, rest = tor.read_text(encoding="utf-8").split("\n---\n", 1)
    tor.write_text(f"{head}\nThis document sets out how the group works.\n---\n{rest}",
                   encoding="utf-8")
    closing = head.count("\n") + 3
    found = [f for f in check(repo.root, date(2026, 6, 1)).findings if f.code == "LD001"]
    assert [(f.line, f.message, f.hint.split(";")[0]) for f in found] == [(
        closing - 1, (f"line {closing - 1} looks like the document's text inside the front "
        "matter (the details between the '---' lines)"),
        f"move it below the closing --- (line {closing})")]
