"""Every rule declares its kind: a record problem (blocks publishing) or a governance lapse."""

from __future__ import annotations

import pytest

from minutebook.findings import KINDS
from minutebook.rules import REGISTRY
from minutebook.rules.base import declare, rule

# the codes that can arise from the calendar alone (time passing with nothing written):
# each must be governance, or the site would stop publishing on a date
TIME_DRIVEN = {"CA001", "CA002", "CA003", "CA004", "TR001", "TR002", "ST004", "AC001",
               "AC002", "CH003", "CH006", "CH007", "MB001", "MB002", "HI002", "MN001",
               "SM001", "ES001", "RF006"}


def test_every_rule_declares_a_known_kind() -> None:
    undeclared = [r.code for r in REGISTRY.values() if r.kind not in KINDS]
    assert not undeclared
    assert {r.kind for r in REGISTRY.values()} == set(KINDS)


def test_kind_is_required_when_registering() -> None:
    with pytest.raises(TypeError, match="kind"):
        rule("ZZ998", "no-kind", category="load", severity="error",  # type: ignore[call-arg]
             title="t")
    with pytest.raises(TypeError, match="kind"):
        declare("ZZ999", "no-kind-2", category="load", severity="error",  # type: ignore[call-arg]
                title="t", doc="", module="m")
    with pytest.raises(ValueError, match="kind"):
        declare("ZZ997", "bad-kind", kind="other", category="load",  # type: ignore[arg-type]
                severity="error", title="t", doc="", module="m")
    assert not {"ZZ997", "ZZ998", "ZZ999"} & REGISTRY.keys()


def test_load_schema_and_safety_rules_are_record_rules() -> None:
    for r in REGISTRY.values():
        if r.category in ("load", "schema", "personal-data", "content-safety", "reference") \
                and r.code != "RF006":
            assert r.kind == "record", r.code


@pytest.mark.parametrize("code", sorted(TIME_DRIVEN))
def test_lapses_that_come_with_time_are_governance(code: str) -> None:
    assert REGISTRY[code].kind == "governance"
