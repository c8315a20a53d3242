"""What a site is made of, for any site engine: the generated pages and data files, the
meeting papers, and the engine's own files (``engine``), each at its path in the site.

The MkDocs plugin hands these to MkDocs; ``minutebook pages OUT`` writes them to a folder
for another Markdown site generator (``write``). No MkDocs import here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..load.safepath import inside, path_problem
from . import engine
from .pages import Site

# written into a folder by `write`: marks it as one that `write` may empty and refill
MARKER = ".minutebook-pages"


class PublishError(Exception):
    """A file the site needs cannot be published safely; nothing should be."""


def paper_bytes(root: Path, rel: str) -> bytes:
    """A meeting paper's content, read only if it is still an ordinary file inside the
    repository, reached through no link (the check found it so; it may have changed)."""
    if path_problem(root, rel) is not None or not inside(root, root / rel):
        raise PublishError(f"the paper {rel} is reached through a link or is outside the "
                           "repository; nothing was published (LD013)")
    try:
        fd = os.open(root / rel, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise PublishError(f"the paper {rel} cannot be read ({exc.strerror}); nothing was "
                           "published (LD013)") from None


@dataclass
class SiteTree:
    """Every file of a site but the theme: Markdown pages, other generated files, papers
    (content), and the engine's files (paths on disk)."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    engine: dict[str, Path] = field(default_factory=dict)


def site_tree(site: Site, root: Path, own: set[str] | frozenset[str] = frozenset()) -> SiteTree:
    """The site's files; ``own``: paths the repository supplies itself (under docs/), for
    which the engine's file of the same path is left out."""
    tree = SiteTree(pages=dict(site.pages), files=dict(site.files))
    for path, rel in site.copies.items():
        tree.files[path] = paper_bytes(root, rel)
    tree.engine = {p: f for p, f in engine.site_files().items() if p not in own}
    return tree


def check_folder(out: Path) -> None:
    """Refuse (PublishError) a folder ``write`` must not fill: a link (nothing is written
    through one), a file, or a folder holding anything but what ``write`` wrote before
    (its marker file, itself no link)."""
    if out.is_symlink():
        raise PublishError(f"{out} is a symbolic link; minutebook pages writes through no "
                           "link: name a new or empty folder")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        marker = out / MARKER
        if marker.is_symlink() or not marker.is_file():
            raise PublishError(f"{out} is not empty and was not written by minutebook pages; "
                               "name a new or empty folder")


def theme_tree() -> SiteTree:
    """The engine's theme overrides (a custom_dir), as a tree ``write`` can write."""
    base = engine.theme_dir()
    return SiteTree(engine={p.relative_to(base).as_posix(): p for p in sorted(base.rglob("*"))
                            if p.is_file() and not p.name.startswith(".")})


def write(tree: SiteTree, out: Path) -> int:
    """Write a site tree into ``out`` (replacing what ``write`` wrote there before; refused
    if it holds anything else); return the number of files written.

    The tree is written into a new folder beside ``out`` that then takes its place, so a
    failure part way leaves the previous output whole and nothing half-written."""
    check_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        new.chmod(0o755)  # (made private by mkdtemp) as a folder the user makes
        count = _fill(tree, new)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, old / "site")
            try:
                os.replace(new, out)
            except OSError:  # put the previous output back as it was
                os.replace(old / "site", out)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, out)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return count


def _fill(tree: SiteTree, out: Path) -> int:
    count = 0
    for path, text in tree.pages.items():
        _target(out, path).write_text(text, encoding="utf-8")
        count += 1
    for path, data in tree.files.items():
        _target(out, path).write_bytes(data)
        count += 1
    for path, source in tree.engine.items():
        shutil.copyfile(source, _target(out, path))
        count += 1
    (out / MARKER).write_text("Written by `minutebook pages`; rewritten on every run.\n",
                              encoding="utf-8")
    return count


def _target(out: Path, path: str) -> Path:
    target = out / path
    if not inside(out, target):  # (paths are made by the generator, never by editors)
        raise PublishError(f"{path} is outside the output folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
