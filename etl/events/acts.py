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
from etl.events.syntax import each_other, ent_span, pobjs, sentence_bounds, strip_the
from etl.lexicon import load_lexicon
from etl.ontology import ontology

_NOT_COMPLEMENT = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "advmod", "advcl", "cc", "conj",
                             "mark", "npadvmod", "prep", "agent"})
# a pronoun subject of what someone said, and whom it can stand for: "he said he would", "Iran said it would"
_SPEAKER_PRONOUNS = {"he": "person", "she": "person", "it": "body", "they": "any"}
# what picks a word's sense: a verb's object (or a passive one's subject), a noun's modifier
_VERB_SENSE_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
_NOUN_SENSE_DEPS = frozenset({"compound", "amod", "nmod"})
_RECIPIENT_PREPS = frozenset({"on", "against", "to", "with", "at", "toward", "towards", "into", "upon"})


def _with_likes(entries: dict[str, dict]) -> dict[str, dict]:
    """Each entry with `like` takes the keys of the entry it names, its own keys added."""
    for word, spec in entries.items():
        if "like" not in spec:
            continue
        model = entries.get(spec["like"])
        if model is None or "like" in model:
            raise ValueError(f"acts.toml: {word!r} is like {spec['like']!r}, which is no entry of the same table "
                             "or is itself like another")
    return {word: {**entries[spec["like"]], **{k: v for k, v in spec.items() if k != "like"}} if "like" in spec
            else spec for word, spec in entries.items()}


class ActLexicon:
    """acts.toml, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None) -> None:
        data = load_lexicon("acts.toml", lexicon_dir)
        self.verbs: dict[str, dict] = _with_likes(data.get("verbs", {}))
        self.nouns: dict[str, dict] = _with_likes(data.get("nouns", {}))
        self.joint_types: frozenset[str] = frozenset(data.get("joint_types", []))
        self.reciprocal_verbs: frozenset[str] = frozenset(data.get("reciprocal_verbs", []))
        self.committing_types: frozenset[str] = frozenset(data.get("committing_types", []))
        self.measure_mode_types: frozenset[str] = frozenset(data.get("measure_mode_types", []))
        self.statement_mode_types: frozenset[str] = frozenset(data.get("statement_mode_types", []))
        self.measure_nouns: frozenset[str] = frozenset(data.get("measure_nouns", []))
        threats = data.get("threats", {})
        self.threat_modes: dict[str, str] = threats.get("modes", {})
        self.threat_modals: frozenset[str] = frozenset(threats.get("modals", []))
        self.threat_framing: frozenset[str] = frozenset(threats.get("framing", []))
        self.threat_on_modal: frozenset[str] = frozenset(threats.get("on_modal", []))
        self.threat_conditions: frozenset[str] = frozenset(threats.get("conditions", []))
        self.not_threats: frozenset[str] = frozenset(threats.get("not_threats", []))
        judgments = data.get("judgments", {})
        self.saying_verbs: frozenset[str] = frozenset(judgments.get("saying", []))
        self.naming_verbs: frozenset[str] = frozenset(judgments.get("naming", []))
        self.judgment_verbs = self.saying_verbs | self.naming_verbs
        self.announcing_verbs: frozenset[str] = self.saying_verbs | frozenset(judgments.get("announcing", []))
        self.judgment_words: frozenset[str] = frozenset(judgments.get("words", []))
        self.judgment: dict = {"types": judgments.get("types", ["ACCUSE"]), "mode": judgments.get("mode"),
                               "judgment": True}


class Acts(Stage):
    act_lex: ActLexicon

    def triggers(self, sent: Span, state: ArticleState) -> list[tuple[Token, dict]]:
        out = []
        doc = sent.doc
        for i in state.index.within(state.index.triggers, sent):
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                if lemma in self.act_lex.judgment_verbs and self._judged(tok) is not None:
                    out.append((tok, self.act_lex.judgment))
            elif tok.pos_ not in ("NOUN", "PROPN"):
                continue
            spec = self._spec_of(tok) or None
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
        return len(self._spec_of(trig).get("types", []))

    def _spec_of(self, tok: Token) -> dict:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            spec = self.act_lex.verbs.get(lemma) or {}
            senses = spec.get("particles")
            if senses:
                # "hit out at" is another act than "hit": the particle picks the sense
                particle = next((c.lower_ for c in tok.children if c.dep_ == "prt" and c.lower_ in senses), None)
                if particle is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in senses:
                    particle = tok.doc[tok.i + 1].lower_
                if particle is not None:
                    return senses[particle]
            return self._sense(tok, spec, _VERB_SENSE_DEPS)
        if tok.pos_ in ("NOUN", "PROPN"):
            spec = self.act_lex.nouns.get(lemma) or self.act_lex.nouns.get(tok.lower_) or {}
            return self._sense(tok, spec, _NOUN_SENSE_DEPS)
        return {}

    def _sense(self, tok: Token, spec: dict, deps: frozenset[str]) -> dict:
        """The sense the word has beside the words it governs (acts.toml `senses`): "struck a deal" agrees where
        "struck the base" attacks, "shot a video" does neither. A sense with no types is no act."""
        senses = spec.get("senses")
        if not senses:
            return spec
        governed = {self._measured(c).lemma_.lower() for c in tok.children if c.dep_ in deps}
        governed.update(o.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                        for o in pobjs(c))  # "hit the EU with tariffs"
        for sense in senses:
            if not governed.isdisjoint(sense["words"]):
                return sense if sense.get("types") else {}
        return spec

    def _amount(self, tok: Token) -> bool:
        """A number, a currency sign or a noun of an amount (acts.toml `measure_nouns`)."""
        return tok.like_num or tok.tag_ == "$" or tok.lemma_.lower() in self.act_lex.measure_nouns

    def _measured(self, noun: Token) -> Token:
        """What an amount measures: "thousands of tonnes of aid" and "$7bn in aid" are aid."""
        for _ in range(3):
            if not self._amount(noun):
                break
            inner = next((o for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                          for o in pobjs(c)), None)
            if inner is None:
                break
            noun = inner
        return noun

    def _measuring(self, noun: Token) -> Token:
        """The amount phrase a noun is measured in, the inverse of `_measured`: "aid" of "thousands of tonnes of
        aid" is "thousands"."""
        for _ in range(3):
            head = noun.head.head
            if not (noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and self._amount(head)):
                break
            noun = head
        return noun

    def _qualifies(self, tok: Token, spec: dict) -> bool:
        if tok.ent_type_ in ("DATE", "TIME"):
            return False  # "on March 29": a month, not a march
        if tok.ent_type_ in ("ORG", "GPE", "FAC", "PERSON", "NORP") and len(ent_span(tok) or ()) > 1:
            return False  # a word of a name: "the Shanghai Cooperation Organisation", "the World Trade Organization"
        preps = spec.get("preps")
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if preps and not any(c.dep_ in ("prep", "prt") and c.lower_ in preps and not _dated_phrase(c)
                             for c in tok.children) and not (
                after is not None and after.lower_ in preps and not _dated_phrase(after)):
            return False  # "called on Monday" is no "called on"
        objects = spec.get("objects")
        if objects and not any(c.dep_ in ("dobj", "obj", "nsubjpass") and self._measured(c).lemma_.lower() in objects
                               for c in tok.children):
            return False
        if spec.get("infinitive") and not any(c.dep_ in ("xcomp", "ccomp") and (
                _infinitive(c) or any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children))
                for c in tok.children):
            return False  # "told the US to leave", "told the EU it must take them back"
        return not (tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.pos_ == "NOUN")

    def _judged(self, verb: Token) -> Token | None:
        """What a verb of saying or naming judges with a word of condemnation: the subject of the clause said ("said
        the launch was intolerable": the launch), the thing named ("called the strikes a declaration of war": the
        strikes), or None. A clause with an act word of its own ("said Russia condemned ...") is that word's act."""
        lex = self.act_lex
        naming = verb.lemma_.lower() in lex.naming_verbs
        if naming:
            # "called the strikes a declaration of war", "described Israel's actions as genocide"
            parts = [c for c in verb.children if c.dep_ not in _NOT_COMPLEMENT or c.dep_ == "prep" and c.lower_ == "as"]
        else:
            parts = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
            # "said Russia bore responsibility": the parser takes the clause for an object, its subject gives it away
            parts += [c for c in verb.children if c.dep_ in ("dobj", "obj") and any(
                t.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)]
        told = [t for c in parts for t in c.subtree]
        if not any(t.lemma_.lower() in lex.judgment_words or t.lower_ in lex.judgment_words for t in told):
            return None
        if any(t.dep_ == "neg" for t in told) or any("ACCUSE" in self._spec_of(t).get("types", ()) for t in told):
            return None  # "said it was not illegal"; "said Russia condemned ...": the inner word's act
        if any(c.pos_ == "VERB" and (spec := self._spec_of(c)) and self._qualifies(c, spec) for c in parts):
            return None  # "said Russia had imposed sanctions": that act ("committed genocide" is none)
        if naming:
            named = next((c for c in parts if c.dep_ in ("dobj", "obj", "oprd") and c.pos_ in ("NOUN", "PROPN")), None)
            if named is not None:
                return named
        clause = parts[0]  # "held Russia responsible", parsed as a small clause: its subject is the one judged
        return next((t for t in clause.children if t.dep_ in ("nsubj", "nsubjpass")), None) or next(
            (t for t in clause.subtree if t.dep_ in ("nsubj", "nsubjpass")), clause)

    def build(self, trig: Token, spec: dict, sent: Span, state: ArticleState, others: set[int]) -> list[EventDraft]:
        status, weak = self.modality.status(trig)
        threat_mode = self._threat_mode(trig, spec)
        hypothetical = self.modality.blocked(trig, generic=False)
        if hypothetical and threat_mode is None:
            return []  # negated or hypothetical: no act (CODING.md), whatever its type
        if spec.get("judgment"):
            sources, targets = self._judgment_sides(trig, state)
        else:
            sources, targets = self._sides(trig, state)
        if not sources and "PROTEST" in spec["types"]:
            sources = self._protesters(trig, others, state)
        joint = spec["types"][0] in self.act_lex.joint_types  # see acts.toml's joint_types
        source_groups = [sources] if joint or not targets else self._conjunct_groups(sources, state)
        pairs = [(by, group) for by in source_groups for group in self._target_groups(targets, state)]
        if not targets and not joint and self._reciprocal(trig):
            # "Thailand and Cambodia accused each other": each did it to the other
            groups = self._conjunct_groups(sources, state)
            if len(groups) == 1:
                # "both countries accused each other": the sides a phrase resumes, one each
                by_actor: dict[int, list[Mention]] = {}
                for m in sources:
                    by_actor.setdefault(id(m.actor), []).append(m)
                groups = list(by_actor.values())
            pairs = [(by, to) for by in groups for to in groups if by is not to] or pairs
        out: list[EventDraft] = []
        for by, to in pairs:
            drafts = self._drafts(trig, spec, (status, weak), by, to, sent, state, others, threat_mode)
            out.extend(drafts[-1:] if hypothetical else drafts)  # a hypothetical act leaves its threat alone
        return out

    def _threat_mode(self, trig: Token, spec: dict) -> str | None:
        """The THREATEN mode of harm its doer vows or threatens to do, will do on a condition, or (force, arrests)
        says they will or may do (acts.toml `threats`); None for any other act, or one told as not to be done."""
        harmful = [kind for kind in spec["types"] if kind in self.act_lex.threat_modes]
        if not harmful or "THREATEN" in spec["types"] or spec.get("mode") in self.act_lex.not_threats:
            return None
        told = [trig, *self.modality.status_chain(trig)]
        if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
               for node in told for c in node.children):
            return None  # "will not attack"; "if the Turks attack, we will fight": the condition is no threat
        modal = any(c.dep_ == "aux" and c.lower_ in self.act_lex.threat_modals for node in told for c in node.children)
        framed = any(node.lemma_.lower() in self.act_lex.threat_framing for node in told[1:])
        conditional = modal and any(self.modality.conditional(node, self.act_lex.threat_conditions) for node in told)
        told_so = modal and trig.pos_ == "VERB" and harmful[0] in self.act_lex.threat_on_modal
        if not (framed or conditional or told_so):
            return None
        mode = spec.get("mode")
        return mode if mode in ontology().modes("THREATEN") else self.act_lex.threat_modes[harmful[0]]

    def _reciprocal(self, trig: Token) -> bool:
        """Each actor did it to the other: the act's object is "each other" or "one another" or a thing of theirs
        ("expelled each other's diplomats"), or the act is traded ("traded accusations")."""
        if trig.dep_ in ("dobj", "obj") and trig.head.lemma_.lower() in self.act_lex.reciprocal_verbs:
            return True
        objects = [c for c in trig.children if c.dep_ in ("dobj", "obj", "dative")] + \
            [o for c in trig.children if c.dep_ == "prep" for o in pobjs(c)]
        objects += [c for o in objects for c in o.children if c.dep_ == "poss"]
        return any(each_other(o) for o in objects)

    def _drafts(self, trig: Token, spec: dict, status: tuple[str, bool], sources: list[Mention],
                targets: list[Mention], sent: Span, state: ArticleState, others: set[int],
                threat_mode: str | None = None) -> list[EventDraft]:
        """One candidate per type the word may tell, of one actor-recipient pairing; last, the threat of the act when
        it is one (`threat_mode`)."""
        first = EventDraft(trigger=trig, mode=self._mode(spec, spec["types"][0]), status=status[0],
                           weak_status=status[1], type=spec["types"][0])
        first.mentions.append((*sentence_bounds(sent, trig, state.text), trig.text))
        first.sentence_ids.append(state.sentence_index)
        for m in sources:
            first.add(m, "source")
        for m in targets:
            first.add(m, "target")
        # "raided a camp in Umm Safar on Tuesday, killing three militants": a participle clause happened where and
        # when the clause it hangs on did
        scope = [trig, trig.head] if trig.dep_ == "advcl" and trig.tag_ == "VBG" and trig.head.pos_ == "VERB" \
            else [trig]
        rest = others - {t.i for t in scope}
        first.date = self.event_dates.date(scope, rest, state, first)
        first.location = self.places.location(scope, rest, first, state)
        if spec.get("judgment"):
            first.flags.append("judgment")
        if self.modality.generic(trig):
            # "has repeatedly warned", "regularly condemns": an exchange told so is a habit, not one event; a
            # statement told so may still be coded (the gold does): the decision weighs it
            first.flags.append("generic")
        out = [first]
        for kind in spec["types"][1:]:
            # the same words told as another type: the decision picks
            out.append(self._retyped(first, kind, self._mode(spec, kind), status))
        if threat_mode is not None:
            threat = self._retyped(first, "THREATEN", threat_mode, ("occurred", False))
            threat.date = self.event_dates.date(scope, rest, state, threat)  # when it was made, not the act's day
            threat.flags.append("threatened_act")
            out.append(threat)
        return out

    @staticmethod
    def _retyped(first: EventDraft, kind: str, mode: str | None, status: tuple[str, bool]) -> EventDraft:
        return EventDraft(trigger=first.trigger, mode=mode, status=status[0], weak_status=status[1], type=kind,
                          participants=list(first.participants), date=first.date, location=first.location,
                          mentions=list(first.mentions), sentence_ids=list(first.sentence_ids),
                          flags=list(first.flags))

    @classmethod
    def _target_groups(cls, targets: list[Mention], state: ArticleState) -> list[list[Mention]]:
        """'recalled its ambassadors from the United States and Australia': recipients named as conjuncts of one
        phrase are two acts; any other recipients, and partners ("with A and B"), one."""
        return cls._conjunct_groups(targets, state, partners=True)

    @staticmethod
    def _conjunct_groups(mentions: list[Mention], state: ArticleState, partners: bool = False) -> list[list[Mention]]:
        """The actors of one side, one group per conjunct when the text names them as conjuncts of one phrase ("the
        US, Britain and France"); else one group of all."""
        actors = {m.actor.name for m in mentions}
        if len(actors) < 2 or any(m.start is None for m in mentions):
            return [mentions]
        roots = []
        for m in mentions:
            span = state.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                return [mentions]
            roots.append(span.root)
        heads = set()
        for tok in roots:
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
            heads.add(tok.i)
        if len(heads) != 1 or len({t.i for t in roots}) < len(actors):
            return [mentions]
        first = state.doc[heads.pop()]
        if partners and first.dep_ == "pobj" and first.head.lower_ == "with":
            return [mentions]  # "agreed with Russia and China": partners in one act
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(m.actor.name, []).append(m)
        return list(groups.values())

    def _sides(self, trig: Token, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
        """(actors, recipients) the syntax around the trigger names."""
        nps = self.noun_phrases
        sources: list[Mention] = []
        targets: list[Mention] = []
        if trig.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in trig.children)
            for sub in self.parties.subject_of(trig):
                (targets if passive else sources).extend(self._subject_actors(sub, state))
            if passive and not any(c.dep_ == "agent" for c in trig.children):
                sources.extend(self._announcer(trig, state))
            for c in trig.children:
                if c.dep_ in ("dobj", "obj") or c.dep_ == "dative" and c.pos_ != "ADP":
                    targets.extend(nps.np_actors(c, state) or self._inside(c, state) or
                                   self._it_before(c, sources, state))
                elif c.dep_ == "agent":
                    for o in pobjs(c):
                        sources.extend(nps.np_actors(o, state))
                elif c.dep_ in ("prep", "dative") and c.lower_ in _RECIPIENT_PREPS | {"for", "from"}:
                    # "sent aid to Egypt": the parser calls that "to" a dative
                    # "from": "recalled its ambassador from Washington", "withdrew troops from Syria"
                    for o in pobjs(c):
                        targets.extend(nps.np_actors(o, state) or self._inside(o, state))
            if not targets:
                # "demanded that the military leaders release Keita", "warned that Iran would pay": who the clause
                # said is about
                for c in trig.children:
                    if c.dep_ == "ccomp":
                        for sub in c.children:
                            if sub.dep_ in ("nsubj", "nsubjpass"):
                                targets.extend(nps.np_actors(sub, state) or self._inside(sub, state))
            if not targets:
                # "expressed concern about the Turkish offensive", "protested over Israel's raid": whose doing the
                # matter is
                for c in trig.children:
                    if c.dep_ == "prep" and c.lower_ in ("about", "over"):
                        for o in pobjs(c):
                            targets.extend(nps.np_actors(o, state) or self._inside(o, state))
        else:
            for c in trig.children:
                nation = self._nation(c, state) if c.dep_ in ("amod", "compound") and c.i < trig.i else None
                if nation is not None:
                    sources.append(nation)  # "Chinese accusations", "Russian strikes": the state whose act it is
                elif c.dep_ == "poss" or c.dep_ in ("amod", "compound", "nmod") and c.i < trig.i and (
                        c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
                    sources.extend(nps.np_actor(c, state))
                elif c.dep_ == "prep" and c.lower_ in ("by", "between"):
                    # "a ceasefire between Israel and Hamas": both sides do it
                    for o in pobjs(c):
                        sources.extend(nps.np_actors(o, state))
                elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS | {"of", "from"}:
                    for o in pobjs(c):
                        found = nps.np_actors(o, state)
                        if not found and c.lower_ in _RECIPIENT_PREPS:
                            found = self._inside(o, state)  # "protests against Macron's pension reform"
                        (sources if c.lower_ == "from" else targets).extend(found)
            np = self._measuring(trig)  # "sent thousands of tonnes of aid to Egypt": the amount is the object
            verb = np.head if np.dep_ in ("dobj", "obj", "nsubjpass", "attr") and np.head.pos_ in (
                "VERB", "AUX") else None
            if verb is not None and self._reacts(verb, trig):
                verb = None  # "Iran condemned the strikes on Syria": Iran condemned, it did not strike
            if verb is not None:
                # "the EU imposed sanctions on Russia", "Israel launched airstrikes against Hamas"
                for sub in self.parties.subject_of(verb):
                    sources.extend(nps.np_actors(sub, state))
                for c in verb.children:
                    if c.dep_ in ("prep", "dative") and c.lower_ in _RECIPIENT_PREPS:
                        for o in pobjs(c):
                            targets.extend(nps.np_actors(o, state) or self._inside(o, state))
                    elif c.dep_ == "dative" and c.pos_ != "ADP":
                        targets.extend(nps.np_actors(c, state))  # "gave Ukraine an ultimatum"
        return sources, targets

    def _reacts(self, verb: Token, noun: Token) -> bool:
        """The verb is an act of its own about the act the noun it governs names ("condemned the strikes", "demanded
        a ceasefire"), so its subject is no doer of that act (acts.toml `committing_types`)."""
        told = set(self._spec_of(verb).get("types", ()))
        return bool(told) and not told & self.act_lex.committing_types and not told & set(
            self._spec_of(noun).get("types", ()))

    def _announcer(self, trig: Token, state: ArticleState) -> list[Mention]:
        """'Joly announced that an Indian diplomat has been expelled': an act told in the passive with no agent, in
        the clause a verb of saying governs, was done by whoever says so."""
        head = trig
        while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
            head = head.head
        if head.dep_ != "ccomp" or head.head.lemma_.lower() not in self.act_lex.announcing_verbs:
            return []
        return [m for sub in head.head.children if sub.dep_ == "nsubj" for m in self._subject_actors(sub, state)]

    def _judgment_sides(self, trig: Token, state: ArticleState) -> tuple[list[Mention], list[Mention]]:
        """The speaker, and who the judged thing names ("called Russia's strikes ...": Russia)."""
        sources = [m for sub in self.parties.subject_of(trig) for m in self._subject_actors(sub, state)]
        judged = self._judged(trig)
        if judged is None:
            return sources, []
        targets = self.noun_phrases.np_actors(judged, state) or self._inside(judged, state)
        if not targets and judged.head.pos_ in ("VERB", "AUX"):
            # "said war crimes were being committed by Syrian forces": whoever the judged deed is done by
            targets = [m for c in judged.head.children if c.dep_ == "agent" for o in pobjs(c)
                       for m in self.noun_phrases.np_actors(o, state)]
        return sources, targets

    def _subject_actors(self, sub: Token, state: ArticleState) -> list[Mention]:
        """The actors a subject names, or the body its office-holders act for ("Nato ministers"), or the speaker a
        pronoun in what they said stands for ("France said it recalled its ambassadors")."""
        return self.noun_phrases.np_actors(sub, state) or state.resolve_body(sub, self.actor_lex) or \
            self._speaker(sub, state)

    def _speaker(self, pronoun: Token, state: ArticleState) -> list[Mention]:
        if pronoun.lower_ not in _SPEAKER_PRONOUNS:
            return []
        kinds = _SPEAKER_PRONOUNS[pronoun.lower_]
        return [m for m in self.noun_phrases.speakers(pronoun, state, self.act_lex.announcing_verbs)
                if kinds == "any" or (m.actor.kind == "PERSON") == (kinds == "person")]

    def _it_before(self, pronoun: Token, sources: list[Mention], state: ArticleState) -> list[Mention]:
        """'stepped up his rhetoric against the US, accusing it of ...': an "it" acted on is the latest state or
        body its sentence named before it, other than the actor."""
        if pronoun.lower_ != "it" or pronoun.pos_ != "PRON":
            return []
        actors = {id(m.actor) for m in sources}
        for t in reversed(pronoun.doc[pronoun.sent.start:pronoun.i]):
            if t.ent_type_ in ("GPE", "ORG") and t.ent_iob_ in ("B", "I") and not (
                    t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I"):
                found = [m for m in self.noun_phrases.np_actor(t, state)
                         if m.actor.kind != "PERSON" and id(m.actor) not in actors]
                if found:
                    return found[:1]
        return []

    def _inside(self, np: Token, state: ArticleState) -> list[Mention]:
        """The actors named inside a noun phrase that is no actor itself: "called for Russia's withdrawal", "demanded
        an end to the violence in Myanmar", "condemned the attack on Israel", "rejected demands from the army"."""
        out: list[Mention] = []
        # the tagger often takes a city for a facility, a person or an organisation ("shelled Kharkiv", "withdrew from
        # Kherson", "bombed Idlib"); a name that named an actor was taken before this
        ent = ent_span(np) if np.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") else None
        name = strip_the(ent.text) if ent is not None else np.text if np.pos_ == "PROPN" and not np.ent_type_ else ""
        place = self.gaz.lookup(name) if name else None
        if place is not None and place.country_code:
            # "missiles hit Kyiv", "shelled Kharkiv", "suspended Mali" (tagged as a person): a place struck or
            # targeted stands for its state
            start = ent.start_char if ent is not None else np.idx
            return [Mention(state.registry.country(place.country_code), start, start + len(name), None)]
        code = self.actor_lex.nationalities.get(np.lower_) if np.tag_ == "NNPS" else None
        if code:
            # "charged three Russians with hacking", "killed two Americans": the state's people
            return [Mention(state.registry.group(code, "civilians"), np.idx, np.idx + len(np.text), None)]
        for tok in np.subtree:
            if tok.i == np.i:
                continue
            if tok.dep_ == "poss" or tok.dep_ == "pobj" and tok.head.lower_ in ("in", "on", "against", "of", "by",
                                                                                "from"):
                out.extend(self.noun_phrases.np_actor(tok, state))
            elif tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to") and tok.head.head.i == np.i:
                out.extend(self.noun_phrases.np_actor(tok, state))  # "restored ties with Qatar", "cut aid to Gaza"
            elif tok.dep_ == "amod" and self._owned_thing(tok.head, np) and (
                    nation := self._nation(tok, state)) is not None:
                # "attacked Ukrainian positions", "condemned Israeli strikes", "froze the assets of Russian
                # oligarchs": whose things
                out.append(nation)
            elif tok.dep_ == "compound" and tok.ent_type_ == "GPE" and self._owned_thing(tok.head, np):
                out.extend(self.noun_phrases.np_actor(tok, state))  # "tariffs on U.S. exports": the state's
        return out

    def _owned_thing(self, noun: Token, np: Token) -> bool:
        """The phrase itself, a thing "of" it or struck by it, or such a thing of one of those ("the assets of Russian
        oligarchs", "sanctions on Iranian banks", "a wave of attacks on Ukrainian cities"); not an office-holder in it
        ("a conference with the German foreign minister, Heiko Maas": the minister is a person, no state's thing)."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() in self.actor_lex.office_heads:
            return False
        for _ in range(3):  # "a wave of attacks on Ukrainian cities": a thing of a thing of it
            if noun.i == np.i:
                return True
            if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "on", "against"):
                return False
            noun = noun.head.head
        return noun.i == np.i

    def _protesters(self, trig: Token, others: set[int], state: ArticleState) -> list[Mention]:
        """Protesters no name tells are the people of a state, as event data codes them (HOW_CODED.md): the state
        their nationality names ("French unions", "Palestinians protested"), else the state where they protest
        ("protests erupted in Burundi")."""
        verb = trig
        for _ in range(4):  # "unions plan another day of strikes": the verb the act noun hangs from
            if verb.pos_ == "VERB" or verb.head.i == verb.i:
                break
            verb = verb.head
        crowd = [] if trig.pos_ == "VERB" else [
            c for c in trig.children if c.dep_ in ("amod", "compound") and c.i < trig.i]
        if verb.pos_ == "VERB" and verb is not trig and trig.dep_ in ("nsubj", "nsubjpass"):
            crowd.append(trig)  # "Palestinian protesters gathered"
        elif verb.pos_ == "VERB":
            crowd += self.parties.subject_of(verb)
        for tok in crowd:
            words = [tok, *(c for c in tok.children if c.dep_ in ("amod", "compound"))]
            code = next((self.actor_lex.nationalities[w.lower_] for w in words
                         if w.lower_ in self.actor_lex.nationalities), None)
            if code:
                return [Mention(state.registry.group(code, "civilians"), tok.idx, tok.idx + len(tok.text), None)]
        draft = EventDraft(trigger=trig, mode=None, status="occurred", type="PROTEST")
        place = self.places.location([trig] if verb is trig else [trig, verb], others, draft, state)
        code = (place or {}).get("country_code")
        return [Mention(state.registry.group(code, "civilians"), None, None, None)] if code else []

    def _nation(self, tok: Token, state: ArticleState) -> Mention | None:
        """The state a nationality word names ("Chinese": China), or None."""
        code = self.actor_lex.nationalities.get(tok.lower_)
        return Mention(state.registry.country(code), tok.idx, tok.idx + len(tok.text), None) if code else None


def _dated_phrase(prep: Token) -> bool:
    """A preposition whose object is a day or a time: "on Monday"."""
    nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children) or \
        nxt is not None and nxt.ent_type_ in ("DATE", "TIME")


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
