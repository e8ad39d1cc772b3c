"""Report latency at scale: a synthetic SQLite database of 100,000 articles and 1,000,000 events, then the
median time of every bundled report and of the `v_meetings` view.

    python bench/report_latency.py [--articles 100000] [--events 1000000] [--runs 5] [--db FILE] [--keep]

The database is built with bulk inserts (no NLP) on the real schema (Alembic migrations), with realistic
shapes: a few hundred busy actors among thousands, two or three participants per event, dates over ten
years, a few hundred places, issues on most events. Target: every report under 0.5 s median on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from db.session import create_db_engine, open_database, upgrade  # noqa: E402
from reports.library import discover  # noqa: E402

START = date(2015, 1, 1)
BULK_LOAD_REVISION = "0006"
# Page cache for the bulk inserts and the migrations' backfills (negative: KiB): big tables' indexes stay in memory.
CACHE_KIB = 1_000_000
DAYS = 3650
MODES = ("meeting", "phone", "visit", "host", "multilateral", "video", "third-party")
COUNTRIES = ("USA", "CHN", "RUS", "TUR", "IRN", "SYR", "FRA", "DEU", "GBR", "ISR", "SAU", "EGY", "JOR", "IRQ", "UKR")
# Report parameters an analyst would typically give (reports not listed run with their defaults).
TYPICAL_PARAMS: dict[str, dict[str, str]] = {
    "actor-timeline": {"actor": "Person 7"},
    "counterparts": {"actor": "Person 7"},
    "issues-by-actor": {"actor": "Person 7"},
    "upcoming": {"date_from": "2024-06-01"},
    "dyad-trend": {"a": "CHN", "b": "RUS"},  # two countries: hundreds of actors each, the busiest among them
}
# What an analyst runs on the view (docs/reports.md): one actor's meetings in a year, written as two branches so
# each can start from the actor's participant index (`actor_a_id = X OR actor_b_id = X` names two joined tables
# and cannot use an index), one place's meetings in a year, and the latest meetings.
VIEW_QUERIES = {
    "v_meetings (one actor, 2024 on)": "SELECT * FROM v_meetings WHERE actor_a_id = 3 AND date_start >= '2024-01-01' "
                                       "UNION ALL "
                                       "SELECT * FROM v_meetings WHERE actor_b_id = 3 AND date_start >= '2024-01-01'",
    "v_meetings (one place, 2024 on)": "SELECT * FROM v_meetings WHERE location = 'City 7' "
                                       "AND date_start >= '2024-01-01'",
    "v_meetings (latest 100)": "SELECT * FROM v_meetings ORDER BY date_start DESC LIMIT 100",
}


def _big_cache_engine(path: Path):  # type: ignore[no-untyped-def]
    """eventdb's engine, with a large page cache and temporary B-trees in memory (the migrations' sorts)."""
    engine = create_db_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _cache(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        dbapi_connection.execute("PRAGMA temp_store=MEMORY")

    return engine


def build(path: Path, n_articles: int, n_events: int, seed: int = 7) -> float:
    """Fill a migrated database at `path`; returns the seconds it took."""
    started = time.perf_counter()
    # Bulk rows go in before the migrations that add the denormalized copies and summaries and their triggers
    # (0007, 0008), which then backfill them in set-wise statements: row-by-row triggers over 4 million link rows
    # take many minutes.
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine, BULK_LOAD_REVISION)
    engine.dispose()
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA foreign_keys=OFF")  # the generator keeps every reference valid by construction
    db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    db.execute("PRAGMA temp_store=MEMORY")
    # The secondary indexes of the big tables go while the rows go in and are built again afterwards, from their
    # definitions as migrated (sqlite_master): one sort each instead of millions of random B-tree inserts.
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name "
                         "IN ('articles', 'events', 'event_participants', 'event_mentions', 'event_issues', "
                         "'article_issues')").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    with db:
        db.execute("INSERT INTO etl_runs (id, status, input, pipeline_version, model_name, articles_read, "
                   "articles_loaded, articles_skipped, articles_rejected, events_added, actors_added, "
                   "locations_added) VALUES (1, 'succeeded', 'synthetic', 'bench', 'none', 0, 0, 0, 0, 0, 0, 0)")
        db.executemany("INSERT INTO sources (id, name) VALUES (?, ?)", [(i, f"Source {i}") for i in range(1, 41)])
        n_actors = 6000
        actors = [(i, f"Person {i}" if i <= 5000 else f"Country {i}", "PERSON" if i <= 5000 else "COUNTRY",
                   COUNTRIES[i % len(COUNTRIES)] if i % 5 else None) for i in range(1, n_actors + 1)]
        db.executemany("INSERT INTO actors (id, canonical_name, kind, country_code) VALUES (?, ?, ?, ?)", actors)
        db.executemany("INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?)",
                       [(i, name) for i, name, _, _ in actors] + [(i, f"P{i}") for i in range(1, 5001)])
        db.executemany("INSERT INTO actor_roles (actor_id, title, country_code, first_seen, last_seen) "
                       "VALUES (?, ?, ?, ?, ?)",
                       [(i, "Minister", c, "2015-01-01", "2024-12-31") for i, _, _, c in actors[:5000]])
        n_places = 800
        db.executemany("INSERT INTO locations (id, name, country_code, lat, lon, kind) VALUES (?, ?, ?, ?, ?, ?)",
                       [(i, f"City {i}", COUNTRIES[i % len(COUNTRIES)], rng.uniform(-60, 60), rng.uniform(-180, 180),
                         "city") for i in range(1, n_places + 1)])
        issue_ids = [row[0] for row in db.execute("SELECT id FROM issues")]
        if not issue_ids:
            db.executemany("INSERT INTO issues (id, code, label) VALUES (?, ?, ?)",
                           [(i, f"issue_{i}", f"Issue {i}") for i in range(1, 31)])
            issue_ids = list(range(1, 31))

        def article_rows():
            for i in range(1, n_articles + 1):
                day = START + timedelta(days=rng.randrange(DAYS))
                yield (i, f"a{i}", f"Article {i}", day.isoformat(), f"Text of article {i}.", f"hash{i}",
                       rng.randrange(1, 41), 1)

        db.executemany("INSERT INTO articles (id, external_id, title, published_at, text, content_hash, source_id, "
                       "etl_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", article_rows())
        db.executemany("INSERT INTO article_issues (article_id, issue_id, matches) VALUES (?, ?, ?)",
                       ((a, rng.choice(issue_ids), 1) for a in range(1, n_articles + 1)))

        # Busy actors: a skewed draw, so some take part in tens of thousands of events, as in real news.
        weights = [1 / (rank ** 0.9) for rank in range(1, n_actors + 1)]
        cumulative = []
        total = 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)

        def draw_actor() -> int:
            import bisect
            return bisect.bisect_left(cumulative, rng.random() * total) + 1

        events, participants, mentions, issues = [], [], [], []
        for event_id in range(1, n_events + 1):
            day = START + timedelta(days=rng.randrange(DAYS))
            width = rng.choice((0, 0, 0, 6, 29))
            status = "planned" if rng.random() < 0.08 else "occurred"
            place = rng.randrange(1, n_places + 1) if rng.random() < 0.7 else None
            events.append((event_id, "CONSULT", rng.choice(MODES), status, day.isoformat(),
                           (day + timedelta(days=width)).isoformat(), "day" if width == 0 else "month", place,
                           round(rng.uniform(0.5, 0.99), 2), 1))
            chosen = set()
            while len(chosen) < rng.choice((2, 2, 2, 3)):
                chosen.add(draw_actor())
            for role, actor_id in zip(("source", "target", "participant"), sorted(chosen), strict=False):
                participants.append((event_id, actor_id, role, "Minister"))
            article = rng.randrange(1, n_articles + 1)
            mentions.append((event_id, article, "They met.", 0, 9, "met", "bench", 1))
            if rng.random() < 0.3:
                mentions.append((event_id, rng.randrange(1, n_articles + 1), "They met.", 0, 9, "met", "bench", 1))
            if rng.random() < 0.8:
                issues.append((event_id, rng.choice(issue_ids)))
            if len(events) == 100_000:
                _flush(db, events, participants, mentions, issues)
        _flush(db, events, participants, mentions, issues)
    inserted = time.perf_counter()
    with db:
        for _, sql in indexes:
            db.execute(sql)
    db.close()
    indexed = time.perf_counter()
    # The remaining migrations, with their backfills. They also leave the statistics current (0007 analyzes the
    # whole database, 0008 the tables it changes), so no ANALYZE follows.
    engine = _big_cache_engine(path)
    upgrade(engine)
    engine.dispose()
    done = time.perf_counter()
    print(f"build: {inserted - started:.0f} s inserts, {indexed - inserted:.0f} s indexes, "
          f"{done - indexed:.0f} s migrations", flush=True)
    return done - started


def _flush(db: sqlite3.Connection, events: list, participants: list, mentions: list, issues: list) -> None:
    db.executemany("INSERT INTO events (id, type, mode, status, date_start, date_end, date_precision, location_id, "
                   "confidence, etl_run_id, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", events)
    db.executemany("INSERT INTO event_participants (event_id, actor_id, role, title) VALUES (?, ?, ?, ?)",
                   participants)
    db.executemany("INSERT INTO event_mentions (event_id, article_id, sentence, char_start, char_end, trigger, "
                   "pipeline_version, etl_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", mentions)
    db.executemany("INSERT OR IGNORE INTO event_issues (event_id, issue_id) VALUES (?, ?)", issues)
    for rows in (events, participants, mentions, issues):
        rows.clear()


def time_reports(path: Path, runs: int) -> list[tuple[str, float, int]]:
    engine = open_database(f"sqlite:///{path}")
    results = []
    for name, report in sorted(discover().items()):
        params = TYPICAL_PARAMS.get(name, {})
        timings, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(report.run(engine, params))
            timings.append(time.perf_counter() - started)
        label = name + (f" ({', '.join(f'{k}={v}' for k, v in params.items())})" if params else "")
        results.append((label, statistics.median(timings), rows))
    from reports.adhoc import run_sql

    for label, sql in VIEW_QUERIES.items():
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(run_sql(sql, f"sqlite:///{path}"))
            timings.append(time.perf_counter() - started)
        results.append((label, statistics.median(timings), rows))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="build here (default: a temp file)")
    parser.add_argument("--keep", action="store_true", help="reuse --db if it exists instead of rebuilding")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "latency.sqlite"
    if args.keep and args.db.exists():
        build_s = 0.0
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        build_s = build(args.db, args.articles, args.events)
    results = time_reports(args.db, args.runs)
    print(f"Report latency on SQLite: {args.articles} articles, {args.events} events, built in {build_s:.0f} s; "
          f"{os.cpu_count()} cores, {date.today()}; median of {args.runs} runs")
    print(f"{'query':<48} {'median s':>9} {'rows':>7}  target 0.5 s")
    for label, median, rows in results:
        print(f"{label:<48} {median:>9.3f} {rows:>7}  {'ok' if median < 0.5 else 'SLOW'}")
    if args.json:
        args.json.write_text(json.dumps({"articles": args.articles, "events": args.events, "build_s": build_s,
                                         "results": results}, indent=2), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
