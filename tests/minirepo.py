"""A small, valid minutebook repository built in a temp folder, for rule tests.

Tests change one thing and check that exactly the expected finding appears:

    repo = MiniRepo(tmp_path)
    repo.tor["quorum"] = {"requires": {"present": {}, "min": 4}}
    repo.meeting("2026-01-14", attendance={"la": "present", "police": "present"})
    assert repo.messages("QU002", today="2026-02-01") == ["..."]

Everything is plain dicts written as YAML, so any field can be set or removed.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from minutebook.api import Result, check
from minutebook.formats import FORMAT

ORGANISATIONS: list[dict[str, Any]] = [
    {"id": "council", "name": "Borough Council", "kinds": ["local-authority"],
     "statutory_partner": True},
    {"id": "police", "name": "County Police", "kinds": ["police"], "statutory_partner": True},
    {"id": "icb", "name": "Integrated Care Board", "kinds": ["icb", "health"],
     "statutory_partner": True},
    {"id": "trust", "name": "Hospital Trust", "kinds": ["nhs-trust", "health"]},
    {"id": "charity", "name": "Youth Charity", "kinds": ["voluntary-sector"]},
]

SEATS: list[dict[str, Any]] = [
    {"id": "la", "organisation": "council", "post": "Head of Safeguarding",
     "deputies": [{"post": "Service Manager"}]},
    {"id": "la2", "organisation": "council", "post": "Early Help Manager"},
    {"id": "pol", "organisation": "police", "post": "Inspector"},
    {"id": "nurse", "organisation": "icb", "post": "Designated Nurse"},
    {"id": "trust", "organisation": "trust", "post": "Named Nurse"},
    {"id": "vcs", "organisation": "charity", "post": "Service Manager"},
]

ALL_PRESENT = {s["id"]: "present" for s in SEATS}


class MiniRepo:
    """A repository of one body ('group') with one ToR, editable as dicts."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.organisations = copy.deepcopy(ORGANISATIONS)
        self.partnerships: list[dict[str, Any]] | None = None
        # written beside the partnerships in governance/partnerships.yaml
        self.external_bodies: list[dict[str, Any]] | None = None
        self.body: dict[str, Any] = {
            "id": "group", "name": "Safeguarding Group", "kind": "subgroup", "tor": "group",
            "seats": copy.deepcopy(SEATS),
            "chair_terms": [{"role": "chair", "seat": "la", "from": "2025-01-01"}],
        }
        self.extra_bodies: list[dict[str, Any]] = []
        self.tor: dict[str, Any] = {
            "title": "Terms of Reference", "version": "1.0", "status": "approved",
            "in_force_from": "2025-01-01", "approved": {"date": "2024-12-01", "by": "group"},
            "review": {"every": "12 months", "last": "2026-01-01"},
            "classification": "OFFICIAL",
        }
        self.tor_versions: dict[str, dict[str, Any]] = {}
        self.meetings: dict[tuple[str, str], dict[str, Any]] = {}
        self.minutes: dict[tuple[str, str], str] = {}
        self.actions: list[dict[str, Any]] = []
        self.config: dict[str, Any] | None = None
        self.raw: dict[str, str] = {}

    def meeting(self, day: str, body: str = "group", **fields: Any) -> dict[str, Any]:
        """Add (or replace) a held meeting with everyone present unless told otherwise."""
        record: dict[str, Any] = {"date": day, "status": "held", "classification": "OFFICIAL",
                                  "chair": "la", "attendance": dict(ALL_PRESENT)}
        record.update(fields)
        self.meetings[(body, day)] = record
        return record

    def tor_version(self, version: str, in_force_from: str, **fields: Any) -> dict[str, Any]:
        """Add another version of the group's ToR: a copy of ``self.tor`` as it is now, with
        a new version number, start date and any other fields changed."""
        record = copy.deepcopy(self.tor)
        record.update(version=version, in_force_from=in_force_from, **fields)
        self.tor_versions[f"group/{version}"] = record
        return record

    def action(self, **fields: Any) -> dict[str, Any]:
        record: dict[str, Any] = {"id": f"a-{len(self.actions) + 1}", "body": "group",
                                  "raised": "2026-01-14", "description": "Do the thing.",
                                  "owner": {"seat": "pol"}, "due": "2026-02-01",
                                  "status": "open"}
        record.update(fields)
        self.actions.append(record)
        return record

    def write(self) -> Path:
        root = self.root
        (root / "governance" / "bodies").mkdir(parents=True, exist_ok=True)
        _dump(root / "governance" / "organisations.yaml", {"organisations": self.organisations})
        if self.partnerships is not None or self.external_bodies is not None:
            data: dict[str, Any] = {"partnerships": self.partnerships or []}
            if self.external_bodies is not None:
                data["external_bodies"] = self.external_bodies
            _dump(root / "governance" / "partnerships.yaml", data)
        for b in [self.body, *self.extra_bodies]:
            _dump(root / "governance" / "bodies" / f"{b['id']}.yaml", b)
        versions = dict(self.tor_versions)
        versions.setdefault(f"group/{self.tor['version']}", self.tor)
        for key, front in versions.items():
            tor_id, version = key.split("/")
            path = root / "governance" / "tor" / tor_id / f"{version}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_front(front) + "## Purpose\n\nTo safeguard.\n", encoding="utf-8")
        for (body, day), record in self.meetings.items():
            path = root / "meetings" / body / f"{day}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = self.minutes.get((body, day), "## Minutes\n\nNoted.\n")
            path.write_text(_front(record) + text, encoding="utf-8")
        _dump(root / "actions.yaml", {"actions": self.actions})
        if self.config is not None:
            # written in the current format, unless the test says otherwise (LD014)
            config = {"format": FORMAT, **self.config} if isinstance(self.config, dict) \
                else self.config
            _dump(root / "minutebook.yaml", config)
        for rel, text in self.raw.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    def check(self, today: str = "2026-06-01", select: set[str] | None = None) -> Result:
        self.write()
        return check(self.root, date.fromisoformat(today), select=select)

    def findings(self, code: str, today: str = "2026-06-01") -> list[Any]:
        return [f for f in self.check(today, {code}).findings if f.code == code]

    def messages(self, code: str, today: str = "2026-06-01") -> list[str]:
        return [f.message for f in self.findings(code, today)]

    def rule_findings(self, code: str, today: str = "2026-06-01") -> list[Any]:
        """Like ``findings``, but first asserts that every file was read and passed its
        schema, so a mistyped field cannot leave a file out and make a test pass vacuously."""
        result = self.check(today, {code})
        broken = [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings
                  if f.category in ("load", "schema")]
        assert broken == [], broken
        return [f for f in result.findings if f.code == code]

    def rule_messages(self, code: str, today: str = "2026-06-01") -> list[str]:
        """Messages of one rule, from a repository whose files all passed their schemas."""
        return [f.message for f in self.rule_findings(code, today)]

    def problems(self, today: str = "2026-06-01") -> list[str]:
        """Every finding as 'file:line CODE message' (for asserting a clean repository)."""
        return [f"{f.file}:{f.line} {f.code} {f.message}" for f in self.check(today).findings]


def minutes(repo: MiniRepo, text: str, day: str = "2026-01-14", **fields: Any) -> None:
    """One held meeting of the group whose minutes are ``text`` (after a '## Minutes'
    line)."""
    repo.meeting(day, **fields)
    repo.minutes[("group", day)] = "## Minutes\n\n" + text + "\n"


def where(repo: MiniRepo, rel: str, needle: str) -> tuple[int, int]:
    """Line and column of the first occurrence of ``needle`` in a written file."""
    text = (repo.root / rel).read_text(encoding="utf-8")
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _front(data: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n"


def today(value: str) -> date:
    return date.fromisoformat(value)
