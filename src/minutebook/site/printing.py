"""What a printed page says on every sheet: its subject, its date and its classification.

The generator puts this in each page's front matter (``print_footer``); the theme
(overrides/main.html) writes it as a running header and footer that only print shows
(docs/assets/minutebook-print.css), beside the page numbers the print stylesheet adds.

A public edition publishes only what may be published, so every page of it is
OFFICIAL; in the internal edition a page takes the highest classification of the
records it may show.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..model import Body, Dataset, Meeting
from .templating import fmt

OFFICIAL = "OFFICIAL"
# lowest first; a marking not listed here counts as above every listed one
CLASSIFICATIONS = (OFFICIAL, "OFFICIAL-SENSITIVE")


def highest(classifications: Iterable[str]) -> str:
    """The highest of some classifications (OFFICIAL when there are none)."""
    rank = {c: i for i, c in enumerate(CLASSIFICATIONS)}
    found = OFFICIAL
    for c in classifications:
        if rank.get(c, len(rank)) > rank.get(found, len(rank)):
            found = c
    return found


def body_classification(ds: Dataset, body: Body) -> str:
    """The highest classification of a body's records: itself, its terms of reference,
    its meetings and its reports."""
    tor = ds.tors.get(body.tor)
    return highest([body.classification,
                    *(v.classification for v in (tor.versions if tor else ())),
                    *(m.classification for m in ds.meetings.get(body.id, ())),
                    *(r.classification for r in ds.reports if r.body == body.id)])


def dataset_classification(ds: Dataset) -> str:
    """The highest classification of anything in the repository."""
    return highest(body_classification(ds, b) for b in ds.bodies.values())


def page_classification(ds: Dataset, edition: str, body: Body | None,
                        meeting: Meeting | None) -> str:
    """A page's marking: a meeting's page its meeting's and body's, a body's pages the
    body's records', a page across bodies everything's (internal edition)."""
    if edition == "public":
        return OFFICIAL
    if meeting is not None:
        return highest([meeting.classification, body.classification if body else OFFICIAL])
    if body is not None:
        return body_classification(ds, body)
    return dataset_classification(ds)


def print_footer(*, subject: str, classification: str, today: date,
                 meeting: Meeting | None = None) -> dict[str, str]:
    """The running footer's parts: what the page is about, which date it speaks for
    (a meeting's day, else the date the site was made as of) and its classification."""
    when = (f"Meeting of {fmt(meeting.date)}" if meeting is not None
            else f"As of {fmt(today)}")
    return {"subject": subject, "when": when, "classification": classification}
