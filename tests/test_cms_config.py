"""The form editor's configuration (``minutebook cms``, issue 19 part 1) and its page.

The browser tests (tests/browser/test_cms.py) fill the forms against decap-server; these
check what the configuration offers against the records and the schemas, the staleness
check, and the /admin/ page written into a built site.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import PluginError

from minirepo import MiniRepo
from minutebook.cli import cli
from minutebook.cmsconfig import CONFIG_PATH, generate
from minutebook.site import editor

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"


def _repo(tmp_path: Path) -> MiniRepo:
    repo = MiniRepo(tmp_path / "repo")
    repo.meeting("2026-01-14", milestones={"papers-circulated": "2026-01-07"})
    repo.action()
    repo.write()
    return repo


def _config(tmp_path: Path) -> dict:
    return yaml.safe_load(generate(_repo(tmp_path).root))


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def test_cms_config_is_up_to_date() -> None:
    """The committed cms/config.yml is what `minutebook cms` makes now (as the rule
    reference: run `minutebook cms` after changing a body's seats)."""
    assert (ROOT / CONFIG_PATH).read_text(encoding="utf-8") == generate(ROOT)


def test_cms_check_reports_a_stale_config(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(cli, ["cms", "--path", str(repo.root), "--check"])
    assert missing.exit_code == 1
    assert "cms/config.yml is missing" in missing.output
    assert runner.invoke(cli, ["cms", "--path", str(repo.root)]).exit_code == 0
    fresh = runner.invoke(cli, ["cms", "--path", str(repo.root), "--check"])
    assert fresh.exit_code == 0, fresh.output
    repo.body["seats"].append({"id": "probation", "organisation": "council",
                               "post": "Probation Manager"})
    repo.write()
    stale = runner.invoke(cli, ["cms", "--path", str(repo.root), "--check"])
    assert stale.exit_code == 1
    assert "out of date" in stale.output
    assert "Run `minutebook cms`" in stale.output


def test_cms_meeting_form_lists_the_body_seats(tmp_path: Path) -> None:
    config = _config(tmp_path)
    meetings = _field(config["collections"], "meetings-group")
    assert meetings["folder"] == "meetings/group"
    assert meetings["format"] == "yaml-frontmatter"
    assert meetings["slug"] == "{{fields.date}}"  # named by the meeting's date
    fields = meetings["fields"]
    seats = [s["id"] for s in MiniRepo(tmp_path).body["seats"]]
    attendance = _field(fields, "attendance")["fields"]
    assert [f["name"] for f in attendance] == seats
    schema = json.loads((SCHEMAS / "meeting.schema.json").read_text(encoding="utf-8"))
    statuses = schema["$defs"]["attendance"]["oneOf"][0]["enum"]
    for seat in attendance:
        assert sorted(_field(seat["fields"], "status")["options"]) == sorted(statuses)
        assert _field(seat["fields"], "by")["widget"] == "string"
    assert [o["value"] for o in _field(fields, "chair")["options"]] == seats
    assert _field(fields, "chair")["options"][0]["label"] == \
        "Head of Safeguarding – Borough Council (la)"
    assert _field(fields, "date")["format"] == "YYYY-MM-DD"
    milestones = [f["name"] for f in _field(fields, "milestones")["fields"]]
    assert "papers-circulated" in milestones
    assert all(f["format"] == "YYYY-MM-DD" for f in _field(fields, "milestones")["fields"])
    assert _field(fields, "body")["widget"] == "markdown"
    minutes = _field(fields, "minutes")["fields"]
    assert _field(minutes, "status")["options"] == [
        {"label": "draft", "value": "draft"}, {"label": "approved", "value": "approved"}]
    # every front-matter field the form writes is one the schema knows
    known = set(schema["properties"])
    assert {f["name"] for f in fields} - {"body"} <= known


def test_cms_actions_form_follows_the_schema(tmp_path: Path) -> None:
    config = _config(tmp_path)
    actions = _field(config["collections"], "actions")["files"][0]
    assert actions["file"] == "actions.yaml"
    item = actions["fields"][0]["fields"]
    schema = json.loads((SCHEMAS / "actions.schema.json").read_text(encoding="utf-8"))
    action = schema["$defs"]["action"]
    assert {f["name"] for f in item} <= set(action["properties"])
    required = {f["name"] for f in item if f.get("required", True)}
    assert set(action["required"]) <= required
    assert _field(item, "status")["options"] == action["properties"]["status"]["enum"]
    owners = _field(_field(item, "owner")["fields"], "seat")["options"]
    assert [o["value"] for o in owners] == [s["id"] for s in MiniRepo(tmp_path).body["seats"]]
    update = _field(item, "updates")["fields"]
    assert {f["name"] for f in update} <= set(schema["$defs"]["update"]["properties"])


def test_cms_backend_is_github_with_the_editorial_workflow(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    repo.config = {"editor": {"repo": "example-scp/governance", "branch": "main",
                              "base_url": "https://sign-in.example.org"}}
    repo.write()
    assert [p for p in repo.problems() if p.startswith("minutebook.yaml")] == []
    config = yaml.safe_load(generate(repo.root))
    assert config["backend"] == {"name": "github", "repo": "example-scp/governance",
                                 "branch": "main", "squash_merges": True,
                                 "base_url": "https://sign-in.example.org"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] is True
    local = yaml.safe_load(generate(repo.root, local_backend_url="http://127.0.0.1:9/api/v1"))
    assert local["local_backend"] == {"url": "http://127.0.0.1:9/api/v1"}


def test_cms_admin_page_is_written_only_with_a_config(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    assert editor.publish(repo.root, site, "Example") is False
    assert not (site / "admin").exists()
    (repo.root / "cms").mkdir()
    (repo.root / CONFIG_PATH).write_text(generate(repo.root), encoding="utf-8")
    assert editor.publish(repo.root, site, "Example & co") is True
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "Example &amp; co" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources == ["data:,", "admin.css", "admin.js", "decap/decap-cms.js"]
    for rel in sources[1:]:
        assert (site / "admin" / rel).is_file()
    assert (site / "admin" / "decap" / "LICENSE.txt").is_file()
    assert (site / "admin" / "config.yml").read_text(encoding="utf-8") == \
        (repo.root / CONFIG_PATH).read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src &#x27;self&#x27;" in policy
    assert "connect-src &#x27;self&#x27; https://api.github.com" in policy


def _published(tmp_path: Path, config: object) -> Path:
    """A repository whose cms/config.yml is ``config`` (YAML text when a str)."""
    repo = _repo(tmp_path)
    (repo.root / "cms").mkdir()
    text = config if isinstance(config, str) else yaml.safe_dump(config)
    (repo.root / CONFIG_PATH).write_text(text, encoding="utf-8")
    return repo.root


@pytest.mark.parametrize("api_root", [
    "https://x; script-src * x@api.github.com",
    "https://* *@h",
    "https://*.example.org",
    "https://user@api.github.com",
    "https://a.example.org,https://b.example.org",
    "http://api.example.org",
    "javascript:alert(1)",
    "https://api.github.com'",
])
def test_cms_admin_refuses_an_api_root_that_is_not_an_origin(tmp_path: Path,
                                                             api_root: str) -> None:
    root = _published(tmp_path, {"backend": {"name": "github", "repo": "a/b",
                                             "api_root": api_root}})
    site = tmp_path / "site"
    with pytest.raises(PluginError) as refused:
        editor.publish(root, site, "Example")
    assert "cms/config.yml" in str(refused.value)
    assert "backend.api_root" in str(refused.value)
    assert "minutebook.yaml" in str(refused.value)
    assert not (site / "admin").exists()


def test_cms_admin_policy_keeps_only_the_origin(tmp_path: Path) -> None:
    policy = editor.content_security_policy({
        "backend": {"name": "github", "api_root": "https://GHE.example.org:8443/api/v3"},
        "local_backend": {"url": "http://127.0.0.1:9/api/v1"}})
    connect = next(d for d in policy.split("; ") if d.startswith("connect-src"))
    assert connect.split() == ["connect-src", "'self'", "https://ghe.example.org:8443",
                               "https://www.githubstatus.com", "http://127.0.0.1:9",
                               "http://127.0.0.1:8081", "blob:", "data:"]
    with pytest.raises(editor.EditorConfigError):
        editor.content_security_policy({"local_backend": {"url": "http://evil.example:80"}})


def test_cms_admin_refuses_a_linked_cms_folder(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "config.yml").write_text(generate(repo.root), encoding="utf-8")
    (repo.root / "cms").symlink_to(elsewhere, target_is_directory=True)
    site = tmp_path / "site"
    with pytest.raises(PluginError, match=r"cms/config\.yml.*\(cms\).*symbolic link"):
        editor.publish(repo.root, site, "Example")
    assert not (site / "admin").exists()


@pytest.mark.parametrize(("text", "problem"), [
    ("- a list\n- not settings\n", "not a mapping"),
    ("just words\n", "not a mapping"),
    ("backend: [unclosed\n", "while parsing"),
    ("backend: [a, b]\n", "backend is not a mapping"),
])
def test_cms_admin_reports_a_config_that_is_not_settings(tmp_path: Path, text: str,
                                                          problem: str) -> None:
    root = _published(tmp_path, text)
    with pytest.raises(PluginError) as refused:
        editor.publish(root, tmp_path / "site", "Example")
    message = str(refused.value)
    assert message.startswith("minutebook: cms/config.yml: ")
    assert problem in message


def test_cms_body_form_offers_chair_terms_from_the_seats(tmp_path: Path) -> None:
    """Changing the chair (issue 19): end the current term, add the next, seats chosen
    from the body's own."""
    config = _config(tmp_path)
    governance = _field(config["collections"], "governance")
    body_file = next(f for f in governance["files"] if f["name"] == "body-group")
    assert body_file["file"] == "governance/bodies/group.yaml"
    terms = _field(body_file["fields"], "chair_terms")
    assert terms["widget"] == "list"
    assert "day before" in terms["hint"]
    item = terms["fields"]
    seats = [s["id"] for s in MiniRepo(tmp_path).body["seats"]]
    assert [o["value"] for o in _field(item, "seat")["options"]] == [*seats, "vacant"]
    schema = json.loads((SCHEMAS / "body.schema.json").read_text(encoding="utf-8"))
    term = schema["$defs"]["chair_term"]
    assert {f["name"] for f in item} == set(term["properties"])
    assert _field(item, "role")["options"] == term["properties"]["role"]["enum"]
    assert _field(item, "how")["options"] == term["properties"]["how"]["enum"]
    for name in ("from", "until"):
        assert _field(item, name)["widget"] == "datetime"
        assert _field(item, name)["format"] == "YYYY-MM-DD"
    assert _field(item, "until").get("required") is False
    # every body of the repository has one, with its own seats
    root_config = yaml.safe_load((ROOT / CONFIG_PATH).read_text(encoding="utf-8"))
    files = _field(root_config["collections"], "governance")["files"]
    bodies = [f for f in files if f["name"].startswith("body-")]
    assert len(bodies) == len(list((ROOT / "governance" / "bodies").glob("*.yaml")))
    for body_file in bodies:
        declared = yaml.safe_load((ROOT / body_file["file"]).read_text(encoding="utf-8"))
        options = _field(_field(body_file["fields"], "chair_terms")["fields"], "seat")
        assert [o["value"] for o in options["options"]] == \
            [s["id"] for s in declared["seats"]] + ["vacant"]


def test_cms_tor_approval_form_shows_only_the_approval(tmp_path: Path) -> None:
    """Approving a draft (what `minutebook review --approved-by` does): one entry per ToR
    version file, with status, approved {date, by, at_meeting} and in_force_from only."""
    repo = _repo(tmp_path)
    repo.tor_version("2.0", "2026-06-01", status="draft")
    repo.write()
    config = yaml.safe_load(generate(repo.root))
    tors = _field(config["collections"], "tor-approval")
    assert tors["format"] == "yaml-frontmatter"
    assert tors.get("delete") is False
    assert "create" not in tors
    paths = sorted(f["file"] for f in tors["files"])
    assert paths == ["governance/tor/group/1.0.md", "governance/tor/group/2.0.md"]
    assert all((repo.root / p).is_file() for p in paths)
    schema = json.loads((SCHEMAS / "tor.schema.json").read_text(encoding="utf-8"))
    for entry in tors["files"]:
        fields = entry["fields"]
        assert [f["name"] for f in fields] == ["status", "approved", "in_force_from"]
        assert _field(fields, "status")["options"] == schema["properties"]["status"]["enum"]
        approved = _field(fields, "approved")["fields"]
        props = schema["properties"]["approved"]["anyOf"][0]["properties"]
        assert [f["name"] for f in approved] == list(props)
        assert "default" not in _field(approved, "at_meeting")
        assert [o["value"] for o in _field(approved, "by")["options"]] == ["group"]
        assert _field(fields, "in_force_from")["format"] == "YYYY-MM-DD"


def test_cms_reports_a_malformed_minutebook_yaml_in_one_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    settings = repo.root / "minutebook.yaml"
    settings.write_text('editor:\n  repo: "unclosed\n  branch: main\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["cms", "--path", str(repo.root)])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: minutebook.yaml, line 2: the quote (\") that starts "
                               "here is never closed"), lines[0]
    assert not (repo.root / CONFIG_PATH).exists()


def test_cms_in_a_read_only_checkout_is_refused_in_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    repo = _repo(tmp_path)

    def mkstemp(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EROFS, "Read-only file system", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = CliRunner().invoke(cli, ["cms", "--path", str(repo.root)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    assert ("cannot write cms/config.yml (the checkout is on a read-only file system); "
            "nothing was written") in result.output
    assert not (repo.root / CONFIG_PATH).exists()
