"""Spans of a text already claimed by a finding (or by something public), asked whether a
new span overlaps any of them in logarithmic time: a text with thousands of matches (a
pasted spreadsheet) is then scanned in n log n, not n squared (pdfind)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class SpanSet:
    """A set of half-open spans [start, end), kept as disjoint sorted runs (overlapping
    or touching spans merged: a span overlaps the union exactly when it overlaps one of
    them)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a position with a span of the set."""
        i = bisect_left(self._starts, end) - 1  # the last run starting before end
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set (as ``overlaps`` said)."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


class Enclosing:
    """Spans asked whether one of them starts strictly before a span and ends at or after
    its end (a phone number '+44 ...' holding ten digits), in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end of the spans starting at or before each
        self._reach = list(accumulate((e for _, e in ordered), max))

    def encloses(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, start) - 1  # the spans starting before start
        return i >= 0 and self._reach[i] >= end
