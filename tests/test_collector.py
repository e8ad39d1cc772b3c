"""A load tunes Python's garbage collector for its own run (etl.collector) and leaves it as it found it, whether it
succeeds or fails: a program that calls the library keeps its own settings."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from db.session import open_database
from etl.pipeline import LoadOptions, run_load


def _collector() -> tuple[tuple[int, int, int], int, bool]:
    return gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()


def test_a_load_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path}/events.sqlite")
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": "Macron met Merkel in Berlin on Tuesday.",
                                  "published_at": "2024-05-01"}) + "\n", encoding="utf-8")
    before = _collector()
    summary = run_load(engine, [str(corpus)])
    assert summary.articles_loaded == 1
    assert _collector() == before
    with pytest.raises(OSError):
        run_load(engine, [str(corpus)], LoadOptions(model="no_such_spacy_model"))
    assert _collector() == before
