"""Checks on the built sample site's HTML that need no browser (they run without Chromium)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds a site


def _html(site: Path, source: str) -> str:
    """The built HTML of a sample page given its source path, whatever the URL style."""
    stem = source.removesuffix(".md")
    flat = site / f"{stem}.html"
    built = flat if flat.is_file() else site / stem / "index.html"
    return built.read_text(encoding="utf-8")


def test_template_syntax_in_content_stays_literal(sample_site_dir: Path) -> None:
    html = _html(sample_site_dir, "literal.md")
    assert "{{ 7*7 }}" in html
    assert "{% if true %}this{% endif %}" in html
    assert "{{ partner.contribution }}" in html
    assert "49" not in html.split('<article class="md-content__inner md-typeset">', 1)[1]


def test_internal_links_resolve(
    sample_site_dir: Path, check_links: Callable[[Path], list[str]]
) -> None:
    assert check_links(sample_site_dir) == []


def test_banner_front_matter_is_escaped(sample_site_dir: Path) -> None:
    html = _html(sample_site_dir, "meetings/2026-10-08-executive.md")
    assert "Not for publication &lt;b&gt;outside&lt;/b&gt; partner agencies &amp; their" in html
    assert "<b>outside</b>" not in html


def test_no_reference_to_other_hosts_in_pages(sample_site_dir: Path) -> None:
    """Cheap companion to the browser's request guard: no page loads anything by URL
    from elsewhere (fonts, scripts, styles, images, preconnects)."""
    offenders = []
    for page in sample_site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in (
            "fonts.googleapis",
            "fonts.gstatic",
            "unpkg.com",
            "cdn.jsdelivr",
            "api.github.com",
            'rel="preconnect"',
            'src="http',
            'href="//',
        ):
            if needle in text:
                offenders.append(f"{page.relative_to(sample_site_dir)}: {needle}")
    assert offenders == []


def test_maintainer_readme_is_not_published(sample_site_dir: Path) -> None:
    assert not (sample_site_dir / "assets" / "README").exists()
    assert not (sample_site_dir / "assets" / "index.html").exists()
    assert (sample_site_dir / "assets" / "mermaid.LICENSE.txt").is_file()
    assert (sample_site_dir / "assets" / "mermaid.min.js").is_file()
