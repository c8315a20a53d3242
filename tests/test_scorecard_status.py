"""A scorecard measure whose latest expected value is missing says so, in no RAG colour;
one whose value arrived keeps its colour (site/scorecard.py)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from minutebook.dates import Duration, Period
from minutebook.model import Measure, Value
from minutebook.site.scorecard import (
    NOT_RECEIVED,
    expected_by,
    expected_period,
    period_words,
    scorecard_trend,
)

QUARTERLY = Measure("cohort", "Cohort at risk", "children", "lower-is-better", "quarterly",
                    ("board",), available_after=Duration(21, "day"), amber=30, red=40)
MONTHLY = Measure("rhi", "Return interviews", "%", "higher-is-better", "monthly", ("board",),
                  available_after=Duration(10, "day"), amber=90, red=80)


def _data(measure: Measure, *values: tuple[str, float]) -> SimpleNamespace:
    return SimpleNamespace(values=[Value(measure.id, "org", Period.parse(p), v, date(2026, 1, 1))
                                   for p, v in values])


@pytest.mark.parametrize(("label", "words"), [
    ("2026-Q3", "Jul–Sep 2026"), ("2026-Q1", "Jan–Mar 2026"), ("2026-10", "Oct 2026"),
    ("2026", "2026")])
def test_periods_are_written_in_words(label: str, words: str) -> None:
    assert period_words(Period.parse(label)) == words


def test_the_latest_expected_period_allows_for_the_time_a_value_takes_to_arrive() -> None:
    # Q3 ends on 30 September; with 21 days to arrive it is expected from 22 October
    assert expected_period(QUARTERLY, date(2026, 10, 21)).label == "2026-Q2"
    assert expected_period(QUARTERLY, date(2026, 10, 22)).label == "2026-Q3"
    assert expected_by(QUARTERLY, Period.parse("2026-Q3")) == date(2026, 10, 21)
    assert expected_period(MONTHLY, date(2026, 11, 25)).label == "2026-10"


def test_a_missing_latest_value_is_not_received_not_its_last_colour() -> None:
    ds = _data(QUARTERLY, ("2026-Q1", 28), ("2026-Q2", 25))  # green, but Q3 is due
    trend = scorecard_trend(ds, QUARTERLY, date(2026, 11, 25))  # type: ignore[arg-type]
    assert not trend.received
    assert trend.rag == NOT_RECEIVED
    assert trend.status == "Jul–Sep 2026 not received"
    assert trend.latest is not None
    assert trend.latest.period.label == "2026-Q2"


def test_a_received_latest_value_keeps_its_colour() -> None:
    ds = _data(QUARTERLY, ("2026-Q2", 25), ("2026-Q3", 35))
    trend = scorecard_trend(ds, QUARTERLY, date(2026, 11, 25))  # type: ignore[arg-type]
    assert trend.received
    assert (trend.rag, trend.status) == ("amber", "Amber: watch")
    assert trend.direction == "Worsening"


def test_before_the_value_is_due_the_previous_colour_stands() -> None:
    ds = _data(MONTHLY, ("2026-08", 70), ("2026-09", 95))
    # the October value is not due until 10 November
    trend = scorecard_trend(ds, MONTHLY, date(2026, 11, 10))  # type: ignore[arg-type]
    assert (trend.received, trend.rag) == (True, "green")
    trend = scorecard_trend(ds, MONTHLY, date(2026, 11, 11))  # type: ignore[arg-type]
    assert (trend.received, trend.rag, trend.status) == (False, NOT_RECEIVED,
                                                          "Oct 2026 not received")


def test_a_measure_without_values_says_none_received() -> None:
    trend = scorecard_trend(_data(MONTHLY), MONTHLY, date(2026, 11, 25))  # type: ignore[arg-type]
    assert (trend.latest, trend.rag, trend.status) == (None, NOT_RECEIVED, "No values received")


def test_a_value_for_a_later_period_than_expected_counts_as_received() -> None:
    ds = _data(MONTHLY, ("2026-11", 85))
    trend = scorecard_trend(ds, MONTHLY, date(2026, 11, 25))  # type: ignore[arg-type]
    assert (trend.received, trend.rag) == (True, "amber")
