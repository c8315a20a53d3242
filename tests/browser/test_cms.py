"""The form editor at /admin/ (issue 19 parts 1-2), in Chromium, against a real back end.

A small repository (tests/minirepo.py) is copied to a temporary folder and put under git;
decap-server (pinned in tools/decap-server/, installed by scripts/test) serves it on a free
port; the site is built with the repository's own site configuration and served; the
editor's configuration comes from ``minutebook cms --local-backend`` pointing at that
decap-server. The tests fill the forms as an editor would, save, and judge the files
written with ``minutebook check`` and the rebuilt site. Screenshots of the real editor are
copied to docs/editors/img/ for the editors' guide (refreshed with
MINUTEBOOK_GUIDE_SCREENSHOTS=1 scripts/test tests/browser/test_cms.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT, _unavailable
from minirepo import MiniRepo

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOOLS = ROOT / "tools" / "decap-server"
SERVER = TOOLS / "node_modules" / ".bin" / "decap-server"
GUIDE_IMG = ROOT / "docs" / "editors" / "img"
TODAY = "2026-04-01"
NEW_DAY = "2026-03-11"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _decap_server() -> Path:
    """decap-server as pinned in tools/decap-server (installed with npm if missing)."""
    if not SERVER.exists():
        npm = shutil.which("npm")
        if npm is None:
            _unavailable("npm is needed to install decap-server (tools/decap-server)")
        subprocess.run([npm, "ci" if (TOOLS / "package-lock.json").exists() else "install",
                        "--no-audit", "--no-fund"], cwd=TOOLS, check=True,
                       capture_output=True, timeout=600)
    return SERVER


def _site_config(root: Path) -> None:
    """The repository's own site configuration, without its navigation and strict mode."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n(?:[ \-].*\n|\n)*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^strict: true$", "strict: false", text, flags=re.MULTILINE)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    *args], cwd=root, check=True, capture_output=True)


def _minutebook(*args: str) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "minutebook"
    return subprocess.run([str(command), *args], text=True,
                          capture_output=True, check=False, timeout=300,
                          env={**os.environ, "MINUTEBOOK_NO_CACHE": "1"})


class Editing:
    """The repository, its decap-server and its served site."""

    def __init__(self, root: Path, site: Path, url: str) -> None:
        self.root, self.site, self.url = root, site, url

    def build(self) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MINUTEBOOK_TODAY": TODAY,
               "MINUTEBOOK_NO_CACHE": "1"}
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d",
                               str(self.site)], cwd=self.root, env=env, text=True,
                              capture_output=True, check=False, timeout=600)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def findings(self, file: str) -> list[str]:
        proc = _minutebook("check", str(self.root), "--today", TODAY, "--format", "json")
        data = json.loads(proc.stdout)
        items = data["findings"] if isinstance(data, dict) else data
        return [f"{f['code']} {f['message']}" for f in items if f.get("file") == file]


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory,
            serve_site: Callable[[Path], str]) -> Iterator[Editing]:
    server = _decap_server()
    base = tmp_path_factory.mktemp("cms")
    root = base / "repo"
    repo = MiniRepo(root)
    # dates written bare (as people and the commands write them), not as quoted text
    repo.meeting("2026-01-14", date=date(2026, 1, 14), minutes={"status": "draft"},
                 milestones={"papers-circulated": date(2026, 1, 7)},
                 decisions=[{"id": "d1", "text": "Agreed the plan."}])
    repo.action(id="a-1", raised="2026-01-14", due="2026-06-01")
    repo.write()
    _site_config(root)
    port = _free_port()
    made = _minutebook("cms", "--path", str(root), "--local-backend",
                       f"http://127.0.0.1:{port}/api/v1")
    assert made.returncode == 0, made.stdout + made.stderr
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "records")
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    log = base / "decap-server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(server)], env=env, cwd=root, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"decap-server did not start: {log.read_text()}",
                                pytrace=False)
                time.sleep(0.2)
        site = base / "site"
        editing = Editing(root, site, "")
        editing.build()
        editing.url = serve_site(site) + "admin/"
        yield editing
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _log_in(page: Page, url: str, check: Callable[..., None] | None = None) -> None:
    page.set_default_timeout(15_000)
    page.goto(url)
    if check is not None:
        expect(page.get_by_role("button", name="Login")).to_be_visible()
        check(page, "the editor's sign-in page")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Meetings: Safeguarding Group")).to_be_visible()


def _choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a select field (a combobox) by its label."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def _publish(page: Page) -> None:
    """Publish the entry (with decap-server in its file mode: write the file) and wait
    until the editor says it is saved."""
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("menuitem", name="Publish now").click()
    expect(page.get_by_text("Changes saved", exact=False).first).to_be_visible(timeout=60_000)


def _wait_for(path: Path, needle: str = "", timeout: float = 60,
              page: Page | None = None) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            time.sleep(0.3)  # decap-server writes in place: wait until the file is whole
            if needle in text and path.read_text(encoding="utf-8") == text:
                return text
        time.sleep(0.2)
    if page is not None:
        page.screenshot(path=str(ROOT / "tests" / "artifacts" / "cms-not-written.png"))
    pytest.fail(f"{path.name} was not written with {needle!r}", pytrace=False)


def _keep(shot: Path, name: str) -> None:
    """Copy a screenshot into the editors' guide: when it has none yet, or when asked with
    MINUTEBOOK_GUIDE_SCREENSHOTS=1 (a new render differs in a few pixels every run, so the
    guide's pictures are not rewritten by every test run)."""
    target = GUIDE_IMG / name
    if target.exists() and os.environ.get("MINUTEBOOK_GUIDE_SCREENSHOTS") != "1":
        return
    GUIDE_IMG.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, target)


def test_cms_meeting_record_from_the_form(editing: Editing, new_page: Callable[..., Page],
                                          screenshot: Callable[..., Path],
                                          assert_accessible: Callable[..., None]) -> None:
    page = new_page(locale="en-GB")
    _log_in(page, editing.url, assert_accessible)
    expect(page.get_by_text("Loading Entries")).to_have_count(0)
    assert_accessible(page, "the editor's collections")
    page.get_by_role("link", name="Meetings: Safeguarding Group").click()
    _keep(screenshot(page, "cms-collection", full_page=False), "forms-collection.png")
    page.get_by_role("link", name=re.compile("meeting of the Safeguarding Group$")).click()
    page.get_by_label("Date of the meeting").fill(NEW_DAY)
    page.get_by_label("Start time (HH:MM) (optional)").fill("10:00")
    page.get_by_label("Where (optional)").fill("Town Hall")
    _choose(page, "Chair (the seat that chaired) (optional)",
            "Head of Safeguarding – Borough Council (la)")
    attendance = {"la": "present", "la2": "apologies", "pol": "present", "nurse": "deputy",
                  "trust": "present", "vcs": "absent"}
    labels = {"la": "Head of Safeguarding – Borough Council (la)",
              "la2": "Early Help Manager – Borough Council (la2)",
              "pol": "Inspector – County Police (pol)",
              "nurse": "Designated Nurse – Integrated Care Board (nurse)",
              "trust": "Named Nurse – Hospital Trust (trust)",
              "vcs": "Service Manager – Youth Charity (vcs)"}
    for seat, status in attendance.items():
        _choose(page, f"{labels[seat]} (optional)", status)
    page.get_by_label("If a deputy for nurse: who attended (their post) (optional)").fill(
        "Deputy Designated Nurse")
    page.get_by_text("Attendance (optional)", exact=True).first.evaluate(
        "e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -90); }")
    _keep(screenshot(page, "cms-attendance", full_page=False), "forms-attendance.png")
    minutes = page.locator('[aria-label="markdown field"]')
    minutes.get_by_role("switch").click()  # rich text -> Markdown
    minutes.locator("textarea, [role=textbox]").last.fill(
        "## Welcome and apologies\n\nThe chair welcomed members.\n\n"
        "## Multi-agency data\n\nThe group noted the quarter's figures.\n")
    _keep(screenshot(page, "cms-meeting-form", full_page=False), "forms-meeting.png")
    assert_accessible(page, "the meeting form")
    _publish(page)
    written = editing.root / "meetings" / "group" / f"{NEW_DAY}.md"
    text = _wait_for(written, "quarter's figures", page=page)
    front = yaml.safe_load(text.split("---\n")[1])
    assert str(front["date"]) == NEW_DAY
    assert front["chair"] == "la"
    assert front["attendance"]["nurse"] == {"status": "deputy", "by": "Deputy Designated Nurse"}
    assert front["attendance"]["la2"] == {"status": "apologies"}
    assert editing.findings(f"meetings/group/{NEW_DAY}.md") == []
    # approve the previous meeting's minutes: open its record, as an editor would
    page.goto(editing.url + "#/collections/meetings-group")
    page.get_by_role("link", name=re.compile("^2026-01-14")).click()
    expect(page.get_by_label("Date of the meeting")).to_have_value("2026-01-14")
    _choose(page, "Status of these minutes", "approved")
    page.get_by_label("Approved at the meeting of (optional)").fill(NEW_DAY)
    _keep(screenshot(page, "cms-approve-minutes", full_page=False), "forms-approve.png")
    _publish(page)
    earlier = editing.root / "meetings" / "group" / "2026-01-14.md"
    text = _wait_for(earlier, "approved_at", page=page)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["minutes"]["status"] == "approved"
    assert str(front["minutes"]["approved_at"]) == NEW_DAY
    assert front["attendance"] == {"la": "present", "la2": "present", "pol": "present",
                                   "nurse": "present", "trust": "present", "vcs": "present"}
    assert front["decisions"] == [{"id": "d1", "text": "Agreed the plan."}]  # not in the form
    assert re.search(r"^date: 2026-01-14$", text, re.MULTILINE), text
    assert re.search(r"^  papers-circulated: 2026-01-07$", text, re.MULTILINE), text
    assert editing.findings("meetings/group/2026-01-14.md") == []
    editing.build()
    page_html = (editing.site / "meetings" / "group" / f"{NEW_DAY}.html").read_text("utf-8")
    assert "quarter" in page_html
    assert "Multi-agency data" in page_html


def test_cms_action_raised_then_closed(editing: Editing, new_page: Callable[..., Page],
                                       screenshot: Callable[..., Path],
                                       assert_accessible: Callable[..., None]) -> None:
    page = new_page(locale="en-GB")
    _log_in(page, editing.url)
    page.get_by_role("link", name="Actions").click()
    page.get_by_role("link", name="Action tracker").click()
    page.get_by_role("button", name=re.compile("^Add action")).click()
    page.get_by_label("Reference (e.g. sg-031)", exact=True).last.fill("a-2")
    _choose_last(page, "Body", "Safeguarding Group")
    page.get_by_label("Raised at the meeting of", exact=True).last.fill("2026-01-14")
    page.get_by_label("Action", exact=True).last.fill("Share the audit findings with every partner.")
    _choose_last(page, "Seat", "Safeguarding Group: Inspector – County Police (pol)")
    page.get_by_label("Due", exact=True).last.fill("2026-05-01")
    _keep(screenshot(page, "cms-action-raise", full_page=False), "forms-action.png")
    assert_accessible(page, "the action tracker's form")
    _publish(page)
    tracker = editing.root / "actions.yaml"
    _wait_for(tracker, "Share the audit findings")
    assert editing.findings("actions.yaml") == []
    data = yaml.safe_load(tracker.read_text(encoding="utf-8"))
    assert [a["id"] for a in data["actions"]] == ["a-1", "a-2"]
    # close it: an update reviewed at a meeting, status done, the day it closed
    page.reload()
    summary = page.get_by_text("a-2: Share the audit findings")
    summary.locator("xpath=..").locator("button").first.click()  # open the action
    page.get_by_role("button", name=re.compile("^Add update")).last.click()
    # reported by e-mail between meetings (an update names a meeting, or a day and how)
    page.get_by_label("Or reported on (between meetings) (optional)", exact=True).last.fill(
        "2026-03-20")
    page.get_by_label("Reported by (email, chair, owner...) (optional)", exact=True).last.fill(
        "email")
    page.get_by_label("What was reported", exact=True).last.fill("Shared with every partner.")
    _choose_last(page, "New status (done to close) (optional)", "done")
    _choose_last(page, "Status", "done")
    page.get_by_label("Closed on (optional)", exact=True).last.fill("2026-03-20")
    _keep(screenshot(page, "cms-action-close", full_page=False), "forms-action-close.png")
    _publish(page)
    text = _wait_for(tracker, "Shared with every partner")
    action = yaml.safe_load(text)["actions"][-1]
    assert action["status"] == "done"
    assert str(action["closed"]) == "2026-03-20"
    assert action["updates"] == [{"date": action["updates"][0]["date"], "by": "email",
                                  "note": "Shared with every partner.", "status": "done"}]
    assert editing.findings("actions.yaml") == []


def _choose_last(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).last.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_cms_organisations_and_membership_forms_open(
        editing: Editing, new_page: Callable[..., Page],
        assert_accessible: Callable[..., None]) -> None:
    """The governance forms read the files as they are (nothing saved here: saving rewrites
    the YAML without its comments, see docs/editors/forms.md)."""
    page = new_page(locale="en-GB")
    _log_in(page, editing.url)
    page.get_by_role("link", name="Organisations and memberships").click()
    page.get_by_role("link", name="Membership: Safeguarding Group").click()
    expect(page.get_by_text("la: Head of Safeguarding")).to_be_visible()
    expect(page.get_by_text("vcs: Service Manager")).to_be_visible()
    assert_accessible(page, "a body's membership form")
    page.go_back()
    page.get_by_role("link", name="Organisations", exact=True).click()
    expect(page.get_by_text("Borough Council", exact=True)).to_be_visible()
    assert_accessible(page, "the organisations form")
