"""ETL throughput: raw spaCy `nlp.pipe` against the full `eventdb load`, on the same texts and model.

    python bench/etl_throughput.py [--corpus ../shared/corpora/guardian_dev.jsonl] [--workers 1 2]

For each worker count it times (a) loading the model and running `nlp.pipe` over the texts, and (b) a
whole load into a fresh SQLite database (model load, migrations, NLP, extraction and writes), alternating
the two `--repeat` times and keeping the fastest of each, and prints articles/s for both, their ratio, and
the speed-up of N workers over 1. Targets: load/raw >= 0.90 with
1 worker; 2 workers >= 1.6 x 1 worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.session import open_database  # noqa: E402
from etl.nlp import load_model  # noqa: E402
from etl.pipeline import LoadOptions, run_load  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "guardian_dev.jsonl"


def raw_spacy(texts: list[str], workers: int, batch_size: int) -> float:
    start = time.perf_counter()
    nlp = load_model()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - start


def full_load(corpus: Path, workers: int, batch_size: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine = open_database(f"sqlite:///{tmp}/bench.sqlite")
        summary = run_load(engine, [str(corpus)], LoadOptions(workers=workers, batch_size=batch_size))
        elapsed = time.perf_counter() - start
        engine.dispose()
    if summary.articles_loaded == 0:
        raise SystemExit("the load stored no article: is the corpus right?")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each side, alternated; the fastest counts (this machine's speed varies)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.read_text(encoding="utf-8").splitlines() if line]
    n = len(texts)
    results = []
    for workers in args.workers:
        raw_times, full_times = [], []
        for _ in range(args.repeat):
            raw_times.append(raw_spacy(texts, workers, args.batch_size))
            full_times.append(full_load(args.corpus, workers, args.batch_size))
        raw, full = min(raw_times), min(full_times)
        results.append({"workers": workers, "raw_articles_per_s": n / raw, "load_articles_per_s": n / full,
                        "ratio": raw / full})
    base = results[0]["load_articles_per_s"]
    print(f"ETL throughput on {n} articles of {args.corpus.name}, {os.cpu_count()} cores, {date.today()}")
    print(f"{'workers':>7}  {'raw spaCy art/s':>15}  {'eventdb load art/s':>18}  {'load/raw':>8}  {'vs 1 worker':>11}")
    for row in results:
        row["speedup"] = row["load_articles_per_s"] / base
        print(f"{row['workers']:>7}  {row['raw_articles_per_s']:>15.1f}  {row['load_articles_per_s']:>18.1f}  "
              f"{row['ratio']:>8.2f}  {row['speedup']:>11.2f}")
    if args.json:
        args.json.write_text(json.dumps({"articles": n, "cores": os.cpu_count(), "date": str(date.today()),
                                         "results": results}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
