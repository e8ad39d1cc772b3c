"""The load run: extract -> transform -> load, with an `etl_runs` row, rejects, progress and a summary."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Actor, ActorAlias, ActorRole, Article, ArticleIssue, EtlRun, Event, Location, Reject, Source
from db.session import session_factory
from etl.extract import DEFAULT_MAX_BYTES, read_inputs
from etl.load import ArticleStore, content_hash
from etl.plover_columns import restamp_events
from etl.records import ArticleRecord, Origin, RejectedRecord

REPROCESS_INPUT = "(reprocess stored articles)"
# A load elsewhere that has not reported progress for this long is taken to be dead.
STALE_HEARTBEAT = timedelta(minutes=30)
# A running load writes its counts and heartbeat to its etl_runs row at most this often (seconds): a
# transaction of its own after every article took a tenth of the main process's writing time.
COUNTS_EVERY = 1.0


@dataclass
class LoadSummary:
    run_id: int = 0
    articles_read: int = 0
    articles_loaded: int = 0
    articles_skipped: int = 0
    articles_rejected: int = 0
    events_added: int = 0
    actors_added: int = 0
    locations_added: int = 0
    rejects: list[RejectedRecord] = field(default_factory=list)
    status: str = "running"

    def as_row(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in (
            "articles_read", "articles_loaded", "articles_skipped", "articles_rejected",
            "events_added", "actors_added", "locations_added")}


@dataclass
class LoadOptions:
    model: str | None = None
    batch_size: int = 16
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    lexicon_dir: Path | None = None  # the user's own trigger, title and issue lexicons


# Called after each input record is dealt with, with the record's size in characters (for progress bars).
ProgressCallback = Callable[[LoadSummary, int], None]


def run_load(engine: Engine, paths: list[str], options: LoadOptions | None = None, *,
             progress: ProgressCallback | None = None, stdin: BinaryIO | None = None) -> LoadSummary:
    """Load every article under `paths` into the database behind `engine` (already migrated)."""
    from etl.nlp import PIPELINE_VERSION, build_pipeline, model_version
    from etl.transform import transform

    options = options or LoadOptions()
    nlp = build_pipeline(options.model, options.lexicon_dir)
    sessions = session_factory(engine)
    summary = LoadSummary()
    input_text = " ".join(paths)
    with sessions.begin() as session:
        summary.run_id = _start_run(session, input_text, PIPELINE_VERSION, model_version(nlp))
        interrupted = interrupted_runs(session, input_text, exclude=summary.run_id)
        restamp_events(session.connection())  # stored events follow an edited ontology, as issue labels do

    def tick(size: int) -> None:
        if progress is not None:
            progress(summary, size)

    counts = _Counts(sessions, summary)
    with sessions() as session:
        store = ArticleStore(session, etl_run_id=summary.run_id, pipeline_version=PIPELINE_VERSION)
        store.sync_issues(_taxonomy(options.lexicon_dir))
        try:
            digests: dict[int, str] = {}
            fresh = _fresh_articles(read_inputs(paths, max_bytes=options.max_bytes, stdin=stdin),
                                    store, summary, digests, tick)
            for record, extraction in transform(nlp, fresh, batch_size=options.batch_size,
                                                n_process=options.workers):
                stored = store.store_with_retries(record, extraction, digests.pop(id(record)))
                if stored is None:  # another loader stored the same text meanwhile
                    summary.articles_skipped += 1
                else:
                    summary.articles_loaded += 1
                    summary.events_added += stored.events_added
                    summary.actors_added += stored.actors_added
                    summary.locations_added += stored.locations_added
                tick(len(record.text))
                counts.save()
        except BaseException as exc:
            summary.status = "failed"
            _finish(sessions, summary, error=f"{type(exc).__name__}: {exc}")
            raise
    summary.status = "completed_with_rejects" if summary.articles_rejected else "succeeded"
    _finish(sessions, summary, completes=interrupted)
    return summary


def _start_run(session: Session, input_text: str, pipeline_version: str, model_name: str) -> int:
    """The `etl_runs` row of a load that starts now, with what tells later whether it died."""
    run = EtlRun(input=input_text, pipeline_version=pipeline_version, model_name=model_name, status="running",
                 hostname=socket.gethostname(), pid=os.getpid(), heartbeat_at=datetime.now(UTC))
    session.add(run)
    session.flush()
    return run.id


def interrupted_runs(session: Session, input_text: str, exclude: int) -> list[int]:
    """Earlier loads of the same input that died without finishing: this load will complete their work.

    A run on this machine is dead when its process is gone; a run elsewhere when its heartbeat is stale.
    """
    here = socket.gethostname()
    stale_before = datetime.now(UTC) - STALE_HEARTBEAT
    dead = []
    for run in session.scalars(select(EtlRun).where(EtlRun.status == "running", EtlRun.input == input_text,
                                                    EtlRun.id != exclude)):
        if run.hostname == here and run.pid is not None:
            if not _process_alive(run.pid):
                dead.append(run.id)
        elif run.heartbeat_at is not None and _aware(run.heartbeat_at) < stale_before:
            dead.append(run.id)
    return dead


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_reprocess(engine: Engine, options: LoadOptions | None = None, *,
                  progress: ProgressCallback | None = None) -> LoadSummary:
    """A full reload: extract every stored article again with the current pipeline and curation rules.

    Events, actors, places and roles are rebuilt from the articles' texts; articles, sources, rejects,
    curation rules and run history stay. Use it after upgrading the extractor or undoing a curation rule.
    """
    from etl.nlp import PIPELINE_VERSION, build_pipeline, model_version
    from etl.transform import transform

    options = options or LoadOptions()
    nlp = build_pipeline(options.model, options.lexicon_dir)
    sessions = session_factory(engine)
    summary = LoadSummary()
    with sessions.begin() as session:
        summary.run_id = _start_run(session, REPROCESS_INPUT, PIPELINE_VERSION, model_version(nlp))
        for model in (Event, ArticleIssue, ActorRole, ActorAlias, Actor, Location):
            session.execute(delete(model))
    counts = _Counts(sessions, summary)
    with sessions() as session:
        store = ArticleStore(session, etl_run_id=summary.run_id, pipeline_version=PIPELINE_VERSION)
        store.sync_issues(_taxonomy(options.lexicon_dir))
        ids: dict[int, int] = {}
        try:
            for record, extraction in transform(nlp, _stored_articles(sessions, ids, summary),
                                                batch_size=options.batch_size, n_process=options.workers):
                stored = store.store_again(ids.pop(id(record)), record, extraction)
                summary.articles_loaded += 1
                summary.events_added += stored.events_added
                summary.actors_added += stored.actors_added
                summary.locations_added += stored.locations_added
                if progress is not None:
                    progress(summary, len(record.text))
                counts.save()
        except BaseException as exc:
            summary.status = "failed"
            _finish(sessions, summary, error=f"{type(exc).__name__}: {exc}")
            raise
    summary.status = "succeeded"
    _finish(sessions, summary)
    return summary


def stored_text_size(engine: Engine) -> int | None:
    """Characters of text a reprocess will read, for its progress; None for an empty database."""
    with engine.connect() as connection:
        return connection.execute(select(func.sum(func.length(Article.text)))).scalar() or None


def _stored_articles(sessions: sessionmaker[Session], ids: dict[int, int], summary: LoadSummary,
                     batch: int = 200) -> Iterator[ArticleRecord]:
    last_id = 0
    while True:
        with sessions() as session:
            rows = session.execute(
                select(Article.id, Article.external_id, Article.text, Article.title, Article.published_at,
                       Source.name, Article.url)
                .outerjoin(Source, Source.id == Article.source_id)
                .where(Article.id > last_id).order_by(Article.id).limit(batch)).all()
        if not rows:
            return
        for article_id, external_id, text, title, published_at, source, url in rows:
            record = ArticleRecord(external_id=external_id, text=text, origin=Origin(f"article {article_id}"),
                                   title=title, published_at=published_at, source=source, url=url)
            ids[id(record)] = article_id
            summary.articles_read += 1
            yield record
        last_id = rows[-1][0]


def _fresh_articles(records: Iterable[ArticleRecord | RejectedRecord], store: ArticleStore, summary: LoadSummary,
                    digests: dict[int, str], tick: Callable[[int], None]) -> Iterator[ArticleRecord]:
    """The records worth running the NLP on: readable, and not already in the database or earlier in this run."""
    seen: set[str] = set()
    for record in records:
        summary.articles_read += 1
        if isinstance(record, RejectedRecord):
            summary.articles_rejected += 1
            summary.rejects.append(record)
            with store.session.begin():
                store.session.add(Reject(etl_run_id=summary.run_id, source_file=record.origin.path,
                                         line=record.origin.line, reason=record.reason, excerpt=record.excerpt))
            tick(len(record.excerpt))
            continue
        digest = content_hash(record.text)
        if digest in seen or store.has_article(digest):
            summary.articles_skipped += 1
            tick(len(record.text))
            continue
        seen.add(digest)
        digests[id(record)] = digest
        yield record


def _taxonomy(lexicon_dir: Path | None) -> list[tuple[str, str, str | None]]:
    from etl.issue_taxonomy import IssueTaxonomy

    return [(issue.code, issue.label, issue.parent) for issue in IssueTaxonomy.load(lexicon_dir).issues.values()]


class _Counts:
    """Writes a running load's counts and heartbeat to its etl_runs row, at most every COUNTS_EVERY seconds
    (`_finish` writes the final ones)."""

    def __init__(self, sessions: sessionmaker[Session], summary: LoadSummary) -> None:
        self.sessions = sessions
        self.summary = summary
        self.saved_at = time.monotonic()

    def save(self) -> None:
        if time.monotonic() - self.saved_at < COUNTS_EVERY:
            return
        with self.sessions.begin() as session:
            run = session.get(EtlRun, self.summary.run_id)
            for key, value in self.summary.as_row().items():
                setattr(run, key, value)
            run.heartbeat_at = datetime.now(UTC)
        self.saved_at = time.monotonic()


def _finish(sessions: sessionmaker[Session], summary: LoadSummary, error: str | None = None,
            completes: list[int] | None = None) -> None:
    with sessions.begin() as session:
        run = session.get(EtlRun, summary.run_id)
        for key, value in summary.as_row().items():
            setattr(run, key, value)
        run.status = summary.status
        run.error = error
        run.finished_at = run.heartbeat_at = datetime.now(UTC)
        for earlier_id in completes or []:
            earlier = session.get(EtlRun, earlier_id)
            if earlier is not None and earlier.status == "running":
                earlier.status = "interrupted"
                earlier.completed_by_run_id = run.id
