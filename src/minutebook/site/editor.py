"""The form editor at ``/admin/``: the vendored Decap CMS and the repository's
configuration (``cms/config.yml``, written by ``minutebook cms``), put into the built site.

The page is the project's own code, not a content page: it is written here, after the
build, not kept under docs/ (where HT004 refuses HTML so that nothing bypasses the
sanitiser). It loads only files of the site itself; its Content-Security-Policy allows
connections only to the site, the editor's back end (GitHub's API and the sign-in proxy
named in the configuration) and, on this computer, decap-server.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..cmsconfig import CONFIG_PATH
from ..load.safepath import path_problem

VENDOR = Path(__file__).parent / "vendor"
ADMIN_DIR = "admin"
LOCAL_BACKEND = "http://localhost:8081"


SETTING_HINT = ("cms/config.yml is written by `minutebook cms` from the editor: setting of "
                "minutebook.yaml: correct that setting (or the file) and run `minutebook cms`")
LOCAL_HOSTS = ("127.0.0.1", "localhost")  # decap-server, on this computer only
_HOSTNAME = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$")
_FORBIDDEN = re.compile(r"[\s;,*'\"]")


class EditorConfigError(ValueError):
    """cms/config.yml cannot be published: its problem, for the build's error."""


def _origin(url: object, key: str) -> str:
    """The origin (scheme, host name and port, nothing else) of an address the editor
    connects to, for its Content-Security-Policy; refuse anything that could add to the
    policy: spaces, ';', ',', '*', quotes, a user name, a scheme other than https (http
    only on this computer)."""
    if not isinstance(url, str) or not url:
        raise EditorConfigError(f"{key} is not an address ({url!r})")
    if _FORBIDDEN.search(url):
        raise EditorConfigError(f"{key} ({url!r}) holds a space, ';', ',', '*' or a quote, "
                                "which no address the editor connects to needs")
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise EditorConfigError(f"{key} ({url!r}) has an invalid port") from None
    host = parts.hostname or ""
    if "@" in parts.netloc:
        raise EditorConfigError(f"{key} ({url!r}) holds a user name ('…@'); give the "
                                "address only")
    if not _HOSTNAME.match(host):
        raise EditorConfigError(f"{key} ({url!r}) has no valid host name")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOCAL_HOSTS):
        raise EditorConfigError(f"{key} ({url!r}) must start with https:// (http:// only "
                                "for 127.0.0.1 or localhost)")
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def content_security_policy(config: dict) -> str:
    """The policy of the editor's page, from its configuration (EditorConfigError if an
    address in it is not a plain https origin)."""
    connect = ["'self'"]
    backend = config.get("backend") or {}
    if not isinstance(backend, dict):
        raise EditorConfigError("backend is not a mapping")
    if backend.get("name") == "github":
        connect += [_origin(backend.get("api_root") or "https://api.github.com",
                            "backend.api_root"),
                    "https://www.githubstatus.com"]
    local = config.get("local_backend")
    if local:
        url = local.get("url") if isinstance(local, dict) else None
        connect += [_origin(url, "local_backend.url") if url else LOCAL_BACKEND,
                    "http://127.0.0.1:8081"]
    connect = list(dict.fromkeys(c for c in connect if c))
    return "; ".join([
        "default-src 'self'",
        # Decap compiles its configuration's schema (ajv: without 'unsafe-eval' the editor
        # does not start - tried) and runs WebAssembly
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",  # CSS-in-JS
        "img-src 'self' data: blob: https://avatars.githubusercontent.com",
        "font-src 'self' data:",
        f"connect-src {' '.join(connect)} blob: data:",
        "worker-src 'self' blob:",
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def publish(root: Path, site_dir: Path, site_name: str) -> bool:
    """Write /admin/ into the built site when the repository has an editor configuration;
    return whether it did."""
    from mkdocs.exceptions import PluginError

    unsafe = path_problem(root, CONFIG_PATH)
    if unsafe is not None:
        where, problem = unsafe
        raise PluginError(f"minutebook: {CONFIG_PATH} was not published ({where}): "
                          f"{problem.message}\n    hint: {problem.hint}")
    source = root / CONFIG_PATH
    if not source.is_file():
        return False
    try:
        text = source.read_text(encoding="utf-8")
        config = yaml.safe_load(text)
        if config is None:
            config = {}
        if not isinstance(config, dict):
            raise EditorConfigError(f"it holds {type(config).__name__}, not a mapping of "
                                    "settings")
        policy = content_security_policy(config)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, EditorConfigError) as exc:
        problem = str(exc).strip().replace("\n", " ")
        raise PluginError(f"minutebook: {CONFIG_PATH}: {problem}; the form editor (/admin/) "
                          f"was not published\n    hint: {SETTING_HINT}") from None
    target = site_dir / ADMIN_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(VENDOR / "decap", target / "decap",
                    ignore=shutil.ignore_patterns("README.md"))
    page = (VENDOR / "admin.html").read_text(encoding="utf-8")
    page = page.replace("__CSP__", html.escape(policy, quote=True))
    page = page.replace("__SITE_NAME__", html.escape(site_name))
    (target / "index.html").write_text(page, encoding="utf-8")
    for name in ("admin.css", "admin.js"):  # contrast and names Decap lacks (WCAG 2.2 AA)
        shutil.copyfile(VENDOR / name, target / name)
    (target / "config.yml").write_text(text, encoding="utf-8")
    return True
