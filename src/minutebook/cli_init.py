"""``minutebook init`` (a new partnership's repository) and ``minutebook new body``.

The files are made in :mod:`minutebook.newrepo` and :mod:`minutebook.scaffold_body`; this
module parses options, asks what is missing at a terminal, and talks.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from . import newrepo
from .cli_edit import EditError, _common, _load, _refusals, _root, _show_findings, _write, new
from .dates import london_today
from .scaffold import ScaffoldError
from .scaffold_body import BODY_KINDS, body_file, first_tor_file, plan_body, render_body, render_tor


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_organisations() -> list[newrepo.Organisation]:
    click.echo("The organisations that hold seats, one a line as Name:kind (e.g. "
               "Northshire Council:local-authority); an empty line to finish.")
    click.echo(f"Kinds: {', '.join(newrepo.KINDS)}")
    found: list[newrepo.Organisation] = []
    while True:
        text = click.prompt("Organisation", default="", show_default=False).strip()
        if not text:
            return found
        try:
            found.append(newrepo.parse_organisation(text))
        except ScaffoldError as exc:
            click.echo(f"  {exc}")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--name", metavar="NAME", help="The partnership's name, e.g. \"Northshire "
              "Safeguarding Partnership\". Given alone, nothing else is asked.")
@click.option("--short-name", metavar="NAME", help="A shorter name, e.g. NSP.")
@click.option("--nation", type=click.Choice(sorted(newrepo.NATIONS)), default=None,
              help="Whose bank holidays count for deadlines (default: england).")
@click.option("--framework", type=click.Choice(list(newrepo.FRAMEWORKS)), default=None,
              help="The statutory framework (default: other; working-together-2023 for a "
                   "children's partnership in England, care-act-2014 for adults).")
@click.option("--organisation", "organisations", multiple=True, metavar="NAME:KIND",
              help="An organisation that holds seats, e.g. \"Northshire Council:"
                   "local-authority\" (repeat for each).")
@click.option("--repo", metavar="OWNER/NAME", help="The GitHub repository it will live in "
              "(for the site's address and the README).")
def init(directory: str, name: str | None, short_name: str | None, nation: str | None,
         framework: str | None, organisations: tuple[str, ...], repo: str | None) -> None:
    """Create a new partnership's repository in DIRECTORY (new, or empty).

    It holds only the partnership's own records and settings: minutebook.yaml, mkdocs.yml,
    governance/ (the partnership and its organisations), meetings/, actions.yaml, docs/,
    a README, scripts/check and scripts/build (which install the engine pinned in
    requirements.txt), GitHub workflows (pull request check, publishing to Pages, daily
    flags) and a pre-commit hook. Options not given are asked at a terminal, unless
    --name is given.
    """
    root = Path(directory)
    with _refusals():
        newrepo.refuse_non_empty(root)
        ask = name is None
        if ask and not _interactive():
            raise EditError("give the partnership's name with --name (there is no terminal "
                            "to ask at)")
        if ask:
            name = click.prompt("The partnership's name")
            short_name = short_name or click.prompt("A short name (empty: none)", default="",
                                                    show_default=False) or None
            nation = nation or click.prompt("Nation", default="england",
                                            type=click.Choice(sorted(newrepo.NATIONS)))
            if framework is None:
                for key, words in newrepo.FRAMEWORKS.items():
                    click.echo(f"  {key}: {words}")
                framework = click.prompt("Framework", default=_framework_for(nation),
                                         type=click.Choice(list(newrepo.FRAMEWORKS)))
        orgs = [newrepo.parse_organisation(t) for t in organisations]
        if ask and not orgs:
            orgs = _ask_organisations()
        if ask and repo is None:
            repo = click.prompt("The GitHub repository, owner/name (empty: not yet)",
                                default="", show_default=False) or None
        assert name is not None
        partnership = newrepo.Partnership(
            name=name.strip(), short_name=short_name, nation=nation or "england",
            framework=framework or "other", organisations=tuple(orgs), repo=repo)
        files = newrepo.plan(partnership)
        newrepo.write_repository(root, files)
    click.echo(f"Wrote {len(files)} files in {root}: the repository of {partnership.name} "
               f"(engine {newrepo.engine_range()}, pinned in requirements.txt).")
    if partnership.framework == "other":
        click.echo("Its framework is 'other' (no statutory membership checks): change "
                   "framework: in governance/partnerships.yaml if it is a statutory "
                   "partnership.")
    click.echo("Next:")
    click.echo(f"  cd {root}")
    click.echo("  scripts/check            # installs the engine into .venv, then checks")
    click.echo("  source .venv/bin/activate")
    click.echo("  minutebook new body ID --name \"...\" --kind board")
    click.echo("  minutebook new meeting ID --date YYYY-MM-DD")
    click.echo("  scripts/build            # the site, in site/")
    click.echo("Then push it to GitHub and turn on Pages (Settings > Pages > Source: GitHub "
               "Actions).")


def _framework_for(nation: str | None) -> str:
    return "sswb-wales-2014" if nation == "wales" else "working-together-2023"


@new.command("body")
@click.argument("body_id", metavar="ID")
@click.option("--name", required=True, metavar="NAME", help="What the body is called.")
@click.option("--kind", required=True, type=click.Choice(BODY_KINDS),
              help="What kind of body it is.")
@click.option("--short-name", metavar="NAME", help="A shorter name for tables.")
@click.option("--partnership", metavar="ID",
              help="The partnership it belongs to (default: the only one).")
@click.option("--seat", "seats", multiple=True, metavar="ORG[:POST]",
              help="A seat: an organisation id and the post that holds it, e.g. "
                   "\"northshire-police:Inspector\" (repeat for each).")
@click.option("--accountable-to", multiple=True, metavar="BODY",
              help="A body it reports to (repeat for each).")
@_common
def new_body(body_id: str, name: str, kind: str, short_name: str | None,
             partnership: str | None, seats: tuple[str, ...], accountable_to: tuple[str, ...],
             repo: str, today: date | None) -> None:
    """Add a body: governance/bodies/ID.yaml with its seats, and the first draft of its
    terms of reference, governance/tor/ID/1.0.md (in force from today until it is
    approved). Never overwrites a file."""
    root = _root(repo)
    today = today or london_today()
    with _refusals(root):
        result = _load(root, today)
        assert result.dataset is not None
        planned = plan_body(result.dataset, body_id, name, kind, partnership=partnership,
                            short_name=short_name, seats=seats, accountable_to=accountable_to)
        rel, tor_rel = body_file(planned.id), first_tor_file(planned.id)
        for path in (rel, tor_rel):
            if (root / path).exists():
                raise EditError(f"{path} already exists; nothing was written")
        if (root / tor_rel).parent.exists():
            raise EditError(f"{Path(tor_rel).parent.as_posix()} already exists (a ToR of that "
                            "id); nothing was written")
        _write(root, tor_rel, render_tor(planned, today), overwrite=False)
        _write(root, rel, render_body(planned, today), overwrite=False)
    click.echo(f"Wrote {rel} ({len(planned.seats)} seats) and {tor_rel} (the first draft of "
               "its terms of reference).")
    click.echo(f"Next: add its seats in {rel} if they are not all there, agree the terms of "
               "reference, then record its meetings with `minutebook new meeting "
               f"{planned.id} --date YYYY-MM-DD`.")
    click.echo("")
    _show_findings(root, today, rel)


def register(cli: click.Group) -> None:
    """Add ``init`` to the command group (``new body`` joins ``new`` on import)."""
    cli.add_command(init)
