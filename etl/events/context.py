"""What an article as a whole says about when and where its exchanges took place.

- A dateline ("BONN, Germany (AP) —", "RIYADH, Dec. 7 (Xinhua) --", "NEW DELHI (UrduPoint News / Sputnik - 10th
  September, 2020)", "ISLAMABAD: ", "Doha, Feb 29: ") gives the place and the day of wire copy: the day relative
  dates are read from, and the place of an exchange its lead tells without one.
- An exchange told without a place takes the place of another exchange of the article with one of its parties, at
  a compatible time, told as the same kind of happening (a plan or a report).
- An exchange told without a place, in a sentence that says something happened in one city, took place there
  ("broke the news Saturday in Osaka, after meeting Xi").
- A chronology's month headings ("June" on a line of its own) date the undated entries below them.
- An exchange that happened, told without a time, took place on the day the sentence before (or the one before that)
  names in a clause whose subject is one of its parties ("Sosa arrived in Lima on Thursday. Sosa held talks ...").
- An exchange that happened and whose text gives no time at all took place on the day of the report, as event data
  (GDELT, ICEWS) date it: the publication date (or the dateline's), with `text` saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span

from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import REMOTE_MODES
from etl.records import REPORT_DATE_TEXT, REPORTED

_SEPARATOR = re.compile(r"\s*(?:—|–|--|\s-\s|-\s|:\s)")
_AGENCY = re.compile(r"\(([^)]{1,80})\)")
_DATE_IN = re.compile(
    r"(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"\.?,?(?:\s*\d{4})?)")
_HEADING = re.compile(r"(?im)^[ \t]*((?:january|february|march|april|may|june|july|august|september|october|"
                      r"november|december)(?:[ \t]+\d{4})?)[ \t]*$")
LEAD_SENTENCES = 2  # a dateline's place is the place of exchanges its first sentences tell


@dataclass
class Dateline:
    place: dict | None
    day: date | None
    end: int  # where the article's text starts after it


class ArticleContext(Stage):
    def dateline(self, text: str, anchor: date | None) -> Dateline | None:
        """The dateline opening an article, if it has one."""
        line = text[:160].split("\n", 1)[0]
        sep = _SEPARATOR.search(line)
        agency = _AGENCY.search(line[:110])
        if agency is not None and agency.start() <= 40 and (sep is None or agency.start() < sep.start()):
            # "NEW DELHI (UrduPoint News / Sputnik - 10th September, 2020) Indian ...": the agency's parenthesis
            # holds a dash of its own; "BONN, Germany (AP) — U.S. ...": the dash after it ends the dateline
            after = _SEPARATOR.match(line, agency.end())
            head, end = line[:agency.end()], after.end() if after else agency.end()
        elif sep is not None and sep.start() <= 110:
            head, end = line[:sep.start()], sep.end()
        else:
            return None
        if not head[:1].isupper() and not head.startswith("("):
            return None
        first = re.split(r"[,(\[/|]", re.sub(r"^\([^)]*\)\s*[-–—]?\s*", "", head), maxsplit=1)[0].strip()
        place = self.gaz.lookup(first.title()) if 1 < len(first) <= 30 else None
        day = None
        found = _DATE_IN.search(head)
        if found is not None and anchor is not None:
            when = self.dates.resolve(found.group(0), anchor)
            if isinstance(when, dict) and when["precision"] == "day":
                day = date.fromisoformat(when["start"])
                if not 0 <= (anchor - day).days <= 7:
                    day = None  # a dateline dates the copy, at most a few days before it is published
        if place is None and (day is None or len(head) > 40):
            return None  # a date alone makes a dateline only at the very start ("July 27 (UPI) —")
        return Dateline(place.as_dict(first) if place is not None else None, day, end)

    def headings(self, text: str, anchor: date | None) -> list[tuple[int, dict]]:
        """Month headings of a chronology ("June", "March 2019" on a line of its own): (offset, the month's range),
        in order."""
        out = []
        if anchor is None:
            return out
        for found in _HEADING.finditer(text):
            when = self.dates.resolve(found.group(1), anchor)
            if isinstance(when, dict) and when["precision"] == "month":
                out.append((found.start(), when))
        return out

    def _city_of_mentions(self, ev: EventDraft, sents: list[Span]) -> dict | None:
        """The one city the sentence of an exchange's first mention says something happened in; else the one city
        the sentences of its other mentions say so of ("Trump broke the news Saturday in Osaka, after meeting Xi"
        told after "Trump and Xi agreed to a truce"), none when they name two."""
        first = ev.trigger.sent
        city = self.places.sentence_city(first, ev)
        if city is not None:
            return city
        found: dict[str, dict] = {}
        for si in sorted(set(ev.sentence_ids)):
            city = self.places.sentence_city(sents[si], ev) if si < len(sents) and sents[si] != first else None
            if city is not None:
                found.setdefault(city["name"], city)
        return next(iter(found.values())) if len(found) == 1 else None

    def date_by_headings(self, events: list[EventDraft], state: ArticleState) -> None:
        """An undated entry of a chronology is in the month of the heading above it (before the entries of one
        article are merged: two entries under two headings are two exchanges)."""
        headings = self.headings(state.text, state.anchor)
        if not headings:
            return
        for ev in events:
            if ev.date is None and ev.mentions:
                start = ev.mentions[0][0]
                heading = next((when for offset, when in reversed(headings) if offset < start), None)
                if heading is not None:
                    ev.date = dict(heading)

    def fill(self, events: list[EventDraft], state: ArticleState, dateline: Dateline | None, sents: list[Span]
             ) -> None:
        for ev in events:
            if ev.location is None and ev.mode not in REMOTE_MODES:
                ev.location = self._place_of_same_parties(ev, events)
            if ev.location is None and ev.mode not in REMOTE_MODES and ev.trigger is not None:
                ev.location = self._city_of_mentions(ev, sents)
            if ev.location is None and ev.mode not in REMOTE_MODES and dateline is not None and \
                    dateline.place is not None and (min(ev.sentence_ids, default=99) < LEAD_SENTENCES or _here(ev)):
                ev.location = dict(dateline.place)  # "UFA - ... will meet on the sidelines of the summit here"
        day = dateline.day if dateline is not None and dateline.day is not None else state.anchor
        if day is None:
            return
        _within_report(events, day.isoformat())
        undated = [ev for ev in events if ev.date is None and ev.status == "occurred" and not ev.weak_status]
        if undated:
            date_ents = [e for e in state.doc.ents if e.label_ == "DATE"]
            for ev in undated:
                ev.date = self.event_dates.date_nearby(ev, sents, date_ents, state)
        for ev in undated:
            if ev.date is None:
                iso = day.isoformat()
                ev.date = {"start": iso, "end": iso, "precision": REPORTED, "text": REPORT_DATE_TEXT}

    @staticmethod
    def _place_of_same_parties(ev: EventDraft, events: list[EventDraft]) -> dict | None:
        names = {a.name for a in ev.actors if a.kind == "PERSON"} or {a.name for a in ev.actors}
        best: tuple[int, dict] | None = None
        first = min(ev.sentence_ids, default=0)
        for other in events:
            if other is ev or other.location is None or other.mode in REMOTE_MODES or other.status != ev.status:
                continue
            if not names & {a.name for a in other.actors}:
                continue
            if ev.date is not None and other.date is not None and not (
                    ev.date["start"] <= other.date["end"] and other.date["start"] <= ev.date["end"]):
                continue
            distance = abs(min(other.sentence_ids, default=0) - first)
            if best is None or distance < best[0]:
                best = (distance, other.location)
        return dict(best[1]) if best is not None else None


def _within_report(events: list[EventDraft], day: str) -> None:
    """What has happened happened by the day of the report, and what is planned is still to come: "met this week"
    told on a Wednesday was Monday to Wednesday, "will meet this month" told on the 24th is the 24th to the 31st."""
    for ev in events:
        if ev.date is None or not ev.date["start"] < ev.date["end"]:
            continue
        if ev.status == "occurred" and ev.date["start"] <= day < ev.date["end"]:
            ev.date = {**ev.date, "end": day}
        elif ev.status == "planned" and ev.date["start"] < day <= ev.date["end"]:
            ev.date = {**ev.date, "start": day}


def _here(ev: EventDraft) -> bool:
    """The sentence of the event says it is "here": where the dateline says the copy was filed."""
    return ev.trigger is not None and any(t.lower_ == "here" and t.dep_ == "advmod" for t in ev.trigger.sent)
