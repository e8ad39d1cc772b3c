"""Candidates of coded articles and how they match the gold, the way `../shared/eval/score.py` matches (enough
gold participants among the candidate's): what training labels and the recall diagnostics read.
"""

from __future__ import annotations

from types import ModuleType

from spacy.language import Language
from spacy.tokens import Doc

from etl.events.draft import EventDraft
from etl.events.extractor import Candidate, EventExtractor


def extractor_of(nlp: Language) -> EventExtractor:
    return nlp.get_pipe("eventdb_consult_extractor").extractor


def collect(extractor: EventExtractor, doc: Doc) -> list[Candidate]:
    """Every candidate of an article with its features, whatever the decision makes of it."""
    extractor.collected = []
    try:
        extractor.extract_drafts(doc)
        return extractor.collected
    finally:
        extractor.collected = None


def _as_prediction(draft: EventDraft) -> dict:
    d = draft.as_dict()
    return {"participants": [{"name": p["name"], "kind": p["kind"], "country_code": p["country_code"]}
                             for p in d["participants"]], "type": d["type"]}


def matches(scorer: ModuleType, draft: EventDraft, gold: dict) -> bool:
    """Whether score.py would match this candidate to this gold event (on participants)."""
    n_req = sum(1 for p in gold["participants"] if not p.get("optional"))
    need = gold.get("match_min", min(2, n_req))
    got, _stray, _hits = scorer.Scorer.participant_hits(_as_prediction(draft), gold)
    return got >= need and got > 0


def reachable(extractor: EventExtractor, docs: dict[str, Doc], gold: dict, scorer: ModuleType,
              event_type: str = "CONSULT") -> tuple[int, int]:
    """(required gold events, those some candidate matches): the recall an oracle decision would get."""
    required = reached = 0
    for art in gold["articles"]:
        golds = [g for g in gold["events"] if g["article"] == art and g["type"] == event_type
                 and not g.get("optional")]
        if not golds:
            continue
        cands = collect(extractor, docs[art])
        required += len(golds)
        reached += sum(1 for g in golds if any(matches(scorer, c.draft, g) for c in cands))
    return required, reached
