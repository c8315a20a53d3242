"""A measure's state on the scorecard: its values over time, and whether the value of the
latest period that should have arrived by the build date has arrived.

A measure whose latest expected value is missing is not shown in the colour of its last
value (a stale green reads as "on track"): its status is "<period> not received", neutral.
The latest expected period is the one rule SM001 checks before a meeting, taken as of
today: the latest period of the measure's frequency that ended ``available_after`` before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..dates import Period
from ..model import RAG_WORDS, Dataset, Measure, Value

# the status of a measure whose latest expected value has not arrived (a class of its
# own: neutral, never a RAG colour)
NOT_RECEIVED = "missing"

def period_words(period: Period) -> str:
    """A period as partners write it on the scorecard: 'Oct 2026', 'Jul–Sep 2026', '2026'."""
    return period.in_words(short=True)


def expected_period(m: Measure, today: date) -> Period:
    """The latest period whose value should have arrived by ``today``."""
    return Period.latest_ended(m.frequency, m.available_after.before(today))


def expected_by(m: Measure, period: Period) -> date:
    """The day a period's value is due: ``available_after`` after the period ends."""
    return m.available_after.after(period.end)


@dataclass(frozen=True, slots=True)
class Trend:
    series: tuple[Value, ...]  # oldest first, one value per period
    latest: Value | None  # the latest value received
    rag: str  # red | amber | green | grey, or NOT_RECEIVED
    direction: str  # Improving | Worsening | No change | Not enough data
    expected: Period  # the latest period whose value should have arrived
    status: str  # the status in words

    @property
    def received(self) -> bool:
        """Whether the latest expected value (or a later one) has arrived."""
        return self.latest is not None and self.latest.period.start >= self.expected.start


def scorecard_trend(ds: Dataset, m: Measure, today: date) -> Trend:
    """A measure's values over time, its status as of ``today`` and direction of travel."""
    by_period: dict[str, Value] = {}
    for v in ds.values:
        if v.measure == m.id:
            by_period[v.period.label] = v
    series = tuple(sorted(by_period.values(), key=lambda v: v.period.start))
    expected = expected_period(m, today)
    if not series:
        return Trend((), None, NOT_RECEIVED, "Not enough data", expected,
                     "No values received")
    latest = series[-1]
    previous = series[-2].value if len(series) > 1 else None
    direction = m.direction(latest.value, previous)
    if latest.period.start < expected.start:
        return Trend(series, latest, NOT_RECEIVED, direction, expected,
                     f"{period_words(expected)} not received")
    rag = m.rag(latest.value)
    return Trend(series, latest, rag, direction, expected, RAG_WORDS[rag])
