"""Dates, months and periods in words, as partners write them (issue 18, item 2)."""

from __future__ import annotations

from datetime import date

import pytest

from minutebook.dates import (
    Period,
    in_words,
    month_in_words,
    periods_in_words,
    span_in_words,
)
from minutebook.site.templating import dates_in_words


def test_a_date_is_day_month_year_in_full() -> None:
    assert in_words(date(2026, 10, 28)) == "28 October 2026"
    assert in_words(date(2027, 1, 1)) == "1 January 2027"


def test_a_month_in_full_or_short() -> None:
    assert month_in_words(2026, 10) == "October 2026"
    assert month_in_words(2026, 9, short=True) == "Sep 2026"


@pytest.mark.parametrize(("label", "words"), [
    ("2026-Q1", "Jan–Mar 2026"),
    ("2026-Q2", "Apr–Jun 2026"),
    ("2026-Q3", "Jul–Sep 2026"),
    ("2025-Q4", "Oct–Dec 2025"),
    ("2026-10", "October 2026"),
    ("2026-02", "February 2026"),
    ("2026", "2026"),
])
def test_a_period_label_in_words(label: str, words: str) -> None:
    assert Period.parse(label).in_words() == words


def test_a_month_period_short_for_narrow_cells() -> None:
    assert Period.parse("2026-10").in_words(short=True) == "Oct 2026"
    assert Period.parse("2026-Q3").in_words(short=True) == "Jul–Sep 2026"


def test_a_span_across_a_year_end_names_both_years() -> None:
    assert span_in_words(date(2026, 4, 1), date(2027, 3, 31)) == "Apr 2026–Mar 2027"
    assert span_in_words(date(2026, 1, 1), date(2026, 12, 31)) == "2026"


def test_period_labels_in_a_text_are_written_in_words() -> None:
    text = ("no value of 'Youth justice cohort' for 2026-Q3 was supplied; the 2026-08 value "
            "arrived on 2026-09-19 (2026-Q4, 2026-12)")
    assert periods_in_words(text) == (
        "no value of 'Youth justice cohort' for Jul–Sep 2026 was supplied; the August 2026 "
        "value arrived on 2026-09-19 (Oct–Dec 2026, December 2026)")


@pytest.mark.parametrize("text", [
    "the priorities for 2026-27",      # a year from April
    "2026-13 is not a month",
    "meetings/cs-steering-group/2026-08-12.md",
    "sg-2026-09",                      # part of an identifier
    "2026-Q5",
])
def test_what_is_not_a_period_label_is_left_alone(text: str) -> None:
    assert periods_in_words(text) == text


def test_dates_in_a_message_are_written_in_words() -> None:
    assert dates_in_words("due on 2026-10-28, not 2026-02-30") == \
        "due on 28 October 2026, not 2026-02-30"
