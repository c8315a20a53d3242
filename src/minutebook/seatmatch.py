"""Which seat of a body a line of a Word attendance list is about.

minutebook records seats, not people: "Jane Smith, Detective Inspector, Cheshire Police"
is the police seat. A line matches a seat by the seat's post (or the first part of it,
before a comma), a deputy's post, the seat's organisation (name, short name, its
initials, its id) or the seat id, compared as lower-case words without punctuation. A
post counts for more than an organisation; a line that fits two seats equally is left
for the editor, as is one that fits none.

Personal names are recognised only to keep them out of what is written: a part of a
line (between commas, brackets or dashes) of two to four capitalised words, none of
which is a word of any post or organisation, is taken for a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .analysis import Analysis
from .model import Body, Seat

_SMALL = {"of", "and", "the", "for", "in", "on", "at", "to", "&"}
# words of roles that are not in every repository's posts (a name never holds one)
_ROLE_TEXT = (
    "chief head director deputy assistant manager officer lead leader inspector "
    "superintendent detective sergeant constable commander nurse doctor designated named "
    "consultant practitioner team service services safeguarding partnership board council "
    "police trust nhs icb commissioner representative rep chair vice co member secretary "
    "clerk advisor adviser coordinator co-ordinator principal headteacher teacher governor "
    "group probation housing fire station borough county city district community health care "
    "social worker strategic operational senior partner partners minute taker minutes note "
    "notes observer guest "
)
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "cllr", "councillor",
           "rev", "revd", "sir", "dame", "lord", "lady"}
_SPLIT = re.compile(r"\s*(?:[,;()\[\]/|]|\s[-–—]\s|\t)\s*")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def norm(text: str) -> str:
    """Lower-case words without accents or punctuation, one space apart ('&' is 'and')."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _has(text: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {text} "


def initials(name: str) -> str:
    """'Cheshire East Council' -> 'cec' (small words left out)."""
    words = [w for w in norm(name).split() if w not in _SMALL]
    return "".join(w[0] for w in words)


_BREAK = _SMALL | {
    "a", "an", "this", "that", "these", "those", "it", "its", "we", "our", "they", "their",
    "he", "his", "she", "her", "i", "all", "any", "no", "not", "there", "item", "items",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"}


def _runs(text: str) -> list[str]:
    """Runs of capitalised words ('Jane Smith', 'Cllr Jones') in a text."""
    runs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if len(current) >= 2:  # 'Jane Smith', or a title and a name: 'Cllr Jones'
            runs.append(" ".join(current))
        current.clear()

    for m in re.finditer(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|\S", text):
        word = m.group(0)
        gap = text[m.start() - 1] if m.start() else " "
        bare = word.rstrip(".")
        capital = (len(bare) > 1 and bare[0].isupper() and not bare.isupper()
                   and bare.lower() not in _BREAK)
        if capital and (not current or gap == " "):
            current.append(bare)
            if word.endswith(".") and bare.lower() not in _TITLES:
                close()
        else:
            close()
    close()
    return runs


def parts(text: str) -> list[str]:
    """The parts of a line between commas, brackets, slashes and dashes."""
    return [p for p in _SPLIT.split(text) if p and p.strip(" .:")]


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a seat can be recognised by."""

    seat: Seat
    posts: tuple[str, ...]  # normalised, longest first
    deputy_posts: tuple[tuple[str, str], ...]  # (normalised, as written)
    orgs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    seat: str | None  # None: no seat, or more than one
    deputy_post: str | None = None  # the line names a deputy's post of the seat
    by_post: bool = False
    ambiguous: tuple[str, ...] = ()  # the seats it fits equally


class SeatMatcher:
    """Match lines of text to the seats of a body that were filled on a day."""

    def __init__(self, facts: Analysis, body: Body, day: date) -> None:
        self.cands: list[Candidate] = []
        vocab: set[str] = set(ROLE_WORDS)
        for seat in body.seats_on(day):
            if seat.vacant_on(day):
                continue
            posts = {norm(p) for p in (seat.post, seat.service) if p}
            if seat.post and "," in seat.post:
                posts.add(norm(seat.post.split(",")[0]))
            org = facts.org(seat.organisation)
            orgs = {norm(seat.organisation or ""), norm(seat.id)}
            if org is not None:
                for name in (org.name, org.short_name):
                    if name:
                        orgs.add(norm(name))
                        if len(initials(name)) >= 3:
                            orgs.add(initials(name))
            deputies = tuple((norm(d.post), d.post) for d in seat.deputies if d.post)
            for phrase in (*posts, *orgs, *(d for d, _ in deputies)):
                vocab.update(phrase.split())
            self.cands.append(Candidate(
                seat, tuple(sorted((p for p in posts if p), key=len, reverse=True)),
                deputies, tuple(o for o in orgs if o)))
        self.vocab = frozenset(vocab - _SMALL)

    def is_name(self, part: str) -> bool:
        """Whether a part of a line looks like a person's name (see the module's notes)."""
        words = _WORD.findall(part)
        if words and words[0].lower().rstrip(".") in _TITLES:
            words = words[1:]
        if not 1 <= len(words) <= 4 or re.search(r"\d", part):
            return False
        return all(w[0].isupper() for w in words) and not any(
            w.lower() in self.vocab for w in norm(" ".join(words)).split())

    def names_in(self, text: str) -> list[str]:
        return [p.strip(" .:") for p in parts(text) if self.is_name(p.strip(" .:"))]

    def names_in_prose(self, text: str) -> list[str]:
        """Likely personal names inside sentences: runs of two to four capitalised words
        (or a title and a name: 'Cllr Jones') that :meth:`is_name` takes for a name; a run
        is broken at punctuation, small words, months and days."""
        found: list[str] = []
        for run in _runs(text):
            # 'Detective Sergeant Jane Smith': the words of posts are not the name
            piece: list[str] = []
            for word in [*run.split(), ""]:
                if word and norm(word) not in self.vocab:
                    piece.append(word)
                    continue
                name = " ".join(piece)
                if len(piece) >= 2 and self.is_name(name) and name not in found:
                    found.append(name)
                piece = []
        return found

    def only_role_words(self, text: str) -> bool:
        """Whether every word of ``text`` is a word of a post, a role or an organisation
        (so it cannot hold a person's name)."""
        words = norm(text).split()
        return bool(words) and all(w in self.vocab or w in _SMALL for w in words)

    def match(self, text: str, *, need_post: bool = False) -> Match:
        """The seat a line is about (names left out of the comparison)."""
        kept = [p for p in parts(text) if not self.is_name(p.strip(" .:"))]
        line = norm(" ".join(kept))
        if not line:
            return Match(None)
        scored: list[tuple[tuple[int, int], Candidate, str | None]] = []
        for c in self.cands:
            post = max((len(p.split()) for p in c.posts if _has(line, p)), default=0)
            deputy = None
            if not post:
                for phrase, written in c.deputy_posts:
                    if _has(line, phrase):
                        post, deputy = len(phrase.split()), written
                        break
            org = int(any(_has(line, o) for o in c.orgs))
            if post or (org and not need_post):
                scored.append(((post, org), c, deputy))
        if not scored:
            return Match(None)
        best = max(s for s, _, _ in scored)
        top = [(c, d) for s, c, d in scored if s == best]
        if best[0] == 0:  # by organisation only: the organisation must have one seat here
            orgs = {c.seat.organisation for c, _ in top}
            if len(top) > 1 or len(orgs) != 1:
                return Match(None, ambiguous=tuple(sorted(c.seat.id for c, _ in top)))
        if len(top) > 1:
            return Match(None, ambiguous=tuple(sorted(c.seat.id for c, _ in top)))
        cand, deputy = top[0]
        return Match(cand.seat.id, deputy, by_post=best[0] > 0)

    def vocabulary_in(self, text: str) -> bool:
        return any(w in self.vocab for w in norm(text).split())

    def seat_ids(self) -> Iterable[str]:
        return (c.seat.id for c in self.cands)
