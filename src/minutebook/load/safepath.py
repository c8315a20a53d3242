"""Nothing from outside the repository: refuse links and special files.

A symbolic link (or a FIFO, a device, a socket) inside the folders minutebook reads, in
``docs/`` (which the site publishes as it is) or in the cache would let a record, a page
or the cache read or write any file on the machine that runs the check or the build. They
are never followed: the loader reports them (LD011, at the link) and reads nothing through
them, the site build refuses to start, and the cache is not used.

Folders that cannot be listed (no permission) are reported too (LD012), instead of
stopping the check.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .yamlsrc import Problem

LINK_HINT = ("replace the link with the file or folder itself (commit the content, not a "
             "link), or remove it: minutebook never follows links, so that nothing outside "
             "the repository is read or published")
SPECIAL_HINT = "remove it: only ordinary files and folders belong in the repository"


def what_special(mode: int) -> str:
    """How to call a file that is neither an ordinary file, a folder nor a link."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a special file"


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def link_problem(path: str, rel: str) -> Problem:
    """LD011 for a symbolic link at ``rel`` (``path``: where it is on disk)."""
    return Problem("link", 1, 1, f"{rel} is a symbolic link (to {_link_target(path)}); it "
                   "is not followed, so nothing in it is read", LINK_HINT)


def special_problem(rel: str, mode: int) -> Problem:
    """LD011 for a FIFO, device or socket at ``rel``."""
    return Problem("link", 1, 1, f"{rel} is {what_special(mode)}, not an ordinary file; it "
                   "is not read", SPECIAL_HINT)


def unreadable_problem(rel: str, exc: OSError) -> Problem:
    """LD012 for a folder that cannot be listed."""
    return Problem("folder", 1, 1, f"the folder {rel}/ cannot be read ({exc.strerror or exc}); "
                   "its files are left out of every check",
                   f"make it readable by the user that runs minutebook (e.g. chmod u+rx "
                   f"{rel}), then run the check again")


def path_problem(root: Path, rel: str, *,
                 folder: bool = False) -> tuple[str, Problem] | None:
    """(where, problem) if ``rel`` (a file, or with ``folder`` a folder) or any folder on
    the way to it under ``root`` is a link or a special file; None if safe or absent."""
    parts = rel.split("/")
    path = str(root)
    for i, part in enumerate(parts):
        path = os.path.join(path, part)
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM) and i:  # its folder cannot be read
                parent = "/".join(parts[:i])
                return parent, unreadable_problem(parent, exc)
            return None  # absent
        here = "/".join(parts[:i + 1])
        if stat.S_ISLNK(mode):
            return here, link_problem(path, here)
        last = i == len(parts) - 1
        if stat.S_ISDIR(mode):
            if last and not folder:
                return None  # a folder where a file is expected: not found as a file
            continue
        if stat.S_ISREG(mode):
            return None  # a file on the way, or the file itself: fine here
        return here, special_problem(here, mode)
    return None


def entry_problem(entry: os.DirEntry[str], rel: str) -> Problem | None:
    """A problem if a folder's entry is a link or a special file (no system call on most
    systems: the type comes with the listing)."""
    if entry.is_symlink():
        return link_problem(entry.path, rel)
    if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
        return None
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return None
    return special_problem(rel, mode)


def unsafe_under(folder: Path, prefix: str) -> Iterator[tuple[str, Problem]]:
    """Every link and special file under ``folder`` (links are not followed), as
    (path shown as ``prefix``/..., problem); folders that cannot be read are reported."""
    pending = [(str(folder), prefix)]
    while pending:
        path, shown = pending.pop()
        try:
            with os.scandir(path) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            yield shown, unreadable_problem(shown, exc)
            continue
        for entry in reversed(entries):
            rel = f"{shown}/{entry.name}"
            problem = entry_problem(entry, rel)
            if problem is not None:
                yield rel, problem
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, rel))


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with every link resolved, is inside ``root``."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def unsafe_cache(root: Path, cache_dir: str) -> str | None:
    """Why the cache under ``cache_dir`` (e.g. '.cache/minutebook') must not be used: a
    link or a special file on the way to it or in it; None if it is safe."""
    found = path_problem(root, cache_dir, folder=True)
    problem = found[1] if found else None
    if problem is None:
        folder = root / cache_dir
        if folder.is_dir():
            problem = next((p for _rel, p in unsafe_under(folder, cache_dir)
                            if p.kind == "link"), None)
    if problem is None and not inside(root, root / cache_dir):
        return f"{cache_dir} is outside the repository"
    return problem.message if problem else None


def refuse_docs_links(docs_dir: str | Path) -> None:
    """For the site build (the plugin's on_config): refuse to build when ``docs_dir`` is a
    link or holds a link or a special file, which MkDocs would follow and publish."""
    from mkdocs.exceptions import PluginError

    folder = Path(docs_dir)
    name = folder.name or str(folder)
    if folder.is_symlink():
        problems = [link_problem(str(folder), name)]
    else:
        problems = [p for _rel, p in unsafe_under(folder, name)] if folder.is_dir() else []
    if problems:
        listed = "\n".join(f"  {p.message}\n    hint: {p.hint}" for p in problems)
        raise PluginError("minutebook: the docs folder holds links, special files or folders "
                          f"that cannot be read; nothing was published (LD011):\n{listed}")
