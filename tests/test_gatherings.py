"""Summits and conferences: the body whose gathering it is, who attended it, and the meetings held at its margins,
each an exchange of its own. Sentences are written for the tests (none is taken from a corpus)."""

from __future__ import annotations

from datetime import date

from nlp_helpers import candidate_names, candidates, drafts, events, names

from etl.events.merge import infer_locations, merge_events

SIDELINES = ("Prime Minister Narendra Modi and his Pakistani counterpart Nawaz Sharif will meet on the sidelines of "
             "the SCO Summit in Ufa on July 10. The two leaders, who will attend the Shanghai Cooperation "
             "Organisation Summit, are expected to discuss trade.")


def test_who_met_on_the_sidelines_of_a_summit_attended_it() -> None:
    summits = [c for c in candidates(SIDELINES, date(2015, 7, 8)) if c["mode"] == "multilateral"]
    assert any({"Narendra Modi", "Nawaz Sharif"} <= candidate_names(c) for c in summits)


def test_the_meeting_at_the_margins_stays_a_meeting_of_two() -> None:
    meetings = [c for c in candidates(SIDELINES, date(2015, 7, 8)) if c["mode"] == "meeting"]
    assert any(candidate_names(c) == {"Narendra Modi", "Nawaz Sharif"} for c in meetings)
    # merged, the summit and the meeting on its sidelines are two exchanges
    modes = {e.mode: {a.name for a in e.actors} for e in merge_events(drafts(SIDELINES, date(2015, 7, 8)))}
    assert modes.get("meeting") == {"Narendra Modi", "Nawaz Sharif"}
    assert "multilateral" in modes


def test_the_two_leaders_who_attend_are_the_pair_named_before() -> None:
    attended = [c for c in candidates(SIDELINES, date(2015, 7, 8)) if c["mentions"][0]["trigger"] == "attend"]
    assert attended and all({"Narendra Modi", "Nawaz Sharif"} <= candidate_names(c) for c in attended)


def test_a_body_the_tagger_took_for_a_place_is_whose_summit_it_is() -> None:
    found = candidates("The Chinese foreign ministry criticised statements issued during the G7 summit hosted by "
                       "Japan.", date(2023, 5, 22))
    assert any(c["mode"] == "multilateral" and {"G7", "Japan"} <= candidate_names(c) for c in found)


def test_a_capitalised_summit_is_a_trigger_like_any_other() -> None:
    found = drafts("Ukrainian President Volodymyr Zelenskyy will take part in the NATO Summit in Vilnius next week.",
                   date(2023, 7, 3))
    assert any(d.mode == "multilateral" and {"NATO", "Volodymyr Zelenskyy"} <= {a.name for a in d.actors}
               and "loose" not in d.flags for d in found)


def test_who_a_gathering_clause_names_was_at_it() -> None:
    found = candidates("The Quad summit began on Friday at the White House, with Prime Minister Narendra Modi, US "
                       "President Joe Biden and Japanese Prime Minister Yoshihide Suga in attendance.",
                       date(2021, 9, 25))
    assert any({"Narendra Modi", "Joe Biden", "Yoshihide Suga"} <= candidate_names(c) for c in found)
    found = candidates("The Tehran summit was attended by Vladimir Putin, Recep Tayyip Erdoğan and Hassan Rouhani.",
                       date(2018, 9, 8))
    assert any(c["mentions"][0]["trigger"] == "summit" and
               {"Vladimir Putin", "Recep Tayyip Erdoğan", "Hassan Rouhani"} <= candidate_names(c) for c in found)


def test_an_exchange_at_a_gathering_told_elsewhere_is_where_and_when_it_was() -> None:
    """'The Nato summit in Vilnius opened on Tuesday. ... During the summit, Biden met Erdoğan': the meeting was in
    Vilnius on Tuesday, as at the summit's margins or at the summit."""
    for told in ("On Tuesday, Biden met Erdoğan on the sidelines of the summit.", "On Tuesday, Biden met Erdoğan at "
                 "the summit.", "During the summit, Biden met Erdoğan."):
        found = events(f"The Nato summit in Vilnius opened on Tuesday. {told}", date(2023, 7, 13))
        [meeting] = [e for e in found if names(e) == {"Biden", "Erdoğan"}]
        assert meeting.location is not None and meeting.location.name == "Vilnius", told
        assert meeting.date.start == date(2023, 7, 11), told
    # two gatherings in two places: which one is not told
    found = events("The Nato summit in Vilnius opened on Tuesday. The G7 summit in Hiroshima opened on Tuesday. "
                   "During the summit, Biden met Erdoğan.", date(2023, 7, 13))
    [meeting] = [e for e in found if names(e) == {"Biden", "Erdoğan"}]
    assert meeting.location is None


def test_a_bodys_summit_at_whose_margins_two_met_is_an_event_of_its_own() -> None:
    """'met on the sidelines of the G20 summit in Osaka': the summit is a gathering with its body, place and day, and
    the two who met there attended it; a summit of no named body is no event of its own. (The candidates, whatever
    the model decides; the day the meeting gives the summit is given where the slots are filled.)"""
    found = drafts("Trump and Xi met on the sidelines of the G20 summit in Osaka on Saturday.", date(2019, 7, 1))
    [summit] = [d for d in found if d.mode == "multilateral"]
    assert {a.name for a in summit.actors} >= {"G20", "Trump", "Xi"}
    assert summit.location is not None and summit.location["name"] == "Osaka"
    assert any(d.mode == "meeting" and {a.name for a in d.actors} == {"Trump", "Xi"} for d in found)
    infer_locations(found)
    assert summit.date is not None and summit.date["start"] == "2019-06-29"
    found = drafts("Putin met Erdoğan on the sidelines of a summit in Astana on Saturday.", date(2019, 7, 1))
    assert not any(d.mode == "multilateral" and d.actors for d in found)
