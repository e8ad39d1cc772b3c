"""Load: store one article and what was extracted from it, in one transaction.

An article is either fully stored (its events, participants, mentions, actors, places, issues) or not at all.
Shared rows (sources, actors, locations, issues) are found or inserted with INSERT ... ON CONFLICT DO NOTHING,
so several loaders can write to one PostgreSQL database without duplicating them.
"""

from __future__ import annotations

import hashlib
import random
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Article,
    ArticleIssue,
    Base,
    EtlRun,
    Event,
    EventIssue,
    EventMention,
    EventParticipant,
    Issue,
    Location,
    Source,
)
from etl.canonical_actors import (
    ActorRules,
    PersonMatch,
    find_person,
    is_short_name,
    link_short_name,
    person_keys,
    stored_keys,
)
from etl.consolidate import (
    EventFacts,
    PlaceFacts,
    combine_status,
    combined_confidence,
    facts_of,
    find_same_event,
    more_precise_date,
    more_precise_place,
    other_reports_of,
    prefer_details,
    preferred_mode,
    refresh_confidence,
    tells_more,
)
from etl.curation import actor_rules, apply_event_rules, merge_events
from etl.ontology import ontology
from etl.plover_columns import stamp
from etl.records import REPORTED, ActorRef, ArticleExtraction, ArticleRecord, ExtractedEvent, ParticipantRef, PlaceRef

MAX_ATTEMPTS = 8
# Advisory lock keys for actors live above this, clear of the migration lock's key.
ACTOR_LOCK_BASE = 1 << 40
# Advisory locks on a folded surname use the two-key form (a key space of its own), with this first key.
NAME_LOCK_CLASS = 0x45564442
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


def _insert_or_nothing(session: Session, model: type[Base], values: dict[str, Any] | list[dict[str, Any]]) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model).values(values).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(model).values(values).on_conflict_do_nothing()
    return insert(model).values(values)


def insert_many_ignoring_conflicts(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """INSERT the rows in one statement, each unless a unique constraint says it exists."""
    if rows:
        session.connection().execute(_insert_or_nothing(session, model, rows))


def insert_ignoring_conflicts(session: Session, model: type[Base], values: dict[str, Any]) -> int | None:
    """INSERT the row unless a unique constraint says it exists: the new row's id, or None when it existed."""
    stmt = _insert_or_nothing(session, model, values)
    # RETURNING rather than rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING. On the session's
    # connection, in its transaction, without the ORM's statement machinery (a third of the load's write time):
    # the rows inserted so are never ones the session holds unwritten.
    return session.connection().execute(stmt.returning(model.__table__.c.id)).scalar_one_or_none()


class ArticleStore:
    """Writes articles and their extractions through one session, one transaction per article."""

    def __init__(self, session: Session, *, etl_run_id: int, pipeline_version: str) -> None:
        self.session = session
        self.etl_run_id = etl_run_id
        self.pipeline_version = pipeline_version
        # Rows known to exist (actors, aliases, roles, places), so repeated names cost no queries. Entries
        # learnt in a transaction join the cache only once it commits: a rolled-back row does not exist.
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._pending: dict[tuple[Any, ...], Any] = {}
        # The folded surnames locked by the current transaction (PostgreSQL), not to lock them again.
        self._names_locked: tuple[Any, set[str]] = (None, set())

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
        with self._transaction():
            article_id = self._insert_article(record, digest)
            if article_id is None:
                return None
            return self._store_extraction(article_id, record, extraction)

    def store_again(self, article_id: int, record: ArticleRecord, extraction: ArticleExtraction) -> StoreResult:
        """Store a new extraction of an article already in the database (whose old events were removed), and
        record in the same transaction that the reprocess run got past it."""
        with self._transaction():
            result = self._store_extraction(article_id, record, extraction)
            self._mark_reprocessed(article_id)
            return result

    def mark_reprocessed(self, article_id: int) -> None:
        """Record that the reprocess run got past `article_id` (one it rejected)."""
        with self.session.begin():
            self._mark_reprocessed(article_id)

    def _mark_reprocessed(self, article_id: int) -> None:
        self.session.execute(update(EtlRun).where(EtlRun.id == self.etl_run_id).values(last_article_id=article_id))

    def _known(self, key: tuple[Any, ...]) -> Any:
        return self._pending.get(key, self._cache.get(key))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._pending.clear()
        try:
            with self.session.begin():
                yield
        except BaseException:
            self._pending.clear()
            raise
        self._cache.update(self._pending)
        self._pending.clear()

    def _store_extraction(self, article_id: int, record: ArticleRecord, extraction: ArticleExtraction
                          ) -> StoreResult:
        result = StoreResult(article_id)
        for extracted in extraction.events:
            # An event outside the PLOVER ontology is the extractor's error: the article is not stored half-right.
            ontology().classify(extracted.type, extracted.mode)
        rules = actor_rules(self.session)
        resolved = [self._resolve(extracted, article_id, record.published_at, rules, result)
                    for extracted in extraction.events]
        self._lock_actors({actor_id for event in resolved for actor_id in event.facts.actor_ids})
        new_events: list[tuple[Event, ResolvedEvent]] = []
        for event in resolved:
            self._consolidate(event, article_id, result, new_events)
        self.session.flush()
        # The rows that need a new event's id, one INSERT per table: through the unit of work, object by object,
        # they cost over a third of the time spent storing (2.3 s of 6.1 s for the 225 Guardian articles).
        self._insert_rows(EventParticipant, [
            self._participant_values(new_event.id, actor_id, participant, article_id)
            for new_event, new in new_events for actor_id, participant in new.participants])
        self._insert_rows(EventMention, [
            {**values, "event_id": new_event.id}
            for new_event, new in new_events for values in self._mention_values(new.extracted, article_id)])
        self._insert_rows(EventIssue, [
            {"event_id": new_event.id, "issue_id": self._issue_id(code)}
            for new_event, new in new_events for code in dict.fromkeys(new.extracted.issues)])
        self._insert_rows(ArticleIssue, [
            {"article_id": article_id, "issue_id": self._issue_id(code), "matches": count}
            for code, count in extraction.issues.items()])
        apply_event_rules(self.session, record.external_id)
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
        return self._row_id(Source, Source.name, name, {"name": name})

    def _issue_id(self, code: str) -> int:
        return self._row_id(Issue, Issue.code, code, {"code": code, "label": code.replace("_", " ")})

    def _row_id(self, model: type[Source] | type[Issue], column: Any, value: str, values: dict[str, Any]) -> int:
        """The id of the row whose `column` is `value`, inserted with `values` when there is none."""
        key = (model.__tablename__, value)
        row_id = self._known(key)
        if row_id is None:
            insert_ignoring_conflicts(self.session, model, values)
            row_id = self.session.scalar(select(model.id).where(column == value))
            # known once committed: a rolled-back transaction (a rejected article) may have made the row
            self._pending[key] = row_id
        return row_id  # type: ignore[return-value]

    def _lock_actors(self, actor_ids: set[int]) -> None:
        """PostgreSQL: one loader at a time consolidates events of the same actors (SQLite writers queue anyway).

        Without it, two loaders storing two reports of one meeting at once would each find nothing and both
        insert it. Locks are taken in id order and released at commit.
        """
        if self.session.get_bind().dialect.name != "postgresql":
            return
        for actor_id in sorted(actor_ids):
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ACTOR_LOCK_BASE + actor_id})

    # ---- actors and places -----------------------------------------------------------------------------

    def _actor_id(self, ref: ActorRef, title: str | None, article_id: int, rules: ActorRules,
                  result: StoreResult) -> int:
        name = rules.canonical_name(rules.split_to.get(ref.name, ref.name))
        # Whom a bare surname means depends on its country and title too ("Johnson", the senator or the secretary).
        key: tuple[Any, ...] = ("actor", name, ref.kind)
        if is_short_name(ref):
            key += (ref.country_code, title)
        actor_id = self._known(key)
        if actor_id is None and name == ref.name and ref.kind == "PERSON":
            actor_id = self._stored_person(ref, title, rules)
            if actor_id is not None:
                self._pending[key] = actor_id
        if actor_id is None:
            actor_id = insert_ignoring_conflicts(self.session, Actor, {
                "canonical_name": name, "kind": ref.kind, "country_code": ref.country_code, "sector": ref.sector,
            })
            if actor_id is not None:
                result.actors_added += 1
            else:
                actor_id = self.session.scalars(
                    select(Actor.id).where(Actor.canonical_name == name, Actor.kind == ref.kind)).one()
            self._pending[key] = actor_id
        if ref.country_code and not self._known(("country known", actor_id)):
            actor = self.session.get(Actor, actor_id)
            assert actor is not None
            if actor.country_code is None:
                actor.country_code = ref.country_code
            self._pending[("country known", actor_id)] = True
            self._pending[("country of", actor_id)] = actor.country_code or ""
        names = {alias for alias in {ref.name, *ref.aliases}
                 # an analyst said this name belongs to someone else
                 if not (alias in rules.split_to and rules.split_to[alias] != name)}
        # A person's folded one-word names too, as aliases: later spellings of the name find the person by them.
        keys = stored_keys(names, ref.country_code or self._country_of(actor_id)) if ref.kind == "PERSON" else set()
        new_aliases = [alias for alias in sorted(names | keys) if not self._known(("alias", actor_id, alias))]
        insert_many_ignoring_conflicts(self.session, ActorAlias, [
            {"actor_id": actor_id, "alias": alias, "first_article_id": article_id} for alias in new_aliases])
        for alias in new_aliases:
            self._pending[("alias", actor_id, alias)] = True
        return actor_id

    def _country_of(self, actor_id: int) -> str | None:
        key = ("country of", actor_id)
        known = self._known(key)
        if known is None:
            actor = self.session.get(Actor, actor_id)
            known = (actor.country_code if actor is not None else None) or ""
            self._pending[key] = known
        return known or None

    def _stored_person(self, ref: ActorRef, title: str | None, rules: ActorRules) -> int | None:
        """The stored person a name not stored as written means (another spelling, a fuller or shorter form of
        the name), or None when there is none or it is unclear who; a person known by fewer words takes the name.
        """
        self._lock_names(person_keys(ref))
        if is_short_name(ref):
            # The one person the surname can mean, else the bare-surname actor stored as written, if any.
            linked = link_short_name(self.session, ref, title)
            return linked if linked is not None else self._actor_named(ref.name, ref.kind)
        stored = self._actor_named(ref.name, ref.kind)
        if stored is not None:
            return stored  # stored as written
        match = find_person(self.session, ref, rules, title)
        if match is not None and match.take_name:
            self._take_name(match, ref.name)
        return match.actor_id if match is not None else None

    def _take_name(self, match: PersonMatch, name: str) -> None:
        """The stored actor's canonical name becomes the fuller `name`; the name it had stays an alias."""
        actor = self.session.get(Actor, match.actor_id)
        assert actor is not None
        insert_ignoring_conflicts(self.session, ActorAlias, {"actor_id": actor.id, "alias": actor.canonical_name})
        actor.canonical_name = name
        self.session.flush()
        self._pending[("actor", name, actor.kind)] = actor.id

    def _lock_names(self, keys: set[str]) -> None:
        """PostgreSQL: one loader at a time looks up and creates the people who go by these folded surnames.

        Without it, two loaders storing "Tayyip Erdogan" and "Recep Tayyip Erdoğan" at once would each find
        nobody and create two actors (an exact name is guarded by the unique constraint, a spelling is not).
        Released at commit; SQLite writers queue anyway.
        """
        if self.session.get_bind().dialect.name != "postgresql":
            return
        transaction = self.session.get_transaction()
        if self._names_locked[0] is not transaction:
            self._names_locked = (transaction, set())
        for key in sorted(keys - self._names_locked[1]):
            self.session.execute(text("SELECT pg_advisory_xact_lock(CAST(:cls AS INTEGER), CAST(:key AS INTEGER))"),
                                 {"cls": NAME_LOCK_CLASS, "key": zlib.crc32(key.encode("utf-8")) - (1 << 31)})
            self._names_locked[1].add(key)

    def _actor_named(self, name: str, kind: str) -> int | None:
        return self.session.scalar(select(Actor.id).where(Actor.canonical_name == name, Actor.kind == kind))

    def _record_role(self, actor_id: int, title: str, country_code: str | None, article_id: int,
                     seen: date | None) -> None:
        key = ("role", actor_id, title)
        known = self._known(key)
        if known is not None and (seen is None or known[0] <= seen <= known[1]):
            return  # nothing new: the role was already seen over a span that includes this date
        if insert_ignoring_conflicts(self.session, ActorRole, {
            "actor_id": actor_id, "title": title, "country_code": country_code,
            "first_seen": seen, "last_seen": seen, "article_id": article_id,
        }) is None and seen is not None:
            role = self.session.scalars(
                select(ActorRole).where(ActorRole.actor_id == actor_id, ActorRole.title == title)).one()
            if role.first_seen is None or seen < role.first_seen:
                role.first_seen, role.article_id = seen, article_id
            if role.last_seen is None or seen > role.last_seen:
                role.last_seen = seen
            self._pending[key] = (role.first_seen, role.last_seen)
        elif seen is not None:
            self._pending[key] = (seen, seen)

    def _location(self, place: PlaceRef, result: StoreResult) -> PlaceFacts:
        key = ("place", place.name, place.country_code, place.kind)
        known = self._known(key)
        if known is not None:
            return known
        query = select(Location).where(Location.name == place.name, Location.kind == place.kind)
        if place.country_code is None:
            query = query.where(Location.country_code.is_(None))
        else:
            query = query.where(Location.country_code == place.country_code)
        # A place of no known country ("Jenin", missing from the gazetteer) is looked up first: the unique
        # constraint on (name, country, kind) holds no NULL country, so the insert alone would repeat it.
        location = self.session.scalars(query.order_by(Location.id)).first() if place.country_code is None else None
        if location is None:
            if insert_ignoring_conflicts(self.session, Location, {
                "name": place.name, "country_code": place.country_code, "kind": place.kind,
                "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
            }) is not None:
                result.locations_added += 1
            location = self.session.scalars(query.order_by(Location.id)).first()
        assert location is not None
        facts = PlaceFacts(location.id, location.kind, location.country_code)
        self._pending[key] = facts
        return facts

    # ---- events ----------------------------------------------------------------------------------------

    def _resolve(self, extracted: ExtractedEvent, article_id: int, published: date | None, rules: ActorRules,
                 result: StoreResult) -> ResolvedEvent:
        participants: list[tuple[int, ParticipantRef]] = []
        for participant in extracted.participants:
            actor_id = self._actor_id(participant.actor, participant.title, article_id, rules, result)
            if participant.title:
                self._record_role(actor_id, participant.title, participant.actor.country_code, article_id, published)
            if actor_id not in {a for a, _ in participants}:
                participants.append((actor_id, participant))
        # a date the text does not give (the day of the report) is no date of the event's own to match on
        date_ref = extracted.date if extracted.date and extracted.date.precision != REPORTED else None
        facts = EventFacts(
            type=extracted.type, mode=extracted.mode, status=extracted.status,
            date_start=date_ref.start if date_ref else None, date_end=date_ref.end if date_ref else None,
            place=self._location(extracted.location, result) if extracted.location else None,
            actor_ids={a for a, _ in participants},
            reported=(published, published) if published else None,
            planned_at=published if extracted.status == "planned" else None,
        )
        return ResolvedEvent(extracted, facts, participants)

    def _consolidate(self, resolved: ResolvedEvent, article_id: int, result: StoreResult,
                     new_events: list[tuple[Event, ResolvedEvent]]) -> None:
        """Attach the report to the stored event it is about, or store it as a new event.

        A new event's row goes to the database with the next flush, in batches (most reports are new events);
        its participants, mentions and issues, which need its id, are inserted by the caller after that flush
        (`new_events`).
        """
        extracted, facts = resolved.extracted, resolved.facts
        # What the session holds unwritten is this article's new events, which are never the same event as another
        # report of the article: the lookups need not write them first, and they go in together.
        with self.session.no_autoflush:
            event = find_same_event(self.session, facts, article_id)
        if event is None:
            self._add_new_event(resolved, article_id, new_events)
            result.events_added += 1
            return
        stored = facts_of(self.session, event.id)
        told_more = tells_more(stored, facts)
        event.mode = preferred_mode(event.mode, extracted.mode)
        self._apply_report(event, stored, resolved, article_id)
        self.session.flush()
        for actor_id, participant in resolved.participants:
            if actor_id in stored.actor_ids:
                self._prefer_details(event.id, actor_id, participant)
                continue
            self.session.add(EventParticipant(**self._participant_values(event.id, actor_id, participant, article_id)))
        for values in self._mention_values(extracted, article_id):
            self.session.add(EventMention(**values, event_id=event.id))
        known_issues = set(self.session.scalars(select(EventIssue.issue_id).where(EventIssue.event_id == event.id)))
        for code in dict.fromkeys(extracted.issues):
            issue_id = self._issue_id(code)
            if issue_id not in known_issues:
                known_issues.add(issue_id)
                self.session.add(EventIssue(event_id=event.id, issue_id=issue_id))
        self.session.flush()
        if told_more:
            event = self._join_stored_reports(event)
        refresh_confidence(self.session, event)

    def _add_new_event(self, resolved: ResolvedEvent, article_id: int,
                       new_events: list[tuple[Event, ResolvedEvent]]) -> None:
        extracted = resolved.extracted
        # One report from one source: refresh_confidence would find its own confidence.
        event = Event(type=extracted.type, mode=extracted.mode, status=extracted.status,
                      confidence=combined_confidence([extracted.confidence]), etl_run_id=self.etl_run_id)
        empty = EventFacts(resolved.facts.type, None, extracted.status, None, None, None, set())
        self._apply_report(event, empty, resolved, article_id)
        self.session.add(event)
        new_events.append((event, resolved))

    def _insert_rows(self, model: type[Base], rows: list[dict[str, Any]]) -> None:
        if rows:
            # Core, not the ORM's bulk path: these rows are never objects the session holds.
            self.session.connection().execute(model.__table__.insert(), rows)

    def _apply_report(self, event: Event, stored: EventFacts, resolved: ResolvedEvent, article_id: int) -> None:
        """The report's status, date and place, where they tell more than what the event has (`stored`)."""
        extracted, facts = resolved.extracted, resolved.facts
        combine_status(event, extracted.status, facts.planned_at)
        reported_only = extracted.date is not None and extracted.date.precision == REPORTED and \
            event.date_start is None
        if reported_only or more_precise_date(stored, facts, event.date_text,
                                              extracted.date.text if extracted.date else None) and extracted.date:
            event.date_start, event.date_end = extracted.date.start, extracted.date.end
            event.date_precision, event.date_text = extracted.date.precision, extracted.date.text
            event.date_article_id = article_id
        if more_precise_place(stored.place, facts.place) and facts.place and extracted.location:
            event.location_id, event.location_text = facts.place.id, extracted.location.text
            event.location_article_id = article_id
        if event.mode is None:
            event.mode = extracted.mode
        stamp(event)

    def _participant_values(self, event_id: int, actor_id: int, participant: ParticipantRef, article_id: int
                            ) -> dict[str, Any]:
        return {"event_id": event_id, "actor_id": actor_id, "role": participant.role, "title": participant.title,
                "article_id": article_id, "char_start": participant.char_start, "char_end": participant.char_end}

    def _mention_values(self, extracted: ExtractedEvent, article_id: int) -> list[dict[str, Any]]:
        return [{
            "article_id": article_id, "sentence": mention.sentence,
            "char_start": mention.char_start, "char_end": mention.char_end, "trigger": mention.trigger,
            "status": extracted.status, "confidence": extracted.confidence,
            "pipeline_version": self.pipeline_version, "etl_run_id": self.etl_run_id,
        } for mention in extracted.mentions]

    def _join_stored_reports(self, event: Event) -> Event:
        """Stored events that, with what this report added (a place, a date), are now seen to be the same exchange
        as `event` become one with it, best match first, the oldest event kept: the result does not depend on which
        report came first."""
        while others := other_reports_of(self.session, event.id):
            keep_id, drop_id = sorted((event.id, others[0]))
            keep, drop = self.session.get(Event, keep_id), self.session.get(Event, drop_id)
            assert keep is not None and drop is not None
            merge_events(self.session, keep, drop)
            event = keep
        return event

    def _prefer_details(self, event_id: int, actor_id: int, report: ParticipantRef) -> None:
        """The more informative role and title win, so the result does not depend on the order of reports."""
        stored = self.session.scalars(select(EventParticipant).where(
            EventParticipant.event_id == event_id, EventParticipant.actor_id == actor_id)).one()
        prefer_details(stored, report.role, report.title)


@dataclass
class ResolvedEvent:
    """An extracted event whose actors and place are rows in the database."""

    extracted: ExtractedEvent
    facts: EventFacts
    participants: list[tuple[int, ParticipantRef]]
