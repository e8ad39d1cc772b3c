"""Candidates: the words that tell an exchange (verbs and nouns of the trigger lexicon) and whether their use in
the sentence qualifies; headlines and captions skipped; triggers of one exchange linked."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    CAPTION_MAX,
    FINAL_PUNCT,
    PRONOUN_PAIRS,
    SENTENCE_BREAK,
    SINGULAR_PRONOUNS,
    each_other,
    ent_span,
    pobjs,
    strip_the,
)

# What a verb must have to tell an exchange, when its lack is decisive: "welcomed the plan" names no guest,
# "sent troops" no envoy, "travelled" no destination. A verb that lacks a partner ("talked") may still find one in
# its sentence, so its loose use is a candidate.
_DECISIVE_NEEDS = frozenset({"person", "envoy", "destination", "stopover", "object", "purpose"})


class Candidates(Stage):
    # ------------------------------------------------------------------ sentences
    def skipped_ranges(self, text: str) -> list[tuple[int, int]]:
        """Char ranges of lines that are headlines, bylines or captions: no event is read from them."""
        out = []
        pos = 0
        unpunctuated: list[tuple[int, int]] = []
        for line in text.split("\n"):
            stripped = line.strip()
            start, end = pos, pos + len(line)
            pos = end + 1
            if not stripped:
                continue
            caption = any(m in stripped for m in self.lex.caption_markers)
            if caption and len(stripped) < CAPTION_MAX:
                out.append((start, end))
            elif not stripped.endswith(FINAL_PUNCT) and not SENTENCE_BREAK.search(stripped):
                unpunctuated.append((start, end))
            else:
                # a headline is one unpunctuated line over body text; one with no body text after it is the text
                # itself (a sentence given alone, an excerpt cut short), and a whole article on one line that ends
                # in a byline or a cut sentence is body text too
                out += unpunctuated
                unpunctuated = []
        return sorted(out)

    # ------------------------------------------------------------------ triggers
    def triggers(self, sent: Span, state: ArticleState) -> list[Token]:
        out = []
        doc = sent.doc
        for i in state.index.within(state.index.triggers, sent):
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.lex.verbs:
                if self.lex.verbs[lemma].get("loose_only"):
                    continue
                particle = self.lex.verbs[lemma].get("particle")
                if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
                    continue
                wanted = self.lex.verbs[lemma].get("objects")
                if wanted and not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in wanted for c in tok.children):
                    continue  # "shook hands with", not "shook the region"
                if self._verb_qualifies(tok, self.lex.verbs[lemma].get("needs", "none")):
                    out.append(tok)
            elif (tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "nmod")) and (
                    lemma in self.lex.nouns or tok.lower_ in self.lex.nouns):
                # a capitalised trigger heads the name of a gathering: "the NATO Summit in Vilnius"
                if not self.spec(tok).get("loose_only") and self._noun_qualifies(tok) and not self._entourage_trip(tok):
                    out.append(tok)
        return out

    def loose_triggers(self, sent: Span, qualified: list[Token], state: ArticleState) -> list[Token]:
        """Words of the trigger lexicon the rules did not take as an exchange ("spoke to reporters", "the Sochi
        congress", "summoned the ambassador"): candidates for the trained decision, which sees why they failed."""
        taken = {t.i for t in qualified}
        out = []
        doc = sent.doc
        for i in state.index.within(state.index.triggers, sent):
            tok = doc[i]
            if tok.i in taken:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.lex.verbs or tok.pos_ in ("NOUN", "PROPN") and (
                    lemma in self.lex.nouns or tok.lower_ in self.lex.nouns):
                if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.i in taken:
                    continue  # "summit talks": a modifier of a trigger already taken
                if self._entourage_trip(tok):
                    continue
                if tok.dep_ in ("xcomp", "advcl") and tok.head.i in taken:
                    continue  # "met to discuss the fallout": the purpose of an exchange already taken is that one
                spec = self.spec(tok)
                never = spec.get("never_with")
                if never and (any(c.dep_ in ("prep", "prt") and c.lower_ in never for c in tok.children) or
                              tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in never):
                    continue  # "called for a ceasefire": an appeal, no exchange
                if tok.pos_ == "VERB" and spec.get("needs") in _DECISIVE_NEEDS and not spec.get("loose_only"):
                    continue  # "welcomed the plan", "sent troops", "travelled home": what it lacks decides
                if tok.pos_ != "VERB" and (any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in
                                               self.lex.excluded_compounds for c in tok.children)
                                           or self._internal_body(tok)):
                    continue  # "a press conference", "a National Security Council meeting": no two sides meet
                if tok.pos_ == "VERB" and spec.get("needs") == "partner" and self._addressed_elsewhere(tok):
                    continue  # "spoke at a rally", "spoke to reporters", "talked of their concern"
                out.append(tok)
        return out

    def _entourage_trip(self, noun: Token) -> bool:
        """"are accompanying Xi on the visit": the journey of the one accompanied, told again; the entourage's verb
        is the candidate, and joins that journey."""
        return noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in self.lex.entourage_verbs

    def _addressed_elsewhere(self, verb: Token) -> bool:
        """A verb of talking addressed to no party: its prepositions are of an audience or a topic ("at a rally",
        "to reporters", "of their concern") and none is "with" someone."""
        # "talked for two hours": a duration, no audience
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep" and not (
            c.lower_ == "for" and any(o.ent_type_ in ("DATE", "TIME") for o in pobjs(c)))}
        if "with" in preps:
            return False
        # "spoke in parliament", "spoke on condition of anonymity": a forum or a manner, not a place they met in
        in_forum = any(c.dep_ == "prep" and (c.lower_ == "in" and not any(self.places.is_place(o) for o in pobjs(c))
                                             or c.lower_ == "on" and any(o.lemma_.lower() in ("condition", "behalf",
                                                                                              "record")
                                                                         for o in pobjs(c)))
                       for c in verb.children)
        return bool(preps & self.lex.reciprocal_blocking_preps) or in_forum

    def _is_actorish(self, tok: Token) -> bool:
        if tok.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"):
            return True
        if self.registry.person_at(tok) is not None:
            return True  # a public figure or a titled name the tagger left unlabelled ("spoke to PM Nawaz Sharif")
        if tok.lower_ in PRONOUN_PAIRS | SINGULAR_PRONOUNS | {"him", "them"}:
            return True
        # "called Canadian diplomats": a plural office or delegate noun is someone too
        # "hosted his Turkish and Iranian counterparts": a plural title by its lemma
        return tok.lower_ in self.actor_lex.title_words or tok.lemma_.lower() in self.actor_lex.delegate_nouns or \
            tok.tag_ == "NNS" and tok.lemma_.lower() in self.actor_lex.title_words | self.lex.group_nouns or \
            tok.lemma_.lower() in self.lex.collective_group_nouns or \
            any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in tok.children)

    def has_phone(self, tok: Token) -> str | None:
        for child in tok.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "on", "over", "via"):
                for obj in child.children:
                    word = obj.lower_
                    if word in self.lex.video_words or obj.lemma_ in self.lex.video_words:
                        return "video"
                    if word in self.lex.phone_words or obj.lemma_ in self.lex.phone_words:
                        return "phone"
            if child.dep_ in ("compound", "amod", "nmod"):
                if child.lower_ in self.lex.video_words:
                    return "video"
                if child.lower_ in self.lex.phone_words:
                    return "phone"
            if child.dep_ == "advmod" and child.lower_ in self.lex.video_words:
                return "video"
            if child.dep_ == "advmod" and child.lower_ in self.lex.phone_words:
                return "phone"  # "spoke telephonically"
        return None

    def _verb_qualifies(self, tok: Token, needs: str) -> bool:
        if tok.dep_ == "amod" or tok.tag_ == "VBN" and tok.dep_ in ("acl",) and tok.lemma_ == "call":
            return False
        children = list(tok.children)
        objs = [c for c in children if c.dep_ in ("dobj", "obj")] or self.named_complement(tok)
        preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in children if c.dep_ in ("prep",
                                                                                                         "agent")}
        if tok.lemma_ == "call" and (any(c.dep_ in ("oprd", "xcomp", "ccomp") and c not in objs for c in children)
                                     or "for" in preps or tok.dep_ == "acl" or "on" in preps and not any(
                    o.ent_type_ in ("DATE", "TIME") for o in preps["on"])):
            return False  # "called for talks", "called on Russia to ..."; "called Putin on Monday" is a call
        if tok.lemma_ == "discuss" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return False  # "a list of issues for Biden to discuss with Xi" is an agenda, not an exchange told
        if tok.lemma_ == "meet":
            # "met demands", "meet the deadline": the object must be someone; "met with Rouhani in Ankara, the
            # second such summit": a summary noun parsed as the object leaves the partner after "with"; "Xi and Ma
            # met each other": the subjects met
            return not objs or any(each_other(o) for o in objs) or any(self._is_actorish(o) for o in objs) or any(
                self._is_actorish(o) for o in preps.get("with", [])) and all(
                o.lemma_.lower() in self.lex.nouns for o in objs)
        if needs == "none":
            return True
        if needs == "actor":
            if tok.lemma_.lower() in self.lex.host_verbs and any(o.lower_ in self.lex.hosted_events for o in objs):
                return True  # "Putin is set to host a Syrian Congress on National Dialogue"
            return any(self._is_actorish(o) for o in objs) or any(
                self._is_actorish(o) for p in ("with", "to", "by") for o in preps.get(p, [])) or (
                tok.dep_ == "relcl" and not objs)
        if needs == "partner":
            if self.has_phone(tok):
                return True
            # "discussed developments in Syria with the Turkish president": the parser hangs the partner on the topic
            partners = [*preps.get("with", []), *preps.get("to", []), *self.object_partners(tok)]
            return any(
                o.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") and strip_the(ent_span(o).text).lower()
                not in self.actor_lex.media or o.lower_ in self.actor_lex.title_words
                or o.lower_ in ("counterpart", "him", "her", "them")
                # "negotiated with Russian officers": unnamed people acting for a state
                or o.lemma_.lower() in self.actor_lex.delegate_nouns
                # "talked with rebel leaders": an unnamed group, reported when the other side is named
                or o.tag_ == "NNS" and o.lemma_.lower() in self.lex.group_nouns
                for o in partners) or self._reciprocal_subjects(tok, preps)
        if needs == "stopover":
            # "stopped in Cairo", "stopped at Ramstein": not "stopped Iran", whose object is no destination
            return any(self._placed(o) for p in ("in", "at") for o in preps.get(p, []))
        if needs == "destination":
            return any(self._placed(o) for p in ("to", "in", "at", "into") for o in preps.get(p, [])) or any(
                self._placed(o) for o in objs)
        if needs == "person":
            # "received Assad", "received the Iranian foreign minister, Hossein Amir-Abdollahian"
            if any(o.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                                  for c in o.children) for o in objs):
                return True
            # "welcomed his Turkish counterpart", "received the Iraqi foreign minister": an office-holder of a
            # named state ("received the Iraqi minister's letter" has the letter as object)
            if any(o.lemma_.lower() in self.actor_lex.title_words and (o.lemma_.lower() == "counterpart" or any(
                    c.dep_ in ("amod", "compound") and c.lower_ in self.actor_lex.nationalities for c in o.children))
                   for o in objs):
                return True
            # "Castro received the pope": a title the article gave a person just before
            reg = self.registry
            if reg is not None and any(
                    o.lemma_.lower() in self.actor_lex.title_words and any(
                        c.dep_ == "det" and c.lower_ == "the" for c in o.children)
                    and reg.person_by_title([*o.lefts, o], o.i) is not None for o in objs):
                return True
            # "Netanyahu was received by Putin": the guest is the passive subject, the host the agent
            # "arrived in Cairo and was welcomed by Sisi": a second verb with no subject of its own shares the first's
            subjects = [c for c in children if c.dep_ == "nsubjpass"] or (
                [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if tok.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in children) else [])
            guests = [c for c in subjects if (
                c.ent_type_ == "PERSON" or c.lower_ in ("he", "she") or any(
                    g.dep_ == "appos" and g.ent_type_ == "PERSON" for g in c.children))]
            return bool(guests) and any(self._is_actorish(o) and o.lower_ not in PRONOUN_PAIRS | SINGULAR_PRONOUNS
                                        for o in preps.get("by", []))
        if needs == "envoy":
            # "dispatched its chief of intelligence to Moscow": someone who acts for the sender, sent to a place;
            # troops, fighters and letters are no envoys
            envoys = [o for o in objs if o.ent_type_ == "PERSON" or (
                o.lemma_.lower() in self.actor_lex.title_words | self.actor_lex.delegate_nouns
                and o.lemma_.lower() not in self.lex.combat_titles)]
            return bool(envoys) and any(self.places.is_place(o) for o in preps.get("to", []))
        if needs == "purpose":
            # a named person: "went to see the president" resolves a bare title too loosely to risk it
            return tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in self.lex.movement_verbs and any(
                o.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in o.children)
                for o in objs)
        if needs == "object":
            return any(o.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") or self._is_actorish(o)
                       or self.places.definite_place(o) is not None or self._placed(o) for o in objs)
        return True

    def _placed(self, o: Token) -> bool:
        if o.ent_type_ in ("GPE", "LOC", "FAC") or self.places.is_place(o):
            return True
        if o.pos_ == "NOUN" and o.lemma_.lower() in self.lex.venue_nouns and any(
                c.dep_ in ("compound", "poss") and (c.ent_type_ in ("GPE", "LOC", "FAC") or self.places.is_place(c))
                for c in o.children):
            return True  # "arrived at Cairo airport"
        # "the Belarusian capital of Minsk", "the Russian city of Sochi"
        return o.lemma_.lower() in self.lex.place_nouns and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(self._placed(g) for g in pobjs(c)) for c in o.children)

    def named_complement(self, verb: Token) -> list[Token]:
        """'called Rouhani on Tuesday' parsed as "called (him) Rouhani": a lone name in the complement slot, with no
        object, is the one called ("called the attack a crime" has an object; "called it Rouhani's" no name)."""
        if any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return []
        reg = self.registry
        return [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN" and (
            c.ent_type_ == "PERSON" or reg is not None and reg.person_at(c) is not None)]

    def object_partners(self, verb: Token) -> list[Token]:
        """'discussed developments in Syria with the Turkish president': a person the parser hung on the verb's
        object is the verb's partner, unless the object is a relation that takes "with" itself ("discussed the deal
        with Iran", "discussed ties with Russia")."""
        out = []
        reg = self.registry
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if obj.lemma_.lower() in self.lex.relation_nouns or obj.lower_ in self.lex.relation_nouns:
                continue
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "with"):
                for o in pobjs(prep):
                    person = o.ent_type_ == "PERSON" or (reg is not None and reg.person_at(o) is not None) or \
                        o.lower_ in self.actor_lex.title_words or o.lower_ == "counterpart" or any(
                            c.dep_ == "appos" and (c.ent_type_ == "PERSON" or reg is not None and
                                                   reg.person_at(c) is not None) for c in o.children)
                    if person:
                        out.append(o)
        return out

    def _reciprocal_subjects(self, verb: Token, preps: dict[str, list[Token]]) -> bool:
        """'Macron and Merkel discussed the crisis', 'the two leaders talked by phone': a verb of talking whose
        subject names both sides is an exchange between them. Not when the talk is addressed elsewhere ("spoke to
        reporters", "spoke at a rally", "spoke of their concern", "spoke on condition of anonymity")."""
        if verb.dep_ in ("amod", "acl") or any(c.dep_ == "prt" for c in verb.children):
            return False  # "spoke out", "talked up"
        if any(p in self.lex.reciprocal_blocking_preps for p in preps):
            return False
        for p in ("in", "on"):
            for o in preps.get(p, []):
                if p == "in" and not self.places.is_place(o) or o.lemma_.lower() in ("condition", "behalf", "record"):
                    return False  # "spoke in parliament" is two speeches; "in Ankara" is where they met
        for sub in (c for c in verb.children if c.dep_ == "nsubj"):
            if self.noun_phrases.np_phrase(sub) in self.actor_lex.pair_anaphora and sub.lower_ not in PRONOUN_PAIRS:
                return True  # "the two leaders"; not a bare "they", too loose to pin two sides on
            names = [t for t in [sub, *sub.conjuncts] if t.ent_type_ in ("PERSON", "GPE", "ORG", "NORP")
                     or t.lower_ in self.actor_lex.title_words]
            # "Donald Trump and Theresa May" parsed with "Trump" a modifier of "May"
            names += [c for c in sub.children if c.dep_ in ("nmod", "compound") and c.ent_type_ == "PERSON"
                      and c.conjuncts]
            if len(names) >= 2:
                return True
        return False

    def _noun_qualifies(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower() if tok.lemma_.lower() in self.lex.nouns else tok.lower_
        spec = self.lex.nouns[lemma]
        if spec.get("plural_only") and tok.tag_ not in ("NNS", "NNPS"):
            return False
        if spec.get("needs") == "partner" and not self.has_phone(tok) and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "between")
                and any(self._is_actorish(o) for o in pobjs(c)) for c in tok.children):
            return False  # "a conversation about the war" is no exchange; "a conversation with Erdoğan" is one
        if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
            return False  # a modifier: "summit venue", "meeting room"
        if self._internal_body(tok):
            return False
        # "made that call to Vladimir Putin": a call to a named person is a phone call, not an appeal ("a call to arms")
        to_person = lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            o.ent_type_ == "PERSON" for o in pobjs(c)) for c in tok.children)
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in self.lex.excluded_compounds:
                return False
            if child.dep_ == "prep" and child.lower_ in self.lex.excluded_noun_preps.get(lemma, set()) and \
                    not to_person and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in child.children) and not (
                    child.lower_ == "from" and self.has_phone(tok)):
                return False  # "a call on the West": an appeal; "a call on 14 December" is still a call
            if child.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children) \
                    and lemma == "call":
                return False  # "a call to end the war"
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if lemma == "call" and nxt is not None and nxt.lower_ in ("for", "to") and not self.has_phone(tok) and \
                not to_person:
            return False  # "his call for troops to return", however the parser attached "for"
        if lemma == "call" and tok.head.lemma_ in ("make", "issue", "answer", "echo", "heed", "repeat", "renew",
                                                    "reiterate", "join", "lead", "reject") \
                and not self.has_phone(tok) and not any(c.lower_ in ("between", "with") for c in tok.children) \
                and not (tok.head.lemma_ == "make" and to_person):
            return False  # "made a call for restraint" is an appeal; "made that call to Putin" is a phone call
        return True

    def _internal_body(self, tok: Token) -> bool:
        """'a US National Security Council meeting', 'a meeting with his national security team': a government
        meeting its own body is internal business, not an exchange between actors."""
        for c in tok.children:
            if c.dep_ in ("compound", "nmod") and c.i < tok.i:
                ent = ent_span(c)
                words = (ent.text if ent is not None else " ".join(t.text for t in c.subtree)).lower()
            elif c.dep_ == "prep" and c.lower_ in ("of", "with"):
                phrase = [t for o in pobjs(c) for t in o.subtree if t.i <= o.i]
                if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in phrase):
                    continue  # "a meeting with Syrian generals" is with another side
                words = " ".join(t.lower_ for t in phrase)
            else:
                continue
            if any(re.search(rf"\b{re.escape(b)}$", words) for b in self.lex.internal_bodies):
                return True
        return False

    def spec(self, tok: Token) -> dict:
        """The lexicon entry of a trigger token."""
        table = self.lex.verbs if tok.pos_ == "VERB" else self.lex.nouns
        return table.get(tok.lemma_.lower()) or table.get(tok.lower_) or {}

    def links(self, triggers: list[Token]) -> dict[int, int]:
        """Child trigger index -> parent trigger index, for triggers telling one exchange ("visited X to meet Y",
        "talks on the sidelines of a summit")."""
        idx = {t.i: t for t in triggers}
        links: dict[int, int] = {}
        for t in triggers:
            node = t
            dest = t.head
            if t.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children) and \
                    dest.dep_ == "pobj" and dest.head.head.i in idx and dest.head.head.i != t.i and \
                    self.places.is_place(dest):
                # "travelled on to Cairo, where he met Sisi": the meeting is the visit's purpose told on
                links[t.i] = dest.head.head.i
                continue
            for _ in range(5):
                dep = node.dep_
                if dep in ("ROOT", "conj", "relcl", "ccomp", "parataxis") or node.head.i == node.i:
                    break
                if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                    break
                if dep in ("pcomp", "pobj") and (node.head.lower_ in ("since", "after", "before", "until", "following",
                                                                        "than")
                                                 or (node.head.lower_, node.head.head.lower_) in (("of", "ahead"),
                                                                                               ("to", "prior"))):
                    break  # "met in Vienna ahead of the Friday talks": two exchanges, one before the other
                if dep == "nsubj" or dep == "nsubjpass":
                    break
                node = node.head
                if node.i in idx and node.i != t.i:
                    root = node.i
                    while root in links:
                        root = links[root]
                    if root != t.i:
                        links[t.i] = root
                    break
        return links

    def at_margins(self, tok: Token) -> bool:
        """A gathering at whose margins something happens: "on the sidelines of the summit"."""
        return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in self.lex.sideline_nouns

    def at_gathering(self, tok: Token) -> bool:
        """A gathering the exchange was part of: "on the sidelines of the summit", "at the conference", "during the
        summit"."""
        return self.at_margins(tok) or tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during") and \
            self.spec(tok).get("mode") == "multilateral"

    # ------------------------------------------------------------------ participants
    def governing_light_verb(self, noun: Token) -> Token | None:
        node = noun
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return None
            if node.dep_ in ("dobj", "obj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
                return head if head.lemma_.lower() in self.lex.light_verbs else None
            if node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.quantity_nouns:
                node = head.head
                continue
            if node.dep_ == "pobj" and head.lower_ in ("on", "for") and head.head.lemma_.lower() in {
                    "go", "embark", "set", "leave", "gather", "assemble", "convene", "reach"} | \
                    self.lex.movement_verbs | ({"be"} if head.lower_ == "on" else set()):
                # "went on a trip", "left for talks", "gathered in Hiroshima for a summit", "arrived in Islamabad on
                # a two-day visit", "is in Cuba on a visit"
                return head.head
            if node.dep_ == "pobj" and head.lower_ in ("in", "into") and head.head.lemma_.lower() in ("engage",
                                                                                                     "participate",
                                                                                                     "take", "be"):
                return head.head
            return None
        return None
