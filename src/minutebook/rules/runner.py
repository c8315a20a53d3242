"""Running the rules: all in this process, or the text scans in a second one.

The personal-data and content-safety scans read every publishable text. When many files
are new (a first run, a checkout without the cache), that is as much work as all the
other rules together: 0.8 s of 1.4 s on the large benchmark repository. Then, on Linux
with more than one core, the scans run in a forked child while this process runs the
other rules. The child sends back its hits and the scans' memo (pickled, through a pipe).
If anything goes wrong there, the scans run here instead: the results are the same
either way, only the time differs.

This module registers no rules.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading

from .base import REGISTRY, Context, Hit

SCAN_CATEGORIES = frozenset({"personal-data", "content-safety"})
# what the scans keep between runs (see personal_data.scan and content_safety)
SCAN_MEMO = ("personal-data-find", "personal-data-clean", "content-safety-clean")


def can_fork() -> bool:
    """Forking is safe and useful: Linux (elsewhere it is unsafe or absent), two or more
    cores, and no other thread (a fork copies only the calling one)."""
    return (sys.platform == "linux" and hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


def run(ctx: Context, codes: list[str], *, parallel: bool = False) -> dict[str, list[Hit]]:
    """Each rule's hits, by code in the order given. With ``parallel`` (and
    :func:`can_fork`), the text scans run in a second process."""
    scans = [c for c in codes if REGISTRY[c].category in SCAN_CATEGORIES]
    others = [c for c in codes if c not in scans]
    child = _start(ctx, scans) if parallel and scans and others and can_fork() else None
    out: dict[str, list[Hit]] = {}
    try:
        for code in others:
            out[code] = _hits(ctx, code)
    finally:
        got = _collect(ctx, *child) if child else None
    if got is None:
        got = {code: _hits(ctx, code) for code in scans}
    out.update(got)
    return {code: out[code] for code in codes}


def _hits(ctx: Context, code: str) -> list[Hit]:
    check = REGISTRY[code].check
    return list(check(ctx)) if check else []


def _start(ctx: Context, codes: list[str]) -> tuple[int, int] | None:
    """Fork a child that runs ``codes`` and writes back what they found."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return pid, read
    status = 1  # the child: never returns into the caller's code
    try:
        os.close(read)
        hits = {code: _hits(ctx, code) for code in codes}
        memo = {ns: ctx.memo[ns] for ns in SCAN_MEMO if ns in ctx.memo}
        with os.fdopen(write, "wb") as pipe:
            pipe.write(pickle.dumps((hits, memo), protocol=pickle.HIGHEST_PROTOCOL))
        status = 0
    finally:
        os._exit(status)


def _collect(ctx: Context, pid: int, read: int) -> dict[str, list[Hit]] | None:
    """The child's hits (its memo merged into ``ctx``), or None if it failed."""
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        hits, memo = pickle.loads(data)
    except Exception:  # noqa: BLE001 (a broken payload: run the scans here instead)
        return None
    ctx.memo.update(memo)
    return hits
