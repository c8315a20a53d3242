"""One file of the repository, read safely: bytes -> text -> front matter -> YAML data."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .positions import DataPath, Positions
from .safepath import link_problem, special_problem
from .yamlsrc import Problem, parse_yaml

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
    | getattr(os, "O_BINARY", 0)


@dataclass(slots=True)
class Source:
    """A parsed file: its data, where each value is, the Markdown body and any problems."""

    file: str  # repository-relative, with forward slashes
    kind: str  # organisations | partnerships | body | tor | meeting | actions | config
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    problems: list[Problem] = field(default_factory=list)
    body: str = ""  # Markdown after the front matter
    body_line: int = 1  # line number where the body starts
    digest: bytes = b""  # of the file's bytes (blake2b, 16 bytes); empty if unreadable

    def pos(self, path: DataPath) -> tuple[int, int]:
        """Line and column of a value, or of its nearest recorded parent."""
        return self.positions.nearest(path)

    @property
    def ok(self) -> bool:
        """Whether the file could be read well enough to check its contents."""
        return not any(p.kind != "bom" for p in self.problems) and self.data is not None


def digest(raw: bytes) -> bytes:
    """What a file's content is known by in the caches (a fast 128-bit hash)."""
    return blake2b(raw, digest_size=16).digest()


def read_regular(path: Path) -> bytes:
    """A regular file's bytes, never through a link or from a pipe (OSError otherwise)."""
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as handle:
        if not S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read()


def read_text(path: Path, rel: str, max_bytes: int) -> tuple[str | None, list[Problem], bytes]:
    """Read a file as UTF-8 text, reporting size, encoding and byte-order-mark problems;
    also the digest of its bytes (empty if they could not be read)."""
    problems: list[Problem] = []
    try:
        # never through a link, never blocking on a named pipe (see safepath)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            return None, [link_problem(str(path), rel)], b""
        return None, [Problem("encoding", 1, 1, f"the file cannot be read: {exc.strerror}",
                              "check the file exists and is readable")], b""
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not S_ISREG(info.st_mode):
                return None, [special_problem(rel, info.st_mode)], b""
            size = info.st_size
            if size > max_bytes:
                return None, [Problem(
                    "size", 1, 1,
                    f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
                    "split the file, or raise limits.max_file_bytes in minutebook.yaml")], b""
            raw = handle.read()
        except OSError as exc:
            return None, [Problem("encoding", 1, 1, f"the file cannot be read: {exc.strerror}",
                                  "check the file exists and is readable")], b""
    known_as = digest(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(
            "encoding", line, column,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8; this often happens when text is pasted from Word")], known_as
    if text.startswith("\ufeff"):
        text = text[1:]
        problems.append(Problem(
            "bom", 1, 1, "the file starts with a byte-order mark (BOM)",
            "save the file as UTF-8 without BOM"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems, known_as


# a '---' line opening or closing front matter: trailing spaces or a tab are allowed, as
# MkDocs allows them (an editor may leave them)
FRONT_MATTER_OPEN = re.compile(r"---[ \t]*(?:\n|\Z)")
_FRONT_MATTER_CLOSE = re.compile(r"\n---[ \t]*(?:\n|\Z)")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split '---' front matter from a Markdown text: (yaml, body, body's first line)."""
    opening = FRONT_MATTER_OPEN.match(text)
    if opening is None:
        return None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end() - 1)
    if closing is None:
        return None
    front = text[opening.end():closing.start() + 1]
    body = text[closing.end():]
    body_line = front.count("\n") + 3
    return front, body, body_line


def read_source(root: Path, rel: str, kind: str, *, front_matter: bool,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and parse one file; never raises for bad content."""
    src = Source(file=rel, kind=kind)
    text, problems, src.digest = read_text(root / rel, rel, max_bytes)
    src.problems.extend(problems)
    if text is None:
        return src
    yaml_text, line_offset = text, 0
    if kind == "sensitive-terms":  # plain text, one term per line: no YAML
        src.data = text
        return src
    if kind == "values":
        from .csvsrc import parse_csv

        parse_csv(src, text)
        return src
    if front_matter:
        split = split_front_matter(text)
        if split is None:
            how = ("begin the file with a line '---', the details (date: …, status: …), "
                   "another line '---', then the minutes")
            if not text.strip():
                message = "the file is empty"
            elif FRONT_MATTER_OPEN.match(text):  # opened but never closed
                message = "the front matter block that starts on line 1 has no closing '---' line"
                how = "add a line '---' after the last detail, before the minutes"
            else:
                message = "the file does not start with a front matter block between '---' lines"
            src.problems.append(Problem("front-matter", 1, 1, message, how))
            return src
        yaml_text, src.body, src.body_line = split
        line_offset = 1
    if not yaml_text.strip():
        src.problems.append(Problem(
            "syntax", 1 + line_offset, 1, "the file has no content",
            "fill in the required fields; see the example in the documentation"))
        return src
    parsed = parse_yaml(yaml_text, line_offset=line_offset, front_matter=front_matter)
    if parsed.problems and front_matter and kind != "meeting":  # a ToR, a report: no minutes
        for p in parsed.problems:
            p.message = p.message.replace("the minutes' text", "the document's text")
    src.data, src.positions = parsed.data, parsed.positions
    src.problems.extend(parsed.problems)
    if src.data is not None and not isinstance(src.data, dict):
        line, col = src.pos(())
        src.problems.append(Problem(
            "syntax", line, col, "the file should hold named fields (key: value), not a "
            f"{'list' if isinstance(src.data, list) else 'single value'}",
            "see the example in the documentation for this kind of file"))
        src.data = None
    return src
