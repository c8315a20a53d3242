"""Safe YAML parsing that keeps the line and column of every value.

Values are built from the parser's events (the C parser where PyYAML has it), so:

* scalars follow YAML 1.2 core rules: ``no``/``on``/``off`` and ``10:30`` stay text,
  dates stay ``YYYY-MM-DD`` strings (JSON Schema checks them);
* duplicate keys, anchors/aliases (and so alias bombs), custom tags and several
  documents in one file are reported as problems, never silently accepted;
* nothing raises: syntax errors come back as problems with a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_STR_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


@dataclass(slots=True)
class Problem:
    """Something wrong with a file's text, found while reading it."""

    kind: str  # "syntax", "duplicate-key", "feature", "encoding", "bom", "size", "front-matter"
    line: int
    column: int
    message: str
    hint: str = ""


@dataclass(slots=True)
class Parsed:
    """The result of parsing one YAML text."""

    data: Any = None
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def scalar_value(value: str, style: str | None, tag: str | None) -> Any:
    """Resolve a scalar as YAML 1.2's core schema would (quoted scalars are text)."""
    if style or tag in _STR_TAGS:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


def _syntax_problem(exc: yaml.YAMLError, text: str, line_offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    # (the end of a text without a final line break is reported on its last line)
    line = min(mark.line + 1, text.count("\n") + 1) if mark else 1
    line += line_offset
    column = mark.column + 1 if mark else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    lines = text.split("\n", mark.line + 1) if mark else []
    source_line = lines[mark.line] if mark and mark.line < len(lines) else ""  # at the end
    if "\t" in source_line[: mark.column + 1 if mark else 0] or "'\\t'" in problem:
        return Problem(
            "syntax", line, column, "a tab character is used for indentation",
            "YAML needs spaces, not tabs: replace the tab with spaces",
        )
    text = f"{context}, {problem}" if context else problem
    hint = "check the indentation and punctuation on this line and the one before it"
    if "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, e.g. title: \"Item: data\""
    elif "could not find expected ':'" in problem:
        hint = "each line inside a mapping needs 'key: value'; check for a missing colon"
    elif "found undefined alias" in problem or "found unknown escape" in problem:
        hint = "quote the value in double quotes"
    return Problem("syntax", line, column, f"the YAML cannot be read: {text}", hint)


def parse_yaml(text: str, *, line_offset: int = 0) -> Parsed:
    """Parse one YAML document, returning plain data, positions and problems."""
    out = Parsed()
    positions = out.positions
    problems = out.problems
    odd = _ODD_BREAK.search(text)
    if odd:  # YAML 1.1 readers take these for line breaks: every position after is wrong
        line = text.count("\n", 0, odd.start()) + 1 + line_offset
        column = odd.start() - (text.rfind("\n", 0, odd.start()) + 1) + 1
        problems.append(Problem(
            "syntax", line, column, "the text contains an invisible line separator "
            f"(U+{ord(odd.group()):04X}), which YAML reads as a line break",
            "delete it, or replace it with a space; it often comes with text pasted from a "
            "web page or a PDF"))
        text = _ODD_BREAK.sub(" ", text)
    # Each frame: [container, path, is_mapping, pending_key, seen_keys]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    # anchors and aliases are reported once each, with a count (an alias bomb has hundreds)
    repeats: dict[str, list[Any]] = {}

    def once(kind: str, problem: Problem) -> None:
        seen = repeats.setdefault(kind, [problem, 0])
        seen[1] += 1
        if seen[1] == 1:
            problems.append(problem)

    def add(value: Any, line: int, column: int) -> DataPath | None:
        nonlocal root
        if not stack:
            root = value
            positions[()] = (line, column)
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if frame[2]:  # mapping
            if frame[3] is None:  # this node is a key
                if isinstance(value, dict | list):
                    problems.append(Problem(
                        "feature", line, column, "a key must be plain text",
                        "write the key as a simple word such as 'date'"))
                    frame[3] = ("", line, column)
                    return None
                frame[3] = ("" if value is None else str(value), line, column)
                return None
            key, kline, kcol = frame[3]
            frame[3] = None
            child = (*path, key)
            if key in container:
                first = positions.get(child, (kline, kcol))
                problems.append(Problem(
                    "duplicate-key", kline, kcol,
                    f"the key '{key}' appears twice in the same mapping "
                    f"(first on line {first[0]})",
                    "remove one of them or merge their contents; only one can count"))
                return None
            container[key] = value
            positions[child] = (kline, kcol)
            return child
        child = (*path, len(container))
        container.append(value)
        positions[child] = (line, column)
        return child

    try:
        for event in yaml.parse(text, Loader=_Parser):
            cls = event.__class__
            mark = event.start_mark
            line = mark.line + 1 + line_offset
            column = mark.column + 1
            if cls is yaml.ScalarEvent:
                tag = event.tag
                if tag and tag not in _STR_TAGS and tag not in _CORE_TAGS:
                    problems.append(Problem(
                        "feature", line, column, f"the custom tag '{_shown(tag)}' is not allowed",
                        "remove the tag; values here are plain text, numbers or dates"))
                if event.anchor:
                    once("anchor", _anchor_problem(line, column))
                add(scalar_value(event.value, event.style, tag), line, column)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                tag = event.tag
                if tag and tag not in _CORE_TAGS:
                    problems.append(Problem(
                        "feature", line, column, f"the custom tag '{_shown(tag)}' is not allowed",
                        "remove the tag"))
                if event.anchor:
                    once("anchor", _anchor_problem(line, column))
                is_map = cls is yaml.MappingStartEvent
                container: Any = {} if is_map else []
                path = add(container, line, column)
                stack.append([container, path if path is not None else ("?",), is_map, None])
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                stack.pop()
            elif cls is yaml.AliasEvent:
                once("alias", Problem(
                    "feature", line, column,
                    f"the alias '*{event.anchor}' is not allowed",
                    "write the value out in full instead of using anchors (&) and aliases (*)"))
                add(None, line, column)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(Problem(
                        "feature", line, column,
                        "the file holds more than one YAML document ('---' separator)",
                        "keep one document per file; remove the extra '---' line"))
                    break
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(exc, text, line_offset))
    for kind, (problem, count) in repeats.items():
        if count > 1:
            problem.message += f" ({count} {'aliases' if kind == 'alias' else 'anchors'} in " \
                               "this file)"
    out.data = root
    return out


def _shown(tag: str) -> str:
    """A tag as it is written: 'tag:yaml.org,2002:python/object' is '!!python/object'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


def _anchor_problem(line: int, column: int) -> Problem:
    return Problem(
        "feature", line, column, "anchors (&name) are not allowed",
        "write the value out in full instead of using anchors (&) and aliases (*)")
