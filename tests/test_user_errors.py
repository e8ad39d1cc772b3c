"""Mistakes a user makes get a clear one-line error and the exit code of its kind, never a silent wrong answer.

Exit codes (eventdb_errors.py, the README): 1 part failed, 2 usage, 3 not found, 4 refused, 5 database unavailable.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conftest import PROJECT, SEEDS
from eventdb_errors import EXIT_DATABASE, EXIT_FAILED, EXIT_NOT_FOUND, EXIT_REFUSED, EXIT_USAGE


def one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    """The error a command printed: one line starting 'error:', no traceback."""
    assert "Traceback" not in result.output, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.fixture
def seeded_copy(seeded_sqlite: str, tmp_path: Path) -> str:
    """A copy of the seeded database that a test may change."""
    copy = tmp_path / "copy.sqlite"
    # The backup API, not a file copy: the seeded database's latest pages may still be in its WAL file.
    with sqlite3.connect(seeded_sqlite.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return f"sqlite:///{copy}"


# --- A mistyped --db is an error, not a new empty database ---------------------------------------------------


@pytest.mark.parametrize("command", [
    ("report", "run", "officials-met"),
    ("sql", "SELECT COUNT(*) FROM events"),
    ("actors", "merge", "Donald Trump", "Trump"),
    ("search", "fentanyl"),
    ("export",),
    ("reprocess",),
    ("schedule", "run", "--due"),
])
def test_a_missing_sqlite_database_is_not_created(cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    typo = tmp_path / "typo.sqlite"
    result = cli(*command, "--db", f"sqlite:///{typo}")
    assert result.exit_code == EXIT_NOT_FOUND
    message = one_line_error(result)
    assert f"no database file {typo}" in message and "only `eventdb load` or `eventdb quickstart` create" in message
    assert not typo.exists()


def test_an_empty_postgresql_database_is_not_an_eventdb_database(cli, postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    url = postgres_cluster.create_database("eventdb_test_empty_typo")
    result = cli("report", "run", "officials-met", "--db", url)
    assert result.exit_code == EXIT_NOT_FOUND
    assert "no eventdb tables in postgresql+psycopg://" in one_line_error(result)
    assert cli("load", str(SEEDS), "--db", url).exit_code == 0  # load creates the schema
    assert cli("report", "run", "officials-met", "--db", url).exit_code == 0


def test_a_bare_path_and_a_home_path_are_sqlite_files(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "news.sqlite"
    assert cli("load", str(SEEDS), "--db", str(bare)).exit_code == 0
    assert bare.is_file()
    counted = cli("sql", "SELECT COUNT(*) AS n FROM articles", "--format", "csv", "--db", str(bare))
    assert counted.exit_code == 0 and counted.stdout.splitlines() == ["n", "2"]
    monkeypatch.setenv("HOME", str(tmp_path))
    for form in ("~/news.sqlite", "sqlite:///~/news.sqlite"):
        again = cli("sql", "SELECT COUNT(*) AS n FROM articles", "--format", "csv", "--db", form)
        assert again.exit_code == 0 and again.stdout.splitlines() == ["n", "2"], (form, again.output)


def test_help_shows_the_database_forms(cli) -> None:
    result = cli("report", "run", "--help")
    assert result.exit_code == 0
    assert "sqlite:///news.sqlite" in result.stdout and "news.sqlite" in result.stdout


# --- Report parameters ---------------------------------------------------------------------------------------


def test_a_required_parameter_must_be_given(cli, seeded_sqlite: str) -> None:
    result = cli("report", "run", "counterparts", "--db", seeded_sqlite)
    assert result.exit_code == EXIT_USAGE
    assert "report 'counterparts' needs a value for 'actor'" in one_line_error(result)
    assert result.stdout == ""


def test_a_parameter_with_choices_takes_only_those(cli, seeded_sqlite: str) -> None:
    result = cli("report", "run", "officials-met", "--param", "status=happened", "--db", seeded_sqlite)
    assert result.exit_code == EXIT_USAGE
    assert "parameter 'status' must be one of occurred, planned; got 'happened'" in one_line_error(result)
    typo = cli("report", "run", "actor-network", "--param", "kind=PERSN", "--db", seeded_sqlite)
    assert typo.exit_code == EXIT_USAGE and "(did you mean 'PERSON'?)" in one_line_error(typo)
    planned = cli("report", "run", "officials-met", "--param", "status=Planned", "--format", "json",
                  "--db", seeded_sqlite)
    assert planned.exit_code == 0 and '"status": "planned"' in planned.stdout


def test_dates_that_are_not_one_day_are_errors_that_list_the_forms(cli, seeded_sqlite: str) -> None:
    def run(date_from: str):  # type: ignore[no-untyped-def]
        return cli("report", "run", "officials-met", "--param", f"date_from={date_from}", "--db", seeded_sqlite)

    nonsense = run("notadate")
    assert nonsense.exit_code == EXIT_USAGE
    message = one_line_error(nonsense)
    assert "'notadate' is not a date; accepted: YYYY-MM-DD, today" in message and "last tuesday" in message
    ambiguous = run("01/02/2019")
    assert ambiguous.exit_code == EXIT_USAGE
    assert "'01/02/2019' could be 2019-01-02 or 2019-02-01: write it as YYYY-MM-DD" in one_line_error(ambiguous)
    month = run("March 2024")
    assert month.exit_code == EXIT_USAGE and "is a month, not a day" in one_line_error(month)
    for works in ("last week", "last tuesday", "3 months ago", "13/02/2019", "2 March 2024"):
        assert run(works).exit_code == 0, works


def test_report_help_lists_its_parameters(cli) -> None:
    result = cli("report", "run", "counterparts", "--help")
    assert result.exit_code == 0
    assert "Parameters of counterparts" in result.stdout
    assert "--param actor=<text> (required)" in result.stdout
    assert "--param limit=<int> (default 1000)" in result.stdout
    status = cli("report", "run", "officials-met", "--help")
    assert "--param status=<occurred|planned>" in status.stdout


def test_did_you_mean_for_reports_tables_and_parameters(cli, seeded_sqlite: str) -> None:
    report = cli("report", "run", "oficials-met", "--db", seeded_sqlite)
    assert report.exit_code == EXIT_NOT_FOUND
    assert "no report named 'oficials-met' (did you mean 'officials-met'?)" in one_line_error(report)
    table = cli("schema", "v_meeting")
    assert table.exit_code == EXIT_NOT_FOUND and "(did you mean 'v_meetings'?)" in one_line_error(table)
    query = cli("sql", "SELECT * FROM v_meeting", "--db", seeded_sqlite)
    assert query.exit_code == EXIT_FAILED
    assert "no such table: v_meeting (did you mean 'v_meetings'?)" in one_line_error(query)
    param = cli("report", "run", "officials-met", "--param", "actr=Wang Yi", "--db", seeded_sqlite)
    assert param.exit_code == EXIT_USAGE and "(did you mean 'actor'?)" in one_line_error(param)


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert re.match(r"eventdb \d+\.\d+\.\d+ \(pipeline [^,]+, schema \d{4}, Python 3\.\d+", result.stdout)


# --- Curation -----------------------------------------------------------------------------------------------


def test_splitting_off_a_name_the_actor_does_not_have_is_refused(cli, seeded_copy: str) -> None:
    result = cli("actors", "split", "Jake Sullivan", "--alias", "Zzz", "--db", seeded_copy)
    assert result.exit_code == EXIT_REFUSED
    message = one_line_error(result)
    assert "'Jake Sullivan' is never called 'Zzz', so nothing can be split off" in message
    assert "its names: Jake Sullivan" in message
    assert "(no rows)" in cli("curation", "list", "--db", seeded_copy).stdout  # nothing was recorded


def test_unknown_actor_event_and_rule_are_not_found(cli, seeded_sqlite: str) -> None:
    actor = cli("actors", "merge", "Jake Sulivan", "Wang Yi", "--db", seeded_sqlite)
    assert actor.exit_code == EXIT_NOT_FOUND and "(did you mean 'Jake Sullivan'?)" in one_line_error(actor)
    assert cli("events", "reject", "99999", "--db", seeded_sqlite).exit_code == EXIT_NOT_FOUND
    assert cli("curation", "undo", "99999", "--db", seeded_sqlite).exit_code == EXIT_NOT_FOUND


# --- No tracebacks -------------------------------------------------------------------------------------------


def test_a_missing_bind_parameter_is_a_usage_error(cli, seeded_sqlite: str) -> None:
    result = cli("sql", "SELECT * FROM v_meetings WHERE location = :place", "--db", seeded_sqlite)
    assert result.exit_code == EXIT_USAGE
    assert "the query uses :place; give it a value with --param place=VALUE" in one_line_error(result)
    unused = cli("sql", "SELECT * FROM v_meetings WHERE location = :place", "--param", "plce=Bangkok",
                 "--param", "place=Bangkok", "--db", seeded_sqlite)
    assert unused.exit_code == EXIT_USAGE and "--param plce is not used by the query" in one_line_error(unused)


def test_an_unreachable_directory_in_a_sqlite_url(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    url = f"sqlite:///{blocker}/news.sqlite"
    load = cli("load", str(SEEDS), "--db", url)
    assert load.exit_code == EXIT_DATABASE
    assert f"cannot create the database in {blocker}: a file of that name is in the way" in one_line_error(load)
    query = cli("sql", "SELECT 1", "--db", url)
    assert query.exit_code == EXIT_NOT_FOUND and "no database file" in one_line_error(query)


def test_a_file_that_is_not_a_database(cli, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    result = cli("report", "run", "officials-met", "--db", str(text_file))
    assert result.exit_code == EXIT_DATABASE
    assert "file is not a database" in one_line_error(result)


def test_an_unreachable_server_and_a_bad_url(cli) -> None:
    down = cli("sql", "SELECT 1", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert down.exit_code == EXIT_DATABASE
    assert "cannot open or upgrade postgresql+psycopg://nobody@127.0.0.1:1/none" in one_line_error(down)
    odd = cli("sql", "SELECT 1", "--db", "mysql://localhost/news")
    assert odd.exit_code == EXIT_DATABASE and "unsupported database" in one_line_error(odd)


def test_an_output_file_that_cannot_be_written(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = cli("report", "run", "officials-met", "--out", str(blocker / "report.csv"), "--format", "csv",
                 "--db", seeded_sqlite)
    assert result.exit_code == EXIT_FAILED
    assert str(blocker) in one_line_error(result)


def test_exit_codes_are_documented_in_one_table(cli) -> None:
    import eventdb_errors

    table = re.findall(r"^\| (\d) \| (.+) \|$", eventdb_errors.__doc__ or "", re.MULTILINE)
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert [int(code) for code, _ in table] == [0, 1, 2, 3, 4, 5]
    for code, meaning in table:
        assert f"| {code} | {meaning} |" in readme, code
    assert "5 database unavailable" in cli("--help").stdout


# --- Output -------------------------------------------------------------------------------------------------


def test_markdown_shows_null_as_an_empty_cell(cli, seeded_sqlite: str) -> None:
    result = cli("sql", "SELECT name, CASE WHEN name = 'Bloomberg' THEN NULL ELSE name END AS maybe FROM sources "
                        "ORDER BY name", "--format", "md", "--db", seeded_sqlite)
    assert result.exit_code == 0
    assert "nan" not in result.stdout.lower()
    assert re.search(r"^\| Bloomberg +\| +\|$", result.stdout, re.MULTILINE), result.stdout


def test_the_events_chart_counts_events_not_pairs(cli, seeded_sqlite: str) -> None:
    import json

    import pandas as pd

    from reports.render import chart_spec, time_table

    result = cli("report", "run", "officials-met", "--format", "json", "--db", seeded_sqlite)
    frame = pd.DataFrame(json.loads(result.stdout))
    assert frame["event_id"].duplicated().any(), "the seeds have a meeting of three or more (several pairs)"
    spec = chart_spec(frame)
    assert spec is not None and spec.unit == "events" and spec.caption().startswith("events per month")
    drawn = time_table(frame, spec).sum(axis=1)
    dated = frame.dropna(subset=["date_start"])
    expected = dated.groupby(dated["date_start"].str[:7])["event_id"].nunique()
    assert drawn[drawn > 0].to_dict() == expected.to_dict()
    page = cli("report", "run", "officials-met", "--format", "html", "--db", seeded_sqlite).stdout
    assert "<figcaption>events per month" in page
