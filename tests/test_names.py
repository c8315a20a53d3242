"""Organisations by one name, and seats that do not repeat it (issue 18, item 2)."""

from __future__ import annotations

from minutebook.analysis import names_organisation, seat_label
from minutebook.model import Organisation, Seat

NEL = Organisation("nel-icb", "NHS North East London Integrated Care Board (formerly NEL CCG)",
                   frozenset({"icb"}), short_name="ICB, NEL CCG")
HACKNEY = Organisation("hackney-council", "London Borough of Hackney",
                       frozenset({"local-authority"}), short_name="Hackney Council")
POLICE = Organisation("cheshire-police", "Cheshire Constabulary", frozenset({"police"}),
                      short_name="Cheshire Police")


def test_an_organisation_goes_by_its_short_name() -> None:
    assert POLICE.label == "Cheshire Police"
    assert Organisation("x", "Healthwatch Cheshire", frozenset({"other"})).label == \
        "Healthwatch Cheshire"


def test_a_seat_is_its_post_and_its_organisation() -> None:
    assert seat_label(Seat("inspector", "cheshire-police", post="Inspector"), POLICE) == \
        "Inspector, Cheshire Police"
    assert seat_label(Seat("fib", "cheshire-police", post="Inspector",
                           service="Force Intelligence Bureau"), POLICE) == \
        "Inspector, Force Intelligence Bureau, Cheshire Police"


def test_a_post_that_names_its_organisation_is_not_followed_by_it() -> None:
    assert seat_label(Seat("ceo", "nel-icb", post="CEO Designate of the ICB, NEL CCG"),
                      NEL) == "CEO Designate of the ICB, NEL CCG"
    assert seat_label(Seat("ce", "hackney-council",
                           post="Chief Executive of Hackney Council"), HACKNEY) == \
        "Chief Executive of Hackney Council"
    # by its full name too, in any case and spacing
    assert seat_label(Seat("dcs", "hackney-council",
                           post="Director, London  borough of Hackney"), HACKNEY) == \
        "Director, London  borough of Hackney"


def test_a_name_inside_another_word_is_not_the_organisation() -> None:
    org = Organisation("cgl", "Change Grow Live", frozenset({"other"}), short_name="CGL")
    assert not names_organisation("Lead for CGLS referrals", org)
    assert names_organisation("Deputy Services Manager, CGL", org)
    assert seat_label(Seat("s", "cgl", post="Lead for CGLS referrals"), org) == \
        "Lead for CGLS referrals, CGL"
