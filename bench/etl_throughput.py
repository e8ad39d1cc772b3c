"""ETL throughput: raw spaCy `nlp.pipe` against the full `eventdb load`, on the same texts and model.

    python bench/etl_throughput.py [--corpus ../shared/corpora/guardian_dev.jsonl] [--workers 1 2] [--repeat 3]

Two sides, for each worker count: (a) raw spaCy: load the model and run `nlp.pipe(texts, n_process=N)`;
(b) a whole `eventdb load --workers N` into a fresh SQLite database (model load, migrations, NLP, extraction,
consolidation and writes). It prints articles/s for both, their ratio (of each cell's fastest run, and of the two
runs of each round), and the speed-up of the load with N workers over the load with the first worker count.
Targets: load / raw >= 0.85 with 1 worker (0.80 with every PLOVER type, issue 15); the load with 2 workers >= 1.6
times the load with 1.

Fairness on a small, shared machine whose speed drifts between minutes:
- every run is a fresh Python process (nothing warm or left over from the run before), timed from the
  first line of work (after the imports, which both sides share) to the last;
- the runs go in rounds, one run of every (side, workers) cell a round, the order rotated each round, so a
  slow spell hits all cells alike; each cell keeps its fastest run;
- before each run the benchmark waits (up to --max-wait seconds) until other processes use under
  --busy-limit of a core, and it records what other processes used during each run ("others" column: cores,
  averaged over the run). A cell whose fastest run was disturbed anyway gets up to --extra more runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "guardian_dev.jsonl"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    side: str  # "raw" or "load"
    workers: int
    seconds: float
    cpu_seconds: float  # the run's own CPU, its worker processes included
    others_cores: float  # what every other process on the machine used meanwhile, in cores
    round: int | None = None  # the round it ran in (None: an extra run for a disturbed cell)


# ---- one run, in a process of its own ------------------------------------------------------------------

def run_raw(corpus: Path, workers: int, batch_size: int) -> float:
    from etl.nlp import load_model

    texts = _texts(corpus)
    start = time.perf_counter()
    nlp = load_model()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - start


def run_load(corpus: Path, workers: int, batch_size: int) -> float:
    from db.session import open_database
    from etl.nlp import build_pipeline  # noqa: F401  (spaCy imported before the clock, as on the raw side)
    from etl.pipeline import LoadOptions, run_load
    from etl.transform import transform  # noqa: F401

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        engine = open_database(f"sqlite:///{tmp}/bench.sqlite")
        summary = run_load(engine, [str(corpus)], LoadOptions(workers=workers, batch_size=batch_size))
        elapsed = time.perf_counter() - start
        engine.dispose()
    if summary.articles_loaded == 0:
        raise SystemExit("the load stored no article: is the corpus right?")
    return elapsed


def _texts(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---- the harness ---------------------------------------------------------------------------------------

def round_ratios(runs: list[Run], workers: int, rounds: int) -> list[float]:
    """Raw seconds over load seconds of the two runs of each round: a raw and a load run minutes apart, which the
    machine's drift over the whole benchmark does not pull apart as it can the fastest runs of each cell."""
    out = []
    for round_no in range(rounds):
        pair = {r.side: r.seconds for r in runs if r.workers == workers and r.round == round_no}
        out.append(pair["raw"] / pair["load"])
    return out


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (every core, every process)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def others_now(seconds: float = 1.0) -> float:
    """Cores other processes keep busy, sampled over `seconds` (this process sleeps meanwhile)."""
    busy = _busy_seconds()
    time.sleep(seconds)
    return max(0.0, (_busy_seconds() - busy) / seconds)


def wait_for_quiet(limit: float, max_wait: float) -> None:
    deadline = time.monotonic() + max_wait
    while others_now() > limit and time.monotonic() < deadline:
        time.sleep(2)


def measure(side: str, workers: int, args: argparse.Namespace, round_no: int | None = None) -> Run:
    wait_for_quiet(args.busy_limit, args.max_wait)
    command = [sys.executable, str(Path(__file__).resolve()), "--one", side, "--workers", str(workers),
               "--batch-size", str(args.batch_size), "--corpus", str(args.corpus)]
    busy, cpu, start = _busy_seconds(), _children_cpu(), time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    own = _children_cpu() - cpu
    others = max(0.0, (_busy_seconds() - busy - own) / wall)
    run = Run(side, workers, float(done.stdout.strip().splitlines()[-1]), own, others, round_no)
    print(f"  {side:>4} workers={workers}: {run.seconds:6.1f} s, cpu {run.cpu_seconds:6.1f} s, "
          f"others {run.others_cores:.2f} cores", file=sys.stderr, flush=True)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="rounds: runs of every cell; the fastest counts")
    parser.add_argument("--extra", type=int, default=2,
                        help="more runs for a cell whose fastest run was disturbed by other processes")
    parser.add_argument("--busy-limit", type=float, default=0.15,
                        help="cores other processes may use for a run to count as undisturbed")
    parser.add_argument("--max-wait", type=float, default=120,
                        help="seconds to wait for the machine to quieten before each run")
    parser.add_argument("--json", type=Path, help="also write the figures and every run to this JSON file")
    parser.add_argument("--one", choices=["raw", "load"], help=argparse.SUPPRESS)  # a single run (internal)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    if args.one:
        run = run_raw if args.one == "raw" else run_load
        print(run(args.corpus, args.workers[0], args.batch_size))
        return

    n = len(_texts(args.corpus))
    cells = [(side, workers) for workers in args.workers for side in ("raw", "load")]
    runs: list[Run] = []
    for round_no in range(args.repeat):
        print(f"round {round_no + 1} of {args.repeat}", file=sys.stderr, flush=True)
        shift = round_no % len(cells)
        for side, workers in cells[shift:] + cells[:shift]:
            runs.append(measure(side, workers, args, round_no))
    for side, workers in cells:
        for _ in range(args.extra):
            best = min((r for r in runs if (r.side, r.workers) == (side, workers)), key=lambda r: r.seconds)
            if best.others_cores <= args.busy_limit:
                break
            runs.append(measure(side, workers, args))

    def best(side: str, workers: int) -> Run:
        return min((r for r in runs if (r.side, r.workers) == (side, workers)), key=lambda r: r.seconds)

    results = []
    base = best("load", args.workers[0]).seconds
    for workers in args.workers:
        raw, load = best("raw", workers), best("load", workers)
        results.append({"workers": workers, "raw_articles_per_s": n / raw.seconds,
                        "load_articles_per_s": n / load.seconds, "ratio": raw.seconds / load.seconds,
                        "speedup": base / load.seconds, "raw_others_cores": raw.others_cores,
                        "load_others_cores": load.others_cores,
                        "round_ratios": round_ratios(runs, workers, args.repeat)})
    print(f"ETL throughput on {n} articles of {args.corpus.name}, {os.cpu_count()} cores, {date.today()}, "
          f"batch size {args.batch_size}, fastest of {args.repeat}+ alternating runs per cell")
    print(f"| workers | raw spaCy art/s | eventdb load art/s | load / raw | vs {args.workers[0]} worker "
          f"| others, cores (raw / load) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in results:
        print(f"| {row['workers']} | {row['raw_articles_per_s']:.2f} | {row['load_articles_per_s']:.2f} "
              f"| {row['ratio']:.2f} | {row['speedup']:.2f} "
              f"| {row['raw_others_cores']:.2f} / {row['load_others_cores']:.2f} |")
    for row in results:
        ratios = row["round_ratios"]
        print(f"load / raw within each round, {row['workers']} worker(s): {' '.join(f'{r:.2f}' for r in ratios)} "
              f"(median {statistics.median(ratios):.2f})")
    if args.json:
        args.json.write_text(json.dumps({
            "articles": n, "cores": os.cpu_count(), "date": str(date.today()), "batch_size": args.batch_size,
            "results": results, "runs": [asdict(r) for r in runs]}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
