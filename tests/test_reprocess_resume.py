"""A reprocess killed part-way loses nothing for good: every command warns until a reprocess finishes, and the next
`eventdb reprocess` resumes after the last article it rebuilt, ending where a clean reprocess ends (issue 11, #9)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_crash_safety import export_without_ids, scalar

from conftest import PROJECT

MINISTERS = ["Antony Blinken", "Wang Yi", "Sergei Lavrov", "Annalena Baerbock", "Catherine Colonna",
             "James Cleverly", "Yoko Kamikawa", "Penny Wong", "Melanie Joly", "Hakan Fidan"]
CITIES = ["Paris", "Berlin", "Tokyo", "Ottawa", "Ankara", "Canberra", "London", "Beijing"]
ARTICLES = 40
REPROCESS_RUN = "SELECT MAX(id) FROM etl_runs WHERE input LIKE '(reprocess%'"


def write_articles(path: Path, count: int = ARTICLES, first: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(first, first + count):
            a, b = MINISTERS[n % 10], MINISTERS[(n * 3 + 1) % 10 if (n * 3 + 1) % 10 != n % 10 else (n + 5) % 10]
            text = (f"Foreign Minister {a} met {b} in {CITIES[n % 8]} on Tuesday to discuss trade and the war in "
                    f"Ukraine, officials said after the talks. Report number {n}.")
            out.write(json.dumps({"id": f"a{n}", "text": text, "published_at": "2024-05-09"}) + "\n")
    return path


def kill_reprocess_part_way(url: str) -> int:
    """Start `eventdb reprocess`, SIGKILL it once a few articles have their events again; the run's id."""
    process = subprocess.Popen([sys.executable, "-m", "eventdb_cli", "reprocess", "--db", url], cwd=PROJECT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 180
    rebuilt = 0
    while time.monotonic() < deadline and process.poll() is None and rebuilt < 5:
        try:
            if (scalar(url, REPROCESS_RUN) or 0) > 1:
                rebuilt = scalar(url, "SELECT COUNT(DISTINCT article_id) FROM event_mentions") or 0
        except Exception:  # the run's first transaction is still going
            rebuilt = 0
        time.sleep(0.02)
    assert process.poll() is None, f"the reprocess ended before it could be killed: {process.stderr.read()!r}"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return scalar(url, REPROCESS_RUN)


def test_a_killed_reprocess_warns_and_resumes(cli, db_url: str, tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "articles.jsonl")
    assert cli("load", str(articles), "--db", db_url).exit_code == 0
    complete = export_without_ids(cli, db_url)
    assert len(complete) >= 5

    killed = kill_reprocess_part_way(db_url)
    assert scalar(db_url, f"SELECT status FROM etl_runs WHERE id = {killed}") == "running"
    assert len(export_without_ids(cli, db_url)) < len(complete)  # events of the later articles are missing

    for command in (["sql", "SELECT COUNT(*) FROM events"], ["export", "--format", "csv"]):
        result = cli(*command, "--db", db_url)
        assert f"reprocess run {killed} was interrupted" in result.stderr, (command, result.stderr)

    resumed = cli("reprocess", "--db", db_url)
    assert resumed.exit_code == 0, resumed.output
    assert "resumed an interrupted reprocess" in resumed.stderr and "warning" not in resumed.stderr
    assert export_without_ids(cli, db_url) == complete
    assert scalar(db_url, f"SELECT status FROM etl_runs WHERE id = {killed}") == "interrupted"
    assert scalar(db_url, f"SELECT completed_by_run_id FROM etl_runs WHERE id = {killed}") == killed + 1
    assert "warning" not in cli("sql", "SELECT 1", "--db", db_url).stderr


def test_a_load_after_a_killed_reprocess_warns_and_the_next_reprocess_starts_over(cli, sqlite_url: str,
                                                                                   tmp_path: Path) -> None:
    first, more = write_articles(tmp_path / "first.jsonl"), write_articles(tmp_path / "more.jsonl", 3, ARTICLES)
    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    for url in (sqlite_url, clean_url):
        assert cli("load", str(first), "--db", url).exit_code == 0
    assert cli("load", str(more), "--db", clean_url).exit_code == 0

    killed = kill_reprocess_part_way(sqlite_url)
    load = cli("load", str(more), "--db", sqlite_url)
    assert load.exit_code == 0 and f"reprocess run {killed} was interrupted" in load.stderr, load.stderr

    again = cli("reprocess", "--db", sqlite_url)
    assert again.exit_code == 0 and "resumed" not in again.stderr, again.output
    assert cli("reprocess", "--db", clean_url).exit_code == 0
    assert export_without_ids(cli, sqlite_url) == export_without_ids(cli, clean_url)
