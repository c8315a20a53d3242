"""The output of ``check --baseline``: new, fixed and already-there findings, apart."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..baseline import Comparison
from ..findings import Finding
from ..ghsync import SUMMARY_ROW_LIMIT, _cell, _code, _where
from .formats import annotation, summary_line, text_lines

GROUPS = (("new", "New in this change"), ("fixed", "Fixed by this change"),
          ("existing", "Already there before this change"))


def _notes(c: Comparison) -> dict[Finding, str]:
    return {f: f"was {was}" for f, was in c.raised.items()}


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}


def outcome(c: Comparison) -> str:
    """One line: what was compared and how many of each."""
    held = (f" {len(c.held_back)} not compared: held back until the files that cannot be "
            "read are fixed." if c.held_back else "")
    return (f"Compared with {c.baseline.label}: {len(c.new)} new "
            f"({summary_line(c.new).rstrip('.').lower() if c.new else 'nothing'}), "
            f"{len(c.fixed)} fixed, {len(c.existing)} already there.{held}")


def text(c: Comparison, meta: dict[str, object]) -> str:
    """The three groups, new first with how to fix; the others without."""
    colour = bool(meta.get("colour"))
    lines: list[str] = []
    if c.new:
        lines += [f"New in this change: {summary_line(c.new)}", ""]
        lines += text_lines(c.new, colour, notes=_notes(c))
    else:
        lines += ["Nothing new in this change.", ""]
    if c.fixed:
        head = f"Fixed by this change (lines as they were in {c.baseline.ref})"
        lines += [f"{head}: {summary_line(c.fixed)}", ""]
        lines += text_lines(c.fixed, colour, hints=False)
    if c.existing:
        head = "Already there before this change, not its doing"
        lines += [f"{head}: {summary_line(c.existing)}", ""]
        lines += text_lines(c.existing, colour, hints=False)
    lines.append(f"{outcome(c)} (as of {meta.get('as_of')})")
    return "\n".join(lines)


def parsable(c: Comparison, meta: dict[str, object]) -> str:
    """The new findings only, one a line (what an editor has to look at)."""
    return "\n".join(f"{f.file}:{f.line}:{f.column}: [{f.severity}] {f.message} ({f.code})"
                     for f in c.new)


def _entry(f: Finding, c: Comparison) -> dict[str, object]:
    entry = f.as_dict()
    if f in c.raised:
        entry["was"] = c.raised[f]
    return entry


def as_json(c: Comparison, meta: dict[str, object]) -> str:
    """The three groups; ``held_back``: findings of REF not compared (the working tree
    holds them back, LD010); ``findings`` is every finding of the working tree, as
    without --baseline; ``status`` is fail when a new finding fails the check."""
    doc = {"status": "fail" if meta.get("failed") else "ok", "as_of": meta.get("as_of"),
           "baseline": {"ref": c.baseline.ref, "commit": c.baseline.commit},
           "summary": {"new": _counts(c.new), "fixed": len(c.fixed),
                       "existing": len(c.existing)},
           "new": [_entry(f, c) for f in c.new],
           "fixed": [f.as_dict() for f in c.fixed],
           "existing": [f.as_dict() for f in c.existing],
           "held_back": [f.as_dict() for f in c.held_back],
           "findings": [f.as_dict() for f in sorted([*c.new, *c.existing],
                                                     key=lambda f: f.sort_key)]}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def github(c: Comparison, meta: dict[str, object]) -> str:
    """Annotations on the new findings only, then the outcome."""
    notes = _notes(c)
    return "\n".join([*(annotation(f, notes.get(f, "")) for f in c.new), outcome(c)])


def _table(findings: Sequence[Finding], notes: dict[Finding, str] | None = None) -> list[str]:
    rows = ["| Severity | Code | Where | Message |", "| --- | --- | --- | --- |"]
    for f in findings[:SUMMARY_ROW_LIMIT]:
        note = f" ({notes[f]})" if notes and f in notes else ""
        rows.append(f"| {_cell(f.severity)} | {_code(f.code)} | {_where(f.as_dict())} | "
                    f"{_cell(f.message + note)} |")
    if len(findings) > SUMMARY_ROW_LIMIT:
        rows += ["", f"…and {len(findings) - SUMMARY_ROW_LIMIT} more (see the check's log)."]
    return rows


def step_summary(c: Comparison, meta: dict[str, object]) -> str:
    """A ``$GITHUB_STEP_SUMMARY`` section listing the three groups."""
    lines = [f"## minutebook check of this change (as of {meta.get('as_of')})", "",
             f"Compared with {_code(c.baseline.label)}.", "",
             "| New | Fixed | Already there |", "| ---: | ---: | ---: |",
             f"| {len(c.new)} | {len(c.fixed)} | {len(c.existing)} |", "",
             "### New in this change", ""]
    if c.new:
        lines += ["New errors fail the check; fix them before merging.", "",
                  *_table(c.new, _notes(c)), ""]
    else:
        lines += ["Nothing new: this change adds no finding. :white_check_mark:", ""]
    lines += ["### Fixed by this change", ""]
    lines += [*_table(c.fixed), ""] if c.fixed else ["Nothing.", ""]
    if c.held_back:
        lines += [(f"{len(c.held_back)} finding(s) before this change were not compared: "
                   "this change holds them back until the files that cannot be read are "
                   "fixed."), ""]
    lines += ["### Already there before this change", ""]
    if c.existing:
        lines += ["Not this change's doing: they do not fail the check.", "",
                  "<details><summary>" + _cell(summary_line(c.existing)) + "</summary>", "",
                  *_table(c.existing), "", "</details>", ""]
    else:
        lines += ["Nothing.", ""]
    return "\n".join(lines)


REPORTERS = {"text": text, "parsable": parsable, "json": as_json, "github": github}
