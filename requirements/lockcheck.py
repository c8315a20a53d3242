"""Is requirements/test.lock the lock of pyproject.toml's dependencies? (standard library only)

The lock (written by scripts/lock) pins, with hashes, everything `pip install -e .[test]`
and the build backend need. Its first line is the digest of the dependencies pyproject.toml
declares (``dependencies``, the ``test`` extra and ``build-system.requires``): when they
change, the lock is stale. Used by scripts/_setup.sh (before installing), scripts/lock
(to stamp the lock) and tests/test_lock.py.

    python requirements/lockcheck.py digest   # the digest of pyproject.toml's dependencies
    python requirements/lockcheck.py check    # exit 1, saying why, when the lock is stale
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "test.lock"
PYPROJECT = ROOT / "pyproject.toml"
EXTRA = "test"
HEADER = "# pyproject-digest: "
REFRESH = "scripts/lock"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: Path = PYPROJECT) -> list[str]:
    """Every requirement pyproject.toml declares for an install with the test extra."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data.get("project", {})
    reqs = list(project.get("dependencies", []))
    reqs += project.get("optional-dependencies", {}).get(EXTRA, [])
    reqs += data.get("build-system", {}).get("requires", [])
    return reqs


def digest(pyproject: Path = PYPROJECT) -> str:
    """The digest of the declared requirements (whitespace and order do not count)."""
    reqs = sorted({re.sub(r"\s+", "", r) for r in declared(pyproject)})
    return hashlib.sha256("\n".join(reqs).encode("utf-8")).hexdigest()


def pinned(lock: Path = LOCK) -> dict[str, str]:
    """The distributions the lock pins: canonical name -> version."""
    out = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if m:
            out[canonical(m.group(1))] = m.group(3)
    return out


def problems(pyproject: Path = PYPROJECT, lock: Path = LOCK) -> list[str]:
    """Why the lock does not cover pyproject.toml (empty when it does)."""
    if not lock.is_file():
        return [f"{lock.name} is missing"]
    first = lock.read_text(encoding="utf-8").split("\n", 1)[0]
    out = []
    if first != HEADER + digest(pyproject):
        out.append(f"pyproject.toml's dependencies changed since {lock.name} was written")
    locked = pinned(lock)
    names = sorted({canonical(m.group(1)) for r in declared(pyproject)
                    if (m := _NAME.match(r))})
    missing = [n for n in names if n not in locked]
    if missing:
        out.append(f"{lock.name} pins no version of {', '.join(missing)}")
    return out


def main(argv: list[str]) -> int:
    if argv == ["digest"]:
        print(digest())
        return 0
    if argv == ["check"]:
        found = problems()
        for p in found:
            print(f"requirements/test.lock is stale: {p}; run {REFRESH} to refresh it "
                  "(and commit requirements/test.lock)", file=sys.stderr)
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
