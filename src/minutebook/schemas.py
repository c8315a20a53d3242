"""The JSON Schemas: where they are, and validators compiled once per process.

A fast validator (jsonschema-rs) answers "is this valid?"; only invalid documents are
validated again with python-jsonschema, whose errors carry the detail the messages need.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:  # python-jsonschema is imported only when a file is invalid (it is slow)
    import jsonschema
    from referencing import Registry, Resource

SCHEMA_FILES: dict[str, str] = {
    "config": "config.schema.json",
    "organisations": "organisations.schema.json",
    "partnerships": "partnerships.schema.json",
    "body": "body.schema.json",
    "tor": "tor.schema.json",
    "meeting": "meeting.schema.json",
    "actions": "actions.schema.json",
    "personal-data-allow": "personal-data-allow.schema.json",
    "escalations": "escalations.schema.json",
    "measures": "measures.schema.json",
    "values": "values.schema.json",
    "report": "report.schema.json",
}
_BASE = "file:///minutebook/schemas/"


def schema_dir() -> Path:
    """The folder of schema files: the checkout's schemas/ or the installed package data."""
    checkout = Path(__file__).resolve().parents[2] / "schemas"
    if (checkout / "common.schema.json").is_file():
        return checkout
    return Path(str(resources.files("minutebook") / "schemas"))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema file's contents by file name, e.g. 'meeting.schema.json'."""
    return json.loads((schema_dir() / name).read_text(encoding="utf-8"))


def _retrieve(uri: str) -> Resource[Any]:
    from referencing import Resource

    return Resource.from_contents(load_schema(uri.rsplit("/", 1)[-1]))


@cache
def registry() -> Registry[Any]:
    from referencing import Registry

    return Registry(retrieve=_retrieve)  # type: ignore[call-arg]


@cache
def fast_validator(kind: str) -> Any:
    name = SCHEMA_FILES[kind]
    return jsonschema_rs.validator_for(
        load_schema(name), validate_formats=True, base_uri=_BASE + name,
        retriever=lambda uri: load_schema(uri.rsplit("/", 1)[-1]))


@cache
def detailed_validator(kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    cls = jsonschema.Draft202012Validator
    return cls(load_schema(SCHEMA_FILES[kind]), registry=registry(),
               format_checker=cls.FORMAT_CHECKER)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref (one or more hops) to the schema it names."""
    seen = 0
    while "$ref" in schema and seen < 10:
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        files = [file] if file else ["common.schema.json", *SCHEMA_FILES.values()]
        for name in files:
            target: Any = load_schema(name)
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part) if isinstance(target, dict) else None
                if target is None:
                    break
            if isinstance(target, dict):
                schema = target
                break
        else:
            return schema
        seen += 1
    return schema
