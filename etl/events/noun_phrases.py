"""Noun phrases to actors: the person, state or organisation a noun phrase of the parse stands for (names,
titles, pronouns, 'the two leaders', plural offices, governments, delegations, hyphenated pairs)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from etl.actors import Actor, Mention
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    FIRST_PERSON,
    PRONOUN_PAIRS,
    SINGULAR_PRONOUNS,
    ent_span,
    pobjs,
    strip_the,
)


class NounPhrases(Stage):
    def np_actors(self, tok: Token, state: ArticleState, allow_vague_group: bool = True) -> list[Mention]:
        out: list[Mention] = []
        if tok.lemma_.lower() in self.actor_lex.partitive_nouns and not tok.ent_type_:
            # "a number of his counterparts, including Jaishankar": the people the quantity is of
            members = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                       if o.dep_ == "pobj"]
            if members:
                return self.np_actors(members[0], state, allow_vague_group)
        for t in [tok, *tok.conjuncts]:
            if t.i < tok.i:
                continue
            out.extend(self.np_actor(t, state))
            # "his Turkish counterpart, Erdoğan, and the Iranian president, Rouhani": the parser hangs the next
            # conjunct on the name in apposition instead of on the noun it renames
            for c in t.children:
                if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or state.registry.person_at(c) is not None):
                    for cj in c.conjuncts:
                        if cj.i > c.i:
                            out.extend(self.np_actor(cj, state))
            # "Putin, along with his Turkish counterpart, ...": the companions are parties too
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("along", "together"):
                    for w in c.children:
                        if w.dep_ == "prep" and w.lower_ == "with":
                            for obj in w.children:
                                if obj.dep_ == "pobj":
                                    out.extend(self.np_actors(obj, state))
        self._misparsed_coordination(tok, out, state)
        return out

    def _misparsed_coordination(self, tok: Token, out: list[Mention], state: ArticleState) -> None:
        """Names of a coordination the parser hung inside one noun phrase: "Donald Trump and Theresa May spoke"
        parsed as "Trump" a modifier of "May" (or of the title before "May"); "between Trump and the North Korean
        leader, Kim Jong-un" with the name in apposition to the first conjunct instead of the title noun it
        renames."""
        reg = state.registry
        have = {id(m.actor) for m in out}
        conjuncts = [tok, *tok.conjuncts]
        unnamed_conjunct = any(reg.person_at(t) is None and not t.ent_type_ for t in conjuncts[1:])
        for t in conjuncts:
            own = ent_span(t)
            # "Pope Francis and Russian Orthodox patriarch Kirill met": "Francis" hung on the title before the name
            modifiers = [*t.children, *(g for c in t.children if c.dep_ == "compound" and not c.ent_type_
                                        for g in c.children)]
            for c in modifiers:
                found: list[Token] = []
                if c.dep_ in ("nmod", "compound") and c.ent_type_ == "PERSON" and (own is None or ent_span(c) != own) \
                        and (c.conjuncts or _coordinated(c)):
                    found = [c, *(x for x in c.conjuncts if x.ent_type_ in ("", "PERSON"))]
                elif c.dep_ == "appos" and c.ent_type_ == "PERSON" and unnamed_conjunct and t is tok:
                    found = [c]
                for x in found:
                    m = reg.person_at(x)
                    if m is not None and id(m.actor) not in have:
                        have.add(id(m.actor))
                        out.append(m)

    def np_phrase(self, tok: Token) -> str:
        left = [c for c in tok.lefts if c.dep_ in ("det", "nummod", "amod", "predet", "quantmod", "compound")]
        words = [t.lower_ for t in left for t in t.subtree] + [tok.lower_]
        return " ".join(words)

    def np_actor(self, t: Token, state: ArticleState) -> list[Mention]:
        reg = state.registry
        low = t.lower_
        phrase = self.np_phrase(t)
        if t.pos_ == "NOUN" and (members := self._members_named(t, state)):
            return members  # the people a group noun names are the parties, not the group
        if t.tag_ == "NNS" and t.lemma_.lower() in self.actor_lex.title_words:
            # "the leaders of the UK and US", "the US and Chinese foreign ministers": the office-holders of those
            # states the article has named together, or else the states
            codes = self._plural_office_states(t, state)
            if len(codes) >= 2:
                return state.resolve_by_states(t, codes, self.actor_lex) or [
                    Mention(reg.country(c), t.left_edge.idx, t.idx + len(t.text), None) for c in codes]
        if low in ("they", "we") and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass"):
            speakers = self.speakers(t, state)
            if len({id(m.actor) for m in speakers}) >= 2:
                return speakers  # "Iran and the United States said they would hold talks": the two who said so
        if low in FIRST_PERSON and t.pos_ == "PRON" and (t.head.lemma_.lower() in self.lex.verbs
                                                         or t.head.lemma_.lower() in self.lex.light_verbs):
            # "I will meet ...": who meets is who says so. Other acts leave "I" to the party model, which weighs the
            # speaker among the article's actors (taking the speaker here cost SUPPORT and AGREE out of fold)
            return self.quoted_speaker(t, state)
        if low in PRONOUN_PAIRS and t.pos_ in ("PRON", "DET") or phrase in self.actor_lex.pair_anaphora:
            return state.resolve_pair(t, phrase, self.actor_lex)
        if low in SINGULAR_PRONOUNS and t.pos_ == "PRON":
            return state.resolve_singular(t)
        m = reg.person_at(t)
        if m is not None:
            return [m]
        # a title noun with the name in apposition or compound: "his counterpart, Wang Yi"; or two appositions
        # deep: "Assad's main backer, the Russian president, Vladimir Putin"
        for c in t.children:
            if c.dep_ in ("appos", "compound", "nmod") and c.i > t.i or c.dep_ == "appos":
                m = reg.person_at(c)
                if m is None and c.dep_ == "appos" and c.pos_ == "NOUN":
                    m = next((reg.person_at(g) for g in c.children if g.dep_ == "appos" and reg.person_at(g)), None)
                if m is not None:
                    return [m]
        if t.lower_ in self.actor_lex.title_words:
            # "The President of Uzbekistan Shavkat Mirziyoyev" parsed with the name inside the "of" phrase
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    # the registry knows the name also when the tagger made "Uzbekistan Abdulaziz Kamilov" one body
                    m = next((m for o in pobjs(c) if (m := reg.person_at(o)) is not None), None)
                    if m is not None:
                        return [m]
        ent = ent_span(t)
        if (ent is None or len(ent) == 1 and t.ent_type_ in ("ORG", "NORP", "GPE")) and self.is_body(t):
            # "Ecowas", "Eurogroup" left untagged by the NER model, "G7" taken for a place
            return [Mention(reg.org(t.text), t.idx, t.idx + len(t.text), None)]
        if ent is None and t.pos_ == "PROPN" and t.is_title and (
                code := self._untagged_state(t)) is not None:
            return [Mention(reg.country(code), t.idx, t.idx + len(t.text), None)]  # "Kyiv appealed" left untagged
        if ent is not None and t.ent_type_ == "GPE":
            name = strip_the(ent.text)
            code = self._state_named(name) or self.actor_lex.nationalities.get(name.lower())
            return [Mention(reg.country(code), ent.start_char, ent.end_char, None)] if code else []
        if ent is not None and t.ent_type_ == "PERSON" and (place := self.gaz.lookup(strip_the(ent.text))) is not None \
                and place.kind == "country":
            # "Sri Lanka" tagged a person: the registry took no person of it, it is the state
            return [Mention(reg.country(place.country_code), ent.start_char, ent.end_char, None)]
        if ent is not None and t.ent_type_ in ("ORG", "FAC") and ent.text.endswith(("'s", "’s")):
            # "Qualcomm Inc.'s Cristiano Amon": the company is an affiliation, the name after it the actor
            names = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if names:
                m = reg.person_from_span(state.doc[names[0].left_edge.i:names[0].i + 1])
                return [m] if m else []
            m = reg.person_at(state.doc[ent.end]) if ent.end < len(state.doc) else None  # the parse hung it elsewhere
            if m is not None:
                return [m]
            if t.dep_ != "poss" or ent.end < len(state.doc) and state.doc[ent.end].ent_type_ == "PERSON":
                return []
            # "slammed the European Parliament's resolution": the body whose thing it is
            name = strip_the(ent.text[:-2])
            return [Mention(reg.org(name), ent.start_char, ent.end_char - 2, None)] if len(name) >= 2 else []
        if ent is not None and t.ent_type_ in ("ORG", "FAC"):
            name = strip_the(ent.text)
            code = self.actor_lex.institutions.get(name.lower())
            if code:
                return [Mention(reg.country(code), ent.start_char, ent.end_char, None)]
            if code == "" or t.ent_type_ == "FAC" or len(name) < 2 or name.lower() in self.actor_lex.media or \
                    self._venue_name(name):
                return []
            place = self.gaz.lookup(name)
            if place is not None and place.kind == "country":
                return [Mention(reg.country(place.country_code), ent.start_char, ent.end_char, None)]  # "the UAE"
            if place is not None and place.kind in ("city", "region") and name.istitle() and len(name) > 3 and \
                    not self.is_body(t):
                return []  # "shelled Idlib" with the city tagged as an organisation: a place, no actor
            # "the Syrian Army" is Syria's; the "Free Syrian Army" (a word before the nationality) is a body of its own
            nat = next((w.i for w in ent if w.lower_ in self.actor_lex.nationalities), None)
            own_name = nat is not None and any(w.i < nat and w.lower_ != "the" and w.is_alpha and w.is_title
                                               for w in ent)
            gov = self._government_country(t) if not own_name else None
            if gov:
                return [Mention(reg.country(gov), ent.start_char, ent.end_char, None)]
            return [Mention(reg.org(self._body_of_gathering(name)), ent.start_char, ent.end_char, None)]
        if ent is not None and t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") and t.dep_ != "amod" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            # "talks with the Russians" is with Russia; "speaking to Syrians" is with people, not the state
            code = self.actor_lex.nationalities.get(low)
            if code:
                return [Mention(reg.country(code), ent.start_char, ent.end_char, None)]
            return [Mention(reg.org(ent.text), ent.start_char, ent.end_char, None)]
        if t.lemma_.lower() in self.actor_lex.government_nouns or t.lemma_.lower() in self.actor_lex.delegate_nouns:
            # "the Syrian government"; unnamed "Turkish military officials" act for their country
            code = self._government_country(t) or self._leaders_government(t, state)
            if code:
                # "between Russian and Ukrainian delegations": one delegation per nationality
                return [Mention(reg.country(code), t.left_edge.idx, t.idx + len(t.text), None)] + [
                    Mention(reg.country(other), cj.idx, cj.idx + len(cj.text), None)
                    for other, cj in self._conjoined_nations(t, code)]
        lemma = t.lemma_.lower()
        sector = self.actor_lex.sector_nouns.get(lemma) if t.pos_ in ("NOUN", "PROPN") else None
        if sector is not None and t.ent_type_ not in ("PERSON", "GPE"):
            # "Russian troops", "Israel's army", "Kenyan lawmakers": the state's people of that sector
            code = self._government_country(t, any_noun=True)
            if code and (t.tag_ in ("NNS", "NNPS") or lemma in self.actor_lex.collective_nouns):
                # "Indian and Chinese troops clashed": each state's
                return [Mention(reg.group(code, sector), t.left_edge.idx, t.idx + len(t.text), None)] + [
                    Mention(reg.group(other, sector), cj.idx, cj.idx + len(cj.text), None)
                    for other, cj in self._conjoined_nations(t, code)]
        if (sector is not None or lemma in self.actor_lex.delegate_nouns) and (
                t.tag_ in ("NNS", "NNPS") or lemma in self.actor_lex.collective_nouns):
            # "Kurdish officials", "Houthi rebels", "a Taliban delegation": a people's or a movement's people,
            # named by the people or the movement
            owner = next((c for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i
                          and c.ent_type_ in ("NORP", "ORG") and c.lower_ not in self.actor_lex.nationalities
                          # "Republican leaders": a party of a state's own politics, no movement of its own
                          and c.lower_ not in self.lex.domestic_group_modifiers), None)
            if owner is not None and self.is_body(owner):
                return self.np_actor(owner, state)  # "EU leaders", "Asean officials": the body's members meet as it
            if owner is not None:
                ent = ent_span(owner)
                name = f"{strip_the(ent.text if ent is not None else owner.text)} {t.text.lower()}"
                actor = reg.org(name)
                actor.kind, actor.sector = "GROUP", sector or "government"
                return [Mention(actor, owner.idx, t.idx + len(t.text), None)]
        if t.lower_ in self.actor_lex.title_words and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            np = [c for c in t.subtree if c.i <= t.i]
            m = reg.person_by_title(np, t.i)
            if m is not None:
                return [m]
        if t.lemma_.lower() in self.lex.opposition_nouns and t.pos_ == "NOUN":
            # "the Syrian opposition"; "the Syrian government and the opposition": the nationality of the government
            nat = next((c for c in t.children if c.dep_ == "amod" and c.lower_ in self.actor_lex.nationalities), None)
            if nat is None and t.dep_ == "conj":
                nat = next((c for c in t.head.children if c.dep_ == "amod"
                            and c.lower_ in self.actor_lex.nationalities), None)
            if nat is None and t.i >= 3 and state.doc[t.left_edge.i - 1].lower_ == "and":
                # "between the Syrian government and the opposition" with the coordination misparsed
                gov = state.doc[t.left_edge.i - 2]
                if gov.lemma_.lower() in self.actor_lex.government_nouns:
                    nat = next((c for c in gov.children if c.dep_ == "amod"
                                and c.lower_ in self.actor_lex.nationalities), None)
            if nat is not None:
                code = self.actor_lex.nationalities[nat.lower_]
                return [Mention(reg.group(code, "opposition"), t.left_edge.idx, t.idx + len(t.text), None)]
        if t.tag_ == "NN" and t.lower_ in self.actor_lex.title_words and not any(
                c.lower_ in ("former", "ex", "late", "then") for c in t.children):
            # "met his Saudi counterpart", "the Iraqi foreign minister" with no name anywhere: the office-holder
            # acts for their country
            mods = [" ".join(w.lower_ for w in c.subtree) for c in t.children if c.dep_ in ("amod", "compound")]
            code = next((self.actor_lex.nationalities[m] for m in mods if m in self.actor_lex.nationalities), None)
            if code is None:
                # "Iran's foreign minister": the state named as possessor
                code = next((m.actor.country_code for c in t.children if c.dep_ == "poss" and c.ent_type_ == "GPE"
                             for m in self.np_actor(c, state) if m.actor.kind == "COUNTRY"), None)
            if code is None:
                code = self._state_after(t)  # "the president of Guinea", "his counterpart from Guinea"
            after = t.doc[t.i + 2] if t.i + 2 < len(t.doc) and t.nbor(1).text == "," else None
            if after is not None and after.dep_ in ("nsubj", "nsubjpass") and after.head in t.ancestors:
                after = None  # "After talks with the Qatari emir, Blinken said": the subject of the clause it frames
            if after is not None and after.ent_type_ == "PERSON":
                # "met the Qatari emir, Tamim bin Hamad Al Thani, in Doha" with the name hung on the verb: the name
                name = ent_span(after) or [after]
                m = next((m for w in name if (m := reg.person_at(w)) is not None), None)  # "Sheikh Tamim ..."
                return [m] if m is not None else []
            if code:
                return [Mention(reg.country(code), t.left_edge.idx, t.idx + len(t.text), None)]
            # "the UN human rights chief", "the EU foreign policy chief": the body whose office it is
            body = next((w for c in t.children if c.dep_ in ("compound", "nmod") and c.i < t.i
                         for w in c.subtree if self.is_body(w)), None)
            if body is not None:
                return self.np_actor(body, state)
        if (t.tag_ == "NNS" or t.lemma_.lower() in self.actor_lex.delegate_nouns) and (
                t.lemma_.lower() in self.actor_lex.delegate_nouns | {"member", "leader"}
                or t.lemma_.lower() in self.actor_lex.title_words):
            # ... and "a delegation from the Syrian Democratic Council": the body it acts for
            # "Leaders of the G7", "foreign ministers from Russia, Turkey and Iran": the bodies they act for
            found = [m for o in self._bodies_after(t)
                     for m in self.np_actors(o, state)
                     # a single delegation: a body named as such, or a state; "the Syrian Democratic Council"
                     # named after a nationality may or may not be that state's
                     if t.tag_ == "NNS" or o.ent_type_ == "GPE" or m.actor.kind != "COUNTRY"
                     or strip_the(o.text).lower() in self.actor_lex.institutions]
            if found:
                return found
            if t.tag_ == "NNS" and t.lemma_.lower() in self.actor_lex.title_words | {"member", "leader"}:
                # "Nato defence ministers", "Asean leaders": the office-holders of a body act for the body
                owner = next((c for c in t.children if c.dep_ in ("compound", "nmod", "amod") and c.i < t.i
                              and (c.ent_type_ == "ORG" or self.is_body(c))
                              and c.lower_ not in self.actor_lex.nationalities), None)
                if owner is not None:
                    return [m for m in self.np_actor(owner, state) if m.actor.kind != "PERSON"]
        return self._members_named(t, state)

    def _untagged_state(self, t: Token) -> str | None:
        """The state a lone untagged proper noun names ("Kyiv", "Beijing")."""
        if any(c.dep_ == "compound" for c in t.children) or t.dep_ == "compound" or \
                t.lower_ in self.actor_lex.nationalities:
            return None  # part of a longer name, or a people
        return self._state_named(t.text)

    def _state_named(self, name: str) -> str | None:
        """The state a place name stands for as an actor: a country's name or its capital's."""
        place = self.gaz.lookup(name)
        if place is None or place.kind != "country" and not self.gaz.capital_country(name):
            return None
        return place.country_code

    def _body_of_gathering(self, name: str) -> str:
        """'SCO Summit', 'Quad Leaders Summit': the body whose meeting the name is ('SCO', 'Quad'); any other name
        as it is."""
        words = name.split()
        if len(words) < 2 or words[-1].lower() not in self.actor_lex.gathering_suffixes:
            return name
        words.pop()
        while len(words) > 1 and words[-1].lower().rstrip("'’").removesuffix("s") in self.actor_lex.title_words:
            words.pop()  # "Quad Leaders", "ASEAN Foreign Ministers'"
        return " ".join(words)

    def _conjoined_nations(self, t: Token, first: str) -> list[tuple[str, Token]]:
        """The other states of nationality words conjoined before a noun ("Russian and Ukrainian delegations")."""
        out: list[tuple[str, Token]] = []
        for mod in (c for c in t.children if c.dep_ == "amod"):
            for cj in mod.conjuncts:
                other = self.actor_lex.nationalities.get(cj.lower_)
                if other and other != first and all(o != other for o, _ in out):
                    out.append((other, cj))
        return out

    def is_body(self, t: Token) -> bool:
        """An international body known by a one-word name ("Ecowas", "Opec", "the Eurogroup"; "Asean foreign
        ministers" with the name tagged as an adjective)."""
        return t.pos_ in ("PROPN", "NOUN", "ADJ") and t.lower_ in self.actor_lex.international_bodies and not t.is_lower

    def _bodies_after(self, t: Token) -> list[Token]:
        """The bodies or states an office noun is "of" or "from": "leaders of the G7", "chiefs of defence staff of
        Ecowas" (one "of" deeper)."""
        out = []
        for c in t.children:
            if c.dep_ != "prep" or c.lower_ not in ("of", "from"):
                continue
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                if o.ent_type_ in ("ORG", "GPE") or self.is_body(o):
                    out.append(o)
                    continue
                out += [o2 for c2 in o.children if c2.dep_ == "prep" and c2.lower_ == "of"
                        for o2 in c2.children if o2.dep_ == "pobj" and (o2.ent_type_ in ("ORG", "GPE")
                                                                        or self.is_body(o2))]
        return out

    def _members_named(self, t: Token, state: ArticleState) -> list[Mention]:
        """'business leaders including X and Y', 'officials such as X': the members the phrase names."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "include", "like"):
                return [m for obj in c.children if obj.dep_ == "pobj" for m in self.np_actors(obj, state)]
            if c.dep_ == "prep" and c.lower_ == "such":
                return [m for g in c.children for obj in g.children if obj.dep_ == "pobj"
                        for m in self.np_actors(obj, state)]
        return []

    def _plural_office_states(self, t: Token, state: ArticleState) -> list[str]:
        """The states a plural office noun names: "leaders of the UK and US", "the US and Chinese leaders"."""
        codes: list[str] = []
        for c in t.children:
            words: list[Token] = []
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                words = [x for o in c.children if o.dep_ == "pobj" for x in [o, *o.conjuncts]]
            elif c.dep_ in ("amod", "compound", "nmod") and c.i < t.i:
                words = [c, *c.conjuncts]
            for x in words:
                code = self.actor_lex.nationalities.get(x.lower_)
                if code is None and x.ent_type_ == "GPE":
                    code = next((m.actor.country_code for m in self.np_actor(x, state)
                                 if m.actor.kind == "COUNTRY"), None)
                if code is None and self.np_phrase(x) in self.actor_lex.country_anaphora:
                    # "the leaders of both countries": the two states the article named together
                    codes += [m.actor.country_code for m in state.resolve_pair(x, self.np_phrase(x), self.actor_lex)
                              if m.actor.country_code and m.actor.country_code not in codes]
                if code and code not in codes:
                    codes.append(code)
        return codes

    def _venue_name(self, name: str) -> bool:
        """'the Grand Hotel', 'the Cambridge Union': a place things happen in, not an actor. A union is one only when
        named after its city; "the European Union" and "the African Union" are bodies."""
        words = name.split()
        last = words[-1].lower()
        if last not in self.actor_lex.venue_words:
            return False
        if last != "union":
            return True
        place = self.gaz.lookup(" ".join(words[:-1])) if len(words) > 1 else None
        return place is not None and place.kind == "city"

    def _government_country(self, t: Token, any_noun: bool = False) -> str | None:
        """The state a government, delegate (or, with `any_noun`, any) noun's modifier names: "the Syrian
        government", "Turkish officials", "Iran's army"."""
        if not any_noun and t.lemma_.lower() not in self.actor_lex.government_nouns | self.actor_lex.delegate_nouns \
                and t.ent_type_ != "ORG":
            return None
        for c in t.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                code = self.actor_lex.nationalities.get(c.lower_)
                if code:
                    return code
                place = self.gaz.lookup(strip_the(c.text))
                if place is not None and (place.kind == "country" or self.gaz.capital_country(c.text)):
                    return place.country_code
        # "the government of Syria"; not any noun's ("the oil company of Venezuela" is a thing of the state's)
        return None if any_noun else self._state_after(t)

    def speakers(self, pronoun: Token, state: ArticleState, verbs: frozenset[str] | None = None) -> list[Mention]:
        """The subject of the verb of saying (`verbs`, else the reporting verbs) whose clause a pronoun is the subject
        of ("X and Y said they ...", "France said it recalled ...")."""
        clause = pronoun.head
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in (verbs or self.lex.reporting_verbs):
            return []
        return [m for s in clause.head.children if s.dep_ == "nsubj" for m in self.np_actors(s, state)]

    def quoted_speaker(self, pronoun: Token, state: ArticleState) -> list[Mention]:
        """Who says "I": the subject of the verb of saying the quoted clause hangs on ('Putin said: "I will speak
        with the leadership of China tomorrow"'), or that the quote's own root governs ('"I will meet Xi tomorrow,"
        Putin told reporters')."""
        def subjects(verb: Token) -> list[Mention]:
            return [m for s in verb.children if s.dep_ == "nsubj" and s.lower_ not in FIRST_PERSON
                    for m in self.np_actors(s, state)]

        node = pronoun
        while node.head.i != node.i:
            head = node.head
            if node.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in self.lex.reporting_verbs:
                return subjects(head)
            node = head
        for c in node.children:
            if c.dep_ in ("parataxis", "ccomp") and c.i > pronoun.i and c.lemma_.lower() in self.lex.reporting_verbs:
                return subjects(c)
        return []

    def _leaders_government(self, t: Token, state: ArticleState) -> str | None:
        """'the Trump administration', 'Assad's regime': the government of a leader's state."""
        if t.lemma_.lower() not in self.actor_lex.government_nouns:
            return None
        for c in t.children:
            if c.dep_ in ("compound", "poss") and c.ent_type_ == "PERSON":
                m = state.registry.person_at(c)
                if m is not None and (m.actor.country_code or m.actor.known_country):
                    return m.actor.country_code or m.actor.known_country
        return None

    def _state_after(self, t: Token) -> str | None:
        """The state an "of" or "from" phrase of an office or government names: "the president of Guinea", "his
        counterpart from Guinea", "the leadership of China"."""
        preps = [c for c in t.children if c.dep_ == "prep"]
        if t.i + 1 < len(t.doc) and t.nbor(1).dep_ == "prep" and t.nbor(1).head.i == t.head.i:
            preps.append(t.nbor(1))  # "met his counterpart from Guinea", the phrase hung on the verb
        for c in preps:
            if c.lower_ in ("of", "from"):
                for o in pobjs(c):
                    # "the president of Sri Lanka" with the country tagged a person: the gazetteer's states only
                    ent = ent_span(o) if o.ent_type_ in ("GPE", "PERSON", "ORG") else None
                    code = self._state_named(strip_the(ent.text)) if ent is not None else None
                    if code:
                        return code
        return None

    def hyphen_pair(self, trig: Token, state: ArticleState) -> list[Mention]:
        """'the Biden-Xi call', 'U.S.-China talks': actors named in a hyphenated modifier of the trigger noun."""
        left = [t for t in trig.subtree if t.i < trig.i and t.dep_ not in ("det", "poss", "case")]
        left = [t for t in left if not any(a.dep_ == "poss" for a in t.ancestors if a.i < trig.i)]
        glued = self._hyphen_glued(trig)
        if glued is not None and (not left or glued.start < left[0].i):
            # "A US-Russia summit" parsed with "US" hung on the article: the words hyphens glue to the noun
            left = list(glued)
        if not left:
            return []
        span = trig.doc[left[0].i:trig.i]
        text = span.text
        if not re.search(r"[-–—]", text):
            # a single modifier naming one actor ("a Putin meeting") is too loose to count
            return []
        out = []
        unresolved: list[tuple[str, int]] = []
        pos = span.start_char
        for piece in re.split(r"([-–—])", text):
            piece_start = pos
            pos += len(piece)
            name = piece.strip()
            if not name or name in "-–—":
                continue
            name = re.sub(r"^(?:a|an|the|first|second|new|latest|last|planned|upcoming|proposed)\s+", "", name,
                          flags=re.I)
            words = name.split()
            if not words:
                continue
            # the last word(s) of the first piece and the first word(s) of the last one are the names
            m = self._name_to_actor(name, piece_start + piece.find(name), state)
            if m is None and len(words) > 1:
                m = self._name_to_actor(words[-1], piece_start + piece.rfind(words[-1]), state) or \
                    self._name_to_actor(words[0], piece_start + piece.find(words[0]), state)
            if m is not None:
                out.append(m)
            else:
                unresolved.append((name, piece_start + piece.find(name)))
        if len(out) == 1 and len(unresolved) == 1 and out[0].actor.kind == "PERSON":
            # "the Trump-Putin meeting" where only Trump is named elsewhere: a bare capitalised word paired with a
            # person is the other person
            name, start = unresolved[0]
            if re.fullmatch(r"[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?", name) and name.lower() not in \
                    self.actor_lex.nationalities and self.gaz.lookup(name) is None:
                actor = state.registry.persons.setdefault(name, Actor(name, "PERSON", aliases={name}))
                out.append(Mention(actor, start, start + len(name), None))
        return out if len(out) >= 2 else []

    @staticmethod
    def _hyphen_glued(trig: Token) -> Span | None:
        """The words right before a noun that hyphens glue together with no space ("US-Russia", "EU-China"), or
        None."""
        doc, first = trig.doc, trig.i - 1
        while first - 2 >= trig.sent.start and doc[first - 1].text in ("-", "–", "—") and \
                not doc[first - 2].whitespace_ and not doc[first - 1].whitespace_:
            first -= 2
        return doc[first:trig.i] if first < trig.i - 1 else None

    def _name_to_actor(self, name: str, start: int, state: ArticleState) -> Mention | None:
        end = start + len(name)
        reg = state.registry
        span = state.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                m = reg.person_at(tok)
                if m is not None:
                    return Mention(m.actor, start, end, None)
            if len(span) == 1 and self.is_body(span[0]):
                return Mention(reg.org(name), start, end, None)  # "the EU-China summit"
        for actor in reg.persons.values():
            if name in actor.aliases or name == actor.name.split()[-1] or name == actor.name.split()[0]:
                return Mention(actor, start, end, None)
        code = self.actor_lex.nationalities.get(name.lower())
        place = self.gaz.lookup(name)
        if code is None and place is not None and (place.kind == "country" or self.gaz.capital_country(name)):
            code = place.country_code
        if code:
            return Mention(reg.country(code), start, end, None)
        return None


def _coordinated(tok: Token) -> bool:
    """"U.S. Secretary of State Rex Tillerson and Russian Foreign Minister Sergey Lavrov have met": a name hung on the
    next name as its modifier, with the "and" that joins them left on the first, is a conjunct the parser lost."""
    return any(c.dep_ == "cc" and c.lower_ in ("and", "&") and c.i > tok.i for c in tok.children)
