"""Red/amber/green status of each body, derived from findings (never by colour alone)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..findings import Finding

# dashboard column -> finding categories (and codes) that feed it
COLUMNS: dict[str, tuple[str, frozenset[str]]] = {
    "ToR review": ("review", frozenset()),
    "Cadence": ("cadence", frozenset()),
    "Quorum": ("quorum", frozenset()),
    "Chair": ("chair", frozenset()),
    "Actions": ("actions", frozenset()),
}

LABELS = {"red": "Action needed", "amber": "Attention", "green": "OK", "grey": "Not stated"}

# notes that the ToR does not state what a column judges (its review period or last
# review): the column cannot be called OK
NOT_STATED_CODES = frozenset({"TR006"})


@dataclass(frozen=True, slots=True)
class Status:
    level: str  # red | amber | green | grey (cannot tell: not stated in the ToR)
    findings: tuple[Finding, ...]

    @property
    def label(self) -> str:
        return LABELS[self.level]


def status_of(findings: Sequence[Finding]) -> Status:
    if any(f.severity == "error" for f in findings):
        return Status("red", tuple(findings))
    if any(f.severity == "warning" for f in findings):
        return Status("amber", tuple(findings))
    if any(f.code in NOT_STATED_CODES for f in findings):
        return Status("grey", tuple(findings))
    return Status("green", tuple(findings))


def body_statuses(body_id: str, findings: Sequence[Finding]) -> dict[str, Status]:
    """One status per dashboard column for a body."""
    mine = [f for f in findings if f.body == body_id]
    return {column: status_of([f for f in mine if f.category == category])
            for column, (category, _codes) in COLUMNS.items()}
