"""One bad record never sinks a load, on either backend: whatever fails in reading, extracting or storing a record
makes it a reject with its reason, and the good records beside it load (issue 11: #4 values PostgreSQL cannot
store, #5 records that raised, #6 CSV fields over the limit, #12 unreadable folders, pipes, short foreign texts)."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from sqlalchemy import func, select
from test_hostile_input import junk_lines

from conftest import PROJECT
from db.models import Reject
from db.session import open_database
from etl.extract import read_inputs
from etl.nlp import build_pipeline
from etl.pipeline import LoadOptions, run_load
from etl.records import ArticleRecord, ExtractionFailed, Origin, RejectedRecord
from etl.transform import transform

GOOD = ("The foreign ministers of France and Germany met in Paris on Monday to discuss the war in Ukraine and the "
        "sanctions on Russia, officials said after the talks.")


def good(n: int | str, **fields: object) -> dict[str, object]:
    return {"id": f"good-{n}", "text": f"{GOOD} Item {n}.", "published_at": "2024-05-06", **fields}


def jsonl(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
                                for line in lines) + b"\n")
    return path


def rejects_by_line(cli, url: str) -> dict[int | None, str]:
    listed = cli("rejects", "list", "--format", "json", "--db", url)
    assert listed.exit_code == 0, listed.output
    return {row["line"]: row["reason"] for row in json.loads(listed.stdout)}


def loaded_ids(cli, url: str) -> set[str]:
    result = cli("sql", "SELECT external_id FROM articles", "--format", "json", "--db", url)
    return {row["external_id"] for row in json.loads(result.stdout)}


# --- #4: values PostgreSQL cannot store -------------------------------------------------------------------------

UNSTORABLE = {  # line -> (record, what the reason says)
    2: (good("nul-text", text=f"{GOOD} \x00 after a NUL."), "NUL"),
    3: (good("nul-title", title="A \x00 title"), "'title' contains a NUL"),
    4: (good("nul-id", id="nul-\x00-id"), "'id' contains a NUL"),
    5: (good("nul-source", source="The \x00 Times"), "'source' contains a NUL"),
    6: (good("nul-url", url="https://example.com/\x00"), "'url' contains a NUL"),
    7: (good("long-id", id="x" * 301), "over the 300"),
    8: (good("long-source", source="s" * 201), "over the 200"),
}


def test_values_the_database_cannot_store_reject_their_record_only(cli, db_url: str, tmp_path: Path) -> None:
    lines: list[str | bytes] = [json.dumps(good("first"))]
    lines += [json.dumps(record) for record, _ in UNSTORABLE.values()]
    lines.append(b'{"id": "broken \x00 line", "text": ')  # the reject's own excerpt holds a NUL
    lines.append(json.dumps(good("last")))
    result = cli("load", str(jsonl(tmp_path / "unstorable.jsonl", lines)), "--db", db_url)
    assert result.exit_code == 1, result.output
    assert "2 loaded" in result.stderr and f"{len(UNSTORABLE) + 1} rejected" in result.stderr, result.stderr
    assert loaded_ids(cli, db_url) == {"good-first", "good-last"}
    reasons = rejects_by_line(cli, db_url)
    for line, (_, expected) in UNSTORABLE.items():
        assert expected in reasons[line], (line, reasons[line])
    assert "malformed JSON" in reasons[len(UNSTORABLE) + 2]


# --- #5: records that raised --------------------------------------------------------------------------------------

RAISED = {  # line -> record text as written in the file
    2: "[" * 200_000 + "]" * 200_000,
    3: '{"id": ' + "9" * 5000 + f', "text": "{GOOD}"}}',
    4: json.dumps(good("surrogate", text=f"{GOOD} \ud800")),
    5: json.dumps(good("too-long-for-the-nlp", text="The minister met the president in Paris. " * 28_700)),
    6: json.dumps(good("huge-int-id", id=10**30)),
}


def test_records_that_raised_are_rejects_and_the_load_goes_on(cli, db_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    jsonl(articles / "a.jsonl", [json.dumps(good("first")), *RAISED.values(), json.dumps(good("last"))])
    (articles / "b.txt").write_text(f"{GOOD} With a sidecar.", encoding="utf-8")
    (articles / "b.meta.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (articles / "c.txt").write_text(f"{GOOD} Beside the sidecar.", encoding="utf-8")
    result = cli("load", str(articles), "--db", db_url)  # under the default --max-bytes of 5,000,000
    assert result.exit_code == 1, result.output
    assert loaded_ids(cli, db_url) == {"good-first", "good-last", "c"}
    reasons = rejects_by_line(cli, db_url)
    assert "nested too deeply" in reasons[2]
    assert "digits" in reasons[3]
    assert "not valid Unicode" in reasons[4]
    assert "the NLP model takes" in reasons[5]
    assert "64 bits" in reasons[6]
    assert "nested too deeply" in reasons[None]  # b.txt, whose sidecar it is


def test_dates_past_the_ends_of_the_calendar_do_not_stop_a_load(cli, db_url: str, tmp_path: Path) -> None:
    lines = [json.dumps(good("first")),
             json.dumps(good("end", published_at="9999-12-31",
                             text="The foreign ministers of France and Germany will meet in Paris next week.")),
             json.dumps(good("start", published_at="0001-01-01",
                             text="The foreign ministers of France and Germany met in Paris last week.")),
             json.dumps(good("last"))]
    result = cli("load", str(jsonl(tmp_path / "dates.jsonl", lines)), "--db", db_url)
    assert result.exit_code in (0, 1), result.output
    ids = loaded_ids(cli, db_url)
    assert {"good-first", "good-last"} <= ids
    assert len(ids) + len(rejects_by_line(cli, db_url)) == 4  # each record loaded or rejected with its reason


EXPLODING = "EXPLODE"


@Language.component("eventdb_test_exploding")
def exploding(doc):  # type: ignore[no-untyped-def]
    if EXPLODING in doc.text:
        raise ValueError("a component failed on this article")
    return doc


def _explode_in_extractor(nlp: Language) -> None:
    extractor = nlp.get_pipe("eventdb_consult_extractor").extractor
    extract = extractor.extract

    def exploding_extract(doc):  # type: ignore[no-untyped-def]
        exploding(doc)
        return extract(doc)

    extractor.extract = exploding_extract


# The model's components and the project's rule components run in different threads with one process (etl.transform).
@pytest.mark.parametrize("n_process, stage", [(1, "model"), (2, "model"), (1, "rules"), (2, "rules")])
def test_an_article_the_nlp_fails_on_is_rejected_and_the_rest_extracted(n_process: int, stage: str) -> None:
    nlp = build_pipeline()
    if stage == "model":
        nlp.add_pipe("eventdb_test_exploding", first=True)
    else:
        _explode_in_extractor(nlp)
    texts = [f"{GOOD} Item {n}." for n in range(7)]
    texts[3] = f"{GOOD} {EXPLODING}."
    articles = [ArticleRecord(external_id=str(n), text=t, origin=Origin("test")) for n, t in enumerate(texts)]
    results = list(transform(nlp, articles, batch_size=2, n_process=n_process))
    assert [a.external_id for a, _ in results] == [str(n) for n in range(7)]
    assert isinstance(results[3][1], ExtractionFailed) and "a component failed" in results[3][1].reason
    alone = list(transform(nlp, articles[:3] + articles[4:], batch_size=2, n_process=1))
    assert [x for _, x in results[:3] + results[4:]] == [x for _, x in alone]


# --- #6: a CSV field over the limit -------------------------------------------------------------------------------


def test_a_csv_field_over_the_limit_rejects_its_row_and_the_file_goes_on(cli, sqlite_url: str, tmp_path: Path
                                                                          ) -> None:
    huge = "word " * 300_000
    path = tmp_path / "feed.csv"
    path.write_text(f'id,text\nfirst,"{GOOD} first"\nhuge,"{huge}\nacross lines"\nlast,"{GOOD} last"\n',
                    encoding="utf-8")
    result = cli("load", str(path), "--max-bytes", "1000000", "--db", sqlite_url)
    assert result.exit_code == 1, result.output
    assert "2 loaded" in result.stderr and "1 rejected" in result.stderr, result.stderr
    assert loaded_ids(cli, sqlite_url) == {"first", "last"}
    assert "over the 1000000-byte limit" in rejects_by_line(cli, sqlite_url)[3]


# --- #12: folders that cannot be read, named pipes, short texts in other languages ---------------------------------


def load_in_subprocess(args: list[str], *, drop_root_override: bool = False) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if drop_root_override and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot make a folder unreadable")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return subprocess.run([*prefix, sys.executable, "-m", "eventdb_cli", "load", *args], cwd=PROJECT,
                          capture_output=True, text=True, timeout=240)


def test_a_folder_that_cannot_be_read_is_a_reject(cli, sqlite_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "locked").mkdir(parents=True)
    (articles / "locked" / "inside.txt").write_text(f"{GOOD} Locked away.", encoding="utf-8")
    (articles / "open.txt").write_text(f"{GOOD} In the open.", encoding="utf-8")
    (articles / "locked").chmod(0)
    try:
        result = load_in_subprocess([str(articles), "--db", sqlite_url], drop_root_override=True)
    finally:
        (articles / "locked").chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "1 loaded" in result.stderr and "1 rejected" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(cli("rejects", "list", "--format", "json", "--db", sqlite_url).stdout)
    assert [(Path(r["source_file"]).name, r["reason"]) for r in listed] == [
        ("locked", "cannot read folder: Permission denied")]


def test_a_named_pipe_is_refused_not_read(cli, sqlite_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    os.mkfifo(articles / "pipe.txt")
    os.mkfifo(tmp_path / "feed.jsonl")
    (articles / "good.txt").write_text(f"{GOOD} Beside a pipe.", encoding="utf-8")
    result = load_in_subprocess([str(articles), str(tmp_path / "feed.jsonl"), "--db", sqlite_url])
    assert result.returncode == 1, result.stderr
    assert "1 loaded" in result.stderr and "2 rejected" in result.stderr, result.stderr
    listed = json.loads(cli("rejects", "list", "--format", "json", "--db", sqlite_url).stdout)
    assert sorted(Path(r["source_file"]).name for r in listed) == ["feed.jsonl", "pipe.txt"]
    assert all("not a regular file" in r["reason"] for r in listed)


SHORT_FOREIGN = [
    "Der Bundeskanzler traf sich am Dienstag mit dem französischen Präsidenten in Berlin.",
    "Le président a rencontré le chancelier allemand à Paris pour parler de la guerre.",
    "El presidente se reunió con el canciller alemán en Madrid para hablar de la guerra.",
    "Путин встретился с Эрдоганом в Сочи во вторник.",
    "习近平周二在北京会见了美国国务卿。",
]
SHORT_ENGLISH = [
    "Biden met Xi in Bali.",
    "Ursula von der Leyen met Lula da Silva in Brasilia on Monday.",
    "Putin meets Erdogan in Sochi",
    "UN envoy met Houthi leaders in Sanaa.",
]


def test_short_texts_in_other_languages_are_refused_and_short_english_is_not(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "short.jsonl", [json.dumps({"id": str(n), "text": t})
                                            for n, t in enumerate(SHORT_FOREIGN + SHORT_ENGLISH)])
    records = list(read_inputs([str(path)]))
    foreign, english = records[:len(SHORT_FOREIGN)], records[len(SHORT_FOREIGN):]
    for record, text in zip(foreign, SHORT_FOREIGN, strict=True):
        assert isinstance(record, RejectedRecord) and "English" in record.reason, text
    assert all(isinstance(record, ArticleRecord) for record in english), english


# --- Hypothesis, on both backends: no input stops a load ------------------------------------------------------------

ISSUE_CASES = [  # the inputs of issue 11 that stopped a load, as lines of a JSON Lines file
    *[json.dumps(record).encode("utf-8", "surrogatepass") for record, _ in UNSTORABLE.values()],
    *[line.encode("utf-8", "surrogatepass") for line in RAISED.values() if len(line) < 100_000],
    b'{"id": "nul", "text": "\x00"}',
    json.dumps(good("late", published_at="9999-12-31", text=f"{GOOD} They meet again next week.")).encode(),
    json.dumps(good("early", published_at="0001-01-01", text=f"{GOOD} They met last week too.")).encode(),
]
_examples = itertools.count()


@pytest.fixture
def engine(db_url: str):  # type: ignore[no-untyped-def]
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(before=st.lists(junk_lines, max_size=4), after=st.lists(junk_lines, max_size=4))
@example(before=ISSUE_CASES[:6], after=ISSUE_CASES[6:])
@example(before=[b"[" * 200_000 + b"]" * 200_000], after=[ISSUE_CASES[-1]])
def test_no_input_stops_a_load_on_either_backend(engine, tmp_path: Path, before: list[bytes],
                                                 after: list[bytes]) -> None:
    n = next(_examples)
    path = tmp_path / f"junk-{n}.jsonl"
    path.write_bytes(b"\n".join([*before, json.dumps(good(f"h{n}")).encode(), *after]) + b"\n")
    with engine.connect() as connection:
        rejects_before = connection.scalar(select(func.count()).select_from(Reject))
    summary = run_load(engine, [str(path)], LoadOptions(batch_size=4))
    assert summary.articles_loaded + summary.articles_skipped >= 1
    assert summary.articles_read == (summary.articles_loaded + summary.articles_skipped
                                     + summary.articles_rejected)
    assert all(reject.reason for reject in summary.rejects)
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(Reject))
    assert stored - rejects_before == summary.articles_rejected
