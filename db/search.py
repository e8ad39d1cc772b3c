"""Full-text search structures, kept beside the ORM models because SQLAlchemy cannot declare them.

SQLite: FTS5 tables in sqlite-utils' layout, which Datasette finds by itself: `articles_fts` (title, text) and
`event_mentions_fts` (sentence), external-content tables (`content=[articles]`, the row's id as rowid) kept
current by triggers `<table>_ai`, `_ad` and `_au`, with the Porter stemmer ("meetings" finds "meeting").
PostgreSQL: GIN indexes on the English `tsvector` of the same columns, searched with `websearch_to_tsquery`.
Migration 0011 creates them; the schema comparison of models and migrations leaves them out (`is_search_object`).
"""

from __future__ import annotations

from typing import Any

# (FTS table, content table, indexed columns)
FTS_TABLES = (("articles_fts", "articles", ("title", "text")), ("event_mentions_fts", "event_mentions", ("sentence",)))
# The FTS5 shadow tables of each FTS table.
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")
# PostgreSQL: the expression each GIN index holds; a query must use the same expression to use the index.
ARTICLE_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
SENTENCE_VECTOR = "to_tsvector('english', sentence)"
PG_INDEXES = {"ix_articles_search": ("articles", ARTICLE_VECTOR),
              "ix_event_mentions_search": ("event_mentions", SENTENCE_VECTOR)}


def search_table_names() -> set[str]:
    return {name + suffix for name, _, _ in FTS_TABLES for suffix in ("", *FTS_SHADOW_SUFFIXES)}


def is_search_object(_obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic `include_object`: False for the search tables and indexes, which the models do not declare."""
    if type_ == "table":
        return name not in search_table_names()
    if type_ == "index":
        return name not in PG_INDEXES
    return True
