"""Engines and sessions for SQLite and PostgreSQL, and bringing a database to the latest migration."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from eventdb_errors import EXIT_NOT_FOUND, DatabaseUnavailable

DEFAULT_URL = "sqlite:///eventdb.sqlite"
URL_ENV_VAR = "EVENTDB_URL"
# How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 60_000
# Arbitrary key of the PostgreSQL advisory lock that serializes migrations.
MIGRATION_LOCK_ID = 7_413_690_251
# The PostgreSQL role read-only connections run as (created by migration 0009 when the migrating login may create
# roles; see the README): SELECT on eventdb's tables and views, nothing else.
READER_ROLE = "eventdb_reader"


# Only these commands may create a database; every other one says so when --db names none.
CREATING_COMMANDS = "`eventdb load` or `eventdb quickstart`"
URL_FORMS = "sqlite:///relative.sqlite, sqlite:////absolute/path.sqlite or postgresql+psycopg://user@host/db"


class DatabaseError(DatabaseUnavailable, RuntimeError):
    """A database URL or database that eventdb cannot use, with a message meant for the user."""


class NoDatabase(DatabaseError):
    """The URL names no eventdb database, and the command is not one that creates it."""

    exit_code = EXIT_NOT_FOUND


def resolve_url(url: str | None = None) -> str:
    """The URL given, else $EVENTDB_URL, else ./eventdb.sqlite, in the form SQLAlchemy reads.

    A bare path (`news.sqlite`, `~/news.sqlite`) means that SQLite file, `~` is expanded in a SQLite URL, and
    `postgresql://` and `postgres://` mean the psycopg driver eventdb installs.
    """
    raw = (url or os.environ.get(URL_ENV_VAR) or DEFAULT_URL).strip()
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser()}"
    scheme, _, rest = raw.partition("://")
    if scheme == "sqlite" and rest.startswith("/~"):
        return f"sqlite:///{Path(rest[1:]).expanduser()}"
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return raw


def display_url(url: str | None) -> str:
    """The URL for messages, password hidden."""
    resolved = resolve_url(url)
    try:
        return make_url(resolved).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: show it as given
        return resolved


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_db_engine(url: str | None = None, *, read_only: bool = False, statement_timeout_s: float | None = None
                     ) -> Engine:
    """An engine with the settings eventdb relies on.

    SQLite: foreign keys enforced, WAL so readers never wait for a load, a busy timeout so a second writer
    waits instead of failing, and write transactions that take the lock up front (BEGIN IMMEDIATE) so two
    loaders queue rather than deadlock. `read_only` opens the file with `mode=ro` and `query_only`.
    PostgreSQL: `read_only` makes every transaction READ ONLY; `statement_timeout_s` caps each statement.
    """
    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
        raise DatabaseError(f"not a database URL: {url!r}; use a file name or {URL_FORMS}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, read_only=read_only)
    if backend == "postgresql":
        return _postgresql_engine(parsed, read_only=read_only, statement_timeout_s=statement_timeout_s)
    raise DatabaseError(f"unsupported database {backend!r}: use a file name or {URL_FORMS}")


def _sqlite_engine(parsed: Any, *, read_only: bool) -> Engine:
    database = parsed.database or ""
    if database in ("", ":memory:"):
        raise DatabaseError(f"eventdb needs a SQLite file, not an in-memory database: {URL_FORMS}")
    timeout_s = SQLITE_BUSY_TIMEOUT_MS / 1000
    if read_only:
        path = Path(database).expanduser().resolve()
        if not path.is_file():
            raise NoDatabase(no_database_message(f"sqlite:///{path}"))
        # Opened through a creator so that the engine's URL stays the one the user gave (a query runner makes
        # its own engine from it).
        engine = create_engine(parsed, creator=lambda: _connect_read_only(path, timeout_s))
    else:
        engine = create_engine(parsed, connect_args={"timeout": timeout_s})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below, not the sqlite3 module, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
            dbapi_connection.set_authorizer(_read_only_authorizer)
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _connect_read_only(path: Path, timeout_s: float) -> sqlite3.Connection:
    """`mode=ro`: SQLite itself refuses every write on the file.

    A database in WAL mode is read through its -shm file, which a reader creates when it is missing; where the
    user may not write the folder (a file shared read-only) it cannot, and SQLite refuses to read. With no -wal
    and no -shm file no connection has the database open, so it is read as `immutable`, a snapshot of the file.
    """
    uri = f"file:{quote(str(path))}"
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout_s, check_same_thread=False)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        quiet = not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))
        if not quiet or os.access(path.parent, os.W_OK):
            raise
        connection.close()
        connection = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout_s,
                                     check_same_thread=False)
    return connection


# sqlite3 authorizer action codes a read-only connection may use; everything else (writes, ATTACH,
# DETACH, setting a PRAGMA, creating or dropping anything) is denied before it runs.
_READ_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
    sqlite3.SQLITE_TRANSACTION,
}
# PRAGMAs that only report. Those here take a table or index name as their argument (`table_info(events)`);
# the others may only be read bare, since `PRAGMA read_uncommitted = 1` is the same action with an argument.
_READ_PRAGMAS_WITH_NAME = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                           "foreign_key_list", "table_list"}
_READ_PRAGMAS = _READ_PRAGMAS_WITH_NAME | {
    "database_list", "collation_list", "function_list", "module_list", "pragma_list", "compile_options",
    "read_uncommitted", "query_only", "foreign_keys", "journal_mode", "page_size", "page_count", "encoding",
    "user_version", "schema_version", "application_id", "freelist_count"}
# Functions a read-only connection never calls (load_extension loads code; the others exist only in builds that
# enable them, and write or reach outside the database).
_REFUSED_SQLITE_FUNCTIONS = {"load_extension", "writefile", "readfile", "edit", "fts3_tokenizer"}


def _read_only_authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None,
                          _trigger: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if (arg2 or "").lower() in _REFUSED_SQLITE_FUNCTIONS else sqlite3.SQLITE_OK
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1:
        name = arg1.lower()
        if name in _READ_PRAGMAS and (arg2 is None or name in _READ_PRAGMAS_WITH_NAME):
            return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def _postgresql_engine(parsed: Any, *, read_only: bool, statement_timeout_s: float | None) -> Engine:
    options = []
    if read_only:
        options.append("-c default_transaction_read_only=on")
    if statement_timeout_s:
        options.append(f"-c statement_timeout={max(1, int(statement_timeout_s * 1000))}")
    connect_args = {"options": " ".join(options)} if options else {}
    engine = create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)
    if read_only:
        event.listen(engine, "connect", _become_reader)
    return engine


def _become_reader(dbapi_connection: Any, _record: Any) -> None:
    """Run the session as READER_ROLE when it exists and this login may use it (a superuser always may).

    The role holds SELECT and nothing else, so even a statement that got past every other check could neither
    write nor reach the server's files and programs, as a superuser's session could (COPY ... TO PROGRAM).
    """
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s AND pg_has_role(current_user, oid, 'MEMBER')",
                       (READER_ROLE,))
        if cursor.fetchone() is not None:
            cursor.execute(f"SET ROLE {READER_ROLE}")
    dbapi_connection.commit()  # a SET in a transaction that is rolled back would be undone


def migrations_dir() -> Path:
    import migrations

    return Path(migrations.__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (the latest by default); a no-op when it is already there."""
    from alembic import command

    _run_alembic(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run_alembic(engine, lambda config: command.downgrade(config, revision))


def _run_alembic(engine: Engine, step: Any) -> None:
    config = alembic_config(engine)
    with engine.connect() as connection:
        sqlite_fks_off = connection.dialect.name == "sqlite"
        if sqlite_fks_off:
            # SQLite rebuilds a table to alter it (batch mode); with foreign keys on, dropping the old copy
            # would cascade to the rows that point at it. The pragma only works outside a transaction.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Loaders started together on an empty database would all try to create the schema;
                    # the first migrates, the others wait here and then find nothing left to do.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
                config.attributes["connection"] = connection
                step(config)
                if sqlite_fks_off:
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise DatabaseError(f"migration left broken foreign keys: {problems[:5]}")
        finally:
            if sqlite_fks_off:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def no_database_message(url: str) -> str:
    shown = display_url(url)
    if is_sqlite(shown):
        where = f"no database file {make_url(shown).database} ({shown})"
    else:
        where = f"no eventdb tables in {shown}"
    return f"{where}: check --db and ${URL_ENV_VAR}; only {CREATING_COMMANDS} create a database"


def open_database(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine on a database upgraded to the latest migration: what every command starts with.

    With `create=False` the database must already exist (SQLite: the file; PostgreSQL: the eventdb tables), so
    that a mistyped URL is an error rather than a new, empty database that answers every question with nothing.
    """
    url = resolve_url(url)
    engine = create_db_engine(url)
    try:
        if not create and not _exists(engine):
            raise NoDatabase(no_database_message(url))
        if create and is_sqlite(url):
            _make_folder(Path(engine.url.database or ""))
        upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open or upgrade {display_url(url)}: {_reason(exc)}") from exc
    return engine


def open_for_reading(url: str | None = None) -> Engine:
    """A read-only engine on an existing database at the latest migration: what every reading command starts with.

    A database already at the latest migration is only read: no write transaction, so a reader never waits for
    a load, and a file the user may not write can be queried. One that is behind is upgraded first, which needs
    a writable database; one that does not exist is an error (NoDatabase), as for `open_database(create=False)`.
    """
    from alembic.script import ScriptDirectory

    url = resolve_url(url)
    reader = create_db_engine(url, read_only=True)
    try:
        revision = current_revision(reader)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            reader.dispose()
            raise DatabaseError(f"cannot open or upgrade {display_url(url)}: {_reason(exc)}") from exc
        revision = None  # no grant for the reader role yet: migration 0009 gives it
    if revision in ScriptDirectory.from_config(alembic_config()).get_heads():
        return reader
    reader.dispose()
    open_database(url, create=False).dispose()
    return create_db_engine(url, read_only=True)


def _exists(engine: Engine) -> bool:
    if engine.dialect.name == "sqlite":
        return Path(engine.url.database or "").is_file()
    with engine.connect() as connection:
        return inspect(connection).has_table("alembic_version")


def _make_folder(database: Path) -> None:
    folder = database.expanduser().resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DatabaseError(f"cannot create the database in {folder}: a file of that name is in the way") from None
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {folder} for the database: {exc.strerror or exc}") from None


def _reason(exc: Exception) -> str:
    """The driver's own first line, without SQLAlchemy's wrapping and background link."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
