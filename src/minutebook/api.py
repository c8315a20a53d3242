"""The one entry point the CLI, the site plugin and the tests share: ``check``."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .analysis import Analysis
from .build import LIST_KEYS, build_dataset
from .docpages import read_docs_pages
from .findings import SEVERITY_ORDER, Finding, json_path
from .formats import FORMAT, Stated, newer_message, older_message, read_format
from .load.cache import CACHE_ROOT, load_memo, save_memo
from .load.repo import (
    CONFIG_FILE,
    ORGANISATIONS_FILE,
    PERSONAL_DATA_ALLOW_FILE,
    SENSITIVE_TERMS_FILE,
    RepoFiles,
    read_repository,
)
from .load.safepath import path_problem, unsafe_cache
from .load.source import DEFAULT_MAX_BYTES, Source
from .model import Dataset
from .papers import check_papers
from .rules import REGISTRY, Context
from .validate import validate

_LOAD_CODES = {"syntax": "LD001", "duplicate-key": "LD002", "feature": "LD003",
               "encoding": "LD004", "bom": "LD005", "size": "LD006",
               "front-matter": "LD007", "misplaced": "LD008", "link": "LD011",
               "folder": "LD012"}
# the files every scan's result depends on (see load.cache.memo_fingerprint)
_SCAN_SETTINGS = (CONFIG_FILE, ORGANISATIONS_FILE, SENSITIVE_TERMS_FILE,
                  PERSONAL_DATA_ALLOW_FILE)


@dataclass(slots=True)
class Result:
    """Everything one check run produced."""

    today: date
    findings: list[Finding]
    dataset: Dataset | None = None
    facts: Analysis | None = None
    repo: RepoFiles | None = None
    counts: dict[str, int] = field(default_factory=dict)
    # what the command should tell on stderr (e.g. why the cache was not used)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def record_errors(self) -> list[Finding]:
        """The errors that stop the site being published (see Finding.blocks_publishing)."""
        return [f for f in self.findings if f.blocks_publishing]

    @property
    def governance_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" and f.kind == "governance"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def _finding(code: str, src_file: str, line: int, column: int, message: str, hint: str,
             path: str = "$", body: str | None = None,
             severity: dict[str, str] | None = None) -> Finding:
    r = REGISTRY[code]
    sev = (severity or {}).get(code, r.severity)
    return Finding(src_file, line, column, code, r.name, r.category, sev,  # type: ignore[arg-type]
                   message, hint, path, body, kind=r.kind)


def _body_of_file(rel: str) -> str | None:
    parts = rel.split("/")
    if parts[0] == "meetings" and len(parts) == 3:
        return parts[1]
    if parts[:2] == ["governance", "bodies"] and len(parts) == 3:
        return parts[2].removesuffix(".yaml")
    return None


def check(root: Path | str, today: date | None = None, *,
          select: set[str] | None = None, use_cache: bool = False,
          workers: int | None = None) -> Result:
    """Read, validate, model and check a repository as of a day.

    ``select`` limits the rules run to those codes (used by per-rule tests);
    ``use_cache`` reuses the parse of files unchanged since the last run.
    Never raises for bad content: every problem is a finding.
    """
    root = Path(root)
    today = today or date.today()
    # a run creates millions of small objects and no cyclic garbage worth collecting:
    # pause the collector for the whole check (measured: a fifth of the time on large data)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(root, today, select, use_cache, workers)
    finally:
        if gc_was_enabled:
            gc.enable()


def _check(root: Path, today: date, select: set[str] | None, use_cache: bool,
           workers: int | None) -> Result:
    notes: list[str] = []
    if use_cache and (why := unsafe_cache(root, CACHE_ROOT)):  # never outside the repository
        use_cache = False
        notes.append(f"minutebook: not using the cache: {why}. The check ran without it; "
                     f"remove the link ({CACHE_ROOT.split('/')[0]}) and minutebook will make "
                     "a real folder")
    stated = read_format(root)
    if stated is not None and stated.number is not None and stated.number > FORMAT:
        return _newer_format(root, today, stated, notes)
    repo = read_repository(root, max_bytes=_max_bytes(root), use_cache=use_cache,
                           workers=workers)
    findings: list[Finding] = []
    valid: list[tuple[Source, set[int] | None]] = []
    unreadable: set[tuple[str, str]] = set()
    broken: list[Source] = []  # files left out of the model: they could not be read
    config_src = next((s for s in repo.sources if s.kind == "config"), None)
    overrides: dict[str, str] = {}
    disabled: set[str] = set()
    if config_src and isinstance(config_src.data, dict):
        checks = config_src.data.get("checks") or {}
        if isinstance(checks, dict):
            # used before the file is validated: take only well-formed entries (the schema
            # check reports the rest)
            severity = checks.get("severity")
            overrides = {k: v for k, v in severity.items()
                         if k in REGISTRY and isinstance(v, str) and v in SEVERITY_ORDER} \
                if isinstance(severity, dict) else {}
            disable = checks.get("disable")
            disabled = {c for c in disable if isinstance(c, str)} \
                if isinstance(disable, list) else set()
            findings += _protected_checks(config_src, overrides, disabled)
    if config_src is not None and config_src.ok and stated is not None \
            and stated.number is not None and stated.number < FORMAT:
        line, col = config_src.pos(("format",)) if stated.stated else (1, 1)
        message, hint = older_message(stated.number)
        findings.append(_finding("LD014", CONFIG_FILE, line, col, message, hint,
                                 "$.format" if stated.stated else "$"))
    for m in repo.misplaced:
        p = m.problem
        findings.append(_finding(_LOAD_CODES[p.kind], m.file, p.line, p.column, p.message, p.hint,
                                 severity=overrides))
    for src in repo.sources:
        body_id = _body_of_file(src.file)
        for p in src.problems:
            findings.append(_finding(_LOAD_CODES[p.kind], src.file, p.line, p.column, p.message,
                                     p.hint, body=body_id, severity=overrides))
        if not src.ok:
            unreadable.update(_ids_of_file(src))
            broken.append(src)
            continue
        problems = validate(src)
        skip: set[int] = set()
        file_level = False
        for sp in problems:
            line, col = src.pos(sp.path)
            findings.append(_finding(sp.code, src.file, line, col, sp.message, sp.hint,
                                     json_path(sp.path), body_id, overrides))
            key = LIST_KEYS.get(src.kind)
            if key and len(sp.path) >= 2 and sp.path[0] == key and isinstance(sp.path[1], int):
                skip.add(sp.path[1])
            else:
                file_level = True
        if file_level:
            unreadable.update(_ids_of_file(src))
            broken.append(src)
        else:
            valid.append((src, skip or None))
            key = LIST_KEYS.get(src.kind)
            if key and skip:
                items = src.data.get(key) or []
                unreadable.update((src.kind.rstrip("s"), str(items[i].get("id")))
                                  for i in skip if isinstance(items[i], dict))
    ds = build_dataset(valid)
    ds.unreadable_ids = unreadable
    ds.docs_pages = read_docs_pages(root)
    findings += _paper_findings(root, ds, repo, overrides)
    facts = Analysis(ds)
    digests = {s.file: s.digest for s in repo.sources if s.digest}
    settings = b"".join(digests.get(f, b"-") for f in _SCAN_SETTINGS)
    ctx = Context(ds, today, facts, load_memo(root, settings) if use_cache else {},
                  digests, repo.item_digests)
    ds.calendar.remember(ctx.memo.setdefault("bank-holidays", {}))
    by_file = {s.file: s for s in repo.sources}
    for code, r in REGISTRY.items():
        if r.check is None or code in disabled or (select is not None and code not in select):
            continue
        try:
            for hit in r.check(ctx):
                src = by_file.get(hit.at.file)
                line, col = src.pos(hit.at.path) if src else (1, 1)
                # a hit inside a text (e.g. the Markdown minutes) carries its exact position
                line, col = getattr(hit, "position", None) or (line, col)
                severity = overrides if code in overrides or hit.severity is None \
                    else {code: hit.severity}
                findings.append(_finding(code, hit.at.file, line, col, hit.message, hit.hint,
                                         json_path(hit.at.path), hit.body, severity))
        except Exception as exc:  # noqa: BLE001 - a bug: the other checks still run
            findings.append(_check_failed(code, exc))
    if use_cache:
        save_memo(root, ctx.memo, settings)
    folders = [m.file for m in repo.misplaced if m.problem.kind == "folder"]
    if broken or folders:
        findings = _hold_back(findings, broken, ds, folders)
    findings = [f for f in findings if f.code not in disabled
                and (select is None or f.code in select or f.category in ("load", "schema"))]
    findings.sort(key=lambda f: f.sort_key)
    result = Result(today, findings, ds, facts, repo, notes=notes)
    result.counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    return result


def _newer_format(root: Path, today: date, stated: Stated, notes: list[str]) -> Result:
    """LD015 alone: the repository is written in a format newer than this minutebook reads,
    so nothing else is checked (its files may mean what this version does not know)."""
    message, hint = newer_message(stated.number or 0, stated.engine)
    found = [_finding("LD015", CONFIG_FILE, stated.line, 1, message, hint, "$.format")]
    ds = build_dataset([])
    result = Result(today, found, ds, Analysis(ds), RepoFiles(root), notes=notes)
    result.counts = {s: sum(1 for f in found if f.severity == s) for s in SEVERITY_ORDER}
    return result


# files every check reads: while one cannot be read, any finding may be caused by its absence
_SHARED_KINDS = frozenset({"config", "organisations", "partnerships"})
# findings that never depend on other files: always reported
_INDEPENDENT = frozenset({"load", "schema", "personal-data", "content-safety"})


def _paper_findings(root: Path, ds: Dataset, repo: RepoFiles,
                    overrides: dict[str, str]) -> list[Finding]:
    """LD013: the papers kept beside meeting records that cannot be published (the others
    are recorded in ``ds.paper_files`` for the site)."""
    if not any(p.file for ms in ds.meetings.values() for m in ms for p in m.papers):
        return []
    by_file = {s.file: s for s in repo.sources}
    out = []
    for paper, message, hint in check_papers(root, ds, _max_bytes(root)):
        src = by_file.get(paper.at.file)
        line, col = src.pos(paper.at.path) if src else (1, 1)
        out.append(_finding("LD013", paper.at.file, line, col, message, hint,
                            json_path(paper.at.path), _body_of_file(paper.at.file), overrides))
    return out


def _hold_back(findings: list[Finding], broken: list[Source], ds: Dataset,
               folders: list[str] | None = None) -> list[Finding]:
    """Hold back the findings a file left out of the model may have caused: a meeting
    record, body file or ToR left out makes its body look as if it had not met, or had no
    ToR; a shared file (organisations...) can affect any check. Each broken file says how
    many findings it holds back (LD010); they come back once it is fixed. A folder that
    cannot be read (LD012) holds back its body's findings (meetings/<body>, reports/<body>)
    or, any other, every finding."""
    shared = [s.file for s in broken if s.kind in _SHARED_KINDS]
    owner: dict[str, str] = {}  # body -> the broken file that holds back its findings
    for src in broken:
        if src.kind == "tor":
            tor_id = src.file.split("/")[-2]
            for b in sorted(b.id for b in ds.bodies.values() if b.tor == tor_id):
                owner.setdefault(b, src.file)
        elif src.kind in ("meeting", "body"):
            body_id = _body_of_file(src.file)
            if body_id:
                owner.setdefault(body_id, src.file)
    folders = folders or []
    for folder in folders:
        parts = folder.split("/")
        if parts[0] in ("meetings", "reports") and len(parts) == 2:
            owner.setdefault(parts[1], folder)
        else:
            shared.append(folder)
    if not shared and not owner:
        return findings
    kept: list[Finding] = []
    held: dict[str, int] = {}
    for f in findings:
        if f.category in _INDEPENDENT:
            kept.append(f)
            continue
        file = shared[0] if shared else owner.get(f.body or "")
        if file is None:
            kept.append(f)
        else:
            held[file] = held.get(file, 0) + 1
    for file, count in sorted(held.items()):
        what = "folder" if file in folders else "file"
        kept.append(_finding(
            "LD010", file, 1, 1, f"{count} finding{'s' if count != 1 else ''} of other checks "
            f"{'are' if count != 1 else 'is'} held back until this {what} can be read: "
            f"{'they' if count != 1 else 'it'} may only be caused by its absence",
            "fix the errors in this file first; the checks then run on everything again",
            body=_body_of_file(file)))
    return kept


def _check_failed(code: str, exc: Exception) -> Finding:
    """LD009: a check stopped with an internal error (reported where the exception rose)."""
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return _finding("LD009", CONFIG_FILE, 1, 1, f"the check {code} ({REGISTRY[code].name}) "
                    f"stopped with an internal error: {type(exc).__name__}: {exc} (at {where})",
                    "this is a fault in minutebook, not in your files: please report it with "
                    "this message; the other checks ran, and the site is not built until it "
                    "is fixed")


PROTECTED_CATEGORIES = frozenset({"personal-data", "content-safety"})
# why a code cannot be disabled or softened, besides the protected categories: a file with
# one of the first problems is left out of every check (and scan), a misplaced
# sensitive-terms.txt under docs/ would be published, and a check that failed checked nothing
_LEFT_OUT = "a file with this problem is left out of every check until it is fixed"
PROTECTED_REASONS = {
    **dict.fromkeys(("LD001", "LD002", "LD003", "LD004", "LD006", "LD007", "SC001", "SC002",
                     "SC003"), _LEFT_OUT),
    "LD008": "a file in the wrong place is not checked, or would be published",
    "LD009": "a check that failed has checked nothing",
    "LD011": "a link could read or publish files from outside the repository",
    "LD012": "the files of a folder that cannot be read are left out of every check",
    "LD013": "a paper outside its folder, through a link or of another type could publish "
             "any file",
    "LD014": "the files are read in this minutebook's format: run minutebook migrate",
    "LD015": "a repository in a newer format cannot be checked by this minutebook",
}
PROTECTED_CODES = frozenset(PROTECTED_REASONS)


def _protection(code: str) -> str | None:
    """Why a code cannot be disabled or softened, or None if it can."""
    rule = REGISTRY.get(code)
    if rule and rule.category in PROTECTED_CATEGORIES:
        return "it keeps personal data or active content off the site"
    return f"{PROTECTED_REASONS[code]}" if code in PROTECTED_REASONS else None


def _protected_checks(src: Source, overrides: dict[str, str],
                      disabled: set[str]) -> list[Finding]:
    """Refuse configuration that would turn off or soften the checks that keep personal
    data and active content off the site (the entries are removed, and reported)."""
    out = []
    for code in sorted(disabled):
        why = _protection(code)
        if why:
            disabled.discard(code)
            i = (src.data["checks"]["disable"]).index(code)
            line, col = src.pos(("checks", "disable", i))
            hint = "remove it from checks: disable" + (
                "; clear a false positive with a reviewed entry in personal-data-allow.yaml "
                "instead" if REGISTRY[code].category in PROTECTED_CATEGORIES else "")
            out.append(_finding("SC004", src.file, line, col,
                                f"{code} cannot be disabled: {why}", hint))
    for code in sorted(overrides):
        why = _protection(code)
        if why and SEVERITY_ORDER[overrides[code]] > SEVERITY_ORDER[REGISTRY[code].severity]:
            del overrides[code]
            line, col = src.pos(("checks", "severity", code))
            out.append(_finding("SC004", src.file, line, col,
                                f"{code} cannot be made less severe: {why}",
                                "remove it from checks: severity"))
    return out


def _ids_of_file(src: Source) -> set[tuple[str, str]]:
    """Ids a file would define, guessed from its path (used when it cannot be read)."""
    parts = src.file.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if src.kind == "body":
        return {("body", stem)}
    if src.kind == "tor":
        return {("tor", parts[-2])}
    if src.kind == "meeting":
        return {("meeting", f"{parts[-2]}/{stem}")}
    if src.kind in ("organisations", "partnerships", "actions", "measures", "escalations"):
        return {("all", src.kind.rstrip("s"))}
    return set()


def _max_bytes(root: Path) -> int:
    """Read limits.max_file_bytes cheaply before the full load (default 32 MiB)."""
    cfg = root / "minutebook.yaml"
    if path_problem(root, CONFIG_FILE) is None and cfg.is_file() and cfg.stat().st_size < 65536:
        from .load.yamlsrc import parse_yaml

        data = parse_yaml(cfg.read_text(encoding="utf-8", errors="replace")).data
        if isinstance(data, dict) and isinstance(data.get("limits"), dict):
            value = data["limits"].get("max_file_bytes")
            if isinstance(value, int) and value > 0:
                return value
    return DEFAULT_MAX_BYTES
