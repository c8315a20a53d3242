"""Synthetic minutebook repositories, for benchmarks and tests at the scale of a region.

``generate(root, "large", seed=1)`` writes a complete, VALID repository: organisations of a
fictional region, partnerships, bodies with seats and chair terms, terms of reference
(quorum trees, chair rules, cadence, deadlines in working days, minutes approval, action
review; a second version for some bodies), meeting records with full attendance and
2-6 KB of minutes, the action tracker, scorecard measures and values, and escalations.
``minutebook check`` on it, as of the generation's ``today``, reports nothing at all.

``inject_breaches(root, seed)`` then breaks exactly one known rule per listed code and
returns the (code, file) pairs ``check`` should report.

Everything is seeded: the same sizes, seed and ``today`` give byte-identical files. Every
place, organisation and post is invented; the text names no person and carries no
personal data.

    python -m minutebook.synth /tmp/region --size large --seed 1
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .dates import Duration, Offset, Period, WorkingCalendar, add_months, parse_fraction
from .formats import FORMAT

DEFAULT_TODAY = date(2026, 11, 25)
META_FILE = ".minutebook-synth.json"
GENERATOR = "minutebook.synth/1"


# ---------------------------------------------------------------- sizes and results


@dataclass(frozen=True, slots=True)
class Sizes:
    """How much to generate. ``meetings_per_year`` None lets each body keep the cadence
    of its kind (every 4 to 8 weeks); a number sets every body's interval to fit it."""

    bodies: int
    years: int
    meetings_per_year: float | None = None
    actions_per_meeting: float = 5.0

    def __post_init__(self) -> None:
        if self.bodies < 1 or self.years < 1:
            raise ValueError("bodies and years must be at least 1")
        if self.meetings_per_year is not None and not 1 <= self.meetings_per_year <= 52:
            raise ValueError("meetings_per_year must be between 1 and 52")
        if self.actions_per_meeting < 0:
            raise ValueError("actions_per_meeting must not be negative")


PRESETS: dict[str, Sizes] = {
    # about the scale of this repository's own content
    "small": Sizes(bodies=8, years=1, actions_per_meeting=1.0),
    "medium": Sizes(bodies=50, years=5, actions_per_meeting=5.0),
    # a whole region: ~6,000 meeting records and ~30,000 actions
    "large": Sizes(bodies=60, years=10, actions_per_meeting=5.0),
}


def sizes_of(size: str | Sizes, **overrides: Any) -> Sizes:
    """A preset by name (or a Sizes), with any field overridden (None leaves it)."""
    base = PRESETS[size] if isinstance(size, str) else size
    changes = {k: v for k, v in overrides.items() if v is not None}
    return replace(base, **changes) if changes else base


@dataclass(slots=True)
class Stats:
    """What ``generate`` wrote."""

    size: str
    seed: int
    today: str
    areas: int = 0
    organisations: int = 0
    partnerships: int = 0
    bodies: int = 0
    tor_versions: int = 0
    meetings: int = 0
    held: int = 0
    scheduled: int = 0
    cancelled: int = 0
    actions: int = 0
    escalations: int = 0
    measures: int = 0
    values: int = 0
    files: int = 0
    bytes: int = 0


class ExpectedFinding(NamedTuple):
    """A finding ``check`` should report after ``inject_breaches``."""

    code: str
    file: str


# ---------------------------------------------------------------- vocabulary

_PLACE_START = ("Ash", "Bram", "Carr", "Dun", "Elm", "Fair", "Glen", "Harrow", "Kings",
                "Lang", "Mar", "Nether", "Oak", "Pen", "Red", "Stan", "Thorn", "Wey",
                "Wold", "Brook", "Cole", "Fern", "Hazel", "Ling")
_PLACE_END = ("bury", "field", "ford", "ham", "ley", "mouth", "ton", "wick", "dale",
              "moor", "stead", "worth", "combe", "well")

_LOCATIONS = ("{A} Town Hall", "Microsoft Teams (virtual)", "{A} Civic Centre",
              "Police headquarters, {A}", "{A} Hospital education centre",
              "Microsoft Teams (virtual)", "{A} Fire Station community room")
_TIMES = ("09:30", "10:00", "10:00", "13:30", "14:00")

_ITEM_SENTENCES = (
    ("The group considered the themes emerging from operational meetings and the areas of "
    "{A} where concerns were concentrated, without discussing individual cases."),
    ("{O} presented the report, which had been circulated with the papers. Members noted "
    "the progress made since the last meeting and the risks still open."),
    ("Members asked how the learning would reach frontline practitioners; {O} agreed to "
    "include it in the next practitioner briefing and the partnership newsletter."),
    ("The data for the quarter showed a mixed picture. {M} had improved, while the "
    "timeliness of strategy discussions remained below the level the partnership expects."),
    ("Partners described pressures on capacity, including vacancies in specialist teams "
    "and rising demand at the front door. The chair asked for a short paper on mitigation."),
    ("The group agreed that the assurance offered was reasonable but not yet substantial, "
    "and asked for evidence of impact rather than activity in the next report."),
    ("{O} noted that the audit of multi-agency referrals had found good information "
    "sharing in most cases, and gaps where health visitors were not invited to meetings."),
    ("Discussion focused on the transition between children's and adults' services and "
    "how young people at risk of exploitation are supported after their eighteenth year."),
    ("The chair thanked partners for the quality of the written reports and reminded "
    "members that papers must reach the business unit by the deadline in the terms of "
    "reference."),
    ("Members reviewed the risk register. Two risks were reduced, one was closed, and a "
    "new risk about data sharing with commissioned services was added."),
    ("{O} reported that the training offer had been refreshed, with sessions on "
    "professional curiosity, neglect and contextual safeguarding booked for the quarter."),
    ("It was noted that the voice of children, young people and families should be "
    "heard more directly; the group welcomed the plan to co-produce the next survey."),
    ("The group reviewed the escalation and resolution protocol and agreed that it was "
    "working, with most professional disagreements resolved at the first stage."),
    ("Partners confirmed that the recommendations from the last rapid review were on "
    "track, apart from one awaiting a decision on funding from the commissioners."),
    ("{O} set out the findings of its internal audit. Supervision records were up to date "
     "in most teams, but the quality of chronologies varied and a refresher is planned."),
    ("Members discussed the number of children missing from education in {A} and agreed "
     "that schools, the local authority and health need a shared picture each month."),
    ("The chair invited comments on the draft {T} paper. Members welcomed its clarity and "
     "asked that it say more about how impact will be measured."),
    ("{O} highlighted a rise in referrals from schools after the awareness campaign, which "
     "was expected; the conversion rate to assessment was stable."),
    ("It was agreed that the next report on {T} would include the views of practitioners "
     "gathered through the survey, not only performance figures."),
    ("The group heard that the multi-agency safeguarding hub had cleared its backlog and "
     "was meeting its timescales for decisions within one working day."),
    ("{O} raised a concern about delays in receiving information from out-of-area "
     "providers; partners agreed to test the escalation route with two cases."),
    ("Members noted the benchmarking data from neighbouring partnerships. {M} in {A} was "
     "close to the regional average; the trend over two years was the greater concern."),
    ("The group agreed to align its work on {T} with the adults board, so that families "
     "known to both systems experience one plan rather than two."),
    ("{O} reported that staff turnover had eased, with fewer agency workers and more "
     "newly qualified practitioners receiving protected caseloads."),
    ("Partners were reminded that learning briefings are published on the partnership "
     "website and that each agency should confirm circulation to its staff."),
    ("Discussion noted that the data for {T} is not yet broken down by ethnicity and "
     "disability; {O} will explore what can be reported from the next quarter."),
)
_TOPICS = ("Multi-agency scorecard", "Delivery plan update", "Risk register",
           "Learning from reviews", "Training and workforce development",
           "Voice of children and families", "Audit programme", "Policy and procedures",
           "Partner agency updates", "Exploitation and missing children",
           "Neglect strategy", "Domestic abuse", "Serious violence duty",
           "Transitional safeguarding", "Performance exception report",
           "Budget and business plan", "Communications and engagement")
_DECISIONS = ("Approved the updated multi-agency escalation policy.",
              "Agreed the delivery plan for the coming year.",
              "Endorsed the recommendations of the multi-agency audit.",
              "Approved the revised information-sharing agreement.",
              "Agreed to commission a thematic review of neglect.",
              "Approved the training needs analysis and the training programme.",
              "Agreed the priorities for the next annual report.",
              "Endorsed the revised risk register.",
              "Agreed the terms of a joint audit with the adults board.",
              "Approved the communications plan for safeguarding awareness week.")
_ACTIONS = ("Review attendance at operational meetings and report gaps.",
            "Circulate the updated escalation pathway to all partners.",
            "Provide the agency data return for the next scorecard, with a brief analysis.",
            "Share the learning briefing with frontline teams and report take-up.",
            "Confirm the agency lead for the data-sharing agreement.",
            "Report back on the timeliness of return home interviews.",
            "Bring a short paper on capacity pressures and mitigation.",
            "Update the risk register entry on information sharing.",
            "Arrange a practitioner event on professional curiosity.",
            "Check that the revised procedure is on the partnership website.",
            "Present the audit findings with an action plan.",
            "Agree with commissioners how the voluntary sector will be consulted.")
_UPDATES_DONE = ("Update given; complete.", "Complete.", "Report received; closed.",
                 "Briefing circulated; closed.")
_UPDATES_EXTEND = ("Work in progress; due date extended.",
                   "Partly done; the remainder is due at the next meeting.")
_UPDATES_DROPPED = ("No longer needed after the policy was replaced; dropped.",
                    "Superseded by the new delivery plan; dropped.")
_ESCALATIONS = (("Capacity to offer return home interviews within 72 hours has fallen below "
                "the strategy's target for three months running."),
                ("The data-sharing agreement has not been signed by every partner, so the "
                "shared dataset cannot be completed."),
                ("Attendance of one partner agency at operational meetings has been too low "
                "for the group to work as its terms of reference intend."),
                ("Waiting times for specialist assessments are delaying plans for children "
                "at risk of exploitation."))
_RESPONSES = (("The Board asked the agency concerned to present a recovery plan at its next "
              "meeting and agreed interim cover."),
              ("The Board wrote to the chief officers of the partners concerned and will "
              "review progress in three months."),
              ("The Board accepted the escalation and added it to the partnership risk "
              "register."))
_INTERESTS = ("Their organisation is commissioned to deliver the service discussed.",
              "Their service is a bidder in the procurement discussed.",
              "They sit on the board of a charity funded under the item discussed.")

# roles an area's organisations play: (role, id suffix, name, kinds, extra)
_AREA_ORGS: tuple[tuple[str, str, str, tuple[str, ...], dict[str, Any]], ...] = (
    ("la", "council", "{A} Council", ("local-authority",),
     {"tags": ["childrens-services", "adult-social-care", "community-safety"],
      "statutory_partner": True}),
    ("acute", "hospitals", "{A} Hospitals NHS Foundation Trust", ("nhs-trust", "health"), {}),
    ("education", "education", "Education (schools and settings in {A})", ("education",),
     {"short_name": "Education"}),
    ("yj", "youth-justice", "{A} Youth Justice Service", ("youth-justice",),
     {"short_name": "Youth Justice"}),
    ("housing", "housing", "Registered housing providers in {A}", ("housing",),
     {"short_name": "Housing providers"}),
    ("vcs", "vcfse", "{A} voluntary, community, faith and social enterprise sector",
     ("voluntary-sector",), {"short_name": "Voluntary sector"}),
    ("recovery", "recovery", "{A} Recovery Service", ("commissioned-service",
                                                      "voluntary-sector"),
     {"tags": ["substance-misuse"], "notes": "Commissioned service."}),
    ("independent", "independent", "Independent chairs and scrutineers ({A} partnerships)",
     ("independent",), {"short_name": "Independent"}),
    ("healthwatch", "healthwatch", "Healthwatch {A}", ("voluntary-sector", "independent"), {}),
)


# ---------------------------------------------------------------- body templates


def _seat(sid: str, role: str | None, post: str, category: str = "member",
          **extra: Any) -> dict[str, Any]:
    return {"id": sid, "role": role, "post": post, "category": category, **extra}


_DEPUTY = "Deputy (nominated by the member)"


@dataclass(frozen=True, slots=True)
class _Template:
    key: str
    code: str
    name: str
    short: str
    kind: str
    partnership: str | None
    parents: tuple[str, ...]
    seats: tuple[int, int]
    weeks: tuple[int, ...]
    tolerance: int  # days
    core: tuple[dict[str, Any], ...]
    pool: tuple[dict[str, Any], ...]
    chair: str  # rotation-statutory | rotation-orgs | fixed-independent | fixed-seat | ...
    chair_seats: tuple[str, ...]
    vice: str | None
    quorum: str
    decisions: str | None = None  # consensus | consensus-statutory | vote
    deadlines: tuple[tuple[str, str], ...] = (("papers-circulated",
                                               "5 working days before the meeting"),)
    minutes_approval: bool = True
    declarations: bool = False
    actions_review: bool = True
    representative: bool = False
    expectations: tuple[dict[str, Any], ...] = ()
    per_year: str | None = None  # year_starts, "" for 1 January
    membership: bool = False
    review_every: str = "12 months"
    second_version: float = 0.3  # chance of a version 2.0
    classification: str = "OFFICIAL"
    topics: tuple[str, ...] = _TOPICS


_GENERIC_POOL = (
    _seat("vcs-representative", "vcs", "Voluntary sector representative", "voluntary-sector"),
    _seat("housing-lead", "housing", "Head of Housing Needs"),
    _seat("probation-lead", "probation", "Senior Probation Officer"),
    _seat("yj-lead", "yj", "Youth Justice Team Manager"),
    _seat("mh-lead", "community", "Safeguarding Lead, Mental Health Services"),
    _seat("recovery-lead", "recovery", "Service Lead"),
    _seat("fire-lead", "fire", "Prevention Manager"),
    _seat("early-help-lead", "la", "Early Help Locality Manager"),
    _seat("education-lead", "education", "Education Safeguarding Adviser"),
)

TEMPLATES: tuple[_Template, ...] = (
    _Template(
        "exec", "ex", "{A} Safeguarding Children Partnership Executive", "{A} SCP Executive",
        "executive", "scp", (), (8, 13), (4, 5), 14,
        (_seat("dcs", "la", "Executive Director of Children's Services",
               deputies=["Director of Children's Social Care"]),
         _seat("icb-chief-nurse", "icb", "Chief Nursing Officer",
               deputies=["Deputy Chief Nurse"]),
         _seat("police-public-protection", "police",
               "Detective Chief Superintendent, Public Protection",
               deputies=["Detective Superintendent, Public Protection"]),
         _seat("independent-scrutineer", "independent", "Independent Scrutineer",
               "independent"),
         _seat("director-of-education", "education", "Director of Education and Skills"),
         _seat("business-manager", "la", "Partnership Business Manager", "adviser")),
        (_seat("director-public-health", "la", "Director of Public Health"),
         _seat("head-of-early-help", "la", "Head of Early Help and Prevention"),
         _seat("acute-chief-nurse", "acute", "Chief Nurse"),
         _seat("mh-director-nursing", "community", "Director of Nursing, Mental Health"),
         _seat("youth-justice-head", "yj", "Head of Youth Justice"),
         _seat("probation-head", "probation", "Head of Probation Delivery Unit"),
         _seat("vcs-representative", "vcs", "Voluntary sector representative",
               "voluntary-sector"),
         _seat("designated-doctor", "icb", "Designated Doctor, Safeguarding Children"),
         _seat("lado", "la", "Local Authority Designated Officer", "adviser"),
         _seat("young-people-representative", None, "Young people's representative",
               "young-people")),
        "rotation-statutory", ("dcs", "icb-chief-nurse", "police-public-protection"), None,
        "statutory-all", decisions="consensus-statutory",
        deadlines=(("papers-circulated", "5 working days before the meeting"),
                   ("draft-minutes-circulated", "10 working days after the meeting")),
        declarations=True,
        expectations=({"applies_to": {"statutory_partner": True}, "per": "organisation",
                       "min_rate": "75%"},),
        second_version=0.25,
        topics=("Multi-agency scorecard", "Delivery plan update", "Risk register",
                "Learning from reviews", "Budget and business plan",
                "Independent scrutiny report", "Subgroup reports", "Annual report")),
    _Template(
        "sab", "ab", "{A} Safeguarding Adults Board", "{A} SAB", "board", "sab", (),
        (7, 13), (5, 6), 14,
        (_seat("independent-chair", "independent", "Independent Chair", "independent"),
         _seat("dass", "la", "Director of Adult Social Services",
               deputies=["Head of Adult Safeguarding"]),
         _seat("icb-adult-safeguarding", "icb", "Designated Professional, Adult Safeguarding"),
         _seat("police-safeguarding", "police", "Detective Superintendent, Safeguarding"),
         _seat("acute-adult-safeguarding", "acute", "Head of Adult Safeguarding"),
         _seat("mh-safeguarding", "community", "Head of Safeguarding, Mental Health Services"),
         _seat("healthwatch", "healthwatch", "Chief Executive")),
        (_seat("probation-head", "probation", "Head of Probation Delivery Unit"),
         _seat("fire-prevention", "fire", "Group Manager, Prevention"),
         _seat("housing-lead", "housing", "Head of Housing Options"),
         _seat("vcs-representative", "vcs", "Voluntary sector representative",
               "voluntary-sector"),
         _seat("recovery-lead", "recovery", "Service Manager"),
         _seat("principal-social-worker", "la", "Principal Social Worker, Adults", "adviser"),
         _seat("lay-member", None, "Lay member", "lay")),
        "fixed-independent", ("independent-chair",), "dass", "sab",
        decisions="consensus",
        deadlines=(("agenda-issued", "10 working days before the meeting"),
                   ("papers-circulated", "7 days before the meeting")),
        declarations=True, second_version=0.0,
        topics=("Safeguarding adults reviews", "Performance dashboard", "Strategic plan",
                "Making safeguarding personal", "Partner assurance", "Self-neglect",
                "Risk register", "Annual report")),
    _Template(
        "csp", "cs", "Safer {A} Partnership", "{A} Community Safety Partnership", "board",
        "csp", (), (8, 13), (6,), 14,
        (_seat("head-of-community-safety", "la", "Head of Community Safety",
               required_by_law=True),
         _seat("police-chief-inspector", "police", "Chief Inspector, Neighbourhood Policing",
               required_by_law=True),
         _seat("fire-station-manager", "fire", "Station Manager, Community Safety",
               required_by_law=True, substitutes_need_chair_agreement=True,
               deputies=["Watch Manager, Community Safety"]),
         _seat("probation-pdu-head", "probation", "Head of Probation Delivery Unit",
               required_by_law=True),
         _seat("icb-commissioning", "icb", "Head of Commissioning", required_by_law=True),
         _seat("pcc-partnerships", "pcc", "Partnerships Manager")),
        (_seat("youth-justice-manager", "yj", "Operational Manager"),
         _seat("housing-representative", "housing", "Neighbourhood Services Manager"),
         _seat("vcfse-representative", "vcs", "Voluntary sector representative",
               "voluntary-sector"),
         _seat("education-representative", "education",
               "Secondary headteacher representative"),
         _seat("recovery-lead", "recovery", "Service Lead"),
         _seat("public-health-lead", "la", "Consultant in Public Health"),
         _seat("licensing-lead", "la", "Licensing Manager")),
        "elected", ("head-of-community-safety", "police-chief-inspector",
                    "fire-station-manager"), "probation-pdu-head", "csp-v1",
        decisions="vote",
        deadlines=(("agenda-issued", "10 working days before the meeting"),
                   ("papers-circulated", "5 working days before the meeting")),
        per_year="", membership=True, second_version=1.0,
        topics=("Strategic assessment", "Anti-social behaviour", "Serious violence duty",
                "Domestic abuse", "Reducing reoffending", "Substance misuse",
                "Community engagement", "Performance report")),
    _Template(
        "steering", "sg", "{A} Contextual Safeguarding Steering Group",
        "{A} CS Steering Group", "subgroup", "scp", ("exec",), (9, 16), (4,), 7,
        (_seat("police-exploitation", "police", "Detective Inspector, Exploitation Hub",
               deputies=["Detective Sergeant, Exploitation Hub"]),
         _seat("la-contextual-manager", "la", "Contextual Safeguarding Service Manager"),
         _seat("icb-deputy-designated-nurse", "icb",
               "Deputy Designated Nurse, Safeguarding Children"),
         _seat("acute-named-nurse", "acute", "Named Nurse, Safeguarding Children"),
         _seat("mh-named-nurse", "community", "Named Nurse, Safeguarding", service="CAMHS"),
         _seat("yj-operational-manager", "yj", "Operational Manager"),
         _seat("recovery-young-people", "recovery", "Service Manager, Young People's Service"),
         _seat("education-dsl", "education", "Designated Safeguarding Lead representative")),
        (_seat("early-help-manager", "la", "Early Help Locality Manager"),
         _seat("missing-coordinator", "la", "Missing from Home Coordinator"),
         _seat("housing-officer", "housing", "Tenancy Sustainment Manager"),
         _seat("vcs-youth-work", "vcs", "Detached Youth Work Lead", "voluntary-sector"),
         _seat("fire-prevention", "fire", "Prevention Manager"),
         _seat("police-missing", "police", "Sergeant, Missing Persons Unit"),
         _seat("probation-transitions", "probation", "Transitions Lead"),
         _seat("sexual-health-nurse", "acute", "Lead Nurse, Sexual Health")),
        "rotation-orgs", ("police-exploitation", "la-contextual-manager",
                          "icb-deputy-designated-nurse", "acute-named-nurse",
                          "mh-named-nurse"), None, "steering",
        representative=True, expectations=({"max_consecutive_missed": 3},),
        second_version=0.3,
        topics=("Exploitation and missing children", "Multi-agency scorecard",
                "Hotspot locations", "Partner agency updates", "Disruption activity",
                "Transitional safeguarding", "Issues for escalation to the Executive")),
    _Template(
        "tandf", "tf", "{A} Exploitation Data Task and Finish Group",
        "{A} Exploitation Data T&F Group", "task-and-finish", "scp", ("exec", "sab"),
        (6, 9), (4,), 7,
        (_seat("police-analyst", "police", "Principal Analyst, Force Intelligence Bureau"),
         _seat("icb-designated-nurse", "icb", "Designated Nurse, Safeguarding Children"),
         _seat("csc-performance-lead", "la",
               "Performance and Intelligence Lead, Children's Services"),
         _seat("adults-performance-lead", "la", "Performance Lead, Adult Social Care"),
         _seat("yj-information-officer", "yj", "Information Officer"),
         _seat("recovery-data-lead", "recovery", "Data and Performance Officer")),
        (_seat("acute-data-lead", "acute", "Safeguarding Data Analyst"),
         _seat("education-data-lead", "education", "Education Data Manager"),
         _seat("housing-data-lead", "housing", "Performance Officer")),
        "appointed", ("csc-performance-lead",), "icb-designated-nurse", "tandf",
        minutes_approval=False, review_every="6 months", second_version=0.0,
        topics=("Data-sharing agreement", "Shared dataset", "Exploitation profile",
                "Data quality", "Report to the parent boards")),
    _Template(
        "qa", "qa", "{A} Quality Assurance and Performance Subgroup", "{A} QA Subgroup",
        "subgroup", "scp", ("exec",), (7, 12), (4, 5, 6), 21,
        (_seat("la-qa-head", "la", "Head of Quality Assurance, Children's Services"),
         _seat("police-pp-dci", "police", "Detective Chief Inspector, Public Protection"),
         _seat("icb-designated-nurse", "icb", "Designated Nurse, Safeguarding Children"),
         _seat("acute-safeguarding-head", "acute", "Head of Safeguarding"),
         _seat("education-safeguarding", "education", "Education Safeguarding Manager"),
         _seat("partnership-analyst", "la", "Partnership Performance Analyst", "adviser")),
        _GENERIC_POOL, "appointed-term", ("la-qa-head", "police-pp-dci",
                                          "icb-designated-nurse"), "acute-safeguarding-head",
        "statutory-two", decisions="consensus", per_year="04-01", second_version=1.0,
        topics=("Multi-agency scorecard", "Audit programme", "Performance exception report",
                "Section 11 audit", "Quality assurance framework", "Data quality")),
    _Template(
        "operational", "op", "{A} Missing and Exploitation Operational Group",
        "{A} MACE Operational Group", "operational", "scp", ("steering", "exec"), (8, 12),
        (4,), 7,
        (_seat("police-di-missing", "police", "Detective Inspector, Missing and Exploitation",
               deputies=["Detective Sergeant, Missing and Exploitation"]),
         _seat("la-exploitation-lead", "la", "Exploitation Team Manager"),
         _seat("la-missing-coordinator", "la", "Missing Coordinator"),
         _seat("acute-ed-nurse", "acute", "Named Nurse, Emergency Department"),
         _seat("mh-crisis-lead", "community", "Crisis Team Lead", service="CAMHS"),
         _seat("yj-case-manager", "yj", "Senior Case Manager"),
         _seat("education-inclusion", "education", "Inclusion and Attendance Lead")),
        (_seat("recovery-worker", "recovery", "Young People's Substance Misuse Lead"),
         _seat("housing-officer", "housing", "Housing Options Officer"),
         _seat("rhi-service", "vcs", "Return Home Interview Service Manager",
               "voluntary-sector"),
         _seat("police-sergeant", "police", "Sergeant, Neighbourhood Policing"),
         _seat("sexual-health", "acute", "Sexual Health Outreach Nurse")),
        "fixed-seat", ("police-di-missing",), None, "operational",
        deadlines=(("agenda-issued", "2 working days before the meeting"),),
        minutes_approval=True, representative=True, second_version=0.0,
        classification="OFFICIAL-SENSITIVE",
        topics=("Locations of concern", "Themes from return home interviews",
                "Disruption activity", "Partner intelligence", "Missing episodes")),
)


def _generic(key: str, code: str, name: str, short: str, parents: tuple[str, ...],
             core: tuple[dict[str, Any], ...], topics: tuple[str, ...]) -> _Template:
    return _Template(key, code, name, short, "subgroup", "sab" if "sab" in parents else "scp",
                     parents, (6, 12), (4, 5, 6), 14, core, _GENERIC_POOL,
                     "appointed-term", tuple(s["id"] for s in core[:3]), None,
                     "statutory-two", decisions="consensus", topics=topics)


TEMPLATES += (
    _generic("learning", "li", "{A} Learning and Improvement Subgroup", "{A} L&I Subgroup",
             ("exec",),
             (_seat("la-safeguarding-head", "la", "Head of Service, Safeguarding and Quality"),
              _seat("police-caiu-di", "police", "Detective Inspector, Child Abuse Investigation"),
              _seat("icb-named-gp", "icb", "Named GP, Safeguarding Children"),
              _seat("acute-named-doctor", "acute", "Named Doctor, Safeguarding Children"),
              _seat("learning-officer", "la", "Learning and Improvement Officer", "adviser")),
             ("Rapid reviews", "Child safeguarding practice reviews", "Learning briefings",
              "Action plans from reviews", "National panel findings")),
    _generic("sar", "sr", "{A} Safeguarding Adults Reviews Subgroup", "{A} SAR Subgroup",
             ("sab",),
             (_seat("la-adult-safeguarding", "la", "Head of Adult Safeguarding"),
              _seat("police-adults-di", "police", "Detective Inspector, Adult Safeguarding"),
              _seat("icb-adults", "icb", "Designated Professional, Adult Safeguarding"),
              _seat("acute-adults-lead", "acute", "Adult Safeguarding Lead"),
              _seat("probation-spo", "probation", "Senior Probation Officer")),
             ("Referrals for review", "Reviews in progress", "Learning from reviews",
              "Action plan monitoring")),
    _generic("domestic-abuse", "da", "{A} Domestic Abuse Partnership Board",
             "{A} DA Partnership Board", ("csp",),
             (_seat("la-da-lead", "la", "Domestic Abuse Strategic Lead"),
              _seat("police-da-dci", "police", "Detective Chief Inspector, Domestic Abuse"),
              _seat("icb-da-lead", "icb", "Safeguarding Lead, Domestic Abuse"),
              _seat("da-service", "vcs", "Chief Executive, Domestic Abuse Service",
                    "voluntary-sector"),
              _seat("housing-da", "housing", "Housing Options Manager")),
             ("Safe accommodation", "Domestic homicide reviews", "MARAC performance",
              "Perpetrator programmes", "Commissioning")),
    _generic("serious-violence", "sv", "{A} Serious Violence Duty Group",
             "{A} Serious Violence Group", ("csp",),
             (_seat("police-sv-superintendent", "police", "Superintendent, Serious Violence"),
              _seat("la-sv-lead", "la", "Serious Violence Duty Lead"),
              _seat("icb-population-health", "icb", "Head of Population Health"),
              _seat("yj-sv", "yj", "Head of Youth Justice"),
              _seat("fire-sv", "fire", "Group Manager, Prevention")),
             ("Strategic needs assessment", "Response strategy", "Funding and grants",
              "Hotspot locations", "Evaluation")),
    _generic("neglect", "ng", "{A} Neglect Strategy Group", "{A} Neglect Group", ("exec",),
             (_seat("la-early-help-head", "la", "Head of Early Help"),
              _seat("icb-neglect-nurse", "icb", "Designated Nurse, Safeguarding Children"),
              _seat("police-neglect-di", "police", "Detective Inspector, Public Protection"),
              _seat("health-visiting", "acute", "Health Visiting Service Lead"),
              _seat("education-neglect", "education", "Attendance and Welfare Manager")),
             ("Neglect strategy", "Graded care profile", "Neglect audit", "Training")),
    _generic("training", "tr", "{A} Multi-agency Training Subgroup",
             "{A} Training Subgroup", ("exec", "sab"),
             (_seat("la-workforce", "la", "Workforce Development Manager"),
              _seat("police-training", "police", "Training Lead, Public Protection"),
              _seat("icb-training", "icb", "Named Nurse, Safeguarding Training"),
              _seat("education-training", "education", "Safeguarding Training Officer"),
              _seat("vcs-training", "vcs", "Voluntary sector training lead",
                    "voluntary-sector")),
             ("Training needs analysis", "Training evaluation", "Programme for the year",
              "E-learning")),
)


# ---------------------------------------------------------------- the in-memory repository


@dataclass(slots=True)
class _Area:
    name: str
    slug: str
    orgs: dict[str, str]  # role -> organisation id


@dataclass(slots=True)
class _Seat:
    id: str
    org: str | None
    post: str
    category: str = "member"
    service: str | None = None
    deputies: tuple[str, ...] = ()
    required_by_law: bool = False
    needs_agreement: bool = False
    start: date | None = None
    end: date | None = None
    term_ends: date | None = None
    vacant_since: date | None = None

    def active(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def vacant(self, day: date) -> bool:
        return self.vacant_since is not None and self.vacant_since <= day

    def doc(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id}
        if self.org:
            d["organisation"] = self.org
        d["post"] = self.post
        if self.service:
            d["service"] = self.service
        if self.category != "member" or not self.org:
            d["category"] = self.category
        if self.deputies:
            d["deputies"] = [{"post": p} for p in self.deputies]
        if self.required_by_law:
            d["required_by_law"] = True
        if self.needs_agreement:
            d["substitutes_need_chair_agreement"] = True
        for key, value in (("from", self.start), ("until", self.end),
                           ("term_ends", self.term_ends), ("vacant_since", self.vacant_since)):
            if value:
                d[key] = value
        return d


@dataclass(slots=True)
class _Tor:
    version: str
    in_force: date
    weeks: int
    tolerance: int
    per_year: dict[str, Any] | None
    quorum: dict[str, Any]
    chair: dict[str, Any]
    decisions: dict[str, Any] | None
    deadlines: list[dict[str, str]]
    minutes_approval: bool
    declarations: bool
    actions_review: bool
    representative: bool
    expectations: list[dict[str, Any]]
    membership: dict[str, Any] | None
    review_every: str
    title: str
    classification: str = "OFFICIAL"
    approved: dict[str, Any] = field(default_factory=dict)
    review_last: date | None = None
    change_note: str | None = None
    prose: str = ""

    def front(self) -> dict[str, Any]:
        d: dict[str, Any] = {"title": self.title, "version": self.version,
                             "status": "approved", "in_force_from": self.in_force,
                             "approved": self.approved,
                             "review": {"every": self.review_every, "last": self.review_last},
                             "classification": self.classification}
        if self.change_note:
            d["change_note"] = self.change_note
        d["quorum"] = self.quorum
        d["chair"] = self.chair
        cadence: dict[str, Any] = {"every": f"{self.weeks} weeks",
                                   "tolerance": f"{self.tolerance} days"}
        if self.per_year:
            cadence["per_year"] = self.per_year
        d["cadence"] = cadence
        if self.deadlines:
            d["deadlines"] = self.deadlines
        if self.representative:
            d["attendance"] = {"representative_required": True}
        if self.expectations:
            d.setdefault("attendance", {})["expectations"] = self.expectations
        if self.minutes_approval:
            d["minutes"] = {"approval": "next-meeting"}
        if self.declarations:
            d["declarations"] = {"required": True}
        if self.decisions:
            d["decisions"] = self.decisions
        if self.actions_review:
            d["actions"] = {"review_at_next_meeting": True}
        if self.membership:
            d["membership"] = self.membership
        return d

    def offsets(self) -> list[tuple[str, Offset]]:
        return [(d["milestone"], Offset.parse(d["due"])) for d in self.deadlines]


@dataclass(slots=True)
class _Meeting:
    body: str
    date: date
    status: str
    start: str
    location: str
    classification: str
    chair: str | None = None
    chaired_by_deputy: bool = False
    attendance: dict[str, Any] = field(default_factory=dict)
    guests: list[str] = field(default_factory=list)
    quorate: bool | None = None
    milestones: dict[str, date] = field(default_factory=dict)
    minutes_status: str | None = None
    approved_at: date | None = None
    declarations: Any = None
    decisions: list[dict[str, Any]] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    cancelled_reason: str | None = None
    rearranged: date | None = None
    actions: list[tuple[str, str]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def held(self) -> bool:
        return self.status == "held"

    @property
    def rel(self) -> str:
        return f"meetings/{self.body}/{self.date.isoformat()}.md"

    def front(self) -> dict[str, Any]:
        d: dict[str, Any] = {"date": self.date, "start": self.start, "status": self.status,
                             "location": self.location, "classification": self.classification}
        if self.chair:
            d["chair"] = self.chair
        if self.chaired_by_deputy:
            d["chaired_by_deputy"] = True
        if self.attendance:
            d["attendance"] = self.attendance
        if self.guests:
            d["guests"] = self.guests
        if self.quorate is not None:
            d["quorate"] = self.quorate
        if self.milestones:
            d["milestones"] = self.milestones
        if self.minutes_status:
            d["minutes"] = {"status": self.minutes_status}
            if self.approved_at:
                d["minutes"]["approved_at"] = self.approved_at
        if self.declarations is not None:
            d["declarations"] = self.declarations
        if self.decisions:
            d["decisions"] = self.decisions
        if self.agenda:
            d["agenda"] = self.agenda
        if self.cancelled_reason:
            d["cancelled_reason"] = self.cancelled_reason
        if self.rearranged:
            d["rearranged_to"] = self.rearranged
        return d


@dataclass(slots=True)
class _Body:
    id: str
    code: str
    template: _Template
    area: _Area
    name: str
    short: str
    partnership: str
    parents: list[str]
    established: date
    ends: date | None
    meets: str
    seats: list[_Seat]
    chair_terms: list[dict[str, Any]] = field(default_factory=list)
    tors: list[_Tor] = field(default_factory=list)
    meetings: list[_Meeting] = field(default_factory=list)

    def seat(self, seat_id: str) -> _Seat:
        return next(s for s in self.seats if s.id == seat_id)

    def tor_at(self, day: date) -> _Tor:
        current = self.tors[0]
        for v in self.tors:
            if v.in_force <= day:
                current = v
        return current

    def roles_on(self, day: date) -> dict[str, set[str]]:
        roles: dict[str, set[str]] = {}
        for t in self.chair_terms:
            if t["from"] <= day and (t.get("until") is None or day <= t["until"]):
                roles.setdefault(t["seat"], set()).add(t["role"])
        return roles

    def holder(self, role: str, day: date) -> str | None:
        for t in self.chair_terms:
            if t["role"] == role and t["from"] <= day and (
                    t.get("until") is None or day <= t["until"]):
                return t["seat"]
        return None

    def held(self) -> list[_Meeting]:
        return [m for m in self.meetings if m.held]

    def doc(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "name": self.name, "short_name": self.short,
                             "kind": self.template.kind, "partnership": self.partnership,
                             "tor": self.id}
        if self.parents:
            d["accountable_to"] = self.parents
        d["established"] = self.established
        if self.ends:
            d["ends"] = self.ends
        d["meets"] = self.meets
        d["classification"] = "OFFICIAL"
        d["seats"] = [s.doc() for s in self.seats]
        d["chair_terms"] = self.chair_terms
        return d


@dataclass(slots=True)
class _Region:
    sizes: Sizes
    size_name: str
    seed: int
    today: date
    name: str = ""
    areas: list[_Area] = field(default_factory=list)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    partnerships: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[_Body] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    values: dict[str, list[tuple[str, str, float, date]]] = field(default_factory=dict)
    closures: list[date] = field(default_factory=list)

    def body(self, body_id: str) -> _Body:
        return next(b for b in self.bodies if b.id == body_id)


# ---------------------------------------------------------------- requirements (quorum)


def _many(value: Any) -> list[Any]:
    return [value] if isinstance(value, str | bool) else list(value)


def _matches(seat: _Seat, sel: dict[str, Any], orgs: dict[str, dict[str, Any]],
             roles: dict[str, set[str]], presiding: str | None) -> bool:
    if "seat" in sel and seat.id not in _many(sel["seat"]):
        return False
    if "organisation" in sel and seat.org not in _many(sel["organisation"]):
        return False
    if "category" in sel and seat.category not in _many(sel["category"]):
        return False
    if "kind" in sel or "tag" in sel or "statutory_partner" in sel:
        org = orgs.get(seat.org or "")
        if org is None:
            return False
        if "kind" in sel and not set(_many(sel["kind"])) & set(org["kinds"]):
            return False
        if "tag" in sel and not set(_many(sel["tag"])) & set(org.get("tags", ())):
            return False
        if "statutory_partner" in sel and \
                bool(org.get("statutory_partner", False)) != sel["statutory_partner"]:
            return False
    if "role" in sel:
        held = set(roles.get(seat.id, ()))
        if presiding == seat.id:
            held.add("presiding")
        if not set(_many(sel["role"])) & held:
            return False
    return True


def _needed(leaf: dict[str, Any], pool: int) -> int:
    m = leaf.get("min", 1)
    if m == "all":
        return pool
    if isinstance(m, str | float):
        exact = parse_fraction(m) * pool
        rounding = leaf.get("rounding", "up")
        if rounding == "down":
            return math.floor(exact)
        if rounding == "nearest":
            return math.floor(exact + parse_fraction("1/2"))
        return math.ceil(exact)
    return int(m)


def _met(req: dict[str, Any], seats: list[_Seat], attending: set[str],
         orgs: dict[str, dict[str, Any]], roles: dict[str, set[str]],
         presiding: str | None) -> bool:
    if "all_of" in req:
        return all(_met(r, seats, attending, orgs, roles, presiding) for r in req["all_of"])
    if "any_of" in req:
        return any(_met(r, seats, attending, orgs, roles, presiding) for r in req["any_of"])
    if "at_least" in req:
        return sum(_met(r, seats, attending, orgs, roles, presiding)
                   for r in req["of"]) >= req["at_least"]
    cands = [s for s in seats if _matches(s, req["present"], orgs, roles, presiding)]
    if req.get("per") == "organisation":
        pool = {s.org for s in cands if s.org}
        got = {s.org for s in cands if s.org and s.id in attending}
    else:
        pool = {s.id for s in cands}
        got = pool & attending
    return len(got) >= _needed(req, len(pool))


def _leaves(req: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("all_of", "any_of", "of"):
        if key in req:
            return [leaf for r in req[key] for leaf in _leaves(r)]
    return [req]


def _critical(req: dict[str, Any] | None, seats: list[_Seat], orgs: dict[str, dict[str, Any]],
              roles: dict[str, set[str]], presiding: str | None) -> set[str]:
    """Seats a requirement names by kind, organisation, role...: they always attend."""
    if req is None:
        return set()
    out: set[str] = set()
    for leaf in _leaves(req):
        if leaf["present"]:
            out |= {s.id for s in seats if _matches(s, leaf["present"], orgs, roles, presiding)}
    return out


# ---------------------------------------------------------------- the generator


class _Gen:
    def __init__(self, sizes: Sizes, size_name: str, seed: int, today: date) -> None:
        self.rng = random.Random(f"minutebook-synth:{seed}")
        self.sizes = sizes
        self.today = today
        self.start = add_months(today, -12 * sizes.years)
        self.r = _Region(sizes, size_name, seed, today)
        self.r.closures = [date(y, 12, d) for y in range(self.start.year - 1, today.year + 2)
                           for d in (29, 30, 31)]
        self.cal = WorkingCalendar("england-and-wales", frozenset(self.r.closures))
        self.orgs: dict[str, dict[str, Any]] = {}
        self.misses: dict[tuple[str, str], date] = {}

    # ------------------------------------------------------------ helpers

    def working(self, day: date) -> bool:
        return self.cal.is_working_day(day)

    def nearest_working(self, day: date) -> date:
        for k in range(10):
            for d in (day - timedelta(days=k), day + timedelta(days=k)):
                if self.working(d):
                    return d
        return day

    def pick(self, seq: Any) -> Any:
        return seq[self.rng.randrange(len(seq))]

    # ------------------------------------------------------------ the whole region

    def build(self) -> _Region:
        n_areas = max(1, -(-self.sizes.bodies // 7))
        self.areas(n_areas)
        counts = [self.sizes.bodies // n_areas + (1 if i < self.sizes.bodies % n_areas else 0)
                  for i in range(n_areas)]
        for area, count in zip(self.r.areas, counts, strict=True):
            for t in TEMPLATES[:count]:
                self.make_body(area, t)
        for b in self.r.bodies:
            self.schedule(b)
        for b in self.r.bodies:
            self.approvals(b)
        for b in self.r.bodies:
            self.hold_meetings(b)
        for b in self.r.bodies:
            self.raise_actions(b)
        self.ensure_escalation()
        self.scorecard()
        for b in self.r.bodies:
            for m in b.meetings:
                m.text = self.minutes_text(b, m)
        self.publications()
        return self.r

    def areas(self, n: int) -> None:
        names = [a + b for a in _PLACE_START for b in _PLACE_END]
        self.rng.shuffle(names)
        chosen = names[:n]
        region = self.pick(("Northmoor", "Southvale", "Eastmarch", "Westmere", "Midwold"))
        self.r.name = region
        orgs: list[dict[str, Any]] = []

        def add(org: dict[str, Any]) -> str:
            orgs.append(org)
            self.orgs[org["id"]] = org
            return org["id"]

        probation = add({"id": "probation-service", "name": f"Probation Service ({region} "
                         "region)", "short_name": "Probation Service", "kinds": ["probation"]})
        for i, name in enumerate(chosen):
            slug = name.lower()
            roles: dict[str, str] = {"probation": probation}
            for role, suffix, label, kinds, extra in _AREA_ORGS:
                roles[role] = add({"id": f"{slug}-{suffix}", "name": label.format(A=name),
                                   "kinds": list(kinds), **extra, "area": name})
            # a police force, fire service and commissioner for every two areas; an ICB
            # for every three; a mental health and community trust for every two
            pair = chosen[i - i % 2: i - i % 2 + 2]
            lead = pair[0].lower()
            if i % 2 == 0:
                words = " and ".join(pair)
                add({"id": f"{lead}-police", "name": f"{words} Police",
                     "kinds": ["police"], "statutory_partner": True, "area": words})
                add({"id": f"{lead}-fire", "name": f"{words} Fire and Rescue Service",
                     "short_name": f"{pair[0]} Fire", "kinds": ["fire-and-rescue"]})
                add({"id": f"{lead}-pcc", "name": "Office of the Police and Crime "
                     f"Commissioner for {words}", "short_name": "Police and Crime Commissioner",
                     "kinds": ["other"]})
                add({"id": f"{lead}-partnership-trust", "name": f"{words} Partnership NHS "
                     "Foundation Trust", "kinds": ["nhs-trust", "health"],
                     "tags": ["mental-health"]})
            trio = chosen[i - i % 3: i - i % 3 + 3]
            if i % 3 == 0:
                places = ", ".join(trio[:-1]) + " and " + trio[-1] if len(trio) > 1 \
                    else trio[0]
                add({"id": f"{trio[0].lower()}-icb",
                     "name": f"NHS {places} Integrated Care Board",
                     "short_name": "Integrated Care Board", "kinds": ["icb", "health"],
                     "statutory_partner": True})
            roles.update(police=f"{lead}-police", fire=f"{lead}-fire", pcc=f"{lead}-pcc",
                         community=f"{lead}-partnership-trust", icb=f"{trio[0].lower()}-icb")
            self.r.areas.append(_Area(name, slug, roles))
        self.r.organisations = orgs
        for a in self.r.areas:
            la, icb, police = a.orgs["la"], a.orgs["icb"], a.orgs["police"]
            self.r.partnerships += [
                {"id": f"{a.slug}-scp", "name": f"{a.name} Safeguarding Children Partnership",
                 "short_name": f"{a.name} SCP", "area": a.name,
                 "framework": "working-together-2023",
                 "lead_partners": [{"organisation": la, "post": "Chief Executive"},
                                   {"organisation": icb, "post": "Chief Executive"},
                                   {"organisation": police, "post": "Chief Constable"}],
                 "delegated_partners": [
                     {"organisation": la, "post": "Executive Director of Children's Services",
                      "delegated_from": "Chief Executive"},
                     {"organisation": icb, "post": "Chief Nursing Officer",
                      "delegated_from": "Chief Executive"},
                     {"organisation": police, "post": "Assistant Chief Constable",
                      "delegated_from": "Chief Constable"}],
                 "independent_scrutiny": [{"organisation": a.orgs["independent"],
                                           "post": "Independent Scrutineer"}],
                 "annual_report": {"rule": "every-12-months"}},
                {"id": f"{a.slug}-sab", "name": f"{a.name} Safeguarding Adults Board",
                 "short_name": f"{a.name} SAB", "area": a.name, "framework": "care-act-2014",
                 "lead_partners": [{"organisation": la, "post": "Chief Executive"},
                                   {"organisation": icb, "post": "Chief Executive"},
                                   {"organisation": police, "post": "Chief Constable"}],
                 "annual_report": {"rule": "after-financial-year", "within": "6 months"}},
                {"id": f"{a.slug}-csp", "name": f"Safer {a.name} Partnership",
                 "area": a.name, "framework": "crime-and-disorder-act-1998"},
            ]

    # ------------------------------------------------------------ bodies

    def make_body(self, area: _Area, t: _Template) -> None:
        rng = self.rng
        body_id = f"{area.slug}-{t.key}"
        in_area = {b.template.key for b in self.r.bodies if b.area is area}
        parents = [f"{area.slug}-{p}" for p in t.parents if p in in_area]
        if t.key == "operational" and parents:
            parents = parents[:1]
        n_seats = rng.randint(*t.seats)
        specs = list(t.core)
        pool = list(t.pool)
        rng.shuffle(pool)
        specs += pool[:max(0, n_seats - len(specs))]
        seats = [_Seat(s["id"], area.orgs[s["role"]] if s["role"] else None, s["post"],
                       s["category"], s.get("service"), tuple(s.get("deputies", ())),
                       s.get("required_by_law", False),
                       s.get("substitutes_need_chair_agreement", False)) for s in specs]
        if t.key == "tandf":
            lo = max(self.start + timedelta(days=31), add_months(self.today, -14))
            hi = max(lo + timedelta(days=1), add_months(self.today, -7))
            established = (lo + timedelta(days=rng.randrange((hi - lo).days))).replace(day=1)
            ends = add_months(self.today.replace(day=1), rng.randint(4, 9)) - timedelta(days=1)
        else:
            established = add_months(self.start, -rng.randint(1, 60)).replace(day=1)
            ends = None
        meets = self.pick(_LOCATIONS).format(A=area.name)
        b = _Body(body_id, f"{area.slug[:4]}{self.r.areas.index(area)}-{t.code}", t, area,
                  t.name.format(A=area.name), t.short.format(A=area.name),
                  f"{area.slug}-{t.partnership}", parents, established, ends, meets, seats)
        if t.membership:
            self.membership_dates(b)
        self.r.bodies.append(b)
        self.make_tors(b)

    def membership_dates(self, b: _Body) -> None:
        """Members' terms of office (3 years, at most 2) on the optional seats; one seat
        recently vacant."""
        rng = self.rng
        optional = [s for s in b.seats if not s.required_by_law and s.org and
                    not s.id.startswith("pcc")]
        for s in optional[:3]:
            joined = add_months(self.today, -rng.randint(3, 60)).replace(day=1)
            s.start = joined
            ends = add_months(joined, 36) - timedelta(days=1)
            while ends < self.today:
                ends = add_months(ends + timedelta(days=1), 36) - timedelta(days=1)
            s.term_ends = ends
        if len(optional) > 3 and rng.random() < 0.5:
            optional[3].vacant_since = self.today - timedelta(days=rng.randint(10, 60))

    def quorum(self, kind: str, n: int) -> dict[str, Any]:
        if kind == "statutory-all":
            return {"description": "Every statutory safeguarding partner, and at least half "
                    "of the members.",
                    "requires": {"all_of": [
                        {"label": "every statutory partner represented",
                         "present": {"statutory_partner": True}, "per": "organisation",
                         "min": "all"},
                        {"present": {}, "min": "1/2", "rounding": "up"}]}}
        if kind == "sab":
            return {"requires": {"all_of": [
                {"present": {}, "min": 5}, {"present": {"kind": "local-authority"}},
                {"present": {"kind": "police"}}, {"present": {"kind": "health"}}]}}
        if kind == "csp-v1":
            return {"description": "Five members.", "requires": {"present": {}, "min": 5},
                    "ratify_inquorate_decisions": True}
        if kind == "csp-v2":
            return {"description": "One third of the members (rounded up), including the "
                    "local authority and the police.",
                    "requires": {"all_of": [
                        {"present": {}, "min": "1/3", "rounding": "up"},
                        {"present": {"kind": "local-authority"}},
                        {"present": {"kind": "police"}}]},
                    "ratify_inquorate_decisions": True}
        if kind == "steering":
            return {"requires": {"all_of": [
                {"present": {}, "min": "1/2", "rounding": "up"},
                {"present": {"role": ["chair", "co-chair"]}}]}}
        if kind == "tandf":
            return {"requires": {"all_of": [
                {"present": {}, "min": 3}, {"present": {"kind": "police"}},
                {"present": {"kind": "health"}},
                {"present": {"role": ["chair", "vice-chair"]}}]}}
        if kind == "operational":
            return {"requires": {"all_of": [
                {"present": {}, "min": 4},
                {"at_least": 2, "of": [{"present": {"kind": "police"}},
                                       {"present": {"kind": "local-authority"}},
                                       {"present": {"kind": "health"}}]}]}}
        # statutory-two
        return {"requires": {"all_of": [
            {"present": {}, "min": max(3, n // 3)},
            {"present": {"statutory_partner": True}, "per": "organisation", "min": 2}]}}

    def chair_rules(self, b: _Body) -> dict[str, Any]:
        t = b.template
        if t.chair == "rotation-statutory":
            return {"method": "rotation", "eligible": {"statutory_partner": True},
                    "rotation": {"every": "6 months", "tolerance": "14 days"},
                    "co_chair": {"required": True, "different_organisation": True}}
        if t.chair == "rotation-orgs":
            return {"method": "rotation", "rotation": {"every": "6 months",
                                                       "tolerance": "14 days",
                                                       "between": "organisation"},
                    "co_chair": {"required": True, "different_organisation": True}}
        if t.chair == "fixed-independent":
            return {"method": "fixed", "seat": t.chair_seats[0],
                    "eligible": {"category": "independent"},
                    "vice_chairs": {"min": 1, "max": 1,
                                    "eligible": {"statutory_partner": True}}}
        if t.chair == "fixed-seat":
            return {"method": "fixed", "seat": t.chair_seats[0],
                    "may_preside": ["chair", "chair-deputy"]}
        if t.chair == "elected":
            return {"method": "elected", "term": {"length": "2 years", "max_consecutive": 2},
                    "vice_chairs": {"min": 1}, "may_preside": ["chair", "vice-chair"]}
        if t.chair == "appointed":
            return {"method": "appointed", "vice_chairs": {"min": 1, "eligible":
                                                           {"kind": "health"}},
                    "may_preside": ["chair", "vice-chair"]}
        rules: dict[str, Any] = {"method": "appointed", "term": {"length": "3 years"}}
        if t.vice:
            rules["vice_chairs"] = {"min": 1, "max": 1}
        else:
            rules["vice_chairs"] = {"max": 1}
        return rules

    def decision_rules(self, kind: str | None) -> dict[str, Any] | None:
        if kind == "consensus":
            return {"method": "consensus"}
        if kind == "consensus-statutory":
            return {"method": "consensus", "requires": {
                "label": "every statutory partner", "present": {"statutory_partner": True},
                "per": "organisation", "min": "all"}}
        if kind == "vote":
            return {"method": "vote", "threshold": "majority", "casting_vote": "chair",
                    "record_dissent": True}
        return None

    def make_tors(self, b: _Body) -> None:
        rng, t = self.rng, b.template
        if self.sizes.meetings_per_year:
            weeks = max(1, round(52 / self.sizes.meetings_per_year))
        else:
            weeks = self.pick(t.weeks)
        tolerance = max(t.tolerance, 7 if weeks < 6 else max(t.tolerance, 14))
        per_year = None
        if t.per_year is not None:
            per_year = {"min": max(1, 52 // (weeks + (2 if t.key == "csp" else 0)) - 2)}
            if t.per_year:
                per_year["year_starts"] = t.per_year
        in_force = b.established if t.key == "tandf" else max(
            b.established, self.start - timedelta(days=rng.randint(30, 700)))
        v1 = _Tor("1.0", in_force, weeks, tolerance, per_year,
                  self.quorum(t.quorum, len(b.seats)), self.chair_rules(b),
                  self.decision_rules(t.decisions),
                  [{"milestone": m, "due": due} for m, due in t.deadlines],
                  t.minutes_approval, t.declarations, t.actions_review, t.representative,
                  [dict(e) for e in t.expectations], None, t.review_every,
                  f"Terms of Reference – {b.name}")
        if t.membership:
            v1.membership = {"max_seats": 14, "term_of_office": "3 years",
                             "max_consecutive_terms": 2, "vacancy_limit": "3 months",
                             "required": [{"kind": ["local-authority", "police",
                                                    "fire-and-rescue", "probation", "icb"]}]}
        approver = b.parents[0] if b.parents else b.id
        v1.approved = {"date": in_force - timedelta(days=rng.randint(7, 60)), "by": approver}
        v1.prose = self.tor_prose(b, v1)
        b.tors = [v1]
        span = (self.today - max(self.start, in_force)).days
        if span > 150 and rng.random() < t.second_version:
            lo = max(self.start, in_force) + timedelta(days=span // 4)
            day = lo + timedelta(days=rng.randrange(max(1, span // 2)))
            v2 = replace(v1, version="2.0", in_force=day.replace(day=1),
                         expectations=[dict(e) for e in v1.expectations],
                         deadlines=list(v1.deadlines), approved={})
            notes = []
            if t.key == "csp":
                v2.quorum = self.quorum("csp-v2", len(b.seats))
                notes.append("quorum changed from five members to one third of the members "
                             "(rounded up) with the local authority and the police present")
                if not self.sizes.meetings_per_year and v1.weeks > 4:
                    v2.weeks = 4
                    notes.append(f"meetings every four weeks instead of {v1.weeks}")
            elif t.key == "qa":
                v2.declarations = True
                v2.deadlines = [*v2.deadlines, {"milestone": "draft-minutes-circulated",
                                                "due": "10 working days after the meeting"}]
                notes.append("declarations of interest became a standing item; draft "
                             "minutes are circulated within ten working days")
            elif not v2.declarations:
                v2.declarations = True
                notes.append("declarations of interest became a standing item")
            else:
                v2.deadlines = [*v2.deadlines, {"milestone": "agenda-issued",
                                                "due": "7 working days before the meeting"}] \
                    if all(d["milestone"] != "agenda-issued" for d in v2.deadlines) \
                    else v2.deadlines
                notes.append("the agenda is issued seven working days before the meeting")
            v2.change_note = "Reviewed and updated: " + "; ".join(notes) + "."
            v2.prose = self.tor_prose(b, v2)
            b.tors.append(v2)

    def tor_prose(self, b: _Body, v: _Tor) -> str:
        parents = [self._label(p) for p in b.parents]
        report = (f"The group reports to the {' and the '.join(parents)}." if parents
                  else "The body reports to the chief officers of the statutory partners "
                  "and publishes an annual report.")
        lines = [
            "## Purpose", "",
            f"The {b.name} brings together the agencies of {b.area.name} to lead and "
            "assure multi-agency safeguarding arrangements in its area of responsibility. "
            + report, "",
            "## Responsibilities", "",
            "- Set priorities and agree a delivery plan, and monitor its progress.",
            "- Scrutinise multi-agency performance data and the findings of audits.",
            "- Make sure learning from reviews changes practice across agencies.",
            "- Escalate risks it cannot resolve to the body it reports to.", "",
            "## Membership", "",
            ("Members are senior representatives of their agencies, able to commit "
            "resources and make decisions on behalf of their organisation. A member who "
            "cannot attend sends a deputy who is briefed and able to contribute."), "",
            "## Ways of working", "",
            (f"The body meets every {v.weeks} weeks. Papers are circulated in advance, "
            "actions are recorded in the tracker and reviewed at the next meeting, and the "
            "minutes are agreed at the following meeting. Members declare any interest in "
            "an item at the start of the meeting."), "",
        ]
        return "\n".join(lines)

    def _label(self, body_id: str) -> str:
        b = next((x for x in self.r.bodies if x.id == body_id), None)
        return b.short if b else body_id

    # ------------------------------------------------------------ chairs and the calendar

    def schedule(self, b: _Body) -> None:
        """Meeting dates (held before today, scheduled after), cancellations, chair terms."""
        rng, t = self.rng, b.template
        first_day = max(self.start, b.established) + timedelta(days=rng.randrange(
            b.tors[0].weeks * 7))
        weekday = rng.randrange(4)
        first_day += timedelta(days=(weekday - first_day.weekday()) % 7)
        start, location = self.pick(_TIMES), b.meets
        tor_now = b.tor_at(self.today)
        horizon = self.today + timedelta(days=120)
        if tor_now.per_year is not None:
            month, dom = (int(x) for x in tor_now.per_year.get("year_starts", "01-01")
                          .split("-"))
            ys = date(self.today.year, month, dom)
            ys = ys if ys <= self.today else date(self.today.year - 1, month, dom)
            horizon = max(horizon, date(ys.year + 1, month, dom) - timedelta(days=1))
        if b.ends:
            horizon = min(horizon, b.ends)
        nominal = first_day
        prev: date | None = None
        meetings: list[_Meeting] = []
        scheduled = 0
        while True:
            day = self.nearest_working(nominal)
            if prev is not None:
                v = b.tor_at(day)
                limit = prev + timedelta(weeks=v.weeks, days=v.tolerance)
                if day > limit:  # never further apart than the ToR allows
                    day = self.nearest_working(prev + timedelta(weeks=v.weeks))
                    while day > limit:
                        day -= timedelta(days=1)
            if prev is not None and day <= prev:
                day = prev + timedelta(days=1)
            if day >= self.today and (day > horizon and scheduled > 0):
                break
            if b.ends and day > b.ends:
                break
            status = "held" if day < self.today else "scheduled"
            v = b.tor_at(day)
            m = _Meeting(b.id, day, status, start, location, t.classification)
            if status == "held" and v.tolerance >= 14 and prev is not None and \
                    day + timedelta(days=21) < self.today and rng.random() < 0.03:
                later = self.nearest_working(day + timedelta(days=7))
                limit = prev + timedelta(weeks=v.weeks, days=v.tolerance)
                if day < later <= limit:
                    m.status = "cancelled"
                    m.cancelled_reason = self.pick((
                        "Not enough members could attend to be quorate; rearranged.",
                        "Postponed because of a major incident affecting partner agencies.",
                        "Postponed so that the annual report could be considered in full."))
                    m.rearranged = later
                    meetings.append(m)
                    m = _Meeting(b.id, later, "held", start, location, t.classification)
                    day = later
            if m.status == "scheduled":
                scheduled += 1
            meetings.append(m)
            prev = day
            weeks = b.tor_at(nominal).weeks
            nxt = nominal + timedelta(weeks=weeks)
            if b.tor_at(nxt).weeks < weeks:
                nxt = nominal + timedelta(weeks=b.tor_at(nxt).weeks)
            nominal = max(nxt, day + timedelta(days=7))
        b.meetings = meetings
        self.chair_terms(b, first_day)

    def chair_terms(self, b: _Body, first_day: date) -> None:
        rng, t = self.rng, b.template
        anchor = first_day.replace(day=1)
        terms: list[dict[str, Any]] = []
        how = {"rotation-statutory": "rotation", "rotation-orgs": "rotation",
               "elected": "elected", "fixed-independent": "appointed",
               "fixed-seat": "ex-officio"}.get(t.chair, "appointed")
        if t.chair.startswith("rotation"):
            order = list(t.chair_seats)
            if t.chair == "rotation-orgs":
                seen: dict[str, str] = {}
                for sid in order:
                    seen.setdefault(b.seat(sid).org or sid, sid)
                order = list(seen.values())
            rng.shuffle(order)
            k, day = 0, anchor
            while True:
                nxt = add_months(day, 6)
                chair, co = order[k % len(order)], order[(k + 1) % len(order)]
                last = nxt > self.today and (nxt - self.today).days > 60
                future = day > self.today
                for role, seat in (("chair", chair), ("co-chair", co)):
                    term: dict[str, Any] = {"role": role, "seat": seat, "from": day}
                    if not (last or future):
                        term["until"] = nxt - timedelta(days=1)
                    term["how"] = how
                    terms.append(term)
                if last or future:
                    break
                k, day = k + 1, nxt
        elif t.chair.startswith("fixed"):
            terms.append({"role": "chair", "seat": t.chair_seats[0], "from": anchor,
                          "how": how})
        else:
            years = 2 if t.chair == "elected" else 3
            repeat = 2 if t.chair == "elected" else 1
            order = list(t.chair_seats)
            rng.shuffle(order)
            if t.chair == "appointed":  # T&F: one chair for its life
                terms.append({"role": "chair", "seat": order[0], "from": anchor, "how": how})
            else:
                day = add_months(anchor, -rng.randint(0, 12 * years - 2))
                k = 0
                while True:
                    nxt = add_months(day, 12 * years)
                    seat = order[(k // repeat) % len(order)]
                    term = {"role": "chair", "seat": seat, "from": day}
                    if nxt <= self.today:
                        term["until"] = nxt - timedelta(days=1)
                    term["how"] = how
                    terms.append(term)
                    if nxt > self.today:
                        break
                    k, day = k + 1, nxt
        vice = t.vice or (t.chair_seats[1] if t.chair == "appointed-term" and
                          rng.random() < 0.5 else None)
        if vice:
            chair_ids = {x["seat"] for x in terms}
            if vice in chair_ids:
                vice = next((s.id for s in b.seats if s.id not in chair_ids and s.org and
                             s.id not in t.chair_seats), vice)
            terms.append({"role": "vice-chair", "seat": vice, "from": anchor,
                          "how": "appointed" if t.chair != "elected" else "elected"})
        b.chair_terms = terms
        if vice and t.chair == "appointed-term":
            for v in b.tors:
                v.chair["vice_chairs"] = {"min": 1, "max": 1}

    def approvals(self, b: _Body) -> None:
        """Approval of later ToR versions at a meeting; review dates in the last months."""
        for i, v in enumerate(b.tors):
            if i > 0:
                approver = self.r.body(b.parents[0]) if b.parents else b
                window = [m.date for m in approver.meetings if m.held and
                          v.in_force - timedelta(days=120) <= m.date < v.in_force]
                if window:
                    v.approved = {"date": window[-1], "by": approver.id, "at_meeting": True}
                else:
                    v.approved = {"date": v.in_force - timedelta(days=21), "by": approver.id}
            current = i == len(b.tors) - 1
            if not current:
                v.review_last = v.approved["date"]
                continue
            every = Duration.parse(v.review_every)
            lo = max(v.approved["date"], every.before(self.today) + timedelta(days=75))
            dates = [m.date for m in b.meetings if m.held and lo <= m.date
                     <= self.today - timedelta(days=7)]
            v.review_last = self.pick(dates) if dates else max(
                lo, self.today - timedelta(days=14))
            if v.review_last > self.today:
                v.review_last = self.today - timedelta(days=1)

    # ------------------------------------------------------------ what happened at meetings

    def hold_meetings(self, b: _Body) -> None:
        rng = self.rng
        held = b.held()
        for m in b.meetings:
            v = b.tor_at(m.date)
            if m.status == "cancelled":
                continue
            self.milestones(b, m, v)
            if m.status == "scheduled":
                m.agenda = self.agenda(b, m, v)
                continue
            self.attend(b, m, v)
            self.decide(b, m, v)
            if v.declarations:
                m.declarations = self.declare(b, m)
            if rng.random() < 0.2:
                org = self.orgs[b.area.orgs[self.pick(("police", "la", "icb", "acute"))]]
                m.guests = [self.pick(("Analyst, ", "Head of Commissioning, ",
                                       "Service Manager, ", "Policy Officer, "))
                            + org.get("short_name", org["name"])]
        for k, m in enumerate(held):
            nxt = held[k + 1] if k + 1 < len(held) else None
            if nxt is not None:
                m.minutes_status, m.approved_at = "approved", nxt.date
            else:
                m.minutes_status = "draft"

    def milestones(self, b: _Body, m: _Meeting, v: _Tor) -> None:
        rng = self.rng
        for milestone, off in v.offsets():
            due = self.cal.deadline(m.date, off)
            if off.before:
                if m.status == "scheduled" and due >= self.today:
                    continue
                if off.working:
                    done = self.cal.shift(due, -rng.choice((0, 0, 0, 1, 2)))
                else:
                    done = due - timedelta(days=rng.choice((0, 0, 1, 2, 3)))
            else:
                if not m.held:
                    continue
                done = self.cal.shift(due, -rng.choice((0, 1, 2, 3, 5)))
                done = max(done, m.date + timedelta(days=1))
                if done >= self.today:
                    continue
            m.milestones[milestone] = done

    def attend(self, b: _Body, m: _Meeting, v: _Tor) -> None:
        rng = self.rng
        roles = b.roles_on(m.date)
        method = v.chair["method"]
        chair = v.chair.get("seat") if method == "fixed" else b.holder("chair", m.date)
        presiding = chair
        deputy_chaired = False
        if method == "rotation" and rng.random() < 0.15:
            presiding = b.holder("co-chair", m.date) or chair
        elif method in ("appointed", "elected") and rng.random() < 0.1:
            vice = b.holder("vice-chair", m.date)
            if vice and "vice-chair" in v.chair.get("may_preside", ["vice-chair"]):
                presiding = vice
        elif method == "fixed" and "chair-deputy" in v.chair.get("may_preside", ()) and \
                b.seat(chair).deputies and rng.random() < 0.1:
            deputy_chaired = True
        m.chair = presiding
        m.chaired_by_deputy = deputy_chaired
        seats = [s for s in b.seats if s.active(m.date)]
        expected = [s for s in seats if not s.vacant(m.date)]
        critical = _critical(v.quorum["requires"], seats, self.orgs, roles, presiding)
        critical |= set(roles) | {presiding}
        if v.decisions and v.decisions.get("requires"):
            critical |= _critical(v.decisions["requires"], seats, self.orgs, roles, presiding)
        status: dict[str, str] = {}
        for s in expected:
            r = rng.random()
            missed_recently = (b.id, s.id) in self.misses and \
                (m.date - self.misses[(b.id, s.id)]).days < 400
            if s.id == presiding:
                status[s.id] = "deputy" if deputy_chaired else "present"
            elif s.id in critical:
                status[s.id] = "deputy" if s.deputies and r < 0.08 else "present"
            elif r < 0.76 or (r >= 0.88 and missed_recently):
                status[s.id] = "present"
            elif r < 0.88:
                status[s.id] = "deputy"
            else:
                status[s.id] = "absent" if r > 0.985 else "apologies"
        if v.representative:
            attending_orgs = {s.org or s.id for s in expected
                              if status[s.id] in ("present", "deputy")}
            for s in expected:
                if status[s.id] in ("apologies", "absent") and \
                        (s.org or s.id) not in attending_orgs:
                    status[s.id] = "deputy"
        reqs = [v.quorum["requires"]] + ([v.decisions["requires"]] if v.decisions and
                                         v.decisions.get("requires") else [])
        for s in expected:  # put people back until the quorum is met
            attending = {k for k, x in status.items() if x in ("present", "deputy")}
            if all(_met(q, seats, attending, self.orgs, roles, presiding) for q in reqs):
                break
            if status[s.id] in ("apologies", "absent"):
                status[s.id] = "present"
        attending = {k for k, x in status.items() if x in ("present", "deputy")}
        if not all(_met(q, seats, attending, self.orgs, roles, presiding) for q in reqs):
            raise AssertionError(f"synth: {b.id} {m.date} would be inquorate")
        for s in expected:
            st = status[s.id]
            if st in ("apologies", "absent"):
                self.misses[(b.id, s.id)] = m.date
            if st == "deputy":
                entry: dict[str, Any] = {"status": "deputy",
                                         "by": s.deputies[0] if s.deputies else
                                         f"Deputy for the {s.post}"}
                if s.needs_agreement:
                    entry["chair_agreed"] = True
                m.attendance[s.id] = entry
            else:
                m.attendance[s.id] = st
        if rng.random() < 0.3:
            m.quorate = True

    def decide(self, b: _Body, m: _Meeting, v: _Tor) -> None:
        rng = self.rng
        n = rng.choices((0, 1, 2, 3), (45, 30, 17, 8))[0]
        attending = sorted(k for k, x in m.attendance.items()
                           if x == "present" or isinstance(x, dict))
        method = v.decisions["method"] if v.decisions else None
        for i, text in enumerate(rng.sample(_DECISIONS, n), 1):
            d: dict[str, Any] = {"id": f"d{i}", "text": text}
            if method == "vote":
                against = rng.choices((0, 1, 2), (80, 15, 5))[0]
                abstain = rng.choices((0, 1), (85, 15))[0]
                votes_for = len(attending) - against - abstain
                if votes_for <= against:
                    against, abstain = 0, 0
                    votes_for = len(attending)
                d["method"] = "vote"
                d["votes"] = {"for": votes_for, "against": against}
                if abstain:
                    d["votes"]["abstain"] = abstain
                if against:
                    others = [s for s in attending if s != m.chair]
                    d["dissent"] = sorted(rng.sample(others, min(against, len(others))))
            elif method or rng.random() < 0.5:
                d["method"] = "consensus"
            m.decisions.append(d)

    def declare(self, b: _Body, m: _Meeting) -> Any:
        rng = self.rng
        if rng.random() < 0.85:
            return "none"
        seat = self.pick(sorted(k for k, x in m.attendance.items() if x == "present"))
        return [{"seat": seat, "item": self.pick(b.template.topics),
                 "interest": self.pick(_INTERESTS),
                 "action": self.pick(("Took no part in the decision on the item.",
                                      "Left the meeting for the item."))}]

    def agenda(self, b: _Body, m: _Meeting, v: _Tor) -> list[str]:
        items = ["Welcome and apologies"]
        if v.declarations:
            items.append("Declarations of interest")
        items.append("Minutes of the last meeting and action tracker")
        items += self.rng.sample(b.template.topics, min(3, len(b.template.topics)))
        items.append("Any other business")
        return items

    # ------------------------------------------------------------ actions and escalations

    def next_meeting(self, b: _Body, after: date) -> _Meeting | None:
        return next((m for m in b.meetings if m.date > after and m.status != "cancelled"),
                    None)

    def raise_actions(self, b: _Body) -> None:
        rng = self.rng
        held = b.held()
        avg = self.sizes.actions_per_meeting
        counter = 0
        for k, m in enumerate(held):
            n = int(avg * 2 * rng.random() + 0.5) if avg else 0
            if k == len(held) - 1 and avg:
                n = max(n, 1)
            for _ in range(n):
                counter += 1
                self.one_action(b, held, k, f"{b.code}-{counter:03d}")
            if b.parents and rng.random() < 0.015:
                self.escalate(b, m.date, None)

    def one_action(self, b: _Body, held: list[_Meeting], k: int, action_id: str) -> None:
        rng, m = self.rng, held[k]
        seats = [s for s in b.seats if s.active(m.date) and not s.vacant(m.date)]
        seat = self.pick(seats)
        owner = {"seat": seat.id} if rng.random() < 0.85 or not seat.org else \
            {"organisation": seat.org}
        nm = self.next_meeting(b, m.date)
        due = (nm.date - timedelta(days=7)) if nm else m.date + timedelta(days=28)
        due = max(due, m.date + timedelta(days=7))
        if k == len(held) - 1:
            due = max(due, self.today)
        a: dict[str, Any] = {"id": action_id, "body": b.id, "raised": m.date,
                             "description": self.pick(_ACTIONS), "owner": owner, "due": due,
                             "status": "open"}
        updates: list[dict[str, Any]] = []
        for j in range(k + 1, len(held)):
            mj = held[j]
            r = rng.random()
            if len(updates) >= 2:
                r = r * 0.74  # done or dropped
            if r < 0.68:
                updates.append({"meeting": mj.date, "note": self.pick(_UPDATES_DONE),
                                "status": "done"})
                a["status"], a["closed"] = "done", mj.date
            elif r < 0.74:
                updates.append({"meeting": mj.date, "note": self.pick(_UPDATES_DROPPED),
                                "status": "dropped"})
                a["status"], a["closed"] = "dropped", mj.date
            elif r < 0.76 and b.parents and not updates:
                parent = b.parents[0]
                updates.append({"meeting": mj.date, "note": f"Escalated to the "
                                f"{self._label(parent)}.", "status": "escalated"})
                a["status"], a["escalated_to"] = "escalated", parent
                self.escalate(b, mj.date, action_id)
            else:
                nxt = self.next_meeting(b, mj.date)
                new_due = (nxt.date - timedelta(days=7)) if nxt else mj.date + timedelta(
                    days=28)
                new_due = max(new_due, mj.date + timedelta(days=7))
                if j == len(held) - 1:
                    new_due = max(new_due, self.today)
                updates.append({"meeting": mj.date, "note": self.pick(_UPDATES_EXTEND),
                                "due": new_due})
                continue
            break
        if updates:
            a["updates"] = updates
        self.r.actions.append(a)
        who = seat.post if "seat" in owner else self.orgs[seat.org or ""]["name"]
        m.actions.append((action_id, f"{a['description'][:-1]} ({who}, by {due:%-d %B %Y})."))

    def escalate(self, b: _Body, raised: date, action_id: str | None) -> None:
        parent = self.r.body(b.parents[0])
        n = len(self.r.escalations) + 1
        e: dict[str, Any] = {"id": f"esc-{raised.year}-{n:04d}", "from": b.id,
                             "raised": raised, "to": parent.id, "issue": self.pick(_ESCALATIONS)}
        if action_id:
            e["action"] = action_id
        response = next((m for m in parent.meetings if m.held and m.date > raised), None)
        if response:
            e["response"] = {"meeting": response.date, "text": self.pick(_RESPONSES)}
            e["status"] = self.pick(("responded", "responded", "closed"))
        else:
            e["status"] = "open"
        self.r.escalations.append(e)

    def ensure_escalation(self) -> None:
        """At least one escalation, so every kind of record is present even when small."""
        if self.r.escalations:
            return
        for b in self.r.bodies:
            held = b.held()
            if b.parents and len(held) > 2:
                self.escalate(b, held[len(held) // 2].date, None)
                return

    # ------------------------------------------------------------ scorecard

    def scorecard(self) -> None:
        for a in self.r.areas:
            bodies = {b.template.key: b for b in self.r.bodies if b.area is a}
            if "exec" not in bodies:
                continue
            scrutiny = [bodies[k].id for k in ("exec", "qa") if k in bodies]
            missing_scrutiny = [bodies[k].id for k in ("steering", "exec") if k in bodies][:1]
            specs = (
                ("missing-episodes", "Missing from home episodes, children", "police",
                 "episodes", "lower-is-better", "monthly", 10, None, (120, 150), (0, None),
                 "protect", ["missing-from-home"], missing_scrutiny, (60, 160)),
                ("return-home-interviews", "Return home interviews offered within 72 hours",
                 "la", "%", "higher-is-better", "monthly", 10, 95, (90, 80), (0, 100),
                 "protect", ["missing-from-home"], missing_scrutiny, (70, 99)),
                ("exploitation-referrals", ("Child exploitation concerns referred to the "
                 "front door"), "la", "referrals", "higher-is-better", "monthly", 10, None,
                 None, (0, None), "prepare", [], scrutiny, (10, 45)),
                ("county-lines-disruptions", "County lines disruptions", "police",
                 "disruptions", "higher-is-better", "quarterly", 21, None, (12, 8),
                 (0, None), "pursue", [], scrutiny, (5, 25)),
                ("yj-exploitation-cohort", ("Youth justice cohort assessed at risk of "
                 "exploitation"), "yj", "children", "lower-is-better", "quarterly", 21,
                 None, (30, 40), (0, None), "prevent", [], scrutiny, (10, 45)),
            )
            for (key, title, role, unit, polarity, freq, after, target, thresholds, bounds,
                 strand, tags, by, spread) in specs:
                measure: dict[str, Any] = {
                    "id": f"{a.slug}-{key}", "title": f"{title} ({a.name})",
                    "owner": a.orgs[role], "unit": unit, "polarity": polarity,
                    "frequency": freq, "available_after": f"{after} days"}
                if target is not None:
                    measure["target"] = target
                if thresholds:
                    measure["thresholds"] = {"amber": thresholds[0], "red": thresholds[1]}
                measure["bounds"] = {k: v for k, v in zip(("min", "max"), bounds, strict=True)
                                     if v is not None}
                measure["strand"] = strand
                if tags:
                    measure["tags"] = tags
                measure["scrutinised_by"] = by
                self.r.measures.append(measure)
                self.values(measure, [self.r.body(x) for x in by], after, spread)

    def values(self, measure: dict[str, Any], bodies: list[_Body], after: int,
               spread: tuple[int, int]) -> None:
        rng, freq = self.rng, measure["frequency"]
        avail = Duration(after, "day")
        last = Period.latest_ended(freq, avail.before(self.today))
        periods: list[Period] = []
        p = last
        while p.start >= self.start:
            periods.append(p)
            p = p.previous(freq)
        deadlines: dict[str, date] = {}
        for b in bodies:
            seen: set[str] = set()
            for m in b.meetings:
                if m.status == "cancelled":
                    continue
                due_p = Period.latest_ended(freq, avail.before(m.date))
                if due_p.label in seen:
                    continue
                seen.add(due_p.label)
                v = b.tor_at(m.date)
                papers = next((off for name, off in v.offsets()
                               if name == "papers-circulated"), None)
                due = self.cal.deadline(m.date, papers) if papers else m.date
                deadlines[due_p.label] = min(due, deadlines.get(due_p.label, due))
        rows = self.r.values.setdefault(measure["owner"], [])
        lo, hi = spread
        value = rng.uniform(lo, hi)
        for p in reversed(periods):
            value = min(hi, max(lo, value + rng.uniform(-(hi - lo) / 6, (hi - lo) / 6)))
            submitted = p.end + timedelta(days=after - rng.randint(0, min(after - 1, 6)))
            if p.label in deadlines:
                submitted = min(submitted, deadlines[p.label])
            submitted = min(submitted, self.today)
            rows.append((measure["id"], p.label, round(value), submitted))

    def publications(self) -> None:
        rng = self.rng
        for p in self.r.partnerships:
            rule = p.get("annual_report", {}).get("rule")
            pubs = []
            if rule == "every-12-months":
                day = add_months(self.today, -rng.randint(1, 5))
                while day > add_months(self.start, -12):
                    end = add_months(day, -2).replace(day=1) - timedelta(days=1)
                    pubs.append({"kind": "annual-report", "title": f"{p['name']} yearly "
                                 f"report {end.year}", "published": day,
                                 "period_start": add_months(end + timedelta(days=1), -12),
                                 "period_end": end})
                    day = add_months(day, -12)
            elif rule == "after-financial-year":
                for year in range(self.start.year - 1, self.today.year + 1):
                    fy_end = date(year, 3, 31)
                    published = add_months(fy_end, rng.randint(3, 5))
                    if published <= self.today and published >= add_months(self.start, -12):
                        pubs.append({"kind": "annual-report", "title": f"{p['name']} annual "
                                     f"report {year - 1}-{str(year)[2:]}",
                                     "published": published,
                                     "period_start": date(year - 1, 4, 1),
                                     "period_end": fy_end})
            if pubs:
                p["publications"] = sorted(pubs, key=lambda x: x["published"])

    # ------------------------------------------------------------ minutes

    def minutes_text(self, b: _Body, m: _Meeting) -> str:
        rng = self.rng
        if m.status == "cancelled":
            when = f"{m.rearranged:%-d %B %Y}" if m.rearranged else "a later date"
            return (f"The meeting was cancelled. {m.cancelled_reason} It was rearranged for "
                    f"{when}.\n")
        if m.status == "scheduled":
            return ("## Agenda\n\n" + "".join(f"{i}. {item}\n" for i, item in
                                             enumerate(m.agenda, 1))
                    + "\nPapers will be circulated before the meeting in line with the terms "
                      "of reference.\n")
        area = b.area.name
        org_names = [self.orgs[o].get("short_name", self.orgs[o]["name"]) for o in
                     sorted({s.org for s in b.seats if s.org})]
        measures = ("the missing from home rate", "the timeliness of return home interviews",
                    "the number of exploitation referrals", "the rate of repeat referrals")
        target = rng.randint(2000, 6000)

        deck: list[str] = []

        def sentence(topic: str) -> str:
            if not deck:
                deck.extend(_ITEM_SENTENCES)
                rng.shuffle(deck)
            return deck.pop().format(A=area, O=self.pick(org_names), T=topic.lower(),
                                     M=self.pick(measures).capitalize())

        v = b.tor_at(m.date)
        parts = ["## Welcome and apologies", "",
                 "The chair welcomed members. Apologies and representatives are recorded "
                 "above." + (" The meeting was quorate." if m.quorate else ""), ""]
        if v.declarations:
            parts += ["## Declarations of interest", "",
                      "No interests were declared." if m.declarations == "none" else
                      "An interest was declared and is recorded above; the member took no "
                      "part in the decision on that item.", ""]
        parts += ["## Minutes of the last meeting and action tracker", "",
                  ("The minutes of the last meeting were agreed as a true record. The action "
                  "tracker was reviewed; updates are recorded in the tracker."), ""]
        topics = rng.sample(b.template.topics, min(len(b.template.topics), rng.randint(2, 4)))
        sections: list[list[str]] = [[] for _ in topics]
        size = sum(len(x) + 1 for x in parts) + sum(len(t) + 5 for t in topics)
        i = 0
        while size < target - 300 or i < 2 * len(topics):
            s = sentence(topics[i % len(topics)])
            paragraphs = sections[i % len(sections)]
            if paragraphs and rng.random() < 0.6:
                paragraphs[-1] += " " + s
            else:
                paragraphs.append(s)
            size += len(s) + 2
            i += 1
        for topic, paragraphs in zip(topics, sections, strict=True):
            parts += [f"## {topic}", ""]
            for paragraph in paragraphs:
                parts += [paragraph, ""]
        if m.decisions:
            parts += ["## Decisions", ""]
            parts += [f"- **{d['id']}**: {d['text']}" for d in m.decisions] + [""]
        if m.actions:
            parts += ["## Actions agreed", ""]
            parts += [f"- {aid}: {what}" for aid, what in m.actions] + [""]
        parts += ["## Any other business", "", "None.", ""]
        return "\n".join(parts)


# ---------------------------------------------------------------- writing files


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def _header(text: str) -> str:
    return ("# Generated by minutebook.synth: a synthetic repository (invented places, "
            "organisations and posts;\n# no real people). " + text + "\n")


def _files(r: _Region) -> dict[str, str]:
    """Every file of the repository, by path."""
    files: dict[str, str] = {}
    files["minutebook.yaml"] = _header("Settings.") + _yaml({
        "format": FORMAT, "site_name": f"{r.name}: safeguarding partnership governance (synthetic)",
        "nation": "england-and-wales", "closure_days": r.closures})
    files["governance/organisations.yaml"] = _header("Organisations.") + _yaml(
        {"organisations": r.organisations})
    files["governance/partnerships.yaml"] = _header("Partnerships.") + _yaml(
        {"partnerships": r.partnerships})
    for b in r.bodies:
        files.update(_body_files(b))
    files["actions.yaml"] = _header("The action tracker.") + _yaml({"actions": r.actions})
    files["escalations.yaml"] = _header("Escalations.") + _yaml(
        {"escalations": r.escalations})
    files["scorecard/measures.yaml"] = _header("Scorecard measures.") + _yaml(
        {"measures": r.measures})
    for org, rows in sorted(r.values.items()):
        files[f"scorecard/values/{org}.csv"] = _csv(rows)
    files[META_FILE] = json.dumps({"generator": GENERATOR, "size": r.size_name,
                                   "sizes": asdict(r.sizes), "seed": r.seed,
                                   "today": r.today.isoformat()}, indent=2) + "\n"
    return files


def _csv(rows: list[tuple[str, str, float, date]]) -> str:
    lines = ["measure,period,value,submitted,note"]
    lines += [f"{m},{p},{v:g},{s.isoformat()}," for m, p, v, s in sorted(rows)]
    return "\n".join(lines) + "\n"


def _body_files(b: _Body) -> dict[str, str]:
    files = {f"governance/bodies/{b.id}.yaml": _yaml(b.doc())}
    for v in b.tors:
        files[f"governance/tor/{b.id}/{v.version}.md"] = "---\n" + _yaml(v.front()) + \
            "---\n" + v.prose
    for m in b.meetings:
        files[m.rel] = _meeting_file(m)
    return files


def _meeting_file(m: _Meeting) -> str:
    return "---\n" + _yaml(m.front()) + "---\n" + m.text


def _write(root: Path, files: dict[str, str]) -> int:
    total = 0
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def _build(sizes: Sizes, size_name: str, seed: int, today: date) -> _Region:
    return _Gen(sizes, size_name, seed, today).build()


def generate(root: Path | str, size: str | Sizes = "small", seed: int = 1,
             today: date = DEFAULT_TODAY) -> Stats:
    """Write a valid synthetic repository into ``root`` (which must not hold one yet)."""
    root = Path(root)
    if (root / "governance").exists() or (root / "meetings").exists():
        raise FileExistsError(f"{root} already holds a minutebook repository")
    sizes = sizes_of(size)
    name = size if isinstance(size, str) else "custom"
    r = _build(sizes, name, seed, today)
    files = _files(r)
    root.mkdir(parents=True, exist_ok=True)
    written = _write(root, files)
    meetings = [m for b in r.bodies for m in b.meetings]
    return Stats(name, seed, today.isoformat(), len(r.areas), len(r.organisations),
                 len(r.partnerships), len(r.bodies), sum(len(b.tors) for b in r.bodies),
                 len(meetings), sum(m.status == "held" for m in meetings),
                 sum(m.status == "scheduled" for m in meetings),
                 sum(m.status == "cancelled" for m in meetings), len(r.actions),
                 len(r.escalations), len(r.measures), sum(len(v) for v in r.values.values()),
                 len(files), written)


# ---------------------------------------------------------------- known breaches

BREACH_CODES = ("QU001", "QU002", "CH001", "CH003", "CA001", "TR001", "DL001", "AT001",
                "AC001", "AC002", "MN001", "RF001", "SC001", "CH013")


def _read_meta(root: Path) -> tuple[Sizes, str, int, date]:
    meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
    if meta.get("generator") != GENERATOR:
        raise ValueError(f"{root} was not written by this version of minutebook.synth")
    return (Sizes(**meta["sizes"]), meta["size"], int(meta["seed"]),
            date.fromisoformat(meta["today"]))


class _Breaker:
    """Picks targets that touch no other rule, changes them, and says what to expect."""

    def __init__(self, r: _Region, seed: int) -> None:
        self.r = r
        self.rng = random.Random(f"minutebook-synth-breaches:{seed}")
        self.today = r.today
        self.cal = WorkingCalendar("england-and-wales", frozenset(r.closures))
        self.orgs = {o["id"]: o for o in r.organisations}
        self.used: set[tuple[str, date]] = set()
        self.used_actions: set[str] = set()
        self.changed: set[str] = set()
        self.expected: list[ExpectedFinding] = []
        self.busy: set[tuple[str, date]] = set()
        for b in r.bodies:  # meetings other records point at: left alone
            for v in b.tors:
                if v.approved.get("at_meeting"):
                    self.busy.add((v.approved["by"], v.approved["date"]))
        for e in r.escalations:
            self.busy.add((e["from"], e["raised"]))
            if "response" in e:
                self.busy.add((e["to"], e["response"]["meeting"]))
        for a in r.actions:
            if a["status"] == "escalated":
                for u in a.get("updates", ()):
                    self.busy.add((a["body"], u["meeting"]))

    def expect(self, code: str, file: str) -> None:
        self.expected.append(ExpectedFinding(code, file))

    def free(self, b: _Body, m: _Meeting) -> bool:
        return (b.id, m.date) not in self.used and (b.id, m.date) not in self.busy

    def meetings(self, b: _Body, *, middle: bool = False) -> list[tuple[int, _Meeting]]:
        held = b.held()
        out = [(i, m) for i, m in enumerate(held) if self.free(b, m)]
        if middle:
            out = [(i, m) for i, m in out if 0 < i < len(held) - 1]
        return out

    def choose(self, options: list[Any], what: str) -> Any:
        if not options:
            raise ValueError(f"synth: no place to inject {what} in this repository")
        return options[self.rng.randrange(len(options))]

    # ------------------------------------------------------------ each breach

    def inquorate(self, code: str) -> None:
        now = [b for b in self.r.bodies if not b.tor_at(self.today).expectations]
        options = []
        for b in now:
            for _, m in self.meetings(b):
                v = b.tor_at(m.date)
                if v.representative or (v.decisions or {}).get("requires"):
                    continue
                if code == "QU001" and (not m.decisions or v.quorum.get(
                        "ratify_inquorate_decisions")):
                    continue
                keep = {m.chair} | self.named(m, drop_decisions=code == "QU002")
                seats = [s for s in b.seats if s.active(m.date)]
                if not _met(v.quorum["requires"], seats, keep & set(m.attendance), self.orgs,
                            b.roles_on(m.date), m.chair):
                    options.append((b, m, keep))
        b, m, keep = self.choose(options, code)
        self.used.add((b.id, m.date))
        if code == "QU002":
            m.decisions = []
        m.quorate = None
        for seat_id in m.attendance:
            if seat_id not in keep:
                m.attendance[seat_id] = "apologies"
        self.changed.add(m.rel)
        self.expect(code, m.rel)

    @staticmethod
    def named(m: _Meeting, drop_decisions: bool = False) -> set[str]:
        """Seats a meeting's record names as taking part (declarations, dissent)."""
        out = {d["seat"] for d in m.declarations} if isinstance(m.declarations, list) \
            else set()
        if not drop_decisions:
            out |= {s for d in m.decisions for s in d.get("dissent", ())}
        return out

    def wrong_chair(self) -> None:
        options = []
        for b in self.r.bodies:
            for _, m in self.meetings(b):
                roles = b.roles_on(m.date)
                others = [s for s, x in m.attendance.items() if x == "present" and
                          s not in roles and s != m.chair and
                          s != b.tor_at(m.date).chair.get("seat")]
                if others:
                    options.append((b, m, sorted(others)))
        b, m, others = self.choose(options, "CH001")
        self.used.add((b.id, m.date))
        m.chair = self.choose(others, "CH001")
        m.chaired_by_deputy = False
        self.changed.add(m.rel)
        self.expect("CH001", m.rel)

    def long_chair_term(self) -> None:
        options = [(b, t) for b in self.r.bodies if b.tor_at(self.today).chair["method"] ==
                   "rotation" for t in b.chair_terms if t["role"] == "chair" and
                   t.get("until") and add_months(t["from"], 8) < self.today and
                   t["from"] >= b.tors[0].in_force]
        b, t = self.choose(options, "CH003")
        t["until"] = add_months(t["from"], 7)
        rel = f"governance/bodies/{b.id}.yaml"
        self.changed.add(rel)
        self.expect("CH003", rel)
        self.expect("CH013", rel)  # the overrun overlaps the next chair's term

    def gap(self) -> None:
        options = []
        for b in self.r.bodies:
            if b.tor_at(self.today).per_year:
                continue
            held = b.held()
            for i, m in self.meetings(b, middle=True):
                prev, nxt = held[i - 1], held[i + 1]
                if not (self.free(b, prev) and self.free(b, nxt)):
                    continue
                v = b.tor_at(nxt.date)
                if nxt.date <= prev.date + timedelta(weeks=v.weeks, days=v.tolerance):
                    continue
                ok = all((a.get("closed") and a["closed"] < nxt.date) or any(
                    u["meeting"] == nxt.date for u in a.get("updates", ()))
                    for a in self.r.actions if a["body"] == b.id and a["raised"] == prev.date)
                if ok:
                    options.append((b, prev, m, nxt))
        b, prev, m, nxt = self.choose(options, "CA001")
        self.used |= {(b.id, prev.date), (b.id, m.date), (b.id, nxt.date)}
        m.status, m.cancelled_reason = "cancelled", "Cancelled at short notice."
        m.chair, m.chaired_by_deputy, m.attendance, m.guests = None, False, {}, []
        m.quorate, m.milestones, m.minutes_status, m.approved_at = None, {}, None, None
        m.declarations, m.decisions = None, []
        prev.approved_at = nxt.date
        self.changed |= {m.rel, prev.rel}
        self.expect("CA001", nxt.rel)

    def review_overdue(self) -> None:
        b = self.choose(self.r.bodies, "TR001")
        v = b.tor_at(self.today)
        v.review_last = Duration.parse(v.review_every).before(self.today) - timedelta(days=10)
        rel = f"governance/tor/{b.id}/{v.version}.md"
        self.changed.add(rel)
        self.expect("TR001", rel)

    def late_papers(self) -> None:
        options = []
        for b in self.r.bodies:
            for _, m in self.meetings(b):
                offs = [(n, o) for n, o in b.tor_at(m.date).offsets()
                        if o.before and n in m.milestones]
                if offs:
                    options.append((b, m, offs[0]))
        b, m, (name, off) = self.choose(options, "DL001")
        self.used.add((b.id, m.date))
        m.milestones[name] = self.cal.deadline(m.date, off) + timedelta(days=1)
        self.changed.add(m.rel)
        self.expect("DL001", m.rel)

    def unrepresented(self) -> None:
        options = []
        for b in self.r.bodies:
            for _, m in self.meetings(b):
                v = b.tor_at(m.date)
                if not v.representative:
                    continue
                roles = b.roles_on(m.date)
                seats = [s for s in b.seats if s.active(m.date)]
                critical = _critical(v.quorum["requires"], seats, self.orgs, roles, m.chair)
                critical |= set(roles) | {m.chair}
                attending = {s for s, x in m.attendance.items() if x != "apologies"
                             and x != "absent"}
                for s in seats:
                    if s.id in critical or s.id not in attending or s.id in self.named(m):
                        continue
                    same_org = [x.id for x in seats if x.id != s.id and x.id in attending and
                                (x.org or x.id) == (s.org or s.id)]
                    if same_org or self.missed(b, s.id, m.date):
                        continue
                    if _met(v.quorum["requires"], seats, attending - {s.id}, self.orgs, roles,
                            m.chair):
                        options.append((b, m, s.id))
        b, m, seat_id = self.choose(options, "AT001")
        self.used.add((b.id, m.date))
        m.attendance[seat_id] = "apologies"
        self.changed.add(m.rel)
        self.expect("AT001", m.rel)

    def missed(self, b: _Body, seat_id: str, day: date) -> bool:
        """Whether a seat missed a meeting within 13 months of a day (attendance rules)."""
        return any(m.attendance.get(seat_id) in ("apologies", "absent") and
                   abs((m.date - day).days) < 400 for m in b.held())

    def overdue_action(self) -> None:
        options = [a for a in self.r.actions if a["status"] == "open" and
                   a["raised"] < self.today - timedelta(days=1)
                   and a["id"] not in self.used_actions]
        a = self.choose(options, "AC001")
        self.used_actions.add(a["id"])
        a["due"] = self.today - timedelta(days=1)
        for u in a.get("updates", ()):
            u.pop("due", None)
        self.changed.add("actions.yaml")
        self.expect("AC001", "actions.yaml")

    def unreviewed_action(self) -> None:
        options = []
        for a in self.r.actions:
            b = self.r.body(a["body"])
            if a["id"] in self.used_actions or not b.tor_at(a["raised"]).actions_review:
                continue
            ups = a.get("updates", [])
            if len(ups) == 1 and a.get("closed") == ups[0]["meeting"]:
                options.append(a)
        a = self.choose(options, "AC002")
        self.used_actions.add(a["id"])
        del a["updates"]
        self.changed.add("actions.yaml")
        self.expect("AC002", "actions.yaml")

    def unapproved_minutes(self) -> None:
        options = []
        for b in self.r.bodies:
            held = b.held()
            for i, m in self.meetings(b):
                if i + 1 < len(held) and b.tor_at(m.date).minutes_approval and \
                        m.minutes_status == "approved":
                    options.append((b, m))
        b, m = self.choose(options, "MN001")
        self.used.add((b.id, m.date))
        m.minutes_status, m.approved_at = "draft", None
        self.changed.add(m.rel)
        self.expect("MN001", m.rel)

    def dangling(self) -> None:
        options = [a for a in self.r.actions if a["id"] not in self.used_actions]
        a = self.choose(options, "RF001")
        self.used_actions.add(a["id"])
        a["owner"] = {"seat": "former-member-seat"}
        self.changed.add("actions.yaml")
        self.expect("RF001", "actions.yaml")

    def unknown_field(self) -> None:
        if self.r.escalations:
            e = self.choose(self.r.escalations, "SC001")
            e["priority"] = "high"
            self.changed.add("escalations.yaml")
            self.expect("SC001", "escalations.yaml")
            return
        options = [a for a in self.r.actions if a["id"] not in self.used_actions]
        a = self.choose(options, "SC001")
        self.used_actions.add(a["id"])
        a["priority"] = "high"
        self.changed.add("actions.yaml")
        self.expect("SC001", "actions.yaml")

    def run(self) -> None:
        self.inquorate("QU001")
        self.inquorate("QU002")
        self.gap()
        self.unapproved_minutes()
        self.wrong_chair()
        self.long_chair_term()
        self.review_overdue()
        self.late_papers()
        self.unrepresented()
        self.unreviewed_action()
        self.overdue_action()
        self.dangling()
        self.unknown_field()


def inject_breaches(root: Path | str, seed: int = 1) -> list[ExpectedFinding]:
    """Break exactly one rule for each code in BREACH_CODES in a generated repository.

    Returns the (code, file) pairs ``check`` (as of the generation's today) then reports:
    one finding for each, and nothing else.
    """
    root = Path(root)
    sizes, name, gen_seed, today = _read_meta(root)
    r = _build(sizes, name, gen_seed, today)
    breaker = _Breaker(r, seed)
    breaker.run()
    files = _files(r)
    _write(root, {rel: files[rel] for rel in sorted(breaker.changed)})
    return sorted(breaker.expected)


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minutebook.synth",
                                     description="Write a synthetic minutebook repository.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--size", choices=sorted(PRESETS), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument("--bodies", type=int)
    parser.add_argument("--years", type=int)
    parser.add_argument("--meetings-per-year", type=float)
    parser.add_argument("--actions-per-meeting", type=float)
    parser.add_argument("--inject-breaches", action="store_true",
                        help="then break one rule of each of " + ", ".join(BREACH_CODES))
    args = parser.parse_args(argv)
    sizes = sizes_of(args.size, bodies=args.bodies, years=args.years,
                     meetings_per_year=args.meetings_per_year,
                     actions_per_meeting=args.actions_per_meeting)
    size: str | Sizes = args.size if sizes == PRESETS[args.size] else sizes
    stats = generate(args.root, size, args.seed, args.today)
    print(json.dumps(asdict(stats), indent=2))
    if args.inject_breaches:
        for f in inject_breaches(args.root, args.seed):
            print(f"expected: {f.code} {f.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
