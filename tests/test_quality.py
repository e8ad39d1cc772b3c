"""Extraction quality on the seeds, measured by the project's scorer through the real load and export."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "seeds_gold.json"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval (the scorer) is not beside the project")
def test_seeds_event_f1_at_least_070(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    export = tmp_path / "seeds.jsonl"
    assert cli("export", "--format", "jsonl", "--out", str(export), "--db", seeded_sqlite).exit_code == 0
    result = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(export)], capture_output=True, text=True,
                            check=True)
    last = result.stdout.strip().splitlines()[-1]
    event_f1 = float(re.search(r"event_f1=([0-9.]+)", last).group(1))
    assert event_f1 >= 0.70, result.stdout
