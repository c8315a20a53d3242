"""``minutebook import minutes``: a meeting record from minutes written in Word.

Like ``new meeting`` (whose checks, record and safe writing it reuses): it refuses what
it cannot do safely (exit 2 with a message), never overwrites a record, writes one file
atomically, then checks the repository and shows the findings for that file. What the
editor must still look at (attendance lines that fit no seat, seats the document does
not mention, names left in the minutes) is listed on stderr.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_edit import EditError, _load, _refusals, _root, _show_findings, _write, read_day
from .dates import in_words
from .scaffold import FILL_IN, find_body, meeting_file

if TYPE_CHECKING:
    from .minutes_import import Imported


@click.group("import")
def importer() -> None:
    """Make records from documents written elsewhere (minutes in Word)."""


@importer.command("minutes")
@click.argument("body")
@click.argument("file", metavar="FILE.docx", type=click.Path(dir_okay=True))
@click.option("--date", "day", metavar="YYYY-MM-DD", callback=read_day,
              help="The date of the meeting (default: the date the document states).")
@click.option("--repo", "--path", "repo", default=".", metavar="DIR",
              type=click.Path(file_okay=False),
              help="The repository (default: the current folder).")
@click.option("--today", metavar="YYYY-MM-DD", callback=read_day,
              help="Treat this date as today (for reproducible results).")
def import_minutes(body: str, file: str, day: date | None, repo: str,
                   today: date | None) -> None:
    """Write the record of a held meeting of BODY from minutes in a Word document.

    The minutes keep their headings, numbered and bulleted lists and tables. The record
    is pre-filled as `minutebook new meeting` does; where the document lists who was
    present (or sent apologies) by post or organisation, those seats are filled in. The
    names of people are not written: minutebook records seats.
    """
    # the converter and its libraries are loaded only here: every other command,
    # the check among them, starts without them
    from .minutes_import import build_record, read_document, still_to_fill
    from .wordconvert import WordError, read_docx

    root = _root(repo)
    today = today or date.today()
    try:
        doc = read_docx(Path(file))
    except WordError as exc:
        raise EditError(f"{exc}; nothing was written") from None
    with _refusals(root):
        result = _load(root, today)
        ds, facts = result.dataset, result.facts
        assert ds is not None
        assert facts is not None
        b = find_body(ds, root, body)
        imp = read_document(doc, ds, facts, b, day)
        if imp.day is None:
            raise EditError(f"{Path(file).name} does not state the date of the meeting in its "
                            "title or first lines; give it with --date YYYY-MM-DD")
        rel = meeting_file(b.id, imp.day)
        if (root / rel).exists():
            raise EditError(f"{rel} already exists; open it and edit it instead (this command "
                            "never overwrites a record)")
        if imp.day > today:
            raise EditError(f"the meeting on {imp.day} is in the future (today is {today}), so "
                            "its minutes cannot be imported yet; check the date (--date)")
        if b.established and imp.day < b.established:
            raise EditError(f"{b.label} was established on {b.established}, after {imp.day}")
        if b.closed and imp.day > b.closed:
            raise EditError(f"{b.label} closed on {b.closed}, before {imp.day}")
        text = build_record(ds, facts, b, imp, today)
        _write(root, rel, text, overwrite=False)
    _tell(rel, b.label, imp, Path(file).name, day, doc.images, still_to_fill(b, imp, facts))
    click.echo("")
    _show_findings(root, today, rel)


def _tell(rel: str, label: str, imp: Imported, name: str, given: date | None, images: int,
          missing: list[str]) -> None:
    """What was written, and on stderr what the editor must look at."""
    assert imp.day is not None
    click.echo(f"Wrote {rel}: the minutes of {label} on {in_words(imp.day)}, from "
               f"{name}.")
    from .minutes_import import find_date, names_in_minutes

    stated = find_date([imp.day_text])[0] if imp.day_text else None
    if given and stated and given != stated:
        click.echo(f"Note: the document says '{imp.day_text}'; the record uses --date "
                   f"{given}.", err=True)
    filled = len(imp.attendance)
    if imp.had_attendance:
        click.echo(f"Attendance: {filled} seat{'s' if filled != 1 else ''} filled in from "
                   "the document (its attendance list is not copied into the minutes).")
    else:
        click.echo("The document has no attendance list (a 'Present' or 'Apologies' heading "
                   "or line), so the attendance is left to fill in.")
    if imp.unmatched:
        click.echo("\nAttendance lines that fit no seat (the record has no line for them; "
                   "add them by hand if they are members):", err=True)
        for line in imp.unmatched:
            click.echo(f"  - {line}", err=True)
    if missing:
        click.echo(f"\nSeats the document does not mention: in the record, replace {FILL_IN} "
                   "with present, deputy, apologies or absent for each:", err=True)
        for seat in missing:
            click.echo(f"  - {seat}", err=True)
    if imp.deputies_to_fill:
        click.echo(f"\nDeputies recorded with by: {FILL_IN}: the document gives more than a "
                   "post for them (a name is never written); in the record, write the "
                   "deputy's post (e.g. by: Detective Sergeant, County Police):", err=True)
        for line in imp.deputies_to_fill:
            click.echo(f"  - {line}", err=True)
    named = names_in_minutes(imp.minutes, imp.names)
    if named:
        click.echo("\nThe minutes name people from the attendance list; minutebook records "
                   "posts, not people: write the post instead (e.g. 'the Chair'):", err=True)
        for line, person in named:
            click.echo(f"  - '{person}' in line {line} of the minutes", err=True)
    if imp.likely_names:
        click.echo("\nThe minutes may name people (words that look like a name; check "
                   "each and write the post instead, e.g. 'the Chair'):", err=True)
        for line, person in imp.likely_names:
            click.echo(f"  - '{person}' in line {line} of the minutes", err=True)
    if images:
        click.echo(f"\n{images} picture{'s were' if images != 1 else ' was'} left out of the "
                   "minutes: the site publishes none from inside a text. Add a picture as a "
                   "paper of the meeting if it is needed.", err=True)


def register(cli: click.Group) -> None:
    """Add ``minutebook import`` to the command group."""
    cli.add_command(importer)
