"""The README's build command works on any day: a lapse is published, never a refusal.

The repository's own content is built as of 1, 6, 12 and 36 months after its newest
record. Time passing makes governance lapses (meetings missed, reviews and reports
overdue), never record errors, so every build succeeds and its dashboard shows the lapses
of that date in words.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from .conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.slow


def newest_record() -> date:
    days = [date.fromisoformat(p.stem) for p in (ROOT / "meetings").glob("*/*.md")]
    return max(days)


def months_after(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, 28))


def attention_text(html: str) -> str:
    """The visible text of the dashboard's 'What needs attention' section."""
    start = html.index('id="what-needs-attention"')
    end = html.index('id="each-body-at-a-glance"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end]))


@pytest.mark.parametrize("months", [1, 6, 12, 36])
def test_the_site_builds_months_after_the_newest_record(months: int, tmp_path: Path) -> None:
    today = months_after(newest_record(), months)
    site = tmp_path / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site, today=today.isoformat())
    assert result.returncode == 0, result.stderr[-3000:]
    text = attention_text((site / "index.html").read_text(encoding="utf-8"))
    assert "Action needed:" in text
    # dates in words, not ISO dates, on the partners' dashboard
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), text
    if months >= 12:
        # a year on, no body has met since: every open body's lapse is shown by name
        assert "has not met since" in text or "has no record" in text
        assert re.search(r"review of .* (?:was|is) (?:due|overdue)|review .*overdue", text), \
            text
