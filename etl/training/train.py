"""Train the extractor's decisions on the coded corpus, in one command:

    python -m etl.training.train [--corpora ../shared/corpora] [--scorer ../shared/eval/score.py]

1. parse the articles of the train and dev splits (cached under .cache/parsed/);
2. the party model: every candidate party of every candidate event told in a gold event's sentence, labelled by
   whether it is one of that event's participants; logistic regression (threshold 0.50 for CONSULT, 0.15 for the
   other types, chosen by cross-validation);
3. the event model: every candidate event (parties completed by the party model), labelled by whether it matches
   a required gold event as the scorer matches; logistic regression, a threshold per type chosen by the scorer's
   out-of-fold event F1 in a 5-fold cross-validation over train+dev (smoothed over neighbouring thresholds);
4. both written as JSON weights to etl/events/model/, with a model card (README.md) of data, hashes and figures.

The test split is never read here. Only `../shared/corpora`, the project's own gold and the made-up articles of
etl/training/gold/synthetic/ (written for training, never used to measure) go in.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.language import Language
from spacy.tokens import Doc

from etl.events.decide import EVENT_MODEL, MODEL_DIR, PARTY_MODEL, LogisticModel, RuleDecision, TrainedDecision
from etl.events.extractor import EventExtractor
from etl.training.dataset import collect, extractor_of, matches
from etl.training.gold import GOLD_DIR, TYPES, coded_for, coded_types, file_hash
from etl.training.parsed import parse, pipeline, read_jsonl
from etl.training.scoring import export_lines, load_scorer, score

TRAIN_FILES = ("train_news.json", "train_guardian.json")
DEV_FILES = ("dev_news.json", "dev_guardian.json")
C = 0.2  # inverse regularisation: a few hundred positives, a few thousand features (chosen by cross-validation)
PARTY_THRESHOLD = 0.5
# The other types take a party more readily: their second side is seldom in the trigger's own syntax ("condemned
# the North Korean action", "denied the allegations" of a side named before), and the event model, which sees the
# parties, weighs the rest. Chosen by the 5-fold cross-validation over train+dev (macro F1 over the 16 types 0.32
# at 0.50, 0.35 at 0.35, 0.37 at 0.25, 0.38 at 0.15; with the article's countries among the candidate parties, 0.39
# at 0.30 and 0.43 at 0.15; CONSULT's F1 0.65 throughout).
PARTY_THRESHOLD_OTHER_TYPES = 0.15
PARTY_THRESHOLDS_BY_TYPE = {t: PARTY_THRESHOLD_OTHER_TYPES for t in TYPES if t != "CONSULT"}
THRESHOLDS = tuple(x / 20 for x in range(2, 17))  # event thresholds the cross-validation tries, 0.10 to 0.80
# What a row of a made-up article weighs beside one of real news (chosen by the cross-validation over train+dev)
MADE_UP_WEIGHT = 1.0
MIN_EVENTS_FOR_OWN_THRESHOLD = 25  # a type with fewer gold events in train+dev takes the overall threshold


@dataclass
class Split:
    name: str
    gold: dict  # merged gold of the split's files
    docs: dict[str, Doc]

    def subset(self, ids: list[str]) -> Split:
        keep = set(ids)
        gold = {"articles": {a: m for a, m in self.gold["articles"].items() if a in keep},
                "events": [e for e in self.gold["events"] if e["article"] in keep]}
        return Split(self.name, gold, {a: d for a, d in self.docs.items() if a in keep})

    def pooled(self, other: Split) -> Split:
        gold = {"articles": {**self.gold["articles"], **other.gold["articles"]},
                "events": self.gold["events"] + other.gold["events"]}
        return Split(f"{self.name}+{other.name}", gold, {**self.docs, **other.docs})


def _merged_gold(paths: list[Path]) -> dict:
    out: dict = {"articles": {}, "events": []}
    for path in paths:
        g = json.loads(path.read_text(encoding="utf-8"))
        out["articles"].update(g["articles"])
        out["events"].extend(g["events"])
    return out


SYNTHETIC = GOLD_DIR / "synthetic"


def synthetic_sets() -> list[tuple[Path, Path]]:
    """(articles, gold) file pairs of the made-up sets: `NAME.jsonl` beside `NAME.gold.json`."""
    golds = sorted(SYNTHETIC.glob("*.gold.json"))
    return [(g.with_name(g.name.removesuffix(".gold.json") + ".jsonl"), g) for g in golds]


def load_synthetic(nlp: Language) -> Split:
    """The made-up articles written for training (etl/training/gold/synthetic/): trained on, never measured."""
    sets = synthetic_sets()
    gold = _merged_gold([g for _, g in sets])
    arts = [a for articles_file, _ in sets for a in read_jsonl(articles_file)]
    docs = parse(nlp, arts, "train-synthetic")
    return Split("synthetic", gold, dict(zip([a.id for a in arts], docs, strict=True)))


def load_split(nlp: Language, name: str, files: tuple[str, ...], corpora: Path) -> Split:
    gold = _merged_gold([GOLD_DIR / f for f in files])
    texts = {a.id: a for f in ("news_2015_2025.jsonl", "guardian_dev.jsonl") for a in read_jsonl(corpora / f)}
    arts = [texts[i] for i in sorted(gold["articles"])]
    docs = parse(nlp, arts, f"train-{name}")
    return Split(name, gold, dict(zip([a.id for a in arts], docs, strict=True)))


def _golds(gold: dict, art: str, kind: str) -> list[dict]:
    return [g for g in gold["events"] if g["article"] == art and g["type"] == kind]


def _overlaps(text: str, span: tuple[int, int, str], gold_event: dict) -> bool:
    start = text.find(gold_event.get("evidence") or "\0")
    if start < 0:
        return False
    end = start + len(gold_event["evidence"])
    return span[0] < end and start < span[1]


def _labelled(ex: EventExtractor, split: Split):  # type: ignore[no-untyped-def]
    """(article text, candidate, gold events of its type) for every candidate whose type the article has coded."""
    for art, doc in split.docs.items():
        scope = coded_types(split.gold, art)
        text = doc.text
        for cand in collect(ex, doc):
            kind = cand.draft.type
            if scope is None or kind in scope:
                yield text, cand, _golds(split.gold, art, kind)


def party_rows(ex: EventExtractor, split: Split, scorer: ModuleType) -> tuple[list[dict], list[int]]:
    """Candidate parties of candidate events told in a gold event's sentence, labelled against its participants."""
    feats, labels = [], []
    for text, cand, golds in _labelled(ex, split):
        told = [g for g in golds if any(_overlaps(text, m, g) for m in cand.draft.mentions)]
        if not told:
            continue
        for party, f in cand.parties:
            hit = None
            for g in told:
                for gp in g["participants"]:
                    if scorer.names_match(party.actor.name, gp["names"]) or (
                            gp.get("country_code") and party.actor.kind == "COUNTRY"
                            and party.actor.country_code == gp["country_code"]):
                        hit = hit or ("optional" if gp.get("optional") else "required")
            if hit == "optional":
                continue
            feats.append(f)
            labels.append(1 if hit else 0)
    return feats, labels


def event_rows(ex: EventExtractor, split: Split, scorer: ModuleType) -> tuple[list[dict], list[int]]:
    feats, labels = [], []
    for _text, cand, golds in _labelled(ex, split):
        hit = [g for g in golds if matches(scorer, cand.draft, g)]
        if hit and all(g.get("optional") for g in hit):
            continue
        feats.append(cand.features)
        labels.append(1 if hit else 0)
    return feats, labels


def fit(feats: list[dict], labels: list[int], sample_weights: list[float] | None = None) -> dict[str, float]:
    """Balanced logistic regression; a weight per feature name (the intercept added to `bias`)."""
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(x, labels, sample_weight=sample_weights)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
               if abs(w) > 1e-6}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return weights


def evaluate(ex: EventExtractor, split: Split, scorer: ModuleType) -> dict:
    return score(split.gold, predict(ex, split), {"CONSULT"}, scorer)


def predict(ex: EventExtractor, split: Split) -> list[dict]:
    export = []
    for art, doc in split.docs.items():
        export += export_lines(art, [e.as_dict() for e in ex.extract_drafts(doc)])
    return export


def _write(path: Path, name: str, weights: dict[str, float], threshold: float, meta: dict,
           thresholds: dict[str, float] | None = None) -> None:
    path.write_text(json.dumps({"name": name, "trained_at": meta["trained_at"], "threshold": threshold,
                                "thresholds": thresholds or {}, "meta": meta,
                                "weights": dict(sorted(weights.items()))}, indent=1) + "\n", encoding="utf-8")


@dataclass
class Trained:
    parties: LogisticModel
    events: LogisticModel
    party_rows: int
    event_rows: int


RowMaker = Callable[[EventExtractor, "Split", ModuleType], tuple[list[dict], list[int]]]


def _rows(rows: RowMaker, ex: EventExtractor, train: Split, made_up: Split | None, scorer: ModuleType
          ) -> tuple[list[dict], list[int], list[float]]:
    """The rows of the real articles, then those of the made-up ones, each of these weighing MADE_UP_WEIGHT."""
    feats, labels = rows(ex, train, scorer)
    weights = [1.0] * len(feats)
    if made_up is not None:
        more, more_labels = rows(ex, made_up, scorer)
        feats, labels, weights = feats + more, labels + more_labels, weights + [MADE_UP_WEIGHT] * len(more)
    return feats, labels, weights


def train_models(ex: EventExtractor, train: Split, scorer: ModuleType, event_threshold: float = 0.5,
                 made_up: Split | None = None) -> Trained:
    """The party model, then the event model over candidates the party model completed. Both are balanced
    logistic regressions, so 0.5 is where a candidate is as likely real as not; the event threshold can move."""
    ex.decision = RuleDecision()
    pf, pl, pw = _rows(party_rows, ex, train, made_up, scorer)
    parties = LogisticModel(fit(pf, pl, pw), PARTY_THRESHOLD, "consult-parties", PARTY_THRESHOLDS_BY_TYPE)
    ex.decision = TrainedDecision(LogisticModel({"bias": 30.0}, 0.0, "collect"), parties)
    ef, el, ew = _rows(event_rows, ex, train, made_up, scorer)
    events = LogisticModel(fit(ef, el, ew), event_threshold, "consult-events")
    ex.decision = TrainedDecision(events, parties)
    return Trained(parties, events, len(pf), len(ef))


def score_types(gold: dict, export: list[dict], scorer: ModuleType) -> dict[str, dict]:
    """score.py's figures per type, each over the articles coded for it."""
    return {kind: score(coded_for(gold, kind), export, {kind}, scorer) for kind in TYPES}


def cross_validate(ex: EventExtractor, pool: Split, k: int, scorer: ModuleType, extra: Split | None = None,
                   salt: str = "") -> dict[float, list[dict]]:
    """Out-of-fold predictions at each event threshold: train on k-1 folds of the pooled articles, predict the one
    left out. How thresholds and features are chosen without the test split, and an honest estimate of what the
    final model (trained on all of them) does on unseen articles. The folds are fixed by the articles' ids; `salt`
    deals them otherwise, to see how much a figure owes to one way of dealing them."""
    ids = sorted(pool.docs, key=lambda i: hashlib.sha256((salt + i).encode()).hexdigest())
    folds = [ids[n::k] for n in range(k)]
    exports: dict[float, list[dict]] = {t: [] for t in THRESHOLDS}
    for n, held in enumerate(folds):
        training = pool.subset([i for m, f in enumerate(folds) if m != n for i in f])
        trained = train_models(ex, training, scorer, made_up=extra)
        for t in THRESHOLDS:
            ex.decision = TrainedDecision(LogisticModel(trained.events.weights, t, "cv"), trained.parties)
            exports[t] += predict(ex, pool.subset(held))
    return exports


def smoothed_f1(per_t: dict[float, dict[str, dict]], kind: str, t: float) -> float:
    """A type's out-of-fold F1 at a threshold, averaged with its neighbours': the curve is flat and ragged near
    its top, and the single best point moves by a step between two trainings on the same data."""
    i = THRESHOLDS.index(t)
    near = THRESHOLDS[max(0, i - 1): i + 2]
    return sum(per_t[x][kind]["events"]["f1"] for x in near) / len(near)


def choose_thresholds(pool: Split, exports: dict[float, list[dict]], scorer: ModuleType
                      ) -> tuple[float, dict[str, float], dict[str, dict]]:
    """The threshold with the best F1 per type, smoothed over neighbouring thresholds (types with too few gold
    events take the one best over all of them), and each type's out-of-fold figures at its threshold."""
    per_t = {t: score_types(pool.gold, export, scorer) for t, export in exports.items()}

    def micro(t: float) -> float:
        tp = sum(r["events"]["tp"] for r in per_t[t].values())
        fp = sum(r["events"]["fp"] for r in per_t[t].values())
        fn = sum(r["events"]["fn"] for r in per_t[t].values())
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    overall = max(THRESHOLDS, key=lambda t: (micro(t), -abs(t - 0.5)))
    chosen: dict[str, float] = {}
    figures: dict[str, dict] = {}
    for kind in TYPES:
        n = per_t[overall][kind]["events"]["tp"] + per_t[overall][kind]["events"]["fn"]
        if n >= MIN_EVENTS_FOR_OWN_THRESHOLD:
            best = max(THRESHOLDS, key=lambda t: (smoothed_f1(per_t, kind, t), -abs(t - overall)))
        else:
            best = overall
        chosen[kind] = best
        figures[kind] = per_t[best][kind]
    return overall, chosen, figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    ap.add_argument("--scorer", type=Path, default=Path("../shared/eval/score.py"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--folds", type=int, default=5, help="folds of the cross-validation that picks the thresholds")
    ap.add_argument("--cv-only", action="store_true", help="only measure by cross-validation; write nothing")
    ap.add_argument("--fold-salt", default="", metavar="TEXT",
                    help="deal the articles into other folds (with --cv-only: how much a change's figures owe to one "
                         "way of dealing them; the default deal chose the shipped thresholds)")
    args = ap.parse_args()
    started = time.monotonic()
    scorer = load_scorer(args.scorer)
    nlp = pipeline()
    ex = extractor_of(nlp)
    train = load_split(nlp, "train", TRAIN_FILES, args.corpora)
    dev = load_split(nlp, "dev", DEV_FILES, args.corpora)
    pool = train.pooled(dev)
    synthetic = load_synthetic(nlp)
    print(f"parsed {len(train.docs)} train, {len(dev.docs)} dev and {len(synthetic.docs)} made-up articles in "
          f"{time.monotonic() - started:.0f} s")
    ex.decision = RuleDecision()
    rules = evaluate(ex, pool, scorer)
    exports = cross_validate(ex, pool, args.folds, scorer, synthetic, args.fold_salt)
    overall, thresholds, cv = choose_thresholds(pool, exports, scorer)
    print(f"{args.folds}-fold cross-validation over train+dev ({time.monotonic() - started:.0f} s):")
    print(type_table(cv, thresholds))
    print(f"CONSULT rules alone: {_figures(rules)}")
    if args.cv_only:
        return
    trained = train_models(ex, pool, scorer, overall, made_up=synthetic)
    trained.events.thresholds = thresholds
    in_sample = score_types(pool.gold, predict(ex, pool), scorer)
    seconds = round(time.monotonic() - started)
    meta = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_seconds": seconds,
        "training_files": {**{f: file_hash(GOLD_DIR / f) for f in (*TRAIN_FILES, *DEV_FILES)},
                           **{f"synthetic/{g.name}": file_hash(g) for _, g in synthetic_sets()}},
        "rows": {"party": trained.party_rows, "event": trained.event_rows},
        "cross_validation": {k: _figures(v) for k, v in cv.items()},
        "in_sample": {k: _figures(v) for k, v in in_sample.items()},
        "rules_alone": _figures(rules),
        "thresholds": {"event": overall, "event_by_type": thresholds, "party": PARTY_THRESHOLD,
                       "party_other_types": PARTY_THRESHOLD_OTHER_TYPES},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / PARTY_MODEL, "event-parties", trained.parties.weights, PARTY_THRESHOLD, meta,
           PARTY_THRESHOLDS_BY_TYPE)
    _write(args.out / EVENT_MODEL, "events", trained.events.weights, overall, meta, thresholds)
    write_card(args.out / "README.md", meta, type_table(cv, thresholds))
    print(f"in sample CONSULT {meta['in_sample']['CONSULT']}\ntrained in {seconds} s; written to {args.out}")


def type_table(figures: dict[str, dict], thresholds: dict[str, float]) -> str:
    """Per type: gold events (n), P, R, F1, threshold; and the macro F1 over the 16 types."""
    lines = ["| type | n | P | R | F1 | threshold |", "|---|---:|---:|---:|---:|---:|"]
    for kind in TYPES:
        e = figures[kind]["events"]
        lines.append(f"| {kind} | {e['tp'] + e['fn']} | {e['precision']:.2f} | {e['recall']:.2f} | {e['f1']:.2f} "
                     f"| {thresholds.get(kind, 0.5):.2f} |")
    macro = sum(figures[k]["events"]["f1"] for k in TYPES) / len(TYPES)
    lines.append(f"| macro F1 over {len(TYPES)} types | | | | {macro:.2f} | |")
    return "\n".join(lines)


def _figures(res: dict) -> dict:
    e = res["events"]
    return {"P": round(e["precision"], 3), "R": round(e["recall"], 3), "F1": round(e["f1"], 3),
            "participants_F1": round(res["participants"]["f1"], 3), "location": round(res["location_accuracy"], 3),
            "date": round(res["date_accuracy"], 3), "status": round(res["status_accuracy"], 3),
            "mode": round(res["mode_accuracy"], 3)}


def write_card(path: Path, meta: dict, table: str) -> None:
    files = "\n".join(f"- `{f}` sha256 `{h}`" for f, h in meta["training_files"].items())
    consult = meta["cross_validation"]["CONSULT"]
    rules = meta["rules_alone"]
    path.write_text(f"""# The event decision models

Written by `python -m etl.training.train` on {meta['trained_at']} in {meta['training_seconds']} s (2 CPU cores).

- `{EVENT_MODEL}`: whether a candidate event is a real, specific act of its type (CONSULT or any of the 15 other
  PLOVER types); a threshold per type (`thresholds`), `threshold` for the rest.
- `{PARTY_MODEL}`: whether a candidate party took part, for candidates the syntax gave fewer than two sides
  (threshold {meta['thresholds']['party']:.2f} for CONSULT, {meta['thresholds']['party_other_types']:.2f} for the
  other types).

Both are logistic regressions (scikit-learn, `class_weight="balanced"`, C={C}) over the features of
`etl/events/features.py`, stored as a weight per feature name; applying them needs no library. The thresholds are the
ones with the best F1 in a 5-fold cross-validation over the train and dev splits of the project's coded corpus
(`etl/training/gold/`), every fold also trained on the made-up articles of `synthetic/` (a row of them weighing
{MADE_UP_WEIGHT}); the models are then trained on all of them. The test split was not read.

{files}

Out-of-fold figures (5-fold cross-validation over train+dev; each type over the articles coded for it: CONSULT
over the news excerpts and the Guardian sample, the other types over the news excerpts and the Guardian articles
coded for them, which are all those of train and dev):

{table}

CONSULT in detail, out of fold: P {consult['P']}, R {consult['R']}, participants F1 {consult['participants_F1']},
location {consult['location']}, date {consult['date']}, status {consult['status']}. The rules alone (no trained
decision, CONSULT only), in sample: P {rules['P']}, R {rules['R']}, F1 {rules['F1']}.
""", encoding="utf-8")


if __name__ == "__main__":
    main()
