"""Long list files read item by item must mean exactly what a whole parse means."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutebook.load import listfile
from minutebook.load.listfile import known_items, parse_list_file, split
from minutebook.load.yamlsrc import Parsed, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
ACTIONS = (ROOT / "actions.yaml").read_text(encoding="utf-8")


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*path, i))
    return out


def _same(whole: Parsed, parts: Parsed) -> None:
    assert parts.data == whole.data
    assert not parts.problems
    for path in _paths(whole.data):
        assert parts.positions.get(path) == whole.positions.get(path), path


def _by_items(text: str, key: str = "actions", known: dict[bytes, Any] | None = None) \
        -> Parsed | None:
    done = parse_list_file(text, key, known or {})
    return None if done is None else done[0]


def test_the_real_actions_file_reads_the_same_item_by_item() -> None:
    parts = _by_items(ACTIONS)
    assert parts is not None
    _same(parse_yaml(ACTIONS), parts)


def test_edited_items_reuse_the_others_wherever_they_moved(monkeypatch: pytest.MonkeyPatch) \
        -> None:
    whole = parse_yaml(ACTIONS)
    digests = listfile.item_digests(ACTIONS, "actions", whole)
    assert digests is not None
    known = known_items(whole.data, whole.positions, "actions", digests)
    cut = split(ACTIONS, "actions")
    assert cut is not None
    assert len(cut.texts) >= 3
    # insert a new item at the top, change the second, and drop the last
    new = cut.texts[0].replace(cut.texts[0].split("\n")[0].split("id: ")[1], "new-1", 1)
    edited = cut.texts[1].replace("status: ", "status:  ", 1)
    text = cut.head + new + cut.texts[0] + edited + "".join(cut.texts[2:-1])
    parsed_items: list[str] = []
    real = listfile.parse_item
    monkeypatch.setattr(listfile, "parse_item",
                        lambda chunk: parsed_items.append(chunk) or real(chunk))
    parts = _by_items(text, known=known)
    assert parts is not None
    assert parsed_items == [new, edited]  # every other item came from the earlier parse
    _same(parse_yaml(text), parts)


@pytest.mark.parametrize("text", [
    "actions: []\n",                                   # no block list
    "actions:\n  - id: a\nother: 1\n",                 # the list does not run to the end
    "actions:\n\t- id: a\n",                            # a tab
    "actions:\n  - id: a\n -x: 1\n",                    # content left of the items
    "version: 1\nactions:\n- id: a\nactions:\n- id: b\n",  # the key twice
    "actions:\n  - id: a\n---\n",                        # a second document
    "# nothing\n",
])
def test_files_of_another_shape_are_parsed_whole(text: str) -> None:
    assert _by_items(text) is None


@pytest.mark.parametrize("text", [
    "actions:\n- &a {id: x}\n- *a\n",                   # anchors and aliases
    "actions:\n  - id: a\n    id: b\n",                 # a duplicate key inside an item
    "actions:\n  - id: 'unterminated\n  - id: b\n",      # a quote running into the next item
    "actions:\n  - [a,\n  - b]\n",                       # a flow list across the cut
    "act: 1\nact: 2\nactions:\n  - id: a\n",            # a problem in the head
])
def test_anything_to_report_means_a_whole_parse(text: str) -> None:
    assert _by_items(text) is None


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
_value = st.one_of(
    _text.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    _text.map(lambda t: "'" + t.replace("'", "''") + "'"),
    st.sampled_from(["plain words", "2026-01-14", "12", "no", "~", "- dash", "#x", "a: b",
                     "|\n      literal\n      - not an item\n", ">-\n      folded\n\n      more\n",
                     "[a, b]", "{x: 1}", "\"multi\n      line\"", "&anchor x"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.lists(st.tuples(st.sampled_from(["id", "note", "due", "x"]), _value),
                               min_size=1, max_size=4), min_size=1, max_size=5),
       indent=st.sampled_from([0, 2, 4]), comments=st.booleans())
def test_item_by_item_is_a_whole_parse_or_declines(items: list[list[tuple[str, str]]],
                                                   indent: int, comments: bool) -> None:
    pad = " " * indent
    lines = ["# generated", "actions:"]
    for item in items:
        for j, (key, value) in enumerate(item):
            lead = f"{pad}- " if j == 0 else f"{pad}  "
            lines.append(f"{lead}{key}: {value}")
        if comments:
            lines.append(f"{pad}  # a comment")
    text = "\n".join(lines) + "\n"
    whole = parse_yaml(text)
    parts = _by_items(text)
    if parts is not None:  # declining is always safe; agreeing must be exact
        assert not whole.problems
        _same(whole, parts)
    elif not whole.problems and split(text, "actions") is not None:
        # it split, and the whole reads cleanly: only an item that cannot stand alone
        # (an anchor, an alias) may make it decline
        assert "&" in text or "*" in text


@pytest.mark.parametrize("text", [
    "actions:\n  - # carried over\n    id: a\n  - id: b\n",
    "actions:\n  -\n\n    id: a\n  - id: b\n",
])
def test_an_item_whose_value_starts_below_its_dash_keeps_its_lines(text: str) -> None:
    whole = parse_yaml(text)
    parts = _by_items(text)
    if parts is not None:
        _same(whole, parts)
    digests = listfile.item_digests(text, "actions", whole)
    assert digests is not None
    assert digests[0] == b""  # never reused: its line would be wrong
    known = known_items(whole.data, whole.positions, "actions", digests)
    edited = text.replace("id: b", "id: c")
    again = _by_items(edited, known=known)
    if again is not None:
        _same(parse_yaml(edited), again)


def test_a_directive_in_the_head_means_a_whole_parse() -> None:
    text = "%TAG !! tag:example.com,2000:\n---\nactions:\n  - id: !!int 5\n"
    assert _by_items(text) is None


# ---------------------------------------------------------------- a first parse in pieces


def _by_pieces(text: str, count: int, key: str = "actions") \
        -> tuple[Parsed, list[bytes]] | None:
    """What the worker processes and their parent make of a list file cut in pieces."""
    cut = split(text, key)
    if cut is None:
        return None
    pieces = listfile.plan_pieces(cut, count)
    assert [a for a, _b, _t in pieces] == sorted({a for a, _b, _t in pieces})
    return listfile.assemble_pieces(cut, [(a, b, listfile.parse_piece(t))
                                          for a, b, t in pieces])


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_the_real_actions_file_reads_the_same_in_pieces(count: int) -> None:
    done = _by_pieces(ACTIONS, count)
    assert done is not None
    whole = parse_yaml(ACTIONS)
    _same(whole, done[0])
    assert done[1] == listfile.item_digests(ACTIONS, "actions", whole)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(st.lists(st.tuples(st.sampled_from(["id", "note", "due", "x"]), _value),
                               min_size=1, max_size=4), min_size=1, max_size=6),
       indent=st.sampled_from([0, 2]), below=st.booleans(), count=st.integers(1, 4))
def test_pieces_are_a_whole_parse_or_decline(items: list[list[tuple[str, str]]], indent: int,
                                             below: bool, count: int) -> None:
    pad = " " * indent
    lines = ["actions:"]
    for i, item in enumerate(items):
        for j, (key, value) in enumerate(item):
            if j == 0 and below and i % 2:  # the value starts below its dash
                lines.append(f"{pad}-")
            lead = f"{pad}- " if j == 0 and not (below and i % 2) else f"{pad}  "
            lines.append(f"{lead}{key}: {value}")
    text = "\n".join(lines) + "\n"
    whole = parse_yaml(text)
    done = _by_pieces(text, count)
    if done is not None:  # declining is always safe; agreeing must be exact
        assert not whole.problems
        _same(whole, done[0])
        assert done[1] == listfile.item_digests(text, "actions", whole)
    elif not whole.problems and split(text, "actions") is not None:
        assert "&" in text or "*" in text


def test_a_piece_with_a_problem_declines_the_whole_file() -> None:
    text = "actions:\n- id: a\n- id: b\n  id: c\n- id: d\n- id: e\n"
    assert _by_pieces(text, 1) is None
    assert _by_pieces(text, 3) is None
