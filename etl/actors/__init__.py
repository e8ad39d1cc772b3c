"""Actors within one article (see `registry`), and the lexicon and titles they are read with."""

from etl.actors.lexicon import ActorLexicon
from etl.actors.model import Actor, Mention, TitleReading
from etl.actors.registry import ActorRegistry

__all__ = ["Actor", "ActorLexicon", "ActorRegistry", "Mention", "TitleReading"]
