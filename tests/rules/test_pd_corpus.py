"""The personal-data corpus: identifiers planted as people write and paste them are all
caught, at the exact place they were written; realistic look-alikes never are.

tests/pd_corpus/planted.yaml holds the planted identifiers (each with the text around it
and the identifier exactly as written), lookalikes.yaml the texts that must pass, and
organisations.yaml what the corpus repository's organisations publish (their mail
domains, switchboard numbers and office postcodes). Each planted identifier is tried in a
Markdown body (the minutes: finding at its line and column) and in a YAML field (an
agenda item: finding at the item); test_published_fields.py plants them in every other
published field.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from minirepo import MiniRepo, minutes
from minutebook.api import check
from minutebook.rules.pdfind import Allowances, find, normalise

CORPUS = Path(__file__).resolve().parents[1] / "pd_corpus"
DAY = "2026-01-14"
MEETING = f"meetings/group/{DAY}.md"
PD_CODES = {f"PD00{i}" for i in range(1, 8)}
TERMS = "# names of children in reviews (never published)\nJayden Example\n"


def _load(name: str) -> Any:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


PLANTED: list[dict[str, str]] = _load("planted.yaml")["planted"]
LOOKALIKES: list[str] = _load("lookalikes.yaml")["lookalikes"]
PUBLISHED: dict[str, dict[str, list[str]]] = _load("organisations.yaml")
ALLOW = Allowances.of(*([v for o in PUBLISHED.values() for v in o.get(key, ())]
                        for key in ("email_domains", "public_numbers", "office_postcodes")))


def corpus_repo(repo: MiniRepo) -> MiniRepo:
    """The mini repository with the organisations' published details and the sensitive
    terms of the corpus."""
    for org in repo.organisations:
        org.update(PUBLISHED.get(org["id"], {}))
    repo.raw["sensitive-terms.txt"] = TERMS
    return repo


def test_corpus_size() -> None:
    assert len(PLANTED) >= 120
    assert len(LOOKALIKES) >= 60
    assert all(e["id"] in e["text"] for e in PLANTED)
    assert len({e["text"] for e in PLANTED}) == len(PLANTED)
    assert {e["code"] for e in PLANTED} == PD_CODES


@pytest.mark.parametrize("entry", [e for e in PLANTED if e["code"] != "PD007"],
                         ids=lambda e: e["text"][:40])
def test_matcher_catches_each_planted_identifier_exactly(entry: dict[str, str]) -> None:
    """The matcher reports the identifier with its code, spanning exactly what was
    written (offsets into the original text, not the normalised one)."""
    start = entry["text"].index(entry["id"])
    found = [(code, s, e) for code, s, e, _ in find(entry["text"], ALLOW)]
    assert (entry["code"], start, start + len(entry["id"])) in found


@pytest.mark.parametrize("text", LOOKALIKES, ids=lambda t: t[:40])
def test_matcher_flags_no_lookalike(text: str) -> None:
    assert find(text, ALLOW) == []


def _line_col(content: str, offset: int) -> tuple[int, int]:
    return content.count("\n", 0, offset) + 1, offset - (content.rfind("\n", 0, offset) + 1) + 1


def test_every_planted_identifier_is_caught_in_the_minutes_at_its_place(
        repo: MiniRepo) -> None:
    """All planted identifiers in one meeting's minutes, a paragraph each: each is found
    with its code at the line and column where it starts in the file."""
    corpus_repo(repo)
    minutes(repo, "\n\n".join(e["text"] for e in PLANTED))
    found = _pd_findings(repo)
    content = (repo.root / MEETING).read_text(encoding="utf-8")
    missed = []
    for e in PLANTED:
        offset = content.index(e["text"]) + e["text"].index(e["id"])
        if (e["code"], *_line_col(content, offset)) not in found:
            missed.append(e["text"])
    assert missed == [], f"{len(PLANTED) - len(missed)} of {len(PLANTED)} caught"


def test_every_planted_identifier_is_caught_in_a_yaml_field(repo: MiniRepo) -> None:
    """Each planted identifier as an agenda item: found with its code at that item."""
    corpus_repo(repo)
    minutes(repo, "Noted.", agenda=[e["text"] for e in PLANTED])
    found = {(f.code, f.path) for f in _pd_findings_full(repo)}
    missed = [e["text"] for i, e in enumerate(PLANTED)
              if (e["code"], f"$.agenda[{i}]") not in found]
    assert missed == [], f"{len(PLANTED) - len(missed)} of {len(PLANTED)} caught"


def test_no_lookalike_is_flagged_in_the_minutes_or_a_yaml_field(repo: MiniRepo) -> None:
    corpus_repo(repo)
    minutes(repo, "\n\n".join(LOOKALIKES), agenda=LOOKALIKES)
    flagged = [f"{f.line} {f.path} {f.code} {f.message}" for f in _pd_findings_full(repo)]
    assert flagged == [], f"{len(flagged)} of {len(LOOKALIKES)} look-alikes flagged"


def _pd_findings_full(repo: MiniRepo) -> list[Any]:
    result = repo.check(select=PD_CODES)
    broken = [f"{f.file}:{f.line} {f.code} {f.message}" for f in result.findings
              if f.category in ("load", "schema")]
    assert broken == [], broken
    return [f for f in result.findings if f.code in PD_CODES]


def _pd_findings(repo: MiniRepo) -> set[tuple[str, int, int]]:
    return {(f.code, f.line, f.column) for f in _pd_findings_full(repo)}


# ---------------------------------------------------------------- normalising


def test_normalise_keeps_offsets_of_the_original() -> None:
    text = "NHS\u00a0943\u200b476 \uff15\uff19\uff11\uff19 \ufb01n"
    norm, index = normalise(text)
    assert norm == "NHS 943476 5919 fin"
    assert index is not None
    assert len(index) == len(norm)
    assert text[index[norm.index("5919")]] == "\uff15"
    assert index[norm.index("fin") + 1] == text.index("\ufb01")  # 'fi' from one character
    assert normalise("plain ASCII 0161") == ("plain ASCII 0161", None)
    assert normalise("a\u00a0b\u2013c") == ("a b-c", None)  # same length: no index needed


# ---------------------------------------------------------------- what organisations publish


def test_published_numbers_postcodes_and_domains_are_never_flagged(repo: MiniRepo) -> None:
    """The same texts are flagged when the organisations do not list them."""
    texts = ["Switchboard 0161\u00a0496\u00a00500", "Office CW11 1HZ", "Mail jo@borough.gov.uk"]
    minutes(repo, "\n\n".join(texts))
    # (an address at a .gov.uk domain is organisational while no domains are listed)
    assert sorted(f.code for f in _pd_findings_full(repo)) == ["PD003", "PD005"]
    corpus_repo(repo)
    assert _pd_findings_full(repo) == []


def test_a_listed_domain_makes_other_domains_personal(repo: MiniRepo) -> None:
    """Once the organisations list their mail domains, a named address elsewhere is
    personal (a team or role address is not)."""
    minutes(repo, "Write to jane.smith@othercouncil.gov.uk or lscp@othercouncil.gov.uk.")
    assert repo.rule_messages("PD006") == []
    corpus_repo(repo)
    assert repo.rule_messages("PD006") == [
        "a personal e-mail address (***@othercouncil.gov.uk) in the minutes"]


def test_listing_a_number_reaches_a_cached_check(repo: MiniRepo) -> None:
    """The memo of clean files and found texts depends on the organisations' lists: a
    number listed after a first run is not reported by the second (and back)."""
    minutes(repo, "Switchboard 0161 496 0500")
    repo.write()
    today = date(2026, 6, 1)

    def pd() -> list[str]:
        return [f.code for f in check(repo.root, today, use_cache=True).findings
                if f.code in PD_CODES]

    assert pd() == ["PD005"]
    corpus_repo(repo)
    repo.write()
    assert pd() == []
    repo.organisations[0].pop("public_numbers")
    repo.write()
    assert pd() == ["PD005"]


def test_an_unreadable_public_number_allows_nothing_and_raises_nothing() -> None:
    allow = Allowances.of(["@Borough.GOV.uk."], ["+999 123 456", "0", "(((("], ["cw11 1hz"])
    assert allow == Allowances(frozenset({"borough.gov.uk"}), frozenset(),
                               frozenset({"CW111HZ"}))


# ---------------------------------------------------------------- the allow-list


def test_allow_entry_clears_a_match_written_with_other_spaces(repo: MiniRepo) -> None:
    """An entry's text matches however the spaces were written (a non-breaking space
    pasted from Outlook); its sha256 is of the text exactly as written."""
    reviewed = {"reason": "the MASH duty line", "reviewed_by": "IG lead",
                "reviewed_on": "2026-01-20"}
    written = "0161\u00a0496\u00a00000"
    repo.raw["personal-data-allow.yaml"] = yaml.safe_dump({"allow": [
        {"file": MEETING, "code": "PD005", "text": "0161 496 0000", **reviewed},
        {"file": MEETING, "code": "PD001", "sha256": hashlib.sha256(
            "943\u00a0476\u00a05919".encode()).hexdigest(), **reviewed}]})
    minutes(repo, f"MASH duty line {written}; reference NHS 943\u00a0476\u00a05919.")
    assert repo.rule_messages("PD005") == []
    assert repo.rule_messages("PD001") == []
    assert repo.rule_messages("PD009") == []
