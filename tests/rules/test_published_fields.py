"""Every published text field is scanned (PD and HT), derived from the schemas and the site.

The list of text fields is derived from the JSON schemas: every string-typed property,
less the kinds that are not free text (ids, dates, enums... in ``NOT_FREE_TEXT``, with a
reason each) and the fields never published (``NEVER_PUBLISHED``), plus the Markdown
bodies. A repository in which every instance of every such field holds its own marker is
built into a site (both editions: pages, search text, feeds, open data); each field whose
marker reaches the output must be scanned: an identifier planted in it is reported by
the personal-data scan at that field, and a ``javascript:`` link by the content-safety
scan. A field of a schema that the repository below has no instance of fails the test:
add one to ``_base``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from minutebook.api import Result, check
from minutebook.findings import Finding
from minutebook.formats import FORMAT
from minutebook.schemas import SCHEMA_FILES, load_schema
from minutebook.site.pages import render_site

CORPUS = Path(__file__).resolve().parents[1] / "pd_corpus"
TODAY = date(2026, 6, 1)

# ---------------------------------------------------------------- what is not free text

# the kinds of string that are not free text, by the definition they refer to (or the
# keyword that restricts them), with the reason (reviewed: each can hold no sentence)
NOT_FREE_TEXT: dict[str, str] = {
    "common.schema.json#/$defs/slug": "an id or a reference to one: lower-case letters, "
                                       "digits and hyphens, checked by its pattern",
    "#/$defs/slug": "an id or a reference to one (the same definition, referred to inside "
                    "common.schema.json)",
    "common.schema.json#/$defs/date": "a date, YYYY-MM-DD by its pattern",
    "common.schema.json#/$defs/time": "a time, HH:MM by its pattern",
    "common.schema.json#/$defs/duration": "a period such as '12 months', by its pattern",
    "common.schema.json#/$defs/offset": "a deadline such as '5 working days before the "
                                         "meeting', by its pattern",
    "common.schema.json#/$defs/fraction": "a share such as '2/3' or '75%', by its pattern",
    "#/$defs/fraction": "a share (the same definition, inside common.schema.json)",
    "enum": "one word from a fixed list (an enum or a const)",
    "pattern": "a pattern of its own that no planted identifier of tests/pd_corpus fits "
               "(a code, number or date form: checked by this test, field by field)",
}
# string properties whose own pattern admits a planted identifier: each reviewed
NOT_FREE_TEXT_FIELDS: dict[str, str] = {
    "tor.version": "a version number, digits and dots: ten digits would fit, but the ToR "
                   "file is named after its version (RF003) and versions are compared as "
                   "numbers; it is an id",
    "organisations.organisations[].email_domains[]": "a mail domain the organisation "
        "publishes (by its pattern, not an address): what the PD scan allows, by design",
    "organisations.organisations[].public_numbers[]": "a switchboard number the "
        "organisation publishes: allowed by the PD scan, by design",
    "organisations.organisations[].office_postcodes[]": "the postcode of a public office: "
        "allowed by the PD scan, by design",
    "meeting.agenda[].papers[].file": "the path of a file that must exist beside the "
        "record (LD013), so no instance here can hold a planted value; it is scanned all "
        "the same (rules/textscan: the file of a paper)",
}
# free text that the site never reads (each reviewed)
NEVER_PUBLISHED: dict[str, str] = {
    "personal-data-allow.allow[].text": "the allow-list is read by the check only; a test "
        "(test_pd007_pass_terms_file_is_never_published) keeps it out of the open data",
    "personal-data-allow.allow[].reason": "the allow-list is read by the check only",
    "personal-data-allow.allow[].reviewed_by": "the allow-list is read by the check only",
    "personal-data-allow.allow[].file": "the allow-list is read by the check only (a path, "
                                         "which its pattern barely restricts)",
}
# texts written below the front matter, not described by a schema
BODIES = {"meeting": "the minutes", "tor": "the ToR's text", "report": "the report's text"}


def _resolve(ref: str, current: str) -> tuple[dict[str, Any], str]:
    file, _, fragment = ref.partition("#")
    node: Any = load_schema(file or current)
    for part in fragment.strip("/").split("/") if fragment else ():
        node = node[part]
    return node, file or current


def _planted_values() -> list[str]:
    entries = yaml.safe_load((CORPUS / "planted.yaml").read_text(encoding="utf-8"))["planted"]
    return [v for e in entries for v in (e["id"], e["text"])]


def _fits(pattern: str, values: list[str]) -> bool:
    compiled = re.compile(pattern)
    return any(compiled.search(v) for v in values)


def string_fields() -> dict[str, str | None]:
    """Every string-typed property of every schema, as 'kind.path[].field', with why it
    is not free text (None: free text)."""
    out: dict[str, str | None] = {}
    planted = _planted_values()

    def classify(schema: dict[str, Any], path: str, ref: str | None) -> str | None:
        if path in NOT_FREE_TEXT_FIELDS:
            return NOT_FREE_TEXT_FIELDS[path]
        if path in NEVER_PUBLISHED:
            return NEVER_PUBLISHED[path]
        if "enum" in schema or "const" in schema:
            return NOT_FREE_TEXT["enum"]
        if ref in NOT_FREE_TEXT:
            return NOT_FREE_TEXT[ref]
        if "pattern" in schema and not _fits(schema["pattern"], planted):
            return NOT_FREE_TEXT["pattern"]
        return None

    def walk(schema: dict[str, Any], current: str, path: str, seen: frozenset[str],
             ref: str | None) -> None:
        if "$ref" in schema:
            key = f"{current}{schema['$ref']}"
            if key in seen:
                return  # a recursive definition (requirements): its fields are listed once
            node, where = _resolve(schema["$ref"], current)
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            walk({**node, **rest}, where, path, seen | {key}, schema["$ref"])
            return
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in schema.get(key, ()):
                walk(sub, current, path, seen, ref)
        types = schema.get("type")
        if "string" in (types if isinstance(types, list) else [types]):
            reason = classify(schema, path, ref)
            # free text in one branch of a oneOf (beside a const) keeps the field free text
            if reason is None or out.get(path, "") is None:
                out[path] = None
            else:
                out.setdefault(path, reason)
        for name, sub in schema.get("properties", {}).items():
            walk(sub, current, f"{path}.{name}", seen, None)
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], current, f"{path}[]", seen, None)
        if isinstance(schema.get("additionalProperties"), dict):
            walk(schema["additionalProperties"], current, f"{path}.*", seen, None)

    for kind, file in SCHEMA_FILES.items():
        walk(load_schema(file), file, kind, frozenset(), None)
    return out


def free_text_fields() -> list[str]:
    return sorted([p for p, why in string_fields().items() if why is None]
                  + [f"{kind}.<body>" for kind in BODIES])


def test_every_exclusion_is_still_a_field_of_a_schema() -> None:
    """A reviewed exclusion names a field that exists (so the lists do not go stale)."""
    fields = string_fields()
    assert [p for p in (*NOT_FREE_TEXT_FIELDS, *NEVER_PUBLISHED) if p not in fields] == []


# ---------------------------------------------------------------- a repository of every field


def _base() -> dict[str, Any]:
    """One file of each kind, holding at least one instance of every text field (the
    values are replaced field by field). Keys: the kind; values: (path, data)."""
    labelled = {"present": {"organisation": "council"}, "min": 1, "label": "x"}

    def requirement(mode: str) -> dict[str, Any]:
        items = [dict(labelled), dict(labelled)]
        if mode == "at_least":
            return {"at_least": 1, "of": items, "label": "x"}
        return {mode: items, "label": "x"}

    def tor(version: str, start: str, quorum: str, decisions: str) -> dict[str, Any]:
        return {
            "title": "x", "version": version, "status": "approved", "in_force_from": start,
            "approved": {"date": "2024-12-01", "by": "group"},
            "review": {"every": "12 months", "last": "2026-01-01"},
            "classification": "OFFICIAL", "change_note": "x",
            "quorum": {"requires": requirement(quorum), "description": "x"},
            "decisions": {"method": "consensus", "requires": requirement(decisions)},
            "deadlines": [{"milestone": "papers", "due": "5 working days before the meeting",
                           "label": "x"}],
            "standing_items": ["x"], "reports_to": ["x"],
            "meeting_kinds": {"annual": {"agenda": ["x"]}},
            "offices": [{"id": "chair", "title": "x", "role": "chair"}],
            "attendance": {"expectations": [{"max_consecutive_missed": 3,
                                             "consequence": "x"}]},
            "duties": [{"id": "annual-report", "what": "x", "evidence": "decision",
                        "every": "12 months"}],
        }

    seats = [
        {"id": "la", "organisation": "council", "post": "x", "service": "x",
         "holder": "x", "publish_holder": True, "delegated_from": "x", "notes": "x",
         "deputies": [{"post": "x", "holder": "x", "organisation": "council"}]},
        {"id": "pol", "organisation": "police", "post": "x"},
        {"id": "nurse", "organisation": "icb", "post": "x"},
        {"id": "carer", "category": "carer", "post": "x"},
    ]
    attendance = {"la": {"status": "present", "note": "x"},
                  "pol": {"status": "deputy", "by": "x"}, "nurse": "present"}
    post = {"organisation": "council", "post": "x", "delegated_from": "x"}
    return {
        "config": ("minutebook.yaml", {"format": FORMAT, "site_name": "x", "member_categories": [
            {"id": "carer", "name": "x"}], "editor": {"branch": "x", "auth_endpoint": "x"}}),
        "organisations": ("governance/organisations.yaml", {"organisations": [
            {"id": "council", "name": "x", "short_name": "x", "kinds": ["local-authority"],
             "statutory_partner": True, "area": "x", "website": "x", "notes": "x"},
            {"id": "police", "name": "x", "kinds": ["police"], "statutory_partner": True},
            {"id": "icb", "name": "x", "kinds": ["icb", "health"], "statutory_partner": True},
        ]}),
        "partnerships": ("governance/partnerships.yaml", {"partnerships": [
            {"id": "lscp", "name": "x", "short_name": "x", "area": "x", "website": "x",
             "notes": "x", "framework": "working-together-2023",
             "lead_partners": [dict(post)], "delegated_partners": [dict(post)],
             "independent_scrutiny": [dict(post)],
             "publications": [{"kind": "annual-report", "title": "x",
                               "published": "2025-09-30", "url": "x"}]}],
            "external_bodies": [{"id": "scrutiny", "name": "x", "short_name": "x",
                                 "organisation": "council", "url": "x", "notes": "x"}]}),
        "body": ("governance/bodies/group.yaml", {
            "id": "group", "name": "x", "short_name": "x", "kind": "subgroup", "tor": "group",
            "partnership": "lscp", "meets": "x", "notes": "x", "invitees": ["x"],
            "seats": seats,
            "chair_terms": [{"role": "chair", "seat": "la", "from": "2025-01-01",
                             "notes": "x"}],
            "relations": [{"to": "scrutiny", "kind": "accountable-to", "notes": "x"}],
            "duties_done": [{"duty": "annual-report", "on": "2025-09-30", "file": "x",
                             "url": "x"}]}),
        "tor": [("governance/tor/group/1.0.md", tor("1.0", "2025-01-01", "all_of", "any_of")),
                ("governance/tor/group/1.1.md", tor("1.1", "2025-03-01", "any_of", "at_least")),
                ("governance/tor/group/1.2.md", tor("1.2", "2025-06-01", "at_least", "all_of"))],
        "meeting": [
            ("meetings/group/2026-01-14.md", {
                "date": "2026-01-14", "status": "held", "classification": "OFFICIAL",
                "chair": "la", "location": "x", "attendance": attendance, "guests": ["x"],
                "declarations": [{"seat": "la", "item": "x", "interest": "x", "action": "x"}],
                "decisions": [{"id": "d1", "text": "x"}], "agenda": ["x"], "notes": "x",
                "quorum_determination": {"reason": "x", "items": ["x"]},
                "late_items": [{"item": "x", "reason": "x"}]}),
            ("meetings/group/2026-02-11.md", {
                "date": "2026-02-11", "status": "cancelled", "classification": "OFFICIAL",
                "cancelled_reason": "x"}),
            ("meetings/group/2026-09-09.md", {
                "date": "2026-09-09", "status": "scheduled", "classification": "OFFICIAL",
                "start": "10:00", "location": "x",
                "agenda": [{"item": "x", "papers": [{"title": "x",
                                                     "url": "https://example.org/x"}]}]}),
        ],
        "actions": ("actions.yaml", {"actions": [
            {"id": "a-1", "body": "group", "raised": "2026-01-14", "description": "x",
             "owner": {"seat": "pol"}, "due": "2026-12-01", "status": "open",
             "updates": [{"meeting": "2026-01-14", "note": "x"},
                         {"date": "2026-02-02", "by": "email", "note": "x"}]}]}),
        "escalations": ("escalations.yaml", {"escalations": [
            {"id": "e-1", "from": "group", "raised": "2026-01-20", "to": "group",
             "issue": "x", "response": {"meeting": "2026-01-14", "text": "x"},
             "status": "responded"}]}),
        "measures": ("scorecard/measures.yaml", {"measures": [
            {"id": "m-1", "title": "x", "description": "x", "owner": "council", "unit": "x",
             "polarity": "higher-is-better", "frequency": "quarterly",
             "scrutinised_by": ["group"]}]}),
        "values": ("scorecard/values/council.csv", {"rows": [
            {"measure": "m-1", "period": "2025-Q4", "value": 5, "submitted": "2026-01-10",
             "note": "x"},
            {"measure": "m-1", "period": "2026-Q1", "value": 6, "submitted": "2026-04-10",
             "note": "x"}]}),
        "report": ("reports/group/2025-10-01_2026-03-31.md", {
            "body": "group", "period_start": "2025-10-01", "period_end": "2026-03-31",
            "generated": "2026-04-02", "classification": "OFFICIAL"}),
        "personal-data-allow": ("personal-data-allow.yaml", {"allow": [
            {"file": "meetings/group/2026-01-14.md", "code": "PD001", "text": "x",
             "reason": "x", "reviewed_by": "x", "reviewed_on": "2026-01-20"}]}),
    }


class _Dumper(yaml.SafeDumper):
    """Writes a repeated object in full each time (anchors are refused by the loader)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


_STEP = re.compile(r"([^.\[\]]+)(\[\])?")


# a field added only beside another (an update's 'by' goes with 'date', not 'meeting')
_COMPANION = {"by": "date"}


def _set(data: Any, steps: list[str], value: str, at: tuple[Any, ...],
         found: list[tuple[Any, ...]]) -> None:
    """Set every instance of a schema path (steps such as 'seats[]', 'post') in data."""
    if not isinstance(data, dict):
        return
    name, many = _STEP.fullmatch(steps[0]).groups()  # type: ignore[union-attr]
    keys = list(data) if name == "*" else [name]
    for key in keys:
        if len(steps) == 1:
            if many:
                if isinstance(data.get(key), list):  # (an item that is an object stays)
                    data[key] = [x if isinstance(x, dict) else value for x in data[key]]
                    found.extend((*at, key, i) for i, x in enumerate(data[key])
                                 if not isinstance(x, dict))
            elif key in data or (name != "*" and _COMPANION.get(key, key) in data) \
                    or (name != "*" and key not in _COMPANION):
                data[key] = value
                found.append((*at, key))
            continue
        child = data.get(key)
        if many and isinstance(child, list):
            for i, item in enumerate(child):
                _set(item, steps[1:], value, (*at, key, i), found)
        elif not many:
            _set(child, steps[1:], value, (*at, key), found)


def build(root: Path, value: Callable[[str], str]) -> dict[str, list[tuple[str, tuple[Any, ...]]]]:
    """Write the repository with ``value(field)`` in every instance of every free-text
    field; return, for each field, where its instances are (file, data path)."""
    base = _base()
    where: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
    bodies: dict[str, str] = {}
    for field in free_text_fields():
        kind, _, rest = field.partition(".")
        files = base[kind] if isinstance(base[kind], list) else [base[kind]]
        where[field] = []
        for rel, data in files:
            if rest == "<body>":
                bodies[rel] = value(field)
                where[field].append((rel, ()))
                continue
            found: list[tuple[Any, ...]] = []
            _set(data, rest.split("."), value(field), (), found)
            where[field] += [(rel, at) for at in found]
    for entry in base.values():
        for rel, data in entry if isinstance(entry, list) else [entry]:
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if rel.endswith(".csv"):
                out = io.StringIO()
                writer = csv.DictWriter(out, ["measure", "period", "value", "submitted",
                                              "note"], lineterminator="\n")
                writer.writeheader()
                writer.writerows(data["rows"])
                path.write_text(out.getvalue(), encoding="utf-8")
            elif rel.endswith(".md"):
                front = _yaml(data)
                path.write_text(f"---\n{front}---\n## Text\n\n{bodies.get(rel, 'x')}\n",
                                encoding="utf-8")
            else:
                path.write_text(_yaml(data), encoding="utf-8")
    return where


def _marker(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(97 + r) + letters
    return f"qzq{letters}qzq"


def published_output(result: Result) -> str:
    """Everything the site publishes from a check result, as one text: every generated
    page (their text is also the search index), the feeds (unfolded) and the open data,
    in both editions."""
    parts = []
    for edition in ("public", "internal"):
        site = render_site(result, edition)
        parts += site.pages.values()
        for content in site.files.values():
            parts.append(content.decode("utf-8", "replace").replace("\r\n ", ""))
    return "\n".join(parts)


def _json_path(at: tuple[Any, ...]) -> str:
    out = "$"
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _reported(findings: list[Finding], codes: set[str],
              instances: list[tuple[str, tuple[Any, ...]]]) -> list[str]:
    """The instances of a field (file and path) with no finding of the codes there."""
    missing = []
    for rel, at in instances:
        if at == ():  # a Markdown body: a finding in the file below its front matter
            hit = any(f.file == rel and f.code in codes and f.path in ("$", "", None)
                      and f.line > 3 for f in findings)
        else:
            want = _json_path(at)
            hit = any(f.file == rel and f.code in codes and f.path == want for f in findings)
        if not hit:
            missing.append(f"{rel} {_json_path(at)}")
    return missing


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Which fields the site publishes (by their markers), and where their instances are."""
    root = tmp_path_factory.mktemp("markers")
    fields = free_text_fields()
    markers = {f: _marker(i) for i, f in enumerate(fields)}
    where = build(root, markers.__getitem__)
    result = check(root, TODAY)
    broken = [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings
              if f.category in ("load", "schema")]
    assert broken == [], broken
    output = published_output(result)
    return {"fields": fields, "where": where,
            "published": {f for f in fields if markers[f] in output}}


def test_every_text_field_has_an_instance_in_the_repository(layout: dict[str, Any]) -> None:
    """Each field derived from the schemas is filled at least once (else the test below
    could not tell whether it is scanned): add a new field's instance to _base."""
    missing = [f for f in layout["fields"] if not layout["where"][f]]
    assert missing == [], ("text fields of the schemas with no instance in the test "
                           "repository: add one to _base in this file (and scan the field "
                           f"in rules/textscan.texts): {missing}")


def test_the_site_publishes_the_text_fields(layout: dict[str, Any]) -> None:
    """The derivation sees the site: the fields every page relies on reach it (and so
    does almost every field: the open data carries the front matter)."""
    published = layout["published"]
    for field in ("meeting.<body>", "meeting.location", "body.seats[].post",
                  "organisations.organisations[].notes", "measures.measures[].unit",
                  "partnerships.partnerships[].publications[].title"):
        assert field in published, field
    assert len(published) >= 0.8 * len(layout["fields"])


def _planted() -> list[dict[str, str]]:
    entries = yaml.safe_load((CORPUS / "planted.yaml").read_text(encoding="utf-8"))["planted"]
    return [e for e in entries if e["code"] != "PD007"]  # PD007 needs sensitive-terms.txt


def test_every_published_field_is_scanned_for_personal_data(
        layout: dict[str, Any], tmp_path: Path) -> None:
    """An identifier planted in each published field (a different planted form in each)
    is reported at that field: the field is scanned."""
    planted = _planted()
    fields = sorted(layout["published"])
    entry = {f: planted[i % len(planted)] for i, f in enumerate(fields)}
    where = build(tmp_path, lambda f: entry[f]["text"] if f in entry else "x")
    result = check(tmp_path, TODAY, select={f"PD00{i}" for i in range(1, 8)})
    unscanned = {f: missing for f in fields
                 if (missing := _reported(result.findings, {entry[f]["code"]}, where[f]))}
    assert unscanned == {}, ("published but not scanned (add them to textscan.texts): "
                             f"{unscanned}")


def test_every_published_field_is_scanned_for_script_links(
        layout: dict[str, Any], tmp_path: Path) -> None:
    """A Markdown link to javascript: in each published field is reported by HT001."""
    fields = sorted(layout["published"])
    where = build(tmp_path, lambda f: "See [the plan](javascript:alert(1))."
                  if f in layout["published"] else "x")
    result = check(tmp_path, TODAY, select={"HT001"})
    unscanned = {f: missing for f in fields
                 if (missing := _reported(result.findings, {"HT001"}, where[f]))}
    assert unscanned == {}, f"published but not scanned for active content: {unscanned}"
