"""Read-only queries: ad hoc SQL, reports and listings, one statement with bound parameters, a time limit and a
cap on what is kept.

Read-only is enforced three times over (see README, "Ad hoc SQL is read-only"):

- the statement: on PostgreSQL it must parse as one query that only reads (reports.sql_guard); SQLite's driver
  prepares one statement per call and refuses a second;
- the connection: SQLite opens the file with `mode=ro`, `PRAGMA query_only` and an authorizer that denies
  writes, ATTACH and PRAGMA changes; PostgreSQL runs a READ ONLY transaction, as the `eventdb_reader` role when
  it exists, and this module checks the transaction is read-only (which also locks it so: once a query ran, it
  cannot be made READ WRITE) before the statement runs;
- the protocol: on PostgreSQL the statement goes by the extended query protocol, which runs one statement.

Rows are streamed (PostgreSQL: psycopg's row streaming; SQLite: stepping the statement), at most `max_rows` and
MAX_RESULT_BYTES are kept, and the time limit covers fetching as well as running: a server-side
statement_timeout set at connection, a progress handler on SQLite, and a client-side cancel as a backstop that
no statement can switch off.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, TextClause, event, text
from sqlalchemy.exc import DBAPIError, InvalidRequestError, StatementError

from db.session import create_db_engine, is_sqlite, resolve_url
from eventdb_errors import EventdbError, UsageError, did_you_mean
from reports.frames import frame_of
from reports.sql_guard import QueryRefused, QuerySyntaxError, check_postgresql

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_ROWS = 100_000
# What a result may hold in memory, whatever --max-rows says: rows of blobs add up fast, and rendering them
# takes several times as much again.
MAX_RESULT_BYTES = 128 * 1024 * 1024
# The longest string or blob a SQLite read-only query may build (randomblob(1e9) would be a gigabyte).
SQLITE_MAX_VALUE_BYTES = 64 * 1024 * 1024
# A cancel from the client follows the server's own timeout after this long, if the server has not stopped.
CANCEL_GRACE_S = 1.0
STREAM_CHUNK_ROWS = 500

__all__ = ["QueryRefused", "QueryFailed", "QueryResult", "RenderingTimedOut", "check_params", "run_query", "run_sql",
           "time_limit"]


class QueryFailed(EventdbError):
    """The statement is read-only but the database could not run it (syntax, missing table, time limit)."""


@dataclass
class QueryResult:
    frame: pd.DataFrame
    notice: str | None = None  # why fewer rows are shown than the query returned
    elapsed_s: float = 0.0  # running and fetching, of the time limit


class RenderingTimedOut(QueryFailed):
    """Writing out the rows took the command past its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise RenderingTimedOut if the block runs longer than `seconds` (None: no limit).

    An interval timer's signal interrupts pure-Python work such as formatting a table; it needs the main thread,
    so elsewhere (a scheduler's worker) the block runs without a limit.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    if seconds <= 0:
        raise RenderingTimedOut("the time limit was used up by the query; nothing was written (use --timeout to "
                                "allow more)")

    def expire(_signum: int, _frame: Any) -> None:
        raise RenderingTimedOut("writing the rows took the command past its time limit; nothing was written (use "
                                "--max-rows, --format csv or --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


MISSING_TABLE = re.compile(
    r'no such table: (?:main\.)?(?P<sqlite>\w+)|relation "(?P<postgresql>\w+)" does not exist')
_WRITE_MARKERS = ("readonly database", "read-only transaction", "not authorized", "query_only",
                  "attempt to write", "permission denied", "must be superuser")
_TIMEOUT_MARKERS = ("interrupted", "statement timeout", "canceling statement", "query_canceled")


def run_query(statement: str | TextClause, database: str | Engine | None = None,
              params: dict[str, Any] | None = None, *, timeout_s: float | None = DEFAULT_TIMEOUT_S,
              max_rows: int | None = DEFAULT_MAX_ROWS) -> QueryResult:
    """Run one read-only statement on its own read-only connection; `database` is a URL or an engine whose URL
    is used. `timeout_s` None: no time limit; `max_rows` None: every row (up to MAX_RESULT_BYTES)."""
    started = time.monotonic()
    url = _url(database)
    clause = text(statement) if isinstance(statement, str) else statement
    engine = create_db_engine(url, read_only=True, statement_timeout_s=timeout_s)
    if is_sqlite(url):
        _limit_sqlite(engine, timeout_s)
    try:
        with engine.connect() as connection:
            with _cancel_after(connection, timeout_s):
                try:
                    columns, rows = (_sqlite_rows if is_sqlite(url) else _postgresql_rows)(
                        connection, clause, params or {})
                    try:
                        kept, notice = _keep(rows, max_rows)
                    finally:
                        rows.close()  # a stream left early is cancelled on the server
                except DBAPIError as exc:
                    raise _explain(exc.orig or exc, timeout_s) from None
                except (StatementError, InvalidRequestError) as exc:  # a parameter missing, or unsendable
                    cause = getattr(exc, "orig", None) or exc
                    raise QueryFailed(f"bad parameter: {cause.args[0] if cause.args else cause} (give each "
                                      ":name as --param name=VALUE)") from None
                except _driver_errors() as exc:  # raised past SQLAlchemy by psycopg's stream
                    raise _explain(exc, timeout_s) from None
        return QueryResult(frame_of(columns, kept), notice, time.monotonic() - started)
    finally:
        engine.dispose()


def run_sql(sql: str, url: str | None = None, params: dict[str, Any] | None = None,
            timeout_s: float = DEFAULT_TIMEOUT_S) -> pd.DataFrame:
    """Every row of one read-only statement, as a DataFrame (for the listing commands)."""
    return run_query(sql, url, params, timeout_s=timeout_s, max_rows=None).frame


def check_params(statement: Any, params: dict[str, Any]) -> None:
    """Every `:name` of the query has a --param, and every --param a `:name`: a typo is an error, not NULL."""
    wanted = set((text(statement) if isinstance(statement, str) else statement).compile().params)
    missing = sorted(wanted - set(params))
    if missing:
        raise UsageError(f"the query uses :{missing[0]}; give it a value with --param {missing[0]}=VALUE")
    unused = sorted(set(params) - wanted)
    if unused:
        hint = did_you_mean(unused[0], wanted)
        raise UsageError(f"--param {unused[0]} is not used by the query (it has no :{unused[0]}){hint}")


def _url(database: str | Engine | None) -> str:
    if isinstance(database, Engine):
        return database.url.render_as_string(hide_password=False)
    return resolve_url(database)


Rows = Generator[Any, None, None]


def _sqlite_rows(connection: Any, clause: TextClause, params: dict[str, Any]) -> tuple[list[str], Rows]:
    result = connection.execute(clause, params)
    if not result.returns_rows:
        raise QueryRefused("eventdb sql runs queries that return rows (SELECT, WITH ... SELECT)")
    return list(result.keys()), (row for row in result)


def _postgresql_rows(connection: Any, clause: TextClause, params: dict[str, Any]) -> tuple[list[str], Rows]:
    dialect = connection.dialect
    # The guard reads the statement as the server will, with $1, $2 for the parameters.
    numbered = clause.compile(dialect=type(dialect)(paramstyle="numeric_dollar"))
    try:
        check_postgresql(numbered.string)
    except QuerySyntaxError as exc:
        raise QueryFailed(str(exc)) from None
    compiled = clause.compile(dialect=dialect)
    values = compiled.construct_params(params)
    dbapi = connection.connection.dbapi_connection
    cursor = dbapi.cursor()
    cursor.execute("SELECT current_setting('transaction_read_only')")
    if cursor.fetchone()[0] != "on":  # never expected: the engine sets it; refuse rather than trust
        raise QueryRefused("refused: the connection is not read-only; nothing was run")
    stream = cursor.stream(compiled.string, values, size=_chunk_size())
    try:
        first = next(stream)
        description = cursor.description
    except StopIteration:
        first = None
        # A stream that yields no row tells no columns: ask for the shape of the same query, planned, not run.
        with dbapi.cursor(name="eventdb_describe") as describer:
            describer.execute(compiled.string, values)
            description = describer.description
    columns = [column.name for column in description or ()]

    def rows() -> Rows:
        if first is not None:
            yield first
            yield from stream

    return columns, rows()


def _chunk_size() -> int:
    import psycopg

    # Rows come in chunks where libpq can (17 and later), else one at a time; either way never all at once.
    return STREAM_CHUNK_ROWS if psycopg.capabilities.has_stream_chunked() else 1


def _keep(rows: Iterator[Any], max_rows: int | None) -> tuple[list[Any], str | None]:
    kept: list[Any] = []
    size = 0
    for row in rows:
        if max_rows is not None and len(kept) >= max_rows:
            return kept, f"showing the first {max_rows:,} rows; the query returned more (see --max-rows)"
        size += sum(_size(value) for value in row)
        if size > MAX_RESULT_BYTES:
            return kept, (f"showing the first {len(kept):,} rows: the next would take the result over "
                          f"{MAX_RESULT_BYTES // (1024 * 1024)} MB")
        kept.append(tuple(row))
    return kept, None


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | bytearray | memoryview) else 8


def _limit_sqlite(engine: Engine, timeout_s: float | None) -> None:
    @event.listens_for(engine, "connect")
    def _install(dbapi_connection: Any, _record: Any) -> None:
        import sqlite3

        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, SQLITE_MAX_VALUE_BYTES)
        if timeout_s:
            deadline = time.monotonic() + timeout_s
            dbapi_connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)


@contextmanager
def _cancel_after(connection: Any, timeout_s: float | None) -> Iterator[None]:
    """Cancel the connection's running statement from another thread once `timeout_s` and a grace have passed:
    the limit holds even if a statement got the server's own timeout switched off."""
    if not timeout_s:
        yield
        return
    dbapi = connection.connection.dbapi_connection
    cancel = getattr(dbapi, "cancel_safe", None) or getattr(dbapi, "cancel", None) or dbapi.interrupt
    timer = threading.Timer(timeout_s + CANCEL_GRACE_S, cancel)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _driver_errors() -> tuple[type[BaseException], ...]:
    """The drivers' own exception classes: raised past SQLAlchemy while rows stream."""
    import sqlite3

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg
    except ImportError:
        return errors
    return (*errors, psycopg.Error)


def _explain(exc: BaseException, timeout_s: float | None) -> EventdbError:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = message.lower()
    sqlstate = getattr(exc, "sqlstate", None)
    if any(marker in lowered for marker in _WRITE_MARKERS) or sqlstate in ("25006", "42501"):
        return QueryRefused(f"refused: the query is read-only and this statement would change the database or "
                            f"reach beyond it ({message}); nothing was changed")
    if "one statement at a time" in lowered or "multiple commands" in lowered:
        return QueryRefused("refused: one statement at a time; nothing was run")
    if any(marker in lowered for marker in _TIMEOUT_MARKERS) or sqlstate == "57014":
        limit = f"the {timeout_s:g} s time limit" if timeout_s else "a cancel"
        return QueryFailed(f"query stopped after {limit} (use --timeout to allow more)")
    if "string or blob too big" in lowered:
        return QueryFailed(f"a value in the result is over {SQLITE_MAX_VALUE_BYTES // (1024 * 1024)} MB ({message})")
    missing = MISSING_TABLE.search(message)
    if missing:
        from db.dictionary import data_dictionary

        table = missing["sqlite"] or missing["postgresql"]
        hint = did_you_mean(table, [doc.name for doc in data_dictionary()])
        return QueryFailed(f"no such table: {table}{hint} (`eventdb schema` lists the tables and views)")
    return QueryFailed(message)
