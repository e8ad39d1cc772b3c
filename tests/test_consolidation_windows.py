"""One event per exchange when reports differ in how precisely they date it, or in whether it has happened yet:
an undated or week-wide report joins the dated one in its plausible window, a plan joins the report that it
happened, in whichever order the articles arrive."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_consolidation import export_lines, rows, store

from etl.records import ActorRef, DateRef, ExtractedEvent, MentionRef, ParticipantRef, PlaceRef

TRUMP = ActorRef("Donald Trump", "PERSON", "USA", ["Trump"])
ERDOGAN = ActorRef("Recep Tayyip Erdoğan", "PERSON", "TUR", ["Erdoğan"])
PUTIN = ActorRef("Vladimir Putin", "PERSON", "RUS", ["Putin"])
ROUHANI = ActorRef("Hassan Rouhani", "PERSON", "IRN", ["Rouhani"])
KIM = ActorRef("Kim Jong-un", "PERSON", "PRK", ["Kim"])
POMPEO = ActorRef("Mike Pompeo", "PERSON", "USA", ["Pompeo"])
SOCHI = PlaceRef("Sochi", "RUS", 43.6, 39.73, "city")
SINGAPORE = PlaceRef("Singapore", "SGP", 1.29, 103.85, "city")


def report(*actors: ActorRef, mode: str = "phone", status: str = "occurred", start: date | None = None,
           end: date | None = None, place: PlaceRef | None = None, sentence: str = "They spoke.") -> ExtractedEvent:
    width = "day" if end in (None, start) else "week"
    return ExtractedEvent(
        type="CONSULT", mode=mode, status=status,
        participants=[ParticipantRef(a, "source" if i == 0 else "target") for i, a in enumerate(actors)],
        mentions=[MentionRef(sentence, 0, len(sentence), "spoke")],
        date=DateRef(start, end or start, width, "then") if start else None,
        location=place,
    )


def events(url: str) -> list[tuple]:
    return rows(url, "SELECT status, CAST(date_start AS TEXT), CAST(date_end AS TEXT), CAST(planned_at AS TEXT) "
                     "FROM events ORDER BY date_start IS NULL, date_start, id")


# (article, report, publication date) of one real exchange told twice: in whichever order, one event.
DEC_14_CALL = ("dated", report(TRUMP, ERDOGAN, start=date(2018, 12, 14)), date(2018, 12, 19))
UNDATED_CALL = ("undated", report(TRUMP, ERDOGAN, sentence="Trump decided during a call with Erdoğan."),
                date(2018, 12, 22))
SOCHI_PLAN = ("plan", report(PUTIN, ERDOGAN, ROUHANI, mode="multilateral", status="planned",
                             start=date(2019, 2, 14), place=SOCHI, sentence="They are due to meet in Sochi."),
              date(2019, 2, 12))
SOCHI_HELD = ("held", report(PUTIN, ERDOGAN, ROUHANI, mode="multilateral", start=date(2019, 2, 11),
                             end=date(2019, 2, 17), place=SOCHI, sentence="They met in Sochi last week."),
              date(2019, 2, 17))


@pytest.mark.parametrize("reverse", [False, True], ids=["told-in-order", "reverse"])
def test_an_undated_report_of_a_call_joins_the_dated_report_of_it(db_url: str, reverse: bool) -> None:
    for article, extracted, published in (UNDATED_CALL, DEC_14_CALL)[:: -1 if reverse else 1]:
        store(db_url, article, extracted, published=published)
    assert events(db_url) == [("occurred", "2018-12-14", "2018-12-14", None)]
    assert rows(db_url, "SELECT article_count FROM v_event_sources") == [(2,)]


def test_an_undated_report_is_not_of_a_call_older_than_a_month(db_url: str) -> None:
    store(db_url, *DEC_14_CALL[:2], published=DEC_14_CALL[2])
    store(db_url, "february", report(TRUMP, ERDOGAN), published=date(2019, 2, 1))
    assert len(events(db_url)) == 2


def test_an_undated_report_joins_the_nearest_of_two_dated_calls(db_url: str) -> None:
    store(db_url, "first", report(TRUMP, ERDOGAN, start=date(2018, 12, 1)), published=date(2018, 12, 2))
    store(db_url, *DEC_14_CALL[:2], published=DEC_14_CALL[2])
    store(db_url, *UNDATED_CALL[:2], published=UNDATED_CALL[2])
    assert rows(db_url, "SELECT CAST(e.date_start AS TEXT), s.article_count FROM events e "
                        "JOIN v_event_sources s ON s.event_id = e.id ORDER BY e.date_start") == [
        ("2018-12-01", 1), ("2018-12-14", 2)]


def test_a_meeting_and_a_call_of_the_same_pair_stay_apart(db_url: str) -> None:
    store(db_url, *DEC_14_CALL[:2], published=DEC_14_CALL[2])
    store(db_url, "met", report(TRUMP, ERDOGAN, mode="meeting"), published=date(2018, 12, 20))
    assert len(events(db_url)) == 2


def test_a_lone_visitor_undated_and_unplaced_is_not_pinned_to_a_trip(db_url: str) -> None:
    store(db_url, "cairo", report(POMPEO, mode="visit", start=date(2019, 1, 10),
                                  place=PlaceRef("Cairo", "EGY", 30.0, 31.2, "city")), published=date(2019, 1, 10))
    store(db_url, "somewhere", report(POMPEO, mode="visit"), published=date(2019, 1, 16))
    assert len(events(db_url)) == 2


@pytest.mark.parametrize("reverse", [False, True], ids=["told-in-order", "reverse"])
def test_a_planned_summit_and_the_report_that_it_happened_are_one_event(db_url: str, reverse: bool) -> None:
    for article, extracted, published in (SOCHI_PLAN, SOCHI_HELD)[:: -1 if reverse else 1]:
        store(db_url, article, extracted, published=published)
    # It happened; the narrowest date is kept, and when it was first told as a plan.
    assert events(db_url) == [("occurred", "2019-02-14", "2019-02-14", "2019-02-12")]
    assert sorted(rows(db_url, "SELECT status, sentence FROM event_mentions")) == [
        ("occurred", "They met in Sochi last week."), ("planned", "They are due to meet in Sochi.")]
    # The evidence is the report of it happening.
    assert rows(db_url, "SELECT sentence, article_id FROM v_event_evidence") == [("They met in Sochi last week.",
                                                                                  "held")]


def test_a_plan_told_after_the_meeting_is_the_next_meeting(db_url: str) -> None:
    store(db_url, "met", report(TRUMP, KIM, mode="meeting", start=date(2018, 6, 12), place=SINGAPORE),
          published=date(2018, 6, 12))
    store(db_url, "again", report(TRUMP, KIM, mode="meeting", status="planned",
                                  sentence="They will meet again."), published=date(2018, 6, 20))
    assert events(db_url) == [("occurred", "2018-06-12", "2018-06-12", None), ("planned", None, None, "2018-06-20")]


@pytest.mark.parametrize(("told", "together"), [(date(2018, 4, 12), True), (date(2018, 1, 2), False)],
                         ids=["two-months-before", "five-months-before"])
def test_an_undated_plan_is_carried_out_within_a_quarter(db_url: str, told: date, together: bool) -> None:
    store(db_url, "plan", report(TRUMP, KIM, mode="meeting", status="planned", sentence="Trump is to meet Kim."),
          published=told)
    store(db_url, "summit", report(TRUMP, KIM, mode="meeting", start=date(2018, 6, 12), place=SINGAPORE),
          published=date(2018, 6, 12))
    expected = [("occurred", "2018-06-12", "2018-06-12", told.isoformat())] if together else [
        ("planned", None, None, told.isoformat()), ("occurred", "2018-06-12", "2018-06-12", None)]
    assert sorted(events(db_url), key=str) == sorted(expected, key=str)


def test_the_events_do_not_depend_on_the_order_of_the_articles(cli, tmp_path) -> None:
    reports = [DEC_14_CALL, UNDATED_CALL, SOCHI_PLAN, SOCHI_HELD,
               ("plan-kim", report(TRUMP, KIM, mode="meeting", status="planned"), date(2018, 4, 12)),
               ("summit", report(TRUMP, KIM, mode="meeting", start=date(2018, 6, 12), place=SINGAPORE),
                date(2018, 6, 12))]
    exports = []
    for name, order in (("forward", reports), ("backward", reports[::-1])):
        url = f"sqlite:///{tmp_path / name}.sqlite"
        for article, extracted, published in order:
            store(url, article, extracted, published=published)
        exports.append([json.loads(line) for line in export_lines(cli, url)])
    assert len(exports[0]) == 3
    assert exports[0] == exports[1]


HANOI = PlaceRef("Hanoi", "VNM", 21.03, 105.85, "city")
VIETNAM = PlaceRef("Vietnam", "VNM", 16.0, 108.0, "country")
SUMMIT_NEWS = ("news", report(TRUMP, KIM, mode="meeting", sentence="The summit ended without a deal."),
               date(2019, 2, 28))
SUMMIT_HANOI = ("hanoi", report(TRUMP, KIM, mode="meeting", place=HANOI, sentence="They cut short their summit in "
                                                                                  "Hanoi."), date(2019, 2, 28))
SUMMIT_RECALLED = ("recalled", report(TRUMP, KIM, mode="meeting", place=VIETNAM,
                                      sentence="A month after their failed summit in Vietnam."), date(2019, 4, 25))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 0, 1), (0, 2, 1), (1, 2, 0)], ids=str)
def test_a_report_that_pins_down_the_place_joins_what_was_stored_apart(db_url: str, order: tuple[int, ...]) -> None:
    # The unplaced news of the day and the placed recollection two months later cannot be told to be one summit,
    # until the Hanoi report joins the first and pins it to the place the second names.
    reports = (SUMMIT_NEWS, SUMMIT_HANOI, SUMMIT_RECALLED)
    for i in order:
        article, extracted, published = reports[i]
        store(db_url, article, extracted, published=published)
    assert rows(db_url, "SELECT l.name, s.article_count FROM events e JOIN locations l ON l.id = e.location_id "
                        "JOIN v_event_sources s ON s.event_id = e.id") == [("Hanoi", 3)]
