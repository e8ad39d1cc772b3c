"""`python -m etl.training.gold check`: what coders run on a batch before it joins the gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT

EVENT = {"id": "g-x-1-1", "article": "x-1", "cluster": "a-b-2024", "type": "CONSULT", "mode": "meeting",
         "status": "occurred", "participants": [{"names": ["Ana Reyes"]}, {"names": ["Carlos Vega"]}],
         "location": ["Lima"], "date": {"start": "2024-03-11", "end": "2024-03-11"}, "optional": False,
         "evidence": "Ana Reyes met Carlos Vega in Lima", "trigger": "met"}


def check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl.training.gold", "check", "--corpora", str(tmp_path), *args],
                          capture_output=True, text=True, cwd=PROJECT, check=False)


def test_a_made_up_batch_is_checked_against_its_own_texts(tmp_path: Path) -> None:
    for name in ("news_2015_2025.jsonl", "guardian_dev.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    batch = tmp_path / "batch.gold.json"
    batch.write_text(json.dumps({"articles": {"x-1": {"published_at": "2024-03-12"}}, "events": [EVENT]}),
                     encoding="utf-8")
    texts = tmp_path / "batch.jsonl"
    texts.write_text(json.dumps({"id": "x-1", "text": "Ana Reyes met Carlos Vega in Lima on Monday."}) + "\n",
                     encoding="utf-8")

    without = check(tmp_path, str(batch))
    assert without.returncode == 1
    assert "g-x-1-1: article 'x-1' has no text" in without.stdout

    good = check(tmp_path, "--texts", str(texts), str(batch))
    assert good.returncode == 0, good.stdout
    assert good.stdout.strip().endswith("0 problem(s)")

    texts.write_text(json.dumps({"id": "x-1", "text": "Ana Reyes spoke to Carlos Vega."}) + "\n", encoding="utf-8")
    changed = check(tmp_path, "--texts", str(texts), str(batch))
    assert changed.returncode == 1
    assert "evidence is not a verbatim part of the article" in changed.stdout
