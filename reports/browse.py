"""`eventdb browse`: the SQLite database in Datasette, read-only, with the report library as canned queries.

The Datasette metadata is generated on the fly from the project's own sources, so it never goes stale:

- every table and view gets its meaning and its column meanings from the data dictionary (db/dictionary.py),
  shown by Datasette above the table and in the column menus;
- every report becomes a canned query named after it, with its title, description and parameters (a form
  field per `:name`).

Datasette sends a blank form field as '' and knows nothing of a report's types or defaults, so each `:name` in
a report's SQL is wrapped in an SQLite expression that turns '' into the report's default (or NULL), casts
numbers, reads true/false, and understands the relative dates the CLI takes ("today", "7 days ago"). The
parameter stays `:name`, so it is still bound by SQLite, never formatted into the SQL.

Datasette is SQLite only. It opens a file that is not passed as immutable with `mode=ro` connections, so
browsing never writes and still sees the rows a running load commits.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from db.dictionary import data_dictionary
from reports.library import Param, Report

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


class BrowseError(ValueError):
    """A database `browse` cannot show, with a message for the user."""


def sqlite_path(url: str) -> Path:
    """The SQLite file behind `url`; a clear refusal for PostgreSQL and for a file that does not exist."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend != "sqlite":
        raise BrowseError(f"eventdb browse works on SQLite databases only (Datasette reads SQLite files), not "
                          f"{backend}; for PostgreSQL use `eventdb sql` and `eventdb report run`, or copy the data "
                          "into SQLite")
    path = Path(parsed.database or "").expanduser()
    if not parsed.database or str(path) == ":memory:" or not path.is_file():
        raise BrowseError(f"no SQLite database at {path.resolve() if parsed.database else url}: "
                          "load some articles first (eventdb load PATH)")
    return path.resolve()


def database_name(path: Path) -> str:
    # Datasette names a database after its file's stem; the metadata must use the same key.
    return path.stem


def build_metadata(database: str, reports: dict[str, Report]) -> dict[str, Any]:
    """Datasette metadata: descriptions of tables, views and columns, and the reports as canned queries."""
    tables = {}
    for doc in data_dictionary():
        tables[doc.name] = {
            "description": doc.meaning,
            "columns": {column.name: column.meaning for column in doc.columns if column.meaning},
        }
    queries = {}
    for report in sorted(reports.values(), key=lambda r: r.name):
        queries[report.name] = {
            "title": report.title,
            "description": _query_description(report),
            "sql": canned_sql(report),
            "params": [param.name for param in report.params],
        }
    return {
        "title": "eventdb",
        "description": "News events: who met whom, where, when and about what. Read-only. The queries below "
                       "the tables are the eventdb report library.",
        "databases": {database: {"tables": tables, "queries": queries}},
    }


def _query_description(report: Report) -> str:
    parts = [report.description.strip()]
    for param in report.params:
        default = f" Default: {param.default}." if param.default is not None else " Blank: no filter."
        kind = "YYYY-MM-DD, 'today', '7 days ago'" if param.type == "date" else param.type
        parts.append(f"{param.name} ({kind}): {param.help.rstrip('.')}.{default}")
    return " ".join(p for p in parts if p)


def canned_sql(report: Report) -> str:
    """The report's SQL (without its header) with each `:name` made to read a Datasette form field."""
    sql = report.sql
    for param in report.params:
        expression = param_expression(param)
        # Not after a word character or ':' (a PostgreSQL '::cast'), and the whole name only.
        sql = re.sub(rf"(?<![\w:]):{re.escape(param.name)}\b", lambda _m, e=expression: e, sql)
    return sql


def param_expression(param: Param) -> str:
    """SQLite expression for `:name` as Datasette sends it: '' means the default, else text to convert."""
    raw = f"NULLIF(TRIM(:{param.name}), '')"
    value = f"COALESCE({raw}, {_literal(param.default)})" if param.default is not None else raw
    if param.type == "int":
        return f"CAST({value} AS INTEGER)"
    if param.type == "float":
        return f"CAST({value} AS REAL)"
    if param.type == "bool":
        true = ", ".join(f"'{w}'" for w in TRUE_WORDS)
        false = ", ".join(f"'{w}'" for w in FALSE_WORDS)
        return f"(CASE WHEN LOWER({value}) IN ({true}) THEN 1 WHEN LOWER({value}) IN ({false}) THEN 0 END)"
    if param.type == "date":
        return _date_expression(value)
    # A text parameter keeps its spaces: names are matched as typed.
    blank = f"NULLIF(:{param.name}, '')"
    return f"COALESCE({blank}, {_literal(param.default)})" if param.default is not None else blank


def _date_expression(value: str) -> str:
    """ISO dates pass through; today, yesterday and 'N days|weeks|months|years ago' as reports/library.py."""
    v = f"LOWER({value})"
    # "N weeks ago": SQLite's date() has no week modifier, so weeks become 7 * N days.
    return (f"(CASE WHEN {v} = 'today' THEN date('now', 'localtime') "
            f"WHEN {v} = 'yesterday' THEN date('now', 'localtime', '-1 day') "
            f"WHEN {v} LIKE '% week ago' OR {v} LIKE '% weeks ago' "
            f"THEN date('now', 'localtime', '-' || (CAST({v} AS INTEGER) * 7) || ' days') "
            f"WHEN {v} LIKE '% ago' THEN date('now', 'localtime', '-' || SUBSTR({v}, 1, LENGTH({v}) - 4)) "
            f"ELSE {value} END)")


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    return "'" + str(value).replace("'", "''") + "'"


def datasette_command(path: Path, metadata_file: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                      open_browser: bool = True) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(metadata_file),
               "--host", host, "--port", str(port),
               # Reports scan whole tables; the default 1 s limit would cut the bigger ones off.
               "--setting", "sql_time_limit_ms", "10000"]
    if open_browser:
        command.append("--open")
    return command


@contextmanager
def metadata_file(metadata: dict[str, Any]) -> Iterator[Path]:
    """The metadata as a temporary JSON file, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="eventdb-browse-") as folder:
        path = Path(folder) / "metadata.json"
        path.write_text(json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8")
        yield path


def browse(url: str, reports: dict[str, Report], *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
           open_browser: bool = True) -> int:
    """Serve the database with Datasette until it is stopped (Ctrl-C or SIGTERM); Datasette's exit code."""
    path = sqlite_path(url)
    with metadata_file(build_metadata(database_name(path), reports)) as metadata:
        process = subprocess.Popen(datasette_command(path, metadata, host=host, port=port,
                                                     open_browser=open_browser))

        def forward(signum: int, _frame: Any) -> None:
            # Stop Datasette the same way, then let the wait below return and the temp folder be removed.
            process.send_signal(signum)

        previous = signal.signal(signal.SIGTERM, forward)
        try:
            while True:
                try:
                    code = process.wait()
                    break
                except KeyboardInterrupt:
                    # Ctrl-C reached Datasette too (same process group); wait for it to shut down.
                    continue
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.kill()
                process.wait()
    # Datasette (uvicorn) ends a SIGTERM or Ctrl-C stop with 0; a signal-killed child reports -signum.
    return 0 if code in (0, -signal.SIGTERM, -signal.SIGINT) else code


def environment_note() -> str | None:
    """Why the browser will not open on its own, if we can tell (no display on a Linux server)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found: open the address above in a browser yourself"
    return None
