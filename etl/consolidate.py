"""Event consolidation: one `events` row per real-world exchange, however many articles report it.

An extracted event is the same as a stored one when the type agrees, the mode is of the same class (in person or
remote), enough participants are shared, the places are compatible (the same place, or a city and the country it
is in) and the times fit:

- two dated reports overlap;
- an undated report (or one whose date is wide, such as a week) fits a dated one that falls in its plausible window:
  a report of something that happened is about the last month before it was published ("the call earlier this
  month"; the last year when both name the place), a report of a plan about the quarter after ("Trump will meet
  Kim");
- two undated reports fit when published within two days of each other (the news of those days tells the latest
  exchange), or when a shared place or a plan pins them down (the same pair's past calls could be any of many), and
  only between reports close in time.

Of the other PLOVER types only two dated reports are joined: a statement, a demand or an accusation is made
again and again, and undated reports of one could chain every such report of two countries into one event.

A report of a lone participant (a visit) fits only one of the same mode: a trip is not the meetings held during it.
A body's summit is not the meeting two of its attendees held at its margins.
The status may differ: a plan and the report that it happened are one event when the plan was told before the
exchange took place (a plan told after it is the next one). The event is then `occurred`, and keeps when it was
first told as planned (`planned_at`); each mention keeps the status its report gave, so the first report of the
plan is there too.

Candidates are found with indexed lookups (by participant and date window), so a load does not slow down as the
database grows. Of several compatible stored events the one sharing most participants wins, then the same place,
then the same mode, then the nearest in time. When articles disagree, the stored event keeps the most precise
compatible value (the narrowest date range, a city rather than its country) and the article it came from. The rules
depend only on the set of reports, not on the order they arrive in, except where one undated report fits two stored
exchanges of the same parties: it joins the nearest of those stored when it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Article, Event, EventMention, EventParticipant, Location
from etl.records import REPORTED

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
# Two undated reports of one plan are published within this many days of each other; of what happened at one place,
# within a quarter ("Kim's failed summit with Trump in Vietnam", two months later); of what happened, whatever the
# place, within the same two days (the news of those days is of the latest exchange).
REPORT_WINDOW = timedelta(days=45)
PLACED_UNDATED = timedelta(days=92)
SAME_NEWS = timedelta(days=2)
# An undated report of what happened is about the last month before it was published ("a call earlier this month"),
# or, when it names the place, the last year ("Kim's summit with Trump in Hanoi ended in disagreement").
RECENT_PAST = timedelta(days=31)
PLACED_PAST = timedelta(days=365)
# An undated plan is carried out within a quarter after it was first told ("Trump will meet Kim").
PLAN_HORIZON = timedelta(days=92)
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
    planned_at: date | None = None  # earliest publication date of a report that told it as planned

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


def combine_status(event: Event, status: str, planned_at: date | None) -> None:
    """A report that it happened makes a planned event occurred; when the plan was first reported is kept."""
    if status == "occurred":
        event.status = "occurred"
    if planned_at is not None and (event.planned_at is None or planned_at < event.planned_at):
        event.planned_at = planned_at


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


def joins_undated(event_type: str) -> bool:
    """Whether reports of the type may be joined when one is undated. Not a statement, a demand, an accusation:
    made again and again, undated, one report of it cannot be told from the next, and joining them would chain
    every such report of two countries into one event."""
    return event_type == "CONSULT"


def same_event(stored: EventFacts, new: EventFacts) -> bool:
    """Whether two reports describe one exchange (see the module docstring)."""
    if stored.type != new.type:
        return False
    if None not in (mode_class(stored.mode), mode_class(new.mode)) and mode_class(stored.mode) != mode_class(new.mode):
        return False
    shared = len(stored.actor_ids & new.actor_ids)
    fewest = min(len(stored.actor_ids), len(new.actor_ids))
    if shared < min(2, fewest) or shared == 0:
        return False
    if not places_compatible(stored.place, new.place) or not plan_before_happening(stored, new):
        return False
    # A lone visitor's trip is not the meetings held during it ("Rubio arrived in Malaysia", "Rubio met Lavrov").
    if fewest < 2 and None not in (stored.mode, new.mode) and stored.mode != new.mode:
        return False
    # A body's summit is not the meeting two of its attendees held at its margins ("the SCO summit in Ufa", attended
    # by Modi and Sharif, and "Modi met Sharif in Ufa"): the gathering has parties the meeting has not.
    if None not in (stored.mode, new.mode) and (stored.mode == "multilateral") != (new.mode == "multilateral"):
        gathering, meeting = (stored, new) if stored.mode == "multilateral" else (new, stored)
        if not gathering.actor_ids <= meeting.actor_ids:
            return False
    both_placed = stored.place is not None and new.place is not None
    if not joins_undated(stored.type) and not (stored.dated and new.dated):
        return False
    if stored.dated and new.dated:
        # A lone visitor's trips are told apart by place and date alone: both must be there to agree on.
        return dates_overlap(stored, new) and (fewest >= 2 or both_placed)
    if stored.dated != new.dated:
        dated, undated = (stored, new) if stored.dated else (new, stored)
        assert dated.date_start is not None
        return (fewest >= 2 or both_placed) and in_window(undated, dated.date_start, dated.date_end or dated.date_start,
                                                          placed=both_placed)
    # Neither is dated: the same pair's calls or meetings that already happened could be any of many, so only news
    # of the same days (which tell the latest), a shared place, or a plan (there is usually one at a time, and it
    # is carried out once) pins them down, and only between reports close in time.
    if shared < 2:
        return False
    if stored.status != new.status:
        plan, done = (stored, new) if stored.status == "planned" else (new, stored)
        return done.reported is None or in_window(plan, *done.reported)
    if stored.reported is None or new.reported is None:
        return both_placed or stored.status == "planned"
    if reported_near(new, *stored.reported, within=SAME_NEWS):
        return True
    return (both_placed or stored.status == "planned") and reported_near(
        new, *stored.reported, within=PLACED_UNDATED if both_placed else REPORT_WINDOW)


def first_planned(facts: EventFacts) -> date | None:
    """When the exchange was first told as a plan: the earliest report of a planned event, or its `planned_at`."""
    if facts.planned_at is not None:
        return facts.planned_at
    return facts.reported[0] if facts.status == "planned" and facts.reported else None


def plan_before_happening(a: EventFacts, b: EventFacts) -> bool:
    """A plan and a report that it happened are one exchange only if the plan was told before it happened: "they
    will meet again" after a meeting is the next meeting."""
    if a.status == b.status:
        return True
    plan, done = (a, b) if a.status == "planned" else (b, a)
    told = first_planned(plan)
    if told is None:
        return True
    if done.dated:
        assert done.date_start is not None
        return told <= (done.date_end or done.date_start)
    if done.reported is None:
        return True
    if plan.dated:
        assert plan.date_start is not None
        return told <= done.reported[1] and plan.date_start <= done.reported[1]
    # An undated account of what happened, published the day an undated plan was told, may be of an earlier exchange.
    return told < done.reported[1]


def window(report: EventFacts, placed: bool = False) -> tuple[date, date] | None:
    """The days an undated report can be about: the last month (the last year, where a place pins it down) before
    an account of what happened was published, the quarter after a plan was told. None when its publication dates
    are not known."""
    if report.reported is None:
        return None
    first, last = report.reported
    if report.status == "planned":
        return first, last + PLAN_HORIZON
    return first - (PLACED_PAST if placed else RECENT_PAST), last


def in_window(undated: EventFacts, start: date, end: date, placed: bool = False) -> bool:
    """Whether the period [start, end] meets the days an undated report can be about."""
    days = window(undated, placed)
    return days is None or (days[0] <= end and start <= days[1])


def reported_near(report: EventFacts, start: date, end: date, within: timedelta = REPORT_WINDOW) -> bool:
    """Whether an undated report was published close to the period [start, end]."""
    if report.reported is None:
        return True
    first, last = report.reported
    return first - within <= end and start <= last + within


def time_apart(stored: EventFacts, new: EventFacts) -> int:
    """Half-days between the middles of two reports' periods (an undated report's period is when it was published):
    of two stored exchanges a report fits, the nearer is the more likely."""
    def twice_the_middle(facts: EventFacts) -> int | None:
        if facts.date_start is not None:
            return facts.date_start.toordinal() + (facts.date_end or facts.date_start).toordinal()
        if facts.reported is not None:
            return facts.reported[0].toordinal() + facts.reported[1].toordinal()
        return None
    a, b = twice_the_middle(stored), twice_the_middle(new)
    return 0 if a is None or b is None else abs(a - b)


def match_score(stored: EventFacts, new: EventFacts) -> tuple[int, int, int, int, int]:
    """Higher is a better match among compatible candidates: most participants shared, the same place, the same mode
    (a meeting on the sidelines of a summit is not the summit), the nearest in time, the closest date width."""
    same_place = int(stored.place is not None and new.place is not None and stored.place.id == new.place.id)
    return (len(stored.actor_ids & new.actor_ids), same_place, int(stored.mode == new.mode),
            -time_apart(stored, new), -abs(stored.date_width - new.date_width))


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


def tells_more(stored: EventFacts, new: EventFacts) -> bool:
    """Whether a report of a stored event tells something that may show it to be the same exchange as another stored
    event: a participant, a narrower date, a place or a narrower one, that it happened, or a publication date outside
    those of its reports (which moves the windows of an undated event)."""
    return bool(
        new.actor_ids - stored.actor_ids
        or (new.dated and new.date_width < stored.date_width)
        or more_precise_place(stored.place, new.place)
        or (stored.status == "planned" and new.status == "occurred")
        or (new.reported and (stored.reported is None or new.reported[0] < stored.reported[0]
                              or new.reported[1] > stored.reported[1])))


def find_same_event(session: Session, new: EventFacts, article_id: int) -> Event | None:
    """The stored event the new report is about, if any: of the compatible ones, the best match."""
    found = compatible_events(session, new, {article_id})
    return session.get(Event, found[0]) if found else None


def other_reports_of(session: Session, event_id: int) -> list[int]:
    """Stored events that a stored event, with what its reports now say, shows to be the same exchange: a report
    that joined it may have pinned down what an earlier one left open (a place, a date), so that two events stored
    apart are now one. None that shares an article with it."""
    articles = set(session.scalars(select(EventMention.article_id).where(EventMention.event_id == event_id)))
    return compatible_events(session, facts_of(session, event_id), articles, exclude=event_id)


def compatible_events(session: Session, new: EventFacts, article_ids: set[int], exclude: int | None = None
                      ) -> list[int]:
    """The ids of the stored events the report (or event) `new` from these articles is the same exchange as, the
    best match first.

    Candidates come from lookups whose cost does not grow with the database: the events in the report's
    date window (index on type and start date) that its participants took part in, and each participant's
    latest events (index on actor and event), which is where undated events are found.
    """
    if not new.actor_ids or not joins_undated(new.type) and not new.dated:
        return []  # it joins nothing (same_event)
    # An act of the other types joins only a dated one, which the date window finds.
    candidate_ids = _latest_events_of(session, new.actor_ids, new.type) if joins_undated(new.type) else set()
    if new.dated:
        candidate_ids |= _events_in_window(session, new)
    candidate_ids.discard(exclude)  # type: ignore[arg-type]
    if not candidate_ids:
        return []
    # Two reports in one article were already told apart by the extractor: never merge them here.
    same_article = set(session.scalars(
        select(EventMention.event_id).where(EventMention.event_id.in_(candidate_ids),
                                            EventMention.article_id.in_(sorted(article_ids)))))
    facts = facts_of_many(session, sorted(candidate_ids - same_article), include_rejected=False)
    # Ties go to the oldest event.
    scored = sorted(((match_score(stored, new), -event_id) for event_id, stored in facts.items()
                     if same_event(stored, new)), reverse=True)
    return [-event_id for _, event_id in scored]


def _latest_events_of(session: Session, actor_ids: set[int], event_type: str) -> set[int]:
    """Each actor's latest events of the type: those of the other types, far more numerous, would crowd them out."""
    found: set[int] = set()
    for actor_id in sorted(actor_ids):
        found.update(session.scalars(
            select(EventParticipant.event_id).join(Event, Event.id == EventParticipant.event_id)
            .where(EventParticipant.actor_id == actor_id, Event.type == event_type)
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
    if session.autoflush:  # unless the caller holds back rows that cannot matter (see ArticleStore._consolidate)
        session.flush()
    facts: dict[int, EventFacts] = {}
    query = (
        select(Event.id, Event.type, Event.mode, Event.status, Event.date_start, Event.date_end,
               Location.id, Location.kind, Location.country_code, Event.planned_at, Event.date_precision)
        .outerjoin(Location, Location.id == Event.location_id)
        .where(Event.id.in_(event_ids)))
    if not include_rejected:
        query = query.where(Event.rejected.is_not(True))
    rows = session.execute(query).all()
    event_ids = [row[0] for row in rows]
    if not event_ids:
        return {}
    for event_id, type_, mode, status, start, end, place_id, kind, country, planned_at, precision in rows:
        place = PlaceFacts(place_id, kind, country) if place_id is not None else None
        if precision == REPORTED:
            start = end = None  # dated by its report only: undated to match on
        facts[event_id] = EventFacts(type_, mode, status, start, end, place, set(), planned_at=planned_at)
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
    event.confidence = combined_confidence([confidence for _source, confidence in rows])


def combined_confidence(confidences: list[float | None]) -> float:
    """How sure we are of an event that independent sources report with these confidences (None: the default)."""
    doubt = 1.0
    for confidence in confidences:
        doubt *= 1 - (confidence if confidence is not None else DEFAULT_REPORT_CONFIDENCE)
    return round(1 - doubt, 4)
