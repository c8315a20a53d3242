"""TR: terms of reference reviews, drafts, approval and coverage."""

from __future__ import annotations

from minirepo import MiniRepo

SIX = {"present": {}, "min": 4}


# ---------------------------------------------------------------- TR001 review-overdue


def test_tr001_pass_reviewed_exactly_12_months_ago(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-06-01"}
    repo.meeting("2026-01-14")
    assert repo.rule_messages("TR001", today="2026-06-01") == []


def test_tr001_fail_reviewed_12_months_and_one_day_ago(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-05-31"}
    repo.meeting("2026-01-14")
    found = repo.rule_findings("TR001", today="2026-06-01")
    assert [f.message for f in found] == [
        "the review of group was due on 2026-05-31 (last reviewed 2025-05-31, every 12 months)"]
    assert found[0].severity == "error"
    assert found[0].file == "governance/tor/group/1.0.md"


def test_tr001_pass_version_in_force_reviewed_though_older_is_stale(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2024-01-01"}
    repo.tor_version("2.0", "2026-02-01", review={"every": "12 months", "last": "2026-01-20"})
    repo.meeting("2026-01-14")
    assert repo.rule_messages("TR001", today="2026-06-01") == []


def test_tr001_pass_closed_body_not_judged(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2024-01-01"}
    repo.body["closed"] = "2026-01-31"
    repo.meeting("2026-01-14")
    assert repo.rule_messages("TR001", today="2026-06-01") == []


# ---------------------------------------------------------------- TR002 review-due-soon


def test_tr002_pass_review_61_days_away(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-08-01"}
    assert repo.rule_messages("TR002", today="2026-06-01") == []


def test_tr002_fail_review_due_within_60_days(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-07-31"}
    found = repo.rule_findings("TR002", today="2026-06-01")
    assert [f.message for f in found] == ["the review of group is due on 2026-07-31"]
    assert found[0].severity == "warning"


def test_tr002_fail_custom_warn_within(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-08-15", "warn_within": "3 months"}
    assert repo.rule_messages("TR002", today="2026-06-01") == [
        "the review of group is due on 2026-08-15"]


def test_tr002_pass_overdue_is_not_due_soon(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "2025-05-31"}
    assert repo.rule_messages("TR002", today="2026-06-01") == []


# ---------------------------------------------------------------- TR003 draft-tor


def test_tr003_pass_all_versions_approved(repo: MiniRepo) -> None:
    repo.tor_version("2.0", "2026-09-01")
    assert repo.rule_messages("TR003") == []


def test_tr003_fail_draft_in_force(repo: MiniRepo) -> None:
    repo.tor["status"] = "draft"
    del repo.tor["approved"]
    found = repo.rule_findings("TR003")
    assert [f.message for f in found] == [("version 1.0 of group is a draft and is the version "
                                          "in force")]
    assert found[0].severity == "warning"


def test_tr003_fail_draft_awaiting_approval(repo: MiniRepo) -> None:
    repo.tor_version("2.0", "2026-09-01", status="draft")
    assert repo.rule_messages("TR003") == ["version 2.0 of group is a draft awaiting approval"]


# ---------------------------------------------------------------- TR004 approval-meeting


def _approved_at(repo: MiniRepo, day: str) -> None:
    repo.tor["quorum"] = {"requires": SIX}
    repo.tor_version("2.0", "2026-02-01",
                     approved={"date": day, "by": "group", "at_meeting": True})


def test_tr004_pass_approved_at_quorate_meeting(repo: MiniRepo) -> None:
    _approved_at(repo, "2026-01-14")
    repo.meeting("2026-01-14")
    assert repo.rule_messages("TR004") == []


def test_tr004_fail_no_meeting_on_approval_date(repo: MiniRepo) -> None:
    _approved_at(repo, "2026-01-15")
    repo.meeting("2026-01-14")
    found = repo.rule_findings("TR004")
    assert [f.message for f in found] == [
        ("group 2.0 was approved at a meeting of Safeguarding Group on 2026-01-15, but the "
         "records show no meeting on that date")]
    assert found[0].severity == "error"


def test_tr004_fail_approval_meeting_cancelled(repo: MiniRepo) -> None:
    _approved_at(repo, "2026-01-14")
    repo.meeting("2026-01-14", status="cancelled", cancelled_reason="Snow.")
    assert repo.rule_messages("TR004") == [
        ("group 2.0 was approved at a meeting of Safeguarding Group on 2026-01-14, but the "
         "records show a cancelled meeting on that date")]


def test_tr004_fail_approval_meeting_not_quorate(repo: MiniRepo) -> None:
    _approved_at(repo, "2026-01-14")
    repo.meeting("2026-01-14", attendance={"la": "present", "la2": "present", "pol": "present",
                                           "nurse": "apologies", "trust": "apologies",
                                           "vcs": "apologies"})
    assert repo.rule_messages("TR004") == [
        ("group 2.0 was approved at the meeting of Safeguarding Group on 2026-01-14, which was "
         "not quorate")]


# ---------------------------------------------------------------- TR005 no-tor-in-force


def test_tr005_pass_meeting_on_first_day_in_force(repo: MiniRepo) -> None:
    repo.meeting("2025-01-01")
    assert repo.rule_messages("TR005") == []


def test_tr005_fail_meeting_before_any_version(repo: MiniRepo) -> None:
    repo.meeting("2024-12-31")
    found = repo.rule_findings("TR005")
    assert [f.message for f in found] == [
        "no version of group was in force on 2024-12-31 (the first starts 2025-01-01)"]
    assert found[0].severity == "warning"


# ---------------------------------------------------------------- facts the ToR does not state

NOTHING_STATED = {"in_force_from": "not stated", "approved": "not stated",
                  "review": "not stated"}


def test_tr006_pass_review_period_and_last_review_stated(repo: MiniRepo) -> None:
    assert repo.rule_messages("TR006") == []


def test_tr006_fail_review_not_stated_and_no_false_overdue(repo: MiniRepo) -> None:
    repo.tor["review"] = "not stated"
    repo.meeting("2026-01-14")
    found = repo.rule_findings("TR006", today="2030-01-01")
    assert [f.message for f in found] == [
        ("version 1.0 of group does not state how often it is reviewed or when it was last "
         "reviewed, so minutebook cannot tell when its review is due")]
    assert found[0].severity == "info"
    assert found[0].kind == "governance"
    assert "review: {every: 12 months" in found[0].hint
    assert repo.rule_messages("TR001", today="2030-01-01") == []
    assert repo.rule_messages("TR002", today="2030-01-01") == []


def test_tr006_fail_review_period_not_stated(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "not stated", "last": "2024-01-01"}
    found = repo.rule_findings("TR006")
    assert [f.message for f in found] == [
        ("version 1.0 of group does not state how often it is reviewed, so minutebook "
         "cannot tell when its review is due")]
    assert found[0].line == 10  # review: every
    assert repo.rule_messages("TR001") == []


def test_tr006_fail_last_review_not_stated(repo: MiniRepo) -> None:
    repo.tor["review"] = {"every": "12 months", "last": "not stated"}
    assert repo.rule_messages("TR006") == [
        ("version 1.0 of group does not state when it was last reviewed, so minutebook "
         "cannot tell when its review is due")]
    assert repo.rule_messages("TR001", today="2030-01-01") == []


def test_tr006_pass_closed_body_not_noted(repo: MiniRepo) -> None:
    repo.tor["review"] = "not stated"
    repo.body["closed"] = "2026-01-31"
    assert repo.rule_messages("TR006") == []


def test_tr007_pass_in_force_date_stated(repo: MiniRepo) -> None:
    assert repo.rule_messages("TR007") == []


def test_tr007_fail_in_force_from_approval_date(repo: MiniRepo) -> None:
    repo.tor["in_force_from"] = "not stated"
    repo.tor["approved"] = {"date": "2025-03-01", "by": "group"}
    repo.meeting("2025-02-26")  # before the approval: no version in force
    repo.meeting("2025-03-05")
    found = repo.rule_findings("TR007")
    assert [f.message for f in found] == [
        ("version 1.0 of group does not state when it came into force: minutebook checks "
         "meetings against it from its approval date, 2025-03-01")]
    assert found[0].severity == "info"
    assert repo.rule_messages("TR005") == [
        ("no version of group was in force on 2025-02-26 (the first starts 2025-03-01, its "
         "approval date)")]


def test_tr007_fail_later_version_replaces_the_one_before_from_its_start(
        repo: MiniRepo) -> None:
    repo.tor["quorum"] = {"requires": {"present": {}, "min": 6}}
    repo.tor_version("2.0", "not stated", approved={"date": "not stated", "by": "group"},
                     quorum={"requires": {"present": {}, "min": 3}})
    # four of six present: inquorate by 1.0, quorate by 2.0, which is taken to apply
    repo.meeting("2025-06-11", attendance={"la": "present", "la2": "present",
                                           "pol": "present", "nurse": "present",
                                           "trust": "apologies", "vcs": "apologies"})
    assert repo.rule_messages("TR007") == [
        ("version 2.0 of group states neither when it came into force nor when it was "
         "approved: minutebook checks meetings from 2025-01-01, when version 1.0 came into "
         "force, against it, as it cannot tell when it replaced version 1.0")]
    assert repo.rule_messages("QU002") == []


def test_tr007_fail_first_version_with_no_dates_covers_every_meeting(repo: MiniRepo) -> None:
    repo.tor.update(NOTHING_STATED)
    repo.meeting("1999-05-05")
    assert repo.rule_messages("TR007") == [
        ("version 1.0 of group states neither when it came into force nor when it was "
         "approved: minutebook checks every meeting on record against it")]
    assert repo.rule_messages("TR005") == []


def test_tr007_fail_only_undated_versions_the_higher_number_applies(repo: MiniRepo) -> None:
    repo.tor.update(NOTHING_STATED)
    repo.tor_version("2.0", "not stated")
    assert repo.rule_messages("TR007") == [
        ("version 1.0 of group states neither when it came into force nor when it was "
         "approved: minutebook checks every meeting on record against it until a later "
         "version starts"),
        ("version 2.0 of group states neither when it came into force nor when it was "
         "approved: minutebook checks every meeting on record against it, as it cannot tell "
         "when it replaced version 1.0")]


def test_tr008_pass_approval_stated(repo: MiniRepo) -> None:
    assert repo.rule_messages("TR008") == []


def test_tr008_pass_draft_needs_no_approval(repo: MiniRepo) -> None:
    repo.tor["status"] = "draft"
    repo.tor["approved"] = "not stated"
    assert repo.rule_messages("TR008") == []


def test_tr008_fail_approval_not_stated(repo: MiniRepo) -> None:
    repo.tor["approved"] = "not stated"
    found = repo.rule_findings("TR008")
    assert [f.message for f in found] == [
        "version 1.0 of group is approved, but does not state when or by whom it was approved"]
    assert found[0].severity == "info"


def test_tr008_fail_approval_date_not_stated_at_a_meeting_is_not_judged(
        repo: MiniRepo) -> None:
    repo.tor["approved"] = {"date": "not stated", "by": "group", "at_meeting": True}
    assert repo.rule_messages("TR008") == [
        ("version 1.0 of group is approved, but does not state when it was approved, so "
         "minutebook cannot check the meeting that approved it")]
    assert repo.rule_messages("TR004") == []


def test_tr008_fail_approving_body_not_stated(repo: MiniRepo) -> None:
    repo.tor["approved"] = {"date": "2024-12-01", "by": "not stated"}
    assert repo.rule_messages("TR008") == [
        "version 1.0 of group is approved, but does not state which body approved it"]
    assert repo.rule_messages("RF001") == []


def test_tor_with_nothing_stated_checks_with_only_info_findings(repo: MiniRepo) -> None:
    repo.tor.update(NOTHING_STATED)
    repo.meeting("2025-06-11")
    repo.meeting("2026-01-14")
    result = repo.check("2030-01-01")
    assert sorted((f.code, f.severity) for f in result.findings) == [
        ("TR006", "info"), ("TR007", "info"), ("TR008", "info")]


def test_the_site_says_not_stated_in_words(repo: MiniRepo) -> None:
    from datetime import date

    from minutebook.api import check
    from minutebook.site.pages import render_site

    repo.tor.update(NOTHING_STATED)
    repo.meeting("2026-01-14")
    repo.write()
    site = render_site(check(repo.root, date(2026, 6, 1)))
    body = site.pages["bodies/group.md"]
    assert "| In force from | not stated (applies to every meeting on record) |" in body
    assert "| Approved | not stated |" in body
    assert "| Last reviewed | not stated |" in body
    assert ("| Next review due | cannot tell: the ToR does not state its review period or "
            "last review |") in body
    assert "Not stated" in site.pages["reviews.md"]
    assert 'mb-grey">Not stated (3 findings)' in site.pages["index.md"]  # the dashboard


def test_minutebook_review_records_a_review_of_a_tor_that_stated_none() -> None:
    from datetime import date

    from minutebook.scaffold import NewVersion, bump_tor, record_review

    text = ("---\ntitle: T\nversion: \"1.0\"\nstatus: approved\nin_force_from: not stated\n"
            "approved: not stated\nreview: not stated\nclassification: OFFICIAL\n---\nText.\n")
    assert "review: {every: not stated, last: 2026-03-18}\n" in record_review(
        text, date(2026, 3, 18))
    bumped = bump_tor(text, "1.0", NewVersion("1.1", date(2026, 3, 18), "group", True,
                                              "Reviewed."))
    assert "in_force_from: 2026-03-18\n" in bumped
    assert "approved: {date: 2026-03-18, by: group, at_meeting: true}\n" in bumped
    assert "review: {every: not stated, last: 2026-03-18}\n" in bumped
