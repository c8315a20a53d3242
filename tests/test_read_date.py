"""Dates as editors write them: one reader, and messages that say what to write."""

from __future__ import annotations

import pytest

from minutebook.dates import date_problem, read_date


@pytest.mark.parametrize(("text", "problem"), [
    ("2026-11-04", None),
    ("04/11/2026", ("is written day first", "write it year-month-day: 2026-11-04")),
    ("4.11.2026", ("is written day first", "write it year-month-day: 2026-11-04")),
    ("12/25/2026", ("is written month first", "write it year-month-day: 2026-12-25")),
    ("31/02/2026", ("is not a real date", "check that the day and the month exist")),
    ("2026-02-30", ("is not a real date", "check that the day and the month exist")),
    ("2026-1-4", ("is not written as a date", "write it as YYYY-MM-DD, e.g. 2026-01-14")),
    ("1899-12-31", ("is outside the years 1900 to 2199", "check the year")),
    ("2200-01-01", ("is outside the years 1900 to 2199", "check the year")),
])
def test_date_problems_say_what_to_write(text: str, problem: tuple[str, str] | None) -> None:
    assert date_problem(text) == problem
    if problem is None:
        assert read_date(text).isoformat() == text
    else:
        with pytest.raises(ValueError, match=problem[0]):
            read_date(text)
