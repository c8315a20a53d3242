"""Identifiers of people in a text, read as people paste it (the matcher of the PD scan).

``find(text, allow)`` normalises the text first, then matches it:

* NFKC (full-width digits and ``＠``), every Unicode space (non-breaking, narrow,
  thin...) read as a space, zero-width and other invisible format characters dropped,
  every dash read as a hyphen, digits of any script read as 0-9;
* numbers may be split by spaces, dots, hyphens or a line break (a Markdown block
  quote's ``>`` included);
* postcodes in any case, National Insurance numbers with spaces or hyphens, NHS numbers
  whose modulus-11 check digit agrees, dates of birth in the phrasings people write, and
  phone numbers as libphonenumber (``phonenumbers``) reads them.

Matches are given as offsets into the original text, so a finding points at the line and
column the editor wrote. ``Allowances`` are what the partnership says is public: its
organisations' mail domains, switchboard numbers and office postcodes.

This module registers no rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from ..load.cache import installed
from .spanset import Enclosing, SpanSet

if TYPE_CHECKING:
    import phonenumbers

# what cached results depend on (the installed libphonenumber, told without importing
# it: it is imported only when a text holds a candidate number, which a check with every
# text cached never meets)
VERSION = f"2/{installed('phonenumbers')}"


@cache
def _pn() -> ModuleType:
    """libphonenumber, imported on first use."""
    import phonenumbers

    return phonenumbers

# ---------------------------------------------------------------- normalising


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@lru_cache(maxsize=8192)
def _fold(ch: str) -> str:
    """What one non-ASCII character is read as."""
    if ch.isspace():
        return "\n" if ch in _LINE_BREAKS else " "
    category = unicodedata.category(ch)
    if category == "Cf":  # zero-width space and joiners, word joiner, BOM, soft hyphen
        return ""
    if category == "Pd" or ch == "\u2212":  # every dash, and the minus sign
        return "-"
    digit = unicodedata.decimal(ch, None)
    if digit is not None:  # full-width, Arabic-Indic, Devanagari... digits
        return str(digit)
    folded = unicodedata.normalize("NFKC", ch)
    return " " if folded.isspace() else folded


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """The text as matched, and the offset in ``text`` of each of its characters (None
    when every character stays where it was)."""
    if text.isascii():
        return text, None
    parts: list[str] = []
    moved = False
    last = 0
    for m in _NON_ASCII.finditer(text):
        parts.append(text[last:m.start()])
        for ch in m.group():
            folded = _fold(ch)
            moved = moved or len(folded) != 1
            parts.append(folded)
        last = m.end()
    parts.append(text[last:])
    norm = "".join(parts)
    if not moved:
        return norm, None
    index: list[int] = []
    last = 0
    for m in _NON_ASCII.finditer(text):
        index.extend(range(last, m.start()))
        for i, ch in enumerate(m.group(), m.start()):
            index.extend([i] * len(_fold(ch)))
        last = m.end()
    index.extend(range(last, len(text)))
    return norm, index


def loose(text: str) -> str:
    """A text as matched, with runs of spaces as one (to compare allow-list entries)."""
    return " ".join(normalise(text)[0].split())


# ---------------------------------------------------------------- what is public


@dataclass(frozen=True, slots=True)
class Allowances:
    """What the partnership's organisations publish (governance/organisations.yaml)."""

    email_domains: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()  # E.164, e.g. +443001235500
    postcodes: frozenset[str] = frozenset()  # without spaces, upper case: CW111HZ

    @classmethod
    def of(cls, domains: Iterable[str], numbers: Iterable[str],
           postcodes: Iterable[str]) -> Allowances:
        e164 = set()
        for number in numbers:
            try:
                e164.add(_e164(_pn().parse(number, "GB")))
            except _pn().NumberParseException:
                continue  # the schema describes the form; an unreadable number allows nothing
        return cls(frozenset(d.lower().lstrip("@").rstrip(".") for d in domains),
                   frozenset(e164), frozenset(_postcode_key(p) for p in postcodes))

    @property
    def key(self) -> str:
        return repr((sorted(self.email_domains), sorted(self.numbers), sorted(self.postcodes)))


NOTHING_ALLOWED = Allowances()


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return _pn().format_number(number, _pn().PhoneNumberFormat.E164)


def _postcode_key(text: str) -> str:
    return "".join(text.split()).upper()


# ---------------------------------------------------------------- the patterns

# a separator inside a number: spaces, a dot or a hyphen, a line break (and a block
# quote's '>' on the next line)
_SEP = r"(?:[ \t\r]{0,2}[.\-]?[ \t\r]{0,2}(?:\n[ \t\r>]{0,6})?)"

# PD001: ten digits as 3-3-4 (or together), separated as above or by a slash, a line
# break also inside a group (text wrapped where it was pasted); the modulus-11 check
# digit must agree
_NHS_SEP = r"(?:[ \t\r]{0,2}[./\-]?[ \t\r]{0,2}(?:\n[ \t\r>]{0,6})?)"
_BR = r"(?:[ \t\r]*\n[ \t\r>]*)?"
_NHS = re.compile(
    rf"(?<![\w.,/-])(\d{_BR}\d{_BR}\d){_NHS_SEP}(\d{_BR}\d{_BR}\d){_NHS_SEP}"
    rf"(\d{_BR}\d{_BR}\d{_BR}\d)(?![\w/-]|[.,]\d)", re.ASCII)
_ISBN_BEFORE = re.compile(r"isbn(?:-?1[03])?[\s:#]*$", re.IGNORECASE)
# after the words 'NHS number' (or 'NHS no', 'NHS:'), ten digits in any grouping
# ('9434 765 919', '94 34 76 59 19'); the check digit must still agree
_NHS_CUED = re.compile(
    r"(?<![A-Za-z])nhs[ \t]{0,2}(?:number|num|no)?\.?[ \t:#=\-]{0,4}"
    r"(\d(?:[ \t./\-]{0,2}\d){9})(?![\w/-]|[.,]\d)", re.IGNORECASE | re.ASCII)

# PD002: two prefix letters, six digits in pairs, a suffix A-D
_NINO = re.compile(
    rf"(?<![A-Za-z0-9])([A-Za-z]{{2}}){_SEP}(\d\d){_SEP}(\d\d){_SEP}(\d\d){_SEP}([A-Da-d])"
    r"(?![A-Za-z0-9])", re.ASCII)
_NINO_FIRST = frozenset("ABCEGHJKLMNOPRSTWXYZ")  # never D F I Q U V
_NINO_SECOND = frozenset("ABCEGHJKLMNPRSTWXYZ")  # never D F I O Q U V
_NINO_NOT_ISSUED = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
# words a lower-case prefix with spaces is more likely to be ("at 12 34 56 a.m.")
_NINO_WORDS = frozenset({"am", "an", "as", "at", "be", "by", "he", "me", "my", "no", "on",
                         "or", "so", "to", "up", "we", "ok"})

# PD003: a full unit postcode, any case: outward code, a space (or none, or a line break),
# inward code
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)"
    r"((?:[ \t\r]{0,3}(?:\n[ \t\r>]{0,6})?)|[ \t]?-[ \t]?)"
    r"(\d[A-Za-z]{2})(?![A-Za-z0-9])", re.ASCII)
_OUTWARD = re.compile(r"[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)")
_INWARD = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}")
_AREAS = """
AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L
LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS
WV YO ZE
"""
POSTCODE_AREAS = frozenset(_AREAS.split())  # the 120-odd areas of the UK's postcodes
_ORDINAL = re.compile(r"1st|2nd|3rd|\dth", re.IGNORECASE)

# PD004: a day-level date of birth, after a cue ("DOB", "d/o/b", "date of birth", "born
# on the", "birthday is") or before one ("3/3/2015 (DOB)")
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (r"\d{1,2}[ \t]?[/.\-][ \t]?\d{1,2}[ \t]?[/.\-][ \t]?(?:\d{4}|\d{2})"
         r"|\d{1,2} \d{1,2} \d{4}"
         r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
         rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+'?\d{{4}}|,?\s+'?\d{{2}}(?!\d))?"
         rf"|(?:{_MONTHS})\.?\s+(?:the\s+)?\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?")
_CUE = (r"d[ \t]?[./]?[ \t]?o[ \t]?[./]?[ \t]?b(?![A-Za-z])\.?|date\s+of\s+birth"
        r"|birth[ \t-]?date|birthday|born")
_DOB = re.compile(
    rf"(?<![A-Za-z])(?P<cue>{_CUE})"
    r"(?P<fill>(?:\s*(?:[:=(\-]|(?:is|was|on|the|of|as|recorded|given)(?![A-Za-z]))){0,5})\s*"
    rf"(?P<date>{_DATE})(?![\w/]|[.\-]\d)", re.IGNORECASE | re.ASCII)
_DOB_AFTER = re.compile(
    rf"(?<![\w/.-])(?P<date>{_DATE})[ \t]*[(\[,]?[ \t]*"
    r"(?:d[./]?o[./]?b(?![A-Za-z])|date\s+of\s+birth)", re.IGNORECASE | re.ASCII)

# PD005: where a phone number may start (+, 00, 0, or a bracket before them) and go on:
# the candidates are read by libphonenumber
# (a phone number has at most 15 digits; a candidate of 16 groups holds a few numbers)
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+./-])(?:\+|\(\+?|\(?(?=0))\d{1,15}(?:[ \t\r().\-\n>]{1,6}\d{1,15}){0,15}(?!\d)",
    re.ASCII)
_GROUP = re.compile(r"\d+", re.ASCII)
# a UK mobile number by its shape (07...): libphonenumber calls a range not yet in its
# data, or kept by Ofcom for drama (07700 900...), not valid; such a number still
# reaches a person. So does the drama area code 01632 (960...).
_UK_PERSONAL_SHAPE = re.compile(r"7[1-57-9]\d{8}|1632\d{6}")
@cache
def _personal_lines() -> frozenset[int]:
    """The kinds of number that reach a person."""
    kind = _pn().PhoneNumberType
    return frozenset({kind.MOBILE, kind.FIXED_LINE, kind.FIXED_LINE_OR_MOBILE,
                      kind.PERSONAL_NUMBER, kind.VOIP, kind.PAGER})

# PD006: an e-mail address
_EMAIL = re.compile(
    r"(?<![\w.+%-])([A-Za-z0-9][A-Za-z0-9._%+'-]*)@"
    r"([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)",
    re.ASCII)
# an address written to fool harvesters: 'jo.bloggs [at] gmail [dot] com', 'jo(at)x.org'
_AT_WORD = re.compile(r"[\[(][ \t]*[aA][tT][ \t]*[\])]")
_AT_WORDS = ("at]", "at)", "at ]", "at )")  # its cheap gate (on the text in lower case)
_DOT_WORD = re.compile(r"[ \t]*(?:\.|[\[(][ \t]*dot[ \t]*[\])])[ \t]*", re.IGNORECASE | re.ASCII)
_EMAIL_WORDS = re.compile(
    r"(?<![\w.+%-])([A-Za-z0-9][A-Za-z0-9._%+'-]*)[ \t]*[\[(][ \t]*at[ \t]*[\])][ \t]*"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:[ \t]*(?:\.|[\[(][ \t]*dot[ \t]*[\])])[ \t]*))+[A-Za-z]{2,})(?![\w-])",
    re.IGNORECASE | re.ASCII)
WEBMAIL = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com",
    "outlook.co.uk", "live.com", "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk",
    "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com", "aol.co.uk",
    "btinternet.com", "btopenworld.com", "talk21.com", "sky.com", "virginmedia.com",
    "ntlworld.com", "blueyonder.co.uk", "talktalk.net", "tiscali.co.uk", "protonmail.com",
    "proton.me", "pm.me", "gmx.com", "gmx.co.uk", "mail.com", "zoho.com", "tutanota.com",
    "tuta.io", "fastmail.com", "hey.com", "yandex.com", "yandex.ru", "mail.ru", "bk.ru",
    "inbox.ru", "list.ru", "rambler.ru", "web.de", "t-online.de", "freenet.de", "arcor.de",
    "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "libero.it", "virgilio.it",
    "tiscali.it", "alice.it", "tin.it", "seznam.cz", "centrum.cz", "wp.pl", "o2.pl",
    "onet.pl", "interia.pl", "abv.bg", "freemail.hu", "eircom.net", "telenet.be",
    "skynet.be", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "bluewin.ch", "qq.com",
    "163.com", "126.com", "sina.com", "naver.com", "daum.net", "rediffmail.com",
    "uol.com.br", "bol.com.br", "terra.com.br", "bigpond.com", "optusnet.com.au",
    "shaw.ca", "rogers.com", "sympatico.ca", "comcast.net", "verizon.net", "att.net",
    "sbcglobal.net", "cox.net", "earthlink.net",
})
# webmail providers with an address in many countries (gmx.de, yahoo.fr, hotmail.it...)
_WEBMAIL_BRANDS = frozenset({"gmail", "googlemail", "hotmail", "outlook", "live", "yahoo",
                             "ymail", "aol", "gmx", "icloud", "protonmail", "yandex", "msn",
                             "windowslive", "zoho"})
ORGANISATIONAL = ("gov.uk", "nhs.uk", "nhs.net", "police.uk", "sch.uk", "ac.uk", "mod.uk",
                  "parliament.uk", "gov.scot", "nhs.scot", "gov.wales", "llyw.cymru",
                  "hscni.net", "cjsm.net")
# a local part shaped like firstname.lastname (or j.smith, jane.m.smith)...
_NAMED = re.compile(r"[a-z][a-z']*(?:[._-][a-z][a-z']*){1,2}\d{0,4}")
# ...unless a part is a word for a team or a role
ROLE_WORDS = frozenset({
    "admin", "administration", "adults", "board", "business", "careers", "children", "clerk",
    "committee", "comms", "communications", "complaints", "contact", "customer", "data",
    "democratic", "duty", "enquiries", "enquiry", "executive", "foi", "governance", "help",
    "helpline", "hub", "ig", "info", "information", "lado", "lscp", "mash", "members", "no",
    "noreply", "not", "office", "partnership", "partnerships", "press", "reception",
    "referral", "referrals", "reply", "sab", "safeguarding", "secretariat", "service",
    "services", "support", "team", "unit", "csp", "scp", "lsab", "lscb", "frontdoor",
    "front", "door", "admissions", "contactcentre", "switchboard", "operations",
})

# cheap gates: a pattern is tried only where its gate finds something (on the normalised
# text, whose digits are 0-9; one pass finds no candidate number in most minutes)
_ANY = re.compile(r"[\d@\uff20\ufe6b]")  # a digit of any script, or an @
_S = r"[ \t\r\n().>/\-]"  # what may stand between two digits of a number
_N = r"[^0-9A-Za-z]"
_GATE_LONG = rf"(?:{_S}{{0,8}}[0-9]){{8}}"  # after a digit: 9+ digits
_GATE_NINO = rf"[0-9]{_N}{{0,12}}[0-9]{{2}}{_N}{{0,12}}[0-9]{{2}}{_N}{{0,12}}[A-Da-d](?![A-Za-z0-9])"
# an inward code (not a lower-case ordinal: '2nd', '4th')
_GATE_POSTCODE = r"(?!st|nd|rd|th|St|Nd|Rd|Th)[A-Za-z]{2}(?![A-Za-z0-9])"
_GATE_NUMBERS = re.compile(rf"[0-9](?:{_GATE_LONG}|{_GATE_NINO}|{_GATE_POSTCODE})", re.ASCII)
_GATES = {name: re.compile(rf"[0-9](?:{gate})", re.ASCII) for name, gate in
          (("long", _GATE_LONG), ("nino", _GATE_NINO), ("postcode", _GATE_POSTCODE))}
_DOB_WORDS = ("birth", "born", "dob", "d.o", "d/o", "d o b", "d. o")


def _worth_a_look(value: str) -> bool:
    """Whether a text holds a digit, an @ or an '(at)' (most short fields hold none)."""
    if value.isascii():
        if "@" in value or any(d in value for d in "0123456789"):
            return True
    elif _ANY.search(value):
        return True
    return ("[" in value or "(" in value) and _AT_WORD.search(value) is not None


def _dob_cue(low: str) -> bool:
    """Whether a text (in lower case) may hold a cue of a date of birth ("DOB", "d/o/b",
    "born"...)."""
    return any(word in low for word in _DOB_WORDS)


PRIORITY = ("PD006", "PD001", "PD002", "PD004", "PD005", "PD003")


# ---------------------------------------------------------------- masking and checks


def mask(text: str, keep: int = 0) -> str:
    """Letters and digits replaced by '*', except the last ``keep`` of them; any run of
    spaces or line breaks shown as one space."""
    text = " ".join(text.split())
    total = sum(c.isalnum() for c in text)
    seen = 0
    out = []
    for c in text:
        if c.isalnum():
            seen += 1
            out.append(c if seen > total - keep else "*")
        else:
            out.append(c)
    return "".join(out)


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number's modulus-11 check: weights 10..2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def webmail(domain: str) -> bool:
    """A personal mailbox provider's domain (gmail.com, gmx.de, yahoo.fr, web.de...)."""
    domain = domain.lower()
    if domain in WEBMAIL:
        return True
    labels = domain.split(".")
    return len(labels) >= 2 and labels[0] in _WEBMAIL_BRANDS


def personal_email(local: str, domain: str, allow: Allowances = NOTHING_ALLOWED) -> bool:
    """Whether an address is personal: at webmail; else at a domain no organisation lists
    (when some are listed) unless it is a team or role address; else (none listed)
    named like a person at a domain that is not public-sector."""
    domain = domain.lower().rstrip(".")
    if any(domain == d or domain.endswith("." + d) for d in allow.email_domains):
        return False
    if webmail(domain):
        return True
    local = local.lower()
    parts = re.split(r"[._+-]", local.rstrip("0123456789"))
    if any(part in ROLE_WORDS for part in parts):
        return False
    if allow.email_domains:
        return True
    if any(domain == d or domain.endswith("." + d) for d in ORGANISATIONAL):
        return False
    return bool(_NAMED.fullmatch(local))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


# ---------------------------------------------------------------- finding


Found = tuple[str, int, int, str]  # code, start, end, masked description


def find(value: str, allow: Allowances = NOTHING_ALLOWED) -> list[Found]:
    """(code, start, end, masked description) of every PD001-PD006 match in a text, with
    offsets into ``value`` as written.

    Where matches overlap, the first in PRIORITY wins. Every e-mail address claims its
    span, flagged or not, so the digits inside an address are never a phone number; so
    does every number, postcode or address the organisations publish.
    """
    if not _worth_a_look(value):
        return []
    norm, index = normalise(value)
    found = _find(norm, allow)
    if index is None:
        return found
    ends = len(value)
    return [(code, index[s] if s < len(index) else ends, index[e - 1] + 1 if e else 0, what)
            for code, s, e, what in found]


def _find(text: str, allow: Allowances) -> list[Found]:
    found: dict[str, list[tuple[int, int, str]]] = {c: [] for c in PRIORITY}
    claims: list[tuple[int, int]] = []  # spans that are public: nothing inside is flagged
    addresses = [(m.span(), m.group(1), m.group(2)) for m in _EMAIL.finditer(text)] \
        if "@" in text else []
    low = text.lower()
    if any(word in low for word in _AT_WORDS):
        addresses += [(m.span(), m.group(1), _DOT_WORD.sub(".", m.group(2)))
                      for m in _EMAIL_WORDS.finditer(text)]
    for span, local, domain in addresses:
        if personal_email(local, domain, allow):
            found["PD006"].append((*span, f"a personal e-mail address (***@{domain.lower()})"))
        else:
            claims.append(span)
    numbers = _GATE_NUMBERS.search(text) is not None
    if numbers and _GATES["long"].search(text):
        for m in _NHS.finditer(text):
            digits = _digits(m.group(1) + m.group(2) + m.group(3))
            if nhs_check_digit_ok(digits) and not _ISBN_BEFORE.search(
                    text, max(0, m.start() - 16), m.start()):
                found["PD001"].append((*m.span(), f"an NHS number (***-***-{digits[6:]})"))
        if "nhs" in low:
            for m in _NHS_CUED.finditer(text):
                digits = _digits(m.group(1))
                if nhs_check_digit_ok(digits):  # one found above too is dropped below
                    found["PD001"].append((*m.span(1),
                                           f"an NHS number (***-***-{digits[6:]})"))
        phones = [p for p in _phones(text, allow)
                  if not _ISBN_BEFORE.search(text, max(0, p[0] - 16), p[0])]
        for start, end, kind in phones:
            if kind == "personal":
                number = text[start:end]
                found["PD005"].append((start, end, f"a phone number ({mask(number, 3)})"))
            else:  # a service number, or one an organisation publishes
                claims.append((start, end))
        # ten digits after '+44 ' are a phone number, not an NHS number
        if phones and found["PD001"]:
            inside = Enclosing((ps, pe) for ps, pe, _ in phones)
            found["PD001"] = [(s, e, w) for s, e, w in found["PD001"]
                              if not inside.encloses(s, e)]
    if numbers and _GATES["nino"].search(text):
        for m in _NINO.finditer(text):
            prefix = m.group(1)
            upper = prefix.upper()
            if (upper[0] not in _NINO_FIRST or upper[1] not in _NINO_SECOND
                    or upper in _NINO_NOT_ISSUED):
                continue
            if not prefix.isupper() and prefix.lower() in _NINO_WORDS \
                    and len(m.group(0)) > 9:  # "at 12 34 56 a": words, not a number
                continue
            what = f"a National Insurance number ({mask(m.group(0), 3)})"
            found["PD002"].append((*m.span(), what))
    if _dob_cue(low):
        for m in _DOB.finditer(text):
            date = m.group("date")
            cue = m.group("cue").lower()
            if cue.startswith("born") and not re.search(r"\d\d$", date):
                continue  # "born on 3 March": no year
            if cue == "birthday" and not re.search(r"is|was|[:=(\-]", m.group("fill")):
                continue  # "its tenth birthday on 3 March 2026": not a person's
            found["PD004"].append((*m.span("date"), f"a date of birth ({mask(date)})"))
        for m in _DOB_AFTER.finditer(text):
            found["PD004"].append((*m.span("date"),
                                   f"a date of birth ({mask(m.group('date'))})"))
    if numbers and _GATES["postcode"].search(text):
        for m in _POSTCODE.finditer(text):
            outward, inward = m.group(1).upper(), m.group(3).upper()
            area = outward[:2] if outward[1].isalpha() else outward[0]
            if area not in POSTCODE_AREAS or not _OUTWARD.fullmatch(outward) \
                    or not _INWARD.fullmatch(inward):
                continue
            written = m.group(1) + m.group(3)
            if not written.isupper() and _ORDINAL.fullmatch(m.group(3)):
                continue  # "a1 2nd": an ordinal, not an inward code
            if outward + inward in allow.postcodes:
                claims.append(m.span())
                continue
            found["PD003"].append((*m.span(), f"a full postcode ({outward} {inward[0]}**)"))
    out: list[Found] = []
    taken = SpanSet(claims)
    for code in PRIORITY:
        for start, end, what in found[code]:
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            out.append((code, start, end, what))
    out.sort(key=lambda x: (x[1], x[0]))
    return out


def _phones(text: str, allow: Allowances) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every phone number, read by libphonenumber in the spans that
    may hold one (national numbers start with 0): kind is personal, public (one an
    organisation lists) or service (freephone, shared cost, premium, 03...)."""
    out: list[tuple[int, int, str]] = []
    for cand in _PHONE_CANDIDATE.finditer(text):
        # line breaks and quote markers read as spaces (the offsets stay the same)
        flat = re.sub(r"[\t\r\n>]", " ", cand.group())
        base = cand.start()
        while True:
            lead = len(flat) - len(flat.lstrip(" .-)"))
            base, flat = base + lead, flat[lead:]
            if sum(c.isdigit() for c in flat) < 9:
                break
            found = _first_number(flat)
            if found is None:  # not a number here: try from the next group of digits
                skip = re.match(r"[+(]*\d+\)?", flat)
                end = skip.end() if skip else 1
            else:
                end, number, personal = found
                kind = "public" if _e164(number) in allow.numbers else \
                    "personal" if personal else "service"
                out.append((base, base + end, kind))
            base, flat = base + end, flat[end:]
    return out


def _window(span: str) -> str:
    """The start of a span that can hold one number: whole groups, 17 digits at most."""
    digits = 0
    for m in _GROUP.finditer(span):
        digits += len(m.group())
        if digits > 17:
            return span[:m.start()].rstrip()
    return span


def _plausible(span: str) -> bool:
    """Whether a number can start a span (before asking libphonenumber): written
    nationally (0...), some whole groups of its digits make 10 or 11; internationally
    (+ or 00), 8 to 17."""
    international = span.lstrip("(").startswith(("+", "00"))
    digits = 0
    for m in _GROUP.finditer(span):
        digits += len(m.group())
        if (8 <= digits <= 17) if international else (10 <= digits <= 11):
            return True
        if digits > 17:
            break
    return False


def _first_number(span: str) -> tuple[int, phonenumbers.PhoneNumber, bool] | None:
    """The number a span starts with: (its end, the number, whether it reaches a person).
    libphonenumber reads one number at a time, so where it finds none at the start
    ('0808 800 5000 07911 123456' is one run of digits to it), the longest start of the
    span that is a number is taken: a valid one, or a UK mobile or geographic number by
    its shape (a mobile). Only the first 17 digits can make the number: the answer is
    kept for that start of the span (text that repeats a run of digits costs once)."""
    return _first_in(_window(span))


@lru_cache(maxsize=4096)
def _first_in(span: str) -> tuple[int, phonenumbers.PhoneNumber, bool] | None:
    if not _plausible(span):
        return None
    for m in _pn().PhoneNumberMatcher(span, "GB", leniency=_pn().Leniency.VALID):
        if m.start == 0 and m.raw_string.lstrip("(").startswith(("+", "0")):
            personal = _pn().number_type(m.number) in _personal_lines()
            return len(m.raw_string.rstrip()), m.number, personal
        break
    if not span.lstrip("(").startswith(("+", "0")):  # national numbers start with 0
        return None
    cuts = []
    digits = 0
    for m in re.finditer(r"\d+\)?", span):
        digits += len(m.group().rstrip(")"))
        if digits > 17:  # '+44 (0)' and a number of 15 digits at most
            break
        if digits >= 9:
            cuts.append(m.end())
    for cut in reversed(cuts):
        candidate = span[:cut].rstrip(")") if span[0] != "(" or ")" not in span[1:cut] \
            else span[:cut]
        read = _read_number(candidate)
        if read is not None:
            return len(candidate), *read
    return None


@lru_cache(maxsize=4096)
def _read_number(candidate: str) -> tuple[phonenumbers.PhoneNumber, bool] | None:
    """A number, and whether it reaches a person; None if not a number."""
    try:
        number = _pn().parse(candidate, "GB")
    except _pn().NumberParseException:
        return None
    if _pn().is_valid_number(number):
        return number, _pn().number_type(number) in _personal_lines()
    if number.country_code == 44 and _UK_PERSONAL_SHAPE.fullmatch(str(number.national_number)):
        return number, True
    return None
