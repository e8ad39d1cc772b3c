"""Extraction quality on the seeds, measured by the project's scorer through the real load and export."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import SCORER, SEEDS_GOLD, needs_scorer

GOLD = SEEDS_GOLD


@needs_scorer
def test_seeds_event_f1_at_least_070(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    export = tmp_path / "seeds.jsonl"
    assert cli("export", "--format", "jsonl", "--out", str(export), "--db", seeded_sqlite).exit_code == 0
    result = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(export)], capture_output=True, text=True,
                            check=True)
    last = result.stdout.strip().splitlines()[-1]
    event_f1 = float(re.search(r"event_f1=([0-9.]+)", last).group(1))
    assert event_f1 >= 0.70, result.stdout
