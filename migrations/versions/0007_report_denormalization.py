"""report denormalization: copies of event and article columns on the link tables, and actor pair counts, kept current by triggers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

The reports group and filter link rows (participants, issues, mentions) by columns of their event or article.
Reading those through a join costs a lookup per row and a sort per GROUP BY; with the columns copied onto the
link rows, an index hands the rows over already in group order. The copies and the `actor_pairs` summary are
maintained by the database (triggers), so no code path (loads, curation, ad hoc SQL) can leave them stale:

- inserting or re-pointing a participant, issue or mention fills its copies from the event / article;
- updating an event's type, status, dates, rejected flag or place, or an article's publisher or date, updates
  the copies on its link rows;
- `actor_pairs` holds, per pair of actors, the number of CONSULT events (not rejected) both take part in and
  the first / last date; every participant insert, delete or move and every event change adjusts it. When the
  event that gave a pair its first or last date leaves the pair (or changes date), those two dates are
  recomputed from the participants' copies.

SQLite: plain ADD COLUMN (no table rebuild) and AFTER triggers, which run row by row. PostgreSQL: plpgsql
trigger functions; those on event_participants, event_issues and event_mentions run BEFORE each row, so a
multi-row INSERT or DELETE sees the rows the statement already handled and counts each pair once.
"""

import importlib
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from db.views import view_sql

# The views as they were at this revision: migration 0004 keeps them.
VIEWS = importlib.import_module("migrations.versions.0004_curation_roles_report_runs").VIEWS

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _copy(name: str, type_: sa.types.TypeEngine, of: str) -> sa.Column:
    return sa.Column(name, type_, nullable=True, comment=f"Copy of {of} (trigger-maintained).")


def _new_columns() -> tuple[tuple[str, tuple[sa.Column, ...]], ...]:
    """(table, new columns) as db/models.py declares them; fresh objects on each call (a Column joins one Table)."""
    return (
        ("event_participants", (
            _copy("event_type", sa.String(length=30), "events.type"),
            _copy("event_status", sa.String(length=20), "events.status"),
            _copy("event_date_start", sa.Date(), "events.date_start"),
            _copy("event_date_end", sa.Date(), "events.date_end"),
            _copy("event_rejected", sa.Boolean(), "events.rejected"),
            _copy("event_location_id", sa.Integer(), "events.location_id"),
        )),
        ("event_mentions", (
            _copy("article_source_id", sa.Integer(), "articles.source_id"),
            _copy("article_published_at", sa.Date(), "articles.published_at"),
            _copy("event_rejected", sa.Boolean(), "events.rejected"),
            _copy("event_location_id", sa.Integer(), "events.location_id"),
        )),
        ("event_issues", (
            _copy("event_status", sa.String(length=20), "events.status"),
            _copy("event_date_start", sa.Date(), "events.date_start"),
            _copy("event_date_end", sa.Date(), "events.date_end"),
            _copy("event_rejected", sa.Boolean(), "events.rejected"),
        )),
    )


INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_event_participants_place_actor", "event_participants",
     ("event_location_id", "actor_id", "event_type", "event_rejected", "event_status", "event_date_start",
      "event_date_end")),
    ("ix_event_mentions_source_event", "event_mentions",
     ("article_source_id", "event_id", "event_rejected", "article_published_at", "article_id", "event_location_id")),
    ("ix_event_issues_date_issue", "event_issues",
     ("event_date_start", "issue_id", "event_rejected", "event_status", "event_date_end")),
)

# The copies, as (link table, copy column, source column); the source is events unless named.
PARTICIPANT_COPIES = (("event_type", "type"), ("event_status", "status"), ("event_date_start", "date_start"),
                      ("event_date_end", "date_end"), ("event_rejected", "rejected"),
                      ("event_location_id", "location_id"))
ISSUE_COPIES = (("event_status", "status"), ("event_date_start", "date_start"), ("event_date_end", "date_end"),
                ("event_rejected", "rejected"))
MENTION_EVENT_COPIES = (("event_rejected", "rejected"), ("event_location_id", "location_id"))
MENTION_ARTICLE_COPIES = (("article_source_id", "source_id"), ("article_published_at", "published_at"))

SQLITE_TRIGGERS = ("trg_events_copies", "trg_articles_copies", "trg_event_participants_insert",
                   "trg_event_participants_update", "trg_event_participants_delete", "trg_event_issues_insert",
                   "trg_event_issues_update", "trg_event_mentions_insert", "trg_event_mentions_update")
# PostgreSQL: (trigger, table, function).
PG_TRIGGERS = (
    ("trg_events_copies", "events", "eventdb_events_after_update"),
    ("trg_articles_copies", "articles", "eventdb_articles_after_update"),
    ("trg_event_participants_copies", "event_participants", "eventdb_event_participants_before"),
    ("trg_event_issues_copies", "event_issues", "eventdb_event_issues_before"),
    ("trg_event_mentions_copies", "event_mentions", "eventdb_event_mentions_before"),
)


# ---- SQL shared by both dialects -------------------------------------------------------------------------

def _lo(dialect: str) -> str:
    return "LEAST" if dialect == "postgresql" else "MIN"


def _hi(dialect: str) -> str:
    return "GREATEST" if dialect == "postgresql" else "MAX"


_UPSERT_TAIL = """
    ON CONFLICT (actor_a_id, actor_b_id) DO UPDATE SET
       events = actor_pairs.events + 1,
       first_date = CASE WHEN actor_pairs.first_date IS NULL OR excluded.first_date < actor_pairs.first_date
                         THEN COALESCE(excluded.first_date, actor_pairs.first_date) ELSE actor_pairs.first_date END,
       last_date = CASE WHEN actor_pairs.last_date IS NULL OR excluded.last_date > actor_pairs.last_date
                        THEN COALESCE(excluded.last_date, actor_pairs.last_date) ELSE actor_pairs.last_date END"""


def _recompute(self_id: str) -> str:
    """SET clause: a pair's first and last date from the participants' copies, leaving out row `self_id`."""
    shared = f"""FROM event_participants p JOIN event_participants o ON o.event_id = p.event_id
          WHERE p.actor_id = actor_pairs.actor_b_id AND o.actor_id = actor_pairs.actor_a_id
            AND p.id <> {self_id} AND o.id <> {self_id}
            AND p.event_type = 'CONSULT' AND NOT p.event_rejected"""
    return f"""first_date = (SELECT MIN(p.event_date_start) {shared}),
           last_date = (SELECT MAX(COALESCE(p.event_date_end, p.event_date_start)) {shared})"""


def _add_pairs(d: str, event: str, actor: str, self_id: str) -> str:
    """One participant (`actor` in `event`, row `self_id`) joins the event: +1 for its pairs with the others."""
    return f"""INSERT INTO actor_pairs (actor_a_id, actor_b_id, events, first_date, last_date)
    SELECT {_lo(d)}(q.actor_id, {actor}), {_hi(d)}(q.actor_id, {actor}), 1, e.date_start,
           COALESCE(e.date_end, e.date_start)
      FROM event_participants q JOIN events e ON e.id = q.event_id
     WHERE q.event_id = {event} AND q.id <> {self_id} AND q.actor_id <> {actor}
       AND e.type = 'CONSULT' AND NOT e.rejected{_UPSERT_TAIL}"""


def _sub_pairs(d: str, event: str, actor: str, self_id: str, date_start: str, date_end: str,
               guard: str = "1 = 1") -> list[str]:
    """One participant leaves a counted event: -1 for its pairs, first/last dates recomputed where it gave them."""
    pairs = (f"({guard}) AND (actor_a_id, actor_b_id) IN (SELECT {_lo(d)}(q.actor_id, {actor}), {_hi(d)}(q.actor_id, {actor}) "
             f"FROM event_participants q WHERE q.event_id = {event} AND q.id <> {self_id} AND q.actor_id <> {actor})")
    return [
        f"UPDATE actor_pairs SET events = events - 1 WHERE {pairs}",
        f"DELETE FROM actor_pairs WHERE events <= 0 AND {pairs}",
        f"""UPDATE actor_pairs SET {_recompute(self_id)}
     WHERE {pairs} AND (first_date = {date_start} OR last_date = COALESCE({date_end}, {date_start}))""",
    ]


def _event_pairs_change(d: str, old: str, new: str, guard: str = "1 = 1") -> list[str]:
    """An event's type, rejected flag or dates changed (its participants' copies already updated): move all its
    pairs from the old values to the new ones."""
    pairs = (f"({guard}) AND (actor_a_id, actor_b_id) IN (SELECT p1.actor_id, p2.actor_id FROM event_participants p1 "
             "JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.actor_id > p1.actor_id "
             f"WHERE p1.event_id = {new}.id)")
    old_counted = f"({old}.type = 'CONSULT' AND NOT {old}.rejected)"
    new_counted = f"({new}.type = 'CONSULT' AND NOT {new}.rejected)"
    return [
        f"UPDATE actor_pairs SET events = events - 1 WHERE {old_counted} AND {pairs}",
        f"DELETE FROM actor_pairs WHERE {old_counted} AND events <= 0 AND {pairs}",
        f"""INSERT INTO actor_pairs (actor_a_id, actor_b_id, events, first_date, last_date)
    SELECT p1.actor_id, p2.actor_id, 1, {new}.date_start, COALESCE({new}.date_end, {new}.date_start)
      FROM event_participants p1
      JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.actor_id > p1.actor_id
     WHERE ({guard}) AND p1.event_id = {new}.id AND {new_counted}{_UPSERT_TAIL}""",
        f"""UPDATE actor_pairs SET {_recompute('-1')}
     WHERE {old_counted} AND {pairs}
       AND (first_date = {old}.date_start OR last_date = COALESCE({old}.date_end, {old}.date_start))""",
    ]


def _set_list(copies: tuple[tuple[str, str], ...], source: str) -> str:
    return ", ".join(f"{copy} = {source}.{column}" for copy, column in copies)


def _fill_from(copies: tuple[tuple[str, str], ...], table: str, alias: str, key: str) -> str:
    """`(copy, ...) = (SELECT alias.column, ... FROM table alias WHERE alias.id = key)`."""
    return (f"({', '.join(c for c, _ in copies)}) = "
            f"(SELECT {', '.join(f'{alias}.{s}' for _, s in copies)} FROM {table} {alias} WHERE {alias}.id = {key})")


# ---- SQLite ----------------------------------------------------------------------------------------------

def _sqlite_triggers() -> list[str]:
    d = "sqlite"
    event_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for _, c in PARTICIPANT_COPIES)
    pairs_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("type", "rejected", "date_start", "date_end"))
    fill_participant = (f"UPDATE event_participants SET {_fill_from(PARTICIPANT_COPIES, 'events', 'e', 'NEW.event_id')}"
                        " WHERE id = NEW.id")
    fill_issue = (f"UPDATE event_issues SET {_fill_from(ISSUE_COPIES, 'events', 'e', 'NEW.event_id')}"
                  " WHERE event_id = NEW.event_id AND issue_id = NEW.issue_id")
    fill_mention = (f"UPDATE event_mentions SET {_fill_from(MENTION_EVENT_COPIES, 'events', 'e', 'NEW.event_id')}, "
                    f"{_fill_from(MENTION_ARTICLE_COPIES, 'articles', 'a', 'NEW.article_id')} WHERE id = NEW.id")
    old_counted = "OLD.event_type = 'CONSULT' AND NOT OLD.event_rejected"
    sub = _sub_pairs(d, "OLD.event_id", "OLD.actor_id", "OLD.id", "OLD.event_date_start", "OLD.event_date_end")
    # In the update trigger the pairs leave only when the old event counted.
    sub_if_counted = _sub_pairs(d, "OLD.event_id", "OLD.actor_id", "OLD.id", "OLD.event_date_start",
                                "OLD.event_date_end", guard=old_counted)

    def body(*statements: str) -> str:
        return "\nBEGIN\n" + "".join(f"  {s};\n" for s in statements) + "END"

    return [
        f"""CREATE TRIGGER trg_events_copies AFTER UPDATE OF {', '.join(c for _, c in PARTICIPANT_COPIES)} ON events
WHEN {event_changed}""" + body(
            f"UPDATE event_participants SET {_set_list(PARTICIPANT_COPIES, 'NEW')} WHERE event_id = NEW.id",
            f"UPDATE event_issues SET {_set_list(ISSUE_COPIES, 'NEW')} WHERE event_id = NEW.id",
            f"UPDATE event_mentions SET {_set_list(MENTION_EVENT_COPIES, 'NEW')} WHERE event_id = NEW.id",
            *_event_pairs_change(d, "OLD", "NEW", guard=pairs_changed),
        ),
        """CREATE TRIGGER trg_articles_copies AFTER UPDATE OF source_id, published_at ON articles
WHEN OLD.source_id IS NOT NEW.source_id OR OLD.published_at IS NOT NEW.published_at""" + body(
            f"UPDATE event_mentions SET {_set_list(MENTION_ARTICLE_COPIES, 'NEW')} WHERE article_id = NEW.id",
        ),
        "CREATE TRIGGER trg_event_participants_insert AFTER INSERT ON event_participants" + body(
            fill_participant, _add_pairs(d, "NEW.event_id", "NEW.actor_id", "NEW.id"),
        ),
        """CREATE TRIGGER trg_event_participants_update AFTER UPDATE OF event_id, actor_id ON event_participants
WHEN OLD.event_id IS NOT NEW.event_id OR OLD.actor_id IS NOT NEW.actor_id""" + body(
            fill_participant, *sub_if_counted, _add_pairs(d, "NEW.event_id", "NEW.actor_id", "NEW.id"),
        ),
        f"CREATE TRIGGER trg_event_participants_delete AFTER DELETE ON event_participants WHEN {old_counted}"
        + body(*sub),
        "CREATE TRIGGER trg_event_issues_insert AFTER INSERT ON event_issues" + body(fill_issue),
        """CREATE TRIGGER trg_event_issues_update AFTER UPDATE OF event_id ON event_issues
WHEN OLD.event_id IS NOT NEW.event_id""" + body(fill_issue),
        "CREATE TRIGGER trg_event_mentions_insert AFTER INSERT ON event_mentions" + body(fill_mention),
        """CREATE TRIGGER trg_event_mentions_update AFTER UPDATE OF event_id, article_id ON event_mentions
WHEN OLD.event_id IS NOT NEW.event_id OR OLD.article_id IS NOT NEW.article_id""" + body(fill_mention),
    ]


# ---- PostgreSQL ------------------------------------------------------------------------------------------

def _pg_functions() -> list[str]:
    d = "postgresql"
    event_changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for _, c in PARTICIPANT_COPIES)
    pairs_changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}"
                                for c in ("type", "rejected", "date_start", "date_end"))

    def into(copies: tuple[tuple[str, str], ...], table: str, key: str) -> str:
        return (f"SELECT {', '.join(f'x.{s}' for _, s in copies)} INTO {', '.join(f'NEW.{c}' for c, _ in copies)} "
                f"FROM {table} x WHERE x.id = {key}")

    def function(name: str, body: str) -> str:
        return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n{body}\nEND\n$fn$"

    def block(statements: list[str]) -> str:
        return "".join(f"    {s};\n" for s in statements)

    sub = _sub_pairs(d, "OLD.event_id", "OLD.actor_id", "OLD.id", "OLD.event_date_start", "OLD.event_date_end")
    return [
        function("eventdb_events_after_update", f"""  IF {event_changed} THEN
    UPDATE event_participants SET {_set_list(PARTICIPANT_COPIES, 'NEW')} WHERE event_id = NEW.id;
    UPDATE event_issues SET {_set_list(ISSUE_COPIES, 'NEW')} WHERE event_id = NEW.id;
    UPDATE event_mentions SET {_set_list(MENTION_EVENT_COPIES, 'NEW')} WHERE event_id = NEW.id;
  END IF;
  IF {pairs_changed} THEN
{block(_event_pairs_change(d, 'OLD', 'NEW'))}  END IF;
  RETURN NULL;"""),
        function("eventdb_articles_after_update", f"""  IF OLD.source_id IS DISTINCT FROM NEW.source_id
     OR OLD.published_at IS DISTINCT FROM NEW.published_at THEN
    UPDATE event_mentions SET {_set_list(MENTION_ARTICLE_COPIES, 'NEW')} WHERE article_id = NEW.id;
  END IF;
  RETURN NULL;"""),
        # BEFORE each row: the row itself is not in the table yet (INSERT), or still is (UPDATE, DELETE: left
        # out by id), and rows the same statement handled earlier are visible, so every pair counts once.
        function("eventdb_event_participants_before", f"""  IF TG_OP <> 'INSERT' THEN
    IF TG_OP = 'UPDATE' AND NEW.event_id IS NOT DISTINCT FROM OLD.event_id
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
      RETURN NEW;
    END IF;
    IF OLD.event_type = 'CONSULT' AND NOT OLD.event_rejected THEN
{block(sub)}    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
  END IF;
  {into(PARTICIPANT_COPIES, 'events', 'NEW.event_id')};
  {_add_pairs(d, 'NEW.event_id', 'NEW.actor_id', 'NEW.id')};
  RETURN NEW;"""),
        function("eventdb_event_issues_before", f"""  {into(ISSUE_COPIES, 'events', 'NEW.event_id')};
  RETURN NEW;"""),
        function("eventdb_event_mentions_before", f"""  {into(MENTION_EVENT_COPIES, 'events', 'NEW.event_id')};
  {into(MENTION_ARTICLE_COPIES, 'articles', 'NEW.article_id')};
  RETURN NEW;"""),
    ]


def _pg_triggers() -> list[str]:
    return [
        "CREATE TRIGGER trg_events_copies AFTER UPDATE OF type, status, date_start, date_end, rejected, location_id "
        "ON events FOR EACH ROW EXECUTE FUNCTION eventdb_events_after_update()",
        "CREATE TRIGGER trg_articles_copies AFTER UPDATE OF source_id, published_at ON articles "
        "FOR EACH ROW EXECUTE FUNCTION eventdb_articles_after_update()",
        "CREATE TRIGGER trg_event_participants_copies BEFORE INSERT OR UPDATE OF event_id, actor_id OR DELETE "
        "ON event_participants FOR EACH ROW EXECUTE FUNCTION eventdb_event_participants_before()",
        "CREATE TRIGGER trg_event_issues_copies BEFORE INSERT OR UPDATE OF event_id ON event_issues "
        "FOR EACH ROW EXECUTE FUNCTION eventdb_event_issues_before()",
        "CREATE TRIGGER trg_event_mentions_copies BEFORE INSERT OR UPDATE OF event_id, article_id ON event_mentions "
        "FOR EACH ROW EXECUTE FUNCTION eventdb_event_mentions_before()",
    ]


# ---- backfill --------------------------------------------------------------------------------------------

def _backfill(dialect: str) -> list[str]:
    if dialect == "postgresql":
        copies = [
            f"UPDATE event_participants t SET {_set_list(PARTICIPANT_COPIES, 'e')} FROM events e WHERE e.id = t.event_id",
            f"UPDATE event_issues t SET {_set_list(ISSUE_COPIES, 'e')} FROM events e WHERE e.id = t.event_id",
            f"UPDATE event_mentions t SET {_set_list(MENTION_EVENT_COPIES, 'e')}, "
            f"{_set_list(MENTION_ARTICLE_COPIES, 'a')} FROM events e, articles a "
            "WHERE e.id = t.event_id AND a.id = t.article_id",
        ]
    else:
        copies = [
            f"UPDATE event_participants SET {_fill_from(PARTICIPANT_COPIES, 'events', 'e', 'event_participants.event_id')}",
            f"UPDATE event_issues SET {_fill_from(ISSUE_COPIES, 'events', 'e', 'event_issues.event_id')}",
            f"UPDATE event_mentions SET {_fill_from(MENTION_EVENT_COPIES, 'events', 'e', 'event_mentions.event_id')}, "
            f"{_fill_from(MENTION_ARTICLE_COPIES, 'articles', 'a', 'event_mentions.article_id')}",
        ]
    return copies + ["""INSERT INTO actor_pairs (actor_a_id, actor_b_id, events, first_date, last_date)
SELECT p1.actor_id, p2.actor_id, COUNT(*), MIN(e.date_start), MAX(COALESCE(e.date_end, e.date_start))
  FROM events e
  JOIN event_participants p1 ON p1.event_id = e.id
  JOIN event_participants p2 ON p2.event_id = e.id AND p2.actor_id > p1.actor_id
 WHERE e.type = 'CONSULT' AND NOT e.rejected
 GROUP BY p1.actor_id, p2.actor_id"""]


# ---- upgrade / downgrade ---------------------------------------------------------------------------------

def upgrade() -> None:
    """Upgrade schema."""
    dialect = op.get_bind().dialect.name
    # Nullable columns without defaults or foreign keys: a plain ADD COLUMN, no table rebuild on SQLite, so
    # the views can stay.
    for table, columns in _new_columns():
        for column in columns:
            op.add_column(table, column)
    op.create_table(
        "actor_pairs",
        sa.Column("actor_a_id", sa.Integer(), nullable=False, comment="First actor (lower id)."),
        sa.Column("actor_b_id", sa.Integer(), nullable=False, comment="Second actor (higher id)."),
        sa.Column("events", sa.Integer(), nullable=False, comment="Events both took part in."),
        sa.Column("first_date", sa.Date(), nullable=True, comment="Earliest date_start of those events."),
        sa.Column("last_date", sa.Date(), nullable=True,
                  comment="Latest COALESCE(date_end, date_start) of those events."),
        sa.ForeignKeyConstraint(["actor_a_id"], ["actors.id"], name=op.f("fk_actor_pairs_actor_a_id_actors"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_b_id"], ["actors.id"], name=op.f("fk_actor_pairs_actor_b_id_actors"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("actor_a_id", "actor_b_id", name=op.f("pk_actor_pairs")),
        comment="Summary kept by database triggers (migration 0007): per pair of actors, the CONSULT events "
                "they share, not rejected. Never written by eventdb itself.",
    )
    for statement in _backfill(dialect):
        op.execute(statement)
    # Indexes after the backfill: built once from sorted data instead of updated row by row.
    op.create_index("ix_actor_pairs_actor_b_id", "actor_pairs", ["actor_b_id"], unique=False)
    op.create_index("ix_actor_pairs_events", "actor_pairs", ["events", "actor_a_id", "actor_b_id"], unique=False)
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False)
    if dialect == "postgresql":
        for statement in _pg_functions() + _pg_triggers():
            op.execute(statement)
    else:
        for statement in _sqlite_triggers():
            op.execute(statement)
    if dialect == "sqlite":
        op.execute("ANALYZE")


def downgrade() -> None:
    """Downgrade schema."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for trigger, table, function in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_actor_pairs_events", table_name="actor_pairs")
    op.drop_index("ix_actor_pairs_actor_b_id", table_name="actor_pairs")
    op.drop_table("actor_pairs")
    # SQLite drops a column by rebuilding the table; the views that read these tables must not exist meanwhile.
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view.name}")
    for table, columns in reversed(_new_columns()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in reversed(columns):
                batch_op.drop_column(column.name)
    for view in VIEWS:
        op.execute(f"CREATE VIEW {view.name} AS {view_sql(view, dialect)}")
