"""The open-data export: the validated dataset as JSON, with its schemas.

Texts are exported as written (Markdown), made inert: HTML comments removed, markup and
script links neutralised (``sanitise.safe_data``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..api import Result
from ..schemas import load_schema, schema_dir
from .publication import is_restricted, meeting_restricted, publishable_actions, publishable_minutes
from .sanitise import safe_data


def export(result: Result, edition: str) -> dict[str, bytes]:
    """data/minutebook.json and data/schemas/*.schema.json."""
    repo = result.repo
    doc: dict[str, Any] = {"as_of": result.today.isoformat(), "edition": edition,
                           "organisations": [], "partnerships": [], "bodies": [],
                           "terms_of_reference": [], "meetings": [], "actions": [],
                           "findings": [f.as_dict() for f in result.findings]}
    valid_meetings = {m.at.file for ms in (result.dataset.meetings.values()
                                           if result.dataset else ()) for m in ms}
    for src in repo.sources if repo else ():
        data = src.data
        if not isinstance(data, dict):
            continue
        if src.kind == "organisations":
            doc["organisations"] = data.get("organisations", [])
        elif src.kind == "partnerships":
            doc["partnerships"] = data.get("partnerships", [])
        elif src.kind == "actions":
            shown = {a.id: {u.meeting.isoformat() for u in a.updates}
                     for a in publishable_actions(result.dataset, edition)} \
                if result.dataset else {}
            doc["actions"] = [
                {**a, "updates": [u for u in a.get("updates", [])
                                  if str(u.get("meeting", u.get("date")))
                                  in shown[a["id"]]]}
                for a in data.get("actions", [])
                if isinstance(a, dict) and a.get("id") in shown]
        elif src.kind == "body":
            doc["bodies"].append(_public_body(data, edition))
        elif src.kind == "tor":
            parts = src.file.split("/")
            hidden = is_restricted(str(data.get("classification")), edition)
            doc["terms_of_reference"].append({"tor": parts[-2], "file": src.file,
                                              "front_matter": data,
                                              "text": None if hidden else src.body})
        elif src.kind == "meeting" and src.file in valid_meetings and result.dataset:
            parts = src.file.split("/")
            restricted = meeting_restricted(result.dataset, parts[-2],
                                            date.fromisoformat(str(data["date"])), edition)
            minutes, _ = publishable_minutes(src.body, edition)
            doc["meetings"].append({
                "body": src.file.split("/")[-2], "file": src.file,
                "front_matter": {k: data[k] for k in ("date", "status", "classification")}
                if restricted else data,
                "minutes": None if restricted else minutes})
    # every text as Markdown a reader may render: no HTML comment, no markup, no script
    # link (see sanitise.markdown_text)
    out = {"data/minutebook.json": json.dumps(safe_data(doc), indent=1,
                                              ensure_ascii=False).encode()}
    for path in sorted(schema_dir().glob("*.schema.json")):
        out[f"data/schemas/{path.name}"] = path.read_bytes()
    out["data/schemas/export.schema.json"] = json.dumps(
        _export_schema(), indent=2).encode()
    return out


def _public_body(data: dict[str, Any], edition: str) -> dict[str, Any]:
    """A body's data with holders' names removed unless they may be published."""
    body = dict(data)
    seats = []
    for seat in data.get("seats", []):
        seat = dict(seat)
        if edition == "public":
            if not seat.get("publish_holder"):
                seat.pop("holder", None)
            # deputies' names are never in the public edition
            seat["deputies"] = [{k: v for k, v in d.items() if k != "holder"}
                                for d in seat.get("deputies", [])]
            if not seat["deputies"]:
                del seat["deputies"]
        seats.append(seat)
    body["seats"] = seats
    return body


def _export_schema() -> dict[str, Any]:
    load_schema("common.schema.json")
    ref = "{}.schema.json".format
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "minutebook open-data export (data/minutebook.json)",
        "type": "object",
        "required": ["as_of", "edition", "organisations", "bodies", "meetings", "actions"],
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "edition": {"enum": ["public", "internal"]},
            "organisations": {"type": "array",
                              "items": {"$ref": ref("organisations") + "#/$defs/organisation"}},
            "partnerships": {"type": "array",
                             "items": {"$ref": ref("partnerships") + "#/$defs/partnership"}},
            "bodies": {"type": "array", "items": {"$ref": ref("body")}},
            "terms_of_reference": {"type": "array", "items": {
                "type": "object", "required": ["tor", "front_matter", "text"],
                "properties": {"front_matter": {"$ref": ref("tor")}}}},
            "meetings": {"type": "array", "items": {
                "type": "object", "required": ["body", "front_matter"]}},
            "actions": {"type": "array", "items": {"$ref": ref("actions") + "#/$defs/action"}},
            "findings": {"type": "array"},
        },
    }
