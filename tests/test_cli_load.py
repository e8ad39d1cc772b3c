"""End to end through the CLI: load, idempotence, rejects, export, reports."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text

from conftest import PROJECT, SEEDS

TABLES = ("articles", "events", "event_participants", "event_mentions", "actors", "actor_aliases", "locations",
          "issues", "event_issues", "article_issues", "sources")


def row_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return counts


def test_seeds_show_sullivan_and_wang_met_in_bangkok(cli, db_url: str) -> None:
    result = cli("load", str(SEEDS), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "2 loaded" in result.output
    report = cli("report", "run", "officials-met", "--param", "actor=Jake Sullivan", "--format", "json",
                 "--db", db_url)
    assert report.exit_code == 0, report.output
    rows = json.loads(report.stdout)
    assert any({r["actor"], r["counterpart"]} == {"Jake Sullivan", "Wang Yi"} and r["location"] == "Bangkok"
               for r in rows), rows


def test_loading_twice_adds_nothing(cli, db_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    before = row_counts(db_url)
    again = cli("load", str(SEEDS), "--db", db_url)
    assert again.exit_code == 0, again.output
    assert "0 loaded, 2 skipped" in again.output
    assert row_counts(db_url) == before
    assert before["events"] > 0


def test_broken_file_is_reported_and_good_one_loads(cli, sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEEDS / "003_544e8202dd5ab671.txt", folder)
    shutil.copy(SEEDS / "003_544e8202dd5ab671.meta.json", folder)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    result = cli("load", str(folder), "--db", sqlite_url)
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr and "invalid UTF-8" in result.stderr
    assert "1 loaded" in result.stderr and "1 rejected" in result.stderr
    counts = row_counts(sqlite_url)
    assert counts["articles"] == 1 and counts["events"] > 0
    runs = cli("sql", "SELECT status, articles_rejected FROM etl_runs", "--format", "json", "--db", sqlite_url)
    assert json.loads(runs.stdout) == [{"status": "completed_with_rejects", "articles_rejected": 1}]
    rejects = cli("sql", "SELECT source_file, reason FROM rejects", "--format", "json", "--db", sqlite_url)
    [reject] = json.loads(rejects.stdout)
    assert reject["source_file"].endswith("broken.txt") and "invalid UTF-8" in reject["reason"]


def test_jsonl_on_stdin_and_csv(cli, sqlite_url: str, tmp_path: Path) -> None:
    line = json.dumps({"id": "s1", "text": "French President Emmanuel Macron met German Chancellor Olaf Scholz "
                       "in Berlin on Monday.", "published_at": "2024-05-08", "source": "Wire"})
    result = cli("load", "-", "--db", sqlite_url, input=line + "\n")
    assert result.exit_code == 0, result.output
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "published_at", "source", "title", "url"])
        writer.writerow(["c1", "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin "
                         "in Ankara on Tuesday.", "2019-04-05", "Guardian", "Talks", "http://example.org/1"])
    assert cli("load", str(path), "--db", sqlite_url).exit_code == 0
    articles = cli("sql", "SELECT external_id, url FROM articles ORDER BY external_id", "--format", "json",
                   "--db", sqlite_url)
    assert json.loads(articles.stdout) == [{"external_id": "c1", "url": "http://example.org/1"},
                                           {"external_id": "s1", "url": None}]


PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_export_jsonl_and_csv(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    result = cli("export", "--format", "jsonl", "--db", seeded_sqlite)
    assert result.exit_code == 0
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events
    for event in events:
        assert event["type"] in PLOVER_TYPES and event["status"] in ("occurred", "planned")
        assert event["participants"] and event["mentions"]
        for mention in event["mentions"]:
            article = (SEEDS / f"{mention['article_id']}.txt").read_text(encoding="utf-8")
            assert article[mention["char_start"]:mention["char_end"]] == mention["sentence"]
    out = tmp_path / "events.csv"
    assert cli("export", "--format", "csv", "--out", str(out), "--db", seeded_sqlite).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(events) and rows[0]["participants"]


def test_two_workers_load_the_same_events_as_one(cli, tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / f'w{n}.sqlite'}" for n in (1, 2)]
    for workers, url in zip((1, 2), urls, strict=True):
        result = cli("load", str(SEEDS), "--workers", str(workers), "--db", url)
        assert result.exit_code == 0, result.output
    exports = []
    for url in urls:
        lines = cli("export", "--db", url).stdout.splitlines()
        exports.append(sorted(json.dumps({k: v for k, v in json.loads(line).items() if k != "id"}, sort_keys=True)
                              for line in lines))
    assert exports[0] == exports[1] and exports[0]


def test_users_extend_the_issue_taxonomy_without_code(cli, sqlite_url: str, tmp_path: Path) -> None:
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    bundled = (PROJECT / "etl" / "lexicons" / "issues.toml").read_text(encoding="utf-8")
    (lexicons / "issues.toml").write_text(bundled + '\n[[issue]]\ncode = "panda_diplomacy"\n'
                                          'label = "Panda diplomacy"\npatterns = ["giant pandas"]\n',
                                          encoding="utf-8")
    article = json.dumps({"id": "p1", "published_at": "2024-05-08", "text": (
        "Chinese President Xi Jinping met French President Emmanuel Macron in Paris on Monday. "
        "The two leaders discussed trade and the loan of two giant pandas to a French zoo.")})
    result = cli("load", "-", "--lexicon-dir", str(lexicons), "--db", sqlite_url, input=article + "\n")
    assert result.exit_code == 0, result.output
    found = cli("sql", "SELECT i.code, i.label FROM article_issues ai JOIN issues i ON i.id = ai.issue_id "
                "WHERE i.code = 'panda_diplomacy'", "--format", "json", "--db", sqlite_url)
    assert json.loads(found.stdout) == [{"code": "panda_diplomacy", "label": "Panda diplomacy"}]
