"""Shared helpers of the extraction tests: one spaCy pipeline per test session, articles from strings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from etl.components import DatedText
from etl.events.draft import EventDraft
from etl.events.extractor import Candidate
from etl.nlp import build_pipeline
from etl.records import REPORT_DATE_TEXT, ArticleExtraction, ArticleRecord, ExtractedEvent, Origin
from etl.training.dataset import collect
from etl.transform import transform


@lru_cache(maxsize=1)
def pipeline() -> Language:
    return build_pipeline()


def article(text: str, published: date | None = date(2024, 4, 2), ident: str = "t") -> ArticleRecord:
    return ArticleRecord(external_id=ident, text=text, origin=Origin("test"), published_at=published)


def extract(text: str, published: date | None = date(2024, 4, 2)) -> ArticleExtraction:
    [(_, extraction)] = list(transform(pipeline(), [article(text, published)]))
    return extraction


def events(text: str, published: date | None = date(2024, 4, 2), kind: str | None = "CONSULT"
           ) -> list[ExtractedEvent]:
    """The events of one type (CONSULT unless said otherwise; None: every type) extracted from `text`."""
    return [e for e in extract(text, published).events if kind is None or e.type == kind]


def undated(event: ExtractedEvent) -> bool:
    """The text gives the event no time of its own: no date, or the report's (an exchange that happened is dated by
    the article that tells it when the text says no more, as GDELT and ICEWS date events)."""
    return event.date is None or event.date.text == REPORT_DATE_TEXT


def names(event: ExtractedEvent) -> set[str]:
    return {p.actor.name for p in event.participants}


def _collected(text: str, published: date | None) -> list[Candidate]:
    nlp = pipeline()
    doc = nlp(DatedText(text, published.isoformat() if published else None))
    return collect(nlp.get_pipe("eventdb_consult_extractor").extractor, doc)


def candidates_misparsed(text: str, misparse: Callable[[Doc], None], published: date | None = date(2024, 4, 2),
                         kind: str = "CONSULT") -> list[dict]:
    """`candidates` of `text` after `misparse` has changed its parse into an error the parser makes on other
    sentences of that shape (which a made-up sentence may not bring out of it)."""
    nlp = pipeline()
    doc = nlp(DatedText(text, published.isoformat() if published else None))
    misparse(doc)
    found = collect(nlp.get_pipe("eventdb_consult_extractor").extractor, doc)
    return [c.draft.as_dict() for c in found if c.draft.type == kind]


def drafts(text: str, published: date | None = date(2024, 4, 2), kind: str | None = "CONSULT") -> list[EventDraft]:
    """The candidate events the trained decision weighs, whatever it decides, as the extractor's drafts (with the
    flags the decision weighs, ready for `merge_events`)."""
    return [c.draft for c in _collected(text, published) if kind is None or c.draft.type == kind]


def candidates(text: str, published: date | None = date(2024, 4, 2), kind: str | None = "CONSULT") -> list[dict]:
    """The candidate events the trained decision weighs (as the export describes an event), whatever it decides:
    what tests of a slot (a name, a place, a date) read, so that they do not hang on a probability near the
    threshold of the model in use."""
    return [d.as_dict() for d in drafts(text, published, kind)]


def candidate_features(text: str, published: date | None = date(2024, 4, 2), kind: str | None = "CONSULT"
                       ) -> list[dict[str, float]]:
    """What the trained decision sees of each candidate event of `kind` (its feature names and values)."""
    return [c.features for c in _collected(text, published) if kind is None or c.draft.type == kind]


def candidate_names(candidate: dict) -> set[str]:
    return {p["name"] for p in candidate["participants"]}
