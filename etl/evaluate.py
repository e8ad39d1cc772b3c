"""Measure extraction against a gold file in one step: load the gold's articles into a database, export the events,
score the export with the shared scorer (`../shared/eval/score.py`).

The articles come from INPUT (files or folders, as `eventdb load` reads them), or else are looked up by id in the
corpora folder (`../shared/corpora/*.jsonl`) and the project's `seeds/`.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from db.session import open_database
from etl.pipeline import LoadOptions, run_load
from etl.training.gold import coded_for
from etl.training.parsed import CorpusArticle, read_jsonl, read_txt_folder
from etl.training.scoring import load_scorer
from eventdb_errors import EXIT_NOT_FOUND, EXIT_USAGE, EventdbError
from reports.export import iter_events

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = PROJECT.parent / "shared" / "eval" / "score.py"
DEFAULT_CORPORA = PROJECT.parent / "shared" / "corpora"


@dataclass
class Evaluation:
    gold: Path
    articles: int
    events_exported: int
    by_type: dict[str, dict] = field(default_factory=dict)  # score.py's figures for each type the gold codes

    @property
    def macro_f1(self) -> float:
        return sum(r["events"]["f1"] for r in self.by_type.values()) / len(self.by_type) if self.by_type else 0.0


def gold_articles(gold: dict, corpora: Path, seeds: Path) -> list[CorpusArticle]:
    """The gold's articles, found by id in the corpora and the seeds."""
    wanted = set(gold["articles"])
    found: dict[str, CorpusArticle] = {}
    sources = sorted(corpora.glob("*.jsonl")) if corpora.is_dir() else []
    for path in sources:
        for article in read_jsonl(path):
            if article.id in wanted:
                found[article.id] = article
    if seeds.is_dir():
        found.update({a.id: a for a in read_txt_folder(seeds) if a.id in wanted})
    missing = sorted(wanted - set(found))
    if missing:
        raise EventdbError(f"{len(missing)} article(s) of the gold were not found in {corpora} or {seeds} "
                           f"(e.g. {missing[0]}): give the articles as INPUT", EXIT_NOT_FOUND)
    return [found[i] for i in sorted(found)]


def evaluate(gold_path: Path, inputs: list[str] | None = None, *, scorer: Path = DEFAULT_SCORER,
             corpora: Path = DEFAULT_CORPORA, types: set[str] | None = None, db_url: str | None = None,
             options: LoadOptions | None = None) -> Evaluation:
    if not gold_path.is_file():
        raise EventdbError(f"gold file not found: {gold_path}", EXIT_NOT_FOUND)
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold["articles"], gold["events"]  # noqa: B018 (the shape score.py reads)
    except (ValueError, KeyError, TypeError) as exc:
        raise EventdbError(f"{gold_path} is no gold file (score.py's shape: articles, events): {exc}",
                           EXIT_USAGE) from None
    try:
        score_module = load_scorer(scorer)
    except FileNotFoundError as exc:
        raise EventdbError(str(exc), EXIT_NOT_FOUND) from None
    kinds = types or {e["type"] for e in gold["events"]} or {"CONSULT"}
    with tempfile.TemporaryDirectory(prefix="eventdb-evaluate-") as tmp:
        if inputs is None:
            path = Path(tmp) / "articles.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for a in gold_articles(gold, corpora, PROJECT / "seeds"):
                    fh.write(json.dumps({"id": a.id, "text": a.text, "published_at": a.published_at,
                                         "source": a.source, "title": a.title}) + "\n")
            inputs = [str(path)]
        engine = open_database(db_url or f"sqlite:///{Path(tmp) / 'evaluate.sqlite'}", create=True)
        try:
            run_load(engine, inputs, options)
            export = _export(engine)
        finally:
            engine.dispose()
    result = Evaluation(gold_path, len(gold["articles"]), len(export))
    for kind in sorted(kinds):
        # each type over the articles coded for it (a gold file may code some articles for CONSULT alone)
        result.by_type[kind] = score_module.Scorer(coded_for(gold, kind), export, {kind}).run()
    return result


def _export(engine: Engine) -> list[dict]:
    return [json.loads(json.dumps(event, default=str)) for event in iter_events(engine)]
