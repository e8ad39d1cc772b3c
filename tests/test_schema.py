"""The Alembic migrations and the ORM models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from db.models import Base
from db.search import is_search_object
from db.session import create_db_engine, current_revision, downgrade, open_database, upgrade
from db.views import VIEWS


def test_upgrade_matches_models_and_downgrade_removes_everything(db_url: str) -> None:
    engine = create_db_engine(db_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "include_object": is_search_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"migrations and models disagree: {diff}"

    inspector = inspect(engine)
    assert set(Base.metadata.tables) <= set(inspector.get_table_names())
    assert {v.name for v in VIEWS} <= set(inspector.get_view_names())

    downgrade(engine, "base")
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) <= {"alembic_version"}
    assert inspector.get_view_names() == []
    assert current_revision(engine) is None
    engine.dispose()


def test_open_database_upgrades_and_is_idempotent(db_url: str) -> None:
    first = open_database(db_url)
    revision = current_revision(first)
    first.dispose()
    second = open_database(db_url)
    assert current_revision(second) == revision is not None
    second.dispose()


def test_sqlite_enforces_foreign_keys_and_uses_wal(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_every_foreign_key_is_indexed() -> None:
    for table in Base.metadata.tables.values():
        indexed = {tuple(c.name for c in index.columns) for index in table.indexes}
        primary = tuple(c.name for c in table.primary_key.columns)
        for fk in table.foreign_keys:
            column = fk.parent.name
            assert (column,) in indexed or primary[:1] == (column,), f"{table.name}.{column} has no index"


def test_every_column_is_documented() -> None:
    for table in Base.metadata.tables.values():
        assert table.comment, table.name
        for column in table.columns:
            assert column.comment, f"{table.name}.{column.name}"


def test_upgrading_a_database_with_data_keeps_its_rows(sqlite_url: str) -> None:
    engine = create_db_engine(sqlite_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO etl_runs (id, status, input, pipeline_version, model_name, "
                                "articles_read, articles_loaded, articles_skipped, articles_rejected, events_added, "
                                "actors_added, locations_added) VALUES (1, 'succeeded', 'x', 'v', 'm', 0, 0, 0, 0, "
                                "0, 0, 0)"))
        connection.execute(text("INSERT INTO articles (external_id, text, content_hash, etl_run_id) "
                                "VALUES ('a', 'text', 'h', 1)"))
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT etl_run_id FROM articles")).scalar_one() == 1
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
