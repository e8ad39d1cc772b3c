"""Event consolidation: one `events` row per real-world exchange, however many articles report it.

An extracted event is the same as a stored one when type and status agree, the mode is of the same class
(in person or remote), enough participants are shared, the dates overlap and the places are compatible
(the same place, or a city and the country it is in). Candidates are found with indexed lookups (by
participant and date window), so a load does not slow down as the database grows.

When articles disagree, the stored event keeps the most precise compatible value (the narrowest date range,
a city rather than its country) and the article it came from. The rules depend only on the set of reports,
not on the order they arrive in, so loading the same articles in any order gives the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Article, Event, EventMention, EventParticipant, Location

REMOTE_MODES = frozenset({"phone", "video"})
# When two reports of one exchange name different modes of the same class, the more specific one wins.
MODE_PRECEDENCE = ("third-party", "multilateral", "visit", "host", "meeting", "video", "phone")
# Place kinds that contain cities: a city in the same country is the more precise report of the same place.
CONTAINER_KINDS = frozenset({"country", "admin1", "region"})
# Each participant's latest events that are compared with a report (where undated events are found).
LATEST_PER_ACTOR = 100
# At most this many events of the report's date window are looked at.
MAX_WINDOW_EVENTS = 20_000
# Reports of one exchange are compared only when their dates are this close: a year-precision date is the
# widest an extracted event usually has.
MAX_EVENT_SPAN = timedelta(days=400)
# An undated report is about something near the time it was published: within this many days.
REPORT_WINDOW = timedelta(days=45)
DEFAULT_REPORT_CONFIDENCE = 0.5
# When reports give one participant different roles, the more informative role is kept.
ROLE_PRECEDENCE = ("source", "target", "participant")


@dataclass
class PlaceFacts:
    id: int
    kind: str
    country_code: str | None


@dataclass
class EventFacts:
    """What consolidation compares: one event's slots, with actors and place already resolved to ids."""

    type: str
    mode: str | None
    status: str
    date_start: date | None
    date_end: date | None
    place: PlaceFacts | None
    actor_ids: set[int] = field(default_factory=set)
    reported: tuple[date, date] | None = None  # earliest and latest publication date of its reports

    @property
    def dated(self) -> bool:
        return self.date_start is not None

    @property
    def date_width(self) -> int:
        if self.date_start is None:
            return 1 << 30
        return ((self.date_end or self.date_start) - self.date_start).days


def role_rank(role: str) -> int:
    return ROLE_PRECEDENCE.index(role) if role in ROLE_PRECEDENCE else len(ROLE_PRECEDENCE)


def prefer_details(stored: EventParticipant, role: str, title: str | None) -> None:
    """The more informative role and title win, so the result does not depend on the order of reports."""
    if role_rank(role) < role_rank(stored.role):
        stored.role = role
    if title and (stored.title is None or (len(title), title) > (len(stored.title), stored.title)):
        stored.title = title


def mode_class(mode: str | None) -> str | None:
    if mode is None:
        return None
    return "remote" if mode in REMOTE_MODES else "in-person"


def places_compatible(a: PlaceFacts | None, b: PlaceFacts | None) -> bool:
    if a is None or b is None or a.id == b.id:
        return True
    if a.kind in CONTAINER_KINDS and b.kind not in CONTAINER_KINDS:
        return a.country_code is not None and a.country_code == b.country_code
    if b.kind in CONTAINER_KINDS and a.kind not in CONTAINER_KINDS:
        return b.country_code is not None and b.country_code == a.country_code
    return False


def dates_overlap(a: EventFacts, b: EventFacts) -> bool:
    assert a.date_start and b.date_start
    return a.date_start <= (b.date_end or b.date_start) and b.date_start <= (a.date_end or a.date_start)


def same_event(stored: EventFacts, new: EventFacts) -> bool:
    """Whether two reports describe one exchange (see the module docstring)."""
    if stored.type != new.type or stored.status != new.status:
        return False
    if None not in (mode_class(stored.mode), mode_class(new.mode)) and mode_class(stored.mode) != mode_class(new.mode):
        return False
    shared = len(stored.actor_ids & new.actor_ids)
    fewest = min(len(stored.actor_ids), len(new.actor_ids))
    if shared < min(2, fewest) or shared == 0:
        return False
    if not places_compatible(stored.place, new.place):
        return False
    both_placed = stored.place is not None and new.place is not None
    if stored.dated and new.dated:
        overlap = dates_overlap(stored, new)
        # A lone visitor's trips are told apart by place and date alone: both must be there to agree on.
        return overlap and (fewest >= 2 or both_placed)
    if stored.dated != new.dated:
        # One report without a date matches only when the place pins it down, and only an event of about
        # the time it was reported: a visit to Moscow told in January is not one held there in December.
        dated, undated = (stored, new) if stored.dated else (new, stored)
        assert dated.date_start is not None
        return both_placed and reported_near(undated, dated.date_start, dated.date_end or dated.date_start)
    # Neither is dated: the same pair's calls or meetings that already happened could be any of many, so
    # only a shared place, or a plan not yet carried out (there is usually one at a time), pins them down,
    # and only between reports close in time.
    if stored.reported and new.reported and not reported_near(new, stored.reported[0], stored.reported[1]):
        return False
    return shared >= 2 and (both_placed or stored.status == "planned")


def reported_near(report: EventFacts, start: date, end: date) -> bool:
    """Whether an undated report was published close to the period [start, end]."""
    if report.reported is None:
        return True
    first, last = report.reported
    return first - REPORT_WINDOW <= end and start <= last + REPORT_WINDOW


def match_score(stored: EventFacts, new: EventFacts) -> tuple[int, int, int]:
    """Higher is a better match among compatible candidates."""
    same_place = int(stored.place is not None and new.place is not None and stored.place.id == new.place.id)
    return len(stored.actor_ids & new.actor_ids), same_place, -abs(stored.date_width - new.date_width)


def more_precise_date(stored: EventFacts, new: EventFacts, stored_text: str | None = None,
                      new_text: str | None = None) -> bool:
    """Whether the new report's date should replace the stored one (narrower wins; ties broken by value)."""
    if not new.dated:
        return False
    if not stored.dated:
        return True
    return (new.date_width, new.date_start, new_text or "") < (stored.date_width, stored.date_start,
                                                                 stored_text or "")


def more_precise_place(stored: PlaceFacts | None, new: PlaceFacts | None) -> bool:
    if new is None:
        return False
    if stored is None:
        return True
    return stored.kind in CONTAINER_KINDS and new.kind not in CONTAINER_KINDS


def preferred_mode(a: str | None, b: str | None) -> str | None:
    known = [m for m in (a, b) if m is not None]
    if not known:
        return None
    return min(known, key=lambda m: MODE_PRECEDENCE.index(m) if m in MODE_PRECEDENCE else len(MODE_PRECEDENCE))


def find_same_event(session: Session, new: EventFacts, article_id: int) -> Event | None:
    """The stored event the new report is about, if any.

    Candidates come from lookups whose cost does not grow with the database: the events in the report's
    date window (index on type and start date) that its participants took part in, and each participant's
    latest events (index on actor and event), which is where undated events are found.
    """
    if not new.actor_ids:
        return None
    candidate_ids = _latest_events_of(session, new.actor_ids)
    if new.dated:
        candidate_ids |= _events_in_window(session, new)
    if not candidate_ids:
        return None
    # Two reports in one article were already told apart by the extractor: never merge them here.
    same_article = set(session.scalars(
        select(EventMention.event_id).where(EventMention.event_id.in_(candidate_ids),
                                            EventMention.article_id == article_id)))
    facts = facts_of_many(session, sorted(candidate_ids - same_article), include_rejected=False)
    best_id, best_score = None, None
    for event_id, stored in facts.items():
        if same_event(stored, new):
            score = (match_score(stored, new), -event_id)  # ties go to the oldest event
            if best_score is None or score > best_score:
                best_id, best_score = event_id, score
    return session.get(Event, best_id) if best_id is not None else None


def _latest_events_of(session: Session, actor_ids: set[int]) -> set[int]:
    found: set[int] = set()
    for actor_id in sorted(actor_ids):
        found.update(session.scalars(
            select(EventParticipant.event_id).where(EventParticipant.actor_id == actor_id)
            .order_by(EventParticipant.event_id.desc()).limit(LATEST_PER_ACTOR)))
    return found


def _events_in_window(session: Session, new: EventFacts) -> set[int]:
    assert new.date_start is not None
    end = new.date_end or new.date_start
    # The window is read first, on its own (a derived table with a LIMIT is never flattened), so the planner
    # cannot choose to scan every event of a busy actor, or every event with the same status, instead.
    window = (
        select(Event.id)
        .where(Event.type == new.type, Event.date_start >= new.date_start - MAX_EVENT_SPAN,
               Event.date_start <= end, Event.date_end >= new.date_start)
        .limit(MAX_WINDOW_EVENTS)
        .subquery()
    )
    return set(session.scalars(
        select(EventParticipant.event_id).join(window, window.c.id == EventParticipant.event_id)
        .where(EventParticipant.actor_id.in_(sorted(new.actor_ids))).distinct()))


def facts_of(session: Session, event_id: int) -> EventFacts:
    return facts_of_many(session, [event_id])[event_id]


def facts_of_many(session: Session, event_ids: list[int], include_rejected: bool = True) -> dict[int, EventFacts]:
    """What consolidation compares, for several stored events in three queries."""
    if not event_ids:
        return {}
    session.flush()
    facts: dict[int, EventFacts] = {}
    query = (
        select(Event.id, Event.type, Event.mode, Event.status, Event.date_start, Event.date_end,
               Location.id, Location.kind, Location.country_code)
        .outerjoin(Location, Location.id == Event.location_id)
        .where(Event.id.in_(event_ids)))
    if not include_rejected:
        query = query.where(Event.rejected.is_not(True))
    rows = session.execute(query).all()
    event_ids = [row[0] for row in rows]
    if not event_ids:
        return {}
    for event_id, type_, mode, status, start, end, place_id, kind, country in rows:
        place = PlaceFacts(place_id, kind, country) if place_id is not None else None
        facts[event_id] = EventFacts(type_, mode, status, start, end, place, set())
    for event_id, actor_id in session.execute(
            select(EventParticipant.event_id, EventParticipant.actor_id)
            .where(EventParticipant.event_id.in_(event_ids))):
        facts[event_id].actor_ids.add(actor_id)
    for event_id, first, last in session.execute(
            select(EventMention.event_id, func.min(Article.published_at), func.max(Article.published_at))
            .join(Article, Article.id == EventMention.article_id)
            .where(EventMention.event_id.in_(event_ids))
            .group_by(EventMention.event_id)):
        if first is not None:
            facts[event_id].reported = (first, last)
    return facts


def refresh_confidence(session: Session, event: Event) -> None:
    """Each independent source that reports the event leaves less room for it to be wrong.

    A source's say is its most confident report; articles without a source count as independent sources.
    The result depends only on the reports, never on the order they came in.
    """
    rows = session.execute(
        select(func.coalesce(Article.source_id, -Article.id), func.max(EventMention.confidence))
        .join(EventMention, EventMention.article_id == Article.id)
        .where(EventMention.event_id == event.id)
        .group_by(func.coalesce(Article.source_id, -Article.id)))
    doubt = 1.0
    for _source, confidence in rows:
        doubt *= 1 - (confidence if confidence is not None else DEFAULT_REPORT_CONFIDENCE)
    event.confidence = round(1 - doubt, 4)
