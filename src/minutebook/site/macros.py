"""Template code runs only on the pages the site configuration names.

The macros plugin runs Python through Jinja on a page whose front matter says
``render_macros: true``. A page must not turn that on by itself (anyone who can open a
pull request could run code on the build machine): the pages allowed are listed in
``mkdocs.yml`` (the minutebook plugin's ``macros_pages``, empty by default). The
``minutebook check`` side of this is rule HT002 (``rules/content_safety.py``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ..docpages import macros_line, turns_on_macros


def decide(page: str, meta: dict[str, Any], allowed: Collection[str],
           source: str | None) -> bool:
    """Whether the macros plugin may render a page (docs-relative path); a page not
    allowed that turns rendering on by itself raises ValueError saying where and why."""
    if page in allowed:
        return True
    if turns_on_macros(meta):
        raise ValueError(
            f"docs/{page}:{macros_line(source)}: the front matter turns template rendering on "
            "(render_macros); template code could run anything on the build machine, so "
            "only pages named in mkdocs.yml (the minutebook plugin's macros_pages list) are "
            "rendered. Remove render_macros from the page, or have a maintainer add the "
            "page to macros_pages")
    return False
