"""The calendar page's month view: a table per month, each meeting linked to its page and a
past meeting marked in words (minutes approved, minutes in draft, cancelled...).

Each month is an accessible table (caption with the month's name, a header cell per
weekday with its name in full in ``abbr``, weeks starting on Monday) and, for narrow
screens, the same meetings as a list (the CSS shows one or the other). No script.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from ..dates import add_months, in_words
from ..model import Meeting

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Entry:
    """A meeting as the month view shows it."""

    day: date
    label: str  # the body's short name
    href: str  # its page, relative to the calendar page
    state: str  # in words: "minutes approved", "cancelled", "10:00"...
    past: bool


def meeting_state(m: Meeting, today: date, restricted: bool) -> str:
    """A meeting's state in words for the month view."""
    if m.status == "cancelled":
        return "cancelled"
    if m.held:
        if restricted:
            return "held (restricted record)"
        return {"approved": "minutes approved", "draft": "minutes in draft"}.get(
            m.minutes_status or "", "held, minutes status not recorded")
    if m.date < today:
        return "no record yet"
    return f"at {m.start}" if m.start else "scheduled"


def months_shown(days: Iterable[date], today: date, before: int = 3,
                 after: int = 12) -> list[tuple[int, int]]:
    """(year, month) of each month with a meeting, from ``before`` months before today's
    month to ``after`` months after it."""
    first = add_months(date(today.year, today.month, 1), -before)
    last = add_months(date(today.year, today.month, 1), after + 1)
    return sorted({(d.year, d.month) for d in days if first <= d < last})


def _cell(day: date, month: int, entries: list[Entry], today: date) -> str:
    if day.month != month:
        return '<td class="mb-cal-out"></td>'
    current = ' aria-current="date"' if day == today else ""
    klass = "mb-cal-today" if day == today else ("mb-cal-has" if entries else "")
    out = [f'<td class="{klass}"{current}>' if klass else f"<td{current}>",
           f'<span class="mb-cal-day">{day.day}</span>']
    if day == today:
        out.append('<span class="mb-cal-note">today</span>')
    for e in entries:
        out.append(f'<span class="mb-cal-meeting{" mb-cal-past" if e.past else ""}">'
                   f'<a href="{escape(e.href)}">{escape(e.label)}</a> '
                   f'<span class="mb-cal-state">{escape(e.state)}</span></span>')
    out.append("</td>")
    return "".join(out)


def month_table(year: int, month: int, entries: list[Entry], today: date) -> Markup:
    """One month as a table, and its meetings as a list."""
    name = f"{_MONTHS[month - 1]} {year}"
    on: dict[date, list[Entry]] = defaultdict(list)
    for e in entries:
        on[e.day].append(e)
    out = [(f'<div class="mb-scroll mb-month" role="region" tabindex="0" aria-label="{name}">'
           f'<table data-mb="month"><caption>{name}</caption><thead><tr>')]
    out += [f'<th scope="col"><abbr title="{d}">{d[:3]}</abbr></th>' for d in _DAYS]
    out.append("</tr></thead><tbody>")
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        out.append("<tr>" + "".join(_cell(d, month, on.get(d, []), today) for d in week)
                   + "</tr>")
    out.append("</tbody></table></div>")
    out.append(f'<div class="mb-month-list"><p><strong>{name}</strong></p><ul>')
    for e in sorted(entries, key=lambda e: e.day):
        out.append(f'<li>{in_words(e.day)}: <a href="{escape(e.href)}">{escape(e.label)}</a>'
                   f" ({escape(e.state)})</li>")
    out.append("</ul></div>")
    return Markup("".join(out))


def month_view(meetings: Iterable[Meeting], today: date, label: Callable[[Meeting], str],
               href: Callable[[Meeting], str],
               restricted: Callable[[Meeting], bool]) -> list[tuple[str, Markup]]:
    """(month name, table and list) for each month shown (see ``months_shown``)."""
    entries: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    meetings = list(meetings)
    for y, mo in months_shown((m.date for m in meetings), today):
        entries[(y, mo)] = []
    for m in meetings:
        key = (m.date.year, m.date.month)
        if key in entries:
            entries[key].append(Entry(m.date, label(m), href(m),
                                      meeting_state(m, today, restricted(m)),
                                      m.date < today))
    for es in entries.values():
        es.sort(key=lambda e: (e.day, e.label))
    return [(f"{_MONTHS[mo - 1]} {y}", month_table(y, mo, es, today))
            for (y, mo), es in sorted(entries.items())]
