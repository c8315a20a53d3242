"""Tidying generated Markdown: templates leave blank lines where blocks were skipped."""

from __future__ import annotations

import re

_BLANKS = re.compile(r"\n(?:[ \t]*\n){2,}")
_SPLIT_ROWS = re.compile(r"(\n\|[^\n]*)\n[ \t]*\n(?=\|)")
_SPLIT_ITEMS = re.compile(r"(\n- [^\n]*)\n[ \t]*\n(?=- )")


def tidy(text: str) -> str:
    """Collapse runs of blank lines, and keep table rows and list items together."""
    text = _BLANKS.sub("\n\n", text)
    previous = None
    while previous != text:  # matches overlap (a row ends one and starts the next): repeat
        previous = text
        text = _SPLIT_ITEMS.sub(r"\1\n", _SPLIT_ROWS.sub(r"\1\n", text))
    return text.lstrip("\n")
