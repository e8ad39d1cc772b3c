"""CONSULT extraction, one phenomenon per test: who takes part, what is no event, and which date and place belong to
the exchange. Sentences are written for the tests (none is taken from a corpus)."""

from __future__ import annotations

from datetime import date

from nlp_helpers import candidate_names, candidates, events, names, undated

# ---------------------------------------------------------------- participants and mode


def test_coordinated_appositions_are_all_parties_of_a_multilateral_meeting() -> None:
    [ev] = events("The French president, Emmanuel Macron, along with his German counterpart, Olaf Scholz, and the "
                  "Italian prime minister, Giorgia Meloni, are due to meet in the Italian city of Naples on Friday.")
    assert names(ev) == {"Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"}
    assert (ev.mode, ev.status, ev.location.name) == ("multilateral", "planned", "Naples")


def test_leader_and_his_minister_are_one_side() -> None:
    [ev] = events("In 1995 the Japanese prime minister Tomiichi Murayama became party leader, and met the US "
                  "president, Bill Clinton, and his secretary of state, Warren Christopher, in Tokyo.")
    assert names(ev) == {"Tomiichi Murayama", "Bill Clinton", "Warren Christopher"}
    assert ev.mode == "meeting"  # two sides, not three


def test_name_two_appositions_deep() -> None:
    [ev] = candidates("Kyiv changed course after Zelenskyy received a phone call later that day from Ukraine's "
                      "main ally, the US president, Joe Biden.")
    assert ev["mode"] == "phone"
    assert "Joe Biden" in candidate_names(ev)


def test_call_addressing_someone() -> None:
    [ev] = events("The US president, Donald Trump, spoke often. Since his telephone call congratulating the Russian "
                  "president, Vladimir Putin, on his re-election, Trump has been signalling his intention to leave.")
    assert names(ev) == {"Donald Trump", "Vladimir Putin"}
    assert ev.mode == "phone"


def test_palace_metonym_is_the_person_the_clause_addresses() -> None:
    [ev] = events("In a joint telephone call to the Kremlin on Sunday, the German chancellor Olaf Scholz and the "
                  "French president Emmanuel Macron urged Putin to free the prisoners.")
    assert "Russia" not in names(ev)
    assert "Putin" in " ".join(names(ev))


def test_members_of_a_summit_named_in_the_sentences_after() -> None:
    [ev] = events("The dispute soured celebrations in Astana last week when Moscow's main partners met to discuss "
                  "trade. Hailing the moment with help from Kassym-Jomart Tokayev, Kazakhstan's president, Vladimir "
                  "Putin demanded concrete steps. But Shavkat Mirziyoyev, Uzbekistan's president, has blocked a deal.")
    assert names(ev) == {"Kassym-Jomart Tokayev", "Vladimir Putin", "Shavkat Mirziyoyev"}
    assert (ev.mode, ev.location.name) == ("multilateral", "Astana")
    assert (ev.date.start, ev.date.end) == (date(2024, 3, 25), date(2024, 3, 31))


def test_on_a_visit_the_person_greeted_took_part() -> None:
    [ev] = events("The Russian president, Vladimir Putin, toured the region this week. On a surprise visit to an "
                  "airbase on the coast, he embraced the Syrian president Bashar al-Assad.")
    assert names(ev) == {"Vladimir Putin", "Bashar al-Assad"}
    assert ev.mode == "visit"


def test_pronoun_for_the_possessor_of_the_subject() -> None:
    [ev] = events("The Turkish president, Recep Tayyip Erdoğan, rarely travels. Erdoğan's ambition to lead the "
                  "Muslim world climaxed in September 2011 when he visited Cairo.", published=date(2018, 6, 22))
    assert "Recep Tayyip Erdoğan" in names(ev)
    assert ev.location.name == "Cairo"


def test_brokered_talks_are_third_party() -> None:
    [ev] = events("The Cairo peace talks, brokered by Qatar, Egypt and the United States, collapsed last month.")
    assert ev.mode == "third-party"
    assert {"Qatar", "Egypt", "United States"} <= names(ev)


# ---------------------------------------------------------------- no event


def test_a_governments_own_council_meeting_is_no_exchange() -> None:
    assert events("According to an official, the US president Joe Biden decided at a National Security Council "
                  "meeting on Tuesday to send more troops.") == []
    assert events("Following a meeting with his national security team, the US president Joe Biden issued a "
                  "statement.") == []


def test_a_process_going_on_is_no_exchange() -> None:
    assert events("The offensive goes on, and peace talks brokered by Qatar, Egypt and the United States have gone "
                  "nowhere.") == []


def test_talks_with_nobody_named_nowhere_is_no_visit() -> None:
    assert events("The US envoy Amos Hochstein was in the region for talks with Washington's Lebanese allies when "
                  "the strikes began.") == []


# ---------------------------------------------------------------- dates and places


def test_date_of_an_announcement_is_not_the_visits() -> None:
    [ev] = events("The US secretary of state, Antony Blinken, visited Beijing to push back on an announcement by Xi "
                  "Jinping in March that China would expand its navy.")
    assert ev.location.name == "Beijing"
    assert undated(ev)


def test_date_of_a_decision_is_not_the_negotiations() -> None:
    [ev] = events("China is reportedly in negotiations with Manila over the reef, following Marcos's surprise "
                  "decision last November to expel Chinese boats.")
    assert undated(ev)


def test_the_weekday_call_in_a_paper_of_that_weekday_is_last_weeks() -> None:
    [ev] = events("Accounts of the Friday call between Donald Trump and Recep Tayyip Erdoğan show the US president "
                  "complying with the Turkish leader's demands.", published=date(2018, 12, 21))
    assert (ev.date.start, ev.date.end) == (date(2018, 12, 14), date(2018, 12, 14))
    [ev] = events("The US president, Donald Trump, and the Turkish president, Recep Tayyip Erdoğan, spoke by phone on "
                  "Friday evening.", published=date(2018, 12, 21))
    assert ev.date.start == date(2018, 12, 21)


def test_over_a_holiday() -> None:
    [ev] = events("The US president Donald Trump angered Iraqi politicians after a three-hour visit to troops at "
                  "Ain al-Asad over Christmas.", published=date(2019, 2, 4))
    assert (ev.date.start, ev.date.end) == (date(2018, 12, 24), date(2018, 12, 26))


def test_a_trip_to_a_continent_names_no_host() -> None:
    [ev] = events("The British foreign secretary, Jeremy Hunt, will make a three-day trip to Asia next week.")
    assert ev.location.name == "Asia"
    assert names(ev) == {"Jeremy Hunt"}


def test_the_summit_told_nearer_is_the_one_meant() -> None:
    evs = events("The German chancellor Olaf Scholz met the French president Emmanuel Macron on Monday. Markets "
                 "rose. On the eve of London's climate summit, campaigners marched. Officials from 50 countries "
                 "convened at the summit to discuss funding.")
    [ev] = [e for e in evs if "Olaf Scholz" in names(e)]
    assert len(ev.mentions) == 1


def test_due_somewhere_for_talks_is_planned() -> None:
    [ev] = events("The Russian foreign minister, Sergei Lavrov, is due in Ankara on Tuesday for talks with his Turkish "
                  "counterpart, Mevlüt Çavuşoğlu.", published=date(2023, 6, 14))
    assert (ev.status, ev.mode, ev.location.name, ev.date.start) == ("planned", "visit", "Ankara", date(2023, 6, 20))


def test_received_a_titled_person() -> None:
    [ev] = events("Saudi Crown Prince Mohammed bin Salman received the Iranian foreign minister, Hossein "
                  "Amir-Abdollahian, in Jeddah on Saturday.")
    assert ev.mode == "host"
    assert names(ev) == {"Mohammed bin Salman", "Hossein Amir-Abdollahian"}
    assert ev.location.name == "Jeddah"


def test_welcomed_to_a_seat_of_power_is_its_city() -> None:
    [ev] = events("US President Joe Biden welcomed Kenyan President William Ruto to the White House on Monday.")
    assert names(ev) == {"Joe Biden", "William Ruto"}
    assert ev.location.name == "Washington"


def test_the_meeting_of_a_visit_told_in_its_sentence_is_the_visit() -> None:
    [ev] = events("Japanese Prime Minister Fumio Kishida paid a surprise visit to Kyiv on Tuesday, where he met "
                  "Ukrainian President Volodymyr Zelenskyy.")
    assert ev.mode == "visit"
    assert {"Fumio Kishida", "Volodymyr Zelenskyy"} <= names(ev)
    assert ev.location.name == "Kyiv"


def test_delegations_of_two_nationalities() -> None:
    # the candidate, as the trained decision weighs it, whatever the threshold (plover-trained/1.12: 0.58
    # against CONSULT's threshold of 0.60; 1.13 reported it, at 0.40; 1.14 to 1.16 are back at 0.60, 1.17 and
    # 1.18 at 0.55, 1.19 at 0.50, 1.20 at 0.55, 1.21 to 1.23 at 0.50, 1.24 and 1.25 at 0.55)
    found = candidates("The talks in Istanbul between Russian and Ukrainian delegations ended without a breakthrough "
                       "on Tuesday.")
    assert any(candidate_names(c) >= {"Russia", "Ukraine"} and (c["location"] or {}).get("name") == "Istanbul"
               for c in found)


def test_meeting_in_the_city_just_named() -> None:
    [ev] = events("The British foreign secretary, Boris Johnson, has cancelled a press conference with the German "
                  "foreign minister, Heiko Maas, in Oxford. The two men are meeting in the city this afternoon.")
    assert ev.location.name == "Oxford"


def test_a_call_during_which_something_was_agreed_happened() -> None:
    [ev] = events("The Turkish president, Recep Tayyip Erdoğan, and his Russian counterpart, Vladimir Putin, agreed "
                  "during a phone call on Monday to extend the grain deal.", published=date(2023, 6, 14))
    assert names(ev) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}
    assert (ev.status, ev.mode, ev.date.start) == ("occurred", "phone", date(2023, 6, 12))


def test_an_invitation_is_no_plan_until_accepted() -> None:
    assert events("Ukrainian President Volodymyr Zelenskyy has invited Chinese President Xi Jinping to visit "
                  "Kyiv.") == []
    [ev] = events("Ukrainian President Volodymyr Zelenskyy has accepted an invitation to visit Beijing next month.")
    assert (ev.status, ev.mode, ev.location.name) == ("planned", "visit", "Beijing")
    # an accepted invitation or offer, with a month and no other sign of the future, is still a plan (for the next
    # January, not the last)
    [visit] = candidates("Azerbaijani President Ilham Aliyev accepted an invitation to visit Washington in January.",
                         date(2023, 12, 14))
    assert (visit["status"], visit["date"]["start"]) == ("planned", "2024-01-01")
    [talks] = candidates("Azerbaijan has accepted the U.S. offer to hold a meeting of the foreign ministers of Armenia "
                         "and Azerbaijan in Washington in January.", date(2023, 12, 14))
    assert (talks["status"], talks["date"]["start"]) == ("planned", "2024-01-01")


def test_what_was_agreed_at_a_meeting_frames_a_meeting_held() -> None:
    """The meeting where something was agreed was held, whether the agreeing is told in the active or the passive;
    a meeting agreed to is a plan."""
    for text in ("The two sides agreed new ceasefire terms at the Egypt-Israel meeting on June 6.",
                 "The new ceasefire terms were agreed upon at the Egypt-Israel meeting on June 6."):
        [ev] = candidates(text, date(2021, 6, 20))
        assert (ev["status"], ev["date"]["start"]) == ("occurred", "2021-06-06"), text
    [plan] = candidates("Egypt and Israel have agreed to a meeting of their foreign ministers on July 6.",
                        date(2021, 6, 20))
    assert plan["status"] == "planned"


def test_looking_forward_to_an_exchange_is_planning_it() -> None:
    [ev] = candidates("Blinken said he looks forward to hosting Bayramov and Mirzoyan in Washington soon.",
                      date(2023, 12, 14))
    assert (ev["status"], ev["mode"]) == ("planned", "host")


def test_a_plan_the_sentence_calls_off_is_no_event() -> None:
    """"was due to meet the president, but the meeting was cancelled"; a visit called off; but not a plan of
    another kind, nor an exchange already held."""
    assert events("Senator Bob Corker was due to meet President Donald Trump, but the meeting was cancelled at the "
                  "last minute.") == []
    assert events("President Joe Biden's visit to Japan was called off on Monday.") == []
    [ev] = events("President Joe Biden will meet Xi Jinping on Monday, but his visit to Japan was postponed.")
    assert names(ev) == {"Joe Biden", "Xi Jinping"}
    [ev] = events("President Joe Biden met Xi Jinping on Monday, but the meeting was cut short.")
    assert names(ev) == {"Joe Biden", "Xi Jinping"}


def test_being_happy_to_talk_is_no_talk() -> None:
    """"are happy to discuss", "keen to meet": a willingness, like "ready to" and "willing to"."""
    assert events("The UK, US and France are happy to discuss sanctions with Russia.") == []
    assert events("President Joe Biden is keen to meet Xi Jinping.") == []


def test_an_unnamed_counterpart_acts_for_their_country() -> None:
    [ev] = events("Iran's foreign minister Hossein Amir-Abdollahian met his Saudi counterpart in Beijing in April.")
    assert names(ev) == {"Hossein Amir-Abdollahian", "Saudi Arabia"}


def test_called_someone_on_a_day_is_a_call() -> None:
    [ev] = events("The Russian president, Vladimir Putin, spoke often. The Turkish leader, Recep Tayyip Erdoğan, "
                  "called the Russian president on Monday.")
    assert names(ev) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}
    assert ev.mode == "phone"
    assert events("The Turkish leader, Recep Tayyip Erdoğan, called on Russia to stop the war.") == []


def test_their_talks_are_the_subjects_and_the_one_they_appeared_with() -> None:
    [ev] = events("Speaking at a joint press conference with German Chancellor Olaf Scholz after their talks in "
                  "Berlin, French President Emmanuel Macron said Europe must act.")
    assert names(ev) == {"Emmanuel Macron", "Olaf Scholz"}
    assert ev.location.name == "Berlin"


def test_a_tour_of_listed_places_is_one_visit_per_place() -> None:
    evs = events("The US secretary of state, Mike Pompeo, visited Jordan, Egypt and Bahrain this week.")
    assert sorted(e.location.name for e in evs) == ["Bahrain", "Egypt", "Jordan"]
    assert all(e.mode == "visit" and "Mike Pompeo" in names(e) for e in evs)
    assert {n for e in evs for n in names(e)} == {"Mike Pompeo", "Jordan", "Egypt", "Bahrain"}


def test_ministers_from_several_states() -> None:
    [ev] = events("Foreign ministers from Russia, Turkey and Iran met in Geneva on Tuesday.")
    assert names(ev) == {"Russia", "Turkey", "Iran"}
    assert (ev.mode, ev.location.name) == ("multilateral", "Geneva")


def test_a_chain_of_he_subjects_leads_back_to_the_name() -> None:
    [ev] = events("The Iraqi president Jalal Talabani invested oil revenues. He largely eschewed expatriate politics. "
                  "Despite denials, he kept ties with Israel; many were angered when he shook the hand of the Israeli "
                  "prime minister Ehud Barak at a Socialist International meeting in 2008.")
    assert {"Jalal Talabani", "Ehud Barak"} <= names(ev)


def test_the_opposition_is_a_party_to_talks() -> None:
    [ev] = events("The UN envoy, Staffan de Mistura, met the Syrian opposition in Riyadh on Monday.")
    assert names(ev) == {"Staffan de Mistura", "Syria (opposition)"}
    # the day before the report (2024-04-02): told of the very day the trained decision weighs it just under its
    # threshold (plover-trained/1.4: 0.52 against 0.55; 0.68 the day before)
    [ev] = events("Talks between the Syrian government and the opposition resumed in Geneva on Monday.")
    assert names(ev) == {"Syria", "Syria (opposition)"}


def test_talks_under_auspices_take_the_sides_named_nearby() -> None:
    [ev] = events("The Syrian government and the opposition remain far apart. Talks will resume under UN auspices in "
                  "Vienna this week. But expectations are zero.")
    assert names(ev) == {"UN", "Syria", "Syria (opposition)"}
    assert (ev.mode, ev.status, ev.location.name) == ("third-party", "planned", "Vienna")


def test_whom_the_speaker_told_in_a_call_is_the_other_side() -> None:
    [ev] = events("Turkish President Recep Tayyip Erdoğan told Russian President Vladimir Putin in a phone call that "
                  "the offensive would continue.")
    assert names(ev) == {"Recep Tayyip Erdoğan", "Vladimir Putin"}
    assert ev.mode == "phone"


def test_what_was_discussed_is_no_party() -> None:
    [ev] = events("The Kremlin said Russian President Vladimir Putin and US President Donald Trump discussed Syria by "
                  "phone.")
    assert names(ev) == {"Vladimir Putin", "Donald Trump"}


def test_was_talking_to_someone_is_a_process() -> None:
    assert events("The foreign secretary, Jeremy Hunt, revealed he was talking to the development secretary, Penny "
                  "Mordaunt, on how to bring them home.") == []


# ---------------------------------------------------------------- session 3: states of plural offices, receivers


def test_leaders_of_two_states_are_the_leaders_named_together_and_lend_the_missing_country() -> None:
    evs = events("US President Joe Biden and Prime Minister Rishi Sunak spoke on the phone on Thursday evening. "
                 "The leaders of the UK and US agreed to work closely on their response.\n"
                 "The leaders of the UK and US spoke by phone again on Thursday evening.")
    [ev] = evs
    assert names(ev) == {"Joe Biden", "Rishi Sunak"}
    countries = {p.actor.name: p.actor.country_code for p in ev.participants}
    assert countries == {"Joe Biden": "USA", "Rishi Sunak": "GBR"}
    assert len(ev.mentions) == 2


def test_leaders_of_two_states_nobody_named_are_the_states() -> None:
    [ev] = events("The Brazilian and Argentine leaders met in Montevideo on Monday to discuss trade.")
    assert {(p.actor.kind, p.actor.country_code) for p in ev.participants} == {("COUNTRY", "BRA"), ("COUNTRY", "ARG")}
    assert (ev.mode, ev.location.name, ev.date.start) == ("meeting", "Montevideo", date(2024, 4, 1))


def test_leaders_of_two_states_with_two_persons_of_unknown_country_stay_unassigned() -> None:
    meeting, call = events("President Ana Lima and President Sofia Ruiz met in Geneva on Monday.\n"
                           "The presidents of Chile and Peru spoke by phone on Tuesday.")
    assert all(p.actor.country_code is None for p in meeting.participants)  # who is whose cannot be told
    assert {p.actor.country_code for p in call.participants} == {"CHL", "PER"}


def test_who_received_a_call_is_its_target() -> None:
    [ev] = events("The French president, Emmanuel Macron, received a phone call on Monday from the German chancellor, "
                  "Olaf Scholz.")
    roles = {p.actor.name: p.role for p in ev.participants}
    assert roles == {"Olaf Scholz": "source", "Emmanuel Macron": "target"}


def test_later_that_day_is_the_day_named_just_before() -> None:
    [ev] = events("The spokesman said on Monday that the attack was a crime. But the government changed its tune "
                  "after the Turkish president, Recep Erdogan, received a call later that day from the Russian "
                  "president, Vladimir Putin.", published=date(2024, 4, 4))
    assert (ev.date.start, ev.date.end) == (date(2024, 4, 1), date(2024, 4, 1))


def test_the_next_day_with_no_day_before_has_no_date() -> None:
    [ev] = events("The Turkish president, Recep Erdogan, spoke to the Russian president, Vladimir Putin, by phone the "
                  "next day.", published=date(2024, 4, 4))
    assert undated(ev)


def test_a_visit_on_a_named_coast_is_in_that_country() -> None:
    [ev] = events("On a visit to a French naval base on the Lebanese coast, Macron embraced the Lebanese prime "
                  "minister, Najib Mikati.")
    assert ev.location is not None and (ev.location.name, ev.location.country_code) == ("Lebanon", "LBN")


def test_a_venue_named_after_its_city_is_in_that_city() -> None:
    [ev] = candidates("On a visit to the Oxford Union in 2019, the Iraqi president Barham Salih praised the "
                      "students.")
    assert ev["location"] is not None and (ev["location"]["name"], ev["location"]["country_code"]) == ("Oxford", "GBR")
    [ev] = candidates("The Iraqi president Barham Salih visited the Kurdish Community Centre in 2019.")
    assert ev["location"] is None  # named after no city


def test_talks_after_a_present_happening_are_still_to_come() -> None:
    [ev] = candidates("Egypt's foreign minister is in Paris before his talks with Ethiopian Prime Minister Abiy Ahmed.")
    assert ev["status"] == "planned"
    meeting, talks = sorted(candidates("Arab League ministers are meeting in Cairo ahead of the Friday talks between "
                                       "Egypt and Ethiopia."), key=lambda c: c["mentions"][0]["trigger"])
    # two exchanges, one before the other: the talks are not a mention of the meeting
    assert (meeting["status"], talks["status"]) == ("occurred", "planned")
    assert candidate_names(talks) >= {"Egypt", "Ethiopia"}


def test_a_bare_second_verb_shares_the_first_ones_auxiliary() -> None:
    found = candidates("During his stay in Lima, Lula will hold talks with President Dina Boluarte and meet with "
                       "other Peruvian leaders.")
    assert found and all(c["status"] == "planned" for c in found)
    assert not candidates("Lula could meet President Dina Boluarte in Lima and visit Cusco on Monday.")
