"""Scheduled reports: a TOML file of entries (report, parameters, cron, formats, folder), run when due.

A schedule file looks like this (`reports/schedule.toml` is a bundled example):

    timezone = "Europe/Berlin"     # optional; cron times are read in this zone (default: the machine's)
    output = "scheduled-reports"   # optional default folder for every entry
    formats = ["html"]             # optional default formats for every entry

    [[entry]]
    name = "weekly-issue-trends"   # letters, digits, . _ -: it starts every file name the entry writes
    report = "issue-trends"
    cron = "0 7 * * 1"             # minute hour day-of-month month day-of-week (standard cron, 0 = Sunday)
    formats = ["html", "csv"]
    output = "reports-out"         # relative folders are relative to the schedule file's folder
    [entry.params]
    date_from = "7 days ago"       # relative dates are resolved when the entry runs: "last 7 days"
    date_to = "today"

When is an entry due? Every run is recorded in `report_runs`. An entry is due when a cron fire time lies after
the start of its last recorded run and at or before now; an entry that has never run is due at once, so a new
entry shows its output (or its error) on the first `eventdb schedule run --due` instead of after a week. A
failed run counts as a run: a broken entry is retried at its next fire time, not every minute. However many
fire times were missed (the machine was off for a week), a due entry runs once. Two `run --due` processes that
overlap (a slow run and the next minute's cron, or two machines sharing one PostgreSQL database) never both run
an entry: each claims it by recording its start in a transaction that first re-checks that it is still due.

Each run writes one file per format, named `<entry>-<YYYY-MM-DD-HHMM>.<ext>` (the run's start in the schedule's
time zone), atomically: the content goes to a temporary file in the same folder that is then renamed over the
final name, so a reader never sees half a report. A failing entry is recorded as failed with its error and
never stops the other entries.
"""

from __future__ import annotations

import json
import re
import signal
import threading
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from db.models import ReportRun
from eventdb_errors import NotFound, UsageError, did_you_mean
from reports.output_file import write_atomic as write_atomic_file

# Arbitrary key of the PostgreSQL advisory lock under which a run claims a due entry (SQLite needs none: its
# write transactions already take the database lock up front).
CLAIM_LOCK_ID = 7_413_690_252
BUNDLED_SCHEDULE = Path(__file__).resolve().parent / "schedule.toml"
# File extension of each render format; `table` is plain text.
EXTENSIONS = {"table": "txt", "csv": "csv", "json": "json", "md": "md", "html": "html", "xlsx": "xlsx"}
DEFAULT_FORMATS = ("html",)
DEFAULT_OUTPUT = "scheduled-reports"
# Entry names become file names: keep them to characters that are safe on every file system and in a shell.
ENTRY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
TOP_LEVEL_KEYS = {"timezone", "output", "formats", "entry"}
ENTRY_KEYS = {"name", "report", "cron", "params", "formats", "output"}
CRON_FIELDS = "minute hour day-of-month month day-of-week"


class ScheduleError(UsageError):
    """A schedule file that cannot be used as written; the message names the file, entry and field."""


class ScheduleNotFound(ScheduleError, NotFound):
    """No schedule file, or no entry, by that name."""

    exit_code = NotFound.exit_code


@dataclass(frozen=True)
class Entry:
    name: str
    report: str
    cron: str
    output: Path
    timezone: tzinfo
    formats: tuple[str, ...] = DEFAULT_FORMATS
    params: dict[str, str] = field(default_factory=dict)

    def next_fire(self, after: datetime) -> datetime:
        """The first cron fire time strictly after `after` (an aware datetime), in the schedule's zone."""
        from croniter import croniter

        return croniter(self.cron, after.astimezone(self.timezone)).get_next(datetime)

    def is_due(self, last_started: datetime | None, now: datetime) -> bool:
        """Due when it never ran, or a fire time lies in (start of the last run, now]."""
        if last_started is None:
            return True
        return self.next_fire(last_started) <= now


@dataclass
class Schedule:
    entries: list[Entry]
    timezone: tzinfo
    source: str

    def entry(self, name: str) -> Entry:
        for entry in self.entries:
            if entry.name == name:
                return entry
        hint = did_you_mean(name, [e.name for e in self.entries])
        raise ScheduleNotFound(f"{self.source}: no entry named {name!r}{hint}; entries: "
                            f"{', '.join(e.name for e in self.entries) or 'none'}")


@dataclass
class RunResult:
    entry: str
    report: str
    status: str  # succeeded | failed
    run_id: int | None = None
    rows: int | None = None
    files: list[Path] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "succeeded"


# --- Parsing ------------------------------------------------------------------------------------------------


def load_schedule(path: Path | None = None, *, base_dir: Path | None = None) -> Schedule:
    """Parse and check a schedule file (the bundled example when `path` is None).

    Relative output folders are resolved against `base_dir`: by default the schedule file's folder, so a
    schedule run from cron (whose working directory is $HOME) writes where the file says.
    """
    target = path or BUNDLED_SCHEDULE
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScheduleNotFound(f"cannot read schedule file {target}: no such file") from None
    except OSError as exc:
        raise ScheduleError(f"cannot read schedule file {target}: {exc.strerror or exc}") from None
    folder = base_dir if base_dir is not None else target.resolve().parent
    return parse_schedule(text, source=str(target), base_dir=folder)


def parse_schedule(text: str, *, source: str = "<schedule>", base_dir: Path | None = None) -> Schedule:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{source}: not valid TOML: {exc}") from None
    base = (base_dir or Path.cwd()).resolve()
    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise ScheduleError(f"{source}: unknown top-level key {', '.join(map(repr, unknown))}; "
                            f"allowed: {', '.join(sorted(TOP_LEVEL_KEYS))}")
    zone = _timezone(data.get("timezone"), source)
    default_formats = _formats(data.get("formats", list(DEFAULT_FORMATS)), f"{source}: field 'formats'")
    default_output = _text(data.get("output", DEFAULT_OUTPUT), f"{source}: field 'output'")
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise ScheduleError(f"{source}: 'entry' must be a list of tables, written [[entry]]")
    if not raw_entries:
        raise ScheduleError(f"{source}: no entries; add at least one [[entry]] table")
    entries: list[Entry] = []
    for number, raw in enumerate(raw_entries, start=1):
        entry = _entry(raw, number, source=source, base=base, zone=zone, default_formats=default_formats,
                       default_output=default_output)
        if any(e.name == entry.name for e in entries):
            raise ScheduleError(f"{source}: entry #{number}: field 'name': {entry.name!r} is used by an "
                                f"earlier entry; names must be unique")
        entries.append(entry)
    return Schedule(entries=entries, timezone=zone, source=source)


def _entry(raw: dict[str, Any], number: int, *, source: str, base: Path, zone: tzinfo,
           default_formats: tuple[str, ...], default_output: str) -> Entry:
    label = f"{source}: entry #{number}"
    name = raw.get("name")
    if isinstance(name, str) and name:
        label = f"{source}: entry {name!r}"

    def where(key: str) -> str:
        return f"{label}: field {key!r}"

    unknown = sorted(set(raw) - ENTRY_KEYS)
    if unknown:
        raise ScheduleError(f"{label}: unknown field {', '.join(map(repr, unknown))}; "
                            f"allowed: {', '.join(sorted(ENTRY_KEYS))}")
    for key in ("name", "report", "cron"):
        if key not in raw:
            raise ScheduleError(f"{where(key)}: missing (every entry needs name, report and cron)")
    name = _text(raw["name"], where("name"))
    if not ENTRY_NAME.match(name):
        raise ScheduleError(f"{where('name')}: {name!r} may only use letters, digits, '.', '_' and '-' "
                            "(it starts the names of the files the entry writes)")
    report = _text(raw["report"], where("report"))
    cron = " ".join(_text(raw["cron"], where("cron")).split())
    _check_cron(cron, where("cron"))
    formats = _formats(raw["formats"], where("formats")) if "formats" in raw else default_formats
    output = Path(_text(raw.get("output", default_output), where("output"))).expanduser()
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise ScheduleError(f"{where('params')}: must be a table of name = value, e.g. [entry.params]")
    return Entry(name=name, report=report, cron=cron, output=output if output.is_absolute() else base / output,
                 timezone=zone, formats=formats,
                 params={key: _param_text(value, where(f"params.{key}")) for key, value in params.items()})


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScheduleError(f"{where}: must be a non-empty string, got {value!r}")
    return value.strip()


def _formats(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ScheduleError(f"{where}: must be a list of formats, e.g. [\"html\", \"csv\"]")
    bad = [v for v in value if v not in EXTENSIONS]
    if bad:
        raise ScheduleError(f"{where}: unknown format {', '.join(map(repr, bad))}; use {', '.join(EXTENSIONS)}")
    return tuple(dict.fromkeys(value))  # a format listed twice is written once


def _param_text(value: Any, where: str) -> str:
    """Report parameters arrive as text, as from the command line; TOML's typed values are turned back."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | str):
        return str(value)
    raise ScheduleError(f"{where}: must be a string, number, boolean or date, got {value!r}")


def _check_cron(cron: str, where: str) -> None:
    from croniter import croniter

    # croniter also takes @daily and a sixth (seconds) field; system cron takes neither, so neither do we.
    if len(cron.split()) != 5:
        raise ScheduleError(f"{where}: {cron!r} must have 5 fields ({CRON_FIELDS}), e.g. \"0 7 * * 1\"")
    if not croniter.is_valid(cron):
        raise ScheduleError(f"{where}: {cron!r} is not a valid cron expression ({CRON_FIELDS})")


def _timezone(value: Any, source: str) -> tzinfo:
    if value is None:
        import tzlocal

        return tzlocal.get_localzone()
    name = _text(value, f"{source}: field 'timezone'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"{source}: field 'timezone': unknown time zone {name!r} (use an IANA name such "
                            "as \"UTC\" or \"Europe/Berlin\")") from None


def check_entry(entry: Entry, reports_dirs: list[Path] | None = None) -> str | None:
    """Why the entry would fail to run (unknown report, bad parameter), or None; for `schedule list`."""
    from reports.library import ReportError, find

    try:
        find(entry.report, reports_dirs).bind(entry.params)
    except ReportError as exc:
        return str(exc)
    return None


# --- When entries are due -----------------------------------------------------------------------------------


def last_starts(engine: Engine) -> dict[str, datetime]:
    """The start of the latest recorded run of each entry (any status), as an aware UTC datetime."""
    with engine.connect() as connection:
        rows = connection.execute(select(ReportRun.entry, func.max(ReportRun.started_at)).group_by(ReportRun.entry))
        return {entry: _utc(started) for entry, started in rows if started is not None}


def last_runs(engine: Engine) -> dict[str, ReportRun]:
    """The latest recorded run of each entry, for `schedule list`."""
    from db.session import session_factory

    latest = select(func.max(ReportRun.id)).group_by(ReportRun.entry).scalar_subquery()
    with session_factory(engine)() as session:
        runs = session.scalars(select(ReportRun).where(ReportRun.id.in_(latest))).all()
    for run in runs:
        run.started_at = _utc(run.started_at)
    return {run.entry: run for run in runs}


def due_entries(schedule: Schedule, engine: Engine, now: datetime | None = None) -> list[Entry]:
    now = now or datetime.now(UTC)
    starts = last_starts(engine)
    return [entry for entry in schedule.entries if entry.is_due(starts.get(entry.name), now)]


def _utc(moment: datetime) -> datetime:
    # SQLite hands back the naive UTC value that was stored; PostgreSQL an aware one.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- Running ------------------------------------------------------------------------------------------------


def run_entry(engine: Engine, entry: Entry, reports_dirs: list[Path] | None = None,
              now: datetime | None = None, *, claimed_run_id: int | None = None) -> RunResult:
    """Run one entry now: record it as running, run the report, write each format, record how it ended.

    Any error (unknown report, bad parameter, failing SQL, unwritable folder) ends as a failed run with the
    error recorded; only an interrupt (Ctrl-C) propagates, after the run is marked failed.
    """
    from reports.library import ReportError, find
    from reports.render import render

    started = (now or datetime.now(UTC)).astimezone(UTC)
    run_id = claimed_run_id if claimed_run_id is not None else _record_start(engine, entry, started)
    result = RunResult(entry=entry.name, report=entry.report, status="failed", run_id=run_id)
    params_as_run: dict[str, Any] = dict(entry.params)
    try:
        report = find(entry.report, reports_dirs)
        bound = report.bind(entry.params)
        # Resolve relative dates once, so the recorded parameters are the ones the SQL saw.
        params_as_run = {key: _plain(value) for key, value in bound.items() if value is not None}
        frame = report.run(engine, {key: str(value) for key, value in params_as_run.items()})
        result.rows = len(frame)
        stamp = started.astimezone(entry.timezone).strftime("%Y-%m-%d-%H%M")
        entry.output.mkdir(parents=True, exist_ok=True)
        for fmt in entry.formats:
            content = render(frame, fmt, title=f"{report.title} ({entry.name}, {stamp})", chart=report.chart)
            result.files.append(write_atomic(entry.output, f"{entry.name}-{stamp}", EXTENSIONS[fmt], content))
        result.status = "succeeded"
    except ReportError as exc:
        result.error = str(exc)
    except Exception as exc:  # one failing entry must never stop the others: record it and go on
        result.error = f"{type(exc).__name__}: {exc}"
    except BaseException:
        result.error = "interrupted"
        _record_end(engine, result, params_as_run)
        raise
    _record_end(engine, result, params_as_run)
    return result


def run_entries(engine: Engine, entries: Iterable[Entry], reports_dirs: list[Path] | None = None,
                on_result: Callable[[RunResult], None] | None = None) -> list[RunResult]:
    results = []
    for entry in entries:
        try:
            result = run_entry(engine, entry, reports_dirs)
        except Exception as exc:  # the run could not even be recorded (database gone): still try the rest
            result = RunResult(entry=entry.name, report=entry.report, status="failed",
                               error=f"could not record the run: {type(exc).__name__}: {exc}")
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


def run_due(engine: Engine, schedule: Schedule, reports_dirs: list[Path] | None = None,
            now: datetime | None = None, on_result: Callable[[RunResult], None] | None = None) -> list[RunResult]:
    """Run every due entry, one after another; what system cron calls once a minute.

    Each entry is claimed just before it runs, so an entry that an overlapping process has started meanwhile
    is left to that process.
    """
    results = []
    for entry in due_entries(schedule, engine, now):
        started = (now or datetime.now(UTC)).astimezone(UTC)
        try:
            run_id = claim_due(engine, entry, started)
        except Exception as exc:  # the database is gone: report it for this entry and try the rest
            result = RunResult(entry=entry.name, report=entry.report, status="failed",
                               error=f"could not record the run: {type(exc).__name__}: {exc}")
        else:
            if run_id is None:
                continue
            result = run_entry(engine, entry, reports_dirs, started, claimed_run_id=run_id)
        if on_result is not None:
            on_result(result)
        results.append(result)
    return results


def claim_due(engine: Engine, entry: Entry, now: datetime) -> int | None:
    """Record the start of a run of `entry` if it is still due at `now`; the new run's id, or None if another
    process has started it since it was found due."""
    from db.session import session_factory

    with session_factory(engine)() as session, session.begin():
        if engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIM_LOCK_ID})
        last = session.scalar(select(func.max(ReportRun.started_at)).where(ReportRun.entry == entry.name))
        if not entry.is_due(_utc(last) if last is not None else None, now):
            return None
        return _add_run(session, entry, now)


def write_atomic(folder: Path, stem: str, ext: str, content: str | bytes) -> Path:
    """Write `folder/stem.ext` (or `stem-2.ext`, ... when taken) via a temporary file and a rename."""
    target = folder / f"{stem}.{ext}"
    counter = 2
    while target.exists():  # two runs in one minute (`run --entry` twice) keep both files
        target = folder / f"{stem}-{counter}.{ext}"
        counter += 1
    return write_atomic_file(target, content)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _record_start(engine: Engine, entry: Entry, started: datetime) -> int:
    from db.session import session_factory

    with session_factory(engine)() as session, session.begin():
        return _add_run(session, entry, started)


def _add_run(session: Session, entry: Entry, started: datetime) -> int:
    run = ReportRun(entry=entry.name, report=entry.report, params=json.dumps(entry.params, sort_keys=True),
                    started_at=started, status="running")
    session.add(run)
    session.flush()
    return run.id


def _record_end(engine: Engine, result: RunResult, params: dict[str, Any]) -> None:
    from db.session import session_factory

    with session_factory(engine)() as session, session.begin():
        run = session.get(ReportRun, result.run_id)
        if run is None:  # deleted under us; nothing left to update
            return
        run.finished_at = datetime.now(UTC)
        run.status = result.status
        run.rows = result.rows
        run.params = json.dumps(params, sort_keys=True, default=str)
        run.output_files = json.dumps([str(p) for p in result.files])
        run.error = result.error


# --- Serving ------------------------------------------------------------------------------------------------


def serve(engine: Engine, schedule: Schedule, reports_dirs: list[Path] | None = None, *, catch_up: bool = True,
          on_result: Callable[[RunResult], None] | None = None, stop: threading.Event | None = None) -> None:
    """Run each entry at its cron times until SIGTERM or SIGINT (or `stop` is set), then finish the current run.

    APScheduler runs the jobs on one worker thread, so runs never overlap; a fire time missed while another run
    was going is run late once (coalesced) rather than skipped. With `catch_up`, entries that are due on
    start (never ran, or missed fire times while nothing was serving) run first.
    """
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    stop = stop or threading.Event()
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone=schedule.timezone,
    )

    def run_one(entry: Entry) -> None:
        run_entries(engine, [entry], reports_dirs, on_result)

    for entry in schedule.entries:
        scheduler.add_job(run_one, _croniter_trigger(entry), args=[entry], id=entry.name, name=entry.name)
    if catch_up:
        scheduler.add_job(run_due, args=[engine, schedule, reports_dirs], kwargs={"on_result": on_result},
                          id="catch-up", name="catch-up")
    previous = _install_stop_handlers(stop)
    try:
        scheduler.start()
        # A timed wait: the signal handler runs between waits even where a plain wait is not interruptible.
        while not stop.wait(0.5):
            pass
    finally:
        # wait=True lets the run in progress finish (and record its end); queued runs are dropped.
        if scheduler.running:
            scheduler.shutdown(wait=True)
        _restore_handlers(previous)


def _croniter_trigger(entry: Entry) -> Any:
    """An APScheduler trigger that reads the cron expression with croniter.

    APScheduler 3's own `CronTrigger.from_crontab` numbers weekdays from Monday = 0 (cron: Sunday = 0) and
    requires both day fields to match where cron accepts either, so "0 7 * * 1" would fire on Tuesdays.
    Delegating to croniter keeps `serve`, `run --due` and `list` on one reading of the expression.
    """
    from apscheduler.triggers.base import BaseTrigger

    class CroniterTrigger(BaseTrigger):
        def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime:
            # Without a previous fire time, `now` itself counts when it is a fire time.
            return entry.next_fire(previous_fire_time or now - timedelta(microseconds=1))

        def __str__(self) -> str:
            return f"cron[{entry.cron}]"

    return CroniterTrigger()


def _install_stop_handlers(stop: threading.Event) -> dict[int, Any]:
    if threading.current_thread() is not threading.main_thread():
        return {}  # only the main thread may set handlers; the caller stops us through `stop`
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGINT):
        previous[signum] = signal.signal(signum, lambda _signum, _frame: stop.set())
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)
