"""The benchmark still runs end to end (a smoke test on the small size; its figures are
not checked: a benchmark is not a timed test), and leaves the repository as generated."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from minutebook import bench


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def test_the_check_benchmark_measures_every_phase_and_undoes_its_edits(tmp_path: Path) -> None:
    args = ["--sizes", "small", "--skip-build", "--cache", str(tmp_path / "cache"),
            "--out", str(tmp_path / "out")]
    assert bench.main(args) == 0
    repo = next(p for p in (tmp_path / "cache").iterdir() if p.is_dir())
    before = _tree(repo)
    assert bench.main(args) == 0  # the second run reuses the generated repository
    assert _tree(repo) == before
    result = json.loads((tmp_path / "out" / "results.json").read_text())["results"][0]
    assert set(result["runs"]) == set(bench.CHECK_PHASES)
    for phase in bench.CHECK_PHASES:
        assert [r["returncode"] for r in result["runs"][phase]] == [0]
    for key in ("check_s", "warm_s", "meeting_s", "actions_s", "clone_s"):
        assert result[key] > 0


def test_the_clone_situation_gives_every_file_a_new_time_but_not_the_cache(
        tmp_path: Path) -> None:
    import os

    repo = tmp_path / ".cache" / "bench" / "small-1"  # where the benchmark keeps its repos
    files = [repo / "actions.yaml", repo / "meetings" / "b" / "2026-01-14.md",
             repo / ".cache" / "minutebook" / "parsed.marshal"]
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n")
        os.utime(path, ns=(10**18, 10**18))
    with bench._edited(repo, files[1], "clone"):
        times = [p.stat().st_mtime_ns for p in files]
    assert times[0] != 10**18
    assert times[1] != 10**18
    assert times[2] == 10**18
