"""Schema validation of parsed files, reported in plain words at the right line."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

from .dates import date_problem
from .findings import json_path
from .load.mistakes import CURLY, CURLY_FIX, CURLY_QUOTES, has_curly
from .load.source import Source
from .schemas import SCHEMA_FILES, detailed_validator, fast_validator, resolve

_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}
_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "array": "a list", "object": "a set of named fields",
    "null": "empty",
}


@dataclass(slots=True)
class SchemaProblem:
    """A schema violation: which rule (SC001-SC003), where, and what to do."""

    code: str
    path: tuple[str | int, ...]
    message: str
    hint: str


def describe(value: Any) -> str:
    """A short description of a value for a message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of named fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    return str(value)


def _expected(types: str | list[str]) -> str:
    if isinstance(types, str):
        types = [types]
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types)


def _field(path: tuple[str | int, ...]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def _hint_of(schema: dict[str, Any]) -> str:
    schema = resolve(schema)
    return str(schema.get("x-hint") or schema.get("description") or "")


def _did_you_mean(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


def _unlike_const(error: jsonschema.ValidationError) -> bool:
    """A value that missed a fixed word (const) and looks nothing like it."""
    return (error.validator == "const" and isinstance(error.instance, str)
            and not difflib.get_close_matches(error.instance, [str(error.validator_value)],
                                              n=1, cutoff=0.6))


def _not_stated_allowed(error: jsonschema.ValidationError) -> bool:
    """Whether the value that failed may also be written 'not stated' (a ToR fact)."""
    parent = error.parent
    return parent is not None and parent.validator in ("anyOf", "oneOf") and any(
        resolve(b).get("const") == "not stated" for b in parent.validator_value)


def _leaf_errors(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """For oneOf/anyOf, descend to the errors of the branch that fits the value best."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    branches = list(error.schema.get(error.validator, []))
    if branches and all(set(resolve(b)) == {"required"} for b in branches):
        return [error]  # discriminated by which key is present: handled in _translate
    by_branch: dict[int, list[jsonschema.ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(sub.relative_schema_path[0], []).append(sub)
    # prefer a branch whose errors are not just "wrong type" at the top of the value (nor
    # a fixed word, such as 'not stated', the value does not resemble)
    def score(errs: list[jsonschema.ValidationError]) -> tuple[int, int]:
        top_type = all((e.validator == "type" or _unlike_const(e)) and not e.relative_path
                       for e in errs)
        return (1 if top_type else 0, len(errs))
    best = min(by_branch.values(), key=score)
    if all(e.validator == "type" and not e.relative_path for e in best):
        return [error]
    out: list[jsonschema.ValidationError] = []
    for sub in best:
        out.extend(_leaf_errors(sub))
    return out


def _translate(error: jsonschema.ValidationError) -> Iterator[SchemaProblem]:
    path = tuple(error.absolute_path)
    field = _field(path)
    value = error.instance
    schema = error.schema
    kind = error.validator
    if "propertyNames" in error.schema_path and isinstance(value, str):
        yield _key_problem(path, field, value, resolve(schema))
        return
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(value) - set(allowed)):
            suggestion = _did_you_mean(key, allowed)
            hint = suggestion or (f"the fields allowed here are: {', '.join(allowed)}"
                                  if allowed else "remove it")
            if value[key] is None and " " in key:
                hint = ("a comma inside { } starts a new field; put the whole value in quotes, "
                        "e.g. post: \"Manager, Prevention\"")
            yield SchemaProblem("SC001", (*path, key), f"unknown field '{key}'", hint)
        return
    if kind == "required":
        for key in error.validator_value:
            if key not in value:
                prop = schema.get("properties", {}).get(key, {})
                where = f" in '{field}'" if path else ""
                hint = _hint_of(prop) if prop else ""
                if not hint and "enum" in resolve(prop):  # say which values it can have
                    hint = "one of: " + ", ".join(str(v) for v in resolve(prop)["enum"])
                yield SchemaProblem("SC002", path, f"the required field '{key}' is missing{where}",
                                    f"add '{key}:'" + (f" ({hint})" if hint else ""))
        return
    if kind == "dependentRequired":
        for key, needs in error.validator_value.items():
            if key in value:
                missing = [n for n in needs if n not in value]
                if missing:
                    yield SchemaProblem("SC002", path, f"'{key}' needs '{missing[0]}' beside it",
                                        f"add '{missing[0]}:'")
        return
    if kind in ("oneOf", "anyOf"):
        branches = [resolve(b) for b in schema.get(kind, [])]
        if branches and all(set(b) == {"required"} for b in branches):
            keys = [b["required"][0] for b in branches]
            given = [k for k in keys if isinstance(value, dict) and k in value]
            if given:
                msg = f"'{field}' uses {', '.join(given)} together; use only one of them"
            else:
                msg = f"'{field}' needs one of: {', '.join(keys)}"
            yield SchemaProblem("SC002", path, msg, _hint_of(schema) or
                                "see the field reference for the forms allowed here")
            return
        hint = _hint_of(schema)
        yield SchemaProblem("SC003", path, f"'{field}' has a value of the wrong form: "
                            f"{describe(value)}", hint or "see the field reference")
        return
    if kind == "type":
        expected = error.validator_value
        msg = f"'{field}' should be {_expected(expected)}, not {describe(value)}"
        hint = _hint_of(schema)
        if expected == "boolean" and isinstance(value, str) and value in _BOOL_WORDS:
            hint = "write true or false; yes/no/on/off are read as text"
        elif expected == "boolean":  # say what to write, not what the field means
            hint = resolve(schema).get("x-hint") or "write true or false"
        elif expected in ("integer", "number") and isinstance(value, str):
            hint = "write the number without quotes"
        elif expected == "string" and isinstance(value, int | float) and not isinstance(value, bool):
            hint = resolve(schema).get("x-hint") or "put the value in quotes"
        elif expected == "array":
            hint = (resolve(schema).get("x-hint")
                    or f"write {field} as a list, one '- item' per line")
        yield SchemaProblem("SC003", path, msg, hint)
        return
    if kind in ("enum", "const"):
        options = [str(o) for o in (error.validator_value if kind == "enum"
                                    else [error.validator_value])]
        suggestion = _did_you_mean(str(value), options) if isinstance(value, str) else ""
        msg = f"'{field}' cannot be {describe(value)}; allowed: {', '.join(options)}"
        yield SchemaProblem("SC003", path, msg, suggestion or _hint_of(schema))
        return
    if resolve(schema).get("format") == "date" and kind in ("format", "pattern") \
            and isinstance(value, str):
        # one message for a date, whichever keyword failed (a date written 04/11/2026 fails
        # both: the same message twice is reported once)
        what, how = date_problem(value) or ("is not in the expected form", _hint_of(schema))
        if _not_stated_allowed(error):
            how += ", or write: not stated (if the ToR does not say)"
        yield SchemaProblem("SC003", path, f"'{field}' {what}: {describe(value)}", how)
        return
    if kind == "pattern":
        hint = _hint_of(schema)
        if _not_stated_allowed(error):
            hint += ", or write: not stated (if the ToR does not say)"
        yield SchemaProblem("SC003", path, f"'{field}' is not in the expected form: "
                            f"{describe(value)}", hint)
        return
    if kind in ("minItems", "minLength", "minProperties"):
        yield SchemaProblem("SC003", path, f"'{field}' must not be empty",
                            _hint_of(schema) or "fill it in or remove it")
        return
    if kind == "maxProperties":
        yield SchemaProblem("SC003", path, f"'{field}' has too many fields",
                            _hint_of(schema) or "keep only one")
        return
    if kind in ("minimum", "maximum", "maxLength", "maxItems"):
        yield SchemaProblem("SC003", path, f"'{field}' is out of range: {error.message}",
                            _hint_of(schema))
        return
    yield SchemaProblem("SC003", path, f"'{field}': {error.message}", _hint_of(schema))


def _key_problem(path: tuple[Any, ...], field: str, key: str,
                 schema: dict[str, Any]) -> SchemaProblem:
    """A key of the wrong form (a seat written 'Police Inspector'), reported on the key's
    own line, with the form it should have."""
    where = (*path, key)
    limit = schema.get("maxLength")
    if limit is not None and len(key) > limit:
        return SchemaProblem("SC003", where, f"'{key[:40]}…' under '{field}' is longer than "
                             f"{limit} characters", "use a shorter id")
    pattern = schema.get("pattern", "")
    if pattern != resolve({"$ref": "common.schema.json#/$defs/slug"}).get("pattern"):
        return SchemaProblem("SC003", where, f"'{key}' is not a valid name under '{field}'",
                             _hint_of(schema) or f"the names here must match {pattern}")
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", key).lower()).strip("-")
    good = slug != key and re.fullmatch(pattern, slug) is not None
    return SchemaProblem("SC003", where, f"'{key}' under '{field}' is not written as an id",
                         (f"did you mean '{slug}'? " if good else "") + "ids are lower-case "
                         "letters, digits and hyphens, e.g. police-inspector")


def validate(source: Source) -> list[SchemaProblem]:
    """Check a parsed file against its schema; an empty list when it is valid."""
    if source.data is None or source.kind not in SCHEMA_FILES:
        return []  # no schema: plain text (sensitive-terms.txt)
    if fast_validator(source.kind).is_valid(source.data):
        return []
    problems: list[SchemaProblem] = []
    seen: set[tuple[str, str]] = set()
    for error in detailed_validator(source.kind).iter_errors(source.data):
        for leaf in _leaf_errors(error):
            for problem in _translate(leaf):
                key = (json_path(problem.path), problem.message)
                if key not in seen:
                    seen.add(key)
                    problems.append(_likely_cause(source, problem))
    return problems


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _likely_cause(source: Source, problem: SchemaProblem) -> SchemaProblem:
    """The same problem in words that name its likely cause, when it is one of the usual
    mistakes: curly quotes (typed by Word or Outlook), or a sentence of the minutes
    written above the closing '---' and read as a field."""
    path = problem.path
    key = path[-1] if path else None
    if isinstance(key, str) and has_curly(key):
        if key[-1] in CURLY and key[0] not in CURLY and _value_at(source.data, path) is None:
            # {role: “Lead, CAMHS”}: the comma ends the value; 'CAMHS”' is read as a key
            siblings = _value_at(source.data, path[:-1])
            opened = next((k for k, v in siblings.items() if isinstance(v, str) and v
                           and v[0] in CURLY), None) if isinstance(siblings, dict) else None
            ends, example = "", ""
            if opened is not None and isinstance(siblings, dict):
                ends = f"ends '{opened}' and "
                text = f"{siblings[opened].strip(CURLY)}, {key.strip(CURLY)}"
                example = f', as in: {opened}: "{text}"'
            return SchemaProblem(problem.code, path, f"this line uses {CURLY_QUOTES}, which "
                                 "YAML reads as part of the text, so the comma inside them "
                                 f"{ends}starts a new field '{key}'", 'replace them with '
                                 'straight quotes (") so that the whole value, comma and all, '
                                 f"is one text{example}")
        plain = key.strip(CURLY + " ")
        value = _value_at(source.data, path)
        example = f"{plain}: {value}" if isinstance(value, str | int) else f"{plain}:"
        return SchemaProblem(problem.code, path, f"this line uses {CURLY_QUOTES} in the name "
                             f"'{key}', which YAML reads as part of the name",
                             f"{CURLY_FIX}, as in: {example}")
    value = _value_at(source.data, path)
    if isinstance(value, str) and has_curly(value):
        field = _field(path)
        return SchemaProblem(problem.code, path, f"this line uses {CURLY_QUOTES} around the "
                             f"value of '{field}', which YAML reads as part of the text: "
                             f"{describe(value)}",
                             f"{CURLY_FIX}, as in: {field}: {value.strip(CURLY + ' ')}")
    if problem.code == "SC001" and source.body_line > 1 and len(path) == 1 and \
            isinstance(key, str) and len(key.split()) >= (2 if key[0].isupper() else 3):
        # 'Item 1: Welcome' above the closing ---
        line = source.pos(path)[0]
        text = "the minutes' text" if source.kind == "meeting" else "the document's text"
        return SchemaProblem(problem.code, path, f"line {line} looks like {text} inside the "
                             "front matter (the details between the '---' lines)",
                             f"move it below the closing --- (line {source.body_line - 1}); "
                             "if the details end before it, add a line '---' after the last "
                             "detail")
    return problem
