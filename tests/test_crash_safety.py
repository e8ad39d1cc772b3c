"""A load killed with SIGKILL loses nothing and duplicates nothing: rerunning it equals one clean load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from test_cli_load import row_counts

from conftest import PROJECT, SAMPLE_CORPUS

CORPUS = SAMPLE_CORPUS
ARTICLES = 12


def export_without_ids(cli, url: str) -> list[str]:
    result = cli("export", "--format", "jsonl", "--db", url)
    events = []
    for line in result.stdout.splitlines():
        event = json.loads(line)
        event.pop("id")
        events.append(json.dumps(event, sort_keys=True))
    return sorted(events)


def scalar(url: str, sql: str):  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.execute(text(sql)).scalar()
    engine.dispose()
    return value


def test_killed_load_rerun_equals_clean_load(cli, db_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    with CORPUS.open(encoding="utf-8") as source:
        articles.write_text("".join(next(source) for _ in range(ARTICLES)), encoding="utf-8")

    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    assert cli("load", str(articles), "--db", clean_url).exit_code == 0

    command = [sys.executable, "-m", "eventdb_cli", "load", str(articles), "--db", db_url, "--batch-size", "2"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            loaded = scalar(db_url, "SELECT COUNT(*) FROM articles") or 0
        except Exception:  # the schema may not exist yet
            loaded = 0
        if loaded >= 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, f"the load ended before it could be killed: {process.stderr.read()!r}"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    killed = scalar(db_url, "SELECT COUNT(*) FROM articles")
    assert 3 <= killed < ARTICLES
    assert scalar(db_url, "SELECT status FROM etl_runs WHERE id = 1") == "running"
    assert scalar(db_url, "SELECT finished_at FROM etl_runs WHERE id = 1") is None

    rerun = cli("load", str(articles), "--db", db_url)
    assert rerun.exit_code == 0, rerun.output
    assert f"{ARTICLES - killed} loaded, {killed} skipped" in rerun.stderr

    assert row_counts(db_url) == row_counts(clean_url)
    assert export_without_ids(cli, db_url) == export_without_ids(cli, clean_url)
    assert scalar(db_url, "SELECT status FROM etl_runs WHERE id = 1") == "interrupted"
    assert scalar(db_url, "SELECT completed_by_run_id FROM etl_runs WHERE id = 1") == 2
