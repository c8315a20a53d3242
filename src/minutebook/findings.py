"""Findings: one thing wrong or worth knowing, at a file, line and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
# what a finding is about: the files themselves (a record error blocks publishing) or the
# partnership's governance against its own ToR (published for partners, never blocks)
Kind = Literal["record", "governance"]
KINDS: tuple[str, ...] = ("record", "governance")
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by a loader, the schema check or a rule."""

    file: str
    line: int
    column: int
    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    hint: str = ""
    path: str = "$"
    body: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    kind: Kind = "record"

    @property
    def blocks_publishing(self) -> bool:
        """A record error: the site is not built while it stands."""
        return self.severity == "error" and self.kind == "record"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "body": self.body,
        }


def json_path(path: tuple[str | int, ...]) -> str:
    """Render a data path as a JSON path: ('a', 0, 'b') -> '$.a[0].b'."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.replace("-", "").replace("_", "").isalnum():
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out
