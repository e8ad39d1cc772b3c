"""Transform stage: run the spaCy pipeline over articles and turn what it found into record dataclasses."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from etl.components import DatedText, use_dated_tokenizer
from etl.records import (
    ActorRef,
    ArticleExtraction,
    ArticleRecord,
    DateRef,
    ExtractedEvent,
    MentionRef,
    ParticipantRef,
    PlaceRef,
)


def transform(
    nlp: Language,
    articles: Iterable[ArticleRecord],
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[tuple[ArticleRecord, ArticleExtraction]]:
    """Yield (article, extraction) for each article, in input order, lazily."""
    use_dated_tokenizer(nlp)
    pending: deque[ArticleRecord] = deque()

    def texts() -> Iterator[DatedText]:
        # The text carries the publication date to the extractor (it resolves "on Tuesday" against it) and is
        # tokenized where the rest of the NLP runs, in the worker processes when there are any; the article
        # itself is kept here, in order, since nlp.pipe preserves order.
        for article in articles:
            pending.append(article)
            yield DatedText(article.text or "", article.published_at.isoformat() if article.published_at else None)

    # Only the results come back (ResultsOnly): the rest of an annotated Doc is not read here.
    compact = {"eventdb_results_only": {"compact": True}}
    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process, component_cfg=compact):
        article = pending.popleft()
        yield article, to_extraction(doc, article.text or "")


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
