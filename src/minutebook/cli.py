"""The ``minutebook`` command: parse options, call the API, pick a reporter, exit.

Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with --strict),
2 bad usage or a repository that cannot be read at all, 3 a fault in minutebook itself.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .api import check as run_check
from .cli_edit import EditError, _refusals, _write, read_day, refuse_link
from .dates import london_today, read_date
from .findings import Finding
from .report import REPORTERS
from .rules import REGISTRY

# `check --baseline` with no value: the merge base with the default branch (the baseline
# modules are imported only when asked for: most checks never compare)
AUTO = "auto"

# --fail-on: the kinds of finding whose errors fail the exit code (see rules.base.Rule)
FAIL_ON = {"all": frozenset({"record", "governance"}), "record": frozenset({"record"})}

today_option = click.option(
    "--today", metavar="YYYY-MM-DD", callback=read_day,
    help="Check as of this date instead of today (for reproducible results).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="minutebook")
def cli() -> None:
    """Check, scaffold and publish the governance records of safeguarding partnerships."""


def _repo_root(path: str) -> Path:
    root = Path(path)
    if not root.is_dir():
        raise click.UsageError(f"'{path}' is not a folder")
    if not (root / "governance").is_dir() and not (root / "meetings").is_dir():
        raise click.UsageError(
            f"'{path}' does not look like a minutebook repository "
            "(no governance/ or meetings/ folder)")
    return root


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=False))
@today_option
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default=None,
              help="Output format (default: text; github when GITHUB_ACTIONS is set).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--select", multiple=True, metavar="CODE", help="Run only these rules.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse the parse of files unchanged since the last run "
                   "(kept in .cache/minutebook/).")
@click.option("--baseline", metavar="REF", is_flag=False, flag_value=AUTO, default=None,
              help="Fail only on findings this change introduces or makes worse, compared "
                   "with the git ref REF; list what it fixed and what was already there "
                   "apart. Without REF (or 'auto'): the merge base of HEAD with the default "
                   "branch.")
@click.option("--fail-on", type=click.Choice(sorted(FAIL_ON)), default="all",
              show_default=True,
              help="Which errors fail the exit code: all, or only record errors (the files "
                   "are unreadable, invalid, inconsistent or unsafe: what stops publishing); "
                   "governance errors are then reported without failing.")
def check(path: str, today: date | None, fmt: str | None, strict: bool,
          select: tuple[str, ...], cache: bool, baseline: str | None, fail_on: str) -> None:
    """Check the repository at PATH (default: the current folder)."""
    root = _repo_root(path)
    unknown = sorted(set(select) - set(REGISTRY))
    if unknown:
        raise click.BadParameter(f"no rule {', '.join(unknown)}; see docs/rules/index.md",
                                 param_hint="--select")
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    today = today or london_today()
    base = None
    if baseline is not None:
        from .baseline import BaselineError
        from .baseline import resolve as resolve_baseline

        try:
            base = resolve_baseline(root, baseline)
        except BaselineError as exc:
            raise click.BadParameter(str(exc), param_hint="--baseline") from None
    if _main:
        # the process ends once the report is printed: never collect garbage (check
        # pauses the collector, and its first pass after resuming walks every object of
        # the model: 0.3 s on large repositories)
        gc.disable()
    rules = set(select) if select else None
    use_cache = cache and os.environ.get("MINUTEBOOK_NO_CACHE") != "1"
    result = run_check(root, today, select=rules, use_cache=use_cache)
    for note in result.notes:  # e.g. why the cache was not used
        click.echo(note, err=True)
    meta: dict[str, object] = {
        "as_of": result.today.isoformat(),
        "colour": fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ}
    if base is None:
        failed = _failing(result.findings, FAIL_ON[fail_on], strict)
        meta["failed"] = bool(failed)
        click.echo(REPORTERS[fmt](result.findings, meta))
        kept: tuple[object, ...] = (result,)
    else:
        from .baseline import BaselineError, check_baseline, compare
        from .report import compared

        try:
            earlier = check_baseline(root, base, today, select=rules, use_cache=use_cache)
        except BaselineError as exc:
            raise click.BadParameter(str(exc), param_hint="--baseline") from None
        comparison = compare(result, earlier, base)
        failed = _failing(comparison.new, FAIL_ON[fail_on], strict)
        meta["failed"] = bool(failed)
        click.echo(compared.REPORTERS[fmt](comparison, meta))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if fmt == "github" and summary:
            _append(summary, compared.step_summary(comparison, meta))
        kept = (result, earlier)
    if _main:
        _exit_fast.append(kept)  # also keeps the model alive: returning does not free it
    if failed:
        sys.exit(1)



def _failing(findings: list[Finding], kinds: frozenset[str], strict: bool) -> list[Finding]:
    """The findings that fail the exit code: errors (and warnings with --strict) of the
    kinds asked for."""
    levels = ("error", "warning") if strict else ("error",)
    return [f for f in findings
            if f.severity in levels and f.kind in kinds]


def _append(path: str, text: str) -> None:
    """Add to a file (the GitHub job summary); a file that cannot be written is said, not
    fatal: the check's own output and exit code stand."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        click.echo(f"minutebook: could not write the job summary to {path}: {exc.strerror}",
                   err=True)


@cli.command()
@click.argument("body")
@click.option("--period", required=True, metavar="START..END",
              help="The period, e.g. 2026-04-01..2026-09-30 (inclusive).")
@click.option("--path", "path", default=".", type=click.Path(file_okay=False),
              help="The repository (default: the current folder).")
@today_option
@click.option("--stdout", is_flag=True, help="Print the report instead of writing it.")
def report(body: str, period: str, path: str, today: date | None, stdout: bool) -> None:
    """Write the regular report of BODY to its parent bodies for a period.

    The report goes to reports/BODY/START_END.md; the narrative section of an existing
    report is kept, so regenerating it never loses what the group wrote.
    """
    from .fileio import write_atomic
    from .upward import (
        DEFAULT_NARRATIVE,
        NARRATIVE_END,
        NARRATIVE_START,
        build_report,
        existing_classification,
        existing_narrative,
        render_report,
        report_path,
    )

    start_text, sep, end_text = period.partition("..")
    try:
        start, end = read_date(start_text), read_date(end_text)
    except ValueError as exc:
        raise click.BadParameter(f"{exc} (write the period as YYYY-MM-DD..YYYY-MM-DD)",
                                 param_hint="--period") from None
    if not sep or end < start:
        raise click.BadParameter("the period needs a start and a later end, e.g. "
                                 "2026-04-01..2026-09-30", param_hint="--period")
    root = _repo_root(path)
    today = today or london_today()
    if end > today:
        raise click.BadParameter(
            f"the period ends on {end}, after today ({today}): write the report once the "
            "period has ended (meetings still to come would count as missed)",
            param_hint="--period")
    result = run_check(root, today)
    if result.dataset is None or body not in result.dataset.bodies:
        known = sorted(result.dataset.bodies) if result.dataset else []
        raise click.UsageError(f"no body '{body}'; bodies: {', '.join(known)}")
    data = build_report(result, body, start, end)
    target = root / report_path(body, start, end)
    refuse_link(root, report_path(body, start, end))  # never read or write outside
    earlier = target.read_text(encoding="utf-8") if target.is_file() else ""
    narrative = existing_narrative(earlier) if earlier else None
    if earlier and narrative is None:
        raise EditError(
            f"{target.relative_to(root).as_posix()} exists, but its narrative markers are "
            "missing or changed, so the group's text cannot be kept. Put back the lines\n"
            f"  {NARRATIVE_START}\n  {NARRATIVE_END}\naround the narrative (exactly as "
            "written here), or move the file away to start again; nothing was written")
    text = render_report(data, narrative, existing_classification(earlier))
    if stdout:
        click.echo(text, nl=False)
        return
    write_atomic(target, text, overwrite=True)
    kept = narrative and narrative.strip() != DEFAULT_NARRATIVE
    click.echo(f"wrote {target.relative_to(root).as_posix()}"
               + (" (the narrative was kept)" if kept else ""))


@cli.command()
@click.option("--check", "check_only", is_flag=True,
              help="Only report whether the generated docs are up to date (exit 1 if not).")
@click.option("--docs-dir", default="docs", type=click.Path(file_okay=False),
              help="The docs folder (default: docs).")
def docs(check_only: bool, docs_dir: str) -> None:
    """Regenerate the rule reference in docs/rules/ from the rule registry, and the
    cookbook's findings from real runs of its recipes (src/minutebook/cookbook.py)."""
    from . import cookbook, docsgen

    folder = Path(docs_dir)
    try:
        if check_only:
            problems = docsgen.check(folder) + cookbook.check(folder)
            for p in problems:
                click.echo(p)
            if problems:
                click.echo("Run `minutebook docs` to regenerate.")
                sys.exit(1)
            click.echo("The rule reference and the cookbook's findings are up to date.")
            return
        for rel in docsgen.write(folder) + cookbook.write(folder):
            click.echo(f"wrote docs/{rel}")
    except cookbook.RecipeError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.option("--path", "path", default=".", type=click.Path(file_okay=False),
              help="The repository (default: the current folder).")
@click.option("--check", "check_only", is_flag=True,
              help="Only report whether cms/config.yml is up to date (exit 1 if not).")
@click.option("--repo", metavar="OWNER/NAME", default=None,
              help="The GitHub repository the editor commits to (default: editor: repo: in "
                   "minutebook.yaml).")
@click.option("--local-backend", "local_backend", metavar="URL", default=None,
              help="The address of decap-server to use on this computer (default: "
                   "http://localhost:8081/api/v1).")
@click.option("--stdout", is_flag=True, help="Print the configuration instead of writing it.")
def cms(path: str, check_only: bool, repo: str | None, local_backend: str | None,
        stdout: bool) -> None:
    """Write the form editor's configuration (cms/config.yml, served at /admin/) from the
    repository: a collection per body for its meetings, the actions, organisations and
    memberships. See docs/editors/forms.md."""
    from .cmsconfig import CONFIG_PATH, generate

    root = _repo_root(path)
    try:
        with _refusals(root):  # a file it cannot read: a message, not a traceback
            text = generate(root, repo=repo, local_backend_url=local_backend)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    target = root / CONFIG_PATH
    if stdout:
        click.echo(text, nl=False)
        return
    if check_only:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            click.echo(f"{CONFIG_PATH} is {'missing' if current is None else 'out of date'}"
                       " (the bodies, seats or settings changed). Run `minutebook cms` to "
                       "regenerate it.")
            sys.exit(1)
        click.echo(f"{CONFIG_PATH} is up to date.")
        return
    with _refusals(root):  # a read-only checkout, no permission, a link: one line, exit 2
        _write(root, CONFIG_PATH, text, overwrite=True)
    click.echo(f"wrote {CONFIG_PATH}")


from .cli_edit import register as _register_edit_commands

_register_edit_commands(cli)

from .cli_import import register as _register_import_commands

_register_import_commands(cli)

from .cli_init import register as _register_init_command

_register_init_command(cli)

from .cli_pages import register as _register_pages_command

_register_pages_command(cli)

from .cli_migrate import register as _register_migrate_command

_register_migrate_command(cli)


# set by a command whose work is done and written once it has printed: main() then ends
# the process without tearing down the interpreter (freeing a large model object by
# object took a third of a second on large repositories). The command puts its result
# here: were it only a local variable, returning from the command would free it.
_exit_fast: list[object] = []
_main = False  # running as the minutebook command (not called in-process, e.g. by tests)


INTERNAL_ERROR = 3  # exit code: minutebook itself failed (see the README)


def _internal_error(exc: Exception) -> None:
    """Report an unexpected exception in a few lines (the whole traceback with
    MINUTEBOOK_DEBUG=1) and exit 3."""
    import traceback

    if os.environ.get("MINUTEBOOK_DEBUG") == "1":
        traceback.print_exception(exc)
    else:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        click.echo(f"minutebook stopped with an internal error: {type(exc).__name__}: {exc}\n"
                   f"  (in {Path(frame.filename).name}, line {frame.lineno})\n"
                   "This is a fault in minutebook, not in your files. Please report it with "
                   "the command you ran; MINUTEBOOK_DEBUG=1 shows the details.", err=True)
    sys.exit(INTERNAL_ERROR)


def main() -> None:
    global _main
    _main = True
    try:
        try:
            cli()
        except Exception as exc:  # noqa: BLE001 - a fault in minutebook: say it in words
            _internal_error(exc)
    except SystemExit as exc:
        if not _exit_fast:
            raise
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # e.g. the reader of a pipe has gone
            code = code or 1
        os._exit(code)
    finally:  # main() was called in a process that goes on (a test): leave it as it was
        _main = False
        _exit_fast.clear()
        gc.enable()
