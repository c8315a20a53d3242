"""Long list files (``actions.yaml``) read item by item, reusing the items that did not change.

``actions.yaml`` grows by every action of every body for years: at the scale of a region
it is 10 MB and a third of all the YAML. When an editor changes one action, only that
item's text is new. A file of the common shape::

    # comments
    actions:
      - id: ...
        ...
      - id: ...

is split at the lines that start an item of the list; each item is known by the digest
of its text and its parse is kept, with its positions relative to its first line (see
``positions``), so it can be reused wherever it moves in the file.

The split is used only when it cannot change the meaning: the list must run to the end of
the file, and no line other than an item's start may have content at or left of the
items' indentation (anything else, tabs included, means "parse the whole file"). An item
that does not read cleanly on its own, or a head that does not, also means a whole parse,
so problems are always reported exactly as the whole file's parse reports them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .positions import Node, Positions
from .source import Source, digest, read_text
from .yamlsrc import Parsed, parse_yaml

Item = tuple[Any, Node]  # the item's data, and its node with its line relative to itself


class Split:
    """A list file cut into its head (up to the ``key:`` line) and its items' texts."""

    __slots__ = ("head", "key", "starts", "texts")

    def __init__(self, head: str, key: str, starts: list[int], texts: list[str]) -> None:
        self.head, self.key, self.starts, self.texts = head, key, starts, texts

    def digests(self) -> list[bytes]:
        """What each item's text is known by in the cache."""
        return [digest(chunk.encode("utf-8", "surrogatepass")) for chunk in self.texts]


def _list_node(positions: Positions, key: str) -> Node | None:
    """The node of the top-level ``key``, if it holds a list."""
    root = positions.root
    node = root[2].get(key) if root is not None and len(root) == 3 else None
    return node if node is not None and len(node) == 3 and isinstance(node[2], list) else None


def split(text: str, key: str) -> Split | None:
    """Cut a file of the shape above into head and items, or None if it has another shape.

    (Every pattern on the whole text starts with a literal, which the regular expression
    engine finds fast; a pattern starting with ``^`` is tried at every character.)
    """
    heads = [m for m in re.finditer(rf"{re.escape(key)}:[ \t]*(?:#[^\n]*)?$", text,
                                    re.MULTILINE)
             if m.start() == 0 or text[m.start() - 1] == "\n"]
    if len(heads) != 1:
        return None
    cut = heads[0].end() + 1
    head = text[:cut]
    if re.search(r"^%", head, re.MULTILINE):  # a directive (%TAG...) the items would not see
        return None
    first = re.compile(r"\n( *)-(?=[ \n]|\Z)").search(text, cut - 1)
    if first is None or re.search(r"^[ \t]*[^ \t\n#]", text[cut:first.start() + 1], re.MULTILINE):
        return None
    n = len(first.group(1))
    # a line with content at or left of the items' indentation that does not start an item
    if re.compile(rf"\n(?! {{{n}}}-(?:[ \n]|\Z)) {{0,{n}}}[^ \n#]").search(text, cut - 1):
        return None
    offsets = [m.start() + 1 for m in
               re.compile(rf"\n {{{n}}}-(?=[ \n]|\Z)").finditer(text, first.start())]
    line = head.count("\n") + 1 + text.count("\n", cut, offsets[0])
    starts, texts = [], []
    ends = offsets[1:]
    ends.append(len(text))
    for start, end in zip(offsets, ends, strict=True):
        chunk = text[start:end]
        starts.append(line)
        texts.append(chunk)
        line += chunk.count("\n")
    return Split(head, key, starts, texts)


def parse_item(text: str) -> Item | None:
    """One item's text parsed on its own; None unless it reads cleanly as one list item."""
    parsed = parse_yaml(text)
    root = parsed.positions.root
    if parsed.problems or not isinstance(parsed.data, list) or len(parsed.data) != 1 \
            or root is None or len(root) != 3:
        return None
    node = root[2][0]
    if node[0] != 0:  # e.g. '-' alone on its line: the value starts further down
        return None
    return parsed.data[0], node  # its line: the first of its own text


def assemble(cut: Split, items: list[Item]) -> Parsed | None:
    """The whole file's parse from its head and items; None if the head is not clean."""
    head = parse_yaml(cut.head)
    root = head.positions.root
    if head.problems or not isinstance(head.data, dict) or head.data.get(cut.key, 0) is not None \
            or root is None or len(root) != 3:
        return None
    key_line = root[0] + root[2][cut.key][0]
    # an item's node line is relative to the item's first line (its '-')
    nodes = [(start - key_line + node[0], *node[1:])
             for start, (_data, node) in zip(cut.starts, items, strict=True)]
    children = dict(root[2])
    children[cut.key] = (root[2][cut.key][0], root[2][cut.key][1], nodes)
    head.data[cut.key] = [data for data, _node in items]
    return Parsed(head.data, Positions((root[0], root[1], children)), [])


def plan_pieces(cut: Split, count: int) -> list[tuple[int, int, str]]:
    """The items cut into about ``count`` pieces of similar size, for a first parse spread
    over processes: (first item, item after the last, their text)."""
    target = sum(map(len, cut.texts)) / count
    ranges: list[tuple[int, int]] = []
    first, size = 0, 0
    for i, chunk in enumerate(cut.texts):
        size += len(chunk)
        if size >= target * (len(ranges) + 1) and i + 1 < len(cut.texts):
            ranges.append((first, i + 1))
            first = i + 1
    ranges.append((first, len(cut.texts)))
    return [(a, b, "".join(cut.texts[a:b])) for a, b in ranges]


def parse_piece(text: str) -> tuple[list[Any], list[Node]] | None:
    """Consecutive items parsed together: their data and nodes, each node's line relative
    to the piece's first line; None unless the piece reads cleanly as a list."""
    parsed = parse_yaml(text)
    root = parsed.positions.root
    if parsed.problems or not isinstance(parsed.data, list) or root is None or len(root) != 3:
        return None
    base = root[0] - 1
    return parsed.data, [(base + node[0], *node[1:]) for node in root[2]]


def assemble_pieces(cut: Split, pieces: list[tuple[int, int, Any]]) \
        -> tuple[Parsed, list[bytes]] | None:
    """The whole file's parse from its pieces' parses ((first, after last, parse_piece's
    answer), in order), and its items' digests; None if any piece or the head is not
    clean (parse the whole file instead)."""
    items: list[Item] = []
    digests = cut.digests()
    for first, after, parsed in pieces:
        if parsed is None or len(parsed[0]) != after - first or first != len(items):
            return None
        for i, value, node in zip(range(first, after), *parsed, strict=True):
            below = cut.starts[first] + node[0] - cut.starts[i]  # the value below its '-'
            items.append((value, (below, *node[1:])))
            if below:
                digests[i] = b""  # never reused (see parse_item)
    if len(items) != len(cut.texts):
        return None
    whole = assemble(cut, items)
    return None if whole is None else (whole, digests)


def parse_list_file(text: str, key: str, known: dict[bytes, Item]) \
        -> tuple[Parsed, list[bytes]] | None:
    """Parse a list file reusing ``known`` items (by digest of their text): the parse and
    the digests of its items, or None (parse the whole file instead)."""
    cut = split(text, key)
    if cut is None:
        return None
    items: list[Item] = []
    digests = cut.digests()
    for d, chunk in zip(digests, cut.texts, strict=True):
        item = known.get(d)
        if item is None:
            item = parse_item(chunk)
            if item is None:
                return None
        items.append(item)
    parsed = assemble(cut, items)
    return None if parsed is None else (parsed, digests)


def item_digests(text: str, key: str, parsed: Parsed) -> list[bytes] | None:
    """The digests of the items of a whole file's clean parse, in order, so that they can
    be reused next time (None if the file does not split or its parse has problems)."""
    cut = split(text, key)
    if cut is None or parsed.problems or not isinstance(parsed.data, dict):
        return None
    values = parsed.data.get(key)
    node = _list_node(parsed.positions, key)
    if not isinstance(values, list) or len(values) != len(cut.texts) or node is None:
        return None
    key_line = parsed.positions.nearest((key,))[0]
    # an item whose value does not start on its first line ('-' alone) is never reused
    return [d if key_line + child[0] == start else b""
            for d, start, child in zip(cut.digests(), cut.starts, node[2], strict=True)]


def known_items(data: Any, positions: Positions, key: str,
                digests: list[bytes]) -> dict[bytes, Item]:
    """The items of an earlier parse by the digests of their texts."""
    values = data.get(key) if isinstance(data, dict) else None
    node = _list_node(positions, key)
    if not isinstance(values, list) or node is None \
            or not len(values) == len(node[2]) == len(digests):
        return {}
    return {d: (value, (0, *child[1:]))
            for d, value, child in zip(digests, values, node[2], strict=True) if d}


# the list files read item by item: kind -> the key of their list
LIST_FILES = {"actions": "actions", "escalations": "escalations"}


def read_list_source(root: Path, rel: str, kind: str, max_bytes: int,
                     known: dict[bytes, Item]) -> tuple[Source, list[bytes]] | None:
    """Read a list file reusing ``known`` items: the source and its items' digests, or
    None if it must be parsed whole (it has another shape, or anything to report)."""
    text, problems, file_digest = read_text(root / rel, rel, max_bytes)
    if text is None or problems:
        return None
    done = parse_list_file(text, LIST_FILES[kind], known)
    if done is None:
        return None
    parsed, digests = done
    return Source(rel, kind, parsed.data, parsed.positions, [], digest=file_digest), digests


def digests_of(root: Path, src: Source, max_bytes: int) -> list[bytes] | None:
    """The item digests of a list file parsed whole (read again: the parse happened in
    another process), so the next run can reuse its items."""
    if src.problems or not isinstance(src.data, dict):
        return None
    text, problems, file_digest = read_text(root / src.file, src.file, max_bytes)
    if text is None or problems or file_digest != src.digest:
        return None
    parsed = Parsed(src.data, src.positions, [])
    return item_digests(text, LIST_FILES[src.kind], parsed)
