"""Completing a candidate's parties: an exchange the syntax gave one side of ("Turkish military officials travelled
to Moscow", "met a number of his counterparts, including India's Jaishankar", "Ethiopia's prime minister arrived in
Eritrea") takes the other from the actors its sentence names, the person a pronoun points back to, the subject of
the sentence before, or the country it took place in. Each such party is a candidate the trained party model weighs
(`etl.events.features.Features.of_party`); the parties the syntax found stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from etl.actors import Actor, Mention
from etl.events.decide import LogisticModel
from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import PRONOUN_PAIRS, REMOTE_MODES, SINGULAR_PRONOUNS, ent_span

_ENTITY_LABELS = ("PERSON", "GPE", "ORG", "NORP")


@dataclass
class PartyCandidate:
    mention: Mention
    source: str  # "rule" (the syntax found it), "owner", "sentence", "pronoun", "previous", "host", "article"
    anchor: Token | None  # the token that names it, when the text does

    @property
    def actor(self) -> Actor:
        return self.mention.actor


class Completion(Stage):
    def party_candidates(self, draft: EventDraft, state: ArticleState) -> list[PartyCandidate]:
        """The parties the syntax gave, then every other actor the candidate's sentence or context offers."""
        doc = state.doc
        out: list[PartyCandidate] = []
        seen: set[int] = set()

        def add(m: Mention | None, source: str, anchor: Token | None) -> None:
            if m is None or id(m.actor) in seen:
                return
            seen.add(id(m.actor))
            out.append(PartyCandidate(m, source, anchor))

        for p in draft.participants:
            anchor = doc.char_span(p.mention.start, p.mention.end, alignment_mode="expand") \
                if p.mention.start is not None else None
            add(p.mention, "rule", anchor.root if anchor is not None else None)
        trig = draft.trigger
        add(self._owner(trig, state), "owner", trig)
        place = (draft.location or {}).get("name")
        for m, source, anchor in self._sentence_parties(trig.sent, state):
            if anchor is not None and anchor.i == trig.i:
                continue
            if source == "sentence" and m.actor.kind != "PERSON" and m.actor.name == place:
                continue  # the place it happened, not a party
            add(m, source, anchor)
        if draft.type != "CONSULT":
            # an act whose other side the sentence leaves to the article ("denied the allegations", "were
            # arrested"): the countries the article is most about
            for m in self._article_countries(state):
                add(m, "article", None)
        code = (draft.location or {}).get("country_code")
        if code and draft.mode not in REMOTE_MODES and all(a.country_code != code for a in draft.actors):
            add(Mention(state.registry.country(code), None, None, None), "host", None)
        return out

    def _sentence_parties(self, sent: Span, state: ArticleState) -> list[tuple[Mention, str, Token | None]]:
        """Every actor a sentence names (and the persons its pronouns and the sentence before point to), found once
        for all the candidates the sentence gives."""
        found = state.sentence_parties.get(sent.start)
        if found is not None:
            return found
        found = []
        doc = state.doc
        for tok in sent:
            if tok.lower_ in SINGULAR_PRONOUNS and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
                found += [(m, "pronoun", tok) for m in state.resolve_singular(tok)]
            elif tok.lower_ in PRONOUN_PAIRS and tok.pos_ in ("PRON", "DET") and tok.dep_ in ("nsubj", "poss"):
                found += [(m, "pronoun", tok) for m in state.resolve_pair(tok, tok.lower_, self.actor_lex)]
            elif self._head_of_name(tok):
                found += [(m, "sentence", tok) for m in self.noun_phrases.np_actor(tok, state)]
        if sent.start > 0:
            for tok in doc[sent.start - 1].sent:
                if tok.dep_ in ("nsubj", "nsubjpass") and (m := state.registry.person_at(tok)) is not None:
                    found.append((Mention(m.actor, m.start, m.end, m.title), "previous", None))
        state.sentence_parties[sent.start] = found
        return found

    def _article_countries(self, state: ArticleState) -> list[Mention]:
        """The two countries the article names most often (at least twice), found once per article. (Adding a
        third country, or the person or organization named most often, gave the same cross-validated F1.)"""
        if state.article_countries is not None:
            return state.article_countries
        counts: dict[str, int] = {}
        for ent in state.doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                for m in self.noun_phrases.np_actor(ent[-1], state):
                    if m.actor.kind == "COUNTRY" and m.actor.country_code:
                        counts[m.actor.country_code] = counts.get(m.actor.country_code, 0) + 1
        top = sorted((c for c in counts if counts[c] >= 2), key=lambda c: -counts[c])[:2]
        state.article_countries = [Mention(state.registry.country(c), None, None, None) for c in top]
        return state.article_countries

    def _owner(self, trig: Token, state: ArticleState) -> Mention | None:
        """The body a gathering is named after, when its name holds the trigger word: "the Asean Foreign
        Ministers' Meeting", "the 33rd African Union Summit" tagged as one entity."""
        if trig.ent_type_ not in ("ORG", "EVENT", "NORP", "FAC"):
            return None
        ent = ent_span(trig)
        if ent is None:
            return None
        words = [t.text for t in ent if t.i != trig.i and t.is_alpha and t.lower_ != "the" and not t.like_num]
        name = " ".join(words).strip()
        if len(name) < 2 or name.lower() in self.actor_lex.media or self.places.city_named(name):
            return None
        code = self.actor_lex.institutions.get(name.lower())
        actor = state.registry.country(code) if code else state.registry.org(name)
        return Mention(actor, ent.start_char, ent.end_char, None)

    def _head_of_name(self, tok: Token) -> bool:
        """A token that ends an actor's name (a named entity's last token) or heads an office, government or
        delegation noun phrase."""
        if tok.ent_type_ in _ENTITY_LABELS:
            return tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"
        if not tok.ent_type_ and self.noun_phrases.is_body(tok):
            return True
        lemma = tok.lemma_.lower()
        return tok.pos_ == "NOUN" and (lemma in self.actor_lex.government_nouns or lemma in
                                       self.actor_lex.delegate_nouns or lemma in self.actor_lex.sector_nouns
                                       or tok.lower_ in self.actor_lex.title_words)

    def complete(self, draft: EventDraft, state: ArticleState, model: LogisticModel) -> int:
        """Add the candidate parties the model takes; returns how many it added."""
        added = 0
        cands = self.party_candidates(draft, state)
        own = {c.actor.country_code for c in cands if c.source == "rule" and c.actor.country_code}
        own_states = {c.actor.country_code for c in cands if c.source == "rule" and c.actor.country_code
                      and c.actor.kind in ("COUNTRY", "GROUP")}
        for cand in cands:
            if cand.source == "rule":
                continue
            if draft.type == "CONSULT" and cand.actor.kind in ("COUNTRY", "GROUP") and cand.actor.country_code in own:
                continue  # a party's own state is its side, not the other one ("met his commanders in Ankara")
            # An act's other side may be the party's own state ("Aung San Suu Kyi was detained", "the opposition
            # denounced the decree"): the model weighs it, seeing that it is.
            if draft.type == "CONSULT" and cand.actor.kind == "PERSON" and cand.actor.country_code in own_states:
                continue  # "a U.S. official met ...": an American named nearby is on that side too
            if model.keep(self.features.of_party(draft, cand, cands, state), draft.type):
                draft.add(cand.mention, "participant")
                added += 1
        return added

