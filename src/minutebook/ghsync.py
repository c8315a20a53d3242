"""Keep one GitHub issue per body that needs attention, from ``minutebook check`` findings.

The scheduled *flags* workflow runs ``minutebook check --format json`` and then this module.
Planning is pure (:func:`plan`): findings and the existing flag issues go in, a list of
:class:`Operation` comes out. :func:`apply_plan` carries the plan out with ``gh`` commands
through an injectable runner. Issues are found again by a hidden marker comment in their
body (``<!-- minutebook-flag body=<id> -->``), never by title.

Usage::

    python -m minutebook.ghsync --findings findings.json [--issues issues.json] [--dry-run]
    python -m minutebook.ghsync --summary findings.json >> "$GITHUB_STEP_SUMMARY"
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

LABEL = "minutebook-flag"
LABEL_COLOR = "D93F0B"
LABEL_DESCRIPTION = "Raised automatically by the minutebook flags workflow"
# findings written before rules declared their kind: these categories were flagged
FLAG_CATEGORIES = frozenset({"review", "cadence", "chair", "actions"})
FLAG_SEVERITIES = frozenset({"error", "warning"})
ISSUE_LIMIT = 500
SUMMARY_ROW_LIMIT = 500
LIST_COMMAND = (
    *f"gh issue list --state all --label {LABEL} --limit {ISSUE_LIMIT}".split(),
    *("--json", "number,title,body,state,labels"),
)
LABEL_COMMAND = (
    *f"gh label create {LABEL} --color {LABEL_COLOR} --force".split(),
    *("--description", LABEL_DESCRIPTION),
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_MARKER = re.compile(r"<!--\s*minutebook-flag\s+body=([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->")
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

Action = Literal["create", "update", "close", "reopen", "leave"]
Runner = Callable[[Sequence[str], str | None], str]
"""Runs a command (``argv[0]`` is ``gh``) with optional stdin text; returns its stdout."""


class InputError(Exception):
    """The findings or the issue list are not what this module expects."""


class GhError(Exception):
    """A ``gh`` command could not be run or failed."""


@dataclass(frozen=True, slots=True)
class Operation:
    """One step of the plan for one body's issue.

    ``title``/``text`` are set only when they must be written (create, or changed on
    update/reopen); ``comment`` goes with close and reopen.
    """

    action: Action
    body: str
    number: int | None = None
    title: str | None = None
    text: str | None = None
    comment: str | None = None

    def describe(self) -> str:
        """One human-readable line, for logs and ``--dry-run``."""
        target = f"#{self.number}" if self.number is not None else "new issue"
        detail = []
        if self.title is not None and self.action != "create":
            detail.append("title")
        if self.text is not None and self.action != "create":
            detail.append("body")
        extra = f" ({', '.join(detail)} changed)" if detail else ""
        return f"{self.action:<6} {self.body}: {target}{extra}"


# ---------------------------------------------------------------- input validation


def _findings_list(findings_json: Any) -> list[Mapping[str, Any]]:
    """The ``findings`` of a ``--format json`` report, checked for shape."""
    if not isinstance(findings_json, Mapping):
        raise InputError("findings JSON must be an object with a 'findings' list")
    findings = findings_json.get("findings")
    if not isinstance(findings, list):
        raise InputError("findings JSON has no 'findings' list")
    for i, finding in enumerate(findings):
        if not isinstance(finding, Mapping):
            raise InputError(f"findings[{i}] is not an object")
        for key in ("code", "category", "severity", "message"):
            if not isinstance(finding.get(key), str):
                raise InputError(f"findings[{i}] has no text '{key}'")
        body = finding.get("body")
        if body is not None and (not isinstance(body, str) or not _SLUG.match(body)):
            raise InputError(f"findings[{i}] has body {body!r}, which is not a body id")
    return findings


def _as_of(findings_json: Mapping[str, Any]) -> str | None:
    value = findings_json.get("as_of")
    return value if isinstance(value, str) and value else None


def _issues_list(issues: Any) -> list[Mapping[str, Any]]:
    if not isinstance(issues, list):
        raise InputError("issue list must be a JSON array (gh issue list --json ...)")
    for i, issue in enumerate(issues):
        if not isinstance(issue, Mapping) or not isinstance(issue.get("number"), int):
            raise InputError(f"issues[{i}] has no issue number")
    return issues


# ---------------------------------------------------------------- rendering


def _cell(value: object) -> str:
    """Text safe inside one Markdown table cell (no HTML, pipes or line breaks)."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|") or "—"


def _code(value: object) -> str:
    text = " ".join(str(value).split()).replace("`", "'").replace("|", "\\|")
    return f"`{text}`" if text else "—"


def _where(finding: Mapping[str, Any]) -> str:
    file = finding.get("file")
    if not file:
        return "—"
    line = finding.get("line")
    return _code(f"{file}:{line}" if isinstance(line, int) and line > 0 else file)


def _sort_key(finding: Mapping[str, Any]) -> tuple[Any, ...]:
    line = finding.get("line")
    return (
        _SEVERITY_RANK.get(finding["severity"], 9),
        str(finding.get("file") or ""),
        line if isinstance(line, int) else 0,
        finding["code"],
        finding["message"],
    )


def marker(body: str) -> str:
    """The hidden comment that identifies the flag issue of ``body``."""
    return f"<!-- minutebook-flag body={body} -->"


def issue_title(body: str) -> str:
    """The (stable) title of the flag issue of ``body``."""
    return f"minutebook: {body} needs attention"


def render_issue_body(body: str, findings: Iterable[Mapping[str, Any]]) -> str:
    """The issue text for ``body``: marker, a table of its findings, and a footer.

    Deterministic (findings are sorted, no dates) so an unchanged situation renders the same.
    """
    rows = sorted(findings, key=_sort_key)
    lines = [
        marker(body),
        (
            f"`minutebook check` reports {len(rows)} "
            f"{'finding' if len(rows) == 1 else 'findings'} about reviews, meeting cadence, "
            f"chairing or actions for **{body}**."
        ),
        "",
        "| Code | Severity | Message | Where |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {_code(f['code'])} | {_cell(f['severity'])} | {_cell(f['message'])} | {_where(f)} |"
        for f in rows
    ]
    lines += [
        "",
        (
            "This issue is maintained by the scheduled *flags* workflow: it is updated when "
            "these findings change, closed when they are resolved and reopened if they return. "
            "Fix the governance files in the repository rather than editing this issue."
        ),
    ]
    return "\n".join(lines) + "\n"


def _normalise(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


# ---------------------------------------------------------------- planning


def flagged_findings(findings_json: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    """Governance findings (errors and warnings) that warrant an issue, grouped by body id
    (sorted by id). Record problems are the pull request's business, not a flag's."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for finding in _findings_list(findings_json):
        body = finding.get("body")
        kind = finding.get("kind")
        governance = (kind == "governance" if kind is not None
                      else finding["category"] in FLAG_CATEGORIES)
        if body is not None and governance and finding["severity"] in FLAG_SEVERITIES:
            grouped.setdefault(body, []).append(finding)
    return dict(sorted(grouped.items()))


def _is_open(issue: Mapping[str, Any]) -> bool:
    return str(issue.get("state", "")).lower() == "open"


def issues_by_body(issues: Any) -> dict[str, list[Mapping[str, Any]]]:
    """Existing issues carrying a marker, grouped by body id; unmarked issues are ignored."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for issue in _issues_list(issues):
        match = _MARKER.search(str(issue.get("body") or ""))
        if match:
            grouped.setdefault(match.group(1), []).append(issue)
    return grouped


def _canonical(issues: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The issue to keep: the oldest open one, else the newest closed one."""
    open_ = [i for i in issues if _is_open(i)]
    if open_:
        return min(open_, key=lambda i: i["number"])
    return max(issues, key=lambda i: i["number"])


def complete(findings_json: Mapping[str, Any]) -> bool:
    """Whether every file was read and valid: with a load or schema error, the checks saw
    only part of the records, so a missing finding does not mean it was put right."""
    return not any((f["severity"] == "error" and f["category"] in ("load", "schema"))
                   or f["code"] == "LD010" for f in _findings_list(findings_json))


def plan(findings_json: Mapping[str, Any], issues: Any) -> list[Operation]:
    """What to do so that each body with flagged findings has exactly one up-to-date open issue.

    Open issues of bodies with no flagged findings left are closed; a closed issue is
    reopened (not duplicated) when findings return; extra open issues with the same marker
    are closed as duplicates. Operations are ordered by body id, then issue number. When
    some files could not be read (see ``complete``), issues are only opened, never changed.
    """
    wanted = flagged_findings(findings_json)
    existing = issues_by_body(issues)
    as_of = _as_of(findings_json)
    when = f" as of {as_of}" if as_of else ""
    ops: list[Operation] = []
    for body in sorted(set(wanted) | set(existing)):
        found = existing.get(body, [])
        if body not in wanted:
            ops += [
                Operation(
                    "close",
                    body,
                    number=i["number"],
                    comment=f"`minutebook check`{when} no longer reports review, cadence, "
                    f"chairing or actions findings for **{body}**. Closing automatically; "
                    "this issue will be reopened if they return.",
                )
                for i in sorted(found, key=lambda i: i["number"])
                if _is_open(i)
            ]
            continue
        title, text = issue_title(body), render_issue_body(body, wanted[body])
        if not found:
            ops.append(Operation("create", body, title=title, text=text))
            continue
        keep = _canonical(found)
        new_title = title if str(keep.get("title") or "") != title else None
        new_text = text if _normalise(keep.get("body")) != _normalise(text) else None
        number = keep["number"]
        if not _is_open(keep):
            ops.append(
                Operation(
                    "reopen",
                    body,
                    number=number,
                    title=new_title,
                    text=new_text,
                    comment=f"`minutebook check`{when} reports findings for **{body}** again. "
                    "Reopening automatically.",
                )
            )
        elif new_title is not None or new_text is not None:
            ops.append(Operation("update", body, number=number, title=new_title, text=new_text))
        else:
            ops.append(Operation("leave", body, number=number))
        ops += [
            Operation(
                "close",
                body,
                number=i["number"],
                comment=f"Duplicate of #{number}, which tracks **{body}**. Closing automatically.",
            )
            for i in sorted(found, key=lambda i: i["number"])
            if i is not keep and _is_open(i)
        ]
    if complete(findings_json):
        return ops
    # what is missing may only be unreadable: open and reopen, never close or rewrite
    return [replace(op, title=None, text=None) if op.action == "reopen" else
            Operation("leave", op.body, number=op.number)
            if op.action in ("close", "update") else op for op in ops]


# ---------------------------------------------------------------- execution


def subprocess_runner(args: Sequence[str], stdin: str | None = None) -> str:
    """Run ``args`` for real; raise :class:`GhError` with gh's message when it fails."""
    try:
        done = subprocess.run(list(args), input=stdin, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise GhError(
            f"{args[0]} not found: install the GitHub CLI (https://cli.github.com)"
        ) from exc
    if done.returncode != 0:
        message = done.stderr.strip() or done.stdout.strip() or "no output"
        raise GhError(f"`{shlex.join(args)}` failed (exit {done.returncode}): {message}")
    return done.stdout


def fetch_issues(runner: Runner = subprocess_runner) -> list[Mapping[str, Any]]:
    """Every flag issue (open and closed) of the current repository, via ``gh issue list``."""
    out = runner(list(LIST_COMMAND), None)
    try:
        issues = json.loads(out or "[]")
    except json.JSONDecodeError as exc:
        raise GhError(f"gh issue list printed something that is not JSON: {exc}") from exc
    try:
        return _issues_list(issues)
    except InputError as exc:
        raise GhError(f"unexpected output from gh issue list: {exc}") from exc


def commands(op: Operation) -> list[tuple[list[str], str | None]]:
    """The ``gh`` commands (argv, stdin) that carry out one operation."""
    n = str(op.number)
    if op.action == "create":
        args = ["gh", "issue", "create", "--title", str(op.title), "--body-file", "-"]
        return [([*args, "--label", LABEL], op.text)]
    if op.action == "close":
        return [(["gh", "issue", "close", n, "--comment", str(op.comment)], None)]
    cmds: list[tuple[list[str], str | None]] = []
    if op.action == "reopen":
        cmds.append((["gh", "issue", "reopen", n, "--comment", str(op.comment)], None))
    if op.action in ("reopen", "update") and (op.title is not None or op.text is not None):
        edit = ["gh", "issue", "edit", n]
        if op.title is not None:
            edit += ["--title", op.title]
        if op.text is not None:
            edit += ["--body-file", "-"]
        cmds.append((edit, op.text))
    return cmds


def apply_plan(
    ops: Iterable[Operation],
    runner: Runner = subprocess_runner,
    log: Callable[[str], None] | None = None,
) -> None:
    """Carry out ``ops`` in order; the flag label is ensured first when an issue is created."""
    ops = list(ops)
    if any(op.action == "create" for op in ops):
        runner(list(LABEL_COMMAND), None)
    for op in ops:
        if log is not None:
            log(op.describe())
        for args, stdin in commands(op):
            runner(args, stdin)


# ---------------------------------------------------------------- step summary


def summary_markdown(findings_json: Mapping[str, Any]) -> str:
    """A ``$GITHUB_STEP_SUMMARY`` section: counts, then one table row per finding."""
    findings = sorted(_findings_list(findings_json), key=_sort_key)
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in findings:
        if finding["severity"] in counts:
            counts[finding["severity"]] += 1
    as_of = _as_of(findings_json)
    lines = [
        "## minutebook check" + (f" (as of {as_of})" if as_of else ""),
        "",
        "| Errors | Warnings | Info |",
        "| ---: | ---: | ---: |",
        f"| {counts['error']} | {counts['warning']} | {counts['info']} |",
        "",
    ]
    if not findings:
        lines.append("No findings: everything checked is in order. :white_check_mark:")
        return "\n".join(lines) + "\n"
    lines += ["| Severity | Code | Where | Message |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {_cell(f['severity'])} | {_code(f['code'])} | {_where(f)} | {_cell(f['message'])} |"
        for f in findings[:SUMMARY_ROW_LIMIT]
    ]
    if len(findings) > SUMMARY_ROW_LIMIT:
        lines += ["", f"…and {len(findings) - SUMMARY_ROW_LIMIT} more (see the check's log)."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- command line


def _read_json(path: str, what: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{what} {path} is not valid JSON: {exc}") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m minutebook.ghsync",
        description="Open, update, close or reopen one GitHub issue per body that needs "
        "attention, from `minutebook check --format json` output; or print a step summary.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--findings", metavar="FILE", help="findings JSON ('-' for stdin)")
    mode.add_argument(
        "--summary", metavar="FILE", help="print a Markdown step summary of FILE and exit"
    )
    parser.add_argument(
        "--issues",
        metavar="FILE",
        help="read existing issues from FILE (gh issue list --json output) instead of gh",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    return parser


def main(argv: Sequence[str] | None = None, runner: Runner = subprocess_runner) -> int:
    """Command-line entry point; returns 0 on success, 1 if gh failed, 2 on bad input."""
    args = _parser().parse_args(argv)
    prog = "minutebook.ghsync"
    try:
        if args.summary is not None:
            sys.stdout.write(summary_markdown(_read_json(args.summary, "findings file")))
            return 0
        findings_json = _read_json(args.findings, "findings file")
        _findings_list(findings_json)
        if args.issues is not None:
            issues = _issues_list(_read_json(args.issues, "issues file"))
        else:
            issues = fetch_issues(runner)
            if len(issues) >= ISSUE_LIMIT:
                print(
                    f"{prog}: warning: {ISSUE_LIMIT} or more flag issues; older ones may be missed",
                    file=sys.stderr,
                )
        ops = plan(findings_json, issues)
        if not complete(findings_json):
            print(f"{prog}: warning: some files could not be read or are invalid; flag "
                  "issues are only opened, not updated or closed, until they are fixed",
                  file=sys.stderr)
        if args.dry_run:
            for op in ops:
                print(op.describe())
            return 0
        apply_plan(ops, runner, log=print)
    except InputError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except GhError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
