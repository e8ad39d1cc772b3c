"""Migrations 0007 and 0010's triggers keep the copied columns, the counterparts and the actor_pairs summary equal to
what the base tables say, after inserts, event changes, role changes, rejects, merges, moves and deletes, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pairing_rule import counterparts
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from db.models import Actor, Article, Event, EventIssue, EventMention, EventParticipant, Issue, Location, Source
from db.session import open_database
from etl.curation import merge_actors, merge_events


def _copies_mismatches(connection: Any) -> list[Any]:
    checks = {
        "participants": """SELECT p.id FROM event_participants p JOIN events e ON e.id = p.event_id
            WHERE p.event_type IS DISTINCT FROM e.type OR p.event_status IS DISTINCT FROM e.status
               OR p.event_date_start IS DISTINCT FROM e.date_start OR p.event_date_end IS DISTINCT FROM e.date_end
               OR p.event_rejected IS DISTINCT FROM e.rejected OR p.event_location_id IS DISTINCT FROM e.location_id""",
        "issues": """SELECT i.event_id FROM event_issues i JOIN events e ON e.id = i.event_id
            WHERE i.event_status IS DISTINCT FROM e.status OR i.event_date_start IS DISTINCT FROM e.date_start
               OR i.event_date_end IS DISTINCT FROM e.date_end OR i.event_rejected IS DISTINCT FROM e.rejected""",
        "mentions": """SELECT m.id FROM event_mentions m JOIN events e ON e.id = m.event_id
            JOIN articles a ON a.id = m.article_id
            WHERE m.event_rejected IS DISTINCT FROM e.rejected OR m.event_location_id IS DISTINCT FROM e.location_id
               OR m.article_source_id IS DISTINCT FROM a.source_id
               OR m.article_published_at IS DISTINCT FROM a.published_at""",
    }
    dialect = connection.dialect.name
    bad = []
    for name, sql in checks.items():
        if dialect == "sqlite":
            sql = sql.replace("IS DISTINCT FROM", "IS NOT")
        bad += [(name, row[0]) for row in connection.execute(text(sql))]
    return bad


def _expected_counterparts(connection: Any) -> set[tuple[int, int, int]]:
    """(event, actor, counterpart) rows computed in Python from the base tables."""
    modes = dict(connection.execute(text("SELECT id, mode FROM events")).all())
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for event_id, actor_id, role in connection.execute(text(
            "SELECT event_id, actor_id, role FROM event_participants")):
        members[event_id].append((actor_id, role))
    return {(event_id, a, b) for event_id, actors in members.items()
            for a, b in counterparts(actors, modes[event_id])}


def _expected_pairs(connection: Any) -> dict[tuple[int, int], tuple[int, Any, Any]]:
    """The pairs computed in Python from the base tables."""
    events = {row.id: row for row in connection.execute(text(
        "SELECT id, type, rejected, date_start, date_end FROM events"))}
    pairs: dict[tuple[int, int], list[Any]] = {}
    for event_id, a, b in _expected_counterparts(connection):
        e = events[event_id]
        if e.type != "CONSULT" or e.rejected or a > b:
            continue
        entry = pairs.setdefault((a, b), [0, [], []])
        entry[0] += 1
        if e.date_start is not None:
            entry[1].append(str(e.date_start))
            entry[2].append(str(e.date_end or e.date_start))
    return {k: (n, min(s) if s else None, max(t) if t else None) for k, (n, s, t) in pairs.items()}


def _stored_pairs(connection: Any) -> dict[tuple[int, int], tuple[int, Any, Any]]:
    return {(r.actor_a_id, r.actor_b_id): (r.events, None if r.first_date is None else str(r.first_date),
                                           None if r.last_date is None else str(r.last_date))
            for r in connection.execute(text("SELECT * FROM actor_pairs"))}


def _check(engine: Engine) -> None:
    with engine.connect() as connection:
        assert _copies_mismatches(connection) == []
        stored = {tuple(r) for r in connection.execute(text(
            "SELECT event_id, actor_id, counterpart_id FROM event_counterparts"))}
        assert stored == _expected_counterparts(connection)
        assert _stored_pairs(connection) == _expected_pairs(connection)


def _event(session: Session, day: date | None, *actors: Actor, place: Location | None = None,
           article: Article | None = None) -> Event:
    event = Event(type="CONSULT", mode="meeting", status="occurred", date_start=day, date_end=day,
                  location_id=place.id if place else None)
    session.add(event)
    session.flush()
    for actor in actors:
        session.add(EventParticipant(event_id=event.id, actor_id=actor.id, role="participant"))
    if article is not None:
        session.add(EventMention(event_id=event.id, article_id=article.id, sentence="They met.", char_start=0,
                                 char_end=9, pipeline_version="test"))
    session.flush()
    return event


def test_triggers_keep_copies_and_pairs_current(db_url: str) -> None:
    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        src1, src2 = Source(name="S1"), Source(name="S2")
        paris = Location(name="Paris", country_code="FRA", kind="city")
        rome = Location(name="Rome", country_code="ITA", kind="city")
        a, b, c, d = (Actor(canonical_name=n, kind="PERSON") for n in "ABCD")
        session.add_all([src1, src2, paris, rome, a, b, c, d])
        session.flush()
        art1 = Article(external_id="x1", text="t1", content_hash="h1", source_id=src1.id,
                       published_at=date(2024, 1, 2))
        art2 = Article(external_id="x2", text="t2", content_hash="h2", source_id=None)
        session.add_all([art1, art2])
        issue = Issue(code="trade", label="Trade")
        session.add(issue)
        session.flush()
        e1 = _event(session, date(2024, 1, 1), a, b, c, place=paris, article=art1)
        e2 = _event(session, date(2024, 3, 1), a, b, article=art2)
        e3 = _event(session, None, b, c, d, place=rome, article=art1)
        session.add(EventIssue(event_id=e1.id, issue_id=issue.id))
        session.commit()
    _check(engine)

    with Session(engine, expire_on_commit=False) as session:
        # Date, place and status changes; an undated event gets a date.
        ev1, ev3 = session.get(Event, e1.id), session.get(Event, e3.id)
        ev1.date_start, ev1.date_end = date(2024, 5, 1), date(2024, 5, 3)
        ev1.location_id, ev1.status = rome.id, "planned"
        ev3.date_start = ev3.date_end = date(2023, 12, 31)
        session.commit()
    _check(engine)

    with Session(engine, expire_on_commit=False) as session:
        # A reject hides the event's pairs; undoing it brings them back.
        session.get(Event, e2.id).rejected = True
        session.commit()
        _check(engine)
        session.get(Event, e2.id).rejected = False
        session.get(Event, e1.id).rejected = True
        session.commit()
    _check(engine)

    with Session(engine, expire_on_commit=False) as session:
        # An article changes publisher; a participant moves to another actor and another event.
        session.get(Article, art2.id).source_id = src2.id
        session.query(EventParticipant).filter_by(event_id=e3.id, actor_id=d.id).one().actor_id = a.id
        session.flush()
        session.query(EventParticipant).filter_by(event_id=e3.id, actor_id=c.id).one().event_id = e2.id
        session.commit()
    _check(engine)

    with Session(engine, expire_on_commit=False) as session:
        # Curation: merge two events, then two actors.
        merge_events(session, session.get(Event, e2.id), session.get(Event, e3.id))
        session.commit()
        _check(engine)
        session.get(Event, e1.id).rejected = False
        session.flush()
        merge_actors(session, session.get(Actor, b.id), session.get(Actor, c.id))
        session.commit()
    _check(engine)

    with Session(engine, expire_on_commit=False) as session:
        # Deleting an event removes its participants (cascade) and their pairs; several rows in one statement.
        session.execute(text("DELETE FROM event_participants WHERE event_id = :e"), {"e": e2.id})
        session.commit()
        _check(engine)
        ev = _event(session, date(2022, 2, 2), a, b, d, article=art1)
        session.commit()
        _check(engine)
        session.delete(session.get(Event, ev.id))
        session.commit()
    _check(engine)

    with engine.begin() as connection:
        # Multi-row INSERT statements and a bulk UPDATE of events.
        event_ids = [connection.execute(text(
            "INSERT INTO events (type, mode, status, date_start, date_end, confidence, rejected) "
            f"VALUES ('CONSULT', 'phone', 'occurred', '2021-0{i}-01', NULL, 0.5, FALSE) RETURNING id")).scalar_one()
            for i in (1, 2)]
        connection.execute(text("INSERT INTO event_participants (event_id, actor_id, role) VALUES "
                                "(:e1, :a, 'source'), (:e1, :b, 'target'), (:e1, :d, 'participant'), "
                                "(:e2, :a, 'source'), (:e2, :d, 'target')"),
                           {"e1": event_ids[0], "e2": event_ids[1], "a": a.id, "b": b.id, "d": d.id})
        connection.execute(text("INSERT INTO event_issues (event_id, issue_id) VALUES (:e1, :i), (:e2, :i)"),
                           {"e1": event_ids[0], "e2": event_ids[1], "i": issue.id})
    _check(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE events SET date_start = '2020-06-06', rejected = NOT rejected "
                                "WHERE date_start >= '2021-01-01'"))
    _check(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM events WHERE id IN (:e1, :e2)"),
                           {"e1": event_ids[0], "e2": event_ids[1]})
        connection.execute(text("DELETE FROM sources WHERE id = :s"), {"s": src1.id})
    _check(engine)
    engine.dispose()


def test_counterparts_follow_the_roles_and_the_mode(db_url: str) -> None:
    """Never two members of one side: the pairs change as roles, participants and the mode change."""
    engine = open_database(db_url)
    with Session(engine, expire_on_commit=False) as session:
        a, b, c, m, n = (Actor(canonical_name=name, kind="PERSON") for name in ("A", "B", "C", "M", "N"))
        session.add_all([a, b, c, m, n])
        session.commit()
    ids = {name: actor.id for name, actor in zip("ABCMN", (a, b, c, m, n), strict=True)}

    def event(mode: str, day: str, **roles: str) -> int:
        with engine.begin() as connection:
            event_id = connection.execute(text(
                "INSERT INTO events (type, mode, status, date_start, date_end, confidence, rejected) "
                f"VALUES ('CONSULT', '{mode}', 'occurred', '{day}', '{day}', 0.5, FALSE) RETURNING id")).scalar_one()
            # One multi-row statement: every row sees the others.
            connection.execute(text("INSERT INTO event_participants (event_id, actor_id, role) VALUES "
                                    + ", ".join(f"(:e, {ids[name]}, '{role}')" for name, role in roles.items())),
                               {"e": event_id})
        return event_id

    def pairs() -> set[tuple[str, str]]:
        names = {v: k for k, v in ids.items()}
        with engine.connect() as connection:
            return {(names[x], names[y]) for x, y in connection.execute(text(
                "SELECT actor_a_id, actor_b_id FROM actor_pairs"))}

    def run(sql: str, **params: Any) -> None:
        with engine.begin() as connection:
            connection.execute(text(sql), params)
        _check(engine)

    # "Merkel and Macron called Putin": the two callers are one side.
    call = event("phone", "2024-01-01", A="source", B="source", C="target")
    _check(engine)
    assert pairs() == {("A", "C"), ("B", "C")}
    # Without the one called, the two sources are the two sides ("Macron and Merkel discussed").
    run("DELETE FROM event_participants WHERE event_id = :e AND actor_id = :c", e=call, c=ids["C"])
    assert pairs() == {("A", "B")}
    # "The president would speak with Macron and May": two targets are one side; a role changes in bulk.
    run("INSERT INTO event_participants (event_id, actor_id, role) VALUES (:e, :c, 'source')", e=call, c=ids["C"])
    run("UPDATE event_participants SET role = 'target' WHERE event_id = :e AND actor_id IN (:a, :b)",
        e=call, a=ids["A"], b=ids["B"])
    assert pairs() == {("A", "C"), ("B", "C")}

    # Brokered talks: each side with the brokers, not the brokers with each other, nor the sides with each other
    # unless they met.
    talks = event("third-party", "2024-02-01", A="source", B="target", M="mediator", N="mediator")
    _check(engine)
    assert {("A", "M"), ("A", "N"), ("B", "M"), ("B", "N")} <= pairs() and ("M", "N") not in pairs()
    assert ("A", "B") not in pairs()
    run("UPDATE events SET mode = 'meeting' WHERE id = :e", e=talks)
    assert ("A", "B") in pairs()
    run("UPDATE events SET mode = 'third-party', rejected = TRUE WHERE id = :e", e=talks)
    run("UPDATE events SET rejected = FALSE, date_start = '2023-12-01', date_end = '2023-12-02' WHERE id = :e",
        e=talks)
    run("UPDATE event_participants SET role = 'participant' WHERE event_id = :e AND actor_id = :n",
        e=talks, n=ids["N"])
    run("DELETE FROM events WHERE id = :e", e=call)
    run("DELETE FROM events WHERE id = :e", e=talks)
    assert pairs() == set()
    engine.dispose()
