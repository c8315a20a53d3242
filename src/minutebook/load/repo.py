"""Find and read every file of a minutebook repository."""

from __future__ import annotations

import marshal
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..papers import PAPER_FOLDER
from .cache import ParseCache, pack, unpack
from .listfile import (
    LIST_FILES,
    Split,
    assemble_pieces,
    digests_of,
    parse_piece,
    plan_pieces,
    read_list_source,
    split,
)
from .safepath import entry_problem, path_problem, unreadable_problem, unsafe_under
from .source import DEFAULT_MAX_BYTES, Source, digest, read_regular, read_source, read_text
from .yamlsrc import Problem

CONFIG_FILE = "minutebook.yaml"
ORGANISATIONS_FILE = "governance/organisations.yaml"
PARTNERSHIPS_FILE = "governance/partnerships.yaml"
ACTIONS_FILE = "actions.yaml"
# read for the personal-data scan; never published (see docs/publishing-safely.md)
SENSITIVE_TERMS_FILE = "sensitive-terms.txt"
PERSONAL_DATA_ALLOW_FILE = "personal-data-allow.yaml"
ESCALATIONS_FILE = "escalations.yaml"
MEASURES_FILE = "scorecard/measures.yaml"
VALUES_DIR = "scorecard/values"
REPORTS_DIR = "reports"
BODIES_DIR = "governance/bodies"
TOR_DIR = "governance/tor"
MEETINGS_DIR = "meetings"

# every file and folder of records (what a preview server watches)
DATA_PATHS = (CONFIG_FILE, ORGANISATIONS_FILE, PARTNERSHIPS_FILE, ACTIONS_FILE,
              SENSITIVE_TERMS_FILE, PERSONAL_DATA_ALLOW_FILE, ESCALATIONS_FILE, MEASURES_FILE,
              VALUES_DIR, REPORTS_DIR, BODIES_DIR, TOR_DIR, MEETINGS_DIR)

_IGNORED = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(slots=True)
class Misplaced:
    """A file in a folder minutebook reads that does not belong there."""

    file: str
    problem: Problem


@dataclass(slots=True)
class RepoFiles:
    """Every file found, read and parsed, plus files found in the wrong place."""

    root: Path
    sources: list[Source] = field(default_factory=list)
    misplaced: list[Misplaced] = field(default_factory=list)
    # the digests of the items of list files (actions.yaml), in order, where known (with
    # the cache): lets the text scans skip unchanged items of a changed file
    item_digests: dict[str, list[bytes]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[Source]:
        return [s for s in self.sources if s.kind == kind]


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _misplaced(rel: str, message: str, hint: str) -> Misplaced:
    return Misplaced(rel, Problem("misplaced", 1, 1, message, hint))


def _entries(root: Path, folder: Path, misplaced: list[Misplaced]) -> list[os.DirEntry[str]]:
    """A folder's entries, sorted by name, without hidden files and READMEs; a folder that
    cannot be listed is reported (LD012), not raised."""
    try:
        with os.scandir(folder) as found:
            entries = [e for e in found
                       if e.name not in _IGNORED and not e.name.startswith(".")]
    except OSError as exc:
        rel = _rel(root, folder)
        misplaced.append(Misplaced(rel, unreadable_problem(rel, exc)))
        return []
    entries.sort(key=lambda e: e.name)
    return entries


def _safe(root: Path, rel: str, misplaced: list[Misplaced], *, folder: bool) -> bool:
    """Whether a file or folder, and every folder on the way to it, is no link or special
    file; otherwise the first such one is reported (LD011, once)."""
    found = path_problem(root, rel, folder=folder)
    if found is None:
        return True
    where, problem = found
    if not any(m.file == where for m in misplaced):
        misplaced.append(Misplaced(where, problem))
    return False


def _walk(root: Path, folder: Path, kind: str, suffix: str, front_matter: bool,
          message: str, hint: str, found: list[tuple[str, str, bool]],
          misplaced: list[Misplaced], papers: bool = False) -> None:
    """Files of one kind in one folder; anything else there is reported as misplaced, and
    a link or special file as such (never followed). With ``papers``, the folders that
    may hold meeting papers are left for the papers check, but a link or special file in
    them is reported (LD011)."""
    if not folder.is_dir():
        return
    prefix = _rel(root, folder) + "/"
    for entry in _entries(root, folder, misplaced):
        rel = prefix + entry.name
        if entry.name.endswith(suffix) and entry.is_file(follow_symlinks=False):
            found.append((rel, kind, front_matter))
        elif (problem := entry_problem(entry, rel)) is not None:
            misplaced.append(Misplaced(rel, problem))
        elif papers and PAPER_FOLDER.match(entry.name) and entry.is_dir(follow_symlinks=False):
            misplaced += [Misplaced(r, p) for r, p in unsafe_under(Path(entry.path), rel)]
        else:
            misplaced.append(_misplaced(rel, message, hint))


def discover(root: Path) -> tuple[list[tuple[str, str, bool]], list[Misplaced]]:
    """List (relative path, kind, has front matter) for every file to read."""
    found: list[tuple[str, str, bool]] = []
    misplaced: list[Misplaced] = []
    for rel, kind in ((CONFIG_FILE, "config"), (ORGANISATIONS_FILE, "organisations"),
                      (SENSITIVE_TERMS_FILE, "sensitive-terms"),
                      (PERSONAL_DATA_ALLOW_FILE, "personal-data-allow"),
                      (PARTNERSHIPS_FILE, "partnerships"), (ACTIONS_FILE, "actions"),
                      (ESCALATIONS_FILE, "escalations"), (MEASURES_FILE, "measures")):
        if _safe(root, rel, misplaced, folder=False) and (root / rel).is_file():
            found.append((rel, kind, False))
    # (folder, kind, file suffix, front matter, message and hint for a file that does not fit)
    flat = (
        (BODIES_DIR, "body", ".yaml", False,
         "only body files named <body-id>.yaml belong in governance/bodies/",
         "rename the file to end in .yaml, or move it out of this folder"),
        (VALUES_DIR, "values", ".csv", False,
         "only values files named <organisation-id>.csv belong here",
         "save the spreadsheet as CSV (UTF-8) named after the organisation"),
    )
    for folder, kind, suffix, fm, message, hint in flat:
        if _safe(root, folder, misplaced, folder=True):
            _walk(root, root / folder, kind, suffix, fm, message, hint, found, misplaced)
    # (folder, kind, message and hint for a file outside a sub-folder, then for one inside)
    per_id = (
        (TOR_DIR, "tor",
         "terms of reference go in a folder per ToR: governance/tor/<tor-id>/<version>.md",
         "make a folder named after the ToR and move the file into it",
         "only ToR versions named <version>.md belong in a ToR folder",
         "rename the file to end in .md (e.g. 1.0.md) or move it"),
        (MEETINGS_DIR, "meeting",
         "meeting records go in a folder per body: meetings/<body-id>/<YYYY-MM-DD>.md",
         "move the file into the folder of the body that met",
         "only meeting records named <YYYY-MM-DD>.md belong here",
         "rename the file to the meeting date with .md, e.g. 2026-01-14.md"),
        (REPORTS_DIR, "report",
         "reports go in a folder per body: reports/<body-id>/<start>_<end>.md",
         "generate it with minutebook report",
         "only reports (.md) belong here", "generate reports with minutebook report"),
    )
    for folder, kind, loose, loose_hint, message, hint in per_id:
        top = root / folder
        if not _safe(root, folder, misplaced, folder=True) or not top.is_dir():
            continue
        for sub in _entries(root, top, misplaced):
            if (problem := entry_problem(sub, f"{folder}/{sub.name}")) is not None:
                misplaced.append(Misplaced(f"{folder}/{sub.name}", problem))
            elif sub.is_dir(follow_symlinks=False):
                _walk(root, top / sub.name, kind, ".md", True, message, hint, found, misplaced,
                      papers=kind == "meeting")
            else:
                misplaced.append(_misplaced(f"{folder}/{sub.name}", loose, loose_hint))
    docs = root / "docs"  # the site copies every file under docs/ as it is
    if _safe(root, "docs", misplaced, folder=True) and docs.is_dir():
        misplaced += [Misplaced(rel, problem) for rel, problem in unsafe_under(docs, "docs")]
        for name in (SENSITIVE_TERMS_FILE, PERSONAL_DATA_ALLOW_FILE):
            for path in sorted(docs.rglob(name)):
                misplaced.append(_misplaced(
                    _rel(root, path), f"{name} under docs/ would be published with the site",
                    "move it to the top of the repository, beside minutebook.yaml, now; if a "
                    "site was built with it, see 'Publishing safely: if something is published'"))
    return found, misplaced


def read_repository(root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                    use_cache: bool = False, workers: int | None = None) -> RepoFiles:
    """Discover and parse every file; problems are recorded, never raised.

    With ``use_cache``, files unchanged since the last run come from the parse cache.
    Many files to parse are spread over ``workers`` processes (default: the CPUs).
    """
    files, misplaced = discover(root)
    repo = RepoFiles(root=root, misplaced=misplaced)
    cache = ParseCache(root, max_bytes) if use_cache else None
    sources: dict[str, Source] = {}
    todo: list[tuple[str, str, bool]] = []
    stats: dict[str, os.stat_result] = {}
    base = str(root)
    for rel, kind, fm in files:
        if cache is not None:
            try:
                stats[rel] = stat = os.stat(os.path.join(base, rel))
            except OSError:
                todo.append((rel, kind, fm))
                continue
            hit = cache.get(rel, stat) or _by_content(root, rel, stat, cache, max_bytes)
            if hit is None and kind in LIST_FILES:
                hit = _list_file(root, rel, kind, max_bytes, stat, cache)
            if hit is not None and hit.kind == kind:
                sources[rel] = hit
                continue
        todo.append((rel, kind, fm))
    for src, items in _parse_all(root, todo, max_bytes, workers):
        sources[src.file] = src
        if cache is not None and src.file in stats:
            if items is None and src.kind in LIST_FILES:
                items = digests_of(root, src, max_bytes)
            cache.put(src, stats[src.file], items)
    if cache is not None:
        cache.save({rel for rel, _k, _f in files})
        # only for the parse used (a file that could not be stat'ed is parsed, not cached)
        repo.item_digests = {rel: items for rel, kind, _f in files if kind in LIST_FILES
                             and (items := cache.item_digests(rel, sources[rel].digest))}
    repo.sources = [sources[rel] for rel, _k, _f in files]
    return repo


def _by_content(root: Path, rel: str, stat: os.stat_result, cache: ParseCache,
                max_bytes: int) -> Source | None:
    """A changed or newly checked-out file whose content the cache has seen."""
    if not cache.entries or stat.st_size > max_bytes:
        return None
    try:
        raw = read_regular(root / rel)
    except OSError:
        return None
    return cache.get_by_content(rel, digest(raw), stat)


def _list_file(root: Path, rel: str, kind: str, max_bytes: int, stat: os.stat_result,
               cache: ParseCache) -> Source | None:
    """A changed list file, reusing the items that did not change (see listfile)."""
    known = cache.known_items(rel, LIST_FILES[kind])
    if not known:
        return None  # nothing to reuse: parse it whole (perhaps in a worker)
    done = read_list_source(root, rel, kind, max_bytes, known)
    if done is None:
        return None
    src, items = done
    cache.put(src, stat, items)
    return src


PARALLEL_FROM = 400  # files to parse before it pays to start worker processes
PIECES_FROM = 1024 * 1024  # a list file this large is parsed in pieces, spread over them

# what a worker parses: a whole file (rel, kind, front matter), or a piece of a list
# file's items (rel, first item, item after the last, their text)
Task = tuple[str, str, bool] | tuple[str, int, int, str]


def _parse_all(root: Path, todo: list[tuple[str, str, bool]], max_bytes: int,
               workers: int | None) -> list[tuple[Source, list[bytes] | None]]:
    """Parse files whole, in worker processes when there are many: each source, and for a
    list file parsed in pieces, its items' digests (None: not known)."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(todo) < PARALLEL_FROM:
        return [(read_source(root, rel, kind, front_matter=fm, max_bytes=max_bytes), None)
                for rel, kind, fm in todo]
    tasks: list[tuple[int, Task]] = []
    cuts: dict[str, tuple[str, Split, bytes, list[tuple[int, int]]]] = {}
    for rel, kind, fm in todo:
        size = _size(root / rel)
        planned = _pieces(root, rel, kind, max_bytes, 4 * workers) \
            if kind in LIST_FILES and size >= PIECES_FROM else None
        if planned:
            cut, file_digest, pieces = planned
            cuts[rel] = (kind, cut, file_digest, [(a, b) for a, b, _t in pieces])
            tasks += [(len(text), (rel, a, b, text)) for a, b, text in pieces]
        else:  # in a Markdown file, only the front matter is YAML: its size counts a quarter
            tasks.append((size // (4 if fm else 1), (rel, kind, fm)))
    # batches of similar size (largest task first, each to the lightest batch), several per
    # worker: idle workers take the next, and results come back while others still parse
    tasks.sort(key=lambda t: t[0], reverse=True)
    chunks: list[list[Task]] = [[] for _ in range(8 * workers)]
    loads = [0] * len(chunks)
    for size, task in tasks:
        least = loads.index(min(loads))
        chunks[least].append(task)
        loads[least] += size
    ctx = multiprocessing.get_context("fork" if "fork" in
                                      multiprocessing.get_all_start_methods() else "spawn")
    out: list[tuple[Source, list[bytes] | None]] = []
    parsed_pieces: dict[str, dict[int, tuple[int, int, Any]]] = {}
    with ctx.Pool(workers) as pool:
        for part in pool.imap_unordered(_parse_batch, [(str(root), chunk, max_bytes)
                                                       for chunk in chunks if chunk]):
            for rel, first, answer in marshal.loads(part):
                if first is None:
                    out.append((unpack(rel, answer), None))
                else:
                    after, piece = answer
                    parsed_pieces.setdefault(rel, {})[first] = (first, after, piece)
    for rel, (kind, cut, file_digest, ranges) in cuts.items():
        got = parsed_pieces.get(rel, {})
        whole = assemble_pieces(cut, [got.get(a, (a, b, None)) for a, b in ranges])
        if whole is None:  # a piece or the head has something to report: parse it whole
            out.append((read_source(root, rel, kind, front_matter=False,
                                    max_bytes=max_bytes), None))
        else:
            parsed, digests = whole
            out.append((Source(rel, kind, parsed.data, parsed.positions, [],
                               digest=file_digest), digests))
    return out


def _pieces(root: Path, rel: str, kind: str, max_bytes: int,
            count: int) -> tuple[Split, bytes, list[tuple[int, int, str]]] | None:
    """A large list file cut into pieces to parse apart, or None (parse it whole)."""
    text, problems, file_digest = read_text(root / rel, rel, max_bytes)
    if text is None or problems:
        return None
    cut = split(text, LIST_FILES[kind])
    if cut is None or len(cut.texts) < count:
        return None
    return cut, file_digest, plan_pieces(cut, count)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _parse_batch(args: tuple[str, list[Task], int]) -> bytes:
    return _parse_chunk(*args)


def _parse_chunk(root: str, chunk: list[Task], max_bytes: int) -> bytes:
    """Worker: parse some files and pieces, and return them packed with marshal (much
    cheaper to send back than pickling the same data): (rel, None, packed source) for a
    file, (rel, first item, (item after the last, parse_piece's answer)) for a piece."""
    import gc

    gc.disable()
    base = Path(root)
    out: list[tuple[str, int | None, Any]] = []
    for task in chunk:
        if len(task) == 3:
            rel, kind, fm = task
            out.append((rel, None, pack(read_source(base, rel, kind, front_matter=fm,
                                                    max_bytes=max_bytes))))
        else:
            rel, first, after, text = task
            out.append((rel, first, (after, parse_piece(text))))
    return marshal.dumps(out)
