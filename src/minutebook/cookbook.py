"""The cookbook's findings, generated from real runs (edit the recipes, never the output).

docs/cookbook.md shows, for each kind of ToR clause, the data and what ``minutebook check
--format parsable`` then says. Every recipe starts from the Northshire example repository,
``examples/northshire/`` beside docs/ (clean at every date the page uses), and changes it
with the page's own YAML blocks, marked by HTML comments (the site's sanitiser strips
them, so readers see the page unchanged):

    <!-- recipe: NAME; TARGET: OP -->        the next ```yaml/```markdown block is a fragment
    <!-- recipe: NAME; TARGET: OP            a fragment the page does not show (the YAML
    attendance: {dcs: apologies}             is the rest of the comment; no blank line)
    -->
    <!-- recipe: NAME; from: OTHER -->       NAME starts with OTHER's fragments so far
    <!-- output: NAME as of YYYY-MM-DD -->   the next ```text block: generated
    <!-- output: NAME in words as of DATE --> the same, the structure page's relations
    <!-- clean: NAME as of YYYY-MM-DD -->    the page says NAME is clean then: checked

Markers may be stacked: a fragment marker's block is the first block after them. An
output is the base, plus the fragments of NAME so far in page order, checked with
``minutebook.api.check`` as of the date. Meeting records of the base dated after that
date are left out (they had not happened yet) unless the recipe changed them. A recipe
on the page:

    <!-- recipe: head-count; tor: merge -->
    ```yaml
    quorum: {requires: {present: {}, min: 6}}
    ```
    <!-- recipe: head-count; meeting 2026-01-14: merge attendance
    {police-supt: apologies, named-nurse: apologies, vcs-rep: apologies, lay-member: absent}
    -->
    <!-- output: head-count as of 2026-02-01 -->
    ```text
    (written by `minutebook docs`)
    ```

TARGET names one file: ``tor`` (the Board's ToR 1.0) or ``tor ID/VERSION``; ``body`` (the
Board) or ``body ID``; ``meeting DATE`` (the Board's) or ``meeting BODY/DATE``;
``settings``, ``organisations``, ``partnerships``, ``actions``; or ``file PATH``.
A Markdown file's front matter is its data. OP is one of:

* ``merge`` (or ``merge KEY``: into that top-level field): mappings merge field by
  field, a null value removes the field, a list of mappings with ``id`` merges by id
  (new ids appended), any other value replaces. Merging into a meeting that does not
  exist starts from a held meeting with every seat present, chaired by the chair then
  (``merge`` with ``{}`` adds such a meeting). Fields a merge leaves alone keep their
  text, so line numbers stay those of the example;
* ``replace``: the fragment is the whole file (a ```markdown block for a .md file);
* ``delete``: the file is removed (no fragment);
* ``remove KEY ID``: the item with that id leaves the list KEY (e.g. ``remove seats dcs``).

Each fragment must leave a valid file valid against its schema; a recipe that shows a
schema finding on purpose says so with a third clause: ``<!-- recipe: NAME; tor: merge;
invalid``. ``write()`` rewrites the output blocks; ``check()`` lists stale blocks, clean
claims that are not and invalid fragments (a test fails on any). ``minutebook docs`` and
``minutebook docs --check`` call them, beside the rule reference (docsgen).
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

PAGE = "cookbook.md"
EXAMPLE = Path("examples") / "northshire"  # relative to the folder that holds docs/

_COMMENT = re.compile(r"<!--\s*(recipe|output|clean):(.*?)-->", re.DOTALL)
# markers between a fragment marker and its block (several fragments stacked)
_MARKERS = re.compile(r"(?:\s*<!--\s*(?:recipe|clean):.*?-->)*", re.DOTALL)
_FENCE = re.compile(r"\n*```(yaml|markdown|text)\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_OUTPUT = re.compile(r"\s*([a-z0-9-]+)( in words)? as of (\d{4}-\d{2}-\d{2})\s*$")
_FRONT = re.compile(r"^---\n(.*?\n)---\n(.*)$", re.DOTALL)
_KIND = {"minutebook.yaml": "config", "governance/organisations.yaml": "organisations",
         "governance/partnerships.yaml": "partnerships", "actions.yaml": "actions",
         "escalations.yaml": "escalations"}
_FILES = {"settings": "minutebook.yaml", "organisations": "governance/organisations.yaml",
          "partnerships": "governance/partnerships.yaml", "actions": "actions.yaml"}


class _Loader(yaml.SafeLoader):
    """YAML as minutebook reads it: only true and false are booleans (`on:` is a field)."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # a safe loader: no Python objects


class RecipeError(ValueError):
    """A marker the generator cannot follow (the message names its line of the page)."""


@dataclass(slots=True)
class Fragment:
    """One change to the base: OP on the file TARGET, with its YAML (or Markdown) text."""

    recipe: str
    line: int
    target: str
    op: str
    text: str
    invalid: bool = False


@dataclass(slots=True)
class Output:
    """One generated block: where its text sits in the page, and what it says now."""

    recipe: str
    line: int
    as_of: date
    start: int  # offsets of the block's content in the page (both -1 for a clean marker)
    end: int
    fragments: list[Fragment] = field(default_factory=list)
    words: bool = False  # the structure page's relations in words, not the findings

    @property
    def clean(self) -> bool:
        return self.start < 0


def _line(page: str, offset: int) -> int:
    return page.count("\n", 0, offset) + 1


def parse(page: str) -> list[Output]:
    """Every output block of the page, each with the fragments that lead to it."""
    so_far: dict[str, list[Fragment]] = {}
    outputs: list[Output] = []
    for m in _COMMENT.finditer(page):
        line = _line(page, m.start())
        if m.group(1) in ("output", "clean"):
            outputs.append(_output(page, m, line, so_far))
            continue
        head, _, hidden = m.group(2).partition("\n")
        clauses = [c.strip() for c in head.split(";")]
        name = clauses[0]
        if not re.fullmatch(r"[a-z0-9-]+", name) or len(clauses) not in (2, 3):
            raise RecipeError(f"cookbook.md:{line}: write '<!-- recipe: NAME; TARGET: OP -->'")
        target, _, op = clauses[1].partition(":")
        target, op = target.strip(), op.strip()
        if not op:
            raise RecipeError(f"cookbook.md:{line}: write '<!-- recipe: NAME; TARGET: OP -->'")
        if target == "from":
            if op not in so_far:
                raise RecipeError(f"cookbook.md:{line}: no recipe '{op}' above")
            so_far[name] = [*so_far.get(name, []), *so_far[op]]
            continue
        invalid = len(clauses) == 3
        if invalid and clauses[2] != "invalid":
            raise RecipeError(f"cookbook.md:{line}: the third clause can only be 'invalid'")
        if op == "delete" or op.startswith("remove "):
            text = ""
        elif hidden.strip():
            text = hidden
        else:
            fence = _FENCE.match(page, _MARKERS.match(page, m.end()).end())
            if not fence or fence.group(1) == "text":
                raise RecipeError(f"cookbook.md:{line}: a fragment marker goes just before "
                                  "a ```yaml or ```markdown block, or holds its YAML")
            text = fence.group(2)
        so_far.setdefault(name, []).append(Fragment(name, line, target, op, text, invalid))
    return outputs


def _output(page: str, m: re.Match[str], line: int,
            so_far: dict[str, list[Fragment]]) -> Output:
    out = _OUTPUT.fullmatch(m.group(2))
    if not out:
        raise RecipeError(f"cookbook.md:{line}: write '<!-- {m.group(1)}: NAME as of "
                          "YYYY-MM-DD -->'")
    name = out.group(1)
    if name not in so_far:
        raise RecipeError(f"cookbook.md:{line}: no recipe '{name}' above this marker")
    start = end = -1
    if m.group(1) == "output":
        fence = _FENCE.match(page, m.end())
        if not fence or fence.group(1) != "text":
            raise RecipeError(f"cookbook.md:{line}: an output marker goes just before a "
                              "```text block")
        start, end = fence.start(2), fence.end(2)
    return Output(name, line, date.fromisoformat(out.group(3)), start, end,
                  list(so_far[name]), words=bool(out.group(2)))


# ---------------------------------------------------------------- applying fragments


def _path(target: str) -> str:
    word, _, arg = target.partition(" ")
    arg = arg.strip()
    if word in _FILES and not arg:
        return _FILES[word]
    if word == "tor":
        return f"governance/tor/{arg or 'board/1.0'}.md"
    if word == "body":
        return f"governance/bodies/{arg or 'board'}.yaml"
    if word == "meeting" and arg:
        return f"meetings/{arg if '/' in arg else 'board/' + arg}.md"
    if word == "file" and arg:
        return arg
    raise ValueError(f"unknown target '{target}'")


def kind_of(rel: str) -> str:
    """The schema kind of a file of a repository."""
    if rel in _KIND:
        return _KIND[rel]
    parts = rel.split("/")
    if parts[:2] == ["governance", "bodies"]:
        return "body"
    if parts[:2] == ["governance", "tor"]:
        return "tor"
    if parts[0] == "meetings":
        return "meeting"
    raise ValueError(f"no schema for {rel}")


def _split(rel: str, text: str) -> tuple[Any, str | None]:
    """(data, Markdown after the front matter, or None for a YAML file)."""
    if rel.endswith(".md"):
        m = _FRONT.match(text)
        if not m:
            raise ValueError(f"{rel} has no front matter")
        return _load(m.group(1)), m.group(2)
    return _load(text), None


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the page writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


class _Block(dict):  # type: ignore[type-arg]
    """A list item written one field a line, as the page writes seats."""


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: {role: chair, seat: dcs}."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list of plain values written on one line: [chair, vice-chair]."""


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping(
    "tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))


_BLOCK = {"attendance", "milestones"}  # fields the page writes one entry a line


def _plain(value: Any) -> bool:
    return not isinstance(value, (dict, list)) or (
        isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value))


def _styled(value: Any, in_list: bool = False, nested: bool = False) -> Any:
    """The page's style on one line: list items of plain fields, small mappings of plain
    fields below the top level ({date: 2025-03-12, by: board}), lists of plain values."""
    if isinstance(value, dict):
        items = {k: _styled(v, nested=k not in _BLOCK) for k, v in value.items()}
        short = not isinstance(value, _Block) and (in_list or (nested and len(value) <= 3))
        return _Flow(items) if short and all(map(_plain, value.values())) else items
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return _FlowList(value)
        return [_styled(v, True, True) for v in value]
    return value


def _join(data: Any, rest: str | None) -> str:
    dumped = yaml.dump(_styled(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                       width=1000)
    return dumped if rest is None else f"---\n{dumped}---\n{rest}"


def merge(base: Any, change: Any) -> Any:
    """``change`` merged into ``base`` (see the module docstring); ``base`` is not changed."""
    if isinstance(base, dict) and isinstance(change, dict):
        out = dict(base)
        for key, value in change.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merge(out[key], value) if key in out else value
        return out
    if _by_id(base) and _by_id(change):
        out = list(base)
        index = {item["id"]: i for i, item in enumerate(out)}
        for item in change:
            if item["id"] in index:
                out[index[item["id"]]] = merge(out[index[item["id"]]], item)
            else:
                out.append(item)
        return out
    return change


def _by_id(value: Any) -> bool:
    return isinstance(value, list) and bool(value) \
        and all(isinstance(i, dict) and "id" in i for i in value)


def _new_meeting(files: dict[str, str], rel: str) -> str:
    """A held meeting of the body with every seat present, chaired by its chair then."""
    body_id, day = rel.removeprefix("meetings/").removesuffix(".md").split("/")
    body, _ = _split("", files[f"governance/bodies/{body_id}.yaml"])
    record: dict[str, Any] = {"date": date.fromisoformat(day), "status": "held",
                              "classification": "OFFICIAL"}
    chairs = [t["seat"] for t in body.get("chair_terms", [])
              if t.get("role") == "chair" and str(t["from"]) <= day
              and ("until" not in t or str(t["until"]) >= day)]
    if chairs:
        record["chair"] = chairs[-1]
    record["attendance"] = {s["id"]: "present" for s in body.get("seats", [])}
    return _join(record, "## Minutes\n\nNoted.\n")


def _chunks(text: str) -> dict[str, str]:
    """A YAML mapping's text by top-level field (comments go with the field below them)."""
    chunks: dict[str, str] = {}
    pending: list[str] = []
    key = None
    for line in text.splitlines(keepends=True):
        m = re.match(r"([A-Za-z_][\w-]*):", line)
        if m:
            key = m.group(1)
            chunks[key] = "".join(pending) + line
            pending = []
        elif key is None or line.startswith("#"):
            pending.append(line)
        else:
            chunks[key] += "".join(pending) + line
            pending = []
    return chunks


def _rewrite(text: str, old: Any, new: Any) -> str:
    """``text`` (the YAML of ``old``) changed to say ``new``: fields whose value is the
    same keep their text, so the lines the page shows stay where they were."""
    chunks = _chunks(text)
    if not isinstance(old, dict) or not isinstance(new, dict) or set(chunks) != set(old):
        return _join(new, None)
    return "".join(chunks[k] if k in old and old[k] == v else _field(k, old.get(k), v,
                                                                     chunks.get(k))
                   for k, v in new.items())


def _field(key: str, old: Any, new: Any, text: str | None) -> str:
    """One top-level field rewritten; in a list of items with ids (seats), the items that
    did not change keep their text."""
    items = re.split(r"(?m)^(?=  - )", text or "")
    if text is None or not (_by_id(old) and _by_id(new)) or len(items) != len(old) + 1:
        return _join({key: new}, None)
    kept = {item["id"]: part for item, part in zip(old, items[1:], strict=True)}
    before = {item["id"]: item for item in old}
    # a changed or new item is written like the item it replaces, or like the first item
    block = {i: kept.get(i, items[1]).count("\n") > 1 for i in (item["id"] for item in new)}
    return items[0] + "".join(
        kept[item["id"]] if before.get(item["id"]) == item
        else _join({key: [_Block(item) if block[item["id"]] else item]}, None).split("\n", 1)[1]
        for item in new)


def apply(files: dict[str, str], fragment: Fragment) -> str:
    """Apply one fragment to ``files`` ({path: text}, changed in place); return the path."""
    rel = _path(fragment.target)
    verb, *args = fragment.op.split()
    if verb == "delete":
        files.pop(rel)
        return rel
    if verb == "replace":
        files[rel] = fragment.text
        return rel
    if rel not in files:
        if verb != "merge" or not rel.startswith("meetings/"):
            raise ValueError(f"{rel} does not exist")
        files[rel] = _new_meeting(files, rel)
    data, rest = _split(rel, files[rel])
    old = data
    if verb == "merge" and len(args) <= 1:
        change = _load(fragment.text)
        if args:
            data = {**data, args[0]: merge(data[args[0]], change) if args[0] in data
                    else change}
        else:
            data = merge(data, change)
    elif verb == "remove" and len(args) == 2:
        data = copy.deepcopy(data)
        data[args[0]] = [i for i in data[args[0]] if i.get("id") != args[1]]
    else:
        raise ValueError(f"unknown operation '{fragment.op}'")
    front = _FRONT.match(files[rel])
    yaml_text = front.group(1) if front else files[rel]
    new = _rewrite(yaml_text, old, data)
    files[rel] = new if rest is None else f"---\n{new}---\n{rest}"
    return rel


# ---------------------------------------------------------------- running


def read_base(example: Path) -> dict[str, str]:
    """{path: text} of every file of the example repository, leaving out what a run
    leaves behind in hidden folders (a check's ``.cache``)."""
    files = {}
    for p in sorted(example.rglob("*")):
        rel = p.relative_to(example)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts[:-1]):
            files[rel.as_posix()] = p.read_text(encoding="utf-8")
    return files


def _apply(files: dict[str, str], fragment: Fragment) -> str:
    try:
        return apply(files, fragment)
    except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise RecipeError(f"cookbook.md:{fragment.line}: {exc!r}") from exc


def build(base: dict[str, str], output: Output) -> dict[str, str]:
    """The repository of one output: the base, its fragments, no meeting yet to come."""
    files = dict(base)
    touched: set[str] = set()
    for fragment in output.fragments:
        touched.add(_apply(files, fragment))
    for rel in list(files):
        if rel.startswith("meetings/") and rel not in touched \
                and rel.rsplit("/", 1)[-1].removesuffix(".md") > output.as_of.isoformat():
            del files[rel]
    return files


def run(files: dict[str, str], as_of: date, words: bool = False) -> str:
    """What ``minutebook check --format parsable --today AS_OF`` says of ``files`` (with
    ``words``: the structure page's relations in words, one '- ' line each)."""
    from .api import check as check_repository
    from .report.formats import parsable

    root = Path(tempfile.mkdtemp(prefix="minutebook-cookbook-"))
    try:
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result = check_repository(root, as_of)
        if words and result.dataset is not None:
            from .site.structure_words import structure_in_words

            bodies = sorted(result.dataset.bodies.values(), key=lambda b: b.name)
            lines, external = structure_in_words(result.dataset, bodies)
            return "\n".join(f"- {x}" for x in [*lines, *external])
        return parsable(result.findings, {})
    finally:
        shutil.rmtree(root, ignore_errors=True)


def fragment_problems(base: dict[str, str], outputs: list[Output]) -> list[str]:
    """Fragments that leave a valid file invalid against its schema (unless marked so)."""
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    for output in outputs:
        files = dict(base)
        for fragment in output.fragments:
            rel = _path(fragment.target)
            was_valid = rel not in files or not _schema_errors(rel, files[rel])
            _apply(files, fragment)
            if (fragment.recipe, fragment.line) in seen or rel not in files or not was_valid:
                continue
            seen.add((fragment.recipe, fragment.line))
            errors = _schema_errors(rel, files[rel])
            if bool(errors) != fragment.invalid:
                problems.append(f"cookbook.md:{fragment.line} ({fragment.recipe}, {rel}): "
                                + ("; ".join(errors) or "marked invalid but validates"))
    return problems


def _schema_errors(rel: str, text: str) -> list[str]:
    from .load.yamlsrc import parse_yaml
    from .schemas import detailed_validator

    data, _ = _split(rel, text)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in
            detailed_validator(kind_of(rel)).iter_errors(parse_yaml(_join(data, None)).data)]


def _paths(docs: Path) -> tuple[Path, Path]:
    return docs / PAGE, docs.resolve().parent / EXAMPLE


def _page(docs: Path) -> str:
    page_path, _ = _paths(docs)
    return page_path.read_text(encoding="utf-8") if page_path.is_file() else ""


def render(docs: Path) -> str:
    """The cookbook page with every output block as a real run gives it."""
    _, example = _paths(docs)
    page = _page(docs)
    base = read_base(example)
    parts, last = [], 0
    for output in parse(page):
        if output.clean:
            continue
        text = run(build(base, output), output.as_of, output.words)
        parts += [page[last:output.start], text + "\n" if text else ""]
        last = output.end
    return "".join(parts) + page[last:]


def write(docs: Path) -> list[str]:
    """Rewrite the output blocks; return ['cookbook.md'] if the page changed."""
    page_path, _ = _paths(docs)
    new = render(docs)
    if new == _page(docs):
        return []
    page_path.write_text(new, encoding="utf-8")
    return [PAGE]


def check(docs: Path) -> list[str]:
    """Stale output blocks, 'clean' markers that are not, and fragments that leave their
    file invalid, one line each (empty when the page is true)."""
    _, example = _paths(docs)
    page = _page(docs)
    base = read_base(example)
    outputs = parse(page)
    problems = []
    for output in outputs:
        text = run(build(base, output), output.as_of, output.words)
        where = f"docs/{PAGE}:{output.line} {output.recipe} as of {output.as_of}"
        if output.clean and text:
            problems.append(f"not clean: {where}: " + text.replace("\n", "; "))
        elif not output.clean and page[output.start:output.end] != (text + "\n" if text
                                                                     else ""):
            problems.append(f"stale: {where}")
    return problems + [f"invalid fragment: docs/{p}" for p in fragment_problems(base, outputs)]
