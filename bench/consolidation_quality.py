"""Consolidation quality: are the reports of one real-world exchange one event, across articles, orders and loads?

    python bench/consolidation_quality.py [--gold bench/gold/consolidation_pairs.json] [--verbose]

Scores, with ../shared/eval/score.py, the cross-article consolidation of the articles of a cluster gold (the same
`cluster` slug for the same exchange told by several articles; bench/gold/README.md), each time into a fresh SQLite
database, four ways: the articles in one load in the gold's order, in one load in reverse order, in two loads
(every other article first, then the rest), and in two loads in reverse. Two figures each:

- end to end: the articles' texts (read from ../shared/corpora) through the extractor and the loader, as `eventdb
  load` does. score.py counts a link only where extraction found the event in both articles, so this also depends
  on the extractor;
- gold events: the gold's own events stored as extracted events through the same load API (participants by their
  first name, places through the gazetteer), which isolates the consolidation rules from extraction.

`--verbose` lists the clusters a run split and the events it joined wrongly (from score.py's links).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.models import EtlRun  # noqa: E402
from db.session import open_database, session_factory  # noqa: E402
from etl.extract import read_inputs  # noqa: E402
from etl.load import ArticleStore, content_hash  # noqa: E402
from etl.pipeline import run_load  # noqa: E402
from etl.places import get_gazetteer  # noqa: E402
from etl.records import (  # noqa: E402
    ActorRef,
    ArticleExtraction,
    ArticleRecord,
    DateRef,
    ExtractedEvent,
    MentionRef,
    ParticipantRef,
    PlaceRef,
)
from reports.export import write_jsonl  # noqa: E402

SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPORA = SHARED / "corpora"
DEFAULT_GOLD = ROOT / "bench" / "gold" / "consolidation_pairs.json"

Loader = Callable[[str, list[ArticleRecord]], None]


def load_orders(articles: list[str]) -> dict[str, list[list[str]]]:
    """The loads of each way of running: lists of article ids, one list per load."""
    backwards = articles[::-1]
    return {
        "one load, gold order": [articles],
        "one load, reverse order": [backwards],
        "two loads": [articles[0::2], articles[1::2]],
        "two loads, reverse": [backwards[0::2], backwards[1::2]],
    }


def corpus_records(ids: set[str]) -> dict[str, ArticleRecord]:
    records: dict[str, ArticleRecord] = {}
    for path in sorted(CORPORA.glob("*.jsonl")):
        for record in read_inputs([str(path)]):
            if isinstance(record, ArticleRecord) and record.external_id in ids:
                records[record.external_id] = record
    missing = ids - set(records)
    if missing:
        raise SystemExit(f"{CORPORA}: the gold's articles {sorted(missing)[:5]} are not there")
    return records


def load_texts(url: str, records: list[ArticleRecord], workdir: Path) -> None:
    """End to end: the articles as one `eventdb load` of a JSON Lines file."""
    path = workdir / "load.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"id": r.external_id, "text": r.text, "source": r.source, "title": r.title,
                                  "url": r.url, "published_at": r.published_at.isoformat() if r.published_at
                                  else None}) + "\n")
    engine = open_database(url)
    try:
        run_load(engine, [str(path)])
    finally:
        engine.dispose()


class GoldEvents:
    """The gold's own events as extracted events, to store through the load API."""

    def __init__(self, gold: dict[str, Any]) -> None:
        self.by_article: dict[str, list[dict[str, Any]]] = {}
        for event in gold["events"]:
            self.by_article.setdefault(event["article"], []).append(event)
        self.gazetteer = get_gazetteer()

    def extraction(self, article: str) -> ArticleExtraction:
        return ArticleExtraction([self.event(e) for e in self.by_article.get(article, [])])

    def event(self, gold: dict[str, Any]) -> ExtractedEvent:
        parties = [p for p in gold["participants"] if not p.get("optional")]
        note = gold.get("note") or gold["id"]
        return ExtractedEvent(
            type=gold["type"], mode=gold.get("mode"), status=gold["status"],
            participants=[ParticipantRef(self.actor(p)) for p in parties],
            mentions=[MentionRef(note, 0, len(note))],
            date=self.date(gold.get("date")), location=self.place(gold.get("location")))

    def actor(self, participant: dict[str, Any]) -> ActorRef:
        """A person where the gold names one among the acceptable names ("Russia", "Vladimir Putin"), else the
        country: the same actor in every article, so only the consolidation rules are measured."""
        names, code = participant["names"], participant.get("country_code")
        countries = [n for n in names if (place := self.gazetteer.lookup(n)) is not None and place.kind == "country"]
        people = [n for n in names if n not in countries and len(n.split()) > 1]
        if code and not people:
            return ActorRef(countries[0] if countries else names[0], "COUNTRY", code, names)
        return ActorRef(people[0] if people else names[0], "PERSON", code if people else None, names)

    @staticmethod
    def date(value: dict[str, str] | None) -> DateRef | None:
        if not value:
            return None
        start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
        days = (end - start).days
        precision = "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"
        return DateRef(start, end, precision, f"{start}..{end}")

    def place(self, names: list[str] | None) -> PlaceRef | None:
        for name in names or []:
            place = self.gazetteer.lookup(name)
            if place is not None:
                return PlaceRef(place.name, place.country_code, place.lat, place.lon, place.kind, place.geonames_id,
                                name)
        return None


def store_gold_events(url: str, records: list[ArticleRecord], events: GoldEvents) -> None:
    """Gold events: one run of the load API, storing each article with the gold's events of it."""
    engine = open_database(url)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        run = EtlRun(input="bench: gold events", pipeline_version="gold", model_name="gold")
        session.add(run)
        session.flush()
        run_id = run.id
    with sessions() as session:
        store = ArticleStore(session, etl_run_id=run_id, pipeline_version="gold")
        for record in records:
            store.store(record, events.extraction(record.external_id), content_hash(record.text))
    engine.dispose()


def score(gold_path: Path, url: str, workdir: Path) -> dict[str, Any]:
    export = workdir / "export.jsonl"
    engine = open_database(url)
    with export.open("w", encoding="utf-8") as out:
        write_jsonl(engine, out)
    engine.dispose()
    result = subprocess.run([sys.executable, str(SCORER), str(gold_path), str(export), "--json"],
                            capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    figures["links"] = links(gold_path, export)
    return figures


def links(gold_path: Path, export: Path) -> list[tuple[str, str, Any]]:
    """(article, gold cluster, predicted event id) of each matched mention, as score.py pairs them."""
    sys.path.insert(0, str(SCORER.parent))
    import score as scorer  # the shared scorer, as a library

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    run = scorer.Scorer(gold, scorer.load_export(str(export)), {"CONSULT"})
    found = []
    for article in sorted(run.articles):
        matched, _, _ = run.match_article(article)
        found += [(article, g.get("cluster") or g["id"], p.get("id")) for g, p in matched]
    return found


def explain(found: list[tuple[str, str, Any]]) -> Iterator[str]:
    clusters: dict[str, set[Any]] = {}
    events: dict[Any, set[str]] = {}
    for _, cluster, event_id in found:
        clusters.setdefault(cluster, set()).add(event_id)
        events.setdefault(event_id, set()).add(cluster)
    for cluster, ids in sorted(clusters.items()):
        if len(ids) > 1:
            yield f"    split: {cluster} is events {sorted(ids)}"
    for event_id, names in sorted(events.items(), key=lambda kv: str(kv[0])):
        if len(names) > 1:
            yield f"    joined: event {event_id} holds {sorted(names)}"


def run_all(gold_path: Path, kind: str, loader: Loader, records: dict[str, ArticleRecord], verbose: bool
            ) -> list[float]:
    f1s = []
    for name, loads in load_orders(list(records)).items():
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            url = f"sqlite:///{workdir / 'bench.sqlite'}"
            for ids in loads:
                loader(url, [records[i] for i in ids])
            figures = score(gold_path, url, workdir)
        c, e = figures["consolidation"], figures["events"]
        f1s.append(c["f1"])
        print(f"{kind:12} {name:25} consolidation P={c['precision']:.2f} R={c['recall']:.2f} F1={c['f1']:.2f} "
              f"(tp={c['tp']} fp={c['fp']} fn={c['fn']})  events matched={e['tp']}")
        if verbose:
            for line in explain(figures["links"]):
                print(line)
    return f1s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--verbose", action="store_true", help="list the clusters split and the events joined")
    parser.add_argument("--only", choices=("end-to-end", "gold-events"), help="run one of the two figures")
    args = parser.parse_args()
    if not SCORER.exists():
        raise SystemExit(f"{SCORER} is missing: the scorer lives in ../shared/eval")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    records = corpus_records(set(gold["articles"]))
    ordered = {a: records[a] for a in gold["articles"]}
    print(f"{args.gold.name}: {len(ordered)} articles, {len(gold['events'])} gold events")
    results = {}
    if args.only in (None, "end-to-end"):
        with tempfile.TemporaryDirectory() as tmp:
            results["end to end"] = run_all(args.gold, "end to end",
                                            lambda url, rs: load_texts(url, rs, Path(tmp)), ordered, args.verbose)
    if args.only in (None, "gold-events"):
        events = GoldEvents(gold)
        results["gold events"] = run_all(args.gold, "gold events",
                                         lambda url, rs: store_gold_events(url, rs, events), ordered, args.verbose)
    for kind, f1s in results.items():
        print(f"{kind}: consolidation F1 lowest {min(f1s):.2f} over {len(f1s)} runs")


if __name__ == "__main__":
    main()
