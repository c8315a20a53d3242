"""Meetings as committee sites show them (issue 18.4): a numbered agenda with its papers
linked and published beside the page, the milestone dates in words, and the register of
decisions and escalations across bodies with its forward plan."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_build import read, text_of

pytestmark = pytest.mark.slow

MEETING = "meetings/cs-steering-group/2026-09-23.html"
PAPER = "meetings/cs-steering-group/2026-09-23/multi-agency-data-summary.txt"


def _agenda_items(html: str) -> list[str]:
    agenda = re.search(r'<ol class="mb-agenda">(.*?)</ol>', html, re.DOTALL)
    assert agenda is not None, "no numbered agenda"
    # the items of the top list: split before each <li> that is not inside a paper list
    top = re.sub(r'<ul class="mb-papers"[^>]*>.*?</ul>', "", agenda.group(1), flags=re.DOTALL)
    return [text_of(x).strip() for x in re.findall(r"<li>(.*?)</li>", top, re.DOTALL)]


def test_meeting_page_shows_numbered_agenda_with_papers(built_site: Path) -> None:
    html = read(built_site, MEETING)
    assert _agenda_items(html) == [
        "Welcome and apologies", "Minutes of the last meeting and action tracker",
        "Multi-agency data and scorecard", "Themes and trends from operational meetings",
        "Any other business"]
    item3 = re.search(r"<li>Multi-agency data and scorecard(.*?)</ul></li>", html, re.DOTALL)
    assert item3 is not None
    assert 'href="2026-09-23/multi-agency-data-summary.txt"' in item3.group(1)
    assert "Multi-agency data summary, July to August 2026 (text, 1 KB)" in text_of(
        item3.group(1))
    assert 'href="https://www.gov.uk/government/publications/working-together-to-safeguard-' \
        'children--2"' in html
    # the paper is published beside the page, as it is in the repository
    assert (built_site / PAPER).read_bytes() == (ROOT / PAPER).read_bytes()


def test_meeting_page_key_facts_in_words(built_site: Path) -> None:
    html = read(built_site, MEETING)
    facts = re.search(r'<p class="mb-key-facts">(.*?)</p>', html, re.DOTALL)
    assert facts is not None
    assert text_of(facts.group(1)).strip() == (
        "Agenda issued 9 September 2026 · Data and papers circulated 15 September 2026 · "
        "Minutes approved at the meeting of 4 November 2026")
    assert 'href="2026-11-04.html"' in facts.group(1)


def test_register_lists_decisions_and_escalations_across_bodies(built_site: Path) -> None:
    html = read(built_site, "decisions.html")
    table = re.search(r'<table data-mb="register".*?</table>', html, re.DOTALL)
    assert table is not None
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(0), re.DOTALL)[1:]
    cells = [[text_of(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.DOTALL)]
             for r in rows]
    bodies = {c[1] for c in cells if c[2] == "Decision"}
    assert {"Community Safety Partnership", "LSCP Executive", "CS/SOC Strategic Board"} <= bodies
    assert cells[[c[0] for c in cells].index("1 July 2026")][:5] == \
        ["1 July 2026", "CS/SOC Steering Group", "Escalation",
            ("The capacity to offer return home interviews within 72 hours has fallen below "
            "the strategy's target for three months running."), "CS/SOC Strategic Board"]
    # newest first: dates in the order of the rows never increase
    days = [datetime.strptime(c[0], "%d %B %Y").date() for c in cells]
    assert days == sorted(days, reverse=True)
    # each entry links to its meeting
    assert 'href="meetings/community-safety-partnership/2026-09-10.html"' in table.group(0)
    page = text_of(html[html.index("<article"):html.index("</article>")]).replace(" ¶", "")
    assert ("Coming to CS/SOC Strategic Board At the meeting of 9 December 2026 : Agenda: "
            "1. Welcome and apologies; 2. Minutes of the last meeting and action log; "
            "3. Recovery plan for return home interviews (local authority)") in page
    assert ("Coming to Safeguarding Adults Board At the meeting of 3 December 2026 : "
            "Escalation from Exploitation Data T&amp;F Group (30 September 2026)") in page
    # in the partners' navigation
    assert 'href="decisions.html"' in read(built_site, "index.html")
