"""Extraction quality on sentences given alone: every coded event's evidence sentence becomes a document of its own,
with the publication date of the article it came from, and goes through a real load, export and the shared scorer
(`etl.evaluate`), as a one-sentence gold standard would.

    python bench/one_sentence.py [GOLD ...] [--types CONSULT] [--full-stop] [--told-in-sentence] [--json]

Without GOLD: the dev splits of the coded corpus, in sample (the model is trained on train and dev): a check of how the
extractor copes with text given a sentence at a time, not an estimate of quality on unseen text (the held-out
Guardian set codes no evidence sentences). The test split is read only when named.

A sentence gives no context: no earlier sentence names who "he" is, no dateline places it, no article says which
countries it is about. Gold events whose slots only the article tells (a date, a place) count against date and
location accuracy, so read the event and participant figures first. `--full-stop` ends every sentence with one, for
evidence that was coded as a clause rather than a whole sentence. `--told-in-sentence` scores a sentence as a
one-sentence gold standard would code it: only the events whose parties it names count, and an event its article
codes from another sentence is no false positive here (the article codes each event once).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction_quality import figure_rows, print_rows  # noqa: E402  (bench/, beside this script)

from etl.evaluate import DEFAULT_CORPORA, evaluate, gold_articles  # noqa: E402

GOLD_DIR = ROOT / "etl" / "training" / "gold"
DEFAULT_GOLDS = (GOLD_DIR / "dev_news.json", GOLD_DIR / "dev_guardian.json")
_ENDINGS = (".", "!", "?", '"', "”", "’", "'")
_SEPARATOR = "~s"  # a sentence's id: its article's, this, and a number
TOLD_IN_SENTENCE_HELP = ("score as a one-sentence gold standard codes: only the events whose parties their sentence "
                         "names count, and an event coded from another sentence of the article is no false positive")


def source_article(sentence_id: str) -> str:
    """The id of the article a sentence document was taken from."""
    return sentence_id.split(_SEPARATOR)[0]


def told_in(text: str, event: dict) -> bool:
    """Whether a sentence names enough of a gold event's required participants for the scorer to match it (by any
    of the names the gold lists, "Russia" also in "Russian"): an event a one-sentence gold standard could code."""
    folded = text.casefold()
    required = [p for p in event["participants"] if not p.get("optional")]
    named = sum(1 for p in required if any(re.search(rf"\b{re.escape(n.casefold())}", folded) for n in p["names"]))
    return named >= event.get("match_min", min(2, len(required)))


def sentence_gold(gold: dict, corpora: Path, full_stop: bool, told_only: bool = False) -> tuple[dict, list[dict]]:
    """(gold, articles) with one article per distinct evidence sentence and the gold events it tells. With
    `told_only`, as a one-sentence gold standard would code them: an event whose parties its sentence does not name
    (the article named them before) is optional there (a prediction of it is no error, and missing it no miss), and
    each event is optional in its article's other sentences too."""
    published = {a.id: a.published_at for a in gold_articles(gold, corpora, ROOT / "seeds")}
    meta = gold["articles"] if isinstance(gold["articles"], dict) else {a: {} for a in gold["articles"]}
    ids: dict[tuple[str, str], str] = {}
    articles: list[dict] = []
    events: list[dict] = []
    for event in gold["events"]:
        text = (event.get("evidence") or "").strip()
        if not text:
            continue
        if full_stop and not text.endswith(_ENDINGS):
            text += "."
        key = (event["article"], text)
        if key not in ids:
            ids[key] = f"{event['article']}{_SEPARATOR}{len(ids)}"
            articles.append({"id": ids[key], "text": text, "published_at": published.get(event["article"])})
        optional = event.get("optional", False) or told_only and not told_in(text, event)
        events.append({**event, "id": f"{event['id']}~s", "article": ids[key], "optional": optional})
    if told_only:
        # The gold codes an event once, from one sentence; another sentence of its article that tells it again
        # ("the strikes", "the attack on the base") is no false positive for saying so.
        sentences: dict[str, list[str]] = {}
        for (article, _text), sentence_id in ids.items():
            sentences.setdefault(article, []).append(sentence_id)
        events += [{**event, "id": f"{event['id']}~o{n}", "article": other, "optional": True}
                   for event in list(events)
                   for n, other in enumerate(sentences[source_article(event["article"])]) if other != event["article"]]
    # each sentence is coded for the types its article was coded for
    return {"articles": {ids[k]: meta.get(k[0], {}) for k in ids}, "events": events}, articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("golds", nargs="*", type=Path)
    ap.add_argument("--types", help="comma-separated types (default: those each gold codes)")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="where the gold's articles are")
    ap.add_argument("--full-stop", action="store_true", help="end every evidence sentence with a full stop")
    ap.add_argument("--told-in-sentence", action="store_true", help=TOLD_IN_SENTENCE_HELP)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    types = set(args.types.split(",")) if args.types else None
    rows = []
    for path in args.golds or DEFAULT_GOLDS:
        gold, articles = sentence_gold(json.loads(path.read_text(encoding="utf-8")), args.corpora, args.full_stop,
                                       args.told_in_sentence)
        with tempfile.TemporaryDirectory(prefix="eventdb-one-sentence-") as tmp:
            gold_path, input_path = Path(tmp) / "gold.json", Path(tmp) / "sentences.jsonl"
            gold_path.write_text(json.dumps(gold), encoding="utf-8")
            input_path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
            result = evaluate(gold_path, [str(input_path)], types=types)
        rows += figure_rows(result, {"gold": path.name, "sentences": len(articles)})
    print_rows(rows, ("gold", "sentences", "type", "n", "P", "R", "F1", "participants"), args.json)

if __name__ == "__main__":
    main()
