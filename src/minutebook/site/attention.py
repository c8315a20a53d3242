"""What needs attention, in partners' words: the governance findings of a body as short
linked lines, without rule codes, file paths or record ids (issue 18, item 2).

The findings keep the editors' wording (ids, ISO dates, period labels) for the command line
and the folded "For editors" sections; ``in_words`` says the same for partners, and
``place`` says where on the site the thing a finding concerns is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..dates import periods_in_words
from ..findings import Finding
from ..model import Dataset
from .links import meeting_page
from .templating import dates_in_words

# what a finding is about, in a word or two, and where on the body's page it is shown
_PLACES: dict[str, tuple[str, str]] = {
    "actions": ("Actions", "open-actions"),
    "attendance": ("Attendance", "attendance"),
    "quorum": ("Quorum", "meetings"),
    "cadence": ("Meetings", "meetings"),
    "kinds": ("Meetings", "meetings"),
    "deadlines": ("Papers", "meetings"),
    "minutes": ("Minutes", "meetings"),
    "chair": ("Chair", "chair"),
    "offices": ("Chair", "chair"),
    "structure": ("Membership", "membership"),
    "membership": ("Membership", "membership"),
    "review": ("Terms of reference", "about-this-body"),
    "duties": ("Duties", "about-this-body"),
    "relations": ("Structure", "about-this-body"),
    "reports": ("Reports", "meetings"),
    "scorecard": ("Scorecard", "about-this-body"),
}
_MEETING_FILE = re.compile(r"meetings/([^/]+)/(\d{4}-\d{2}-\d{2})\.md\Z")


@dataclass(frozen=True, slots=True)
class Attention:
    """One thing that needs attention: what it concerns (linked), and what is wrong."""

    severity: str  # error | warning
    category: str
    head: str  # 'Attendance'
    target: str  # the page (.md) where it is shown
    anchor: str  # and the section of that page ('' for the page itself)
    words: str  # the finding's message for partners, as a sentence


@cache
def _id_pattern(ids: tuple[str, ...]) -> re.Pattern[str] | None:
    # only ids with a hyphen: a plain word ('education') may be an id and a word
    named = sorted((i for i in ids if "-" in i), key=len, reverse=True)
    if not named:
        return None
    return re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, named)) + r")(?![\w/-])")


def in_words(ds: Dataset, text: str) -> str:
    """A finding's message for partners: dates and periods in words ('28 October 2026',
    'Jul–Sep 2026'), bodies and organisations by name rather than by id."""
    names = {**{o.id: o.label for o in ds.organisations.values()},
             **{b.id: b.label for b in ds.bodies.values()}}
    pattern = _id_pattern(tuple(sorted(names)))
    if pattern is not None:
        text = pattern.sub(lambda m: names[m[1]], text)
    return periods_in_words(dates_in_words(text))


def place(f: Finding, body_page_path: str,
          scorecard: str | None) -> tuple[str, str, str]:
    """What a finding concerns in a word, and where it is shown (page, section): its
    meeting's page for a finding in a meeting record, else the body's scorecard or a
    section of the body's page."""
    head, anchor = _PLACES.get(f.category, (f.category.replace("-", " ").capitalize(),
                                            "about-this-body"))
    found = _MEETING_FILE.match(f.file)
    if found and f.category != "scorecard":
        try:
            return head, meeting_page(found[1], date.fromisoformat(found[2])), ""
        except ValueError:
            pass
    if f.category == "scorecard" and scorecard:
        return head, scorecard, ""
    return head, body_page_path, anchor


def attention(ds: Dataset, findings: list[Finding], body_page_path: str,
              scorecard: str | None = None) -> list[Attention]:
    """A body's governance errors and warnings for partners, errors first, each once."""
    order = {"error": 0, "warning": 1}
    found = sorted((f for f in findings
                    if f.kind == "governance" and f.severity in order),
                   key=lambda f: (order[f.severity], f.file, f.line, f.code))
    out: list[Attention] = []
    for f in found:
        words = in_words(ds, f.message)
        item = Attention(f.severity, f.category, *place(f, body_page_path, scorecard),
                         words[:1].upper() + words[1:])
        if item not in out:
            out.append(item)
    return out
