"""`eventdb browse`: the SQLite database in Datasette, read-only, with the report library as canned queries.

The Datasette metadata is generated on the fly from the project's own sources, so it never goes stale:

- every table and view gets its meaning and its column meanings from the data dictionary (db/dictionary.py),
  shown by Datasette above the table and in the column menus;
- every report becomes a canned query named after it, with its title, description and parameters (a form
  field per `:name`).

Datasette sends a blank form field as '' and knows nothing of a report's types, defaults or rules, so eventdb
adds a Datasette plugin (`datasette_plugins/eventdb_reports.py`) that makes a report's parameters mean in the
browser what they mean on the command line: each `:name` of a report's SQL is read through an SQL function,
`eventdb_param('report', 'name', :name)`, which converts the text with the report's own `Param` (its default for a
blank field, numbers, true/false, dates such as "last tuesday" or "3 months ago"); and a submitted form with a
wrong value (a date that is not one, a value not among a parameter's choices, a required parameter left blank)
is answered with an error page that names the parameter, never with a silently empty or wrong result. The
parameter stays `:name`, so it is still bound by SQLite, never formatted into the SQL.

Meetings are shown on a map (datasette-cluster-map, on the latitude and longitude columns of `v_meetings`), and
`articles` and `event_mentions` have a search box (their FTS5 tables, migration 0011).

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from sqlalchemy.engine import make_url

from db.dictionary import data_dictionary
from db.session import NoDatabase, no_database_message
from eventdb_errors import UsageError
from reports.library import Report, ReportError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001


class BrowseError(UsageError):
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
    if not parsed.database or str(path) == ":memory:":
        raise BrowseError(f"eventdb browse needs a SQLite file, not {url}")
    if not path.is_file():
        raise NoDatabase(no_database_message(url))
    return path.resolve()


def database_name(path: Path) -> str:
    # Datasette names a database after its file's stem; the metadata must use the same key.
    return path.stem


PLUGIN = "eventdb"
PLUGINS_DIR = Path(__file__).resolve().parent / "datasette_plugins"
PARAM_FUNCTION = "eventdb_param"
# The map of meetings: by these columns of v_meetings (db/views.py).
MAP_VIEW, MAP_COLUMNS = "v_meetings", ("latitude", "longitude")
SEARCHABLE = {"articles": "articles_fts", "event_mentions": "event_mentions_fts"}


def build_metadata(database: str, reports: dict[str, Report], report_dirs: list[Path] | None = None,
                   tiles: str | None = None) -> dict[str, Any]:
    """Datasette metadata: descriptions of tables, views and columns, the reports as canned queries, the map of
    meetings, the search boxes, and what the eventdb plugin needs to find the reports again."""
    tables: dict[str, dict[str, Any]] = {}
    for doc in data_dictionary():
        tables[doc.name] = {
            "description": doc.meaning,
            "columns": {column.name: column.meaning for column in doc.columns if column.meaning},
        }
    for table, fts in SEARCHABLE.items():
        tables[table].update({"fts_table": fts, "fts_pk": "id"})
    map_config: dict[str, Any] = {"latitude_column": MAP_COLUMNS[0], "longitude_column": MAP_COLUMNS[1]}
    if tiles:
        map_config["tile_layer"] = tiles
    tables[MAP_VIEW]["plugins"] = {"datasette-cluster-map": map_config}
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
                       "the tables are the eventdb report library; v_meetings shows the meetings on a map; articles "
                       "and event_mentions have a search box.",
        "databases": {database: {"tables": tables, "queries": queries}},
        "plugins": {PLUGIN: {"database": database, "report_dirs": [str(d) for d in report_dirs or []]}},
    }


def _query_description(report: Report) -> str:
    parts = [report.description.strip()]
    for param in report.params:
        default = f" Default: {param.default}." if param.default is not None else (
            " Required." if param.required else " Blank: no filter.")
        kind = "YYYY-MM-DD, today, last tuesday, 3 months ago" if param.type == "date" else (
            " | ".join(param.choices) or param.type)
        parts.append(f"{param.name} ({kind}): {param.help.rstrip('.')}.{default}")
    return " ".join(p for p in parts if p)


def canned_sql(report: Report) -> str:
    """The report's SQL (without its header) with each `:name` read through the report's own conversion."""
    sql = report.sql
    for param in report.params:
        expression = f"{PARAM_FUNCTION}({_literal(report.name)}, {_literal(param.name)}, :{param.name})"
        # Not after a word character or ':' (a PostgreSQL '::cast'), and the whole name only.
        sql = re.sub(rf"(?<![\w:]):{re.escape(param.name)}\b", lambda _m, e=expression: e, sql)
    return sql


def param_function(reports: dict[str, Report]) -> Callable[[str, str, str | None], Any]:
    """`eventdb_param(report, name, text)`: the value the CLI would bind for that text, as SQLite takes it."""
    params = {(report.name, param.name): param for report in reports.values() for param in report.params}

    def convert(report: str, name: str, raw: str | None) -> Any:
        value = params[(report, name)].value(raw)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, date):
            return value.isoformat()
        return value

    return convert


def form_problem(reports: dict[str, Report], database: str, path: str, query_string: str) -> str | None:
    """Why a submitted canned-query form cannot run (a wrong value, a required field left blank), or None.

    A page opened without any of the report's fields (the empty form) is not checked: it shows the form.
    """
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] != database:
        return None
    report = reports.get(re.sub(r"\.(json|csv)$", "", parts[1]))
    if report is None:
        return None
    args = parse_qs(query_string, keep_blank_values=True)
    given = {p.name: args[p.name][0] for p in report.params if p.name in args}
    if not given:
        return None
    try:
        report.bind(given)
    except ReportError as exc:
        return str(exc)
    return None


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    return "'" + str(value).replace("'", "''") + "'"


def datasette_command(path: Path, metadata_file: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                      open_browser: bool = True) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(metadata_file),
               "--plugins-dir", str(PLUGINS_DIR), "--host", host, "--port", str(port),
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


def browse(url: str, reports: dict[str, Report], *, report_dirs: list[Path] | None = None, tiles: str | None = None,
           host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = True) -> int:
    """Serve the database with Datasette until it is stopped (Ctrl-C or SIGTERM); Datasette's exit code."""
    path = sqlite_path(url)
    metadata_dict = build_metadata(database_name(path), reports, report_dirs, tiles)
    with metadata_file(metadata_dict) as metadata:
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
