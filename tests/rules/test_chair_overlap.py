"""CH017 chair-terms-overlap: two chairs at once (or one term twice) where the ToR
declares no offices for CH013 to judge (issue 19, item 4)."""

from __future__ import annotations

from minirepo import MiniRepo

LA = "Head of Safeguarding, Borough Council"
POL = "Inspector, County Police"


def test_ch017_pass_handover_the_day_before(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2025-05-31"},
        {"role": "chair", "seat": "pol", "from": "2025-06-01"}]
    assert repo.rule_messages("CH017") == []


def test_ch017_pass_co_chairs_and_vice_chairs_of_different_seats(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01"},
        {"role": "co-chair", "seat": "pol", "from": "2025-01-01"},
        {"role": "co-chair", "seat": "nurse", "from": "2025-03-01"},
        {"role": "vice-chair", "seat": "trust", "from": "2025-01-01"},
        {"role": "vice-chair", "seat": "vcs", "from": "2025-02-01"}]
    assert repo.rule_messages("CH017") == []


def test_ch017_pass_declared_vacancy_beside_the_chair(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2025-05-31"},
        {"role": "chair", "seat": "vacant", "from": "2025-06-01"}]
    assert repo.rule_messages("CH017") == []


def test_ch017_fail_two_chairs_for_three_months(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01", "until": "2025-08-31"},
        {"role": "chair", "seat": "pol", "from": "2025-06-01"}]
    found = repo.rule_findings("CH017")
    assert [f.message for f in found] == [
        (f"{POL} took the chair on 2025-06-01 while {LA} (chair since 2025-01-01) was "
         "still recorded as chair: two chairs at once")]
    assert found[0].severity == "error"
    assert found[0].kind == "record"
    assert found[0].file == "governance/bodies/group.yaml"
    assert "until: 2025-05-31" in found[0].hint


def test_ch017_fail_one_vice_chair_term_recorded_twice(repo: MiniRepo) -> None:
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01"},
        {"role": "vice-chair", "seat": "pol", "from": "2025-01-01"},
        {"role": "vice-chair", "seat": "pol", "from": "2025-04-01"}]
    assert repo.rule_messages("CH017") == [
        f"{POL} has two terms as vice-chair at once: from 2025-04-01 and from 2025-01-01"]


def test_ch017_pass_terms_tied_to_an_office_are_ch013s(repo: MiniRepo) -> None:
    # with a chair: block the terms are of its chair office: CH013 reports the overlap
    repo.tor["chair"] = {"method": "appointed"}
    repo.body["chair_terms"] = [
        {"role": "chair", "seat": "la", "from": "2025-01-01"},
        {"role": "chair", "seat": "pol", "from": "2025-06-01"}]
    assert repo.rule_messages("CH017") == []
    assert len(repo.rule_messages("CH013")) == 1
