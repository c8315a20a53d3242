"""All rules, registered by importing their modules (the registry is explicit)."""

from . import (  # noqa: F401  (each module registers its rules on import)
    actions,
    attendance,
    cadence,
    cadence_forms,
    chair,
    content_safety,
    deadlines,
    duties,
    exceptions,
    kinds,
    loading,
    markdown_form,
    minutes,
    offices,
    personal_data,
    quorum,
    references,
    relations,
    reports,
    review,
    scorecard,
    structure,
)
from .base import REGISTRY, Context, Hit, Rule, get

__all__ = ["REGISTRY", "Context", "Hit", "Rule", "get"]
