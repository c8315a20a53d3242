"""Reporters: turn findings into text, JSON or GitHub annotations."""

from .formats import REPORTERS, Reporter

__all__ = ["REPORTERS", "Reporter"]
