"""SM, ES and RP: scorecard values before meetings, escalations, reports to parents."""

from __future__ import annotations

from typing import Any

import yaml

from minirepo import MiniRepo

MEASURE: dict[str, Any] = {
    "id": "missing", "title": "Missing episodes", "owner": "police", "unit": "episodes",
    "polarity": "lower-is-better", "frequency": "monthly", "scrutinised_by": ["group"],
    "thresholds": {"amber": 120, "red": 150}, "bounds": {"min": 0, "max": 500},
}


def _scorecard(repo: MiniRepo, rows: list[str], measure: dict[str, Any] | None = None,
               org: str = "police") -> None:
    repo.raw["scorecard/measures.yaml"] = yaml.safe_dump({"measures": [measure or MEASURE]})
    repo.raw[f"scorecard/values/{org}.csv"] = "measure,period,value,submitted\n" + "".join(
        r + "\n" for r in rows)


def _papers(repo: MiniRepo) -> None:
    repo.tor["deadlines"] = [{"milestone": "papers-circulated",
                              "due": "5 working days before the meeting"}]


def test_sm001_pass_value_for_latest_month(repo: MiniRepo) -> None:
    repo.meeting("2026-03-11")
    repo.meeting("2026-04-15")
    _scorecard(repo, ["missing,2026-02,100,2026-03-02", "missing,2026-03,110,2026-04-06"])
    assert repo.rule_messages("SM001") == []


def test_sm001_fail_latest_month_missing(repo: MiniRepo) -> None:
    repo.meeting("2026-03-11")
    repo.meeting("2026-04-15")
    _scorecard(repo, ["missing,2026-02,100,2026-03-02"])
    assert repo.rule_messages("SM001") == [
        "no value of 'Missing episodes' for 2026-03 was supplied for the meeting on 2026-04-15"]


def test_sm001_pass_available_after_moves_the_due_period(repo: MiniRepo) -> None:
    # a meeting on 5 April with 10 days' lag is due the February value, not March's
    repo.meeting("2026-03-11")
    repo.meeting("2026-04-05")
    _scorecard(repo, ["missing,2026-01,90,2026-02-20", "missing,2026-02,100,2026-03-02"],
               {**MEASURE, "available_after": "10 days"})
    assert repo.rule_messages("SM001") == []


def test_sm002_pass_submitted_on_the_papers_deadline(repo: MiniRepo) -> None:
    _papers(repo)
    repo.meeting("2026-04-15")
    # 5 working days before Wed 15 April 2026 is Wed 8 April
    _scorecard(repo, ["missing,2026-03,110,2026-04-08"])
    assert repo.rule_messages("SM002") == []


def test_sm002_fail_submitted_after_the_papers_deadline(repo: MiniRepo) -> None:
    _papers(repo)
    repo.meeting("2026-04-15")
    _scorecard(repo, ["missing,2026-03,110,2026-04-09"])
    assert repo.rule_messages("SM002") == [
        ("the 2026-03 value of 'Missing episodes' arrived on 2026-04-09, after the papers "
        "deadline (2026-04-08) of Safeguarding Group on 2026-04-15")]


def test_sm002_scottish_body_papers_deadline_skips_2_january(repo: MiniRepo) -> None:
    # 5 working days before Fri 9 January 2026: Fri 2 January in England and Wales, Wed 31
    # December 2025 in Scotland (1 and 2 January are bank holidays there)
    _papers(repo)
    repo.meeting("2026-01-09")
    _scorecard(repo, ["missing,2025-12,110,2026-01-02"])
    assert repo.rule_messages("SM002") == []
    repo.body["nation"] = "scotland"
    assert repo.rule_messages("SM002") == [
        ("the 2025-12 value of 'Missing episodes' arrived on 2026-01-02, after the papers "
         "deadline (2025-12-31) of Safeguarding Group on 2026-01-09")]


def test_sm003_pass_within_bounds(repo: MiniRepo) -> None:
    _scorecard(repo, ["missing,2026-03,500,2026-04-01"])
    assert repo.rule_messages("SM003") == []


def test_sm003_fail_above_bounds(repo: MiniRepo) -> None:
    _scorecard(repo, ["missing,2026-03,910,2026-04-01"])
    found = repo.rule_findings("SM003")
    assert [f.message for f in found] == [
        "the 2026-03 value of 'Missing episodes' is 910, outside its bounds (0 to 500)"]
    assert (found[0].file, found[0].line) == ("scorecard/values/police.csv", 2)


def test_sm004_pass_owner_is_an_organisation(repo: MiniRepo) -> None:
    _scorecard(repo, [])
    assert repo.rule_messages("SM004") == []


def test_sm004_fail_no_owner(repo: MiniRepo) -> None:
    measure = {k: v for k, v in MEASURE.items() if k != "owner"}
    _scorecard(repo, [], measure)
    assert repo.rule_messages("SM004") == ["the measure 'Missing episodes' has no owner"]


def test_sm005_pass_rows_reference_known_things(repo: MiniRepo) -> None:
    _scorecard(repo, ["missing,2026-03,100,2026-04-01"])
    assert repo.rule_messages("SM005") == []


def test_sm005_fail_unknown_measure_wrong_period_and_duplicate(repo: MiniRepo) -> None:
    _scorecard(repo, ["nothing,2026-03,1,2026-04-01", "missing,2026-Q1,1,2026-04-01",
                      "missing,2026-03,1,2026-04-01", "missing,2026-03,2,2026-04-02"])
    assert repo.rule_messages("SM005") == [
        "'nothing' is not a measure",
        "'2026-Q1' is a quarterly period but 'Missing episodes' is reported monthly",
        "the value of 'missing' for 2026-03 is given twice"]


def test_sm005_fail_file_not_named_after_an_organisation(repo: MiniRepo) -> None:
    _scorecard(repo, ["missing,2026-03,1,2026-04-01"], org="the-police")
    assert repo.rule_messages("SM005") == [
        "the values file is named 'the-police', which is not an organisation"]


def test_sm005_fail_submitted_in_the_future(repo: MiniRepo) -> None:
    _scorecard(repo, ["missing,2026-03,1,2026-07-01"])
    assert repo.rule_messages("SM005", today="2026-06-01") == [
        "the 2026-03 value of 'missing' is dated as submitted on 2026-07-01, after today"]


def _escalation(repo: MiniRepo, **fields: Any) -> None:
    repo.extra_bodies.append({"id": "board", "name": "Board", "kind": "board", "tor": "group",
                              "seats": repo.body["seats"],
                              "chair_terms": repo.body["chair_terms"]})
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-11", body="board")
    record = {"id": "esc-1", "from": "group", "raised": "2026-01-14", "to": "board",
              "issue": "Capacity."}
    record.update(fields)
    repo.raw["escalations.yaml"] = yaml.safe_dump({"escalations": [record]})


def test_es001_pass_considered_at_the_next_meeting(repo: MiniRepo) -> None:
    _escalation(repo, response={"meeting": "2026-02-11", "text": "Agreed a plan."})
    assert repo.rule_messages("ES001") == []


def test_es001_fail_not_considered(repo: MiniRepo) -> None:
    _escalation(repo)
    assert repo.rule_messages("ES001") == [
        "escalation esc-1 was not considered at the next meeting of Board (2026-02-11)"]


def test_es002_pass_references_resolve(repo: MiniRepo) -> None:
    _escalation(repo, response={"meeting": "2026-02-11", "text": "Agreed."})
    assert repo.rule_messages("ES002") == []


def test_es002_fail_unknown_body_and_meeting(repo: MiniRepo) -> None:
    _escalation(repo, to="nobody", raised="2026-01-15")
    assert repo.rule_messages("ES002") == [
        "escalation esc-1: group has no meeting on 2026-01-15",
        "escalation esc-1: no body has the id 'nobody'"]


def _report(repo: MiniRepo, path: str, body: str = "group", start: str = "2026-01-01",
            end: str = "2026-03-31") -> None:
    repo.raw[path] = (f"---\nbody: {body}\nperiod_start: {start}\nperiod_end: {end}\n"
                      "generated: 2026-04-02\n---\n# Report\n")


def test_rp001_pass_report_filed_by_body_and_period(repo: MiniRepo) -> None:
    _report(repo, "reports/group/2026-01-01_2026-03-31.md")
    assert repo.rule_messages("RP001") == []


def test_rp001_fail_misnamed_and_unknown_body(repo: MiniRepo) -> None:
    _report(repo, "reports/group/q1.md", body="other")
    assert repo.rule_messages("RP001") == [
        "no body has the id 'other'",
        "the report is for 'other' but is in the folder of 'group'",
        "the report covers 2026-01-01 to 2026-03-31 but is named 'q1.md'"]


def test_report_command_keeps_the_narrative(repo: MiniRepo) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli

    repo.tor["cadence"] = {"every": "6 weeks"}
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", quorate=False)
    repo.meeting("2026-04-08", status="scheduled", attendance={})
    repo.write()
    args = ["report", "group", "--period", "2026-01-01..2026-03-31", "--path",
            str(repo.root), "--today", "2026-04-02"]
    first = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    path = repo.root / "reports/group/2026-01-01_2026-03-31.md"
    text = path.read_text()
    assert "| Meetings held | 2 of 2 expected |" in text
    assert "| Quorate meetings | 1 of 2 |" in text
    assert "- 25 February 2026 (not quorate)\n" in text
    path.write_text(text.replace("_The group's analysis of themes and trends, and its view "
                                 "of the period, goes here._", "Our own words."))
    second = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert second.output.strip().endswith("(the narrative was kept)")
    assert "Our own words." in path.read_text()
    assert repo.problems(today="2026-04-02") == []


def test_report_command_refuses_to_lose_a_narrative_or_report_the_future(
        repo: MiniRepo) -> None:
    from click.testing import CliRunner

    from minutebook.cli import cli
    from minutebook.upward import NARRATIVE_END

    repo.meeting("2026-01-14")
    repo.write()
    args = ["report", "group", "--period", "2026-01-01..2026-03-31", "--path",
            str(repo.root), "--today", "2026-04-02"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    path = repo.root / "reports/group/2026-01-01_2026-03-31.md"
    damaged = path.read_text().replace("goes here._", "goes here. Our own words.").replace(
        NARRATIVE_END, "<!-- END NARRATIVE-->")
    path.write_text(damaged)
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2
    assert "narrative markers are missing or changed" in refused.output
    assert "nothing was written" in " ".join(refused.output.split())
    assert path.read_text() == damaged
    future = CliRunner().invoke(cli, [*args[:3], "2026-04-01..2026-06-30", *args[4:]])
    assert future.exit_code == 2
    assert "after today (2026-04-02)" in future.output
    assert not (repo.root / "reports/group/2026-04-01_2026-06-30.md").exists()
