"""PD: personal data in publishable text, masked messages, the allow-list and the
sensitive-terms file."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minirepo import MiniRepo, minutes, where
from minutebook.rules.personal_data import find, mask, nhs_check_digit_ok, personal_email

DAY = "2026-01-14"
MEETING = f"meetings/group/{DAY}.md"


def located(repo: MiniRepo, code: str) -> list[tuple[str, int, int, str]]:
    return [(f.file, f.line, f.column, f.message) for f in repo.rule_findings(code)]


def allow(repo: MiniRepo, *entries: dict[str, Any]) -> None:
    import yaml

    repo.raw["personal-data-allow.yaml"] = yaml.safe_dump({"allow": list(entries)},
                                                          sort_keys=False)


REVIEWED = {"reason": "a reference number of the annual report, not an NHS number",
            "reviewed_by": "Information governance lead", "reviewed_on": "2026-01-20"}


# ---------------------------------------------------------------- PD001 NHS numbers


def test_nhs_check_digit() -> None:
    assert nhs_check_digit_ok("9434765919")
    assert not nhs_check_digit_ok("9434765918")  # wrong check digit
    assert nhs_check_digit_ok("9434765900")  # 11 - 0 = 11: the check digit is 0
    assert not nhs_check_digit_ok("9434765960")  # the check would be 10: never issued
    assert not nhs_check_digit_ok("943476591")


def test_pd001_fail_valid_nhs_number_spaced_in_minutes(repo: MiniRepo) -> None:
    minutes(repo, "Noted.\nThe review concerns the child with NHS number 943 476 5919.")
    repo.write()
    line, col = where(repo, MEETING, "943 476 5919")
    assert located(repo, "PD001") == [
        (MEETING, line, col, "an NHS number (***-***-5919) in the minutes")]


def test_pd001_fail_unspaced_and_hyphenated_in_yaml_fields(repo: MiniRepo) -> None:
    minutes(repo, "Noted.", decisions=[{"id": "d1", "text": "Refer 9434765919 to the panel."}],
            agenda=["Case 943-476-5900"])
    repo.write()
    found = repo.rule_findings("PD001")
    assert [f.message for f in found] == [
        "an NHS number (***-***-5919) in decision 'd1'",
        "an NHS number (***-***-5900) in the agenda",
    ]
    # a YAML field: the finding points at the field
    assert (found[0].line, found[0].column) == where(repo, MEETING, "text: Refer")
    assert found[0].path == "$.decisions[0].text"
    assert found[0].severity == "error"


def test_pd001_pass_invalid_check_digit_and_other_numbers(repo: MiniRepo) -> None:
    minutes(repo, "Reference 943 476 5918 (wrong check digit), 943 476 5960 (check of 10),\n"
                  "the 11-digit 19434765919, 9434765919.5 and 1,943,476,591 are not NHS numbers.")
    assert repo.rule_messages("PD001") == []


def test_pd001_fail_inside_confidential_section_and_sensitive_record(repo: MiniRepo) -> None:
    """Confidential sections and OFFICIAL-SENSITIVE records are published in the internal
    edition and kept in git: they are scanned too."""
    minutes(repo, "<!-- confidential -->\nNHS 943 476 5919\n<!-- /confidential -->",
            classification="OFFICIAL-SENSITIVE")
    assert repo.rule_messages("PD001") == ["an NHS number (***-***-5919) in the minutes"]


# ---------------------------------------------------------------- PD002 National Insurance


def test_pd002_fail_national_insurance_number(repo: MiniRepo) -> None:
    minutes(repo, "Her NI number is AB 12 34 56 C; his is ce123456d.")
    repo.write()
    assert located(repo, "PD002") == [
        (MEETING, *where(repo, MEETING, "AB 12"),
         "a National Insurance number (** ** ** 56 C) in the minutes"),
        (MEETING, *where(repo, MEETING, "ce123"),
         "a National Insurance number (******56d) in the minutes"),
    ]


def test_pd002_pass_prefixes_and_suffixes_never_issued(repo: MiniRepo) -> None:
    minutes(repo, "QQ 12 34 56 C, DA123456A, AD123456A, AO 12 34 56 A, BG123456A, GB123456B,\n"
                  "KN123456C, NK123456D, NT123456A, TN123456A, ZZ123456A, AB 12 34 56 E,\n"
                  "and XAB123456CX are not National Insurance numbers.")
    assert repo.rule_messages("PD002") == []


# ---------------------------------------------------------------- PD003 postcodes


def test_pd003_fail_full_unit_postcode(repo: MiniRepo) -> None:
    minutes(repo, "The family moved to CW11 1HZ, then to M1 1AE and EC1A1BB.")
    repo.write()
    assert located(repo, "PD003") == [
        (MEETING, *where(repo, MEETING, "CW11 1HZ"), "a full postcode (CW11 1**) in the minutes"),
        (MEETING, *where(repo, MEETING, "M1 1AE"), "a full postcode (M1 1**) in the minutes"),
        (MEETING, *where(repo, MEETING, "EC1A1BB"), "a full postcode (EC1A 1**) in the minutes"),
    ]


def test_pd003_fail_outward_code_ending_in_a_letter_alone(repo: MiniRepo) -> None:
    # the only postcode in the text: no other digits to open the scan's fast gate
    minutes(repo, "The child was placed near SW1A 2AA.")
    repo.write()
    assert located(repo, "PD003") == [
        (MEETING, *where(repo, MEETING, "SW1A 2AA"), "a full postcode (SW1A 2**) in the minutes")]


def test_pd003_pass_outward_code_and_sector(repo: MiniRepo) -> None:
    minutes(repo, "Families in CW11 and in the CW11 1 sector; Q3 2026 figures; KS4 results.",
            location="Westfields, Sandbach CW11")
    assert repo.rule_messages("PD003") == []


# ---------------------------------------------------------------- PD004 dates of birth


def test_pd004_fail_dates_of_birth_in_three_forms(repo: MiniRepo) -> None:
    minutes(repo, "Child A (DOB 12/03/2011).\nChild B, date of birth: 12 March 2011.\n"
                  "Child C, born 2011-03-12.")
    repo.write()
    first, col = where(repo, MEETING, "12/03/2011")
    assert located(repo, "PD004") == [
        (MEETING, first, col, "a date of birth (**/**/****) in the minutes"),
        (MEETING, first + 1, 25, "a date of birth (** ***** ****) in the minutes"),
        (MEETING, first + 2, 15, "a date of birth (****-**-**) in the minutes"),
    ]
    assert (first + 1, 25) == where(repo, MEETING, "12 March")


def test_pd004_pass_ordinary_dates(repo: MiniRepo) -> None:
    minutes(repo, "The meeting on 12/03/2026 agreed the plan of 12 March 2026, due 2026-04-30.\n"
                  "Date of birth not recorded. The policy was born in 2011. Adobe 12/03/2011.")
    assert repo.rule_messages("PD004") == []


# ---------------------------------------------------------------- PD005 phone numbers


def test_pd005_fail_mobile_landline_and_international(repo: MiniRepo) -> None:
    minutes(repo, "Call 07700 900123, (0161) 496 0000 or +44 (0)20 7946 0000; 01632 960123 2026.")
    repo.write()
    assert located(repo, "PD005") == [
        (MEETING, *where(repo, MEETING, "07700"), "a phone number (***** ***123) in the minutes"),
        (MEETING, *where(repo, MEETING, "(0161"),
         "a phone number ((****) *** *000) in the minutes"),
        (MEETING, *where(repo, MEETING, "+44"),
         "a phone number (+** (*)** **** *000) in the minutes"),
        (MEETING, *where(repo, MEETING, "01632"), "a phone number (***** ***123) in the minutes"),
    ]


def test_pd005_pass_helplines_years_and_ids(repo: MiniRepo) -> None:
    minutes(repo, "NSPCC 0808 800 5000, Childline 0800 1111, council 0300 123 4567, 999 or 101.\n"
                  "Years 2011 2026, action a-2026-001, 10:30-12:00, 01/02/2026, v1.2.3.")
    assert repo.rule_messages("PD005") == []


# ---------------------------------------------------------------- PD006 e-mail addresses


def test_personal_email_classification() -> None:
    assert personal_email("lscp.business", "gmail.com")  # any address at webmail
    assert personal_email("Jane.Smith", "Example.co.uk")  # a named address, private domain
    assert not personal_email("jane.smith", "cheshireeast.gov.uk")
    assert not personal_email("j.smith", "nhs.net")
    assert not personal_email("safeguarding.team", "charity.org.uk")  # a team word
    assert not personal_email("lscp", "charity.org.uk")  # a role address


def test_pd006_fail_webmail_and_named_private_address(repo: MiniRepo) -> None:
    minutes(repo, "Write to jo.bloggs@gmail.com or Jane.Smith@Example.co.uk.")
    repo.write()
    line, col = where(repo, MEETING, "jo.bloggs")
    assert located(repo, "PD006") == [
        (MEETING, line, col, "a personal e-mail address (***@gmail.com) in the minutes"),
        (MEETING, line, col + 23, "a personal e-mail address (***@example.co.uk) in the minutes"),
    ]


def test_pd006_pass_organisational_addresses(repo: MiniRepo) -> None:
    minutes(repo, "Write to jane.smith@cheshireeast.gov.uk, j.smith@nhs.net, "
                  "safeguarding.team@charity.org.uk, lscp@charity.org.uk or "
                  "<mailto:sab@cheshirewestandchester.gov.uk>; ref 07700900123@cjsm.net.")
    assert repo.rule_messages("PD006") == []
    assert repo.rule_messages("PD005") == []  # digits inside an address are not a number


# ---------------------------------------------------------------- PD007 sensitive terms


def test_pd007_fail_listed_name_any_case_across_a_line_break(repo: MiniRepo) -> None:
    repo.raw["sensitive-terms.txt"] = "# names of children in reviews\n\nJayden Example\n"
    minutes(repo, "The review of jayden\nEXAMPLE's case was agreed.",
            guests=["Jayden Example's social worker"])
    repo.write()
    line, col = where(repo, MEETING, "jayden")
    guest = where(repo, MEETING, "- Jayden")
    assert located(repo, "PD007") == [
        (MEETING, guest[0], guest[1] + 2,
         "a name listed in sensitive-terms.txt (line 3) in the guests"),
        (MEETING, line, col, "a name listed in sensitive-terms.txt (line 3) in the minutes"),
    ]


def test_pd007_pass_whole_words_only_and_comments_are_not_terms(repo: MiniRepo) -> None:
    repo.raw["sensitive-terms.txt"] = "# Child A\nJayden Example\n"
    minutes(repo, "Child A: Jayden Examples and JaydenExample are other words.")
    assert repo.rule_messages("PD007") == []


def test_pd007_pass_no_terms_file(repo: MiniRepo) -> None:
    minutes(repo, "Jayden Example")
    assert repo.rule_messages("PD007") == []


def test_pd007_pass_terms_file_is_never_published(repo: MiniRepo) -> None:
    from minutebook.site import opendata

    repo.raw["sensitive-terms.txt"] = "Zebedee Unlikelyname\n"
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919", **REVIEWED})
    minutes(repo, "NHS 943 476 5919")
    result = repo.check()
    assert [f.code for f in result.findings if f.code.startswith("PD")] == []
    for edition in ("public", "internal"):
        for content in opendata.export(result, edition).values():
            assert b"Zebedee" not in content
            assert REVIEWED["reason"].encode() not in content


# ---------------------------------------------------------------- masking


def test_messages_never_echo_the_value(repo: MiniRepo) -> None:
    values = ["943 476 5919", "AB 12 34 56 C", "CW11 1HZ", "12/03/2011", "07700 900123",
              "jo.bloggs@gmail.com", "Jayden Example"]
    repo.raw["sensitive-terms.txt"] = "Jayden Example\n"
    minutes(repo, "NHS {}; NI {}; at {}; DOB {}; tel {}; mail {}; {}.".format(*values))
    found = [f for f in repo.check().findings if f.code.startswith("PD")]
    assert sorted(f.code for f in found) == [f"PD00{i}" for i in range(1, 8)]
    for f in found:
        for value in values:
            assert value not in f.message
            assert value not in f.hint


def test_mask_keeps_only_the_tail() -> None:
    assert mask("07700 900123", 3) == "***** ***123"
    assert mask("12 March 2011") == "** ***** ****"
    assert [c for c, *_ in find("NHS 943 476 5919 at CW11 1HZ")] == ["PD001", "PD003"]


# ---------------------------------------------------------------- the allow-list


def test_pd001_pass_allow_listed_false_positive_cleared(repo: MiniRepo) -> None:
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919", **REVIEWED})
    minutes(repo, "Report reference 943 476 5919.")
    assert repo.rule_messages("PD001") == []
    assert repo.rule_messages("PD008") == []
    assert repo.rule_messages("PD009") == []


def test_pd005_pass_allow_listed_by_sha256(repo: MiniRepo) -> None:
    digest = hashlib.sha256(b"0161 496 0000").hexdigest()
    allow(repo, {"file": MEETING, "code": "PD005", "sha256": digest,
                 "reason": "the MASH duty line, published by the council",
                 "reviewed_by": "Information governance lead", "reviewed_on": "2026-01-20"})
    minutes(repo, "MASH duty line: 0161 496 0000. Foster carer: 07700 900123.")
    assert repo.rule_messages("PD005") == ["a phone number (***** ***123) in the minutes"]


def test_pd003_pass_allow_listed_by_file_pattern(repo: MiniRepo) -> None:
    allow(repo, {"file": "meetings/group/*.md", "code": "PD003", "text": "CW11 1HZ",
                 "reason": "the council offices where the group meets",
                 "reviewed_by": "Information governance lead", "reviewed_on": "2026-01-20"})
    minutes(repo, "Noted.", location="Westfields, Sandbach CW11 1HZ")
    repo.meeting("2026-02-11", location="Westfields, Sandbach CW11 1HZ")
    repo.meeting("2026-03-11", location="A flat at CW11 1HY")
    assert repo.rule_messages("PD003") == ["a full postcode (CW11 1**) in the meeting's location"]
    assert repo.rule_messages("PD009") == []


def test_pd001_fail_allow_list_entry_for_another_file_or_code_does_not_clear(
        repo: MiniRepo) -> None:
    allow(repo, {"file": "meetings/group/2026-02-11.md", "code": "PD001",
                 "text": "943 476 5919", **REVIEWED},
          {"file": MEETING, "code": "PD005", "text": "943 476 5919", **REVIEWED})
    minutes(repo, "NHS 943 476 5919")
    assert repo.rule_messages("PD001") == ["an NHS number (***-***-5919) in the minutes"]


def test_pd008_fail_entry_without_reason_or_reviewer(repo: MiniRepo) -> None:
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919"},
          {"file": MEETING, "code": "PD005", "text": "07700 900123", "reason": "  ",
           "reviewed_by": "IG lead", "reviewed_on": "2026-01-20"})
    minutes(repo, "NHS 943 476 5919, tel 07700 900123")
    repo.write()
    found = repo.rule_findings("PD008")
    assert [(f.file, f.line, f.message) for f in found] == [
        ("personal-data-allow.yaml", 2, (f"the allow-list entry for PD001 in {MEETING} has no "
         "reason or reviewed_by or reviewed_on, so it clears nothing")),
        ("personal-data-allow.yaml", 5, (f"the allow-list entry for PD005 in {MEETING} has no "
         "reason, so it clears nothing")),
    ]
    assert found[0].severity == "error"
    # an incomplete entry clears nothing
    assert repo.rule_messages("PD001") == ["an NHS number (***-***-5919) in the minutes"]


def test_pd008_pass_complete_entries(repo: MiniRepo) -> None:
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919", **REVIEWED})
    minutes(repo, "NHS 943 476 5919")
    assert repo.rule_messages("PD008") == []


def test_pd009_fail_entry_matches_nothing(repo: MiniRepo) -> None:
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919", **REVIEWED},
          {"file": "meetings/group/2020-01-01.md", "code": "PD001", "text": "x", **REVIEWED})
    minutes(repo, "The number was removed.")
    found = repo.rule_findings("PD009")
    assert [(f.line, f.severity, f.message) for f in found] == [
        (2, "warning", f"the allow-list entry for PD001 in {MEETING} matches nothing"),
        (8, "warning", ("the allow-list entry for PD001 names meetings/group/2020-01-01.md, "
                        "which was not scanned (no such file, it could not be read, or it "
                        "holds no text)")),
    ]


def test_pd009_pass_entry_in_use(repo: MiniRepo) -> None:
    allow(repo, {"file": MEETING, "code": "PD001", "text": "943 476 5919", **REVIEWED})
    minutes(repo, "Reference 943 476 5919")
    assert repo.rule_messages("PD009") == []


@pytest.mark.parametrize(("entry", "expected"), [
    ({"file": MEETING, "code": "PD001"},
     ["personal-data-allow.yaml:2 SC002 'allow' needs one of: text, sha256"]),
    ({"file": MEETING, "code": "PD001", "text": "x", "sha256": "0" * 64},
     [("personal-data-allow.yaml:2 SC002 'allow' uses text, sha256 together; use only one of "
      "them")]),
    ({"file": MEETING, "code": "PD010", "text": "x"},
     [("personal-data-allow.yaml:3 SC003 'code' cannot be 'PD010'; allowed: PD001, PD002, "
      "PD003, PD004, PD005, PD006, PD007")]),
    ({"file": MEETING, "code": "PD001", "sha256": "ABC"},
     ["personal-data-allow.yaml:4 SC003 'sha256' is not in the expected form: 'ABC'"]),
])
def test_allow_list_schema(repo: MiniRepo, entry: dict[str, Any], expected: list[str]) -> None:
    allow(repo, entry)
    minutes(repo, "Noted.")
    assert [p for p in repo.problems() if "personal-data-allow" in p] == expected


def test_scan_stays_fast_on_hostile_text() -> None:
    import time

    for text in ("0" + "1" * 100_000, " ".join(["012345678901234567890123456789"] * 5000),
                 "a@" + "b" * 50_000, "a@" * 30_000, "DOB " * 30_000, "AB 12 " * 30_000,
                 # text as pasted, and runs of digits that libphonenumber would read
                 "1\u00a0" * 50_000, "0\u200b7" * 30_000, "07911 " * 20_000,
                 " ".join(["0123 4567 8901 2345 6789 0123 4567"] * 3000), "+44 " * 30_000):
        started = time.perf_counter()
        find(text)
        assert time.perf_counter() - started < 1.0


def test_scan_stays_fast_on_a_text_with_thousands_of_matches() -> None:
    """Each match is tested against the spans already taken in log time (a pasted sheet of
    16,000 phone numbers took 7 s, NHS numbers beside +44 numbers 36 s)."""
    import time

    for unit in ("07911 123456 ", "a.b@gmail.com ", "SK11 6AB ", "DOB 1/1/2015 ",
                 "NHS 943 476 5919 +44 7911 123456 "):
        started = time.perf_counter()
        assert len(find(unit * 16_000)) >= 16_000
        assert time.perf_counter() - started < 3.0, unit


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=12),
       st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=12))
def test_span_sets_answer_as_a_search_of_every_span(
        claimed: list[tuple[int, int]], asked: list[tuple[int, int]]) -> None:
    from minutebook.rules.spanset import Enclosing, SpanSet

    spans = [(s, s + n) for s, n in claimed]
    taken, kept = SpanSet(spans), list(spans)
    inside = Enclosing(spans)
    for start, n in asked:
        end = start + n
        assert inside.encloses(start, end) == any(s < start and end <= e for s, e in spans)
        overlap = any(start < e and s < end for s, e in kept)
        assert taken.overlaps(start, end) == overlap
        if not overlap:
            taken.add(start, end)
            kept.append((start, end))


# ---------------------------------------------------------------- the fast gates


_ALPHABET = "0123456789 -+()@.:/ABCDEFHJNPRSTWZabdeimnorstuhx\n\u00a0\u200b\u2013\uff10"


# numbers written the ways people write phone and NHS numbers: a prefix, then groups of
# digits with the separators the patterns allow (and some they do not)
_NUMBERISH = st.builds(
    lambda before, prefix, groups, after: before + prefix + "".join(groups) + after,
    st.sampled_from(["", "Tel ", "x", "(", "+"]),
    st.sampled_from(["", "0", "(0", "+44", "+44 ", "0044", "+44 (0)", "+44(0)", "44 (0) "]),
    st.lists(st.builds(lambda sep, digits: sep + digits,
                       st.sampled_from(["", " ", "-", ") ", ")", " (", "  ", "/"]),
                       st.text(alphabet="0123456789", min_size=1, max_size=6)),
             min_size=1, max_size=5),
    st.sampled_from(["", ".", " 2026", "C", " AB"]))


def _spaced(number: str, seps: list[str]) -> str:
    return "".join(d + seps[i % len(seps)] for i, d in enumerate(number)).strip()


# real numbers with separators put between their digits
_SPACED = st.builds(_spaced,
                    st.sampled_from(["07700900123", "02079460000", "01632960123",
                                     "9434765919", "4477009001234", "00442079460000"]),
                    st.lists(st.sampled_from(["", "", "", " ", "-", ")", " (", "  ", ") ", ") ("]),
                             min_size=1, max_size=11))


@settings(max_examples=600, deadline=None, database=None)
@given(st.text(alphabet=_ALPHABET, max_size=60) | _NUMBERISH | _SPACED | st.sampled_from([
    "943 476 5919", "AB 12 34 56 C", "SW1A 2AA", "M1 1AE", "+44 (0)7700 900123",
    "DOB 12/03/2011", "born on 3 March 2011", "someone@gmail.com", "07700 900123",
    "+44 (0)20 7946 0000", "0044 7700 900123", "(01632) 960 123", "+44 (0) (20) 7946 000",
    "943\u00a0476\u00a05919", "cw11 1hz", "d/o/b 3.3.2015", "born on the 3rd of March 2015",
    "jo\uff20gmx.de", "AB-12-34-56-C", "07911\n123 456", "3/3/2015 (DOB)"]))
def test_gates_never_hide_a_match(text: str) -> None:
    """The cheap pre-checks in find() only skip texts the full patterns cannot match."""
    import re

    from minutebook.rules import pdfind

    gated = pdfind.find(text)
    names = ("_ANY", "_GATE_NUMBERS")
    saved: dict[str, object] = {n: getattr(pdfind, n) for n in (*names, "_GATES", "_worth_a_look",
                                                                "_dob_cue", "_AT_WORDS")}
    try:
        for n in names:
            setattr(pdfind, n, re.compile(""))
        pdfind._GATES = {k: re.compile("") for k in saved["_GATES"]}  # type: ignore[attr-defined]
        pdfind._worth_a_look = pdfind._dob_cue = lambda _text: True  # type: ignore[assignment]
        pdfind._AT_WORDS = ("",)  # type: ignore[attr-defined]
        assert pdfind.find(text) == gated
    finally:
        for n, v in saved.items():
            setattr(pdfind, n, v)


def test_hits_in_a_long_text_are_placed_at_their_line_and_column_fast() -> None:
    """Each hit of a long text is placed by bisection over its line breaks (counting the
    line breaks from the start for each of thousands of hits took minutes on a 6 MB
    paste), at the same line and column as counting gives."""
    import time

    from minutebook.model import At
    from minutebook.rules.textscan import Text

    value = "Noted.\n" * 100_000 + "07911 123456\n" * 20_000
    text = Text(value, At("meetings/b/2026-01-14.md"), "the minutes", None, 9)
    offsets = [value.find("07911"), len(value) - 13, 0, 7, len(value)]
    for offset in offsets:
        line = 9 + value.count("\n", 0, offset)
        assert text.position(offset) == (line, offset - (value.rfind("\n", 0, offset) + 1) + 1)
    started = time.perf_counter()
    for offset in range(len(value) - 20_000 * 13, len(value), 13):
        text.position(offset)
    assert time.perf_counter() - started < 2.0
