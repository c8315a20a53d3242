"""The Jinja2 environment of the package's templates (site pages and reports)."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined


def fmt(day: date | None) -> str:
    """A date as people write it: 25 November 2026."""
    return "" if day is None else f"{day:%-d %B %Y}"


def environment(*, autoescape: bool) -> Environment:
    """Pages escape every value (autoescape); a report is Markdown written to a file."""
    env = Environment(loader=PackageLoader("minutebook.site", "templates"),
                      autoescape=autoescape, lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined)
    env.filters["d"] = fmt
    return env
