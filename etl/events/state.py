"""What the extractor remembers while reading one article."""

from __future__ import annotations

from datetime import date

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from etl.actors import Actor, ActorLexicon, ActorRegistry, Mention
from etl.arrays import in_sorted, sorted_ids
from etl.events.draft import EventDraft
from etl.events.syntax import ent_span


def string_ids(words: set[str]) -> numpy.ndarray:
    """The hashes of words as a doc's arrays hold them, in lower case, title case and upper case."""
    return sorted_ids([get_string_id(v) for w in words for v in (w, w.title(), w.upper())])


class TokenIndex:
    """Which tokens of a doc each per-sentence pass has to look at, read once from the doc's arrays: reading every
    Token object of every sentence in several passes is what costs on long articles."""

    def __init__(self, doc: Doc, trigger_ids: numpy.ndarray) -> None:
        n = len(doc)
        arr = doc.to_array([LEMMA, LOWER, POS, DEP]) if n else numpy.zeros((0, 4), dtype=numpy.uint64)
        strings = doc.vocab.strings
        lemma, lower, pos, dep = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]
        self.triggers = numpy.nonzero(in_sorted(lemma, trigger_ids) | in_sorted(lower, trigger_ids))[0]
        self.be = numpy.nonzero(lemma == get_string_id("be"))[0]
        verbs = numpy.isin(pos, numpy.array([strings["VERB"], strings["AUX"]], dtype=numpy.uint64)) & numpy.isin(
            dep, numpy.array([strings["ROOT"], strings["conj"]], dtype=numpy.uint64))
        args = numpy.isin(dep, numpy.array([strings[d] for d in ("nsubj", "nsubjpass", "pobj", "dobj")],
                                           dtype=numpy.uint64))
        self.clauses = numpy.nonzero(verbs | args)[0]

    @staticmethod
    def within(indices: numpy.ndarray, sent: Span) -> list[int]:
        lo, hi = numpy.searchsorted(indices, [sent.start, sent.end])
        return [int(i) for i in indices[lo:hi]]


class ArticleState:
    """What the extractor remembers while reading one article: actors, recent pairs, the publication date."""

    def __init__(self, doc: Doc, registry: ActorRegistry, anchor: date | None,
                 trigger_ids: numpy.ndarray | None = None) -> None:
        self.doc = doc
        self.index = TokenIndex(doc, trigger_ids if trigger_ids is not None else numpy.zeros(0, numpy.uint64))
        # Doc.text is rebuilt on every read; the tokenizer keeps the text it was given (not in a Doc from elsewhere)
        self.text = doc._.source_text if doc.has_extension("source_text") and doc._.source_text is not None \
            else doc.text
        self.registry = registry
        self.anchor = anchor
        self.text_start = 0  # where the text starts after its dateline ("Doha, Feb 12: "): no event's date is in it
        self.pairs: list[tuple[int, list[Actor]]] = []
        self.orphans: list[EventDraft] = []  # dated mentions whose parties went unnamed ("a senior adviser met")
        # (sentence, trigger lemma, place) of exchanges told in a place with no parties ("London's summit")
        self.unnamed: list[tuple[int, str, str]] = []
        self.unreported = ""  # the place of the exchange just built, when its parties went (mostly) unnamed
        self.sentence_index = 0
        self.prev_sentence: Span | None = None
        self._singular: dict[int, list[Mention]] = {}
        # the candidate parties a sentence offers, found once for all the candidates it gives (etl.events.completion)
        self.sentence_parties: dict[int, list] = {}
        self.sentence_texts: dict[int, tuple[str, int, int]] = {}  # (text, tokens, first char) by sentence index
        self.article_countries: list | None = None  # the countries the article is about (etl.events.completion)
        # (type, folded names of the parties) of every candidate weighed so far, whatever the decision made of it
        self.told: list[tuple[str, frozenset[str]]] = []

    def resolve_pair(self, tok: Token, phrase: str, lex: ActorLexicon) -> list[Mention]:
        want_leaders = phrase in lex.leader_anaphora
        want_countries = phrase in lex.country_anaphora
        sent_start = tok.sent.start
        # cataphora: "During their talks in November, Biden and Xi reached agreements"
        if tok.dep_ == "poss":
            root = tok.sent.root
            for c in root.children:
                if c.dep_ == "nsubj" and c.i > tok.i:
                    persons = [self._person(t) for t in [c, *c.conjuncts]]
                    persons = [m for m in persons if m is not None]
                    if len(persons) == 1:
                        # "Speaking at a press conference with Scholz after their talks, Macron said": the subject and
                        # the one they appeared with
                        partners = [m for t in tok.sent if t.i < c.i and t.dep_ == "pobj" and t.head.lower_ == "with"
                                    for m in [self._person(t)] if m is not None and m.actor is not persons[0].actor]
                        if len({id(m.actor) for m in partners}) == 1:
                            persons.append(partners[0])
                    if len(persons) >= 2:
                        return [Mention(m.actor, m.start, m.end, m.title) for m in persons]
        limit = 0 if want_leaders else max(0, self.sentence_start_before(tok, 2))
        for i, actors in reversed(self.pairs):
            if i >= tok.i or i < limit and i < sent_start:
                continue
            # "Modi and his Pakistani counterpart Nawaz Sharif ... the two leaders": one a leader, the other of
            # no office the article gave
            if want_leaders and not (any(lex.is_leader(a) for a in actors) and all(
                    a.kind == "PERSON" and (lex.is_leader(a) or not (a.titles or a.descriptions)) for a in actors)):
                continue
            if want_countries:
                codes = []
                for a in actors:
                    if a.country_code and a.country_code not in codes:
                        codes.append(a.country_code)
                if len(codes) < 2:
                    continue
                return [Mention(self.registry.country(c), tok.idx, tok.idx + len(tok.text), None) for c in codes[:2]]
            return [Mention(a, tok.idx, tok.idx + len(tok.text), None) for a in actors]
        return []

    def resolve_by_states(self, tok: Token, codes: list[str], lex: ActorLexicon) -> list[Mention]:
        """'Trump and May spoke ... The leaders of the UK and US agreed': the latest group of persons named together
        whose offices fit the noun and whose countries are those states, one each; a person whose country the
        article never gave takes the one state left over."""
        head = tok.lemma_.lower()
        leaders = lex.is_leader_title(head)
        for i, actors in reversed(self.pairs):
            if i >= tok.i or len(actors) != len(codes):
                continue
            if not all(lex.is_leader(a) if leaders else head in " ".join(a.titles).lower() for a in actors):
                continue
            known = [a.country_code for a in actors if a.country_code]
            unknown = [a for a in actors if not a.country_code]
            if len(set(known)) != len(known) or not set(known) <= set(codes) or len(unknown) > 1:
                continue
            for a in unknown:
                a.country_code = next(c for c in codes if c not in known)
            return [Mention(a, tok.idx, tok.idx + len(tok.text), None) for a in actors]
        return []

    def _person(self, tok: Token) -> Mention | None:
        """The person a token names, or the one named in apposition to a noun ("the chancellor, Olaf Scholz")."""
        return self.registry.person_named(tok) if tok.pos_ == "NOUN" else self.registry.person_at(tok)

    def resolve_singular(self, tok: Token, depth: int = 0) -> list[Mention]:
        """'he met ...': the latest person named as a subject in this or the previous sentence; a possessive in a
        fronted phrase points forward to the clause's subject ("On his regional tour, Pompeo said ..."); a chain of
        "he" subjects leads back to the name ("Talabani invested ... He eschewed ... he shook the hand of ...").
        Read once per pronoun: the answer depends on the text and its persons alone."""
        if depth == 0:
            found = self._singular.get(tok.i)
            if found is None:
                found = self._singular[tok.i] = self._resolve_singular(tok, 0)
            return found
        return self._resolve_singular(tok, depth)

    def _resolve_singular(self, tok: Token, depth: int) -> list[Mention]:
        if tok.dep_ == "poss":
            root = tok.sent.root
            for c in root.children:
                if c.dep_ == "nsubj" and c.i > tok.i and self.registry.person_at(c) is not None and not any(
                        t.dep_ in ("nsubj", "nsubjpass") and self.registry.person_at(t) is not None
                        for t in self.doc[tok.sent.start:tok.i]):
                    m = self.registry.person_at(c)
                    return [Mention(m.actor, tok.idx, tok.idx + len(tok.text), m.title)]
        start = self.sentence_start_before(tok, 1)
        best = None
        pronoun: Token | None = None  # a "he"/"she" subject after the latest named one
        for t in self.doc[start:tok.i]:
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she") and t.pos_ == "PRON":
                pronoun = t
                continue
            # "Erdoğan's ambition ... climaxed when he visited Cairo": the subject's possessor in this sentence, when
            # no other name comes between ("Pompeo's address echoed Trump, ... on his first trip"); a noun the
            # parser made the root of a sentence is its subject
            if t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") or \
                    t.dep_ == "poss" and t.head.dep_ in ("nsubj", "nsubjpass", "ROOT") and \
                    self._possessor_stands(t, tok):
                # "The Russian president, Vladimir Putin,"
                m = self.registry.person_named(t) or self._titled(t)
                if m is not None:
                    best, pronoun = m, None
        if best is None and pronoun is not None and depth < 4:
            found = self.resolve_singular(pronoun, depth + 1)
            best = found[0] if found else None
        if best is None or self._other_antecedent(tok, best.actor):
            return []
        return [Mention(best.actor, tok.idx, tok.idx + len(tok.text), best.title)]

    def resolve_body(self, tok: Token, lex: ActorLexicon) -> list[Mention]:
        """'It demanded ...', 'The bloc condemned ...', 'the organization warned': the latest body or state named as
        a subject in this or the two sentences before."""
        low = tok.lower_
        if not (low in ("it", "its") and tok.pos_ == "PRON" or tok.lemma_.lower() in lex.body_nouns and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)):
            return []
        start = self.sentence_start_before(tok, 2)
        for t in reversed(self.doc[start:tok.i]):
            if t.dep_ not in ("nsubj", "nsubjpass") or t.ent_type_ not in ("ORG", "GPE", "NORP"):
                continue
            ent = ent_span(t) or self.doc[t.left_edge.i:t.i + 1]
            code = lex.institutions.get(ent.text.lower().removeprefix("the "))
            if code == "":
                continue
            actor = self.registry.country(code) if code else None
            if actor is None and t.ent_type_ == "GPE":
                place_code = lex.nationalities.get(t.lower_)
                actor = self.registry.country(place_code) if place_code else None
            if actor is None and t.ent_type_ == "ORG":
                actor = self.registry.org(ent.text.removeprefix("the ").removeprefix("The "))
            if actor is not None:
                return [Mention(actor, tok.idx, tok.idx + len(tok.text), None)]
        return []

    def _titled(self, t: Token) -> Mention | None:
        """'After his meeting, the prime minister will set out for Beijing. The next day, he will meet ...': a
        subject that is a title with "the" is the person the article gave it last."""
        if t.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return None
        return self.registry.person_by_title(list(self.doc[t.left_edge.i:t.i + 1]), t.i)

    def _possessor_stands(self, t: Token, tok: Token) -> bool:
        """The possessor `t` is in the pronoun's sentence, and no other named person comes between them."""
        if t.i < tok.sent.start:
            return False
        mine = self.registry.person_at(t)
        return not any((other := self.registry.person_at(u)) is not None and mine is not None
                       and other.actor is not mine.actor for u in self.doc[t.i + 1:tok.i])

    def _other_antecedent(self, tok: Token, actor: Actor) -> bool:
        """'speeches from Trump, the most significant of which he gave on his first trip': a pronoun in a relative
        clause about another named person's doings is that person's, not the sentence subject's."""
        node = tok
        for _ in range(4):
            if node.dep_ == "relcl":
                for cand in (node.head, node.head.head):
                    m = self.registry.person_at(cand)
                    if m is not None and m.actor is not actor:
                        return True
                return False
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def sentence_start_before(self, tok: Token, n: int) -> int:
        sent = tok.sent
        start = sent.start
        for _ in range(n):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start
