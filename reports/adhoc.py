"""Ad hoc SQL: one read-only statement with bound parameters and a time limit.

Read-only is enforced by the connection, not by inspecting the SQL: SQLite opens the file with `mode=ro`,
`PRAGMA query_only` and an authorizer that denies writes, ATTACH and PRAGMA changes; PostgreSQL runs in
a READ ONLY transaction with a statement_timeout. A refused statement changes nothing.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pandas as pd
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from db.session import create_db_engine, is_sqlite, resolve_url
from eventdb_errors import EventdbError, Refused, UsageError, did_you_mean
from reports.frames import result_frame

DEFAULT_TIMEOUT_S = 30.0


class QueryRefused(Refused):
    """The statement writes, or breaks a rule of ad hoc SQL; nothing was changed."""


class QueryFailed(EventdbError):
    """The statement is read-only but the database could not run it (syntax, missing table, time limit)."""


_WRITE_MARKERS = ("readonly database", "read-only transaction", "not authorized", "query_only",
                  "attempt to write")


def run_sql(sql: str, url: str | None = None, params: dict[str, Any] | None = None,
            timeout_s: float = DEFAULT_TIMEOUT_S) -> pd.DataFrame:
    url = resolve_url(url)
    statement = text(sql)
    check_params(statement, params or {})
    engine = create_db_engine(url, read_only=True, statement_timeout_s=timeout_s)
    if is_sqlite(url):
        _limit_sqlite_time(engine, timeout_s)
    try:
        with engine.connect() as connection:
            try:
                result = connection.execute(statement, params or {})
            except DBAPIError as exc:
                raise _explain(exc, timeout_s) from None
            if not result.returns_rows:
                raise QueryRefused("eventdb sql runs queries that return rows (SELECT, WITH ... SELECT)")
            return result_frame(result)
    finally:
        engine.dispose()


def check_params(statement: Any, params: dict[str, Any]) -> None:
    """Every `:name` of the query has a --param, and every --param a `:name`: a typo is an error, not NULL."""
    wanted = set(statement.compile().params)
    missing = sorted(wanted - set(params))
    if missing:
        raise UsageError(f"the query uses :{missing[0]}; give it a value with --param {missing[0]}=VALUE")
    unused = sorted(set(params) - wanted)
    if unused:
        hint = did_you_mean(unused[0], wanted)
        raise UsageError(f"--param {unused[0]} is not used by the query (it has no :{unused[0]}){hint}")


def _limit_sqlite_time(engine: Any, timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _install(dbapi_connection: Any, _record: Any) -> None:
        deadline = time.monotonic() + timeout_s
        dbapi_connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)


MISSING_TABLE = re.compile(r'no such table: (?:main\.)?(?P<sqlite>\w+)|relation "(?P<postgresql>\w+)" does not exist')


def _explain(exc: DBAPIError, timeout_s: float) -> EventdbError:
    message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    lowered = message.lower()
    if any(marker in lowered for marker in _WRITE_MARKERS):
        return QueryRefused(f"refused: eventdb sql is read-only and this statement would change the "
                            f"database ({message}); nothing was changed")
    if "one statement at a time" in lowered or "multiple commands" in lowered:
        return QueryRefused("refused: eventdb sql runs one statement at a time; nothing was changed")
    if "interrupted" in lowered or "statement timeout" in lowered or "canceling statement" in lowered:
        return QueryFailed(f"query stopped after the {timeout_s:g} s time limit (use --timeout to allow more)")
    missing = MISSING_TABLE.search(message)
    if missing:
        from db.dictionary import data_dictionary

        table = missing["sqlite"] or missing["postgresql"]
        hint = did_you_mean(table, [doc.name for doc in data_dictionary()])
        return QueryFailed(f"no such table: {table}{hint} (`eventdb schema` lists the tables and views)")
    return QueryFailed(message)
