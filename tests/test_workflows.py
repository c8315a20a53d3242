"""The GitHub Actions workflows and templates are well-formed, least-privilege and consistent."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
FORMATS = {"text", "json", "github"}

_SCRIPT = re.compile(r"(?:(?<![\w./-])(source|\.)\s+)?(?<![\w./-])(?:\./)?(scripts/[\w.-]+)")
_MODULE = re.compile(r"\bpython3?\s+-m\s+(minutebook(?:\.\w+)*)")
_FORMAT = re.compile(r"\bminutebook\s+check\b[^\n]*?--format[ =](\S+)")


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The ``on:`` section, which PyYAML (YAML 1.1) reads as the key ``True``."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), "workflow has no 'on:' triggers"
    return on


def jobs(workflow: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = workflow.get("jobs")
    assert isinstance(found, dict)
    assert found, "workflow has no jobs"
    return found


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in jobs(workflow).values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [str(step["run"]) for step in steps(workflow) if "run" in step]


def permissions(workflow: dict[str, Any]) -> list[Any]:
    """Every ``permissions`` block: the top-level one and each job's."""
    blocks = [workflow["permissions"]] if "permissions" in workflow else []
    return blocks + [job["permissions"] for job in jobs(workflow).values() if "permissions" in job]


def grants(workflow: dict[str, Any], scope: str, level: str = "write") -> bool:
    for block in permissions(workflow):
        if block == f"{level}-all" or (isinstance(block, dict) and block.get(scope) == level):
            return True
    return False


def workflow(name: str) -> dict[str, Any]:
    path = GITHUB / "workflows" / f"{name}.yml"
    assert path.is_file(), f"missing {path.relative_to(ROOT)}"
    return load(path)


ids = [p.name for p in WORKFLOWS]


def test_the_workflows_exist() -> None:
    """The engine's tests and the example's content checks are separate workflows."""
    assert {p.stem for p in WORKFLOWS} >= {"engine", "content", "flags", "publish"}
    assert "check" not in {p.stem for p in WORKFLOWS}


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_parses_and_has_triggers_and_jobs(path: Path) -> None:
    data = load(path)
    assert isinstance(data.get("name"), str)
    assert triggers(data)
    for name, job in jobs(data).items():
        assert job.get("runs-on") == "ubuntu-latest", name
        assert isinstance(job.get("timeout-minutes"), int), f"{name} has no timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_never_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in triggers(load(path))


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_declares_permissions(path: Path) -> None:
    data = load(path)
    if "permissions" in data:
        assert data["permissions"] not in ("write-all", None)
        return
    missing = [name for name, job in jobs(data).items() if "permissions" not in job]
    assert not missing, f"jobs without permissions (and none at top level): {missing}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_scripts_exist_and_are_executable(path: Path) -> None:
    for run in runs(load(path)):
        for sourced, script in _SCRIPT.findall(run):
            file = ROOT / script
            assert file.is_file(), f"{path.name} runs {script}, which does not exist"
            if not sourced:
                assert os.access(file, os.X_OK), f"{path.name} runs {script}: not executable"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_python_modules_exist(path: Path) -> None:
    for run in runs(load(path)):
        for module in _MODULE.findall(run):
            assert importlib.util.find_spec(module) is not None, f"{path.name}: no {module}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_check_formats_are_known(path: Path) -> None:
    for run in runs(load(path)):
        for fmt in _FORMAT.findall(run):
            assert fmt in FORMATS, f"{path.name}: minutebook check --format {fmt}"


_PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=ids)
def test_actions_are_pinned_to_a_commit_with_the_version_in_a_comment(path: Path) -> None:
    """A tag can be moved; a full commit SHA cannot (the version comment is for Dependabot
    and readers)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "uses:" in ln]
    assert lines
    for line in lines:
        if "uses: ./" in line:
            continue
        assert _PINNED.search(line.strip()), \
            f"{path.name}: {line.strip()} (pin to a full commit SHA with '# vX.Y.Z')"


def test_dependabot_keeps_the_actions_current() -> None:
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"
    assert ecosystems["github-actions"]["schedule"]["interval"] in ("daily", "weekly")


def test_script_pattern() -> None:
    run = "scripts/test -q\nsource scripts/_setup.sh && ./scripts/build\nfoo/scripts/x"
    assert _SCRIPT.findall(run) == [
        ("", "scripts/test"),
        ("source", "scripts/_setup.sh"),
        ("", "scripts/build"),
    ]


@pytest.mark.parametrize("name", ["content", "engine"])
def test_pull_requests_run_with_a_read_only_token(name: str) -> None:
    data = workflow(name)
    assert "pull_request" in triggers(data)
    assert data["permissions"] == {"contents": "read"}
    for block in permissions(data):
        assert "write" not in str(block), "the pull request check must not write anything"
    assert not grants(data, "issues")
    assert data["concurrency"]["cancel-in-progress"] is True


def test_content_runs_only_the_checks_and_the_build() -> None:
    text = "\n".join(runs(workflow("content")))
    assert "scripts/build" in text
    assert "--format github" in text
    for engine_only in ("scripts/test", "pytest", "MINUTEBOOK_EXTRAS", "chromium", ".ci/run"):
        assert engine_only not in text, engine_only


def test_engine_runs_the_tests_as_ci_does() -> None:
    assert runs(workflow("engine")) == ["scripts/test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
    assert ci.rstrip().splitlines()[-1] == "exec scripts/test"


# ---------------------------------------------------------------- the pull request check


def check_step(name: str) -> dict[str, Any]:
    found = [s for s in workflow("content")["jobs"]["check"]["steps"] if s.get("name") == name]
    assert len(found) == 1, f"content.yml has no single step '{name}'"
    return found[0]


def test_check_compares_the_change_with_its_merge_base() -> None:
    """The pull request fails only on what it introduces: `check --baseline` against the
    merge base (the whole history is fetched so that it exists), which also writes the job
    summary of new, fixed and already-there findings."""
    steps = workflow("content")["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    change = check_step("The merge base")
    assert change["id"] == "change"
    assert change["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert 'git merge-base HEAD "origin/$BASE_REF"' in change["run"]
    governance = check_step("Governance checks of this change")
    assert governance["env"] == {"BASE": "${{ steps.change.outputs.base }}"}
    # a new governance finding is annotated but never fails: editors record what happened
    assert governance["run"].strip() == \
        '.venv/bin/minutebook check --baseline "$BASE" --fail-on record --format github'
    checks = [s for s in steps if "minutebook check" in s.get("run", "")]
    assert checks == [governance]  # no second, whole-repository verdict
    assert "--summary" not in "\n".join(runs(workflow("content")))  # the summary is the check's
    names = [s.get("name") for s in steps]
    assert names.index("Set up") < names.index("Governance checks of this change")
    assert names.index("Governance checks of this change") < names.index("Build the site")


def test_check_runs_no_expression_inside_a_script() -> None:
    """Values from the event reach scripts through env only (never ${{ }} in run:)."""
    for path in WORKFLOWS:
        for step in steps(load(path)):
            assert "${{" not in step.get("run", ""), (path.name, step.get("name"))


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "E", "GIT_COMMITTER_EMAIL": "e@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


RECORDS_ONLY = [
    ["meetings/group/2026-05-13.md"],
    ["governance/bodies/group.yaml", "governance/tor/group/1.1.md", "actions.yaml",
     "escalations.yaml", "minutebook.yaml", "scorecard/values/council.csv",
     "reports/group/2026-04-01_2026-09-30.md"],
]
ENGINE = [["src/minutebook/cli.py"], ["tests/test_new.py"], ["schemas/meeting.schema.json"],
          ["scripts/build"], ["pyproject.toml"], ["mkdocs.yml"], ["docs/contributing.md"],
          ["overrides/main.html"], [".github/workflows/content.yml"],
          ["meetings/group/2026-05-13.md", "src/minutebook/api.py"],
          ["governance.yaml"], ["actions.yaml.bak"], ["meetings.md"]]


def _glob(pattern: str) -> re.Pattern[str]:
    """A GitHub Actions path filter as a regular expression: ``**`` any characters, ``*``
    and ``?`` any but ``/``."""
    out = ""
    for part in re.split(r"(\*\*|\*|\?)", pattern):
        out += {"**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
    return re.compile(out + r"\Z")


def runs_on(name: str, changed: list[str], event: str = "pull_request") -> bool:
    """Whether GitHub starts the workflow for a change to these files: with ``paths``, when
    one of them matches; with ``paths-ignore``, unless every one matches."""
    on = triggers(workflow(name))[event] or {}
    if "paths" in on:
        return any(_glob(p).match(f) for p in on["paths"] for f in changed)
    if "paths-ignore" in on:
        return not all(any(_glob(p).match(f) for p in on["paths-ignore"]) for f in changed)
    return True


def test_glob() -> None:
    assert _glob("meetings/**").match("meetings/group/2026-05-13.md")
    assert _glob("actions.yaml").match("actions.yaml")
    assert not _glob("actions.yaml").match("actions.yaml.bak")
    assert not _glob("actions.yaml").match("actionsXyaml")
    assert not _glob("docs/*.md").match("docs/editors/errors.md")


@pytest.mark.parametrize(("changed", "engine"), [*((c, False) for c in RECORDS_ONLY),
                                                 *((c, True) for c in ENGINE)])
def test_the_engine_tests_run_unless_the_change_touches_only_records(
        changed: list[str], engine: bool) -> None:
    """The engine's tests are left out only when every changed file is a record (anything
    not known to be one, including a new kind of file, runs them); the content checks run
    for every change to the records."""
    for event in ("pull_request", "push"):
        assert runs_on("engine", changed, event) is engine, (event, changed)
    if not engine:
        assert runs_on("content", changed)
    assert triggers(workflow("engine"))["push"]["branches"] == ["main"]


@pytest.mark.parametrize("changed", [["docs/about.md"], ["mkdocs.yml"],
                                     ["src/minutebook/rules/quorum.py"],
                                     ["schemas/body.schema.json"], ["overrides/main.html"],
                                     ["personal-data-allow.yaml"]])
def test_the_content_checks_run_for_what_changes_the_published_site(changed: list[str]) -> None:
    assert runs_on("content", changed)


@pytest.mark.parametrize("changed", [["tests/test_new.py"], [".github/workflows/engine.yml"],
                                     ["tools/decap-server/package.json"]])
def test_the_content_checks_leave_out_changes_to_the_engines_tests_alone(
        changed: list[str]) -> None:
    assert not runs_on("content", changed)
    assert runs_on("engine", changed)


def test_the_merge_base_step(tmp_path: Path) -> None:
    """The step's own script, run in a scratch repository with a pull request's branch."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("records\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    _git(root, "checkout", "-q", "-b", "change")
    (root / "meetings").mkdir()
    (root / "meetings" / "a.md").write_text("changed\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "change")
    _git(root, "checkout", "-q", "main")
    (root / "README.md").write_text("main moved on\n")  # not part of the change
    _git(root, "commit", "-q", "-am", "later on main")
    _git(root, "update-ref", "refs/remotes/origin/main", "main")
    _git(root, "checkout", "-q", "change")
    output = tmp_path / "output"
    step = check_step("The merge base")
    # as GitHub runs it (bash -e), and stricter
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "GITHUB_OUTPUT": str(output), "BASE_REF": "main"},
                          check=False)
    assert done.returncode == 0, done.stderr
    values = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert values == {"base": _git(root, "merge-base", "HEAD", "main")}


@pytest.mark.parametrize(("name", "job", "first"), [
    ("content", "check", "minutebook check"),
    # on the default branch, so that every pull request can restore it, and daily
    ("publish", "build", "scripts/build"),
    ("flags", "flags", "minutebook check"),
])
def test_the_parse_cache_is_restored_before_checking(name: str, job: str, first: str) -> None:
    steps = workflow(name)["jobs"][job]["steps"]
    uses = [step.get("uses", "") for step in steps]
    cache = steps[next(i for i, u in enumerate(uses) if u.startswith("actions/cache@"))]
    assert cache["with"]["path"] == ".cache/minutebook"
    assert cache["with"]["restore-keys"] == "minutebook-parse-"
    assert "github.run_id" in cache["with"]["key"]  # a new entry per run, the newest restored
    first_check = next(i for i, s in enumerate(steps) if first in s.get("run", ""))
    assert steps.index(cache) < first_check


def test_flags_runs_daily_and_may_write_issues() -> None:
    data = workflow("flags")
    on = triggers(data)
    assert "workflow_dispatch" in on
    assert [entry["cron"] for entry in on["schedule"]]
    assert grants(data, "issues")
    assert not grants(data, "contents")
    assert not grants(data, "pull-requests")
    assert data["concurrency"]["cancel-in-progress"] is False
    sync = [s for s in steps(data) if "--findings findings.json" in str(s.get("run", ""))]
    assert len(sync) == 1
    assert "-m minutebook.ghsync" in sync[0]["run"]
    assert sync[0]["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_publish_deploys_to_pages_without_cancelling() -> None:
    data = workflow("publish")
    on = triggers(data)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = jobs(data)["build"], jobs(data)["deploy"]
    # the build runs the repository's code and installs packages: it cannot write to Pages
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses[-1] == "actions/upload-pages-artifact"
    assert build["steps"][-1]["with"]["path"] == "site"
    # Pages is configured first: the build gives the feeds the site's full address
    steps = {s.get("id") or s.get("name"): s for s in build["steps"]}
    assert steps["pages"]["uses"].startswith("actions/configure-pages@")
    assert steps["Build the site"]["run"] == "scripts/build"
    assert steps["Build the site"]["env"]["MINUTEBOOK_SITE_URL"] == \
        "${{ steps.pages.outputs.base_url }}"
    assert uses.index("actions/configure-pages") < build["steps"].index(steps["Build the site"])
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# ---------------------------------------------------------------- templates


def test_issue_forms() -> None:
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is False
    form = load(GITHUB / "ISSUE_TEMPLATE" / "correction.yml")
    assert {"name", "description", "body"} <= form.keys()
    fields = {item.get("id"): item for item in form["body"] if item["type"] != "markdown"}
    assert {"page", "wrong", "should-say", "organisation", "no-personal-data"} <= fields.keys()
    boxes = fields["no-personal-data"]["attributes"]["options"]
    assert all(box.get("required") is True for box in boxes)


def test_pull_request_templates_link_to_each_other() -> None:
    default = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"template=([\w.-]+\.md)", default))
    assert linked == {"new-minutes.md", "tor-change.md"}
    for name in linked:
        text = (GITHUB / "PULL_REQUEST_TEMPLATE" / name).read_text(encoding="utf-8")
        assert "- [ ]" in text
        assert "no names of children" in text.lower()


def test_codeowners_uses_placeholders_with_a_warning() -> None:
    text = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@example-org/" in text
    assert "replace" in text.lower()
    owners = [line.split()[1:] for line in text.splitlines() if line and not line.startswith("#")]
    assert owners
    assert all(owner and all(o.startswith("@") for o in owner) for owner in owners)


def test_without_the_base_branch_the_step_fails(
        tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("records\n")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    output = tmp_path / "output"
    output.write_text("")
    done = subprocess.run(["bash", "-e", "-c", check_step("The merge base")["run"]],
                          cwd=root, env={**os.environ, "GITHUB_OUTPUT": str(output),
                                         "BASE_REF": "main"}, capture_output=True, check=False)
    assert done.returncode != 0
    assert "base=" not in output.read_text()
