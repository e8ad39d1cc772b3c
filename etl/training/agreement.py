"""Agreement between two coders of the same articles, measured with the scorer itself:

    python -m etl.training.agreement [--second etl/training/gold/agreement/coder_b.json] [--types T1,T2,...]

Each coder's events are turned into an export and scored against the other's gold. Coder A's required events that
B found (any of B's events) give recall A->B, and the other way round; agreement is their harmonic mean, the
pairwise F1 of event-coding studies. Slot agreement (location, date, status, mode) is read off the matched events.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import ModuleType

from etl.places import get_gazetteer
from etl.training.gold import GOLD_DIR, TYPES
from etl.training.scoring import DEFAULT_SCORER, load_scorer


def as_export(gold: dict) -> list[dict]:
    """A coder's events as a system's export: each participant by its first name."""
    gaz = get_gazetteer(None)
    out = []
    for ev in gold["events"]:
        parts = []
        for p in ev["participants"]:
            name = p["names"][0]
            place = gaz.lookup(name)
            country = p.get("country_code") and (p.get("sector") or place is not None and place.kind == "country")
            parts.append({"name": name, "kind": "COUNTRY" if country else "PERSON",
                          "country_code": p.get("country_code")})
        loc = ev.get("location")
        out.append({"id": ev["id"], "type": ev["type"], "mode": ev.get("mode"), "status": ev.get("status"),
                    "date": ev.get("date"), "location": {"name": loc[0]} if loc else None, "participants": parts,
                    "mentions": [{"article_id": ev["article"]}]})
    return out


def first_coding(articles: set[str]) -> dict:
    """Coder A's gold of the given articles, from the batches."""
    out: dict = {"articles": {}, "events": []}
    for path in sorted((GOLD_DIR / "batches").glob("*.json")):
        batch = json.loads(path.read_text(encoding="utf-8"))
        for art, meta in batch["articles"].items():
            if art in articles:
                out["articles"][art] = meta
        out["events"] += [e for e in batch["events"] if e["article"] in articles]
    return out


def agreement(a: dict, b: dict, types: set[str], scorer: ModuleType) -> dict:
    ab = scorer.Scorer(a, as_export(b), types).run()
    ba = scorer.Scorer(b, as_export(a), types).run()
    ra, rb = ab["events"]["recall"], ba["events"]["recall"]
    return {"events_a": sum(1 for e in a["events"] if e["type"] in types and not e.get("optional")),
            "events_b": sum(1 for e in b["events"] if e["type"] in types and not e.get("optional")),
            "recall_a_by_b": ra, "recall_b_by_a": rb, "f1": 2 * ra * rb / (ra + rb) if ra + rb else 0.0,
            "location": ab["location_accuracy"], "date": ab["date_accuracy"], "status": ab["status_accuracy"],
            "mode": ab["mode_accuracy"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--second", type=Path, default=GOLD_DIR / "agreement" / "coder_b.json")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--types", help="comma-separated types both coders coded (default: all 16); the row of all of "
                                    "them is over these")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    b = json.loads(args.second.read_text(encoding="utf-8"))
    a = first_coding(set(b["articles"]))
    missing = set(b["articles"]) - set(a["articles"])
    if missing:
        raise SystemExit(f"coder A has not coded {len(missing)} of the articles: {sorted(missing)[:5]}")
    print("| types | A events | B events | A found by B | B found by A | agreement F1 | location | date | status "
          "| mode |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    coded = set(args.types.split(",")) if args.types else set(TYPES)
    a["events"] = [e for e in a["events"] if e["type"] in coded]  # coder A may have coded more types than B
    present = sorted({e["type"] for e in a["events"] + b["events"]})
    rows = [("CONSULT", {"CONSULT"})] if "CONSULT" in coded else []
    rows.append(("all 16 types" if coded == set(TYPES) else f"all {len(coded)} types coded", coded))
    for label, types in rows + [(t, {t}) for t in present if t != "CONSULT"]:
        r = agreement(a, b, types, scorer)
        print(f"| {label} | {r['events_a']} | {r['events_b']} | {r['recall_a_by_b']:.2f} | {r['recall_b_by_a']:.2f} "
              f"| {r['f1']:.2f} | {r['location']:.2f} | {r['date']:.2f} | {r['status']:.2f} | {r['mode']:.2f} |")


if __name__ == "__main__":
    main()
