"""The decisions: which candidate events to report, and which candidate parties took part.

A candidate event is built from a trigger with its parties, place and date; the stages that built it flag what speaks
against it ("blocked", "one_side", "not_political", ...), and `etl.events.features` describes it. `TrainedDecision`
weighs those features with a logistic model trained on the project's coded corpus (`python -m etl.training.train`);
`RuleDecision` reports what no rule objects to. An act the trained decision scores just under its threshold (`near`)
is kept aside and reported only if the article tells it again (`EventExtractor` drops it after merging otherwise).
The models are JSON files of weights in `etl/events/model/`, applied without any library.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Protocol

MODEL_DIR = Path(__file__).parent / "model"
EVENT_MODEL = "consult_events.json"
PARTY_MODEL = "consult_parties.json"
# How far under its type's threshold an act (not CONSULT) may score and still be reported when the article tells it
# again in another sentence: an act told twice is more likely one the article is about
RETOLD_MARGIN = 0.20


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class LogisticModel:
    """Weights per feature name, and the threshold chosen by cross-validation (one per event type, where the
    training data had enough of a type to choose one)."""

    def __init__(self, weights: dict[str, float], threshold: float, name: str = "",
                 thresholds: dict[str, float] | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.thresholds = thresholds or {}
        self.name = name

    @classmethod
    def from_file(cls, path: Path) -> LogisticModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["threshold"], f"{data['name']}@{data['trained_at'][:10]}",
                   data.get("thresholds"))

    def threshold_for(self, kind: str) -> float:
        return self.thresholds.get(kind, self.threshold)

    def probability(self, features: dict[str, float]) -> float:
        weight = self.weights.get
        total = 0.0
        for name, value in features.items():  # a plain loop: asked 27,000 times a load, of some 50 features each
            w = weight(name)
            if w is not None:
                total += w * value
        return logistic(total)

    def keep(self, features: dict[str, float], kind: str | None = None) -> bool:
        return self.probability(features) >= (self.threshold if kind is None else self.threshold_for(kind))


class Decision(Protocol):
    name: str
    parties: LogisticModel | None  # completes candidates' parties, when trained

    def keep(self, draft: object, features: dict[str, float]) -> bool: ...

    def near(self, draft: object) -> bool: ...


class RuleDecision:
    """Report a candidate no rule objects to."""

    name = "rules"
    parties: LogisticModel | None = None

    def keep(self, draft: object, features: dict[str, float]) -> bool:
        return not draft.flags  # type: ignore[attr-defined]

    def near(self, draft: object) -> bool:
        return False


class TrainedDecision:
    """Report a candidate when the event model's probability reaches its threshold; the probability becomes the
    event's confidence."""

    def __init__(self, events: LogisticModel, parties: LogisticModel | None) -> None:
        self.events = events
        self.parties = parties
        self.name = events.name

    def keep(self, draft: object, features: dict[str, float]) -> bool:
        p = self.events.probability(features)
        draft.score = round(p, 3)  # type: ignore[attr-defined]
        return p >= self.events.threshold_for(draft.type)  # type: ignore[attr-defined]

    def near(self, draft: object) -> bool:
        """Whether a candidate `keep` refused scored within RETOLD_MARGIN of its threshold (acts only)."""
        kind = draft.type  # type: ignore[attr-defined]
        return kind != "CONSULT" and draft.score is not None and \
            draft.score >= self.events.threshold_for(kind) - RETOLD_MARGIN  # type: ignore[attr-defined]


def load_decision(kind: str = "model", model_dir: Path = MODEL_DIR) -> Decision:
    """`model`: the trained decision shipped in the package (the rules when none is there); `rules`: the rules."""
    if kind not in ("model", "rules"):
        raise ValueError(f"unknown decision {kind!r}: 'model' or 'rules'")
    if kind == "rules" or not (model_dir / EVENT_MODEL).exists():
        return RuleDecision()
    parties = model_dir / PARTY_MODEL
    return TrainedDecision(LogisticModel.from_file(model_dir / EVENT_MODEL),
                           LogisticModel.from_file(parties) if parties.exists() else None)
