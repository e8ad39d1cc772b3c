"""An act the decision scores just under its threshold is reported when the article tells it again in another
sentence, and not when it tells it once. Sentences are written for the tests (none is taken from a corpus)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from nlp_helpers import pipeline

from etl.components import DatedText
from etl.events.decide import RETOLD_MARGIN, LogisticModel, TrainedDecision
from etl.events.draft import EventDraft
from etl.training.dataset import extractor_of

ONCE = "Israeli jets struck Hamas positions in Gaza on Monday."
TWICE = f"{ONCE} The Israeli strikes on Hamas destroyed three tunnels, the army said."


@pytest.fixture
def every_score_just_under() -> Iterator[None]:
    """A decision that scores every candidate 0.5, with every threshold a little above it (within the margin)."""
    extractor = extractor_of(pipeline())
    shipped = extractor.decision
    extractor.decision = TrainedDecision(LogisticModel({"bias": 0.0}, 0.5 + RETOLD_MARGIN / 2, "under"),
                                         shipped.parties)
    try:
        yield
    finally:
        extractor.decision = shipped


def drafts_of(text: str, kind: str) -> list[EventDraft]:
    nlp = pipeline()
    return [d for d in extractor_of(nlp).extract_drafts(nlp(DatedText(text, "2024-04-02"))) if d.type == kind]


@pytest.mark.usefixtures("every_score_just_under")
def test_an_act_told_twice_is_reported_once_told_once_not() -> None:
    [twice] = drafts_of(TWICE, "ASSAULT")
    assert len(set(twice.sentence_ids)) == 2 and twice.score == 0.5
    assert drafts_of(ONCE, "ASSAULT") == []


@pytest.mark.usefixtures("every_score_just_under")
def test_an_exchange_under_its_threshold_is_never_reported() -> None:
    text = "Blinken met Wang Yi in Beijing on Monday. The two men held talks over dinner on Monday."
    assert drafts_of(text, "CONSULT") == []


def test_the_shipped_decision_reports_an_act_told_once() -> None:
    assert [d.type for d in drafts_of(ONCE, "ASSAULT")] == ["ASSAULT"]
