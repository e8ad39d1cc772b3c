"""Scoring extractions against gold with the shared scorer (`../shared/eval/score.py`), without a database: the
quick loop of training and tuning. `eventdb evaluate` measures the same through a real load and export.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_SCORER = Path("../shared/eval/score.py")


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The scorer module from its file (it is a script, not an installed package)."""
    if not path.exists():
        raise FileNotFoundError(f"scorer not found at {path}: pass its path (../shared/eval/score.py)")
    spec = importlib.util.spec_from_file_location("eventdb_shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def export_lines(article_id: str, events: list[dict]) -> list[dict[str, Any]]:
    """The extractor's events of one article in the export shape the scorer reads."""
    out = []
    for n, ev in enumerate(events):
        out.append({
            "id": f"{article_id}#{n}",
            "type": ev.get("type", "CONSULT"),
            "mode": ev.get("mode"),
            "status": ev.get("status"),
            "date": ev.get("date"),
            "location": ev.get("location"),
            "participants": [{"name": p["name"], "kind": p["kind"], "country_code": p.get("country_code"),
                              "role": p.get("role"), "title": p.get("title")} for p in ev["participants"]],
            "mentions": [{"article_id": article_id}],
            "confidence": ev.get("confidence"),
        })
    return out


def score(gold: dict, export: list[dict], types: set[str] | None = None, scorer: ModuleType | None = None) -> dict:
    """score.py's figures (its `Scorer.run()` result) for an export against a gold dict."""
    scorer = scorer or load_scorer()
    return scorer.Scorer(gold, export, types or {"CONSULT"}).run()


def summary_line(res: dict) -> str:
    e, p = res["events"], res["participants"]
    return (f"events P={e['precision']:.2f} R={e['recall']:.2f} F1={e['f1']:.2f} (tp={e['tp']} fp={e['fp']} "
            f"fn={e['fn']})  participants F1={p['f1']:.2f}  location={res['location_accuracy']:.2f} "
            f"date={res['date_accuracy']:.2f} status={res['status_accuracy']:.2f} mode={res['mode_accuracy']:.2f}")


def read_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
