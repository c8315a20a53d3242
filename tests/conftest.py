"""Shared fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minirepo import MiniRepo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    """A minimal valid repository to change one thing in."""
    return MiniRepo(tmp_path)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of this repository's own content, to change and check."""
    dest = tmp_path / "repo"
    for name in ("governance", "meetings", "scorecard", "reports"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("actions.yaml", "escalations.yaml", "minutebook.yaml"):
        shutil.copy(ROOT / name, dest / name)
    return dest
