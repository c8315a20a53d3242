"""Meeting papers: the papers listed under a meeting's agenda items, and the files kept
beside the record that the site publishes (LD013).

An agenda item is written as its title, or as ``{item: <title>, papers: [...]}`` where
each paper is ``{title, url}`` (an http or https address) or ``{title, file}``: a file in
a folder beside the record, written from the body's folder of meetings, e.g.
``2026-10-28/agenda-pack.pdf`` (meetings/<body>/2026-10-28/, the folder of the meeting's
own date: never another meeting's) or ``papers/plan.docx`` (meetings/<body>/papers/). Only ordinary files of a few document and picture types are
published; a link is never followed (load.safepath).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .load.safepath import inside, path_problem
from .model import At, Dataset, Paper

# the types a paper may have, and how its content starts (None: text, no NUL byte)
PAPER_TYPES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",), "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",), "ods": (b"PK\x03\x04",),
    "csv": None, "txt": None,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
}
TYPE_WORDS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint",
              "odt": "OpenDocument text", "ods": "OpenDocument spreadsheet", "csv": "CSV",
              "txt": "text", "png": "PNG picture", "jpg": "JPEG picture"}
# the folders of a body's meetings folder that may hold papers: one per meeting date, or
# papers/ for papers shared by several meetings
PAPER_FOLDER = re.compile(r"^(\d{4}-\d{2}-\d{2}|papers)$")
_HINT = ("keep the paper in meetings/<body>/<YYYY-MM-DD>/ or meetings/<body>/papers/ and "
         "write its path from the body's folder, e.g. file: 2026-10-28/agenda-pack.pdf")


def agenda_titles(agenda: list[Any] | None) -> tuple[str, ...]:
    """The agenda's items as titles (an item is a title or {item, papers})."""
    return tuple(x if isinstance(x, str) else x["item"] for x in agenda or ())


def agenda_papers(agenda: list[Any] | None, record: str, at: At) -> tuple[Paper, ...]:
    """The papers of a meeting record's agenda items, with their files' repository paths
    (``record``: the record's path, e.g. meetings/group/2026-10-28.md)."""
    folder = posixpath.dirname(record)
    out: list[Paper] = []
    for i, x in enumerate(agenda or ()):
        if isinstance(x, str):
            continue
        for j, p in enumerate(x.get("papers", ())):
            file = p.get("file")
            out.append(Paper(i, p["title"], p.get("url"),
                             posixpath.join(folder, file) if file else None,
                             at.sub("agenda", i, "papers", j)))
    return tuple(out)


def kind_of(path: str) -> str:
    """A file's type by its name's ending, lower case ('' without one)."""
    name = posixpath.basename(path)
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def paper_problem(root: Path, paper: Paper, max_bytes: int,
                  day: str | None = None) -> tuple[str, str, int]:
    """(what is wrong, hint, 0) for a paper's file that may not be published, or
    (``""``, ``""``, its size) when it may; ``day``: the meeting's date (YYYY-MM-DD), the
    only date folder its papers may be in (another meeting's folder may be restricted)."""
    folder = posixpath.dirname(paper.at.file)
    file = paper.file or ""
    written = file[len(folder) + 1:] if folder and file.startswith(folder + "/") else file
    parts = written.split("/")
    said = f"the paper '{paper.title}' ({file})"
    if (not written or written.startswith("/") or "\\" in written or len(parts) < 2
            or any(x in ("", ".", "..") for x in parts) or not PAPER_FOLDER.match(parts[0])):
        return (f"the paper '{paper.title}' is written as {written!r}, which is not a file in "
                "a papers folder beside the record"), _HINT, 0
    if day is not None and parts[0] not in (day, "papers"):
        return (f"{said} is kept in the folder of the meeting of {parts[0]}, not in this "
                f"meeting's own ({day}/): another meeting's papers may not be as public "
                "as this one"), (f"move it to this meeting's own folder ({day}/) or to "
                                 "papers/, and write that path in file:"), 0
    kind = kind_of(file)
    if kind not in PAPER_TYPES:
        return (f"{said} is of a type the site does not publish"
                + (f" (.{kind})" if kind else ""),
                f"save it as one of: {', '.join(PAPER_TYPES)}; or link it by address (url:)", 0)
    found = path_problem(root, file)
    if found is not None:
        where, problem = found
        return (f"{said} is reached through {where}, which is not an ordinary file or folder: "
                + problem.message), problem.hint, 0
    path = root / file
    try:
        st = os.lstat(path)
    except OSError:
        return f"{said} is not in the repository", "add the file, or correct its path", 0
    if not os.path.isfile(path) or not inside(root, path):
        return f"{said} is not an ordinary file in the repository", "commit the file", 0
    if st.st_size > max_bytes:
        return (f"{said} is {st.st_size} bytes, more than the limit of {max_bytes}",
                "make it smaller, or raise limits.max_file_bytes in minutebook.yaml", 0)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        return (f"{said} cannot be read ({exc.strerror})",
                "make it readable by the user that runs minutebook", 0)
    starts = PAPER_TYPES[kind]
    if (b"\0" in head) if starts is None else not head.startswith(starts):
        return (f"{said} does not hold what its name says (a {TYPE_WORDS[kind]} file)",
                "save it again in that format, or name it for the type it has", 0)
    return "", "", st.st_size


def check_papers(root: Path, ds: Dataset, max_bytes: int) -> Iterator[tuple[Paper, str, str]]:
    """Each paper file that may not be published, with what is wrong and a hint; records
    the others in ``ds.paper_files`` (path -> size)."""
    for meetings in ds.meetings.values():
        for m in meetings:
            for p in m.papers:
                if p.file is None:
                    continue
                message, hint, size = paper_problem(root, p, max_bytes, m.date.isoformat())
                if message:
                    yield p, message, hint
                else:
                    ds.paper_files[p.file] = size


def size_words(size: int) -> str:
    """A file's size as people read it: '12 KB', '1.4 MB'."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1000 / 1000:.1f} MB"
