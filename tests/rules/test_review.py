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
