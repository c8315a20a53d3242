"""What the printed pages say on every sheet, and a body's open actions to print (issue 18.5).

The browser tests (tests/browser/test_print.py) print these pages to PDF; here the
generator's side: the running footer in each page's front matter, the classification it
carries in each edition, and the one-body print view.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from minirepo import MiniRepo
from minutebook.api import check
from minutebook.site.pages import Site, render_site
from minutebook.site.printing import highest

TODAY = date(2026, 6, 1)


def _site(repo: MiniRepo, edition: str = "public") -> Site:
    repo.write()
    result = check(repo.root, TODAY)
    assert result.errors == [], [f.message for f in result.errors]
    return render_site(result, edition)


def _footer(page: str) -> dict[str, Any]:
    return yaml.safe_load(page.split("---", 2)[1])["print_footer"]


def _repo(repo: MiniRepo) -> MiniRepo:
    repo.meeting("2026-01-14")
    repo.meeting("2026-02-25", classification="OFFICIAL-SENSITIVE")
    repo.action(id="a-late", raised="2026-01-14", due="2026-03-01",
                description="Send the audit summary to partners.")
    repo.action(id="a-soon", raised="2026-01-14", due="2026-05-01",
                description="Book the training.", status="done", closed="2026-04-01")
    repo.action(id="a-next", raised="2026-01-14", due="2026-09-01",
                description="Publish the learning briefing.",
                updates=[{"meeting": "2026-02-25", "note": "Draft circulated."}])
    repo.action(id="a-secret", raised="2026-02-25", due="2026-12-01",
                description="Contact the family's school about the review.")
    return repo


def test_highest_classification_orders_markings() -> None:
    assert highest([]) == "OFFICIAL"
    assert highest(["OFFICIAL", "OFFICIAL-SENSITIVE", "OFFICIAL"]) == "OFFICIAL-SENSITIVE"
    assert highest(["OFFICIAL", "SECRET"]) == "SECRET"  # an unknown marking is not lowered


def test_every_public_page_prints_as_official_with_its_subject_and_date(
        repo: MiniRepo) -> None:
    site = _site(_repo(repo))
    assert {_footer(p)["classification"] for p in site.pages.values()} == {"OFFICIAL"}
    meeting = _footer(site.pages["meetings/group/2026-01-14.md"])
    assert meeting == {"subject": "Safeguarding Group", "when": "Meeting of 14 January 2026",
                       "classification": "OFFICIAL"}
    assert _footer(site.pages["bodies/group.md"])["when"] == "As of 1 June 2026"
    assert _footer(site.pages["actions.md"])["subject"] == "Action tracker"


def test_internal_edition_marks_pages_with_the_highest_classification_shown(
        repo: MiniRepo) -> None:
    site = _site(_repo(repo), "internal")
    assert _footer(site.pages["meetings/group/2026-02-25.md"])["classification"] == \
        "OFFICIAL-SENSITIVE"
    assert _footer(site.pages["meetings/group/2026-01-14.md"])["classification"] == "OFFICIAL"
    for path in ("bodies/group.md", "bodies/group/open-actions.md", "actions.md"):
        assert _footer(site.pages[path])["classification"] == "OFFICIAL-SENSITIVE", path


def test_open_actions_print_view_lists_open_actions_overdue_first(repo: MiniRepo) -> None:
    site = _site(_repo(repo))
    page = site.pages["bodies/group/open-actions.md"]
    body = page.split("---", 2)[2]
    assert body.index("a-late") < body.index("a-next")
    assert "a-soon" not in body  # done
    assert "a-secret" not in body  # raised at a restricted meeting: not in the public edition
    assert "2 open actions as of 1 June 2026, 1 of them overdue" in body
    assert "Overdue" in body
    assert "1 March 2026" in body
    assert "Draft circulated." not in body  # an update at a restricted meeting
    assert "open-actions.md" in site.pages["bodies/group.md"]
    internal = _site(repo, "internal").pages["bodies/group/open-actions.md"]
    assert "a-secret" in internal
    assert "Latest update, 25 February 2026: Draft circulated." in internal


def test_a_body_without_open_actions_has_no_print_view(repo: MiniRepo) -> None:
    repo.meeting("2026-01-14")
    repo.action(id="a-done", status="done", closed="2026-01-20")
    site = _site(repo)
    assert "bodies/group/open-actions.md" not in site.pages
    assert "open-actions.md" not in site.pages["bodies/group.md"]
