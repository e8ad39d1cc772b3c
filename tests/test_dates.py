"""Date resolution against the publication date (2024-04-02, a Tuesday), through transform."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_helpers import events

from etl.dates import get_resolver

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
        ("President Joe Biden met Chinese President Xi Jinping in Bangkok this week.", ("2024-04-01", "2024-04-07")),
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


def test_day_of_month_for_planned_event() -> None:
    assert _date("Treasury Secretary Janet Yellen will visit Beijing on April 5.") == ("2024-04-05", "2024-04-05")


def test_vague_future_gives_no_date() -> None:
    evs = events("President Joe Biden and Chinese President Xi Jinping will speak by phone in the coming weeks.", PUB)
    assert len(evs) == 1
    assert evs[0].status == "planned"
    assert evs[0].date is None


def test_date_of_the_report_is_not_the_date_of_the_event() -> None:
    evs = events("President Joe Biden will meet Chinese President Xi Jinping in the coming weeks, "
                 "the White House said on Monday.", PUB)
    assert len(evs) == 1
    assert evs[0].date is None


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("24-25 April", date(2018, 4, 15), ("2018-04-24", "2018-04-25")),
    ("January 25-26", date(2018, 1, 23), ("2018-01-25", "2018-01-26")),
    ("over Christmas", date(2019, 2, 4), ("2018-12-24", "2018-12-26")),
    ("earlier on Monday", date(2018, 2, 19), ("2018-02-19", "2018-02-19")),
    ("this autumn", date(2018, 7, 21), ("2018-09-01", "2018-11-30")),
    ("last summer", date(2018, 4, 15), ("2017-06-01", "2017-08-31")),
])
def test_day_spans_holidays_and_seasons(text: str, anchor: date, expected: tuple[str, str]) -> None:
    got = get_resolver().resolve(text, anchor, False)
    assert isinstance(got, dict) and (got["start"], got["end"]) == expected
