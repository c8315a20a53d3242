"""The forward plan of the decisions and escalations page (issue 18.4): what is coming to
each body from the agendas of its scheduled meetings and the duties of its ToR."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from minirepo import MiniRepo
from minutebook.site.register import forward_plan, register


def _plan(repo: MiniRepo, today: str) -> list[tuple[str, list[str]]]:
    result = repo.check(today)
    assert result.dataset is not None
    assert result.facts is not None
    return [(body, [f"{when}: {what}" for when, what in entries]) for body, entries in
            forward_plan(result.dataset, result.facts, date.fromisoformat(today), "public")]


def test_forward_plan_lists_agendas_and_duties_due(tmp_path: Path) -> None:
    repo = MiniRepo(tmp_path)
    repo.tor["duties"] = [{"id": "annual-plan", "what": "The yearly plan is revised",
                           "every": "12 months", "evidence": ["meeting-item"]},
                          {"id": "annual-report", "what": "The annual report is received",
                           "in_month": 9, "evidence": ["meeting-item"]}]
    repo.meeting("2025-09-10", duties_done=["annual-plan", "annual-report"])
    repo.meeting("2026-09-09", status="scheduled", attendance={},
                 agenda=["Welcome", "Annual report"])
    plan = _plan(repo, "2026-06-01")
    assert [body for body, _ in plan] == ["group"]
    assert plan[0][1] == [
        ('At the meeting of <a href="meetings/group/2026-09-09.html">9 September 2026</a>: '
        "The annual report is received"),
        ('At the meeting of <a href="meetings/group/2026-09-09.html">9 September 2026</a>: '
        "Agenda: 1. Welcome; 2. Annual report"),
        "Due by 10 September 2026: The yearly plan is revised"]


def test_forward_plan_leaves_out_what_is_done_or_far_off(tmp_path: Path) -> None:
    repo = MiniRepo(tmp_path)
    repo.tor["duties"] = [{"id": "annual-plan", "what": "The yearly plan is revised",
                           "every": "12 months", "evidence": ["meeting-item"]}]
    repo.meeting("2026-05-13", duties_done=["annual-plan"])
    assert _plan(repo, "2026-06-01") == []


def test_register_is_newest_first_with_outcomes(tmp_path: Path) -> None:
    repo = MiniRepo(tmp_path)
    repo.meeting("2026-01-14", decisions=[{"id": "d1", "text": "Agreed the plan."}])
    repo.meeting("2026-03-11", decisions=[{"id": "d2", "text": "Agreed the budget.",
                                           "method": "vote",
                                           "votes": {"for": 5, "against": 1}}])
    result = repo.check("2026-06-01")
    assert result.dataset is not None
    rows = register(result.dataset, "public")
    assert [(e.day.isoformat(), e.what, str(e.outcome)) for e in rows] == [
        ("2026-03-11", "Agreed the budget.", "Agreed by vote: 5 for, 1 against"),
        ("2026-01-14", "Agreed the plan.", "Agreed")]
