"""Running the text scans in a second process changes speed, never results."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from minutebook import api
from minutebook.rules import runner

TODAY = date(2026, 11, 25)

pytestmark = pytest.mark.skipif(not runner.can_fork(), reason="forking needs Linux and 2 cores")


def _lines(root: Path, **kwargs: object) -> list[str]:
    result = api.check(root, TODAY, **kwargs)  # type: ignore[arg-type]
    return [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings]


def _with_findings(root: Path) -> None:
    record = root / "meetings/cs-steering-group/2026-09-23.md"
    record.write_text(record.read_text() + "\nCall 07700 900123. <script>x</script>\n")


def test_the_scans_run_alongside_with_the_same_findings_and_memo(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_findings(content)
    serial = _lines(content)
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(runner.os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 0)
    assert _lines(content) == serial
    assert forks == [1]
    assert any(" PD005 " in line for line in serial)
    assert any(" HT001 " in line for line in serial)
    # the memo the child kept comes back: the next run skips the files it found clean
    assert _lines(content, use_cache=True) == serial
    scanned: list[str] = []
    from minutebook.rules import content_safety

    real_find = content_safety.find
    monkeypatch.setattr(content_safety, "find", lambda v: scanned.append(v) or real_find(v))
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 1 << 60)
    assert _lines(content, use_cache=True) == serial
    assert 0 < len(scanned) < 10  # only the texts of the file with findings


def test_a_failing_child_means_the_scans_run_here(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_findings(content)
    serial = _lines(content)
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 0)
    monkeypatch.setattr(runner.pickle, "dumps", lambda *a, **k: 1 / 0)  # the child fails
    assert _lines(content) == serial
    monkeypatch.undo()
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 0)
    monkeypatch.setattr(runner.pickle, "loads", lambda data: 1 / 0)  # its answer is broken
    assert _lines(content) == serial


def test_no_fork_with_one_worker_or_few_new_files(
        content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forks: list[int] = []
    monkeypatch.setattr(runner.os, "fork", lambda: forks.append(1) or 1 / 0)
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 0)
    _lines(content, workers=1)
    monkeypatch.setattr(api, "PARALLEL_SCANS_FROM", 1 << 60)
    _lines(content)
    assert forks == []
