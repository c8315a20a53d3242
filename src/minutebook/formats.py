"""The format a repository is written in, and the migrations between formats.

A repository says which format it is written in with ``format: N`` in minutebook.yaml.
A repository without ``format:`` is format 1 (every repository written before formats were
numbered). ``FORMAT`` is the format this engine reads and writes; ``minutebook migrate``
rewrites an older repository up to it, one step of ``MIGRATIONS`` at a time.
See docs/upgrading.md for the history.
"""

from __future__ import annotations

#: The format this engine reads and writes (``minutebook init`` writes it).
FORMAT = 2

#: The format of a repository whose minutebook.yaml has no ``format:``.
UNNUMBERED = 1

#: The oldest engine version that reads each format (for "upgrade minutebook to >= X").
ENGINE_FOR_FORMAT: dict[int, str] = {1: "0.1.0", 2: "0.1.0"}

#: One line per step, from -> to: what the step rewrites (docs/upgrading.md repeats them).
HISTORY: dict[int, str] = {
    1: "The format of every repository written before formats were numbered "
       "(no format: in minutebook.yaml).",
    2: "minutebook.yaml says format: 2.",
}
