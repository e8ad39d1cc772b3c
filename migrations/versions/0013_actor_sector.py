"""actors.sector: a state's unnamed people coded as event data codes them (Russia (military), Kenya (legislature));
events.date_precision may be "reported" (an exchange the text gives no time for is dated by its report)

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-05
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


_PRECISION = "day | week | month | year | reported (the day of the report: the text gives no time)."


def upgrade() -> None:
    # A plain ADD COLUMN on both backends: no table rebuild, so the views and triggers on actors stay.
    op.add_column("actors", sa.Column(
        "sector", sa.String(length=20), nullable=True,
        comment="For a GROUP of a state's unnamed people, its sector as event data codes it: military, police, "
                "rebels, civilians, legislature, judiciary, business, opposition, media, ngo (Russia (military))."))
    op.create_index("ix_actors_sector", "actors", ["sector"])
    if op.get_bind().dialect.name == "postgresql":  # SQLite keeps no column comments
        op.alter_column("events", "date_precision", existing_type=sa.String(length=10), existing_nullable=True,
                        comment=_PRECISION, existing_comment="day | week | month | year.")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("events", "date_precision", existing_type=sa.String(length=10), existing_nullable=True,
                        comment="day | week | month | year.", existing_comment=_PRECISION)
    op.drop_index("ix_actors_sector", table_name="actors")
    # SQLite 3.35+ drops a column in place (no rebuild that would take the views and triggers with it)
    op.execute("ALTER TABLE actors DROP COLUMN sector")
