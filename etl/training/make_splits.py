"""Choose the articles to code and split them into train / dev / test, once, before any coding or tuning.

    python -m etl.training.make_splits [--corpora ../shared/corpora] [--out etl/training/gold/articles.json]

Every article of `news_2015_2025.jsonl` is coded (all 16 PLOVER types). Of `guardian_dev.jsonl`, 190 articles
are coded (CONSULT only), drawn from those up to 12,000 characters that are not in the earlier held-out set
(`bench/gold/guardian_heldout.json`, which stays a measurement of its own): 70 first (fixed seed), then 50 more
from those left (`draw: 2`), split among themselves; then, once the test split was frozen and read, all 70
eligible articles left (`draw: 3`), split between train and dev only (75 / 25). Within each corpus (and draw) the
articles are ordered by the SHA-256 of their id and cut 60 / 20 / 20, so the split depends on nothing but the ids.
A second coder recodes 30 of them (22 news, 8 Guardian, fixed seed) to measure agreement.

The output is written once and committed; `etl.training.gold` checks the test split against the hash the README
quotes, so a changed test set cannot go unnoticed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

GUARDIAN_SAMPLE = 70
# A second draw, added once the first 70 were coded and before any training: 50 more Guardian articles from
# those left, split among themselves by the same rule, so no earlier article changes split.
GUARDIAN_EXTRA = 50
GUARDIAN_MAX_CHARS = 12_000
SEED = 20261205
SHARES = (("train", 0.6), ("dev", 0.2), ("test", 0.2))
# A third draw, added after the test split was frozen and read: every eligible Guardian article left, to train and
# tune on only (a new test article would change the frozen test files). Split by the same rule, without a test share.
THIRD_DRAW_SHARES = (("train", 0.75), ("dev", 0.25))


def _split_by_hash(ids: list[str], shares: tuple[tuple[str, float], ...] = SHARES) -> dict[str, str]:
    ordered = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    out: dict[str, str] = {}
    n = len(ordered)
    start = 0
    for k, (name, share) in enumerate(shares):
        end = n if k == len(shares) - 1 else start + round(share * n)
        for i in ordered[start:end]:
            out[i] = name
        start = end
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--heldout", default="bench/gold/guardian_heldout.json")
    ap.add_argument("--out", default="etl/training/gold/articles.json")
    args = ap.parse_args()
    corpora = Path(args.corpora)
    rng = random.Random(SEED)

    news = [json.loads(line) for line in (corpora / "news_2015_2025.jsonl").open(encoding="utf-8")]
    guardian = [json.loads(line) for line in (corpora / "guardian_dev.jsonl").open(encoding="utf-8")]
    heldout = set(json.loads(Path(args.heldout).read_text(encoding="utf-8"))["articles"])
    eligible = [i for i, r in enumerate(guardian) if r["id"] not in heldout and len(r["text"]) <= GUARDIAN_MAX_CHARS]
    g_lines = sorted(rng.sample(eligible, GUARDIAN_SAMPLE))
    rest = [i for i in eligible if i not in set(g_lines)]
    extra_lines = sorted(random.Random(SEED + 1).sample(rest, GUARDIAN_EXTRA))

    articles: dict[str, dict] = {}
    for line, r in enumerate(news):
        articles[r["id"]] = {"corpus": "news_2015_2025", "line": line, "types": "all", "topic": r.get("topic")}
    for line in g_lines:
        articles[guardian[line]["id"]] = {"corpus": "guardian_dev", "line": line, "types": "CONSULT"}
    for corpus in ("news_2015_2025", "guardian_dev"):
        ids = [i for i, a in articles.items() if a["corpus"] == corpus]
        for i, split in _split_by_hash(ids).items():
            articles[i]["split"] = split
    extra_ids = [guardian[line]["id"] for line in extra_lines]
    for line, split in zip(extra_lines, (_split_by_hash(extra_ids)[i] for i in extra_ids), strict=True):
        articles[guardian[line]["id"]] = {"corpus": "guardian_dev", "line": line, "types": "CONSULT",
                                          "split": split, "draw": 2}
    third_lines = [i for i in eligible if guardian[i]["id"] not in articles]
    third_ids = [guardian[line]["id"] for line in third_lines]
    third_split = _split_by_hash(third_ids, THIRD_DRAW_SHARES)
    for line, art in zip(third_lines, third_ids, strict=True):
        articles[art] = {"corpus": "guardian_dev", "line": line, "types": "CONSULT", "split": third_split[art],
                         "draw": 3}

    news_ids = sorted(i for i, a in articles.items() if a["corpus"] == "news_2015_2025")
    g_ids = sorted(i for i, a in articles.items() if a["corpus"] == "guardian_dev" and "draw" not in a)
    second = sorted(rng.sample(news_ids, 22) + rng.sample(g_ids, 8))
    out = {
        "description": __doc__.strip().splitlines()[0],
        "seed": SEED,
        "second_coder": second,
        "articles": dict(sorted(articles.items(), key=lambda kv: (kv[1]["corpus"], kv[1]["line"]))),
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    counts: dict[tuple[str, str], int] = {}
    for a in articles.values():
        counts[(a["corpus"], a["split"])] = counts.get((a["corpus"], a["split"]), 0) + 1
    print(json.dumps({f"{c}/{s}": n for (c, s), n in sorted(counts.items())}))


if __name__ == "__main__":
    main()
