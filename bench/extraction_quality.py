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

from etl.evaluate import evaluate  # noqa: E402

DEFAULT_GOLDS = (ROOT.parent / "shared" / "eval" / "seeds_gold.json", ROOT / "bench" / "gold" / "guardian_heldout.json",
                 ROOT / "etl" / "training" / "gold" / "dev_news.json",
                 ROOT / "etl" / "training" / "gold" / "dev_guardian.json")


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
        for kind, r in result.by_type.items():
            e, p = r["events"], r["participants"]
            rows.append({"gold": gold.name, "type": kind, "n": e["tp"] + e["fn"], "P": round(e["precision"], 3),
                         "R": round(e["recall"], 3), "F1": round(e["f1"], 3), "participants": round(p["f1"], 3),
                         "location": round(r["location_accuracy"], 3), "date": round(r["date_accuracy"], 3),
                         "status": round(r["status_accuracy"], 3), "mode": round(r["mode_accuracy"], 3),
                         "seconds": round(time.monotonic() - started, 1)})
        if len(result.by_type) > 1:
            rows.append({"gold": gold.name, "type": f"macro F1 ({len(result.by_type)} types)",
                         "F1": round(result.macro_f1, 3)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print("| gold | type | n | P | R | F1 | participants | location | date | status | mode |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| " + " | ".join(str(r.get(k, "")) for k in ("gold", "type", "n", "P", "R", "F1", "participants",
                                                           "location", "date", "status", "mode")) + " |")


if __name__ == "__main__":
    main()
