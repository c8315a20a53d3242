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


def test_a_fault_in_minutebook_exits_3_in_words_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from minutebook import cli

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValueError("year 12026 is out of range")

    monkeypatch.setattr(cli, "run_check", broken)
    monkeypatch.delenv("MINUTEBOOK_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["minutebook", "check", str(ROOT)])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == cli.INTERNAL_ERROR == 3
    err = capsys.readouterr().err
    assert "internal error: ValueError: year 12026 is out of range" in err
    assert "in test_cli_process.py, line" in err
    assert "not in your files" in err
    assert "Traceback" not in err
    monkeypatch.setenv("MINUTEBOOK_DEBUG", "1")
    with pytest.raises(SystemExit):
        cli.main()
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize(("given", "said"), [
    ("9999-12-31", "'9999-12-31' is outside the years 1900 to 2199: check the year"),
    ("18/11/2026", "'18/11/2026' is written day first: write it year-month-day: 2026-11-18"),
    ("2026-02-30", "'2026-02-30' is not a real date: check that the day and the month exist"),
    ("yesterday", "'yesterday' is not written as a date: write it as YYYY-MM-DD"),
])
def test_today_must_be_a_plausible_date(given: str, said: str) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    result = CliRunner().invoke(cli, ["check", str(ROOT), "--today", given])
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())


def test_the_cli_names_the_baseline_default_as_the_baseline_module_does() -> None:
    """cli.py writes the value itself so that a plain check never imports the baseline
    modules; the two must agree."""
    from minutebook import baseline, cli

    assert cli.AUTO == baseline.AUTO
