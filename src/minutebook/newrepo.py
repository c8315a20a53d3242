"""A new partnership's repository (``minutebook init``): its files, as a pure function.

:func:`plan` turns what the partnership said (:class:`Partnership`) into the text of every
file of the new repository; :func:`write_repository` writes them into an empty folder and
nowhere else. The repository holds only the partnership's own content and configuration:
the engine (checks, pages, theme, styles, guides) comes from the ``minutebook`` package,
pinned in ``requirements.txt``, which ``scripts/build``, ``scripts/check`` and the
workflows install.

The files that do not depend on the partnership are kept as they are written, under
``starter/`` in this package (a name starting ``dot-`` is written with a leading dot);
``@@KEY@@`` in them is replaced by a value of :func:`_values`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import __version__, fileio
from .formats import FORMAT
from .scaffold import ScaffoldError, yaml_scalar

#: Where the engine's source lives: the pre-commit hook (``minutebook-check``, defined in
#: its ``.pre-commit-hooks.yaml``) is fetched from there at a tag ``v<version>``.
ENGINE_SOURCE = "https://github.com/minutebook/minutebook"

#: ``--nation``: the words a partnership uses, and the bank-holiday calendar it means.
NATIONS = {"england": "england-and-wales", "wales": "england-and-wales",
           "england-and-wales": "england-and-wales", "scotland": "scotland",
           "northern-ireland": "northern-ireland"}

#: The statutory frameworks (the schema's list) and what each is, for the questions.
FRAMEWORKS = {
    "working-together-2023": "children, England: Working Together to Safeguard Children 2023",
    "care-act-2014": "adults, England: a safeguarding adults board (Care Act 2014)",
    "sswb-wales-2014": "Wales: Social Services and Well-being (Wales) Act 2014",
    "crime-and-disorder-act-1998": "a community safety partnership",
    "other": "none of these (no statutory membership checks)",
}

#: The organisation kinds the schema knows (governance/organisations.yaml).
KINDS = ("local-authority", "police", "health", "icb", "nhs-trust", "education",
         "youth-justice", "probation", "fire-and-rescue", "housing", "commissioned-service",
         "voluntary-sector", "independent", "partnership", "other")

#: Under these frameworks the leaders of these kinds of organisation are the lead partners
#: (Working Together 2023; the Care Act 2014, Schedule 2), in these posts.
_LEAD_POSTS = {"local-authority": "Chief Executive", "icb": "Chief Executive",
               "police": "Chief Constable"}
_LEAD_FRAMEWORKS = frozenset({"working-together-2023", "care-act-2014"})

_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\Z")
_TOKEN = re.compile(r"@@([A-Z_]+)@@")
_EXECUTABLE = ("scripts/",)


@dataclass(frozen=True)
class Organisation:
    """An organisation named at ``init``: its id is made from its name."""

    name: str
    kind: str

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class Partnership:
    """What ``minutebook init`` is told about the partnership."""

    name: str
    short_name: str | None = None
    nation: str = "england"
    framework: str = "other"
    organisations: tuple[Organisation, ...] = field(default_factory=tuple)
    repo: str | None = None  # owner/name on GitHub

    @property
    def id(self) -> str:
        return slug(self.name)


def slug(text: str) -> str:
    """An id made of a name: lower case words joined by hyphens ('Northshire Council' ->
    'northshire-council')."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and ").replace("'", ""))
    return "-".join(words)


def parse_organisation(text: str) -> Organisation:
    """``"Name:kind"`` (the kind one of :data:`KINDS`) as an organisation."""
    name, sep, kind = text.rpartition(":")
    name, kind = name.strip(), kind.strip()
    if not sep or not name:
        raise ScaffoldError(f"'{text}' is not Name:kind, e.g. \"Northshire Council:"
                            "local-authority\"")
    if kind not in KINDS:
        raise ScaffoldError(f"the kind '{kind}' of {name} is not one of: {', '.join(KINDS)}")
    if not slug(name):
        raise ScaffoldError(f"the name '{name}' has no letters or digits to make an id of")
    return Organisation(name, kind)


def engine_range(version: str = __version__) -> str:
    """The engine versions a new repository accepts: this one up to the next major."""
    parts = [int(p) for p in re.findall(r"\d+", version)[:2]]
    major, minor = [*parts, 0, 0][:2]
    return f"minutebook>={major}.{minor},<{major + 1}"


def validate(p: Partnership) -> None:
    """Refuse what the new repository could not hold (a message for the person)."""
    if not p.name.strip() or not p.id:
        raise ScaffoldError("the partnership's name must have letters or digits")
    if p.nation not in NATIONS:
        raise ScaffoldError(f"the nation '{p.nation}' is not one of: "
                            "england, wales, scotland, northern-ireland")
    if p.framework not in FRAMEWORKS:
        raise ScaffoldError(f"the framework '{p.framework}' is not one of: "
                            f"{', '.join(FRAMEWORKS)}")
    if p.repo is not None and not _REPO.match(p.repo):
        raise ScaffoldError(f"the repository '{p.repo}' is not owner/name, e.g. "
                            "northshire/governance")
    ids = [o.id for o in p.organisations]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ScaffoldError(f"two organisations would have the same id: {', '.join(twice)}")


# ------------------------------------------------------------------ the files


def plan(p: Partnership) -> dict[str, str]:
    """Every file of the new repository (path relative to its root -> text)."""
    validate(p)
    values = _values(p)
    files: dict[str, str] = {}
    starter = resources.files("minutebook") / "starter"
    for rel, text in _walk(starter, ""):
        files[rel] = _fill(text, values, rel)
    files["minutebook.yaml"] = settings_text(p)
    files["governance/partnerships.yaml"] = partnerships_text(p)
    files["governance/organisations.yaml"] = organisations_text(p)
    files["requirements.txt"] = (
        "# The minutebook engine this repository is built with (scripts/build, scripts/check\n"
        "# and the workflows install exactly this). To upgrade, change the version, run\n"
        "# scripts/check, and commit.\n"
        f"minutebook=={__version__}\n")
    return dict(sorted(files.items()))


def _walk(folder: resources.abc.Traversable, prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__" or item.name.endswith((".pyc", ".py")):
            continue
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        rel = f"{prefix}{name}"
        if item.is_dir():
            out.extend(_walk(item, rel + "/"))
        else:
            out.append((rel, item.read_text(encoding="utf-8")))
    return out


def _values(p: Partnership) -> dict[str, str]:
    owner, _, name = (p.repo or "").partition("/")
    site_url = "site_url: !ENV MINUTEBOOK_SITE_URL"
    if p.repo:  # where GitHub Pages publishes it (the workflow's address comes first)
        site_url = (f"site_url: !ENV [MINUTEBOOK_SITE_URL, "
                    f"\"https://{owner.lower()}.github.io/{name}/\"]")
    return {
        "NAME": p.name,
        "SITE_NAME": yaml_scalar(p.name),
        "SITE_URL": site_url,
        "CLONE": (f"git clone https://github.com/{p.repo}.git\ncd {name}" if p.repo else
                  "git clone https://github.com/OWNER/NAME.git\ncd NAME"),
        "VERSION": __version__,
        "ENGINE_SOURCE": ENGINE_SOURCE,
        "ENGINE_RANGE": engine_range(),
    }


def _fill(text: str, values: dict[str, str], rel: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            raise KeyError(f"starter/{rel}: no value for @@{m.group(1)}@@")
        return values[m.group(1)]

    return _TOKEN.sub(one, text)


def settings_text(p: Partnership) -> str:
    return (
        "# Settings for this minutebook repository.\n"
        f"site_name: {yaml_scalar(p.name)}\n"
        "# The version of the file format these records are written in, and the engine\n"
        "# versions that read it (a newer engine's `minutebook migrate` upgrades the files).\n"
        f"format: {FORMAT}\n"
        f"engine: {yaml_scalar(engine_range())}\n"
        "# Whose bank holidays count for deadlines in working days.\n"
        f"nation: {NATIONS[p.nation]}\n"
        "# Extra days the business-support office is closed (deadlines skip them too), e.g.\n"
        "# closure_days: [2026-12-29, 2026-12-30, 2026-12-31]\n")


def partnerships_text(p: Partnership) -> str:
    lines = [
        "# The partnership whose bodies this repository holds, and its statutory arrangements.",
        "# framework: working-together-2023 (children, England), care-act-2014 (adults),",
        "# sswb-wales-2014, crime-and-disorder-act-1998 or other.",
        "partnerships:",
        f"  - id: {p.id}",
        f"    name: {yaml_scalar(p.name)}",
    ]
    if p.short_name:
        lines.append(f"    short_name: {yaml_scalar(p.short_name)}")
    lines.append(f"    framework: {p.framework}")
    if p.framework in _LEAD_FRAMEWORKS:
        leads = _lead_partners(p)
        if leads:
            lines.append("    lead_partners:")
            lines += [f"      - {{organisation: {o.id}, post: {_LEAD_POSTS[o.kind]}}}"
                      for o in leads]
    if p.framework == "working-together-2023":
        lines.append("    # independent_scrutiny:")
        lines.append("    #   - {organisation: ..., post: Independent Scrutineer}")
    return "\n".join(lines) + "\n"


def _lead_partners(p: Partnership) -> list[Organisation]:
    """The first organisation of each lead kind."""
    seen: dict[str, Organisation] = {}
    for o in p.organisations:
        if o.kind in _LEAD_POSTS and o.kind not in seen:
            seen[o.kind] = o
    return list(seen.values())


def organisations_text(p: Partnership) -> str:
    lines = ["# The agencies that hold seats on the partnership's bodies.",
             "# kinds: " + ", ".join(KINDS[:8]) + ",",
             "#   " + ", ".join(KINDS[8:]) + ".",
             "organisations:" if p.organisations else "organisations: []"]
    statutory = {o.id for o in _lead_partners(p)} if p.framework in _LEAD_FRAMEWORKS else set()
    for o in p.organisations:
        lines.append(f"  - id: {o.id}")
        lines.append(f"    name: {yaml_scalar(o.name)}")
        lines.append(f"    kinds: [{o.kind}]")
        if o.id in statutory:
            lines.append("    statutory_partner: true")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ writing


def refuse_non_empty(root: Path) -> None:
    """The folder must not exist yet, or be empty (nothing in it is ever overwritten)."""
    if root.is_symlink():
        raise ScaffoldError(f"{root} is a link; name a new folder")
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} is a file, not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise ScaffoldError(f"{root} is not empty; name a new or empty folder (nothing "
                            "was written)")


def write_repository(root: Path, files: dict[str, str]) -> None:
    """Write the files into the empty (or new) folder ``root``, each atomically, never
    outside it and never over a file (the folder is checked to be empty first)."""
    refuse_non_empty(root)
    root.mkdir(parents=True, exist_ok=True)
    base = root.resolve()
    for rel in files:
        target = (base / rel).resolve()
        if rel.startswith("/") or ".." in Path(rel).parts or not target.is_relative_to(base):
            raise ScaffoldError(f"{rel} would be written outside {root}")
    for rel, text in files.items():
        path = base / rel
        try:
            fileio.write_atomic(path, text, overwrite=False)
        except FileExistsError:
            raise ScaffoldError(f"{rel} appeared in {root} while it was being written; "
                                "nothing there was overwritten") from None
        if rel.startswith(_EXECUTABLE) and not rel.endswith(".sh"):
            mode = path.stat().st_mode
            path.chmod(mode | ((mode & 0o444) >> 2))  # executable by whoever may read it


__all__ = ["ENGINE_SOURCE", "FRAMEWORKS", "KINDS", "NATIONS", "Organisation", "Partnership",
           "engine_range", "parse_organisation", "plan", "slug", "write_repository"]
