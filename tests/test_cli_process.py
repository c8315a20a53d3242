"""`minutebook check` as a process: it ends without tearing down the interpreter, which
must never lose output or change the exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAIN = "from minutebook.cli import main; main()"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_a_clean_check_exits_0_with_its_whole_report(content: Path) -> None:
    done = _run("check", str(content), "--today", "2026-11-25", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("}")  # the JSON is complete


def test_errors_exit_1_and_every_finding_reaches_a_pipe(content: Path) -> None:
    broken = 0
    for record in sorted((content / "meetings").rglob("*.md")):
        text = record.read_text()
        if "\nstatus: held\n" in text:
            record.write_text(text.replace("\nstatus: held\n", "\nstatus: hled\n"))
            broken += 1
    assert broken > 30
    done = _run("check", str(content), "--today", "2026-11-25", "--format", "parsable")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len([line for line in lines if "'status' cannot be 'hled'" in line]) == broken
    assert done.stdout.endswith("\n")


def test_usage_errors_still_exit_2() -> None:
    done = _run("check", str(ROOT), "--select", "NOPE1")
    assert done.returncode == 2
    assert "no rule NOPE1" in done.stderr


def test_called_in_process_check_leaves_the_garbage_collector_and_results_alone(
        content: Path) -> None:
    """Only the command itself skips garbage collection and keeps its result to the end
    (it exits straight after); a caller in the same process keeps both."""
    import gc

    from click.testing import CliRunner

    from minutebook import cli

    assert gc.isenabled()
    result = CliRunner().invoke(cli.cli, ["check", str(content), "--today", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
    assert cli._exit_fast == []


def test_main_called_in_process_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from minutebook import cli

    monkeypatch.setattr(sys, "argv", ["minutebook", "check", str(ROOT), "--select", "NOPE1"])
    with pytest.raises(SystemExit):
        cli.main()
    assert gc.isenabled()
    assert cli._main is False
    assert cli._exit_fast == []
