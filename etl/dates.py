"""Resolve a date phrase ("on Tuesday", "last November", "May 2023") against a publication date.

Rules, not a general parser: news phrases are few, and a wrong date is worse than none. An unresolvable
phrase gives None; a vague one ("in the coming weeks") gives VAGUE so the caller stops looking for another.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from etl.lexicon import load_lexicon

VAGUE = "vague"

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "several": None, "few": None}

_YEAR = r"(?:1[89]\d\d|20\d\d)"


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_away(day: date, months: int) -> tuple[date, date]:
    """The first and last day of the month `months` months after the month of `day` (before, when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return _month_range(index // 12, index % 12 + 1)


def _week_range(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _out(start: date, end: date, precision: str, text: str) -> dict:
    return {"start": start.isoformat(), "end": end.isoformat(), "precision": precision, "text": text}


class DateResolver:
    NEAR_FUTURE_DAYS = 31
    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        lex = load_lexicon("dates.toml", lexicon_dir)
        self.vague = [v.lower() for v in lex.get("vague", [])]
        self.open_ranges = [v.lower() for v in lex.get("open_ranges", [])]
        self.parts_of_day = set(lex.get("parts_of_day", []))
        self.month_parts = {k: tuple(v) for k, v in lex.get("month_parts", {}).items()}
        self.year_parts = {k: tuple(v) for k, v in lex.get("year_parts", {}).items()}
        self.holidays = {k.lower(): ((v[0], v[1]), (v[2], v[3])) for k, v in lex.get("holidays", {}).items()}
        self.day_anaphora = {k.lower(): int(v) for k, v in lex.get("day_anaphora", {}).items()}

    def day_offset(self, text: str) -> int | None:
        """Days after the day named just before that `text` refers to ("later that day" 0, "the next day" 1), or
        None when it names a day of its own."""
        t = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'").strip(" ,."))
        t = re.sub(r"^(?:on|by|during|later|earlier|late|early|later on|earlier on)\s+", "", t)
        return self.day_anaphora.get(t)

    def is_holiday(self, text: str) -> bool:
        """'Christmas', 'the weekend': a named stretch of days ("over Christmas" is that stretch)."""
        t = re.sub(r"^(?:the|this|last|next)\s+", "", text.lower().strip())
        return t in self.holidays or t == "weekend"

    def resolve(self, text: str, anchor: date | None, planned: bool = False) -> dict | str | None:
        """{start, end, precision, text} (ISO dates), VAGUE, or None when `text` is no date we can place."""
        if anchor is None:
            return None
        raw = text
        t = text.lower().replace("\u2019", "'").replace("-", " - ").strip(" ,.")
        t = re.sub(r"\s+", " ", t)
        t = re.sub(r"\bmid ?- ?", "mid ", t)
        t = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.\s*", r"\1 ", t)  # "Nov. 7", "Dec.30"
        t = re.sub(r"^(on|in|at|by|during|from|of|as of|around|about|this past|the past)\s+", lambda m: (
            "this past " if m.group(1) == "this past" else ""), t) if not t.startswith("this past") else t
        for prefix in self.open_ranges:
            if t == prefix or t.startswith(prefix + " "):
                return None
        t = re.sub(r"^(the)\s+", "", t)
        t = re.sub(r"^(?:earlier|later|early|late)\s+on\s+", "", t)  # "earlier on Monday": that Monday
        t = re.sub(r"^(earlier|later|early|late) in (?:the )?(week|month|year)$", r"\1 this \2", t)
        m = re.fullmatch(r"(.+?),? (?:of )?(this|last|next) year", t)
        if m and any(w in MONTHS for w in m.group(1).split()):
            # "in March of this year", "December last year": that month of the year meant
            t = f"{m.group(1)} {anchor.year + {'last': -1, 'next': 1}.get(m.group(2), 0)}"
        m = re.fullmatch(r"(\w+),? (.*\d.*)", t)
        if m and m.group(1) in WEEKDAYS and any(w.strip(",") in MONTHS for w in m.group(2).split()):
            t = m.group(2)  # "Thursday, March 28": the date the weekday names
        words = t.split()
        if not words:
            return None
        for part in self.parts_of_day:
            t = re.sub(rf"\b{part}\b", "", t).strip()
        t = re.sub(r"\s+", " ", t)
        try:
            result = self._relative(t, anchor, planned, raw) or self._calendar(t, anchor, planned, raw)
        except (OverflowError, ValueError):
            # "next week" from 9999-12-31, "last week" from 0001-01-01: past the ends of the calendar
            return None
        if result is not None:
            return result
        if any(re.search(rf"\b{re.escape(v)}\b", t) for v in self.vague):
            return VAGUE
        return None

    def _relative(self, t: str, anchor: date, planned: bool, raw: str) -> dict | None:
        # a bare "this" is what is left of "this morning" once the part of the day is stripped
        if t in ("today", "tonight", "earlier today", "later today", "this", "earlier this", "later this"):
            return _out(anchor, anchor, "day", raw)
        # "last night" is "last" once the part of the day is stripped
        if t in ("yesterday", "last night", "overnight", "last"):
            d = anchor - timedelta(days=1)
            return _out(d, d, "day", raw)
        if t == "tomorrow":
            d = anchor + timedelta(days=1)
            return _out(d, d, "day", raw)
        if t in ("weekend", "over weekend", "over the weekend", "this weekend", "last weekend", "next weekend"):
            sat = anchor + timedelta(days=(5 - anchor.weekday()) % 7 if planned or t.startswith("next") else
                                     -((anchor.weekday() - 5) % 7))
            if t == "last weekend" and anchor.weekday() >= 5:
                sat -= timedelta(days=7)
            return _out(sat, sat + timedelta(days=1), "week", raw)
        m = re.fullmatch(r"(this past |last |next |this |this coming |coming )?(\w+?)(?:'s)?", t)
        if m and m.group(2) in WEEKDAYS:
            return self._weekday(WEEKDAYS[m.group(2)], (m.group(1) or "").strip(), anchor, planned, raw)
        m = re.fullmatch(r"(this|last|next|this past)? ?(spring|summer|autumn|fall|winter)", t)
        if m and m.group(2) in self.year_parts:
            lo, hi = self.year_parts[m.group(2)]
            year = anchor.year + {"last": -1, "next": 1}.get(m.group(1) or "", 0)
            if not m.group(1) and lo > anchor.month:
                year -= 0 if planned else 1
            return _out(_month_range(year, lo)[0], _month_range(year, hi)[1], "month", raw)
        m = re.fullmatch(r"(earlier |later |early |late )?(this|last|next|past|previous|the previous|the following)"
                         r" (week|weekend|month|year)", t)
        if m:
            return self._unit(m.group(1), m.group(2), m.group(3), anchor, raw, planned)
        m = re.fullmatch(r"(?:last|past) (\d+|\w+) (hour|day)s?", t)
        if m and (m.group(1).isdigit() or NUMBERS.get(m.group(1))):
            # "in the last 48 hours", "over the past three days" (told of something done): up to publication
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
            days = -(-n // 24) if m.group(2) == "hour" else n
            if days <= 14:
                return _out(anchor - timedelta(days=days), anchor, "day" if days <= 1 else "week", raw)
        m = re.fullmatch(r"(\w+) (day|week|month|year)s? (ago|earlier|before)", t)
        if m and m.group(1) in NUMBERS and NUMBERS[m.group(1)] is not None or m and m.group(1).isdigit():
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
            if m.group(3) != "ago":
                return None  # "two days earlier" is relative to another event, not to publication
            unit = m.group(2)
            if unit == "day":
                d = anchor - timedelta(days=n)
                return _out(d, d, "day", raw)
            if unit == "week":
                return _out(*_week_range(anchor - timedelta(days=7 * n)), "week", raw)
            if unit == "month":
                y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
                return _out(*_month_range(y, mo + 1), "month", raw)
            return _out(date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31), "year", raw)
        return None

    def _weekday(self, wd: int, qualifier: str, anchor: date, planned: bool, raw: str) -> dict:
        back = (anchor.weekday() - wd) % 7
        fwd = (wd - anchor.weekday()) % 7
        if qualifier in ("last", "this past"):
            delta = -(back or 7)
        elif qualifier in ("next", "this coming", "coming"):
            delta = fwd or 7
        elif planned:
            delta = fwd
        else:
            delta = -back
        d = anchor + timedelta(days=delta)
        return _out(d, d, "day", raw)

    def _unit(self, part: str | None, which: str, unit: str, anchor: date, raw: str,
              planned: bool = False) -> dict | None:
        offset = {"this": 0, "last": -1, "past": -1, "previous": -1, "the previous": -1, "next": 1,
                  "the following": 1}[which]
        part = (part or "").strip()
        if unit == "week" and anchor.weekday() == 6 and not part:
            # A Sunday paper looks back on the week ending that day ("celebrations in Sochi last week") and ahead to
            # the one starting tomorrow ("talks will resume in Vienna this week")
            offset = 0 if offset == -1 else 1 if which == "this" and planned else offset
        if unit in ("week", "weekend"):
            start, end = _week_range(anchor + timedelta(days=7 * offset))
            if unit == "weekend":
                start = end - timedelta(days=1)
            precision = "week"
        elif unit == "month":
            y, mo = divmod(anchor.year * 12 + anchor.month - 1 + offset, 12)
            start, end = _month_range(y, mo + 1)
            precision = "month"
        else:
            start, end = date(anchor.year + offset, 1, 1), date(anchor.year + offset, 12, 31)
            precision = "year"
        if part == "earlier" and offset == 0:
            end = anchor
        elif part == "later" and offset == 0:
            start = anchor
        elif part in ("early", "late") and unit == "month":
            lo, hi = self.month_parts[part]
            start, end = start.replace(day=lo), end.replace(day=min(hi, end.day))
        elif part in ("early", "late") and unit == "year":
            lo, hi = self.year_parts[part]
            start, end = _month_range(start.year, lo)[0], _month_range(start.year, hi)[1]
        return _out(start, end, precision, raw)

    def _calendar(self, t: str, anchor: date, planned: bool, raw: str) -> dict | None:
        t = t.replace(",", " ").replace(" - ", "-")
        t = re.sub(r"(\d+)(st|nd|rd|th)\b", r"\1", t)
        t = re.sub(r"\s+", " ", t).strip()
        m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", t)
        if m:
            try:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
            return _out(d, d, "day", raw)
        span = self._day_span(t, anchor, planned, raw)
        if span is not None:
            return span
        tokens = t.split()
        qualifier = None
        if tokens and tokens[0] in ("last", "next", "this", "this past", "past"):
            qualifier = tokens.pop(0)
        part = None
        if tokens and (tokens[0] in self.month_parts or tokens[0] in self.year_parts):
            part = tokens.pop(0)
            if tokens and tokens[0] == "of":
                tokens.pop(0)
        t2 = " ".join(tokens)
        if part and re.fullmatch(r"mid-?\w+", t2 or "") is None and t2.startswith("mid-"):
            part, t2 = "mid-", t2[4:]
        m = re.fullmatch(rf"(\w+)(?: (\d{{1,2}}))?(?: ({_YEAR}))?", t2) or re.fullmatch(
            rf"(\d{{1,2}}) (\w+)(?: ({_YEAR}))?", t2)
        if m and m.re.pattern.startswith("(\\d"):
            day_s, month_s, year_s = m.group(1), m.group(2), m.group(3)
        elif m:
            month_s, day_s, year_s = m.group(1), m.group(2), m.group(3)
        else:
            month_s = day_s = year_s = None
        if month_s in MONTHS:
            month = MONTHS[month_s]
            year = int(year_s) if year_s else self._year_for_month(month, anchor, planned, qualifier)
            if day_s:
                try:
                    d = date(year, month, int(day_s)) if year_s or qualifier else \
                        self._day_without_year(month, int(day_s), anchor, planned)
                except ValueError:
                    return None
                return _out(d, d, "day", raw)
            start, end = _month_range(year, month)
            if part in self.month_parts:
                lo, hi = self.month_parts[part]
                start, end = start.replace(day=lo), end.replace(day=min(hi, end.day))
            return _out(start, end, "month", raw)
        m = re.fullmatch(rf"({_YEAR})", t2)
        if m:
            year = int(m.group(1))
            if part in self.year_parts:
                lo, hi = self.year_parts[part]
                return _out(_month_range(year, lo)[0], _month_range(year, hi)[1], "month", raw)
            return _out(date(year, 1, 1), date(year, 12, 31), "year", raw)
        m = re.fullmatch(rf"(\w+)(?: of)? ({_YEAR})", t2)
        if m and m.group(1) in self.year_parts:
            lo, hi = self.year_parts[m.group(1)]
            year = int(m.group(2))
            if lo > hi:
                return None
            return _out(_month_range(year, lo)[0], _month_range(year, hi)[1], "month", raw)
        return None

    def _day_span(self, t: str, anchor: date, planned: bool, raw: str) -> dict | None:
        """'24-25 April', 'January 25-26', '29-30 January 2018', '20 to 22 March', 'between October 20 and 23': a
        span of days within one month; and the holidays the data file lists ('Christmas'), at their occurrence on
        the right side of publication."""
        t = re.sub(r"^between ", "", t)
        t = re.sub(r"\b(\d{1,2}) (?:to|and|through|till|until) (\d{1,2})\b", r"\1-\2", t)
        m = re.fullmatch(rf"(\d{{1,2}})-(\d{{1,2}}) (\w+)(?: ({_YEAR}))?", t)
        if m:
            d1, d2, month_s, year_s = m.groups()
        else:
            m = re.fullmatch(rf"(\w+) (\d{{1,2}})-(\d{{1,2}})(?: ({_YEAR}))?", t)
            if m:
                month_s, d1, d2, year_s = m.groups()
        if m and month_s in MONTHS and int(d1) < int(d2):
            month = MONTHS[month_s]
            try:
                first = date(int(year_s), month, int(d1)) if year_s else \
                    self._day_without_year(month, int(d1), anchor, planned)
                return _out(first, first.replace(day=int(d2)), "day", raw)
            except ValueError:
                return None
        m = re.fullmatch(rf"(?:over )?(last |this |next )?(.+?)(?: ({_YEAR}))?", t)
        if m and m.group(2) in self.holidays:
            (m1, day1), (m2, day2) = self.holidays[m.group(2)]
            year = int(m.group(3)) if m.group(3) else anchor.year
            if not m.group(3):
                if (m.group(1) or "").strip() == "next" or planned and date(year, m2, day2) < anchor:
                    year += 0 if date(year, m2, day2) >= anchor else 1
                elif date(year, m1, day1) > anchor:
                    year -= 1
            return _out(date(year, m1, day1), date(year, m2, day2), "day", raw)
        return None

    def _day_without_year(self, month: int, day: int, anchor: date, planned: bool) -> date:
        """'April 5': its occurrence on the side of publication the status says; but a day a few weeks ahead is that
        one even when told as done (news says "last September" for last year's), as the status may be what is wrong.
        ValueError for a day the month lacks."""
        for year in (anchor.year, anchor.year + 1):
            try:
                near = date(year, month, day)
            except ValueError:
                continue  # 29 February of a common year
            if anchor < near <= anchor + timedelta(days=self.NEAR_FUTURE_DAYS):
                return near
        d = date(self._year_for_month(month, anchor, planned, None), month, day)
        if planned and d < anchor - timedelta(days=1):
            return d.replace(year=d.year + 1)
        if not planned and d > anchor + timedelta(days=1):
            return d.replace(year=d.year - 1)
        return d

    @staticmethod
    def _year_for_month(month: int, anchor: date, planned: bool, qualifier: str | None) -> int:
        if qualifier == "last" or qualifier == "past" or qualifier == "this past":
            return anchor.year if month < anchor.month else anchor.year - 1
        if qualifier == "next":
            return anchor.year if month > anchor.month else anchor.year + 1
        if planned:
            return anchor.year if month >= anchor.month else anchor.year + 1
        return anchor.year if month <= anchor.month else anchor.year - 1


@lru_cache(maxsize=4)
def get_resolver(lexicon_dir: str | None = None) -> DateResolver:
    return DateResolver(lexicon_dir)
