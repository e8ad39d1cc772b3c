"""report summaries: per-place and per-publisher tables and per-event / per-article counts, kept current by triggers

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

Three reports still read a million rows after migration 0007: meetings-by-location (distinct participants per
place), source-coverage (distinct events and places per publisher) and data-quality (events with fewer than two
participants or no mention, articles with no mention). Counting distinct values needs a pass over every link row;
a count kept up to date by the database does not. This migration adds, all maintained by triggers on SQLite and
PostgreSQL, so that loads, curation, `eventdb reprocess` and ad hoc SQL keep them exact:

- `events.participant_count` and `events.mention_count`, `articles.mention_count` and
  `articles.live_mention_count` (mentions of events not rejected), with indexes that count the zeros directly;
- `place_meetings`: per place, the CONSULT events not rejected (count, first and last date) and the number of
  distinct participants, which is the number of `place_participants` rows of the place: per (place, actor), the
  participant rows of those events (a reference count; a row goes when its count reaches zero);
- `source_events` and `source_places`: per (publisher, event) and (publisher, place), the mentions of events not
  rejected (reference counts), and `source_totals`: per publisher, the number of its `source_events` rows.

Every trigger reads the link row itself, with the copies of migration 0007 (type, rejected flag and place of the
event, publisher of the article): a row adds its share to the summaries while it exists and takes it back when
it goes or changes (an update takes the old values' share back and adds the new values'). On SQLite the copies
are filled by an UPDATE right after the INSERT, so an inserted row counts from that update on (a row is "filled"
once its copy of events.type / events.rejected is not NULL); on PostgreSQL they are filled before the row is
written. Counters change by one at a time, so the order triggers run in does not matter, nor whether a trigger
sees the other rows of its statement before or after they changed (PostgreSQL runs AFTER row triggers at the end
of the statement). The first and last date of a place are recomputed from `ix_events_location_cover` when the
event that gave one of them leaves the place.

SQLite: ADD COLUMN with a constant default (no table rebuild) and AFTER triggers; the reference-count tables are
WITHOUT ROWID (one B-tree each). PostgreSQL: AFTER row triggers calling plpgsql functions.
"""

from typing import Callable, Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _count(name: str, comment: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), server_default=sa.text("0"), nullable=False, comment=comment)


def _new_columns() -> tuple[tuple[str, tuple[sa.Column, ...]], ...]:
    """(table, new columns) as db/models.py declares them; fresh objects on each call (a Column joins one Table)."""
    return (
        ("events", (
            _count("participant_count", "Number of event_participants rows of the event (trigger-maintained)."),
            _count("mention_count", "Number of event_mentions rows of the event (trigger-maintained)."),
        )),
        ("articles", (
            _count("mention_count", "Number of event_mentions rows of the article (trigger-maintained)."),
            _count("live_mention_count",
                   "Of those, mentions of events not rejected (trigger-maintained)."),
        )),
    )


INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_events_participant_count", "events", ("participant_count", "rejected")),
    ("ix_events_mention_count", "events", ("mention_count", "rejected")),
    ("ix_articles_mention_count", "articles", ("mention_count",)),
    ("ix_articles_source_coverage", "articles", ("source_id", "published_at", "live_mention_count")),
)
# Replaced by ix_articles_source_coverage, which holds the same columns first.
REPLACED_INDEX = ("ix_articles_source_published", "articles", ("source_id", "published_at"))

TABLES = ("place_meetings", "place_participants", "source_events", "source_places", "source_totals")


def _create_tables() -> None:
    rowid = {"sqlite_with_rowid": False}
    op.create_table(
        "place_meetings",
        sa.Column("location_id", sa.Integer(), autoincrement=False, nullable=False,
                  comment="The place (locations.id)."),
        sa.Column("meetings", sa.Integer(), nullable=False, comment="CONSULT events there, not rejected."),
        sa.Column("participants", sa.Integer(), nullable=False,
                  comment="Distinct actors taking part in them (rows of place_participants)."),
        sa.Column("first_date", sa.Date(), nullable=True, comment="Earliest date_start of those events."),
        sa.Column("last_date", sa.Date(), nullable=True,
                  comment="Latest COALESCE(date_end, date_start) of those events."),
        sa.PrimaryKeyConstraint("location_id", name=op.f("pk_place_meetings")),
        comment="Summary kept by database triggers (migration 0008): per place, its meetings (CONSULT events not "
                "rejected) and their distinct participants. Never written by eventdb itself.",
    )
    op.create_table(
        "place_participants",
        sa.Column("location_id", sa.Integer(), nullable=False, comment="The place (locations.id)."),
        sa.Column("actor_id", sa.Integer(), nullable=False, comment="The actor (actors.id)."),
        sa.Column("events", sa.Integer(), nullable=False,
                  comment="CONSULT events not rejected at the place in which the actor takes part."),
        sa.PrimaryKeyConstraint("location_id", "actor_id", name=op.f("pk_place_participants")),
        comment="Reference counts kept by database triggers (migration 0008): who took part in meetings where. "
                "Never written by eventdb itself.",
        **rowid,
    )
    op.create_table(
        "source_events",
        sa.Column("source_key", sa.Integer(), nullable=False,
                  comment="The publisher (sources.id), -1 for articles without one."),
        sa.Column("event_id", sa.Integer(), nullable=False, comment="The event (events.id)."),
        sa.Column("mentions", sa.Integer(), nullable=False,
                  comment="Mentions of the event, not rejected, in the publisher's articles."),
        sa.PrimaryKeyConstraint("source_key", "event_id", name=op.f("pk_source_events")),
        comment="Reference counts kept by database triggers (migration 0008): which events each publisher "
                "reports. Never written by eventdb itself.",
        **rowid,
    )
    op.create_table(
        "source_places",
        sa.Column("source_key", sa.Integer(), nullable=False,
                  comment="The publisher (sources.id), -1 for articles without one."),
        sa.Column("location_id", sa.Integer(), nullable=False, comment="The place (locations.id)."),
        sa.Column("mentions", sa.Integer(), nullable=False,
                  comment="Mentions, in the publisher's articles, of events not rejected at the place."),
        sa.PrimaryKeyConstraint("source_key", "location_id", name=op.f("pk_source_places")),
        comment="Reference counts kept by database triggers (migration 0008): the places of the events each "
                "publisher reports. Never written by eventdb itself.",
        **rowid,
    )
    op.create_table(
        "source_totals",
        sa.Column("source_key", sa.Integer(), autoincrement=False, nullable=False,
                  comment="The publisher (sources.id), -1 for articles without one."),
        sa.Column("events", sa.Integer(), nullable=False,
                  comment="Distinct events not rejected its articles mention (rows of source_events)."),
        sa.PrimaryKeyConstraint("source_key", name=op.f("pk_source_totals")),
        comment="Summary kept by database triggers (migration 0008): per publisher, the events it reports. "
                "Never written by eventdb itself.",
    )


# ---- the shares of one row, for both dialects ------------------------------------------------------------
#
# A component is (keys, add, remove): `keys` are expressions of the row `{r}` whose change moves its share;
# add(r, guard) and remove(r, guard) are the statements that add or take back the share of row `r` (NEW or
# OLD), each limited by the SQL condition `guard` (on SQLite the update trigger's guard is "this component's
# keys changed"; on PostgreSQL an IF does that and the guard is 1 = 1).

Statements = Callable[[str, str], list[str]]
Component = tuple[tuple[str, ...], Statements, Statements]


def _participant_count() -> Component:
    def change(sign: str) -> Statements:
        return lambda r, g: [f"UPDATE events SET participant_count = participant_count {sign} 1 "
                             f"WHERE id = {r}.event_id AND {r}.event_type IS NOT NULL AND ({g})"]
    return ("{r}.event_id", "{r}.event_type IS NULL"), change("+"), change("-")


def _place_participants() -> Component:
    def counted(r: str) -> str:
        return f"{r}.event_type = 'CONSULT' AND NOT {r}.event_rejected AND {r}.event_location_id IS NOT NULL"

    def this(r: str, alias: str = "pp") -> str:
        return f"{alias}.location_id = {r}.event_location_id AND {alias}.actor_id = {r}.actor_id"

    def add(r: str, g: str) -> list[str]:
        return [
            f"""INSERT INTO place_participants (location_id, actor_id, events)
    SELECT {r}.event_location_id, {r}.actor_id, 1 WHERE {counted(r)} AND ({g})
    ON CONFLICT (location_id, actor_id) DO UPDATE SET events = place_participants.events + 1""",
            f"""INSERT INTO place_meetings (location_id, meetings, participants, first_date, last_date)
    SELECT {r}.event_location_id, 0, 1, NULL, NULL WHERE {counted(r)} AND ({g})
       AND (SELECT pp.events FROM place_participants pp WHERE {this(r)}) = 1
    ON CONFLICT (location_id) DO UPDATE SET participants = place_meetings.participants + 1""",
        ]

    def remove(r: str, g: str) -> list[str]:
        return [
            f"UPDATE place_participants SET events = events - 1 WHERE {this(r, 'place_participants')} "
            f"AND {counted(r)} AND ({g})",
            f"""UPDATE place_meetings SET participants = participants - 1
     WHERE location_id = {r}.event_location_id AND {counted(r)} AND ({g})
       AND EXISTS (SELECT 1 FROM place_participants pp WHERE {this(r)} AND pp.events <= 0)""",
            f"DELETE FROM place_participants WHERE {this(r, 'place_participants')} AND events <= 0",
            f"DELETE FROM place_meetings WHERE location_id = {r}.event_location_id AND meetings <= 0 "
            "AND participants <= 0",
        ]

    return ("{r}.actor_id", "{r}.event_type", "{r}.event_rejected", "{r}.event_location_id"), add, remove


def _place_meetings() -> Component:
    def counted(r: str) -> str:
        return f"{r}.type = 'CONSULT' AND NOT {r}.rejected AND {r}.location_id IS NOT NULL"

    def add(r: str, g: str) -> list[str]:
        return [f"""INSERT INTO place_meetings (location_id, meetings, participants, first_date, last_date)
    SELECT {r}.location_id, 1, 0, {r}.date_start, COALESCE({r}.date_end, {r}.date_start) WHERE {counted(r)} AND ({g})
    ON CONFLICT (location_id) DO UPDATE SET
       meetings = place_meetings.meetings + 1,
       first_date = CASE WHEN place_meetings.first_date IS NULL OR excluded.first_date < place_meetings.first_date
                         THEN COALESCE(excluded.first_date, place_meetings.first_date) ELSE place_meetings.first_date END,
       last_date = CASE WHEN place_meetings.last_date IS NULL OR excluded.last_date > place_meetings.last_date
                        THEN COALESCE(excluded.last_date, place_meetings.last_date) ELSE place_meetings.last_date END"""]

    def remove(r: str, g: str) -> list[str]:
        # The other meetings at the place, from ix_events_location_cover (location_id, type, rejected, ...).
        others = (f"FROM events e WHERE e.location_id = {r}.location_id AND e.type = 'CONSULT' "
                  f"AND e.rejected = FALSE AND e.id <> {r}.id")
        return [
            f"UPDATE place_meetings SET meetings = meetings - 1 WHERE location_id = {r}.location_id "
            f"AND {counted(r)} AND ({g})",
            f"""UPDATE place_meetings SET first_date = (SELECT MIN(e.date_start) {others}),
           last_date = (SELECT MAX(COALESCE(e.date_end, e.date_start)) {others})
     WHERE location_id = {r}.location_id AND {counted(r)} AND ({g})
       AND (first_date = {r}.date_start OR last_date = COALESCE({r}.date_end, {r}.date_start))""",
            f"DELETE FROM place_meetings WHERE location_id = {r}.location_id AND meetings <= 0 AND participants <= 0",
        ]

    return ("{r}.type", "{r}.rejected", "{r}.location_id", "{r}.date_start", "{r}.date_end"), add, remove


def _mention_counts() -> Component:
    """events.mention_count and articles' counts: every mention once its copies are filled."""
    def change(sign: str) -> Statements:
        return lambda r, g: [
            f"UPDATE events SET mention_count = mention_count {sign} 1 "
            f"WHERE id = {r}.event_id AND {r}.event_rejected IS NOT NULL AND ({g})",
            f"""UPDATE articles SET mention_count = mention_count {sign} 1,
           live_mention_count = live_mention_count {sign} CASE WHEN {r}.event_rejected THEN 0 ELSE 1 END
     WHERE id = {r}.article_id AND {r}.event_rejected IS NOT NULL AND ({g})""",
        ]
    return ("{r}.event_id", "{r}.article_id", "{r}.event_rejected"), change("+"), change("-")


def _source_key(r: str) -> str:
    return f"COALESCE({r}.article_source_id, -1)"


def _source_events() -> Component:
    def this(r: str, alias: str = "se") -> str:
        return f"{alias}.source_key = {_source_key(r)} AND {alias}.event_id = {r}.event_id"

    def add(r: str, g: str) -> list[str]:
        return [
            f"""INSERT INTO source_events (source_key, event_id, mentions)
    SELECT {_source_key(r)}, {r}.event_id, 1 WHERE NOT {r}.event_rejected AND ({g})
    ON CONFLICT (source_key, event_id) DO UPDATE SET mentions = source_events.mentions + 1""",
            f"""INSERT INTO source_totals (source_key, events)
    SELECT {_source_key(r)}, 1 WHERE NOT {r}.event_rejected AND ({g})
       AND (SELECT se.mentions FROM source_events se WHERE {this(r)}) = 1
    ON CONFLICT (source_key) DO UPDATE SET events = source_totals.events + 1""",
        ]

    def remove(r: str, g: str) -> list[str]:
        return [
            f"UPDATE source_events SET mentions = mentions - 1 WHERE {this(r, 'source_events')} "
            f"AND NOT {r}.event_rejected AND ({g})",
            f"""UPDATE source_totals SET events = events - 1
     WHERE source_key = {_source_key(r)} AND NOT {r}.event_rejected AND ({g})
       AND EXISTS (SELECT 1 FROM source_events se WHERE {this(r)} AND se.mentions <= 0)""",
            f"DELETE FROM source_events WHERE {this(r, 'source_events')} AND mentions <= 0",
            f"DELETE FROM source_totals WHERE source_key = {_source_key(r)} AND events <= 0",
        ]

    return ("{r}.event_id", "{r}.article_source_id", "{r}.event_rejected"), add, remove


def _source_places() -> Component:
    def counted(r: str) -> str:
        return f"NOT {r}.event_rejected AND {r}.event_location_id IS NOT NULL"

    def this(r: str) -> str:
        return f"source_key = {_source_key(r)} AND location_id = {r}.event_location_id"

    def add(r: str, g: str) -> list[str]:
        return [f"""INSERT INTO source_places (source_key, location_id, mentions)
    SELECT {_source_key(r)}, {r}.event_location_id, 1 WHERE {counted(r)} AND ({g})
    ON CONFLICT (source_key, location_id) DO UPDATE SET mentions = source_places.mentions + 1"""]

    def remove(r: str, g: str) -> list[str]:
        return [
            f"UPDATE source_places SET mentions = mentions - 1 WHERE {this(r)} AND {counted(r)} AND ({g})",
            f"DELETE FROM source_places WHERE {this(r)} AND mentions <= 0",
        ]

    return ("{r}.article_source_id", "{r}.event_location_id", "{r}.event_rejected"), add, remove


# (table, trigger / function suffix, components, the row's share exists at all: a condition on {r} that lets
# SQLite skip the insert and delete triggers of rows that add nothing)
SUMMARIES: tuple[tuple[str, tuple[Callable[[], Component], ...], str], ...] = (
    ("events", (_place_meetings,), "{r}.type = 'CONSULT' AND NOT {r}.rejected AND {r}.location_id IS NOT NULL"),
    ("event_participants", (_participant_count, _place_participants), "{r}.event_type IS NOT NULL"),
    ("event_mentions", (_mention_counts, _source_events, _source_places), "{r}.event_rejected IS NOT NULL"),
)


def _columns(components: tuple[Component, ...]) -> list[str]:
    """The row's columns the components read, for UPDATE OF."""
    import re

    names: list[str] = []
    for keys, _, _ in components:
        for key in keys:
            for name in re.findall(r"\{r\}\.(\w+)", key):
                if name not in names:
                    names.append(name)
    return names


def _changed(keys: tuple[str, ...], dialect: str) -> str:
    differ = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join(f"({k.format(r='OLD')}) {differ} ({k.format(r='NEW')})" for k in keys)


def _sqlite_triggers() -> list[str]:
    def body(statements: list[str]) -> str:
        return "\nBEGIN\n" + "".join(f"  {s};\n" for s in statements) + "END"

    triggers = []
    for table, makers, exists in SUMMARIES:
        components = tuple(make() for make in makers)
        adds = [s for _, add, _ in components for s in add("NEW", "1 = 1")]
        removes = [s for _, _, remove in components for s in remove("OLD", "1 = 1")]
        moves = []
        for keys, add, remove in components:
            guard = _changed(keys, "sqlite")
            moves += remove("OLD", guard) + add("NEW", guard)
        any_change = _changed(tuple(k for keys, _, _ in components for k in keys), "sqlite")
        triggers += [
            f"CREATE TRIGGER trg_{table}_summaries_insert AFTER INSERT ON {table} WHEN {exists.format(r='NEW')}"
            + body(adds),
            f"CREATE TRIGGER trg_{table}_summaries_update AFTER UPDATE OF {', '.join(_columns(components))} "
            f"ON {table}\nWHEN {any_change}" + body(moves),
            f"CREATE TRIGGER trg_{table}_summaries_delete AFTER DELETE ON {table} WHEN {exists.format(r='OLD')}"
            + body(removes),
        ]
    return triggers


SQLITE_TRIGGERS = tuple(f"trg_{table}_summaries_{op_}" for table, _, _ in SUMMARIES
                        for op_ in ("insert", "update", "delete"))
# PostgreSQL: (trigger, table, function).
PG_TRIGGERS = tuple((f"trg_{table}_summaries", table, f"eventdb_{table}_summaries") for table, _, _ in SUMMARIES)


def _pg_statements() -> list[str]:
    def block(statements: list[str], indent: str) -> str:
        return "".join(f"{indent}{s};\n" for s in statements)

    statements = []
    for (table, makers, _), (trigger, _, function) in zip(SUMMARIES, PG_TRIGGERS, strict=True):
        components = tuple(make() for make in makers)
        moves = "".join(
            f"    IF {_changed(keys, 'postgresql')} THEN\n{block(remove('OLD', '1 = 1'), '      ')}"
            f"{block(add('NEW', '1 = 1'), '      ')}    END IF;\n"
            for keys, add, remove in components)
        adds = block([s for _, add, _ in components for s in add("NEW", "1 = 1")], "    ")
        removes = block([s for _, _, remove in components for s in remove("OLD", "1 = 1")], "    ")
        statements.append(f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
{adds}  ELSIF TG_OP = 'DELETE' THEN
{removes}  ELSE
{moves}  END IF;
  RETURN NULL;
END
$fn$""")
        statements.append(f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OF {', '.join(_columns(components))} "
                          f"OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()")
    return statements


# ---- backfill --------------------------------------------------------------------------------------------

BACKFILL = (
    # Each subquery reads a covering index on event_id / article_id; rejected mentions are rare, so the live
    # counts start as the totals and the articles that have some are recounted.
    """UPDATE events SET (participant_count, mention_count) = (
    (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = events.id),
    (SELECT COUNT(*) FROM event_mentions m WHERE m.event_id = events.id))""",
    """UPDATE articles SET (mention_count, live_mention_count) = (
    SELECT COUNT(*), COUNT(*) FROM event_mentions m WHERE m.article_id = articles.id)""",
    """UPDATE articles SET live_mention_count = (
    SELECT COUNT(*) FROM event_mentions m WHERE m.article_id = articles.id AND NOT m.event_rejected)
 WHERE id IN (SELECT m.article_id FROM events e JOIN event_mentions m ON m.event_id = e.id WHERE e.rejected)""",
    # In the order of ix_event_participants_place_actor and ix_event_mentions_source_event: no sort.
    """INSERT INTO place_participants (location_id, actor_id, events)
SELECT p.event_location_id, p.actor_id, COUNT(*)
  FROM event_participants p
 WHERE p.event_location_id IS NOT NULL AND p.event_type = 'CONSULT' AND NOT p.event_rejected
 GROUP BY p.event_location_id, p.actor_id""",
    """INSERT INTO place_meetings (location_id, meetings, participants, first_date, last_date)
SELECT e.location_id, COUNT(*),
       (SELECT COUNT(*) FROM place_participants pp WHERE pp.location_id = e.location_id),
       MIN(e.date_start), MAX(COALESCE(e.date_end, e.date_start))
  FROM events e
 WHERE e.location_id IS NOT NULL AND e.type = 'CONSULT' AND NOT e.rejected
 GROUP BY e.location_id""",
    """INSERT INTO source_events (source_key, event_id, mentions)
SELECT COALESCE(m.article_source_id, -1), m.event_id, COUNT(*)
  FROM event_mentions m
 WHERE NOT m.event_rejected
 GROUP BY m.article_source_id, m.event_id""",
    """INSERT INTO source_totals (source_key, events)
SELECT se.source_key, COUNT(*) FROM source_events se GROUP BY se.source_key""",
    """INSERT INTO source_places (source_key, location_id, mentions)
SELECT COALESCE(m.article_source_id, -1), m.event_location_id, COUNT(*)
  FROM event_mentions m
 WHERE NOT m.event_rejected AND m.event_location_id IS NOT NULL
 GROUP BY m.article_source_id, m.event_location_id""",
)


# ---- upgrade / downgrade ---------------------------------------------------------------------------------

def upgrade() -> None:
    """Upgrade schema."""
    dialect = op.get_bind().dialect.name
    # NOT NULL with a constant default: a plain ADD COLUMN, no table rebuild on SQLite, so the views can stay.
    for table, columns in _new_columns():
        for column in columns:
            op.add_column(table, column)
    _create_tables()
    for statement in BACKFILL:
        op.execute(statement)
    # Indexes after the backfill: built once from sorted data instead of updated row by row.
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False)
    op.drop_index(REPLACED_INDEX[0], table_name=REPLACED_INDEX[1])
    if dialect == "postgresql":
        for statement in _pg_statements():
            op.execute(statement)
    else:
        for statement in _sqlite_triggers():
            op.execute(statement)
        # Statistics for the new tables and indexes only (migration 0007 analyzed the rest).
        for table in ("events", "articles", *TABLES):
            op.execute(f"ANALYZE {table}")


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
    op.create_index(REPLACED_INDEX[0], REPLACED_INDEX[1], list(REPLACED_INDEX[2]), unique=False)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for table in reversed(TABLES):
        op.drop_table(table)
    # SQLite 3.35+ drops a column in place (ALTER TABLE ... DROP COLUMN) when nothing else refers to it: no table
    # rebuild, so the views and migration 0007's triggers on events and articles stay as they are.
    for table, columns in reversed(_new_columns()):
        for column in reversed(columns):
            op.drop_column(table, column.name)
