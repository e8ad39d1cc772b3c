"""Dates as analysts type them: 2024-03-01, today, yesterday, last week, last tuesday, 3 months ago, 2 March 2024.

Relative dates are read by `dateparser` against today, preferring the past ("tuesday" is the last one), with
calendar arithmetic (1 month before 29 March 2024 is 29 February). Two forms are refused rather than guessed:
a numeric date whose day and month could be swapped (01/02/2019: 1 February or 2 January?) and a bare month or
year ("March 2024"), which is a range, not a day.
"""

from __future__ import annotations

import re
from datetime import date, datetime

ACCEPTED = ("YYYY-MM-DD, today, yesterday, last week, last tuesday, 3 days ago, 2 weeks ago, 1 month ago, "
            "2 March 2024")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMERIC_DAY = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})$")
# Words that make a month- or year-sized phrase relative to today ("1 month ago", "last year"): a day after all.
RELATIVE_WORDS = re.compile(r"\b(ago|last|next|this|in|today|yesterday|tomorrow)\b")


class BadDate(ValueError):
    """Text that is not a date, or not one day; the message says which forms work."""


def parse_date(raw: str, today: date | None = None) -> date:
    """The day `raw` names; relative forms count from `today` (default: the machine's today)."""
    text = " ".join(raw.strip().lower().split())
    if ISO_DAY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise BadDate(f"{raw!r} is not a day of the calendar ({exc})") from None
    numeric = NUMERIC_DAY.match(text)
    if numeric:
        return _numeric(raw, int(numeric["a"]), int(numeric["b"]), int(numeric["year"]))
    return _natural(raw, text, today or date.today())


def _numeric(raw: str, a: int, b: int, year: int) -> date:
    readings = set()
    for day, month in ((a, b), (b, a)):
        try:
            readings.add(date(year, month, day))
        except ValueError:
            continue
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise BadDate(f"{raw!r} is not a day of the calendar; accepted: {ACCEPTED}")
    first, second = sorted(readings)
    raise BadDate(f"{raw!r} could be {first.isoformat()} or {second.isoformat()}: write it as YYYY-MM-DD")


def _natural(raw: str, text: str, today: date) -> date:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": False,
    })
    found = parser.get_date_data(text)
    if found is None or found.date_obj is None:
        raise BadDate(f"{raw!r} is not a date; accepted: {ACCEPTED}")
    if found.period in ("month", "year") and not RELATIVE_WORDS.search(text):
        raise BadDate(f"{raw!r} is a {found.period}, not a day: give its first or last day as YYYY-MM-DD")
    return found.date_obj.date()
