"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from minirepo import MiniRepo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    """A minimal valid repository to change one thing in."""
    return MiniRepo(tmp_path)
