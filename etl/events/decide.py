"""The decision: which candidate events to report. A candidate is an event built from a trigger with its parties,
place and date; the stages that built it flag what speaks against it ("blocked", "one_side", "not_political", ...).
"""

from __future__ import annotations

from typing import Protocol

from etl.events.draft import EventDraft
from etl.events.state import ArticleState


class Decision(Protocol):
    def keep(self, draft: EventDraft, state: ArticleState) -> bool: ...


class RuleDecision:
    """Report a candidate no rule objects to."""

    def keep(self, draft: EventDraft, state: ArticleState) -> bool:
        return not draft.flags
