"""PostgreSQL role eventdb_reader (SELECT only) for read-only connections; etl_runs.last_article_id to resume a reprocess

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-05

"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

READER_ROLE = "eventdb_reader"

# Roles belong to the cluster, not the database: create it once, quietly skip when this login may not create
# roles (the README says how an administrator creates it), and let a second database's migration find it made.
CREATE_ROLE = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
        CREATE ROLE {READER_ROLE} NOLOGIN;
    END IF;
EXCEPTION
    WHEN duplicate_object THEN NULL;
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot create role {READER_ROLE}: ask an administrator to create it (see the README)';
END
$$
"""

# The tables and views of this database, now and those later migrations create (as the same login), are
# readable by the role, and only readable. A login that may use the role (a superuser, or one granted it) has
# its read-only connections run as it.
GRANTS = f"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO {READER_ROLE}', current_schema());
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO {READER_ROLE}', current_schema());
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO {READER_ROLE}',
                       current_schema());
        IF NOT pg_has_role(current_user, '{READER_ROLE}', 'MEMBER') THEN
            EXECUTE format('GRANT {READER_ROLE} TO %I', current_user);
        END IF;
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'cannot grant {READER_ROLE} its privileges here: see the README';
END
$$
"""

REVOKES = f"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE SELECT ON TABLES FROM {READER_ROLE}',
                       current_schema());
        EXECUTE format('REVOKE SELECT ON ALL TABLES IN SCHEMA %I FROM {READER_ROLE}', current_schema());
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM {READER_ROLE}', current_schema());
    END IF;
END
$$
"""


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("etl_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "last_article_id",
                sa.Integer(),
                nullable=True,
                comment="For a reprocess: the last article (in id order) whose events were rebuilt, committed with them; an interrupted reprocess resumes after it.",
            )
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(CREATE_ROLE)
        op.execute(GRANTS)


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name == "postgresql":
        # The role stays: other databases of the cluster may use it.
        op.execute(REVOKES)
    with op.batch_alter_table("etl_runs", schema=None) as batch_op:
        batch_op.drop_column("last_article_id")
