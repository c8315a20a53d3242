"""Real, published terms of reference of kinds this repository does not hold, encoded
from the docs alone (issue 17): a Channel panel, a child death overview panel, a youth
justice board, a MARAC's quality and audit group, a Welsh public services board, the
Isle of Man's safeguarding board and an adults board's executive group.

Each ``tests/tor_corpus/<slug>/`` is a small repository (ToR, body, organisations and
meeting records) that checks clean, and ``CLAUSES.md`` beside it classifies every
readable, checkable clause as exact, approximate or missed. Each exact or approximate
clause has a planted breach here: a small edit of the compliant files that must bring
exactly the expected finding codes (errors and warnings), and nothing else.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from minutebook.api import check

CORPUS = Path(__file__).resolve().parent / "tor_corpus"
NOT_COPIED = {"CLAUSES.md"}


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` by ``new`` in ``rel`` (exactly one occurrence); with ``to``, also
    move the file there. ``old`` None and ``new`` None deletes the file."""

    rel: str
    old: str | None
    new: str | None = None
    to: str | None = None


@dataclass(frozen=True)
class Breach:
    """One planted breach of a clause (its id in CLAUSES.md)."""

    clause: str
    name: str
    edits: tuple[Edit, ...]
    expected: frozenset[str]


def breach(clause: str, name: str, *edits: Edit, expected: set[str]) -> Breach:
    return Breach(clause, name, tuple(edits), frozenset(expected))


# slug -> the day the compliant repository is checked as of.
TODAY = {
    "channel-rotherham": "2026-06-01",
    "cdop-derby-derbyshire": "2026-06-01",
    "executive-group-staffordshire": "2026-06-01",
    "marac-quality-audit-east-sussex": "2026-06-01",
    "psb-swansea": "2026-06-01",
    "safeguarding-board-isle-of-man": "2026-06-01",
    "yjb-gateshead": "2026-06-01",
}

CHANNEL = "meetings/channel-panel"
CHANNEL_BODY = "governance/bodies/channel-panel.yaml"
CDOP = "meetings/cdop"
CDOP_BODY = "governance/bodies/cdop.yaml"
CDOP_TOR = "governance/tor/cdop/1.0.md"
EXEC = "meetings/executive-group"
MARAC = "meetings/marac-quality-audit"
IOM_BODY = "governance/bodies/safeguarding-board.yaml"
PSB = "meetings/swansea-psb"
PSB_BODY = "governance/bodies/swansea-psb.yaml"
YJB = "meetings/youth-justice-board"

BREACHES: dict[str, list[Breach]] = {
    "channel-rotherham": [
        breach("C1", "the police take the chair",
               Edit(CHANNEL_BODY, "{role: chair, seat: council", "{role: chair, seat: police"),
               *(Edit(f"{CHANNEL}/{day}.md", "chair: council\n", "chair: police\n")
                 for day in ("2026-03-10", "2026-04-14", "2026-05-12")),
               expected={"CH009"}),
        breach("C2", "no police on the panel",
               Edit(CHANNEL_BODY, "{id: police, organisation: police}",
                    "{id: police, organisation: police, vacant_since: 2026-05-20}"),
               expected={"MB004"}),
        breach("C3", "a case adopted without the health core member",
               Edit(f"{CHANNEL}/2026-05-12.md", "  health: present\n", "  health: apologies\n"),
               expected={"DC002"}),
        breach("C4", "a tie recorded as carried without the chair's casting vote",
               Edit(f"{CHANNEL}/2026-04-14.md", "{for: 2, against: 2, casting_vote: for}",
                    "{for: 2, against: 2}"),
               expected={"DC001"}),
    ],
    "cdop-derby-derbyshire": [
        breach("C1", "the police representative chairs",
               Edit(f"{CDOP}/2026-05-21.md", "chair: designated-nurse\n", "chair: police\n"),
               expected={"CH001"}),
        breach("C2", "a vice chair from the police",
               Edit(CDOP_BODY, "{role: vice-chair, seat: public-health-county",
                    "{role: vice-chair, seat: police"),
               expected={"CH009", "CH001"}),
        breach("C3", "the chairing not reviewed for fourteen months",
               Edit(CDOP_BODY, "from: 2025-04-01, until: 2026-03-31, how: ex-officio}",
                    "from: 2025-04-01, how: ex-officio}"),
               Edit(CDOP_BODY, "  - {role: chair, seat: designated-nurse, from: 2026-04-01,"
                    " how: ex-officio}\n", ""),
               expected={"CH003"}),
        breach("C4", "a review recorded in May 2025, not repeated within the year",
               Edit(CDOP_TOR, "last: not stated", "last: 2025-05-01"),
               expected={"TR001"}),
        breach("C5", "the police seat left vacant",
               Edit(CDOP_BODY, "{id: police, organisation: police}",
                    "{id: police, organisation: police, vacant_since: 2026-05-25}"),
               expected={"MB004"}),
        breach("C6", "no hospital paediatrician",
               Edit(CDOP_BODY, "post: Hospital Paediatrician}",
                    "post: Hospital Paediatrician, vacant_since: 2026-05-25}"),
               expected={"MB004"}),
    ],
    "safeguarding-board-isle-of-man": [
        breach("C1", "a department's chief executive takes the chair",
               Edit(IOM_BODY, "{role: chair, seat: independent-chair",
                    "{role: chair, seat: dhsc-ceo"),
               *(Edit(f"meetings/safeguarding-board/{day}.md", "chair: independent-chair\n",
                      "chair: dhsc-ceo\n") for day in ("2026-02-11", "2026-05-13")),
               expected={"CH009"}),
        breach("C2", "the independent chair in office for more than three years",
               Edit(IOM_BODY, "seat: independent-chair, from: 2024-01-01",
                    "seat: independent-chair, from: 2023-01-01"),
               expected={"CH003"}),
        breach("C3", "only two lay members",
               Edit(IOM_BODY, "{id: lay-3, category: lay, post: Independent (lay) member,",
                    "{id: lay-3, category: lay, post: Independent (lay) member,"
                    " vacant_since: 2026-05-20,"),
               expected={"MB004"}),
        breach("C4", "a lay member's five years ended",
               Edit(IOM_BODY, "{id: lay-2, category: lay, post: Independent (lay) member,"
                    " from: 2022-04-01, term_ends: 2027-03-31}",
                    "{id: lay-2, category: lay, post: Independent (lay) member,"
                    " from: 2021-04-01, term_ends: 2026-03-31}"),
               expected={"MB002"}),
        breach("C5", "no chief executive from Justice and Home Affairs",
               Edit(IOM_BODY, "{id: dojha-ceo, organisation: dojha,",
                    "{id: dojha-ceo, organisation: dojha, vacant_since: 2026-05-20,"),
               expected={"MB004"}),
        breach("C6", "no Chief Constable",
               Edit(IOM_BODY, "post: Chief Constable}", "post: Chief Constable,"
                    " vacant_since: 2026-05-20}"),
               expected={"MB004"}),
        breach("C7", "no Director of Public Health",
               Edit(IOM_BODY, "post: Director of Public Health}",
                    "post: Director of Public Health, vacant_since: 2026-05-20}"),
               expected={"MB004"}),
    ],
    "executive-group-staffordshire": [
        breach("C1", "the group meets after the Board it serves was dissolved",
               Edit("governance/partnerships.yaml", "    url: https://www.ssaspb.org.uk/\n",
                    "    url: https://www.ssaspb.org.uk/\n    closed: 2025-12-31\n"),
               expected={"HI005"}),
        breach("C2", "the business plan not revised in the year to June 2026",
               Edit(f"{EXEC}/2026-03-10.md", "decisions:\n  - {id: d1, text: Agreed the revised"
                    " business plan for 2026-27., duty: business-plan}\n", ""),
               expected={"DU001"}),
        breach("C3", "no draft annual report agreed by October 2025",
               Edit(f"{EXEC}/2025-09-09.md", "decisions:\n  - {id: d1, text: Agreed the draft"
                    " annual report 2024-25 for the October Board., duty: annual-report}\n", ""),
               expected={"DU001"}),
        breach("C6", "a council member chairs",
               Edit(f"{EXEC}/2026-03-10.md", "chair: board-vice-chair\n",
                    "chair: staffordshire-asc\n"),
               expected={"CH001"}),
    ],
    "marac-quality-audit-east-sussex": [
        breach("C1", "no audit plan for 2026",
               Edit(f"{MARAC}/2026-01-13.md", "decisions:\n  - {id: d1, text: Agreed the"
                    " thematic audit plan for 2026., duty: audit-plan}\n", ""),
               expected={"DU001"}),
        breach("C3", "the April meeting without the performance report",
               Edit(f"{MARAC}/2026-04-13.md", "duties_done: [performance-report]\n", ""),
               expected={"DU001"}),
    ],
    "psb-swansea": [
        breach("C1", "the fire authority sends apologies",
               Edit(f"{PSB}/2026-01-20.md", "  fire: present\n", "  fire: apologies\n"),
               expected={"QU002"}),
        breach("C2", "a decision without Natural Resources Wales in attendance",
               Edit(f"{PSB}/2026-03-17.md", "  nrw: present\n", "  nrw: apologies\n"),
               expected={"QU001", "DC002"}),
        breach("C3", "a decision carried by three votes to one",
               Edit(f"{PSB}/2026-05-12.md", "decisions:\n",
                    "decisions:\n  - {id: d2, text: Agreed the"
                    " forward workplan., method: vote, votes: {for: 3, against: 1}}\n"),
               expected={"DC001"}),
        breach("C4", "a disagreement not brought back to the next meeting",
               Edit(f"{PSB}/2026-05-12.md", "decisions:\n  - {id: d1, text: Agreed the response"
                    " to the consultation after the chair's mediation., method: consensus,"
                    " retables: {meeting: 2026-03-17, decision: d2}}\n", ""),
               expected={"DC005"}),
        breach("C7", "the invited police participant appointed chair",
               Edit(PSB_BODY, "{role: chair, seat: council", "{role: chair, seat: police"),
               *(Edit(f"{PSB}/{day}.md", "chair: council\n", "chair: police\n")
                 for day in ("2026-01-20", "2026-02-10", "2026-03-17", "2026-05-12")),
               expected={"CH009"}),
        breach("C8", "no vice chair appointed",
               Edit(PSB_BODY, "  - {role: vice-chair, seat: health-board, from: 2025-07-01,"
                    " how: appointed}\n", ""),
               expected={"CH010"}),
        breach("C9", "the chair kept for fourteen months without review",
               Edit(PSB_BODY, "{role: chair, seat: council, from: 2025-07-01",
                    "{role: chair, seat: council, from: 2025-04-01"),
               expected={"CH003"}),
        breach("C12", "ten weeks between ordinary meetings",
               Edit(f"{PSB}/2026-03-17.md", "approved_at: 2026-05-12", "approved_at: 2026-05-26"),
               Edit(f"{PSB}/2026-05-12.md", "date: 2026-05-12", "date: 2026-05-26",
                    to=f"{PSB}/2026-05-26.md"),
               expected={"CA001"}),
        breach("C10", "the mandatory meeting does not settle how often the Board meets",
               Edit(f"{PSB}/2026-02-10.md", "  - Determine when and how often the Board meets\n",
                    ""),
               expected={"MN003"}),
        breach("C11", "the mandatory meeting does not review the terms of reference",
               Edit(f"{PSB}/2026-02-10.md", "  - Review and agree the terms of reference\n", ""),
               expected={"MN003"}),
        breach("C12", "a special meeting does not stand in for an ordinary one",
               Edit(f"{PSB}/2026-03-17.md", "status: held\n", "kind: special\nstatus: held\n"),
               expected={"CA001"}),
        breach("C15", "the May meeting without public questions",
               Edit(f"{PSB}/2026-05-12.md", "  - Public questions\n", ""),
               expected={"MN003"}),
        breach("C13", "declarations of interest not recorded",
               Edit(f"{PSB}/2026-05-12.md", "declarations: none\n", ""),
               expected={"DI001"}),
        breach("C14", "the minutes of January left in draft",
               Edit(f"{PSB}/2026-01-20.md", "{status: approved, approved_at: 2026-03-17}",
                    "{status: draft}"),
               expected={"MN001"}),
    ],
    "yjb-gateshead": [
        breach("C1", "the head of service chairs",
               Edit(f"{YJB}/2026-05-11.md", "chair: strategic-director\n", "chair: yjs-head\n"),
               expected={"CH001"}),
        breach("C2", "no meeting from July to September 2025",
               Edit(f"{YJB}/2025-08-12.md", None),
               expected={"CA006"}),
        breach("C3", "no Youth Justice Plan agreed in 2026",
               Edit(f"{YJB}/2026-02-11.md", "decisions:\n  - {id: d1, text: Agreed the draft"
                    " Youth Justice Plan 2026-27., duty: youth-justice-plan}\n", ""),
               expected={"DU001"}),
        breach("C5", "the May meeting without the quarterly update",
               Edit(f"{YJB}/2026-05-11.md", "duties_done: [quarterly-update]\n", ""),
               expected={"DU001"}),
    ],
}


def repository(slug: str, dest: Path) -> Path:
    """A copy of the compliant repository of ``slug`` (CLAUSES.md left out)."""
    src = CORPUS / slug
    for path in src.rglob("*"):
        if path.is_file() and path.name not in NOT_COPIED:
            target = dest / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def apply(root: Path, edits: tuple[Edit, ...]) -> None:
    for edit in edits:
        path = root / edit.rel
        if edit.old is None and edit.new is None:
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8")
        if edit.old is not None:
            assert text.count(edit.old) == 1, f"{edit.old!r} is not in {edit.rel} exactly once"
            text = text.replace(edit.old, edit.new or "")
        if edit.to:
            path.unlink()
            path = root / edit.to
        path.write_text(text, encoding="utf-8")


def judged(root: Path, today: str) -> list[tuple[str, str, str]]:
    """The errors and warnings of a full check, as (code, file, message)."""
    result = check(root, date.fromisoformat(today))
    return [(f.code, f.file, f.message) for f in result.findings
            if f.severity in ("error", "warning")]


@pytest.mark.parametrize("slug", sorted(TODAY))
def test_compliant_repository_is_clean(slug: str, tmp_path: Path) -> None:
    assert judged(repository(slug, tmp_path), TODAY[slug]) == []


@pytest.mark.parametrize("slug", sorted(TODAY))
def test_unstated_facts_are_noted_not_judged(slug: str, tmp_path: Path) -> None:
    """None of the ToRs states its date in force, approval or last review: written 'not
    stated', each gives an info note instead of a judgement from a made-up date."""
    result = check(repository(slug, tmp_path), date.fromisoformat(TODAY[slug]))
    notes = {f.code for f in result.findings if f.severity == "info"}
    assert {"TR006", "TR007", "TR008"} <= notes


CASES = [(slug, b) for slug, items in BREACHES.items() for b in items]


@pytest.mark.parametrize(("slug", "planted"), CASES,
                         ids=[f"{slug}-{b.clause}-{b.name}" for slug, b in CASES])
def test_planted_breach_is_found(slug: str, planted: Breach, tmp_path: Path) -> None:
    root = repository(slug, tmp_path)
    apply(root, planted.edits)
    found = judged(root, TODAY[slug])
    assert {code for code, _, _ in found} == planted.expected, found


# ------------------------------------------------------------------ the clause records

ROW = re.compile(r"^\|\s*(C\d+)\s*\|.*\|\s*(exact|approximate|missed)\b[^|]*\|", re.MULTILINE)
COUNTS = re.compile(r"^Counts: exact (\d+), approximate (\d+), missed (\d+)", re.MULTILINE)


def clause_classes(slug: str) -> dict[str, str]:
    text = (CORPUS / slug / "CLAUSES.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in ROW.finditer(text)}


@pytest.mark.parametrize("slug", sorted(TODAY))
def test_every_expressed_clause_has_a_planted_breach(slug: str) -> None:
    classes = clause_classes(slug)
    planted = {b.clause for b in BREACHES[slug]}
    expressed = {c for c, kind in classes.items() if kind in ("exact", "approximate")}
    assert expressed - planted == set(), "expressed clauses without a planted breach"
    assert planted - expressed == set(), "breaches of clauses not marked expressed"


@pytest.mark.parametrize("slug", sorted(TODAY))
def test_counts_agree_with_the_clause_table(slug: str) -> None:
    classes = list(clause_classes(slug).values())
    counts = tuple(classes.count(kind) for kind in ("exact", "approximate", "missed"))
    own = COUNTS.search((CORPUS / slug / "CLAUSES.md").read_text(encoding="utf-8"))
    assert own, "CLAUSES.md gives no counts line"
    assert tuple(map(int, own.groups())) == counts
    summary = (CORPUS / "README.md").read_text(encoding="utf-8")
    row = re.search(rf"^\|.*`{slug}`.*$", summary, re.MULTILINE)
    assert row, f"{slug} is not in the README's table"
    cells = [c.strip() for c in row.group(0).strip("|").split("|")]
    assert tuple(int(c) for c in cells[-3:]) == counts


def test_the_readme_total_is_the_sum_of_its_rows() -> None:
    summary = (CORPUS / "README.md").read_text(encoding="utf-8")
    rows = [[c.strip() for c in line.strip("|").split("|")]
            for line in summary.splitlines() if re.match(r"^\|.*`[a-z0-9-]+`", line)]
    assert {row[2].strip("`") for row in rows} == set(TODAY)
    total = re.search(r"^\| \*\*Total\*\*.*\| (\d+) \| (\d+) \| (\d+) \|$", summary, re.MULTILINE)
    assert total, "the README's table has no total row"
    sums = tuple(sum(int(row[i]) for row in rows) for i in (-3, -2, -1))
    assert tuple(map(int, total.groups())) == sums
