"""Full-text search over the articles and the evidence sentences of events, on SQLite (FTS5) and PostgreSQL.

The query is written as in a web search box, on both backends: words (all must occur; "meeting" also finds
"meetings"), "quoted phrases", OR between alternatives, and -word to leave out. PostgreSQL reads it with
`websearch_to_tsquery`; for SQLite it is translated to an FTS5 query in which every word is quoted, so that
punctuation in names ("Xi-Biden", "U.S.") is never FTS5 syntax.
"""

from __future__ import annotations

import re

import pandas as pd
from sqlalchemy import Engine, text

from db.search import ARTICLE_VECTOR, SENTENCE_VECTOR
from eventdb_errors import UsageError
from reports.frames import result_frame

TARGETS = ("articles", "sentences")
DEFAULT_LIMIT = 20
MARK = ("[", "]")  # around the words that matched, in snippets
TOKEN = re.compile(r'-?"[^"]*"?|\S+')
HEADLINE = f"StartSel={MARK[0]}, StopSel={MARK[1]}"

SQLITE_ARTICLES = f"""
SELECT a.external_id AS article_id, a.published_at, s.name AS source, a.title,
       snippet(articles_fts, 1, '{MARK[0]}', '{MARK[1]}', '…', 20) AS snippet
  FROM articles_fts
  JOIN articles a ON a.id = articles_fts.rowid
  LEFT JOIN sources s ON s.id = a.source_id
 WHERE articles_fts MATCH :query
 ORDER BY bm25(articles_fts), a.id
 LIMIT :limit
"""

POSTGRESQL_ARTICLES = f"""
SELECT a.external_id AS article_id, a.published_at, s.name AS source, a.title,
       ts_headline('english', a.text, websearch_to_tsquery('english', :query),
                   'MaxFragments=1, MinWords=12, MaxWords=30, {HEADLINE}') AS snippet
  FROM (SELECT id, ts_rank({ARTICLE_VECTOR}, websearch_to_tsquery('english', :query)) AS rank
          FROM articles
         WHERE {ARTICLE_VECTOR} @@ websearch_to_tsquery('english', :query)
         ORDER BY rank DESC, id
         LIMIT :limit) hit
  JOIN articles a ON a.id = hit.id
  LEFT JOIN sources s ON s.id = a.source_id
 ORDER BY hit.rank DESC, a.id
"""

# Per matching sentence: the event it reports (not rejected), with its date, place and participants.
SENTENCE_COLUMNS = """
       m.event_id, e.type, e.status, e.date_start, l.name AS location,
       (SELECT LIST_AGG(x.canonical_name, '; ') FROM (
           SELECT ac.canonical_name FROM event_participants p JOIN actors ac ON ac.id = p.actor_id
            WHERE p.event_id = m.event_id ORDER BY ac.canonical_name) x) AS participants,
"""

SQLITE_SENTENCES = f"""
SELECT {SENTENCE_COLUMNS}
       highlight(event_mentions_fts, 0, '{MARK[0]}', '{MARK[1]}') AS sentence,
       a.external_id AS article_id, a.published_at
  FROM event_mentions_fts
  JOIN event_mentions m ON m.id = event_mentions_fts.rowid
  JOIN events e ON e.id = m.event_id
  JOIN articles a ON a.id = m.article_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE event_mentions_fts MATCH :query AND NOT e.rejected
 ORDER BY bm25(event_mentions_fts), m.id
 LIMIT :limit
"""

POSTGRESQL_SENTENCES = f"""
SELECT {SENTENCE_COLUMNS}
       ts_headline('english', m.sentence, websearch_to_tsquery('english', :query),
                   'HighlightAll=true, {HEADLINE}') AS sentence,
       a.external_id AS article_id, a.published_at
  FROM event_mentions m
  JOIN events e ON e.id = m.event_id
  JOIN articles a ON a.id = m.article_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE {SENTENCE_VECTOR.replace("sentence", "m.sentence")} @@ websearch_to_tsquery('english', :query)
   AND NOT e.rejected
 ORDER BY ts_rank({SENTENCE_VECTOR.replace("sentence", "m.sentence")}, websearch_to_tsquery('english', :query)) DESC,
          m.id
 LIMIT :limit
"""

STATEMENTS = {
    ("sqlite", "articles"): SQLITE_ARTICLES,
    ("postgresql", "articles"): POSTGRESQL_ARTICLES,
    ("sqlite", "sentences"): SQLITE_SENTENCES,
    ("postgresql", "sentences"): POSTGRESQL_SENTENCES,
}


def search(engine: Engine, query: str, target: str = "articles", limit: int = DEFAULT_LIMIT) -> pd.DataFrame:
    """The best matches of `query` among the articles or the evidence sentences, best first."""
    if target not in TARGETS:
        raise UsageError(f"search in articles or sentences, not {target!r}")
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    dialect = engine.dialect.name
    if dialect == "sqlite":
        bound = fts5_query(query)
    else:
        bound = query
        fts5_query(query)  # the same words are required on both backends
    sql = STATEMENTS[(dialect, target)]
    sql = sql.replace("LIST_AGG(", "string_agg(" if dialect == "postgresql" else "group_concat(")
    with engine.connect() as connection:
        return result_frame(connection.execute(text(sql), {"query": bound, "limit": limit}))


def fts5_query(query: str) -> str:
    """A web-search-style query as FTS5: words ANDed, "phrases", OR, -word left out (NOT)."""
    wanted: list[str] = []  # alternatives joined by OR, each a run of ANDed terms
    run: list[str] = []
    unwanted: list[str] = []
    for token in TOKEN.findall(query):
        if token == "OR":
            if run:
                wanted.append(" AND ".join(run))
                run = []
            continue
        negative = token.startswith("-") and len(token) > 1
        term = _quoted(token[1:] if negative else token)
        if term is None:
            continue
        (unwanted if negative else run).append(term)
    if run:
        wanted.append(" AND ".join(run))
    if not wanted:
        raise UsageError(f"nothing to search for in {query!r}: give at least one word")
    expression = " OR ".join(f"({alternative})" for alternative in wanted)
    for term in unwanted:
        expression = f"({expression}) NOT {term}"
    return expression


def _quoted(token: str) -> str | None:
    """The token as an FTS5 string (its words, as a phrase), or None when it holds no word."""
    words = token.strip('"')
    if not re.search(r"\w", words):
        return None
    return '"' + words.replace('"', '""') + '"'
