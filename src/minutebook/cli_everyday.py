"""The everyday changes, one command each: ``minutebook action done | extend | update`` and
``minutebook chair``.

Like the other editor's commands (``cli_edit``): read and check the repository, refuse in
words what cannot be done safely (exit 2), edit one file's text keeping its comments and
layout (``edit_actions``, ``edit_chair``), write it atomically, then check again and show
the findings for what changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from .cli_edit import (
    EditError,
    _common,
    _load,
    _refusals,
    _root,
    _show_findings,
    _write,
    read_day,
    refuse_link,
)
from .edit_actions import DEFAULT_BY, Edited, add_update, extend, mark_done
from .edit_chair import HOW, plan_term
from .load.repo import ACTIONS_FILE
from .scaffold import find_body, read_text_exact

_ON = click.option("--on", "on", metavar="YYYY-MM-DD", callback=read_day,
                   help="The day it happened (default: today). On the day of a held meeting "
                        "of the action's body, without --by, the update is the meeting's.")
_BY = click.option("--by", "by", metavar="HOW",
                   help="How it was reported between meetings: email, chair, owner, or in "
                        f"words (default: {DEFAULT_BY}).")


@click.group()
def action() -> None:
    """Record an action done, given more time, or updated: one step each."""


def _edit_actions(repo: str, today: date | None, change: Any) -> None:
    """Run one change of actions.yaml: ``change(ds, text, raw, today)`` gives the edit."""
    root = _root(repo)
    today = today or date.today()
    path = root / ACTIONS_FILE
    with _refusals(root):
        refuse_link(root, ACTIONS_FILE)
        result = _load(root, today)
        assert result.dataset is not None
        assert result.repo is not None
        src = next((s for s in result.repo.sources if s.kind == "actions"), None)
        if src is None or not path.is_file():
            raise EditError(f"there is no {ACTIONS_FILE}; add actions with "
                            "`minutebook new action` first")
        if not src.ok:
            raise EditError(f"{ACTIONS_FILE} cannot be read; run `minutebook check` and fix "
                            "it first")
        raw = src.data.get("actions") or []
        if not isinstance(raw, list):
            raise EditError(f"'actions:' in {ACTIONS_FILE} is not a list")
        before = read_text_exact(path)
        edited: Edited = change(result.dataset, before, raw, today)
        if read_text_exact(path) != before:
            raise EditError(f"{ACTIONS_FILE} changed while it was being edited; run the "
                            "command again")
        _write(root, ACTIONS_FILE, edited.text, overwrite=True)
    click.echo(edited.said)
    click.echo("")
    _show_findings(root, today, ACTIONS_FILE, f"$.actions[{edited.index}]",
                   f"action {edited.action_id}")


@action.command("done")
@click.argument("action_id", metavar="ID")
@_ON
@click.option("--note", metavar="TEXT", help="What was done (default: Done.).")
@_BY
@_common
def action_done(action_id: str, on: date | None, note: str | None, by: str | None, repo: str,
                today: date | None) -> None:
    """Close action ID: status done, closed on the day, and an update saying so."""
    _edit_actions(repo, today, lambda ds, text, raw, now: mark_done(
        ds, text, raw, action_id, on or now, note, by, now))


@action.command("extend")
@click.argument("action_id", metavar="ID")
@click.option("--to", "to", required=True, metavar="YYYY-MM-DD", callback=read_day,
              help="The new due date (later than the current one).")
@click.option("--reason", required=True, metavar="TEXT", help="Why it needs more time.")
@_ON
@_BY
@_common
def action_extend(action_id: str, to: date, reason: str, on: date | None, by: str | None,
                  repo: str, today: date | None) -> None:
    """Move the due date of action ID, keeping the record that it slipped.

    The original due: stays; an update records the new date (its due:) and the reason,
    and says which date it replaces. The checks use the latest update's due date.
    """
    _edit_actions(repo, today, lambda ds, text, raw, now: extend(
        ds, text, raw, action_id, to, reason, on or now, by, now))


@action.command("update")
@click.argument("action_id", metavar="ID")
@click.option("--note", required=True, metavar="TEXT", help="What was reported.")
@_ON
@_BY
@_common
def action_update(action_id: str, note: str, on: date | None, by: str | None, repo: str,
                  today: date | None) -> None:
    """Add an update to action ID (at a meeting, or between meetings with how it came)."""
    _edit_actions(repo, today, lambda ds, text, raw, now: add_update(
        ds, text, raw, action_id, note, on or now, by, now))


@click.command()
@click.argument("body")
@click.option("--seat", required=True, metavar="SEAT",
              help="The seat taking office (or vacant: the office is declared vacant).")
@click.option("--from", "day", required=True, metavar="YYYY-MM-DD", callback=read_day,
              help="The first day in office.")
@click.option("--office", default="chair", show_default=True, metavar="OFFICE",
              help="chair, co-chair, vice-chair, or the id of an office in the ToR.")
@click.option("--how", type=click.Choice(HOW), default=None,
              help="How the term began (appointed, elected, ...).")
@click.option("--replacing", metavar="SEAT",
              help="The holder whose term ends, where the office has several.")
@_common
def chair(body: str, seat: str, day: date, office: str, how: str | None, replacing: str | None,
          repo: str, today: date | None) -> None:
    """Record a new term of BODY's chair (or another office) from a date.

    Adds the term to chair_terms in the body's file, and ends the previous holder's term
    the day before (until:), keeping the file's comments and layout.
    """
    root = _root(repo)
    today = today or date.today()
    with _refusals(root):
        result = _load(root, today)
        ds, facts = result.dataset, result.facts
        assert ds is not None
        assert facts is not None
        b = find_body(ds, root, body)
        rel = b.at.file
        refuse_link(root, rel)
        before = read_text_exact(Path(root, rel))
        term = plan_term(facts, b, before, seat, day, office, how, replacing, today)
        if read_text_exact(Path(root, rel)) != before:
            raise EditError(f"{rel} changed while it was being edited; run the command again")
        _write(root, rel, term.text, overwrite=True)
    for line in term.said:
        click.echo(line)
    click.echo("")
    _show_findings(root, today, rel)


def register(cli: click.Group) -> None:
    """Add the everyday commands to the ``minutebook`` command group."""
    cli.add_command(action)
    cli.add_command(chair)
