"""The output formats of ``minutebook check``, behind a name table."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import groupby

from ..findings import Finding

Reporter = Callable[[Sequence[Finding], dict[str, object]], str]

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    infos = sum(f.severity == "info" for f in findings)
    if not findings:
        return "All checks passed."
    parts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        parts.append(_plural(infos, "note"))
    return ", ".join(parts) + "."


def text_lines(findings: Sequence[Finding], colour: bool = False, hints: bool = True,
               notes: dict[Finding, str] | None = None) -> list[str]:
    """Findings grouped by file, each group followed by a blank line; ``notes`` adds a few
    words after a finding's message."""
    lines: list[str] = []
    for file, group in groupby(findings, key=lambda f: f.file):
        lines.append(f"{_BOLD}{file}{_RESET}" if colour else file)
        for f in group:
            sev = f.severity
            label = f"{_COLOURS[sev]}{sev}{_RESET}" if colour else sev
            note = f" ({notes[f]})" if notes and f in notes else ""
            lines.append(f"  {f.line}:{f.column}  {label}  {f.message}{note}  "
                         f"[{f.code} {f.rule}]")
            if hints and f.hint:
                hint = f"{_DIM}{f.hint}{_RESET}" if colour else f.hint
                lines.append(f"      how to fix: {hint}")
        lines.append("")
    return lines


def text(findings: Sequence[Finding], meta: dict[str, object]) -> str:
    """Findings grouped by file; colour when writing to a terminal."""
    lines = text_lines(findings, bool(meta.get("colour")))
    lines.append(f"{summary_line(findings)} (as of {meta.get('as_of')})")
    return "\n".join(lines)


def parsable(findings: Sequence[Finding], meta: dict[str, object]) -> str:
    """One line per finding: file:line:col: [severity] message (CODE)."""
    return "\n".join(f"{f.file}:{f.line}:{f.column}: [{f.severity}] {f.message} ({f.code})"
                     for f in findings)


def as_json(findings: Sequence[Finding], meta: dict[str, object]) -> str:
    """Stable JSON for other tools (see schemas/findings.schema.json)."""
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    failed = meta.get("failed", counts["error"] > 0)  # the command's verdict (--fail-on)
    doc = {"status": "fail" if failed else "ok", "as_of": meta.get("as_of"),
           "summary": counts, "findings": [f.as_dict() for f in findings]}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, note: str = "") -> str:
    """One finding as a GitHub Actions workflow command (an annotation on the diff)."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    title = _escape_property(f"{f.code} {f.rule}")
    message = f.message + (f" ({note})" if note else "") \
        + (f" — how to fix: {f.hint}" if f.hint else "")
    return (f"::{level[f.severity]} file={_escape_property(f.file)},line={f.line},"
            f"col={f.column},title={title}::{_escape_data(message)}")


def github(findings: Sequence[Finding], meta: dict[str, object]) -> str:
    """GitHub Actions workflow commands: each finding an annotation on the diff."""
    return "\n".join([*(annotation(f) for f in findings), summary_line(findings)])


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
}
