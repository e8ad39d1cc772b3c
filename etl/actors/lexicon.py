"""The actor lexicon: titles, honorifics, nationalities, institutions (etl/lexicons/actors.toml and
nationalities.toml), loaded once per process."""

from __future__ import annotations

import re
from pathlib import Path

import numpy

from etl.actors.model import Actor
from etl.lexicon import load_lexicon
from etl.names import near_spelling, spelled_words


class ActorLexicon:
    """The data the resolver reads, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        lex = load_lexicon("actors.toml", lexicon_dir)
        self.title_words = set(lex["title_words"])
        self.title_modifiers = set(lex.get("title_modifiers", []))
        self.office_words = self.title_words - self.title_modifiers
        # an office word near a name, not a form of address
        self.office_words_not_courtesy = self.office_words - {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
                                                              "lady"}
        self.venue_words = {w.lower() for w in lex.get("venue_words", [])}
        self.org_words = {w.lower() for w in lex.get("org_words", [])}
        self.gathering_suffixes = {w.lower() for w in lex.get("gathering_suffixes", [])}
        ctx = load_lexicon("triggers.toml", lexicon_dir).get("context", {})
        self.place_nouns = {w.lower() for w in ctx.get("place_nouns", [])}
        self.leader_titles = [t.lower() for t in lex["leader_titles"]]
        # one alternation: read for every candidate's parties, a search per title cost 0.3 s a load
        self._leader_title = re.compile(r"\b(?:" + "|".join(map(re.escape, self.leader_titles)) + r")\b")
        self.honorifics = set(lex["honorifics"])
        self.peoples = set(lex.get("peoples", []))
        self.kinship = set(lex.get("kinship", []))
        self.post_nominals = set(lex.get("post_nominals", []))
        self.courtesy = set(lex.get("courtesy", []))
        self.person_verbs = set(lex.get("person_verbs", []))
        # the head of a title must be one of these: "Turkey's president", not "his future father-in-law"
        self.office_heads = (self.title_words - self.title_modifiers - self.courtesy - set(lex["government_nouns"])) \
            | set(lex.get("office_heads", []))
        self.office_adjectives = set(lex.get("office_adjectives", []))
        self.accredited_heads = set(lex.get("accredited_heads", []))
        self.object_predicate_verbs = set(lex.get("object_predicate_verbs", []))
        self.ordinal_offices = set(lex.get("ordinal_offices", []))
        self.counterpart_heads = set(lex.get("counterpart_heads", []))
        self.succession_heads = set(lex.get("succession_heads", []))
        self.evaluations = set(lex.get("evaluations", []))
        self.generic_heads = set(lex.get("generic_heads", []))
        self.vague_modifiers = set(lex.get("vague_modifiers", [])) | self.evaluations
        self.office_countries = {k.lower(): v for k, v in lex.get("office_countries", {}).items()}
        self.hashes: dict[str, numpy.ndarray] = {}  # string hashes of word sets, looked up in docs' arrays
        self.pair_anaphora = set(lex["pair_anaphora"])
        self.leader_anaphora = set(lex["leader_anaphora"])
        self.country_anaphora = set(lex["country_anaphora"])
        self.government_nouns = set(lex["government_nouns"])
        self.delegate_nouns = set(lex.get("delegate_nouns", []))
        self.partitive_nouns = set(lex.get("partitive_nouns", []))
        self.sector_nouns: dict[str, str] = dict(lex.get("sector_nouns", {}))
        self.body_nouns = set(lex.get("body_nouns", []))
        self.international_bodies = set(lex.get("international_bodies", []))
        self.collective_nouns = set(lex.get("collective_nouns", []))
        self.media = {m.lower() for m in lex.get("media", [])}
        self.institutions = {k.lower(): v for k, v in lex.get("institutions", {}).items()}
        nat = load_lexicon("nationalities.toml", lexicon_dir)
        self.nationalities = {k.lower(): v for k, v in nat.get("adjectives", {}).items()}
        # public figures by every name the news gives them (political_persons.toml), compared as spelled_words
        self.known_persons: dict[tuple[str, ...], dict] = {}
        for person in load_lexicon("political_persons.toml", lexicon_dir).get("person", []):
            for name in (person["name"], *person.get("aliases", [])):
                self.known_persons.setdefault(tuple(spelled_words(name)), person)
        self._known_names_by_word: dict[str, list[tuple[str, ...]]] = {}
        for key in self.known_persons:
            if len(key) >= 2:
                for word in set(key):
                    self._known_names_by_word.setdefault(word, []).append(key)

    def known_person(self, name: str) -> dict | None:
        """The entry of the actor dictionary for a person's name ("Modi", "Recep Tayyip Erdogan"), or None."""
        return self.known_persons.get(tuple(spelled_words(name)))

    def misspelt_person(self, name: str) -> dict | None:
        """The entry of the actor dictionary a full name not in it misspells ("Recep Tayip Ergodan", "Aljbin
        Kurti"): as many words, one of them spelt alike, each other a slip apart (`near_spelling`); None unless
        exactly one public figure fits."""
        words = tuple(spelled_words(name))
        if len(words) < 2 or words in self.known_persons:
            return None
        found: dict[str, dict] = {}
        for word in set(words):
            for key in self._known_names_by_word.get(word, ()):
                if len(key) == len(words) and all(a == b or near_spelling(a, b)
                                                  for a, b in zip(key, words, strict=True)):
                    entry = self.known_persons[key]
                    found[entry["name"]] = entry
        return next(iter(found.values())) if len(found) == 1 else None

    def is_leader_title(self, title: str | None) -> bool:
        t = (title or "").lower()
        return self._leader_title.search(t) is not None

    def is_leader(self, actor: Actor) -> bool:
        """A head of state or government by a title or by a description ("the dictator" is no title, but a
        leader for "the two leaders")."""
        return self.is_leader_title(" ".join([*actor.titles, *actor.descriptions]))
