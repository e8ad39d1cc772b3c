"""Places: where the exchange took place, resolved with the offline gazetteer."""

from __future__ import annotations

import json
from datetime import date

import pytest
from nlp_helpers import candidates, events, names

from etl.places import get_gazetteer


def test_meeting_in_a_city() -> None:
    [ev] = events("National Security Advisor Jake Sullivan met Chinese Foreign Minister Wang Yi in Bangkok on Friday.")
    assert ev.location is not None
    assert (ev.location.name, ev.location.country_code, ev.location.kind) == ("Bangkok", "THA", "city")
    assert ev.location.lat is not None and ev.location.lon is not None


def test_visited_capital_is_place_not_participant() -> None:
    [ev] = events("Chinese Foreign Minister Wang Yi visited Washington in October 2023 to meet with "
                  "President Joe Biden.")
    assert ev.location is not None and ev.location.name == "Washington"
    assert ev.location.country_code == "USA"
    assert names(ev) == {"Wang Yi", "Joe Biden"}
    assert ev.mode == "visit"


def test_visit_by_one_visitor_adds_host_country() -> None:
    [ev] = events("Treasury Secretary Janet Yellen will travel to China next week.")
    assert ev.status == "planned"
    assert ev.location is not None and ev.location.country_code == "CHN"
    countries = [p.actor for p in ev.participants if p.actor.kind == "COUNTRY"]
    assert [c.country_code for c in countries] == ["CHN"]


def test_phone_call_has_no_place() -> None:
    [ev] = events("President Joe Biden and Chinese President Xi Jinping spoke by phone from Washington on Tuesday.")
    assert ev.mode == "phone"
    assert ev.location is None


def test_us_state() -> None:
    [ev] = events("President Joe Biden met Chinese President Xi Jinping in California last November.")
    assert ev.location is not None
    assert (ev.location.name, ev.location.kind, ev.location.country_code) == ("California", "admin1", "USA")


@pytest.mark.parametrize(("name", "foreign_town"), [("Florida", "CUB"), ("Virginia", "ZAF"), ("Arizona", "HND")])
def test_a_us_state_before_a_town_abroad_of_that_name(name: str, foreign_town: str) -> None:
    """"in Florida" is the state, not Florida, Cuba; a country or a capital keeps its name ("Georgia",
    "Washington")."""
    place = get_gazetteer().lookup(name)
    assert (place.kind, place.country_code) == ("admin1", "USA")
    [ev] = events(f"Xi Jinping met Donald Trump in {name} on Friday.")
    assert (ev.location.name, ev.location.country_code) == (name, "USA")
    assert names(ev) == {"Xi Jinping", "Donald Trump"}
    assert all(p.actor.country_code != foreign_town for p in ev.participants)  # no host from the town's state
    assert get_gazetteer().lookup("Georgia").kind == "country"
    assert get_gazetteer().lookup("Washington").kind == "city"


def test_conjoined_places_with_their_own_dates_are_separate_events() -> None:
    evs = events("National Security Advisor Jake Sullivan and Chinese Foreign Minister Wang Yi have met often. "
                 "They met in Vienna in May 2023, Malta in September 2023 and Bangkok in January 2024.")
    places = sorted((e.location.name, e.date.start.isoformat()) for e in evs if e.location and e.date)
    assert places == [("Bangkok", "2024-01-01"), ("Malta", "2023-09-01"), ("Vienna", "2023-05-01")]


@pytest.mark.parametrize(("name", "expected", "code"), [
    ("Raqqa", "Raqqa", "SYR"),            # a news spelling of a transliterated name keeps that spelling
    ("Raqqa province", "Raqqa", "SYR"),   # "province" does not change the place
    ("Tartus", "Tartus", "SYR"),          # diacritics folded: "Ţarţūs"
    ("Iraqi Kurdistan", "Iraqi Kurdistan", "IRQ"),
    ("Elysée", "Paris", "FRA"),
])
def test_news_spellings_of_places(name: str, expected: str, code: str) -> None:
    place = get_gazetteer().lookup(name)
    assert place is not None and place.name == expected and place.country_code == code


def test_building_is_placed_in_its_city() -> None:
    text = ("The row broke out as the US national security adviser, John Bolton, visited Turkey on Tuesday. Erdoğan "
            "refused to meet Bolton, leaving the US national security adviser to hold talks with his Turkish "
            "counterpart, Ibrahim Kalin, at Ankara's presidency complex.")
    evs = [e for e in events(text) if "Ibrahim Kalin" in names(e)]
    assert len(evs) == 1
    assert evs[0].location is not None and evs[0].location.name == "Ankara"


def test_place_tagged_as_an_organisation_is_the_place_visited() -> None:
    [ev] = events("Ali Akbar Velayati, an aide to Ayatollah Ali Khamenei, visited eastern Ghouta on Monday.")
    assert ev.location is not None and ev.location.name == "Ghouta"
    assert "Ghouta" not in {p.actor.name for p in ev.participants if p.actor.kind == "ORG"}


def test_country_named_as_the_topic_of_a_conference_is_not_its_place() -> None:
    [ev] = events("The EU will hold a Syria reconstruction conference on 24-25 April.")
    assert ev.location is None or ev.location.country_code != "SYR"


def test_the_country_just_named_is_the_place_visited() -> None:
    text = ("The EU commissioner pledged a support package for Gambia. Following in his footsteps, Boris Johnson "
            "became the first British foreign secretary to visit the country.")
    [ev] = events(text)
    assert ev.mode == "visit"
    assert "Boris Johnson" in names(ev)
    assert ev.location is not None and ev.location.country_code == "GMB"


def test_tour_of_a_country() -> None:
    [ev] = events("Baghdad is pushed towards Iran, as symbolised by President Hassan Rouhani's tour of Iraq "
                  "this month.")
    assert ev.mode == "visit"
    assert ev.location is not None and ev.location.country_code == "IRQ"


def test_trilateral_summit_in_a_capital_includes_the_host() -> None:
    [ev] = events("Ankara's demands for a truce, made during a recent trilateral summit in Tehran, were rebuffed by "
                  "Moscow.")
    assert ev.mode == "multilateral"
    assert {"Turkey", "Russia", "Iran"} <= names(ev)


def test_a_place_the_gazetteer_lacks_is_kept_once_by_its_name(cli, db_url: str) -> None:
    """A town NER tags as a place and the gazetteer does not know (a made-up one) is the event's place, by name and
    of no known country; two articles naming it share one row."""
    lines = [json.dumps({"id": f"j{n}", "text": text, "published_at": "2024-03-13", "source": "Wire"})
             for n, text in enumerate([
                 "Israeli troops raided a refugee camp in Umm Safar on Tuesday, killing three Palestinian militants.",
                 "Israeli troops raided the refugee camp in Umm Safar again on Wednesday, killing two militants."])]
    for line in lines:  # two loads: nothing remembered between them but the database
        result = cli("load", "-", "--db", db_url, input=line + "\n")
        assert result.exit_code == 0, result.output
    rows = cli("sql", "SELECT name, country_code, kind FROM locations WHERE name = 'Umm Safar'", "--format", "json",
               "--db", db_url)
    assert json.loads(rows.stdout) == [{"name": "Umm Safar", "country_code": None, "kind": "site"}]
    placed = cli("sql", "SELECT COUNT(*) AS n FROM events JOIN locations l ON l.id = events.location_id "
                 "WHERE l.name = 'Umm Safar'", "--format", "json", "--db", db_url)
    assert json.loads(placed.stdout)[0]["n"] >= 2


def test_a_town_named_as_the_news_spells_it_gets_its_country() -> None:
    """Jenin and Hodeidah are in the gazetteer as Janin and Al Hudaydah: a name NER tags as a place is looked up
    among the towns' other spellings, and keeps the spelling of the text."""
    for town, iso3 in (("Jenin", "PSE"), ("Hodeidah", "YEM")):
        [ev] = events(f"Israeli troops raided a refugee camp in {town} on Tuesday, killing three Palestinian "
                      "militants.", kind="ASSAULT")
        assert ev.location is not None, town
        assert (ev.location.name, ev.location.country_code) == (town, iso3)
        assert ev.location.lat is not None


def test_the_kingdom_is_the_country_named_just_before() -> None:
    text = ("The Spanish prime minister, Pedro Sánchez, arrived in Rabat on Wednesday. Sánchez's visit to the Kingdom "
            "will last until Friday.")
    evs = events(text)
    assert evs and all(e.location is not None and e.location.name in ("Rabat", "Morocco") for e in evs)


def test_st_petersburg_is_russias() -> None:
    [ev] = events("Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in St. Petersburg on "
                  "Tuesday.")
    assert (ev.location.name, ev.location.country_code) == ("St. Petersburg", "RUS")


def test_a_meeting_during_a_visit_to_a_country_is_in_that_country() -> None:
    text = ("South African President Cyril Ramaphosa will pay a visit to Nigeria on Tuesday. Ramaphosa is scheduled to "
            "hold bilateral trade talks with Nigerian President Muhammadu Buhari on Wednesday.")
    talks = [e for e in events(text, date(2018, 7, 24)) if e.mode != "visit"]
    assert talks and all(e.location is not None and e.location.country_code == "NGA" for e in talks)
    # someone of another country met during the trip may be met elsewhere
    text = ("Blinken will pay a visit to Israel on Tuesday. Blinken is scheduled to hold talks with Jordan's King "
            "Abdullah on Wednesday.")
    talks = [e for e in events(text, date(2018, 7, 24)) if e.mode != "visit"]
    assert all(e.location is None or e.location.country_code != "ISR" for e in talks)


def test_here_is_where_the_dateline_says_the_copy_was_filed() -> None:
    text = ("UFA, Russia, July 8 (Reuters) - India's foreign secretary said the ties were complex. The economy grew. "
            "Trade grew too. Prime Minister Narendra Modi and his Pakistani counterpart Nawaz Sharif will meet on the "
            "sidelines of the summit here on July 10.")
    [met] = [e for e in events(text, date(2015, 7, 8)) if names(e) == {"Narendra Modi", "Nawaz Sharif"}]
    assert met.location is not None and met.location.name == "Ufa"


def test_a_participle_clause_happened_where_its_clause_did() -> None:
    found = candidates("Israeli troops raided a refugee camp in Jenin on Tuesday, killing three Palestinian militants.",
                       date(2024, 3, 13), kind="ASSAULT")
    killing = [c for c in found if c["mentions"][0]["trigger"] == "killing"]
    assert killing and all((c["location"] or {}).get("name") == "Jenin" and c["date"]["start"] == "2024-03-12"
                           for c in killing)


def test_a_second_verb_with_no_subject_happens_where_the_journey_goes() -> None:
    """"will reach Xi'an on May 14 and meet Xi": the meeting is in Xi'an, as it is on May 14."""
    [met] = events("Prime Minister Narendra Modi will reach Xi'an on May 14 and meet President Xi Jinping.",
                   date(2015, 5, 10))
    assert met.location is not None and met.location.country_code == "CHN" and "Xi" in met.location.name
    assert met.date.start == date(2015, 5, 14)
    # a second verb with a subject of its own tells its own place
    found = events("Modi will reach Xi'an on May 14 and Xi will meet him later.", date(2015, 5, 10))
    assert all(e.location is None or e.mode == "visit" for e in found)


def test_a_country_someone_met_in_is_where_they_met_others_the_day_before() -> None:
    text = ("US Secretary of State Marco Rubio met Chinese Foreign Minister Wang Yi in Malaysia on Friday. "
            "On Thursday, Rubio held talks with Russian Foreign Minister Sergey Lavrov.")
    by_pair = {frozenset(names(ev)): ev for ev in events(text, date(2025, 7, 12))}
    lavrov = by_pair[frozenset({"Marco Rubio", "Sergey Lavrov"})]
    assert lavrov.location is not None and lavrov.location.name == "Malaysia"
    # a week apart, the country says nothing of where the other talks were
    text = text.replace("On Thursday", "On July 3")
    by_pair = {frozenset(names(ev)): ev for ev in events(text, date(2025, 7, 12))}
    assert by_pair[frozenset({"Marco Rubio", "Sergey Lavrov"})].location is None


def test_the_kingdom_is_a_place_named_before_or_none() -> None:
    """"his visit to the Kingdom": a definite description is the place named just before it, else no place (before,
    the capitalised "Kingdom", tagged a place, became a site called Kingdom)."""
    [visit] = events("The visit to the Kingdom by President Lula starts on Friday.", date(2024, 3, 8))
    assert visit.location is None
    visits = events("President Lula arrived in Amman on Tuesday. His visit to the Kingdom ends on Friday.",
                    date(2024, 3, 8))
    assert visits and all(v.location is not None and v.location.country_code == "JOR" for v in visits)
