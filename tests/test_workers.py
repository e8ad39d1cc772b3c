"""Loads with worker processes: what travels between the processes, same results as one process, crash safety."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from nlp_helpers import article, pipeline
from sqlalchemy import create_engine, text
from test_cli_load import row_counts
from test_crash_safety import export_without_ids, scalar

import etl.pipeline
from conftest import PROJECT, SAMPLE_CORPUS
from etl.components import DatedText, DatedTokenizer
from etl.records import ArticleRecord, Origin
from etl.transform import transform

CORPUS = SAMPLE_CORPUS
KILLED_LOAD_ARTICLES = 14  # enough that the load is still running when three are stored
MEETING = "President Joe Biden met Chinese President Xi Jinping in Bangkok on Tuesday to talk about tariffs."


def corpus_articles(count: int) -> list[ArticleRecord]:
    records = []
    with CORPUS.open(encoding="utf-8") as source:
        for line in source:
            row = json.loads(line)
            published = date.fromisoformat(row["published_at"][:10]) if row.get("published_at") else None
            records.append(ArticleRecord(external_id=row["id"], text=row["text"], origin=Origin("corpus"),
                                         published_at=published))
            if len(records) == count:
                break
    return records


def test_dated_text_is_the_text_and_carries_its_date_across_processes() -> None:
    dated = DatedText(MEETING, "2024-04-02")
    assert dated == MEETING and str(dated) == MEETING
    copy = pickle.loads(pickle.dumps(dated))
    assert copy == MEETING and copy.published_at == "2024-04-02"


def test_dated_tokenizer_sets_the_date_and_tokenizes_as_before() -> None:
    nlp = pipeline()
    assert isinstance(nlp.tokenizer, DatedTokenizer)
    stock = nlp.tokenizer.tokenizer
    dated = nlp.make_doc(DatedText(MEETING, "2024-04-02"))
    plain = nlp.make_doc(MEETING)
    assert dated._.published_at == "2024-04-02" and plain._.published_at is None
    assert [t.text for t in dated] == [t.text for t in plain] == [t.text for t in stock(MEETING)]
    assert dated.text == MEETING
    assert nlp.tokenizer.explain("U.S. talks")  # the stock tokenizer's other methods are still there


def test_results_only_hands_back_only_the_results_when_asked() -> None:
    nlp = pipeline()
    assert nlp.pipe_names[-1] == "eventdb_results_only"
    doc = nlp(DatedText(MEETING + " The talks were long and the weather was mild." * 40, "2024-04-02"))
    assert doc.ents and doc.tensor.size and doc._.consult_events  # nlp(text) keeps the whole Doc
    results = nlp.get_pipe("eventdb_results_only")(doc, compact=True)
    assert len(results) == 0 and results.tensor.size == 0
    assert results._.consult_events == doc._.consult_events and results._.issue_hits == doc._.issue_hits
    assert len(results.to_bytes()) * 20 < len(doc.to_bytes())  # what a worker sends back


def test_two_processes_extract_what_one_does_from_real_news() -> None:
    articles = corpus_articles(12)
    one = list(transform(pipeline(), articles, batch_size=3, n_process=1))
    two = list(transform(pipeline(), articles, batch_size=3, n_process=2))
    assert [a.external_id for a, _ in two] == [a.external_id for a, _ in one] == [a.external_id for a in articles]
    assert [x for _, x in two] == [x for _, x in one]
    assert any(x.events for _, x in one)


def test_dates_reach_the_extractor_in_worker_processes() -> None:
    arts = [article(MEETING, published=date(2024, 4, 2), ident="a"), article(MEETING, published=None, ident="b"),
            article(MEETING, published=date(2023, 1, 5), ident="c")]
    one = [x.events[0].date for _, x in transform(pipeline(), arts, batch_size=1, n_process=1)]
    two = [x.events[0].date for _, x in transform(pipeline(), arts, batch_size=1, n_process=2)]
    assert two == one
    assert two[0] is not None and two[0].start == date(2024, 4, 2)
    assert two[1] is None
    assert two[2] is not None and two[2].start.year == 2023


def test_run_counts_are_written_at_most_every_interval_and_at_the_end(cli, sqlite_url: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    writes = []
    save = etl.pipeline._Counts.save

    def counting_save(self: etl.pipeline._Counts) -> None:
        before = self.saved_at
        save(self)
        if self.saved_at != before:
            writes.append(self.summary.articles_loaded)

    monkeypatch.setattr(etl.pipeline, "COUNTS_EVERY", 3600.0)
    monkeypatch.setattr(etl.pipeline._Counts, "save", counting_save)
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{MEETING} Item {n}.", encoding="utf-8")
    assert cli("load", str(folder), "--db", sqlite_url).exit_code == 0
    assert writes == []  # nothing in between: an hour did not pass
    assert scalar(sqlite_url, "SELECT articles_loaded FROM etl_runs") == 3

    monkeypatch.setattr(etl.pipeline, "COUNTS_EVERY", 0.0)
    (folder / "3.txt").write_text(f"{MEETING} Item 3.", encoding="utf-8")
    (folder / "4.txt").write_text(f"{MEETING} Item 4.", encoding="utf-8")
    assert cli("load", str(folder), "--db", sqlite_url).exit_code == 0
    assert writes == [1, 2]
    engine = create_engine(sqlite_url)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT articles_read, articles_loaded, articles_skipped, status "
                                      "FROM etl_runs WHERE id = 2")).one()
    engine.dispose()
    assert tuple(row) == (5, 2, 3, "succeeded")


def test_killed_two_worker_load_rerun_equals_clean_load(cli, sqlite_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    with CORPUS.open(encoding="utf-8") as source:
        articles.write_text("".join(next(source) for _ in range(KILLED_LOAD_ARTICLES)), encoding="utf-8")
    clean_url = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    assert cli("load", str(articles), "--db", clean_url).exit_code == 0

    command = [sys.executable, "-m", "eventdb_cli", "load", str(articles), "--db", sqlite_url, "--workers", "2",
               "--batch-size", "2"]
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 180
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None and loaded < 3:
        try:
            loaded = scalar(sqlite_url, "SELECT COUNT(*) FROM articles") or 0
        except Exception:  # the schema may not exist yet
            loaded = 0
        time.sleep(0.05)
    assert process.poll() is None, f"the load ended before it could be killed: {process.stderr.read()!r}"
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers
    process.wait()
    killed = scalar(sqlite_url, "SELECT COUNT(*) FROM articles")
    assert 3 <= killed < KILLED_LOAD_ARTICLES

    rerun = cli("load", str(articles), "--db", sqlite_url, "--workers", "2")
    assert rerun.exit_code == 0, rerun.output
    assert f"{KILLED_LOAD_ARTICLES - killed} loaded, {killed} skipped" in rerun.stderr
    assert row_counts(sqlite_url) == row_counts(clean_url)
    assert export_without_ids(cli, sqlite_url) == export_without_ids(cli, clean_url)
    assert scalar(sqlite_url, "SELECT status FROM etl_runs WHERE id = 1") == "interrupted"


def child_processes(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
def test_workers_exit_when_the_load_is_killed(sqlite_url: str) -> None:
    process = subprocess.Popen([sys.executable, "-m", "eventdb_cli", "load", str(CORPUS), "--db", sqlite_url,
                                "--workers", "2", "--batch-size", "1"], cwd=PROJECT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = child_processes(process.pid)
            time.sleep(0.05)
        assert len(workers) >= 2 and process.poll() is None, "the load ended before its workers could be seen"
        os.kill(process.pid, signal.SIGKILL)  # the main process only, as the OOM killer would
        process.wait()
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        orphans = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
        assert orphans == [], f"workers left running after their load was killed: {orphans}"
    finally:
        for pid in [*workers, process.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
