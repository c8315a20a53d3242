"""A corpus of bad inputs: each gives exactly the expected findings, never a traceback.

Each folder under ``tests/bad_inputs/`` holds files laid over a small valid repository
(``MiniRepo`` with one meeting), byte for byte, and ``expected.txt``: the findings the
files add, one ``file:line:col CODE message`` line each, followed by an indented
``hint:`` line (what the editor should do). Lines starting with ``#`` describe the case.

Every case is also run through ``minutebook check``: exit code 1 when it adds an error,
and no traceback. Folders named ``import-*`` hold a Word document that
``minutebook import minutes`` refuses, and in ``expected.txt`` the one line it prints
(see tests/test_import_minutes.py).
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.cli import cli
from minutebook.findings import Finding

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# import-*: documents given to `minutebook import minutes` (tests/test_import_minutes.py)
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("import-"))
TODAY = "2026-06-01"
# cases that add no error: a warning only, or nothing at all
PASSING = {"byte-order-mark", "front-matter-trailing-spaces", "pasted-from-word",
           "yaml11-start-time"}


def _key(f: Finding) -> tuple[str, int, int, str, str, str]:
    return (f.file, f.line, f.column, f.code, f.message, f.hint)


def _expected(case: str) -> list[str]:
    text = (CORPUS / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _lay_over(case: str, root: Path) -> None:
    source = CORPUS / case
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name != "expected.txt":
            target = root / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


@pytest.fixture
def baseline(repo: MiniRepo) -> set[tuple[str, int, int, str, str, str]]:
    """The valid repository the case is laid over, and what it finds on its own."""
    repo.meeting("2026-01-14")
    result = repo.check(TODAY)
    assert result.errors == [], [f.message for f in result.errors]
    return {_key(f) for f in result.findings}


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case
        assert len(list((CORPUS / case).rglob("*"))) >= 2, case


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_exact_findings(case: str, repo: MiniRepo,
                                        baseline: set[tuple[str, int, int, str, str, str]]
                                        ) -> None:
    _lay_over(case, repo.root)
    started = time.perf_counter()
    result = check(repo.root, date.fromisoformat(TODAY))
    elapsed = time.perf_counter() - started
    added = [f for f in result.findings if _key(f) not in baseline]
    lines = []
    for f in added:
        lines += [f"{f.file}:{f.line}:{f.column} {f.code} {f.message}", f"    hint: {f.hint}"]
        assert f.hint.strip(), f"{f.code} at {f.file}:{f.line} says nothing about what to do"
    assert lines == _expected(case)
    assert elapsed < 2.0
    if case not in PASSING:
        assert any(f.severity == "error" for f in added)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_through_the_cli(case: str, repo: MiniRepo,
                                   baseline: set[tuple[str, int, int, str, str, str]]) -> None:
    _lay_over(case, repo.root)
    result = CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY,
                                      "--format", "parsable"], catch_exceptions=False)
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if case in PASSING else 1), result.output
    for line in _expected(case):
        if not line.startswith("    hint:"):
            where, code, message = line.split(" ", 2)
            assert f"{where}: [" in result.output
            assert f"] {message} ({code})" in result.output


def test_alias_bomb_is_refused_quickly_not_expanded(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    _lay_over("alias-bomb", repo.root)
    started = time.perf_counter()
    result = check(repo.root, date.fromisoformat(TODAY))
    assert time.perf_counter() - started < 0.5
    assert {f.code for f in result.errors} == {"LD003"}
    assert result.dataset is not None
    assert result.dataset.meetings.get("group") is None


def test_bigger_alias_bomb_is_still_quick(repo: MiniRepo) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    repo.raw["actions.yaml"] = "\n".join(lines) + "\n"  # 10**30 strings if expanded
    repo.meeting("2026-01-14")
    started = time.perf_counter()
    result = repo.check(TODAY)
    assert time.perf_counter() - started < 0.5
    assert [f.message for f in result.findings if f.code == "LD003"] == [
        "anchors (&name) are not allowed (30 anchors in this file)",
        "the alias '*a0' is not allowed (290 aliases in this file)",
    ]


def test_unquoted_time_stays_text(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    _lay_over("yaml11-start-time", repo.root)
    result = check(repo.root, date.fromisoformat(TODAY))
    assert result.dataset is not None
    assert result.dataset.meetings["group"][0].start == "10:30"


def test_custom_tag_runs_nothing(repo: MiniRepo, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    repo.meeting("2026-01-14")
    repo.raw["governance/bodies/evil.yaml"] = (
        f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    result = repo.check(TODAY)
    assert not marker.exists()
    assert [f.code for f in result.findings if f.file == "governance/bodies/evil.yaml"] == [
        "LD003"]


# ------------------------------------------------ links, special files, folders, read-only
# (made by the tests: a corpus folder cannot hold a link to outside or a named pipe)

OUTSIDE_ACTIONS = ("actions:\n  - {id: outside-1, body: group, raised: 2026-01-14, "
                   "description: From outside, owner: {seat: pol}, due: 2026-02-28, "
                   "status: open}\n")


def _outside(tmp_path: Path) -> Path:
    """Files outside the repository that a link could lead to."""
    outside = tmp_path / "outside"
    (outside / "group").mkdir(parents=True)
    (outside / "actions.yaml").write_text(OUTSIDE_ACTIONS, encoding="utf-8")
    (outside / "group" / "2026-02-11.md").write_text(
        "---\ndate: 2026-02-11\nstatus: held\nclassification: OFFICIAL\n---\nOutside.\n",
        encoding="utf-8")
    (outside / "secret.md").write_text("# Secret\n", encoding="utf-8")
    return outside


@pytest.mark.parametrize(("link", "target"), [
    ("actions.yaml", "actions.yaml"),
    ("meetings/group", "group"),
    ("meetings/group/2026-02-11.md", "group/2026-02-11.md"),
    ("governance", "."),
    ("scorecard", "."),
    ("docs/secret.md", "secret.md"),
    ("docs", "."),
])
def test_a_link_is_reported_where_it_is_and_never_followed(
        repo: MiniRepo, tmp_path: Path, link: str, target: str) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    outside = _outside(tmp_path)
    path = repo.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        shutil.rmtree(path)
    path.unlink(missing_ok=True)
    path.symlink_to(outside / target)
    result = check(repo.root, date.fromisoformat(TODAY))
    found = [f for f in result.findings if f.code == "LD011"]
    assert [(f.file, f.line, f.severity) for f in found] == [(link, 1, "error")]
    assert found[0].message == (f"{link} is a symbolic link (to {outside / target}); it is "
                                "not followed, so nothing in it is read")
    assert "replace the link with the file or folder itself" in found[0].hint
    assert result.dataset is not None
    assert all(a.id != "outside-1" for a in result.dataset.actions)
    assert [m.date.isoformat() for m in result.dataset.meetings.get("group", [])] in (
        [], ["2026-01-14"])
    cli_run = CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY,
                                       "--format", "parsable"])
    assert cli_run.exit_code == 1
    assert "(LD011)" in cli_run.output


def test_ld011_cannot_be_disabled(repo: MiniRepo, tmp_path: Path) -> None:
    repo.meeting("2026-01-14")
    repo.config = {**(repo.config or {}), "checks": {"disable": ["LD011"]}}
    repo.write()
    (repo.root / "actions.yaml").unlink()
    (repo.root / "actions.yaml").symlink_to(_outside(tmp_path) / "actions.yaml")
    result = check(repo.root, date.fromisoformat(TODAY))
    assert [f.code for f in result.errors] == ["LD011"]
    assert any(f.code == "SC004" and "LD011 cannot be disabled" in f.message
               for f in result.findings)


@pytest.mark.parametrize("rel", ["actions.yaml", "meetings/group/2026-02-11.md", "docs/page.md"])
def test_a_named_pipe_is_reported_not_waited_for(repo: MiniRepo, rel: str) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    path = repo.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    result = check(repo.root, date.fromisoformat(TODAY))
    found = [(f.file, f.code, f.message) for f in result.errors]
    assert found == [(rel, "LD011", (f"{rel} is a named pipe (FIFO), not an ordinary file; "
                                     "it is not read"))]


def test_a_link_made_after_the_files_were_listed_is_not_read(repo: MiniRepo,
                                                             tmp_path: Path) -> None:
    """The reader opens without following links, whatever the listing said."""
    from minutebook.load.source import read_source

    repo.write()
    (repo.root / "actions.yaml").unlink()
    (repo.root / "actions.yaml").symlink_to(_outside(tmp_path) / "actions.yaml")
    src = read_source(repo.root, "actions.yaml", "actions", front_matter=False)
    assert src.data is None
    assert [p.kind for p in src.problems] == ["link"]


def test_an_unreadable_meetings_folder_is_a_located_error(
        repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 (simulated: the tests run as root, who can read anything)."""
    repo.meeting("2026-01-14")
    repo.write()
    real = os.scandir
    denied = str(repo.root / "meetings" / "group")

    def scandir(path: Any = ".") -> Any:
        if str(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = check(repo.root, date.fromisoformat(TODAY))
    found = [f for f in result.findings if f.code == "LD012"]
    assert [(f.file, f.line, f.severity, f.message) for f in found] == [
        ("meetings/group", 1, "error", ("the folder meetings/group/ cannot be read "
                                        "(Permission denied); its files are left out of "
                                        "every check"))]
    assert "chmod u+rx meetings/group" in found[0].hint
    cli_run = CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY])
    assert cli_run.exit_code == 1, cli_run.output
    assert "internal error" not in cli_run.output


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new file fails as on a read-only file system (the tests run as root)."""
    import tempfile

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("command", [
    ["new", "meeting", "group", "--date", "2026-03-11"],
    ["new", "action", "group", "--meeting", "2026-01-14", "--owner", "pol", "--due",
     "2026-02-28", "--description", "Review the plan"],
    ["review", "group", "--date", "2026-03-11"],
])
def test_an_edit_in_a_read_only_checkout_is_refused_in_words(
        repo: MiniRepo, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    before = {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file()
              and ".cache" not in p.parts}
    _read_only(monkeypatch)
    result = CliRunner().invoke(cli, [*command, "--path", str(repo.root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "the checkout is on a read-only file system); nothing was written" in result.output
    assert "Run the command in a checkout you can write to" in result.output
    assert "internal error" not in result.output
    after = {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file()
             and ".cache" not in p.parts}
    assert after == before


def test_a_new_meeting_is_not_written_through_a_link(repo: MiniRepo, tmp_path: Path) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    outside = _outside(tmp_path)
    shutil.rmtree(repo.root / "meetings" / "group")
    (repo.root / "meetings" / "group").symlink_to(outside / "group")
    result = CliRunner().invoke(cli, ["new", "meeting", "group", "--date", "2026-03-11",
                                      "--path", str(repo.root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "meetings/group is a symbolic link" in result.output
    assert sorted(p.name for p in (outside / "group").iterdir()) == ["2026-02-11.md"]


def test_a_note_over_two_lines_in_quotes_is_read(repo: MiniRepo) -> None:
    """Only a quote never closed (or merging rows) is refused: a quoted note may span lines."""
    repo.meeting("2026-01-14")
    _lay_over("csv-unclosed-quote", repo.root)
    (repo.root / "scorecard/values/police.csv").write_text(
        'measure,period,value,submitted,note\nmissing,2026-01,12,2026-02-05,"Two late\n'
        'returns"\nmissing,2026-02,14,2026-03-05,\n', encoding="utf-8")
    result = check(repo.root, date.fromisoformat(TODAY))
    assert not [f for f in result.findings if f.file.startswith("scorecard/values")
                and f.category == "load"]
    assert result.dataset is not None
    assert [v.note for v in result.dataset.values] == ["Two late\nreturns", None]


def test_a_number_too_long_in_a_csv_is_a_located_error(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    _lay_over("csv-unclosed-quote", repo.root)
    (repo.root / "scorecard/values/police.csv").write_text(
        "measure,period,value,submitted\nmissing,2026-01," + "7" * 5000 + ",2026-02-05\n",
        encoding="utf-8")
    result = check(repo.root, date.fromisoformat(TODAY))
    found = [f for f in result.errors if f.file == "scorecard/values/police.csv"]
    assert [(f.line, f.column, f.code) for f in found] == [(2, 17, "LD001")]
    assert "has 5,000 digits" in found[0].message


def test_the_site_build_refuses_a_docs_folder_with_links(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from minutebook.load.safepath import refuse_docs_links

    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    refuse_docs_links(docs)  # nothing to refuse
    (docs / "guide" / "passwd.md").symlink_to("/etc/passwd")
    with pytest.raises(PluginError, match=r"docs/guide/passwd.md is a symbolic link"):
        refuse_docs_links(docs)
    (docs / "guide" / "passwd.md").unlink()
    linked = tmp_path / "linked"
    linked.symlink_to(docs)
    with pytest.raises(PluginError, match=r"linked is a symbolic link"):
        refuse_docs_links(linked)


def test_an_unreadable_bodies_folder_holds_back_what_its_absence_causes(
        repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """One mistake, one error: the references to the bodies it hides are held back."""
    repo.meeting("2026-01-14")
    repo.write()
    real = os.scandir
    denied = str(repo.root / "governance" / "bodies")

    def scandir(path: Any = ".") -> Any:
        if str(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = check(repo.root, date.fromisoformat(TODAY))
    assert [(f.code, f.file) for f in result.errors] == [("LD012", "governance/bodies")]
    held = [f for f in result.findings if f.code == "LD010"]
    assert [(f.file, f.message.split(":")[0]) for f in held] == [
        ("governance/bodies", ("2 findings of other checks are held back until this "
                               "folder can be read"))]


def test_new_action_never_reads_an_actions_file_through_a_link(
        repo: MiniRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutebook import cli_edit

    read: list[Path] = []
    real = cli_edit.read_text_exact
    monkeypatch.setattr(cli_edit, "read_text_exact", lambda p: read.append(p) or real(p))
    repo.meeting("2026-01-14")
    repo.write()
    outside = _outside(tmp_path)
    (repo.root / "actions.yaml").unlink()
    (repo.root / "actions.yaml").symlink_to(outside / "actions.yaml")
    result = CliRunner().invoke(cli, [
        "new", "action", "group", "--meeting", "2026-01-14", "--owner", "pol", "--due",
        "2026-02-28", "--description", "Review the plan", "--path", str(repo.root),
        "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "actions.yaml is a symbolic link" in result.output
    assert read == []
    assert (outside / "actions.yaml").read_text(encoding="utf-8") == OUTSIDE_ACTIONS


def test_report_never_reads_or_writes_through_a_link(repo: MiniRepo, tmp_path: Path) -> None:
    repo.meeting("2026-01-14")
    repo.write()
    outside = _outside(tmp_path)
    (repo.root / "reports").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(cli, ["report", "group", "--period", "2026-01-01..2026-03-31",
                                      "--path", str(repo.root), "--today", TODAY])
    assert result.exit_code == 2, result.output
    assert "reports is a symbolic link" in result.output
    assert sorted(p.name for p in outside.iterdir()) == ["actions.yaml", "group", "secret.md"]


def test_the_plugin_refuses_to_build_from_a_docs_folder_with_a_link(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from minutebook.site.plugin import MinutebookPlugin

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hosts.md").symlink_to("/etc/hosts")
    plugin = MinutebookPlugin()
    plugin.load_config({})
    with pytest.raises(PluginError, match=r"docs/hosts.md is a symbolic link \(to /etc/hosts\)"):
        plugin.on_config(SimpleNamespace(docs_dir=str(docs)))  # type: ignore[arg-type]


def test_an_unreadable_governance_folder_is_a_located_error(
        repo: MiniRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 governance/ (simulated): its files cannot even be looked at."""
    repo.meeting("2026-01-14")
    repo.write()
    real = os.lstat
    denied = str(repo.root / "governance") + os.sep

    def lstat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).startswith(denied):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    result = check(repo.root, date.fromisoformat(TODAY))
    assert [(f.code, f.file) for f in result.errors] == [("LD012", "governance")]
    cli_run = CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY])
    assert cli_run.exit_code == 1, cli_run.output
