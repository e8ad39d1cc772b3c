"""Extract: read articles from .txt (+ .meta.json sidecar), .jsonl and .csv files, directories and stdin.

Every input record becomes either an ArticleRecord or a RejectedRecord that says which file, which line
and why. Nothing here raises on bad input: one bad record never stops the records beside it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from etl.records import ArticleRecord, Origin, RejectedRecord

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".csv")
SIDECAR_SUFFIX = ".meta.json"
STDIN = "-"
DEFAULT_MAX_BYTES = 5_000_000  # one article (or one .txt file) larger than this is rejected, not parsed
EXCERPT_CHARS = 200
HTML_TAG = re.compile(r"</?(?:html|head|body|div|span|p|a|script|style|table|tr|td|br|meta|link|!doctype)\b",
                      re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# Function words make up a third or more of any English prose; other languages and gibberish have few.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on it with as was at by he she they be from this have are has an not but "
    "his her their its or were been which who will said would had after about".split())
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
MIN_ENGLISH_SHARE = 0.08

Record = ArticleRecord | RejectedRecord


class BadRecord(ValueError):
    """A record that cannot be used; the message is the reason shown to the user."""


def read_inputs(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Every record of every path, in order; directories are walked recursively in name order."""
    for raw in paths:
        if raw == STDIN:
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, STDIN, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in article_files(path):
                yield from read_file(child, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield RejectedRecord(Origin(raw), "no such file or directory")


def article_files(folder: Path) -> list[Path]:
    """The files of a folder (recursively, in name order) that hold articles; sidecars and other files aside."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                  and not p.name.endswith(SIDECAR_SUFFIX))


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        yield RejectedRecord(Origin(str(path)), f"unsupported file type {suffix or '(none)'!r}: "
                                                f"use {', '.join(ARTICLE_SUFFIXES)}")
        return
    try:
        if suffix == ".txt":
            yield read_txt(path, max_bytes=max_bytes)
            return
        with path.open("rb") as fh:
            if suffix == ".jsonl":
                yield from read_jsonl_stream(fh, str(path), max_bytes=max_bytes)
            else:
                yield from read_csv_stream(fh, str(path), max_bytes=max_bytes)
    except OSError as exc:
        yield RejectedRecord(Origin(str(path)), f"cannot read file: {exc.strerror or exc}")


def read_txt(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Record:
    origin = Origin(str(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return RejectedRecord(origin, f"file is {size} bytes, over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        return RejectedRecord(origin, f"cannot read file: {exc.strerror or exc}")
    try:
        text = decode_text(data)
        meta = read_sidecar(path)
        fields = {**meta, "id": path.name[: -len(path.suffix)], "text": text}
        return article_from_fields(fields, origin)
    except BadRecord as exc:
        return RejectedRecord(origin, str(exc), excerpt(data))


def read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(decode_text(sidecar.read_bytes(), what=sidecar.name))
    except json.JSONDecodeError as exc:
        raise BadRecord(f"sidecar {sidecar.name} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except OSError as exc:
        raise BadRecord(f"cannot read sidecar {sidecar.name}: {exc.strerror or exc}") from exc
    if not isinstance(meta, dict):
        raise BadRecord(f"sidecar {sidecar.name} must hold a JSON object")
    return {k: v for k, v in meta.items() if k in ("title", "published_at", "source", "url")}


def read_jsonl_stream(stream: BinaryIO, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    for lineno, line in enumerate(stream, 1):
        origin = Origin(name, lineno)
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield RejectedRecord(origin, f"record is {len(line)} bytes, over the {max_bytes}-byte limit",
                                 excerpt(line))
            continue
        try:
            try:
                obj = json.loads(decode_text(line))
            except json.JSONDecodeError as exc:
                raise BadRecord(f"malformed JSON: {exc.msg} at column {exc.colno}") from exc
            if not isinstance(obj, dict):
                raise BadRecord(f"expected a JSON object, got {type(obj).__name__}")
            yield article_from_fields(obj, origin, default_id=f"{Path(name).stem}-{lineno}")
        except BadRecord as exc:
            yield RejectedRecord(origin, str(exc), excerpt(line))


def read_csv_stream(stream: BinaryIO, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    try:
        text = decode_text(stream.read())
    except BadRecord as exc:
        yield RejectedRecord(Origin(name), str(exc))
        return
    csv.field_size_limit(max(max_bytes, 131072))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield RejectedRecord(Origin(name, 1), "empty CSV file: no header row")
        return
    except csv.Error as exc:
        yield RejectedRecord(Origin(name, 1), f"malformed CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if "text" not in header:
        yield RejectedRecord(Origin(name, 1), f"CSV header has no 'text' column (columns: {', '.join(header)})")
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RejectedRecord(Origin(name, line), f"malformed CSV row: {exc}")
            return
        if not any(cell.strip() for cell in row):
            continue
        origin = Origin(name, line)
        if len(row) != len(header):
            yield RejectedRecord(origin, f"CSV row has {len(row)} fields, the header has {len(header)}",
                                 excerpt(",".join(row)))
            continue
        try:
            yield article_from_fields(dict(zip(header, row, strict=True)), origin,
                                      default_id=f"{Path(name).stem}-{line}")
        except BadRecord as exc:
            yield RejectedRecord(origin, str(exc), excerpt(",".join(row)))


def article_from_fields(fields: dict[str, Any], origin: Origin, default_id: str | None = None) -> ArticleRecord:
    """Validate one record's fields into an ArticleRecord, or raise BadRecord with the reason."""
    text = fields.get("text")
    if text is None:
        raise BadRecord("no 'text' field")
    if not isinstance(text, str):
        raise BadRecord(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise BadRecord("empty text")
    if "\x00" in text:
        raise BadRecord("text contains NUL bytes: binary data, not an article")
    check_plain_english(text)
    external_id = fields.get("id")
    if external_id is None or (isinstance(external_id, str) and not external_id.strip()):
        if default_id is None:
            raise BadRecord("no 'id' field")
        external_id = default_id
    if not isinstance(external_id, str | int) or isinstance(external_id, bool):
        raise BadRecord(f"'id' must be a string or integer, got {type(external_id).__name__}")
    optional = {}
    for key in ("title", "source", "url"):
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            raise BadRecord(f"'{key}' must be a string, got {type(value).__name__}")
        optional[key] = value.strip() or None if isinstance(value, str) else None
    return ArticleRecord(
        external_id=str(external_id).strip(),
        text=text,
        origin=origin,
        published_at=parse_published_at(fields.get("published_at")),
        **optional,
    )


def check_plain_english(text: str) -> None:
    """Reject markup and other languages: the extractor reads English prose, and would only invent events."""
    sample = text[:20_000]
    tags = len(HTML_TAG.findall(sample))
    if tags >= 3 and tags * 40 > len(sample.split()):
        raise BadRecord("looks like HTML, not plain text: strip the markup first")
    words = WORD.findall(sample.lower())
    if len(words) >= MIN_WORDS_FOR_LANGUAGE_CHECK:
        english = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
        if english < len(words) * MIN_ENGLISH_SHARE:
            raise BadRecord("does not look like English text (the extraction model reads English)")


def parse_published_at(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadRecord(f"'published_at' must be a date string, got {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise BadRecord(f"bad date in 'published_at': {value[:40]!r} (expected YYYY-MM-DD)") from None


def decode_text(data: bytes, what: str = "text") -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadRecord(f"invalid UTF-8 in {what} at byte {exc.start}") from None


def excerpt(data: bytes | str) -> str:
    if isinstance(data, bytes):
        data = data[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    return data[:EXCERPT_CHARS]
