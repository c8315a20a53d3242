"""LD013: the papers of a meeting's agenda, kept beside the record, that the site publishes."""

from __future__ import annotations

import os

from minirepo import MiniRepo

PDF = b"%PDF-1.4\n% a tiny stand-in\n"


def _agenda(*papers: dict[str, str]) -> list[object]:
    return ["Welcome and apologies", {"item": "Annual plan", "papers": list(papers)}]


def _paper_file(repo: MiniRepo, rel: str, content: bytes) -> None:
    path = repo.root / "meetings" / "group" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def test_ld013_pass_files_beside_the_record_and_an_address(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda(
        {"title": "Plan", "file": "2026-01-14/plan.pdf"},
        {"title": "Figures", "file": "papers/figures.csv"},
        {"title": "Guidance", "url": "https://www.gov.uk/guidance"}))
    _paper_file(repo, "2026-01-14/plan.pdf", PDF)
    _paper_file(repo, "papers/figures.csv", b"period,value\n2026-01,4\n")
    result = repo.check(select={"LD013"})
    assert [f.message for f in result.findings] == []
    assert result.dataset is not None
    assert result.dataset.paper_files == {"meetings/group/2026-01-14/plan.pdf": len(PDF),
                                          "meetings/group/papers/figures.csv": 23}
    m = result.dataset.meetings["group"][0]
    assert m.agenda == ("Welcome and apologies", "Annual plan")
    assert [(p.item, p.title) for p in m.papers] == [(1, "Plan"), (1, "Figures"),
                                                      (1, "Guidance")]


def test_ld013_pass_a_papers_folder_is_not_a_misplaced_file(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Plan", "file": "2026-01-14/plan.pdf"}))
    _paper_file(repo, "2026-01-14/plan.pdf", PDF)
    _paper_file(repo, "papers/unused.txt", b"kept for later\n")
    assert repo.problems() == []


def test_ld013_fail_file_in_another_meetings_folder(repo: MiniRepo) -> None:
    # a public meeting listing a file kept in a restricted meeting's date folder
    repo.meeting("2026-01-14", classification="OFFICIAL-SENSITIVE",
                 agenda=_agenda({"title": "Case review", "file": "2026-01-14/review.pdf"}))
    repo.meeting("2026-03-11", agenda=_agenda(
        {"title": "Case review", "file": "2026-01-14/review.pdf"},
        {"title": "Plan", "file": "2026-03-11/plan.pdf"},
        {"title": "Figures", "file": "papers/figures.csv"}))
    _paper_file(repo, "2026-01-14/review.pdf", PDF)
    _paper_file(repo, "2026-03-11/plan.pdf", PDF)
    _paper_file(repo, "papers/figures.csv", b"period,value\n2026-01,4\n")
    result = repo.check(select={"LD013"})
    assert [(f.file, f.path, f.message) for f in result.findings] == [
        ("meetings/group/2026-03-11.md", "$.agenda[1].papers[0]",
         ("the paper 'Case review' (meetings/group/2026-01-14/review.pdf) is kept in the "
          "folder of the meeting of 2026-01-14, not in this meeting's own (2026-03-11/): "
          "another meeting's papers may not be as public as this one"))]
    assert "move it to this meeting's own folder (2026-03-11/) or to papers/" in \
        result.findings[0].hint
    assert result.dataset is not None
    assert sorted(result.dataset.paper_files) == [
        "meetings/group/2026-01-14/review.pdf", "meetings/group/2026-03-11/plan.pdf",
        "meetings/group/papers/figures.csv"]


def test_ld013_fail_missing_file(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Plan", "file": "2026-01-14/plan.pdf"}))
    found = repo.findings("LD013")
    assert [f.message for f in found] == [
        "the paper 'Plan' (meetings/group/2026-01-14/plan.pdf) is not in the repository"]
    assert found[0].severity == "error"
    assert found[0].kind == "record"
    assert found[0].path == "$.agenda[1].papers[0]"
    assert found[0].file == "meetings/group/2026-01-14.md"


def test_ld013_fail_path_outside_the_folder(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda(
        {"title": "Up", "file": "../../minutebook.yaml"},
        {"title": "Absolute", "file": "/etc/passwd"},
        {"title": "Beside", "file": "plan.pdf"},
        {"title": "Elsewhere", "file": "drafts/plan.pdf"}))
    assert repo.messages("LD013") == [
        f"the paper '{t}' is written as '{w}', which is not a file in a papers folder "
        "beside the record"
        for t, w in (("Up", "../../minutebook.yaml"), ("Absolute", "/etc/passwd"),
                     ("Beside", "plan.pdf"), ("Elsewhere", "drafts/plan.pdf"))]


def test_ld013_fail_through_a_link(repo: MiniRepo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("not for publishing\n", encoding="utf-8")
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Plan", "file": "papers/plan.txt"}))
    repo.write()
    (repo.root / "meetings" / "group" / "papers").mkdir(parents=True)
    os.symlink(outside, repo.root / "meetings" / "group" / "papers" / "plan.txt")
    found = repo.findings("LD013")
    assert len(found) == 1
    assert found[0].message.startswith(
        "the paper 'Plan' (meetings/group/papers/plan.txt) is reached through "
        "meetings/group/papers/plan.txt, which is not an ordinary file or folder")
    # and the link itself is reported where it is (LD011), never followed
    assert [f.file for f in repo.findings("LD011")] == ["meetings/group/papers/plan.txt"]


def test_ld013_fail_type_not_published(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Page", "file": "papers/page.html"},
                                              {"title": "Tool", "file": "papers/tool.exe"}))
    _paper_file(repo, "papers/page.html", b"<script>alert(1)</script>")
    _paper_file(repo, "papers/tool.exe", b"MZ")
    assert repo.messages("LD013") == [
        ("the paper 'Page' (meetings/group/papers/page.html) is of a type the site does not "
        "publish (.html)"),
        ("the paper 'Tool' (meetings/group/papers/tool.exe) is of a type the site does not "
        "publish (.exe)")]


def test_ld013_fail_content_not_of_its_type(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Plan", "file": "papers/plan.pdf"},
                                              {"title": "Notes", "file": "papers/notes.txt"}))
    _paper_file(repo, "papers/plan.pdf", b"<html><script>alert(1)</script></html>")
    _paper_file(repo, "papers/notes.txt", b"MZ\x00\x00binary")
    assert repo.messages("LD013") == [
        ("the paper 'Plan' (meetings/group/papers/plan.pdf) does not hold what its name says "
        "(a PDF file)"),
        ("the paper 'Notes' (meetings/group/papers/notes.txt) does not hold what its name says "
        "(a text file)")]


def test_ld013_fail_cannot_be_disabled(repo: MiniRepo) -> None:
    repo.config = {"checks": {"disable": ["LD013"]}}
    repo.meeting("2026-01-14", agenda=_agenda({"title": "Plan", "file": "papers/plan.pdf"}))
    result = repo.check()
    assert sorted(f.code for f in result.findings if f.code in ("LD013", "SC004")) == \
        ["LD013", "SC004"]
