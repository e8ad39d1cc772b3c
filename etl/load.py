"""Load: store one article and what was extracted from it, in one transaction.

An article is either fully stored (its events, participants, mentions, actors, places, issues) or not at all.
Shared rows (sources, actors, locations, issues) are found or inserted with INSERT ... ON CONFLICT DO NOTHING,
so several loaders can write to one PostgreSQL database without duplicating them.
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleIssue,
    Base,
    Event,
    EventIssue,
    EventMention,
    EventParticipant,
    Issue,
    Location,
    Source,
)
from etl.records import ActorRef, ArticleExtraction, ArticleRecord, ExtractedEvent, PlaceRef

MAX_ATTEMPTS = 8
# PostgreSQL SQLSTATEs for "try again": serialization failure, deadlock detected.
TRANSIENT_SQLSTATES = {"40001", "40P01"}


def is_transient(exc: OperationalError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate in TRANSIENT_SQLSTATES or "database is locked" in str(exc.orig)


def content_hash(text: str) -> str:
    """The identity of an article: the same text loaded twice is the same article."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


@dataclass
class StoreResult:
    article_id: int
    events_added: int = 0
    actors_added: int = 0
    locations_added: int = 0


def insert_ignoring_conflicts(session: Session, model: type[Base], values: dict[str, Any]) -> int | None:
    """INSERT the row unless a unique constraint says it exists: the new row's id, or None when it existed."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt = postgresql.insert(model).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(model).values(**values).on_conflict_do_nothing()
    else:
        stmt = insert(model).values(**values)
    # RETURNING rather than rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING.
    return session.execute(stmt.returning(model.__table__.c.id)).scalar_one_or_none()


class ArticleStore:
    """Writes articles and their extractions through one session, one transaction per article."""

    def __init__(self, session: Session, *, etl_run_id: int, pipeline_version: str) -> None:
        self.session = session
        self.etl_run_id = etl_run_id
        self.pipeline_version = pipeline_version
        self._issue_ids: dict[str, int] = {}

    def has_article(self, digest: str) -> bool:
        with self.session.begin():
            return self.session.scalar(select(Article.id).where(Article.content_hash == digest)) is not None

    def sync_issues(self, taxonomy: list[tuple[str, str, str | None]]) -> None:
        """Make sure every (code, label, parent_code) of the taxonomy has its row; labels follow the file."""
        with self.session.begin():
            for code, label, parent in taxonomy:
                if insert_ignoring_conflicts(self.session, Issue,
                                             {"code": code, "label": label, "parent_code": parent}) is None:
                    row = self.session.scalar(select(Issue).where(Issue.code == code))
                    if row is not None and (row.label, row.parent_code) != (label, parent):
                        row.label, row.parent_code = label, parent

    def store_with_retries(self, record: ArticleRecord, extraction: ArticleExtraction, digest: str
                           ) -> StoreResult | None:
        """`store`, retried when a concurrent loader's transaction made this one fail (deadlock, serialization)."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return self.store(record, extraction, digest)
            except OperationalError as exc:
                if attempt == MAX_ATTEMPTS or not is_transient(exc):
                    raise
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    def store(self, record: ArticleRecord, extraction: ArticleExtraction, digest: str) -> StoreResult | None:
        """Store the article and its events; None when an article with the same text is already there."""
        with self.session.begin():
            article_id = self._insert_article(record, digest)
            if article_id is None:
                return None
            result = StoreResult(article_id)
            for extracted in extraction.events:
                self._insert_event(extracted, article_id, result)
            for code, count in extraction.issues.items():
                self.session.add(ArticleIssue(article_id=article_id, issue_id=self._issue_id(code), matches=count))
        return result

    def _insert_article(self, record: ArticleRecord, digest: str) -> int | None:
        source_id = self._source_id(record.source) if record.source else None
        return insert_ignoring_conflicts(self.session, Article, {
            "external_id": record.external_id,
            "title": record.title,
            "url": record.url,
            "published_at": record.published_at,
            "text": record.text,
            "content_hash": digest,
            "source_id": source_id,
            "etl_run_id": self.etl_run_id,
        })

    def _source_id(self, name: str) -> int:
        insert_ignoring_conflicts(self.session, Source, {"name": name})
        return self.session.scalar(select(Source.id).where(Source.name == name))  # type: ignore[return-value]

    def _issue_id(self, code: str) -> int:
        if code not in self._issue_ids:
            insert_ignoring_conflicts(self.session, Issue, {"code": code, "label": code.replace("_", " ")})
            self._issue_ids[code] = self.session.scalar(select(Issue.id).where(Issue.code == code))  # type: ignore
        return self._issue_ids[code]

    def _actor_id(self, ref: ActorRef, article_id: int, result: StoreResult) -> int:
        if insert_ignoring_conflicts(self.session, Actor, {
            "canonical_name": ref.name, "kind": ref.kind, "country_code": ref.country_code,
        }) is not None:
            result.actors_added += 1
        actor = self.session.scalars(
            select(Actor).where(Actor.canonical_name == ref.name, Actor.kind == ref.kind)
        ).one()
        if actor.country_code is None and ref.country_code:
            actor.country_code = ref.country_code
        for alias in {ref.name, *ref.aliases}:
            insert_ignoring_conflicts(self.session, ActorAlias,
                                      {"actor_id": actor.id, "alias": alias, "first_article_id": article_id})
        return actor.id

    def _location_id(self, place: PlaceRef, result: StoreResult) -> int:
        if insert_ignoring_conflicts(self.session, Location, {
            "name": place.name, "country_code": place.country_code, "kind": place.kind,
            "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
        }) is not None:
            result.locations_added += 1
        query = select(Location.id).where(Location.name == place.name, Location.kind == place.kind)
        if place.country_code is None:
            query = query.where(Location.country_code.is_(None))
        else:
            query = query.where(Location.country_code == place.country_code)
        return self.session.scalars(query).first()  # type: ignore[return-value]

    def _insert_event(self, extracted: ExtractedEvent, article_id: int, result: StoreResult) -> None:
        date_ref, place = extracted.date, extracted.location
        event = Event(
            type=extracted.type,
            mode=extracted.mode,
            status=extracted.status,
            date_start=date_ref.start if date_ref else None,
            date_end=date_ref.end if date_ref else None,
            date_precision=date_ref.precision if date_ref else None,
            date_text=date_ref.text if date_ref else None,
            location_id=self._location_id(place, result) if place else None,
            location_text=place.text if place else None,
            confidence=extracted.confidence,
            etl_run_id=self.etl_run_id,
        )
        self.session.add(event)
        self.session.flush()
        result.events_added += 1
        seen_actors: set[int] = set()
        for participant in extracted.participants:
            actor_id = self._actor_id(participant.actor, article_id, result)
            if actor_id in seen_actors:
                continue
            seen_actors.add(actor_id)
            self.session.add(EventParticipant(
                event_id=event.id, actor_id=actor_id, role=participant.role, title=participant.title,
                article_id=article_id, char_start=participant.char_start, char_end=participant.char_end,
            ))
        for mention in extracted.mentions:
            self.session.add(EventMention(
                event_id=event.id, article_id=article_id, sentence=mention.sentence,
                char_start=mention.char_start, char_end=mention.char_end, trigger=mention.trigger,
                pipeline_version=self.pipeline_version, etl_run_id=self.etl_run_id,
            ))
        for code in dict.fromkeys(extracted.issues):
            self.session.add(EventIssue(event_id=event.id, issue_id=self._issue_id(code)))
