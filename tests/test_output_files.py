"""`--out` files are written whole or not at all: on a full disk the command says so in one line, leaves no
truncated or temporary file, and an older file of that name stays as it was (issue 11, #11)."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, SEEDS

FILE_SIZE_LIMIT = 8_000  # bytes: what the "disk" holds for any one file the command writes
BIG_REPORT = """/* ---
name = "big"
title = "Big"
--- */
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
SELECT i, 'a line of the report that fills the disk' AS words FROM n
"""


def on_a_full_disk(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`eventdb ARGS` where no file may grow past FILE_SIZE_LIMIT: writes beyond fail as on a full disk."""

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with an error instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))

    return subprocess.run([sys.executable, "-m", "eventdb_cli", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=300, preexec_fn=limit_file_size)


def test_out_files_on_a_full_disk_are_not_left_truncated(cli, db_url: str, tmp_path: Path) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "big.sql").write_text(BIG_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.jsonl").write_text("the export of yesterday\n", encoding="utf-8")
    # SQLite readers share the -shm file: opened here first, it is there already, not grown by the command.
    reader = sqlite3.connect(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    if reader is not None:
        reader.execute("SELECT COUNT(*) FROM events").fetchone()
    try:
        runs = {
            "events.jsonl": on_a_full_disk(["export", "--format", "jsonl", "--out", str(out / "events.jsonl"),
                                            "--db", db_url]),
            "big.csv": on_a_full_disk(["report", "run", "big", "--format", "csv", "--reports-dir", str(reports),
                                       "--out", str(out / "big.csv"), "--db", db_url]),
        }
    finally:
        if reader is not None:
            reader.close()
    for name, result in runs.items():
        assert result.returncode == 1, (name, result.stderr)
        assert result.stderr.strip().splitlines() == [
            f"error: cannot write {out / name}: File too large; nothing was written"], (name, result.stderr)
    assert sorted(p.name for p in out.iterdir()) == ["events.jsonl"]  # no temporary files, no truncated report
    assert (out / "events.jsonl").read_text(encoding="utf-8") == "the export of yesterday\n"

    small = cli("export", "--format", "jsonl", "--out", str(out / "events.jsonl"), "--db", db_url)
    assert small.exit_code == 0 and (out / "events.jsonl").read_text(encoding="utf-8").count("\n") > 1
