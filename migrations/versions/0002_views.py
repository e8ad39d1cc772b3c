"""views for ad hoc SQL and reports: v_event_sources, v_event_participants, v_meetings

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

from db.views import V_EVENT_PARTICIPANTS, V_EVENT_SOURCES, V_MEETINGS, view_sql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = (V_EVENT_SOURCES, V_EVENT_PARTICIPANTS, V_MEETINGS)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for view in VIEWS:
        op.execute(f"CREATE VIEW {view.name} AS {view_sql(view, dialect)}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view.name}")
