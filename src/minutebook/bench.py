"""Benchmark ``minutebook check`` and the site build on synthetic repositories.

    scripts/bench                                # small and medium
    scripts/bench --sizes small medium large --repeat 3
    scripts/bench --sizes large --skip-build     # check only

For each size a repository is generated with ``minutebook.synth`` (and cached under
``.cache/bench/<size>-<seed>``), then each measurement runs in its own child process,
timed by wall clock, with its peak resident memory taken from ``/usr/bin/time -v`` (or,
without it, from ``getrusage(RUSAGE_CHILDREN)`` in a small launcher process):

a. ``minutebook check`` as an editor runs it (the installed command, a fresh process):
   cold (its parse cache in the repository's ``.cache/minutebook/`` removed first, as in a
   fresh clone or CI) and warm (run again, nothing changed);
b. ``mkdocs build`` with the minutebook plugin (check, generate pages, build);
c. ``mkdocs build`` of the very same pages without the plugin: ``render_site``'s pages and
   files are written into a docs folder first (not timed), and built with an identical
   configuration minus the plugin.

b and c alternate (b c, c b, b c ...), so that a change in the machine's load falls on
both; besides the medians, the ratio b / c of each pair is reported (its median is the
figure to quote on a shared machine). Each build's output is counted too: bytes, files,
HTML pages, the search index. ``--site`` measures only b and c (no ``check`` timings).

The plugin's overhead is (b - c) / c. Results are printed as a table and written as JSON
to ``bench/out/results.json`` (the site build as each size's ``site`` section). Progress
goes to stderr.

``--profile`` instead runs ``check`` in this process on each size's repository, timing its
phases (reading and parsing, schema validation, building the model, each rule) and the
page generation (``render_site``), with cProfile's top functions, into
``bench/out/profile-<size>.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import inspect
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from . import synth

TIME = "/usr/bin/time"
SIZES = tuple(synth.PRESETS)
DEFAULT_SIZES = ("small", "medium")

_CONFIG = """\
# Written by minutebook.bench: a complete configuration (it inherits nothing).
site_name: "{site_name}"
docs_dir: "{docs_dir}"
site_dir: "{site_dir}"
use_directory_urls: false
theme:
  name: material
  font: false
extra:
  generator: false
plugins:
  - search
{plugin}markdown_extensions:
  - attr_list
  - tables
  - admonition
  - def_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
{not_in_nav}"""

_PLUGIN = """\
  - minutebook:
      repository: .
      today: "{today}"
"""



def not_in_nav() -> str:
    """The pages the plugin keeps out of the navigation (site/plugin.py, _LISTED_ELSEWHERE,
    but for index pages), as the plain build's ``not_in_nav``: the plain build must too, or
    its navigation lists thousands of pages on every page and it is not the same site."""
    from .site.engine import LISTED_FROM_INDEX
    from .site.plugin import _LISTED_ELSEWHERE

    lines = [f"  /{p}**" if p.endswith("/") else f"  /{p}"
             for p in (*_LISTED_ELSEWHERE, *LISTED_FROM_INDEX)]
    return "not_in_nav: |\n" + "\n".join([*lines, "  !index.md"]) + "\n"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- measuring


@dataclass(slots=True)
class Run:
    """One measured child process."""

    seconds: float
    peak_mb: float
    returncode: int
    cpu_s: float = float("nan")  # user + system time of the child
    load: float = float("nan")  # 1-minute load average when it started (others' work)
    tree_mb: float = float("nan")  # peak of the whole process tree's memory (PSS, sampled)
    started: float = float("nan")  # when it started (time.time())


class _TreeMemory(threading.Thread):
    """Samples the proportional set size (PSS) of a process and all its descendants, so
    worker processes count and pages they share are not counted twice."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))
            self.done.wait(self.every)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _launcher(cmd: list[str], out: Path) -> list[str]:
    """The command wrapped so that its peak memory can be read afterwards."""
    if Path(TIME).is_file() and os.access(TIME, os.X_OK):
        return [TIME, "-v", "-o", str(out), *cmd]
    code = ("import resource, subprocess, sys\n"
            "rc = subprocess.call(sys.argv[2:])\n"
            "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "open(sys.argv[1], 'w').write(f'Maximum resident set size (kbytes): "
            "{ru.ru_maxrss}\\nUser time (seconds): {ru.ru_utime}\\n"
            "System time (seconds): {ru.ru_stime}\\n')\n"
            "sys.exit(rc)\n")
    return [sys.executable, "-c", code, str(out), *cmd]


def measure(cmd: list[str], *, cwd: Path | None = None, log_file: Path | None = None,
            env: dict[str, str] | None = None, tree: bool = False) -> Run:
    """Run a command in a child process: wall time and peak resident memory (and, with
    ``tree``, the sampled peak of the process tree's memory)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        time_file = Path(tf.name)
    try:
        sink = log_file.open("w") if log_file else subprocess.DEVNULL
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        try:
            started = time.time()
            start = time.perf_counter()
            proc = subprocess.Popen(_launcher(cmd, time_file), cwd=cwd, stdout=sink,
                                    stderr=subprocess.STDOUT, env=env)
            sampler = _TreeMemory(proc.pid) if tree and Path("/proc/self/smaps_rollup") \
                .exists() else None
            if sampler:
                sampler.start()
            proc.wait()
            seconds = time.perf_counter() - start
            if sampler:
                sampler.done.set()
                sampler.join()
        finally:
            if log_file:
                sink.close()  # type: ignore[union-attr]
        report = time_file.read_text()
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        peak_mb = int(found.group(1)) / 1024 if found else float("nan")
        cpu = [float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)",
                                            report)]
        return Run(seconds, peak_mb, proc.returncode, sum(cpu) if cpu else float("nan"), load,
                   sampler.peak_kb / 1024 if sampler else float("nan"), started)
    finally:
        time_file.unlink(missing_ok=True)


def medians(runs: list[Run]) -> tuple[float, float, float]:
    """Median wall seconds, peak MB and CPU seconds of the runs that succeeded."""
    runs = [r for r in runs if r.returncode == 0] or runs
    return (statistics.median(r.seconds for r in runs),
            statistics.median(r.peak_mb for r in runs),
            statistics.median(r.cpu_s for r in runs))


# ---------------------------------------------------------------- the repositories


def _stamp(size: str, seed: int, today: date) -> str:
    """Changes whenever the generator or its inputs change (the cache is then rebuilt)."""
    source = Path(synth.__file__).read_bytes()
    return hashlib.sha256(source + f"{size}/{seed}/{today}".encode()).hexdigest()[:16]


def repository(cache: Path, size: str, seed: int, today: date) -> tuple[Path, dict[str, Any]]:
    """The cached synthetic repository of a size (generated when missing or stale)."""
    repo = cache / f"{size}-{seed}"
    info_file = cache / f"{size}-{seed}.json"
    stamp = _stamp(size, seed, today)
    if info_file.is_file() and repo.is_dir():
        info = json.loads(info_file.read_text())
        if info.get("stamp") == stamp:
            log(f"{size}: using the cached repository {repo}")
            return repo, info["stats"]
    log(f"{size}: generating a synthetic repository (seed {seed}, as of {today})")
    cache.mkdir(parents=True, exist_ok=True)
    building = cache / f".{size}-{seed}.tmp"
    shutil.rmtree(building, ignore_errors=True)
    start = time.perf_counter()
    stats = synth.generate(building, size, seed, today)
    log(f"{size}: generated {stats.files} files ({stats.bytes / 2**20:.1f} MB) in "
        f"{time.perf_counter() - start:.1f} s")
    shutil.rmtree(repo, ignore_errors=True)
    building.rename(repo)
    info_file.write_text(json.dumps({"stamp": stamp, "stats": asdict(stats)}, indent=2))
    return repo, asdict(stats)


def _command(name: str) -> list[str]:
    """An installed console script beside this Python (what an editor would run)."""
    beside = Path(sys.executable).with_name(name)
    if beside.is_file():
        return [str(beside)]
    found = shutil.which(name)
    if found:
        return [found]
    module = {"minutebook": "minutebook.cli", "mkdocs": "mkdocs"}[name]
    return [sys.executable, "-m", module]


def _config(path: Path, *, docs_dir: Path, site_dir: Path, today: date, plugin: bool) -> Path:
    text = _CONFIG.format(
        site_name="Synthetic region (benchmark)", docs_dir=docs_dir.as_posix(),
        site_dir=site_dir.as_posix(),
        plugin=_PLUGIN.format(today=today.isoformat()) if plugin else "",
        not_in_nav="" if plugin else not_in_nav())
    if not plugin:  # the theme overrides, stylesheets and scripts the plugin adds
        from .site import engine

        text = text.replace("  font: false\n", f"  font: false\n  custom_dir: "
                            f"\"{engine.theme_dir()}\"\n", 1) + (
            f"extra_css: {list(engine.EXTRA_CSS)}\n"
            f"extra_javascript: {list(engine.EXTRA_JAVASCRIPT)}\n")
    path.write_text(text, encoding="utf-8")
    return path


def export_pages(repo: Path, today: date, docs: Path) -> tuple[int, int]:
    """Write what the plugin would hand to MkDocs into a docs folder (pages, data files,
    the engine's guides and assets: as ``minutebook pages``)."""
    from .api import check
    from .site.output import site_tree, write
    from .site.pages import render_site

    result = check(repo, today)
    tree = site_tree(render_site(result, "public"), repo.resolve())
    shutil.rmtree(docs, ignore_errors=True)
    write(tree, docs)
    return len(tree.pages), len(tree.files)


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _warnings(log_file: Path) -> int:
    if not log_file.is_file():
        return 0
    return sum(1 for line in log_file.read_text(errors="replace").splitlines()
               if line.startswith("WARNING"))


# ---------------------------------------------------------------- one size


@dataclass(slots=True)
class Row:
    size: str
    files: int
    meetings: int
    actions: int
    bytes: int
    check_s: float
    check_mb: float
    check_exit: int
    check_cpu_s: float = float("nan")
    check_tree_mb: float = float("nan")
    warm_s: float = float("nan")
    warm_mb: float = float("nan")
    warm_cpu_s: float = float("nan")
    warm_tree_mb: float = float("nan")
    # warm, after an editor's change: one meeting record, one action; and a fresh clone
    # (every file with a new time, same content) with the parse cache restored, as in CI
    meeting_s: float = float("nan")
    actions_s: float = float("nan")
    clone_s: float = float("nan")
    build_s: float | None = None
    build_mb: float | None = None
    build_cpu_s: float | None = None
    plain_s: float | None = None
    plain_mb: float | None = None
    plain_cpu_s: float | None = None
    overhead_pct: float | None = None  # of wall time
    overhead_cpu_pct: float | None = None  # of CPU time (less disturbed by other load)
    pages: int | None = None
    site_mb: float | None = None
    html_pages: int | None = None
    plain_html_pages: int | None = None
    build_warnings: int | None = None
    plain_warnings: int | None = None
    runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    site: dict[str, Any] | None = None  # the site build in full (SiteBuild)


CHECK_PHASES = {
    "check": "cold: no parse cache",
    "warm": "warm: nothing changed",
    "meeting": "warm, one meeting record edited",
    "actions": "warm, one action in actions.yaml edited",
    "clone": "a fresh clone with the cache restored: every file has a new time",
}


@contextmanager
def _edited(repo: Path, record: Path, phase: str) -> Iterator[None]:
    """The change an editor makes before the timed run (undone after it)."""
    actions = repo / "actions.yaml"
    saved = {p: p.read_bytes() for p in (record, actions)}
    if phase == "meeting":
        record.write_bytes(saved[record] + b"\nThe chair thanked members for their reports.\n")
    elif phase == "actions":
        actions.write_bytes(saved[actions].replace(b"description: ", b"description: Now ", 1))
    elif phase == "clone":
        later = time.time_ns() + 10**9
        for path in repo.rglob("*"):
            if path.is_file() and ".cache" not in path.relative_to(repo).parts:
                os.utime(path, ns=(later, later))
    try:
        yield
    finally:
        for path, data in saved.items():
            if path.read_bytes() != data:
                path.write_bytes(data)


def bench_size(size: str, *, seed: int, today: date, repeat: int, skip_build: bool,
               cache: Path, out: Path) -> Row:
    repo, stats = repository(cache.resolve(), size, seed, today)
    logs = out.resolve() / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MINUTEBOOK_TODAY", None)
    env.pop("MINUTEBOOK_EDITION", None)
    check_cmd = [*_command("minutebook"), "check", str(repo), "--today", today.isoformat()]
    runs: dict[str, list[Run]] = {phase: [] for phase in CHECK_PHASES}
    record = min((repo / "meetings").rglob("*.md"))
    for i in range(repeat):
        for phase, what in CHECK_PHASES.items():
            if phase == "check":  # cold: no parse cache at all
                shutil.rmtree(repo / ".cache" / "minutebook", ignore_errors=True)
            log(f"{size}: minutebook check ({what}), run {i + 1} of {repeat}")
            with _edited(repo, record, phase):
                r = measure(check_cmd, log_file=logs / f"{size}-{phase}.log", env=env,
                            tree=True)
            runs[phase].append(r)
            log(f"{size}:   {r.seconds:.2f} s ({r.cpu_s:.2f} s CPU), {r.peak_mb:.0f} MB "
                f"largest process, {r.tree_mb:.0f} MB all processes, load {r.load:.1f}")
            if phase not in ("check", "warm"):
                # untimed: the edit was undone, so bring the cache up to date, and the next
                # situation measures only its own change
                subprocess.run(check_cmd, env=env, capture_output=True, check=False)
    check_s, check_mb, check_cpu = medians(runs["check"])
    row = Row(size, stats["files"], stats["meetings"], stats["actions"], stats["bytes"],
              check_s, check_mb, runs["check"][-1].returncode, check_cpu,
              statistics.median(r.tree_mb for r in runs["check"]))
    row.warm_s, row.warm_mb, row.warm_cpu_s = medians(runs["warm"])
    row.warm_tree_mb = statistics.median(r.tree_mb for r in runs["warm"])
    row.meeting_s = statistics.median(r.seconds for r in runs["meeting"])
    row.actions_s = statistics.median(r.seconds for r in runs["actions"])
    row.clone_s = statistics.median(r.seconds for r in runs["clone"])
    if not skip_build:
        site = site_build(repo, size, today=today, repeat=repeat, logs=logs, env=env)
        runs["build"], runs["plain"] = site.plugin_runs, site.plain_runs
        row.build_s, row.build_mb, row.build_cpu_s = medians(runs["build"])
        row.plain_s, row.plain_mb, row.plain_cpu_s = medians(runs["plain"])
        row.overhead_pct = 100 * (row.build_s - row.plain_s) / row.plain_s
        row.overhead_cpu_pct = 100 * (row.build_cpu_s - row.plain_cpu_s) / row.plain_cpu_s
        row.pages = site.pages + site.data_files
        row.site_mb = site.plugin.out_bytes / 2**20
        row.html_pages = site.plugin.html_pages
        row.plain_html_pages = site.plain.html_pages
        row.build_warnings = site.plugin.warnings
        row.plain_warnings = site.plain.warnings
        row.site = site.report()
    row.runs = {k: [asdict(r) for r in v] for k, v in runs.items()}
    return row


# ---------------------------------------------------------------- the site build


@dataclass(slots=True)
class Output:
    """One build's figures: medians of its runs, and what its last run wrote."""

    seconds: float
    cpu_s: float
    peak_mb: float  # the largest process (ru_maxrss)
    tree_mb: float  # the whole process tree (PSS, sampled)
    out_bytes: int
    out_files: int
    html_pages: int
    search_index_bytes: int
    warnings: int
    failed_runs: int


@dataclass(slots=True)
class SiteBuild:
    """``mkdocs build`` with the plugin beside plain MkDocs on the same pages, one size."""

    size: str
    pages: int  # Markdown pages render_site generates
    data_files: int  # the other files it generates (open data, feeds)
    plugin: Output
    plain: Output
    plugin_runs: list[Run]
    plain_runs: list[Run]

    def ratios(self, key: str) -> list[float]:
        """plugin / plain of ``key`` (a Run field) for each pair of runs."""
        return [getattr(b, key) / getattr(p, key)
                for b, p in zip(self.plugin_runs, self.plain_runs, strict=True)
                if b.returncode == 0 and p.returncode == 0 and getattr(p, key) > 0]

    def report(self) -> dict[str, Any]:
        """JSON-ready: both builds, and the ratios plugin / plain from the same run."""
        def ratio(key: str) -> dict[str, float | None]:
            r = self.ratios(key)
            return {"median": statistics.median(r) if r else None,
                    "min": min(r) if r else None, "max": max(r) if r else None}

        return {
            "size": self.size, "pages": self.pages, "data_files": self.data_files,
            "plugin": asdict(self.plugin), "plain": asdict(self.plain),
            "ratio_plugin_to_plain": {
                "seconds": ratio("seconds"), "cpu_s": ratio("cpu_s"),
                "peak_mb": ratio("peak_mb"), "tree_mb": ratio("tree_mb"),
                "out_bytes": self.plugin.out_bytes / max(self.plain.out_bytes, 1),
                "out_files": self.plugin.out_files / max(self.plain.out_files, 1)},
            "same_pages": self.plugin.html_pages == self.plain.html_pages,
            "runs": {"plugin": [asdict(r) for r in self.plugin_runs],
                     "plain": [asdict(r) for r in self.plain_runs]},
        }


def _output(runs: list[Run], site: Path, log_file: Path) -> Output:
    seconds, peak_mb, cpu_s = medians(runs)
    ok = [r for r in runs if r.returncode == 0] or runs
    files = [p for p in site.rglob("*") if p.is_file()] if site.is_dir() else []
    index = site / "search" / "search_index.json"
    return Output(seconds, cpu_s, peak_mb, statistics.median(r.tree_mb for r in ok),
                  sum(p.stat().st_size for p in files), len(files),
                  sum(1 for p in files if p.suffix == ".html"),
                  index.stat().st_size if index.is_file() else 0, _warnings(log_file),
                  sum(1 for r in runs if r.returncode))


def site_build(repo: Path, size: str, *, today: date, repeat: int, logs: Path,
               env: dict[str, str]) -> SiteBuild:
    """Time ``mkdocs build`` with the plugin and plain MkDocs on the very same pages,
    alternating (plugin first in odd pairs, plain first in even ones)."""
    work = Path(tempfile.mkdtemp(prefix=f"minutebook-bench-{size}-"))
    try:
        (repo / "docs").mkdir(exist_ok=True)
        sites = {"build": work / "site-plugin", "plain": work / "site-plain"}
        plugin_cfg = _config(repo / "mkdocs.yml", docs_dir=repo / "docs",
                             site_dir=sites["build"], today=today, plugin=True)
        log(f"{size}: exporting render_site's pages for the plain build (not timed)")
        pages, data_files = export_pages(repo, today, work / "docs-plain")
        plain_cfg = _config(repo / "mkdocs-plain.yml", docs_dir=work / "docs-plain",
                            site_dir=sites["plain"], today=today, plugin=False)
        mkdocs = _command("mkdocs")
        runs: dict[str, list[Run]] = {"build": [], "plain": []}
        pair = [("build", plugin_cfg), ("plain", plain_cfg)]
        for i in range(repeat):
            for phase, cfg in pair if i % 2 == 0 else pair[::-1]:
                what = "with the plugin" if phase == "build" else "plain, same pages"
                log(f"{size}: mkdocs build {what}, run {i + 1} of {repeat}")
                r = measure([*mkdocs, "build", "-f", str(cfg)], cwd=repo, env=env,
                            log_file=logs / f"{size}-{phase}.log", tree=True)
                runs[phase].append(r)
                log(f"{size}:   {r.seconds:.1f} s ({r.cpu_s:.1f} s CPU), {r.peak_mb:.0f} "
                    f"MB, load {r.load:.1f}, exit {r.returncode}")
                if r.returncode:  # keep going: the other runs still count
                    failed = logs / f"{size}-{phase}-failed-{i + 1}.log"
                    shutil.copy(logs / f"{size}-{phase}.log", failed)
                    log(f"{size}: mkdocs build failed ({phase}); see {failed}")
        if not any(r.returncode == 0 for r in runs["build"] + runs["plain"]):
            raise RuntimeError(f"{size}: every mkdocs build failed; see {logs}")
        site = SiteBuild(size, pages, data_files,
                         _output(runs["build"], sites["build"], logs / f"{size}-build.log"),
                         _output(runs["plain"], sites["plain"], logs / f"{size}-plain.log"),
                         runs["build"], runs["plain"])
        if site.plugin.html_pages != site.plain.html_pages:
            log(f"{size}: the two builds wrote {site.plugin.html_pages} and "
                f"{site.plain.html_pages} HTML pages: not the same site")
        return site
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_site(size: str, *, seed: int, today: date, repeat: int, cache: Path,
               out: Path) -> SiteBuild:
    """``--site``: the site build of one size only (no ``check`` timings)."""
    repo, _stats = repository(cache.resolve(), size, seed, today)
    logs = out.resolve() / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MINUTEBOOK_TODAY", None)
    env.pop("MINUTEBOOK_EDITION", None)
    return site_build(repo, size, today=today, repeat=repeat, logs=logs, env=env)


def site_table(builds: list[SiteBuild]) -> str:
    """The site builds as a Markdown table: each figure, and plugin / plain."""
    lines = [("| size | pages | | wall s | CPU s | peak MB | output MB | files | HTML pages "
              "| search index MB |"), "|---|---|---|---|---|---|---|---|---|---|"]
    for b in builds:
        rep = b.report()["ratio_plugin_to_plain"]
        for name, o in (("plugin", b.plugin), ("plain MkDocs", b.plain)):
            lines.append(f"| {b.size} | {b.pages:,} | {name} | {o.seconds:.1f} | "
                         f"{o.cpu_s:.1f} | {o.peak_mb:.0f} | {o.out_bytes / 2**20:.1f} | "
                         f"{o.out_files:,} | {o.html_pages:,} | "
                         f"{o.search_index_bytes / 2**20:.1f} |")
        lines.append(f"| {b.size} | | plugin / plain (median of pairs) | "
                     f"{_fmt(rep['seconds']['median'], '.2f')} | "
                     f"{_fmt(rep['cpu_s']['median'], '.2f')} | "
                     f"{_fmt(rep['peak_mb']['median'], '.2f')} | {rep['out_bytes']:.2f} | "
                     f"{rep['out_files']:.2f} | | |")
    return "\n".join(lines)


# ---------------------------------------------------------------- profiling


@contextmanager
def _timed_phases(timings: dict[str, float]) -> Iterator[None]:
    """Time check's phases and each rule, by wrapping what api.check calls (restored after)."""
    from . import api
    from .rules import REGISTRY

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[name] += time.perf_counter() - start
        return timed

    def wrap_rule(code: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(ctx: Any) -> list[Any]:
            start = time.perf_counter()
            try:
                return list(fn(ctx))
            finally:
                timings[f"rule {code}"] += time.perf_counter() - start
        return timed

    phases = {"read_repository": "load: read and parse YAML/CSV",
              "validate": "schema validation", "build_dataset": "build the model",
              "Analysis": "derived facts (Analysis)"}
    saved = {name: getattr(api, name) for name in phases}
    rules = dict(REGISTRY)
    try:
        for name, label in phases.items():
            setattr(api, name, wrap(label, saved[name]))
        for code, r in rules.items():
            if r.check is not None:
                REGISTRY[code] = dataclasses.replace(r, check=wrap_rule(code, r.check))
        yield
    finally:
        for name, fn in saved.items():
            setattr(api, name, fn)
        REGISTRY.update(rules)


def _top(prof: cProfile.Profile, total: float, n: int = 30) -> list[dict[str, Any]]:
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in \
            stats.stats.items():  # type: ignore[attr-defined]
        where = file.split("/site-packages/")[-1].split("/src/")[-1]
        rows.append({"function": f"{where}:{line}({func})", "calls": calls,
                     "self_s": round(tottime, 3), "cumulative_s": round(cumtime, 3),
                     "self_pct": round(100 * tottime / total, 1),
                     "cumulative_pct": round(100 * cumtime / total, 1)})
    by_self = sorted(rows, key=lambda r: -r["self_s"])[:n]
    by_cum = sorted(rows, key=lambda r: -r["cumulative_s"])[:n]
    return [{"by_self_time": by_self}, {"by_cumulative_time": by_cum}]


def profile_size(size: str, *, seed: int, today: date, cache: Path, out: Path) -> dict[str, Any]:
    """Where check and page generation spend their time on one size (in this process)."""
    from .api import check
    from .site.pages import render_site

    repo, stats = repository(cache.resolve(), size, seed, today)
    log(f"{size}: timing check's phases and rules")
    timings: dict[str, float] = defaultdict(float)
    with _timed_phases(timings):
        start = time.perf_counter()
        result = check(repo, today)
        total = time.perf_counter() - start
    start = time.perf_counter()
    render_site(result, "public")
    render = time.perf_counter() - start
    log(f"{size}: check took {total:.2f} s, render_site {render:.2f} s; profiling both")
    # the profiled run parses in this process (workers=1), so the loader's own functions
    # show up instead of the wait for worker processes
    serial = {"workers": 1} if "workers" in inspect.signature(check).parameters else {}
    prof = cProfile.Profile()
    prof.enable()
    start = time.perf_counter()
    result = check(repo, today, **serial)
    profiled_check = time.perf_counter() - start
    prof.disable()
    check_top = _top(prof, profiled_check)
    prof = cProfile.Profile()
    prof.enable()
    start = time.perf_counter()
    site = render_site(result, "public")
    profiled_render = time.perf_counter() - start
    prof.disable()
    render_top = _top(prof, profiled_render)
    rules = {k.removeprefix("rule "): v for k, v in timings.items() if k.startswith("rule ")}
    phases = {k: v for k, v in timings.items() if not k.startswith("rule ")}
    phases["rules (all)"] = sum(rules.values())
    phases["other (findings, sorting)"] = total - sum(phases.values())
    held = sum(m.held for ms in result.dataset.meetings.values() for m in ms) \
        if result.dataset else 0
    report = {
        "size": size, "stats": stats, "held_meetings": held, "check_s": total,
        "render_site_s": render, "pages": len(site.pages), "data_files": len(site.files),
        "phases_s": dict(sorted(phases.items(), key=lambda kv: -kv[1])),
        "phases_pct": {k: round(100 * v / total, 1) for k, v in
                       sorted(phases.items(), key=lambda kv: -kv[1])},
        "rules_s": dict(sorted(rules.items(), key=lambda kv: -kv[1])),
        "rules_per_held_meeting_ms": round(1000 * sum(rules.values()) / max(held, 1), 3),
        "check_profile": {"profiled_s": profiled_check, "serial_parse": bool(serial),
                          "top": check_top},
        "render_profile": {"profiled_s": profiled_render, "top": render_top},
    }
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"profile-{size}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\n{size}: check {total:.2f} s, render_site {render:.2f} s "
          f"({len(site.pages)} pages); rules {1000 * sum(rules.values()) / max(held, 1):.2f} "
          f"ms per held meeting")
    for name, seconds in report["phases_s"].items():
        print(f"  {name:32} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    print("  slowest rules: " + ", ".join(f"{c} {v:.2f} s" for c, v in
                                          list(report["rules_s"].items())[:8]))
    print(f"  check profiled with a serial parse: {profiled_check:.2f} s; by self time: "
          + "; ".join(f"{r['function']} {r['self_pct']} %"
                      for r in check_top[0]["by_self_time"][:10]))
    print("  render_site, by self time: " + "; ".join(
        f"{r['function']} {r['self_pct']} %" for r in render_top[0]["by_self_time"][:10]))
    log(f"wrote {path}")
    return report


# ---------------------------------------------------------------- output


def machine() -> dict[str, Any]:
    mem = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        found = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        mem = int(found.group(1)) if found else 0
    versions = {}
    for dist in ("mkdocs", "mkdocs-material", "pyyaml", "jsonschema", "jsonschema-rs"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], capture_output=True, text=True,
                                  check=False, cwd=Path(__file__).parent).stdout.strip()
        except OSError:
            return ""

    return {"cpus": os.cpu_count(), "memory_gib": round(mem / 2**20, 1),
            "commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted_engine_files": len(git("status", "--porcelain", "--untracked-files=all", ".").splitlines()),
            "python": platform.python_version(), "platform": platform.platform(),
            "time": "/usr/bin/time -v" if Path(TIME).is_file() else "getrusage",
            "packages": versions}


def _fmt(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def table(rows: list[Row]) -> str:
    heads = ("size", "files", "meetings", "actions", "check s", "check MB", "warm check s",
             "warm MB", "meeting edited s", "action edited s", "fresh clone s", "build s",
             "build MB", "plain build s", "overhead %", "overhead % (CPU)")
    lines = [heads]
    for r in rows:
        lines.append((r.size, str(r.files), str(r.meetings), str(r.actions),
                      _fmt(r.check_s, ".2f"), _fmt(r.check_mb, ".0f"),
                      _fmt(r.warm_s, ".2f"), _fmt(r.warm_mb, ".0f"),
                      _fmt(r.meeting_s, ".2f"), _fmt(r.actions_s, ".2f"),
                      _fmt(r.clone_s, ".2f"), _fmt(r.build_s, ".1f"), _fmt(r.build_mb, ".0f"),
                      _fmt(r.plain_s, ".1f"), _fmt(r.overhead_pct, "+.0f"),
                      _fmt(r.overhead_cpu_pct, "+.0f")))
    widths = [max(len(x[i]) for x in lines) for i in range(len(heads))]
    out = ["| " + " | ".join(c.rjust(w) if i else c.ljust(w)
                             for i, (c, w) in enumerate(zip(line, widths, strict=True)))
           + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description="Time minutebook check and the site build on "
        "synthetic repositories (large is opt-in: its site build takes many minutes).")
    parser.add_argument("--sizes", nargs="+", choices=SIZES, default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement "
                        "(medians are reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=synth.DEFAULT_TODAY)
    parser.add_argument("--skip-build", action="store_true", help="time the check only")
    parser.add_argument("--site", action="store_true", help="time the site build only: "
                        "mkdocs build with the plugin beside plain MkDocs on the same pages, "
                        "alternating, with peak memory and output size")
    parser.add_argument("--cache", type=Path, default=Path(".cache/bench"))
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    parser.add_argument("--profile", action="store_true", help="instead of timing child "
                        "processes, profile check and render_site in this process")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.site and (args.skip_build or args.profile):
        parser.error("--site measures the site build only: not with --skip-build or --profile")
    if args.profile:
        for size in args.sizes:
            profile_size(size, seed=args.seed, today=args.today, cache=args.cache,
                         out=args.out)
        return 0
    rows = []
    args.out.mkdir(parents=True, exist_ok=True)
    results = args.out / "results.json"
    if args.site:
        builds = []
        for size in args.sizes:
            builds.append(bench_site(size, seed=args.seed, today=args.today,
                                     repeat=args.repeat, cache=args.cache, out=args.out))
            results.write_text(json.dumps({"today": args.today.isoformat(), "seed": args.seed,
                                           "repeat": args.repeat, "machine": machine(),
                                           "site": [b.report() for b in builds]}, indent=2)
                               + "\n")
        print(site_table(builds))
        log(f"wrote {results}")
        return 1 if any(b.plugin.failed_runs or b.plain.failed_runs for b in builds) else 0
    for size in args.sizes:
        rows.append(bench_size(size, seed=args.seed, today=args.today, repeat=args.repeat,
                               skip_build=args.skip_build, cache=args.cache, out=args.out))
        # written after each size, so a long run that fails later keeps what it measured
        results.write_text(json.dumps({"today": args.today.isoformat(), "seed": args.seed,
                                       "repeat": args.repeat, "machine": machine(),
                                       "results": [asdict(r) for r in rows]}, indent=2)
                           + "\n")
    print(table(rows))
    log(f"wrote {results}")
    bad = [r.size for r in rows if r.check_exit]
    if bad:
        log(f"minutebook check reported errors on: {', '.join(bad)} (the generator should "
            "write clean repositories)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
