"""Ad hoc SQL: one read-only statement with bound parameters and a time limit.

Read-only is enforced by the connection, not by inspecting the SQL: SQLite opens the file with `mode=ro`,
`PRAGMA query_only` and an authorizer that denies writes, ATTACH and PRAGMA changes; PostgreSQL runs in
a READ ONLY transaction with a statement_timeout. A refused statement changes nothing.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, OperationalError

from db.session import create_db_engine, is_sqlite, resolve_url
from reports.frames import result_frame

DEFAULT_TIMEOUT_S = 30.0


class QueryRefused(ValueError):
    """The statement writes, or breaks a rule of ad hoc SQL; nothing was changed."""


class QueryFailed(ValueError):
    """The statement is read-only but the database could not run it (syntax, missing table, time limit)."""


_WRITE_MARKERS = ("readonly database", "read-only transaction", "not authorized", "query_only",
                  "attempt to write")


def run_sql(sql: str, url: str | None = None, params: dict[str, Any] | None = None,
            timeout_s: float = DEFAULT_TIMEOUT_S) -> pd.DataFrame:
    url = resolve_url(url)
    engine = create_db_engine(url, read_only=True, statement_timeout_s=timeout_s)
    if is_sqlite(url):
        _limit_sqlite_time(engine, timeout_s)
    try:
        with engine.connect() as connection:
            try:
                result = connection.execute(text(sql), params or {})
            except DBAPIError as exc:
                raise _explain(exc, timeout_s) from None
            if not result.returns_rows:
                raise QueryRefused("eventdb sql runs queries that return rows (SELECT, WITH ... SELECT)")
            return result_frame(result)
    finally:
        engine.dispose()


def _limit_sqlite_time(engine: Any, timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _install(dbapi_connection: Any, _record: Any) -> None:
        deadline = time.monotonic() + timeout_s
        dbapi_connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)


def _explain(exc: DBAPIError, timeout_s: float) -> ValueError:
    message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    lowered = message.lower()
    if any(marker in lowered for marker in _WRITE_MARKERS):
        return QueryRefused(f"refused: eventdb sql is read-only and this statement would change the "
                            f"database ({message}); nothing was changed")
    if "one statement at a time" in lowered or "multiple commands" in lowered:
        return QueryRefused("refused: eventdb sql runs one statement at a time; nothing was changed")
    if "interrupted" in lowered or "statement timeout" in lowered or "canceling statement" in lowered:
        return QueryFailed(f"query stopped after the {timeout_s:g} s time limit (use --timeout to allow more)")
    if isinstance(exc, OperationalError) and "no such table" in lowered:
        return QueryFailed(f"{message} (eventdb schema lists the tables)")
    return QueryFailed(message)
