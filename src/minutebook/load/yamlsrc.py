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
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from .mistakes import explain
from .positions import Node, Positions

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# a plain scalar can be a number, null or boolean only if it starts with one of these
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
intern = sys.intern
_STR_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
_CORE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)


@dataclass(slots=True)
class Problem:
    """Something wrong with a file's text, found while reading it."""

    # "syntax", "duplicate-key", "feature", "encoding", "bom", "size", "front-matter",
    # "misplaced", "link" (a link or special file), "folder" (a folder that cannot be read)
    kind: str
    line: int
    column: int
    message: str
    hint: str = ""


@dataclass(slots=True)
class Parsed:
    """The result of parsing one YAML text."""

    data: Any = None
    positions: Positions = field(default_factory=Positions)
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
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value  # the commonest case: a date (never a number)
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


def number_problem(value: str, line: int, column: int) -> Problem:
    """A number too long to read (Python refuses integers of more than 4,300 digits)."""
    return Problem(
        "syntax", line, column, f"the number {value[:12]}... has {len(value):,} digits, too "
        "many to be read", "correct the value (no field takes a number this long); if it is "
        "meant as text, put it in quotes")


def _syntax_problem(exc: yaml.YAMLError, text: str, line_offset: int,
                    front_matter: bool = False) -> Problem:
    context = getattr(exc, "context", None) or ""
    opened = getattr(exc, "context_mark", None)
    ended = getattr(exc, "problem", None) or ""
    if "quoted scalar" in context and opened is not None and (
            "end of stream" in ended or "document" in ended):  # reported where it opens
        quote = text[opened.index] if opened.index < len(text) else '"'
        return Problem(
            "syntax", opened.line + 1 + line_offset, opened.column + 1,
            f"the quote ({quote}) that starts here is never closed",
            f"end the value with a matching {quote}, or remove the opening one; inside "
            + ("double quotes write \\\" for a quote mark" if quote == '"' else
               "single quotes write '' for an apostrophe"))
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
    if mark is not None:  # the likely mistake, when one of the usual ones fits
        cause = explain(text, problem, mark.line, context,
                        opened.line if opened is not None else None, line_offset, front_matter)
        if cause is not None:
            return Problem("syntax", *cause)
    text = f"{context}, {problem}" if context else problem
    hint = "check the indentation and punctuation on this line and the one before it"
    if "could not find expected ':'" in problem:
        hint = "each line inside a mapping needs 'key: value'; check for a missing colon"
    elif "found undefined alias" in problem or "found unknown escape" in problem:
        hint = "quote the value in double quotes"
    return Problem("syntax", line, column, f"the YAML cannot be read: {text}", hint)


def parse_yaml(text: str, *, line_offset: int = 0, front_matter: bool = False) -> Parsed:
    """Parse one YAML document, returning plain data, positions and problems
    (``front_matter``: the text is a Markdown file's front matter, closed by '---')."""
    out = Parsed()
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
    # Each frame: [container, its children's positions, is_mapping, pending key, its line]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    root_node: Node | None = None
    # anchors and aliases are reported once each, with a count (an alias bomb has hundreds)
    repeats: dict[str, list[Any]] = {}

    def once(kind: str, problem: Problem) -> None:
        seen = repeats.setdefault(kind, [problem, 0])
        seen[1] += 1
        if seen[1] == 1:
            problems.append(problem)

    def place(value: Any, line: int, column: int, kids: Any) -> int | None:
        """Put a value in the open container; the line its children are relative to, or
        None when it is kept out (a duplicate key, a key that is not text)."""
        nonlocal root, root_node
        if not stack:
            root = value
            root_node = (line, column) if kids is None else (line, column, kids)
            return line
        frame = stack[-1]
        container, base = frame[0], frame[4]
        if frame[2]:  # mapping
            pending = frame[3]
            if pending is None:  # this node is a key
                if kids is not None:
                    problems.append(Problem(
                        "feature", line, column, "a key must be plain text",
                        "write the key as a simple word such as 'date'"))
                    frame[3] = ("", line, column)
                    return None
                frame[3] = ("" if value is None else intern(str(value)), line, column)
                return None
            key, kline, kcol = pending
            frame[3] = None
            if key in container:
                first = frame[1][key][0] + base
                problems.append(Problem(
                    "duplicate-key", kline, kcol,
                    f"the key '{key}' appears twice in the same mapping "
                    f"(first on line {first})",
                    "remove one of them or merge their contents; only one can count"))
                return None
            container[key] = value
            frame[1][key] = (kline - base, kcol) if kids is None else (kline - base, kcol, kids)
            return kline
        container.append(value)
        frame[1].append((line - base, column) if kids is None else (line - base, column, kids))
        return line

    parser = _Parser(text)
    get_event = parser.get_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        while (event := get_event()) is not None:
            cls = event.__class__
            mark = event.start_mark
            line = mark.line + 1 + line_offset
            column = mark.column + 1
            if cls is scalar_event:
                tag = event.tag
                if tag is not None and tag not in _STR_TAGS and tag not in _CORE_TAGS:
                    problems.append(Problem(
                        "feature", line, column, f"the custom tag '{_shown(tag)}' is not allowed",
                        "remove the tag; values here are plain text, numbers or dates"))
                if event.anchor:
                    once("anchor", _anchor_problem(line, column))
                value = event.value
                if not event.style and tag not in _STR_TAGS and \
                        (not value or value[0] in _MAYBE_NOT_TEXT):
                    try:
                        value = scalar_value(value, None, tag)
                    except ValueError:  # more digits than Python converts (4,300)
                        problems.append(number_problem(value, line, column))
                place(value, line, column, None)
            elif cls is mapping_start or cls is sequence_start:
                tag = event.tag
                if tag and tag not in _CORE_TAGS:
                    problems.append(Problem(
                        "feature", line, column, f"the custom tag '{_shown(tag)}' is not allowed",
                        "remove the tag"))
                if event.anchor:
                    once("anchor", _anchor_problem(line, column))
                is_map = cls is mapping_start
                container: Any = {} if is_map else []
                kids: Any = {} if is_map else []
                base = place(container, line, column, kids)
                stack.append([container, kids, is_map, None, line if base is None else base])
            elif cls is mapping_end or cls is sequence_end:
                stack.pop()
            elif cls is alias_event:
                once("alias", Problem(
                    "feature", line, column,
                    f"the alias '*{event.anchor}' is not allowed",
                    "write the value out in full instead of using anchors (&) and aliases (*)"))
                place(None, line, column, None)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(Problem(
                        "feature", line, column,
                        "the file holds more than one YAML document ('---' separator)",
                        "keep one document per file; remove the extra '---' line"))
                    break
    except yaml.YAMLError as exc:
        problems.append(_syntax_problem(exc, text, line_offset, front_matter))
    finally:
        parser.dispose()
    out.positions = Positions(root_node)
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
