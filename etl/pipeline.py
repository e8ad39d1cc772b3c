"""The load run: extract -> transform -> load, with an `etl_runs` row, rejects, progress and a summary.

Every record passes one guard on its way: the reader turns what it cannot read into a reject (etl.extract), the
transform one that the NLP fails on (etl.transform), and `_store_guarded` one the database will not store. Only a
failure of the database itself (connection lost, disk full, locked past the busy timeout) stops a run.
"""

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
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Article,
    ArticleIssue,
    CurationRule,
    EtlRun,
    Event,
    Location,
    Reject,
    Source,
)
from db.session import session_factory
from etl.collector import collect_less
from etl.extract import DEFAULT_MAX_BYTES, excerpt, read_inputs
from etl.load import ArticleStore, StoreResult, content_hash
from etl.plover_columns import restamp_events
from etl.records import ArticleExtraction, ArticleRecord, ExtractionFailed, Origin, RejectedRecord
from etl.storable import storable_text

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
    resumed_after: int | None = None  # a reprocess that resumed an interrupted one: the last article it had done

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


@collect_less()
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
                                    store, summary, digests, tick, max_chars=nlp.max_length)
            for record, extraction in transform(nlp, fresh, batch_size=options.batch_size,
                                                n_process=options.workers):
                digest = digests.pop(id(record))
                stored = _store_guarded(store, summary, record, extraction,
                                        lambda r, x, digest=digest: store.store_with_retries(r, x, digest))
                if stored is None:  # another loader stored the same text meanwhile
                    summary.articles_skipped += 1
                elif isinstance(stored, StoreResult):
                    _count(summary, stored)
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


@collect_less()
def run_reprocess(engine: Engine, options: LoadOptions | None = None, *,
                  progress: ProgressCallback | None = None) -> LoadSummary:
    """A full reload: extract every stored article again with the current pipeline and curation rules.

    Events, actors, places and roles are rebuilt from the articles' texts; articles, sources, rejects,
    curation rules and run history stay. Use it after upgrading the extractor or undoing a curation rule.

    Each article's new events are committed with the run's `last_article_id`, so a reprocess that is killed
    leaves whole articles and says where it stopped; the next reprocess resumes after that article when nothing
    has changed since (no load, no curation, the same pipeline), and starts over otherwise.
    """
    from etl.nlp import PIPELINE_VERSION, build_pipeline, model_version
    from etl.transform import transform

    options = options or LoadOptions()
    nlp = build_pipeline(options.model, options.lexicon_dir)
    sessions = session_factory(engine)
    summary = LoadSummary()
    with sessions.begin() as session:
        summary.run_id = _start_run(session, REPROCESS_INPUT, PIPELINE_VERSION, model_version(nlp))
        unfinished = _unfinished_reprocesses(session, exclude=summary.run_id)
        resumed = _resumable(session, unfinished, summary.run_id, PIPELINE_VERSION, model_version(nlp))
        start_after = (resumed.last_article_id or 0) if resumed is not None else 0
        if resumed is None:
            for model in (Event, ArticleIssue, ActorRole, ActorAlias, Actor, Location):
                session.execute(delete(model))
        run = session.get(EtlRun, summary.run_id)
        assert run is not None
        run.last_article_id = start_after
    summary.resumed_after = start_after if resumed is not None else None
    counts = _Counts(sessions, summary)
    with sessions() as session:
        store = ArticleStore(session, etl_run_id=summary.run_id, pipeline_version=PIPELINE_VERSION)
        store.sync_issues(_taxonomy(options.lexicon_dir))
        ids: dict[int, int] = {}
        try:
            for record, extraction in transform(nlp, _stored_articles(sessions, ids, summary, start_after),
                                                batch_size=options.batch_size, n_process=options.workers):
                article_id = ids.pop(id(record))
                stored = _store_guarded(store, summary, record, extraction,
                                        lambda r, x, article_id=article_id: store.store_again(article_id, r, x))
                if isinstance(stored, StoreResult):
                    _count(summary, stored)
                else:  # rejected: still past it, so that a resume does not try it again
                    store.mark_reprocessed(article_id)
                if progress is not None:
                    progress(summary, len(record.text))
                counts.save()
        except BaseException as exc:
            summary.status = "failed"
            _finish(sessions, summary, error=f"{type(exc).__name__}: {exc}")
            raise
    summary.status = "completed_with_rejects" if summary.articles_rejected else "succeeded"
    _finish(sessions, summary, completes=[run.id for run in unfinished])
    return summary


def _unfinished_reprocesses(session: Session, exclude: int) -> list[EtlRun]:
    """Reprocesses that died before finishing (see `interrupted_runs`), latest first."""
    dead = set(interrupted_runs(session, REPROCESS_INPUT, exclude))
    return [run for run in session.scalars(select(EtlRun).where(EtlRun.id.in_(dead)).order_by(EtlRun.id.desc()))]


def _resumable(session: Session, unfinished: list[EtlRun], run_id: int, pipeline_version: str, model_name: str
               ) -> EtlRun | None:
    """The unfinished reprocess this one may resume: the latest run before this one, of the same pipeline,
    with no curation rule changed since it started. Anything else could have changed what it rebuilt."""
    if not unfinished:
        return None
    latest = unfinished[0]
    later_runs = session.scalar(select(func.count()).select_from(EtlRun).where(EtlRun.id > latest.id,
                                                                               EtlRun.id != run_id))
    curated = session.scalar(select(func.count()).select_from(CurationRule).where(
        (CurationRule.created_at >= latest.started_at) | (CurationRule.undone_at >= latest.started_at)))
    if later_runs or curated or (latest.pipeline_version, latest.model_name) != (pipeline_version, model_name):
        return None
    return latest


def unfinished_reprocess_note(engine: Engine) -> str | None:
    """A warning when a reprocess is running or died part-way: until it finishes, events are missing."""
    with session_factory(engine)() as session:
        runs = session.scalars(select(EtlRun).where(EtlRun.input == REPROCESS_INPUT, EtlRun.status == "running")
                               .order_by(EtlRun.id.desc())).all()
        if not runs:
            return None
        run = runs[0]
        done = session.scalar(select(func.count()).select_from(Article)
                              .where(Article.id <= (run.last_article_id or 0)))
        total = session.scalar(select(func.count()).select_from(Article))
        dead = set(interrupted_runs(session, REPROCESS_INPUT, exclude=-1))
    if run.id in dead:
        return (f"reprocess run {run.id} was interrupted after {done} of {total} articles: the events of the "
                "others are missing; run `eventdb reprocess` to finish it")
    return (f"reprocess run {run.id} is rebuilding the events ({done} of {total} articles so far): results are "
            "incomplete until it ends")


def stored_text_size(engine: Engine) -> int | None:
    """Characters of text a reprocess will read, for its progress; None for an empty database."""
    with engine.connect() as connection:
        return connection.execute(select(func.sum(func.length(Article.text)))).scalar() or None


def _stored_articles(sessions: sessionmaker[Session], ids: dict[int, int], summary: LoadSummary,
                     start_after: int = 0, batch: int = 200) -> Iterator[ArticleRecord]:
    last_id = start_after
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
                    digests: dict[int, str], tick: Callable[[int], None], *, max_chars: int
                    ) -> Iterator[ArticleRecord]:
    """The records worth running the NLP on: readable, within what the NLP takes, and not already in the
    database or earlier in this run."""
    seen: set[str] = set()
    for record in records:
        summary.articles_read += 1
        if isinstance(record, ArticleRecord) and len(record.text) > max_chars:
            record = RejectedRecord(record.origin, f"article is {len(record.text):,} characters, over the "
                                                   f"{max_chars:,} the NLP model takes", excerpt(record.text))
        if isinstance(record, RejectedRecord):
            _reject(store, summary, record)
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


StoreStep = Callable[[ArticleRecord, ArticleExtraction], StoreResult | None]


def _store_guarded(store: ArticleStore, summary: LoadSummary, record: ArticleRecord,
                   extraction: ArticleExtraction | ExtractionFailed, step: StoreStep
                   ) -> StoreResult | RejectedRecord | None:
    """Store one article's extraction; whatever fails because of this record (the NLP on it, a value the
    database refuses) makes it a reject, and the load goes on. A failing database stops the run."""
    if isinstance(extraction, ExtractionFailed):
        rejected = RejectedRecord(record.origin, extraction.reason, excerpt(record.text))
    else:
        try:
            return step(record, extraction)
        except (OperationalError, InterfaceError):
            raise
        except Exception as exc:
            message = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            rejected = RejectedRecord(record.origin, f"cannot store: {type(exc).__name__}: "
                                                     f"{message[0][:300] if message else ''}", excerpt(record.text))
    _reject(store, summary, rejected)
    return rejected


def _reject(store: ArticleStore, summary: LoadSummary, record: RejectedRecord) -> None:
    """Count, keep and store a reject; its text made storable (a NUL in an excerpt must not fail the load)."""
    summary.articles_rejected += 1
    summary.rejects.append(record)
    with store.session.begin():
        store.session.add(Reject(etl_run_id=summary.run_id, source_file=storable_text(record.origin.path),
                                 line=record.origin.line, reason=storable_text(record.reason),
                                 excerpt=storable_text(record.excerpt)))


def _count(summary: LoadSummary, stored: StoreResult) -> None:
    summary.articles_loaded += 1
    summary.events_added += stored.events_added
    summary.actors_added += stored.actors_added
    summary.locations_added += stored.locations_added


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
