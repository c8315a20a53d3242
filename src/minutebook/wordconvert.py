"""Word documents (.docx) to Markdown that the site renders as the author meant.

mammoth turns the document into plain semantic HTML (headings, lists, tables, emphasis,
links; no fonts or colours), and markdownify turns that HTML into Markdown. Markdown is
not asked of mammoth: its Markdown output is deprecated and writes every table cell as a
paragraph of its own. The Markdown is written for Python-Markdown (what MkDocs uses):
a nested list is indented by four spaces, two lists in a row are kept apart, a table's
first row is its header row and a '|' inside a cell is escaped.

A file that is not a Word document, is damaged, protected by a password or empty raises
:class:`WordError` with a one-line message naming the file and the fix.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

MAX_BYTES = 50 * 1024 * 1024  # a .docx of minutes is rarely over 5 MB
MAX_UNPACKED = 200 * 1024 * 1024  # what its parts may unpack to (a zip bomb is refused)

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, or encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# Word's title and subtitle are not headings in mammoth's default style map
_STYLE_MAP = ("p[style-name='Title'] => h1:fresh\n"
              "p[style-name='Subtitle'] => p:fresh")
_SAVE_AS = "open it in Word and save it as 'Word Document (*.docx)', then run the command again"


class WordError(Exception):
    """A file that cannot be read as a Word document; the message is for the editor."""


@dataclass(frozen=True, slots=True)
class Converted:
    """A document as HTML, with what was left out of it."""

    html: str
    images: int  # pictures left out (the site publishes none from inside a text)
    notes: tuple[str, ...]  # mammoth's warnings (styles it did not recognise)


def read_docx(path: Path) -> Converted:
    """The document at ``path`` as semantic HTML, or WordError saying what to do."""
    name = path.name
    try:
        if not path.is_file():
            raise WordError(f"{path}: no such file; check the name and folder of the Word "
                            "document")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise WordError(f"{name} is {size // (1024 * 1024)} MB, too large for minutes; "
                            "remove pictures from it in Word, save it, and run the command "
                            "again")
        data = path.read_bytes()
    except OSError as exc:
        raise WordError(f"cannot read {path} ({exc.strerror or type(exc).__name__}); check "
                        "the file's permissions and run the command again") from None
    _refuse_what_is_not_docx(name, data)
    return _convert(name, data)


def _refuse_what_is_not_docx(name: str, data: bytes) -> None:
    if not data.strip():
        raise WordError(f"{name} is empty; save the minutes from Word again as a .docx file "
                        "and run the command again")
    if data.startswith(_CFB):
        if _ENCRYPTED in data:
            raise WordError(f"{name} is protected by a password; open it in Word, remove the "
                            "password (File > Info > Protect Document > Encrypt with "
                            "Password: clear it), save it, and run the command again")
        raise WordError(f"{name} is an old Word 97-2003 document (.doc); {_SAVE_AS}")
    if data.startswith(b"%PDF"):
        raise WordError(f"{name} is a PDF, not a Word document; use the Word document the "
                        "PDF was made from (or open the PDF in Word and save it as .docx)")
    if data.startswith(b"{\\rtf"):
        raise WordError(f"{name} is a Rich Text (RTF) document; {_SAVE_AS}")
    if not data.startswith(b"PK"):
        raise WordError(f"{name} is not a Word document (.docx); {_SAVE_AS}")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(i.file_size for i in archive.infolist())
            broken = archive.testzip() if unpacked <= MAX_UNPACKED else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            NotImplementedError, RuntimeError):
        raise WordError(f"{name} is damaged (its contents cannot be unpacked); open it in "
                        "Word, which may offer to repair it, save it again as .docx, and run "
                        "the command again") from None
    if unpacked > MAX_UNPACKED:
        raise WordError(f"{name} unpacks to over {MAX_UNPACKED // (1024 * 1024)} MB, too "
                        "large for minutes; remove pictures from it in Word, save it, and run "
                        "the command again")
    if broken is not None:
        raise WordError(f"{name} is damaged (part {broken} cannot be unpacked); open it in "
                        "Word, which may offer to repair it, save it again as .docx, and run "
                        "the command again")
    if "word/document.xml" not in names:
        what = ("an Excel workbook" if any(n.startswith("xl/") for n in names)
                else "a PowerPoint presentation" if any(n.startswith("ppt/") for n in names)
                else "an OpenDocument file" if "content.xml" in names
                else "a zip archive")
        raise WordError(f"{name} is {what}, not a Word document; {_SAVE_AS}")


def _convert(name: str, data: bytes) -> Converted:
    import mammoth  # (imported here: only this command needs it)

    images = 0

    def drop_image(image: Any) -> dict[str, str]:
        nonlocal images
        images += 1
        return {}

    try:
        result = mammoth.convert_to_html(BytesIO(data), style_map=_STYLE_MAP,
                                         convert_image=mammoth.images.img_element(drop_image))
    except Exception as exc:  # noqa: BLE001 - any fault in a damaged document: say it in words
        raise WordError(f"{name} cannot be read as a Word document ({type(exc).__name__}); "
                        f"{_SAVE_AS}") from None
    html = re.sub(r"<img\b[^>]*>", "", result.value)
    if not re.sub(r"<[^>]*>|\s|&nbsp;", "", html):
        raise WordError(f"{name} has no text; check it is the document with the minutes, "
                        "then run the command again")
    notes = tuple(sorted({m.message for m in result.messages}))
    return Converted(html, images, notes)


# ------------------------------------------------------------------ HTML to Markdown

_INDENT = "    "  # Python-Markdown nests a list, or continues an item, at four spaces


def _converter() -> Any:
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):  # type: ignore[misc]
        """markdownify's converter, writing Markdown for Python-Markdown."""

        def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
            text = (text or "").strip()
            if not text:
                return "\n"
            parent = el.parent
            if parent is not None and parent.name == "ol":
                start = str(parent.get("start") or "1")
                first = int(start) if start.isdigit() else 1
                bullet = f"{first + len(el.find_previous_siblings('li'))}. "
            else:
                bullet = "- "
            lines = text.split("\n")
            rest = [(_INDENT + line) if line.strip() else "" for line in lines[1:]]
            return "\n".join([bullet + lines[0], *rest]) + "\n"

        def convert_list(self, el: Any, text: str, parent_tags: set[str]) -> str:
            out = super().convert_list(el, text, parent_tags)
            if "li" in parent_tags:
                return out
            before = el.find_previous_sibling()
            if before is not None and before.name in ("ul", "ol"):
                # two lists in a row would be read as one: a comment keeps them apart
                return "\n\n<!-- -->" + out
            return out

        convert_ul = convert_list
        convert_ol = convert_list

        def _cell(self, el: Any, text: str) -> str:
            colspan = str(el.get("colspan") or "1")
            span = max(1, min(50, int(colspan))) if colspan.isdigit() else 1
            cell = " ".join(text.split()).replace("|", "\\|")
            return " " + cell + " |" * span

        def convert_td(self, el: Any, text: str, parent_tags: set[str]) -> str:
            return self._cell(el, text)

        def convert_th(self, el: Any, text: str, parent_tags: set[str]) -> str:
            return self._cell(el, text)

    return Converter(heading_style="ATX", bullets="-", table_infer_header=True,
                     escape_asterisks=True, escape_underscores=True, strip=["img"])


_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")
_HEADING = re.compile(r"^(#{1,6})(?= )", re.MULTILINE)


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment from :func:`read_docx`: headings from level 2 down
    (level 1 is the page's title), blank lines between blocks, none doubled."""
    text = _converter().convert(html)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANKS.sub("\n\n", text).strip("\n")
    levels = [len(m.group(1)) for m in _HEADING.finditer(text)]
    if levels and min(levels) < 2:
        shift = 2 - min(levels)
        text = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), text)
    return text + "\n" if text else ""
