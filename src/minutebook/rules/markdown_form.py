"""Minutes whose Markdown will not show as the editor meant (MN004).

Text pasted from Word, an e-mail or a PDF keeps the look of a table or a list but not
its Markdown, and the site (Python-Markdown, as MkDocs uses it) then shows it as run-on
paragraphs, without a word. This is the editor's early warning, with the line and the
fix. Fenced code and HTML comments are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Meeting
from .base import Context, Hit, rule
from .textscan import CleanFiles, Text

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TABLE_ROW = re.compile(r"^ {0,3}\|.*\|")
_DELIMITER = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*([•·◦▪‣\uf0b7\uf0a7])")
_NUMBERED = re.compile(r"^ {0,3}(\(?([0-9]{1,3}|[a-zA-Z])\))\s+\S")
_LIST_ITEM = re.compile(r"^ {0,3}([-*+]|[0-9]{1,9}\.)\s+\S")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")


def _blank_comments(text: str) -> str:
    """The text with HTML comments (and fenced code) replaced by blank lines."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0]
            lines[i] = ""
        elif fence is not None:
            if m and m.group(1)[0] == fence:
                fence = None
            lines[i] = ""
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Problem:
    """A run of lines (indexes from 0 in the minutes) that will not show as meant."""

    first: int
    last: int
    kind: str  # table-header, table-after-text, bullet, numbered, list-after-text
    mark: str = ""
    items: int = 1


def problems(text: str) -> Iterator[Problem]:
    """Each run of lines of a Markdown text that will not show as meant."""
    lines = _blank_comments(text).split("\n")
    state = None  # the block the previous line belongs to: paragraph, list, table or None
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            state = None
            i += 1
            continue
        if _TABLE_ROW.match(line):
            end = i
            while end + 1 < len(lines) and _TABLE_ROW.match(lines[end + 1]):
                end += 1
            if end > i and not _DELIMITER.match(lines[i + 1]):
                yield Problem(i, end, "table-header")
            elif end > i and state == "paragraph":
                yield Problem(i, end, "table-after-text")
            state = "table"
            i = end + 1
            continue
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if bullet or numbered:
            pattern = _BULLET if bullet else _NUMBERED
            end, n = i, 1
            while True:  # the run: items apart by blank lines at most
                nxt = end + 1
                while nxt < len(lines) and not lines[nxt].strip():
                    nxt += 1
                if nxt < len(lines) and pattern.match(lines[nxt]):
                    end, n = nxt, n + 1
                else:
                    break
            mark = (bullet or numbered).group(1)  # type: ignore[union-attr]
            yield Problem(i, end, "bullet" if bullet else "numbered", mark, n)
            state = "paragraph"
            i = end + 1
            continue
        if _LIST_ITEM.match(line):
            if state == "paragraph":
                yield Problem(i, i, "list-after-text")
            state = "list"
        elif _HEADING.match(line):
            state = None
        elif state is None:
            state = "paragraph"
        i += 1


def describe(p: Problem, first_line: int) -> tuple[str, str]:
    """The message and the hint for a problem, with the file's line numbers."""
    at, to = first_line + p.first, first_line + p.last
    if p.kind == "table-header":
        return ((f"line {at}: a table without its header line (lines {at} to {to}) shows as "
                "plain text, not a table"),
                ("add a line like | --- | --- | under the table's first row, with one --- for "
                "each column (and a blank line before the table)"))
    if p.kind == "table-after-text":
        return ((f"line {at}: a table straight after a line of text shows as plain text, not "
                "a table"), "leave a blank line before the table")
    if p.kind == "bullet":
        lines = f"{p.items} lines start" if p.items > 1 else "a line starts"
        shows = "run-on paragraphs" if p.items > 1 else "a paragraph"
        return ((f"line {at}: {lines} with a '{p.mark}' typed as text, which shows as {shows}, "
                "not a list"),
                (f"start each item with '- ' (a hyphen and a space) instead of '{p.mark}', "
                "with a blank line before the list"))
    if p.kind == "numbered":
        items = f"{p.items} items numbered like '{p.mark}' show" if p.items > 1 else \
            f"an item numbered like '{p.mark}' shows"
        return (f"line {at}: {items} as text, not a numbered list",
                ("number the items '1.', '2.' (a number and a full stop, then a space), with a "
                "blank line before the list"))
    return ((f"line {at}: a list straight after a line of text shows as part of that "
            "paragraph, not a list"), "leave a blank line before the list")


@rule("MN004", "minutes-markdown-not-as-meant", kind="record", category="minutes",
      severity="warning", title="Minutes that will not show as written")
def minutes_markdown(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    The minutes of each meeting record, for text that looks like a table or a list but
    that the site's Markdown will show as run-on paragraphs:

    - table rows (`| a | b |`) without the header line (`| --- | --- |`) under the first
      row, or straight after a line of text;
    - lines starting with a bullet typed as a character (`•`, `·`, `◦`, `▪`), as text
      pasted from Word keeps them;
    - items numbered `1)`, `(1)`, `a)` or `(a)`: Markdown numbers only `1.`;
    - a list (`- ` or `1. `) straight after a line of text, with no blank line between.

    Fenced code blocks and HTML comments are not read.

    ## Why
    The published minutes would lose their table or list without any other message: a
    table of actions becomes one long paragraph. (`minutebook import minutes` writes
    Markdown that shows as meant.)

    ## Fails
    ```markdown
    Actions agreed:
    | Action | Owner |
    | Circulate the report | Police |
    • Knife crime has risen
    1) to publish the assessment
    ```

    ## Passes
    ```markdown
    Actions agreed:

    | Action | Owner |
    | --- | --- |
    | Circulate the report | Police |

    - Knife crime has risen

    1. to publish the assessment
    ```
    """
    # a record found clean is not read again until its content (or this rule) changes
    clean = CleanFiles(ctx.memo.setdefault("minutes-markdown-clean", {}), ctx.digests, {},
                       _MEMO_KEY)
    for body_id in sorted(ctx.ds.meetings):
        for m in ctx.ds.meetings[body_id]:
            if m.minutes and m.at.file not in clean.skip:
                clean.scanned(m.at.file)
                for hit in _check(m):
                    clean.found(m.at.file)
                    yield hit
    clean.save()


# the checks' version: a record found clean by an older version is read again
_MEMO_KEY = "MN004-1"


def _check(m: Meeting) -> Iterator[Hit]:
    text = Text(m.minutes or "", m.at, "the minutes", m.body, m.minutes_line, unit=m.at.file)
    starts = [0]
    for line in text.value.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    for p in problems(text.value):
        message, hint = describe(p, m.minutes_line or 1)
        yield text.hit(starts[p.first], message, hint)
