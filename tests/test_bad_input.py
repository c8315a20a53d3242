"""A corpus of bad inputs: each gives exactly the expected findings, never a traceback.

Each folder under ``tests/bad_inputs/`` holds files laid over a small valid repository
(``MiniRepo`` with one meeting), byte for byte, and ``expected.txt``: the findings the
files add, one ``file:line:col CODE message`` line each, followed by an indented
``hint:`` line (what the editor should do). Lines starting with ``#`` describe the case.

Every case is also run through ``minutebook check``: exit code 1 when it adds an error,
and no traceback.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli
from minutebook.findings import Finding

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
TODAY = "2026-06-01"
# cases that add no error: a warning only, or nothing at all
PASSING = {"byte-order-mark", "front-matter-trailing-spaces", "yaml11-start-time"}


def _key(f: Finding) -> tuple[str, int, int, str, str, str]:
    return (f.file, f.line, f.column, f.code, f.message, f.hint)


def _expected(case: str) -> list[str]:
    text = (CORPUS / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _lay_over(case: str, root: Path) -> None:
    source = CORPUS / case
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name != "expected.txt":
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


@pytest.fixture
def baseline(repo: MiniRepo) -> set[tuple[str, int, int, str, str, str]]:
    """The valid repository the case is laid over, and what it finds on its own."""
    repo.meeting("2026-01-14")
    result = repo.check(TODAY)
    assert result.errors == [], [f.message for f in result.errors]
    return {_key(f) for f in result.findings}


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case
        assert len(list((CORPUS / case).rglob("*"))) >= 2, case


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_exact_findings(case: str, repo: MiniRepo,
                                        baseline: set[tuple[str, int, int, str, str, str]]
                                        ) -> None:
    _lay_over(case, repo.root)
    started = time.perf_counter()
    result = check(repo.root, date.fromisoformat(TODAY))
    elapsed = time.perf_counter() - started
    added = [f for f in result.findings if _key(f) not in baseline]
    lines = []
    for f in added:
        lines += [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}", f"    hint: {f.hint}"]
        assert f.hint.strip(), f"{f.code} at {f.file}:{f.line} says nothing about what to do"
    assert lines == _expected(case)
    assert elapsed < 2.0
    if case not in PASSING:
        assert any(f.severity == "error" for f in added)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_through_the_cli(case: str, repo: MiniRepo,
                                   baseline: set[tuple[str, int, int, str, str, str]]) -> None:
    _lay_over(case, repo.root)
    result = CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY,
                                      "--format", "parsable"], catch_exceptions=False)
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if case in PASSING else 1), result.output
    for line in _expected(case):
        if not line.startswith("    hint:"):
            where, code, message = line.split(" ", 2)
            assert f"{where}: [" in result.output
            assert f"] {message} ({code})" in result.output


def test_alias_bomb_is_refused_quickly_not_expanded(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    _lay_over("alias-bomb", repo.root)
    started = time.perf_counter()
    result = check(repo.root, date.fromisoformat(TODAY))
    assert time.perf_counter() - started < 0.5
    assert {f.code for f in result.errors} == {"LD003"}
    assert result.dataset is not None
    assert result.dataset.meetings.get("group") is None


def test_bigger_alias_bomb_is_still_quick(repo: MiniRepo) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    repo.raw["actions.yaml"] = "\n".join(lines) + "\n"  # 10**30 strings if expanded
    repo.meeting("2026-01-14")
    started = time.perf_counter()
    result = repo.check(TODAY)
    assert time.perf_counter() - started < 0.5
    assert [f.message for f in result.findings if f.code == "LD003"] == [
        "anchors (&name) are not allowed (30 anchors in this file)",
        "the alias '*a0' is not allowed (290 aliases in this file)",
    ]


def test_unquoted_time_stays_text(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    _lay_over("yaml11-start-time", repo.root)
    result = check(repo.root, date.fromisoformat(TODAY))
    assert result.dataset is not None
    assert result.dataset.meetings["group"][0].start == "10:30"


def test_custom_tag_runs_nothing(repo: MiniRepo, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    repo.meeting("2026-01-14")
    repo.raw["governance/bodies/evil.yaml"] = (
        f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    result = repo.check(TODAY)
    assert not marker.exists()
    assert [f.code for f in result.findings if f.file == "governance/bodies/evil.yaml"] == [
        "LD003"]
