"""Positions: the tree of where each value is written, checked against PyYAML's own marks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from minutebook.load.positions import Positions
from minutebook.load.source import split_front_matter
from minutebook.load.yamlsrc import parse_yaml

ROOT = Path(__file__).resolve().parents[1]


def _marks(node: yaml.Node, path: tuple[Any, ...], line: int, col: int,
           out: dict[tuple[Any, ...], tuple[int, int]]) -> None:
    """Every path of a composed document with the line and column minutebook reports:
    the key's for a mapping entry, the node's own for a list item (PyYAML's marks)."""
    out[path] = (line, col)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _marks(value, (*path, key.value), key.start_mark.line + 1,
                   key.start_mark.column + 1, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _marks(item, (*path, i), item.start_mark.line + 1, item.start_mark.column + 1, out)


def _yaml_texts() -> list[tuple[str, str]]:
    files = [ROOT / "actions.yaml", ROOT / "escalations.yaml", ROOT / "minutebook.yaml",
             *sorted((ROOT / "governance").rglob("*.yaml")),
             *sorted((ROOT / "governance" / "tor").rglob("*.md")),
             *sorted((ROOT / "meetings").rglob("*.md"))[:10]]
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            split = split_front_matter(text)
            assert split is not None
            text = "\n" + split[0]  # the front matter starts on line 2
        out.append((path.relative_to(ROOT).as_posix(), text))
    return out


@pytest.mark.parametrize(("name", "text"), _yaml_texts(), ids=lambda v: v if "/" in v or
                         v.endswith(".yaml") else "")
def test_every_position_agrees_with_pyyaml(name: str, text: str) -> None:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    expected: dict[tuple[Any, ...], tuple[int, int]] = {}
    _marks(node, (), node.start_mark.line + 1, node.start_mark.column + 1, expected)
    positions = parse_yaml(text).positions
    assert len(expected) > 3
    for path, where in expected.items():
        assert positions.get(path) == where, path
        assert positions[path] == where


def test_lines_of_children_are_relative_so_a_subtree_can_move() -> None:
    item = (0, 5, {"id": (0, 5), "note": (2, 7)})
    at_line_10 = Positions((1, 1, {"actions": (9, 1, [(0, 3, item[2])])}))
    assert at_line_10[("actions", 0, "note")] == (12, 7)
    moved = Positions((1, 1, {"actions": (19, 1, [(0, 3, item[2])])}))
    assert moved[("actions", 0, "note")] == (22, 7)


def test_a_missing_path_falls_back_to_its_nearest_parent() -> None:
    positions = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n").positions
    assert positions.nearest(("a", "b", 1, "y")) == (4, 7)
    assert positions.nearest(("a", "b", 1, "zzz")) == (4, 7)
    assert positions.nearest(("a", "b", 7)) == (2, 3)
    assert positions.nearest(("a", "b", "not an index")) == (2, 3)
    assert positions.get(("a", "nope")) is None
    assert ("a", "b", 0) in positions
    assert ("a", "c") not in positions
    with pytest.raises(KeyError):
        positions[("a", "c")]


def test_an_empty_parse_has_positions_at_the_top() -> None:
    assert Positions().nearest(("x", 1)) == (1, 1)
    assert Positions().get(()) is None


def test_a_duplicate_key_names_the_first_line_with_relative_lines() -> None:
    parsed = parse_yaml("x:\n  y:\n    a: 1\n    b: 2\n\n    a: 3\n", line_offset=1)
    assert [(p.kind, p.line, p.message) for p in parsed.problems] == [
        ("duplicate-key", 7, "the key 'a' appears twice in the same mapping (first on line 4)")]
