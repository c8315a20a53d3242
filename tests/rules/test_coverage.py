"""Every rule with a check function has at least one passing and one failing test.

Tests are named ``test_<code>_pass_<what>`` and ``test_<code>_fail_<what>`` (e.g.
``test_ca001_fail_gap_one_day_over``); this reads the names from the test modules in this
folder without importing them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from minutebook.rules import REGISTRY

HERE = Path(__file__).resolve().parent
NAME = re.compile(r"test_([a-z]{2}\d{3})_(pass|fail)_\w+")


def _test_names() -> set[str]:
    names: set[str] = set()
    for path in sorted(HERE.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names.update(node.name for node in ast.walk(tree)
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                     and node.name.startswith("test_"))
    return names


def _kinds_by_code() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name in _test_names():
        match = NAME.fullmatch(name)
        if match:
            found.setdefault(match.group(1).upper(), set()).add(match.group(2))
    return found


def test_every_checked_rule_has_pass_and_fail_tests() -> None:
    found = _kinds_by_code()
    missing = [f"{code} has no _{kind}_ test"
               for code, r in sorted(REGISTRY.items()) if r.check is not None
               for kind in ("pass", "fail") if kind not in found.get(code, set())]
    assert missing == [], "rules without tests:\n" + "\n".join(missing)


def test_test_names_use_registered_codes() -> None:
    unknown = sorted(code for code in _kinds_by_code() if code not in REGISTRY)
    assert unknown == [], f"tests named after codes that are not registered: {unknown}"
