"""The format a repository is written in, and the migrations between formats.

A repository says which format it is written in with ``format: N`` in minutebook.yaml.

* A minutebook.yaml without ``format:`` is format 1: every repository written before
  formats were numbered.
* A repository without minutebook.yaml (the file is optional) is read as the current
  format: it has no setting any migration so far rewrites. ``minutebook migrate`` writes the
  file, so that the format is stated from then on.

``FORMAT`` is the format this engine reads and writes (``minutebook init`` writes it);
``minutebook migrate`` (:mod:`minutebook.migrate`) rewrites an older repository up to it,
one step of ``MIGRATIONS`` at a time. docs/upgrading.md tells the history.

This module is imported by the checker on every run: it imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import __version__

#: The format this engine reads and writes.
FORMAT = 2

#: The format of a minutebook.yaml that states none.
UNNUMBERED = 1

CONFIG_FILE = "minutebook.yaml"


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the format history: from ``to - 1`` to ``to``."""

    to: int
    engine: str  # the first minutebook version that reads (and writes) format ``to``
    summary: str  # what the step rewrites, in words (docs/upgrading.md, migrate's output)
    step: str  # "module:function" of the step, resolved by minutebook.migrate


#: Every step, oldest first. A new format adds a step here and raises ``FORMAT``.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        2, "0.1.0",
        "minutebook.yaml states its format (format: 2), and a `checks:` entry naming the "
        "retired code RF006 (outcome-not-recorded) names CA005 (meeting-not-recorded), which "
        "took its place.",
        "minutebook.migrate:to_format_2"),
)

assert MIGRATIONS[-1].to == FORMAT, "FORMAT must be the last migration's format"


def engine_for(number: int) -> str | None:
    """The first engine version that reads format ``number``, if this engine knows it."""
    return next((m.engine for m in MIGRATIONS if m.to == number), None)


@dataclass(frozen=True, slots=True)
class Stated:
    """The format a repository is written in, as read from its minutebook.yaml."""

    number: int | None  # None: format: is there but not a whole number >= 1 (the schema says)
    line: int  # the line of format: (1 when the file does not state it)
    stated: bool  # format: is written in minutebook.yaml
    has_config: bool  # minutebook.yaml exists
    engine: str | None = None  # engine: the minutebook versions it asks for, as pip writes them


_FORMAT_LINE = re.compile(r"^format[ \t]*:", re.MULTILINE)


def stated_format(data: object, text: str, *, has_config: bool = True) -> Stated:
    """The format of a repository from its minutebook.yaml's data (and text, for the line)."""
    if not has_config:
        return Stated(FORMAT, 1, False, False)
    if not isinstance(data, dict) or "format" not in data:
        return Stated(UNNUMBERED, 1, False, True)
    found = _FORMAT_LINE.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    value = data["format"]
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    engine = data.get("engine")
    return Stated(value if ok else None, line, True, True,
                  engine if isinstance(engine, str) and engine.strip() else None)


def read_format(root: Path) -> Stated | None:
    """The format of the repository at ``root``, read cheaply from minutebook.yaml; None when
    the file cannot be read safely or at all (the checker reports why)."""
    from .load.safepath import path_problem
    from .load.yamlsrc import parse_yaml

    cfg = root / CONFIG_FILE
    if path_problem(root, CONFIG_FILE) is not None:
        return None
    if not cfg.exists():
        return stated_format(None, "", has_config=False)
    if not cfg.is_file() or cfg.stat().st_size > 1 << 20:
        return None
    try:
        text = cfg.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
    parsed = parse_yaml(text)
    if parsed.problems:
        return None
    return stated_format(parsed.data, text)


def older_message(number: int) -> tuple[str, str]:
    """LD014's message and hint for a repository written in an older format."""
    return (f"this repository is written in format {number}"
            + ("" if number != UNNUMBERED else " (minutebook.yaml states no format:)")
            + f"; minutebook {__version__} reads and writes format {FORMAT}",
            ("run `minutebook migrate` (add --dry-run to see the changes first), check the "
            "changes and commit them; docs/upgrading.md says what each format changed"))


def newer_message(number: int, engine: str | None = None) -> tuple[str, str]:
    """LD015's message and hint for a repository written in a newer format (``engine``:
    the versions the repository asks for in minutebook.yaml, if it says)."""
    message = (f"this repository is written in format {number}, newer than minutebook "
               f"{__version__} can read (format {FORMAT}); nothing else was checked")
    if engine:
        return message, (f"upgrade minutebook to the versions the repository asks for "
                         f"(engine: {engine}): pip install '{engine.strip()}', or run the "
                         "repository's scripts, which install it; docs/upgrading.md lists "
                         "the formats")
    return message, (f"upgrade minutebook to a version newer than {__version__} that reads "
                     f"format {number} (pip install --upgrade minutebook, or raise the "
                     "version the repository's scripts install); docs/upgrading.md lists the "
                     "formats")
