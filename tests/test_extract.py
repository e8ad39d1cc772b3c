"""Reading inputs: every format, and a precise reason for every bad record."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from etl.extract import read_inputs
from etl.records import ArticleRecord, RejectedRecord


def _split(records):  # type: ignore[no-untyped-def]
    good = [r for r in records if isinstance(r, ArticleRecord)]
    bad = [r for r in records if isinstance(r, RejectedRecord)]
    return good, bad


def test_txt_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text("Leaders met in Paris.", encoding="utf-8")
    (tmp_path / "a1.meta.json").write_text(json.dumps(
        {"title": "T", "published_at": "2024-04-02", "source": "Wire", "url": "http://x"}), encoding="utf-8")
    good, bad = _split(list(read_inputs([str(tmp_path)])))
    assert bad == []
    assert len(good) == 1
    article = good[0]
    assert (article.external_id, article.title, article.published_at, article.source, article.url) == (
        "a1", "T", date(2024, 4, 2), "Wire", "http://x")


def test_jsonl_reports_bad_lines_and_keeps_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Macron met Scholz in Berlin.", "published_at": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "baddate", "text": "Some text.", "published_at": "2024-13-45"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "num", "text": 42}),
        "",
        json.dumps({"id": "ok2", "text": "Putin visited Damascus.", "published_at": "2019-04-05T10:00:00Z"}),
    ]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n\xff\xfe broken\n")
    good, bad = _split(list(read_inputs([str(path)])))
    assert [g.external_id for g in good] == ["ok1", "ok2"]
    assert good[1].published_at == date(2019, 4, 5)
    reasons = {r.origin.line: r.reason for r in bad}
    assert "malformed JSON" in reasons[2]
    assert reasons[3] == "empty text"
    assert "bad date" in reasons[4]
    assert "JSON object" in reasons[5]
    assert "'text' must be a string" in reasons[6]
    assert "invalid UTF-8" in reasons[9]
    assert all(r.origin.path == str(path) for r in bad)


def test_csv_rows_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text('id,text,published_at,source\n'
                    'c1,"Biden met Xi, they talked.",2023-11-15,AP\n'
                    'c2,"too",many,fields,here\n'
                    'c3,"Blinken visited Beijing.",not-a-date,AP\n'
                    'c4,"Yellen will visit China.",2024-04-02,\n', encoding="utf-8")
    good, bad = _split(list(read_inputs([str(path)])))
    assert [g.external_id for g in good] == ["c1", "c4"]
    assert good[0].source == "AP" and good[1].source is None
    assert {r.origin.line for r in bad} == {3, 4}
    assert "fields" in next(r.reason for r in bad if r.origin.line == 3)


def test_csv_without_text_column_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    good, bad = _split(list(read_inputs([str(path)])))
    assert good == [] and "no 'text' column" in bad[0].reason


def test_stdin_jsonl() -> None:
    stdin = io.BytesIO(b'{"id": "s1", "text": "Erdogan hosted Putin in Ankara."}\n')
    good, bad = _split(list(read_inputs(["-"], stdin=stdin)))
    assert [g.external_id for g in good] == ["s1"] and bad == []
    assert str(good[0].origin) == "-:1"


def test_missing_unreadable_and_oversized_files(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 500, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    (tmp_path / "notes.docx").write_text("ignored in folders", encoding="utf-8")
    records = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt"), str(tmp_path / "notes.docx")],
                               max_bytes=100))
    good, bad = _split(records)
    assert good == []
    reasons = {Path(r.origin.path).name: r.reason for r in bad}
    assert "over the 100-byte limit" in reasons["big.txt"]
    assert "invalid UTF-8" in reasons["bad.txt"]
    assert reasons["nope.txt"] == "no such file or directory"
    assert "unsupported file type" in reasons["notes.docx"]


def test_bad_sidecar_rejects_its_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{broken", encoding="utf-8")
    _, bad = _split(list(read_inputs([str(tmp_path)])))
    assert "sidecar a.meta.json is not valid JSON" in bad[0].reason
