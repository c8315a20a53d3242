"""The MkDocs adapter: a thin plugin around the pure page generator.

- ``on_config``: run the same checks as ``minutebook check``; a record error (the files
  are unreadable, invalid, inconsistent or unsafe) stops the build before anything is
  written; governance findings are published. The build is redirected to a temporary folder beside
  ``site_dir``.
- ``on_config`` also puts the engine's theme overrides, stylesheets and scripts in the
  configuration (``engine``: a repository lists none of them, or lists them once).
- ``on_files``: hand the generated pages and data files to MkDocs as in-memory files, and
  the engine's guides and assets as files of the package (a repository's own file under
  docs/ of the same path is kept instead).
- ``on_post_build``: swap the finished build into ``site_dir`` (a failed build leaves the
  previous site untouched; ``on_build_error`` removes the temporary folder).

Everything else lives in ``pages``; moving to another site engine means replacing this file.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..api import check
from ..dates import london_today, read_date
from ..docpages import is_active
from ..load.repo import DATA_PATHS
from ..load.safepath import refuse_docs_links
from ..report.formats import text
from . import editor, engine, macros
from .output import PublishError, site_tree
from .pages import render_site
from .sanitise import clean_html, safe_meta, safe_text

log = get_plugin_logger(__name__)


def _strict_warnings() -> bool:
    """Whether MkDocs has counted warnings in this build (its strict-mode counter)."""
    return any(isinstance(h, CountHandler) and h.get_counts()
               for h in logging.getLogger("mkdocs").handlers)


_LISTED_ELSEWHERE = ("meetings/", "bodies/", "organisations/", "scorecard/", "reports/",
                     # every finding with its code: for editors, linked from the editors'
                     # sections of the body pages and from their documents, not a partners'
                     # page (issue 18 item 2)
                     "findings.md")


# front matter the theme escapes itself (overrides/main.html), or that is not text
_META_KEPT = frozenset({"banner", "print_footer", "render_macros", "hide", "search"})


def sanitise_page(html: str, page: Page) -> str:
    """A page's HTML through the allow-list, and its title, table of contents and front
    matter made text (MkDocs' templates insert them without escaping)."""
    page.meta = safe_meta(page.meta, keep=_META_KEPT)
    if page.title is not None:
        page.title = safe_text(str(page.title))  # (front matter may give a number)
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = safe_text(item.title)
        stack.extend(item.children)
    return clean_html(html)


def _refuse_active_files(files: Files, config: MkDocsConfig) -> None:
    """A file under docs/ that a browser opens as a page (HTML, SVG...) would be copied as
    it is, bypassing the sanitiser: refused (HT004 says so in minutebook check)."""
    docs = Path(config.docs_dir).resolve()
    for f in files:
        if is_active(f.src_uri) and f.abs_src_path \
                and Path(f.abs_src_path).resolve().is_relative_to(docs):
            raise PluginError(f"minutebook: docs/{f.src_uri} would be published as it is, "
                              "without the sanitiser (a browser runs any script in it); "
                              "write it as a Markdown page, or use PNG or JPEG for a picture")


def _source(page: Page) -> str | None:
    try:
        return page.file.content_string
    except (OSError, TypeError, ValueError):
        return None


def add_engine_theme(config: MkDocsConfig) -> None:
    """The engine's theme overrides after the repository's own ``custom_dir`` (if any),
    and its stylesheets and scripts before the repository's own, each once."""
    theme = str(engine.theme_dir().resolve())
    dirs = config.theme.dirs
    if theme not in [str(Path(d).resolve()) for d in dirs]:
        dirs.insert(1 if config.theme.custom_dir else 0, theme)
    listed = {str(getattr(s, "path", s)) for s in config.extra_css}
    config.extra_css[:0] = [s for s in engine.EXTRA_CSS if s not in listed]
    listed = {str(getattr(s, "path", s)) for s in config.extra_javascript}
    config.extra_javascript[:0] = [s for s in engine.EXTRA_JAVASCRIPT if s not in listed]


class MinutebookConfig(base.Config):
    enabled = c.Type(bool, default=True)
    repository = c.Type(str, default=".")
    today = c.Optional(c.Type(str))
    edition = c.Choice(("public", "internal"), default="public")
    # the pages (paths under docs/) the macros plugin may render; a page cannot opt in
    macros_pages = c.ListOfItems(c.Type(str), default=[])


class MinutebookPlugin(BasePlugin[MinutebookConfig]):
    """Check the repository, then publish it."""

    def __init__(self) -> None:
        self._site = None
        self._final_dir: str | None = None
        self._temp_dir: str | None = None
        self._serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        refuse_docs_links(config.docs_dir)  # no links or special files in docs/ (LD011)
        # generated tables link to .html pages, so pages are built without directory URLs
        config.use_directory_urls = False
        add_engine_theme(config)
        result = check(self._root(config), self._today(),
                       use_cache=os.environ.get("MINUTEBOOK_NO_CACHE") != "1")
        # only a problem with the records stops publishing; a governance lapse is news for
        # partners, published on the dashboard and the body's page
        blocking = result.record_errors
        if blocking:
            report = text(blocking, {"as_of": result.today.isoformat()})
            raise PluginError(
                f"minutebook: the records have {len(blocking)} error(s); nothing was "
                f"published.\n\n{report}")
        edition = os.environ.get("MINUTEBOOK_EDITION") or self.config.edition
        if edition not in ("public", "internal"):
            raise PluginError(f"minutebook: MINUTEBOOK_EDITION is '{edition}'; use public or "
                              "internal")
        self._site = render_site(result, edition, config.site_url or "")
        log.info("checked %d files as of %s: %d governance error(s) published, %d warning(s)",
                 len(result.repo.sources) if result.repo else 0, result.today,
                 len(result.governance_errors), len(result.warnings))
        if not self._serving:
            final = Path(config.site_dir)
            final.parent.mkdir(parents=True, exist_ok=True)
            self._final_dir = str(final)
            self._temp_dir = tempfile.mkdtemp(prefix=".site-", dir=final.parent)
            config.site_dir = self._temp_dir
        return config

    def _today(self) -> date:
        """MINUTEBOOK_TODAY, the plugin's ``today``, or today in the UK (as the command)."""
        value = os.environ.get("MINUTEBOOK_TODAY") or self.config.today
        if not value:
            return london_today()
        try:
            return read_date(value)
        except ValueError as exc:
            raise PluginError(f"minutebook: today {exc}") from None

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path or ".").parent / self.config.repository).resolve()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer | None:
        """While previewing, rebuild when a record changes, not only a page under docs/."""
        if self.config.enabled:
            root = self._root(config)
            for name in DATA_PATHS:
                if (root / name).exists():
                    server.watch(str(root / name))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        _refuse_active_files(files, config)
        if self._site is None:
            return None
        try:
            tree = site_tree(self._site, self._root(config), {f.src_uri for f in files})
        except PublishError as exc:
            raise PluginError(f"minutebook: {exc}") from None
        for path, content in {**tree.pages, **tree.files}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(f"minutebook: docs/{path} is written by hand but minutebook "
                                  "generates that page; rename or remove the hand-written file")
            # one page per body, meeting, organisation, scorecard and report is listed from
            # the index pages, not from the navigation (a navigation of thousands of pages
            # makes every page heavy and the build slow)
            inclusion = (InclusionLevel.NOT_IN_NAV if path.startswith(_LISTED_ELSEWHERE)
                         and not path.endswith("index.md") else InclusionLevel.UNDEFINED)
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        for path, source in tree.engine.items():  # guides, references, CSS and scripts
            # a navigation written in mkdocs.yml lists what it wants of them (the others
            # are not 'omitted'); a navigation made automatically lists the guides
            hidden = config.nav is not None or engine.listed_from_index(path)
            files.append(File.generated(
                config, path, abs_src_path=str(source),
                inclusion=InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED))
        return files

    @event_priority(100)  # first: before the macros plugin reads the front matter
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        """Template rendering only on the pages the configuration names (see macros)."""
        try:
            page.meta["render_macros"] = macros.decide(
                page.file.src_uri, page.meta, self.config.macros_pages, _source(page))
        except ValueError as exc:
            raise PluginError(f"minutebook: {exc}") from None
        return None

    @event_priority(-100)  # last: after every other plugin; the search index comes after
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        """Every page's HTML, title, table of contents and front matter through the
        sanitiser's allow-list, whatever wrote them (see sanitise)."""
        return sanitise_page(html, page)

    @event_priority(-100)  # last: other plugins' post-build output goes into the swap
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:  # the form editor at /admin/ (issue 19; site/editor.py)
            editor.publish(self._root(config), Path(config.site_dir), config.site_name)
        if self._temp_dir is None or self._final_dir is None:
            return
        final, temp = Path(self._final_dir), Path(self._temp_dir)
        if config.strict and _strict_warnings():
            # MkDocs aborts a strict build only after this hook: do not publish it.
            shutil.rmtree(temp, ignore_errors=True)
            self._temp_dir = None
            log.error("strict build had warnings; the previous site was left in place")
            return
        old = final.with_name(final.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if final.exists():
            final.rename(old)
        temp.chmod(0o755)  # mkdtemp makes it private; the published site must be readable
        temp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        config.site_dir = self._final_dir
        self._temp_dir = None

    def on_build_error(self, *, error: Exception) -> None:
        if self._temp_dir:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
