"""Where each value of a parsed file is written: a tree shaped like the data.

A node is ``(line, column)`` for a scalar or ``(line, column, children)`` for a mapping
(children: a dict by key) or a sequence (children: a list by index). The line of the root
is absolute; every other line is relative to its parent's, so a subtree (one item of a
long list) means the same wherever it sits and can be cached and moved as it is. For a
value under a mapping key, the position is the key's.

A tree costs far less to build, store and load than a table keyed by full paths: a
10 MB actions file has a million values.
"""

from __future__ import annotations

from typing import Any

DataPath = tuple[str | int, ...]
Node = tuple[Any, ...]  # (line, column) or (line, column, dict | list)


class Positions:
    """The positions of one file's values, looked up by data path."""

    __slots__ = ("root",)

    def __init__(self, root: Node | None = None) -> None:
        self.root = root

    def _walk(self, path: DataPath) -> tuple[int, int, bool]:
        """(line, column) of the deepest node along ``path``, and whether it was reached."""
        node = self.root
        if node is None:
            return 1, 1, False
        line, column = node[0], node[1]
        for part in path:
            children = node[2] if len(node) == 3 else None
            child = None
            if isinstance(children, dict):
                child = children.get(part)
            elif isinstance(children, list) and isinstance(part, int) \
                    and 0 <= part < len(children):
                child = children[part]
            if child is None:
                return line, column, False
            node = child
            line += node[0]
            column = node[1]
        return line, column, True

    def nearest(self, path: DataPath) -> tuple[int, int]:
        """Line and column of a value, or of its nearest recorded parent."""
        line, column, _found = self._walk(path)
        return line, column

    def get(self, path: DataPath, default: Any = None) -> Any:
        line, column, found = self._walk(path)
        return (line, column) if found else default

    def __getitem__(self, path: DataPath) -> tuple[int, int]:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Positions) and other.root == self.root

    def __repr__(self) -> str:
        return f"Positions({self.root!r})"
