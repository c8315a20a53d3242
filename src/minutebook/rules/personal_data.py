"""Personal data in publishable text (PD): a scan that blocks publishing.

Every text an editor writes that can reach the site or the open-data export (see
``textscan.texts``: minutes, ToR prose, decisions, declarations, guests, agenda, notes,
actions and their updates, seats and posts, organisations and partnerships...) is
scanned for identifiers of people, read as people paste them (see ``pdfind``: non-breaking
and zero-width spaces, numbers split by dots, hyphens or a line break, postcodes in any
case). A finding never repeats the value it found: it is shown masked, because findings
are printed in CI logs and on the site.

``sensitive-terms.txt`` (names to look for, never published) and
``personal-data-allow.yaml`` (reviewed false positives) are read from the repository root;
the organisations' ``email_domains``, ``public_numbers`` and ``office_postcodes`` are
never flagged.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from hashlib import blake2b
from typing import Any

from ..model import AllowEntry, Dataset
from .base import Context, Hit, rule
from .pdfind import (
    VERSION,
    Allowances,
    find,
    loose,
    mask,
    nhs_check_digit_ok,
    normalise,
    personal_email,
)
from .textscan import CleanFiles, Text, listed

__all__ = ["find", "mask", "nhs_check_digit_ok", "personal_email", "scan"]

TERMS_FILE = "sensitive-terms.txt"
_NOT_PERSONAL = (" If it is not personal data, add it to personal-data-allow.yaml with a "
                 "reason and reviewer (see 'Publishing safely').")


# ---------------------------------------------------------------- the scan


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    text: Text
    start: int
    end: int
    found: str  # the matched text exactly as written (compared with the allow-list)
    what: str  # masked description, e.g. "an NHS number (***-***-5919)"


def allowances(ds: Dataset) -> Allowances:
    """What the organisations publish, which the scan never flags."""
    orgs = ds.organisations.values()
    return Allowances.of((d for o in orgs for d in o.email_domains),
                         (n for o in orgs for n in o.public_numbers),
                         (p for o in orgs for p in o.office_postcodes))


def terms_pattern(terms: tuple[tuple[str, int], ...]) -> re.Pattern[str] | None:
    """One pattern for every sensitive term: whole words, any case, any spacing."""
    words = sorted({loose(t) for t, _ in terms}, key=lambda t: (-len(t), t))
    if not words:
        return None
    alternatives = (r"\s+".join(re.escape(w) for w in t.split()) for t in words)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _norm(text: str) -> str:
    return loose(text).casefold()


def _terms(term_re: re.Pattern[str], value: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised term) of each sensitive term in a text, read as pasted."""
    norm, index = normalise(value)
    for m in term_re.finditer(norm):
        s, e = m.span()
        if index is not None:
            s, e = index[s], index[e - 1] + 1
        yield s, e, _norm(m.group(0))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Scan:
    matches: list[Match] = field(default_factory=list)
    cleared: set[int] = field(default_factory=set)  # indexes into matches
    used: set[int] = field(default_factory=set)  # indexes into ds.personal_data_allow
    files: set[str] = field(default_factory=set)  # every file scanned


def complete(entry: AllowEntry) -> bool:
    return bool(entry.reason and entry.reason.strip() and entry.reviewed_by
                and entry.reviewed_by.strip() and entry.reviewed_on)


def file_matches(pattern: str, file: str) -> bool:
    """An allow-list ``file``: a path, or a pattern where * matches any characters."""
    return fnmatch.fnmatchcase(file, pattern) if "*" in pattern else file == pattern


def _allows(entry: AllowEntry, match: Match) -> bool:
    """An entry clears a match of its code in its file whose text is the entry's text
    (as written, or read the same way: a non-breaking space for a space), or whose
    SHA-256 (of the text exactly as written) is the entry's."""
    if entry.code != match.code or not file_matches(entry.file, match.text.file):
        return False
    if entry.text is not None:
        return entry.text == match.found or loose(entry.text) == loose(match.found)
    return entry.sha256 is not None and entry.sha256 == sha256(match.found)


_cache: list[tuple[Dataset, Scan]] = []


def scan(ds: Dataset, memo: dict[str, dict[Any, Any]] | None = None,
         digests: dict[str, bytes] | None = None,
         item_digests: dict[str, list[bytes]] | None = None) -> Scan:
    """Scan every publishable text once per dataset (every PD rule shares the result).

    With a ``memo`` kept between runs, and the ``digests`` of the files (and of the items
    of list files), files and items found clean last time (with the same sensitive terms,
    the same organisations' allowances and the same matcher) are not scanned again, and a
    text already scanned is not searched again.
    """
    if _cache and _cache[0][0] is ds:
        return _cache[0][1]
    memo = {} if memo is None else memo
    allow = allowances(ds)
    # everything the results depend on besides the text itself
    key = sha256(repr((VERSION, sorted({t for t, _ in ds.sensitive_terms}), allow.key)))
    salt = key.encode()
    found_before: dict[bytes, list[tuple[str, int, int, str]]] = \
        memo.setdefault("personal-data-find", {})
    seen: dict[bytes, list[tuple[str, int, int, str]]] = {}
    out = Scan()
    term_re = terms_pattern(ds.sensitive_terms)
    lines: dict[str, int] = {}
    for term, line in ds.sensitive_terms:
        lines.setdefault(_norm(term), line)
    clean = CleanFiles(memo.setdefault("personal-data-clean", {}), digests or {},
                       item_digests or {}, key)
    for text in listed(ds, clean.skip):
        unit = text.unit
        clean.scanned(unit)
        value = text.value
        digest = blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16,
                         key=salt[:64]).digest()
        found = found_before.get(digest)
        if found is None:
            found = find(value, allow)
        seen[digest] = found
        for code, start, end, what in found:
            out.matches.append(Match(code, text, start, end, value[start:end], what))
            clean.found(unit)
        if term_re:
            for start, end, term in _terms(term_re, value):
                line = lines.get(term, 0)
                out.matches.append(Match("PD007", text, start, end, value[start:end],
                                         f"a name listed in {TERMS_FILE} (line {line})"))
                clean.found(unit)
    out.files = clean.files
    for i, entry in enumerate(ds.personal_data_allow):
        for j, match in enumerate(out.matches):
            if _allows(entry, match):
                out.used.add(i)
                if complete(entry):
                    out.cleared.add(j)
    found_before.clear()
    found_before.update(seen)  # keep only this run's texts, so the memo does not grow forever
    clean.save()
    _cache[:] = [(ds, out)]
    return out


_HINTS = {
    "PD001": "remove the NHS number: governance records must not identify patients, and "
             "the records of a case belong in the case system.",
    "PD002": "remove the National Insurance number: it identifies a person.",
    "PD003": "shorten it to the outward code (e.g. CW11) or name the area; a full postcode "
             "can point at one household.",
    "PD004": "remove the date of birth; describe the person by role or as 'Child A' if they "
             "must be referred to at all.",
    "PD005": "remove the phone number, or give the team's or service's published number "
             "instead.",
    "PD006": "use the organisation's address or a team mailbox (e.g. at .gov.uk or .nhs.net) "
             "instead of a personal one.",
    "PD007": "remove the name or anonymise it (e.g. 'Child A', 'Adult B'); the list of names "
             "to look for is kept in sensitive-terms.txt, which is never published.",
}


def _hits(ctx: Context, code: str) -> Iterator[Hit]:
    result = scan(ctx.ds, ctx.memo, ctx.digests, ctx.item_digests)
    for j, match in enumerate(result.matches):
        if match.code != code or j in result.cleared:
            continue
        yield match.text.hit(match.start, f"{match.what} in {match.text.label}",
                             _HINTS[code] + _NOT_PERSONAL)


# ---------------------------------------------------------------- the rules


@rule("PD001", "nhs-number", kind="record", category="personal-data", severity="error",
      title="An NHS number in a publishable text")
def nhs_number(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text (minutes, ToR text, decisions, declarations, guests, agenda,
    notes, actions and their updates, seats and posts, organisations and partnerships,
    every text field the site shows) holds an NHS number: ten digits, written together
    or as 3-3-4 with spaces, dots, hyphens or a line break between the groups, whose last
    digit is the right modulus-11 check digit. Ten-digit numbers whose check digit does
    not agree are not NHS numbers and are not flagged, nor is an ISBN (after `ISBN`), nor
    a number an organisation lists under `public_numbers`.

    Text is read as people paste it: non-breaking, narrow and thin spaces count as
    spaces, zero-width characters are ignored, full-width characters as their plain
    forms, and a number may be split by spaces, dots, hyphens or a line break.

    The finding shows only the last four digits (`***-***-5919`).

    ## Why
    An NHS number identifies one patient. Partnership minutes are governance records:
    case details belong in case systems, never on the published site.

    ## Fails
    ```markdown
    The practice review concerns the child with NHS number 943 476 5919.
    ```

    ## Passes
    ```markdown
    The practice review concerns Child A. Reference 943 476 5918 (not a valid NHS number).
    ```
    """
    return _hits(ctx, "PD001")


@rule("PD002", "national-insurance-number", kind="record", category="personal-data", severity="error",
      title="A National Insurance number in a publishable text")
def national_insurance_number(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text holds a National Insurance number: two prefix letters, six
    digits and a suffix letter A to D, in any case, with spaces, dots or hyphens allowed
    between the pairs (`QQ 12 34 56 C`, `qq-12-34-56-c`). Prefixes HMRC never issues are
    ignored: D, F, I, Q, U or V as either letter, O as the second, and BG, GB, KN, NK,
    NT, TN and ZZ.

    Text is read as people paste it: non-breaking, narrow and thin spaces count as
    spaces, zero-width characters are ignored, full-width characters as their plain
    forms, and a number may be split by spaces, dots, hyphens or a line break.

    The finding shows only the last three characters.

    ## Why
    A National Insurance number identifies one person for life.

    ## Fails
    ```markdown
    Her National Insurance number is AB 12 34 56 C.
    ```

    ## Passes
    ```markdown
    The example number QQ 12 34 56 C is never issued.
    ```
    """
    return _hits(ctx, "PD002")


@rule("PD003", "full-postcode", kind="record", category="personal-data", severity="error",
      title="A full postcode in a publishable text")
def full_postcode(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text holds a full unit postcode (outward and inward code of one of the
    UK's postcode areas, e.g. `CW11 1HZ`, `cw11 1hz` or `CW111HZ`, in any case, split
    over a line or not). Outward codes (`CW11`) and sectors (`CW11 1`) are fine, and so
    is an ordinal in lower case after a code (`A1 2nd floor`). The postcodes of public
    offices listed under an organisation's `office_postcodes` (in
    `governance/organisations.yaml`) are never flagged.

    Text is read as people paste it: non-breaking, narrow and thin spaces count as
    spaces, zero-width characters are ignored, full-width characters as their plain
    forms, and a number may be split by spaces, dots, hyphens or a line break.

    The finding shows the outward code and the sector only (`CW11 1**`).

    ## Why
    A full postcode covers about fifteen addresses, sometimes one: with the rest of a
    case discussion it can point at a family's home.

    ## Fails
    ```markdown
    The family moved to a flat at CW11 1HZ.
    ```

    ## Passes
    ```markdown
    The family moved within the CW11 area.
    ```
    """
    return _hits(ctx, "PD003")


@rule("PD004", "date-of-birth", kind="record", category="personal-data", severity="error",
      title="A date of birth in a publishable text")
def date_of_birth(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text gives a date of birth: a day-level date after a cue ("DOB",
    "D.O.B.", "d/o/b", "date of birth", "birth date", "born (on the)", "birthday is"), a
    few words such as "is", "on", "the" or "recorded as" between them, or before one
    ("12/03/2011 (DOB)"), in any of the usual forms (`12/03/2011`, `12.03.2011`,
    `12-03-11`, `2011-03-12`, `12 March 2011`, `3rd of March 2011`, `March 12, 2011`).
    After "born" the date must have a year; after the other cues a day and month are
    enough. Meeting dates and other dates without such a cue are not flagged, nor is a
    birthday without "is" ("the partnership's tenth birthday on 3 March").

    Text is read as people paste it: non-breaking, narrow and thin spaces count as
    spaces, zero-width characters are ignored, full-width characters as their plain
    forms, and a number may be split by spaces, dots, hyphens or a line break.

    The finding masks the whole date.

    ## Why
    A date of birth with any other detail of a case identifies a child or adult.

    ## Fails
    ```markdown
    Child A (DOB 12/03/2011) was discussed.
    ```

    ## Passes
    ```markdown
    Child A, aged 15, was discussed at the meeting of 12/03/2026.
    ```
    """
    return _hits(ctx, "PD004")


@rule("PD005", "phone-number", kind="record", category="personal-data", severity="error",
      title="A personal phone number in a publishable text")
def phone_number(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text holds the phone number of a person: a mobile, landline, personal
    or internet number as libphonenumber (the `phonenumbers` package) reads it, written
    nationally with its 0 (`07700 900123`, `(0161) 496 0000`) or internationally with
    + or 00 (`+44 7700 900123`, `+44 (0)161 496 0000`, `+33 6 12 34 56 78`), with spaces,
    dots, hyphens or brackets between the groups. A UK mobile number is flagged even in a
    range libphonenumber does not know yet. Freephone, shared-cost, premium and
    non-geographic service numbers (0800, 0808, 0300, 0345, 09...: helplines and
    organisations) are not flagged, nor are the numbers an organisation lists under
    `public_numbers` (its switchboard), however they are written. Years, dates, ids,
    money and numbers written without their 0 or + are not phone numbers here.

    Text is read as people paste it: non-breaking, narrow and thin spaces count as
    spaces, zero-width characters are ignored, full-width characters as their plain
    forms, and a number may be split by spaces, dots, hyphens or a line break.

    The finding shows only the last three digits.

    ## Why
    A mobile or home number reaches one person.

    ## Fails
    ```markdown
    Contact the foster carer on 07700 900123.
    ```

    ## Passes
    ```markdown
    Call the NSPCC helpline on 0808 800 5000.
    ```
    """
    return _hits(ctx, "PD005")


@rule("PD006", "personal-email", kind="record", category="personal-data", severity="error",
      title="A personal e-mail address in a publishable text")
def personal_email_address(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text holds a personal e-mail address. An address at a domain one of
    the partnership's organisations lists under `email_domains` (in
    `governance/organisations.yaml`), or at a subdomain of one, is never personal.
    Otherwise these are:

    * any address at a personal webmail domain, in any country (gmail.com, hotmail.*,
      outlook.*, yahoo.*, gmx.*, icloud.com, btinternet.com, web.de, orange.fr,
      libero.it, mail.ru, wp.pl and many more);
    * once any organisation lists its `email_domains`: any address at a domain none of
      them lists, unless a part of it is a team or role word (`safeguarding.team@...`,
      `enquiries@...` pass);
    * while none lists them: an address shaped like `firstname.lastname` (or `j.smith`,
      `jane.m.smith`) at a domain that is not a public-sector one (`.gov.uk`, `.nhs.uk`,
      `nhs.net`, `.police.uk`, `.sch.uk`, `.ac.uk`, `gov.scot`, `gov.wales`, `cjsm.net`
      and similar), unless a part of it is a team or role word.

    A full-width `＠` counts as `@`, and an address written in words to fool harvesters
    (`jo.bloggs [at] gmail [dot] com`, `jo(at)example.org`) is read as the address.

    The finding shows only the domain (`***@gmail.com`).

    ## Why
    A private address reaches one person outside their organisation's records and
    security; a named address at a private company identifies a person.

    ## Fails
    ```markdown
    Send comments to jo.bloggs@gmail.com.
    ```

    ## Passes
    ```markdown
    Send comments to lscp@cheshireeast.gov.uk.
    ```
    """
    return _hits(ctx, "PD006")


@rule("PD007", "sensitive-term", kind="record", category="personal-data", severity="error",
      title="A name from sensitive-terms.txt in a publishable text")
def sensitive_term(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    No publishable text uses a term listed in `sensitive-terms.txt` at the root of the
    repository: one name or phrase per line, `#` starts a comment line. Matching is by
    whole words, in any case, and a space in a term matches any spacing (including a line
    break).

    The finding names the line of `sensitive-terms.txt`, never the term.

    ## Why
    Names of children, adults and families discussed in case reviews must never reach
    the site. The list itself is never published: it is not under `docs/`, and the
    site does not read it.

    ## Fails
    ```text
    # sensitive-terms.txt
    Jayden Example
    ```
    ```markdown
    The review of jayden example's case was agreed.
    ```

    ## Passes
    ```markdown
    The review of Child J's case was agreed.
    ```
    """
    return _hits(ctx, "PD007")


@rule("PD008", "allow-entry-incomplete", kind="record", category="personal-data", severity="error",
      title="An allow-list entry without a reason or reviewer")
def allow_entry_incomplete(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every entry of `personal-data-allow.yaml` says why the text is not personal data
    (`reason`), who reviewed it (`reviewed_by`) and when (`reviewed_on`). An incomplete
    entry clears nothing.

    ## Why
    The allow-list switches off a safeguard. Each exception needs a reason someone can
    check, and a named reviewer who is accountable for it.

    ## Fails
    ```yaml
    allow:
      - file: meetings/lscp-executive/2026-01-14.md
        code: PD005
        text: "01632 960000"
    ```

    ## Passes
    ```yaml
    allow:
      - file: meetings/lscp-executive/2026-01-14.md
        code: PD005
        text: "01632 960000"
        reason: the MASH duty line, published by the council
        reviewed_by: Information governance lead
        reviewed_on: 2026-01-20
    ```
    """
    for entry in ctx.ds.personal_data_allow:
        missing = [k for k in ("reason", "reviewed_by", "reviewed_on")
                   if not (getattr(entry, k) and str(getattr(entry, k)).strip())]
        if missing:
            yield Hit(entry.at, f"the allow-list entry for {entry.code} in {entry.file} has no "
                      f"{' or '.join(missing)}, so it clears nothing",
                      "add reason: (why this is not personal data), reviewed_by: (the post "
                      "of the reviewer) and reviewed_on: (YYYY-MM-DD)")


@rule("PD009", "allow-entry-stale", kind="record", category="personal-data", severity="warning",
      title="An allow-list entry that matches nothing")
def allow_entry_stale(ctx: Context) -> Iterator[Hit]:
    """
    ## What it checks
    Every entry of `personal-data-allow.yaml` still matches a finding: the same code, in
    the file named (or a file matching it, where `file` uses `*`), with the same text (or
    SHA-256).

    ## Why
    A stale entry would silently clear a future finding if the same text came back; it
    also keeps a record of a false positive that no longer exists.

    ## Fails
    ```yaml
    allow:
      - file: meetings/lscp-executive/2026-01-14.md   # the number was since removed
        code: PD005
        text: "01632 960000"
        reason: the MASH duty line
        reviewed_by: Information governance lead
        reviewed_on: 2026-01-20
    ```
    """
    result = scan(ctx.ds, ctx.memo, ctx.digests, ctx.item_digests)
    for i, entry in enumerate(ctx.ds.personal_data_allow):
        if i in result.used:
            continue
        if not any(file_matches(entry.file, file) for file in result.files):
            yield Hit(entry.at, f"the allow-list entry for {entry.code} names {entry.file}, "
                      "which was not scanned (no such file, it could not be read, or it "
                      "holds no text)", "correct the path, or remove the entry")
        else:
            yield Hit(entry.at, f"the allow-list entry for {entry.code} in {entry.file} "
                      "matches nothing", "remove the entry: the text it allowed is no "
                      "longer there (or correct its text or sha256)")
