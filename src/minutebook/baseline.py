"""``check --baseline REF``: what a change introduces, compared with a git ref.

The working tree is checked as usual; the tree of REF is checked out into a temporary
folder under ``.cache/`` (through a temporary index: the user's working tree and index are
never touched) and checked with the same date and rules. Findings are matched by a stable
identity that leaves out where they are written (see :func:`identity`), so lines that moved
or neighbours that were edited do not count as new. Each finding of the working tree is then

- **new**: no finding of REF has its identity, or the one it matches was less severe;
- **existing**: it was there already, as severe or more;

and each finding of REF that nothing matched was **fixed** by the change.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .api import _INDEPENDENT, _SHARED_KINDS, Result
from .api import check as run_check
from .findings import SEVERITY_ORDER, Finding
from .load.safepath import path_problem

AUTO = "auto"
# tried in turn for the default branch when --baseline is given without a ref
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
_PARSE_CACHE = ".cache/minutebook"  # the working tree's (see load.cache)
_PREFIX = "baseline-"  # the temporary folders, in .cache/

Identity = tuple[str, str, str, str, str]


class BaselineError(Exception):
    """The ref cannot be compared with (not a commit, no git repository...): bad usage."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """A resolved ref: what the user asked for, the commit, and where the repository is."""

    ref: str  # as given, or 'merge base of HEAD and main' for auto
    commit: str
    git_root: Path
    prefix: str  # the repository's folder inside the git repository ('' at its top)

    @property
    def label(self) -> str:
        return f"{self.ref} ({self.commit[:10]})"


@dataclass(slots=True)
class Comparison:
    """The findings of the working tree and of the baseline, in three groups."""

    baseline: Baseline
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)  # positions as they were at REF
    existing: list[Finding] = field(default_factory=list)
    # a new finding that was there already but less severe: the severity it had
    raised: dict[Finding, str] = field(default_factory=dict)
    # findings of REF the working tree holds back (a file it cannot read: LD010), so that
    # whether the change fixed them is not known
    held_back: list[Finding] = field(default_factory=list)


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run git; its stdout (stripped). BaselineError when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              env=env, check=False)
    except FileNotFoundError:
        raise BaselineError("--baseline needs git, which is not installed") from None
    if done.returncode != 0:
        raise BaselineError(done.stderr.strip() or f"git {args[0]} failed")
    return done.stdout.strip()


def _commit(git_root: Path, ref: str) -> str | None:
    try:
        return _git(git_root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except BaselineError:
        return None


def resolve(root: Path, ref: str) -> Baseline:
    """The commit a --baseline value names. ``auto``: the merge base of HEAD with the
    default branch (origin/HEAD, else main or master)."""
    try:
        git_root = Path(_git(root, "rev-parse", "--show-toplevel"))
        prefix = _git(root, "rev-parse", "--show-prefix")
    except BaselineError:
        raise BaselineError(f"{root} is not in a git repository: --baseline compares with "
                            "a git ref") from None
    if ref == AUTO:
        branch = next((b for b in DEFAULT_BRANCHES if _commit(git_root, b)), None)
        if branch is None:
            raise BaselineError("found no default branch to compare with (tried "
                                f"{', '.join(DEFAULT_BRANCHES)}): name one, e.g. "
                                "--baseline origin/main")
        if branch == "origin/HEAD":  # named as people know it: origin/main
            branch = _git(git_root, "rev-parse", "--abbrev-ref", branch) or branch
        try:
            commit = _git(git_root, "merge-base", "HEAD", branch)
        except BaselineError:
            raise BaselineError(f"HEAD and {branch} have no common commit: name the ref to "
                                "compare with, e.g. --baseline origin/main") from None
        return Baseline(f"merge base with {branch}", commit, git_root, prefix)
    commit = _commit(git_root, ref) if ref and not ref.startswith("-") else None
    if commit is None:
        folder = (f"; to check the folder {ref} against the default branch, put it first: "
                  f"minutebook check {ref} --baseline" if ref and Path(ref).is_dir() else "")
        raise BaselineError(f"'{ref}' is not a commit of this repository: give a branch, tag "
                            "or commit (e.g. origin/main; fetch it first in a shallow clone)"
                            + folder)
    return Baseline(ref, commit, git_root, prefix)


@contextmanager
def checked_out(root: Path, base: Baseline) -> Iterator[Path]:
    """REF's tree in a temporary folder under ``root/.cache/`` (removed afterwards); yields
    the repository's folder in it. Uses a temporary index, never the user's."""
    cache = root.resolve() / ".cache"  # absolute: git runs in the top folder of the repo
    if (link := path_problem(root, ".cache", folder=True)) is not None:  # never outside
        raise BaselineError(f"cannot compare: {link[1].message}; remove it (minutebook "
                            "makes a real folder) and run the command again")
    try:
        cache.mkdir(exist_ok=True)
        _remove_stale(cache)
        tmp = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=cache))
    except OSError as exc:
        raise BaselineError(f"cannot make a temporary folder in {cache}: {exc.strerror}") \
            from None
    try:
        env = {**os.environ, "GIT_INDEX_FILE": str(tmp / "index")}
        tree = f"{base.commit}:{base.prefix}" if base.prefix else base.commit
        try:
            _git(base.git_root, "read-tree", tree, env=env)
        except BaselineError:
            raise BaselineError(f"{base.ref} has no folder {base.prefix.rstrip('/')}") \
                from None
        _git(base.git_root, "checkout-index", "--all", "--force", f"--prefix={tmp}/tree/",
             env=env)
        (tmp / "tree").mkdir(exist_ok=True)  # an empty tree writes nothing
        yield tmp / "tree"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove_stale(cache: Path) -> None:
    """Remove the trees of earlier runs that were killed before they could (older than a
    day: a run going on now is left alone)."""
    limit = time.time() - 86400
    for entry in cache.glob(f"{_PREFIX}*"):
        try:
            if entry.is_dir() and entry.stat().st_mtime < limit:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def _seed_cache(root: Path, tree: Path) -> None:
    """Give the baseline tree a copy of the working tree's parse cache: files are found in
    it by the digest of their content, so only the files the change touched are parsed
    again. The copy goes with the tree: the working tree's cache is never written."""
    source = root / _PARSE_CACHE
    if source.is_dir():
        try:
            shutil.copytree(source, tree / _PARSE_CACHE)
        except (OSError, shutil.Error):
            shutil.rmtree(tree / _PARSE_CACHE, ignore_errors=True)  # no cache, then


def check_baseline(root: Path, base: Baseline, today: date, *,
                   select: set[str] | None = None, use_cache: bool = False) -> Result:
    """Check REF's tree as of ``today`` with the same rules."""
    with checked_out(root, base) as tree:
        if use_cache:
            _seed_cache(root, tree)
        return run_check(tree, today, select=select, use_cache=use_cache)


# ------------------------------------------------------------------ matching


_LINE_REF = re.compile(r"\b(lines?|columns?)\s+\d+(?:\s*(?:-|–|to|and)\s*\d+)?")
_POSITION = re.compile(r"\b\d+:\d+\b")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|" \
          "December"
# a date in words (kept: it says what the finding is about), or a count, a percentage or a
# version on its own (not part of an id such as sb-008 or a date such as 2026-12-02):
# counts change when neighbours are added or edited
_NUMBER = re.compile(rf"(?P<date>\b(?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{4}})?\b)"
                     r"|(?<![\w.-])\d+(?:\.\d+)*(?![\w-]|\.\d)")


def normalise_message(message: str, today: date) -> str:
    """A message without what changes when nothing about the finding did: line and
    column numbers, today's date and counts (dates are kept)."""
    text = message.replace(today.isoformat(), "<today>")
    text = text.replace(f"{today.day} {today:%B %Y}", "<today>")
    text = _LINE_REF.sub(r"\1 #", text)
    text = _POSITION.sub("#", text)
    return _NUMBER.sub(lambda m: m.group("date") or "#", text)


def _path_steps(path: str) -> list[str | int] | None:
    """('a', 0, 'b') from '$.a[0].b' (see findings.json_path); None if it is not one."""
    if not path.startswith("$"):
        return None
    steps: list[str | int] = []
    i = 1
    while i < len(path):
        if path[i] == ".":
            m = re.compile(r"[\w-]+").match(path, i + 1)
            if not m:
                return None
            steps.append(m.group())
            i = m.end()
        elif path[i] == "[":
            m = re.compile(r"\[(\d+|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]").match(path, i)
            if not m:
                return None
            inner = m.group(1)
            steps.append(int(inner) if inner.isdigit() else ast.literal_eval(inner))
            i = m.end()
        else:
            return None
    return steps


def stable_path(path: str, data: Any) -> str:
    """A data path whose list positions are replaced by what they point at: the item's
    id, or the value itself; ``[]`` if neither. Reordering a list changes nothing."""
    steps = _path_steps(path)
    if steps is None:
        return re.sub(r"\[\d+\]", "[]", path)
    out = "$"
    for step in steps:
        if isinstance(step, int):
            item = data[step] if isinstance(data, list) and 0 <= step < len(data) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str | int):
                out += f"[id={item['id']}]"
            elif isinstance(item, str | int | float | bool):
                out += f"[={item}]"
            else:
                out += "[]"
            data = item
        else:
            out += f".{step}"
            data = data.get(step) if isinstance(data, dict) else None
    return out


def identity(f: Finding, data: Any, today: date) -> Identity:
    """What a finding is about, not where it is written: rule, body, file, the field (list
    items by id) and the message without line numbers, today's date and counts."""
    return (f.code, f.body or "", f.file, stable_path(f.path, data),
            normalise_message(f.message, today))


def _identities(result: Result) -> dict[Identity, list[Finding]]:
    data = {s.file: s.data for s in result.repo.sources} if result.repo else {}
    grouped: dict[Identity, list[Finding]] = {}
    for f in result.findings:
        grouped.setdefault(identity(f, data.get(f.file), result.today), []).append(f)
    return grouped


def _pair(head: list[Finding], base: list[Finding]) -> tuple[
        list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """Pair findings of one identity: same line and severity first, then same severity,
    then same line, then the rest in order of their lines (so that a finding made worse is
    the one reported, not a neighbour). Returns the pairs, the unpaired of the working
    tree and the unpaired of REF."""
    head_left = sorted(head, key=lambda f: f.sort_key)
    base_left = sorted(base, key=lambda f: f.sort_key)
    pairs: list[tuple[Finding, Finding]] = []
    stages: tuple[Callable[[Finding, Finding], bool], ...] = (
        lambda h, b: h.line == b.line and h.severity == b.severity,
        lambda h, b: h.severity == b.severity,
        lambda h, b: h.line == b.line,
        lambda h, b: True)
    for matches in stages:
        for h in list(head_left):
            b = next((b for b in base_left if matches(h, b)), None)
            if b is not None:
                pairs.append((h, b))
                head_left.remove(h)
                base_left.remove(b)
    return pairs, head_left, base_left


def compare(head: Result, base: Result, baseline: Baseline) -> Comparison:
    """Sort the working tree's findings into new and existing, and REF's left over into
    fixed (each group in the usual file and line order)."""
    out = Comparison(baseline)
    head_ids, base_ids = _identities(head), _identities(base)
    for key, findings in head_ids.items():
        pairs, unpaired, _ = _pair(findings, base_ids.get(key, []))
        out.new += unpaired
        for h, b in pairs:
            if SEVERITY_ORDER[h.severity] < SEVERITY_ORDER[b.severity]:
                out.new.append(h)
                out.raised[h] = b.severity
            else:
                out.existing.append(h)
    held = _held_back(head)
    for key, findings in base_ids.items():
        for f in _pair(head_ids.get(key, []), findings)[2]:
            (out.held_back if held(f) else out.fixed).append(f)
    for group in (out.new, out.fixed, out.existing, out.held_back):
        group.sort(key=lambda f: f.sort_key)
    return out



def _held_back(result: Result) -> Callable[[Finding], bool]:
    """Whether a run held back a finding like this one (see api._hold_back): a file it
    could not read holds back its body's findings, a shared file every finding but the
    load, schema and text-scan ones."""
    kinds = {s.file: s.kind for s in result.repo.sources} if result.repo else {}
    bodies = result.dataset.bodies if result.dataset else {}
    held: set[str] = set()
    everything = False
    for f in result.findings:
        if f.code != "LD010":
            continue
        kind = kinds.get(f.file)
        if kind in _SHARED_KINDS:
            everything = True
        elif kind == "tor":
            tor = f.file.split("/")[-2]
            held.update(b.id for b in bodies.values() if b.tor == tor)
        elif f.body:
            held.add(f.body)
    return lambda f: f.category not in _INDEPENDENT and (everything or f.body in held)
