"""Migration 0008's summaries (per-place and per-publisher tables, per-event and per-article counts) stay equal to
what the base tables say, and the reports that read them (meetings-by-location, source-coverage, data-quality)
give the answers computed here in Python from the base tables, after loads, rejects, merges, splits, moves,
deletes and a full reprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from conftest import SEEDS
from db.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventIssue,
    EventMention,
    EventParticipant,
    Issue,
    Location,
    Source,
)
from db.session import open_database
from etl.curation import merge_actors, merge_events, split_actor


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat() if isinstance(value, date) else str(value)


def _rows(connection: Any, sql: str) -> list[Any]:
    return list(connection.execute(text(sql)))


# --- the summaries against the base tables ------------------------------------------------------------------


class Base:
    """The base tables, read plainly (no copies, no summaries)."""

    def __init__(self, connection: Any) -> None:
        self.events = {r.id: r for r in _rows(connection, "SELECT id, type, status, rejected, location_id, "
                                                          "date_start, date_end FROM events")}
        self.participants = _rows(connection, "SELECT event_id, actor_id FROM event_participants")
        self.mentions = _rows(connection, "SELECT event_id, article_id FROM event_mentions")
        self.articles = {r.id: r for r in _rows(connection, "SELECT id, external_id, source_id, published_at "
                                                            "FROM articles")}
        self.sources = {r.id: r.name for r in _rows(connection, "SELECT id, name FROM sources")}
        self.locations = {r.id: r for r in _rows(connection, "SELECT id, name, country_code, kind FROM locations")}
        self.actors = {r.id: r for r in _rows(connection, "SELECT id, country_code FROM actors")}

    def meeting(self, event_id: int) -> bool:
        e = self.events[event_id]
        return e.type == "CONSULT" and not e.rejected and e.location_id is not None

    def source_key(self, article_id: int) -> int:
        source_id = self.articles[article_id].source_id
        return -1 if source_id is None else source_id


def expected_summaries(base: Base) -> dict[str, Any]:
    participant_count = Counter(p.event_id for p in base.participants)
    mention_count = Counter(m.event_id for m in base.mentions)
    article_count = Counter(m.article_id for m in base.mentions)
    live_count = Counter(m.article_id for m in base.mentions if not base.events[m.event_id].rejected)
    place_participants = Counter((base.events[p.event_id].location_id, p.actor_id) for p in base.participants
                                 if base.meeting(p.event_id))
    place_meetings: dict[int, list[Any]] = {}
    for e in base.events.values():
        if base.meeting(e.id):
            entry = place_meetings.setdefault(e.location_id, [0, 0, [], []])
            entry[0] += 1
            if e.date_start is not None:
                entry[2].append(_iso(e.date_start))
                entry[3].append(_iso(e.date_end or e.date_start))
    for (place, _), _n in place_participants.items():
        place_meetings[place][1] += 1
    live = [m for m in base.mentions if not base.events[m.event_id].rejected]
    source_events = Counter((base.source_key(m.article_id), m.event_id) for m in live)
    source_places = Counter((base.source_key(m.article_id), base.events[m.event_id].location_id) for m in live
                            if base.events[m.event_id].location_id is not None)
    return {
        "events": {i: (participant_count[i], mention_count[i]) for i in base.events},
        "articles": {i: (article_count[i], live_count[i]) for i in base.articles},
        "place_meetings": {k: (n, p, min(s) if s else None, max(t) if t else None)
                           for k, (n, p, s, t) in place_meetings.items()},
        "place_participants": dict(place_participants),
        "source_events": dict(source_events),
        "source_places": dict(source_places),
        "source_totals": dict(Counter(source for source, _ in source_events)),
    }


def stored_summaries(connection: Any) -> dict[str, Any]:
    return {
        "events": {r.id: (r.participant_count, r.mention_count)
                   for r in _rows(connection, "SELECT id, participant_count, mention_count FROM events")},
        "articles": {r.id: (r.mention_count, r.live_mention_count)
                     for r in _rows(connection, "SELECT id, mention_count, live_mention_count FROM articles")},
        "place_meetings": {r.location_id: (r.meetings, r.participants, _iso(r.first_date), _iso(r.last_date))
                           for r in _rows(connection, "SELECT * FROM place_meetings")},
        "place_participants": {(r.location_id, r.actor_id): r.events
                               for r in _rows(connection, "SELECT * FROM place_participants")},
        "source_events": {(r.source_key, r.event_id): r.mentions
                          for r in _rows(connection, "SELECT * FROM source_events")},
        "source_places": {(r.source_key, r.location_id): r.mentions
                          for r in _rows(connection, "SELECT * FROM source_places")},
        "source_totals": {r.source_key: r.events for r in _rows(connection, "SELECT * FROM source_totals")},
    }


# --- the reports against the base tables --------------------------------------------------------------------


def expected_meetings_by_location(base: Base) -> list[dict[str, Any]]:
    summary = expected_summaries(base)["place_meetings"]
    rows = []
    for place, (meetings, participants, first, last) in summary.items():
        location = base.locations[place]
        rows.append({"location": location.name, "country_code": location.country_code,
                     "location_kind": location.kind, "meetings": meetings, "participants": participants,
                     "first_date": first, "last_date": last})
    return rows


def expected_source_coverage(base: Base, date_from: date | None = None,
                             date_to: date | None = None) -> dict[str, dict[str, Any]]:
    def within(article: Any) -> bool:
        published = None if article.published_at is None else date.fromisoformat(_iso(article.published_at) or "")
        return ((date_from is None or (published is not None and published >= date_from))
                and (date_to is None or (published is not None and published <= date_to)))

    articles = [a for a in base.articles.values() if within(a)]
    keys = {a.id: (-1 if a.source_id is None else a.source_id) for a in articles}
    live = [m for m in base.mentions if m.article_id in keys and not base.events[m.event_id].rejected]
    rows = {}
    for key in set(keys.values()):
        mine = [a for a in articles if keys[a.id] == key]
        reported = [m for m in live if keys[m.article_id] == key]
        dates = [_iso(a.published_at) for a in mine if a.published_at is not None]
        rows[base.sources.get(key, "(unknown)")] = {
            "articles": len(mine),
            "articles_with_events": len({m.article_id for m in reported}),
            "events": len({m.event_id for m in reported}),
            "mentions": len(reported),
            "locations": len({base.events[m.event_id].location_id for m in reported} - {None}),
            "first_published": min(dates) if dates else None,
            "last_published": max(dates) if dates else None,
        }
    return rows


def expected_data_quality(base: Base) -> dict[str, tuple[int, int, str | None]]:
    live = sorted(i for i, e in base.events.items() if not e.rejected)
    people = Counter(p.event_id for p in base.participants)
    mentioned_events = {m.event_id for m in base.mentions}
    mentioned_articles = {m.article_id for m in base.mentions}
    failing = {
        "articles_without_events": ([base.articles[i].external_id for i in sorted(base.articles)
                                     if i not in mentioned_articles], len(base.articles)),
        "events_without_date": ([str(i) for i in live if base.events[i].date_start is None], len(live)),
        "events_without_place": ([str(i) for i in live if base.events[i].location_id is None], len(live)),
        "events_with_one_participant": ([str(i) for i in live if people[i] < 2], len(live)),
        "events_without_mentions": ([str(i) for i in live if i not in mentioned_events], len(live)),
        "actors_without_country": ([str(i) for i in sorted(base.actors) if base.actors[i].country_code is None],
                                   len(base.actors)),
    }
    return {name: (len(ids), total, ", ".join(ids[:3]) or None) for name, (ids, total) in failing.items()}


def run_json(cli, name: str, url: str, **params: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = cli("report", "run", name, *args, "--format", "json", "--db", url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def check(cli, url: str) -> None:  # type: ignore[no-untyped-def]
    """The summaries equal the base tables, and the three reports equal the answers computed from them."""
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            base = Base(connection)
            stored, expected = stored_summaries(connection), expected_summaries(base)
    finally:
        engine.dispose()
    for name in expected:
        assert stored[name] == expected[name], name

    places = run_json(cli, "meetings-by-location", url)
    assert sorted(places, key=json.dumps) == sorted(expected_meetings_by_location(base), key=json.dumps)
    assert [r["meetings"] for r in places] == sorted((r["meetings"] for r in places), reverse=True)

    for window in ({}, {"date_from": date(2024, 1, 1)}, {"date_from": date(2023, 6, 1), "date_to": date(2024, 2, 1)}):
        coverage = run_json(cli, "source-coverage", url, **{k: v.isoformat() for k, v in window.items()})
        assert {r.pop("source"): r for r in coverage} == expected_source_coverage(base, **window), window

    quality = run_json(cli, "data-quality", url)
    assert {r["check_name"]: (r["problems"], r["total"], r["examples"]) for r in quality} == \
        expected_data_quality(base)


# --- hand-made data: every kind of change, inserted directly ------------------------------------------------


def _event(session: Session, day: date | None, *actors: Actor, place: Location | None = None,
           articles: tuple[Article, ...] = (), type_: str = "CONSULT") -> Event:
    event = Event(type=type_, mode="meeting", status="occurred", date_start=day, date_end=day,
                  location_id=place.id if place else None)
    session.add(event)
    session.flush()
    for actor in actors:
        session.add(EventParticipant(event_id=event.id, actor_id=actor.id, role="participant"))
    for article in articles:
        session.add(EventMention(event_id=event.id, article_id=article.id, sentence="They met.", char_start=0,
                                 char_end=9, pipeline_version="test"))
    session.flush()
    return event


def test_summaries_follow_every_change(cli, db_url: str) -> None:
    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        wire, daily = Source(name="Wire"), Source(name="Daily")
        paris = Location(name="Paris", country_code="FRA", kind="city")
        rome = Location(name="Rome", country_code="ITA", kind="city")
        oslo = Location(name="Oslo", country_code="NOR", kind="city")
        a, b, c, d = (Actor(canonical_name=n, kind="PERSON", country_code="FRA" if n != "D" else None)
                      for n in "ABCD")
        session.add_all([wire, daily, paris, rome, oslo, a, b, c, d])
        session.flush()
        art1 = Article(external_id="x1", text="A met B and Wang.", content_hash="h1", source_id=wire.id,
                       published_at=date(2024, 1, 2))
        art2 = Article(external_id="x2", text="t2", content_hash="h2", source_id=None,
                       published_at=date(2023, 7, 1))
        art3 = Article(external_id="x3", text="t3", content_hash="h3", source_id=daily.id,
                       published_at=date(2024, 3, 3))
        art4 = Article(external_id="x4", text="no event here", content_hash="h4", source_id=daily.id)
        session.add_all([art1, art2, art3, art4])
        issue = Issue(code="trade", label="Trade")
        session.add(issue)
        session.flush()
        e1 = _event(session, date(2024, 1, 1), a, b, c, place=paris, articles=(art1, art3))
        e2 = _event(session, date(2024, 3, 1), a, b, place=paris, articles=(art2,))
        e3 = _event(session, None, b, c, d, place=rome, articles=(art1,))
        e4 = _event(session, date(2023, 5, 5), a, place=rome)  # one participant, no mention
        e5 = _event(session, date(2022, 2, 2), c, d, place=oslo, articles=(art3,), type_="DEMAND")
        # The same sentence twice in one article: two mentions of one (publisher, event).
        session.add(EventMention(event_id=e1.id, article_id=art1.id, sentence="Again.", char_start=10,
                                 char_end=16, pipeline_version="test"))
        # A participant whose name can be split off later ("Wang" in art1).
        session.add(EventParticipant(event_id=e2.id, actor_id=c.id, role="participant", article_id=art1.id,
                                     char_start=12, char_end=16))
        session.add(EventIssue(event_id=e1.id, issue_id=issue.id))
        session.add(ActorAlias(actor_id=c.id, alias="Wang"))
        session.commit()
    check(cli, db_url)

    with Session(engine, expire_on_commit=False) as session:
        # Dates, places, type and status change; an undated event gets a date; a meeting moves to another place.
        ev1, ev3, ev5 = session.get(Event, e1.id), session.get(Event, e3.id), session.get(Event, e5.id)
        ev1.date_start, ev1.date_end, ev1.status = date(2023, 12, 1), date(2023, 12, 3), "planned"
        ev3.date_start = ev3.date_end = date(2025, 1, 1)
        ev5.type = "CONSULT"
        session.commit()
        check(cli, db_url)
        session.get(Event, e2.id).location_id = rome.id
        session.get(Event, e1.id).location_id = None
        session.commit()
    check(cli, db_url)

    with Session(engine, expire_on_commit=False) as session:
        # A reject hides the event from every summary; undoing it brings it back.
        session.get(Event, e2.id).rejected = True
        session.commit()
        check(cli, db_url)
        session.get(Event, e2.id).rejected = False
        session.get(Event, e3.id).rejected = True
        session.commit()
    check(cli, db_url)

    with Session(engine, expire_on_commit=False) as session:
        # An article changes publisher and date; a participant and a mention move to other actors, events and
        # articles.
        session.get(Article, art2.id).source_id = daily.id
        session.get(Article, art1.id).published_at = date(2023, 8, 8)
        session.query(EventParticipant).filter_by(event_id=e3.id, actor_id=d.id).one().actor_id = a.id
        session.flush()
        session.query(EventParticipant).filter_by(event_id=e3.id, actor_id=c.id).one().event_id = e4.id
        mention = session.query(EventMention).filter_by(event_id=e5.id).one()
        mention.event_id, mention.article_id = e4.id, art4.id
        session.commit()
    check(cli, db_url)

    with Session(engine, expire_on_commit=False) as session:
        # Curation: split an actor, merge two events, then two actors.
        split_actor(session, session.get(Actor, c.id), "Wang", "Wang Yi")
        session.commit()
        check(cli, db_url)
        merge_events(session, session.get(Event, e2.id), session.get(Event, e4.id))
        session.commit()
        check(cli, db_url)
        merge_actors(session, session.get(Actor, a.id), session.get(Actor, b.id))
        session.commit()
    check(cli, db_url)

    with engine.begin() as connection:
        # Multi-row statements: several rows of one (place, actor) and one (publisher, event) in one INSERT, a bulk
        # UPDATE of events at one place, a multi-row DELETE.
        ids = [connection.execute(text(
            "INSERT INTO events (type, mode, status, date_start, date_end, location_id, confidence, rejected) "
            f"VALUES ('CONSULT', 'phone', 'occurred', '2021-0{i}-01', NULL, :place, 0.5, FALSE) RETURNING id"),
            {"place": oslo.id}).scalar_one() for i in (1, 2)]
        connection.execute(text("INSERT INTO event_participants (event_id, actor_id, role) VALUES "
                                "(:e1, :a, 'source'), (:e1, :d, 'target'), (:e2, :a, 'source'), (:e2, :d, 'target')"),
                           {"e1": ids[0], "e2": ids[1], "a": a.id, "d": d.id})
        connection.execute(text("INSERT INTO event_mentions (event_id, article_id, sentence, char_start, char_end, "
                                "pipeline_version) VALUES (:e1, :art, 's', 0, 1, 't'), (:e1, :art, 's', 2, 3, 't'), "
                                "(:e2, :art, 's', 4, 5, 't')"), {"e1": ids[0], "e2": ids[1], "art": art3.id})
    check(cli, db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE events SET date_start = '2020-06-06', rejected = NOT rejected "
                                "WHERE location_id = :place"), {"place": oslo.id})
    check(cli, db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE events SET rejected = FALSE, location_id = :rome WHERE location_id = :oslo"),
                           {"rome": rome.id, "oslo": oslo.id})
        connection.execute(text("DELETE FROM event_mentions WHERE article_id = :art"), {"art": art3.id})
    check(cli, db_url)
    with engine.begin() as connection:
        # Deleting events (their rows cascade), a publisher (articles lose it) and a place (events lose it).
        connection.execute(text("DELETE FROM events WHERE id IN (:e1, :e2)"), {"e1": ids[0], "e2": ids[1]})
        connection.execute(text("DELETE FROM sources WHERE id = :s"), {"s": daily.id})
        assert connection.execute(text("SELECT COUNT(*) FROM place_meetings WHERE location_id = :l"),
                                  {"l": rome.id}).scalar_one() == 1
        connection.execute(text("DELETE FROM locations WHERE id = :l"), {"l": rome.id})
    check(cli, db_url)

    with Session(engine) as session:
        # What `eventdb reprocess` does first: every event goes; the summaries empty and the counts return to 0.
        session.execute(delete(Event))
        session.commit()
    with engine.connect() as connection:
        stored = stored_summaries(connection)
    assert all(not stored[name] for name in ("place_meetings", "place_participants", "source_events",
                                             "source_places", "source_totals"))
    assert set(stored["articles"].values()) == {(0, 0)}
    check(cli, db_url)
    engine.dispose()


# --- the extraction pipeline: loads, curation from the CLI, and a full reprocess ----------------------------


def test_summaries_after_loads_curation_and_reprocess(cli, db_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    check(cli, db_url)
    # Whatever the extractor found: two placed meetings of different places, and the two busiest actors.
    engine = open_database(db_url)
    with engine.connect() as connection:
        placed = [r.id for r in _rows(connection, "SELECT MIN(id) AS id FROM events WHERE location_id IS NOT NULL "
                                                  "GROUP BY location_id ORDER BY MIN(id)")]
        busiest = [r.canonical_name for r in _rows(connection, """
            SELECT a.canonical_name, COUNT(*) AS n FROM actors a JOIN event_participants p ON p.actor_id = a.id
             GROUP BY a.id, a.canonical_name ORDER BY COUNT(*) DESC, a.id""")]
    engine.dispose()
    assert len(placed) >= 3 and len(busiest) >= 2
    assert cli("events", "reject", str(placed[0]), "--db", db_url).exit_code == 0
    check(cli, db_url)
    assert cli("events", "merge", str(placed[1]), str(placed[2]), "--db", db_url).exit_code == 0
    check(cli, db_url)
    assert cli("actors", "merge", busiest[0], busiest[1], "--db", db_url).exit_code == 0
    check(cli, db_url)
    assert cli("reprocess", "--db", db_url).exit_code == 0
    check(cli, db_url)
    assert cli("curation", "undo", "1", "--db", db_url).exit_code == 0  # the reject: the event returns at once
    check(cli, db_url)
    # Loading the same seeds again adds nothing; the summaries stay.
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    check(cli, db_url)


# --- the migration's backfill on a database that already holds data ----------------------------------------


def test_upgrade_backfills_the_summaries(cli, db_url: str) -> None:
    from db.session import create_db_engine, upgrade

    engine = create_db_engine(db_url)
    upgrade(engine, "0007")
    with engine.begin() as connection:
        for sql in (
            "INSERT INTO sources (id, name) VALUES (1, 'Wire'), (2, 'Daily')",
            "INSERT INTO locations (id, name, country_code, kind) VALUES (1, 'Paris', 'FRA', 'city'), "
            "(2, 'Rome', 'ITA', 'city')",
            "INSERT INTO actors (id, canonical_name, kind, country_code) VALUES (1, 'A', 'PERSON', 'FRA'), "
            "(2, 'B', 'PERSON', NULL), (3, 'C', 'PERSON', 'ITA')",
            "INSERT INTO articles (id, external_id, text, content_hash, source_id, published_at) VALUES "
            "(1, 'x1', 't1', 'h1', 1, '2024-01-02'), (2, 'x2', 't2', 'h2', NULL, '2023-05-05'), "
            "(3, 'x3', 't3', 'h3', 2, NULL), (4, 'x4', 't4', 'h4', 2, '2024-02-02')",
            "INSERT INTO events (id, type, mode, status, date_start, date_end, location_id, confidence, rejected) "
            "VALUES (1, 'CONSULT', 'meeting', 'occurred', '2024-01-01', '2024-01-03', 1, 0.5, FALSE), "
            "(2, 'CONSULT', 'phone', 'planned', NULL, NULL, 1, 0.5, FALSE), "
            "(3, 'CONSULT', 'meeting', 'occurred', '2023-05-01', NULL, 2, 0.5, TRUE), "
            "(4, 'DEMAND', 'meeting', 'occurred', '2022-01-01', NULL, 2, 0.5, FALSE), "
            "(5, 'CONSULT', 'meeting', 'occurred', '2021-01-01', NULL, NULL, 0.5, FALSE)",
            "INSERT INTO event_participants (event_id, actor_id, role) VALUES (1, 1, 'source'), (1, 2, 'target'), "
            "(1, 3, 'participant'), (2, 1, 'source'), (2, 2, 'target'), (3, 1, 'source'), (3, 3, 'target'), "
            "(4, 2, 'source'), (4, 3, 'target'), (5, 3, 'source')",
            "INSERT INTO event_mentions (event_id, article_id, sentence, char_start, char_end, pipeline_version) "
            "VALUES (1, 1, 's', 0, 1, 't'), (1, 1, 's', 2, 3, 't'), (1, 2, 's', 0, 1, 't'), (2, 3, 's', 0, 1, 't'), "
            "(3, 1, 's', 4, 5, 't'), (3, 3, 's', 2, 3, 't'), (4, 2, 's', 2, 3, 't')",
        ):
            connection.execute(text(sql))
    upgrade(engine)
    engine.dispose()
    check(cli, db_url)
