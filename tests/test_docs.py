"""Generated documentation stays in step with its source."""

from __future__ import annotations

from pathlib import Path

from db.dictionary import as_markdown

PROJECT = Path(__file__).resolve().parents[1]


def test_schema_doc_is_current() -> None:
    doc = PROJECT / "docs" / "schema.md"
    assert doc.is_file(), "docs/schema.md is missing: eventdb schema --format md > docs/schema.md"
    assert doc.read_text(encoding="utf-8") == as_markdown(), (
        "docs/schema.md is stale: regenerate it with `eventdb schema --format md > docs/schema.md`")
