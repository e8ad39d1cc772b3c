"""Ad hoc SQL is read-only at the connection: writes are refused and the data stays."""

from __future__ import annotations

import json

import pytest

from conftest import SEEDS

WRITES = [
    "DELETE FROM events",
    "DROP TABLE events",
    "UPDATE actors SET canonical_name = 'x'",
    "INSERT INTO sources (name) VALUES ('x')",
    "CREATE TABLE t (x INTEGER)",
]
SQLITE_ONLY = [
    "ATTACH DATABASE 'other.sqlite' AS other",
    "PRAGMA writable_schema = ON",
    "PRAGMA foreign_keys = OFF",
]


@pytest.fixture
def loaded(cli, db_url: str) -> str:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    return db_url


def event_count(cli, url: str) -> int:
    result = cli("sql", "SELECT COUNT(*) AS n FROM events", "--format", "json", "--db", url)
    return json.loads(result.stdout)[0]["n"]


def test_writes_are_refused_and_change_nothing(cli, loaded: str) -> None:
    before = event_count(cli, loaded)
    assert before > 0
    statements = WRITES + (SQLITE_ONLY if loaded.startswith("sqlite") else [])
    statements.append("SELECT 1; DELETE FROM events")
    for statement in statements:
        result = cli("sql", statement, "--db", loaded)
        assert result.exit_code != 0, statement
        assert "refused" in result.stderr or "error" in result.stderr, statement
        assert event_count(cli, loaded) == before, statement


def test_delete_is_refused_with_a_clear_message(cli, seeded_sqlite: str) -> None:
    result = cli("sql", "DELETE FROM events", "--db", seeded_sqlite)
    assert result.exit_code == 4
    assert "read-only" in result.stderr and "nothing was changed" in result.stderr


def test_select_formats_and_bound_params(cli, seeded_sqlite: str) -> None:
    query = "SELECT canonical_name FROM actors WHERE canonical_name = :name"
    result = cli("sql", query, "--param", "name=Wang Yi", "--format", "csv", "--db", seeded_sqlite)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["canonical_name", "Wang Yi"]
    injected = cli("sql", query, "--param", "name=x' OR '1'='1", "--format", "json", "--db", seeded_sqlite)
    assert json.loads(injected.stdout) == []
    for fmt in ("table", "md", "json"):
        assert cli("sql", "SELECT * FROM v_meetings", "--format", fmt, "--db", seeded_sqlite).exit_code == 0


def test_bad_sql_is_an_error_not_a_crash(cli, seeded_sqlite: str) -> None:
    result = cli("sql", "SELECT * FROM no_such_table", "--db", seeded_sqlite)
    assert result.exit_code == 1 and "no such table" in result.stderr


def test_runaway_query_is_stopped(cli, seeded_sqlite: str) -> None:
    forever = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT COUNT(*) FROM n")
    result = cli("sql", forever, "--timeout", "0.5", "--db", seeded_sqlite)
    assert result.exit_code == 1 and "time limit" in result.stderr


def test_schema_lists_tables_views_and_meanings(cli) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    for name in ("events (table)", "event_mentions (table)", "v_meetings (view)", "content_hash"):
        assert name in result.stdout
