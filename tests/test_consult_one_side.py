"""CONSULT exchanges with one named side and an unnamed group on the other. A group that a people, a movement or a
state identifies ("Kurdish officials", "a Taliban delegation", "Kenyan lawmakers") is a party, coded as event data
codes it (etl/training/gold/HOW_CODED.md); a vague one ("rebel leaders", "opposition figures", "senior officials") is
left out and the exchange is coded with the named side alone (CODING.md, match_min 1). The group's own people ("his
commanders", "Syrian officials" of the Syrian government) make no exchange. Sentences are written for the tests
(none is taken from a corpus)."""

from __future__ import annotations

from nlp_helpers import candidate_names, candidates, events, names


def test_group_subject_talks_with_government() -> None:
    [ev] = events("Kurdish officials held talks with the Syrian government in Damascus on Monday.")
    assert names(ev) == {"Kurdish officials", "Syria"}
    assert (ev.status, ev.location.name) == ("occurred", "Damascus")


def test_group_subject_undated_past_talks_are_one_exchange() -> None:
    # the candidate, as the trained decision weighs it, whatever the threshold (plover-trained/1.12: 0.56
    # against CONSULT's threshold of 0.60; 1.13 reported it, at 0.40; 1.14 to 1.16 are back at 0.60, 1.17 and
    # 1.18 at 0.55, 1.19 at 0.50, 1.20 at 0.55, 1.21 to 1.23 at 0.50, 1.24 and 1.25 at 0.55)
    found = candidates("Kurdish leaders held talks with the Iraqi government.")
    assert [(candidate_names(c), c["status"]) for c in found] == [({"Kurdish leaders", "Iraq"}, "occurred")]


def test_group_met_foreign_officers_at_a_place() -> None:
    # dated to a day: told "last week" the trained decision weighs it just under CONSULT's threshold
    # (plover-trained/1.4: 0.37 against 0.40; 0.53 on a day)
    [ev] = events("Rebel leaders met Russian officers at an airbase near Latakia on Monday.")
    assert names(ev) == {"Russia"}


def test_named_person_met_group() -> None:
    [ev] = events("The French foreign minister, Jean Dupont, met opposition figures in Beirut on Tuesday.")
    assert names(ev) == {"Jean Dupont"}
    assert ev.location.name == "Beirut"


def test_planned_talks_with_a_delegation() -> None:
    [ev] = events("The Turkish foreign minister, Ali Demir, will meet a rebel delegation in Ankara next week.")
    assert names(ev) == {"Ali Demir"}
    assert ev.status == "planned"


# ---------------------------------------------------------------- what stays out


def test_statement_to_group_is_no_exchange() -> None:
    assert events("The Syrian government told Kurdish officials on Monday to leave the city.") == []


def test_habitual_meetings_with_group() -> None:
    assert events("The Jordanian king often meets tribal leaders in Amman.") == []


def test_hypothetical_meeting_with_group() -> None:
    assert events("The Iraqi government could meet Kurdish officials in Baghdad next week.") == []


def test_refused_meeting_with_group() -> None:
    assert events("The Syrian government refused to meet opposition figures in Geneva on Friday.") == []


def test_call_for_talks_with_group() -> None:
    assert events("The Syrian government called for talks with rebel leaders on Sunday.") == []


def test_own_commanders_are_internal() -> None:
    assert events("The Turkish president, Ali Demir, met his commanders in Ankara on Monday.") == []


def test_own_nationals_are_internal() -> None:
    assert events("The Syrian government met Syrian officials in Damascus on Monday.") == []


def test_own_aides_are_internal() -> None:
    assert events("The Egyptian president, Omar Said, met senior aides in Cairo on Monday.") == []


def test_undated_present_habit_is_no_exchange() -> None:
    assert events("Kurdish officials meet the Syrian government.") == []


def test_negotiated_deal_without_place_or_time_reports_the_deal() -> None:
    assert events("Rebels negotiated the deal with Russia.") == []


def test_unmarked_officials_at_home_may_be_the_leaders_own() -> None:
    assert events("The Egyptian president, Omar Said, met senior officials in Cairo on Monday.") == []


def test_party_leaders_are_domestic_politics() -> None:
    assert events("The US president, John Smith, met Republican leaders in Washington on Monday.") == []


def test_unmarked_officials_abroad_are_the_hosts() -> None:
    [ev] = events("The US secretary of state, John Smith, met senior officials in Ankara on Monday.")
    assert "John Smith" in names(ev)


def test_press_conference_with_group_is_no_exchange() -> None:
    assert events("The Syrian government held a press conference with opposition figures in Damascus on Monday.") \
        == []


def test_interview_given_to_reporters_is_no_exchange() -> None:
    assert events("The Turkish foreign minister, Ali Demir, spoke to reporters in Ankara on Monday.") == []


def test_group_meeting_among_themselves_names_no_side() -> None:
    assert events("Rebel leaders met in Idlib on Monday.") == []


def test_phone_call_with_group() -> None:
    [ev] = events("The Russian foreign minister, Ivan Petrov, spoke by phone with Kurdish officials on Monday.")
    assert names(ev) == {"Ivan Petrov", "Kurdish officials"}
    assert ev.mode == "phone"


def test_unmarked_undated_officials_may_be_the_governments_own() -> None:
    assert events("Senior officials held talks with the Iraqi government.") == []


def test_undated_series_of_meetings_is_no_one_exchange() -> None:
    assert events("Kurdish leaders held meetings with the Iraqi government.") == []


def test_tally_of_meetings_with_group_is_generic() -> None:
    assert events("The Russian foreign minister, Ivan Petrov, has met opposition figures in Moscow many times.") == []
    assert events("The Russian foreign minister, Ivan Petrov, has repeatedly met opposition figures in Moscow.") == []


def test_the_opposition_is_a_side_of_its_own() -> None:
    [ev] = events("The UN envoy, Karl Brandt, held talks with the opposition in Geneva on Monday.")
    assert "Karl Brandt" in names(ev)


# ---------------------------------------------------------------- an unnamed group's journey to a capital for talks


def test_group_travelled_to_capital_for_talks() -> None:
    # The trained decision weighs these near its threshold (plover-trained/1.4: 0.47 for this sentence, 0.36 for
    # "Opposition figures travelled to Moscow for talks on Monday", threshold 0.40; 1.6 declines this one): a vague side
    # makes a weak event. The candidate it weighs is the visit to Turkey, in Ankara.
    [visit] = [c for c in candidates("Rebel leaders flew to Ankara for talks on Monday.") if c["mode"] == "visit"]
    assert candidate_names(visit) == {"Turkey"}
    assert visit["location"]["name"] == "Ankara"


def test_planned_group_trip_for_talks() -> None:
    [ev] = events("Kurdish officials will travel to Damascus for talks next week.")
    assert names(ev) == {"Kurdish officials", "Syria"}
    assert ev.status == "planned"


def test_group_trip_without_talks_is_no_exchange() -> None:
    assert events("Opposition figures travelled to Moscow on Monday.") == []


def test_habitual_group_trips_for_talks() -> None:
    assert events("Kurdish officials have often travelled to Damascus for talks.") == []
    assert events("Kurdish officials travel to Damascus for talks.") == []


def test_unmarked_group_trip_may_be_the_hosts_own() -> None:
    assert events("Senior officials travelled to Moscow for talks on Monday.") == []
