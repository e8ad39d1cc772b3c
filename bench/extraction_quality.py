"""Extraction quality on gold files, each through a real load, export and the shared scorer (`eventdb evaluate`).

    python bench/extraction_quality.py [GOLD ...] [--types CONSULT] [--json]

Without GOLD: the seeds, the earlier held-out Guardian set (bench/gold/guardian_heldout.json) and the dev split of the
coded corpus. The test split (etl/training/gold/test_*.json) is read only when named: its figures are the final
measurement, not a tuning signal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.evaluate import Evaluation, evaluate  # noqa: E402

DEFAULT_GOLDS = (ROOT.parent / "shared" / "eval" / "seeds_gold.json", ROOT / "bench" / "gold" / "guardian_heldout.json",
                 ROOT / "etl" / "training" / "gold" / "dev_news.json",
                 ROOT / "etl" / "training" / "gold" / "dev_guardian.json")


COLUMNS = ("gold", "type", "n", "P", "R", "F1", "participants", "location", "date", "status", "mode")


def figure_rows(result: Evaluation, label: dict, **extra: object) -> list[dict]:
    """A row of figures per type the evaluation scored, and its macro F1 when it scored several."""
    rows = []
    for kind, r in result.by_type.items():
        e, p = r["events"], r["participants"]
        rows.append({**label, "type": kind, "n": e["tp"] + e["fn"], "P": round(e["precision"], 3),
                     "R": round(e["recall"], 3), "F1": round(e["f1"], 3), "participants": round(p["f1"], 3),
                     "location": round(r["location_accuracy"], 3), "date": round(r["date_accuracy"], 3),
                     "status": round(r["status_accuracy"], 3), "mode": round(r["mode_accuracy"], 3), **extra})
    if len(result.by_type) > 1:
        rows.append({**label, "type": f"macro F1 ({len(result.by_type)} types)", "F1": round(result.macro_f1, 3)})
    return rows


def print_rows(rows: list[dict], columns: tuple[str, ...], as_json: bool) -> None:
    """Every row as JSON, or the columns as a Markdown table."""
    if as_json:
        print(json.dumps(rows, indent=1))
        return
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join("---" if c in ("gold", "type") else "---:" for c in columns) + "|")
    for r in rows:
        print("| " + " | ".join(str(r.get(k, "")) for k in columns) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("golds", nargs="*", type=Path)
    ap.add_argument("--types", help="comma-separated types (default: those each gold codes)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    types = set(args.types.split(",")) if args.types else None
    rows = []
    for gold in args.golds or DEFAULT_GOLDS:
        started = time.monotonic()
        result = evaluate(gold, types=types)
        rows += figure_rows(result, {"gold": gold.name}, seconds=round(time.monotonic() - started, 1))
    print_rows(rows, COLUMNS, args.json)


if __name__ == "__main__":
    main()
