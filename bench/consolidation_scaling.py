"""Consolidation scaling: the time to store one article stays flat as the database grows.

    python bench/consolidation_scaling.py [--articles 10000] [--window 100] [--db FILE]

Stores a stream of synthetic articles (their extracted events made up, so the NLP is left out and only
the load and event consolidation are timed) into a fresh SQLite database, the way news arrives: each article
is published a little later than the one before and reports three exchanges of actors drawn from a skewed
pool (a few actors are in many events), some of them exchanges already reported by earlier articles. It
prints the mean milliseconds per article over the first `--window` articles and over the last ones, and
their ratio: a ratio near 1 means candidate lookups do not grow with the database.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from db.models import EtlRun  # noqa: E402
from db.session import open_database, session_factory  # noqa: E402
from etl.load import ArticleStore, content_hash  # noqa: E402
from etl.records import (  # noqa: E402
    ActorRef,
    ArticleExtraction,
    ArticleRecord,
    DateRef,
    ExtractedEvent,
    MentionRef,
    Origin,
    ParticipantRef,
    PlaceRef,
)

START = date(2015, 1, 1)
N_ACTORS = 2000
N_PLACES = 300
COUNTRIES = ("USA", "CHN", "RUS", "TUR", "IRN", "SYR", "FRA", "DEU", "GBR", "ISR")


class Stream:
    """Synthetic articles and their extracted events, reproducible from a seed."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(1, N_ACTORS + 1):
            total += 1 / rank ** 0.9
            self.cumulative.append(total)
        self.total = total
        self.recent: list[ExtractedEvent] = []

    def actor(self) -> ActorRef:
        index = bisect.bisect_left(self.cumulative, self.rng.random() * self.total)
        return ActorRef(f"Official {index}", "PERSON", COUNTRIES[index % len(COUNTRIES)], [f"Official{index}"])

    def event(self, published: date) -> ExtractedEvent:
        if self.recent and self.rng.random() < 0.3:
            return self.rng.choice(self.recent)  # another article reports an exchange already reported
        day = published - timedelta(days=self.rng.randrange(0, 20))
        actors = {self.actor().name: None for _ in range(self.rng.choice((2, 2, 3)))}
        place_index = self.rng.randrange(N_PLACES)
        extracted = ExtractedEvent(
            type="CONSULT", mode=self.rng.choice(("meeting", "phone", "visit")), status="occurred",
            participants=[ParticipantRef(ActorRef(name, "PERSON", None, []), "participant", "Minister")
                          for name in actors],
            mentions=[MentionRef("They met.", 0, 9, "met")],
            date=DateRef(day, day, "day", day.isoformat()),
            location=PlaceRef(f"City {place_index}", COUNTRIES[place_index % len(COUNTRIES)], 0.0, 0.0, "city"),
            confidence=0.7,
        )
        self.recent = (self.recent + [extracted])[-200:]
        return extracted

    def article(self, index: int) -> tuple[ArticleRecord, ArticleExtraction]:
        published = START + timedelta(days=index * 3650 // 10_000)
        record = ArticleRecord(f"synthetic-{index}", f"They met. (article {index})", Origin("synthetic"),
                               published_at=published, source=f"Source {index % 25}")
        return record, ArticleExtraction([self.event(published) for _ in range(3)])


def run(n_articles: int, window: int, path: Path) -> dict[str, float]:
    engine = open_database(f"sqlite:///{path}")
    sessions = session_factory(engine)
    with sessions.begin() as session:
        etl_run = EtlRun(input="bench", pipeline_version="bench", model_name="none")
        session.add(etl_run)
        session.flush()
        run_id = etl_run.id
    stream = Stream()
    timings = []
    with sessions() as session:
        store = ArticleStore(session, etl_run_id=run_id, pipeline_version="bench")
        for index in range(n_articles):
            record, extraction = stream.article(index)
            started = time.perf_counter()
            store.store(record, extraction, content_hash(record.text))
            timings.append(time.perf_counter() - started)
    engine.dispose()
    first = statistics.mean(timings[:window]) * 1000
    last = statistics.mean(timings[-window:]) * 1000
    return {"articles": n_articles, "first_ms": first, "last_ms": last, "ratio": last / first}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "scaling.sqlite"
        result = run(args.articles, args.window, path)
    print(f"Consolidation scaling on SQLite, {os.cpu_count()} cores, {date.today()}")
    print(f"per-article load time: {result['first_ms']:.1f} ms over articles 1-{args.window}, "
          f"{result['last_ms']:.1f} ms over the last {args.window} of {args.articles} "
          f"(ratio {result['ratio']:.2f})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
