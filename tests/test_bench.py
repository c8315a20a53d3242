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


def test_the_site_benchmark_reports_both_builds_and_their_ratios(tmp_path: Path) -> None:
    """``--site`` on the small size: mkdocs build with the plugin beside plain MkDocs on the
    same pages, alternating; every field reported (the figures themselves are not checked)."""
    args = ["--sizes", "small", "--site", "--repeat", "2", "--cache", str(tmp_path / "cache"),
            "--out", str(tmp_path / "out")]
    assert bench.main(args) == 0
    report = json.loads((tmp_path / "out" / "results.json").read_text())
    assert "results" not in report  # no check timings
    (site,) = report["site"]
    assert site["size"] == "small"
    assert site["pages"] > 10
    assert site["same_pages"]
    for side in ("plugin", "plain"):
        build = site[side]
        assert build["failed_runs"] == 0
        for key in ("seconds", "cpu_s", "peak_mb", "tree_mb"):
            assert build[key] > 0, (side, key)
        assert build["out_files"] > build["html_pages"] >= site["pages"]
        assert build["out_bytes"] > build["search_index_bytes"] > 0
        assert [r["returncode"] for r in site["runs"][side]] == [0, 0]
    ratios = site["ratio_plugin_to_plain"]
    for key in ("seconds", "cpu_s", "peak_mb", "tree_mb"):
        assert ratios[key]["min"] <= ratios[key]["median"] <= ratios[key]["max"]
    assert ratios["out_bytes"] > 0
    # the runs alternate: plugin, plain, then plain, plugin
    plugin, plain = ([r["started"] for r in site["runs"][side]] for side in ("plugin", "plain"))
    assert plugin[0] < plain[0] < plain[1] < plugin[1]


def test_the_plain_build_keeps_the_same_pages_out_of_the_navigation() -> None:
    """The plain build hides from its navigation what the plugin hides (else it would list
    thousands of pages in every page and not be the same site)."""
    from minutebook.site.plugin import _LISTED_ELSEWHERE

    patterns = bench.not_in_nav().splitlines()
    assert patterns[0] == "not_in_nav: |"
    assert patterns[-1] == "  !index.md"
    for prefix in _LISTED_ELSEWHERE:
        assert f"  /{prefix}**" in patterns or f"  /{prefix}" in patterns
