"""Migration 0010 on a database with data: the pairs become counterparts, the plans keep their provenance, Kim Jong-un
is found as Kim and no longer as the UN; and the downgrade gives back every pair of participants."""

from __future__ import annotations

from sqlalchemy import text

from db.session import create_db_engine, downgrade, upgrade

ROWS = """
INSERT INTO actors (id, canonical_name, kind, country_code) VALUES
  (1, 'Donald Trump', 'PERSON', 'USA'), (2, 'Emmanuel Macron', 'PERSON', 'FRA'), (3, 'Theresa May', 'PERSON', 'GBR'),
  (4, 'Kim Jong-un', 'PERSON', 'PRK'), (5, 'UN', 'ORG', NULL);
INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'Donald Trump'), (1, 'trump'), (4, 'Kim Jong-un'), (4, 'un'),
  (5, 'UN');
INSERT INTO articles (id, external_id, text, content_hash, published_at) VALUES (1, 'a1', 'Text.', 'h1', '2018-04-12');
INSERT INTO events (id, type, mode, status, date_start, date_end, confidence, rejected) VALUES
  (1, 'CONSULT', 'phone', 'planned', '2018-04-12', '2018-04-12', 0.5, FALSE),
  (2, 'CONSULT', 'meeting', 'occurred', NULL, NULL, 0.5, FALSE);
INSERT INTO event_participants (event_id, actor_id, role) VALUES
  (1, 1, 'source'), (1, 2, 'target'), (1, 3, 'target'), (2, 1, 'participant'), (2, 4, 'participant');
INSERT INTO event_mentions (event_id, article_id, sentence, char_start, char_end, pipeline_version) VALUES
  (1, 1, 'Trump would speak with Macron and May.', 0, 5, 'test'), (2, 1, 'Trump is to meet Kim.', 0, 5, 'test');
"""


def _names(connection, sql: str) -> set[tuple[str, ...]]:
    return {tuple(r) for r in connection.execute(text(sql))}


def test_upgrading_makes_counterparts_and_downgrading_gives_back_all_pairs(db_url: str) -> None:
    engine = create_db_engine(db_url)
    upgrade(engine, "0008")
    with engine.begin() as connection:
        for statement in ROWS.strip().split(";\n"):
            connection.execute(text(statement))
        before = _names(connection, "SELECT actor_a_id, actor_b_id FROM actor_pairs")
    assert (2, 3) in before  # Macron and May, paired by the old rule
    upgrade(engine)
    with engine.connect() as connection:
        assert _names(connection, "SELECT actor_a_id, actor_b_id FROM actor_pairs") == {(1, 2), (1, 3), (1, 4)}
        assert _names(connection, "SELECT actor_a, actor_b FROM v_meetings WHERE event_id = 1") == {
            ("Donald Trump", "Emmanuel Macron"), ("Donald Trump", "Theresa May")}
        assert _names(connection, "SELECT event_id, status FROM event_mentions") == {(1, "planned"), (2, "occurred")}
        assert _names(connection, "SELECT id, CAST(planned_at AS TEXT) FROM events") == {(1, "2018-04-12"), (2, None)}
        assert _names(connection, "SELECT actor_id FROM actor_aliases WHERE LOWER(alias) = 'un'") == {(5,)}
        assert _names(connection, "SELECT actor_id FROM actor_aliases WHERE alias = 'kim'") == {(4,)}
        assert _names(connection, "SELECT sentence FROM v_event_evidence WHERE event_id = 2") == {
            ("Trump is to meet Kim.",)}
    downgrade(engine, "0008")
    with engine.connect() as connection:
        assert _names(connection, "SELECT actor_a_id, actor_b_id FROM actor_pairs") == before
    # And up again: the triggers and the backfill are idempotent over a round trip.
    upgrade(engine)
    with engine.connect() as connection:
        assert _names(connection, "SELECT actor_a_id, actor_b_id FROM actor_pairs") == {(1, 2), (1, 3), (1, 4)}
    engine.dispose()
