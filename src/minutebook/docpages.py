"""The hand-written pages under docs/: read so the checks scan them like records.

The site publishes every Markdown page under docs/ as written, so the personal-data (PD)
and content-safety (HT) scans read them too. The rule reference that ``minutebook docs``
generates is left out while it is exactly what the registry generates (its examples show
what the rules refuse); a page edited by hand there is scanned like any other. Symbolic
links are not followed: nothing outside the repository is read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from .model import DocPage

DOCS_DIR = "docs"
# the extensions MkDocs builds as pages
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# files MkDocs copies as they are that a browser opens as a page of the site, able to run
# script: they would bypass the sanitiser (HT004 refuses them)
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl",
                   ".xslt", ".mht", ".mhtml",
                   # also served as XHTML or XML, in which a browser runs an XHTML <script>
                   ".xht", ".xhtm", ".rss", ".atom", ".rdf", ".xul", ".xsd", ".dtd")
# markup languages besides: any suffix ending in 'ml' (.mml, .wml, .kml, .vxml, ...) but these
_NOT_MARKUP = frozenset({"yml", "toml"})


def is_active(name: str) -> bool:
    """Whether a file under docs/ is one a browser may open as a page able to run script
    (HTML, SVG, or any XML document), which MkDocs would copy as it is."""
    lower = name.lower()
    suffix = lower.rpartition(".")[2] if "." in lower else ""
    return lower.endswith(ACTIVE_SUFFIXES) or (
        len(suffix) >= 3 and suffix.endswith("ml") and suffix not in _NOT_MARKUP)


def read_docs_pages(root: Path) -> tuple[DocPage, ...]:
    """Every hand-written Markdown page under ``root/docs``, in path order, and every file
    ``is_active`` (with no text: it is refused whole)."""
    docs = root / DOCS_DIR
    if not docs.is_dir() or docs.is_symlink():
        return ()
    generated: dict[str, str] | None = None
    pages = []
    for folder, dirs, files in os.walk(docs, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                continue
            rel = path.relative_to(docs).as_posix()
            if is_active(name):
                pages.append(DocPage(f"{DOCS_DIR}/{rel}", ""))  # refused whatever it holds
                continue
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            try:
                text = path.read_bytes().decode("utf-8", errors="replace")
            except OSError:
                continue  # unreadable: MkDocs cannot publish it either
            if rel.startswith("rules/"):
                if generated is None:
                    from .docsgen import render

                    generated = render()
                if generated.get(rel) == text:
                    continue
            pages.append(DocPage(f"{DOCS_DIR}/{rel}", text.removeprefix("\ufeff")))
    return tuple(pages)


# ---------------------------------------------------------------- front matter

# as MkDocs reads it (mkdocs.utils.meta): YAML between '---' lines, or MultiMarkdown
# 'key: value' lines up to the first blank line
_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MMD = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MACROS_KEY = re.compile(r"render_macros")


def front_matter(text: str) -> dict[str, Any]:
    """A page's front matter as MkDocs reads it (empty if there is none or it is broken)."""
    if m := _YAML.match(text):
        try:
            data = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            return {}
        return data if isinstance(data, dict) else {}
    data: dict[str, Any] = {}
    for line in text.replace("\r\n", "\n").split("\n"):
        m2 = _MMD.match(line)
        if not line.strip() or not m2:
            break
        data[m2.group("key").lower()] = m2.group("value").strip()
    return data


def turns_on_macros(meta: dict[str, Any]) -> bool:
    """Whether front matter asks for template rendering (anything but absent or false)."""
    return "render_macros" in meta and meta["render_macros"] not in (False, None, "false")


def macros_line(text: str | None) -> int:
    """The line where ``render_macros`` is written in a page (1 if not found)."""
    m = _MACROS_KEY.search(text or "")
    return text.count("\n", 0, m.start()) + 1 if m and text else 1
