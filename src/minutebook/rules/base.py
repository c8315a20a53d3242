"""The rule framework: a registry of rules, each a small unit with a stable code.

A rule is a function decorated with ``@rule(...)``: it takes a :class:`Context` and
yields :class:`Hit` objects (where, what, how to fix). The engine stamps the code,
name, category and severity on each hit. The function's docstring is the rule's
documentation, written in fixed sections (see ``docsgen``).

Codes are two letters (the family) and three digits; a code is never reused.
Load and schema problems are registered too (``declare``), so they can be documented,
configured and looked up like any other rule.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..findings import KINDS, Kind, Severity
from ..model import At

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..model import Dataset


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: where it is written, what is wrong, and what to do."""

    at: At
    message: str
    hint: str = ""
    body: str | None = None
    # a rule may lower (never raise) its default severity for one finding, e.g. a chair
    # vacancy still within the ToR's declared limit; configuration still wins
    severity: Severity | None = None


@dataclass(slots=True)
class Context:
    """What a rule can see: the dataset, derived facts, and the date checks are 'as of'."""

    ds: Dataset
    today: date
    facts: Analysis
    # results a rule may keep between runs (persisted with the parse cache), by namespace;
    # keys must be derived from the content they describe
    memo: dict[str, dict[Any, Any]] = field(default_factory=dict)
    # the digest of each file's content, by path (see load.source.digest), and of each
    # item of a long list file (actions.yaml), in order: with the memo, lets a rule skip
    # files and items it found nothing in last time
    digests: dict[str, bytes] = field(default_factory=dict)
    item_digests: dict[str, list[bytes]] = field(default_factory=dict)


CheckFn = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    title: str
    doc: str
    check: CheckFn | None = None  # None: produced by the loader or schema stage
    module: str = ""
    # "record": the files are unreadable, invalid, inconsistent or unsafe (blocks
    # publishing); "governance": the partnership is behind its own ToR (published)
    kind: Kind = "record"


REGISTRY: dict[str, Rule] = {}
_NAMES: dict[str, str] = {}


def _register(r: Rule) -> None:
    if r.kind not in KINDS:
        raise ValueError(f"rule {r.code} declares kind {r.kind!r}; use one of {KINDS}")
    if r.code in REGISTRY:
        raise ValueError(f"rule code {r.code} registered twice")
    if r.name in _NAMES:
        raise ValueError(f"rule name {r.name} registered twice ({_NAMES[r.name]})")
    REGISTRY[r.code] = r
    _NAMES[r.name] = r.code


def rule(code: str, name: str, *, kind: Kind, category: str, severity: Severity,
         title: str) -> Callable[[CheckFn], CheckFn]:
    """Register a rule function under a stable code; ``kind`` is required (see Rule)."""

    def wrap(fn: CheckFn) -> CheckFn:
        _register(Rule(code, name, category, severity, title,
                       inspect.cleandoc(fn.__doc__ or ""), fn, fn.__module__, kind))
        return fn

    return wrap


def declare(code: str, name: str, *, kind: Kind, category: str, severity: Severity,
            title: str, doc: str, module: str) -> None:
    """Register a code produced by the loader or the schema check (no check function)."""
    _register(Rule(code, name, category, severity, title, inspect.cleandoc(doc), None, module,
                   kind))


def get(code_or_name: str) -> Rule:
    """A rule by code or name; KeyError with a helpful message if unknown."""
    if code_or_name in REGISTRY:
        return REGISTRY[code_or_name]
    if code_or_name in _NAMES:
        return REGISTRY[_NAMES[code_or_name]]
    raise KeyError(f"no rule {code_or_name!r}")
