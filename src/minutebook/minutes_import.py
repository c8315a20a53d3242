"""A meeting record from minutes written in Word (``minutebook import minutes``).

The document (see :mod:`minutebook.wordconvert`) is read as a list of blocks: headings,
paragraphs, lists and tables. From it come

* the date of the meeting, when its title or first lines state one in words
  ("Wednesday 12 August 2026"), and the start time beside it;
* the attendance: a heading or a line "Present", "Attendees", "In attendance",
  "Apologies" or "Absent" followed by a table, a list or short lines, each matched to a
  seat of the body (:mod:`minutebook.seatmatch`); the chair where a line says so.
  That section is taken out of the minutes: the record keeps the seats, not the names;
* the minutes: everything else, as Markdown.

The record is the one ``minutebook new meeting`` writes (:func:`scaffold.render_meeting`)
with the seats found filled in and the minutes in place of the empty headings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .analysis import Analysis
from .dates import in_words
from .load.yamlsrc import parse_yaml
from .model import Body, Dataset
from .scaffold import (
    FILL_IN,
    ScaffoldError,
    front_matter_bounds,
    render_meeting,
    seat_label,
)
from .seatmatch import SeatMatcher, norm, parts
from .wordconvert import Converted, html_to_markdown

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
_DAY_MONTH = re.compile(rf"{_WEEKDAY}\b([0-3]?[0-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+"
                        r"((?:19|20|21)[0-9]{2})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"{_WEEKDAY}\b{_MONTH}\.?\s+([0-3]?[0-9])(?:st|nd|rd|th)?,?\s+"
                        r"((?:19|20|21)[0-9]{2})\b", re.IGNORECASE)
_TIME = re.compile(r"\b([01]?[0-9]|2[0-3])[:.]([0-5][0-9])\s*(am|pm|a\.m\.|p\.m\.)?",
                   re.IGNORECASE)
_FIRST_LINES = 8  # blocks before the first heading read for the date and title

PRESENT = "present"
_SECTIONS = {
    PRESENT: ("present", "members present", "present members", "those present", "attendees",
              "attendance", "attending", "attended", "attendance list", "in attendance",
              "also present", "also in attendance", "members"),
    "apologies": ("apologies", "apologies received", "apologies for absence", "apologies from",
                  "apologies received from", "apologies given", "apologies noted"),
    "absent": ("absent", "not present", "absent without apologies", "absent no apologies",
               "non attendance", "did not attend"),
}
_GUESTS = ("in attendance", "also present", "also in attendance")  # not members: by post only
_KEYWORD = {words: status for status, all_words in _SECTIONS.items() for words in all_words}
_NUMBERING = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[a-z]|[ivx]+)[.)]\s+", re.IGNORECASE)
_CHAIR = re.compile(r"\b(vice|co|deputy)?[\s-]*chair(?:man|woman|person)?\b", re.IGNORECASE)
_CHAIR_LINE = re.compile(r"^\s*(?:chair(?:man|woman|person)?\s*:|chaired\s+by\b)\s*(.*)$",
                         re.IGNORECASE | re.DOTALL)
_DEPUTY = re.compile(r"\b(?:deputi[sz]ing|deputy|substitut(?:e|ing)|standing\s+in|sitting\s+in)"
                     r"\s+for\b|\bon\s+behalf\s+of\b|\bin\s+place\s+of\b", re.IGNORECASE)
_STATUS_WORDS = {"present": PRESENT, "yes": PRESENT, "y": PRESENT, "attended": PRESENT,
                 "p": PRESENT, "apologies": "apologies", "apologies sent": "apologies",
                 "a": "apologies", "sent apologies": "apologies", "absent": "absent",
                 "no": "absent", "n": "absent", "did not attend": "absent",
                 "deputy": "deputy", "deputy sent": "deputy", "sent deputy": "deputy",
                 "substitute": "deputy"}
_HEADER_WORDS = {
    "name": "name", "names": "name", "member": "name", "attendee": "name", "person": "name",
    "role": "role", "post": "role", "title": "role", "job title": "role", "position": "role",
    "designation": "role", "organisation": "org", "organization": "org", "agency": "org",
    "representing": "org", "service": "org", "department": "org", "partner": "org",
    "attendance": "status", "status": "status", "attended": "status", "present": "status",
    "apologies": "status", "notes": "other", "comments": "other", "initials": "name",
}
_DECLARATIONS = re.compile(r"declarations?\s+of\s+interests?", re.IGNORECASE)
_NO_DECLARATIONS = re.compile(r"^\s*(?:none|nil|no\s+(?:declarations|interests|conflicts)\b"
                              r"|there\s+were\s+no\s+declarations\b)", re.IGNORECASE)


@dataclass(slots=True)
class Entry:
    """One line of the attendance: a list item, a table row or a short paragraph."""

    text: str  # what is matched against the seats (without a Name column)
    raw: str  # the line as written (shown to the editor, never written to the record)
    status: str
    role: str | None = None  # a Role/Post column
    names: list[str] = field(default_factory=list)  # personal names seen in it
    chair: bool = False
    guest: bool = False


@dataclass(slots=True)
class Found:
    """A seat filled from the document."""

    status: str  # present, deputy, apologies or absent
    line: str
    by: str | None = None


@dataclass(slots=True)
class Imported:
    """What the document gave: the record's parts and what the editor must look at."""

    day: date | None
    day_text: str | None  # the date as the document wrote it
    start: str | None
    attendance: dict[str, Found]
    chair: str | None
    declarations_none: bool
    minutes: str
    unmatched: list[str]  # attendance lines no seat was found for (with why)
    names: list[str]  # personal names seen in the attendance
    had_attendance: bool
    # deputies written with by: FILL-IN: their lines held more than a post (a name)
    deputies_to_fill: list[str] = field(default_factory=list)
    # (line, text) in the minutes that may be a person's name (not from the attendance)
    likely_names: list[tuple[int, str]] = field(default_factory=list)


# ------------------------------------------------------------------ reading the blocks


def _text(el: Any) -> str:
    return " ".join(el.get_text(" ").split())


def _keyword(text: str) -> tuple[str | None, str, str]:
    """(status, keyword, rest) when a heading or paragraph starts an attendance section."""
    head, sep, rest = text.partition(":")
    plain = norm(_NUMBERING.sub("", head))
    if plain in _KEYWORD:
        return _KEYWORD[plain], plain, rest.strip() if sep else ""
    return None, "", ""


def _is_heading(el: Any) -> bool:
    return el.name in ("h1", "h2", "h3", "h4", "h5", "h6")


def _short_line(el: Any) -> bool:
    """A paragraph that can be one line of an attendance list (not a sentence)."""
    text = _text(el)
    return (el.name == "p" and 0 < len(text) <= 160 and len(text.split()) <= 16
            and not text.rstrip().endswith((".", "?", "!")))


def _lines_of(el: Any) -> list[str]:
    """A paragraph's lines (split at its line breaks)."""
    for br in el.find_all("br"):
        br.replace_with("\n")
    return [" ".join(line.split()) for line in el.get_text().split("\n") if line.strip()]


def find_date(texts: list[str]) -> tuple[date | None, str | None, str | None]:
    """The first date written in words in these texts, as written, and a time beside it."""
    for text in texts:
        for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
            m = pattern.search(text)
            if not m:
                continue
            day_s, month_s, year_s = ((m.group(1), m.group(2), m.group(3)) if order == "dmy"
                                      else (m.group(2), m.group(1), m.group(3)))
            month = next(i for i, name in enumerate(_MONTHS, 1)
                         if name.startswith(month_s.lower()[:3]))
            try:
                found = date(int(year_s), month, int(day_s))
            except ValueError:
                continue
            return found, m.group(0), _start_time(text)
    return None, None, None


def _start_time(text: str) -> str | None:
    m = _TIME.search(text)
    if not m:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    if half.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


class _Reader:
    """Takes the attendance out of the blocks of a document."""

    def __init__(self, matcher: SeatMatcher) -> None:
        self.matcher = matcher
        self.entries: list[Entry] = []
        self.declarations_none = False

    def table(self, el: Any, status: str, guest: bool) -> None:
        rows = [[_text(c) for c in row.find_all(["td", "th"])] for row in el.find_all("tr")]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        header = [_HEADER_WORDS.get(norm(c)) for c in rows[0]]
        cols: list[str | None] = [None] * len(rows[0])
        if all(header) or sum(h is not None for h in header) >= 2:
            cols, rows = header, rows[1:]
        for row in rows:
            kinds = cols + [None] * (len(row) - len(cols))
            names = [c for c, k in zip(row, kinds, strict=False) if k == "name" and c]
            role = next((c for c, k in zip(row, kinds, strict=False) if k == "role" and c),
                        None)
            said = next((c for c, k in zip(row, kinds, strict=False) if k == "status"), None)
            row_status = _STATUS_WORDS.get(norm(said), status) if said else status
            text = ", ".join(c for c, k in zip(row, kinds, strict=False)
                             if c and k not in ("name", "status"))
            self.add(text, row_status, guest, role=role, names=names,
                     raw=", ".join(c for c in row if c))

    def add(self, text: str, status: str, guest: bool, *, role: str | None = None,
            names: list[str] | None = None, chair: bool = False, raw: str = "") -> None:
        if not text.strip(" ,;.-") and not names:
            return
        names = [*(names or []), *self.matcher.names_in(text)]
        is_chair = chair or any(m.group(1) is None for m in _CHAIR.finditer(text)) or any(
            m.group(1) is None for m in _CHAIR.finditer(role or ""))
        lowered = text.lower()
        if status == PRESENT and re.search(r"\bapologies\b", lowered):
            status = "apologies"
        self.entries.append(Entry(text, raw or text, status, role, names, is_chair, guest))

    def items(self, el: Any, status: str, guest: bool) -> None:
        for li in el.find_all("li"):
            own = li.find_all(["ul", "ol"])
            for sub in own:
                sub.extract()
            self.add(_text(li), status, guest)

    def inline(self, rest: str, status: str, guest: bool) -> None:
        sep = ";" if ";" in rest else ","
        for piece in rest.split(sep):
            self.add(piece.strip(), status, guest)

    def read(self, blocks: list[Any]) -> tuple[list[Any], bool]:
        """The blocks without the attendance sections (read into ``entries``)."""
        kept: list[Any] = []
        found = False
        i = 0
        while i < len(blocks):
            el = blocks[i]
            text = _text(el)
            status, word, rest = _keyword(text) if el.name == "p" or _is_heading(el) else (
                None, "", "")
            chair_line = _CHAIR_LINE.match(text) if el.name == "p" else None
            if chair_line and chair_line.group(1).strip():
                self.add(chair_line.group(1), PRESENT, False, chair=True)
                found = True
                i += 1
                continue
            if status is None:
                if _is_heading(el) and _DECLARATIONS.search(text) and i + 1 < len(blocks):
                    nxt = blocks[i + 1]
                    self.declarations_none |= bool(nxt.name == "p" and _NO_DECLARATIONS.match(
                        _text(nxt)))
                elif el.name == "p" and _DECLARATIONS.search(text):
                    after = _DECLARATIONS.split(text, maxsplit=1)[-1].strip(" :.-")
                    self.declarations_none |= bool(_NO_DECLARATIONS.match(after))
                kept.append(el)
                i += 1
                continue
            found = True
            guest = word in _GUESTS
            if rest:
                self.inline(rest, status, guest)
            i += 1
            while i < len(blocks):
                nxt = blocks[i]
                if _is_heading(nxt) or (nxt.name == "p" and (
                        _keyword(_text(nxt))[0] is not None or _CHAIR_LINE.match(_text(nxt)))):
                    break
                if nxt.name == "table":
                    self.table(nxt, status, guest)
                elif nxt.name in ("ul", "ol"):
                    self.items(nxt, status, guest)
                elif _short_line(nxt):
                    for line in _lines_of(nxt):
                        self.add(line, status, guest)
                elif _is_heading(el):
                    kept.append(nxt)  # a sentence under the heading: kept in the minutes
                else:
                    break
                i += 1
        return kept, found


def read_document(doc: Converted, ds: Dataset, facts: Analysis, body: Body,
                  day: date | None) -> Imported:
    """Read a converted document for a meeting of ``body`` (on ``day`` when given; else
    on the date the document states)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(doc.html, "html.parser")
    blocks = [el for el in soup.contents if getattr(el, "name", None)]
    first = []
    for n, el in enumerate(blocks[:_FIRST_LINES]):
        if n and _is_heading(el):
            break
        first.append(el)
    stated, stated_text, start = find_date([_text(el) for el in first])
    on = day or stated
    if on is None:
        return Imported(None, None, start, {}, None, False, "", [], [], False)
    matcher = SeatMatcher(facts, body, on)
    # the title and opening lines that say what the record already says (body, date, that
    # these are minutes) are left out of the minutes
    names = {norm(n) for n in (body.name, body.short_name, body.id) if n}
    title: list[Any] = []
    for el in first:
        t = norm(_text(el))
        if not t or (_keyword(_text(el))[0] is not None) or _CHAIR_LINE.match(_text(el)):
            break
        if (any(n and n in t for n in names) or "minutes" in t.split()
                or (stated_text and norm(stated_text) in t)):
            title.append(el)
        else:
            break
    rest = [el for el in blocks if not any(el is t for t in title)]
    reader = _Reader(matcher)
    kept, had = reader.read(rest)
    attendance, chair, unmatched = _match(reader.entries, matcher, facts, body)
    html = "".join(str(el) for el in kept)
    names_seen = sorted({n for e in reader.entries for n in e.names})
    minutes = html_to_markdown(html)
    to_fill = [f.line for f in attendance.values() if f.by == FILL_IN]
    return Imported(on, stated_text, start, attendance, chair, reader.declarations_none,
                    minutes, unmatched, names_seen, had, to_fill,
                    likely_names(minutes, matcher, names_seen))


def _match(entries: list[Entry], matcher: SeatMatcher, facts: Analysis, body: Body
           ) -> tuple[dict[str, Found], str | None, list[str]]:
    attendance: dict[str, Found] = {}
    chair: str | None = None
    unmatched: list[str] = []
    for e in entries:
        line = e.raw
        deputy = _DEPUTY.search(e.text)
        target = e.text[deputy.end():] if deputy else e.text
        m = matcher.match(target, need_post=e.guest)
        if deputy and m.seat is None:
            m = matcher.match(e.text, need_post=e.guest)
        if m.seat is None:
            why = (f"fits more than one seat ({', '.join(m.ambiguous)})" if m.ambiguous
                   else "matches no seat of the body")
            unmatched.append(f"{e.status}: {line} ({why})")
            continue
        if m.seat in attendance:
            if e.chair and chair is None:
                chair = m.seat
            if attendance[m.seat].status != e.status or not e.chair:
                unmatched.append(f"{e.status}: {line} (also matches {m.seat}, already "
                                 f"recorded as {attendance[m.seat].status})")
            continue
        status, by = e.status, None
        if e.status == PRESENT and (deputy or m.deputy_post):
            status = "deputy"
            by = m.deputy_post or _deputy_post(e, deputy, matcher)
        elif e.status == "deputy":
            by = m.deputy_post or _deputy_post(e, None, matcher)
        attendance[m.seat] = Found(status, line, by)
        if e.chair and status in (PRESENT, "deputy") and chair is None:
            chair = m.seat
    return attendance, chair, unmatched


def _deputy_post(e: Entry, deputy: re.Match[str] | None, matcher: SeatMatcher) -> str | None:
    """The post of whoever deputised, never a name: the Role column, else the parts of the
    line before 'deputising for' that are not names and say a role or organisation.

    Every word kept must be a word of a post, role or organisation: 'Detective Sergeant
    Jane Smith' is not one, and gives ``FILL_IN`` (the editor writes the post)."""
    source = e.role if e.role else (e.text[:deputy.start()] if deputy else e.text)
    if deputy and e.role:
        m = _DEPUTY.search(e.role)
        source = e.role[:m.start()] if m else e.role
    kept = [p.strip(" .:") for p in parts(source) if not matcher.is_name(p.strip(" .:"))]
    post = ", ".join(p for p in kept if p and not _CHAIR.fullmatch(p))
    if not post or not matcher.vocabulary_in(post):
        return None
    return post if matcher.only_role_words(post) else FILL_IN


# ------------------------------------------------------------------ the record


NOTE = ("<!-- Imported from a Word document with `minutebook import minutes`: check the text "
        "against it.\n     No names of children, families or private individuals. This note "
        "is not shown on the site. -->\n\n")


def build_record(ds: Dataset, facts: Analysis, body: Body, imp: Imported, today: date) -> str:
    """The text of the record: ``new meeting``'s held record with the attendance, chair
    and declarations found filled in, and the minutes from the document."""
    assert imp.day is not None
    text = render_meeting(ds, facts, body, imp.day, status="held", today=today,
                          start=imp.start)
    start, end = front_matter_bounds(text)
    front = text[start:end]
    for seat, found in imp.attendance.items():
        by = found.by if found.by == FILL_IN else json.dumps(found.by, ensure_ascii=False)
        value = found.status if not found.by else f"{{status: deputy, by: {by}}}"
        pattern = re.compile(rf"^(  {re.escape(seat)}: ){re.escape(FILL_IN)}(?=\s|$)",
                             re.MULTILINE)
        front, n = pattern.subn(lambda m, v=value: m.group(1) + v, front)
        if n != 1:
            raise ScaffoldError(f"could not fill in the attendance of seat {seat}; fill it in "
                                "by hand")
    front = _realign(front)
    if imp.chair:
        line = (f"chair: {imp.chair}  # {seat_label(facts, body, imp.chair)}: named as chair "
                "in the document")
        front, n = re.subn(r"^#? ?chair: .*$", lambda _m: line, front, count=1,
                           flags=re.MULTILINE)
        if n != 1:
            front += line + "\n"
    if imp.declarations_none:
        front = re.sub(rf"^declarations: {re.escape(FILL_IN)}.*$",
                       "declarations: none  # the document records no declarations",
                       front, count=1, flags=re.MULTILINE)
    parsed = parse_yaml(front)
    data = parsed.data if isinstance(parsed.data, dict) else {}
    got = data.get("attendance") or {}
    for seat, found in imp.attendance.items():
        value = got.get(seat)
        status = value.get("status") if isinstance(value, dict) else value
        by = value.get("by") if isinstance(value, dict) else None
        if parsed.problems or status != found.status or by != found.by:
            raise ScaffoldError("could not write the attendance safely; fill it in by hand")
    if imp.chair and data.get("chair") != imp.chair:
        raise ScaffoldError("could not write the chair safely; fill it in by hand")
    minutes = imp.minutes or "## Minutes\n"
    return text[:start] + front + "---\n" + NOTE + minutes


_ROW = re.compile(r"^(  [\w-]+: .*?\S)\s+# (.*)$")


def _realign(front: str) -> str:
    """The attendance rows' comments aligned again after values changed length."""
    lines = front.split("\n")
    try:
        first = lines.index("attendance:") + 1
    except ValueError:
        return front
    last = first
    while last < len(lines) and lines[last].startswith("  "):
        last += 1
    rows = {i: _ROW.match(lines[i]) for i in range(first, last)}
    width = max((len(m.group(1)) for m in rows.values() if m), default=0)
    for i, m in rows.items():
        if m:
            lines[i] = f"{m.group(1).ljust(width)}  # {m.group(2)}"
    return "\n".join(lines)


def still_to_fill(body: Body, imp: Imported, facts: Analysis) -> list[str]:
    """The seats the document said nothing about, as 'seat-id (label)'."""
    assert imp.day is not None
    return [f"{s.id} ({seat_label(facts, body, s.id)})" for s in body.seats_on(imp.day)
            if not s.vacant_on(imp.day) and s.id not in imp.attendance]


def names_in_minutes(minutes: str, names: list[str]) -> list[tuple[int, str]]:
    """(line, name) where a name from the attendance is written in the minutes."""
    out = []
    for number, line in enumerate(minutes.split("\n"), 1):
        for name in names:
            if len(name) > 3 and re.search(rf"\b{re.escape(name)}\b", line, re.IGNORECASE):
                out.append((number, name))
    return out


def likely_names(minutes: str, matcher: SeatMatcher, known: list[str]
                 ) -> list[tuple[int, str]]:
    """(line, text) where the minutes may name a person (as :func:`names_in_minutes`, but
    found by the look of the words; the names from the attendance are left to that)."""
    named = {(n, name.lower()) for n, name in names_in_minutes(minutes, known)}
    out = []
    for number, line in enumerate(minutes.split("\n"), 1):
        for name in matcher.names_in_prose(line):
            if not any(n == number and (name.lower() in k or k in name.lower())
                       for n, k in named):
                out.append((number, name))
    return out


def said_date(imp: Imported) -> str:
    return in_words(imp.day) if imp.day else ""
