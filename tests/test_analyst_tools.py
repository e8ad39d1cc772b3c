"""What analysts reach for: full-text search (both backends), renaming an actor, progress in logs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import SAMPLE_CORPUS, SEEDS
from db.session import open_database
from etl.pipeline import LoadSummary
from etl.progress import LoadProgress
from eventdb_errors import EXIT_REFUSED, EXIT_USAGE
from reports.search import fts5_query

FENTANYL_ARTICLE = "000_c04deae8ccfcabaf"  # the seed article about the Biden-Xi call (fentanyl, AI, Russia)
SULLIVAN_ARTICLE = "003_544e8202dd5ab671"


def search(cli, url: str, query: str, *options: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    result = cli("search", query, *options, "--format", "json", "--db", url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def seeds_db(cli, db_url: str) -> str:  # type: ignore[no-untyped-def]
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    return db_url


def test_search_articles_on_both_backends(cli, seeds_db: str) -> None:
    found = search(cli, seeds_db, "fentanyl")
    assert [r["article_id"] for r in found] == [FENTANYL_ARTICLE]
    assert "[" in found[0]["snippet"] and "]" in found[0]["snippet"]  # the matching word is marked
    assert found[0]["source"] == "Bloomberg"
    both = {r["article_id"] for r in search(cli, seeds_db, "China")}
    assert both == {FENTANYL_ARTICLE, SULLIVAN_ARTICLE}
    assert [r["article_id"] for r in search(cli, seeds_db, "China -fentanyl")] == [SULLIVAN_ARTICLE]
    assert {r["article_id"] for r in search(cli, seeds_db, "fentanyl OR Zhang")} == both
    assert search(cli, seeds_db, '"fentanyl Zhang"') == []  # a phrase, not two words anywhere
    assert search(cli, seeds_db, "xylophone") == []


def test_search_sentences_gives_the_events_on_both_backends(cli, seeds_db: str) -> None:
    found = search(cli, seeds_db, "Vienna", "--in", "sentences")
    assert found and all("[Vienna]" in r["sentence"] for r in found)
    assert {"Jake Sullivan", "Wang Yi"} <= set(found[0]["participants"].split("; "))
    assert {r["location"] for r in found} >= {"Vienna"}
    # Stemming: the plural finds the singular and back, on both backends.
    meetings = {r["event_id"] for r in search(cli, seeds_db, "meetings", "--in", "sentences")}
    assert meetings == {r["event_id"] for r in search(cli, seeds_db, "meeting", "--in", "sentences")}
    assert meetings


def test_search_leaves_out_rejected_events(cli, seeds_db: str) -> None:
    found = search(cli, seeds_db, "Vienna", "--in", "sentences")
    rejected = found[0]["event_id"]
    assert cli("events", "reject", str(rejected), "--db", seeds_db).exit_code == 0
    assert rejected not in {r["event_id"] for r in search(cli, seeds_db, "Vienna", "--in", "sentences")}


def test_search_errors(cli, seeded_sqlite: str) -> None:
    nothing = cli("search", '"" -', "--db", seeded_sqlite)
    assert nothing.exit_code == EXIT_USAGE and "give at least one word" in nothing.stderr
    where = cli("search", "x", "--in", "tweets", "--db", seeded_sqlite)
    assert where.exit_code == EXIT_USAGE and "--in must be articles or sentences" in where.stderr
    # Punctuation is never FTS5 syntax.
    assert cli("search", 'U.S. "Xi-Biden" (talks) AND: NEAR*', "--db", seeded_sqlite).exit_code == 0


def test_fts5_query_translation() -> None:
    assert fts5_query("fentanyl") == '("fentanyl")'
    assert fts5_query('trade "export controls"') == '("trade" AND "export controls")'
    assert fts5_query("a b OR c") == '("a" AND "b") OR ("c")'
    assert fts5_query("china -trump -xi") == '((("china")) NOT "trump") NOT "xi"'


def test_postgresql_search_uses_the_gin_indexes(cli, postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    from db.search import ARTICLE_VECTOR, SENTENCE_VECTOR

    url = postgres_cluster.create_database("eventdb_test_search_index")
    assert cli("load", str(SEEDS), "--db", url).exit_code == 0
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SET enable_seqscan = off"))
            for table, vector, index in (("articles", ARTICLE_VECTOR, "ix_articles_search"),
                                         ("event_mentions", SENTENCE_VECTOR, "ix_event_mentions_search")):
                plan = "\n".join(connection.execute(text(
                    f"EXPLAIN SELECT id FROM {table} WHERE {vector} @@ websearch_to_tsquery('english', 'china')"
                )).scalars())
                assert index in plan, plan
    finally:
        engine.dispose()


def test_sqlite_search_index_follows_loads_curation_and_reprocess(cli, sqlite_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", sqlite_url).exit_code == 0
    assert cli("reprocess", "--db", sqlite_url).exit_code == 0
    engine = open_database(sqlite_url)
    try:
        with engine.begin() as connection:
            for fts in ("articles_fts", "event_mentions_fts"):
                # FTS5 checks its index against the rows of the table it indexes, and fails on any difference.
                connection.execute(text(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')"))
            indexed = connection.execute(text("SELECT COUNT(*) FROM event_mentions_fts_docsize")).scalar()
            assert indexed == connection.execute(text("SELECT COUNT(*) FROM event_mentions")).scalar()
    finally:
        engine.dispose()
    assert search(cli, sqlite_url, "Vienna", "--in", "sentences")


# --- Rename ---------------------------------------------------------------------------------------------------


def test_rename_now_and_after_reprocess_and_undo(cli, db_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    renamed = cli("actors", "rename", "Wang Yi", "Wang Yi (Foreign Minister)", "--db", db_url)
    assert renamed.exit_code == 0, renamed.output
    assert "renamed 'Wang Yi' to 'Wang Yi (Foreign Minister)' (rule 1)" in renamed.stderr

    def counterparts(actor: str) -> set[str]:
        result = cli("report", "run", "counterparts", "--param", f"actor={actor}", "--format", "json",
                     "--db", db_url)
        assert result.exit_code == 0, result.output
        return {row["counterpart"] for row in json.loads(result.stdout)}

    assert "Wang Yi (Foreign Minister)" in counterparts("Jake Sullivan")
    assert counterparts("Wang Yi") == counterparts("Wang Yi (Foreign Minister)")  # the old name is an alias
    assert cli("reprocess", "--db", db_url).exit_code == 0
    assert "Wang Yi (Foreign Minister)" in counterparts("Jake Sullivan")  # a rule: it survives a full reload
    assert "Wang Yi" not in counterparts("Jake Sullivan")
    assert cli("curation", "undo", "1", "--db", db_url).exit_code == 0
    assert cli("reprocess", "--db", db_url).exit_code == 0
    assert "Wang Yi" in counterparts("Jake Sullivan")


def test_rename_to_another_actors_name_is_refused(cli, db_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    result = cli("actors", "rename", "Wang Yi", "Jake Sullivan", "--db", db_url)
    assert result.exit_code == EXIT_REFUSED
    assert "another actor is called 'Jake Sullivan'" in result.stderr and "eventdb actors merge" in result.stderr
    same = cli("actors", "rename", "Wang Yi", "Wang Yi", "--db", db_url)
    assert same.exit_code == EXIT_REFUSED and "already called so" in same.stderr


# --- Progress --------------------------------------------------------------------------------------------------


def test_a_load_off_a_terminal_logs_progress_lines(cli, sqlite_url: str) -> None:
    result = cli("load", str(SAMPLE_CORPUS), "--db", sqlite_url, "--progress-every", "0", "--batch-size", "4")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("loading: ")]
    assert len(lines) >= 10, result.stderr  # one per article here; every 10 s by default
    last = lines[-1]
    assert "30 read" in last and "articles/s" in last and "% done, about " in last and "left" in last
    quiet = cli("load", str(SAMPLE_CORPUS), "--db", sqlite_url, "--no-progress", "--progress-every", "0")
    assert "loading: " not in quiet.stderr


def test_progress_lines_come_every_interval_with_rate_and_time_left() -> None:
    from io import StringIO

    from rich.console import Console

    now = [0.0]
    sink = StringIO()
    shown = LoadProgress(Console(file=sink, width=200), total=1000, bar=False, lines=True, every_s=10,
                         clock=lambda: now[0])
    summary = LoadSummary()
    for second in range(1, 41):  # 40 s, 25 characters and one article a second
        now[0] = float(second)
        summary.articles_read = summary.articles_loaded = second
        shown.update(summary, 25)
    lines = sink.getvalue().splitlines()
    assert len(lines) == 4  # at 10, 20, 30 and 40 s
    assert lines[0] == ("loading: 10 read, 10 loaded, 0 skipped, 0 rejected, 0 events; 1.0 articles/s; "
                        "25% done, about 30s left; 10s so far")
    assert "99% done" in lines[-1]  # the share is an estimate, never 100 % before the end


def test_an_empty_folder_warns(cli, sqlite_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "inbox"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article", encoding="utf-8")
    result = cli("load", str(empty), "--db", sqlite_url)
    assert result.exit_code == 0
    assert f"warning: {empty} has no .txt, .jsonl or .csv files to load" in result.stderr
