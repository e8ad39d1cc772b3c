"""full-text search over articles and evidence sentences; v_meetings gets the place's latitude and longitude

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

SQLite: FTS5 tables `articles_fts` (title, text) and `event_mentions_fts` (sentence) in sqlite-utils' layout
(external content, `content=[table]`, rowid = the row's id, triggers `<table>_ai`, `_ad`, `_au`), so Datasette
offers a search box on `articles` and `event_mentions` by itself; the Porter stemmer. Filled from the rows present.
The update triggers fire on the indexed columns only: the trigger-maintained counts of `articles` and copies of
`event_mentions` change often and must not re-index the text.
PostgreSQL: GIN indexes on the English tsvector of the same columns (db/search.py has the expressions).
"""

from typing import Sequence, Union

from alembic import op

from db.views import V_MEETINGS, View, view_sql

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# (FTS table, content table, columns), frozen as this revision creates them.
FTS_TABLES = (("articles_fts", "articles", ("title", "text")), ("event_mentions_fts", "event_mentions", ("sentence",)))
PG_INDEXES = (
    ("ix_articles_search", "articles", "to_tsvector('english', coalesce(title, '') || ' ' || text)"),
    ("ix_event_mentions_search", "event_mentions", "to_tsvector('english', sentence)"),
)

# v_meetings as revisions 0004 to 0008 left it (without latitude and longitude).
V_MEETINGS_BEFORE = View("v_meetings", V_MEETINGS.meaning, (), """
SELECT e.id AS event_id, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
       l.name AS location, l.country_code AS location_country_code,
       a1.id AS actor_a_id, a1.canonical_name AS actor_a, p1.title AS title_a, a1.country_code AS country_a,
       a2.id AS actor_b_id, a2.canonical_name AS actor_b, p2.title AS title_b, a2.country_code AS country_b,
       src.article_count, src.article_ids, src.sources
  FROM events e
  JOIN event_participants p1 ON p1.event_id = e.id
  JOIN event_participants p2 ON p2.event_id = e.id AND p2.actor_id > p1.actor_id
  JOIN actors a1 ON a1.id = p1.actor_id
  JOIN actors a2 ON a2.id = p2.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
  JOIN v_event_sources src ON src.event_id = e.id
 WHERE e.type = 'CONSULT' AND NOT e.rejected
""")


def _replace_v_meetings(view: View) -> None:
    op.execute("DROP VIEW IF EXISTS v_meetings")
    op.execute(f"CREATE VIEW v_meetings AS {view_sql(view, op.get_bind().dialect.name)}")


def _fts_triggers(fts: str, table: str, columns: tuple[str, ...]) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {fts} (rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    return [
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {names} ON {table} BEGIN {delete} {insert} END",
    ]


def upgrade() -> None:
    _replace_v_meetings(V_MEETINGS)
    if op.get_bind().dialect.name == "postgresql":
        for name, table, vector in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({vector})")
        return
    for fts, table, columns in FTS_TABLES:
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5 ({', '.join(columns)}, content=[{table}], "
                   "content_rowid=[id], tokenize='porter unicode61 remove_diacritics 2')")
        for trigger in _fts_triggers(fts, table, columns):
            op.execute(trigger)
        op.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _vector in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    else:
        for fts, table, _columns in FTS_TABLES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    _replace_v_meetings(V_MEETINGS_BEFORE)
