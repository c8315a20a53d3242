"""Browser test harness: build a MkDocs site, serve it on 127.0.0.1, drive Debian's Chromium.

Reusable for any MkDocs config of this project (the sample site in tests/site_samples/,
or the real site):

    def test_real_site(build_site, serve_site, open_page, assert_accessible):
        base = serve_site(build_site(ROOT / "mkdocs.yml"))
        page = open_page(base + "some/page/", width=375)
        assert_accessible(page)

Every browser context made here routes every request: requests to a host other than
127.0.0.1 are aborted and recorded, and so are same-origin responses with status >= 400;
the test fails at teardown if any were recorded (see the ``network`` fixture).

Chromium: $MINUTEBOOK_CHROMIUM, else chromium / chromium-browser / google-chrome on PATH.
Without one the browser tests are skipped, or fail when CI=true. axe-core is vendored in
vendor/axe.min.js (MPL-2.0, see vendor/README.md).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_CONFIG = ROOT / "tests" / "site_samples" / "mkdocs.yml"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTIFACTS_DIR = ROOT / "tests" / "artifacts"
SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"

WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
ALLOWED_HOSTS = frozenset({"127.0.0.1"})
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Belt and braces: even a request that escaped routing cannot resolve a host name.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI=true: CI must never pass by skipping the browser tests."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


# --------------------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium to drive."""
    wanted = os.environ.get("MINUTEBOOK_CHROMIUM")
    if wanted:
        found = shutil.which(wanted)
        if not found:
            pytest.fail(f"MINUTEBOOK_CHROMIUM={wanted!r} is not an executable", pytrace=False)
        return found
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    _unavailable(
        "no Chromium found (set MINUTEBOOK_CHROMIUM, or install Debian's chromium: "
        "scripts/ensure-chromium)"
    )
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session (Playwright, Debian's binary)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        pw.stop()
        raise
    yield chromium
    chromium.close()
    pw.stop()


# --------------------------------------------------------------------------- build and serve


@pytest.fixture(scope="session")
def build_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``build_site(config_file, *, strict=True, timeout=1800) -> Path`` of the built site.

    Runs ``python -m mkdocs build --strict`` in a subprocess (the same interpreter as
    pytest) into a fresh temporary directory; cached per (config, strict) for the session.
    A failed build fails the test with mkdocs' output.
    """
    cache: dict[tuple[Path, bool], Path] = {}

    def build(
        config_file: str | os.PathLike[str], *, strict: bool = True, timeout: float = 1800
    ) -> Path:
        config = Path(config_file).resolve()
        key = (config, strict)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"site-{config.parent.name}")
            cmd = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--config-file",
                str(config),
                "--site-dir",
                str(out),
            ]
            if strict:
                cmd.append("--strict")
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            proc = subprocess.run(
                cmd,
                cwd=config.parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
            if proc.returncode != 0:
                pytest.fail(
                    f"mkdocs build failed for {config}:\n{proc.stdout}{proc.stderr}", pytrace=False
                )
            cache[key] = out
        return cache[key]

    return build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Browsers drop connections mid-response (navigations, closed pages): not an error.
        pass


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    """``serve_site(site_dir) -> base_url`` ("http://127.0.0.1:PORT/", with a slash).

    A static HTTP server on 127.0.0.1 on a free port chosen by the OS, in a daemon
    thread; one per directory for the session, shut down at its end. (Material's
    search only works over http://, not file://.)
    """
    servers: dict[Path, tuple[_SiteServer, threading.Thread, str]] = {}

    def serve(site_dir: Path) -> str:
        site_dir = Path(site_dir).resolve()
        if site_dir not in servers:
            handler = functools.partial(_QuietHandler, directory=str(site_dir))
            server = _SiteServer(("127.0.0.1", 0), handler)
            thread = threading.Thread(
                target=server.serve_forever, name=f"serve {site_dir}", daemon=True
            )
            thread.start()
            servers[site_dir] = (server, thread, f"http://127.0.0.1:{server.server_address[1]}/")
        return servers[site_dir][2]

    yield serve
    for server, thread, _ in servers.values():
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def sample_site_dir(build_site: Callable[..., Path]) -> Path:
    """The sample site (tests/site_samples/mkdocs.yml), built with --strict."""
    return build_site(SAMPLES_CONFIG)


@pytest.fixture(scope="session")
def sample_site_url(sample_site_dir: Path, serve_site: Callable[[Path], str]) -> str:
    """Base URL of the served sample site, ending in "/"."""
    return serve_site(sample_site_dir)


# --------------------------------------------------------------------------- pages


_NO_JAVASCRIPT: weakref.WeakSet[Any] = weakref.WeakSet()  # pages made with javascript=False


@dataclass
class NetworkLog:
    """What the guarded browser contexts of one test saw."""

    offsite: list[str] = field(default_factory=list)  # blocked: host other than 127.0.0.1
    errors: list[str] = field(default_factory=list)  # same-origin responses with status >= 400
    local: list[str] = field(default_factory=list)  # every allowed request URL, in order

    def problems(self) -> list[str]:
        return [f"third-party request blocked: {u}" for u in self.offsite] + [
            f"HTTP error: {e}" for e in self.errors
        ]

    def clear(self) -> None:
        self.offsite.clear()
        self.errors.clear()
        self.local.clear()


@pytest.fixture
def network() -> NetworkLog:
    """The request log of this test's pages (made by ``new_page``/``open_page``)."""
    return NetworkLog()


@pytest.fixture
def new_page(browser: Browser, network: NetworkLog) -> Iterator[Callable[..., Page]]:
    """``new_page(*, width=1280, height=900, javascript=True, color_scheme="light") -> Page``.

    Each call makes a fresh browser context (no shared storage, service workers blocked)
    whose every request is routed: hosts other than 127.0.0.1 are aborted and recorded in
    ``network.offsite``; same-origin responses >= 400 go to ``network.errors``. At teardown
    the contexts are closed and the test fails if either list is not empty.
    ``color_scheme`` "dark" selects the site's dark palette (it follows the media query).
    ``javascript=False`` is a reader without JavaScript; axe cannot run in such a page, so
    to check that rendering with axe use ``scripts=False``: script files are not loaded
    (so Material's and Mermaid's code never runs; the page keeps its "no-js" class) but
    evaluate() and axe still work.
    """
    contexts = []

    def route_handler(route: Any, request: Any) -> None:
        host = urlsplit(request.url).hostname
        if host in ALLOWED_HOSTS:
            network.local.append(request.url)
            route.continue_()
        else:
            if request.url not in network.offsite:
                network.offsite.append(request.url)
            route.abort("blockedbyclient")

    def no_script_files(route: Any, request: Any) -> None:
        if request.resource_type == "script":
            route.abort("blockedbyclient")
        else:
            route_handler(route, request)

    def on_request(request: Any) -> None:
        # Requests that bypass routing (none known) are still recorded.
        url = request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")):
            host = urlsplit(url).hostname
            if host not in ALLOWED_HOSTS and url not in network.offsite:
                network.offsite.append(url)

    def on_response(response: Any) -> None:
        if response.status >= 400 and urlsplit(response.url).hostname in ALLOWED_HOSTS:
            network.errors.append(f"{response.status} {response.url}")

    def make(
        *,
        width: int = 1280,
        height: int = 900,
        javascript: bool = True,
        scripts: bool = True,
        color_scheme: str = "light",
        locale: str | None = None,
    ) -> Page:
        context = browser.new_context(
            locale=locale,  # e.g. "en-GB": how date fields read (the form editor's tests)
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            reduced_motion="reduce",
            service_workers="block",
        )
        contexts.append(context)
        context.route("**/*", route_handler if scripts else no_script_files)
        context.on("request", on_request)
        context.on("response", on_response)
        page = context.new_page()
        if not javascript:
            _NO_JAVASCRIPT.add(page)
        return page

    yield make
    for context in contexts:
        context.close()
    problems = network.problems()
    if problems:
        pytest.fail("network problems:\n  " + "\n  ".join(problems), pytrace=False)


def settle(page: Page) -> None:
    """Wait until the page is fully drawn: loaded, network idle, Mermaid diagrams rendered."""
    page.wait_for_load_state("load")
    if page.evaluate("() => document.documentElement.classList.contains('no-js')"):
        return  # JavaScript disabled (or Material's bundle did not run): nothing will change
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    # Material replaces each <pre class="mermaid"> by a drawn <div class="mermaid">.
    try:
        page.wait_for_function("() => !document.querySelector('pre.mermaid')", timeout=15_000)
    except PlaywrightTimeoutError:
        source = page.evaluate(
            "() => (document.querySelector('pre.mermaid') || {}).textContent || ''"
        )
        pytest.fail(
            f"a Mermaid diagram on {page.url} was not drawn within 15 s; is its source "
            f"valid Mermaid (not HTML-escaped twice)? It begins:\n{source[:400]}",
            pytrace=False,
        )
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts ? document.fonts.ready.then(() => true) : true")


@pytest.fixture(scope="session")
def settle_page() -> Callable[[Page], None]:
    """``settle_page(page)``: after your own ``page.goto``/click, wait as ``open_page`` does."""
    return settle


@pytest.fixture
def open_page(new_page: Callable[..., Page]) -> Callable[..., Page]:
    """``open_page(url, **new_page_kwargs) -> Page``: a new guarded page at ``url``, settled
    (loaded, network idle, Mermaid drawn)."""

    def open_(url: str, **kwargs: Any) -> Page:
        page = new_page(**kwargs)
        response = page.goto(url, wait_until="load")
        assert response is not None, f"no response for {url}"
        assert response.ok, f"{response.status} for {url}"
        settle(page)
        return page

    return open_


# --------------------------------------------------------------------------- axe


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Source of the vendored axe-core (tests/browser/vendor/axe.min.js)."""
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def run_axe(axe_source: str) -> Callable[..., list[dict[str, Any]]]:
    """``run_axe(page, *, tags=WCAG_TAGS, context=None, disable=()) -> list[violation]``.

    Runs axe-core in the page (injected on first use; works with JavaScript disabled
    too) over the whole document, or over ``context`` (an axe context: selector or
    {"include": [...], "exclude": [...]}), with the WCAG 2.0/2.1/2.2 A and AA rules.
    Returns axe's violations (dicts with id, impact, help, helpUrl, nodes).
    """

    def run(
        page: Page,
        *,
        tags: tuple[str, ...] | list[str] = WCAG_TAGS,
        context: Any = None,
        disable: tuple[str, ...] | list[str] = (),
    ) -> list[dict]:
        options: dict[str, Any] = {
            "runOnly": {"type": "tag", "values": list(tags)},
            "resultTypes": ["violations"],
        }
        if page in _NO_JAVASCRIPT:
            # Its promises never settle there (timers do not run): it would hang.
            pytest.fail(
                "axe needs JavaScript: open the page with new_page(scripts=False) "
                "instead of javascript=False",
                pytrace=False,
            )
        if disable:
            options["rules"] = {rule: {"enabled": False} for rule in disable}
        if not page.evaluate("() => typeof window.axe === 'object'"):
            # evaluate() runs even where the page's own scripts are disabled.
            page.evaluate("(src) => { (0, eval)(src); return true; }", axe_source)
        result = page.evaluate(
            "async ([ctx, opts]) => await window.axe.run(ctx || document, opts)",
            [context, options],
        )
        return result["violations"]

    return run


def format_violations(violations: list[dict[str, Any]], max_nodes: int = 5) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} [{len(v['nodes'])} node(s)]")
        for node in v["nodes"][:max_nodes]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def assert_accessible(run_axe: Callable[..., list[dict]]) -> Callable[..., None]:
    """``assert_accessible(page, label="", **run_axe_kwargs)``: fail with a readable list
    of axe violations, if any."""

    def check(page: Page, label: str = "", **kwargs: Any) -> None:
        violations = run_axe(page, **kwargs)
        if violations:
            pytest.fail(
                f"axe: {len(violations)} violation(s) on {label or page.url}:\n"
                + format_violations(violations),
                pytrace=False,
            )

    return check


# --------------------------------------------------------------------------- artefacts


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """tests/artifacts/ (gitignored), created: where tests leave files for people to look at."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def screenshot() -> Callable[..., Path]:
    """``screenshot(page, name, *, full_page=True) -> Path``: PNG in
    tests/artifacts/screenshots/NAME.png (gitignored)."""

    def take(page: Page, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


# --------------------------------------------------------------------------- static links


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])  # type: ignore[arg-type]
        ref = (
            a.get("href")
            if tag in ("a", "link")
            else a.get("src")
            if tag in ("script", "img", "iframe", "source")
            else None
        )
        if ref is not None and not (tag == "link" and a.get("rel") in ("canonical",)):
            self.refs.append(ref)


def find_broken_links(site_dir: Path) -> list[str]:
    """Every href/src in the built HTML that points into the site at a missing file or
    a missing #anchor; outside links (http:, mailto: ...) are not followed.
    Checks what MkDocs cannot: links written as raw HTML in pages."""
    site_dir = Path(site_dir).resolve()
    parsed: dict[Path, _LinkParser] = {}

    def parse(path: Path) -> _LinkParser:
        if path not in parsed:
            p = _LinkParser()
            p.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = p
        return parsed[path]

    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        if page.name == "404.html" and page.parent == site_dir:
            continue  # served at any depth, so its relative links are not for its own place
        for ref in parse(page).refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith("//"):
                continue
            if parts.path.startswith("/"):
                target = site_dir / unquote(parts.path).lstrip("/")
            elif parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site_dir)}: {ref}"
            if not target.is_file() or site_dir not in (target, *target.parents):
                broken.append(f"{where} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in parse(target).ids
            ):
                broken.append(f"{where} (no such anchor)")
    return broken


@pytest.fixture(scope="session")
def check_links() -> Callable[[Path], list[str]]:
    """``check_links(site_dir) -> list[str]`` of broken internal links (see find_broken_links)."""
    return find_broken_links
