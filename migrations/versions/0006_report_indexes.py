"""covering indexes for the report library at scale (events, event_participants, event_mentions, articles, event_issues)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

"""

from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# (name, table, columns): the same as db/models.py declares. Plain CREATE INDEX needs no table rebuild on
# SQLite, so the views can stay as they are.
INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ix_articles_source_published", "articles", ("source_id", "published_at")),
    ("ix_events_date_cover", "events", ("date_start", "type", "mode", "status", "rejected", "date_end")),
    ("ix_events_location_cover", "events", ("location_id", "type", "rejected", "status", "date_start", "date_end")),
    ("ix_events_status_date", "events", ("status", "date_start", "date_end", "rejected")),
    ("ix_event_participants_actor_event", "event_participants", ("actor_id", "event_id")),
    ("ix_event_mentions_event_article", "event_mentions", ("event_id", "article_id")),
    ("ix_event_mentions_article_event", "event_mentions", ("article_id", "event_id")),
    ("ix_event_issues_issue_event", "event_issues", ("issue_id", "event_id")),
)


def upgrade() -> None:
    """Upgrade schema."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns), unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
