"""The coded corpus's tools: `etl.training.gold.assemble` (coded batches -> the split gold files the trainer and the
scorer read) and `python -m etl.training.agreement`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from etl.training.gold import TYPES, assemble, coded_for, coded_types

GUARDIAN_TRAIN = "guardian-6ed5ca5bd8"  # a Guardian article of the train split (etl/training/gold/articles.json)
NEWS_TRAIN = "n-3339651da3"
OTHER_TYPES = ",".join(t for t in TYPES if t != "CONSULT")


def event(article: str, kind: str, n: int) -> dict:
    return {"id": f"g-{article}-{n}", "article": article, "cluster": "c", "type": kind, "mode": None,
            "status": "occurred", "participants": [{"names": ["A"]}, {"names": ["B"]}], "location": None,
            "date": None, "optional": False, "evidence": "x", "trigger": "x"}


def write(path: Path, articles: dict, events: list[dict]) -> Path:
    path.write_text(json.dumps({"description": "", "articles": articles, "events": events}), encoding="utf-8")
    return path


def test_a_second_batch_codes_an_article_for_the_other_types(tmp_path: Path) -> None:
    """A Guardian article coded for CONSULT, then for the 15 other types, is coded for all of them; an article coded
    by one batch keeps its entry as it was (so the frozen test files do not change)."""
    first = write(tmp_path / "a.json", {GUARDIAN_TRAIN: {"published_at": "2018-01-01"},
                                       NEWS_TRAIN: {"published_at": "2020-01-01"}},
                  [event(GUARDIAN_TRAIN, "CONSULT", 1), event(NEWS_TRAIN, "ACCUSE", 1)])
    second = write(tmp_path / "b.json", {GUARDIAN_TRAIN: {"published_at": "2018-01-01", "types": OTHER_TYPES}},
                   [event(GUARDIAN_TRAIN, "ASSAULT", 2)])
    out = tmp_path / "out"
    out.mkdir()
    assemble([first, second], out)
    guardian = json.loads((out / "train_guardian.json").read_text(encoding="utf-8"))
    assert guardian["articles"][GUARDIAN_TRAIN]["types"] == "all"
    assert coded_types(guardian, GUARDIAN_TRAIN) is None
    assert {e["type"] for e in guardian["events"]} == {"CONSULT", "ASSAULT"}
    assert GUARDIAN_TRAIN in coded_for(guardian, "ASSAULT")["articles"]
    news = json.loads((out / "train_news.json").read_text(encoding="utf-8"))
    assert "types" not in news["articles"][NEWS_TRAIN]

    only_consult = write(tmp_path / "c.json", {GUARDIAN_TRAIN: {"published_at": "2018-01-01"}},
                         [event(GUARDIAN_TRAIN, "CONSULT", 1)])
    assemble([only_consult], out)
    guardian = json.loads((out / "train_guardian.json").read_text(encoding="utf-8"))
    assert "types" not in guardian["articles"][GUARDIAN_TRAIN]
    assert GUARDIAN_TRAIN not in coded_for(guardian, "ASSAULT")["articles"]  # coded for CONSULT alone


def test_an_article_coded_twice_for_one_type_is_refused(tmp_path: Path) -> None:
    first = write(tmp_path / "a.json", {GUARDIAN_TRAIN: {"published_at": "2018-01-01"}}, [])
    again = write(tmp_path / "b.json", {GUARDIAN_TRAIN: {"published_at": "2018-01-01", "types": "CONSULT,ACCUSE"}},
                  [])
    with pytest.raises(SystemExit, match="coded for \\['CONSULT'\\] in two batches"):
        assemble([first, again], tmp_path)


def test_agreement_over_the_types_both_coders_coded() -> None:
    """The second coding of Guardian articles for the 15 other types is compared over those types only: the first
    coder's CONSULT events of the same articles are no disagreement."""
    others = [t for t in TYPES if t != "CONSULT"]
    result = subprocess.run(
        [sys.executable, "-m", "etl.training.agreement", "--second",
         "etl/training/gold/agreement/coder_b_guardian_types.json", "--types", ",".join(others)],
        capture_output=True, text=True, cwd=PROJECT, check=True)
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines()[2:]}
    assert "all 15 types coded" in rows and "CONSULT" not in rows
    assert float(rows["all 15 types coded"].split("|")[6]) >= 0.8
