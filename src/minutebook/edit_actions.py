"""The everyday changes to an action, as edits of ``actions.yaml``'s text.

``minutebook action done``, ``extend`` and ``update`` (see ``cli_everyday``) each add one
update to the action's ``updates:`` (and, for done, set ``status: done`` and ``closed:``),
keeping the history: an extension leaves the original ``due:`` as it was and records the
new date in the update's ``due:`` (the checks read the latest update's ``due:`` as the
current due date, and the original one as what was first agreed).

An update is dated at a meeting (``meeting: <date>``) when it is made on the day of a
held meeting of the action's body and no ``--by`` is given; otherwise it is an update
between meetings (``date: <date>`` and ``by: <how it was reported>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import in_words
from .model import Action, Dataset
from .scaffold import ScaffoldError, did_you_mean
from .yamledit import TextEdit

#: ``by:`` of an update between meetings when the editor does not say how it was reported.
DEFAULT_BY = "secretariat"


@dataclass(frozen=True, slots=True)
class Edited:
    """The new text of ``actions.yaml`` and what was done, in words."""

    text: str
    index: int  # of the action in the list
    action_id: str
    said: str


def find_action(ds: Dataset, raw: list[Any], action_id: str) -> tuple[int, Action]:
    """The position in the file and the checked action with this id, or an error with the
    ids it may have meant."""
    ids = [str(a.get("id")) for a in raw if isinstance(a, dict)]
    index = next((i for i, a in enumerate(raw) if isinstance(a, dict)
                  and a.get("id") == action_id), None)
    if index is None:
        raise ScaffoldError(f"there is no action '{action_id}' in actions.yaml."
                            f"{did_you_mean(action_id, ids)}")
    action = next((a for a in ds.actions if a.id == action_id), None)
    if action is None or sum(1 for i in ids if i == action_id) > 1:
        raise ScaffoldError(f"the action '{action_id}' cannot be read (or its id is used "
                            "twice); run `minutebook check` and fix it first")
    return index, action


def _when(ds: Dataset, a: Action, on: date, by: str | None,
          today: date) -> list[tuple[str, str]]:
    """The update's first fields: the meeting it was made at, or its day and how."""
    if on > today:
        raise ScaffoldError(f"the date {on} is in the future (today is {today}); record the "
                            "change on the day it happened")
    if on < a.raised:
        raise ScaffoldError(f"the date {on} is before action {a.id} was raised ({a.raised})")
    m = ds.meeting(a.body, on)
    if by is None and m is not None and m.held:
        return [("meeting", on.isoformat())]
    how = " ".join((by or DEFAULT_BY).split())
    if not how:
        raise ScaffoldError("--by is empty; say how the change was reported (e.g. email)")
    return [("date", on.isoformat()), ("by", how)]


def _note(text: str | None, default: str) -> str:
    note = " ".join((text or "").split())
    return note or default


def _apply(before: str, raw: list[Any], index: int, fields: list[tuple[str, str]],
           sets: dict[str, str]) -> str:
    """``before`` with the update added to action ``index`` and its values set."""
    edit = TextEdit(before, "actions.yaml")
    where = ("actions", index)
    for key, value in sets.items():
        edit.set_value(where, key, value, after="status")
    edit.append_item(where, "updates", fields)
    expected = {**edit.data, "actions": list(edit.data["actions"])}
    item = dict(expected["actions"][index])
    item.update(sets)
    item["updates"] = [*item.get("updates", []), dict(fields)]
    expected["actions"][index] = item
    return edit.result(expected)


def mark_done(ds: Dataset, before: str, raw: list[Any], action_id: str, on: date,
              note: str | None, by: str | None, today: date) -> Edited:
    """Close an action: ``status: done``, ``closed: <on>``, and an update saying so."""
    index, a = find_action(ds, raw, action_id)
    if a.status in ("done", "dropped"):
        raise ScaffoldError(f"action {a.id} is already {a.status}"
                            + (f" (closed on {a.closed})" if a.closed else ""))
    when = _when(ds, a, on, by, today)
    fields = [*when, ("note", _note(note, "Done.")), ("status", "done")]
    text = _apply(before, raw, index, fields, {"status": "done", "closed": on.isoformat()})
    return Edited(text, index, a.id, f"Closed action {a.id} on {on} ({_how(when)}).")


def extend(ds: Dataset, before: str, raw: list[Any], action_id: str, to: date, reason: str,
           on: date, by: str | None, today: date) -> Edited:
    """Move an action's due date: an update with the new ``due:`` and the reason, which
    says the date it replaces; the original ``due:`` stays as it was agreed."""
    index, a = find_action(ds, raw, action_id)
    if a.status in ("done", "dropped"):
        raise ScaffoldError(f"action {a.id} is {a.status}; only an open action can be "
                            "given more time")
    current = a.current_due
    if to <= current:
        raise ScaffoldError(f"the new due date {to} is not later than the current one "
                            f"({current}); give a later date with --to")
    if to < on:
        raise ScaffoldError(f"the new due date {to} is before the day of the change ({on})")
    why = " ".join(reason.split())
    if not why:
        raise ScaffoldError("--reason is empty; say why the action needs more time")
    when = _when(ds, a, on, by, today)
    note = (f"Due date moved from {in_words(current)} to {in_words(to)}: {why}")
    fields = [*when, ("note", note), ("due", to.isoformat())]
    text = _apply(before, raw, index, fields, {})
    return Edited(text, index, a.id, f"Action {a.id} is now due on {to} (was {current}; "
                               f"{_how(when)}).")


def add_update(ds: Dataset, before: str, raw: list[Any], action_id: str, note: str,
               on: date, by: str | None, today: date) -> Edited:
    """Add an update (a note of progress) to an action."""
    index, a = find_action(ds, raw, action_id)
    text_note = " ".join(note.split())
    if not text_note:
        raise ScaffoldError("--note is empty; say what was reported")
    when = _when(ds, a, on, by, today)
    text = _apply(before, raw, index, [*when, ("note", text_note)], {})
    return Edited(text, index, a.id, f"Added an update to action {a.id} ({_how(when)}).")


def _how(when: list[tuple[str, str]]) -> str:
    fields = dict(when)
    if "meeting" in fields:
        return f"at the meeting of {fields['meeting']}"
    return f"between meetings, on {fields['date']}, by: {fields['by']}"
