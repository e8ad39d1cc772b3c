"""Transform stage: run the spaCy pipeline over articles and turn what it found into record dataclasses."""

from __future__ import annotations

import queue
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from etl.components import DatedText, use_dated_tokenizer
from etl.nlp import RULE_COMPONENTS
from etl.records import (
    ActorRef,
    ArticleExtraction,
    ArticleRecord,
    DateRef,
    ExtractedEvent,
    ExtractionFailed,
    MentionRef,
    ParticipantRef,
    PlaceRef,
)
from etl.worker_lifetime import exit_with_parent


def _compact() -> dict[str, dict[str, bool]]:
    """Only the results come back (ResultsOnly): the rest of an annotated Doc is not read here. A new dict each
    time: nlp.pipe adds its batch size to it, which nlp() would pass on to ResultsOnly."""
    return {"eventdb_results_only": {"compact": True}}


Extracted = tuple[ArticleRecord, ArticleExtraction | ExtractionFailed]
Annotated = tuple[ArticleRecord, Doc | ExtractionFailed]


def transform(
    nlp: Language,
    articles: Iterable[ArticleRecord],
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extracted]:
    """Yield (article, extraction) for each article, in input order, lazily; an article the NLP fails on comes
    with an ExtractionFailed saying why, and the articles after it are extracted as usual.

    With one process the model's components run in a thread of its own, up to two batches ahead of the caller;
    the rule components at the end of the pipeline (etl.nlp.RULE_COMPONENTS) run in the caller's thread, as it
    takes each article. So while the caller extracts from one article and stores it, the model (whose matrix
    products and parser mostly run without holding the GIL) reads the next ones. The caller's thread still pulls
    the articles from `articles` (a load checks each against the database as it goes)."""
    use_dated_tokenizer(nlp)
    if n_process > 1:
        exit_with_parent()
        return ((article, _extraction_of(doc, article) if isinstance(doc, Doc) else doc)
                for article, doc in _transform(nlp, articles, batch_size, n_process))
    return _ahead(nlp, articles, batch_size)


_END = object()  # the end of the articles, sent to the NLP thread


@dataclass
class _Raised:
    error: BaseException


def _ahead(nlp: Language, articles: Iterable[ArticleRecord], batch_size: int) -> Iterator[Extracted]:
    inbox: queue.SimpleQueue[object] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[object] = queue.SimpleQueue()

    rules = _rule_components(nlp)
    model_only = [name for name, _ in rules]

    def annotate() -> None:
        try:
            for annotated in _transform(nlp, iter(inbox.get, _END), batch_size, 1,  # type: ignore[arg-type]
                                        disable=model_only):
                outbox.put(annotated)
        except BaseException as exc:  # the NLP itself is broken: the caller raises it
            outbox.put(_Raised(exc))

    threading.Thread(target=annotate, name="eventdb-nlp", daemon=True).start()
    source = iter(articles)
    # at least a batch in flight, or the thread would wait for its batch to fill while the caller waits for it
    ahead = 2 * max(1, batch_size)
    in_flight = 0
    ended = False
    try:
        while True:
            while not ended and in_flight < ahead:
                article = next(source, _END)
                inbox.put(article)
                if article is _END:
                    ended = True
                else:
                    in_flight += 1
            if not in_flight:
                return
            annotated = outbox.get()
            if isinstance(annotated, _Raised):
                raise annotated.error
            in_flight -= 1
            article, doc = annotated  # type: ignore[misc]
            yield article, _apply_rules(rules, doc, article) if isinstance(doc, Doc) else doc
    finally:
        if not ended:  # the caller stopped early, or the reader failed: the thread ends after what it holds
            inbox.put(_END)


def _rule_components(nlp: Language) -> list[tuple[str, Callable[[Doc], Doc]]]:
    """The run of the project's rule components that ends the pipeline (none in a pipeline built otherwise)."""
    rules: list[tuple[str, Callable[[Doc], Doc]]] = []
    for name, component in reversed(nlp.pipeline):
        if name not in RULE_COMPONENTS:
            break
        rules.insert(0, (name, component))
    return rules


def _apply_rules(rules: list[tuple[str, Callable[[Doc], Doc]]], doc: Doc, article: ArticleRecord
                 ) -> ArticleExtraction | ExtractionFailed:
    try:
        for _name, component in rules:
            doc = component(doc)
    except Exception as exc:
        return ExtractionFailed(f"extraction failed: {_first_line(exc)}")
    return _extraction_of(doc, article)


def _transform(nlp: Language, articles: Iterable[ArticleRecord], batch_size: int, n_process: int,
               disable: list[str] | None = None) -> Iterator[Annotated]:
    """(article, annotated Doc) in input order, the components named in `disable` left out; an article the NLP
    fails on comes with an ExtractionFailed."""
    source = iter(articles)
    pending: deque[ArticleRecord] = deque()
    upstream: list[BaseException] = []

    def texts() -> Iterator[DatedText]:
        # The text carries the publication date to the extractor (it resolves "on Tuesday" against it) and is
        # tokenized where the rest of the NLP runs, in the worker processes when there are any; the article
        # itself is kept here, in order, since nlp.pipe preserves order.
        while True:
            try:
                article = next(source)
            except StopIteration:
                return
            except BaseException as exc:  # the reader's failure, not the NLP's: it must reach the caller
                upstream.append(exc)
                raise
            pending.append(article)
            yield _dated(article)

    while True:
        try:
            for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process, disable=disable or [],
                                component_cfg=_compact()):
                yield pending.popleft(), doc
            return
        except Exception:
            if upstream:
                raise upstream[0] from None
            if not pending:
                raise  # no article was in flight: the NLP itself is broken (no model, no processes)
            # nlp.pipe stops at the first error and takes the batch in flight with it. Extract those articles
            # one at a time here, which finds the one that failed, then go on with the rest in a new pipe.
            in_flight = list(pending)
            pending.clear()
            for article in in_flight:
                yield article, _annotate_alone(nlp, article, disable)


def _dated(article: ArticleRecord) -> DatedText:
    return DatedText(article.text or "", article.published_at.isoformat() if article.published_at else None)


def _annotate_alone(nlp: Language, article: ArticleRecord, disable: list[str] | None) -> Doc | ExtractionFailed:
    try:
        return nlp(_dated(article), disable=disable or [], component_cfg=_compact())
    except Exception as exc:
        return ExtractionFailed(f"extraction failed: {_first_line(exc)}")


def _extraction_of(doc: Doc, article: ArticleRecord) -> ArticleExtraction | ExtractionFailed:
    try:
        return to_extraction(doc, article.text or "")
    except Exception as exc:
        return ExtractionFailed(f"extraction failed: {_first_line(exc)}")


def _first_line(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message[:300]}" if message else type(exc).__name__


def to_extraction(doc: Doc, text: str) -> ArticleExtraction:
    """Dataclasses from the plain data the components stored on the doc."""
    issues = Counter(code for code, _start, _end in (doc._.issue_hits or []))
    events = [_event(raw, text) for raw in (doc._.consult_events or [])]
    return ArticleExtraction(events=events, issues=dict(sorted(issues.items())))


def _event(raw: dict, text: str) -> ExtractedEvent:
    participants = [
        ParticipantRef(
            actor=ActorRef(
                name=p["name"], kind=p["kind"], country_code=p.get("country_code"), aliases=list(p.get("aliases", [])),
                sector=p.get("sector"),
            ),
            role=p.get("role", "participant"),
            title=p.get("title"),
            char_start=p.get("char_start"),
            char_end=p.get("char_end"),
        )
        for p in raw["participants"]
    ]
    mentions = [
        MentionRef(sentence=text[m["char_start"]:m["char_end"]], char_start=m["char_start"], char_end=m["char_end"],
                   trigger=m.get("trigger"))
        for m in raw["mentions"]
    ]
    d = raw.get("date")
    when = DateRef(start=date.fromisoformat(d["start"]), end=date.fromisoformat(d["end"]), precision=d["precision"],
                   text=d["text"]) if d else None
    loc = raw.get("location")
    where = PlaceRef(
        name=loc["name"], country_code=loc.get("country_code"), lat=loc.get("lat"), lon=loc.get("lon"),
        kind=loc.get("kind", "city"), geonames_id=loc.get("geonames_id"), text=loc.get("text"),
    ) if loc else None
    return ExtractedEvent(
        type=raw.get("type", "CONSULT"),
        mode=raw.get("mode"),
        status=raw.get("status", "occurred"),
        participants=participants,
        mentions=mentions,
        date=when,
        location=where,
        issues=list(raw.get("issues", [])),
        confidence=float(raw.get("confidence", 0.5)),
    )
