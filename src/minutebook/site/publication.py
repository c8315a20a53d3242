"""What may be published in an edition: the information-governance policy in one place.

The public edition leaves out OFFICIAL-SENSITIVE records (showing only that they exist),
confidential sections of minutes, actions raised at restricted meetings, and what the
findings about restricted records say. The internal edition shows everything, under a
banner on every page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..findings import Finding
from ..model import Action, Dataset, Meeting

_CONFIDENTIAL = re.compile(
    r"<!--\s*confidential\s*-->.*?(?:<!--\s*/confidential\s*-->|\Z)", re.DOTALL | re.IGNORECASE)


def is_restricted(classification: str, edition: str) -> bool:
    return classification != "OFFICIAL" and edition == "public"


def meeting_restricted(ds: Dataset, body_id: str, day: object, edition: str) -> bool:
    """Whether a meeting's record is withheld: it, or its body, is not OFFICIAL."""
    if edition != "public":
        return False
    body = ds.bodies.get(body_id)
    m = ds.meeting(body_id, day)  # type: ignore[arg-type]
    return ((m is not None and is_restricted(m.classification, edition))
            or (body is not None and is_restricted(body.classification, edition)))


def publishable_actions(ds: Dataset, edition: str) -> list[Action]:
    """Actions that may be shown: in the public edition, not those raised at a restricted
    meeting, and without the updates recorded at one."""
    if edition != "public":
        return list(ds.actions)
    out = []
    for a in ds.actions:
        if meeting_restricted(ds, a.body, a.raised, edition):
            continue
        updates = tuple(u for u in a.updates
                        if not meeting_restricted(ds, a.body, u.meeting, edition))
        out.append(a if len(updates) == len(a.updates) else replace(a, updates=updates))
    return out


def publishable_minutes(text: str, edition: str) -> tuple[str, bool]:
    """Minutes with confidential sections removed from the public edition.

    Returns the text and whether anything was withheld.
    """
    if edition != "public":
        return text, False
    notice = ("\n!!! note \"Restricted\"\n    A confidential part of these minutes is not "
              "published.\n")
    out, n = _CONFIDENTIAL.subn(notice, text)
    return out, n > 0


WITHHELD_FINDING = ("a finding that draws on a record not published on this site (it is "
                    "classified OFFICIAL-SENSITIVE)")


def publishable_findings(ds: Dataset, findings: list[Finding], edition: str) -> list[Finding]:
    """Findings as an edition may show them: one that could repeat a restricted record
    keeps its code, severity and place (so counts and statuses stay true), but not what it
    says. That is a finding in the record itself (who declared an interest) or in a
    restricted report, one that names the date of a restricted meeting of its body (from
    the ToR, the tracker...), and any attendance finding of a body with restricted
    meetings (its rates count them)."""
    if edition != "public":
        return findings
    hidden = {r.at.file for r in ds.reports if is_restricted(r.classification, edition)}
    dates: dict[str, list[str]] = {}  # the restricted meetings' dates, by body
    for body_id, meetings in ds.meetings.items():
        for m in meetings:
            if meeting_restricted(ds, body_id, m.date, edition):
                hidden.add(m.at.file)
                dates.setdefault(body_id, []).append(m.date.isoformat())
    if not hidden:
        return findings

    def withheld(f: Finding) -> bool:
        if f.file in hidden:
            return True
        restricted = dates.get(f.body or "", [])
        return bool(restricted) and f.category not in ("personal-data", "content-safety") and (
            f.category == "attendance" or any(d in f.message for d in restricted))

    return [replace(f, message=WITHHELD_FINDING,
                    hint="see the internal edition, or run minutebook check")
            if withheld(f) else f for f in findings]


def shown_location(ds: Dataset, body_id: str, m: Meeting, edition: str) -> str | None:
    """Where a meeting is held, as the edition may say: a restricted meeting's own
    location (a safe venue, a family's area) gives way to where the body usually meets."""
    body = ds.bodies.get(body_id)
    usual = body.meets if body else None
    if meeting_restricted(ds, body_id, m.date, edition):
        return usual
    return m.location or usual
