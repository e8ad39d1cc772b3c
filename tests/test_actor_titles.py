"""A person's stored title names an office: never an evaluation ("dictator"), a relation to someone else
("counterpart"), a bare generic head ("head", "spokeswoman") or a fragment of a longer name or coordination."""

from __future__ import annotations

from datetime import date

from nlp_helpers import events
from test_actors import _lexicon, person, title_at

# ----- evaluations are descriptions, not offices -----


def test_an_evaluation_is_no_title_but_gives_the_country() -> None:
    text = "Critics say Syria's dictator, Omar Khalil, has silenced the press."
    assert title_at(text, "Omar Khalil") is None
    actor = person(text, "Omar Khalil")
    assert actor.titles == []
    assert actor.country_code == "SYR"
    assert actor.descriptions == ["Syria's dictator"]


def test_an_evaluation_with_a_nationality_is_no_title() -> None:
    text = "Critics say the Belarusian strongman, Ivan Petrov, has silenced the press."
    actor = person(text, "Ivan Petrov")
    assert actor.titles == []
    assert actor.country_code == "BLR"


def test_an_evaluation_before_an_office_is_dropped() -> None:
    text = "The strongman ruler of Dagestan, Magomed Aliev, spoke on Monday."
    assert title_at(text, "Magomed Aliev") == "ruler of Dagestan"


def test_an_evaluation_still_makes_a_leader() -> None:
    actor = person("Critics say Syria's dictator, Omar Khalil, has silenced the press.", "Omar Khalil")
    assert _lexicon().is_leader(actor)


# ----- relations are no offices -----


def test_a_counterpart_is_no_title_but_gives_the_country() -> None:
    text = "Erdem Kaya, the Turkish foreign minister, spoke with his Greek counterpart, Nikos Petrou, on Monday."
    assert title_at(text, "Erdem Kaya") == "Turkish foreign minister"
    assert title_at(text, "Nikos Petrou") is None
    actor = person(text, "Nikos Petrou")
    assert actor.titles == []
    assert actor.country_code == "GRC"


def test_a_counterpart_after_a_country_name_is_no_title() -> None:
    text = "Erdem Kaya discussed the crisis with his Greece counterpart Nikos Petrou on Monday."
    actor = person(text, "Nikos Petrou")
    assert actor.titles == []
    assert actor.country_code == "GRC"


def test_a_counterpart_is_no_participant_title() -> None:
    [ev] = events("Erdem Kaya, the Turkish foreign minister, met his Greek counterpart, Nikos Petrou, in Athens on "
                  "Monday.", published=date(2024, 5, 8))
    by_name = {p.actor.name: p for p in ev.participants}
    assert by_name["Nikos Petrou"].title is None
    assert by_name["Nikos Petrou"].actor.country_code == "GRC"
    assert by_name["Erdem Kaya"].title == "Turkish foreign minister"


# ----- bare generic heads -----


def test_its_head_is_completed_from_the_body_named_before() -> None:
    text = ("Tbilisi has courted the Georgian Labour party (GLP), the country's oldest opposition movement, and has "
            "hosted its head, Levan Beridze.")
    assert title_at(text, "Levan Beridze") == "head of the Georgian Labour party (GLP)"


def test_its_leader_is_completed_from_the_country_named_before() -> None:
    text = "After weeks of protests in the capital, Chile dismissed its longtime leader, Jorge Castillo."
    assert title_at(text, "Jorge Castillo") == "leader of Chile"
    assert person(text, "Jorge Castillo").country_code == "CHL"


def test_a_bare_generic_head_is_no_title() -> None:
    text = "Rana Aziz, a spokeswoman, declined to comment on the report."
    assert title_at(text, "Rana Aziz") is None
    assert person(text, "Rana Aziz").titles == []


def test_qualified_or_capitalised_offices_stay() -> None:
    assert title_at("President Maria Lopez said the talks would go on.", "Maria Lopez") == "President"
    assert title_at("Spain's leader, Juan Ortega, said the talks would go on.", "Juan Ortega") == "Spain's leader"
    assert title_at("The Dutch foreign minister, Pieter Jansen, said the talks would go on.",
                    "Pieter Jansen") == "Dutch foreign minister"


# ----- fragments of a name or a coordination -----


def test_a_title_stops_before_a_kinship_conjunct() -> None:
    text = "Streets are named after Karim Haddad, leader of the Kurdish reform movement and father of the minister."
    assert title_at(text, "Karim Haddad") == "leader of the Kurdish reform movement"


def test_a_long_body_name_is_kept_whole() -> None:
    text = "Omar Saleh, director at the Institute for the Study of War and Peace Reporting, said so."
    assert title_at(text, "Omar Saleh") == "director at the Institute for the Study of War and Peace Reporting"


def test_a_coordination_cut_short_leaves_no_fragment() -> None:
    text = "Rana Aziz, head of the Middle East and north Africa programme at the Royal Institute, said so."
    assert title_at(text, "Rana Aziz") != "head of the Middle East"


def test_a_place_name_before_an_office_is_kept_whole() -> None:
    assert title_at("Former New York City Mayor Tom Brand spoke.", "Tom Brand") == "Former New York City Mayor"
