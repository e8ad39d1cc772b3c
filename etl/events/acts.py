"""Acts of PLOVER's other 15 types (AGREE ... ASSAULT): who did what to whom.

A word of `etl/lexicons/acts.toml` in a sentence gives one candidate per type it may tell. The actor is the verb's
subject (the agent of a passive; the possessor or the nationality of a noun: "Israeli airstrikes", "Russia's
invasion"); the recipient its object or the actor named after "on", "against", "to", "with", "at" ("sanctions on
Iran"). Status, date and place are read as for CONSULT; the trained decision weighs the candidate and picks among
the types a word may tell.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Span, Token

from etl.actors import Mention
from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import pobjs, sentence_bounds
from etl.lexicon import load_lexicon
from etl.ontology import ontology

_RECIPIENT_PREPS = frozenset({"on", "against", "to", "with", "at", "toward", "towards", "into", "upon"})


class ActLexicon:
    """acts.toml, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None) -> None:
        data = load_lexicon("acts.toml", lexicon_dir)
        self.verbs: dict[str, dict] = data.get("verbs", {})
        self.nouns: dict[str, dict] = data.get("nouns", {})


class Acts(Stage):
    act_lex: ActLexicon

    def triggers(self, sent: Span, state: ArticleState) -> list[tuple[Token, dict]]:
        out = []
        doc = sent.doc
        for i in state.index.within(state.index.triggers, sent):
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                spec = self.act_lex.verbs.get(lemma)
            elif tok.pos_ in ("NOUN", "PROPN"):
                spec = self.act_lex.nouns.get(lemma) or self.act_lex.nouns.get(tok.lower_)
            else:
                continue
            if spec is None or not self._qualifies(tok, spec):
                continue
            out.append((tok, spec))
        return out

    @staticmethod
    def _mode(spec: dict, kind: str) -> str | None:
        """The word's mode where the ontology gives it to that type ("strike" is a PROTEST mode, no ASSAULT one)."""
        mode = spec.get("mode")
        return mode if mode in ontology().modes(kind) else None

    def type_count(self, trig: Token) -> int:
        """How many types the trigger word may tell."""
        lemma = trig.lemma_.lower()
        spec = self.act_lex.verbs.get(lemma) if trig.pos_ == "VERB" else self.act_lex.nouns.get(lemma)
        return len((spec or {}).get("types", []))

    @staticmethod
    def _qualifies(tok: Token, spec: dict) -> bool:
        preps = spec.get("preps")
        if preps and not any(c.dep_ in ("prep", "prt") and c.lower_ in preps for c in tok.children) and not (
                tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in preps):
            return False
        objects = spec.get("objects")
        if objects and not any(c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in objects
                               for c in tok.children):
            return False
        return not (tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.pos_ == "NOUN")

    def build(self, trig: Token, spec: dict, sent: Span, state: ArticleState, others: set[int]) -> list[EventDraft]:
        status, weak = self.modality.status(trig)
        if self.modality.blocked(trig, generic=False):
            return []  # negated or hypothetical: no act (CODING.md), whatever its type
        sources, targets = self._sides(trig, state)
        first = EventDraft(trigger=trig, mode=self._mode(spec, spec["types"][0]), status=status, weak_status=weak,
                           type=spec["types"][0])
        first.mentions.append((*sentence_bounds(sent, trig, state.text), trig.text))
        first.sentence_ids.append(state.sentence_index)
        for m in sources:
            first.add(m, "source")
        for m in targets:
            first.add(m, "target")
        first.date = self.event_dates.date([trig], others, state, first)
        first.location = self.places.location([trig], others, first, state)
        if self.modality.generic(trig):
            # "has repeatedly warned", "regularly condemns": an exchange told so is a habit, not one event; a
            # statement told so may still be coded (the gold does): the decision weighs it
            first.flags.append("generic")
        out = [first]
        for kind in spec["types"][1:]:
            # the same words told as another type: the decision picks
            out.append(EventDraft(trigger=trig, mode=self._mode(spec, kind), status=status, weak_status=weak, type=kind,
                                  participants=list(first.participants), date=first.date, location=first.location,
                                  mentions=list(first.mentions), sentence_ids=list(first.sentence_ids),
                                  flags=list(first.flags)))
        return out

    def _sides(self, trig: Token, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
        """(actors, recipients) the syntax around the trigger names."""
        nps = self.noun_phrases
        sources: list[Mention] = []
        targets: list[Mention] = []
        if trig.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in trig.children)
            for sub in self.parties.subject_of(trig):
                found = nps.np_actors(sub, state) or state.resolve_body(sub, self.actor_lex)
                (targets if passive else sources).extend(found)
            for c in trig.children:
                if c.dep_ in ("dobj", "obj", "dative"):
                    targets.extend(nps.np_actors(c, state) or self._inside(c, state))
                elif c.dep_ == "agent":
                    for o in pobjs(c):
                        sources.extend(nps.np_actors(o, state))
                elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"for"}:
                    for o in pobjs(c):
                        targets.extend(nps.np_actors(o, state) or self._inside(o, state))
        else:
            for c in trig.children:
                if c.dep_ == "poss" or c.dep_ in ("amod", "compound", "nmod") and c.i < trig.i and (
                        c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
                    sources.extend(nps.np_actor(c, state))
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for o in pobjs(c):
                        sources.extend(nps.np_actors(o, state))
                elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"of", "from"}:
                    for o in pobjs(c):
                        (sources if c.lower_ == "from" else targets).extend(nps.np_actors(o, state))
            verb = trig.head if trig.dep_ in ("dobj", "obj", "nsubjpass", "attr") and trig.head.pos_ in (
                "VERB", "AUX") else None
            if verb is not None:
                # "the EU imposed sanctions on Russia", "Israel launched airstrikes against Hamas"
                for sub in self.parties.subject_of(verb):
                    sources.extend(nps.np_actors(sub, state))
                for c in verb.children:
                    if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
                        for o in pobjs(c):
                            targets.extend(nps.np_actors(o, state))
        return sources, targets

    def _inside(self, np: Token, state: ArticleState) -> list[Mention]:
        """The actors named inside a noun phrase that is no actor itself: "called for Russia's withdrawal", "demanded
        an end to the violence in Myanmar", "condemned the attack on Israel"."""
        out: list[Mention] = []
        for tok in np.subtree:
            if tok.i == np.i:
                continue
            if tok.dep_ == "poss" or tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on", "against", "of", "by"):
                out.extend(self.noun_phrases.np_actor(tok, state))
            elif tok.dep_ == "amod" and tok.head.i == np.i and tok.lower_ in self.actor_lex.nationalities:
                # "attacked Ukrainian positions", "condemned Israeli strikes": the state the thing belongs to
                out.append(Mention(state.registry.country(self.actor_lex.nationalities[tok.lower_]), tok.idx,
                                   tok.idx + len(tok.text), None))
        return out
