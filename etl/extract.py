"""Extract: read articles from .txt (+ .meta.json sidecar), .jsonl and .csv files, directories and stdin.

Every input record becomes either an ArticleRecord or a RejectedRecord that says which file, which line
and why. Nothing here raises on bad input: each record is built under one guard (`_guarded`) that turns whatever
goes wrong (malformed or absurdly nested JSON, an integer of thousands of digits, a value the database cannot
store) into a reject, so one bad record never stops the records beside it. Only regular files are read: a named
pipe would block a load forever.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from db.models import Article, Source
from etl.lexicon import load_lexicon
from etl.records import ArticleRecord, Origin, RejectedRecord
from etl.storable import MAX_INTEGER_DIGITS, problem

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".csv")
SIDECAR_SUFFIX = ".meta.json"
STDIN = "-"
DEFAULT_MAX_BYTES = 5_000_000  # one article (or one .txt file) larger than this is rejected, not parsed
EXCERPT_CHARS = 200
HTML_TAG = re.compile(r"</?(?:html|head|body|div|span|p|a|script|style|table|tr|td|br|meta|link|!doctype)\b",
                      re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# Function words (etl/lexicons/languages.toml) make up a third or more of any English prose; other languages
# and gibberish have few. Under this many words the share means little, and other languages' own function
# words decide: a short text with at least MIN_FOREIGN_WORDS of them, and more than English ones, is refused.
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
MIN_ENGLISH_SHARE = 0.08
MIN_FOREIGN_WORDS = 2
# Text in a script other than Latin (Cyrillic, Arabic, Han...) is not English, however short.
MIN_LATIN_LETTER_SHARE = 0.5
LATIN_LIMIT = 0x250  # code points below: ASCII, Latin-1 and the Latin Extended blocks
LATIN_LETTERS = re.compile(f"[\\x00-\\u{LATIN_LIMIT - 1:04x}]")
# The database column each optional input field is stored in, for its length.
FIELD_COLUMNS = {"id": Article.__table__.c.external_id, "title": Article.__table__.c.title,
                 "url": Article.__table__.c.url, "source": Source.__table__.c.name}
CSV_FIELD_LIMIT = 2**31 - 1  # rows are checked against --max-bytes instead, so the parser never stops mid-file

Record = ArticleRecord | RejectedRecord


class BadRecord(ValueError):
    """A record that cannot be used; the message is the reason shown to the user."""


class NotRegularFile(OSError):
    """A named pipe, device or socket where a file was expected."""


def read_inputs(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Every record of every path, in order; directories are walked recursively in name order."""
    for raw in paths:
        if raw == STDIN:
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, STDIN, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from read_folder(path, max_bytes=max_bytes)
        elif path.exists() or path.is_symlink():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield RejectedRecord(Origin(raw), "no such file or directory")


def read_folder(folder: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """The article files under `folder`, in name order; a folder that cannot be listed is a reject, not skipped."""
    unreadable: list[RejectedRecord] = []
    files = article_files(folder, lambda exc: unreadable.append(RejectedRecord(
        Origin(str(exc.filename or folder)), f"cannot read folder: {exc.strerror or exc}")))
    found: list[Path | RejectedRecord] = [*files, *unreadable]
    for item in sorted(found, key=lambda item: item if isinstance(item, Path) else Path(item.origin.path)):
        if isinstance(item, RejectedRecord):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def article_files(folder: Path, unreadable: Callable[[OSError], None] | None = None) -> list[Path]:
    """The files of a folder (recursively, in name order) that hold articles, by their names: sidecars and other
    files aside, pipes and devices with an article's name in (for the reader to refuse). A subfolder that cannot
    be listed is passed to `unreadable`."""
    found = []
    for root, _dirs, files in os.walk(folder, onerror=unreadable):
        found.extend(Path(root) / name for name in files
                     if Path(name).suffix.lower() in ARTICLE_SUFFIXES and not name.endswith(SIDECAR_SUFFIX))
    return sorted(found)


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
        with open_regular(path) as fh:
            if suffix == ".jsonl":
                yield from read_jsonl_stream(fh, str(path), max_bytes=max_bytes)
            else:
                yield from read_csv_stream(fh, str(path), max_bytes=max_bytes)
    except OSError as exc:
        yield RejectedRecord(Origin(str(path)), _unreadable(exc))


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, if it is a regular file; NotRegularFile for a named pipe, device or socket.

    Opened without blocking, then checked: opening a pipe that nothing writes to would wait forever, and a check
    before opening could be raced by a file swapped for a pipe.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file (a named pipe, device or socket): {path}")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return "not a regular file (a named pipe, device or socket): not read"
    return f"cannot read file: {exc.strerror or exc}"


def read_txt(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Record:
    origin = Origin(str(path))
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                return RejectedRecord(origin, f"file is {size} bytes, over the {max_bytes}-byte limit")
            data = fh.read()
    except OSError as exc:
        return RejectedRecord(origin, _unreadable(exc))
    return _guarded(origin, data, lambda: article_from_fields(
        {**read_sidecar(path), "id": path.name[: -len(path.suffix)], "text": decode_text(data)}, origin))


def read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        with open_regular(sidecar) as fh:
            meta = parse_json(decode_text(fh.read(), what=sidecar.name), f"sidecar {sidecar.name} is not valid JSON")
    except OSError as exc:
        raise BadRecord(f"cannot read sidecar {sidecar.name}: {_unreadable(exc)}") from exc
    if not isinstance(meta, dict):
        raise BadRecord(f"sidecar {sidecar.name} must hold a JSON object")
    return {k: v for k, v in meta.items() if k in ("title", "published_at", "source", "url")}


def parse_json(text: str, what: str) -> Any:
    """The JSON value of `text`, or BadRecord saying what is wrong with it (`what`: "malformed JSON", ...)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        raise BadRecord(f"{what}: {exc.msg} at {where}") from None
    except RecursionError:
        raise BadRecord(f"{what}: nested too deeply to read") from None
    except ValueError as exc:  # an integer of more digits than Python converts (thousands)
        raise BadRecord(f"{what}: {exc}") from None


def _guarded(origin: Origin, raw: bytes | str, build: Callable[[], ArticleRecord]) -> Record:
    """One record built by `build`, or a reject saying why, whatever goes wrong: never an exception."""
    try:
        return build()
    except BadRecord as exc:
        return RejectedRecord(origin, str(exc), excerpt(raw))
    except RecursionError:
        return RejectedRecord(origin, "nested too deeply to read", excerpt(raw))
    except Exception as exc:  # a record nobody foresaw must still not stop the others
        return RejectedRecord(origin, f"cannot read record: {type(exc).__name__}: {exc}", excerpt(raw))


def read_jsonl_stream(stream: BinaryIO, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    for lineno, line, size in _lines(stream, max_bytes):
        origin = Origin(name, lineno)
        if not line.strip():
            continue
        if size > max_bytes:
            yield RejectedRecord(origin, f"record is {size} bytes, over the {max_bytes}-byte limit", excerpt(line))
            continue
        yield _guarded(origin, line, lambda line=line, origin=origin, lineno=lineno: _jsonl_record(
            line, origin, f"{Path(name).stem}-{lineno}"))


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes, int]]:
    """(number, line, size) of each line; a line over `max_bytes` is not held whole: its start and size only."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        size = len(line)
        if size > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                size += len(rest)
            size += len(rest)
        yield lineno, line, size


def _jsonl_record(line: bytes, origin: Origin, default_id: str) -> ArticleRecord:
    obj = parse_json(decode_text(line), "malformed JSON")
    if not isinstance(obj, dict):
        raise BadRecord(f"expected a JSON object, got {type(obj).__name__}")
    return article_from_fields(obj, origin, default_id=default_id)


def read_csv_stream(stream: BinaryIO, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    try:
        text = decode_text(stream.read())
    except BadRecord as exc:
        yield RejectedRecord(Origin(name), str(exc))
        return
    csv.field_size_limit(CSV_FIELD_LIMIT)
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
        except csv.Error as exc:  # the parser goes on with the next line
            yield RejectedRecord(Origin(name, line), f"malformed CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        origin = Origin(name, line)
        size = sum(len(cell) for cell in row)
        if size > max_bytes:
            yield RejectedRecord(origin, f"record is {size} characters, over the {max_bytes}-byte limit",
                                 excerpt(",".join(row)))
            continue
        if len(row) != len(header):
            yield RejectedRecord(origin, f"CSV row has {len(row)} fields, the header has {len(header)}",
                                 excerpt(",".join(row)))
            continue
        yield _guarded(origin, ",".join(row), lambda row=row, origin=origin, line=line: article_from_fields(
            dict(zip(header, row, strict=True)), origin, default_id=f"{Path(name).stem}-{line}"))


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
    _check_storable("text", text)
    check_plain_english(text)
    external_id = fields.get("id")
    if external_id is None or (isinstance(external_id, str) and not external_id.strip()):
        if default_id is None:
            raise BadRecord("no 'id' field")
        external_id = default_id
    if not isinstance(external_id, str | int) or isinstance(external_id, bool):
        raise BadRecord(f"'id' must be a string or integer, got {type(external_id).__name__}")
    if isinstance(external_id, int) and len(str(abs(external_id))) > MAX_INTEGER_DIGITS:
        raise BadRecord(f"'id' is an integer of {len(str(abs(external_id)))} digits: an integer id must fit in "
                        "64 bits (give a longer id as a string)")
    external_id = str(external_id).strip()
    _check_storable("id", external_id)
    optional = {}
    for key in ("title", "source", "url"):
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            raise BadRecord(f"'{key}' must be a string, got {type(value).__name__}")
        optional[key] = value.strip() or None if isinstance(value, str) else None
        if optional[key] is not None:
            _check_storable(key, optional[key])
    return ArticleRecord(
        external_id=external_id,
        text=text,
        origin=origin,
        published_at=parse_published_at(fields.get("published_at")),
        **optional,
    )


def _check_storable(field: str, value: str) -> None:
    reason = problem(field, value, FIELD_COLUMNS.get(field))
    if reason is not None:
        raise BadRecord(reason)


def check_plain_english(text: str) -> None:
    """Reject markup and other languages: the extractor reads English prose, and would only invent events."""
    sample = text[:20_000]
    tags = len(HTML_TAG.findall(sample))
    if tags >= 3 and tags * 40 > len(sample.split()):
        raise BadRecord("looks like HTML, not plain text: strip the markup first")
    words = WORD.findall(sample.lower())
    letters = "".join(words)
    if letters and len(LATIN_LETTERS.findall(letters)) < len(letters) * MIN_LATIN_LETTER_SHARE:
        raise BadRecord("does not look like English text: mostly letters of another script (the extraction "
                        "model reads English)")
    english_words, foreign_words = _function_words()
    english = sum(1 for w in words if w in english_words)
    if len(words) >= MIN_WORDS_FOR_LANGUAGE_CHECK:
        if english < len(words) * MIN_ENGLISH_SHARE:
            raise BadRecord("does not look like English text (the extraction model reads English)")
        return
    foreign = sum(1 for w in words if w in foreign_words)
    if foreign >= MIN_FOREIGN_WORDS and foreign > english:
        raise BadRecord("does not look like English text: more function words of another language than of "
                        "English (the extraction model reads English)")


def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """English function words, and those of other languages that are no English word (languages.toml)."""
    lexicon = load_lexicon("languages.toml")
    english = frozenset(lexicon["english"]["words"].split())
    foreign = frozenset(word for words in lexicon["other"].values() for word in words.split()) - english
    return english, foreign


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
