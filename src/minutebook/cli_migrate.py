"""``minutebook migrate``: bring a repository up to the format this minutebook writes."""

from __future__ import annotations

import click

from .cli_edit import EditError, _root
from .formats import FORMAT
from .migrate import MigrateError, migrate
from .scaffold import ScaffoldError


@click.command("migrate")
@click.option("--repo", default=".", type=click.Path(file_okay=False),
              help="The repository (default: the current folder).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
def migrate_command(repo: str, dry_run: bool) -> None:
    """Rewrite the repository from its format to the current one (docs/upgrading.md).

    Only the lines a format changed are edited; comments and layout stay as they are.
    Running it again changes nothing.
    """
    root = _root(repo)  # a minutebook repository, never just any folder
    try:
        outcome = migrate(root, dry_run=dry_run)
    except (MigrateError, ScaffoldError) as exc:
        raise EditError(str(exc)) from None
    except OSError as exc:
        raise EditError(f"cannot read or write {exc.filename or repo} "
                        f"({exc.strerror or type(exc).__name__}); nothing more was "
                        "written") from None
    if not outcome.changes:
        click.echo(f"The repository is in format {FORMAT} already; nothing to change.")
        return
    verb = "to make (nothing written)" if dry_run else "made"
    head = f"Format {outcome.found} -> {FORMAT}" if outcome.found != FORMAT \
        else f"Stating format {FORMAT}"
    click.echo(f"{head}, {len(outcome.changes)} change{'s' if len(outcome.changes) != 1 else ''}"
               f" {verb}:")
    for change in outcome.changes:
        click.echo(f"  {change}")
    if dry_run:
        click.echo("Run `minutebook migrate` without --dry-run to make them.")
    else:
        click.echo("Check the changes (git diff), run `minutebook check`, and commit them.")


def register(cli: click.Group) -> None:
    """Add ``migrate`` to the ``minutebook`` command group."""
    cli.add_command(migrate_command)
