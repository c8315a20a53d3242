"""``minutebook migrate``: rewrite a repository from its format to the current one.

Each step of :data:`minutebook.formats.MIGRATIONS` edits the files' text in memory (the
positions come from the YAML parser, as the everyday commands' edits do: comments, order,
quoting and layout of everything else stay byte for byte) and says what it changed; the
first edit states the new format in minutebook.yaml. Every edited text is read back and must
hold exactly the intended data. Nothing is written until every step has succeeded; each
file is then written atomically. A repository already in the current format is left as it
is (a second run changes nothing and says so).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fileio import write_atomic
from .formats import CONFIG_FILE, FORMAT, MIGRATIONS, UNNUMBERED, Stated, stated_format
from .load.safepath import path_problem
from .load.yamlsrc import parse_yaml
from .scaffold import index_yaml, read_text_exact

NEW_CONFIG = ("# Settings for this minutebook repository. Field reference: "
              "docs/reference/settings.md\n")
FORMAT_COMMENT = ("# The format these files are written in (docs/upgrading.md); "
                  "`minutebook migrate` updates it.\n")


class MigrateError(Exception):
    """A migration refused: nothing was written. The message says what to do."""


@dataclass(slots=True)
class Change:
    """One change, as reported: ``file:line: what``."""

    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"


@dataclass(slots=True)
class Files:
    """The repository's files as the steps see them: read once, edited in memory."""

    root: Path
    texts: dict[str, str] = field(default_factory=dict)
    original: dict[str, str | None] = field(default_factory=dict)

    def read(self, rel: str) -> str | None:
        """A file's text (None if it does not exist); refuses links and special files."""
        if rel not in self.texts:
            found = path_problem(self.root, rel)
            if found is not None:
                raise MigrateError(f"{found[1].message}; nothing was written. {found[1].hint}")
            path = self.root / rel
            if not path.exists():
                self.original[rel] = None
                return None
            try:
                text = read_text_exact(path)
            except UnicodeDecodeError:
                raise MigrateError(f"{rel} is not UTF-8 text; run `minutebook check` and fix "
                                   "it, then run `minutebook migrate` again") from None
            self.original[rel] = self.texts[rel] = text
        return self.texts[rel]

    def write(self, rel: str, text: str) -> None:
        self.texts[rel] = text

    def changed(self) -> dict[str, str]:
        return {rel: t for rel, t in self.texts.items() if t != self.original.get(rel)}


@dataclass(slots=True)
class Outcome:
    """What a migration found and did (or would do, with ``dry_run``)."""

    found: int
    changes: list[Change]
    written: list[str]


# ---------------------------------------------------------------- text of minutebook.yaml


def _split(text: str) -> tuple[str, str, bool]:
    """(BOM, text with \\n line breaks, whether the file used \\r\\n)."""
    crlf = "\r\n" in text
    plain = text.replace("\r\n", "\n")
    bom = "\ufeff" if plain.startswith("\ufeff") else ""
    return bom, plain[len(bom):], crlf


def _join(bom: str, text: str, crlf: bool) -> str:
    return bom + (text.replace("\n", "\r\n") if crlf else text)


def _line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _data(text: str, what: str) -> dict[str, Any]:
    parsed = parse_yaml(text)
    if parsed.problems:
        raise MigrateError(f"{what} cannot be read; run `minutebook check` and fix it first, "
                           "then run `minutebook migrate` again")
    if parsed.data is None:
        return {}
    if not isinstance(parsed.data, dict):
        raise MigrateError(f"{what} is not a mapping of settings; run `minutebook check` and "
                           "fix it first")
    return parsed.data


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _verified(text: str, expected: dict[str, Any], what: str) -> str:
    """``text`` if it reads back as ``expected``; else refuse (nothing is written)."""
    after = parse_yaml(text)
    data = {} if after.data is None else after.data
    if after.problems or data != expected:
        raise MigrateError(f"the migration would change more of {what} than intended; "
                           "nothing was written. Make the change docs/upgrading.md describes "
                           "by hand")
    return text


def set_format(files: Files, number: int) -> list[Change]:
    """State ``format: number`` in minutebook.yaml: the value replaced where the file has
    it, else a line (with a comment above it) before the first setting; the file is written
    when the repository has none."""
    text = files.read(CONFIG_FILE)
    if text is None:
        files.write(CONFIG_FILE, NEW_CONFIG + FORMAT_COMMENT + f"format: {number}\n")
        return [Change(CONFIG_FILE, 3, f"written, with format: {number} (the repository had "
                                       "no settings file)")]
    bom, plain, crlf = _split(text)
    data = _data(plain, CONFIG_FILE)
    if data.get("format") == number:
        return []
    ix = index_yaml(plain)
    expected = {**data, "format": number}
    if ("format",) in ix.values:
        start, end = ix.values[("format",)]
        new = _apply(plain, [(start, end, str(number))])
        what = f"format: {data['format']} -> format: {number}"
        line = _line_of(plain, start)
    elif ix.flow.get(()):
        raise MigrateError(f"{CONFIG_FILE} is written in {{ }}; add `format: {number}` to it "
                           "by hand")
    else:
        starts = [s for p, (s, _) in ix.keys.items() if len(p) == 1]
        at = plain.rfind("\n", 0, min(starts)) + 1 if starts else len(plain)
        if at == len(plain) and plain and not plain.endswith("\n"):
            plain += "\n"
            at += 1
        new = plain[:at] + FORMAT_COMMENT + f"format: {number}\n" + plain[at:]
        what = f"added format: {number}"
        line = _line_of(plain, at) + 1
    files.write(CONFIG_FILE, _join(bom, _verified(new, expected, CONFIG_FILE), crlf))
    return [Change(CONFIG_FILE, line, what)]


# ---------------------------------------------------------------- the steps


def to_format_2(files: Files) -> list[Change]:
    """Format 1 -> 2: a ``checks:`` entry naming the retired code RF006 names CA005, which
    took its place (``disable:`` items and ``severity:`` keys, in place). Refused where the
    entry names CA005 already: the entry to keep is the editor's choice."""
    text = files.read(CONFIG_FILE)
    if text is None:
        return []
    bom, plain, crlf = _split(text)
    data = _data(plain, CONFIG_FILE)
    checks = data.get("checks")
    if not isinstance(checks, dict):
        return []
    ix = index_yaml(plain)
    edits: list[tuple[int, int, str]] = []
    changes: list[Change] = []
    new_checks = dict(checks)
    disable = checks.get("disable")
    if isinstance(disable, list) and "RF006" in disable:
        if "CA005" in disable:
            raise MigrateError(f"{CONFIG_FILE}: checks: disable names both RF006 and CA005; "
                               "remove RF006 (retired: CA005 took its place) by hand, then "
                               "run `minutebook migrate` again")
        for i, code in enumerate(disable):
            if code == "RF006":
                edits.append(_replace_code(plain, ix.values.get(("checks", "disable", i))))
                changes.append(Change(CONFIG_FILE, _line_of(plain, edits[-1][0]),
                                      "checks: disable: RF006 -> CA005 (RF006 is retired; "
                                      "CA005 took its place)"))
        new_checks["disable"] = ["CA005" if c == "RF006" else c for c in disable]
    severity = checks.get("severity")
    if isinstance(severity, dict) and "RF006" in severity:
        if "CA005" in severity:
            raise MigrateError(f"{CONFIG_FILE}: checks: severity names both RF006 and CA005; "
                               "remove RF006 (retired: CA005 took its place) by hand, then "
                               "run `minutebook migrate` again")
        edits.append(_replace_code(plain, ix.keys.get(("checks", "severity", "RF006"))))
        changes.append(Change(CONFIG_FILE, _line_of(plain, edits[-1][0]),
                              "checks: severity: RF006 -> CA005 (RF006 is retired; CA005 "
                              "took its place)"))
        new_checks["severity"] = {("CA005" if k == "RF006" else k): v
                                  for k, v in severity.items()}
    if not edits:
        return []
    new = _verified(_apply(plain, edits), {**data, "checks": new_checks}, CONFIG_FILE)
    files.write(CONFIG_FILE, _join(bom, new, crlf))
    return changes


def _replace_code(text: str, span: tuple[int, int] | None) -> tuple[int, int, str]:
    """The edit replacing RF006 with CA005 inside a scalar or key (quotes kept)."""
    if span is None:
        raise MigrateError(f"cannot find where {CONFIG_FILE} names RF006; replace it with "
                           "CA005 by hand, then run `minutebook migrate` again")
    at = text.find("RF006", span[0], span[1])
    if at < 0:
        raise MigrateError(f"{CONFIG_FILE} names RF006 in a form minutebook cannot edit; "
                           "replace it with CA005 by hand")
    return at, at + 5, "CA005"


# ---------------------------------------------------------------- running


def _step(dotted: str) -> Callable[[Files], list[Change]]:
    module, name = dotted.split(":")
    func: Callable[[Files], list[Change]] = getattr(importlib.import_module(module), name)
    return func


def current_format(files: Files) -> Stated:
    """The format the repository states (read through ``files``, refusing links)."""
    text = files.read(CONFIG_FILE)
    if text is None:
        return stated_format(None, "", has_config=False)
    _, plain, _ = _split(text)
    return stated_format(_data(plain, CONFIG_FILE), plain)


def migrate(root: Path, *, dry_run: bool = False) -> Outcome:
    """Rewrite the repository at ``root`` to format ``FORMAT`` (nothing written with
    ``dry_run``). Raises :class:`MigrateError` (nothing written) when it cannot."""
    files = Files(root)
    stated = current_format(files)
    if stated.number is None:
        raise MigrateError(f"{CONFIG_FILE}:{stated.line}: format: is not a whole number; write "
                           f"the format the repository is in (1 if unsure, or remove the "
                           "line), then run `minutebook migrate` again")
    if stated.number > FORMAT:
        from .formats import newer_message

        message, hint = newer_message(stated.number, stated.engine)
        raise MigrateError(f"{message.split(';')[0]}: {hint}")
    changes: list[Change] = []
    if stated.number < FORMAT or not stated.stated:
        # first: the steps then edit in place, so every line reported is the line of the
        # file as written
        changes += set_format(files, FORMAT)
    for m in MIGRATIONS:
        if m.to > stated.number:
            changes += _step(m.step)(files)
    changes.sort(key=lambda c: (c.file, c.line))
    written = sorted(files.changed())
    if not dry_run:
        for rel in written:
            found = path_problem(root, rel)  # checked again just before writing
            if found is not None:
                raise MigrateError(f"{found[1].message}; nothing was written. {found[1].hint}")
            write_atomic(root / rel, files.texts[rel], overwrite=True)
    return Outcome(stated.number, changes, written)


__all__ = ["UNNUMBERED", "Change", "MigrateError", "Outcome", "migrate"]
