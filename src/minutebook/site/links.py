"""Page paths and relative links between generated pages (site built without directory URLs)."""

from __future__ import annotations

from datetime import date


def body_page(body_id: str) -> str:
    return f"bodies/{body_id}.md"


def meeting_page(body_id: str, day: date) -> str:
    return f"meetings/{body_id}/{day.isoformat()}.md"


def organisation_page(org_id: str) -> str:
    return f"organisations/{org_id}.md"


def tor_page(tor_id: str) -> str:
    return f"tor/{tor_id}.md"


def _relative(from_page: str, target: str) -> str:
    """posixpath.relpath for two paths relative to the docs root (no '..' in either),
    without the file-system lookups relpath makes (it is called for every link)."""
    start = from_page.split("/")[:-1]
    parts = target.split("/")
    common = 0
    while common < len(start) and common < len(parts) - 1 and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


def report_page(body_id: str, start: date, end: date) -> str:
    return f"reports/{body_id}/{start.isoformat()}_{end.isoformat()}.md"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative URL from one generated page to another, as built (.md -> .html)."""
    target = to_page[:-3] + ".html" if to_page.endswith(".md") else to_page
    return _relative(from_page, target) + (f"#{anchor}" if anchor else "")


def md_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link for Markdown syntax: to the .md source, which MkDocs rewrites
    (and validates). Data files keep their own names."""
    return _relative(from_page, to_page) + (f"#{anchor}" if anchor else "")


def site_address(site_url: str, page: str) -> str:
    """A page's address for outside the site (calendar feeds, the Atom feed): absolute
    under ``site_url``, else the built page's path from the site's root ("/bodies/x.html")."""
    target = page[:-3] + ".html" if page.endswith(".md") else page
    return (site_url.rstrip("/") + "/" if site_url else "/") + target


def print_view_page(body_id: str) -> str:
    """A body's open actions, made to be printed for its meetings."""
    return f"bodies/{body_id}/open-actions.md"
