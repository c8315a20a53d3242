"""Small edits of a YAML file's text that keep everything else as it was.

Used by the everyday commands (``minutebook action done``, ``chair`` ...) on
``actions.yaml`` and the bodies' files: set one value of a mapping (or add its line), and
add an item at the end of a list (or the list's key), found from the YAML parser's
positions, so comments, order, quoting and layout stay byte for byte. The caller says
what the data must be afterwards; the edited text is read back with the checker's own
reader and must hold exactly that, or nothing is written (:class:`ScaffoldError`).

Only block mappings and lists are edited in place (a flow ``{ }`` item of a block list can
be followed by another written the same way); anything else is refused with a message
asking for the edit by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from .load.yamlsrc import parse_yaml
from .scaffold import ScaffoldError, YamlIndex, index_yaml, yaml_scalar

Path_ = tuple[Any, ...]
_DASH = re.compile(r"( *)- ")


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _after_line(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end + 1


def flow_scalar(text: str) -> str:
    """A value inside ``{ }``: plain where safe, else double-quoted."""
    plain = yaml_scalar(text)
    return plain if not any(c in plain for c in ",{}[]") else json.dumps(text, ensure_ascii=False)


class TextEdit:
    """Edits of one YAML file's text, applied together and verified by :meth:`result`."""

    def __init__(self, text: str, what: str) -> None:
        self.what = what  # the file, in messages
        self.crlf = "\r\n" in text
        plain = text.replace("\r\n", "\n")
        self.bom = plain.startswith("\ufeff")
        self.text = plain[1:] if self.bom else plain
        parsed = parse_yaml(self.text)
        if parsed.problems or not isinstance(parsed.data, dict):
            raise ScaffoldError(f"{what} cannot be read; run `minutebook check` and fix it "
                                "first")
        self.data: dict[str, Any] = parsed.data
        self.ix: YamlIndex = index_yaml(self.text)
        self.edits: list[tuple[int, int, str]] = []

    # ------------------------------------------------------------------ positions

    def _end(self, path: Path_) -> int:
        """The end of the last character of a block collection's content."""
        n = len(path)
        ends = [e for p, (_, e) in self.ix.values.items() if p[:n] == path and len(p) > n]
        ends += [e for p, e in self.ix.ends.items() if p[:n] == path and len(p) > n]
        if not ends:
            raise ScaffoldError(f"{self.what}: cannot find where an entry ends; edit it by hand")
        return max(ends)

    def _key_indent(self, path: Path_) -> str:
        """The indentation of the keys of the block mapping at ``path``."""
        if self.ix.flow.get(path, True):
            raise ScaffoldError(f"{self.what}: the entry is written in {{ }} on one line; "
                                "edit it by hand")
        starts = [span[0] for p, span in self.ix.keys.items()
                  if p[:-1] == path and len(p) == len(path) + 1]
        first = min(starts)
        return " " * (first - _line_start(self.text, first))

    def _insert(self, at: int, new: str) -> None:
        for i, (a, b, old) in enumerate(self.edits):
            if a == b == at:  # two insertions at one place: in the order asked
                self.edits[i] = (a, b, old + new)
                return
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            new = "\n" + new  # the file's last line had no line break
        self.edits.append((at, at, new))

    # ------------------------------------------------------------------ edits

    def set_value(self, mapping: Path_, key: str, value: str, *, after: str | None = None,
                  literal: bool = False) -> None:
        """Set ``key`` of the mapping at ``mapping`` to the text ``value``: its characters
        replaced, or a new line after the line of ``after`` (else at the end of the mapping;
        in a ``{ }`` mapping, after its last value). ``literal``: ``value`` is YAML text
        already (in a block mapping only)."""
        raw, value = value, value if literal else yaml_scalar(value)
        path = (*mapping, key)
        if path in self.ix.values:
            a, b = self.ix.values[path]
            if self.text[a:a + 1] in ("|", ">"):
                raise ScaffoldError(f"{self.what}: {key} is written as a block; edit it by hand")
            self.edits.append((a, b, flow_scalar(raw) if self.ix.flow.get(mapping)
                               else value))
            return
        if path in self.ix.ends:
            raise ScaffoldError(f"{self.what}: {key} is not a single value; edit it by hand")
        if self.ix.flow.get(mapping):  # {a: 1, b: 2}: add ", key: value" after the last
            self.edits.append((self._end(mapping), self._end(mapping),
                               f", {key}: {flow_scalar(raw)}"))
            return
        indent = self._key_indent(mapping)
        anchor = (*mapping, after)
        if after is not None and anchor in self.ix.values:
            at = _after_line(self.text, self.ix.values[anchor][1])
        else:
            at = _after_line(self.text, self._end(mapping) - 1)
        self._insert(at, f"{indent}{key}: {value}\n")

    def append_item(self, mapping: Path_, key: str, item: Sequence[tuple[str, str]]) -> None:
        """Add ``item`` (keys and YAML texts of plain values, in order) at the end of the
        block list ``key`` of the block mapping at ``mapping``, written like the list's first
        item (block or ``{ }``); without the list, add ``key:`` with the item."""
        path = (*mapping, key)
        if path not in self.ix.flow:
            indent = self._key_indent(mapping)
            at = _after_line(self.text, self._end(mapping) - 1)
            self._insert(at, f"{indent}{key}:\n" + _block_item(indent, item))
            return
        if self.ix.flow[path]:
            raise ScaffoldError(f"{self.what}: the list {key} is written in [ ]; write it as "
                                "one '- ' line per item, or edit it by hand")
        first = (*path, 0)
        starts = [s for p, (s, _) in self.ix.values.items() if p[: len(first)] == first]
        if not starts:
            raise ScaffoldError(f"{self.what}: cannot work out how {key} is written; edit it "
                                "by hand")
        line_at = _line_start(self.text, min(starts))
        dash = _DASH.match(self.text, line_at)
        if dash is None:
            raise ScaffoldError(f"{self.what}: cannot work out how {key} is indented; edit it "
                                "by hand")
        at = _after_line(self.text, self._end(path) - 1)
        if self.ix.flow.get(first):
            fields = ", ".join(f"{k}: {flow_scalar(v)}" for k, v in item)
            self._insert(at, f"{dash[1]}- {{{fields}}}\n")
        else:
            self._insert(at, _block_item(dash[1], item))

    def result(self, expected: dict[str, Any]) -> str:
        """The edited text, after checking it reads back as ``expected``."""
        text = self.text
        for start, end, new in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + new + text[end:]
        after = parse_yaml(text)
        if after.problems or after.data != expected:
            raise ScaffoldError(f"the edit would change more of {self.what} than intended; "
                                "edit it by hand")
        out = ("\ufeff" if self.bom else "") + text
        return out.replace("\n", "\r\n") if self.crlf else out


def _block_item(dash: str, item: Sequence[tuple[str, str]]) -> str:
    lines = []
    for i, (k, v) in enumerate(item):
        lines.append(f"{dash}{'- ' if i == 0 else '  '}{k}: {yaml_scalar(v)}\n")
    return "".join(lines)
