"""What may be published in an edition: the information-governance policy in one place.

The public edition leaves out OFFICIAL-SENSITIVE records (showing only that they exist),
confidential sections of minutes, and actions raised at restricted meetings. The internal
edition shows everything, under a banner on every page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Action, Dataset

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
