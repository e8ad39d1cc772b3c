"""Mentions of one exchange in an article become one event, and mentions of two stay two: the merge of the candidates
(whatever the decision keeps of them). Sentences are written for the tests (none is taken from a corpus)."""

from __future__ import annotations

from datetime import date

from nlp_helpers import drafts

from etl.events.draft import EventDraft
from etl.events.merge import merge_events


def merged(text: str, published: date = date(2018, 10, 5)) -> list[EventDraft]:
    return merge_events(drafts(text, published))


def triggers(event: EventDraft) -> set[str]:
    return {text for _start, _end, text in event.mentions}


def actors(event: EventDraft) -> set[str]:
    return {a.name for a in event.actors}


def test_a_leader_of_no_stated_country_still_stands_for_the_state_visited() -> None:
    """The article never says whose prime minister Modi is; the actor dictionary knows, for merging alone."""
    events = merged("Russian President Vladimir Putin arrived in New Delhi on Thursday for a two-day visit to India. "
                    "On Thursday the missile deal was finalised in New Delhi in a meeting between Putin and Prime "
                    "Minister Narendra Modi.")
    [joined] = [e for e in events if "meeting" in triggers(e)]
    assert joined.mode == "visit" and len(triggers(joined)) >= 2
    assert {"Vladimir Putin", "Narendra Modi", "India"} <= actors(joined)
    # the dictionary's state is not the exported one
    modi = next(a for e in events for a in e.actors if a.name == "Narendra Modi")
    assert modi.country_code is None and modi.known_country == "IND"


def test_what_two_leaders_will_discuss_on_a_visit_under_way_is_the_visit() -> None:
    events = merged("Ethiopian Prime Minister Abiy Ahmed arrived in Asmara on Saturday for talks with Eritrean "
                    "President Isaias Afwerki. The two leaders will discuss regional cooperation, a spokesman said.",
                    date(2020, 7, 18))
    assert not [e for e in events if e.mode == "phone"]
    assert any("discuss" in triggers(e) and {"Abiy Ahmed", "Isaias Afwerki"} <= actors(e) for e in events)


def test_one_visitor_following_another_makes_two_journeys() -> None:
    events = merged("Commerce Secretary Gina Raimondo is to visit Tokyo in the coming days, with Secretary of State "
                    "Antony Blinken following in the coming weeks, the official said.", date(2024, 4, 2))
    raimondo = [e for e in events if "Gina Raimondo" in actors(e)]
    assert raimondo and all("Antony Blinken" not in actors(e) for e in raimondo)


def test_two_mentions_of_one_journey_by_one_visitor_are_one_visit() -> None:
    events = merged("Chinese President Xi Jinping will travel to Britain for a state visit on October 20. Xi's visit "
                    "will be the first by a Chinese head of state in a decade.", date(2015, 9, 28))
    visits = [e for e in events if "Xi Jinping" in actors(e) and e.mode == "visit"]
    assert len(visits) == 1


def test_a_candidate_is_what_the_decision_weighed_not_what_merging_made_of_it() -> None:
    """Training labels a candidate by its parties: those the decision saw, not those of later mentions it absorbed."""
    found = drafts("Biden met Xi in Bali on Monday. The talks between Biden, Xi and Blinken lasted three hours.",
                   date(2022, 11, 15))
    [met] = [d for d in found if triggers(d) == {"met"}]
    assert actors(met) == {"Biden", "Xi"}
    assert [text for _start, _end, text in met.mentions] == ["met"]
    [joined] = [e for e in merge_events(found) if "met" in triggers(e)]
    assert triggers(joined) == {"met", "talks"} and "Blinken" in actors(joined)


def test_a_bodys_summit_told_with_other_attendees_is_one_summit() -> None:
    """Each mention of "the NATO summit in Vilnius" names the body and someone else (a guest, the host country):
    the body, the place and the time make it one gathering."""
    events = merged("Ukrainian President Volodymyr Zelensky will attend the NATO summit in Vilnius in July, the "
                    "alliance said. The NATO summit will be held in Vilnius, Lithuania, on July 11-12.",
                    date(2023, 4, 21))
    [summit] = [e for e in events if e.mode == "multilateral"]
    assert {"NATO", "Volodymyr Zelensky"} <= actors(summit)
    assert (summit.date["start"], summit.date["end"]) == ("2023-07-11", "2023-07-12")
    # the body's summit elsewhere is another gathering
    events = merged("The NATO summit in Madrid last year was a success. The NATO summit will be held in Vilnius "
                    "on July 11-12.", date(2023, 4, 21))
    assert len([e for e in events if e.mode == "multilateral"]) == 2
