"""What the event extractor costs: `eventdb load` of a corpus with the current code against the same load with
the code as it was before the extraction work (the foundation commit, whose extractor was a stub), in one run.

Both sides run in fresh processes on the same machine, alternating, into fresh SQLite databases, with the same
spaCy model; the faster of `--repeat` runs of each side counts, since this machine's speed drifts between
minutes. The older code is checked out into a temporary `git worktree` and run from there.

    .venv/bin/python bench/extraction_cost.py --repeat 2

Target (issue 3): the current load takes at most 1.15 times as long as the load before the extraction work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT.parent / "shared" / "corpora" / "guardian_dev.jsonl"
# The foundation commit: schema, loader and CLI, with a stub CONSULT extractor; everything the extraction
# issue added (triggers, participants, actors, dates, places, merging) came after it.
BEFORE_EXTRACTION = "b9d848e6a1c4ec5fd7001b4f40581b2ba4b4016c"
TARGET_RATIO = 1.15


def timed_load(code_dir: Path, corpus: Path, work: Path, workers: int) -> float:
    """Seconds for one `eventdb load` of `corpus` into a fresh database, with the code in `code_dir`."""
    database = work / f"load-{time.monotonic_ns()}.sqlite"
    env = {**os.environ, "PYTHONPATH": str(code_dir)}  # the checkout's modules before the installed ones
    command = [sys.executable, "-m", "eventdb_cli", "load", str(corpus), "--db", f"sqlite:///{database}",
               "--workers", str(workers), "--no-progress"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=code_dir, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: some records were rejected, which both sides do alike
        raise SystemExit(f"load with the code in {code_dir} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    database.unlink(missing_ok=True)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus to load")
    parser.add_argument("--before", default=BEFORE_EXTRACTION,
                        help="git revision of the code before the extraction work (default: the foundation commit)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side; the fastest counts")
    parser.add_argument("--workers", type=int, default=1, help="NLP processes of each load")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"no corpus at {args.corpus}")
    articles = sum(1 for line in args.corpus.open(encoding="utf-8") if line.strip())

    with tempfile.TemporaryDirectory(prefix="extraction-cost-") as temp:
        work = Path(temp)
        before_dir = work / "before"
        subprocess.run(["git", "-C", str(PROJECT), "worktree", "add", "--detach", str(before_dir), args.before],
                       check=True, capture_output=True)
        try:
            times: dict[str, list[float]] = {"before": [], "current": []}
            for _ in range(args.repeat):
                for side, code_dir in (("before", before_dir), ("current", PROJECT)):
                    times[side].append(timed_load(code_dir, args.corpus, work, args.workers))
                    print(f"{side}: {times[side][-1]:.1f} s", file=sys.stderr)
        finally:
            subprocess.run(["git", "-C", str(PROJECT), "worktree", "remove", "--force", str(before_dir)],
                           check=False, capture_output=True)

    best = {side: min(values) for side, values in times.items()}
    ratio = best["current"] / best["before"]
    figures = {"articles": articles, "workers": args.workers, "repeat": args.repeat, "before": args.before[:12],
               "before_s": round(best["before"], 1), "current_s": round(best["current"], 1),
               "before_articles_per_s": round(articles / best["before"], 2),
               "current_articles_per_s": round(articles / best["current"], 2),
               "time_ratio": round(ratio, 3), "target": TARGET_RATIO, "met": ratio <= TARGET_RATIO}
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"| code | seconds | articles/s |\n|---|---:|---:|\n"
              f"| before the extraction work ({figures['before']}) | {figures['before_s']} | "
              f"{figures['before_articles_per_s']} |\n"
              f"| current | {figures['current_s']} | {figures['current_articles_per_s']} |\n\n"
              f"current / before = {ratio:.3f} (target <= {TARGET_RATIO}: {'met' if figures['met'] else 'missed'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
