"""``minutebook pages OUT``: the site's pages as Markdown files, for any site generator.

The same pages, data files, papers, guides and assets the MkDocs plugin publishes, from
the same pure function (``site.pages.render_site``), written to a folder. Like the
plugin, it writes nothing while the records have an error.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from .api import check
from .cli_edit import read_day
from .report.formats import text


def register(cli: click.Group) -> None:
    cli.add_command(pages)


@click.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--repo", "repo", default=".", type=click.Path(file_okay=False, path_type=Path),
              help="The repository (default: the current folder).")
@click.option("--edition", type=click.Choice(("public", "internal")), default="public",
              show_default=True, help="Which findings the pages show (as the plugin's "
              "edition).")
@click.option("--today", metavar="YYYY-MM-DD", callback=read_day,
              help="Publish as of this date instead of today.")
@click.option("--site-url", default="", help="Where the site is published (for the feeds).")
@click.option("--theme", "theme", type=click.Path(file_okay=False, path_type=Path),
              help="Also copy the engine's theme overrides (for Material for MkDocs or "
              "Zensical's classic theme: its custom_dir) into this folder (new, empty, or "
              "written by this command before, as OUT).")
def pages(out: Path, repo: Path, edition: str, today: date | None, site_url: str,
          theme: Path | None) -> None:
    """Write the site's pages (Markdown), data files, papers, the editors' guides and
    the stylesheets and scripts to the folder OUT, for another Markdown site generator.
    OUT must be new, empty, or written by this command before (it is rewritten)."""
    from .dates import london_today
    from .site.output import PublishError, check_folder, site_tree, theme_tree, write
    from .site.pages import render_site

    if not (repo / "governance").is_dir() and not (repo / "meetings").is_dir():
        raise click.UsageError(f"'{repo}' does not look like a minutebook repository "
                               "(no governance/ or meetings/ folder)")
    day = today or london_today()
    result = check(repo, day, use_cache=os.environ.get("MINUTEBOOK_NO_CACHE") != "1")
    if result.record_errors:
        click.echo(text(result.record_errors, {"as_of": day.isoformat()}), err=True)
        click.echo(f"The records have {len(result.record_errors)} error(s); nothing was "
                   "written.", err=True)
        sys.exit(1)
    try:
        if theme is not None:  # (refused before anything is written)
            check_folder(theme)
            if _overlap(theme, out):
                raise PublishError(f"the theme folder {theme} and {out} must be apart")
        tree = site_tree(render_site(result, edition, site_url), repo.resolve())
        count = write(tree, out)
        if theme is not None:
            write(theme_tree(), theme)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {count} files to {out} ({len(tree.pages)} generated pages, "
               f"{len(tree.engine)} guides and assets) as of {day.isoformat()}")


def _overlap(one: Path, other: Path) -> bool:
    """Whether one folder is the other or inside it (either way)."""
    a, b = one.resolve(), other.resolve()
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)
