"""The GitHub Actions workflows and templates are well-formed, least-privilege and consistent."""

from __future__ import annotations

import importlib.util
import os
import re
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


def test_the_three_workflows_exist() -> None:
    assert {p.stem for p in WORKFLOWS} >= {"check", "flags", "publish"}


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


def test_check_runs_on_pull_requests_with_read_only_token() -> None:
    data = workflow("check")
    assert "pull_request" in triggers(data)
    assert data["permissions"] == {"contents": "read"}
    for block in permissions(data):
        assert "write" not in str(block), "the pull request check must not write anything"
    assert not grants(data, "issues")
    assert data["concurrency"]["cancel-in-progress"] is True
    text = "\n".join(runs(data))
    assert "scripts/test" in text
    assert "scripts/build" in text
    assert "--format github" in text
    assert '-m minutebook.ghsync --summary findings.json >> "$GITHUB_STEP_SUMMARY"' in text


@pytest.mark.parametrize(("name", "job", "first"), [
    ("check", "check", "minutebook check"),
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
    assert uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert build["steps"][-1]["with"]["path"] == "site"
    assert "scripts/build" in "\n".join(str(s.get("run", "")) for s in build["steps"])
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
