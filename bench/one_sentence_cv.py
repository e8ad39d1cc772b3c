"""Sentences given alone, out of fold: the cross-validation's five folds of train+dev, each fold's model (trained as
`python -m etl.training.train` trains it, on the other four folds and the made-up articles) reading the evidence
sentences of its held-out articles, each a document of its own, at the shipped model's thresholds.

    python bench/one_sentence_cv.py [--folds 5] [--full-stop] [--told-in-sentence] [--json]

`bench/one_sentence.py` scores the shipped model, which was trained on the dev split it reads; this is the honest
figure for text that comes a sentence at a time (a one-sentence gold standard), about five minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction_quality import figure_rows, print_rows  # noqa: E402  (bench/, beside this script)
from one_sentence import TOLD_IN_SENTENCE_HELP, sentence_gold, source_article  # noqa: E402

from etl.evaluate import DEFAULT_CORPORA, DEFAULT_SCORER, Evaluation  # noqa: E402
from etl.events.decide import LogisticModel, TrainedDecision  # noqa: E402
from etl.training import train as training  # noqa: E402
from etl.training.dataset import extractor_of  # noqa: E402
from etl.training.parsed import CorpusArticle, parse, pipeline  # noqa: E402
from etl.training.scoring import load_scorer  # noqa: E402

SHIPPED = ROOT / "etl" / "events" / "model" / "consult_events.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--full-stop", action="store_true", help="end every evidence sentence with a full stop")
    ap.add_argument("--told-in-sentence", action="store_true", help=TOLD_IN_SENTENCE_HELP)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    nlp = pipeline()
    ex = extractor_of(nlp)
    pool = training.load_split(nlp, "train", training.TRAIN_FILES, args.corpora).pooled(
        training.load_split(nlp, "dev", training.DEV_FILES, args.corpora))
    made_up = training.load_synthetic(nlp)
    gold, rows = sentence_gold(pool.gold, args.corpora, args.full_stop, args.told_in_sentence)
    articles = [CorpusArticle(r["id"], r["text"], r["published_at"]) for r in rows]
    docs = parse(nlp, articles, "train-sentences" + ("-stopped" if args.full_stop else ""))
    sentences = training.Split("sentences", gold, dict(zip([a.id for a in articles], docs, strict=True)))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    # the same folds as the cross-validation that chose the thresholds
    ids = sorted(pool.docs, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    folds = [ids[n::args.folds] for n in range(args.folds)]
    export: list[dict] = []
    for n, held in enumerate(folds):
        print(f"fold {n + 1} of {args.folds}", file=sys.stderr)
        trained = training.train_models(ex, pool.subset([i for m, f in enumerate(folds) if m != n for i in f]),
                                        scorer, made_up=made_up)
        ex.decision = TrainedDecision(LogisticModel(trained.events.weights, shipped["threshold"], "cv",
                                                    shipped["thresholds"]), trained.parties)
        kept = set(held)
        export += training.predict(ex, sentences.subset([a for a in sentences.docs if source_article(a) in kept]))
    result = Evaluation(Path("train+dev sentences, out of fold"), len(articles), len(export),
                        training.score_types(gold, export, scorer))
    print_rows(figure_rows(result, {"gold": result.gold.name, "sentences": len(articles)}),
               ("gold", "sentences", "type", "n", "P", "R", "F1", "participants"), args.json)


if __name__ == "__main__":
    main()
