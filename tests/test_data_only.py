"""The "data-only" test: a new body, written only as data, checked with no code change.

The Glenmore Child Protection Committee (a fictional Scottish committee) combines clause
kinds in a way no content in this repository does:

* quorum: at least two of police, health and education; one third of the seats rounded
  down; and a lay member;
* an elected chair with a term of one year and no second consecutive term, and a
  vice-chair who must come from health;
* at least ten meetings in each year starting on 1 April;
* the agenda issued seven working days before each meeting, counted with Scotland's bank
  holidays (``nation: scotland`` in minutebook.yaml);
* declarations of interest recorded at every meeting;
* decisions by vote, carried by two thirds of the votes cast.

A compliant set of records is clean; each breach produces exactly the expected finding.
The second half checks the documentation: every page exists, and every complete example
in the field reference validates against its schema and fits with the others into a
repository that passes ``minutebook check``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from minutebook.api import check
from minutebook.load.yamlsrc import parse_yaml
from minutebook.schemas import SCHEMA_FILES, detailed_validator

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 4, 14)

CONFIG = """\
format: 2
site_name: Glenmore child protection governance
nation: scotland
"""

ORGANISATIONS = """\
organisations:
  - id: glenmore-council
    name: Glenmore Council
    kinds: [local-authority]
    tags: [childrens-services]
    statutory_partner: true
  - id: police-scotland-glenmore
    name: Police Scotland, Glenmore Division
    short_name: Police Scotland
    kinds: [police]
    statutory_partner: true
  - id: nhs-glenmore
    name: NHS Glenmore
    kinds: [health]
    statutory_partner: true
  - id: glenmore-schools
    name: Schools in Glenmore
    short_name: Education
    kinds: [education]
  - id: glenmore-tsi
    name: Glenmore Third Sector Interface
    short_name: Third Sector Interface
    kinds: [voluntary-sector]
"""

BODY = """\
id: child-protection-committee
name: Glenmore Child Protection Committee
kind: board
tor: child-protection-committee
established: 2025-04-01
records_from: 2025-04-01
seats:
  - {id: cswo, organisation: glenmore-council, post: Chief Social Work Officer}
  - {id: head-of-childrens-services, organisation: glenmore-council, post: Head of Children's Services}
  - {id: police-superintendent, organisation: police-scotland-glenmore, post: "Detective Superintendent, Public Protection"}
  - {id: police-inspector, organisation: police-scotland-glenmore, post: "Detective Inspector, Public Protection Unit"}
  - {id: nurse-consultant, organisation: nhs-glenmore, post: Nurse Consultant Child Protection}
  - {id: paediatrician, organisation: nhs-glenmore, post: Lead Paediatrician for Child Protection}
  - {id: education-lead, organisation: glenmore-schools, post: Head of Inclusion}
  - {id: third-sector, organisation: glenmore-tsi, category: voluntary-sector, post: Chief Officer}
  - {id: lay-member-1, category: lay, post: Lay member}
  - {id: lay-member-2, category: lay, post: Lay member (young people's advocate)}
chair_terms:
  - {role: chair, seat: police-superintendent, from: 2025-04-01, until: 2026-03-31, how: elected}
  - {role: chair, seat: cswo, from: 2026-04-01, how: elected}
  - {role: vice-chair, seat: nurse-consultant, from: 2025-04-01, how: elected}
"""

TOR = """\
---
title: Terms of Reference – Glenmore Child Protection Committee
version: "1.0"
status: approved
in_force_from: 2025-04-01
approved: {date: 2025-03-12, by: child-protection-committee}
review: {every: 12 months, last: 2026-03-11}
classification: OFFICIAL
quorum:
  description: >-
    At least two of the police, health and education; one third of the members (rounded
    down); and a lay member.
  requires:
    all_of:
      - at_least: 2
        of:
          - present: {kind: police}
          - present: {kind: health}
          - present: {kind: education}
      - present: {}
        min: 1/3
        rounding: down
      - present: {category: lay}
chair:
  method: elected
  term: {length: 1 year, max_consecutive: 1}
  vice_chairs: {min: 1, eligible: {kind: health}}
cadence:
  per_year: {min: 10, year_starts: "04-01"}
deadlines:
  - {milestone: agenda-issued, due: 7 working days before the meeting}
declarations:
  required: true
decisions:
  method: vote
  threshold: 2/3
---
## Purpose

The Committee leads child protection policy and practice across Glenmore.
"""

SEATS = ["cswo", "head-of-childrens-services", "police-superintendent", "police-inspector",
         "nurse-consultant", "paediatrician", "education-lead", "third-sector",
         "lay-member-1", "lay-member-2"]

# Ten meetings in the year from 1 April 2025 (none in August or February), and the agenda
# issued on the day it was due at the meeting of 10 December 2025: seven working days
# before, counted back over Scotland's St Andrew's Day holiday (Monday 1 December 2025).
HELD = ["2025-04-16", "2025-05-14", "2025-06-11", "2025-07-09", "2025-09-10", "2025-10-08",
        "2025-11-12", "2025-12-10", "2026-01-14", "2026-03-11"]
AGENDA_ON_THE_DAY = {"2025-12-10": "2025-11-28"}
SCHEDULED = ["2026-05-13", "2026-06-10", "2026-07-08", "2026-09-09", "2026-10-14",
             "2026-11-11", "2026-12-09", "2027-01-13", "2027-02-10", "2027-03-10"]

# The boundary meeting: exactly three of ten members, so quorate only because one third
# is rounded down (3.33 -> 3), with police and health present and a lay member.
BOUNDARY = {"2026-01-14": ["police-superintendent", "nurse-consultant", "lay-member-1"]}

# A vote carried by exactly two thirds of the votes cast (abstentions are not votes cast).
DECISIONS = {"2026-03-11": """\
decisions:
  - id: d1
    text: Adopted the Committee's improvement plan for 2026-27.
    method: vote
    votes: {for: 6, against: 3, abstain: 1}
"""}


def meeting_file(day: str) -> str:
    present = BOUNDARY.get(day)
    agenda = AGENDA_ON_THE_DAY.get(day) or str(date.fromisoformat(day) - timedelta(days=14))
    lines = ["---", f"date: {day}", "status: held", "classification: OFFICIAL",
             "chair: police-superintendent", "attendance:"]
    lines += [f"  {s}: {'present' if present is None or s in present else 'apologies'}"
              for s in SEATS]
    lines += ["milestones:", f"  agenda-issued: {agenda}", "declarations: none"]
    text = "\n".join(lines) + "\n" + DECISIONS.get(day, "")
    return text + "---\n## Minutes\n\nNoted.\n"


def scheduled_file(day: str) -> str:
    return f"---\ndate: {day}\nstatus: scheduled\nclassification: OFFICIAL\n---\n"


def compliant() -> dict[str, str]:
    files = {
        "minutebook.yaml": CONFIG,
        "governance/organisations.yaml": ORGANISATIONS,
        "governance/bodies/child-protection-committee.yaml": BODY,
        "governance/tor/child-protection-committee/1.0.md": TOR,
        "actions.yaml": "actions: []\n",
    }
    for day in HELD:
        files[f"meetings/child-protection-committee/{day}.md"] = meeting_file(day)
    for day in SCHEDULED:
        files[f"meetings/child-protection-committee/{day}.md"] = scheduled_file(day)
    return files


def findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, str, str, str]]:
    """Every finding of a full check as (file, line, code, severity, message)."""
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = check(tmp_path, TODAY)
    return [(f.file, f.line, f.code, f.severity, f.message) for f in result.findings]


def edit(files: dict[str, str], rel: str, old: str, new: str) -> dict[str, str]:
    """A copy of the files with one exact piece of text replaced (it must be there once)."""
    assert files[rel].count(old) == 1, f"{old!r} is not in {rel} exactly once"
    return {**files, rel: files[rel].replace(old, new)}


MEETINGS = "meetings/child-protection-committee"
BODY_FILE = "governance/bodies/child-protection-committee.yaml"
TOR_FILE = "governance/tor/child-protection-committee/1.0.md"


# ------------------------------------------------------------------ the compliant records


def test_compliant_records_are_clean(tmp_path: Path) -> None:
    assert findings(tmp_path, compliant()) == []


def test_the_same_agenda_is_on_time_in_england_too(tmp_path: Path) -> None:
    files = edit(compliant(), "minutebook.yaml", "nation: scotland", "nation: england-and-wales")
    assert findings(tmp_path, files) == []


# ------------------------------------------------------------------ quorum


def test_quorum_needs_two_of_police_health_and_education(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2025-10-08.md"
    files = compliant()
    for seat in ("nurse-consultant", "paediatrician", "education-lead"):
        files = edit(files, rel, f"  {seat}: present\n", f"  {seat}: apologies\n")
    assert findings(tmp_path, files) == [
        (rel, 6, "QU002", "warning",
         ("the meeting on 2025-10-08 was not quorate by the attendance recorded: at least 2 of "
         "(at least 1 police present; at least 1 health present; at least 1 education "
         "present), but 1 were met"))]


def test_quorum_one_third_rounded_up_makes_the_boundary_meeting_inquorate(
        tmp_path: Path) -> None:
    files = edit(compliant(), TOR_FILE, "rounding: down", "rounding: up")
    assert findings(tmp_path, files) == [
        (f"{MEETINGS}/2026-01-14.md", 6, "QU002", "warning",
         ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least one "
         "third (rounded up) of the members present: 3 of the 4 needed"))]


def test_quorum_fewer_than_one_third_present(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2026-01-14.md"
    files = edit(compliant(), rel, "  nurse-consultant: present\n",
                 "  nurse-consultant: apologies\n")
    assert findings(tmp_path, files) == [
        (rel, 6, "QU002", "warning",
         ("the meeting on 2026-01-14 was not quorate by the attendance recorded: at least 2 of "
         "(at least 1 police present; at least 1 health present; at least 1 education "
         "present), but 1 were met; at least one third (rounded down) of the members "
         "present: 2 of the 3 needed"))]


def test_quorum_needs_a_lay_member(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2025-11-12.md"
    files = compliant()
    for seat in ("lay-member-1", "lay-member-2"):
        files = edit(files, rel, f"  {seat}: present\n", f"  {seat}: apologies\n")
    assert findings(tmp_path, files) == [
        (rel, 6, "QU002", "warning",
         ("the meeting on 2025-11-12 was not quorate by the attendance recorded: at least 1 "
         "lay members present: 0 of the 1 needed"))]


# ------------------------------------------------------------------ chairing


def test_chair_may_not_serve_a_second_consecutive_term(tmp_path: Path) -> None:
    files = edit(compliant(), BODY_FILE, "{role: chair, seat: cswo, from: 2026-04-01",
                 "{role: chair, seat: police-superintendent, from: 2026-04-01")
    assert findings(tmp_path, files) == [
        (BODY_FILE, 20, "CH008", "error",
         ("Detective Superintendent, Public Protection, Police Scotland began a consecutive "
         "term number 2 as chair on 2026-04-01; the ToR allows 1"))]


def test_chair_term_longer_than_one_year(tmp_path: Path) -> None:
    files = edit(compliant(), BODY_FILE, "until: 2026-03-31, how: elected}\n"
                 "  - {role: chair, seat: cswo, from: 2026-04-01",
                 "until: 2026-04-30, how: elected}\n"
                 "  - {role: chair, seat: cswo, from: 2026-05-01")
    assert findings(tmp_path, files) == [
        (BODY_FILE, 19, "CH003", "error",
         ("Detective Superintendent, Public Protection, Police Scotland took the chair on "
         "2025-04-01 until 2026-04-30, longer than the term of office of 1 year (it should "
         "have ended by 2026-04-01)"))]


def test_vice_chair_must_come_from_health(tmp_path: Path) -> None:
    files = edit(compliant(), BODY_FILE, "{role: vice-chair, seat: nurse-consultant",
                 "{role: vice-chair, seat: police-inspector")
    assert findings(tmp_path, files) == [
        (BODY_FILE, 21, "CH009", "error",
         ("Detective Inspector, Public Protection Unit, Police Scotland is not eligible to be "
         "vice-chair under the ToR"))]


# ------------------------------------------------------------------ cadence


def test_ten_meetings_in_the_year_from_april(tmp_path: Path) -> None:
    files = compliant()
    del files[f"{MEETINGS}/2025-07-09.md"]
    assert findings(tmp_path, files) == [
        (BODY_FILE, 1, "CA002", "error",
         ("Glenmore Child Protection Committee held 9 meeting(s) in the year from "
          "1 April 2025 to 31 March 2026; the ToR requires at least 10"))]


def test_this_year_at_risk_with_too_few_meetings_in_the_diary(tmp_path: Path) -> None:
    files = compliant()
    del files[f"{MEETINGS}/2027-03-10.md"]
    assert findings(tmp_path, files) == [
        (BODY_FILE, 1, "CA003", "warning",
         ("Glenmore Child Protection Committee has held 0 and scheduled 9 meeting(s) in the "
         "year to 31 March 2027; the ToR requires 10"))]


# ------------------------------------------------------------------ deadlines (Scotland)


def test_agenda_late_only_because_of_st_andrews_day(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2025-12-10.md"
    files = edit(compliant(), rel, "agenda-issued: 2025-11-28", "agenda-issued: 2025-12-01")
    assert findings(tmp_path, files) == [
        (rel, 18, "DL001", "warning",
         ("agenda issued on 2025-12-01 for the meeting on 2025-12-10: due by 2025-11-28 "
         "(7 working days before the meeting), 3 day(s) late"))]
    # In England and Wales 1 December 2025 is a working day, so the same record is on time.
    files = edit(files, "minutebook.yaml", "nation: scotland", "nation: england-and-wales")
    assert findings(tmp_path, files) == []


# ------------------------------------------------------------------ declarations, decisions


def test_declarations_recorded_at_every_meeting(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2025-09-10.md"
    files = edit(compliant(), rel, "declarations: none\n", "")
    assert findings(tmp_path, files) == [
        (rel, 2, "DI001", "warning",
         ("the meeting on 2025-09-10 does not record declarations of interest"))]


def test_vote_needs_two_thirds_of_the_votes_cast(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2026-03-11.md"
    files = edit(compliant(), rel, "votes: {for: 6, against: 3, abstain: 1}",
                 "votes: {for: 5, against: 3, abstain: 2}")
    assert findings(tmp_path, files) == [
        (rel, 24, "DC001", "error",
         ("decision d1 on 2026-03-11 had 5 for and 3 against; it needed 2/3 of the votes cast"))]


def test_decision_by_consensus_when_the_tor_says_vote(tmp_path: Path) -> None:
    rel = f"{MEETINGS}/2026-03-11.md"
    files = edit(compliant(), rel, "    method: vote\n    votes: {for: 6, against: 3, abstain: 1}\n",
                 "    method: consensus\n")
    assert findings(tmp_path, files) == [
        (rel, 23, "DC004", "warning",
         ("decision d1 on 2026-03-11 was taken by consensus; the ToR says decisions are by vote"))]


# ------------------------------------------------------------------ the documentation

DOCS = ROOT / "docs"
PAGES = ["reference/index.md", "reference/settings.md", "reference/organisations.md",
         "reference/partnerships.md", "reference/bodies.md", "reference/terms-of-reference.md",
         "reference/meetings.md", "reference/actions.md", "cookbook.md",
         "illustrative-content.md"]

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_EXAMPLE = re.compile(r"# example: ([a-z]+)\s*$")


def reference_examples() -> list[tuple[str, str, str]]:
    """Every complete example in docs/reference/*.md as (page, kind, text of the file).

    A complete example is a fenced block whose first line is ``# example: <kind>``
    (YAML files), or whose first line is ``---`` and second ``# example: <kind>``
    (Markdown files with front matter: ToR versions and meeting records).
    """
    found = []
    for page in sorted((DOCS / "reference").glob("*.md")):
        for _lang, block in _FENCE.findall(page.read_text(encoding="utf-8")):
            lines = block.split("\n")
            head = lines[1] if lines[0] == "---" and len(lines) > 1 else lines[0]
            match = _EXAMPLE.match(head)
            if match:
                found.append((page.name, match.group(1), block))
    return found


def _front_matter(kind: str, text: str) -> str:
    if kind in ("tor", "meeting"):
        assert text.startswith("---\n"), "a ToR or meeting example starts with ---"
        return text[4:].split("\n---\n", 1)[0] + "\n"
    return text


@pytest.mark.parametrize("page", PAGES)
def test_documentation_page_exists(page: str) -> None:
    path = DOCS / page
    assert path.is_file(), f"docs/{page} is missing"
    assert path.read_text(encoding="utf-8").startswith("# ")


# The file types these reference pages describe (other pages may add examples of more).
KINDS = {"config", "organisations", "partnerships", "body", "tor", "meeting", "actions"}


def test_reference_has_a_complete_example_of_every_file_type() -> None:
    kinds = {kind for _page, kind, _text in reference_examples()}
    assert kinds >= KINDS
    assert kinds <= set(SCHEMA_FILES), f"unknown kinds: {sorted(kinds - set(SCHEMA_FILES))}"


@pytest.mark.parametrize(("page", "kind", "text"), reference_examples(),
                         ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_reference_example_validates_against_its_schema(page: str, kind: str,
                                                         text: str) -> None:
    parsed = parse_yaml(_front_matter(kind, text))
    assert parsed.problems == [], [p.message for p in parsed.problems]
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in detailed_validator(kind).iter_errors(parsed.data)]
    assert errors == [], f"{page}: example {kind} does not validate"


def test_reference_examples_together_pass_minutebook_check(tmp_path: Path) -> None:
    """The complete examples are one small, consistent repository with no findings."""
    examples = [e for e in reference_examples() if e[1] in KINDS]
    bodies = {}
    for _page, kind, text in examples:
        if kind == "body":
            data = parse_yaml(text).data
            bodies[data["id"]] = data
    places = {"config": "minutebook.yaml", "organisations": "governance/organisations.yaml",
              "partnerships": "governance/partnerships.yaml", "actions": "actions.yaml"}
    meetings_of = "exploitation-subgroup"  # the body whose meetings the examples record
    for _page, kind, text in examples:
        data = parse_yaml(_front_matter(kind, text)).data
        if kind in places:
            rel = places[kind]
        elif kind == "body":
            rel = f"governance/bodies/{data['id']}.yaml"
        elif kind == "tor":
            owner = next(b for b in bodies.values() if data["title"].endswith(b["name"]))
            rel = f"governance/tor/{owner['tor']}/{data['version']}.md"
        else:
            rel = f"meetings/{meetings_of}/{data['date']}.md"
        path = tmp_path / rel
        assert not path.exists(), f"two examples would be written to {rel}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    result = check(tmp_path, date(2026, 11, 25))
    assert [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings] == []


PAGE_OF = {"config": "settings.md", "organisations": "organisations.md",
           "partnerships": "partnerships.md", "body": "bodies.md",
           "tor": "terms-of-reference.md", "meeting": "meetings.md", "actions": "actions.md"}


def _field_names(schema: dict, file: str, seen: set[str]) -> set[str]:
    """Every property name a schema defines, following $refs (but not into common.schema.json,
    whose selector and requirement fields the reference index documents)."""
    from minutebook.schemas import load_schema

    names: set[str] = set()
    ref = schema.get("$ref")
    if ref:
        target_file, _, pointer = ref.partition("#")
        target_file = target_file or file
        key = f"{target_file}#{pointer}"
        if target_file == "common.schema.json" or key in seen:
            return names
        seen.add(key)
        target = load_schema(target_file)
        for part in (p for p in pointer.split("/") if p):
            target = target[part]
        return _field_names(target, target_file, seen)
    for name, sub in schema.get("properties", {}).items():
        names.add(name)
        names |= _field_names(sub, file, seen)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            names |= _field_names(schema[key], file, seen)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, ()):
            names |= _field_names(sub, file, seen)
    return names


@pytest.mark.parametrize("kind", sorted(PAGE_OF))
def test_reference_page_names_every_field_of_its_schema(kind: str) -> None:
    from minutebook.schemas import load_schema

    name = SCHEMA_FILES[kind]
    fields = _field_names(load_schema(name), name, set())
    text = (DOCS / "reference" / PAGE_OF[kind]).read_text(encoding="utf-8")
    assert [f for f in sorted(fields) if f"`{f}`" not in text] == []


def test_reference_index_names_every_selector_and_requirement_field() -> None:
    from minutebook.schemas import load_schema

    common = load_schema("common.schema.json")["$defs"]
    fields = set(common["selector"]["properties"]) | set(common["requirement"]["properties"])
    text = (DOCS / "reference" / "index.md").read_text(encoding="utf-8")
    assert [f for f in sorted(fields) if f"`{f}`" not in text] == []
