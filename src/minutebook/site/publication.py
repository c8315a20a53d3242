"""What may be published in an edition: the information-governance policy in one place.

The public edition leaves out OFFICIAL-SENSITIVE records (showing only that they exist),
confidential sections of minutes, and actions raised at restricted meetings. The internal
edition shows everything, under a banner on every page.
"""

from __future__ import annotations

import re

from ..model import Action, Dataset

_CONFIDENTIAL = re.compile(
    r"<!--\s*confidential\s*-->.*?(?:<!--\s*/confidential\s*-->|\Z)", re.S | re.I)


def is_restricted(classification: str, edition: str) -> bool:
    return classification != "OFFICIAL" and edition == "public"


def publishable_actions(ds: Dataset, edition: str) -> list[Action]:
    """Actions that may be shown: in the public edition, not those raised at a meeting
    whose record is restricted (OFFICIAL-SENSITIVE)."""
    if edition != "public":
        return list(ds.actions)
    out = []
    for a in ds.actions:
        m = ds.meeting(a.body, a.raised)
        if m is None or not is_restricted(m.classification, edition):
            out.append(a)
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
