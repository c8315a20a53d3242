"""`minutebook import minutes`: a meeting record from minutes written in Word.

The Word documents are made here with python-docx (tests/wordfiles.py); the documents it
must refuse are in the bad-input corpus (tests/bad_inputs/import-*).
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from click.testing import CliRunner, Result

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli
from minutebook.rules.markdown_form import problems
from minutebook.wordconvert import html_to_markdown
from wordfiles import PEOPLE, partnership_minutes, simple_minutes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "bad_inputs"
BAD = sorted(p.name for p in CORPUS.iterdir() if p.name.startswith("import-"))
TODAY = "2026-11-25"
CSP = "community-safety-partnership"
RECORD = f"meetings/{CSP}/2026-10-14.md"
# the site's Markdown (mkdocs.yml's extensions that shape blocks)
EXTENSIONS = ["attr_list", "tables", "def_list", "md_in_html", "pymdownx.superfences"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def split(text: str) -> tuple[dict[str, object], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


# ------------------------------------------------------------------ a real-looking document


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, str]:
    """The partnership's minutes imported once into a copy of this repository's content
    (a test that changes the record puts it back)."""
    tmp = tmp_path_factory.mktemp("import")
    content = tmp / "repo"
    for name in ("governance", "meetings", "scorecard", "reports"):
        shutil.copytree(ROOT / name, content / name)
    for name in ("actions.yaml", "escalations.yaml", "minutebook.yaml"):
        shutil.copy(ROOT / name, content / name)
    doc = partnership_minutes(tmp / "CSP minutes October 2026.docx")
    result = run("import", "minutes", CSP, str(doc), "--repo", str(content), "--today", TODAY)
    assert result.exit_code == 0, result.output
    return content, result, (content / RECORD).read_text(encoding="utf-8")


def test_the_record_is_prefilled_like_new_meeting(imported: tuple[Path, Result, str]) -> None:
    _, _, text = imported
    front, _ = split(text)
    assert front["date"] == date(2026, 10, 14)  # from the document's opening line
    assert front["start"] == "10:00"
    assert front["status"] == "held"
    assert front["classification"] == "OFFICIAL"
    assert front["chair"] == "head-of-community-safety"  # "(Chair)" in the Present table
    assert "started with `minutebook new meeting`" in text


def test_attendance_is_filled_for_the_seats_the_document_names(
        imported: tuple[Path, Result, str]) -> None:
    _, result, text = imported
    front, _ = split(text)
    attendance = front["attendance"]
    assert attendance == {
        "head-of-community-safety": "present",  # by post and organisation
        "police-chief-inspector": "present",  # a Detective Inspector: by organisation
        "fire-station-manager": "present",
        "icb-commissioner": "present",
        "probation-manager": "apologies",  # from the bulleted apologies
        "pcc-representative": "apologies",
        "youth-justice-manager": "FILL-IN",  # not in the document: left for the editor
        "housing-representative": "FILL-IN",
        "vcfse-representative": "FILL-IN",
        "education-representative": "FILL-IN",
    }
    assert "Attendance: 6 seats filled in from the document" in result.stdout
    # what fits no seat, and the seats not mentioned, are listed on stderr
    assert "Mark Oduya, Policy Officer, Healthwatch Cheshire East (matches no seat" \
        in result.stderr
    for seat in ("youth-justice-manager", "housing-representative", "vcfse-representative",
                 "education-representative"):
        assert f"  - {seat} (" in result.stderr


def test_no_personal_name_is_written(imported: tuple[Path, Result, str]) -> None:
    _, _, text = imported
    for person in PEOPLE:
        for part in person.split():
            assert part not in text, person
    _, body = split(text)
    assert "Present" not in body
    assert "Apologies" not in body


def test_headings_lists_and_tables_are_kept(imported: tuple[Path, Result, str]) -> None:
    _, _, text = imported
    _, body = split(text)
    assert "Safer Cheshire East Partnership" not in body  # the title: the record says it
    assert "## 1. Welcome and introductions\n" in body
    assert "### 3.1 Funding\n" in body
    assert "The ICB **confirmed** its share for 2027." in body
    assert ("- Knife crime in the night-time economy has risen since the spring.\n"
            "- Youth diversion places are fully used:\n"
            "    - in Crewe since June;\n") in body
    assert ("1. to publish the assessment by December;\n"
            "2. to ask the Board for funding for two further youth workers.\n") in body
    assert ("| No. | Action | Owner | Due |\n| --- | --- | --- | --- |\n"
            "| 1 | Circulate the final needs assessment | Head of Community Safety | "
            "30 November 2026 |\n") in body
    assert "Report youth diversion numbers \\| by area" in body
    assert list(problems(body)) == []  # MN004 finds nothing in what the import writes
    # and the site's Markdown shows them as they were in Word
    html = markdown.markdown(body, extensions=EXTENSIONS)
    assert len(re.findall(r"<h2>", html)) == 5
    assert html.count("<table>") == 1
    assert html.count("<th>") == 4
    assert html.count("<tr>") == 3
    assert re.search(r"<ul>\s*<li>Knife crime", html)
    assert re.search(r"<li>Youth diversion places are fully used:<ul>\s*<li>in Crewe", html)
    assert re.search(r"<ol>\s*<li>to publish the assessment", html)


def test_the_record_passes_the_check_once_the_editor_fills_in_the_rest(
        imported: tuple[Path, Result, str]) -> None:
    root, result, text = imported
    found = {(f.code, f.path) for f in check(root, date.fromisoformat(TODAY)).findings
             if f.file == RECORD and f.code != "LD010"}
    # what is expected: the four seats the document does not mention, and the ToR's
    # milestone dates, to fill in (LD010, a note that other checks wait for them, may
    # come too)
    assert found == {
        ("SC003", "$.attendance.youth-justice-manager"),
        ("SC003", "$.attendance.housing-representative"),
        ("SC003", "$.attendance.vcfse-representative"),
        ("SC003", "$.attendance.education-representative"),
        ("SC003", "$.milestones.agenda-issued"),
        ("SC003", "$.milestones.papers-circulated"),
    }
    assert "The check lists what is still to fill in" in result.stdout
    filled = re.sub(r"(youth-justice-manager|housing-representative|vcfse-representative|"
                    r"education-representative): FILL-IN", r"\1: absent", text)
    filled = re.sub(r"(agenda-issued|papers-circulated):  #", r"\1: 2026-09-30  #", filled)
    (root / RECORD).write_text(filled, encoding="utf-8")
    try:
        after = check(root, date.fromisoformat(TODAY)).findings
    finally:
        (root / RECORD).write_text(text, encoding="utf-8")
    assert [f"{f.code} {f.message}" for f in after if f.file == RECORD] == []


def test_an_existing_record_is_never_overwritten(imported: tuple[Path, Result, str],
                                                 tmp_path: Path) -> None:
    root, _, text = imported
    doc = partnership_minutes(tmp_path / "again.docx")
    result = run("import", "minutes", CSP, str(doc), "--repo", str(root), "--today", TODAY)
    assert result.exit_code == 2
    assert f"{RECORD} already exists; open it and edit it instead" in result.output
    assert (root / RECORD).read_text(encoding="utf-8") == text


def test_date_option_wins_and_a_different_stated_date_is_noted(
        imported: tuple[Path, Result, str], tmp_path: Path) -> None:
    root = imported[0]
    doc = partnership_minutes(tmp_path / "m.docx")
    result = run("import", "minutes", CSP, str(doc), "--date", "2026-10-15", "--repo",
                 str(root), "--today", TODAY)
    assert result.exit_code == 0, result.output
    (root / f"meetings/{CSP}/2026-10-15.md").unlink()
    assert ("the document says 'Wednesday 14 October 2026'; the record uses --date "
            "2026-10-15") in result.stderr


def test_a_document_without_a_date_asks_for_date(repo: MiniRepo, tmp_path: Path) -> None:
    repo.write()
    doc = simple_minutes(tmp_path / "m.docx", [("Title", "Safeguarding Group"),
                                               ("", "Minutes of the last meeting")])
    result = run("import", "minutes", "group", str(doc), "--repo", str(repo.root))
    assert result.exit_code == 2
    assert result.output == ("Error: m.docx does not state the date of the meeting in its "
                             "title or first lines; give it with --date YYYY-MM-DD\n")
    assert not (repo.root / "meetings" / "group").exists()


@pytest.mark.parametrize(("opening", "day"), [
    ("Held on Thursday, 5th March 2026 at 2.30pm", "2026-03-05"),
    ("Meeting of March 5, 2026", "2026-03-05"),
    ("Date: 5 Mar 2026", "2026-03-05"),
])
def test_dates_written_in_words(repo: MiniRepo, tmp_path: Path, opening: str,
                                day: str) -> None:
    repo.write()
    doc = simple_minutes(tmp_path / "m.docx", [("Title", "Safeguarding Group"),
                                               ("", opening), ("h1", "Item"), ("", "Noted.")])
    result = run("import", "minutes", "group", str(doc), "--repo", str(repo.root),
                 "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    text = (repo.root / f"meetings/group/{day}.md").read_text(encoding="utf-8")
    if "2.30pm" in opening:
        assert 'start: "14:30"' in text
    assert split(text)[1].endswith("## Item\n\nNoted.\n")


def test_a_future_meeting_cannot_be_imported(repo: MiniRepo, tmp_path: Path) -> None:
    repo.write()
    doc = simple_minutes(tmp_path / "m.docx", [("", "Minutes of 14 July 2026")])
    result = run("import", "minutes", "group", str(doc), "--repo", str(repo.root),
                 "--today", "2026-06-01")
    assert result.exit_code == 2
    assert "is in the future (today is 2026-06-01)" in result.output


# ------------------------------------------------------------------ attendance as written


def _import(repo: MiniRepo, tmp_path: Path, blocks: list) -> tuple[Result, dict, str]:
    repo.write()
    doc = simple_minutes(tmp_path / "m.docx", [("", "Minutes of 11 February 2026"), *blocks])
    result = run("import", "minutes", "group", str(doc), "--repo", str(repo.root),
                 "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    text = (repo.root / "meetings/group/2026-02-11.md").read_text(encoding="utf-8")
    front, body = split(text)
    return result, front, body


def test_attendance_as_lines_inline_and_with_a_deputy(repo: MiniRepo, tmp_path: Path) -> None:
    result, front, body = _import(repo, tmp_path, [
        ("", "Present:"),
        ("", "Alice Brown, Head of Safeguarding, Borough Council (Chair)"),
        ("", "Carl Dunn, Detective Inspector, County Police"),
        ("", "Eve Fox, Named Nurse, Hospital Trust"),
        ("", "Gail Hart, Service Manager, Youth Charity"),
        ("", ("Ian Jay, Safeguarding Lead, Integrated Care Board, deputising for the "
             "Designated Nurse")),
        ("", "Apologies: Kim Lowe (Borough Council)"),
        ("h1", "1. Welcome"),
        ("", "The Chair welcomed everyone."),
    ])
    assert front["chair"] == "la"
    assert front["attendance"] == {
        "la": "present", "pol": "present", "trust": "present", "vcs": "present",
        "nurse": {"status": "deputy", "by": "Safeguarding Lead, Integrated Care Board"},
        "la2": "FILL-IN",  # the council has two seats: 'Borough Council' alone fits both
    }
    assert "apologies: Kim Lowe (Borough Council) (fits more than one seat (la, la2))" \
        in result.stderr
    assert body.endswith("## 1. Welcome\n\nThe Chair welcomed everyone.\n")
    for person in ("Alice", "Brown", "Carl", "Dunn", "Ian", "Jay", "Kim", "Lowe"):
        assert person not in front.__repr__() + body


def test_a_deputy_post_of_the_seat_and_a_status_column(repo: MiniRepo, tmp_path: Path) -> None:
    _, front, _ = _import(repo, tmp_path, [
        ("h2", "Attendance"),
        ("table", [("Name", "Post", "Organisation", "Attendance"),
                   ("A Brown", "Service Manager", "Borough Council", "Present"),
                   ("C Dunn", "Inspector", "County Police", "Apologies"),
                   ("E Fox", "Early Help Manager", "Borough Council", "Absent")]),
        ("h1", "Minutes"),
        ("", "Noted."),
    ])
    attendance = front["attendance"]
    # the council seat's nominated deputy (a Service Manager), not the charity's manager
    assert attendance["la"] == {"status": "deputy", "by": "Service Manager"}
    assert attendance["pol"] == "apologies"
    assert attendance["la2"] == "absent"


def test_a_deputy_named_beside_the_post_is_not_written(repo: MiniRepo, tmp_path: Path
                                                       ) -> None:
    result, front, _ = _import(repo, tmp_path, [
        ("", "Present:"),
        ("", "Detective Sergeant Jane Smith deputising for Police Inspector"),
        ("", ("Ian Jay, Safeguarding Lead, Integrated Care Board, deputising for the "
              "Designated Nurse")),
        ("h1", "1. Welcome"),
        ("", "Noted."),
    ])
    # the police seat's deputy: a post with a name in it is left for the editor
    assert front["attendance"]["pol"] == {"status": "deputy", "by": "FILL-IN"}
    assert front["attendance"]["nurse"] == {
        "status": "deputy", "by": "Safeguarding Lead, Integrated Care Board"}
    record = (repo.root / "meetings/group/2026-02-11.md").read_text(encoding="utf-8")
    for person in ("Jane", "Smith", "Ian", "Jay"):
        assert person not in record
    assert "Deputies recorded with by: FILL-IN" in result.stderr
    assert "  - Detective Sergeant Jane Smith deputising for Police Inspector" in result.stderr
    assert "Ian Jay" not in result.stderr.split("Deputies recorded")[1]
    # the check asks for the post (and the site never shows the placeholder unfilled)
    found = [f for f in check(repo.root, date(2026, 6, 1)).findings
             if f.file == "meetings/group/2026-02-11.md" and f.path == "$.attendance.pol.by"]
    assert [(f.code, f.message) for f in found] == [
        ("SC003", "'by' is not in the expected form: 'FILL-IN'")], found
    assert "the post of whoever deputised" in found[0].hint


def test_likely_names_in_the_minutes_are_listed(repo: MiniRepo, tmp_path: Path) -> None:
    result, _, body = _import(repo, tmp_path, [
        ("", "Present: Inspector, County Police"),
        ("h1", "Item"),
        ("", ("The Chair thanked Cllr Jones. Detective Sergeant Priya Patel reported on "
              "the operation in March.")),
    ])
    assert "The minutes may name people" in result.stderr
    assert "'Cllr Jones' in line 3 of the minutes" in result.stderr
    assert "'Priya Patel' in line 3 of the minutes" in result.stderr
    for word in ("'The Chair'", "'Detective Sergeant", "'County Police'", "'March'"):
        assert word not in result.stderr
    assert "Priya Patel reported" in body  # listed, never rewritten


def test_names_left_in_the_minutes_are_listed(repo: MiniRepo, tmp_path: Path) -> None:
    result, _, body = _import(repo, tmp_path, [
        ("", "Present: Carl Dunn, Inspector, County Police"),
        ("h1", "Item"),
        ("", "Carl Dunn reported on the operation."),
    ])
    assert "'Carl Dunn' in line 3 of the minutes" in result.stderr
    assert "Carl Dunn reported" in body  # the editor's to change: never rewritten silently


def test_no_attendance_list_leaves_every_seat_to_fill_in(repo: MiniRepo, tmp_path: Path) -> None:
    result, front, _ = _import(repo, tmp_path, [("h1", "Item"), ("", "Noted.")])
    assert set(front["attendance"].values()) == {"FILL-IN"}
    assert "The document has no attendance list" in result.stdout


def test_pictures_are_left_out(repo: MiniRepo, tmp_path: Path) -> None:
    import docx
    import docx.shared

    repo.write()
    png = tmp_path / "dot.png"
    png.write_bytes(_png())
    d = docx.Document()
    d.add_paragraph("Minutes of 11 February 2026")
    d.add_heading("Item", 1)
    d.add_picture(str(png), width=docx.shared.Cm(1))
    d.add_paragraph("Noted.")
    d.save(tmp_path / "m.docx")
    result = run("import", "minutes", "group", str(tmp_path / "m.docx"), "--repo",
                 str(repo.root), "--today", "2026-06-01")
    assert result.exit_code == 0, result.output
    body = split((repo.root / "meetings/group/2026-02-11.md").read_text(encoding="utf-8"))[1]
    assert "![" not in body
    assert "data:" not in body
    assert "1 picture was left out of the minutes" in result.stderr


def _png() -> bytes:
    """A one-pixel PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("case", BAD)
def test_bad_document_gives_one_line_and_writes_nothing(case: str, repo: MiniRepo) -> None:
    repo.write()
    lines = [line for line in (CORPUS / case / "expected.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    result = run("import", "minutes", "group", str(CORPUS / case / "minutes.docx"),
                 "--repo", str(repo.root), "--today", "2026-06-01")
    assert result.exit_code == 2
    assert result.output.splitlines() == lines
    assert len(lines) == 1
    assert "minutes.docx" in lines[0]
    assert "Traceback" not in result.output
    assert not (repo.root / "meetings" / "group").exists()


def test_bad_input_corpus_has_the_import_cases() -> None:
    assert {"import-empty", "import-not-a-docx", "import-corrupt-zip",
            "import-password-protected"} <= set(BAD)


def test_a_missing_file_and_an_unknown_body(repo: MiniRepo, tmp_path: Path) -> None:
    repo.write()
    result = run("import", "minutes", "group", str(tmp_path / "nope.docx"), "--repo",
                 str(repo.root))
    assert result.exit_code == 2
    assert "nope.docx: no such file" in result.output
    doc = simple_minutes(tmp_path / "m.docx", [("", "Minutes of 11 February 2026")])
    result = run("import", "minutes", "grup", str(doc), "--repo", str(repo.root), "--today",
                 "2026-06-01")
    assert result.exit_code == 2
    assert "there is no body 'grup'. Did you mean 'group'?" in result.output


# ------------------------------------------------------------------ HTML to Markdown


def test_markdown_for_python_markdown() -> None:
    html = ("<h1>One</h1><ul><li>a<ul><li>a1</li></ul></li></ul><ol><li>b</li></ol>"
            "<table><tr><td>x|y</td><td><p>p1</p><p>p2</p></td></tr></table>")
    assert html_to_markdown(html) == (
        "## One\n\n- a\n    - a1\n\n<!-- -->\n\n1. b\n\n| x\\|y | p1 p2 |\n| --- | --- |\n")
    rendered = markdown.markdown(html_to_markdown(html), extensions=EXTENSIONS)
    assert "<ul>" in rendered
    assert "<ol>" in rendered
    assert "<table>" in rendered


def test_chair_line_and_no_declarations(repo: MiniRepo, tmp_path: Path) -> None:
    repo.tor["declarations"] = {"required": True}
    _, front, body = _import(repo, tmp_path, [
        ("", "Chair: Inspector, County Police"),
        ("h1", "1. Declarations of interest"),
        ("", "None."),
        ("h1", "2. Item"),
        ("", "Noted."),
    ])
    assert front["chair"] == "pol"
    assert front["attendance"]["pol"] == "present"
    assert front["declarations"] == "none"
    assert "Chair:" not in body
    assert "## 1. Declarations of interest\n\nNone.\n" in body
