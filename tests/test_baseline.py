"""`minutebook check --baseline REF`: a change is judged on what it changes, in a scratch
git repository made from a mini repository."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from minirepo import ALL_PRESENT, MiniRepo
from minutebook.api import Result as CheckResult
from minutebook.baseline import Baseline, compare, normalise_message, stable_path
from minutebook.cli import cli
from minutebook.findings import Finding

TODAY = "2026-05-20"
GIT_ENV = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout.strip()


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def scratch(repo: MiniRepo) -> MiniRepo:
    """A git repository whose main branch has two old errors (an overdue ToR review, a
    gap between meetings) and two overdue actions (warnings)."""
    repo.tor["cadence"] = {"every": "6 weeks", "tolerance": "7 days"}
    repo.tor["review"]["last"] = "2025-03-01"
    for day in ("2026-01-14", "2026-03-11", "2026-04-22"):  # 56 days: one gap too long
        repo.meeting(day)
    repo.action(due="2026-02-01")
    repo.action(due="2026-06-30")
    repo.action(due="2026-03-01")
    repo.write()
    (repo.root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git(repo.root, "init", "-q", "-b", "main")
    commit(repo.root, "records")
    git(repo.root, "checkout", "-q", "-b", "change")
    return repo


def run(repo: MiniRepo, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["check", str(repo.root), "--today", TODAY, *args],
                              env=env)


def groups(repo: MiniRepo, *args: str) -> tuple[int, dict[str, Any]]:
    result = run(repo, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def codes(doc: dict[str, Any], group: str) -> list[tuple[str, str]]:
    return [(f["code"], f["file"]) for f in doc[group]]


BASE = [("AC001", "actions.yaml"), ("AC001", "actions.yaml"),
        ("CA004", "governance/bodies/group.yaml"), ("TR001", "governance/tor/group/1.0.md"),
        ("CA001", "meetings/group/2026-03-11.md")]


def test_the_old_errors_fail_a_plain_check_but_not_a_baseline_one(scratch: MiniRepo) -> None:
    assert run(scratch).exit_code == 1
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 0
    assert doc["status"] == "ok"
    assert (codes(doc, "new"), codes(doc, "fixed"), codes(doc, "existing")) == ([], [], BASE)
    assert doc["baseline"] == {"ref": "main", "commit": git(scratch.root, "rev-parse", "main")}
    assert len(doc["findings"]) == len(BASE)  # every finding, as without --baseline


def test_a_meeting_with_a_new_error_fails_on_exactly_that_error(scratch: MiniRepo) -> None:
    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    commit(scratch.root, "minutes of 13 May")
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 1
    assert doc["status"] == "fail"
    assert codes(doc, "new") == [("CH011", "meetings/group/2026-05-13.md")]
    assert doc["summary"] == {"new": {"error": 1, "warning": 0, "info": 0}, "fixed": 0,
                              "existing": len(BASE)}
    assert codes(doc, "existing") == BASE
    text = run(scratch, "--baseline", "main", "--format", "text").output
    new, _, existing = text.partition("Already there before this change")
    assert "New in this change: 1 error, 0 warnings." in new
    assert all(word in new for word in ("CH011", "how to fix"))
    assert "TR001" not in new
    assert all(code in existing for code in ("TR001", "CA001"))
    assert "Compared with main (" in text
    assert f": 1 new (1 error, 0 warnings), 0 fixed, {len(BASE)} already there." in text


def test_uncommitted_changes_count_too(scratch: MiniRepo) -> None:
    """The working tree is compared, not HEAD: a pre-commit check sees what is staged."""
    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    code, doc = groups(scratch, "--baseline", "HEAD")
    assert code == 1
    assert codes(doc, "new") == [("CH011", "meetings/group/2026-05-13.md")]


def test_a_change_fixing_an_old_error_passes_and_says_so(scratch: MiniRepo) -> None:
    scratch.meeting("2026-02-18")  # closes the gap between 14 January and 11 March
    scratch.write()
    commit(scratch.root, "the missing minutes of 18 February")
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 0
    assert codes(doc, "new") == []
    assert codes(doc, "fixed") == [("CA001", "meetings/group/2026-03-11.md")]
    assert ("CA001", "meetings/group/2026-03-11.md") not in codes(doc, "existing")
    text = run(scratch, "--baseline", "main").output
    assert text.startswith("Nothing new in this change.")
    fixed = text.split("Fixed by this change (lines as they were in main): 1 error, "
                       "0 warnings.")[1].split("Already there")[0]
    assert "56 days passed between the meetings" in fixed
    assert "1 fixed" in text.splitlines()[-1]


def test_moved_lines_and_edited_neighbours_add_nothing(scratch: MiniRepo) -> None:
    root = scratch.root
    scratch.actions.reverse()  # a-3, a-2, a-1: every overdue action at another index
    scratch.write()
    tor = root / "governance" / "tor" / "group" / "1.0.md"
    text = tor.read_text(encoding="utf-8")
    tor.write_text(text.replace("review:", "# reviewed yearly by the board\n\n\nreview:"),
                   encoding="utf-8")
    meeting = root / "meetings" / "group" / "2026-03-11.md"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("---\n", "---\n# minutes checked by the chair\n\n", 1),
                       encoding="utf-8")
    commit(root, "tidy")
    plain = json.loads(run(scratch, "--format", "json").stdout)["findings"]
    before = {(f["code"], f["line"]) for f in plain}
    assert not {("TR001", 11), ("CA001", 2)} & before  # the lines did move
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 0
    assert (codes(doc, "new"), codes(doc, "fixed")) == ([], [])
    assert sorted(codes(doc, "existing")) == sorted(BASE)


def test_a_warning_made_an_error_is_new(scratch: MiniRepo) -> None:
    scratch.config = {"checks": {"severity": {"AC001": "error"}}}
    scratch.write()
    commit(scratch.root, "overdue actions are errors")
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 1
    assert codes(doc, "new") == [("AC001", "actions.yaml")] * 2
    assert [f["was"] for f in doc["new"]] == ["warning", "warning"]
    assert codes(doc, "fixed") == []


def test_findings_held_back_by_a_broken_file_are_not_called_fixed(scratch: MiniRepo) -> None:
    """A meeting record that cannot be read holds back its body's findings (LD010): the
    change has not fixed them, it has hidden them until the file is fixed."""
    meeting = scratch.root / "meetings" / "group" / "2026-04-22.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("chair:", "chiar:"),
                       encoding="utf-8")
    commit(scratch.root, "a misspelt field")
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 1
    assert sorted(codes(doc, "new")) == [("LD010", "meetings/group/2026-04-22.md"),
                                         ("SC001", "meetings/group/2026-04-22.md")]
    assert codes(doc, "fixed") == []
    assert sorted(codes(doc, "held_back")) == sorted(BASE)
    text = run(scratch, "--baseline", "main").output
    assert "Fixed by this change" not in text
    assert f"{len(BASE)} not compared: held back until the files that cannot be read are " \
        "fixed." in text


def test_github_annotates_only_new_and_writes_a_summary_of_all_three(
        scratch: MiniRepo, tmp_path: Path) -> None:
    scratch.meeting("2026-02-18")  # fixes CA001
    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    commit(scratch.root, "two meetings")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n", encoding="utf-8")
    result = run(scratch, "--baseline", "main", "--format", "github",
                 env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=meetings/group/2026-05-13.md,line=5,")
    assert "title=CH011 chair-not-present::" in annotations[0]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier steps\n## minutebook check of this change")
    new, rest = text.split("### New in this change")[1].split("### Fixed by this change")
    fixed, existing = rest.split("### Already there before this change")
    assert all(word in new for word in ("`CH011`", "`meetings/group/2026-05-13.md:5`"))
    assert "`CA001`" in fixed
    assert "`CH011`" not in fixed
    assert all(word in existing for word in ("`TR001`", "<details>"))
    assert "`CH011`" not in existing
    assert "| 1 | 1 | 4 |" in text


def test_without_a_summary_file_github_format_only_annotates(scratch: MiniRepo) -> None:
    result = run(scratch, "--baseline", "main", "--format", "github",
                 env={"GITHUB_STEP_SUMMARY": ""})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Compared with main (" + git(scratch.root, "rev-parse", "main")[:10]
        + f"): 0 new (nothing), 0 fixed, {len(BASE)} already there."]


def test_parsable_lists_the_new_findings(scratch: MiniRepo) -> None:
    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    result = run(scratch, "--baseline", "HEAD", "--format", "parsable")
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        "meetings/group/2026-05-13.md:5:1"]


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~5", "", "main..HEAD"])
def test_a_bad_ref_is_a_usage_error(scratch: MiniRepo, ref: str) -> None:
    result = run(scratch, f"--baseline={ref}")
    assert result.exit_code == 2, result.output
    assert "is not a commit of this repository" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_folder_given_as_the_ref_is_explained(scratch: MiniRepo,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(scratch.root)
    result = CliRunner().invoke(cli, ["check", "--baseline", str(scratch.root)])
    assert result.exit_code == 2
    assert f"put it first: minutebook check {scratch.root} --baseline" in result.output


def test_outside_git_a_baseline_is_a_usage_error(repo: MiniRepo) -> None:
    repo.write()
    result = run(repo, "--baseline", "main")
    assert result.exit_code == 2
    assert "is not in a git repository" in result.output


def test_the_default_is_the_merge_base_with_main(scratch: MiniRepo) -> None:
    """main moves on after the branch was made (its gap is filled): compared with main's
    tip the branch would seem to bring the gap back; compared with the merge base it
    brings nothing."""
    git(scratch.root, "checkout", "-q", "main")
    scratch.meeting("2026-02-18")
    scratch.write()
    commit(scratch.root, "fill the gap on main")
    git(scratch.root, "checkout", "-q", "change")
    for args in (("--baseline",), ("--baseline", "auto"), ("--baseline=auto",)):
        code, doc = groups(scratch, *args)
        assert code == 0, args
        assert doc["baseline"]["ref"] == "merge base with main"
        assert doc["baseline"]["commit"] == git(scratch.root, "merge-base", "HEAD", "main")
        assert codes(doc, "new") == []
    code, doc = groups(scratch, "--baseline", "main")
    assert code == 1
    assert codes(doc, "new") == [("CA001", "meetings/group/2026-03-11.md")]
    # a clone: origin/HEAD names the default branch, whatever it is called
    git(scratch.root, "branch", "-q", "-m", "main", "trunk")
    git(scratch.root, "update-ref", "refs/remotes/origin/trunk", "trunk")
    git(scratch.root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    code, doc = groups(scratch, "--baseline")
    assert code == 0
    assert doc["baseline"]["ref"] == "merge base with origin/trunk"
    git(scratch.root, "update-ref", "-d", "refs/remotes/origin/HEAD")
    git(scratch.root, "update-ref", "-d", "refs/remotes/origin/trunk")
    result = run(scratch, "--baseline")
    assert result.exit_code == 2
    assert "found no default branch to compare with" in result.output


def test_the_working_tree_index_and_parse_cache_are_left_alone(scratch: MiniRepo) -> None:
    root = scratch.root
    scratch.meeting("2026-05-13")
    scratch.write()
    git(root, "add", "meetings/group/2026-05-13.md")
    (root / "actions.yaml").write_text((root / "actions.yaml").read_text() + "# note\n")
    assert run(scratch).exit_code == 1  # warms the parse cache of the working tree
    status = git(root, "status", "--porcelain")
    index = (root / ".git" / "index").read_bytes()
    cache = {p: p.read_bytes() for p in (root / ".cache").rglob("*") if p.is_file()
             and "parsed" in p.parts}
    assert cache
    assert run(scratch, "--baseline", "main").exit_code == 0
    assert git(root, "status", "--porcelain") == status
    assert (root / ".git" / "index").read_bytes() == index
    assert git(root, "worktree", "list").count("\n") == 0
    after = {p: p.read_bytes() for p in (root / ".cache").rglob("*") if p.is_file()
             and "parsed" in p.parts}
    assert after == cache  # the baseline tree's parses were kept apart
    assert sorted(p.name for p in (root / ".cache").iterdir()) == ["minutebook"]


def test_trees_left_by_killed_runs_are_removed_after_a_day(scratch: MiniRepo) -> None:
    cache = scratch.root / ".cache"
    old, recent = cache / "baseline-old", cache / "baseline-recent"
    for folder in (old, recent):
        (folder / "tree").mkdir(parents=True)
    os.utime(old, (0, 0))
    assert run(scratch, "--baseline", "main").exit_code == 0
    assert sorted(p.name for p in cache.iterdir()) == ["baseline-recent", "minutebook"]


def test_a_repository_in_a_subfolder_is_compared_with_the_same_subfolder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = MiniRepo(tmp_path / "records")
    repo.tor["review"]["last"] = "2025-03-01"
    repo.write()
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "records")
    repo.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    repo.write()
    code, doc = groups(repo, "--baseline", "main")
    assert code == 1
    assert codes(doc, "new") == [("CH011", "meetings/group/2026-05-13.md")]
    assert codes(doc, "existing") == [("TR001", "governance/tor/group/1.0.md")]
    monkeypatch.chdir(tmp_path / "records" / "meetings")  # a path relative to elsewhere
    result = CliRunner().invoke(cli, ["check", "..", "--today", TODAY, "--format", "json",
                                      "--baseline", "main"])
    assert json.loads(result.stdout)["summary"]["new"]["error"] == 1


# ---------------------------------------------------------------- matching


def finding(line: int = 1, severity: str = "error", message: str = "the meeting is late",
            path: str = "$.date", file: str = "meetings/group/2026-01-14.md") -> Finding:
    return Finding(file, line, 1, "CA001", "meeting-gap", "cadence", severity,  # type: ignore[arg-type]
                   message, "", path, "group")


def sorted_out(head: list[Finding], base: list[Finding]) -> tuple[list[int], ...]:
    today = date(2026, 5, 20)
    c = compare(CheckResult(today, head), CheckResult(today, base),
                Baseline("main", "0" * 40, Path("."), ""))
    return [f.line for f in c.new], [f.line for f in c.fixed], [f.line for f in c.existing]


def test_the_same_identity_twice_is_counted_not_collapsed() -> None:
    assert sorted_out([finding(5), finding(9)], [finding(5)]) == ([9], [], [5])
    assert sorted_out([finding(7)], [finding(3), finding(7)]) == ([], [3], [7])
    # moved: no line in common, still paired
    assert sorted_out([finding(20), finding(30)], [finding(2), finding(3)]) == ([], [], [20, 30])


def test_severity_raised_is_new_and_lowered_is_not() -> None:
    assert sorted_out([finding(2, "error")], [finding(2, "warning")]) == ([2], [], [])
    assert sorted_out([finding(2, "warning")], [finding(2, "error")]) == ([], [], [2])
    # the warning moved to line 8 is the old one; the error is what the change added
    today = date(2026, 5, 20)
    c = compare(CheckResult(today, [finding(2, "error"), finding(8, "warning")]),
                CheckResult(today, [finding(2, "warning")]),
                Baseline("main", "0" * 40, Path("."), ""))
    assert [(f.line, f.severity) for f in c.new] == [(2, "error")]
    assert c.raised == {}
    assert [(f.line, f.severity) for f in c.existing] == [(8, "warning")]


def test_identity_leaves_out_positions_counts_and_today() -> None:
    today = date(2026, 5, 20)
    assert normalise_message("duplicate key (first at line 12, column 3)", today) == \
        normalise_message("duplicate key (first at line 40, column 3)", today)
    assert normalise_message("attended 2 of 3 meetings (67%)", today) == \
        normalise_message("attended 3 of 4 meetings (75%)", today)
    assert normalise_message("overdue as of 2026-05-20", today) == \
        normalise_message("overdue as of 20 May 2026", today)
    for one, other in [("action sb-008 is open", "action sb-009 is open"),
                       ("due on 2026-02-01", "due on 2026-03-01"),
                       ("the meeting of 14 January 2026", "the meeting of 11 March 2026")]:
        assert normalise_message(one, today) != normalise_message(other, today)


def test_list_positions_become_what_they_point_at() -> None:
    data = {"actions": [{"id": "a-1"}, {"id": "a-2"}], "lead_partners": ["council", "police"],
            "rows": [{"value": 3}]}
    assert stable_path("$.actions[1].due", data) == "$.actions[id=a-2].due"
    assert stable_path("$.lead_partners[0]", data) == "$.lead_partners[=council]"
    assert stable_path("$.rows[0].value", data) == "$.rows[].value"
    assert stable_path("$.actions[7].due", data) == "$.actions[].due"
    assert stable_path("$.actions[0]['odd key'][2]", None) == "$.actions[].odd key[]"
    assert stable_path("not a path [3]", None) == "not a path []"


# ---------------------------------------------------------------- --fail-on


def test_fail_on_record_reports_governance_errors_without_failing(scratch: MiniRepo) -> None:
    """TR001 and CA001 (the partnership is behind its ToR) are governance errors."""
    assert run(scratch).exit_code == 1
    assert run(scratch, "--fail-on", "all").exit_code == 1
    result = run(scratch, "--fail-on", "record", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {f["code"]: f["kind"] for f in doc["findings"] if f["severity"] == "error"} == {
        "TR001": "governance", "CA001": "governance"}
    assert doc["status"] == "ok"
    assert run(scratch, "--fail-on", "record", "--strict").exit_code == 0  # warnings too
    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    assert run(scratch, "--fail-on", "record").exit_code == 1  # CH011: a record error


def test_fail_on_applies_to_the_new_findings_of_a_baseline(scratch: MiniRepo) -> None:
    scratch.config = {"checks": {"severity": {"AC001": "error"}}}  # governance, made worse
    scratch.write()
    assert run(scratch, "--baseline", "HEAD").exit_code == 1
    code, doc = groups(scratch, "--baseline", "HEAD", "--fail-on", "record")
    assert code == 0
    assert doc["status"] == "ok"
    assert codes(doc, "new") == [("AC001", "actions.yaml")] * 2  # still reported as new


def test_fail_on_is_checked() -> None:
    result = CliRunner().invoke(cli, ["check", "--fail-on", "governance"])
    assert result.exit_code == 2
    assert "'governance' is not one of 'all', 'record'" in result.output


def test_as_a_process_the_whole_report_and_the_exit_code_arrive(scratch: MiniRepo) -> None:
    import sys

    scratch.meeting("2026-05-13", chair="la", attendance={**ALL_PRESENT, "la": "apologies"})
    scratch.write()
    done = subprocess.run(
        [sys.executable, "-c", "from minutebook.cli import main; main()", "check",
         str(scratch.root), "--today", TODAY, "--baseline", "--format", "json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert codes(json.loads(done.stdout), "new") == [("CH011", "meetings/group/2026-05-13.md")]
    bad = subprocess.run(
        [sys.executable, "-c", "from minutebook.cli import main; main()", "check",
         str(scratch.root), "--baseline", "nowhere"],
        capture_output=True, text=True, timeout=120, check=False)
    assert bad.returncode == 2
    assert "'nowhere' is not a commit of this repository" in bad.stderr
    assert "Traceback" not in bad.stderr
