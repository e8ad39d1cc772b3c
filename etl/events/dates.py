"""Dates of an exchange: the date phrase of its clause or the clause governing it, resolved against the
publication date; 'later that day', counts back ('two days of talks'), journeys and earlier mentions."""

from __future__ import annotations

import re
from collections import deque
from datetime import date, timedelta

from spacy.tokens import Span, Token

from etl.dates import VAGUE
from etl.events.draft import EventDraft
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    DAY_TIME,
    DAY_WORDS,
    PRONOUN_PAIRS,
    REMOTE_MODES,
    SINGULAR_PRONOUNS,
    WEEKDAY_NAMES,
    ent_span,
    path_to_roots,
    strip_the,
)


def _name_words(draft: EventDraft) -> set[str]:
    """The words of every name its parties go by, lower-cased ("recep", "tayyip", "erdoğan")."""
    return {w for a in draft.actors for n in (a.name, *a.aliases) for w in re.split(r"[\s-]+", n.lower())}


_DAY_RANGE = re.compile(r"\d\s*(?:-|–|to|and|through)\s*\d")


class EventDates(Stage):
    ORPHAN_WINDOW = 3  # sentences: "an adviser met the president in Damascus on Thursday. ... Velayati met Assad"
    NEARBY_SENTENCES = 2  # an undated happening takes the day of one of the sentences just before

    # ------------------------------------------------------------------ date and place
    def bfs(self, roots: list[Token], others: set[int], clauses: bool = True):
        """Tokens under the trigger(s), nearest first, not entering other triggers' clauses nor reported speech."""
        seen = {r.i for r in roots}
        queue = deque((r, 0) for r in roots)
        while queue:
            tok, dist = queue.popleft()
            yield tok, dist
            for child in tok.children:
                if child.i in seen or child.i in others:
                    continue
                if child.pos_ == "VERB" and child.lemma_.lower() in self.lex.reporting_verbs:
                    continue
                if child.dep_ in ("relcl", "ccomp", "parataxis") and not self._course_of(child, tok, roots):
                    continue
                if not clauses and child.dep_ in ("acl", "advcl", "pcomp", "xcomp", "csubj") and child not in roots:
                    continue
                seen.add(child.i)
                queue.append((child, dist + 1))

    def _course_of(self, clause: Token, head: Token, roots: list[Token]) -> bool:
        """'the meeting that took place in Qingdao on June 10', 'talks, which were held in Doha': a relative clause
        telling the course of the trigger noun itself holds its time and place."""
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in self.lex.course_verbs:
            return False
        if clause.lemma_.lower() == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place"
                                                       for c in clause.children):
            return False  # "took office", "took Crimea"
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "WDT" for c in clause.children):
            return False
        # "which" is no person's: hung on the last name of "the meeting between Xi and Putin", it is the meeting's
        return head in roots and head.pos_ in ("NOUN", "PROPN") or head.ent_type_ == "PERSON" and any(
            head.i in {t.i for t in r.subtree} for r in roots)

    def date(self, roots: list[Token], others: set[int], state: ArticleState, draft: EventDraft) -> dict | None:
        planned = draft.status == "planned"
        tried: set[int] = set()
        trig = roots[0]
        if trig.dep_ in ("relcl", "advcl", "acl") and trig.head.ent_type_ in ("DATE", "TIME"):
            # "earlier in the week, when Jolie visited the camp", "on Monday, when they met"
            result = self.date_at(trig.head, state, planned, tried)
            if isinstance(result, dict):
                return result
        # the date phrase of the trigger's own clause first; one in a clause joined by "and" ("visited Ghouta and
        # rejected claims about Saturday's attack") only when the trigger's clause has none
        deferred: list[Token] = []
        root_ids = {r.i for r in roots}
        for tok, _dist in self.bfs(roots, others):
            if tok.ent_type_ == "DATE" and tok.dep_ == "poss" and tok.head not in roots:
                continue  # "Saturday's attack": the date of something else
            if tok.ent_type_ == "DATE" and self._date_of_other_happening(tok, roots):
                continue
            if any(a.dep_ == "conj" and a.pos_ in ("VERB", "AUX") and a.i not in root_ids
                   for a in path_to_roots(tok, root_ids)):
                deferred.append(tok)
                continue
            result = self.date_at(tok, state, planned, tried)
            if result == VAGUE:
                return None
            if result:
                return result
        for tok in deferred:
            result = self.date_at(tok, state, planned, tried)
            if isinstance(result, dict):
                return result
        # the clause that governs the trigger ("beginning April 5 before heading to Beijing")
        node = roots[0]
        for _ in range(5):
            head = node.head
            shared = node.dep_ == "conj" and shares_clause(node)
            if head.i == node.i or head.i in others and not shared or \
                    head.lemma_.lower() in self.lex.reporting_verbs:
                break
            if node.dep_ in ("relcl", "ccomp", "parataxis") or node.dep_ == "conj" and not shared:
                break
            if node.dep_ == "advcl" and node.tag_ == "VBG" and not any(c.dep_ == "mark" for c in node.children):
                break  # "captured in February, prompting negotiations": the consequence is not dated by its cause
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child is not node:
                    # "Macron and Scholz on Tuesday looked to ease tensions as they met": the parser hangs the
                    # clause's day on the name before it
                    for tok in child.subtree:
                        if tok.ent_type_ == "DATE" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and \
                                tok.head.head.pos_ == "PROPN" and tok.head.head.ent_type_ in ("PERSON", "GPE", "ORG"):
                            result = self.date_at(tok, state, planned, tried)
                            if isinstance(result, dict):
                                return result
                if child is node or child.i in others or child.dep_ in ("relcl", "ccomp", "conj", "advcl", "nsubj",
                                                                          "nsubjpass", "dobj"):
                    continue
                for tok, dist in self.bfs([child], others | {node.i}):
                    if dist > 2:
                        break
                    if tok.ent_type_ == "DATE" and self._date_of_other_happening(tok, roots):
                        continue
                    result = self.date_at(tok, state, planned, tried)
                    if result == VAGUE:
                        return None
                    if result:
                        return result
            node = head
        return self._report_date(roots[0], state, planned)

    def _date_of_other_happening(self, tok: Token, roots: list[Token]) -> bool:
        """'following Trump's surprise decision last December', 'to row back on an announcement by Trump in
        December': a date right after a noun that has its own agent (a possessor, a "by" phrase) dates that
        happening, not the exchange, however the parser attached it."""
        ent = ent_span(tok)
        if ent is None:
            return False
        first = ent[0]
        if first.i < 2:
            return False
        prev = tok.doc[first.i - 1]
        if prev.dep_ == "prep":
            prev = tok.doc[first.i - 2]  # "... by Donald Trump in December": the word before "in"
        root_ids = {r.i for r in roots}
        node = prev
        for _ in range(4):
            if node.i in root_ids:
                return False
            if node.pos_ == "NOUN" and not node.ent_type_ and node.i < first.i and self._agentive(node):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _agentive(self, noun: Token) -> bool:
        """A noun naming someone's act ("Trump's decision", "an announcement by Trump"), not a person or a place."""
        lemma = noun.lemma_.lower()
        if lemma in self.actor_lex.title_words or lemma in self.actor_lex.delegate_nouns or \
                lemma in self.actor_lex.government_nouns or lemma in self.lex.building_nouns or \
                lemma in self.lex.place_nouns or lemma in self.lex.nouns or noun.lower_ in self.actor_lex.title_words:
            return False
        return any(c.dep_ == "poss" and c.lower_ not in SINGULAR_PRONOUNS | PRONOUN_PAIRS
                   or c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)

    def date_at(self, tok: Token, state: ArticleState, planned: bool, tried: set[int]) -> dict | str | None:
        if tok.ent_type_ == "" and tok.lower_ in DAY_WORDS and tok.i not in tried:
            # "later that day", "the next morning": the tagger leaves these untagged
            phrase = state.doc[tok.left_edge.i:tok.right_edge.i + 1]
            offset = self.dates.day_offset(phrase.text)
            if offset is not None:
                tried.update(range(phrase.start, phrase.end))
                found = self._day_before(phrase, state, offset)
                return {**found, "text": phrase.text} if found else None
        if tok.ent_type_ not in ("DATE", "TIME") or tok.i in tried:
            return None
        ent = ent_span(tok)
        if ent is None or ent.start_char < state.text_start:
            return None  # the dateline's day dates the copy, not what it tells ("Doha, Feb 12: ... on Tuesday")
        if tok.ent_type_ == "TIME" and not DAY_TIME.search(ent.text):
            return None  # "12.15pm", "two hours": a clock time or a duration is no day
        tried.update(range(ent.start, ent.end))
        text = ent.text
        if ent.start > 1 and state.doc[ent.start - 1].lower_ == "in" and state.doc[ent.start - 2].lower_ in (
                "earlier", "later", "early", "late"):
            text = f"{state.doc[ent.start - 2].text} in {text}"  # "earlier in the week": the entity is "the week"
        nxt = state.doc[ent.end] if ent.end < len(state.doc) else None
        if nxt is not None and nxt.lower_ in ("before", "earlier", "after", "later") and \
                self.dates.day_offset(f"{text} {nxt.text}") is not None:
            text = f"{text} {nxt.text}"  # "the day before", the entity "the day"
        prev = state.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ == "over" and self.dates.is_holiday(text):
            text = f"over {text}"  # "over Christmas": the holiday, not a span running up to it
        elif prev is not None and prev.lower_ in ("since", "until", "till", "through", "by", "for", "over", "within",
                                                  "than") and not (
                prev.lower_ == "for" and prev.head.lemma_.lower() in self.lex.scheduling_verbs):
            return None  # an open range; "scheduled for June 12" names its day
        elif prev is not None and prev.lower_ == "from" and not _DAY_RANGE.search(text):
            # "will hold talks in Vienna from Tuesday": the day they begin ("from March 20-22" names its days); a
            # vaguer start ("from January") leaves the date open
            found = self.dates.resolve(text, state.anchor, planned) if self.dates.day_offset(text) is None else None
            if not (isinstance(found, dict) and found["precision"] == "day"):
                return None
        if ent.text.lower().startswith(("since", "until", "by ")):
            return None
        offset = self.dates.day_offset(text)
        result = self._day_before(ent, state, offset) if offset is not None else \
            self.dates.resolve(text, state.anchor, planned)
        if isinstance(result, dict):
            result = dict(result)
            result["text"] = text
            root = ent.root
            if not planned and result["start"] == (state.anchor.isoformat() if state.anchor else None) and \
                    root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN" and \
                    (prev is None or prev.pos_ != "ADP") and \
                    root.head.lemma_.lower() in self.lex.nouns and \
                    text.lower().rstrip("'s’") in WEEKDAY_NAMES:
                # "the Friday call" in a Friday paper: an exchange already known by its day is last Friday's;
                # one held today is told "on Friday" or "today" (or "Friday's session": today's, and "holding on
                # Wednesday talks" is a parse of "on Wednesday")
                day = (state.anchor - timedelta(days=7)).isoformat()
                result.update(start=day, end=day)
        return result

    def _day_before(self, ent: Span, state: ArticleState, offset: int) -> dict | None:
        """'said on Monday ... after Erdoğan received a call later that day': the latest day named in this or the
        two sentences before, moved by `offset` days; else a day the rest of the sentence names ("had met the
        previous day, but the summit itself came on Saturday"). With none named, what the article tells happened on
        the day of the report, and "the day before" is the day before it; a day after it, or the same day, is no
        date (rather than a wrong one)."""
        first = state.sentence_start_before(ent.root, 2)
        sentence_end = ent.root.sent.end
        before = [e for e in state.doc.ents if first <= e.start and e.end <= ent.start and e.label_ == "DATE"]
        after = [e for e in state.doc.ents if ent.end <= e.start and e.end <= sentence_end and e.label_ == "DATE"]
        for named in [*reversed(before), *after]:
            if self.dates.day_offset(named.text) is not None:
                continue
            when = self.dates.resolve(named.text, state.anchor)
            if isinstance(when, dict) and when["precision"] == "day":
                day = (date.fromisoformat(when["start"]) + timedelta(days=offset)).isoformat()
                return {**when, "start": day, "end": day}
        if offset < 0 and state.anchor is not None:
            day = (state.anchor + timedelta(days=offset)).isoformat()
            return {"start": day, "end": day, "precision": "day"}
        return None

    def _report_date(self, trig: Token, state: ArticleState, planned: bool) -> dict | None:
        """'The announcement came as X wrapped up two days of talks': the date of the report just told."""
        sent = trig.sent
        root = sent.root
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in self.lex.report_nouns or state.prev_sentence is None:
            return None
        for tok in state.prev_sentence:
            if tok.lemma_.lower() in self.lex.reporting_verbs and tok.pos_ == "VERB":
                for child in tok.children:
                    if child.ent_type_ == "DATE":
                        result = self.date_at(child, state, planned, set())
                        if isinstance(result, dict):
                            return self._count_back(trig, result)
        return None

    def _count_back(self, trig: Token, when: dict) -> dict:
        """'wrapped up two days of talks' on Wednesday: Tuesday to Wednesday."""
        node = trig
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() == "day":
            days = node.head.head
            verb = days.head
            num = next((c for c in days.children if c.dep_ == "nummod"), None)
            if verb.lemma_.lower() in self.lex.completion_verbs and num is not None:
                n = {"two": 2, "three": 3, "four": 4, "five": 5}.get(num.lower_) or (
                    int(num.text) if num.text.isdigit() else 1)
                end = date.fromisoformat(when["end"])
                start = end - timedelta(days=n - 1)
                return {**when, "start": start.isoformat(), "precision": "day"}
        return when

    def date_from_journey(self, ev: EventDraft, sents: list[Span], state: ArticleState) -> None:
        """'Putin went on a victory lap of Syria this week. On a surprise visit to a base on the Syrian coast, he
        embraced Assad': an undated stop of a journey told, with its time and its country, by the sentence just
        before about the same traveller is dated by it."""
        if ev.mode in REMOTE_MODES or ev.location is None or ev.status != "occurred" or not ev.sentence_ids:
            return
        si = ev.sentence_ids[0]
        if si == 0 or any(t.ent_type_ == "DATE" for t in sents[si]):
            return
        prev = sents[si - 1]
        code = ev.location.get("country_code")
        if not code or not any(
                t.ent_type_ == "GPE" and t.ent_iob_ == "B" and (place := self.gaz.lookup(strip_the(ent_span(t).text)))
                is not None and place.country_code == code for t in prev):
            return  # the journey before went elsewhere, or nowhere named
        travellers = {a.name for a in ev.actors if a.kind == "PERSON"}
        for verb in prev:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.movement_verbs | {"tour", "visit"}:
                continue
            subs = [m.actor.name for sub in self.parties.subject_of(verb)
                    for m in self.noun_phrases.np_actors(sub, state)]
            if not travellers & set(subs):
                continue
            probe = EventDraft(trigger=verb, mode="visit", status="occurred")
            when = self.date([verb], set(), state, probe)
            if when is not None and when.get("precision") in ("day", "week"):
                ev.date = when
                return

    def date_nearby(self, ev: EventDraft, sents: list[Span], date_ents: list[Span], state: ArticleState
                    ) -> dict | None:
        """'On Thursday, Rubio said he would raise Ukraine. ... Rubio said shortly after holding talks with Lavrov':
        a happening told without a time is dated by the day the sentence just before names (or the one before that),
        when the clause naming the day has one of its parties for subject and the day is not after the report; no
        date when neither does (the report's date then applies). `date_ents` are the article's DATE entities (a
        sentence's own `ents` are slow to build)."""
        if not ev.sentence_ids or state.anchor is None:
            return None
        si = min(ev.sentence_ids)
        # the words of its parties' names: a day told of what someone else did dates something else ("Mattis resigned
        # on Thursday, ... critical of Trump. ... quit after Trump made the decision during a conversation with
        # Erdoğan")
        words = {w for w in _name_words(ev) if len(w) > 2}
        for back in range(1, self.NEARBY_SENTENCES + 1):
            if si - back < 0:
                break
            sent = sents[si - back]
            for ent in reversed([e for e in date_ents if sent.start <= e.start and e.end <= sent.end]):
                if not self._subject_named(ent.root, words):
                    continue
                when = self.date_at(ent.root, state, False, set())
                if isinstance(when, dict) and when.get("precision") == "day" and \
                        when["end"] <= state.anchor.isoformat():
                    return when
        return None

    @staticmethod
    def _subject_named(tok: Token, words: set[str]) -> bool:
        """Whether the subject of the clause `tok` is in has one of `words` in it."""
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head  # "arrived on Monday and met ...": the subject of the first verb
        return any(t.lower_ in words for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree)

    def carry_from_orphan(self, draft: EventDraft, orphans: list[EventDraft], si: int) -> None:
        """A later mention naming the parties takes the date (and place) of the earlier mention of the same exchange
        that told when and where but named nobody we could resolve: same trigger word, a few sentences back."""
        lemma = draft.trigger.lemma_.lower()
        for orphan in reversed(orphans):
            if si - orphan.sentence_ids[0] > self.ORPHAN_WINDOW:
                break
            if orphan.sentence_ids[0] >= si or orphan.trigger.lemma_.lower() != lemma or orphan.mode != draft.mode \
                    or orphan.status != draft.status or orphan.date is None:
                continue
            words = _name_words(draft)
            if any(re.split(r"[\s-]+", a.name.lower())[-1] not in words for a in orphan.actors):
                continue  # the earlier mention named someone this exchange does not have
            draft.date = orphan.date
            if draft.location is None and orphan.location is not None and draft.mode not in REMOTE_MODES:
                draft.location = orphan.location
            return


def shares_clause(verb: Token) -> bool:
    """A verb joined by "and" to the one before with no subject or auxiliary of its own shares that one's time
    ("will reach Xi'an on May 14 and meet Xi"); one with its own ("met Li on Monday and will meet Xi") has its own."""
    return verb.pos_ == "VERB" and verb.head.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
