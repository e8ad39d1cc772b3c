"""Hostile and broken input: every bad record is rejected with a reason, good ones beside it load, nothing raises."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import read_inputs
from etl.records import ArticleRecord, RejectedRecord

GOOD = {"id": "good", "text": "The foreign ministers of France and Germany met in Paris on Monday to discuss "
        "the war in Ukraine and the sanctions on Russia, officials said after the talks.",
        "published_at": "2024-05-06"}

junk_values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                        st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                             max_size=2))
junk_records = st.dictionaries(st.sampled_from(["id", "text", "published_at", "source", "title", "url", "x"]),
                               junk_values, max_size=6)
junk_lines = st.one_of(
    st.binary(max_size=200).filter(lambda b: b"\n" not in b and b"\r" not in b),
    junk_records.map(lambda r: json.dumps(r).encode()),
    st.sampled_from([b"{", b"[1,2]", b'"text"', b"null", b'{"text": "\\ud800"}', b"\xff\xfe\xfd",
                     json.dumps({"id": "html", "text": "<html><body><div><p>hi</p></div></body></html>"}).encode(),
                     json.dumps({"id": "d", "text": "Some text here.", "published_at": "2024-02-30"}).encode()]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(junk_lines, max_size=5), after=st.lists(junk_lines, max_size=5))
def test_jsonl_junk_never_raises_and_good_record_survives(tmp_path: Path, before: list[bytes],
                                                          after: list[bytes]) -> None:
    path = tmp_path / "junk.jsonl"
    good = json.dumps(GOOD).encode()
    path.write_bytes(b"\n".join([*before, good, *after]) + b"\n")
    records = list(read_inputs([str(path)], max_bytes=10_000))
    assert any(isinstance(r, ArticleRecord) and r.external_id == "good" for r in records)
    for record in records:
        if isinstance(record, RejectedRecord):
            assert record.reason and record.origin.line is not None
        else:
            assert record.text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=8), max_size=6))
def test_csv_junk_never_raises(tmp_path: Path, cells: list[list[str]]) -> None:
    import csv

    path = tmp_path / "junk.csv"
    with path.open("w", newline="", encoding="utf-8", errors="surrogatepass") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "published_at"])
        writer.writerow([GOOD["id"], GOOD["text"], GOOD["published_at"]])
        for row in cells:
            writer.writerow(row)
    records = list(read_inputs([str(path)]))
    assert isinstance(records[0], ArticleRecord)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_txt_is_loaded_or_rejected(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    [record] = list(read_inputs([str(path)]))
    assert isinstance(record, ArticleRecord | RejectedRecord)


def test_hostile_folder_through_the_cli(cli, sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "good.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    (folder / "random.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "page.txt").write_text("<!doctype html><html><head><title>x</title></head><body><div><p>Leaders met."
                                     "</p></div></body></html>", encoding="utf-8")
    (folder / "german.txt").write_text(
        "Der Bundeskanzler traf sich am Dienstag mit dem französischen Präsidenten in Berlin, um über die Lage "
        "in der Ukraine und die Zukunft der Europäischen Union zu sprechen. Beide betonten die enge Partnerschaft "
        "zwischen ihren Ländern und kündigten weitere Gespräche an.", encoding="utf-8")
    (folder / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
    (folder / "empty.csv").write_text("", encoding="utf-8")
    (folder / "types.jsonl").write_text(json.dumps({"id": [1], "text": "x"}) + "\n" +
                                        json.dumps({"id": "t", "text": "ok text", "published_at": 20240101}) + "\n",
                                        encoding="utf-8")
    result = cli("load", str(folder), "--max-bytes", "1000000", "--db", sqlite_url)
    assert result.exit_code == 1
    assert "1 loaded" in result.stderr and "7 rejected" in result.stderr, result.stderr
    listed = cli("rejects", "list", "--format", "json", "--db", sqlite_url)
    rejects = json.loads(listed.stdout)
    reasons = {Path(r["source_file"]).name + (f":{r['line']}" if r["line"] else ""): r["reason"] for r in rejects}
    assert "invalid UTF-8" in reasons["random.txt"]
    assert "HTML" in reasons["page.txt"]
    assert "English" in reasons["german.txt"]
    assert "over the 1000000-byte limit" in reasons["huge.txt"]
    assert "no header" in reasons["empty.csv:1"]
    assert "'id' must be" in reasons["types.jsonl:1"]
    assert "'published_at' must be" in reasons["types.jsonl:2"]
