"""Modality: whether a trigger is negated, hypothetical, generic or a call for talks, and its status (occurred or
planned) from the clauses that govern it."""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Token

from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.syntax import (
    ADJUNCT_PREPS,
    MODALS_HYPO,
    TEMPORAL_PREPS,
    TIME_CLAUSE_MARKS,
)

# determiners of a noun that names again something told before: "the meeting", "their talks"
_RESUMING = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its"})


class Modality(Stage):
    # the verbs of the doc read last that call something off ("cancelled", "called off"): token indices
    _calls_off_in: Doc | None = None
    _calls_off: tuple[int, ...] = ()
    # ------------------------------------------------------------------ modality
    def _chain(self, trig: Token) -> list[tuple[Token, str]]:
        """(ancestor, dep of the child it was reached from) up the clauses that govern the trigger's modality."""
        out = []
        node = trig
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                break
            dep = node.dep_
            if head.lemma_.lower() in self.lex.reporting_verbs:
                break
            if dep in ("relcl", "conj", "parataxis", "appos", "npadvmod"):
                break
            if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                break
            if dep == "pobj" and head.lower_ in TEMPORAL_PREPS:
                break
            if dep == "pcomp" and head.lower_ in TEMPORAL_PREPS:
                break
            if dep in ("nsubj", "nsubjpass") and head.lemma_.lower() not in self.lex.planning_verbs | {"be"}:
                break
            out.append((head, dep))
            node = head
        return out

    def blocked(self, trig: Token, generic: bool = True) -> bool:
        """Negated, hypothetical, generic (unless `generic` is False), or a call for talks: no event."""
        if generic and self.generic(trig):
            return True
        shared = self._shared_verb(trig)
        if shared is not None and self.blocked(shared, generic=False):
            return True  # "could meet Putin and discuss Syria": the second verb is as hypothetical as the first
        nodes = [trig] + [n for n, _ in self._chain(trig)]
        reported = self._under_reporting(trig)
        for i, node in enumerate(nodes):
            for child in node.children:
                low = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and low in ("no", "neither")):
                    return True
                if child.dep_ == "aux" and low in MODALS_HYPO:
                    return True
                if child.dep_ == "aux" and low in ("would", "'d") and not reported and (
                        not self._dated(node) or self.conditional(node)):
                    return True  # "would meet Putin on June 19": a plan reported in the past tense, not a wish
                if child.dep_ == "mark" and low in ("if", "whether", "unless"):
                    return True
                if i == 0 and child.dep_ in ("npadvmod", "advmod") and child.lemma_.lower() == "time" and any(
                        g.dep_ == "nummod" or g.dep_ == "amod" and child.lower_ == "times" for g in child.children):
                    # "travelled to Syria three times", "has met them many times": a tally, not one of them
                    return True
                if i == 0 and child.dep_ == "advmod" and low in ("once", "twice") and any(
                        g.lower_ == "only" for g in child.children):
                    return True  # "have spoken only once since": a tally, not a report of one exchange
                if i == 0 and child.dep_ == "advmod" and low in ("twice", "thrice") and node.lemma_.lower() in \
                        self.lex.movement_verbs | {"visit"}:
                    return True  # "he returned to Syria twice": a tally of journeys, not one of them
                if i == 0 and child.dep_ == "amod" and low in self.lex.hypothetical_words:
                    return True
            if i > 0 and (node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in self.lex.negating_verbs
                          or node.pos_ == "NOUN" and node.lemma_.lower() in self.lex.negating_nouns
                          and node.head.lemma_.lower() not in self.lex.accepting_verbs):
                # "refused to meet", "an attempt to meet"; not "accounts in the press of the call", nor "accepted an
                # invitation to visit"
                return True
            if i > 0 and node.pos_ in ("NOUN", "ADJ") and node.lower_ in self.lex.hypothetical_words:
                return True
        head = trig.head
        if trig.dep_ == "pobj" and head.lower_ == "without":
            return True
        return self._called_off(trig)

    def _called_off(self, trig: Token) -> bool:
        """An exchange or act the sentence calls off ("his visit to Japan was called off"), or a plan it goes on to
        call off, naming it again by a definite noun of the same mode ("Corker was due to meet the president, but
        the meeting was cancelled")."""
        doc = trig.doc
        if self._calls_off_in is not doc:
            # read once per doc: most articles call nothing off, and this is asked of every candidate
            self._calls_off_in = doc
            strings = doc.vocab.strings
            lemmas = doc.to_array([LEMMA, POS]) if len(doc) else numpy.zeros((0, 2), dtype=numpy.uint64)
            wanted = numpy.array([strings.add(w) for w in self.lex.calling_off_verbs | {"call"}], dtype=numpy.uint64)
            self._calls_off = tuple(int(i) for i in numpy.nonzero(numpy.isin(lemmas[:, 0], wanted)
                                                                 & (lemmas[:, 1] == VERB))[0]
                                    if doc[int(i)].lemma_ != "call" or any(c.dep_ == "prt" and c.lower_ == "off"
                                                                           for c in doc[int(i)].children))
        if not self._calls_off:
            return False
        sent = trig.sent
        for i in self._calls_off:
            if not trig.i < i < sent.end:
                continue
            verb = doc[i]
            for noun in verb.children:
                if noun.dep_ not in ("nsubjpass", "dobj"):
                    continue
                if noun.i == trig.i:
                    return True  # "his visit to Japan was called off"
                if noun.lemma_.lower() in self.lex.nouns and \
                        any(d.dep_ in ("det", "poss") and d.lower_ in _RESUMING for d in noun.children) and \
                        self.lex.nouns[noun.lemma_.lower()].get("mode") == self.candidates.spec(trig).get("mode") and \
                        self.status(trig)[0] == "planned":
                    return True
        return False

    @staticmethod
    def _dated(verb: Token) -> bool:
        """Whether a clause names the day or month it happens ("on June 19", "next week")."""
        return any(c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "advmod") or c.dep_ == "prep" and any(
            g.dep_ == "pobj" and g.ent_type_ == "DATE" for g in c.children) for c in verb.children)

    @staticmethod
    def conditional(verb: Token, marks: frozenset[str] | tuple[str, ...] = ("if", "unless")) -> bool:
        """'would meet Xi on June 19 if the summit went ahead': a clause under a condition (opened by one of
        `marks`)."""
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
                   for c in verb.children)

    def generic(self, trig: Token) -> bool:
        """A word that makes the trigger a habit or a series: "often meet", "repeatedly warned", "annual summit"."""
        return any(c.dep_ in ("advmod", "amod", "det") and c.lower_ in self.lex.generic_words for c in trig.children)

    def habit(self, trig: Token) -> bool:
        """A habit told by an adverb or a determiner: "often meet", "meet regularly", "every meeting" (an adjective,
        "an annual summit", names a series one round of which may be the event)."""
        return any(c.dep_ in ("advmod", "det") and c.lower_ in self.lex.generic_words for c in trig.children)

    def _under_reporting(self, trig: Token) -> bool:
        return any(a.lemma_.lower() in self.lex.reporting_verbs for a in trig.ancestors)

    def status_chain(self, trig: Token) -> list[Token]:
        """Clauses whose tense and modality carry over to the trigger: unlike negation, the tense crosses
        'before heading to Beijing', but not 'since meeting' or 'after arriving' (those look back)."""
        out = []
        node = trig
        for _ in range(6):
            head = node.head
            if head.i == node.i or head.lemma_.lower() in self.lex.reporting_verbs:
                break
            if node.dep_ in ("relcl", "conj", "parataxis", "appos", "npadvmod", "ccomp"):
                break
            if node.dep_ in ("pobj", "pcomp") and head.lower_ in ("since", "after", "following", "than"):
                break
            if node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_CLAUSE_MARKS
                                            for c in node.children):
                break  # "what was agreed when Trump met Putin": the meeting is told as fact
            if node.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in self.lex.planning_verbs | {"be"}:
                break
            out.append(head)
            node = head
        return out

    @staticmethod
    def _shared_verb(trig: Token) -> Token | None:
        """The first verb of a coordination whose auxiliary a bare second verb shares ("will hold talks with Xi and
        meet other leaders": "meet" is as planned as "hold")."""
        if trig.dep_ != "conj" or trig.tag_ != "VB" or trig.head.pos_ not in ("VERB", "AUX") or any(
                c.dep_ in ("aux", "auxpass", "neg") for c in trig.children):
            return None
        return trig.head

    def status(self, trig: Token) -> tuple[str, bool]:
        shared = self._shared_verb(trig)
        if shared is not None:
            return self.status(shared)
        nodes = [trig] + self.status_chain(trig)
        for i, node in enumerate(nodes):
            for child in node.children:
                low = child.lower_
                if child.dep_ == "aux" and low in ("will", "'ll", "shall", "wo", "would"):
                    return "planned", False
                if child.dep_ in ("amod", "compound") and low in self.lex.planning_adjectives and i == 0:
                    return "planned", False
                if child.dep_ == "aux" and low == "to" and node.head.lemma_ == "be" and node.dep_ == "xcomp":
                    return "planned", False
            if i > 0 and node.pos_ in ("VERB", "AUX", "ADJ") and (
                    node.lemma_.lower() in self.lex.planning_verbs or node.lower_ in ("due", "about")):
                if node.lemma_.lower() == "go" and not any(c.dep_ == "aux" for c in node.children):
                    continue
                if self._framed(trig, node):
                    continue
                if node.lemma_.lower() in ("agree", "announce", "confirm", "decide", "arrange") and node.tag_ in (
                        "VBD", "VBN") or node.lemma_.lower() not in ("agree", "announce", "confirm", "decide",
                                                                     "arrange"):
                    return "planned", False
            if i > 0 and node.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in ("due", "expected", "set")
                                                      for c in node.children):
                return "planned", False  # "Lavrov is due in Ankara on Tuesday for talks"
            adverb = self.lex.planning_adverbs.get(node.lemma_.lower())
            if i > 0 and adverb is not None and any(c.lower_ == adverb for c in node.children):
                return "planned", False  # "looks forward to hosting the two ministers"
            if i > 0 and node.pos_ == "NOUN" and node.lemma_.lower() in self.lex.negating_nouns and \
                    node.head.lemma_.lower() in self.lex.accepting_verbs:
                return "planned", False  # "accepted an invitation to visit Washington"
            if i > 0 and node.lower_ in self.lex.planning_nouns:
                # "Plans for a call were accelerated": a plan told in the past may be of the call already reported
                gov = node.head
                past = gov.tag_ in ("VBD", "VBN") and not any(c.lower_ in ("will",) for c in gov.children)
                return "planned", past
        if trig.dep_ in ("nsubj", "nsubjpass") and trig.head.pos_ in ("VERB", "AUX"):
            # "Talks will resume in Vienna", "the summit is to open on Monday"
            head = trig.head
            if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in head.children) or (
                    head.dep_ == "xcomp" and head.head.lemma_ == "be" and any(c.lower_ == "to" for c in head.children)):
                return "planned", False
        if trig.pos_ == "VERB" and trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in
                                                              trig.children) and trig.dep_ == "xcomp":
            return "planned", False
        if self._after_present(trig):
            return "planned", False
        if self._scheduled(trig):
            return "planned", True
        return "occurred", False

    @staticmethod
    def _framed(trig: Token, verb: Token) -> bool:
        """'agreed during a phone call to extend the deal', 'the plan was agreed at a meeting on June 6', 'agreed a
        new border arrangement at the meeting': the exchange framed what was agreed (or announced), so it was held.
        A phrase hung on the verb's object counts only with the prepositions that cannot tell a topic ("agreed a
        deal on talks" may be a plan). The verb told in the past: "will agree at the summit" is still to come."""
        told_past = verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)
        if not told_past or trig.dep_ != "pobj":
            return False
        prep = trig.head
        if prep.head.i == verb.i:
            return prep.lower_ in ADJUNCT_PREPS
        return prep.lower_ in ("at", "during") and prep.head.dep_ in ("dobj", "obj") and prep.head.head.i == verb.i

    def _scheduled(self, trig: Token) -> bool:
        """'The NATO summit starts on Tuesday', 'Putin arrives in Beijing on Monday': the simple present with a day
        to come is the news' timetable (a guess: "weak", so a report of the same exchange decides)."""
        verb = trig if trig.pos_ == "VERB" else trig.head if trig.dep_ in ("nsubj", "nsubjpass") and \
            trig.head.pos_ == "VERB" else None
        if verb is None or verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return False
        days = [t for c in verb.children if c.dep_ in ("prep", "npadvmod")
                for t in ([c] if c.dep_ == "npadvmod" else [g for g in c.children if g.dep_ == "pobj"])]
        return any(t.ent_type_ == "DATE" and t.lower_ in self.lex.coming_day_words for d in days for t in d.subtree)

    @staticmethod
    def _after_present(trig: Token) -> bool:
        """'ministers are meeting in Vienna ahead of the Friday talks': what comes after a present or future happening
        is still to come (after a past one it may have come since)."""
        if trig.dep_ != "pobj":
            return False
        prep = trig.head
        if prep.lower_ == "of" and prep.head.lower_ == "ahead":
            verb = prep.head.head
        elif prep.lower_ == "before" and prep.dep_ == "prep":
            verb = prep.head
        else:
            return False
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll", "shall") for a in auxes):
            return True
        tenses = [verb.tag_] + [a.tag_ for a in auxes]
        return "VBD" not in tenses and any(t in ("VBZ", "VBP") for t in tenses)

    def definite_exchange(self, trig: Token, governing: Token | None, draft: EventDraft) -> bool:
        """'Kurdish officials held talks with the Syrian government', 'rebel leaders met the Russian envoy': an
        exchange told as one past happening, though neither dated nor placed. Not a habit told in the present, a
        background perfect or gerund, nor a topic negotiated ("negotiated the deal with Russia" reports the deal)."""
        if draft.status != "occurred" or draft.weak_status:
            return False
        if trig.pos_ != "VERB" and trig.tag_ == "NNS" and not self.lex.nouns.get(trig.lemma_.lower(), {}).get(
                "plural_only"):
            return False  # "held meetings with Russia": a series, not one exchange ("held talks" is one)
        verb = trig if trig.pos_ == "VERB" else governing
        return verb is not None and verb.tag_ == "VBD" and trig.lemma_.lower() not in self.lex.topic_verbs
