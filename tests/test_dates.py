"""Date resolution against the publication date (2024-04-02, a Tuesday), through transform."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_helpers import candidate_names, candidates, events, names, undated

from etl.dates import get_resolver
from etl.records import REPORT_DATE_TEXT, ExtractedEvent

PUB = date(2024, 4, 2)


def _date(text: str) -> tuple[str, str] | None:
    evs = events(text, PUB)
    assert len(evs) == 1, evs
    d = evs[0].date
    return (d.start.isoformat(), d.end.isoformat()) if d else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok on Tuesday.", ("2024-04-02", "2024-04-02")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok on Wednesday.", ("2024-03-27", "2024-03-27")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok last week.", ("2024-03-25", "2024-03-31")),
        # what happened "this week" happened by the day of the report
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok this week.", ("2024-04-01", "2024-04-02")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok last November.",
         ("2023-11-01", "2023-11-30")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok in late January.",
         ("2024-01-21", "2024-01-31")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok in May 2023.", ("2023-05-01", "2023-05-31")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok in 2018.", ("2018-01-01", "2018-12-31")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok today.", ("2024-04-02", "2024-04-02")),
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok earlier this year.",
         ("2024-01-01", "2024-04-02")),
    ],
)
def test_occurred_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert _date(sentence) == expected


def test_month_without_year_is_future_for_planned_events() -> None:
    assert _date("President Joe Biden will meet Chinese President Xi Jinping in Bangkok in November.") == (
        "2024-11-01", "2024-11-30")


def test_a_plan_for_this_month_is_for_the_rest_of_it() -> None:
    assert _date("President Joe Biden will meet Chinese President Xi Jinping in Bangkok this month.") == (
        "2024-04-02", "2024-04-30")


def test_day_of_month_for_planned_event() -> None:
    assert _date("Treasury Secretary Janet Yellen will visit Beijing on April 5.") == ("2024-04-05", "2024-04-05")


def test_vague_future_gives_no_date() -> None:
    evs = events("President Joe Biden and Chinese President Xi Jinping will speak by phone in the coming weeks.", PUB)
    assert len(evs) == 1
    assert evs[0].status == "planned"
    assert undated(evs[0])


def test_date_of_the_report_is_not_the_date_of_the_event() -> None:
    evs = events("President Joe Biden will meet Chinese President Xi Jinping in the coming weeks, "
                 "the White House said on Monday.", PUB)
    assert len(evs) == 1
    assert undated(evs[0])


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("24-25 April", date(2018, 4, 15), ("2018-04-24", "2018-04-25")),
    ("January 25-26", date(2018, 1, 23), ("2018-01-25", "2018-01-26")),
    ("over Christmas", date(2019, 2, 4), ("2018-12-24", "2018-12-26")),
    ("earlier on Monday", date(2018, 2, 19), ("2018-02-19", "2018-02-19")),
    ("this autumn", date(2018, 7, 21), ("2018-09-01", "2018-11-30")),
    ("last summer", date(2018, 4, 15), ("2017-06-01", "2017-08-31")),
    ("20 to 22 March", date(2023, 3, 17), ("2023-03-20", "2023-03-22")),
    ("between October 20 and 23", date(2015, 9, 28), ("2015-10-20", "2015-10-23")),
])
def test_day_spans_holidays_and_seasons(text: str, anchor: date, expected: tuple[str, str]) -> None:
    got = get_resolver().resolve(text, anchor, False)
    assert isinstance(got, dict) and (got["start"], got["end"]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a TIME entity that still names the day
        ("Prime Minister Rishi Sunak spoke to President Joe Biden about Gaza this evening.",
         ("2024-04-02", "2024-04-02")),
        ("President Joe Biden spoke to the prime minister, Rishi Sunak, by phone last night.",
         ("2024-04-01", "2024-04-01")),
        # "earlier in the week": the entity is only "the week"
        ("The secretary of state, Antony Blinken, visited Cairo earlier in the week.", ("2024-04-01", "2024-04-02")),
        ("Erdoğan discussed Syria in separate phone calls with Joe Biden and Vladimir Putin in the last 48 hours.",
         ("2024-03-31", "2024-04-02")),
    ],
)
def test_day_told_as_a_time_or_part_of_the_week(sentence: str, expected: tuple[str, str]) -> None:
    evs = events(sentence, PUB)
    assert evs and all((e.date.start.isoformat(), e.date.end.isoformat()) == expected for e in evs)


def test_date_possessing_another_noun_dates_that_thing() -> None:
    # "Saturday's attack" in the clause joined by "and" dates the attack; the visit's own date comes first
    text = ("Ali Akbar Velayati, an aide to the supreme leader, visited Damascus earlier this week and rejected claims "
            "about Saturday's attack.")
    assert _date(text) == ("2024-04-01", "2024-04-02")


def test_date_of_the_relative_clause_head() -> None:
    text = "The campaign got a boost earlier in the week when the UN envoy Angelina Jolie visited Baghdad."
    assert _date(text) == ("2024-04-01", "2024-04-02")


def test_under_way_at_publication() -> None:
    text = ("Boris Johnson has cancelled a joint press conference with the German foreign minister, Heiko Maas, "
            "in Oxford this afternoon. The two men are meeting in the city.")
    [ev] = events(text, PUB)
    assert names(ev) == {"Boris Johnson", "Heiko Maas"}
    assert ev.date is not None and ev.date.start == ev.date.end == PUB


def test_later_mention_takes_the_date_of_the_unnamed_first_one() -> None:
    text = ("Bashar al-Assad, the Syrian president, warned the west on Wednesday. Tehran said it would stand by "
            "Syria, as a senior adviser to the Iranian supreme leader met the Syrian president in Damascus on "
            "Thursday. Ali Akbar Velayati, the adviser, rejected the claims. Velayati met Assad in a show of defiance.")
    evs = [e for e in events(text, date(2018, 4, 12)) if "Ali Akbar Velayati" in names(e)]
    assert len(evs) == 1
    assert evs[0].date is not None and evs[0].date.start == date(2018, 4, 12)
    assert evs[0].location is not None and evs[0].location.name == "Damascus"


def test_resolver_last_hours_and_night() -> None:
    r = get_resolver(None)
    assert r.resolve("last night", PUB)["start"] == "2024-04-01"
    assert (r.resolve("in the last 48 hours", PUB)["start"], r.resolve("in the last 48 hours", PUB)["end"]) == (
        "2024-03-31", "2024-04-02")
    assert r.resolve("earlier in the week", PUB)["start"] == "2024-04-01"


def test_consequence_clause_is_not_dated_by_its_cause() -> None:
    text = ("The pair were captured in February by Kurdish fighters, prompting negotiations between the UK and the US "
            "governments over where they should be tried.")
    evs = events(text, date(2018, 7, 23))
    assert len(evs) == 1 and undated(evs[0])


def test_a_sunday_paper_looks_back_on_the_week_ending_and_ahead_to_the_next() -> None:
    sunday = date(2024, 4, 7)
    [met] = events("President Joe Biden met Chinese President Xi Jinping in Bangkok last week.", sunday)
    assert (met.date.start, met.date.end) == (date(2024, 4, 1), date(2024, 4, 7))
    [plan] = events("President Joe Biden will meet Chinese President Xi Jinping in Bangkok this week.", sunday)
    assert (plan.date.start, plan.date.end) == (date(2024, 4, 8), date(2024, 4, 14))
    [told] = events("President Joe Biden met Chinese President Xi Jinping in Bangkok this week.", sunday)
    assert (told.date.start, told.date.end) == (date(2024, 4, 1), date(2024, 4, 7))
    [monday] = events("President Joe Biden met Chinese President Xi Jinping in Bangkok last week.", date(2024, 4, 8))
    assert (monday.date.start, monday.date.end) == (date(2024, 4, 1), date(2024, 4, 7))


def test_day_of_month_a_few_weeks_ahead_is_this_years_even_told_as_done() -> None:
    r = get_resolver(None)
    # a status told wrongly must not throw the date back a year; a day far ahead is last year's
    assert r.resolve("September 24", date(2021, 9, 14), False)["start"] == "2021-09-24"
    assert r.resolve("Aug. 18", date(2023, 8, 10), False)["start"] == "2023-08-18"
    assert r.resolve("September 24", date(2021, 6, 14), False)["start"] == "2020-09-24"
    # into the next month, or the next year
    assert r.resolve("October 2", date(2021, 9, 14), False)["start"] == "2021-10-02"
    assert r.resolve("January 5", date(2021, 12, 20), False)["start"] == "2022-01-05"


def test_exchange_told_without_a_time_took_place_on_the_day_of_the_report() -> None:
    [met] = events("President Joe Biden met Chinese President Xi Jinping in Bangkok.", PUB)
    assert met.date is not None and (met.date.start, met.date.end) == (PUB, PUB)
    assert (met.date.precision, met.date.text) == ("reported", REPORT_DATE_TEXT)
    [plan] = events("President Joe Biden will meet Chinese President Xi Jinping in Bangkok.", PUB)
    assert plan.date is None  # a plan told without a time has none


TALKS = "Sosa held talks with the Peruvian foreign minister, Javier González-Olaechea."


def _talks_after(before: str) -> ExtractedEvent:
    """The event of TALKS told after the sentences `before`, in a Saturday paper."""
    [ev] = [e for e in events(f"{before} {TALKS}", date(2024, 4, 6)) if "Javier González-Olaechea" in names(e)]
    return ev


def test_undated_exchange_takes_the_day_named_just_before() -> None:
    ev = _talks_after("The Bolivian foreign minister, Celinda Sosa, arrived in Lima on Thursday for the summit.")
    # the visit to Peru and the talks with its minister there are one exchange
    assert {"Celinda Sosa", "Javier González-Olaechea"} <= names(ev) <= {"Celinda Sosa", "Javier González-Olaechea",
                                                                        "Peru"}
    assert ev.date is not None and (ev.date.start, ev.date.text) == (date(2024, 4, 4), "Thursday")


def test_day_of_what_someone_else_did_dates_nothing_else() -> None:
    assert undated(_talks_after("Peru's defence minister, Walter Astudillo, resigned on Thursday after criticism "
                                "from Celinda Sosa. The Bolivian foreign minister, Celinda Sosa, was in Lima."))


def test_day_named_three_sentences_before_is_too_far() -> None:
    # (a day the visit tells would date the talks held on it: the visit and the talks are one exchange)
    assert undated(_talks_after("The Bolivian foreign minister, Celinda Sosa, spoke about the summit on Thursday. "
                                "The summit is the first in four years. Its agenda is long."))


def test_relative_clause_telling_the_course_of_the_meeting_dates_it() -> None:
    text = ("The meeting between Xi Jinping and Vladimir Putin, which took place in Qingdao on June 10, ended "
            "without a statement.")
    [ev] = events(text, date(2018, 6, 12))
    assert ev.date is not None and ev.date.start == date(2018, 6, 10)
    assert ev.location is not None and ev.location.name == "Qingdao"


def test_weekday_of_the_paper_before_talks_is_today() -> None:
    # "holding on Wednesday talks" parses "Wednesday" as a modifier of "talks"; it is still today, not last week
    text = ("The foreign ministers of Peru and Chile made no progress after holding on Wednesday talks in Lima hosted "
            "by the Brazilian foreign minister, Mauro Vieira.")
    evs = events(text, date(2024, 7, 10))
    assert evs and all(e.date is not None and e.date.start == date(2024, 7, 10) for e in evs)


def test_a_visit_from_a_span_of_days_is_dated_by_it() -> None:
    # "from" opens a range ("talks continue from Monday") unless the phrase names both ends
    [ev] = events("Chinese President Xi Jinping will pay a state visit to Moscow from March 20-22.", date(2023, 3, 17))
    assert ev.date is not None and (ev.date.start, ev.date.end) == (date(2023, 3, 20), date(2023, 3, 22))


def test_a_verb_joined_with_no_subject_of_its_own_shares_the_time_of_the_first() -> None:
    found = candidates("Modi will reach Xi'an on May 14 and meet Xi.", published=date(2015, 5, 12))
    assert [(c["date"] or {}).get("start") for c in found if candidate_names(c) == {"Modi", "Xi"}] == ["2015-05-14"]
    found = candidates("Modi arrived in Beijing on Thursday and held talks with Li Keqiang.",
                       published=date(2015, 5, 12))
    assert any((c["date"] or {}).get("start") == "2015-05-07" for c in found
               if candidate_names(c) == {"Modi", "Li Keqiang"})
    # with a time and an auxiliary of its own, the second clause is another time
    found = candidates("Modi met Li on Monday and will meet Xi later.", published=date(2015, 5, 12))
    assert all((c["date"] or {}).get("start") != "2015-05-11" for c in found if candidate_names(c) == {"Modi", "Xi"})


def test_resolver_month_of_this_or_last_year() -> None:
    r = get_resolver(None)
    assert (r.resolve("in March of this year", PUB)["start"], r.resolve("in March of this year", PUB)["end"]) == (
        "2024-03-01", "2024-03-31")
    assert r.resolve("December last year", PUB)["start"] == "2023-12-01"
    assert r.resolve("March 3 this year", PUB)["start"] == "2024-03-03"


def test_the_simple_present_with_a_day_to_come_is_a_timetable() -> None:
    [talks] = [c for c in candidates("Talks between Russia and Ukraine begin in Istanbul on Thursday.", PUB)
               if c["mode"] != "phone"]
    assert (talks["status"], talks["date"]["start"]) == ("planned", "2024-04-04")
    found = candidates("Vladimir Putin arrives in Beijing on Monday for talks with Xi Jinping.", PUB)
    assert found and all((c["status"], c["date"]["start"]) == ("planned", "2024-04-08") for c in found)
    # told as under way, or told in the past, it is no plan
    found = candidates("Vladimir Putin arrived in Beijing on Monday for talks with Xi Jinping.", PUB)
    assert found and all(c["status"] == "occurred" for c in found)


def test_a_count_of_days_before_or_after_the_day_named_before() -> None:
    """'A day earlier', 'two days later', 'hours later': told from the day the sentence before names."""
    found = {frozenset(names(e)): e.date.start for e in events(
        "Stoltenberg arrived in Kyiv on Thursday, March 28. A day earlier, he met Duda in Warsaw. Two days later, he "
        "met Zelensky in Kyiv.", PUB)}
    assert found[frozenset({"Stoltenberg", "Duda"})] == date(2024, 3, 27)
    assert found[frozenset({"Stoltenberg", "Zelensky"})] == date(2024, 3, 30)


def test_the_day_before_with_no_day_named_is_the_day_before_the_report() -> None:
    """"The day before" tagged "the day": the day before the one named just before, or, with none named, the day
    before the report (what the article tells happened on its day); before, it was the day of the report."""
    envoy = "The Kenyan president's envoy, Raila Odinga, spoke to reporters at a rally in Mombasa"
    [visit] = [e for e in events(f"{envoy}. The day before, Odinga visited Kampala.", PUB) if e.mode == "visit"]
    assert (visit.date.start, visit.date.end) == (date(2024, 4, 1), date(2024, 4, 1))
    [visit] = [e for e in events(f"{envoy} on Sunday. The day before, Odinga visited Kampala.", PUB)
               if e.mode == "visit"]
    assert (visit.date.start, visit.date.end) == (date(2024, 3, 30), date(2024, 3, 30))


def test_a_weekday_before_the_date_it_names() -> None:
    assert _date("President Joe Biden met Chinese President Xi Jinping in Bangkok on Thursday, March 28.") == (
        "2024-03-28", "2024-03-28")
    assert _date("President Joe Biden met Chinese President Xi Jinping in Bangkok on Thursday, March 28, 2024.") == (
        "2024-03-28", "2024-03-28")


def test_a_day_something_is_scheduled_for_is_its_day() -> None:
    """"for" opens a span ("met for two weeks") except after a verb that fixes a day: "scheduled for June 12"."""
    for text, day in (("Talks between Joe Biden and Vladimir Putin are set for June 12.", date(2024, 6, 12)),
                      ("The Biden-Putin summit is scheduled for June 12 in Geneva.", date(2024, 6, 12)),
                      ("A summit between Joe Biden and Vladimir Putin is planned for next month.", date(2024, 5, 1))):
        [ev] = events(text, PUB)
        assert (ev.status, ev.date.start) == ("planned", day), text
    # a span it runs for is still no day of its own
    [ev] = events("Joe Biden and Vladimir Putin held talks in Geneva for two weeks.", PUB)
    assert ev.date is None or ev.date.text != "two weeks"


def test_talks_from_a_day_begin_that_day() -> None:
    """"will hold talks in Vienna from Tuesday": the day they begin; a vaguer start ("from January") or "since" a day
    dates nothing."""
    [ev] = events("Iran and the United States said they would hold indirect talks in Vienna from Thursday.", PUB)
    assert (ev.status, ev.date.start, ev.date.end) == ("planned", date(2024, 4, 4), date(2024, 4, 4))
    [cand] = candidates("Joe Biden and Vladimir Putin have held talks since Monday.", PUB)  # near the threshold
    assert cand["date"] is None or cand["date"]["text"] != "Monday"
    [ev] = events("Joe Biden and Vladimir Putin will hold talks from January.", PUB)
    assert ev.date is None


def test_a_duration_is_no_audience_of_a_verb_of_talking() -> None:
    """"talked for two hours": the "for" that bars "spoke for the government" names a duration here."""
    [ev] = events("Joe Biden and Vladimir Putin talked for two hours on Monday.", PUB)
    assert names(ev) == {"Joe Biden", "Vladimir Putin"}
    assert ev.date.start == date(2024, 4, 1)
    assert events("Joe Biden and Emmanuel Macron spoke for their countries at the UN on Monday.", PUB) == []
