"""requirements/test.lock: the locked, hashed dependencies scripts/test installs.

If test_lock_covers_pyproject fails, pyproject.toml's dependencies changed since the lock
was written: run scripts/lock and commit requirements/test.lock.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "test.lock"


def _lockcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lockcheck", ROOT / "requirements" /
                                                  "lockcheck.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lock_covers_pyproject() -> None:
    problems = _lockcheck().problems()
    assert problems == [], ("requirements/test.lock is stale: run scripts/lock and commit "
                            "requirements/test.lock (" + "; ".join(problems) + ")")


def test_lock_pins_every_package_with_hashes() -> None:
    """Only name==version entries, each with at least one sha256 hash: what
    `pip install --require-hashes` accepts (no editable, URL or unpinned entry)."""
    entries = re.split(r"\n(?=\S)", LOCK.read_text(encoding="utf-8").strip())
    packages = [e for e in entries if not e.startswith("#")]
    assert len(packages) > 20
    for entry in packages:
        head = entry.split(" \\", 1)[0]
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*==[^\s;]+( ; .+)?", head), head
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), head
    names = {e.split("==", 1)[0] for e in packages}
    # the build backend too: scripts/_setup.sh installs the package without build isolation
    assert {"hatchling", "mkdocs", "pytest", "playwright"} <= names


def test_stale_lock_is_named_with_the_command(tmp_path: Path) -> None:
    check = _lockcheck()
    pyproject = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", pyproject)
    assert check.problems(pyproject, LOCK) == []
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('dependencies = [\n', 'dependencies = [\n  "tabulate>=0.9",\n',
                                      1), encoding="utf-8")
    assert check.problems(pyproject, LOCK) == [
        "pyproject.toml's dependencies changed since test.lock was written",
        "test.lock pins no version of tabulate"]
    # a version bound changed: only the digest tells
    pyproject.write_text(text.replace('"click>=8.1"', '"click>=8.2"'), encoding="utf-8")
    assert check.problems(pyproject, LOCK) == [
        "pyproject.toml's dependencies changed since test.lock was written"]
    # layout alone (spacing, order of the list) does not make it stale
    pyproject.write_text(text.replace('"click>=8.1"', '"click >= 8.1"'), encoding="utf-8")
    assert check.problems(pyproject, LOCK) == []
    assert check.problems(pyproject, tmp_path / "none.lock") == ["none.lock is missing"]
    assert check.REFRESH == "scripts/lock"


def test_setup_installs_from_the_lock() -> None:
    """scripts/_setup.sh installs the test extra from the lock with hashes, then the package
    without its dependencies; CI stops on a stale lock."""
    setup = (ROOT / "scripts" / "_setup.sh").read_text(encoding="utf-8")
    assert 'LOCK="requirements/test.lock"' in setup
    assert 'requirements/lockcheck.py check; then\n    pip_install --require-hashes -r "$LOCK"\n' \
           '    pip_install --no-deps --no-build-isolation -e .\n' in setup
    assert '[ "${CI:-}" = true ]; then' in setup
    assert 'MINUTEBOOK_EXTRAS=test source' in (ROOT / "scripts" / "test").read_text()
