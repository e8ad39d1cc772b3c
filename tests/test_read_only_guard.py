"""Read-only means read-only, on both backends, against a hostile user: ad hoc SQL, report files and schedules.

Each test names the point of issue 11 it proves (#1 several statements and transaction control on PostgreSQL,
#2 COPY, #3 report files and schedules, the time limit, #7 readers never block or wait for writers, #8 results
streamed and capped, #11 parameters and ATTACH, #12 read-only pragmas).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import PROJECT, SEEDS
from db.session import create_db_engine, open_database
from reports.library import find


@pytest.fixture
def loaded(cli, db_url: str) -> str:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    return db_url


@pytest.fixture
def empty(db_url: str) -> str:
    """An eventdb database with no articles (only `eventdb load` creates one from the command line)."""
    open_database(db_url, create=True).dispose()
    return db_url


@pytest.fixture
def loaded_pg(cli, pg_url: str) -> str:
    assert cli("load", str(SEEDS), "--db", pg_url).exit_code == 0
    return pg_url


def counts(cli, url: str) -> tuple[int, int]:
    result = cli("sql", "SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM sources) AS sources",
                 "--format", "json", "--db", url)
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)[0]
    return row["events"], row["sources"]


def write_report(folder: Path, name: str, sql: str, params: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.sql").write_text(f'/* ---\nname = "{name}"\ntitle = "{name}"\n{params}--- */\n{sql}\n',
                                        encoding="utf-8")
    return folder


# --- #1: several statements, transaction control and settings -----------------------------------------------

SEVERAL = [  # the attacks of the issue, each of which deleted or wrote on PostgreSQL
    "SET TRANSACTION READ WRITE; DELETE FROM events; COMMIT",
    "SET default_transaction_read_only=off; COMMIT; DELETE FROM events",
    "COMMIT; BEGIN READ WRITE; INSERT INTO sources (name) VALUES ('x'); COMMIT",
    "CREATE TABLE t (x INTEGER); COMMIT",
    "SELECT 1; DELETE FROM events",
]


def test_several_statements_are_refused_and_change_nothing(cli, loaded: str) -> None:
    before = counts(cli, loaded)
    assert before[0] > 0
    for statement in SEVERAL:
        result = cli("sql", statement, "--db", loaded)
        assert result.exit_code != 0, statement
        if loaded.startswith("postgresql"):
            assert result.exit_code == 4 and "refused" in result.stderr, (statement, result.stderr)
        assert counts(cli, loaded) == before, statement


POSTGRES_ESCAPES = [  # one statement each, every one a way out of read-only or beyond the query
    "SELECT set_config('default_transaction_read_only', 'off', false)",
    "SET ROLE postgres",
    "RESET ROLE",
    "SET SESSION AUTHORIZATION postgres",
    "DO $$ BEGIN DELETE FROM events; END $$",
    "WITH d AS (DELETE FROM events RETURNING 1) SELECT COUNT(*) FROM d",
    "EXPLAIN ANALYZE DELETE FROM events",
    "SELECT * INTO copied_events FROM events",
    "SELECT * FROM events FOR UPDATE",
    "SELECT nextval('events_id_seq')",
    "SELECT pg_terminate_backend(pg_backend_pid())",
    "SELECT pg_cancel_backend(pg_backend_pid())",
    "SELECT pg_read_file('/etc/hostname')",
    "SELECT * FROM pg_catalog.pg_read_binary_file('/etc/hostname')",
    "SELECT lo_import('/etc/hostname')",
    "SELECT pg_advisory_lock(1)",
    "SELECT query_to_xml('DELETE FROM events', true, true, '')",
    "LISTEN x",
]


def test_postgresql_escapes_from_read_only_are_refused(cli, loaded_pg: str) -> None:
    before = counts(cli, loaded_pg)
    for statement in POSTGRES_ESCAPES:
        result = cli("sql", statement, "--db", loaded_pg)
        assert result.exit_code == 4, (statement, result.stdout, result.stderr)
        assert "refused" in result.stderr and "Traceback" not in result.output, statement
        assert counts(cli, loaded_pg) == before, statement


def test_read_only_connection_is_the_reader_role_and_cannot_be_made_writable(loaded_pg: str) -> None:
    engine = create_db_engine(loaded_pg, read_only=True)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT current_user")).scalar() == "eventdb_reader"
            assert connection.execute(text("SELECT has_table_privilege('events', 'DELETE')")).scalar() is False
            assert connection.execute(text("SHOW transaction_read_only")).scalar() == "on"
            with pytest.raises(Exception, match="must be set before any query"):
                connection.execute(text("SET TRANSACTION READ WRITE"))
    finally:
        engine.dispose()


def test_plain_queries_still_work_on_postgresql(cli, loaded_pg: str) -> None:
    for statement in ("SELECT COUNT(*) FROM v_meetings", "SHOW statement_timeout", "EXPLAIN SELECT * FROM events",
                      "VALUES (1), (2)", "TABLE sources", "SELECT 'a:b' LIKE '%:%' AS has_colon"):
        result = cli("sql", statement, "--db", loaded_pg)
        assert result.exit_code == 0, (statement, result.stderr)
    empty = cli("sql", "SELECT id, type FROM events WHERE false", "--format", "csv", "--db", loaded_pg)
    assert empty.exit_code == 0 and empty.stdout.splitlines() == ["id,type"]


# --- #2: COPY to a program or a file on the server ------------------------------------------------------------


def test_copy_to_a_program_or_a_server_file_is_refused(cli, loaded_pg: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="eventdb-copy-"))
    folder.chmod(0o777)  # the server runs as another user: it could write here if it were let
    try:
        for statement in (f"COPY (SELECT 1) TO PROGRAM 'touch {folder}/ran'",
                          f"COPY events TO '{folder}/events.csv'",
                          f"COPY (SELECT * FROM actors) TO '{folder}/actors.csv' WITH (FORMAT csv)"):
            result = cli("sql", statement, "--db", loaded_pg)
            assert result.exit_code == 4 and "refused" in result.stderr, (statement, result.stderr)
        assert list(folder.iterdir()) == []
    finally:
        shutil.rmtree(folder)


# --- #3: report files and schedules run on the read-only connection --------------------------------------------


def test_report_files_that_write_are_refused(cli, loaded: str, tmp_path: Path) -> None:
    reports = write_report(tmp_path / "reports", "wipe", "DELETE FROM events; COMMIT")
    write_report(reports, "wipe-one", "DELETE FROM events")
    before = counts(cli, loaded)
    for name in ("wipe", "wipe-one"):
        result = cli("report", "run", name, "--reports-dir", str(reports), "--db", loaded)
        assert result.exit_code == 4 and "refused" in result.stderr, (name, result.stderr)
        assert counts(cli, loaded) == before, name


def test_scheduled_reports_run_read_only(cli, loaded: str, tmp_path: Path) -> None:
    reports = write_report(tmp_path / "reports", "wipe", "DELETE FROM events; COMMIT")
    schedule = tmp_path / "schedule.toml"
    schedule.write_text('[[entry]]\nname = "wipe"\nreport = "wipe"\ncron = "0 7 * * 1"\nformats = ["csv"]\n'
                        'output = "out"\n', encoding="utf-8")
    before = counts(cli, loaded)
    result = cli("schedule", "run", "--entry", "wipe", "--schedule", str(schedule), "--reports-dir", str(reports),
                 "--db", loaded)
    assert result.exit_code == 1 and "refused" in result.stderr, result.stderr
    assert counts(cli, loaded) == before


# --- The time limit -------------------------------------------------------------------------------------------


def test_the_time_limit_cannot_be_switched_off(cli, loaded_pg: str) -> None:
    for statement in ("SET statement_timeout=0; SELECT pg_sleep(30)",
                      "SELECT set_config('statement_timeout', '0', false), pg_sleep(30)"):
        started = time.monotonic()
        result = cli("sql", statement, "--timeout", "1", "--db", loaded_pg)
        assert result.exit_code == 4 and time.monotonic() - started < 10, (statement, result.stderr)
    started = time.monotonic()
    result = cli("sql", "SELECT pg_sleep(30)", "--timeout", "1", "--db", loaded_pg)
    assert result.exit_code == 1 and "time limit" in result.stderr
    assert time.monotonic() - started < 10


# --- #7: on SQLite, readers neither block writers nor wait for them ------------------------------------------

SLOW_COUNT = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000000) "
              "SELECT COUNT(*) AS n FROM n")


def test_sql_does_not_wait_for_a_writer(cli, seeded_sqlite: str) -> None:
    writer = sqlite3.connect(seeded_sqlite.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO sources (name) VALUES ('a loader holding the write lock')")
    try:
        started = time.monotonic()
        result = cli("sql", "SELECT COUNT(*) AS n FROM sources", "--timeout", "1", "--db", seeded_sqlite)
        assert result.exit_code == 0, result.stderr
        assert time.monotonic() - started < 10
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_long_report_does_not_block_a_writer(sqlite_url: str, cli, tmp_path: Path) -> None:
    assert cli("load", str(SEEDS), "--db", sqlite_url).exit_code == 0
    report = find("slow", [write_report(tmp_path / "reports", "slow", SLOW_COUNT)])
    engine = open_database(sqlite_url)  # what `eventdb report run` has opened
    running = threading.Thread(target=report.run, args=(engine,))
    running.start()
    try:
        time.sleep(1.0)
        assert running.is_alive(), "the report ended too soon to test anything"
        writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=2, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # a load's write transaction: fails with "database is locked" if blocked
        writer.execute("INSERT INTO sources (name) VALUES ('written while a report runs')")
        writer.execute("COMMIT")
        writer.close()
        assert running.is_alive(), "the report ended before the write: the test proved nothing"
    finally:
        running.join()
        engine.dispose()


def test_a_database_the_user_cannot_write_can_be_queried(cli, seeded_sqlite: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="eventdb-ro-"))
    try:
        database = folder / "shared.sqlite"
        source, copy = sqlite3.connect(seeded_sqlite.removeprefix("sqlite:///")), sqlite3.connect(database)
        source.backup(copy)
        assert copy.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)  # as loads leave a database
        source.close()
        copy.close()
        database.chmod(0o444)
        folder.chmod(0o555)
        for args in (["sql", "SELECT COUNT(*) AS n FROM events", "--format", "csv"],
                     ["report", "run", "officials-met", "--format", "csv"], ["export", "--format", "csv"]):
            result = run_without_write_permission([*args, "--db", f"sqlite:///{database}"])
            assert result.returncode == 0, (args, result.stderr)
            assert len(result.stdout.splitlines()) > 1, args
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def run_without_write_permission(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`eventdb ARGS` as a user who may not write what the modes forbid: root's override of file modes dropped."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop the override of file modes")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run([*prefix, sys.executable, "-m", "eventdb_cli", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=300)


# --- #8: rows are streamed and capped, and the time limit covers fetching --------------------------------------

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"


def test_rows_are_capped_with_a_notice(cli, empty: str) -> None:
    db_url = empty
    hundred = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n"
    capped = cli("sql", hundred, "--max-rows", "5", "--format", "csv", "--db", db_url)
    assert capped.exit_code == 0 and capped.stdout.split() == ["i", "1", "2", "3", "4", "5"]
    assert "first 5 rows" in capped.stderr
    every = cli("sql", hundred, "--max-rows", "0", "--format", "csv", "--db", db_url)
    assert len(every.stdout.split()) == 101 and "first" not in every.stderr


def test_an_endless_result_stops_at_the_cap(cli, empty: str) -> None:
    db_url = empty
    started = time.monotonic()
    result = cli("sql", ENDLESS, "--max-rows", "1000", "--format", "csv", "--timeout", "30", "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.split()) == 1001 and "first 1,000 rows" in result.stderr
    assert time.monotonic() - started < 20


def test_the_time_limit_covers_fetching_the_rows(cli, empty: str) -> None:
    db_url = empty
    # The first row comes at once, the next ones ever more slowly: the limit strikes while rows are fetched.
    sparse = ENDLESS + " WHERE i % 2000000 = 1"
    result = cli("sql", sparse, "--timeout", "1", "--db", db_url)
    assert result.exit_code == 1 and "time limit" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_writing_the_rows_out_counts_against_the_time_limit(cli, seeded_sqlite: str) -> None:
    # 100,000 rows come in well under a second; laying them out as a table takes several.
    many = ENDLESS + " WHERE i <= 100000"
    started = time.monotonic()
    result = cli("sql", f"SELECT i, 'row ' || i AS words, i * 1.5 AS half FROM ({many})", "--timeout", "1",
                 "--db", seeded_sqlite)
    assert result.exit_code == 1 and "time limit" in result.stderr, result.stderr
    assert result.stdout == "" and time.monotonic() - started < 5


def test_a_result_too_large_for_memory_is_cut_with_a_notice(cli, empty: str) -> None:
    db_url = empty
    blobs = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
             + ("SELECT i, randomblob(1000000) AS b FROM n" if db_url.startswith("sqlite")
                else "SELECT i, repeat('x', 1000000) AS b FROM n"))
    result = cli("sql", blobs, "--format", "csv", "--timeout", "120", "--db", db_url)
    assert result.exit_code == 0, result.stderr
    assert "MB" in result.stderr and "first" in result.stderr


# --- #11: parameters and ATTACH in report files -------------------------------------------------------------------


def test_an_integer_parameter_too_large_is_an_error(cli, seeded_sqlite: str) -> None:
    result = cli("report", "run", "officials-met", "--param", "limit=99999999999999999999", "--db", seeded_sqlite)
    assert result.exit_code == 2 and "expects a whole number" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_attach_in_a_report_file_is_refused_and_creates_no_file(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    target = tmp_path / "attached.sqlite"
    reports = write_report(tmp_path / "reports", "attach", f"ATTACH DATABASE '{target}' AS other")
    result = cli("report", "run", "attach", "--reports-dir", str(reports), "--db", seeded_sqlite)
    assert result.exit_code == 4 and "refused" in result.stderr
    assert not target.exists()


# --- #12: read-only pragmas with arguments --------------------------------------------------------------------


def test_read_only_pragmas_take_arguments_and_setting_pragmas_is_refused(cli, seeded_sqlite: str) -> None:
    info = cli("sql", "PRAGMA table_info(events)", "--format", "csv", "--db", seeded_sqlite)
    assert info.exit_code == 0 and "date_start" in info.stdout, info.stderr
    assert cli("sql", "PRAGMA index_list(events)", "--db", seeded_sqlite).exit_code == 0
    for statement in ("PRAGMA foreign_keys = OFF", "PRAGMA read_uncommitted = 1", "PRAGMA journal_mode = DELETE"):
        assert cli("sql", statement, "--db", seeded_sqlite).exit_code == 4, statement
