"""The synthetic repository generator: valid, deterministic, and breakable on purpose."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from minutebook.api import check
from minutebook.synth import (
    BREACH_CODES,
    DEFAULT_TODAY,
    PRESETS,
    Sizes,
    generate,
    inject_breaches,
    sizes_of,
)


def tree_hash(root: Path) -> str:
    """One hash of every file's path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "small"
    generate(root, "small", seed=1)
    return root


def test_small_repository_has_no_findings(small: Path) -> None:
    result = check(small, DEFAULT_TODAY)
    assert [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings] == []
    ds = result.dataset
    assert ds is not None
    # every kind of record is there, so the check is not vacuous
    assert len(ds.bodies) == PRESETS["small"].bodies
    assert sum(m.held for ms in ds.meetings.values() for m in ms) > 50
    assert any(m.status == "scheduled" for ms in ds.meetings.values() for m in ms)
    assert ds.actions
    assert ds.escalations
    assert ds.measures
    assert ds.values
    assert any(len(t.versions) > 1 for t in ds.tors.values())


def test_same_seed_gives_identical_files(small: Path, tmp_path: Path) -> None:
    generate(tmp_path / "again", "small", seed=1)
    assert tree_hash(tmp_path / "again") == tree_hash(small)
    generate(tmp_path / "other", "small", seed=2)
    assert tree_hash(tmp_path / "other") != tree_hash(small)


def test_stats_count_what_was_written(tmp_path: Path) -> None:
    stats = generate(tmp_path / "r", Sizes(bodies=3, years=1, actions_per_meeting=2), seed=5)
    files = [p for p in (tmp_path / "r").rglob("*") if p.is_file()]
    assert stats.files == len(files)
    assert stats.bytes == sum(p.stat().st_size for p in files)
    assert stats.bodies == 3
    assert stats.meetings == len(list((tmp_path / "r" / "meetings").rglob("*.md")))


def test_sizes_take_overrides() -> None:
    assert sizes_of("large", bodies=3, years=None) == Sizes(3, 10, None, 5.0)
    with pytest.raises(ValueError, match="at least 1"):
        Sizes(bodies=0, years=1)


def test_refuses_to_overwrite_a_repository(small: Path) -> None:
    with pytest.raises(FileExistsError):
        generate(small, "small")


@pytest.mark.parametrize("seed", [1, 2])
def test_injected_breaches_are_exactly_what_check_reports(small: Path, tmp_path: Path,
                                                          seed: int) -> None:
    work = tmp_path / "broken"
    shutil.copytree(small, work)
    expected = inject_breaches(work, seed)
    assert sorted(e.code for e in expected) == sorted(BREACH_CODES)
    findings = check(work, DEFAULT_TODAY).findings
    got = [(f.code, f.file) for f in findings]
    assert set(got) == set(expected), [f"{f.file}:{f.line} {f.code} {f.message}"
                                       for f in findings]
    assert len(got) == len(expected)  # one finding for each, none twice
