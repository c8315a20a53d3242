"""Relative links between generated pages."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.site.links import _relative, href, md_link

# folders, then a file name with an extension (a folder and a file never share a name)
_folders = st.lists(st.sampled_from(["bodies", "meetings", "a", "b"]), max_size=3)
_file = st.sampled_from(["x.md", "y.html", "2026-01-14.md", "all.ics"])
_path = st.tuples(_folders, _file).map(lambda t: "/".join([*t[0], t[1]]))


@settings(max_examples=300, deadline=None, database=None)
@given(_path, _path)
def test_relative_agrees_with_posixpath(from_page: str, target: str) -> None:
    assert _relative(from_page, target) == posixpath.relpath(
        target, posixpath.dirname(from_page) or ".")


def test_links_point_at_built_pages_and_sources() -> None:
    assert href("meetings/sg/2026-01-14.md", "bodies/sg.md", "findings-quorum") == \
        "../../bodies/sg.html#findings-quorum"
    assert md_link("index.md", "calendar/all.ics") == "calendar/all.ics"
