"""Dates, periods and working days.

Periods are written in words in the data ("6 weeks", "12 months"); deadlines as offsets
from the meeting ("5 working days before the meeting"). Working days skip weekends, the
bank holidays of the body's nation (its own, its partnership's or the repository's; from
the ``holidays`` library) and any extra closure days declared in minutebook.yaml.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

NATION_SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

_DURATION = re.compile(r"(\d+) (day|week|month|year)s?\Z")
_OFFSET = re.compile(r"(\d+) (working )?(day|week)s? (before|after) (?:the )?meeting\Z")


# the dates a record can hold: beyond them, a date is a typing mistake (and date arithmetic
# on it could leave the calendar)
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\Z")


def date_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a date written by an editor and how to put it right, in words
    ("is written day first", "write it year-month-day: 2026-11-04"), or None."""
    if not _SHAPE.match(text):
        written = _DAY_FIRST.match(text.strip())
        if written:  # 04/11/2026: the British order first, then the American
            a, b, y = (int(x) for x in written.groups())
            for d, m, order in ((a, b, "day first"), (b, a, "month first")):
                try:
                    return f"is written {order}", f"write it year-month-day: {date(y, m, d)}"
                except ValueError:
                    continue
            return "is not a real date", "check that the day and the month exist"
        return "is not written as a date", "write it as YYYY-MM-DD, e.g. 2026-01-14"
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return "is not a real date", "check that the day and the month exist"
    if not EARLIEST <= value <= LATEST:
        return f"is outside the years {EARLIEST.year} to {LATEST.year}", "check the year"
    return None


def read_date(text: str) -> date:
    """A date written by an editor (YYYY-MM-DD, 1900-2199); ValueError says what is wrong."""
    problem = date_problem(text)
    if problem:
        raise ValueError(f"'{text}' {problem[0]}: {problem[1]}")
    return date.fromisoformat(text)


def london_today() -> date:
    """Today in the UK (CI runners are on UTC; a late-evening run must not be a day out)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/London")).date()


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def in_words(day: date) -> str:
    """A date as a reader writes it: '25 November 2026' (whatever the locale)."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def month_in_words(year: int, month: int, *, short: bool = False) -> str:
    """A month as a reader writes it: 'October 2026' ('Oct 2026' where space is short)."""
    name = _MONTH_NAMES[month - 1]
    return f"{name[:3] if short else name} {year}"


def span_in_words(start: date, end: date, *, short: bool = False) -> str:
    """The whole months from ``start`` to ``end`` (its last day) as a reader writes them:
    'October 2026', 'Jul–Sep 2026', '2026' (a calendar year), 'Apr 2026–Mar 2027'."""
    if (start.month, end.month) == (1, 12) and start.year == end.year:
        return str(start.year)
    if (start.year, start.month) == (end.year, end.month):
        return month_in_words(start.year, start.month, short=short)
    first, last = _MONTH_NAMES[start.month - 1][:3], _MONTH_NAMES[end.month - 1][:3]
    if start.year == end.year:
        return f"{first}–{last} {end.year}"
    return f"{first} {start.year}–{last} {end.year}"


# a period label as the records write it: 2026-Q3, 2026-09 (not 2026-09-30, nor 2026-27)
_PERIOD_LABEL = re.compile(r"(?<![\w-])(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))(?![\w-])")


def periods_in_words(text: str, *, short: bool = False) -> str:
    """A text for readers with every period label in words: '2026-Q3' -> 'Jul–Sep 2026',
    '2026-08' -> 'August 2026'. Dates (2026-08-12) and years such as 2026-27 are left."""

    def one(m: re.Match[str]) -> str:
        year = int(m[1])
        if m[2]:
            first = 3 * int(m[2]) - 2
            return span_in_words(date(year, first, 1), date(year, first + 2, 1), short=short)
        if int(m[3]) == (year + 1) % 100:  # 2011-12: a year from April, not December
            return m[0]
        return month_in_words(year, int(m[3]), short=short)

    return _PERIOD_LABEL.sub(one, text)


def parse_date(text: str) -> date:
    return date.fromisoformat(text)


def opt_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class Duration:
    """A period such as 6 weeks or 12 months."""

    count: int
    unit: str  # day | week | month | year

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION.match(text.strip())
        if not match:
            raise ValueError(f"not a period: {text!r}")
        return cls(int(match.group(1)), match.group(2))

    def after(self, start: date) -> date:
        """The date this period after ``start`` (months clamp to the month's last day)."""
        if self.unit == "day":
            return start + timedelta(days=self.count)
        if self.unit == "week":
            return start + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "year" else 1)
        return add_months(start, months)

    def before(self, end: date) -> date:
        if self.unit == "day":
            return end - timedelta(days=self.count)
        if self.unit == "week":
            return end - timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "year" else 1)
        return add_months(end, -months)

    @property
    def approx_days(self) -> int:
        return self.count * {"day": 1, "week": 7, "month": 30, "year": 365}[self.unit]

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


@dataclass(frozen=True, slots=True)
class Offset:
    """A deadline relative to a meeting, e.g. 5 working days before the meeting."""

    count: int
    working: bool
    unit: str  # day | week
    before: bool

    @classmethod
    def parse(cls, text: str) -> Offset:
        match = _OFFSET.match(text.strip())
        if not match:
            raise ValueError(f"not a deadline: {text!r}")
        return cls(int(match.group(1)), bool(match.group(2)), match.group(3),
                   match.group(4) == "before")

    def __str__(self) -> str:
        unit = f"{'working ' if self.working else ''}{self.unit}{'' if self.count == 1 else 's'}"
        return f"{self.count} {unit} {'before' if self.before else 'after'} the meeting"


class WorkingCalendar:
    """Which days are working days for a nation, with extra closure days."""

    def __init__(self, nation: str = "england-and-wales",
                 closures: frozenset[date] = frozenset()) -> None:
        self.nation = nation
        self.subdivision = NATION_SUBDIVISIONS[nation]
        self.closures = closures
        # bank holidays by year, as ordinals; may be filled from (and written back to) a
        # memo kept between runs, see remember()
        self._memo: dict[str, list[int]] = {}
        self._years: dict[int, frozenset[date]] = {}
        # the calendars of the other nations, made once each and sharing closures and memo
        self._nations: dict[str, WorkingCalendar] = {nation: self}

    def for_nation(self, nation: str) -> WorkingCalendar:
        """The calendar of another nation with the same closure days (cached: one per
        nation, so bank holidays are looked up once per nation and year)."""
        found = self._nations.get(nation)
        if found is None:
            found = WorkingCalendar(nation, self.closures)
            found._memo = self._memo
            found._nations = self._nations
            self._nations[nation] = found
        return found

    def remember(self, memo: dict[str, list[int]]) -> None:
        """Use and fill a store kept between runs (the ``holidays`` library is slow to
        import); entries are keyed by nation, year and the library's version."""
        for cal in self._nations.values():
            cal._memo = memo

    def _key(self, year: int) -> str:
        from importlib.metadata import version

        return f"{self.subdivision}:{year}:{version('holidays')}"

    def bank_holidays(self, year: int) -> frozenset[date]:
        found = self._years.get(year)
        if found is None:
            key = self._key(year)
            if key in self._memo:
                found = frozenset(date.fromordinal(d) for d in self._memo[key])
            else:
                import holidays  # imported on first use: slow to import, often not needed

                found = frozenset(holidays.country_holidays(
                    "GB", subdiv=self.subdivision, years=year))
                self._memo[key] = sorted(d.toordinal() for d in found)
            self._years[year] = found
        return found

    def is_working_day(self, day: date) -> bool:
        return (day.weekday() < 5 and day not in self.closures
                and day not in (self._years.get(day.year) or self.bank_holidays(day.year)))

    def shift(self, day: date, working_days: int) -> date:
        """Move by a number of working days (negative: earlier)."""
        step = timedelta(days=1 if working_days >= 0 else -1)
        remaining = abs(working_days)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def deadline(self, meeting: date, offset: Offset) -> date:
        """The last acceptable date for something due relative to a meeting."""
        days = offset.count * (7 if offset.unit == "week" else 1)
        if offset.working:
            return self.shift(meeting, -days if offset.before else days)
        return meeting - timedelta(days=days) if offset.before else meeting + timedelta(days=days)


def parse_fraction(value: str | float) -> Fraction:
    """'1/3', '75%' or 0.75 as an exact fraction."""
    if isinstance(value, str):
        if value.endswith("%"):
            return Fraction(int(value[:-1]), 100)
        num, _, den = value.partition("/")
        return Fraction(int(num), int(den))
    return Fraction(value).limit_denominator(1000)


def year_start(day: date, month: int, dom: int) -> date:
    """Start of the counting year (e.g. 1 April) that contains ``day``."""
    start = date(day.year, month, dom)
    return start if start <= day else date(day.year - 1, month, dom)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: a month (2026-09), a quarter (2026-Q3) or a year (2026)."""

    label: str
    start: date
    end: date  # last day

    @classmethod
    def parse(cls, label: str) -> Period:
        if "-Q" in label:
            year, q = label.split("-Q")
            start = date(int(year), 3 * int(q) - 2, 1)
            return cls(label, start, add_months(start, 3) - timedelta(days=1))
        if "-" in label:
            year, month = label.split("-")
            start = date(int(year), int(month), 1)
            return cls(label, start, add_months(start, 1) - timedelta(days=1))
        start = date(int(label), 1, 1)
        return cls(label, start, date(int(label), 12, 31))

    @staticmethod
    def latest_ended(frequency: str, before: date) -> Period:
        """The latest period of a frequency that ended before a date."""
        if frequency == "monthly":
            first = date(before.year, before.month, 1) - timedelta(days=1)
            return Period.parse(f"{first.year}-{first.month:02d}")
        if frequency == "quarterly":
            q_start = date(before.year, 3 * ((before.month - 1) // 3) + 1, 1)
            last = q_start - timedelta(days=1)
            return Period.parse(f"{last.year}-Q{(last.month - 1) // 3 + 1}")
        return Period.parse(str(before.year - 1))

    def in_words(self, *, short: bool = False) -> str:
        """The period as a reader writes it: 'October 2026', 'Jul–Sep 2026', '2026'."""
        return span_in_words(self.start, self.end, short=short)

    def previous(self, frequency: str) -> Period:
        return Period.latest_ended(frequency, self.start)
