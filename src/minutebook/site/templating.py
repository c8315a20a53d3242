"""The Jinja2 environment of the package's templates (site pages and reports)."""

from __future__ import annotations

import re
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..dates import in_words


def fmt(day: date | None) -> str:
    """A date as people write it: 25 November 2026 (``dates.in_words``, or nothing)."""
    return "" if day is None else in_words(day)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_words(text: str) -> str:
    """A finding's message for partners: every ISO date written as people write it."""

    def one(m: re.Match[str]) -> str:
        try:
            return in_words(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    return _ISO_DATE.sub(one, text)


def environment(*, autoescape: bool) -> Environment:
    """Pages escape every value (autoescape); a report is Markdown written to a file."""
    env = Environment(loader=PackageLoader("minutebook.site", "templates"),
                      autoescape=autoescape, lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined)
    env.filters["d"] = fmt
    env.filters["words"] = dates_in_words
    return env
