"""A cache of parsed files, so that a second check only re-reads what changed.

Each file's parse (data, positions, problems, Markdown body) is stored with ``marshal``
under ``.cache/minutebook/parsed/`` in the repository. The cache is kept in parts so that
a run rewrites only what changed:

- ``index.marshal``: each file's size, modification and change times, and the digest of
  its content (small: a fresh clone, where only the times change, rewrites only this);
- one shard per group of files (the meeting records of one body, ``actions.yaml``, the
  governance files...) holding their parses, with a checksum (a damaged shard is never
  served): editing one meeting record rewrites the shard of its body, not the whole
  cache.

A file is served by its times only if its shard's parse has the digest the index holds
for it; otherwise (a fresh clone in CI with the cache restored, or the parts written by
two runs at once) it is read and found by the digest of its content. The whole cache is
dropped when minutebook's version, the loader's own code, PyYAML's version or the size
limit changes (the fingerprint). It holds nothing that is not in the files themselves,
and ``.cache/`` is git-ignored.

The index and every shard carry a checksum of their content: CRC-32, which catches
damage, or, with ``MINUTEBOOK_CACHE_KEY`` set (a secret, e.g. in CI where the cache is
restored from elsewhere), an HMAC-SHA256 keyed by it, which also catches a part edited by
whoever can write the cache. The rules' memo (``load_memo``) is checked the same way.
The cache is not used at all when ``.cache/minutebook`` is or holds a link (see
``safepath.unsafe_cache``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import importlib.util
import marshal
import os
import re
import tempfile
import zlib
from pathlib import Path
from typing import Any

import yaml

from .listfile import Item, known_items
from .positions import Positions
from .source import Source
from .yamlsrc import Problem

CACHE_DIR = ".cache/minutebook/parsed"
INDEX_FILE = "index.marshal"
_OLD_CACHE_FILE = ".cache/minutebook/parsed.marshal"  # the single file of earlier versions
_LOADER_FILES = ("yamlsrc.py", "mistakes.py", "source.py", "csvsrc.py", "cache.py", "positions.py",
                 "listfile.py")

# (mtime_ns, ctime_ns, size): the change time also moves on chmod and on copies that
# keep the modification time
Stamp = tuple[int, int, int]
# a file's packed source (see pack), and for a list file its items' digests
Entry = tuple[tuple[Any, ...], list[bytes] | None]


def _stamp(stat: os.stat_result) -> Stamp:
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size


def _hash_of(paths: list[Path], salt: str = "") -> str:
    """A digest of some files' bytes (the code a cache depends on)."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(max_bytes: int) -> str:
    from .. import __version__

    here = Path(__file__).parent
    return _hash_of([here / name for name in _LOADER_FILES],
                    f"{__version__} {max_bytes} {yaml.__version__}")


def _checksum(payload: bytes) -> int | bytes:
    """A part's checksum: CRC-32 (damage), or with MINUTEBOOK_CACHE_KEY set (a CI secret)
    an HMAC-SHA256 keyed by it, which whoever can write the cache cannot recompute."""
    key = os.environ.get("MINUTEBOOK_CACHE_KEY")
    return hmac.new(key.encode(), payload, hashlib.sha256).digest() if key \
        else zlib.crc32(payload)


def _intact(checksum: object, payload: object) -> bool:
    """Whether a part's payload has the checksum stored with it."""
    if not isinstance(payload, bytes):
        return False
    expected = _checksum(payload)
    if isinstance(expected, bytes):
        return isinstance(checksum, bytes) and hmac.compare_digest(checksum, expected)
    return checksum == expected


def shard_of(rel: str) -> str:
    """The shard a file's parse is kept in: a folder of meeting records or reports, a list
    file on its own, or the other files of a top-level folder."""
    parts = rel.split("/")
    if parts[0] in ("meetings", "reports") and len(parts) > 2:
        name = f"{parts[0]}-{parts[1]}"
    elif len(parts) == 1:
        name = "top" if rel.endswith((".txt", "minutebook.yaml")) else rel
    else:
        name = parts[0]
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def pack(src: Source) -> tuple[Any, ...]:
    return (src.kind, src.data, src.positions.root,
            [(p.kind, p.line, p.column, p.message, p.hint) for p in src.problems],
            src.body, src.body_line, src.digest)


def unpack(rel: str, packed: tuple[Any, ...]) -> Source:
    kind, data, positions, problems, body, body_line, digest = packed
    return Source(rel, kind, data, Positions(positions), [Problem(*p) for p in problems], body,
                  body_line, digest)


def _read_shard(path: Path, fingerprint: str) -> dict[str, Entry]:
    """A shard's entries; ValueError if it is not one this code wrote, intact."""
    shard = marshal.loads(path.read_bytes())
    if not (isinstance(shard, tuple) and len(shard) == 3 and shard[0] == fingerprint
            and _intact(shard[1], shard[2])):
        raise ValueError(path.name)
    entries = marshal.loads(shard[2])
    if not isinstance(entries, dict) or not all(
            isinstance(e, tuple) and len(e) == 2 and isinstance(e[0], tuple) and len(e[0]) == 7
            for e in entries.values()):
        raise ValueError(path.name)
    return entries


def _write_shard(path: Path, fingerprint: str, entries: dict[str, Entry]) -> None:
    """Write a shard with a checksum of its entries, so that damage is never served."""
    payload = marshal.dumps(entries)
    _write(path, (fingerprint, _checksum(payload), payload))


def _write(path: Path, value: Any, *, mkdir: bool = False) -> None:
    """Replace a file atomically with a marshalled value."""
    if mkdir:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part.")
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ParseCache:
    """Read once at the start of a run; only the changed parts are written back.

    A file is found by path, size and times; failing that (a fresh clone keeps no times,
    e.g. in CI with the cache restored), by the digest of its content.
    """

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.dir = root / CACHE_DIR
        self.fingerprint = _fingerprint(max_bytes)
        self.stamps: dict[str, tuple[Stamp, bytes]] = {}  # the index: times and digest
        self.entries: dict[str, Entry] = {}
        self.index_changed = False
        self.changed_shards: set[str] = set()
        self._by_digest: dict[bytes, Entry] | None = None
        self._fresh = True  # no usable cache was found: clear out whatever is there
        try:
            stored = marshal.loads((self.dir / INDEX_FILE).read_bytes())
            if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == self.fingerprint \
                    and _intact(stored[1], stored[2]):
                stamps, names = marshal.loads(stored[2])
                for name in names:
                    self.entries.update(_read_shard(self.dir / f"{name}.marshal",
                                                    self.fingerprint))
                if not isinstance(stamps, dict):
                    raise ValueError(INDEX_FILE)
                self.stamps = stamps
                self._fresh = False
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            self.stamps, self.entries, self._fresh = {}, {}, True

    def get(self, rel: str, stat: os.stat_result) -> Source | None:
        known = self.stamps.get(rel)
        entry = self.entries.get(rel)
        if known and entry and known[0] == _stamp(stat) and entry[0][6] == known[1]:
            return unpack(rel, entry[0])
        return None

    def get_by_content(self, rel: str, digest: bytes, stat: os.stat_result) -> Source | None:
        """A file whose content was parsed before (under any path), or None."""
        if self._by_digest is None:  # the entries as loaded (a later put() replaces, never
            # changes, an entry, so what this finds is always a parse of that content)
            self._by_digest = {e[0][6]: e for e in self.entries.values() if e[0][6]}
        entry = self._by_digest.get(digest)
        if entry is None or entry[0][6] != digest:
            return None
        src = unpack(rel, entry[0])
        self.put(src, stat, entry[1], entry[0])
        return src

    def known_items(self, rel: str, key: str) -> dict[bytes, Item]:
        """The items of the cached version of a list file, by the digests of their text."""
        entry = self.entries.get(rel)
        if not entry or not entry[1]:
            return {}
        _kind, data, positions = entry[0][:3]
        return known_items(data, Positions(positions), key, entry[1])

    def item_digests(self, rel: str, digest: bytes) -> list[bytes] | None:
        """The item digests of a list file, if the cache holds the parse of this content."""
        entry = self.entries.get(rel)
        return entry[1] if entry and digest and entry[0][6] == digest else None

    def put(self, src: Source, stat: os.stat_result, item_digests: list[bytes] | None = None,
            packed: tuple[Any, ...] | None = None) -> None:
        rel = src.file
        self.stamps[rel] = (_stamp(stat), src.digest)
        self.index_changed = True
        old = self.entries.get(rel)
        if old is None or not src.digest or old[0][6] != src.digest or old[0][0] != src.kind \
                or old[1] != item_digests:
            self.entries[rel] = (packed or pack(src), item_digests)
            self.changed_shards.add(shard_of(rel))

    def save(self, keep: set[str]) -> None:
        """Write the changed parts (dropping files that no longer exist): the shards
        first, then the index that vouches for them. Never fails the run."""
        gone = set(self.stamps) - keep | set(self.entries) - keep
        for rel in gone:
            self.stamps.pop(rel, None)
            if self.entries.pop(rel, None) is not None:
                self.changed_shards.add(shard_of(rel))
        if not self.index_changed and not gone and not self.changed_shards:
            return
        shards: dict[str, dict[str, Entry]] = {}
        for rel, entry in self.entries.items():
            shards.setdefault(shard_of(rel), {})[rel] = entry
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            for name in self.changed_shards:
                if name in shards:
                    _write_shard(self.dir / f"{name}.marshal", self.fingerprint, shards[name])
                else:
                    (self.dir / f"{name}.marshal").unlink(missing_ok=True)
            index = marshal.dumps((self.stamps, sorted(shards)))
            _write(self.dir / INDEX_FILE, (self.fingerprint, _checksum(index), index))
            if self._fresh:  # shards of an older version, parts left by a crash
                for name in os.listdir(self.dir):
                    if name.startswith(".part.") or (name.endswith(".marshal") and name not in
                                                     (INDEX_FILE, *(f"{n}.marshal" for n in shards))):
                        (self.dir / name).unlink(missing_ok=True)
                (self.root / _OLD_CACHE_FILE).unlink(missing_ok=True)
        except (OSError, ValueError):
            pass  # a read-only checkout still checks, just without a cache


MEMO_FILE = ".cache/minutebook/rules-memo.marshal"
CACHE_ROOT = ".cache/minutebook"  # everything the check keeps (see safepath.unsafe_cache)
_MEMO_FORMAT = "minutebook-memo-2"


@functools.lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """The code and schemas that decide what the rules see: the rules, the model and how
    it is built, and which items are valid."""
    from ..schemas import schema_dir

    package = Path(__file__).parents[1]
    return _hash_of([*sorted((package / "rules").glob("*.py")),
                     *(package / name for name in ("build.py", "model.py", "validate.py",
                                                   "schemas.py")),
                     *sorted(schema_dir().glob("*.json"))])


# libraries whose version can change what a scan finds (e.g. phone numbers): they need
# not be imported (see installed)
_SCAN_LIBRARIES = ("phonenumbers", "yaml")


@functools.cache
def installed(module: str) -> str:
    """What identifies the installed copy of a module without importing it: the size and
    time of its file (an upgrade or reinstall changes them). Reading the version from the
    package metadata instead costs 50 ms per process here (it scans every installed
    distribution)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return "?"
    st = os.stat(spec.origin)
    return f"{st.st_size}:{st.st_mtime_ns}"


def _library_versions() -> str:
    return " ".join(f"{name}={installed(name)}" for name in _SCAN_LIBRARIES)


def memo_fingerprint(settings: bytes = b"") -> bytes:
    """What the memo is valid for: the engine's version, the rules and schemas (their
    code), the libraries the scans use, and ``settings`` (the digests of the files every
    scan depends on). With MINUTEBOOK_CACHE_KEY set (a CI secret), the memo's checksum
    cannot be recomputed by whoever can write the cache."""
    from .. import __version__

    key = os.environ.get("MINUTEBOOK_CACHE_KEY", "")
    libraries = _library_versions()
    return hashlib.sha256(f"{_MEMO_FORMAT} {__version__} {rules_fingerprint()} {libraries} "
                          f"{key} ".encode() + settings).digest()


def _memo_checksum(fingerprint: bytes, payload: bytes) -> bytes:
    return hmac.new(fingerprint, payload, hashlib.sha256).digest()


def load_memo(root: Path, settings: bytes = b"") -> dict[str, dict[Any, Any]]:
    """What the rules kept from the last run, only if it is intact and was written for
    the same engine, rules and ``settings`` (its fingerprint and checksum match);
    otherwise nothing (the rules then do all their work)."""
    try:
        stored = marshal.loads((root / MEMO_FILE).read_bytes())
        fingerprint = memo_fingerprint(settings)
        if isinstance(stored, tuple) and len(stored) == 4 and stored[0] == _MEMO_FORMAT \
                and stored[1] == fingerprint and isinstance(stored[3], bytes) \
                and hmac.compare_digest(stored[2], _memo_checksum(fingerprint, stored[3])):
            memo = marshal.loads(stored[3])
            if isinstance(memo, dict) and all(isinstance(k, str) and isinstance(v, dict)
                                              for k, v in memo.items()):
                return memo
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass
    return {}


def save_memo(root: Path, memo: dict[str, dict[Any, Any]], settings: bytes = b"") -> None:
    """Keep the memo with its fingerprint and a checksum of it (never fails the run)."""
    path = root / MEMO_FILE
    try:
        payload = marshal.dumps(memo)
        fingerprint = memo_fingerprint(settings)
        _write(path, (_MEMO_FORMAT, fingerprint, _memo_checksum(fingerprint, payload), payload),
               mkdir=True)
    except (OSError, ValueError):
        pass
