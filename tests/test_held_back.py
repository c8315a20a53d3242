"""One mistake gives one error, on its file: what a file left out of the model could cause
is held back (LD010) until it can be read, and references to what it holds are not
reported as dangling."""

from __future__ import annotations

from datetime import date

from minirepo import MiniRepo
from minutebook.api import check


def _cadence_repo(repo: MiniRepo) -> MiniRepo:
    repo.tor["cadence"] = {"every": "6 weeks"}
    repo.meeting("2026-01-14", minutes={"status": "approved", "approved_at": "2026-02-25"})
    repo.meeting("2026-02-25")
    repo.meeting("2026-04-08")
    repo.meeting("2026-05-20")
    repo.meeting("2026-07-01", status="scheduled", attendance={})
    return repo


def _codes(repo: MiniRepo, today: str = "2026-06-01") -> list[tuple[str, str]]:
    return sorted((f.file, f.code) for f in repo.check(today).findings)


def test_a_broken_meeting_record_does_not_make_its_body_look_as_if_it_had_not_met(
        repo: MiniRepo) -> None:
    _cadence_repo(repo)
    assert _codes(repo) == []
    repo.meetings[("group", "2026-02-25")]["status"] = "hled"
    result = repo.check()
    assert sorted((f.file, f.code) for f in result.findings) == [
        ("meetings/group/2026-02-25.md", "LD010"), ("meetings/group/2026-02-25.md", "SC003")]
    note = next(f for f in result.findings if f.code == "LD010")
    # without the record: the approval on 2026-02-25 (MN002) and the 12-week gap (CA001)
    assert note.message.startswith("2 findings of other checks are held back until this file")
    assert note.severity == "info"
    assert note.body == "group"


def test_other_bodies_findings_are_still_reported(repo: MiniRepo) -> None:
    _cadence_repo(repo)
    repo.extra_bodies.append({**repo.body, "id": "other", "name": "Other Group",
                              "chair_terms": [{"role": "chair", "seat": "nobody",
                                               "from": "2025-01-01"}]})
    repo.meetings[("group", "2026-02-25")]["status"] = "hled"
    codes = _codes(repo)
    assert ("governance/bodies/other.yaml", "RF001") in codes
    assert ("meetings/group/2026-02-25.md", "LD010") in codes


def test_a_broken_shared_file_holds_back_every_finding_but_the_text_scans(
        repo: MiniRepo) -> None:
    _cadence_repo(repo)
    repo.meetings[("group", "2026-02-25")]["location"] = "<script>x</script>"
    repo.meetings[("group", "2026-04-08")]["chair"] = "nobody"  # RF001, held back
    repo.write()
    orgs = repo.root / "governance/organisations.yaml"
    orgs.write_text(orgs.read_text() + "oops: [\n")
    result = check(repo.root, date(2026, 6, 1))  # as written (repo.check would rewrite it)
    assert sorted((f.file, f.code) for f in result.findings) == [
        ("governance/organisations.yaml", "LD001"), ("governance/organisations.yaml", "LD010"),
        ("meetings/group/2026-02-25.md", "HT001")]
    assert next(f for f in result.findings if f.code == "LD010").message.startswith(
        "1 finding of other checks is held back")


def test_references_to_an_invalid_action_are_not_dangling(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(id="a-1", due="2026-13-01")  # invalid: the action is left out
    repo.raw["escalations.yaml"] = (
        "escalations:\n  - id: e-1\n    from: group\n    to: group2\n    raised: 2026-01-14\n"
        "    issue: Capacity.\n    action: a-1\n")
    repo.extra_bodies.append({**repo.body, "id": "group2", "name": "Board"})
    codes = [c for _f, c in _codes(repo)]
    assert "SC003" in codes
    assert "ES002" not in codes
