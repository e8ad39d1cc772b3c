"""Parties: who took part in an exchange, from the syntax around its trigger (subjects, objects, 'with',
'between', possessors, agents), members of a summit named nearby, brokers and the sides they bring."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from etl.actors import Actor, Mention
from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    ADJUNCT_PREPS,
    REMOTE_MODES,
    ent_span,
    framed_verb,
    is_org_token,
    pobjs,
    strip_the,
)

# what names the author of a statement, a letter, a resolution ("statements from the African Union ...")
_AUTHOR_ENTITIES = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def _authors(noun: Token) -> list[Token]:
    """'statements from the African Union and the EU demanding ...': whoever the thing is from or by."""
    return [o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for o in c.children if o.dep_ == "pobj" and o.ent_type_ in _AUTHOR_ENTITIES]


class Parties(Stage):
    def subject_of(self, verb: Token) -> list[Token]:
        """Subject tokens of a verb, climbing to the governing clause for infinitives, gerunds and participles."""
        node = verb
        for _ in range(7):
            subs = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not (
                c.dep_ == "nsubjpass" and node is verb and verb.lemma_.lower() in self.lex.verbs)]
            if subs:
                sub = subs[0]
                if sub.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
                    people = node.head.lemma_.lower() in self.actor_lex.title_words | self.actor_lex.delegate_nouns
                    if sub.lower_ == "who" and is_org_token(node.head) and not people and (
                            self.registry is None or self.registry.person_at(node.head) is None):
                        # "Nadim Houry, the director ... at Human Rights Watch, who recently visited Raqqa": "who"
                        # is a person, so the parser's attachment to the organisation is wrong ("the two leaders,
                        # who will attend" is no such misparse)
                        person = next((a for a in node.head.ancestors if a.ent_type_ == "PERSON"), None)
                        return [person] if person is not None else []
                    return [node.head]
                return subs  # two subjects are a misparse of "The foreign secretary, Jeremy Hunt spoke"
            if node.dep_ in ("relcl", "acl") and node.head.dep_ == "attr" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                # "Johnson became the first foreign secretary to visit the country": the copula's subject
                subs = [c for c in node.head.head.children if c.dep_ == "nsubj"]
                if subs:
                    return subs[:1]
            if node.dep_ == "xcomp" and node.head.i != node.i:
                # object control: "leaving the adviser to hold talks", "invited Assad to visit"; a thing is no
                # controller ("crossed the border to meet Kim": the one who crossed)
                objs = [c for c in node.head.children if c.dep_ in ("dobj", "obj") and c.i < node.i and
                        self._agent_like(c)]
                if objs:
                    return objs[:1]
            if node.dep_ == "pcomp" and node.head.lower_ in ("of", "for", "from", "with") and node.head.dep_ == "prep":
                # object control of a gerund: "accused North Korea of providing weapons", "barred Russia from
                # competing": the object does it
                objs = [c for c in node.head.head.children if c.dep_ in ("dobj", "obj") and c.i < node.i and
                        self._agent_like(c)]
                if objs:
                    return objs[:1]
            if node.dep_ in ("xcomp", "advcl", "pcomp", "acl", "conj", "ccomp", "prep", "pobj", "dobj", "npadvmod",
                             "appos", "acomp") and \
                    node.head.i != node.i:
                if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    noun = node.head
                    authors = _authors(noun) if noun.pos_ == "NOUN" else []
                    if authors and not self._agent_like(noun):
                        return authors[:1]
                    if noun.pos_ == "NOUN" and not noun.ent_type_ and noun.dep_ in ("dobj", "obj") and \
                            noun.head.pos_ == "VERB" and noun.lower_ not in self.actor_lex.title_words:
                        node = noun.head  # "Trump made the decision to withdraw ...": the maker acts
                        continue
                    if noun.pos_ == "NOUN" and not self._agent_like(noun):
                        # "voted for a resolution condemning ...", "Iran's statement condemning ...": the author of
                        # the thing does it
                        owner = [c for c in noun.children if c.dep_ == "poss"]
                        if owner:
                            return owner
                        node = noun
                        continue
                    return [noun]
                node = node.head
                continue
            break
        return []

    def _agent_like(self, tok: Token) -> bool:
        """A noun that can name someone who acts: a name, a pronoun, or a title, a delegate or a government."""
        lemma = tok.lemma_.lower()
        return tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PRON", "PROPN") or \
            lemma in self.actor_lex.title_words or lemma in self.actor_lex.delegate_nouns or \
            lemma in self.actor_lex.government_nouns

    def participants(self, trig: Token, verbal: bool, governing: Token | None, draft: EventDraft,
                      state: ArticleState) -> None:
        add = draft.add
        if verbal:
            passive_host = any(c.dep_ == "nsubjpass" for c in trig.children)
            for sub in self.subject_of(trig):
                for m in self.noun_phrases.np_actors(sub, state):
                    add(m, "target" if passive_host else "source")
            if not draft.participants:
                # "as the adviser, John Bolton, visited Ankara" parsed without a subject: the name just before
                prev = trig.i - 1
                while prev >= trig.sent.start and state.doc[prev].is_punct:
                    prev -= 1
                m = state.registry.person_at(state.doc[prev]) if prev >= trig.sent.start else None
                if m is not None and prev < trig.i - 1:
                    add(m, "source")
            named = self.candidates.named_complement(trig)
            for c in trig.children:
                if c.dep_ in ("dobj", "obj") or c in named:
                    if trig.lemma_.lower() in ("visit", "tour") and c.ent_type_ in ("GPE", "LOC", "FAC", "ORG") and \
                            self.places.is_place(c):
                        continue  # the place visited: the location, not a participant
                    if trig.lemma_.lower() in self.lex.topic_verbs:
                        continue  # "discussed Syria by phone": the topic, not a party
                    for m in self.noun_phrases.np_actors(c, state):
                        add(m, "target")
                elif c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and any(
                        o.dep_ in ("dobj", "obj") for o in trig.children):
                    # "met the US president, Richard Nixon, and his secretary of state, Henry Kissinger" with the
                    # second object parsed as a conjunct of the verb
                    for m in self.noun_phrases.np_actors(c, state):
                        add(m, "target")
                elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "to", "by", "between", "alongside"):
                    for obj in pobjs(c):
                        if c.lower_ == "to" and (self.places.is_place(obj) or self.places.venue(obj)) and (
                                draft.mode in ("visit", "host") or not self.places.capital_actor(obj)):
                            # "travelled to Cairo", "welcomed Ruto to the White House": where, not a party
                            continue
                        role = "source" if c.lower_ == "by" else "target"
                        for m in self.noun_phrases.np_actors(obj, state):
                            add(m, role)
            for c in trig.children:
                # "spoke on the phone with Gentiloni", the partner parsed under the medium
                if c.dep_ == "prep" and c.lower_ in ("on", "by", "over", "via", "in"):
                    for medium in pobjs(c):
                        if medium.lower_ in self.lex.phone_words | self.lex.video_words:
                            for p in medium.children:
                                if p.dep_ == "prep" and p.lower_ in ("with", "to"):
                                    for obj in pobjs(p):
                                        for m in self.noun_phrases.np_actors(obj, state):
                                            add(m, "target")
            if self.lex.verbs.get(trig.lemma_.lower(), {}).get("needs") == "partner":
                for obj in self.candidates.object_partners(trig):  # "discussed the crisis with the Turkish president"
                    for m in self.noun_phrases.np_actors(obj, state):
                        add(m, "target")
            if trig.dep_ == "conj" and any(o.dep_ in ("dobj", "obj") for o in trig.children):
                # ... or as a conjunct of the clause the verb is itself a conjunct of ("became envoy, and met X, and
                # his secretary of state, Y"): a person only
                for c in trig.head.children:
                    if c.dep_ == "conj" and c.i > trig.i and c.pos_ in ("NOUN", "PROPN"):
                        for m in self.noun_phrases.np_actors(c, state):
                            if m.actor.kind == "PERSON":
                                add(m, "target")
            if any(c.dep_ == "nsubjpass" for c in trig.children) and (
                    not draft.participants or any(c.dep_ == "agent" for c in trig.children)):
                # "Netanyahu was received by Putin": the passive subject is the guest beside the agent host
                for c in trig.children:
                    if c.dep_ == "nsubjpass":
                        for m in self.noun_phrases.np_actors(c, state):
                            add(m, "target")
        else:
            for c in trig.children:
                if c.dep_ == "poss":
                    for m in self.noun_phrases.np_actors(c, state):
                        add(m, "source")
                elif c.dep_ in ("compound", "nmod", "amod") and c.i < trig.i:
                    for m in self.noun_phrases.hyphen_pair(trig, state):
                        add(m, "participant")
                        draft.paired = True
                elif c.dep_ == "prep" and c.lower_ in ("with", "between", "by", "of", "among", "involving",
                                                       "alongside"):
                    for obj in pobjs(c):
                        role = "source" if c.lower_ == "by" else "target" if c.lower_ == "with" else "participant"
                        for m in self.noun_phrases.np_actors(obj, state, allow_vague_group=False):
                            add(m, role)
                elif c.dep_ == "prep" and c.lower_ == "to" and trig.lemma_.lower() in ("call", "visit"):
                    for obj in c.children:
                        if obj.dep_ == "pobj" and not self.places.is_place(obj):
                            for m in self.noun_phrases.np_actors(obj, state):
                                add(m, "target")
                elif c.dep_ == "prep" and c.lower_ == "from" and trig.lemma_.lower() in ("call", "visit",
                                                                                       "phonecall"):
                    for obj in c.children:  # "received a call from Putin", "a visit from the emir"
                        if obj.dep_ == "pobj" and not self.places.is_place(obj):
                            for m in self.noun_phrases.np_actors(obj, state):
                                add(m, "source")
                if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE") and draft.mode not in REMOTE_MODES and \
                        c.i < trig.i and not (re.search(r"[-–—]", (ent_span(c) or c).text) and len(draft.actors) >= 2):
                    # the organisation whose summit it is: "the Arab League summit", "the Arab League meeting"; the
                    # tagger takes some for places ("the G7 summit")
                    for m in self.noun_phrases.np_actor(c, state):
                        if m.actor.kind != "PERSON" and (c.ent_type_ == "ORG" or m.actor.kind == "ORG") and \
                                not self.places.city_named(m.actor.name):
                            add(m, "participant")
                            # a dated meeting only: "the UN-sponsored Geneva talks" name a process, not one round
                            draft.convened = draft.convened or m.actor.kind == "ORG"
            if trig.dep_ == "appos" and not any(c.dep_ == "poss" for c in trig.children):
                # "Tillerson's first stop – a visit to Egypt": the possessor of the noun the trigger renames
                for c in trig.head.children:
                    if c.dep_ == "poss":
                        for m in self.noun_phrases.np_actors(c, state):
                            add(m, "source")
            for c in trig.children:
                if c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in self.lex.address_verbs:
                    # "his telephone call congratulating Putin", "a call urging Erdoğan to hold back"
                    for o in (g for g in c.children if g.dep_ in ("dobj", "obj")):
                        for m in self.noun_phrases.np_actors(o, state):
                            add(m, "target")
                # "the Sochi talks, brokered by Russia, Turkey and Iran", "a summit attended by ...": the agents
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    for agent in c.children:
                        if agent.dep_ == "agent":
                            for obj in pobjs(agent):
                                broker = c.lemma_.lower() in self.lex.broker_verbs
                                for m in self.noun_phrases.np_actors(obj, state, allow_vague_group=False):
                                    # "talks brokered by Russia, Turkey and Iran": the brokers bring the sides
                                    add(m, "mediator" if broker else "participant")
                                    draft.brokered = draft.brokered or broker
            # "talks between the government and the opposition, brokered by Russia": the parser hangs the broker on
            # the last side named
            for side in (o for c in trig.children if c.dep_ == "prep" and c.lower_ == "between" for o in pobjs(c)):
                for t in (side, *side.conjuncts):
                    for c in t.children:
                        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.lex.broker_verbs:
                            for obj in (o for a in c.children if a.dep_ == "agent" for o in pobjs(a)):
                                for m in self.noun_phrases.np_actors(obj, state, allow_vague_group=False):
                                    add(m, "mediator")
                                    draft.brokered = True
            journey = governing is None and trig.dep_ == "pobj" and trig.head.lower_ == "for" and \
                trig.head.head.lemma_.lower() in self.lex.movement_verbs | {"be"} and not trig.head.head.dep_ == "relcl"
            if journey and draft.mode == "meeting":
                draft.mode = "visit"  # "McGurk was in the region for talks with the Kurds": he travelled to them
            # "After Trump's call with Erdoğan, the Turkish foreign minister said": a call whose two sides are named
            # in its own phrase does not take in the subject of the clause it frames
            frame_verb = framed_verb(trig) if governing is None and trig.dep_ == "pobj" and (
                trig.head.lower_ in ADJUNCT_PREPS or journey) else None
            if frame_verb is not None and not (
                        len(draft.actors) >= 2 and any(p.role != "target" for p in draft.participants)):
                # "On a visit to the base, he embraced Assad", "discussed Syria in a call with Putin": the subject
                # of the clause the trigger noun frames took part
                for sub in self.subject_of(frame_verb):
                    for m in self.noun_phrases.np_actors(sub, state):
                        add(m, "source")
                frame = frame_verb.lemma_.lower()
                if trig.head.lower_ == "at" or trig.head.lower_ in ("on", "during") and frame in \
                        self.lex.contact_verbs or trig.head.lower_ in ("in", "during", "on") and frame in \
                        self.lex.address_verbs:
                    # "told Putin in a phone call that ...", "urged Erdoğan during talks to ...": whom the clause
                    # addresses is the other side
                    # "shook the hand of Ehud Barak at a Socialist International meeting": whom the subject met
                    # there is the object of the clause, not only the body whose meeting it was; "On a visit to
                    # the base, he embraced Assad": whom the visitor greeted there
                    for obj in (c for c in frame_verb.children if c.dep_ in ("dobj", "obj")):
                        held = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                                for g in p.children if g.dep_ == "pobj"] if obj.lemma_.lower() == "hand" else [obj]
                        for o in held:
                            for m in self.noun_phrases.np_actors(o, state):
                                if m.actor.kind == "PERSON":
                                    add(m, "target")
            if self.candidates.at_margins(trig) and self.lex.nouns.get(trig.lemma_.lower(), {}).get(
                    "mode") == "multilateral":
                self._attendees(trig, draft, state)
            if trig.dep_ in ("nsubj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX"):
                self._gathered(trig, draft, state)
            if trig.dep_ == "nsubj" and trig.head.lemma_.lower() in self.lex.gathering_verbs:
                # "The summit in Tehran brought together Putin, Erdoğan and Rouhani": whom it gathered took part
                for obj in (c for c in trig.head.children if c.dep_ in ("dobj", "obj")):
                    for m in self.noun_phrases.np_actors(obj, state, allow_vague_group=False):
                        add(m, "participant")
            if draft.participants and all(p.role == "target" for p in draft.participants):
                self._possessor_source(trig, draft, state)
            if governing is not None:
                received = governing.lemma_.lower() in self.lex.receiving_verbs and any(
                    c.dep_ == "prep" and c.lower_ == "from" for w in (governing, trig) for c in w.children)
                for sub in self.subject_of(governing):
                    for m in self.noun_phrases.np_actors(sub, state):
                        add(m, "target" if received else "source")
                        # "the EU will hold a reconstruction conference": a body convening a conference of many
                        convening = governing.lemma_.lower() in self.lex.host_verbs | {"hold"}
                        if m.actor.kind in ("ORG", "COUNTRY") and convening and self.lex.nouns.get(
                                trig.lemma_.lower(), {}).get("mode") == "multilateral":
                            draft.convened = draft.hosted = True
                for c in governing.children:
                    if c.dep_ == "prep" and c.lower_ in ("with", "between", "from"):
                        for obj in c.children:
                            if obj.dep_ == "pobj" and not self.places.is_place(obj):
                                for m in self.noun_phrases.np_actors(obj, state):
                                    add(m, "source" if c.lower_ == "from" else "target")

    def _gathered(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'The Quad summit began at the White House, with Modi, Biden, Morrison and Suga', 'the summit was attended
        by Putin, Erdoğan and Rouhani': who a gathering's clause says was at it."""
        verb = trig.head
        lemma = verb.lemma_.lower()
        held = []
        if trig.dep_ == "nsubj" and lemma in self.lex.light_verbs | self.lex.course_verbs:
            held = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in pobjs(c)]
        elif trig.dep_ == "nsubjpass" and lemma in self.lex.attending_verbs:
            held = [o for c in verb.children if c.dep_ == "agent" for o in pobjs(c)]
        for tok in held:
            for m in self.noun_phrases.np_actors(tok, state, allow_vague_group=False):
                draft.add(m, "participant")

    def _attendees(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'Modi and Sharif will meet on the sidelines of the SCO summit', 'met Xi on the margins of the G20': the
        persons who met there attended the body's gathering."""
        verb = framed_verb(trig.head)
        if verb is None or not any(p.mention.actor.kind == "ORG" for p in draft.participants):
            return  # a gathering without a named body ("a summit of Asia-Pacific leaders") is no event of its own
        held = [*self.subject_of(verb), *(c for c in verb.children if c.dep_ in ("dobj", "obj")),
                *(o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in pobjs(c))]
        for tok in held:
            for m in self.noun_phrases.np_actors(tok, state, allow_vague_group=False):
                if m.actor.kind == "PERSON":
                    draft.add(m, "participant")

    def _possessor_source(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'Trump's decision was prompted by a call with Erdoğan', 'Trump's decision follows a call with Erdoğan':
        the other side of the call is the possessor of the clause's subject (or the subject itself)."""
        node = trig
        if node.dep_ in ("pobj",) and node.head.dep_ in ("prep", "agent"):
            node = node.head
        if node.dep_ not in ("prep", "agent", "dobj", "obj", "attr") or node.head.pos_ not in ("VERB", "AUX"):
            return
        verb = node.head
        for sub in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = self.noun_phrases.np_actors(sub, state) if sub.pos_ == "PROPN" else []
            if not found:
                found = [m for c in sub.children if c.dep_ == "poss" for m in self.noun_phrases.np_actors(c, state)]
            for m in found:
                draft.add(m, "source")

    def members_nearby(self, trig: Token, verbal: bool, draft: EventDraft, state: ArticleState) -> None:
        """'a recent trilateral summit in Tehran', 'Assad's main backers met in Sochi': a summit whose members its
        own clause leaves unnamed takes the leaders and states named in its sentence, or else in the neighbouring
        sentence that names more of them (before for "It culminated in ...", after for "Putin demanded", two back at
        most)."""
        if verbal:
            subj = next((c for c in trig.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lower_ not in self.lex.group_subjects:
                return
            excluded = {t.i for c in subj.children if c.dep_ == "poss" for t in c.subtree}  # "Assad's backers"
            excluded |= {t.i for t in subj.subtree}
        else:
            if not any(c.dep_ == "amod" and c.lower_ in self.lex.member_markers for c in trig.children):
                return
            excluded = {t.i for t in trig.subtree}
        sent = trig.sent
        doc = state.doc
        have = {a.name for a in draft.actors}

        def named(span: Span, skip: set[int]) -> list[Mention]:
            out: list[Mention] = []
            for tok in span:
                if tok.i in skip or tok.ent_type_ not in ("PERSON", "GPE", "ORG"):
                    continue
                poss = next((t for t in (ent_span(tok) or [tok]) if t.dep_ == "poss"), None)
                if poss is not None and poss.head.pos_ != "PROPN" and tok.ent_type_ == "PERSON":
                    continue  # "on terms to Assad's benefit": a person whose interest is told is no member
                person = state.registry.person_at(tok)  # also a name run into another entity ("Turkey's Erdoğan")
                if person is None and tok.ent_iob_ == "I":
                    continue
                ms = [person] if person is not None else [
                    m for m in self.noun_phrases.np_actor(tok, state) if m.actor.kind in ("PERSON", "COUNTRY")]
                if not ms and tok.ent_type_ == "GPE":
                    ent = ent_span(tok)
                    code = self.gaz.capital_country(strip_the(ent.text)) if ent is not None else None
                    ms = [Mention(state.registry.country(code), ent.start_char, ent.end_char, None)] if code else []
                out.extend(m for m in ms if m.actor.name not in have and all(m.actor is not o.actor for o in out))
            return one_per_state(out)

        def one_per_state(ms: list[Mention]) -> list[Mention]:
            """A state whose leader is among the members is that member ("Rouhani" and "Iran" are one party)."""
            leaders = {m.actor.country_code for m in ms if m.actor.kind == "PERSON" and m.actor.country_code}
            return [m for m in ms if m.actor.kind != "COUNTRY" or m.actor.country_code not in leaders]

        place = draft.location or {}
        found = [m for m in named(sent, excluded) if m.actor.name != place.get("name")]
        if len(found) + len(have) < 2:
            near = []
            prev = doc[sent.start - 1].sent if sent.start > 0 else None
            if prev is not None:
                near.append(named(prev, set()))
            if sent.end < len(doc):
                after = doc[sent.end].sent
                near.append(named(after, set()))
                if after.end < len(doc):
                    # "Assad's backers met ... With support from Rouhani, Putin demanded ... But Erdoğan has
                    # blocked ...": the members named one by one in the sentences that follow
                    both = one_per_state(near[-1] + [m for m in named(doc[after.end].sent, set())
                                                     if all(m.actor is not o.actor for o in near[-1])])
                    if len(both) <= 4:
                        near.append(both)
            if prev is not None and prev.start > 0:
                near.append(named(doc[prev.start - 1].sent, set()))  # "Putin drew Erdoğan into an alliance with
                # Iran. The alliance was a death knell ... It culminated in a trilateral summit"
            best = max(near, key=len, default=[])
            found += [m for m in best if all(m.actor is not f.actor for f in found)]
        found = one_per_state(found)
        if len(found) + len(have) >= 2:
            for m in found[:4]:
                draft.add(m, "participant")

    def metonym_person(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'In a telephone call to the Kremlin, Merkel and Macron urged Putin': the capital or palace stands for the
        person the clause addresses; a named person is coded as the person, not as their country."""
        verb = trig if trig.pos_ == "VERB" else trig.head.head if trig.dep_ == "pobj" and \
            trig.head.head.pos_ in ("VERB", "AUX") else None
        if verb is None:
            return
        persons = [m for c in verb.children if c.dep_ in ("dobj", "obj") for m in self.noun_phrases.np_actors(c, state)
                   if m.actor.kind == "PERSON"]
        for p in list(draft.participants):
            a = p.mention.actor
            if a.kind != "COUNTRY" or p.mention.start is None or p.role != "target":
                continue  # the side called or visited ("Ankara hosted its head, Muslim" keeps Ankara)
            text = strip_the(state.text[p.mention.start:p.mention.end])
            place = self.gaz.lookup(text)
            if place is not None and place.kind == "country" or text.lower() in self.actor_lex.nationalities:
                continue  # the country named as such
            match = [m for m in persons if m.actor.country_code in (a.country_code, None)]
            if len(match) == 1:
                if match[0].actor in draft.actors:
                    draft.participants.remove(p)  # the person is already a party: the palace was them
                else:
                    p.mention = match[0]

    def auspices(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'Talks will resume under UN auspices', 'negotiations under the aegis of the AU': the broker takes part."""
        holders = [trig]
        if trig.dep_ in ("nsubj", "nsubjpass", "dobj") and trig.head.pos_ in ("VERB", "AUX"):
            holders.append(trig.head)
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "under"):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower() in self.lex.auspices_nouns
                                                                       or c.lower_ in self.lex.auspices_nouns)):
                mods = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
                mods += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in pobjs(c)]
                for mod in mods:
                    found = self.noun_phrases.np_actor(mod, state)
                    code = self.actor_lex.nationalities.get(mod.lower_)
                    if not found and code:  # "under Egyptian auspices": the state
                        found = [Mention(state.registry.country(code), mod.idx, mod.idx + len(mod.text), None)]
                    for m in found:
                        draft.add(m, "mediator")  # "under UN auspices": the broker, paired with each side
                        draft.brokered = True
                if draft.brokered and draft.mode in ("meeting", "multilateral"):
                    draft.mode = "third-party"
        if draft.brokered and len(draft.actors) == 1:
            self._sides_nearby(trig, draft, state)

    def _sides_nearby(self, trig: Token, draft: EventDraft, state: ArticleState) -> None:
        """'Talks will resume under UN auspices in Vienna': talks whose sides go unnamed are between the government
        and the opposition the neighbouring sentences name ("the Syrian government and the opposition")."""
        doc = state.doc
        sent = trig.sent
        spans = [sent]
        if sent.start > 0:
            spans.append(doc[sent.start - 1].sent)
            if spans[-1].start > 0:
                spans.append(doc[spans[-1].start - 1].sent)
        if sent.end < len(doc):
            spans.append(doc[sent.end].sent)
        for span in spans:
            sides: list[Mention] = []
            for tok in span:
                lemma = tok.lemma_.lower()
                if tok.pos_ != "NOUN" or lemma not in self.actor_lex.government_nouns | self.lex.opposition_nouns:
                    continue
                for m in self.noun_phrases.np_actor(tok, state):
                    if all(m.actor is not o.actor for o in sides) and m.actor not in draft.actors:
                        sides.append(m)
            if len(sides) >= 2:
                for m in sides[:2]:
                    draft.add(m, "participant")
                return

    def record_pairs(self, sent: Span, state: ArticleState) -> None:
        doc = sent.doc
        for i in state.index.within(state.index.clauses, sent):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj"):
                # "Johnson cancelled a press conference with Maas. The two men are meeting ...": subject and the
                # "with" party of the clause (on the verb or its object) are a pair the next sentences may resume
                # "The foreign secretary, Boris Johnson,"
                subs = [m.actor for c in tok.children if c.dep_ == "nsubj" for t in [c, *c.conjuncts]
                        if (m := state.registry.person_named(t)) is not None]
                holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
                partners = [m.actor for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                            for o in c.children if o.dep_ == "pobj" for m in self.noun_phrases.np_actors(o, state)
                            if m.actor.kind == "PERSON"]
                pair: list[Actor] = []
                for a in [*subs, *partners]:
                    if all(a is not b for b in pair):
                        pair.append(a)
                if len(subs) == 1 and partners and len(pair) == 2:
                    state.pairs.append((tok.i, pair))
            if tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and any(c.dep_ == "conj" for c in tok.children):
                persons = []
                # "Russian President Vladimir Putin and Turkish counterpart Recep Tayyip Erdogan" parsed with the
                # second name in apposition to the first
                # "Modi and his Pakistani counterpart Nawaz Sharif": a conjunct titled, its name in apposition
                for t in [tok, *tok.conjuncts, *(a for a in tok.children if a.dep_ == "appos")]:
                    m = state.registry.person_named(t)
                    if m is not None and m.actor not in persons:
                        persons.append(m.actor)
                if len(persons) >= 2:
                    state.pairs.append((tok.i, persons))
