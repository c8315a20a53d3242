"""The editor's commands: ``minutebook new meeting``, ``new action`` and ``review``.

Each command reads and checks the repository, refuses anything it cannot do safely (exit
2 with a message saying why), writes one file atomically, then checks the repository
again and shows the findings for what it wrote, so the editor sees what to fill in.
The logic is in :mod:`minutebook.scaffold`; this module only parses options and talks.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from .api import Result
from .api import check as run_check
from .dates import read_date
from .edit_tor import approve_draft, pending_draft
from .load.repo import ACTIONS_FILE
from .load.safepath import path_problem
from .report import REPORTERS
from .scaffold import (
    FILL_IN,
    NewVersion,
    ScaffoldError,
    append_action,
    bump_tor,
    find_body,
    meeting_file,
    parse_day,
    plan_action,
    plan_new_version,
    read_text_exact,
    record_review,
    render_meeting,
    review_base,
    tor_file,
    write_atomic,
)

NEW_ACTIONS_FILE = ("# The action tracker: every action raised at any meeting, with its updates.\n"
                    "# Add actions with `minutebook new action`, which keeps this file's "
                    "comments and order.\nactions:\n")


class EditError(click.ClickException):
    """A request refused: printed as 'Error: ...', exit code 2 (like bad usage)."""

    exit_code = 2


@contextmanager
def _refusals(root: Path | None = None) -> Iterator[None]:
    """Turn what the command refuses, and a file it cannot read or write (a read-only
    checkout, a folder without permission), into a message and exit 2."""
    try:
        yield
    except ScaffoldError as exc:
        raise EditError(str(exc)) from None
    except OSError as exc:  # e.g. a file or folder without read permission
        raise EditError(f"cannot read {_shown(root, exc.filename)} ({_why(exc)}); nothing "
                        "was written. Make it readable by your user, then run the command "
                        "again") from None


def _why(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "the checkout is on a read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def refuse_link(root: Path, rel: str) -> None:
    """Refuse (exit 2) to read or write a file of the repository through a link or a
    special file: it could be anywhere on the machine."""
    found = path_problem(root, rel)
    if found is not None:
        raise EditError(f"{found[1].message}; nothing was written. {found[1].hint}")


def _write(root: Path, rel: str, text: str, *, overwrite: bool) -> None:
    """Write one file of the repository atomically, or refuse in words (exit 2): through
    a link (it could point outside the repository), or where the checkout cannot be
    written (read-only, no permission, disk full). Nothing is half-written either way."""
    refuse_link(root, rel)
    try:
        write_atomic(root / rel, text, overwrite=overwrite)
    except FileExistsError:
        raise EditError(f"{rel} already exists (written a moment ago by someone else?); open "
                        "it and edit it instead; nothing was written") from None
    except OSError as exc:
        raise EditError(f"cannot write {rel} ({_why(exc)}); nothing was written. Run the "
                        "command in a checkout you can write to (check the folder's "
                        "permissions, or clone the repository again), then run it "
                        "again") from None


def _shown(root: Path | None, name: object) -> str:
    """A file named in an error, relative to the repository where it is inside it."""
    if not name:
        return "a file of the repository"
    path = Path(str(name))
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix() or "the repository"
    return str(path)


def read_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """The callback of every date option (--today, of check and report too)."""
    if value is None:
        return None
    try:
        return read_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _common(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--today", metavar="YYYY-MM-DD", callback=read_day,
                      help="Treat this date as today (for reproducible results).")(fn)
    return click.option("--path", "repo", default=".", metavar="REPO",
                        type=click.Path(file_okay=False),
                        help="The repository (default: the current folder).")(fn)


def _root(path: str) -> Path:
    root = Path(path)
    if not root.is_dir():
        raise EditError(f"'{path}' is not a folder")
    if not (root / "governance").is_dir() and not (root / "meetings").is_dir():
        raise EditError(f"'{path}' does not look like a minutebook repository "
                        "(no governance/ or meetings/ folder)")
    return root


def _load(root: Path, today: date) -> Result:
    result = run_check(root, today)
    if result.dataset is None or result.facts is None:  # pragma: no cover - check always builds
        raise EditError("the repository cannot be read")
    return result


def _show_findings(root: Path, today: date, rel: str, path_prefix: str | None = None,
                   what: str | None = None) -> None:
    """Check the repository again and show the findings for one file (or one item in it,
    called ``what`` in the message)."""
    result = run_check(root, today)

    def mine(path: str) -> bool:
        return path_prefix is None or path == path_prefix or path.startswith(
            (path_prefix + ".", path_prefix + "["))

    found = [f for f in result.findings if f.file == rel and mine(f.path)]
    what = what or ("the new action" if path_prefix else rel)
    if not found:
        click.echo(f"The check found nothing to fix in {what}.")
        return
    click.echo(f"The check lists what is still to fill in or fix in {what}:\n")
    click.echo(REPORTERS["text"](found, {"as_of": today.isoformat(), "colour": False}))


# ------------------------------------------------------------------ new meeting / action


@click.group()
def new() -> None:
    """Start a new meeting record or add an action."""


@new.command("meeting")
@click.argument("body")
@click.option("--date", "day_text", required=True, metavar="YYYY-MM-DD",
              help="The date of the meeting.")
@click.option("--time", "start", metavar="HH:MM", help="The start time, e.g. 10:00.")
@click.option("--status", type=click.Choice(["scheduled", "held"]), default=None,
              help="held (fill in who attended) or scheduled (a future meeting). "
                   "Default: held for a past date, scheduled for today or later.")
@click.option("--kind", default="ordinary", show_default=True, metavar="KIND",
              help="The kind of meeting, e.g. annual or extraordinary: one the ToR declares "
                   "under meeting_kinds (its fixed agenda is written in).")
@_common
def new_meeting(body: str, day_text: str, start: str | None, status: str | None, kind: str,
                repo: str, today: date | None) -> None:
    """Start the record of a meeting of BODY, pre-filled from its membership and ToR.

    Writes meetings/BODY/DATE.md with every seat, the chair due on that date, the ToR's
    deadlines and standing agenda items, and the open actions to review. It never
    overwrites a record that exists.
    """
    root = _root(repo)
    today = today or date.today()
    with _refusals(root):
        day = parse_day(day_text, "meeting date")
        result = _load(root, today)
        ds, facts = result.dataset, result.facts
        assert ds is not None
        assert facts is not None
        b = find_body(ds, root, body)
        rel = meeting_file(b.id, day)
        if (root / rel).exists():
            raise EditError(f"{rel} already exists; open it and edit it instead (this command "
                            "never overwrites a record)")
        status = status or ("held" if day < today else "scheduled")
        if status == "held" and day > today:
            raise EditError(f"the meeting on {day} is in the future (today is {today}), so it "
                            "cannot be recorded as held; use --status scheduled")
        if b.established and day < b.established:
            raise EditError(f"{b.label} was established on {b.established}, after {day}")
        if b.closed and day > b.closed:
            raise EditError(f"{b.label} closed on {b.closed}, before {day}")
        text = render_meeting(ds, facts, b, day, status=status, today=today, start=start,
                              kind=kind)
        _write(root, rel, text, overwrite=False)
    seats = text.count(f": {FILL_IN}") if status == "held" else 0
    click.echo(f"Wrote {rel}: the {status} meeting of {b.label} on {day}.")
    if status == "held":
        click.echo(f"Next: open it, replace each {FILL_IN} ({seats} in all) and fill in any "
                   "empty value, then write the minutes under the headings.")
    else:
        click.echo("Next: after the meeting, set status: held, fill in the attendance (the "
                   "lines marked in the file) and write the minutes.")
    if facts.tor_on(b, day) is None:
        click.echo(f"Note: no version of the ToR {b.tor} is in force on {day}, so there are "
                   "no deadlines or standing items to fill in.")
    click.echo("")
    _show_findings(root, today, rel)


@new.command("action")
@click.argument("body")
@click.option("--meeting", "meeting", required=True, metavar="YYYY-MM-DD",
              help="The date of the meeting that raised the action.")
@click.option("--owner", required=True, metavar="SEAT_OR_ORG",
              help="A seat id of the body, or an organisation id.")
@click.option("--due", required=True, metavar="YYYY-MM-DD", help="When it is due.")
@click.option("--description", required=True, metavar="TEXT", help="What is to be done.")
@_common
def new_action(body: str, meeting: str, owner: str, due: str, description: str, repo: str,
               today: date | None) -> None:
    """Add an action raised at a meeting of BODY to actions.yaml, with the next free id.

    The action is added at the end of the file; everything already in it (comments,
    order, layout) stays exactly as it was.
    """
    root = _root(repo)
    today = today or date.today()
    path = root / ACTIONS_FILE
    with _refusals(root):
        result = _load(root, today)
        assert result.dataset is not None
        assert result.repo is not None
        src = next((s for s in result.repo.sources if s.kind == "actions"), None)
        if src is not None and not src.ok:
            raise EditError(f"{ACTIONS_FILE} cannot be read; run `minutebook check` and fix it "
                            "first")
        raw = (src.data.get("actions") if src is not None else None) or []
        if not isinstance(raw, list):
            raise EditError(f"'actions:' in {ACTIONS_FILE} is not a list")
        action = plan_action(result.dataset, root, raw, body, meeting, owner, due,
                             description, today)
        refuse_link(root, ACTIONS_FILE)
        before = read_text_exact(path) if path.exists() else NEW_ACTIONS_FILE
        text = append_action(before, action)
        if path.exists() and read_text_exact(path) != before:
            raise EditError(f"{ACTIONS_FILE} changed while the action was being added; "
                            "run the command again")
        _write(root, ACTIONS_FILE, text, overwrite=True)
    click.echo(f"Added action {action.id} to {ACTIONS_FILE}: owner {action.owner_kind} "
               f"{action.owner}, due {action.due}.")
    click.echo("")
    _show_findings(root, today, ACTIONS_FILE, f"$.actions[{len(raw)}]")


# ------------------------------------------------------------------ review


@click.command()
@click.argument("body")
@click.option("--date", "day_text", required=True, metavar="YYYY-MM-DD",
              help="The date of the review (normally the meeting that agreed it).")
@click.option("--no-bump", is_flag=True,
              help="Only set review: last in the version in force; no new version.")
@click.option("--approved-by", metavar="BODY",
              help="The body that approved the reviewed ToR on that date: the new version "
                   "is approved (otherwise it is a draft).")
@click.option("--note", metavar="TEXT", help="What changed, for the new version's change_note.")
@_common
def review(body: str, day_text: str, no_bump: bool, approved_by: str | None, note: str | None,
           repo: str, today: date | None) -> None:
    """Record a review of the terms of reference of BODY.

    By default writes the next version (1.0 -> 1.1) as a copy of the one in force, with
    review: last and in_force_from set to the date: approved with --approved-by,
    otherwise a draft until it is approved. Where that draft exists, --approved-by
    approves it (status, approved: and in_force_from set to the date). With --no-bump, only review: last changes in
    the version in force (a review that changed nothing).
    """
    root = _root(repo)
    today = today or date.today()
    if no_bump and (approved_by or note):
        raise EditError("--approved-by and --note describe a new version; leave them out "
                        "with --no-bump")
    with _refusals(root):
        day = parse_day(day_text, "review date")
        if day > today:
            raise EditError(f"the review date {day} is in the future (today is {today})")
        result = _load(root, today)
        ds = result.dataset
        assert ds is not None
        b = find_body(ds, root, body)
        tor = ds.tors.get(b.tor)
        if tor is None:
            raise EditError(f"the ToR {b.tor} of {b.label} cannot be read (or does not exist); "
                            "run `minutebook check` and fix it first")
        base = review_base(tor, day)
        sharing = sorted(x.id for x in ds.bodies.values() if x.tor == tor.id and x.id != b.id)
        if no_bump:
            if base.last_reviewed is not None and day < base.last_reviewed:
                raise EditError(f"version {base.version} of {tor.id} was already reviewed on "
                                f"{base.last_reviewed}, after {day}")
            if day == base.last_reviewed:
                click.echo(f"{base.at.file} already says review: last: {day}; nothing to do.")
                return
            text = record_review(read_text_exact(root / base.at.file), day)
            _write(root, base.at.file, text, overwrite=True)
            rel = base.at.file
            click.echo(f"Updated {rel}: review: last {base.last_reviewed or 'not stated'} -> {day} "
                       "(nothing else changed).")
        elif approved_by and (draft := pending_draft(tor, base)) is not None:
            approver = find_body(ds, root, approved_by)
            m = ds.meeting(approver.id, day)
            at_meeting = m is not None and m.held
            rel = draft.at.file
            refuse_link(root, rel)
            text = approve_draft(read_text_exact(root / rel), draft, day, approver.id,
                                 at_meeting)
            _write(root, rel, text, overwrite=True)
            click.echo(f"Approved the draft {rel}: version {draft.version} of {tor.id} is "
                       f"approved by {approver.id} on {day} and in force from then.")
            if not at_meeting:
                click.echo(f"Note: no held meeting of {approver.id} on {day} is recorded, so "
                           "the approval is not marked at_meeting.")
        else:
            version = plan_new_version(tor, base, day)
            rel = tor_file(tor.id, version)
            if (root / rel).exists():
                raise EditError(f"{rel} already exists")
            at_meeting = False
            if approved_by:
                approver = find_body(ds, root, approved_by)
                m = ds.meeting(approver.id, day)
                at_meeting = m is not None and m.held
            new_version = NewVersion(version, day, approved_by, at_meeting,
                                     note or f"Reviewed on {day}; no changes to version "
                                     f"{base.version}.")
            text = bump_tor(read_text_exact(root / base.at.file), base.version, new_version)
            _write(root, rel, text, overwrite=False)
            click.echo(f"Wrote {rel}: version {version} of {tor.id}, a copy of version "
                       f"{base.version} reviewed on {day}.")
            if approved_by:
                click.echo(f"It is approved by {approved_by} on {day} and in force from then.")
                if not at_meeting:
                    click.echo(f"Note: no held meeting of {approved_by} on {day} is recorded, "
                               "so the approval is not marked at_meeting; add that meeting's "
                               "record and at_meeting: true if it was agreed there.")
            else:
                click.echo(f"It is a draft: the checks keep using version {base.version} (and "
                           "its review date) until it is approved. Once approved, set status: "
                           "approved and approved: {date: ..., by: ...}.")
            click.echo("Make any changes agreed in the review in the new file, and say what "
                       "changed in change_note.")
        if sharing:
            click.echo(f"This ToR is shared with: {', '.join(sharing)}.")
    click.echo("")
    _show_findings(root, today, rel)


def register(cli: click.Group) -> None:
    """Add the editor's commands to the ``minutebook`` command group (and the everyday
    changes of ``cli_everyday``, which builds on this module)."""
    from .cli_everyday import register as register_everyday

    cli.add_command(new)
    cli.add_command(review)
    register_everyday(cli)
