"""Which SQL a read-only query may be: on PostgreSQL, one statement that only reads, checked before it runs.

The statement is parsed with PostgreSQL's own grammar (pglast wraps libpg_query, the server's parser), so what
is checked is what the server will run: no guessing where a string, a dollar-quoted body or a nested comment
ends. A statement is allowed when it is exactly one SELECT (also WITH ... SELECT, VALUES, TABLE), EXPLAIN of
one, or SHOW, and nothing in it

- modifies data (a data-modifying WITH), creates a table (SELECT INTO) or takes row locks (FOR UPDATE);
- calls a function that acts beyond the query: changing settings (set_config), signalling other sessions
  (pg_terminate_backend, pg_cancel_backend), reading or listing server files (pg_read_file, pg_ls_dir),
  large objects (lo_*), advisory locks, running SQL given as a string (query_to_xml), replication.

Everything else (SET, COPY, transaction control, DO, CALL, DDL, several statements) is refused. This is the
first of three locks; the connection is the second (a READ ONLY transaction under the eventdb_reader role, see
db.session) and PostgreSQL's extended query protocol, which runs one statement per call, the third.

SQLite needs no parser: its driver prepares one statement per call and refuses a second, and the read-only
connection's authorizer vets every table, function and pragma the prepared statement touches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventdb_errors import Refused

ALLOWED = "SELECT, WITH ... SELECT, VALUES, TABLE, EXPLAIN or SHOW"

# Functions that act outside the query's own read: by exact name, then by prefix.
REFUSED_FUNCTIONS = frozenset({
    "set_config", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
    "pg_promote", "pg_switch_wal", "pg_create_restore_point", "pg_backup_start", "pg_backup_stop",
    "pg_start_backup", "pg_stop_backup", "pg_stat_file", "pg_notify", "pg_log_backend_memory_contexts",
    "pg_import_system_collations", "loread", "lowrite", "dblink",
})
REFUSED_PREFIXES = ("lo_", "pg_read_", "pg_ls_", "pg_file_", "pg_logdir", "pg_advisory", "pg_try_advisory",
                    "dblink_", "query_to_xml", "cursor_to_xml", "pg_replication_", "pg_logical_",
                    "pg_create_", "pg_drop_", "pg_stat_reset", "pg_wal_replay")
# Nodes that write, create or lock, wherever they sit in the statement.
REFUSED_NODES = {
    "InsertStmt": "it inserts rows",
    "UpdateStmt": "it updates rows",
    "DeleteStmt": "it deletes rows",
    "MergeStmt": "it merges rows",
    "IntoClause": "SELECT INTO creates a table",
    "LockingClause": "FOR UPDATE/SHARE takes row locks",
}


class QueryRefused(Refused):
    """The statement writes, or breaks a rule of read-only SQL; nothing was changed."""


class QuerySyntaxError(ValueError):
    """The statement is not valid SQL for the database."""


def check_postgresql(sql: str) -> None:
    """Raise QueryRefused unless `sql` (bind parameters as $1, $2, ...) is one statement that only reads."""
    from pglast import parse_sql
    from pglast.parser import ParseError

    try:
        statements = parse_sql(sql)
    except ParseError as exc:
        raise QuerySyntaxError(str(exc.args[0]) if exc.args else str(exc)) from None
    if not statements:
        raise QuerySyntaxError("no statement to run")
    if len(statements) > 1:
        raise QueryRefused(f"refused: one statement at a time, and this is {len(statements)}; nothing was run")
    statement = statements[0].stmt
    kind = type(statement).__name__
    query = statement.query if kind == "ExplainStmt" else statement
    if type(query).__name__ not in ("SelectStmt", "VariableShowStmt"):
        raise QueryRefused(f"refused: only a read-only query ({ALLOWED}) may run here, not {_describe(statement)}; "
                           "nothing was run")
    for node in _walk(statement):
        name = type(node).__name__
        if name in REFUSED_NODES:
            raise QueryRefused(f"refused: the query is read-only and {REFUSED_NODES[name]}; nothing was run")
        if name == "FuncCall":
            function = _function_name(node)
            if function in REFUSED_FUNCTIONS or function.startswith(REFUSED_PREFIXES):
                raise QueryRefused(f"refused: {function}() acts beyond a read-only query; nothing was run")


def _walk(node: Any) -> Iterator[Any]:
    from pglast import ast

    if isinstance(node, ast.Node):
        yield node
        for slot in type(node).__slots__:
            yield from _walk(getattr(node, slot, None))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


def _function_name(call: Any) -> str:
    # funcname is the qualified name as a list of String nodes: pg_catalog.pg_read_file -> pg_read_file
    parts = [getattr(part, "sval", "") for part in call.funcname or ()]
    return (parts[-1] if parts else "").lower()


def _describe(statement: Any) -> str:
    """The statement's kind in SQL words: 'a COPY', 'a SET', 'a transaction command'."""
    kind = type(statement).__name__
    words = {"CopyStmt": "COPY", "VariableSetStmt": "SET", "TransactionStmt": "a transaction command",
             "DoStmt": "DO", "CallStmt": "CALL", "ExplainStmt": "EXPLAIN of a statement that is not a query"}
    if kind in words:
        return words[kind] if kind in ("TransactionStmt", "ExplainStmt") else f"a {words[kind]}"
    return f"a {kind.removesuffix('Stmt')} statement"
