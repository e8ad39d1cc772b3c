"""Scheduled reports: the schedule file, when entries are due, runs recorded in report_runs, files, serve."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.models import ReportRun
from db.session import create_db_engine, open_database, session_factory
from reports.schedule import (
    BUNDLED_SCHEDULE,
    Entry,
    ScheduleError,
    load_schedule,
    parse_schedule,
    run_entry,
    write_atomic,
)


# A schedule runs against an existing database: only `eventdb load` and `quickstart` create one.
@pytest.fixture
def db_url(db_url: str) -> str:
    open_database(db_url).dispose()
    return db_url


@pytest.fixture
def sqlite_url(sqlite_url: str) -> str:
    open_database(sqlite_url).dispose()
    return sqlite_url


PROJECT = Path(__file__).resolve().parents[1]
# A cron time that will not come round while a test runs (midnight on New Year's Day).
RARELY = "0 0 1 1 *"

TWO_ENTRIES = f"""
timezone = "UTC"
output = "out"

[[entry]]
name = "last-week-issues"
report = "issue-trends"
cron = "{RARELY}"
formats = ["csv", "html"]
[entry.params]
date_from = "7 days ago"
date_to = "today"

[[entry]]
name = "broken"
report = "no-such-report"
cron = "{RARELY}"
formats = ["csv"]
"""


def runs(url: str) -> list[ReportRun]:
    engine = create_db_engine(url)
    try:
        with session_factory(engine)() as session:
            return list(session.scalars(select(ReportRun).order_by(ReportRun.id)))
    finally:
        engine.dispose()


def test_run_due_writes_the_good_entry_records_both_and_fails(cli, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(TWO_ENTRIES, encoding="utf-8")
    out = tmp_path / "out"  # relative to the schedule file

    result = cli("schedule", "run", "--due", "--schedule", str(schedule), "--db", db_url)
    assert result.exit_code == 1, result.output
    assert "no report named 'no-such-report'" in result.stderr

    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".csv", ".html"], files
    assert all(f.name.startswith("last-week-issues-") for f in files)
    stamp = files[0].stem.removeprefix("last-week-issues-")
    # The run's start, in the schedule's time zone (UTC here).
    started = datetime.strptime(stamp, "%Y-%m-%d-%H%M").replace(tzinfo=UTC)
    assert timedelta(0) <= datetime.now(UTC) - started < timedelta(minutes=5), stamp
    assert files[0].read_text(encoding="utf-8").startswith("month,issue,issue_label,events")

    good, broken = runs(db_url)
    assert (good.entry, good.report, good.status, good.rows) == ("last-week-issues", "issue-trends", "succeeded", 0)
    assert good.finished_at is not None and good.error is None
    assert sorted(json.loads(good.output_files or "[]")) == [str(f) for f in files]
    # "Last 7 days" was resolved when the entry ran, and the dates the SQL saw are what is recorded.
    today = date.today()
    assert json.loads(good.params or "{}") == {"date_from": (today - timedelta(days=7)).isoformat(),
                                               "date_to": today.isoformat()}
    assert (broken.entry, broken.status, broken.rows) == ("broken", "failed", None)
    assert "no report named 'no-such-report'" in (broken.error or "")
    assert json.loads(broken.output_files or "null") == [] and broken.finished_at is not None

    again = cli("schedule", "run", "--due", "--schedule", str(schedule), "--db", db_url)
    assert again.exit_code == 0, again.output
    assert "nothing due" in again.stderr
    assert len(runs(db_url)) == 2
    assert sorted(out.iterdir()) == files

    # --entry runs one entry now, due or not; a second file in the same minute does not overwrite the first.
    now = cli("schedule", "run", "--entry", "last-week-issues", "--schedule", str(schedule), "--db", db_url)
    assert now.exit_code == 0, now.output
    assert len(runs(db_url)) == 3
    assert len(list(out.glob("*.csv"))) == 2
    assert not [f for f in out.iterdir() if f.name.startswith(".") or f.suffix == ".tmp"]


def test_list_shows_entries_next_run_and_problems(cli, sqlite_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(TWO_ENTRIES, encoding="utf-8")
    result = cli("schedule", "list", "--schedule", str(schedule), "--db", sqlite_url)
    assert result.exit_code == 1, result.output  # an entry has a problem: a deployment check must see it
    assert "1 of 2 entries have a problem" in result.stderr
    assert 'last-week-issues: report issue-trends, cron "0 0 1 1 *"' in result.stdout
    assert f"next run: {datetime.now(UTC).year + 1}-01-01 00:00" in result.stdout
    assert "last run: never" in result.stdout and "(due now)" in result.stdout
    assert "problem: no report named 'no-such-report'" in result.stdout


def test_unknown_entry_is_not_found_and_both_or_neither_modes_are_usage_errors(  # type: ignore[no-untyped-def]
        cli, sqlite_url: str, tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(TWO_ENTRIES, encoding="utf-8")
    unknown = cli("schedule", "run", "--entry", "nope", "--schedule", str(schedule), "--db", sqlite_url)
    assert unknown.exit_code == 3 and "no entry named 'nope'" in unknown.stderr
    neither = cli("schedule", "run", "--schedule", str(schedule), "--db", sqlite_url)
    assert neither.exit_code == 2 and "either --due or --entry" in neither.stderr
    both = cli("schedule", "run", "--due", "--entry", "broken", "--schedule", str(schedule), "--db", sqlite_url)
    assert both.exit_code == 2


def test_a_bad_parameter_fails_that_run_only(sqlite_url: str, tmp_path: Path) -> None:
    engine = open_database(sqlite_url)
    entry = Entry(name="dq", report="data-quality", cron=RARELY, output=tmp_path / "out", timezone=UTC,
                  formats=("csv",), params={"examples": "many"})
    result = run_entry(engine, entry)
    assert result.status == "failed" and result.files == []
    assert "parameter 'examples' expects a whole number" in (result.error or "")
    fixed = run_entry(engine, Entry(**{**entry.__dict__, "params": {"examples": "2"}}))
    assert fixed.ok and fixed.rows and len(fixed.files) == 1
    assert [r.status for r in runs(sqlite_url)] == ["failed", "succeeded"]
    engine.dispose()


# --- When an entry is due -------------------------------------------------------------------------------------


def entry(cron: str, zone: str = "UTC") -> Entry:
    return Entry(name="e", report="issue-trends", cron=cron, output=Path("."), timezone=ZoneInfo(zone))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_due_rule() -> None:
    monday_7 = entry("0 7 * * 1")
    assert monday_7.is_due(None, at("2025-01-08 12:00"))  # never ran: due at once
    last = at("2025-01-06 07:00:02")  # Monday's run
    assert not monday_7.is_due(last, at("2025-01-06 12:00"))
    assert not monday_7.is_due(last, at("2025-01-13 06:59:59"))
    assert monday_7.is_due(last, at("2025-01-13 07:00"))
    assert monday_7.is_due(last, at("2025-02-20 00:00"))  # missed weeks: due (once)
    # A run that started exactly at the fire time covers that fire time.
    assert not monday_7.is_due(at("2025-01-06 07:00"), at("2025-01-06 07:00:30"))


def test_cron_reads_like_system_cron() -> None:
    # 1 is Monday, 0 and 7 Sunday (APScheduler 3's own from_crontab would say Tuesday).
    assert entry("0 7 * * 1").next_fire(at("2025-01-05 00:00")) == at("2025-01-06 07:00")
    assert entry("0 7 * * 0").next_fire(at("2025-01-06 00:00")) == at("2025-01-12 07:00")
    assert entry("0 7 * * 7").next_fire(at("2025-01-06 00:00")) == at("2025-01-12 07:00")
    # Both day fields restricted: either one matching fires (Friday the 10th, before the 13th).
    assert entry("0 0 13 * 5").next_fire(at("2025-01-07 00:00")) == at("2025-01-10 00:00")
    # Read in the schedule's time zone: 07:00 in New York is 12:00 UTC in winter.
    assert entry("0 7 * * *", "America/New_York").next_fire(at("2025-01-06 00:00")) == at("2025-01-06 12:00")


# --- The schedule file --------------------------------------------------------------------------------------


def test_bundled_example_parses() -> None:
    schedule = load_schedule(BUNDLED_SCHEDULE, base_dir=Path("/tmp/x"))
    assert len(schedule.entries) >= 2
    weekly = schedule.entry("weekly-issue-trends")
    assert weekly.params == {"date_from": "7 days ago", "date_to": "today"}
    assert weekly.output == Path("/tmp/x/scheduled-reports")


def test_defaults_relative_folders_and_typed_params(tmp_path: Path) -> None:
    schedule = parse_schedule(f"""
formats = ["md"]
[[entry]]
name = "a"
report = "data-quality"
cron = "*/15  *  * * *"
[entry.params]
examples = 2
flag = true
day = 2024-05-01
[[entry]]
name = "b"
report = "issue-trends"
cron = "{RARELY}"
output = "/srv/reports"
formats = "csv"
""", base_dir=tmp_path)
    a, b = schedule.entries
    assert a.formats == ("md",) and a.output == tmp_path / "scheduled-reports" and a.cron == "*/15 * * * *"
    assert a.params == {"examples": "2", "flag": "true", "day": "2024-05-01"}
    assert b.formats == ("csv",) and b.output == Path("/srv/reports")


GOOD = f'name = "weekly"\nreport = "issue-trends"\ncron = "{RARELY}"\n'


@pytest.mark.parametrize(("text", "expected"), [
    ("[[entry]]\nname = 'weekly'\nreport = 'issue-trends'\n", "entry 'weekly': field 'cron': missing"),
    ("[[entry]]\n" + GOOD.replace(RARELY, "0 25 * * *"), "entry 'weekly': field 'cron': '0 25 * * *' is not a valid"),
    ("[[entry]]\n" + GOOD.replace(RARELY, "0 7 * *"), "field 'cron': '0 7 * *' must have 5 fields"),
    ("[[entry]]\n" + GOOD.replace(RARELY, "@daily"), "must have 5 fields"),
    ("[[entry]]\n" + GOOD + "formats = ['html', 'pdf']\n", "entry 'weekly': field 'formats': unknown format 'pdf'"),
    ("[[entry]]\n" + GOOD + "formt = ['html']\n", "entry 'weekly': unknown field 'formt'"),
    ("[[entry]]\n" + GOOD + "[[entry]]\n" + GOOD, "entry #2: field 'name': 'weekly' is used by an earlier entry"),
    ("[[entry]]\n" + GOOD.replace('"weekly"', '"my report"'), "field 'name': 'my report' may only use"),
    ("[[entry]]\nreport = 'issue-trends'\ncron = '* * * * *'\n", "entry #1: field 'name': missing"),
    ("[[entry]]\n" + GOOD + "[entry.params]\nissue = ['a', 'b']\n", "entry 'weekly': field 'params.issue'"),
    ("[[entry]]\n" + GOOD + "report = 'twice'\n", "not valid TOML"),
    ("timezone = 'Mars/Olympus'\n[[entry]]\n" + GOOD, "field 'timezone': unknown time zone 'Mars/Olympus'"),
    ("output = 'x'\n", "no entries"),
    ("entries = []\n", "unknown top-level key 'entries'"),
])
def test_schedule_errors_name_the_entry_and_field(text: str, expected: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text, source="s.toml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("s.toml: ")


def test_cli_reports_a_bad_schedule_file(cli, sqlite_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[entry]]\n" + GOOD.replace(RARELY, "0 7 * *"), encoding="utf-8")
    result = cli("schedule", "list", "--schedule", str(bad), "--db", sqlite_url)
    assert result.exit_code == 2
    assert f"{bad}: entry 'weekly': field 'cron'" in result.stderr
    missing = cli("schedule", "run", "--due", "--schedule", str(tmp_path / "none.toml"), "--db", sqlite_url)
    assert missing.exit_code == 3 and "cannot read schedule file" in missing.stderr


# --- Atomic files -------------------------------------------------------------------------------------------


def test_write_atomic_keeps_earlier_files_and_leaves_no_temp_files(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = write_atomic(tmp_path, "r-2025-01-06-0700", "csv", "a\n")
    second = write_atomic(tmp_path, "r-2025-01-06-0700", "csv", b"b\n")
    assert (first.name, second.name) == ("r-2025-01-06-0700.csv", "r-2025-01-06-0700-2.csv")
    assert first.read_text() == "a\n" and second.read_text() == "b\n"

    def broken_replace(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("reports.output_file.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(tmp_path, "r-2025-01-06-0800", "csv", "c\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-2025-01-06-0700-2.csv", "r-2025-01-06-0700.csv"]


# --- serve --------------------------------------------------------------------------------------------------

SLOW_REPORT = """/* ---
name = "slow"
title = "Slow"
description = "Counts for a while, so that a stop arrives during the run."
--- */
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000000)
SELECT COUNT(*) AS n FROM n
"""


def test_serve_stops_on_sigterm_after_finishing_the_current_run(sqlite_url: str, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "slow.sql").write_text(SLOW_REPORT, encoding="utf-8")
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(f'[[entry]]\nname = "slow"\nreport = "slow"\ncron = "{RARELY}"\nformats = ["csv"]\n'
                        'output = "out"\n', encoding="utf-8")
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    process = subprocess.Popen(
        [sys.executable, "-m", "eventdb_cli", "schedule", "serve", "--schedule", str(schedule),
         "--reports-dir", str(reports), "--db", sqlite_url],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The entry never ran, so serve starts by catching up: wait until that run is under way.
        deadline = time.monotonic() + 60
        while _statuses(database) != ["running"]:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, f"no run started: {_statuses(database)}"
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert "stopped" in stderr
    # The run in progress finished and was recorded before the process exited.
    assert _statuses(database) == ["succeeded"], stderr
    assert len(list((tmp_path / "out").glob("slow-*.csv"))) == 1


def _statuses(database: Path) -> list[str]:
    if not database.exists():
        return []
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        return [row[0] for row in connection.execute("SELECT status FROM report_runs ORDER BY id")]
    except sqlite3.OperationalError:  # the schema is not there yet
        return []
    finally:
        connection.close()


def test_overlapping_run_due_processes_run_each_entry_once(cli, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Three cron-started processes at the same moment: each due entry is claimed by exactly one of them.
    schedule = tmp_path / "schedule.toml"
    schedule.write_text(TWO_ENTRIES, encoding="utf-8")
    # The db_url fixture of this module created and migrated the database first.
    command = [sys.executable, "-m", "eventdb_cli", "schedule", "run", "--due", "--schedule", str(schedule),
               "--db", db_url]
    processes = [subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
    outputs = [process.communicate(timeout=120) for process in processes]
    recorded = runs(db_url)
    assert sorted(r.entry for r in recorded) == ["broken", "last-week-issues"], outputs
    assert len(list((tmp_path / "out").glob("*.csv"))) == 1
    # Exactly one process ran the broken entry (exit 1); the others found nothing left to do.
    assert sorted(p.returncode for p in processes) == [0, 0, 1], outputs
