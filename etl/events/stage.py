"""What every stage of event extraction shares: the lexicons, the gazetteer, the date resolver, the actors of the
article being read, and the other stages (an `EventExtractor` wires them together)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.actors import ActorLexicon, ActorRegistry
    from etl.dates import DateResolver
    from etl.events.acts import Acts
    from etl.events.build import Builder
    from etl.events.candidates import Candidates
    from etl.events.completion import Completion
    from etl.events.context import ArticleContext
    from etl.events.dates import EventDates
    from etl.events.features import Features
    from etl.events.groups import Groups
    from etl.events.lexicons import Lexicons
    from etl.events.modality import Modality
    from etl.events.noun_phrases import NounPhrases
    from etl.events.parties import Parties
    from etl.events.places import Places
    from etl.places import Gazetteer

STAGE_NAMES = ("candidates", "modality", "noun_phrases", "parties", "groups", "places", "event_dates", "builder",
               "features", "completion", "context", "acts")


class Stage:
    lex: Lexicons
    actor_lex: ActorLexicon
    gaz: Gazetteer
    dates: DateResolver
    # the actors of the article being read, for helpers that only see tokens
    registry: ActorRegistry | None = None
    candidates: Candidates
    modality: Modality
    noun_phrases: NounPhrases
    parties: Parties
    groups: Groups
    places: Places
    event_dates: EventDates
    builder: Builder
    features: Features
    completion: Completion
    context: ArticleContext
    acts: Acts

    def wire(self, hub: Stage) -> None:
        """Take the shared resources and the other stages from the extractor that owns this stage."""
        for name in ("lex", "actor_lex", "gaz", "dates", *STAGE_NAMES):
            setattr(self, name, getattr(hub, name))
