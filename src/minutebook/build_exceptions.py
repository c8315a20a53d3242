"""Consequences and exceptions from a ToR and its meetings (issue 17, item 9): items
added after the papers deadline, and decisions not reached and re-tabled."""

from __future__ import annotations

from datetime import date
from typing import Any

from .dates import opt_date, parse_date
from .model import At, LateItem, LateItems


def late_items(d: dict[str, Any] | None, at: At) -> LateItems | None:
    """The ToR's ``late_items:`` (None: it says nothing of late items)."""
    if d is None:
        return None
    return LateItems(bool(d.get("allowed", True)), bool(d.get("chair_agreement")), at)


def meeting_late_items(data: list[dict[str, Any]] | None, at: At) -> tuple[LateItem, ...]:
    """A meeting record's ``late_items:``."""
    if not data:
        return ()
    return tuple(LateItem(x["item"], opt_date(x.get("circulated")), x.get("reason"),
                          bool(x.get("chair_agreed")), at.sub("late_items", i))
                 for i, x in enumerate(data or ()))


def retables(d: dict[str, Any] | None) -> tuple[date, str] | None:
    """A decision's ``retables: {meeting, decision}``."""
    return (parse_date(d["meeting"]), d["decision"]) if d else None
