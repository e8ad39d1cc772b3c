"""Unnamed groups on one side of an exchange: 'Kurdish officials held talks with the Syrian government'."""

from __future__ import annotations

import re

from spacy.tokens import Token

from etl.actors import Mention
from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    DEST_PREPS,
    ent_span,
    pobjs,
)


class Groups(Stage):
    def vague_group_side(self, trig: Token, verbal: bool, governing: Token | None, draft: EventDraft,
                          state: ArticleState) -> str | None:
        """The explicit but unnamed group on the other side of an exchange whose one side is named: "Kurdish
        officials held talks with the Syrian government", "met rebel leaders in Hmeimim". The noun phrase, or None
        when there is no such group, or it is the named side's own people (see `_group_phrase`)."""
        if len(draft.actors) != 1:
            return None
        slots: list[Token] = []
        holders = [trig] if verbal else [trig, *([governing] if governing is not None else [])]
        for h in holders:
            if h.pos_ in ("VERB", "AUX"):
                slots += self.parties.subject_of(h)
            for c in h.children:
                if c.dep_ in ("dobj", "obj") and h.pos_ in ("VERB", "AUX") and h is trig:
                    slots.append(c)
                elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "between", "by", "from"):
                    slots += pobjs(c)
        for tok in slots:
            for t in [tok, *tok.conjuncts]:
                phrase = self._group_phrase(t, draft.actors[0].country_code, draft.location, state)
                if phrase is not None:
                    return phrase
        return None

    def _group_phrase(self, t: Token, own: str | None, location: dict | None, state: ArticleState) -> str | None:
        """The noun phrase of `t` when it is an explicit but unnamed group of people apart from the named side
        (of country `own`): "Kurdish officials", "rebel leaders", "opposition figures", "the opposition". None for
        any other noun, a named body, and the named side's own people: "his commanders", "Syrian officials" with the
        Syrian government, "senior aides"; "senior officials", "military leaders" or "Republican leaders" may be
        its own too, so they count only where the exchange took place abroad."""
        lemma = t.lemma_.lower()
        if lemma not in self.lex.group_nouns or t.ent_type_ in ("PERSON", "GPE", "ORG") or \
                t.tag_ not in ("NNS", "NNPS") and lemma not in self.lex.collective_group_nouns:
            return None
        if self.noun_phrases.np_actor(t, state) or any(c.dep_ == "poss" for c in t.children):
            return None
        mods = [w for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i
                for w in c.subtree if w.i < t.i]
        phrase = " ".join([w.text for w in mods] + [t.text])
        if any(re.search(rf"\b{re.escape(b)}$", phrase.lower()) for b in self.lex.internal_bodies):
            return None
        codes = {self.actor_lex.nationalities.get(w.lower_) for w in mods} - {None}
        if own is not None and own in codes:
            return None
        marked = bool(codes) or lemma in self.lex.faction_nouns or any(
            w.lower_ not in self.lex.domestic_group_modifiers and (
                w.ent_type_ == "NORP" or w.lemma_.lower() in self.lex.faction_nouns) for w in mods)
        abroad = own is not None and location is not None and location.get("country_code") not in (None, own)
        return phrase if marked or abroad else None

    def group_trip_host(self, trig: Token, linked: list[Token], draft: EventDraft, state: ArticleState) -> None:
        """'Opposition figures travelled to Moscow for talks on Monday': an unnamed group's journey to a capital for
        an exchange is an exchange with the state whose capital it is; the vague group itself is left out."""
        loc = draft.location
        code = (loc or {}).get("country_code")
        if draft.mode != "visit" or not code or trig.lemma_.lower() not in self.lex.movement_verbs or \
                self.gaz.capital_country(loc["name"]) != code or \
                not any(self.candidates.spec(t).get("mode") not in ("visit", None) for t in linked):
            return
        if draft.date is None and not self.modality.definite_exchange(trig, None, draft):
            return
        if not any(self._group_phrase(t, code, None, state) for sub in self.parties.subject_of(trig)
                   for t in [sub, *sub.conjuncts]):
            return
        dest = next((o for c in trig.children if c.dep_ == "prep" and c.lower_ in DEST_PREPS
                     for o in pobjs(c) if (ent := ent_span(o)) is not None and ent.text == loc.get("text")),
                    None)
        if dest is not None:
            ent = ent_span(dest)
            draft.add(Mention(state.registry.country(code), ent.start_char, ent.end_char, None), "target")
            draft.vague_side = "travellers"  # the unnamed group that made the trip: known to exist, left out
