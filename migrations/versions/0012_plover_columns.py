"""events.quad_class and events.plover_score (the PLOVER ontology's columns), backfilled; v_event_participants
gets them and each participant's side in PLOVER's terms (plover_role: actor | recipient)

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-08

The backfill reads the ontology (etl/lexicons/plover_ontology.toml) as it is when the migration runs: each
event of a type in it gets the type's quad class and the score of its type and mode; events of other types
keep NULL.
"""

import importlib
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from db.views import View, view_sql
from etl.plover_columns import restamp_events

# revision identifiers, used by Alembic.
revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NEW_COLUMNS = (
    sa.Column("quad_class", sa.String(length=30), nullable=True,
              comment="PLOVER quad class of the type: verbal cooperation | material cooperation | verbal conflict | "
                      "material conflict. Set from the ontology whenever the event is stored."),
    sa.Column("plover_score", sa.Float(), nullable=True,
              comment="Conflict-cooperation score of the type and mode in the PLOVER codebook, -10 (most hostile) "
                      "to +10 (most cooperative), like the Goldstein scale of GDELT. Set from the ontology with "
                      "quad_class."),
)
# (table, column or None for the table, comment before, comment after): PostgreSQL keeps comments in its catalogue.
COMMENTS = (
    ("events", None, "Real-world exchanges (meetings, calls, visits, talks) extracted from the articles.",
     "Real-world events of the PLOVER types (meetings, agreements, sanctions, attacks, ...) extracted from the "
     "articles."),
    ("events", "type", "PLOVER event type (CONSULT).",
     "PLOVER event type: one of the 16 of etl/lexicons/plover_ontology.toml (CONSULT, SANCTION, ...)."),
    ("events", "mode", "phone | video | visit | host | meeting | multilateral | third-party.",
     "How: one of the modes of the type in the ontology (CONSULT: phone | video | visit | host | meeting | "
     "multilateral | third-party)."),
)
COLUMN_TYPES = {"type": sa.String(length=30), "mode": sa.String(length=20)}

# v_event_participants as it was before (migration 0004 froze it) and as this revision leaves it.
V_EVENT_PARTICIPANTS_BEFORE = importlib.import_module("migrations.versions.0004_curation_roles_report_runs").V_EVENT_PARTICIPANTS
V_EVENT_PARTICIPANTS_AFTER = View("v_event_participants", "", (), """
SELECT e.id AS event_id, e.type, e.mode, e.quad_class, e.plover_score, e.status, e.date_start, e.date_end,
       e.date_precision, l.name AS location, l.country_code AS location_country_code,
       ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, ac.country_code AS actor_country_code,
       p.role, CASE WHEN p.role = 'target' THEN 'recipient' ELSE 'actor' END AS plover_role, p.title
  FROM events e
  JOIN event_participants p ON p.event_id = e.id
  JOIN actors ac ON ac.id = p.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE NOT e.rejected
""")


def _replace_view(view: View) -> None:
    op.execute(f"DROP VIEW IF EXISTS {view.name}")
    op.execute(f"CREATE VIEW {view.name} AS {view_sql(view, op.get_bind().dialect.name)}")


def _comment(after: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has no comments; the data dictionary reads them from the models
    for table, column, before, new in COMMENTS:
        comment, previous = (new, before) if after else (before, new)
        if column is None:
            op.create_table_comment(table, comment, existing_comment=previous)
        else:
            op.alter_column(table, column, comment=comment, existing_comment=previous,
                            existing_type=COLUMN_TYPES[column])


def upgrade() -> None:
    for column in NEW_COLUMNS:
        op.add_column("events", column)
    _comment(after=True)
    restamp_events(op.get_bind())
    _replace_view(V_EVENT_PARTICIPANTS_AFTER)


def downgrade() -> None:
    # The old view first: SQLite drops a column in place only when no view refers to it.
    _replace_view(V_EVENT_PARTICIPANTS_BEFORE)
    _comment(after=False)
    for column in reversed(NEW_COLUMNS):
        op.drop_column("events", column.name)
