"""What needs attention on a body page, in partners' words and linked (issue 18 item 2)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from minutebook.findings import Finding
from minutebook.model import Organisation
from minutebook.site.attention import attention, in_words, place


def finding(code: str, category: str, file: str, message: str,
            severity: str = "warning", kind: str = "governance") -> Finding:
    return Finding(file, 1, 1, code, code.lower(), category, severity,  # type: ignore[arg-type]
                   message, "a hint", body="sg", kind=kind)  # type: ignore[arg-type]


DS: Any = SimpleNamespace(
    bodies={"cs-steering-group": SimpleNamespace(id="cs-steering-group",
                                                 label="CS/SOC Steering Group")},
    organisations={"cheshire-police": Organisation(
        "cheshire-police", "Cheshire Constabulary", frozenset({"police"}),
        short_name="Cheshire Police")})


def test_a_message_in_words_names_bodies_and_writes_dates_and_periods() -> None:
    assert in_words(DS, "the review of cs-steering-group is due on 2027-01-21") == \
        "the review of CS/SOC Steering Group is due on 21 January 2027"
    assert in_words(DS, "no value for 2026-Q3 from cheshire-police (2026-08)") == \
        "no value for Jul–Sep 2026 from Cheshire Police (August 2026)"
    # a path or a longer id is not a name
    assert in_words(DS, "see governance/bodies/cs-steering-group.yaml") == \
        "see governance/bodies/cs-steering-group.yaml"
    assert in_words(DS, "cs-steering-group-2 met") == "cs-steering-group-2 met"


def test_a_finding_is_placed_where_partners_see_what_it_concerns() -> None:
    body, scorecard = "bodies/sg.md", "scorecard/sg.md"
    assert place(finding("AT001", "attendance", "meetings/sg/2026-08-12.md", "x"), body,
                 scorecard) == ("Attendance", "meetings/sg/2026-08-12.md", "")
    assert place(finding("AC001", "actions", "actions.yaml", "x"), body, scorecard) == \
        ("Actions", body, "open-actions")
    assert place(finding("SM001", "scorecard", "meetings/sg/2026-11-04.md", "x"), body,
                 scorecard) == ("Scorecard", scorecard, "")
    assert place(finding("TR002", "review", "governance/tor/sg/1.0.md", "x"), body,
                 None) == ("Terms of reference", body, "about-this-body")


def test_attention_lists_governance_errors_then_warnings_once_each() -> None:
    found = [finding("AC001", "actions", "actions.yaml", "action a-1 was due on 2026-10-28"),
             finding("AC001", "actions", "actions.yaml", "action a-1 was due on 2026-10-28"),
             finding("CA001", "cadence", "meetings/sg/2026-01-14.md", "a gap", "error"),
             finding("TR006", "review", "governance/tor/sg/1.0.md", "not stated", "info"),
             finding("LD001", "load", "actions.yaml", "a record error", "error", "record")]
    items = attention(DS, found, "bodies/sg.md")
    assert [(a.severity, a.head, a.words) for a in items] == [
        ("error", "Meetings", "A gap"),
        ("warning", "Actions", "Action a-1 was due on 28 October 2026")]
