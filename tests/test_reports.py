"""The report library: discovery, parameters bound not formatted, every output format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reports.library import ReportError, discover, find, parse_date


def test_bundled_reports_have_headers() -> None:
    reports = discover()
    assert "officials-met" in reports
    for report in reports.values():
        assert report.title and report.description and report.sql.lstrip().upper().startswith(("SELECT", "WITH"))


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_officials_met_in_every_format(cli, seeded_sqlite: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = cli("report", "run", "officials-met", "--format", fmt, "--out", str(out), "--db", seeded_sqlite)
    assert result.exit_code == 0, result.output
    content = out.read_text(encoding="utf-8")
    assert "Wang Yi" in content


def test_filters_are_bound_parameters(cli, seeded_sqlite: str) -> None:
    def rows(*params: str) -> list[dict]:
        args = [arg for p in params for arg in ("--param", p)]
        result = cli("report", "run", "officials-met", *args, "--format", "json", "--db", seeded_sqlite)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    everyone = rows()
    by_alias = rows("actor=Sullivan")
    assert by_alias and len(by_alias) < len(everyone)
    assert all("Jake Sullivan" in (r["actor"], r["counterpart"]) for r in by_alias)
    assert rows("actor=x' OR '1'='1") == []
    assert all(r["status"] == "planned" for r in rows("status=planned"))
    dated = rows("date_from=2024-01-01", "date_to=2024-01-31")
    assert dated and all(r["date_end"] >= "2024-01-01" and r["date_start"] <= "2024-01-31" for r in dated)


def test_bad_parameters_are_clear_errors(cli, seeded_sqlite: str) -> None:
    unknown = cli("report", "run", "officials-met", "--param", "nope=1", "--db", seeded_sqlite)
    assert unknown.exit_code == 2 and "has no parameter nope" in unknown.stderr
    bad_date = cli("report", "run", "officials-met", "--param", "date_from=yesterday-ish", "--db", seeded_sqlite)
    assert bad_date.exit_code == 2 and "'yesterday-ish' is not a date" in bad_date.stderr
    missing = cli("report", "run", "no-such-report", "--db", seeded_sqlite)
    assert missing.exit_code == 3 and "no report named" in missing.stderr


def test_user_reports_folder(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    (tmp_path / "actor_count.sql").write_text(
        '/* ---\nname = "actor-count"\ntitle = "Actors"\ndescription = "How many actors of a kind."\n'
        '[[params]]\nname = "kind"\ntype = "text"\ndefault = "PERSON"\nhelp = "Actor kind"\n--- */\n'
        "SELECT COUNT(*) AS n FROM actors WHERE kind = :kind\n", encoding="utf-8")
    listed = cli("report", "list", "--reports-dir", str(tmp_path))
    assert "actor-count" in listed.stdout and "officials-met" in listed.stdout
    shown = cli("report", "show", "actor-count", "--reports-dir", str(tmp_path))
    assert "--param kind=<text> (default PERSON)" in shown.stdout and "SELECT COUNT(*)" in shown.stdout
    result = cli("report", "run", "actor-count", "--reports-dir", str(tmp_path), "--format", "json",
                 "--db", seeded_sqlite)
    assert json.loads(result.stdout)[0]["n"] > 0


def test_report_without_header_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "bad.sql").write_text("SELECT 1", encoding="utf-8")
    with pytest.raises(ReportError, match="no metadata header"):
        find("bad", [tmp_path])


def test_relative_dates() -> None:
    today = date(2024, 3, 31)
    assert parse_date("today", today) == today
    assert parse_date("7 days ago", today) == date(2024, 3, 24)
    assert parse_date("1 month ago", today) == date(2024, 2, 29)  # 2024 is a leap year
    assert parse_date("2024-01-05", today) == date(2024, 1, 5)


def test_reports_run_on_postgresql(cli, db_url: str) -> None:
    from conftest import SEEDS

    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    for params in ([], ["--param", "actor=Wang Yi", "--param", "date_from=2023-01-01", "--param", "country=CHN",
                        "--param", "place=Bangkok", "--param", "status=occurred"]):
        result = cli("report", "run", "officials-met", *params, "--format", "json", "--db", db_url)
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)


def test_sullivan_meetings_with_wang_and_zhang(cli, db_url: str) -> None:
    from conftest import SEEDS

    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    result = cli("report", "run", "officials-met", "--param", "actor=Jake Sullivan", "--format", "json",
                 "--db", db_url)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    with_wang = {r["location"] for r in rows if r["counterpart"] == "Wang Yi" and r["date_start"]}
    assert {"Bangkok", "Vienna", "Malta", "Beijing"} <= with_wang
    assert any(r["counterpart"] == "Zhang Youxia" and r["date_start"] == "2024-08-29" for r in rows)
    assert all(r["actor"] == "Jake Sullivan" for r in rows)
