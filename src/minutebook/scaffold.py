"""Scaffolding and careful edits for editors: new meeting records, new actions, ToR reviews.

Everything here is a pure function from what the repository says (the checked dataset and
the text of files) to new text, plus one writer, :func:`write_atomic`. The click commands
live in ``cli_edit``.

Edits never reformat what an editor wrote:

* a new action is appended as text after the last one in ``actions.yaml``, indented like
  the existing list, so every byte before it stays as it was;
* ``review --no-bump`` replaces the characters of one value (``review: last``) and nothing
  else;
* a new ToR version is a copy of the current one in which only the characters of the
  values that change are replaced (found from the YAML parser's positions), plus a line
  for a field the copy lacks, so comments, order, quoting, flow style and prose are kept.

(A ruamel.yaml round trip was considered for the ToR copy; it reproduces these files only
with per-file indentation settings and moves comments when a key is deleted, so positional
text edits are used throughout.)

Each result is parsed again with the checker's own YAML reader and compared with what was
intended before anything is written; a mismatch is an error, never a half-right file.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import fileio
from .analysis import Analysis
from .dates import read_date
from .load.positions import Positions
from .load.repo import BODIES_DIR, MEETINGS_DIR, TOR_DIR
from .load.yamlsrc import parse_yaml
from .model import ORDINARY, Action, Body, Dataset, Tor, TorVersion, version_key

#: What the editor must replace in a scaffolded held meeting (the check flags it).
FILL_IN = "FILL-IN"
ATTENDANCE_WORDS = "present, deputy, apologies or absent"

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
_ACTION_ID = re.compile(r"(?P<prefix>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<num>[0-9]+)\Z")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+)*\Z")


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message is for the editor."""


# ------------------------------------------------------------------ small helpers


def close_matches(word: str, options: Iterable[str], n: int = 3) -> list[str]:
    """Options that look like a mistyped ``word``, best first."""
    return difflib.get_close_matches(word, sorted(set(options)), n=n, cutoff=0.6)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    matches = close_matches(word, options)
    if not matches:
        return ""
    return " Did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where the checker reads it back unchanged, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if text and "\n" not in text and text == text.strip():
        for probe in (f"k: {text}\n", f"- {text}\n"):
            parsed = parse_yaml(probe)
            value = parsed.data.get("k") if isinstance(parsed.data, dict) else (
                parsed.data[0] if isinstance(parsed.data, list) and parsed.data else None)
            if parsed.problems or value != text:
                break
        else:
            return text
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def seat_label(facts: Analysis, body: Body, seat_id: str) -> str:
    return _one_line(facts.seat_label(body, seat_id))


def find_body(ds: Dataset, root: Path, body_id: str) -> Body:
    """The body with this id, or an error naming close matches."""
    body = ds.bodies.get(body_id)
    if body is not None:
        return body
    if (root / BODIES_DIR / f"{body_id}.yaml").is_file():
        raise ScaffoldError(
            f"the file {BODIES_DIR}/{body_id}.yaml has errors, so the body cannot be read; "
            "run `minutebook check` and fix them first")
    known = sorted(ds.bodies)
    msg = f"there is no body '{body_id}'.{did_you_mean(body_id, known)}"
    if known:
        msg += f"\nThe bodies are: {', '.join(known)}"
    raise ScaffoldError(msg)


def parse_day(text: str, what: str = "date") -> date:
    try:
        return read_date(text)
    except ValueError as exc:
        raise ScaffoldError(f"the {what} {exc}") from None


# ------------------------------------------------------------------ writing files


def write_atomic(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a file atomically (see :func:`minutebook.fileio.write_atomic`)."""
    try:
        fileio.write_atomic(path, text, overwrite=overwrite)
    except FileExistsError as exc:
        raise ScaffoldError(str(exc)) from None


def read_text_exact(path: Path) -> str:
    """A file's text with its line endings kept (so edits can keep every other byte)."""
    return path.read_bytes().decode("utf-8")


# ------------------------------------------------------------------ new meeting


def meeting_file(body_id: str, day: date) -> str:
    return f"{MEETINGS_DIR}/{body_id}/{day.isoformat()}.md"


def chair_due(body: Body, tor: TorVersion | None, day: date) -> tuple[str | None, list[str]]:
    """The seat due to chair on a day (chair_terms, else a fixed chair seat) and the other
    offices in post then, as 'role: seat'."""
    chair: str | None = None
    others: list[str] = []
    for term in sorted(body.chair_terms, key=lambda t: t.start):
        if not term.covers(day):
            continue
        if term.role == "chair" and chair is None:
            chair = term.seat
        else:
            others.append(f"{term.role}: {term.seat}")
    if chair is None and tor and tor.chair and tor.chair.method == "fixed" and tor.chair.seat:
        chair = tor.chair.seat
    return chair, others


def open_actions(ds: Dataset, body_id: str, day: date) -> list[Action]:
    """Actions of a body raised before a day and still open on it."""
    out = [a for a in ds.actions if a.body == body_id and a.raised < day
           and (a.is_open or (a.status != "escalated" and a.closed is not None
                              and a.closed >= day))]
    return sorted(out, key=lambda a: (a.current_due, a.id))


def _aligned(rows: list[tuple[str, str]], prefix: str) -> list[str]:
    """'key: value' rows with their '# comment' aligned."""
    width = max((len(left) for left, _ in rows), default=0)
    return [f"{prefix}{left.ljust(width)}  # {comment}" if comment else f"{prefix}{left}"
            for left, comment in rows]


def render_meeting(ds: Dataset, facts: Analysis, body: Body, day: date, *, status: str,
                   today: date, start: str | None = None, kind: str = ORDINARY) -> str:
    """The text of a new meeting record, pre-filled from the body and its ToR.

    A *scheduled* record passes the check as it is: everything to be filled in after the
    meeting is written as comments. A *held* record lists every seat with ``FILL-IN`` (and
    blanks for milestone dates already due), which the check reports until the editor
    has filled them in.
    """
    if status not in ("scheduled", "held"):
        raise ScaffoldError(f"status must be scheduled or held, not '{status}'")
    if start is not None and not _TIME.match(start):
        raise ScaffoldError(f"the time '{start}' is not HH:MM, e.g. 10:30")
    held = status == "held"
    tor = facts.tor_on(body, day)
    declared = tor.meeting_kind(kind) if tor else None
    if kind != ORDINARY and declared is None:
        known = ", ".join([ORDINARY, *(k.id for k in tor.meeting_kinds)]) if tor else ORDINARY
        raise ScaffoldError(f"the ToR of {body.label} in force on {day} declares no kind of "
                            f"meeting '{kind}' (its kinds: {known})")
    lines: list[str] = ["---"]
    lines.append(f"# The {'record of the' if held else 'scheduled'} meeting of "
                 f"{_one_line(body.label)} on {day}, started with `minutebook new meeting`.")
    if held:
        lines.append(f"# Replace every {FILL_IN} and fill in every empty value; "
                     "`minutebook check` lists any left.")
    else:
        lines.append("# After the meeting: set status: held and fill in the lines marked "
                     "below (see docs/editors/add-minutes.md).")
    lines.append(f"date: {day.isoformat()}")
    if start:
        lines.append(f'start: "{start}"')
    lines.append(f"status: {status}")
    if kind != ORDINARY:
        lines.append(f"kind: {kind}")
    if body.meets:
        lines.append(f"location: {yaml_scalar(_one_line(body.meets))}")
    lines.append(f"classification: {body.classification}")

    # ---- chair
    chair, others = chair_due(body, tor, day)
    if chair:
        lines.append(f"chair: {chair}  # {seat_label(facts, body, chair)}: due to chair on this "
                     "date; if someone else chaired, write their seat id")
    elif held and tor is not None and tor.chair is not None:
        lines.append(f"chair: {FILL_IN}  # the seat id of the member who chaired")
    else:
        lines.append("# chair: <the seat id of the member who chaired>")
    for other in others:
        role, seat = other.split(": ")
        lines.append(f"# {role} on this date: {seat} ({seat_label(facts, body, seat)})")

    # ---- attendance
    active = body.seats_on(day)
    rows = [(f"{s.id}: {FILL_IN}", seat_label(facts, body, s.id))
            for s in active if not s.vacant_on(day)]
    vacant = [s for s in active if s.vacant_on(day)]
    if held:
        lines.append("attendance:")
        lines.append(f"  # For each seat write {ATTENDANCE_WORDS} in place of {FILL_IN}.")
        lines.append('  # If a deputy came: seat-id: {status: deputy, by: "post of the deputy"}')
        lines.extend(_aligned(rows, "  "))
        lines.extend(f"  # {s.id}: vacant since {s.vacant_since}" for s in vacant)
    else:
        lines.append("# After the meeting, remove the '# ' at the start of the lines below and")
        lines.append(f"# write {ATTENDANCE_WORDS} for each seat in place of {FILL_IN}:")
        lines.append("# attendance:")
        lines.extend(_aligned(rows, "#   "))
        lines.extend(f"#   # {s.id}: vacant since {s.vacant_since}" for s in vacant)

    # ---- milestones (the ToR's deadlines, with the dates they fall due)
    due_rows: list[tuple[str, str, bool]] = []  # (milestone, comment, blank to fill in now)
    for d in tor.deadlines if tor else ():
        due = ds.calendar_of(body).deadline(day, d.offset)
        comment = f"due by {due} ({d.offset})"
        due_rows.append((d.milestone, comment, held and due <= today))
    if any(blank for _, _, blank in due_rows):
        lines.append("milestones:")
        lines.append("  # Write the date each was done (YYYY-MM-DD); delete a line if it "
                     "was not done.")
        lines.extend(
            f"  {name}:  # {comment}" if blank else f"  # {name}: YYYY-MM-DD  # {comment}"
            for name, comment, blank in due_rows)
    elif due_rows:
        lines.append("# Deadlines in the ToR. When one is met, remove the '# ' from "
                     "'milestones:' and from its line,")
        lines.append("# and write the date it was done:")
        lines.append("# milestones:")
        lines.extend(f"#   {name}: YYYY-MM-DD  # {comment}" for name, comment, _ in due_rows)

    # ---- declarations and minutes
    if tor is not None and tor.declarations_required:
        if held:
            lines.append(f"declarations: {FILL_IN}  # write none, or list each declaration "
                         "of interest: {seat, item, interest}")
        else:
            lines.append("# declarations: none  # after the meeting: none, or list each "
                         "declaration of interest")
    if tor is not None and tor.minutes_approval == "next-meeting":
        if held:
            lines.append("minutes:")
            lines.append("  status: draft  # approved (with approved_at: <date>) once the "
                         "next meeting approves them")
        else:
            lines.append("# minutes: {status: draft}  # after the meeting, until the next "
                         "meeting approves them")

    # ---- agenda
    fixed = list(declared.agenda) if declared else []
    items = fixed + [i for i in (tor.standing_items if tor else ()) if i not in fixed]
    if fixed:
        lines.append(f"agenda:  # the ToR's items for {kind} meetings, in its order, then its "
                     "standing items")
    elif items:
        lines.append("agenda:  # the standing items of the ToR; add or remove items as needed")
    lines.extend(f"  - {yaml_scalar(_one_line(item))}" for item in items)
    lines.append("---")

    # ---- the minutes themselves
    actions = open_actions(ds, body.id, day)
    out = "\n".join(lines) + "\n"
    out += ("<!-- Write the minutes under each heading: what was discussed and agreed. "
            "No names of children,\n     families or private individuals. This note is not "
            "shown on the site. -->\n")
    headings = [_one_line(i) for i in items] or ["Minutes"]
    action_heading = next((h for h in headings if "action" in h.lower()), None)
    for heading in headings:
        out += f"\n## {heading}\n"
        if heading == action_heading and actions:
            out += "\n" + _actions_section(facts, body, day, actions, "###")
    if action_heading is None and actions:
        out += "\n" + _actions_section(facts, body, day, actions, "##")
    return out


def _actions_section(facts: Analysis, body: Body, day: date, actions: list[Action],
                     level: str) -> str:
    lines = [f"{level} Open actions to review", ""]
    for a in actions:
        org = facts.org(a.owner_organisation)
        owner = (seat_label(facts, body, a.owner_seat) if a.owner_seat
                 else _one_line(org.label) if org else a.owner_organisation or "")
        lines.append(f"- **{a.id}** {_one_line(a.description)} (owner: {owner}; "
                     f"due {a.current_due})")
    lines += ["", ("<!-- Record what the meeting said about each action in actions.yaml: "
                   "find the action by its id"),
              "     and add an update under it, for example",
              "       updates:",
              f"       - meeting: {day}",
              "         note: What was reported.",
              (f"     When an action is finished, also set status: done and closed: {day}. "
               "New actions: see"),
              "     docs/editors/add-minutes.md (minutebook new action). -->", ""]
    return "\n".join(lines)


# ------------------------------------------------------------------ new action


@dataclass(frozen=True, slots=True)
class NewAction:
    """A validated action ready to append."""

    id: str
    body: str
    raised: date
    description: str
    owner_kind: str  # seat | organisation
    owner: str
    due: date

    def as_data(self) -> dict[str, Any]:
        """As the checker reads it back (dates are text)."""
        return {"id": self.id, "body": self.body, "raised": self.raised.isoformat(),
                "description": self.description, "owner": {self.owner_kind: self.owner},
                "due": self.due.isoformat(), "status": "open"}


def derive_prefix(body_id: str, taken: set[str]) -> str:
    """An action-id prefix for a body without actions: its initials, else its id."""
    initials = "".join(word[0] for word in body_id.split("-") if word)
    for candidate in (initials, body_id):
        if len(candidate) >= 2 and candidate not in taken:
            return candidate
    return body_id


def next_action_id(actions: list[Any], body_id: str) -> str:
    """The next free id for a body's actions: its prefix and the next number after the
    highest one used (numbers are never reused), zero-padded as the existing ids are."""
    all_ids = {str(a.get("id")) for a in actions if isinstance(a, dict)}
    mine: Counter[str] = Counter()
    numbers: dict[str, list[str]] = {}
    taken: set[str] = set()
    for a in actions:
        if not isinstance(a, dict):
            continue
        match = _ACTION_ID.match(str(a.get("id", "")))
        if not match:
            continue
        if a.get("body") == body_id:
            mine[match["prefix"]] += 1
            numbers.setdefault(match["prefix"], []).append(match["num"])
        else:
            taken.add(match["prefix"])
    if mine:
        prefix = mine.most_common(1)[0][0]
        nums = numbers[prefix]
        width = max(len(n) for n in nums)
        n = max(int(x) for x in nums) + 1
    else:
        prefix, width, n = derive_prefix(body_id, taken), 3, 1
    while f"{prefix}-{n:0{width}d}" in all_ids:
        n += 1
    return f"{prefix}-{n:0{width}d}"


def plan_action(ds: Dataset, root: Path, raw_actions: list[Any], body_id: str, meeting: str,
                owner: str, due: str, description: str, today: date) -> NewAction:
    """Validate a new action against the repository and give it the next free id."""
    body = find_body(ds, root, body_id)
    day = parse_day(meeting, "meeting date")
    due_day = parse_day(due, "due date")
    m = ds.meeting(body.id, day)
    if m is None:
        if (root / meeting_file(body.id, day)).is_file():
            raise ScaffoldError(f"the record {meeting_file(body.id, day)} has errors; run "
                                "`minutebook check` and fix them first")
        dates = sorted((x.date for x in ds.meetings.get(body.id, ())),
                       key=lambda d: abs((d - day).days))[:3]
        near = (f" Its meetings nearest that date: {', '.join(str(d) for d in sorted(dates))}."
                if dates else " It has no meeting records yet.")
        raise ScaffoldError(f"{body.label} has no meeting on {day} (no file "
                            f"{meeting_file(body.id, day)}).{near}")
    if m.status == "cancelled":
        raise ScaffoldError(f"the meeting of {body.label} on {day} was cancelled, so it "
                            "cannot raise actions")
    if day > today:
        raise ScaffoldError(f"the meeting on {day} has not taken place yet (today is {today})")
    if due_day < day:
        raise ScaffoldError(f"the due date {due_day} is before the meeting ({day})")
    text = _one_line(description)
    if not text:
        raise ScaffoldError("the description is empty; say what is to be done")
    if body.seat(owner) is not None:
        kind = "seat"
    elif owner in ds.organisations:
        kind = "organisation"
    else:
        hint = did_you_mean(owner, [s.id for s in body.seats] + list(ds.organisations))
        raise ScaffoldError(
            f"'{owner}' is neither a seat of {body.label} nor an organisation id.{hint}\n"
            f"The seats of {body.id} are: {', '.join(s.id for s in body.seats_on(day))}")
    return NewAction(next_action_id(raw_actions, body.id), body.id, day, text, kind, owner,
                     due_day)


def _item_layout(text: str, positions: Positions,
                 count: int) -> int:
    """The column of the '-' of the items of the top-level ``actions:`` list."""
    lines = text.split("\n")
    line_no, col = positions[("actions", count - 1)]
    line = lines[line_no - 1]
    before = line[: col - 1].rstrip()
    if before.endswith("-") and not before[:-1].strip():
        return len(before) - 1
    for prev in reversed(lines[: line_no - 1]):  # '-' alone on the line before
        if prev.strip() == "-":
            return len(prev) - len(prev.lstrip())
        if prev.strip() and not prev.lstrip().startswith("#"):
            break
    raise ScaffoldError("cannot work out how the list in actions.yaml is indented; add the "
                        "action by hand")


def render_action(action: NewAction, dash: int) -> str:
    pad, key = " " * dash, " " * (dash + 2)
    return (f"{pad}- id: {action.id}\n"
            f"{key}body: {action.body}\n"
            f"{key}raised: {action.raised}\n"
            f"{key}description: {yaml_scalar(action.description)}\n"
            f"{key}owner:\n"
            f"{key}  {action.owner_kind}: {action.owner}\n"
            f"{key}due: {action.due}\n"
            f"{key}status: open\n")


_EMPTY_ACTIONS = re.compile(r"^actions:[ \t]*(\[[ \t]*\])?[ \t]*(#[^\n]*)?$", re.MULTILINE)


def append_action(text: str, action: NewAction) -> str:
    """``actions.yaml`` with the action appended as text after the last one.

    Every byte of ``text`` is kept (when the list has items); the new item copies the
    list's indentation and the file's line endings. The result is read back and must
    hold exactly the old actions plus the new one.
    """
    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n")
    bom = plain.startswith("\ufeff")
    body = plain[1:] if bom else plain
    parsed = parse_yaml(body)
    if parsed.problems or not isinstance(parsed.data, dict):
        raise ScaffoldError("actions.yaml cannot be read; run `minutebook check` and fix it "
                            "first")
    old = parsed.data.get("actions")
    if old is None or old == []:
        match = list(_EMPTY_ACTIONS.finditer(body))
        if len(match) != 1:
            raise ScaffoldError("cannot find the 'actions:' line in actions.yaml")
        m = match[0]
        comment = f"  {m[2]}" if m[2] else ""
        head = body[: m.start()] + "actions:" + comment + body[m.end():]
        old = []
        dash = 0
    elif isinstance(old, list):
        head = body
        dash = _item_layout(body, parsed.positions, len(old))
    else:
        raise ScaffoldError("'actions:' in actions.yaml is not a list")
    if head and not head.endswith("\n"):
        head += "\n"
    new_body = head + render_action(action, dash)
    check = parse_yaml(new_body)
    if check.problems or not isinstance(check.data, dict) or check.data.get("actions") != [
            *old, action.as_data()]:
        raise ScaffoldError("adding the action as text would change the meaning of "
                            "actions.yaml; add it by hand")
    out = ("\ufeff" if bom else "") + new_body
    return out.replace("\n", "\r\n") if crlf else out


# ------------------------------------------------------------------ ToR review


def next_minor(version: str) -> str:
    """1.0 -> 1.1, 1.9 -> 1.10, 2 -> 2.1."""
    parts = version.split(".")
    if len(parts) == 1:
        return f"{parts[0]}.1"
    return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])


_FRONT_START = re.compile(r"\ufeff?---[ \t]*\r?\n")  # (as load.source reads them)
_FRONT_END = re.compile(r"^---[ \t]*(\r?\n|\Z)", re.MULTILINE)


def front_matter_bounds(text: str) -> tuple[int, int]:
    """Start and end (character offsets) of the YAML between the '---' lines."""
    start = _FRONT_START.match(text)
    if not start:
        raise ScaffoldError("the file does not start with a '---' line")
    end = _FRONT_END.search(text, start.end())
    if not end:
        raise ScaffoldError("the file has no closing '---' line after its details")
    return start.end(), end.start()


@dataclass(slots=True)
class YamlIndex:
    """Where things are in a YAML text (character offsets), from the parser's events."""

    values: dict[tuple[Any, ...], tuple[int, int]]  # scalar values
    keys: dict[tuple[Any, ...], tuple[int, int]]  # the key that introduces a value
    flow: dict[tuple[Any, ...], bool]  # collections: written in { } or [ ]
    ends: dict[tuple[Any, ...], int]  # collections: end of their last character


def index_yaml(text: str) -> YamlIndex:
    """Index a YAML text: for every value its path and its exact position."""
    out = YamlIndex({}, {}, {}, {})
    stack: list[list[Any]] = []  # [path, is_mapping, pending key (or next index), key span]

    def child() -> tuple[Any, ...] | None:
        """The path of the node starting now, or None when it is a mapping key."""
        if not stack:
            return ()
        frame = stack[-1]
        if frame[1]:
            if frame[2] is None:
                return None
            path = (*frame[0], frame[2])
            out.keys[path] = frame[3]
            frame[2] = None
            return path
        frame[2] += 1
        return (*frame[0], frame[2] - 1)

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.ScalarEvent):
                path = child()
                span = (event.start_mark.index, event.end_mark.index)
                if path is None:
                    stack[-1][2], stack[-1][3] = event.value, span
                else:
                    out.values[path] = span
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                path = child()
                if path is None:
                    raise ScaffoldError("a key in the file is not plain text")
                is_map = isinstance(event, yaml.MappingStartEvent)
                out.flow[path] = bool(event.flow_style)
                stack.append([path, is_map, None if is_map else 0, None])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                path = stack.pop()[0]
                inner = [end for p, (_, end) in out.values.items() if p[: len(path)] == path]
                out.ends[path] = (event.end_mark.index if out.flow[path]
                                  else max(inner, default=event.start_mark.index))
    except yaml.YAMLError as exc:
        raise ScaffoldError(f"the file cannot be read: {exc}") from None
    return out


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _after_line(text: str, at: int) -> int:
    """The offset just after the end of the line containing ``at``."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end + 1


def _block_tail(old: str) -> str:
    """The line breaks a block scalar (| or >) includes at its end, to keep after a
    replacement (a plain or quoted scalar ends at the end of its text)."""
    return old[len(old.rstrip("\n")):] if old[:1] in ("|", ">") else ""


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace spans of text, from the last to the first (they must not overlap)."""
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def replace_value(text: str, path: tuple[Any, ...], new: str) -> str:
    """Replace the characters of one scalar in a Markdown file's front matter, nothing
    else; the result must read back as the same data with only that value changed."""
    start, end = front_matter_bounds(text)
    front = text[start:end]
    spans = index_yaml(front).values
    if path not in spans:
        raise ScaffoldError(f"the file has no value at {'.'.join(map(str, path))}")
    a, b = spans[path]
    new_front = front[:a] + new + _block_tail(front[a:b]) + front[b:]
    expected = parse_yaml(front.replace("\r\n", "\n")).data
    target = expected
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = parse_yaml(f"k: {new}\n").data["k"]
    after = parse_yaml(new_front.replace("\r\n", "\n"))
    if after.problems or after.data != expected:
        raise ScaffoldError("the edit would change more than the one value; edit the file "
                            "by hand")
    return text[:start] + new_front + text[end:]


def record_review(text: str, day: date) -> str:
    """A ToR version's text with ``review: last`` set to ``day`` and nothing else changed
    (``review: not stated`` becomes ``{every: not stated, last: <day>}``)."""
    start, end = front_matter_bounds(text)
    if ("review",) in index_yaml(text[start:end]).values:  # review: not stated
        return replace_value(text, ("review",), f"{{every: not stated, last: {day}}}")
    return replace_value(text, ("review", "last"), day.isoformat())


@dataclass(frozen=True, slots=True)
class NewVersion:
    """What a review that produces a new ToR version sets."""

    version: str
    day: date
    approved_by: str | None
    at_meeting: bool
    note: str


def bump_tor(text: str, old_version: str, new: NewVersion) -> str:
    """A new ToR version's text: a copy of ``text`` with version, status, in_force_from,
    review.last, approval and change_note set, by editing those values in the text, so
    comments, order, layout and the prose stay as they were.

    An approved version gets ``approved: {date, by}`` (``at_meeting: true`` when the
    approving body met that day); a draft loses the old version's ``approved:`` entry.
    """
    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n").removeprefix("\ufeff")
    start, end = front_matter_bounds(plain)
    front = plain[start:end]
    old = parse_yaml(front)
    if old.problems or not isinstance(old.data, dict):
        raise ScaffoldError("the current version cannot be read; run `minutebook check`")
    ix = index_yaml(front)
    iso = new.day.isoformat()
    edits: list[tuple[int, int, str]] = []

    def set_value(path: tuple[Any, ...], value: str) -> None:
        if path not in ix.values:
            raise ScaffoldError(f"the current version has no plain value for "
                                f"{'.'.join(map(str, path))}; copy the file by hand")
        a, b = ix.values[path]
        edits.append((a, b, value + _block_tail(front[a:b])))

    def after_entry(key: str) -> int:
        """Where a new top-level line can go: after the entry of ``key`` (or the end)."""
        path = (key,)
        if path in ix.values:
            return _after_line(front, ix.values[path][1])
        if path in ix.ends:
            return _after_line(front, max(ix.ends[path] - 1, 0))
        return len(front)

    set_value(("version",), f'"{new.version}"')
    set_value(("in_force_from",), iso)
    if ("review",) in ix.values:  # review: not stated: the review date is now known
        set_value(("review",), f"{{every: not stated, last: {iso}}}")
    else:
        set_value(("review", "last"), iso)
    set_value(("status",), "approved" if new.approved_by else "draft")
    approved = old.data.get("approved")
    if new.approved_by and approved == "not stated":  # now known: write it in full
        extra = ", at_meeting: true" if new.at_meeting else ""
        set_value(("approved",), f"{{date: {iso}, by: {new.approved_by}{extra}}}")
    if new.approved_by and isinstance(approved, dict):
        set_value(("approved", "date"), iso)
        set_value(("approved", "by"), new.approved_by)
        flag = "true" if new.at_meeting else "false"
        if "at_meeting" in approved:
            set_value(("approved", "at_meeting"), flag)
        elif new.at_meeting:
            by_end = ix.values[("approved", "by")][1]
            if ix.flow[("approved",)]:
                edits.append((by_end, by_end, ", at_meeting: true"))
            else:
                key_start = ix.keys[("approved", "by")][0]
                indent = " " * (key_start - _line_start(front, key_start))
                at = _after_line(front, by_end)
                edits.append((at, at, f"{indent}at_meeting: true\n"))
    elif new.approved_by and approved == "not stated":
        pass  # written in full above
    elif new.approved_by:
        if approved is not None:
            raise ScaffoldError("approved: in the current version is not a set of fields; "
                                "copy the file by hand")
        extra = ", at_meeting: true" if new.at_meeting else ""
        at = after_entry("in_force_from")
        edits.append((at, at, f"approved: {{date: {iso}, by: {new.approved_by}{extra}}}\n"))
    elif approved is not None:
        key = ix.keys[("approved",)]
        last = ix.ends.get(("approved",), ix.values.get(("approved",), key)[1])
        edits.append((_line_start(front, key[0]), _after_line(front, max(last - 1, key[1])),
                      ""))
    note = yaml_scalar(_one_line(new.note))
    if "change_note" in old.data:
        set_value(("change_note",), note)
    else:
        at = after_entry("classification")
        edits.append((at, at, f"change_note: {note}\n"))
    new_front = _renumber_comments(_apply(front, edits), old_version, new.version)

    expected = old.data
    expected.update(version=new.version, in_force_from=iso, change_note=_one_line(new.note),
                    status="approved" if new.approved_by else "draft")
    if isinstance(expected["review"], dict):
        expected["review"]["last"] = iso
    else:
        expected["review"] = {"every": "not stated", "last": iso}
    if new.approved_by:
        fields = {**(approved if isinstance(approved, dict) else {}), "date": iso,
                  "by": new.approved_by}
        if new.at_meeting or "at_meeting" in fields:
            fields["at_meeting"] = new.at_meeting
        expected["approved"] = fields
    else:
        expected.pop("approved", None)
    parsed = parse_yaml(new_front)
    if parsed.problems or parsed.data != expected:
        raise ScaffoldError("could not write the new version safely; copy the file by hand")
    result = plain[:start] + new_front + plain[end:]
    return result.replace("\n", "\r\n") if crlf else result


def _renumber_comments(front: str, old: str, new: str) -> str:
    """Say the new version number in the comment lines at the top of the front matter."""
    lines = front.split("\n")
    pattern = re.compile(rf"\bversion {re.escape(old)}(?!\.?[0-9])")
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            break
        lines[i] = pattern.sub(f"version {new}", line)
    return "\n".join(lines)


def tor_file(tor_id: str, version: str) -> str:
    return f"{TOR_DIR}/{tor_id}/{version}.md"


def review_base(tor: Tor, day: date) -> TorVersion:
    """The version a review on ``day`` reviews: the one in force then."""
    base = tor.in_force(day)
    if base is None:
        raise ScaffoldError(f"no version of the ToR {tor.id} is in force on {day} (the first "
                            f"starts {tor.versions[0].in_force_from})")
    return base


def plan_new_version(tor: Tor, base: TorVersion, day: date) -> str:
    """The number of the version a review creates (a minor bump of the highest)."""
    latest = max(tor.versions, key=lambda v: version_key(v.version))
    if latest is not base:
        raise ScaffoldError(
            f"version {latest.version} of {tor.id} (from "
            f"{latest.in_force_from if latest.in_force_stated else 'a date not stated'}, "
            f"{latest.status}) comes after version {base.version}, the one in force on {day}; "
            + ("approve it with --approved-by BODY, " if latest.status == "draft" else "")
            + "edit that version, or record a review with no changes using --no-bump")
    if day < base.in_force_from:
        raise ScaffoldError(f"{day} is before version {base.version} came into force "
                            f"({base.in_force_from})")
    if not _VERSION.match(base.version):
        raise ScaffoldError(f"the version number '{base.version}' is not like 1.0")
    return next_minor(base.version)
