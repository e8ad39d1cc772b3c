"""Several loaders at once on one database, with overlapping inputs: nothing duplicated, no load fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_cli_load import row_counts
from test_crash_safety import export_without_ids

from conftest import PROJECT, SAMPLE_CORPUS

CORPUS = SAMPLE_CORPUS


def _start(paths: list[Path], url: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "eventdb_cli", "load", *map(str, paths), "--db", url,
                             "--batch-size", "4"], cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def test_three_loaders_with_overlapping_inputs(cli, db_url: str, tmp_path: Path) -> None:
    with CORPUS.open(encoding="utf-8") as source:
        lines = [next(source) for _ in range(12)]
    parts = {"a.jsonl": lines[:8], "b.jsonl": lines[4:], "c.jsonl": lines[2:10][::-1]}
    for name, chunk in parts.items():
        (tmp_path / name).write_text("".join(chunk), encoding="utf-8")
    (tmp_path / "all.jsonl").write_text("".join(lines), encoding="utf-8")

    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    assert cli("load", str(tmp_path / "all.jsonl"), "--db", clean_url).exit_code == 0

    loaders = [_start([tmp_path / name], db_url) for name in parts]
    # Readers are never blocked by the loads: queries keep answering while all three write.
    reads = 0
    while any(loader.poll() is None for loader in loaders) and reads < 50:
        result = cli("sql", "SELECT COUNT(*) AS n FROM articles", "--format", "json", "--timeout", "5",
                     "--db", db_url)
        if result.exit_code == 3 or (result.exit_code != 0 and "no such table" in result.stderr):
            continue  # the first loader is still creating the database or its schema
        assert result.exit_code == 0, result.stderr
        reads += 1
    for loader in loaders:
        _out, err = loader.communicate(timeout=300)
        assert loader.returncode == 0, err
    assert reads > 0
    assert row_counts(db_url) == row_counts(clean_url)
    assert export_without_ids(cli, db_url) == export_without_ids(cli, clean_url)
    runs = cli("sql", "SELECT status, articles_loaded, articles_skipped FROM etl_runs", "--format", "json",
               "--db", db_url)
    assert runs.exit_code == 0
    assert '"failed"' not in runs.stdout
