"""The overdue-flags sync against a fake ``gh`` that records commands and keeps issues in memory."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from minutebook import ghsync
from minutebook.ghsync import Operation

LIST = [
    "gh", "issue", "list", "--state", "all", "--label", "minutebook-flag", "--limit", "500",
    "--json", "number,title,body,state,labels",
]  # fmt: skip
LABEL = [
    "gh", "label", "create", "minutebook-flag", "--color", "D93F0B", "--force",
    "--description", "Raised automatically by the minutebook flags workflow",
]  # fmt: skip
FOOTER = (
    "This issue is maintained by the scheduled *flags* workflow: it is updated when these "
    "findings change, closed when they are resolved and reopened if they return. "
    "Fix the governance files in the repository rather than editing this issue.\n"
)


class FakeGh:
    """Stands in for ``gh``: records every command and keeps issues like GitHub would."""

    def __init__(self, issues: list[dict[str, Any]] | None = None) -> None:
        self.issues = issues or []
        self.calls: list[tuple[list[str], str | None]] = []

    def __call__(self, args: Sequence[str], stdin: str | None) -> str:
        args = list(args)
        self.calls.append((args, stdin))
        assert args[0] == "gh"
        verb = args[1:3]
        if verb == ["issue", "list"]:
            return json.dumps(self.issues)
        if verb == ["label", "create"]:
            return ""
        if verb == ["issue", "create"]:
            number = max((i["number"] for i in self.issues), default=0) + 1
            title = args[args.index("--title") + 1]
            label = {"id": "L1", "name": args[args.index("--label") + 1], "description": ""}
            self.issues.append(
                {"number": number, "title": title, "body": stdin, "state": "OPEN",
                 "labels": [label]}
            )  # fmt: skip
            return f"https://github.com/example-org/governance/issues/{number}\n"
        issue = self.issue(int(args[3]))
        if verb == ["issue", "edit"]:
            if "--title" in args:
                issue["title"] = args[args.index("--title") + 1]
            if "--body-file" in args:
                assert args[args.index("--body-file") + 1] == "-"
                issue["body"] = stdin
        elif verb == ["issue", "close"]:
            issue["state"] = "CLOSED"
        elif verb == ["issue", "reopen"]:
            issue["state"] = "OPEN"
        else:  # pragma: no cover - a command the sync must never run
            raise AssertionError(f"unexpected gh command {args}")
        return ""

    def issue(self, number: int) -> dict[str, Any]:
        return next(i for i in self.issues if i["number"] == number)

    def commands(self) -> list[list[str]]:
        return [args for args, _ in self.calls]


def finding(
    body: str | None,
    category: str,
    code: str,
    message: str,
    *,
    severity: str = "error",
    file: str = "governance/bodies/cs-steering-group.yaml",
    line: int = 1,
) -> dict[str, Any]:
    return {
        "file": file, "line": line, "column": 1, "path": "$", "code": code,
        "rule": code.lower(), "category": category, "severity": severity,
        "message": message, "hint": "", "body": body,
    }  # fmt: skip


def report(*findings: dict[str, Any], as_of: str = "2026-02-02") -> dict[str, Any]:
    counts = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}
    return {
        "status": "fail" if counts["error"] else "ok",
        "as_of": as_of,
        "summary": counts,
        "findings": list(findings),
    }


REVIEW = finding(
    "cs-steering-group", "review", "RV001", "Terms of reference review was due on 2026-01-01.",
    line=12,
)  # fmt: skip
CADENCE = finding(
    "cs-steering-group", "cadence", "CA002", "No meeting since 2025-10-14 (expected every 8 weeks).",
    severity="warning", file="meetings/cs-steering-group/2025-10-14.md", line=1,
)  # fmt: skip
ACTION = finding(
    "exec-board", "actions", "AC003", "Action A-017 is 21 days overdue.",
    severity="warning", file="actions.yaml", line=40,
)  # fmt: skip
IRRELEVANT = [
    finding("learning-review", "quorum", "QU001", "Decisions taken while inquorate.",
            file="meetings/learning-review/2026-01-14.md", line=3),
    finding("learning-review", "review", "RV009", "Review due in 30 days.", severity="info"),
    finding(None, "chair", "CH001", "Chair not named in the partnership file.", file="x.yaml"),
]  # fmt: skip

CS_BODY = (
    "<!-- minutebook-flag body=cs-steering-group -->\n"
    "`minutebook check` reports 2 findings about reviews, meeting cadence, chairing or actions "
    "for **cs-steering-group**.\n"
    "\n"
    "| Code | Severity | Message | Where |\n"
    "| --- | --- | --- | --- |\n"
    "| `RV001` | error | Terms of reference review was due on 2026-01-01. "
    "| `governance/bodies/cs-steering-group.yaml:12` |\n"
    "| `CA002` | warning | No meeting since 2025-10-14 (expected every 8 weeks). "
    "| `meetings/cs-steering-group/2025-10-14.md:1` |\n"
    "\n" + FOOTER
)
EB_BODY = (
    "<!-- minutebook-flag body=exec-board -->\n"
    "`minutebook check` reports 1 finding about reviews, meeting cadence, chairing or actions "
    "for **exec-board**.\n"
    "\n"
    "| Code | Severity | Message | Where |\n"
    "| --- | --- | --- | --- |\n"
    "| `AC003` | warning | Action A-017 is 21 days overdue. | `actions.yaml:40` |\n"
    "\n" + FOOTER
)


def run(gh: FakeGh, data: dict[str, Any], tmp_path: Path, *extra: str) -> int:
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    gh.calls.clear()
    return ghsync.main(["--findings", str(path), *extra], runner=gh)


@pytest.fixture
def gh() -> FakeGh:
    return FakeGh()


def test_first_run_creates_one_issue_per_flagged_body(
    gh: FakeGh, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(gh, report(CADENCE, *IRRELEVANT, ACTION, REVIEW), tmp_path) == 0
    create = ["gh", "issue", "create", "--title"]
    assert gh.calls == [
        (LIST, None),
        (LABEL, None),
        ([*create, "minutebook: cs-steering-group needs attention", "--body-file", "-",
          "--label", "minutebook-flag"], CS_BODY),
        ([*create, "minutebook: exec-board needs attention", "--body-file", "-",
          "--label", "minutebook-flag"], EB_BODY),
    ]  # fmt: skip
    assert capsys.readouterr().out == (
        "create cs-steering-group: new issue\ncreate exec-board: new issue\n"
    )


def test_second_identical_run_changes_nothing(gh: FakeGh, tmp_path: Path) -> None:
    data = report(REVIEW, CADENCE, ACTION, *IRRELEVANT)
    run(gh, data, tmp_path)
    before = json.dumps(gh.issues)
    assert run(gh, data, tmp_path) == 0
    assert gh.commands() == [LIST]
    assert json.dumps(gh.issues) == before
    assert ghsync.plan(data, gh.issues) == [
        Operation("leave", "cs-steering-group", number=1),
        Operation("leave", "exec-board", number=2),
    ]


def test_order_of_findings_and_as_of_date_do_not_cause_edits(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(REVIEW, CADENCE, ACTION, as_of="2026-02-02"), tmp_path)
    run(gh, report(ACTION, CADENCE, REVIEW, as_of="2026-02-03"), tmp_path)
    assert gh.commands() == [LIST]


def test_changed_findings_edit_the_body_only(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(REVIEW, CADENCE, ACTION), tmp_path)
    worse = dict(ACTION, message="Action A-017 is 28 days overdue.", severity="error")
    assert run(gh, report(REVIEW, CADENCE, worse), tmp_path) == 0
    new_body = EB_BODY.replace(
        "| `AC003` | warning | Action A-017 is 21 days overdue.",
        "| `AC003` | error | Action A-017 is 28 days overdue.",
    )
    assert gh.calls == [(LIST, None), (["gh", "issue", "edit", "2", "--body-file", "-"], new_body)]
    assert gh.issue(2)["body"] == new_body
    assert gh.issue(2)["state"] == "OPEN"


def test_resolved_body_is_closed_with_a_comment(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(REVIEW, CADENCE, ACTION), tmp_path)
    assert run(gh, report(REVIEW, CADENCE, *IRRELEVANT, as_of="2026-03-01"), tmp_path) == 0
    closed_comment = (
        "`minutebook check` as of 2026-03-01 no longer reports review, cadence, chairing or "
        "actions findings for **exec-board**. Closing automatically; this issue will be "
        "reopened if they return."
    )
    assert gh.calls == [
        (LIST, None),
        (["gh", "issue", "close", "2", "--comment", closed_comment], None),
    ]
    assert gh.issue(2)["state"] == "CLOSED"
    # Closed and still resolved: left alone.
    run(gh, report(REVIEW, CADENCE), tmp_path)
    assert gh.commands() == [LIST]


def test_unreadable_files_never_close_or_change_issues(
    gh: FakeGh, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a load or schema error the checks saw part of the records: a finding that is
    missing may just be unreadable, so issues are left as they are (new ones still open)."""
    run(gh, report(REVIEW, ACTION), tmp_path)
    before = json.dumps(gh.issues)
    broken = finding(None, "load", "LD001", "the YAML cannot be read", file="actions.yaml")
    assert run(gh, report(REVIEW, CADENCE, broken), tmp_path) == 0
    assert gh.commands() == [LIST]
    assert json.dumps(gh.issues) == before
    assert "only opened, not updated or closed" in capsys.readouterr().err
    schema = finding(None, "schema", "SC003", "'due' is not a real date", file="actions.yaml")
    assert not ghsync.complete(report(schema))
    assert ghsync.complete(report(REVIEW, dict(schema, severity="warning")))
    new_body = finding("lscp", "review", "RV001", "Review overdue.")
    assert ghsync.plan(report(new_body, broken), gh.issues) == [
        Operation("leave", "cs-steering-group", number=1),
        Operation("leave", "exec-board", number=2),
        Operation("create", "lscp", title="minutebook: lscp needs attention",
                  text=ghsync.render_issue_body("lscp", [new_body])),
    ]
    # a body whose findings return while another file is broken: its issue is reopened
    gh.issue(2)["state"] = "CLOSED"
    ops = ghsync.plan(report(ACTION, broken), gh.issues)
    assert [(o.action, o.body, o.number) for o in ops] == [
        ("leave", "cs-steering-group", 1), ("reopen", "exec-board", 2)]
    held = finding(None, "load", "LD010", "3 findings are held back", severity="info")
    assert not ghsync.complete(report(REVIEW, held))


def test_returning_findings_reopen_instead_of_duplicating(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(ACTION), tmp_path)
    run(gh, report(), tmp_path)
    assert run(gh, report(ACTION, as_of="2026-04-01"), tmp_path) == 0
    reopened_comment = (
        "`minutebook check` as of 2026-04-01 reports findings for **exec-board** again. "
        "Reopening automatically."
    )
    assert gh.calls == [
        (LIST, None),
        (["gh", "issue", "reopen", "1", "--comment", reopened_comment], None),
    ]
    assert [(i["number"], i["state"]) for i in gh.issues] == [(1, "OPEN")]


def test_reopen_also_edits_when_the_findings_differ(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(REVIEW, CADENCE), tmp_path)
    run(gh, report(), tmp_path)
    assert run(gh, report(REVIEW), tmp_path) == 0
    reopen, edit = gh.calls[1:]
    assert reopen[0][:4] == ["gh", "issue", "reopen", "1"]
    assert edit == (
        ["gh", "issue", "edit", "1", "--body-file", "-"],
        ghsync.render_issue_body("cs-steering-group", [REVIEW]),
    )
    assert len(gh.calls) == 3
    assert len(gh.issues) == 1


def test_only_flag_categories_at_warning_or_error_get_issues(gh: FakeGh, tmp_path: Path) -> None:
    info = dict(REVIEW, severity="info")
    others = [
        dict(REVIEW, category=c)
        for c in ("load", "schema", "quorum", "attendance", "minutes", "personal-data")
    ]
    assert run(gh, report(info, *others, *IRRELEVANT), tmp_path) == 0
    assert gh.commands() == [LIST]
    assert gh.issues == []


def test_each_flag_category_counts(gh: FakeGh) -> None:
    for category in ("review", "cadence", "chair", "actions"):
        ops = ghsync.plan(report(dict(REVIEW, category=category)), [])
        assert [(op.action, op.body) for op in ops] == [("create", "cs-steering-group")]


def test_issues_are_matched_by_marker_never_by_title(gh: FakeGh, tmp_path: Path) -> None:
    lookalike = {
        "number": 7, "title": "minutebook: exec-board needs attention",
        "body": "Someone opened this by hand.", "state": "OPEN", "labels": [],
    }  # fmt: skip
    gh.issues.append(lookalike)
    run(gh, report(ACTION), tmp_path)
    assert gh.commands()[2][:3] == ["gh", "issue", "create"]
    assert [i["number"] for i in gh.issues] == [7, 8]
    # The hand-made issue is never closed either.
    run(gh, report(), tmp_path)
    assert gh.commands() == [
        LIST,
        ["gh", "issue", "close", "8", "--comment", gh.calls[1][0][-1]],
    ]
    assert gh.issue(7)["state"] == "OPEN"


def test_a_renamed_issue_gets_its_title_back(gh: FakeGh, tmp_path: Path) -> None:
    run(gh, report(ACTION), tmp_path)
    gh.issue(1)["title"] = "board actions"
    gh.issue(1)["body"] = gh.issue(1)["body"].replace("\n", "\r\n")  # edited in the browser
    run(gh, report(ACTION), tmp_path)
    assert gh.calls == [
        (LIST, None),
        (["gh", "issue", "edit", "1", "--title", "minutebook: exec-board needs attention"], None),
    ]


def test_duplicate_open_issues_are_closed_in_favour_of_the_oldest(gh: FakeGh) -> None:
    issues = [
        {"number": n, "title": "t", "body": EB_BODY, "state": s, "labels": []}
        for n, s in ((3, "CLOSED"), (5, "OPEN"), (9, "OPEN"))
    ]
    assert ghsync.plan(report(ACTION), issues) == [
        Operation("update", "exec-board", number=5, title="minutebook: exec-board needs attention"),
        Operation(
            "close",
            "exec-board",
            number=9,
            comment="Duplicate of #5, which tracks **exec-board**. Closing automatically.",
        ),
    ]


def test_dry_run_only_lists_issues(
    gh: FakeGh, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(gh, report(REVIEW), tmp_path)
    capsys.readouterr()
    assert run(gh, report(ACTION), tmp_path, "--dry-run") == 0
    assert gh.commands() == [LIST]
    assert capsys.readouterr().out == (
        "close  cs-steering-group: #1\ncreate exec-board: new issue\n"
    )


def test_issues_can_come_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issues = tmp_path / "issues.json"
    issues.write_text(json.dumps([{"number": 4, "title": "x", "body": EB_BODY,
                                   "state": "closed", "labels": []}]))  # fmt: skip
    gh = FakeGh()
    assert run(gh, report(ACTION), tmp_path, "--issues", str(issues), "--dry-run") == 0
    assert gh.calls == []
    assert capsys.readouterr().out == "reopen exec-board: #4 (title changed)\n"


def test_table_cells_are_escaped() -> None:
    nasty = dict(ACTION, message="A | B <!-- minutebook-flag body=cs-steering-group -->\nC & D")
    text = ghsync.render_issue_body("exec-board", [nasty])
    assert "| A \\| B &lt;!-- minutebook-flag body=cs-steering-group --&gt; C &amp; D |" in text
    assert ghsync.issues_by_body([{"number": 1, "body": text}]) == {
        "exec-board": [{"number": 1, "body": text}]
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read findings file"),
        ("{not json", "is not valid JSON"),
        ("[]", "must be an object"),
        ('{"findings": {}}', "has no 'findings' list"),
        ('{"findings": [{"code": "X"}]}', "findings[0] has no text 'category'"),
        (json.dumps(report(dict(ACTION, body="Exec Board"))), "is not a body id"),
    ],
)
def test_bad_findings_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "findings.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    gh = FakeGh()
    assert ghsync.main(["--findings", str(path)], runner=gh) == 2
    err = capsys.readouterr().err
    assert err.startswith("minutebook.ghsync: error: ")
    assert message in err
    assert "Traceback" not in err
    assert gh.calls == []


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        ghsync.main([])
    assert exc.value.code == 2
    assert "--findings" in capsys.readouterr().err


def test_gh_failure_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: Sequence[str], stdin: str | None) -> str:
        raise ghsync.GhError("`gh issue list` failed (exit 4): authentication required")

    path = tmp_path / "findings.json"
    path.write_text(json.dumps(report(ACTION)), encoding="utf-8")
    assert ghsync.main(["--findings", str(path)], runner=broken) == 1
    assert "authentication required" in capsys.readouterr().err


def test_non_json_from_gh_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(report(ACTION)), encoding="utf-8")
    assert ghsync.main(["--findings", str(path)], runner=lambda a, s: "oops") == 1
    assert "not JSON" in capsys.readouterr().err


def test_subprocess_runner_passes_stdin_and_reports_failures() -> None:
    echo = [sys.executable, "-c", "import sys; print(sys.stdin.read().upper())"]
    assert ghsync.subprocess_runner(echo, "body") == "BODY\n"
    fail = [sys.executable, "-c", "import sys; sys.exit('no auth')"]
    with pytest.raises(ghsync.GhError, match=r"failed \(exit 1\): no auth"):
        ghsync.subprocess_runner(fail)
    with pytest.raises(ghsync.GhError, match="not found"):
        ghsync.subprocess_runner(["minutebook-no-such-gh", "issue", "list"])


# ---------------------------------------------------------------- step summary


def test_summary_table() -> None:
    text = ghsync.summary_markdown(report(ACTION, IRRELEVANT[1], REVIEW, IRRELEVANT[0]))
    assert text == (
        "## minutebook check (as of 2026-02-02)\n"
        "\n"
        "| Errors | Warnings | Info |\n"
        "| ---: | ---: | ---: |\n"
        "| 2 | 1 | 1 |\n"
        "\n"
        "| Severity | Code | Where | Message |\n"
        "| --- | --- | --- | --- |\n"
        "| error | `RV001` | `governance/bodies/cs-steering-group.yaml:12` "
        "| Terms of reference review was due on 2026-01-01. |\n"
        "| error | `QU001` | `meetings/learning-review/2026-01-14.md:3` "
        "| Decisions taken while inquorate. |\n"
        "| warning | `AC003` | `actions.yaml:40` | Action A-017 is 21 days overdue. |\n"
        "| info | `RV009` | `governance/bodies/cs-steering-group.yaml:1` "
        "| Review due in 30 days. |\n"
    )


def test_summary_without_findings_is_friendly() -> None:
    assert ghsync.summary_markdown(report()) == (
        "## minutebook check (as of 2026-02-02)\n"
        "\n"
        "| Errors | Warnings | Info |\n"
        "| ---: | ---: | ---: |\n"
        "| 0 | 0 | 0 |\n"
        "\n"
        "No findings: everything checked is in order. :white_check_mark:\n"
    )


def test_summary_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(report(dict(ACTION, file="", line=0))), encoding="utf-8")
    assert ghsync.main(["--summary", str(path)], runner=FakeGh()) == 0
    assert capsys.readouterr().out.endswith(
        "| warning | `AC003` | — | Action A-017 is 21 days overdue. |\n"
    )
    path.write_text("", encoding="utf-8")
    assert ghsync.main(["--summary", str(path)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err


def test_summary_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ghsync, "SUMMARY_ROW_LIMIT", 2)
    text = ghsync.summary_markdown(report(REVIEW, CADENCE, ACTION))
    rows = [line for line in text.splitlines() if line.startswith(("| error", "| warning"))]
    assert rows == [
        (
            "| error | `RV001` | `governance/bodies/cs-steering-group.yaml:12` "
            "| Terms of reference review was due on 2026-01-01. |"
        ),
        "| warning | `AC003` | `actions.yaml:40` | Action A-017 is 21 days overdue. |",
    ]
    assert text.endswith("…and 1 more (see the check's log).\n")
