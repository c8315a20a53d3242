"""The cookbook's recipes for relations, external bodies and duties show real output.

Each output block in docs/cookbook.md preceded by ``<!-- cookbook: NAME as of DATE -->``
is what ``minutebook check --format parsable`` says of the recipe NAME built here on the
cookbook's own Northshire example (its organisations and the Board's seats are read from
the page), as of DATE; ``<!-- cookbook: NAME words -->`` blocks are the structure page's
relations in words. ``MINUTEBOOK_WRITE_COOKBOOK=1 pytest tests/test_cookbook_relations.py``
rewrites the blocks from the real output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from minutebook.api import check
from minutebook.site.structure_words import structure_in_words

ROOT = Path(__file__).resolve().parents[1]
COOKBOOK = ROOT / "docs" / "cookbook.md"
MARKER = re.compile(r"<!-- cookbook: ([a-z0-9-]+) (as of (\d{4}-\d{2}-\d{2})|words) -->\n\n"
                    r"```text\n(.*?)```", re.DOTALL)

ALL_PRESENT = "".join(f"  {s}: present\n" for s in (
    "dcs", "early-help", "police-supt", "designated-nurse", "named-nurse", "education-lead",
    "yjs-manager", "vcs-rep", "lay-member"))


def _yaml_block_after(text: str, heading: str, starts: str) -> str:
    part = text[text.index(heading):]
    for block in re.findall(r"```yaml\n(.*?)```", part, re.DOTALL):
        if block.startswith(starts):
            return block
    raise AssertionError(f"no yaml block starting {starts!r} after {heading!r}")


def base(root: Path) -> Path:
    """The Northshire Board of the cookbook, clean: organisations and seats as the page
    shows them, the chair held by the Director of Children's Services since April 2025."""
    page = COOKBOOK.read_text(encoding="utf-8")
    orgs = _yaml_block_after(page, "## The example used on this page", "organisations:")
    seats = _yaml_block_after(page, "The Board has nine seats", "seats:")
    files = {
        "governance/organisations.yaml": orgs,
        "governance/partnerships.yaml": (
            "partnerships:\n  - id: northshire-scp\n    name: Northshire Safeguarding Children "
            "Partnership\n    framework: other\n  - id: northshire-sab\n    name: Northshire "
            "Safeguarding Adults Board\n    framework: other\n"),
        "governance/bodies/board.yaml": (
            "id: board\nname: Northshire Safeguarding Children Partnership Board\nkind: board\n"
            "partnership: northshire-scp\ntor: board\n" + seats
            + "chair_terms:\n  - {role: chair, seat: dcs, from: 2025-04-01}\n"),
        "governance/tor/board/1.0.md": (
            "---\ntitle: Terms of Reference – Northshire Safeguarding Children Partnership "
            "Board\nversion: \"1.0\"\nstatus: approved\nin_force_from: 2025-04-01\n"
            "approved: {date: 2025-03-12, by: board}\nreview: {every: 12 months, last: "
            "2026-03-11}\nclassification: OFFICIAL\n---\n## Purpose\n\nTo safeguard children "
            "in Northshire.\n"),
    }
    for rel, text in files.items():
        write(root, rel, text)
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def meeting(root: Path, body: str, day: str, extra: str = "", attendance: str = ALL_PRESENT,
            chair: str = "dcs") -> None:
    write(root, f"meetings/{body}/{day}.md",
          f"---\ndate: {day}\nstatus: held\nclassification: OFFICIAL\nchair: {chair}\n"
          f"attendance:\n{attendance}{extra}---\n## Minutes\n\nNoted.\n")


def add_tor_duties(root: Path, duties: str) -> None:
    path = root / "governance/tor/board/1.0.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("classification: OFFICIAL\n---",
                                 "classification: OFFICIAL\n" + duties + "---", 1),
                    encoding="utf-8")


SUBGROUP = ("id: exploitation-subgroup\nname: Exploitation Sub-group\nkind: subgroup\n"
            "tor: board\naccountable_to: [board]\nseats:\n"
            "  - {id: police-lead, organisation: northshire-police, post: Detective Inspector}\n"
            "  - {id: health-lead, organisation: northshire-icb, post: Named GP}\n"
            "  - {id: la-lead, organisation: northshire-council, post: Service Manager}\n")

EXTERNAL = ("external_bodies:\n"
            "  - id: cyp-scrutiny\n"
            "    name: Children and Young People's Scrutiny Committee\n"
            "    organisation: northshire-council\n"
            "    url: https://www.northshire.gov.uk/scrutiny\n"
            "  - id: health-and-wellbeing-board\n"
            "    name: Northshire Health and Wellbeing Board\n"
            "    organisation: northshire-council\n")


# ---------------------------------------------------------------- the recipes


def external_parent(root: Path) -> None:
    append(root, "governance/partnerships.yaml", EXTERNAL)
    append(root, "governance/bodies/board.yaml",
           "relations:\n  - {to: cyp-scrutny, kind: accountable-to}\n")


def relations_in_words(root: Path) -> None:
    append(root, "governance/partnerships.yaml", EXTERNAL)
    write(root, "governance/bodies/exploitation-subgroup.yaml", SUBGROUP + (
        "relations:\n"
        "  - {to: health-and-wellbeing-board, kind: advises}\n"
        "  - {to: northshire-yjs, kind: supports}\n"
        "  - {to: missing-panel, kind: hands-off-to}\n"))
    write(root, "governance/bodies/missing-panel.yaml",
          "id: missing-panel\nname: Missing from Home Panel\nkind: operational\ntor: board\n"
          "accountable_to: [exploitation-subgroup]\nseats:\n"
          "  - {id: la-lead, organisation: northshire-council, post: Missing Coordinator}\n")
    append(root, "governance/bodies/board.yaml",
           "relations:\n  - {to: cyp-scrutiny, kind: accountable-to}\n"
           "  - {to: exploitation-subgroup, kind: receives-reports-from}\n"
           "  - {to: health-and-wellbeing-board, kind: scrutinises}\n")


def line_moves(root: Path) -> None:
    write(root, "governance/bodies/exploitation-subgroup.yaml",
          SUBGROUP.replace("accountable_to: [board]\n", "") + (
              "relations:\n"
              "  - {to: board, kind: accountable-to, until: 2026-03-31}\n"
              "  - {to: partnership-executive, kind: accountable-to, from: 2026-04-01}\n"))
    write(root, "governance/bodies/partnership-executive.yaml",
          "id: partnership-executive\nname: Northshire Partnership Executive\nkind: executive\n"
          "tor: board\nrelations:\n  - {to: exploitation-subgroup, kind: accountable-to, "
          "until: 2026-04-30}\nseats:\n"
          "  - {id: dcs, organisation: northshire-council, post: Director of Children's "
          "Services}\n")


def joint_group(root: Path) -> None:
    write(root, "governance/bodies/transitions-group.yaml",
          "id: transitions-group\nname: Joint Transitions Sub-group\nkind: subgroup\n"
          "partnership: [northshire-scp, northshire-sabb]\ntor: board\n"
          "accountable_to: [board]\nseats:\n"
          "  - {id: la-lead, organisation: northshire-council, post: Head of Transitions}\n")


def parent_closed(root: Path) -> None:
    write(root, "governance/bodies/exploitation-subgroup.yaml", SUBGROUP)
    append(root, "governance/bodies/board.yaml", "closed: 2026-03-31\n")
    meeting(root, "exploitation-subgroup", "2026-05-13", attendance=(
        "  police-lead: present\n  health-lead: present\n  la-lead: present\n"),
        chair="la-lead")


def tfg_scope(root: Path) -> None:
    add_tor_duties(root, "membership:\n  max_seats: 12\n  required:\n"
                         "    - {organisation: [northshire-council, northshire-police, "
                         "northshire-icb]}\n")
    write(root, "governance/bodies/neglect-tfg.yaml",
          "id: neglect-tfg\nname: Neglect Strategy Task and Finish Group\n"
          "kind: task-and-finish\ntor: board\naccountable_to: [board]\nends: 2026-12-31\n"
          "tor_scope: full\nseats:\n"
          "  - {id: la-lead, organisation: northshire-council, post: Neglect Lead}\n"
          "  - {id: health-lead, organisation: northshire-icb, post: Named GP}\n")


def annual_report(root: Path) -> None:
    write(root, "governance/bodies/exploitation-subgroup.yaml",
          SUBGROUP.replace("tor: board", "tor: exploitation-subgroup"))
    write(root, "governance/tor/exploitation-subgroup/1.0.md", (
        "---\ntitle: Terms of Reference – Exploitation Sub-group\nversion: \"1.0\"\n"
        "status: approved\nin_force_from: 2025-04-01\napproved: {date: 2025-03-12, by: board}\n"
        "review: {every: 12 months, last: 2026-03-11}\nclassification: OFFICIAL\n"
        "duties:\n"
        "  # \"The sub-group's annual report goes to the October meeting of the Board.\"\n"
        "  - id: annual-report\n"
        "    what: The annual report to the October Board\n"
        "    in_month: 10\n"
        "    evidence: meeting-item\n"
        "    to: board\n"
        "---\n## Purpose\n\nTo tackle exploitation.\n"))
    # the Board met in October 2025, but the report was not recorded as received
    meeting(root, "board", "2025-10-15")


def plan_yearly(root: Path) -> None:
    add_tor_duties(root, (
        "duties:\n"
        "  # \"The business plan is revised every year.\"\n"
        "  - id: business-plan\n"
        "    what: The business plan revised\n"
        "    every: 12 months\n"
        "    evidence: decision\n"))
    meeting(root, "board", "2025-05-14", extra=(
        "decisions:\n  - id: d1\n    text: Approved the revised business plan.\n"
        "    duty: business-plan\n"))


def training_by_march(root: Path) -> None:
    add_tor_duties(root, (
        "duties:\n"
        "  # \"An analysis of multi-agency training is presented by the end of March.\"\n"
        "  - id: training-analysis\n"
        "    what: The multi-agency training analysis\n"
        "    by: {month: 3}\n"
        "    evidence: [meeting-item, file]\n"))
    append(root, "governance/bodies/board.yaml", (
        "duties_done:\n"
        "  - {duty: training-analysis, on: 2026-04-20, file: docs/training-analysis-2026.pdf}\n"))


def planning_before_annual(root: Path) -> None:
    add_tor_duties(root, (
        "duties:\n"
        "  # \"The annual meeting is held in June.\"\n"
        "  - id: annual-meeting\n"
        "    what: The annual meeting\n"
        "    in_month: 6\n"
        "    evidence: meeting-item\n"
        "  # \"A planning meeting is held at least four weeks before the annual meeting.\"\n"
        "  - id: planning-meeting\n"
        "    what: The planning meeting\n"
        "    before: {duty: annual-meeting, offset: 4 weeks}\n"
        "    evidence: meeting-item\n"))
    meeting(root, "board", "2026-05-20", extra="duties_done: [planning-meeting]\n")
    meeting(root, "board", "2026-06-10", extra="duties_done: [annual-meeting]\n")


def unknown_duty(root: Path) -> None:
    plan_yearly(root)
    meeting(root, "board", "2026-05-13", extra="duties_done: [busines-plan]\n")


RECIPES: dict[str, Callable[[Path], None]] = {
    "external-parent": external_parent, "relations-in-words": relations_in_words,
    "line-moves": line_moves, "joint-group": joint_group, "parent-closed": parent_closed,
    "tfg-scope": tfg_scope, "annual-report": annual_report, "plan-yearly": plan_yearly,
    "training-by-march": training_by_march, "planning-before-annual": planning_before_annual,
    "unknown-duty": unknown_duty,
}


def output(name: str, mode: str, as_of: str | None, root: Path) -> str:
    RECIPES[name](base(root))
    result = check(root, date.fromisoformat(as_of or "2026-06-01"), use_cache=False)
    if mode == "words":
        assert result.dataset is not None
        lines, external = structure_in_words(
            result.dataset, sorted(result.dataset.bodies.values(), key=lambda b: b.name))
        return "".join(f"- {x}\n" for x in [*lines, *external])
    return "".join(f"{f.file}:{f.line}:{f.column}: [{f.severity}] {f.message} ({f.code})\n"
                   for f in result.findings)


def blocks() -> list[tuple[str, str, str | None, str]]:
    return [(m[1], "words" if m[2] == "words" else "check", m[3], m[4])
            for m in MARKER.finditer(COOKBOOK.read_text(encoding="utf-8"))]


def test_every_recipe_has_its_output_in_the_cookbook() -> None:
    assert sorted({b[0] for b in blocks()}) == sorted(RECIPES)


def test_the_base_example_is_clean(tmp_path: Path) -> None:
    base(tmp_path)
    assert [f.message for f in check(tmp_path, date(2026, 6, 1), use_cache=False).findings] == []


@pytest.mark.parametrize(("name", "mode", "as_of", "shown"), blocks(),
                         ids=[b[0] for b in blocks()])
def test_cookbook_output_is_real(tmp_path: Path, name: str, mode: str, as_of: str | None,
                                 shown: str) -> None:
    real = output(name, mode, as_of, tmp_path)
    if os.environ.get("MINUTEBOOK_WRITE_COOKBOOK") == "1" and real != shown:
        text = COOKBOOK.read_text(encoding="utf-8")
        marker = f"<!-- cookbook: {name} {'words' if mode == 'words' else 'as of ' + str(as_of)} -->"
        head, _, rest = text.partition(marker + "\n\n```text\n")
        _, _, tail = rest.partition("```")
        COOKBOOK.write_text(head + marker + "\n\n```text\n" + real + "```" + tail,
                            encoding="utf-8")
        return
    assert real == shown
