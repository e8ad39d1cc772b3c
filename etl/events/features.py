"""What the trained decision sees of a candidate event: its trigger and the clause around it, the rules' flags, its
parties, place, date and status. Plain `name -> value` dicts (a categorical value is `name=value -> 1.0`), so the
model is a weight per name and needs no library to apply.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.names import folded_words
from etl.ontology import ontology

if TYPE_CHECKING:
    from etl.events.completion import PartyCandidate

_MODAL_WORDS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll", "to"})
_QUOTES = ('"', "“", "”")
# the determiners of a noun trigger the decision tells apart ("the talks", "a meeting", "such attacks", "no deal"); any
# other counts as "other"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "any", "no", "every", "each", "such",
                          "another", "some", "all", "both"})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


class Features(Stage):
    def of(self, draft: EventDraft, state: ArticleState) -> dict[str, float]:
        f: dict[str, float] = {"bias": 1.0}
        trig = draft.trigger
        lemma = trig.lemma_.lower()
        kind = draft.type
        for name, value in (("lemma", f"{kind}:{lemma}"), ("pos", trig.pos_), ("tag", trig.tag_), ("dep", trig.dep_),
                            ("mode", f"{kind}:{draft.mode}"), ("status", f"{kind}:{draft.status}"),
                            ("type", kind), ("type_pos", f"{kind}:{trig.pos_}")):
            f[f"{name}={value}"] = 1.0
        if kind == "CONSULT":
            f[f"spec_mode={self._spec_mode(trig)}"] = 1.0
        else:
            f["act"] = 1.0
            f[f"n_types={self.acts.type_count(trig)}"] = 1.0
        for flag in draft.flags:
            f[f"flag={flag}"] = 1.0
        if not draft.flags:
            f["no_flags"] = 1.0
        self._parties(draft, f)
        self._told_before(draft, state, f)
        self._when_where(draft, state, f)
        self._clause(trig, f)
        self._phrase(trig, f)
        text, length, _start = self._sentence(trig, state)
        f[f"sentence={_bucket(state.sentence_index, (0, 2, 5, 10))}"] = 1.0
        if any(q in text for q in _QUOTES):
            f["quoted"] = 1.0
        f[f"sent_len={_bucket(length, (15, 30, 50))}"] = 1.0
        for key in ("weak_status", "host_added", "brokered", "convened", "paired"):
            if getattr(draft, key):
                f[key] = 1.0
        if draft.vague_side:
            f["vague_side"] = 1.0
        if draft.completed:
            f[f"completed={min(draft.completed, 2)}"] = 1.0
        # One model weighs every type, and a party count, a flag or a clause speaks differently of each (one named
        # side is enough for a protest, not for a meeting): each feature comes once more, conjoined with the type.
        # (5-fold cross-validation over train+dev: macro F1 over the 16 types 0.42 without, 0.44 with; conjoined
        # with CONSULT / the other types only, 0.43.) Once more, conjoined with the quad class: the types of one class
        # share what they learn (an accusation and a threat are both told by a verb of saying), while a class's few
        # rows cannot move another's (judged nested, two deals: 0.472 / 0.456 before, 0.482 / 0.467 with it; with
        # the class for every type but CONSULT, 0.472 / 0.460).
        conjoined = list(f.items())
        f.update({f"{kind}|{name}": value for name, value in conjoined})
        quad = ontology().quad_class(kind)
        f.update({f"{quad}|{name}": value for name, value in conjoined})
        return f

    def _spec_mode(self, trig: Token) -> str:
        return str(self.candidates.spec(trig).get("mode", "none"))

    def _parties(self, draft: EventDraft, f: dict[str, float]) -> None:
        actors = draft.actors
        named = [p for p in draft.participants if p.mention.start is not None]
        f[f"n_actors={min(len(actors), 3)}"] = 1.0
        # a visit needs its visitor only (the host is implied), a meeting two sides, a summit its body: how many
        # parties are enough depends on the kind of exchange
        f[f"mode_n_actors={draft.type}:{draft.mode}:{min(len(actors), 3)}"] = 1.0
        f[f"n_named={min(len({p.mention.actor.name for p in named}), 3)}"] = 1.0
        kinds = sorted({a.kind for a in actors})
        f[f"kinds={'+'.join(kinds)}"] = 1.0
        f[f"mode_kinds={draft.mode}:{'+'.join(kinds)}"] = 1.0
        for a in actors:
            f[f"kind={a.kind}"] = 1.0
        codes = {a.country_code for a in actors if a.country_code}
        f[f"n_countries={min(len(codes), 3)}"] = 1.0
        if any(p.mention.title for p in named) or any(a.titles for a in actors if a.kind == "PERSON"):
            f["titled"] = 1.0
        if any(self.actor_lex.is_leader(a) for a in actors if a.kind == "PERSON"):
            f["leader"] = 1.0
        persons = [a for a in actors if a.kind == "PERSON"]
        if persons and all(len(a.name.split()) == 1 for a in persons):
            f["surnames_only"] = 1.0
        if persons and not any(a.country_code for a in persons):
            f["persons_no_country"] = 1.0
        roles = sorted({p.role for p in draft.participants})
        f[f"roles={'+'.join(roles)}"] = 1.0

    @staticmethod
    def _told_before(draft: EventDraft, state: ArticleState, f: dict[str, float]) -> None:
        """How often the article told an act of this type by these parties before: a real exchange is told again
        ("the talks", "the two leaders also discussed"), a passing mention seldom. Records this candidate for the
        ones after it."""
        # by the last word of each name: "Erdoğan" is "Recep Tayyip Erdogan" told again
        names = frozenset(words[-1] for a in draft.actors if (words := folded_words(a.name)))
        need = min(2, len(names))
        times = sum(1 for kind, told in state.told if kind == draft.type and need and len(names & told) >= need)
        f[f"told_before={min(times, 2)}"] = 1.0
        # ... and an act of another type by them ("agreed to ..." told of the meeting where they agreed)
        related = sum(1 for kind, told in state.told if kind != draft.type and need and len(names & told) >= need)
        f[f"related_before={min(related, 2)}"] = 1.0
        state.told.append((draft.type, names))

    def _when_where(self, draft: EventDraft, state: ArticleState, f: dict[str, float]) -> None:
        if draft.date is None:
            f["no_date"] = 1.0
        else:
            f[f"date_precision={draft.date.get('precision')}"] = 1.0
            if state.anchor is not None:
                days = (date.fromisoformat(draft.date["start"]) - state.anchor).days
                f[f"date_offset={'future' if days > 0 else _bucket(-days, (0, 7, 31, 365))}"] = 1.0
        if draft.location is None:
            f["no_location"] = 1.0
        else:
            f[f"location_kind={draft.location.get('kind', 'city')}"] = 1.0
            codes = {a.country_code for a in draft.actors if a.country_code}
            if draft.location.get("country_code") in codes:
                f["location_of_a_party"] = 1.0

    def _clause(self, trig: Token, f: dict[str, float]) -> None:
        """Tense, modality and negation around the trigger: its own children and the verbs above it."""
        verb = trig if trig.pos_ in ("VERB", "AUX") else next(
            (a for a in trig.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            f[f"verb_tag={verb.tag_}"] = 1.0
            if verb is not trig:
                f[f"governing={verb.lemma_.lower()}"] = 1.0
        for node in [trig, *list(trig.ancestors)[:3]]:
            for c in node.children:
                low = c.lower_
                if c.dep_ == "neg":
                    f["negated"] = 1.0
                if c.dep_ in ("aux", "auxpass") and low in _MODAL_WORDS:
                    f[f"aux={low}"] = 1.0
            if node is not trig and node.pos_ in ("VERB", "AUX"):
                f[f"above={node.lemma_.lower()}"] = 1.0
                if node.lemma_.lower() in self.lex.reporting_verbs:
                    f["reported"] = 1.0

    @staticmethod
    def _phrase(trig: Token, f: dict[str, float]) -> None:
        """How the trigger's own phrase refers: a noun's determiner, number and modifiers ("the attack", "wars",
        "a possible meeting", "two rounds"), a verb's subject ("they fought", "troops fought", "Russia fought").
        A bare plural or a noun with no determiner often names a kind of act, not one act."""
        if trig.pos_ in ("NOUN", "PROPN"):
            dets = [c for c in trig.children if c.dep_ in ("det", "poss", "nummod", "predet")]
            for c in dets:
                kind = "poss" if c.dep_ == "poss" else "num" if c.dep_ == "nummod" else \
                    c.lower_ if c.lower_ in _DETERMINERS else "other"
                f[f"np_det={kind}"] = 1.0
            if not dets:
                f["np_det=none"] = 1.0
                if trig.tag_ in ("NNS", "NNPS"):
                    f["bare_plural"] = 1.0
            for c in trig.children:
                if c.dep_ == "amod":
                    f["np_amod"] = 1.0
                elif c.dep_ == "compound":
                    f[f"np_compound={c.ent_type_ or c.pos_}"] = 1.0
        elif trig.pos_ in ("VERB", "AUX"):
            subjects = [c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")]
            f[f"subject={subjects[0].pos_ if subjects else 'none'}"] = 1.0
            if subjects and subjects[0].pos_ == "NOUN" and subjects[0].tag_ == "NNS" and \
                    not any(c.dep_ in ("det", "poss") for c in subjects[0].children):
                f["subject_bare_plural"] = 1.0

    def of_party(self, draft: EventDraft, cand: PartyCandidate, cands: list[PartyCandidate],
                 state: ArticleState) -> dict[str, float]:
        """What the party model sees of one candidate party of a candidate event."""
        trig = draft.trigger
        actor = cand.actor
        rule = [c for c in cands if c.source == "rule"]
        f: dict[str, float] = {"bias": 1.0, f"src={cand.source}": 1.0, f"kind={actor.kind}": 1.0,
                               f"src_kind={cand.source}:{actor.kind}": 1.0, f"mode={draft.mode}": 1.0,
                               f"type={draft.type}": 1.0, f"type_src={draft.type}:{cand.source}": 1.0,
                               f"n_rule={min(len(rule), 2)}": 1.0, f"n_cands={min(len(cands), 5)}": 1.0,
                               f"trig={trig.lemma_.lower()}": 1.0}
        if actor.kind == "PERSON":
            if actor.titles or cand.mention.title:
                f["titled"] = 1.0
            if self.actor_lex.is_leader(actor):
                f["leader"] = 1.0
            if len(actor.name.split()) == 1:
                f["one_word_name"] = 1.0
        if actor.kind == "ORG" and actor.name.lower() in self.actor_lex.media:
            f["media"] = 1.0
        codes = {c.actor.country_code for c in rule if c.actor.country_code}
        if actor.country_code and actor.country_code in codes:
            f["same_country_as_rule_party"] = 1.0
            f[f"same_country_as_rule_party:{draft.type}"] = 1.0
        if actor.country_code and actor.country_code == (draft.location or {}).get("country_code"):
            f["country_of_place"] = 1.0
        tok = cand.anchor
        if tok is None:
            return f
        f[f"dep={tok.dep_}"] = 1.0
        head = tok.head
        if head.i == trig.i:
            f[f"rel=child:{tok.dep_}"] = 1.0
        elif head.dep_ in ("prep", "agent") and head.head.i == trig.i:
            f[f"rel=pobj:{head.lower_}"] = 1.0
        elif head.dep_ in ("prep", "agent"):
            f[f"prep={head.lower_}"] = 1.0
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in self.lex.reporting_verbs and \
                tok.dep_ in ("nsubj", "nsubjpass"):
            f["speaker"] = 1.0
        ancestors = {a.i for a in trig.ancestors}
        if tok.i in ancestors or any(a.i == trig.i for a in tok.ancestors):
            f["same_branch"] = 1.0
        f[f"side={'before' if tok.i < trig.i else 'after'}"] = 1.0
        f[f"distance={_bucket(abs(tok.i - trig.i), (2, 5, 10, 20))}"] = 1.0
        f[f"tree_distance={_bucket(_tree_distance(tok, trig), (1, 2, 3, 5))}"] = 1.0
        text, _length, start = self._sentence(trig, state)
        if any(q in text[: max(0, tok.idx - start)] for q in _QUOTES):
            f["after_quote_mark"] = 1.0
        return f

    @staticmethod
    def _sentence(trig: Token, state: ArticleState) -> tuple[str, int, int]:
        """(text, tokens, first character) of the trigger's sentence, read once per sentence."""
        found = state.sentence_texts.get(state.sentence_index)
        if found is None:
            sent = trig.sent
            found = state.sentence_texts[state.sentence_index] = (sent.text, len(sent), sent.start_char)
        return found


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    depth = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in depth:
            return n + depth[t.i]
    return 99
