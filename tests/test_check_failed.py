"""A check that stops with an internal error is reported (LD009), and the others still run."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from minirepo import MiniRepo
from minutebook.api import PROTECTED_CODES
from minutebook.rules import REGISTRY
from minutebook.rules.base import Context, Hit


def test_a_failing_check_is_an_error_and_the_other_checks_run(
        repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.meeting("2026-01-14", chair="nobody")

    def crashes(ctx: Context) -> Iterator[Hit]:
        yield from ()
        raise ValueError("year 12026 is out of range")

    monkeypatch.setitem(REGISTRY, "CA001", dataclasses.replace(REGISTRY["CA001"], check=crashes))
    result = repo.check("2026-06-01")
    failed = [f for f in result.findings if f.code == "LD009"]
    assert [(f.file, f.severity) for f in failed] == [("minutebook.yaml", "error")]
    assert failed[0].message.startswith(
        "the check CA001 (" + REGISTRY["CA001"].name + ") stopped with an internal error: "
        "ValueError: year 12026 is out of range (at test_check_failed.py:")
    assert "not in your files" in failed[0].hint
    assert any(f.code == "RF001" for f in result.findings)  # the other checks ran


def test_a_failed_check_or_a_left_out_file_cannot_be_disabled_or_softened(
        repo: MiniRepo) -> None:
    """Softening SC001 would let a file with an unknown field be left out of the checks
    (its body's findings held back) while the site builds: refused, like LD009."""
    repo.config = {"checks": {"disable": ["LD009"], "severity": {"SC001": "warning"}}}
    repo.meeting("2026-01-14", chiar="la")  # SC001: the record is left out
    result = repo.check("2026-06-01")
    assert sorted((f.code, f.severity, f.message) for f in result.findings
                  if f.code in ("SC001", "SC004")) == [
        ("SC001", "error", "unknown field 'chiar'"),
        ("SC004", "warning", ("LD009 cannot be disabled: a check that failed has checked "
                             "nothing")),
        ("SC004", "warning", ("SC001 cannot be made less severe: a file with this problem is "
                             "left out of every check until it is fixed"))]
    assert {"LD001", "SC003", "LD009"} <= PROTECTED_CODES


def test_periods_are_bounded_so_date_arithmetic_stays_in_the_calendar(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "10000 years", "last": "2026-01-01"}
    repo.meeting("2026-01-14")
    result = repo.check("2026-06-01")
    assert [(f.code, f.message) for f in result.errors] == [
        ("SC003", "'every' is not in the expected form: '10000 years'")]
    assert "(at most 999)" in result.errors[0].hint
    repo.tor["review"] = {"every": "999 years", "last": "2199-12-31"}
    assert not [f for f in repo.check("2199-12-31").findings if f.code == "LD009"]
