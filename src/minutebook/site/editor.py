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
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..cmsconfig import CONFIG_PATH

VENDOR = Path(__file__).parent / "vendor"
ADMIN_DIR = "admin"
LOCAL_BACKEND = "http://localhost:8081"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(config: dict) -> str:
    """The policy of the editor's page, from its configuration."""
    connect = ["'self'"]
    backend = config.get("backend") or {}
    if backend.get("name") == "github":
        connect += [_origin(str(backend.get("api_root") or "https://api.github.com")),
                    "https://www.githubstatus.com"]
    local = config.get("local_backend")
    if local:
        url = local.get("url") if isinstance(local, dict) else None
        connect += [_origin(url) if url else LOCAL_BACKEND, "http://127.0.0.1:8081"]
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
    source = root / CONFIG_PATH
    if not source.is_file() or source.is_symlink():
        return False
    text = source.read_text(encoding="utf-8")
    config = yaml.safe_load(text) or {}
    target = site_dir / ADMIN_DIR
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(VENDOR / "decap", target / "decap",
                    ignore=shutil.ignore_patterns("README.md"))
    page = (VENDOR / "admin.html").read_text(encoding="utf-8")
    page = page.replace("__CSP__", html.escape(content_security_policy(config), quote=True))
    page = page.replace("__SITE_NAME__", html.escape(site_name))
    (target / "index.html").write_text(page, encoding="utf-8")
    for name in ("admin.css", "admin.js"):  # contrast and names Decap lacks (WCAG 2.2 AA)
        shutil.copyfile(VENDOR / name, target / name)
    (target / "config.yml").write_text(text, encoding="utf-8")
    return True
