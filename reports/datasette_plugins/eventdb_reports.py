"""Datasette plugin of `eventdb browse`: report parameters as on the command line (see reports/browse.py).

Loaded by Datasette from this folder (`--plugins-dir`); the metadata's `plugins.eventdb` names the database and the
extra report folders, so the plugin reads the same report files as the command that started it.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

from datasette import hookimpl

from reports.browse import PARAM_FUNCTION, PLUGIN, form_problem, param_function
from reports.library import Report, discover


@cache
def _reports(report_dirs: tuple[str, ...]) -> dict[str, Report]:
    return discover([Path(d) for d in report_dirs])


def _config(datasette: Any) -> tuple[str, dict[str, Report]]:
    config = datasette.plugin_config(PLUGIN) or {}
    return config.get("database", ""), _reports(tuple(config.get("report_dirs", [])))


@hookimpl
def prepare_connection(conn: Any, datasette: Any) -> None:
    _, reports = _config(datasette)
    conn.create_function(PARAM_FUNCTION, 3, param_function(reports))


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def checked(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
                database, reports = _config(datasette)
                problem = form_problem(reports, database, scope.get("path", ""),
                                       scope.get("query_string", b"").decode("utf-8", "replace"))
                if problem is not None:
                    await _bad_request(send, problem, json_wanted=scope.get("path", "").endswith(".json"))
                    return
            await app(scope, receive, send)

        return checked

    return wrap


async def _bad_request(send: Any, message: str, *, json_wanted: bool) -> None:
    if json_wanted:
        body = json.dumps({"ok": False, "error": message, "status": 400, "title": "Bad parameter"}).encode()
        kind = b"application/json; charset=utf-8"
    else:
        body = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad parameter</title>"
                f"<link rel=\"stylesheet\" href=\"/-/static/app.css\"></head><body><section class=\"content\">"
                f"<h1>Bad parameter</h1><p class=\"message-error\">{html.escape(message)}</p>"
                f"<p><a href=\"javascript:history.back()\">Back to the form</a></p></section></body></html>").encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
