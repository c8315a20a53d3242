"""The likely cause of a YAML syntax error, in an editor's words.

The parser says where it gave up ("mapping values are not allowed", "could not find
expected ':'"), which is often a line or two after the mistake and suggests the wrong fix.
These functions look at the lines around that place and name the mistakes people make:
curly quotes typed by Word or Outlook, a line indented differently from the lines
around it, a missing colon, and (in a meeting record) the minutes' text written above
the closing ``---``. They run only on the error path: a valid file never reaches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CURLY = "\u201c\u201d\u2018\u2019"  # “ ” ‘ ’
CURLY_QUOTES = "curly quotes (\u201c \u201d)"
CURLY_FIX = 'replace them with straight quotes (") or remove them'
# a key: plain text up to ': ' (or ':' at the end), or a quoted key
_KEY = re.compile(r"""(?:"[^"]*"|'[^']*'|[^\s#'"{\[\]},&*!|>%@`-][^:#]*?|-[^\s:#][^:#]*?)"""
                  r":(?:[ \t]|$)")
# a line that lacks only its colon: a field name and one value ('chair la')
_NO_COLON = re.compile(r"([a-z0-9_-]+)[ \t]+(\S+)")


@dataclass(frozen=True, slots=True)
class Shape:
    """How one line of a block is laid out."""

    indent: int  # the column (from 0) of its first character: the '-' of a list item
    item: bool  # a list item ('- ...')
    key_col: int | None  # the column of its key (after the '- ' of an item), if it has one
    key: str | None
    opens: bool  # ends with ':' or is a bare '-': what follows may be indented more


@dataclass(frozen=True, slots=True)
class Explained:
    """A line (0-based, in the parsed text) and what to say about it."""

    index: int
    column: int  # 1-based
    message: str  # {here}: this line's number; {other}: the other line's
    hint: str
    other: int | None = None  # another line it names (0-based)


def shape(line: str) -> Shape | None:
    """The layout of a line; None for a blank line or a comment."""
    body = line.lstrip(" ")
    if not body.strip() or body.startswith("#"):
        return None
    indent = len(line) - len(body)
    item = body == "-" or body.startswith(("- ", "-\t"))
    rest, col = body, indent
    if item:
        after = body[1:].lstrip(" \t")
        col = indent + len(body) - len(after)
        rest = after
    match = _KEY.match(rest)
    if match is None:
        return Shape(indent, item, None, None, item and not rest.strip())
    value = rest[match.end():].strip()
    opens = not value or value.startswith("#")
    return Shape(indent, item, col, match.group()[:-1].rstrip(":").strip(), opens)


def _levels(lines: list[str], index: int) -> list[tuple[int, bool, int]]:
    """The columns a line at ``index`` could line up with: (column, is a list item, line)
    for each block still open above it, nearest first."""
    out: list[tuple[int, bool, int]] = []
    limit = 1 << 30
    for j in range(index - 1, -1, -1):
        s = shape(lines[j])
        if s is None or (s.key_col is None and not s.item) or s.indent >= limit:
            continue  # blank, comment, text continued from a line above, or a closed block
        if s.key_col is not None and s.key_col < limit:
            out.append((s.key_col, False, j))
        if s.item:
            out.append((s.indent, True, j))
        limit = s.indent
        if limit == 0:
            break
    return out


def _previous(lines: list[str], index: int) -> tuple[int, Shape] | None:
    for j in range(index - 1, -1, -1):
        s = shape(lines[j])
        if s is not None:
            return j, s
    return None


def _next_indent(lines: list[str], index: int) -> int | None:
    for j in range(index + 1, len(lines)):
        s = shape(lines[j])
        if s is not None:
            return s.indent
    return None


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"


def _from_left(n: int) -> str:
    return f"{_spaces(n)} from the left" if n else "at the left margin"


def misindented(lines: list[str], index: int) -> Explained | None:
    """A key or list item that lines up with nothing above it (more or less indented than
    its neighbours), when that explains the parser's error on this line."""
    s = shape(lines[index])
    if s is None or (s.key_col is None and not s.item):
        return None
    prev = _previous(lines, index)
    if prev is not None and prev[1].opens and s.indent > prev[1].indent:
        return None  # the first line of a block opened on the line before: any indent
    levels = _levels(lines, index)
    same = [lv for lv in levels if lv[1] == s.item] or levels
    if not same or any(col == s.indent for col, _item, _j in same):
        return None
    nearest = min(abs(col - s.indent) for col, _item, _j in same)
    ties = [lv for lv in same if abs(lv[0] - s.indent) == nearest]
    after = _next_indent(lines, index)
    col, _item, j = next((lv for lv in ties if lv[0] == after), max(ties))
    what = "the list items around it" if s.item else "the lines around it"
    other = shape(lines[j])
    named = f" ({other.key})" if other is not None and other.key and not s.item else ""
    how = ("line its '-' up with the '-' on line {other}" if s.item
           else f"line it up with line {{other}}{named}")
    return Explained(index, s.indent + 1,
                     f"line {{here}} is indented by {_spaces(s.indent)} but {what} by {col}",
                     f"{how}, {_from_left(col)}: YAML reads the indentation as the "
                     "structure, so lines that belong together start in the same column",
                     j)


def _straightened(line: str) -> str:
    return (line.replace("\u201c", '"').replace("\u201d", '"')
            .replace("\u2018", "'").replace("\u2019", "'")).strip()


def has_curly(text: str) -> bool:
    """Whether curly quotes in a text are likely quote marks (not an apostrophe: Children’s)."""
    return bool(text) and ("\u201c" in text or "\u201d" in text or text[0] in CURLY
                           or text[-1] in CURLY)


def curly_line(lines: list[str], index: int) -> Explained | None:
    """A line whose curly quotes were meant as YAML quotes (a ': ' inside them)."""
    line = lines[index]
    s = shape(line)
    if s is None or not has_curly(line.split(": ", 1)[-1].strip()):
        return None
    field = f" in '{s.key}'" if s.key else ""
    return Explained(index, line.index(next(c for c in line if c in CURLY)) + 1,
                     f"this line uses {CURLY_QUOTES}{field}, which YAML reads as part of "
                     "the text", f"replace them with straight quotes (\"), as in: "
                     f"{_straightened(line)}")


def _colon_in_value(lines: list[str], index: int) -> Explained | None:
    """A value with ': ' in it, not in quotes: YAML takes the ': ' for another field."""
    line = lines[index]
    s = shape(line)
    if s is None or s.key_col is None:
        return None
    rest = line[s.key_col:]
    match = _KEY.match(rest)
    value = rest[match.end():].strip() if match else ""
    if ": " not in value and not value.endswith(":"):
        return None
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    start = s.key_col + (match.end() if match else 0)
    colon = line.find(": ", start)
    return Explained(index, (colon if colon >= 0 else line.rindex(":")) + 1,
                     f"the value of '{s.key}' contains ': ', which YAML reads as the start "
                     "of another field", f'put the whole value in quotes: {s.key}: "{quoted}"')


def _no_colon(lines: list[str], index: int) -> Explained | None:
    """A line that is a field name and a value without the colon between them."""
    line = lines[index]
    match = _NO_COLON.fullmatch(line.strip())
    if match is None:
        return None
    indent = len(line) - len(line.lstrip(" "))
    return Explained(index, indent + 1,
                     f"line {{here}} has no ':' between '{match.group(1)}' and its value",
                     f"write it as {match.group(1)}: {match.group(2)}")


def _prose(line: str) -> bool:
    """Whether a line reads as a sentence rather than a detail (key: value)."""
    text = line.strip()
    if not any(c.isalpha() for c in text) or text.startswith(("#", "- ", "{", "[")):
        return False
    s = shape(line)
    if s is not None and s.key is not None and " " not in s.key:
        return False  # 'chair: la' is a detail, however long its value
    return len(text.split()) >= 3 or text[-1] in ".!?" or text[0].isupper()


def _in_front_matter(lines: list[str], index: int, closing: int) -> Explained | None:
    if not _prose(lines[index]):
        return None
    return Explained(index, 1, "line {here} looks like the minutes' text inside the front "
                     "matter (the details between the '---' lines)",
                     f"move it below the closing --- (line {closing}); if the details end "
                     "before it, add a line '---' after the last detail")  # (absolute)


def explain(text: str, problem: str, problem_line: int, context: str | None,
            context_line: int | None, line_offset: int,
            front_matter: bool) -> tuple[int, int, str, str] | None:
    """(line, column, message, hint) naming the likely mistake behind a syntax error, or
    None when none of the known mistakes fits (the caller's generic words stand)."""
    lines = text.split("\n")
    found: Explained | None = None
    if "mapping values are not allowed" in problem and problem_line < len(lines):
        found = curly_line(lines, problem_line)
        prev = _previous(lines, problem_line)
        here = shape(lines[problem_line])
        if found is None and prev is not None and here is not None and \
                prev[1].key_col is None and not prev[1].item and prev[1].indent == here.indent:
            found = _no_colon(lines, prev[0])  # 'la present' read on with the next line
        found = found or misindented(lines, problem_line) or _colon_in_value(lines,
                                                                             problem_line)
    elif ("did not find expected" in problem or "expected <block end>" in problem) \
            and problem_line < len(lines):
        found = misindented(lines, problem_line) or curly_line(lines, problem_line)
    elif "could not find expected ':'" in problem and context_line is not None \
            and "simple key" in (context or "") and context_line < len(lines):
        found = _no_colon(lines, context_line)
        if found is None and front_matter:
            closing = line_offset + text.count("\n") + 1
            found = _in_front_matter(lines, context_line, closing)
        found = found or curly_line(lines, context_line)
    if found is None:
        return None
    line = found.index + 1 + line_offset
    other = "" if found.other is None else str(found.other + 1 + line_offset)
    return (line, found.column, found.message.replace("{here}", str(line)),
            found.hint.replace("{other}", other))
