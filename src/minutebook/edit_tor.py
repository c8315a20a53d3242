"""Approving a draft ToR version in place (``minutebook review BODY --approved-by``).

A review without ``--approved-by`` writes the next version as a draft; once the approving
body has agreed it, the same command with ``--approved-by`` approves that draft: its
``status`` becomes approved, ``approved:`` says when and by whom, and it is in force
from that day (``in_force_from``). Only the characters of those values change.
"""

from __future__ import annotations

from datetime import date

from .model import Tor, TorVersion, version_key
from .scaffold import ScaffoldError, front_matter_bounds
from .yamledit import TextEdit


def pending_draft(tor: Tor, base: TorVersion) -> TorVersion | None:
    """The one draft written after the version in force (None: there is none); more than
    one, or a later approved version, is refused in words."""
    after = [v for v in tor.versions if version_key(v.version) > version_key(base.version)]
    if not after:
        return None
    drafts = [v for v in after if v.status == "draft"]
    if len(drafts) > 1:
        raise ScaffoldError(f"{tor.id} has {len(drafts)} draft versions after version "
                            f"{base.version} ({', '.join(v.version for v in drafts)}); keep "
                            "the one to approve, delete the others, then run the command again")
    if len(drafts) != len(after):
        later = next(v for v in after if v.status != "draft")
        raise ScaffoldError(f"version {later.version} of {tor.id} ({later.status}, from "
                            f"{later.in_force_from}) comes after version {base.version}; "
                            "edit it by hand")
    return drafts[0]


def approve_draft(text: str, draft: TorVersion, day: date, by: str, at_meeting: bool) -> str:
    """The draft's text with status approved, approved: {date, by} and in_force_from set
    to ``day``; nothing else changes."""
    if day < draft.in_force_from:
        raise ScaffoldError(f"the draft version {draft.version} was written on "
                            f"{draft.in_force_from}, after {day}; approve it on or after that")
    crlf = "\r\n" in text
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    plain = text.replace("\r\n", "\n").removeprefix("\ufeff")
    start, end = front_matter_bounds(plain)
    edit = TextEdit(plain[start:end], draft.at.file)
    iso = day.isoformat()
    expected = dict(edit.data)
    edit.set_value((), "status", "approved")
    edit.set_value((), "in_force_from", iso)
    approved = edit.data.get("approved")
    fields = {"date": iso, "by": by, **({"at_meeting": True} if at_meeting else {})}
    if isinstance(approved, dict):
        for key, value in fields.items():
            edit.set_value(("approved",), key, str(value).lower() if key == "at_meeting"
                           else value, literal=key == "at_meeting")
        fields = {**approved, **fields}
    else:
        flow = ", ".join(f"{k}: {str(v).lower() if k == 'at_meeting' else v}"
                         for k, v in fields.items())
        edit.set_value((), "approved", f"{{{flow}}}", after="in_force_from", literal=True)
    expected.update(status="approved", in_force_from=iso, approved=fields)
    front = edit.result(expected)
    out = plain[:start] + front + plain[end:]
    return bom + (out.replace("\n", "\r\n") if crlf else out)
