"""Building the model's kinds of meeting, cadences and phases from validated data."""

from __future__ import annotations

from datetime import date
from typing import Any

from .dates import Duration, opt_date
from .model import ORDINARY, At, Cadence, MeetingKind, Phase, Window

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def year_starts(value: str | None) -> tuple[int, int]:
    """``"04-01"`` or ``april`` as (month, day); 1 January when not given."""
    if not value:
        return (1, 1)
    if value.lower() in MONTHS:
        return (MONTHS.index(value.lower()) + 1, 1)
    month, day = (int(x) for x in value.split("-"))
    return (month, day)


def _window(d: dict[str, Any], at: At) -> Window:
    return Window(tuple(int(m) for m in d["months"]), int(d.get("meetings", 1)),
                  d.get("kind"), False, at)


def _quarters(d: dict[str, Any], first_month: int, at: At) -> tuple[Window, ...]:
    """The four quarters of the counting year as windows of three months."""
    return tuple(Window(tuple((first_month - 1 + 3 * i + j) % 12 + 1 for j in range(3)),
                        int(d["min"]), d.get("kind"), True, at) for i in range(4))


def cadence(d: dict[str, Any], at: At) -> Cadence:
    per_year = d.get("per_year", {})
    month, day = year_starts(per_year.get("year_starts"))
    windows = tuple(_window(w, at.sub("windows", i)) for i, w in enumerate(d.get("windows", ())))
    if "per_quarter" in d:
        q = d["per_quarter"]
        windows += _quarters(q, year_starts(q.get("year_starts"))[0], at / "per_quarter")
    weekdays = tuple(sorted({WEEKDAYS.index(w.lower()) for w in d.get("weekdays", ())}))
    per_week = d.get("per_week") or (len(weekdays) if weekdays else None)
    review = d.get("review_within")
    return Cadence(
        opt_date(d.get("from")), _dur(d.get("every")), _dur(d.get("tolerance")),
        per_year.get("min"), (month, day), bool(d.get("on_demand")),
        bool(d.get("next_meeting_scheduled", "every" in d)), at,
        until=opt_date(d.get("until")), during=d.get("during"), windows=windows,
        per_week=per_week, weekdays=weekdays, provisional=bool(d.get("provisional")),
        review_within=Duration.parse(review) if review else None)


def cadences(value: Any, at: At) -> tuple[Cadence, ...]:
    """One cadence, or a list of them in order of their start."""
    if isinstance(value, dict):
        return (cadence(value, at),)
    if isinstance(value, list):
        return tuple(sorted((cadence(c, at.sub("cadence", i)) for i, c in enumerate(value)),
                            key=lambda c: c.start or date.min))
    return ()


def meeting_kinds(value: dict[str, Any] | None, at: At) -> tuple[MeetingKind, ...]:
    """The kinds of meeting a ToR declares: ordinary ones count for cadence and approve
    minutes unless the ToR says otherwise; every other kind only when it says so."""
    out = []
    for kind, d in (value or {}).items():
        d = d or {}
        ordinary = kind == ORDINARY
        out.append(MeetingKind(
            kind, bool(d.get("counts_for_cadence", ordinary)),
            bool(d.get("approves_minutes", ordinary)), bool(d.get("elections", False)),
            tuple(d.get("agenda", ())), at / kind))
    return tuple(out)


def phases(value: list[dict[str, Any]] | None, at: At) -> tuple[Phase, ...]:
    return tuple(Phase(p["id"], opt_date(p["from"]) or date.min, opt_date(p.get("until")),
                       at.sub("phases", i)) for i, p in enumerate(value or ()))


def _dur(value: str | None) -> Duration | None:
    return Duration.parse(value) if value else None
