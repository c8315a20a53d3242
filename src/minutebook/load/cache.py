"""A cache of parsed files, so that a second check only re-reads what changed.

Each file's parse (data, positions, problems, Markdown body) is stored with ``marshal``
under ``.cache/minutebook/`` in the repository, keyed by path, size and modification time,
and found by the digest of its content when those do not match (a fresh clone in CI with
the cache restored). The whole cache is dropped when the loader's own code, PyYAML's
version or the size limit changes. It holds nothing that is not in the files themselves,
and ``.cache/`` is git-ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .listfile import Item, known_items
from .positions import Positions
from .source import Source
from .yamlsrc import Problem

CACHE_FILE = ".cache/minutebook/parsed.marshal"
_LOADER_FILES = ("yamlsrc.py", "source.py", "csvsrc.py", "cache.py", "positions.py",
                 "listfile.py")

# (mtime_ns, ctime_ns, size), packed source, and for a list file its items' digests;
# the change time also moves on chmod and on copies that keep the modification time
Entry = tuple[tuple[int, int, int], tuple[Any, ...], list[bytes] | None]


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size


def _hash_of(paths: list[Path], salt: str = "") -> str:
    """A digest of some files' bytes (the code a cache depends on)."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(max_bytes: int) -> str:
    here = Path(__file__).parent
    return _hash_of([here / name for name in _LOADER_FILES], f"{max_bytes} {yaml.__version__}")


def pack(src: Source) -> tuple[Any, ...]:
    return (src.kind, src.data, src.positions.root,
            [(p.kind, p.line, p.column, p.message, p.hint) for p in src.problems],
            src.body, src.body_line, src.digest)


def unpack(rel: str, packed: tuple[Any, ...]) -> Source:
    kind, data, positions, problems, body, body_line, digest = packed
    return Source(rel, kind, data, Positions(positions), [Problem(*p) for p in problems], body,
                  body_line, digest)


class ParseCache:
    """Read once at the start of a run; written back only if something changed.

    A file is found by path, size and modification time; failing that (a fresh clone
    keeps no times, e.g. in CI with the cache restored), by the digest of its content.
    """

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.path = root / CACHE_FILE
        self.fingerprint = _fingerprint(max_bytes)
        self.entries: dict[str, Entry] = {}
        self.changed = False
        self._by_digest: dict[bytes, Entry] | None = None
        try:
            stored = marshal.loads(self.path.read_bytes())
            if isinstance(stored, tuple) and stored[0] == self.fingerprint:
                self.entries = stored[1]
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            self.entries = {}

    def get(self, rel: str, stat: os.stat_result) -> Source | None:
        entry = self.entries.get(rel)
        if entry and entry[0] == _stamp(stat):
            return unpack(rel, entry[1])
        return None

    def get_by_content(self, rel: str, digest: bytes, stat: os.stat_result) -> Source | None:
        """A file whose content was parsed before (under any path), or None."""
        if self._by_digest is None:  # the entries as loaded (put() never changes an entry)
            self._by_digest = {e[1][6]: e for e in self.entries.values() if e[1][6]}
        entry = self._by_digest.get(digest)
        if entry is None or entry[1][6] != digest:
            return None
        src = unpack(rel, entry[1])
        self.put(src, stat, entry[2])
        return src

    def known_items(self, rel: str, key: str) -> dict[bytes, Item]:
        """The items of the cached version of a list file, by the digests of their text."""
        entry = self.entries.get(rel)
        if not entry or not entry[2]:
            return {}
        _kind, data, positions = entry[1][:3]
        return known_items(data, Positions(positions), key, entry[2])

    def put(self, src: Source, stat: os.stat_result,
            item_digests: list[bytes] | None = None) -> None:
        self.entries[src.file] = (_stamp(stat), pack(src), item_digests)
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the cache (dropping files that no longer exist); never fails the run."""
        if not self.changed and keep >= set(self.entries):
            return
        entries = {k: v for k, v in self.entries.items() if k in keep}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".parsed.")
            with os.fdopen(fd, "wb") as handle:
                marshal.dump((self.fingerprint, entries), handle)
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            pass  # a read-only checkout still checks, just without a cache


MEMO_FILE = ".cache/minutebook/rules-memo.marshal"


def _rules_fingerprint() -> str:
    """The code and schemas that decide what the rules see: the rules, the model and how
    it is built, and which items are valid."""
    from ..schemas import schema_dir

    package = Path(__file__).parents[1]
    return _hash_of([*sorted((package / "rules").glob("*.py")),
                     *(package / name for name in ("build.py", "model.py", "validate.py",
                                                   "schemas.py")),
                     *sorted(schema_dir().glob("*.json"))])


def load_memo(root: Path) -> dict[str, dict[Any, Any]]:
    """What the rules kept from the last run, if their code has not changed since."""
    try:
        stored = marshal.loads((root / MEMO_FILE).read_bytes())
        if isinstance(stored, tuple) and stored[0] == _rules_fingerprint():
            return dict(stored[1])
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass
    return {}


def save_memo(root: Path, memo: dict[str, dict[Any, Any]]) -> None:
    path = root / MEMO_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".memo.")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump((_rules_fingerprint(), memo), handle)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
