"""Training rows for the decision: every candidate event the extractor builds on a coded article, with its
features and a label from the gold, matched the way `../shared/eval/score.py` matches (enough gold participants
among the candidate's): 1 when it matches a required gold event, 0 when it matches none; a candidate that matches
only an optional gold event teaches nothing and is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType

from spacy.language import Language
from spacy.tokens import Doc

from etl.events.draft import EventDraft
from etl.events.extractor import EventExtractor


@dataclass
class Row:
    article: str
    features: dict[str, float]
    label: int  # 1 real (matches a required gold event), 0 not
    gold_ids: list[str] = field(default_factory=list)
    sentence: str = ""


@dataclass
class Dataset:
    rows: list[Row] = field(default_factory=list)
    gold_required: int = 0
    gold_reachable: int = 0  # required gold events some candidate matches: the recall an oracle decision gets

    @property
    def candidate_recall(self) -> float:
        return self.gold_reachable / self.gold_required if self.gold_required else 0.0


def extractor_of(nlp: Language) -> EventExtractor:
    return nlp.get_pipe("eventdb_consult_extractor").extractor


def candidates(extractor: EventExtractor, doc: Doc) -> list[tuple[EventDraft, dict[str, float]]]:
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
                             for p in d["participants"]], "type": "CONSULT"}


def matches(scorer: ModuleType, draft: EventDraft, gold: dict) -> bool:
    """Whether score.py would match this candidate to this gold event (on participants)."""
    n_req = sum(1 for p in gold["participants"] if not p.get("optional"))
    need = gold.get("match_min", min(2, n_req))
    got, _stray, _hits = scorer.Scorer.participant_hits(_as_prediction(draft), gold)
    return got >= need and got > 0


def build(extractor: EventExtractor, docs: dict[str, Doc], gold: dict, scorer: ModuleType,
          types: Iterable[str] = ("CONSULT",)) -> Dataset:
    wanted = set(types)
    by_article: dict[str, list[dict]] = {}
    for ev in gold["events"]:
        if ev["type"] in wanted:
            by_article.setdefault(ev["article"], []).append(ev)
    data = Dataset()
    for art in gold["articles"]:
        doc = docs[art]
        golds = by_article.get(art, [])
        required = [g for g in golds if not g.get("optional")]
        data.gold_required += len(required)
        reached: set[str] = set()
        for draft, feats in candidates(extractor, doc):
            hit = [g for g in golds if matches(scorer, draft, g)]
            hit_required = [g["id"] for g in hit if not g.get("optional")]
            reached.update(hit_required)
            if hit and not hit_required:
                continue
            start, end, _ = draft.mentions[0]
            data.rows.append(Row(art, feats, 1 if hit_required else 0, hit_required, doc.text[start:end]))
        data.gold_reachable += len(reached)
    return data
