"""Build the real site once per session for the site tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"


def mkdocs_build(config: Path, site_dir: Path, *, today: str = TODAY,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as scripts/build does, into a given folder."""
    env = {**os.environ, "MINUTEBOOK_TODAY": today, "NO_MKDOCS_2_WARNING": "1",
           **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "--site-dir", str(site_dir)], check=False, cwd=config.parent, env=env,
        capture_output=True,
        text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built as of 2026-11-25."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository's content and site configuration to break."""
    dest = tmp_path / "repo"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__", "tests",
                                    "src", "*.egg-info", ".pytest_cache",
                                    "node_modules")  # tools/decap-server's install
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
