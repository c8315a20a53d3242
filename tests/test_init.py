"""minutebook init: a new partnership's repository, holding only its own records and
settings, which checks clean, takes a body and a meeting from the commands, and builds with
nothing from this repository but the engine's wheel (the slow end-to-end test)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from minutebook import __version__
from minutebook.api import check
from minutebook.cli import cli
from minutebook.formats import FORMAT
from minutebook.newrepo import ENGINE_SOURCE, engine_range

ROOT = Path(__file__).resolve().parents[1]
NAME = "Northshire Safeguarding Partnership"
TODAY = date(2026, 12, 7)
_PINNED = re.compile(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def run(*args: str, ok: bool = True, stdin: str | None = None) -> Any:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def init(tmp_path: Path, *options: str) -> Path:
    root = tmp_path / "northshire"
    run("init", str(root), "--name", NAME, *options)
    return root


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def problems(root: Path, today: date = TODAY) -> list[str]:
    result = check(root, today, use_cache=False)
    return [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings
            if f.severity == "error" or f.code not in ("TR003", "TR006")]


# ---------------------------------------------------------------- what init writes


def test_name_alone_asks_nothing_and_writes_only_the_partnerships_files(
        tmp_path: Path) -> None:
    root = init(tmp_path)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        ".github/dependabot.yml", ".github/workflows/check.yml", ".github/workflows/flags.yml",
        ".github/workflows/publish.yml", ".gitignore", ".pre-commit-config.yaml", "README.md",
        "actions.yaml", "docs/about.md", "governance/bodies/README.md",
        "governance/organisations.yaml", "governance/partnerships.yaml",
        "governance/tor/README.md", "meetings/README.md", "minutebook.yaml", "mkdocs.yml",
        "requirements.txt", "scripts/_setup.sh", "scripts/build", "scripts/check"]
    # nothing of the engine: no source, tests, schemas, theme overrides or styles
    assert not any(f.startswith(("src/", "tests/", "schemas/", "overrides/", "docs/assets"))
                   for f in files)
    settings = load(root / "minutebook.yaml")
    assert settings["format"] == FORMAT
    assert settings["engine"] == engine_range() == f"minutebook>={_major_minor()},<" \
        f"{int(__version__.split('.')[0]) + 1}"
    assert settings["site_name"] == NAME
    assert settings["nation"] == "england-and-wales"
    assert (root / "requirements.txt").read_text().splitlines()[-1] == \
        f"minutebook=={__version__}"
    partnership = load(root / "governance/partnerships.yaml")["partnerships"]
    assert partnership == [{"id": "northshire-safeguarding-partnership", "name": NAME,
                            "framework": "other"}]
    assert load(root / "governance/organisations.yaml") == {"organisations": []}
    assert load(root / "actions.yaml") == {"actions": []}
    for script in ("scripts/build", "scripts/check"):
        assert os.access(root / script, os.X_OK), script
    assert "@@" not in "".join(p.read_text() for p in root.rglob("*") if p.is_file())
    assert problems(root) == []


def _major_minor() -> str:
    return ".".join(__version__.split(".")[:2])


def test_the_mkdocs_configuration_needs_no_copy_of_the_engines_files(tmp_path: Path) -> None:
    text = (init(tmp_path) / "mkdocs.yml").read_text()
    config = yaml.load(text, Loader=_Loader)
    assert config["theme"]["name"] == "material"
    assert "custom_dir" not in config["theme"]
    assert "extra_css" not in config
    assert "extra_javascript" not in config
    assert config["plugins"][-1] == {"minutebook": {"repository": "."}}
    assert "macros" not in str(config["plugins"])


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python/name tags as plain values."""


_Loader.add_constructor("!ENV", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                              lambda loader, suffix, node: suffix)


def test_options_fill_the_partnership_and_its_lead_partners(tmp_path: Path) -> None:
    root = init(tmp_path, "--short-name", "NSP", "--nation", "wales",
                "--framework", "working-together-2023", "--repo", "Northshire/governance",
                "--organisation", "Northshire Council:local-authority",
                "--organisation", "Northshire Police:police",
                "--organisation", "NHS Northshire ICB:icb",
                "--organisation", "Northshire Youth Charity:voluntary-sector")
    partnership = load(root / "governance/partnerships.yaml")["partnerships"][0]
    assert partnership["short_name"] == "NSP"
    assert partnership["framework"] == "working-together-2023"
    assert partnership["lead_partners"] == [
        {"organisation": "northshire-council", "post": "Chief Executive"},
        {"organisation": "northshire-police", "post": "Chief Constable"},
        {"organisation": "nhs-northshire-icb", "post": "Chief Executive"}]
    orgs = {o["id"]: o for o in load(root / "governance/organisations.yaml")["organisations"]}
    assert orgs["northshire-youth-charity"] == {
        "id": "northshire-youth-charity", "name": "Northshire Youth Charity",
        "kinds": ["voluntary-sector"]}
    assert orgs["northshire-police"]["statutory_partner"] is True
    assert load(root / "minutebook.yaml")["nation"] == "england-and-wales"
    assert "site_url: !ENV [MINUTEBOOK_SITE_URL, \"https://northshire.github.io/governance/\"]" \
        in (root / "mkdocs.yml").read_text()
    assert "git clone https://github.com/Northshire/governance.git" in \
        (root / "README.md").read_text()
    # left to say: who scrutinises the arrangements, and whom each lead partner delegates to
    codes = [f.code for f in check(root, TODAY, use_cache=False).findings]
    assert sorted(codes) == ["ST002", "ST002", "ST002", "ST003"]


def test_questions_at_a_terminal_when_the_name_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("minutebook.cli_init._interactive", lambda: True)
    root = tmp_path / "asked"
    answers = (f"{NAME}\nNSP\nengland\ncare-act-2014\nNorthshire Council:council\n"
               "Northshire Council:local-authority\n\nnorthshire/records\n")
    result = run("init", str(root), stdin=answers)
    assert "is not one of" in result.output  # the wrong kind is asked again
    partnership = load(root / "governance/partnerships.yaml")["partnerships"][0]
    assert partnership["framework"] == "care-act-2014"
    assert partnership["short_name"] == "NSP"
    assert [o["id"] for o in load(root / "governance/organisations.yaml")["organisations"]] \
        == ["northshire-council"]


@pytest.mark.parametrize("args", [
    [],  # no name, and no terminal to ask at
    ["--name", NAME, "--organisation", "Northshire Council"],
    ["--name", NAME, "--organisation", "Northshire Council:county"],
    ["--name", NAME, "--repo", "not a repository"],
    ["--name", "***"],
])
def test_refused_without_writing_anything(tmp_path: Path, args: list[str]) -> None:
    root = tmp_path / "new"
    result = run("init", str(root), *args, ok=False)
    assert result.exit_code == 2, result.output
    assert not root.exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "records"
    root.mkdir()
    (root / "notes.txt").write_text("mine\n")
    result = run("init", str(root), "--name", NAME, ok=False)
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in root.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    run("init", str(empty), "--name", NAME)
    assert (empty / "minutebook.yaml").is_file()
    assert {p.name for p in tmp_path.iterdir()} == {"records", "empty"}  # nothing outside


def test_new_body_then_new_meeting_check_clean(tmp_path: Path) -> None:
    root = init(tmp_path, "--organisation", "Northshire Council:local-authority",
                "--organisation", "Northshire Police:police")
    out = run("new", "body", "executive", "--name", "Safeguarding Partnership Executive",
              "--kind", "executive", "--seat", "northshire-council:Director of Children's "
              "Services", "--seat", "northshire-police", "--path", str(root),
              "--today", TODAY.isoformat()).output
    assert "Wrote governance/bodies/executive.yaml (2 seats)" in out
    body = load(root / "governance/bodies/executive.yaml")
    assert body["partnership"] == "northshire-safeguarding-partnership"
    assert body["seats"] == [
        {"id": "northshire-council-director-of-childrens-services",
         "organisation": "northshire-council", "post": "Director of Children's Services"},
        {"id": "northshire-police", "organisation": "northshire-police"}]
    tor = (root / "governance/tor/executive/1.0.md").read_text()
    assert "status: draft" in tor
    assert f"in_force_from: {TODAY.isoformat()}" in tor
    day = (TODAY + timedelta(days=30)).isoformat()
    run("new", "meeting", "executive", "--date", day, "--path", str(root),
        "--today", TODAY.isoformat())
    assert (root / f"meetings/executive/{day}.md").is_file()
    assert problems(root) == []
    codes = {f.code for f in check(root, TODAY, use_cache=False).findings}
    assert codes == {"TR003", "TR006"}  # a draft in force, its review not stated yet
    again = run("new", "body", "executive", "--name", "X", "--kind", "board",
                "--path", str(root), ok=False)
    assert again.exit_code == 2
    assert "already a body 'executive'" in again.output


def test_new_body_refuses_an_unknown_organisation(tmp_path: Path) -> None:
    root = init(tmp_path, "--organisation", "Northshire Council:local-authority")
    result = run("new", "body", "board", "--name", "Board", "--kind", "board",
                 "--seat", "northshire-counsil:Chief Executive", "--path", str(root), ok=False)
    assert result.exit_code == 2
    assert "Did you mean 'northshire-council'?" in result.output
    assert not (root / "governance/bodies/board.yaml").exists()
    assert not (root / "governance/tor/board").exists()


# ---------------------------------------------------------------- the workflows


def workflow(root: Path, name: str) -> dict[str, Any]:
    data = load(root / ".github/workflows" / f"{name}.yml")
    data["on"] = data.pop(True, data.get("on"))  # PyYAML reads on: as True
    return data


def _runs(data: dict[str, Any]) -> list[str]:
    return [str(s["run"]) for job in data["jobs"].values() for s in job["steps"] if "run" in s]


def _commands(data: dict[str, Any]) -> list[list[str]]:
    """Every command the workflow runs, one per line, as words."""
    return [shlex.split(line) for run in _runs(data) for line in run.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_the_pull_request_check_installs_only_the_engine_and_runs_only_check_and_build(
        tmp_path: Path) -> None:
    root = init(tmp_path)
    data = workflow(root, "check")
    assert list(data["on"]) == ["pull_request"]
    assert data["permissions"] == {"contents": "read"}
    installs = [c for c in _commands(data) if "pip" in c and "install" in c]
    assert installs == [[".venv/bin/python", "-m", "pip", "install",
                         "--disable-pip-version-check", "-r", "requirements.txt"]]
    requirements = [ln for ln in (root / "requirements.txt").read_text().splitlines()
                    if ln and not ln.startswith("#")]
    assert requirements == [f"minutebook=={__version__}"]
    text = "\n".join(_runs(data))
    for banned in ("-e .", "pytest", "chromium", "playwright", "scripts/test", "npm"):
        assert banned not in text, banned
    # what runs: the merge base, the virtualenv, the engine's check and the build
    ran = [(c[0], c[1] if len(c) > 1 else "") for c in _commands(data)]
    assert ran == [("base=$(git merge-base HEAD origin/$BASE_REF)", ""),
                   ("echo", "base=$base"), ("python", "-m"), (".venv/bin/python", "-m"),
                   (".venv/bin/minutebook", "check"), (".venv/bin/mkdocs", "build")]
    steps = data["jobs"]["check"]["steps"]
    named = {s.get("name"): s for s in steps}
    assert named["Governance checks of this change"]["run"].strip() == \
        '.venv/bin/minutebook check --baseline "$BASE" --fail-on record --format github'
    assert named["Build the site"]["run"].strip() == ".venv/bin/mkdocs build --strict"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    assert data["jobs"]["check"]["timeout-minutes"] <= 10


@pytest.mark.parametrize("name", ["check", "publish", "flags"])
def test_the_workflows_pin_actions_and_keep_event_values_out_of_scripts(
        tmp_path: Path, name: str) -> None:
    root = init(tmp_path)
    path = root / ".github/workflows" / f"{name}.yml"
    uses = [ln.strip() for ln in path.read_text().splitlines() if "uses:" in ln]
    assert uses
    assert all(_PINNED.search(u) for u in uses), uses
    data = workflow(root, name)
    for run_text in _runs(data):
        assert "${{" not in run_text
    assert "pytest" not in "\n".join(_runs(data))
    for command in _commands(data):
        if "install" in command:
            assert command[-2:] == ["-r", "requirements.txt"]


def test_publish_and_flags(tmp_path: Path) -> None:
    root = init(tmp_path)
    publish = workflow(root, "publish")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert publish["jobs"]["build"]["steps"][-1]["with"]["path"] == "site"
    flags = workflow(root, "flags")
    assert flags["on"]["schedule"]
    assert flags["permissions"] == {"contents": "read", "issues": "write"}
    assert any("-m minutebook.ghsync --findings findings.json" in r for r in _runs(flags))


def test_the_pre_commit_hook_is_defined_here_and_used_there(tmp_path: Path) -> None:
    hooks = load(ROOT / ".pre-commit-hooks.yaml")
    hook = next(h for h in hooks if h["id"] == "minutebook-check")
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "meetings/board/2026-01-14.md")
    assert re.search(hook["files"], "actions.yaml")
    assert not re.search(hook["files"], "README.md")
    root = init(tmp_path)
    config = load(root / ".pre-commit-config.yaml")
    assert config["repos"] == [{"repo": ENGINE_SOURCE, "rev": f"v{__version__}",
                                "hooks": [{"id": "minutebook-check"}]}]
    # the hook's command, run in the new repository
    words = hook["entry"].split()
    assert words[0] == "minutebook"
    result = CliRunner().invoke(cli, [*words[1:], str(root)])
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- end to end


@pytest.mark.slow
def test_end_to_end_from_the_wheel_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    """The wheel built from this repository, installed in a fresh virtualenv, makes a
    repository with init, a body and a meeting with the commands; the check is clean and
    the repository's own scripts/build (installing the same wheel) publishes them."""
    started = time.monotonic()
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheels = list(dist.glob("minutebook-*.whl"))
    assert len(wheels) == 1
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", str(wheels[0])],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    env["NO_MKDOCS_2_WARNING"] = "1"
    repo = tmp_path / "northshire"

    def mb(*args: str) -> str:
        done = subprocess.run([str(venv / "bin/minutebook"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    # the installed engine is the wheel's, not this checkout
    where = subprocess.run([str(venv / "bin/python"), "-c",
                            "import minutebook; print(minutebook.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    assert str(venv) in where.stdout
    mb("init", str(repo), "--name", NAME)
    # the starter files travel in the wheel, dot-files included
    for rel in (".github/workflows/check.yml", ".pre-commit-config.yaml", ".gitignore",
                "scripts/build", "mkdocs.yml"):
        assert (repo / rel).is_file(), rel
    mb("new", "body", "executive", "--name", "Safeguarding Partnership Executive",
       "--kind", "executive", "--path", str(repo))
    day = date.today() + timedelta(days=40)
    mb("new", "meeting", "executive", "--date", day.isoformat(), "--path", str(repo))
    assert "0 errors" in mb("check", str(repo))
    env.update(MINUTEBOOK_SPEC=str(wheels[0]), MINUTEBOOK_VENV=str(venv))
    for script in ("scripts/check", "scripts/build"):
        done = subprocess.run([script], cwd=repo, env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    site = repo / "site"
    body = (site / "bodies/executive.html").read_text(encoding="utf-8")
    assert "Safeguarding Partnership Executive" in body
    day_words = f"{day.day} {day:%B %Y}"
    meeting = site / f"meetings/executive/{day.isoformat()}.html"
    assert meeting.is_file()
    assert day_words in meeting.read_text(encoding="utf-8")
    assert "Safeguarding Partnership Executive" in (site / "index.html").read_text()
    assert day_words in (site / "calendar.html").read_text(encoding="utf-8")
    # the engine's styles and guides came from the package
    assert (site / "assets/minutebook.css").is_file()
    assert (site / "editors/add-minutes.html").is_file()
    assert not (repo / "docs/assets").exists()
    print(f"end to end: {time.monotonic() - started:.1f} s")
