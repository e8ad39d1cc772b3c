"""who met whom by role (event_counterparts, kept by triggers; actor_pairs from it), the status each report gave and
when an event was first planned, the evidence view, family names first for the cultures that write them so

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05

Pairs were every two participants of an event; they are now an actor and a counterpart (db/pairing.py): a source
with a target, participants with each other, a mediator with each side, never two members of one side.

- `event_counterparts` (event, actor, counterpart, both ways round, with copies of the event's type, rejected flag
  and dates) is recomputed for an event whenever one of its participants is inserted, moved, deleted or changes
  role, and when its mode changes (mediated talks pair the sides with the mediator only);
- `actor_pairs` counts the rows of `event_counterparts` (lower actor id first) of CONSULT events not rejected: its
  triggers move here from event_participants (migration 0007's participant and event triggers keep only the copies).

`events.planned_at` and `event_mentions.status` keep a plan's provenance once a report says it happened. The folded
one-word aliases of people whose family name comes first ("un" of "Kim Jong-un") are re-keyed ("kim").

SQLite: plain ADD COLUMN, AFTER triggers row by row. PostgreSQL: plpgsql AFTER ROW triggers, which run once the
statement is done, so every recompute sees all its rows.
"""

import importlib
from typing import Any, Sequence, Union

import sqlalchemy as sa
from alembic import op

from db.views import VIEWS as CURRENT_VIEWS
from db.views import view_sql

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

M0004 = importlib.import_module("migrations.versions.0004_curation_roles_report_runs")
M0007 = importlib.import_module("migrations.versions.0007_report_denormalization")
# The views as this revision leaves them: db/views.py's, but v_event_participants as migration 0004 froze it
# (migration 0012 changed it).
VIEWS = tuple(M0004.V_EVENT_PARTICIPANTS if view.name == "v_event_participants" else view for view in CURRENT_VIEWS)

COUNTERPART_COPIES = (("event_type", "type"), ("event_rejected", "rejected"), ("event_date_start", "date_start"),
                      ("event_date_end", "date_end"))
COPY_COLUMNS = ", ".join(c for c, _ in COUNTERPART_COPIES)

# db/pairing.py in SQL, over participants p (the actor) and q (the counterpart) of event e.
PAIRED = """NOT (p.role = 'mediator' AND q.role = 'mediator')
   AND (p.role = 'mediator' OR q.role = 'mediator'
        OR (NOT (COALESCE(e.mode, '') = 'third-party'
                 AND EXISTS (SELECT 1 FROM event_participants m WHERE m.event_id = p.event_id AND m.role = 'mediator'))
            AND (p.role NOT IN ('source', 'target') OR q.role NOT IN ('source', 'target') OR p.role <> q.role
                 OR NOT EXISTS (SELECT 1 FROM event_participants o WHERE o.event_id = p.event_id
                                   AND o.role IN ('source', 'target') AND o.role <> p.role))))"""


def _pairs(event: str | None, guard: str = "1 = 1") -> str:
    """SELECT the counterpart rows (with the event's copies) of one event, or of every event."""
    which = f"p.event_id = {event}" if event else "1 = 1"
    copies = ", ".join(f"e.{column} AS {copy}" for copy, column in COUNTERPART_COPIES)
    return f"""SELECT p.event_id AS event_id, p.actor_id AS actor_id, q.actor_id AS counterpart_id, {copies}
  FROM event_participants p
  JOIN event_participants q ON q.event_id = p.event_id AND q.actor_id <> p.actor_id
  JOIN events e ON e.id = p.event_id
 WHERE ({guard}) AND {which} AND {PAIRED}"""


def _recompute(event: str, guard: str = "1 = 1") -> list[str]:
    """Make the counterpart rows of `event` what its participants and mode say: drop the pairs no longer made,
    add the new ones (the others are left alone, so actor_pairs does not churn)."""
    return [
        f"""DELETE FROM event_counterparts WHERE ({guard}) AND event_id = {event}
   AND (actor_id, counterpart_id) NOT IN (SELECT x.actor_id, x.counterpart_id FROM (
        {_pairs(event)}) x)""",
        f"""INSERT INTO event_counterparts (event_id, actor_id, counterpart_id, {COPY_COLUMNS})
{_pairs(event, guard)}
    ON CONFLICT (event_id, actor_id, counterpart_id) DO NOTHING""",
    ]


def _counted(r: str) -> str:
    return f"{r}.event_type = 'CONSULT' AND NOT {r}.event_rejected"


def _this_pair(r: str) -> str:
    return f"actor_a_id = {r}.actor_id AND actor_b_id = {r}.counterpart_id"


def _add(r: str, guard: str = "1 = 1") -> list[str]:
    """A counted counterpart row (lower id first) joins its pair: +1, and the first / last date widen."""
    return [f"""INSERT INTO actor_pairs (actor_a_id, actor_b_id, events, first_date, last_date)
    SELECT {r}.actor_id, {r}.counterpart_id, 1, {r}.event_date_start, COALESCE({r}.event_date_end, {r}.event_date_start)
     WHERE ({guard}) AND {_counted(r)}{M0007._UPSERT_TAIL}"""]


def _sub(r: str, guard: str = "1 = 1") -> list[str]:
    """A counted row leaves its pair: -1, the pair goes at 0, and its dates are recomputed where this row gave them."""
    shared = ("FROM event_counterparts c WHERE c.actor_id = actor_pairs.actor_a_id "
              "AND c.counterpart_id = actor_pairs.actor_b_id AND c.event_type = 'CONSULT' AND NOT c.event_rejected")
    when = f"({guard}) AND {_counted(r)} AND {_this_pair(r)}"
    return [
        f"UPDATE actor_pairs SET events = events - 1 WHERE {when}",
        f"DELETE FROM actor_pairs WHERE events <= 0 AND {when}",
        f"""UPDATE actor_pairs SET first_date = (SELECT MIN(c.event_date_start) {shared}),
           last_date = (SELECT MAX(COALESCE(c.event_date_end, c.event_date_start)) {shared})
     WHERE {when} AND (first_date = {r}.event_date_start
                       OR last_date = COALESCE({r}.event_date_end, {r}.event_date_start))""",
    ]


def _copies_changed(differ: str) -> str:
    return " OR ".join(f"OLD.{c} {differ} NEW.{c}" for _, c in COUNTERPART_COPIES)


def _set_copies() -> str:
    return f"UPDATE event_counterparts SET {M0007._set_list(COUNTERPART_COPIES, 'NEW')} WHERE event_id = NEW.id"


# ---- SQLite ----------------------------------------------------------------------------------------------

# Migration 0007's triggers that also counted pairs; they come back with the copies only.
SQLITE_REPLACED = ("trg_events_copies", "trg_event_participants_insert", "trg_event_participants_update",
                   "trg_event_participants_delete")
SQLITE_TRIGGERS = ("trg_events_copies", "trg_event_participants_insert", "trg_event_participants_update",
                   "trg_event_participants_counterparts_insert", "trg_event_participants_counterparts_update",
                   "trg_event_participants_counterparts_delete", "trg_events_counterparts",
                   "trg_event_counterparts_insert", "trg_event_counterparts_update", "trg_event_counterparts_delete")


def _body(*statements: str) -> str:
    return "\nBEGIN\n" + "".join(f"  {s};\n" for s in statements) + "END"


def _sqlite_triggers() -> list[str]:
    participant_copies = M0007.PARTICIPANT_COPIES
    event_changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for _, c in participant_copies)
    fill_participant = (f"UPDATE event_participants SET "
                        f"{M0007._fill_from(participant_copies, 'events', 'e', 'NEW.event_id')} WHERE id = NEW.id")
    moved = "OLD.event_id IS NOT NEW.event_id OR OLD.actor_id IS NOT NEW.actor_id"
    mode_changed = "OLD.mode IS NOT NEW.mode"
    return [
        f"""CREATE TRIGGER trg_events_copies AFTER UPDATE OF {', '.join(c for _, c in participant_copies)} ON events
WHEN {event_changed}""" + _body(
            f"UPDATE event_participants SET {M0007._set_list(participant_copies, 'NEW')} WHERE event_id = NEW.id",
            f"UPDATE event_issues SET {M0007._set_list(M0007.ISSUE_COPIES, 'NEW')} WHERE event_id = NEW.id",
            f"UPDATE event_mentions SET {M0007._set_list(M0007.MENTION_EVENT_COPIES, 'NEW')} WHERE event_id = NEW.id",
        ),
        "CREATE TRIGGER trg_event_participants_insert AFTER INSERT ON event_participants" + _body(fill_participant),
        f"""CREATE TRIGGER trg_event_participants_update AFTER UPDATE OF event_id, actor_id ON event_participants
WHEN {moved}""" + _body(fill_participant),
        "CREATE TRIGGER trg_event_participants_counterparts_insert AFTER INSERT ON event_participants"
        + _body(*_recompute("NEW.event_id")),
        f"""CREATE TRIGGER trg_event_participants_counterparts_update AFTER UPDATE OF event_id, actor_id, role
ON event_participants WHEN {moved} OR OLD.role IS NOT NEW.role""" + _body(
            *_recompute("OLD.event_id"), *_recompute("NEW.event_id")),
        "CREATE TRIGGER trg_event_participants_counterparts_delete AFTER DELETE ON event_participants"
        + _body(*_recompute("OLD.event_id")),
        f"""CREATE TRIGGER trg_events_counterparts AFTER UPDATE OF {', '.join(c for _, c in COUNTERPART_COPIES)}, mode
ON events WHEN {_copies_changed('IS NOT')} OR {mode_changed}""" + _body(
            f"{_set_copies()} AND ({_copies_changed('IS NOT')})", *_recompute("NEW.id", guard=mode_changed)),
        "CREATE TRIGGER trg_event_counterparts_insert AFTER INSERT ON event_counterparts "
        "WHEN NEW.actor_id < NEW.counterpart_id" + _body(*_add("NEW")),
        f"""CREATE TRIGGER trg_event_counterparts_update AFTER UPDATE OF {COPY_COLUMNS} ON event_counterparts
WHEN NEW.actor_id < NEW.counterpart_id""" + _body(*_sub("OLD"), *_add("NEW")),
        "CREATE TRIGGER trg_event_counterparts_delete AFTER DELETE ON event_counterparts "
        "WHEN OLD.actor_id < OLD.counterpart_id" + _body(*_sub("OLD")),
    ]


# ---- PostgreSQL ------------------------------------------------------------------------------------------

# (trigger, table, function) of this migration; 0007's two functions are replaced by ones that keep the copies only.
PG_TRIGGERS = (
    ("trg_event_participants_counterparts", "event_participants", "eventdb_event_participants_counterparts"),
    ("trg_events_counterparts", "events", "eventdb_events_counterparts"),
    ("trg_event_counterparts_pairs", "event_counterparts", "eventdb_event_counterparts_pairs"),
)
PG_REPLACED = ("eventdb_events_after_update", "eventdb_event_participants_before")


def _function(name: str, body: str) -> str:
    return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n{body}\nEND\n$fn$"


def _block(statements: list[str], indent: str = "    ") -> str:
    return "".join(f"{indent}{s};\n" for s in statements)


def _pg_statements() -> list[str]:
    copies = M0007.PARTICIPANT_COPIES
    event_changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for _, c in copies)
    into = (f"SELECT {', '.join(f'x.{s}' for _, s in copies)} INTO {', '.join(f'NEW.{c}' for c, _ in copies)} "
            "FROM events x WHERE x.id = NEW.event_id")
    return [
        _function("eventdb_events_after_update", f"""  IF {event_changed} THEN
    UPDATE event_participants SET {M0007._set_list(copies, 'NEW')} WHERE event_id = NEW.id;
    UPDATE event_issues SET {M0007._set_list(M0007.ISSUE_COPIES, 'NEW')} WHERE event_id = NEW.id;
    UPDATE event_mentions SET {M0007._set_list(M0007.MENTION_EVENT_COPIES, 'NEW')} WHERE event_id = NEW.id;
  END IF;
  RETURN NULL;"""),
        _function("eventdb_event_participants_before", f"""  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.event_id IS NOT DISTINCT FROM OLD.event_id
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id THEN
    RETURN NEW;
  END IF;
  {into};
  RETURN NEW;"""),
        _function("eventdb_event_participants_counterparts", f"""  IF TG_OP <> 'INSERT' THEN
{_block(_recompute('OLD.event_id'))}  END IF;
  IF TG_OP <> 'DELETE' THEN
{_block(_recompute('NEW.event_id'))}  END IF;
  RETURN NULL;"""),
        _function("eventdb_events_counterparts", f"""  IF {_copies_changed('IS DISTINCT FROM')} THEN
    {_set_copies()};
  END IF;
  IF OLD.mode IS DISTINCT FROM NEW.mode THEN
{_block(_recompute('NEW.id'))}  END IF;
  RETURN NULL;"""),
        _function("eventdb_event_counterparts_pairs", f"""  IF TG_OP <> 'INSERT' AND OLD.actor_id < OLD.counterpart_id THEN
{_block(_sub('OLD'))}  END IF;
  IF TG_OP <> 'DELETE' AND NEW.actor_id < NEW.counterpart_id THEN
{_block(_add('NEW'))}  END IF;
  RETURN NULL;"""),
        "CREATE TRIGGER trg_event_participants_counterparts AFTER INSERT OR UPDATE OF event_id, actor_id, role "
        "OR DELETE ON event_participants FOR EACH ROW EXECUTE FUNCTION eventdb_event_participants_counterparts()",
        f"CREATE TRIGGER trg_events_counterparts AFTER UPDATE OF {', '.join(c for _, c in COUNTERPART_COPIES)}, mode "
        "ON events FOR EACH ROW EXECUTE FUNCTION eventdb_events_counterparts()",
        f"CREATE TRIGGER trg_event_counterparts_pairs AFTER INSERT OR UPDATE OF {COPY_COLUMNS} OR DELETE "
        "ON event_counterparts FOR EACH ROW EXECUTE FUNCTION eventdb_event_counterparts_pairs()",
    ]


# ---- backfill --------------------------------------------------------------------------------------------

BACKFILL = (
    f"INSERT INTO event_counterparts (event_id, actor_id, counterpart_id, {COPY_COLUMNS})\n{_pairs(None)}",
    "DELETE FROM actor_pairs",
    """INSERT INTO actor_pairs (actor_a_id, actor_b_id, events, first_date, last_date)
SELECT c.actor_id, c.counterpart_id, COUNT(*), MIN(c.event_date_start), MAX(COALESCE(c.event_date_end, c.event_date_start))
  FROM event_counterparts c
 WHERE c.actor_id < c.counterpart_id AND c.event_type = 'CONSULT' AND NOT c.event_rejected
 GROUP BY c.actor_id, c.counterpart_id""",
    # Before this revision every report of an event had the event's status.
    "UPDATE event_mentions SET status = (SELECT e.status FROM events e WHERE e.id = event_mentions.event_id)",
    """UPDATE events SET planned_at = (SELECT MIN(m.article_published_at) FROM event_mentions m
                                    WHERE m.event_id = events.id)
 WHERE status = 'planned'""",
)


def _rekey_family_first_names() -> None:
    """People whose family name comes first were found by their last word ("un" of "Kim Jong-un"): store their
    one-word names as the loader now does ("kim"), and drop the old keys that are no longer theirs."""
    from etl.canonical_actors import key_of, stored_keys

    bind = op.get_bind()
    known: dict[int, set[str]] = {}
    for actor_id, alias in bind.execute(sa.text(
            "SELECT al.actor_id, al.alias FROM actor_aliases al JOIN actors a ON a.id = al.actor_id "
            "WHERE a.kind = 'PERSON'")):
        known.setdefault(actor_id, set()).add(alias)
    for actor_id, name, country in bind.execute(sa.text(
            "SELECT id, canonical_name, country_code FROM actors WHERE kind = 'PERSON'")).all():
        aliases = known.get(actor_id, set())
        written = {name} | {a for a in aliases if a != key_of(a)}  # the names as articles wrote them
        keys = stored_keys(written, country)
        old = {key_of(n) for n in written} - keys - written  # the folded last words, the keys of the old rule
        for alias in sorted(keys - aliases):
            bind.execute(sa.text("INSERT INTO actor_aliases (actor_id, alias) VALUES (:a, :k)"),
                         {"a": actor_id, "k": alias})
        for alias in sorted(old & aliases):
            bind.execute(sa.text("DELETE FROM actor_aliases WHERE actor_id = :a AND alias = :k"),
                         {"a": actor_id, "k": alias})


# ---- comments (PostgreSQL keeps them in its catalogue) ---------------------------------------------------

def _comments(models: Any) -> None:
    """Table and column comments as the given module's models declare them."""
    if op.get_bind().dialect.name != "postgresql":
        return
    pairs = models.ActorPair.__table__
    op.create_table_comment("actor_pairs", pairs.comment)
    op.alter_column("actor_pairs", "events", existing_type=sa.Integer(), existing_nullable=False,
                    comment=pairs.c.events.comment)
    op.alter_column("event_participants", "role", existing_type=sa.String(length=20), existing_nullable=False,
                    comment=models.EventParticipant.__table__.c.role.comment)


# ---- upgrade / downgrade ---------------------------------------------------------------------------------

def _drop_views(views: Any) -> None:
    for view in reversed(views):
        op.execute(f"DROP VIEW IF EXISTS {view.name}")


def _create_views(views: Any) -> None:
    dialect = op.get_bind().dialect.name
    for view in views:
        op.execute(f"CREATE VIEW {view.name} AS {view_sql(view, dialect)}")


def upgrade() -> None:
    """Upgrade schema."""
    from db import models

    dialect = op.get_bind().dialect.name
    _drop_views(M0004.VIEWS)
    # Nullable, without defaults or foreign keys: a plain ADD COLUMN, no table rebuild on SQLite.
    op.add_column("events", sa.Column("planned_at", sa.Date(), nullable=True,
                                      comment=models.Event.__table__.c.planned_at.comment))
    op.add_column("event_mentions", sa.Column("status", sa.String(length=20), nullable=True,
                                              comment=models.EventMention.__table__.c.status.comment))
    table = models.EventCounterpart.__table__
    op.create_table(
        "event_counterparts",
        *(sa.Column(c.name, c.type, nullable=not c.primary_key, comment=c.comment) for c in table.columns),
        sa.PrimaryKeyConstraint("event_id", "actor_id", "counterpart_id", name=op.f("pk_event_counterparts")),
        comment=table.comment,
        sqlite_with_rowid=False,
    )
    if dialect == "sqlite":
        for trigger in SQLITE_REPLACED:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")  # PostgreSQL: their functions are replaced below
    for statement in BACKFILL:
        op.execute(statement)
    # The index after the backfill: built once from sorted data instead of updated row by row.
    op.create_index("ix_event_counterparts_actor", "event_counterparts", ["actor_id", "counterpart_id", "event_id"],
                    unique=False)
    for statement in (_pg_statements() if dialect == "postgresql" else _sqlite_triggers()):
        op.execute(statement)
    _rekey_family_first_names()
    _comments(models)
    _create_views(VIEWS)
    if dialect == "sqlite":
        op.execute("ANALYZE event_counterparts")


def downgrade() -> None:
    """Downgrade schema."""
    dialect = op.get_bind().dialect.name
    _drop_views(VIEWS)
    if dialect == "postgresql":
        for trigger, table, function in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
        for statement in M0007._pg_functions():
            if any(f" {name}()" in statement for name in PG_REPLACED):
                op.execute(statement.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for statement in M0007._sqlite_triggers():
            if any(statement.startswith(f"CREATE TRIGGER {name} ") for name in SQLITE_REPLACED):
                op.execute(statement)
    op.drop_index("ix_event_counterparts_actor", table_name="event_counterparts")
    op.drop_table("event_counterparts")
    # Every two participants of an event were a pair before this revision.
    op.execute("DELETE FROM actor_pairs")
    op.execute(M0007._backfill(dialect)[-1])
    _comments(_Before0010)
    # SQLite 3.35+ drops a column in place when nothing else refers to it: the views are dropped above.
    op.drop_column("event_mentions", "status")
    op.drop_column("events", "planned_at")
    _create_views(M0004.VIEWS)


class _Before0010:
    """The comments as they were before this revision, for the downgrade."""

    class ActorPair:
        __table__ = sa.Table(
            "actor_pairs", sa.MetaData(), sa.Column("events", sa.Integer, comment="Events both took part in."),
            comment="Summary kept by database triggers (migration 0007): per pair of actors, the CONSULT events "
                    "they share, not rejected. Never written by eventdb itself.")

    class EventParticipant:
        __table__ = sa.Table("event_participants", sa.MetaData(),
                             sa.Column("role", sa.String(20), comment="source | target | participant."))
