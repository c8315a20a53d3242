"""All rules, registered by importing their modules (the registry is explicit)."""

from . import loading, references  # noqa: F401  (registration on import)
from .base import REGISTRY, Context, Hit, Rule, get

__all__ = ["REGISTRY", "Context", "Hit", "Rule", "get"]
