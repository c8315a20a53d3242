"""DU: duties a ToR sets besides meeting, with the records that show them done."""

from __future__ import annotations

from typing import Any

from minirepo import MiniRepo, where

ANNUAL_REPORT = {"id": "annual-report", "what": "The annual report goes to the October Board",
                 "in_month": 10, "evidence": "meeting-item", "to": "board"}
PLAN = {"id": "plan", "what": "The business plan is revised each year", "every": "12 months",
        "evidence": "decision"}
TRAINING = {"id": "training", "what": "Multi-agency training analysis", "by": {"month": 3},
            "evidence": ["meeting-item", "file"]}
ANNUAL_MEETING = {"id": "annual-meeting", "what": "The annual meeting", "in_month": 6,
                  "evidence": "meeting-item", "from": "2025-07-01"}
PLANNING = {"id": "planning", "what": "A planning meeting", "evidence": "meeting-item",
            "before": {"duty": "annual-meeting", "offset": "4 weeks"}}


def _board(repo: MiniRepo) -> None:
    repo.extra_bodies.append({"id": "board", "name": "Partnership Board", "kind": "board",
                              "tor": "board", "seats": [{"id": "la", "organisation": "council"}]})
    repo.raw["governance/tor/board/1.0.md"] = (
        "---\ntitle: Board ToR\nversion: \"1.0\"\nstatus: approved\nin_force_from: 2025-01-01\n"
        "approved: {date: 2024-12-01, by: board}\nreview: {every: 12 months, last: 2026-01-01}\n"
        "classification: OFFICIAL\n---\n## Purpose\n\nTo lead.\n")


def _duties(repo: MiniRepo, *duties: dict[str, Any]) -> None:
    repo.tor["duties"] = [dict(d) for d in duties]


def _held(repo: MiniRepo, day: str, body: str = "group", **fields: Any) -> None:
    if body == "group":
        repo.meeting(day, **fields)
    else:
        repo.meeting(day, body=body, chair="la", attendance={"la": "present"}, **fields)


# ---------------------------------------------------------------- lawful

def test_every_kind_of_duty_done_gives_no_finding(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, ANNUAL_REPORT, PLAN, TRAINING, ANNUAL_MEETING, PLANNING)
    # the annual report received at the Board's October meeting
    _held(repo, "2025-10-15", body="board", duties_done=[{"duty": "annual-report",
                                                          "of": "group"}])
    _held(repo, "2025-07-09", decisions=[{"id": "d1", "text": "Approved the plan.",
                                          "duty": "plan"}])
    repo.body["duties_done"] = [{"duty": "training", "on": "2026-03-20",
                                 "file": "reports/group/training-analysis-2026.pdf"}]
    _held(repo, "2026-05-06", duties_done=["planning"])
    _held(repo, "2026-06-10", duties_done=["annual-meeting"])
    assert repo.problems(today="2026-06-30") == []


# ---------------------------------------------------------------- DU001 every


def test_du001_fail_every_last_done_too_long_ago(repo: MiniRepo) -> None:
    _duties(repo, PLAN)
    _held(repo, "2025-05-14", decisions=[{"id": "d1", "text": "Approved.", "duty": "plan"}])
    found = repo.rule_findings("DU001")
    assert [(f.message, f.severity, f.kind, f.file) for f in found] == [(
        ("Safeguarding Group last did 'The business plan is revised each year' on 14 May 2025; "
        "it was due again by 14 May 2026 (every 12 months)"), "error", "governance",
        "governance/tor/group/1.0.md")]
    assert found[0].line == where(repo, "governance/tor/group/1.0.md", "- id: plan")[0]


def test_du001_fail_every_never_done(repo: MiniRepo) -> None:
    _duties(repo, {**PLAN, "from": "2025-04-01"})
    assert repo.rule_messages("DU001") == [
        ("Safeguarding Group has no record of 'The business plan is revised each year' since "
        "1 April 2025; it was due by 1 April 2026 (every 12 months)")]


def test_du001_pass_every_due_today(repo: MiniRepo) -> None:
    _duties(repo, PLAN)
    _held(repo, "2025-06-01", decisions=[{"id": "d1", "text": "Approved.", "duty": "plan"}])
    assert repo.rule_messages("DU001", today="2026-06-01") == []


def test_du001_pass_a_report_when_the_tor_asks_for_one(repo: MiniRepo) -> None:
    _duties(repo, {**PLAN, "from": "2025-04-01", "evidence": "report"})
    repo.raw["reports/group/2025-04-01_2026-03-31.md"] = (
        "---\nbody: group\nperiod_start: 2025-04-01\nperiod_end: 2026-03-31\n"
        "generated: 2026-04-20\n---\n# Report\n")
    assert repo.rule_messages("DU001", today="2026-06-01") == []


# ---------------------------------------------------------------- DU001 by a month


def test_du001_fail_by_none_in_the_year(repo: MiniRepo) -> None:
    _duties(repo, TRAINING)
    _held(repo, "2025-03-12", duties_done=["training"])  # the year to 31 March 2025
    assert repo.rule_messages("DU001", today="2026-06-01") == [
        ("Safeguarding Group has no record of 'Multi-agency training analysis' in the year "
        "to 31 March 2026, when it was due")]


def test_du001_fail_by_done_late_is_a_warning(repo: MiniRepo) -> None:
    _duties(repo, TRAINING)
    _held(repo, "2026-04-08", duties_done=["training"])
    found = repo.rule_findings("DU001", today="2026-06-01")
    assert [(f.message, f.severity) for f in found] == [(
        ("Safeguarding Group did 'Multi-agency training analysis' on 8 April 2026, after it was "
        "due in the year to 31 March 2026"), "warning")]


def test_du001_pass_by_on_the_day(repo: MiniRepo) -> None:
    _duties(repo, {**TRAINING, "by": {"month": 3, "day": 15}})
    repo.body["duties_done"] = [{"duty": "training", "on": "2026-03-15",
                                 "url": "https://example.org/training-2026"}]
    assert repo.rule_messages("DU001", today="2026-06-01") == []


# ---------------------------------------------------------------- DU001 in a month, to the Board


def test_du001_fail_in_month_not_at_the_october_board(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, ANNUAL_REPORT)
    _held(repo, "2025-10-15", body="board")  # the Board met, but the report did not go
    assert repo.rule_messages("DU001", today="2026-06-01") == [
        ("Safeguarding Group has no record of 'The annual report goes to the October Board' "
        "(to Partnership Board) in October 2025, when it was due")]


def test_du001_pass_in_month_recorded_by_the_group_itself(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, ANNUAL_REPORT)
    _held(repo, "2025-10-08", duties_done=["annual-report"])
    assert repo.rule_messages("DU001", today="2026-06-01") == []


def test_du001_pass_not_judged_before_the_duty_starts(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, {**ANNUAL_REPORT, "from": "2025-11-01"})
    assert repo.rule_messages("DU001", today="2026-06-01") == []


# ---------------------------------------------------------------- DU001 before another duty


def test_du001_fail_before_no_planning_meeting(repo: MiniRepo) -> None:
    _duties(repo, ANNUAL_MEETING, PLANNING)
    _held(repo, "2026-06-10", status="scheduled", attendance={}, chair=None)
    repo.meetings[("group", "2026-06-10")]["duties_done"] = ["annual-meeting"]
    del repo.meetings[("group", "2026-06-10")]["chair"]
    # the annual meeting is planned for 10 June: the planning meeting was due by 13 May
    assert repo.rule_messages("DU001", today="2026-05-14") == [
        ("Safeguarding Group has no record of 'A planning meeting' by 13 May 2026, 4 weeks "
        "before 'The annual meeting' on 10 June 2026")]
    assert repo.rule_messages("DU001", today="2026-05-13") == []


def test_du001_fail_before_too_close_is_a_warning(repo: MiniRepo) -> None:
    _duties(repo, ANNUAL_MEETING, PLANNING)
    _held(repo, "2026-05-27", duties_done=["planning"])
    _held(repo, "2026-06-10", duties_done=["annual-meeting"])
    found = repo.rule_findings("DU001", today="2026-06-30")
    assert [(f.message, f.severity) for f in found] == [(
        ("Safeguarding Group did 'A planning meeting' on 27 May 2026, less than 4 weeks before "
        "'The annual meeting' on 10 June 2026"), "warning")]


def test_du001_fail_before_in_working_days_skips_bank_holidays(repo: MiniRepo) -> None:
    _duties(repo, ANNUAL_MEETING, {**PLANNING, "before": {"duty": "annual-meeting",
                                                          "offset": "10 working days"}})
    # 10 working days before Friday 5 June 2026 is 21 May, the late May bank holiday
    # (25 May) not counting: 21 May is on time, 22 May is late
    _held(repo, "2026-05-21", duties_done=["planning"])
    _held(repo, "2026-06-05", duties_done=["annual-meeting"])
    assert repo.rule_messages("DU001", today="2026-06-30") == []
    del repo.meetings[("group", "2026-05-21")]
    (repo.root / "meetings/group/2026-05-21.md").unlink()
    _held(repo, "2026-05-22", duties_done=["planning"])
    assert repo.rule_messages("DU001", today="2026-06-30") == [
        ("Safeguarding Group did 'A planning meeting' on 22 May 2026, less than 10 working days "
        "before 'The annual meeting' on 5 June 2026")]


def test_du001_pass_task_and_finish_group_does_not_inherit_duties(repo: MiniRepo) -> None:
    _duties(repo, {**PLAN, "from": "2025-04-01"})
    repo.extra_bodies.append({"id": "tfg", "name": "Audit T&F Group", "kind": "task-and-finish",
                              "tor": "group", "accountable_to": ["group"], "ends": "2026-12-31",
                              "seats": [{"id": "la", "organisation": "council"}]})
    assert [f.body for f in repo.rule_findings("DU001")] == ["group"]


# ---------------------------------------------------------------- DU002 duty-record-unknown


def test_du002_pass_records_of_known_duties_in_accepted_forms(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, PLAN, ANNUAL_REPORT, TRAINING)
    _held(repo, "2025-07-09", duties_done=["annual-report", "training"],
          decisions=[{"id": "d1", "text": "Approved the plan.", "duty": "plan"}])
    _held(repo, "2025-10-15", body="board", duties_done=[{"duty": "annual-report",
                                                          "of": "group"}])
    repo.body["duties_done"] = [{"duty": "training", "on": "2026-03-20", "file": "t.pdf"}]
    assert repo.rule_messages("DU002") == []


def test_du002_fail_unknown_duty_and_wrong_form(repo: MiniRepo) -> None:
    _board(repo)
    _duties(repo, PLAN, ANNUAL_REPORT)
    _held(repo, "2025-07-09", duties_done=["plan", "anual-report"])
    _held(repo, "2025-10-15", body="board", duties_done=[{"duty": "annual-report",
                                                          "of": "grup"}])
    found = repo.rule_findings("DU002")
    assert [(f.file, f.message, f.kind) for f in found] == [
        ("meetings/board/2025-10-15.md", "no body has the id 'grup'", "record"),
        ("meetings/group/2025-07-09.md", ("the ToR of Safeguarding Group says duty 'plan' is "
         "shown by a decision's duty:, not by a meeting record's duties_done"), "record"),
        ("meetings/group/2025-07-09.md", ("'anual-report' is not a duty of the ToR of "
         "Safeguarding Group (its duties: annual-report, plan)"), "record")]


def test_du002_fail_body_file_and_decision_name_unknown_duties(repo: MiniRepo) -> None:
    _duties(repo, TRAINING)
    repo.body["duties_done"] = [{"duty": "trainng", "on": "2026-03-20", "file": "x.pdf"}]
    _held(repo, "2026-01-14", decisions=[{"id": "d1", "text": "Agreed.", "duty": "training"}])
    assert repo.rule_messages("DU002") == [
        "'trainng' is not a duty of the ToR of Safeguarding Group (its duties: training)",
        ("the ToR of Safeguarding Group says duty 'training' is shown by a meeting record's "
        "duties_done or the body file's duties_done (with the file), not by a decision's duty:")]


def test_du002_fail_duty_id_twice_and_before_unknown(repo: MiniRepo) -> None:
    _duties(repo, PLAN, PLAN, {**PLANNING, "before": {"duty": "agm", "offset": "4 weeks"}})
    assert repo.rule_messages("DU002") == [
        "the duty id 'plan' is used twice in version 1.0",
        "duty planning is due before 'agm', which is not another duty of this version"]


def test_rf001_fail_duty_to_nothing(repo: MiniRepo) -> None:
    _duties(repo, ANNUAL_REPORT)
    assert repo.rule_messages("RF001") == [
        ("duty annual-report goes to 'board', but no body, external body or organisation has "
        "that id")]


def test_schema_needs_exactly_one_schedule(repo: MiniRepo) -> None:
    _duties(repo, {**PLAN, "by": {"month": 3}})
    found = [f for f in repo.check().findings if f.category == "schema"]
    assert [f.message for f in found] == [
        "'duties' uses every, by together; use only one of them"]


def test_body_page_lists_the_duties_and_relations_in_words(repo: MiniRepo) -> None:
    import html

    from minutebook.site.pages import Generator

    _board(repo)
    _duties(repo, ANNUAL_REPORT, PLAN, TRAINING, ANNUAL_MEETING, PLANNING)
    repo.body["relations"] = [{"to": "board", "kind": "supports"}]
    result = repo.check()
    gen = Generator(result)
    gen.body(result.dataset.bodies["group"])
    page = html.unescape(gen.site.pages["bodies/group.md"])
    for words in ("Safeguarding Group supports Partnership Board.",
                  ("<td>each year in October</td><td>a meeting's record</td>"
                  "<td>Partnership Board</td>"),
                  "<td>every 12 months</td><td>a decision</td>",
                  ("<td>each year by the end of March</td>"
                  "<td>a meeting's record or a document</td>"),
                  "<td>at least 4 weeks before: The annual meeting</td>"):
        assert words in page, words
    gen.body(result.dataset.bodies["board"])
    assert "Safeguarding Group supports Partnership Board." in html.unescape(
        gen.site.pages["bodies/board.md"])


def test_du001_pass_tor_stating_no_dates_counts_duties_from_the_first_meeting(
        repo: MiniRepo) -> None:
    """A ToR whose in-force date and approval are 'not stated' is not judged from the
    placeholder start of the records: its duties count from the body's first meeting."""
    repo.tor.update(in_force_from="not stated", approved="not stated")
    _duties(repo, PLAN)
    _held(repo, "2026-01-14")
    assert repo.rule_messages("DU001", today="2026-06-01") == []
    assert repo.rule_messages("DU001", today="2027-02-01") == [
        ("Safeguarding Group has no record of 'The business plan is revised each year' since "
         "14 January 2026; it was due by 14 January 2027 (every 12 months)")]
