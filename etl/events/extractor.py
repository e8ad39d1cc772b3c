"""The CONSULT event extractor: reads an article sentence by sentence, builds events from its triggers and merges
repeat mentions. Rules over the dependency parse and the entities, driven by the data files in etl/lexicons/, in
stages one module each (candidates, modality, noun phrases, parties, groups, places, dates, build). The result is
plain data (`EventDraft.as_dict`) so it can cross process boundaries on the Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.actors import ActorLexicon, ActorRegistry
from etl.dates import get_resolver
from etl.events.acts import ActLexicon, Acts
from etl.events.build import Builder
from etl.events.candidates import Candidates
from etl.events.completion import Completion, PartyCandidate
from etl.events.context import ArticleContext
from etl.events.dates import EventDates
from etl.events.decide import Decision, load_decision
from etl.events.draft import EventDraft
from etl.events.features import Features
from etl.events.groups import Groups
from etl.events.lexicons import Lexicons
from etl.events.merge import date_from_visits, infer_locations, merge_events
from etl.events.modality import Modality
from etl.events.noun_phrases import NounPhrases
from etl.events.parties import Parties
from etl.events.places import Places
from etl.events.stage import Stage
from etl.events.state import ArticleState, string_ids
from etl.events.syntax import (
    PRONOUN_PAIRS,
    REMOTE_MODES,
    attachable,
    ent_span,
    sentence_bounds,
    strip_the,
    trim_dates_before_names,
)
from etl.places import get_gazetteer


@dataclass
class Candidate:
    """A candidate event as the decision saw it, and its candidate parties before completion (for training)."""

    draft: EventDraft
    features: dict[str, float]
    parties: list[tuple[PartyCandidate, dict[str, float]]]


# The rules' objections that CODING.md makes absolute (never an event, whatever the decision weighs): negated,
# hypothetical or generic exchanges, a process going on, a state meeting its own, a trip home or a past filled in,
# talk addressed to the press, a lone traveller "in the region for talks" (nobody met, nowhere). The other flags
# ("one_side", "not_political", "loose", ...) the decision weighs.
HARD_FLAGS = frozenset({"blocked", "generic_process", "progressive_talk", "own_state", "domestic_trip",
                        "background_trip", "to_media", "habit", "private_trip", "nowhere"})


class EventExtractor(Stage):
    def __init__(self, lexicon_dir: str | Path | None = None, decision: str = "model") -> None:
        key = str(lexicon_dir) if lexicon_dir else None
        self.lex = Lexicons(lexicon_dir)
        self.actor_lex = ActorLexicon(lexicon_dir)
        self.gaz = get_gazetteer(key)
        self.dates = get_resolver(key)
        self.candidates = Candidates()
        self.modality = Modality()
        self.noun_phrases = NounPhrases()
        self.parties = Parties()
        self.groups = Groups()
        self.places = Places()
        self.event_dates = EventDates()
        self.builder = Builder()
        self.features = Features()
        self.completion = Completion()
        self.context = ArticleContext()
        self.acts = Acts()
        self.acts.act_lex = ActLexicon(lexicon_dir)
        # every word a trigger may be: the per-sentence passes look at these tokens only
        self.trigger_ids = string_ids(set(self.lex.verbs) | set(self.lex.nouns) | set(self.acts.act_lex.verbs)
                                      | set(self.acts.act_lex.nouns) | self.acts.act_lex.judgment_verbs)
        self.stages: list[Stage] = [self.candidates, self.modality, self.noun_phrases, self.parties, self.groups,
                                    self.places, self.event_dates, self.builder, self.features, self.completion,
                                    self.context, self.acts]
        for stage in self.stages:
            stage.wire(self)
        self.decision: Decision = load_decision(decision)
        # every candidate with its features, when a caller (training) asks for them
        self.collected: list[Candidate] | None = None

    # ------------------------------------------------------------------ driver
    def extract(self, doc: Doc) -> list[dict]:
        return [e.as_dict() for e in self.extract_drafts(doc)]

    def extract_drafts(self, doc: Doc) -> list[EventDraft]:
        anchor = date.fromisoformat(doc._.published_at) if doc._.published_at else None
        trim_dates_before_names(doc)
        state = ArticleState(doc, ActorRegistry(doc, self.actor_lex, self.gaz), anchor, self.trigger_ids)
        for stage in self.stages:
            stage.registry = state.registry
        dateline = self.context.dateline(state.text, anchor)
        if dateline is not None and dateline.day is not None:
            state.anchor = dateline.day  # wire copy's "on Tuesday" is read from the day of its dateline
        if dateline is not None:
            state.text_start = dateline.end
        skipped = self.candidates.skipped_ranges(state.text)
        sents = list(doc.sents)
        events: list[EventDraft] = []
        for si, sent in enumerate(sents):
            state.sentence_index = si
            state.prev_sentence = sents[si - 1] if si > 0 else None
            self.parties.record_pairs(sent, state)
            triggers = [t for t in self.candidates.triggers(sent, state) if not any(a <= t.idx < b for a, b in skipped)]
            if not triggers and not any(a <= sent.start_char < b for a, b in skipped):
                presence = self._presence_visit(sent, state)
                if presence is not None:
                    self._consider(presence, presence.trigger, events, state)
            if not any(a <= sent.start_char < b for a, b in skipped):
                for visit in self._been_to_visits(sent, triggers, state):
                    self._consider(visit, visit.trigger, events, state)
            links = self.candidates.links(triggers)
            for trig in triggers:
                if trig.i in links and not self.candidates.at_margins(trig):
                    continue  # told with its parent; a gathering at whose margins it happened is an event too
                linked = [t for t, parent in links.items() if parent == trig.i]
                for draft in self.builder.build(trig, [sent.doc[i] for i in linked], sent, triggers, state):
                    self._consider(draft, trig, events, state)
                if state.unreported:
                    state.unnamed.append((si, trig.lemma_.lower(), state.unreported))
            if self.decision.name == "rules" and self.collected is None:
                continue  # the rules report no loose candidate: no need to build them
            skipped_sentence = any(a <= sent.start_char < b for a, b in skipped)
            loose = self.candidates.loose_triggers(sent, triggers, state) if not skipped_sentence else []
            for trig in loose:
                for draft in self.builder.build(trig, [], sent, triggers + loose, state):
                    draft.flags.append("loose")
                    self._consider(draft, trig, events, state)
            state.unreported = ""
            if skipped_sentence:
                continue
            acts = self.acts.triggers(sent, state)
            others = {t.i for t in triggers} | {t.i for t, _ in acts}
            for trig, spec in acts:
                for draft in self.acts.build(trig, spec, sent, state, others - {trig.i}):
                    self._consider(draft, trig, events, state)
        for ev in events:
            if ev.date is None:
                self.event_dates.date_from_journey(ev, sents, state)
        self.context.date_by_headings(events, state)
        infer_locations(events)
        events = merge_events(events, self.acts.act_lex.measure_mode_types, self.lex.entourage_verbs,
                              self.acts.act_lex.statement_mode_types, self.lex.nouns)
        events = [e for e in events if not e.tentative or len(set(e.sentence_ids)) >= 2]
        self.context.fill(events, state, dateline, sents)
        date_from_visits(events)
        infer_locations(events)  # again: the article's context may have dated an event ("Thursday's talks")
        hits = doc._.issue_hits or []
        for ev in events:
            self._event_issues(ev, hits, sents, skipped)
        return events

    def _consider(self, draft: EventDraft, trig: Token, events: list[EventDraft], state: ArticleState) -> None:
        """Complete a candidate's parties, describe it, and report it if the decision takes it."""
        if not draft.participants and not draft.flags and draft.type == "CONSULT":
            self._attach_definite(draft, trig, events, state)
            if draft.date is not None or draft.location is not None:
                state.orphans.append(draft)
            if attachable(trig):
                return  # "the call": another mention of an exchange told before
        if HARD_FLAGS.intersection(draft.flags):
            return  # what CODING.md never codes: negated or hypothetical, habitual, internal, a statement to the press
        parties = None
        if self.collected is not None:
            cands = self.completion.party_candidates(draft, state)
            parties = [(c, self.features.of_party(draft, c, cands, state)) for c in cands]
        if self.decision.parties is not None and len(draft.actors) < 2 and draft.vague_side is None:
            draft.completed = self.completion.complete(draft, state, self.decision.parties)
        if not draft.participants or self._lone_person(draft):
            return
        if draft.date is None:
            self.event_dates.carry_from_orphan(draft, state.orphans, state.sentence_index)
        features = self.features.of(draft, state) if self.decision.name != "rules" or self.collected is not None \
            else {}
        if self.collected is not None:
            # as the decision saw it: merging later adds the parties and mentions of what it absorbs
            seen = replace(draft, participants=list(draft.participants), mentions=list(draft.mentions))
            self.collected.append(Candidate(seen, features, parties or []))
        if not self.decision.keep(draft, features):
            if self.decision.near(draft):
                draft.tentative = True
                events.append(draft)
            return
        events.append(draft)
        actors = draft.actors
        # "the two men" of the next sentence: the parties of an exchange, or of an act whose parties the syntax gave
        # (the other types complete theirs readily, from the whole article)
        if len(actors) >= 2 and (draft.type == "CONSULT" or not draft.completed):
            state.pairs.append((trig.i, actors))

    @staticmethod
    def _lone_person(draft: EventDraft) -> bool:
        """A meeting or a call with one side alone named ("met his commanders", "the Syrian government met Syrian
        officials"): the other side is nobody identifiable, so there is no exchange to report (a summit has its
        body); a visit with no visitor ("travelled to Moscow", its host country alone) neither."""
        if draft.type != "CONSULT" or draft.vague_side is not None:
            return False  # an explicit but unnamed other side ("met rebel leaders"): CODING.md's one-sided exchange
        actors = draft.actors
        if draft.mode == "visit":
            return all(p.role == "participant" and p.mention.start is None or p.mention.actor.kind == "COUNTRY"
                       and p.role in ("target", "participant") and draft.completed for p in draft.participants) \
                and not any(p.role == "source" for p in draft.participants)
        return draft.mode in ("meeting", "phone", "video", "host") and len(actors) == 1 \
            and actors[0].kind in ("PERSON", "COUNTRY", "GROUP")

    def _presence_visit(self, sent: Span, state: ArticleState) -> EventDraft | None:
        """A visit told with no trigger word: "In Kuwait on Tuesday, Tillerson faced ...", "Members of the Free
        Syrian Army were in Washington last week". An actor put in a foreign place on a given day was there on a
        visit; without a date the sentence is background ("he was in Syria for years")."""
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or self.modality.blocked(root):
            return None
        fronted = sent[0].lower_ == "in"
        # "Erdoğan is expected in Moscow on Monday": a visit announced
        expected = root.lemma_.lower() == "expect" and any(c.dep_ == "auxpass" for c in root.children) and not any(
            c.dep_ in ("xcomp", "ccomp") for c in root.children)
        prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in" and (
            c.i == sent.start and fronted or (root.lemma_ == "be" or expected) and c.i > root.i)), None)
        if prep is None:
            return None
        place_tok = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"), None)
        if place_tok is None or not self.places.is_place(place_tok):
            return None
        if fronted:
            comma = next((t for t in sent if t.i > prep.i and t.text == ","), None)
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if comma is None or subj is None or subj.i < comma.i or root.i < comma.i:
                return None
        status, weak = self.modality.status(root)
        if expected:
            status, weak = "planned", False
        draft = EventDraft(trigger=root, mode="visit", status=status, weak_status=weak)
        candidates = [c for n in (root, prep) for c in n.children
                      if c.ent_type_ == "DATE" or c.dep_ == "prep" and c.lower_ == "on"]
        for c in candidates:
            for tok in [c, *c.children]:
                when = self.event_dates.date_at(tok, state, status == "planned", set())
                if isinstance(when, dict):
                    draft.date = when
                    break
            if draft.date:
                break
        if draft.date is None:
            return None
        for sub in (c for c in root.children if c.dep_ == "nsubj" or expected and c.dep_ == "nsubjpass"):
            found = self.noun_phrases.np_actors(sub, state)
            if not found and sub.lemma_.lower() in self.actor_lex.delegate_nouns | {"member", "leader"}:
                # "Members of the Free Syrian Army": the body they belong to
                found = [m for c in sub.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj" for m in self.noun_phrases.np_actors(o, state)]
            for m in found:
                draft.add(m, "source")
        if not draft.participants or any(p.mention.actor.kind == "COUNTRY" for p in draft.participants):
            return None
        ent = ent_span(place_tok)
        place = self.gaz.lookup(strip_the(ent.text)) if ent is not None else None
        if place is None:
            return None
        draft.location = place.as_dict(ent.text)
        draft.mentions.append((*sentence_bounds(sent, root, state.text), prep.text))
        draft.sentence_ids.append(state.sentence_index)
        if draft.date["start"] > (state.anchor or date.max).isoformat():
            draft.status = "planned"
        self.places.add_host_country(draft)
        if self.builder.domestic_trip(draft) or not self.builder.political(draft):
            return None
        return draft

    def _been_to_visits(self, sent: Span, triggers: list[Token], state: ArticleState) -> list[EventDraft]:
        """'The leaders of Rojava have been to London': the perfect of "be to" a place tells a visit made. Not a
        tally of trips ("has been to Syria twice", "many times"), nor when a trigger of the clause tells it already."""
        out = []
        for tok in (sent.doc[k] for k in state.index.within(state.index.be, sent)):
            if tok.lemma_ != "be" or tok.pos_ not in ("AUX", "VERB") or not any(
                    c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children) or self.modality.blocked(tok):
                continue
            near = [g for c in tok.children if c.dep_ not in ("conj", "ccomp", "advcl") for g in (c, *c.children)]
            if any(t.lower_ in ("twice", "thrice", "often", "repeatedly", "regularly", "frequently")
                   or t.lemma_.lower() == "time" and t.dep_ in ("npadvmod", "advmod", "dobj") for t in near):
                continue  # "has been to Ankara twice this year", "several times": a tally of trips
            if any(t.head.i == tok.i or t.i == tok.i for t in triggers):
                continue
            place_tok = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                              for o in c.children if o.dep_ == "pobj" and self.places.is_place(o)), None)
            if place_tok is None:
                continue
            status, weak = self.modality.status(tok)
            draft = EventDraft(trigger=tok, mode="visit", status=status, weak_status=weak)
            for sub in self.parties.subject_of(tok):
                for m in self.noun_phrases.np_actors(sub, state):
                    draft.add(m, "source")
            if not draft.participants:
                continue
            ent = ent_span(place_tok)
            draft.location = self.gaz.lookup(strip_the(ent.text)).as_dict(ent.text)
            draft.date = self.event_dates.date([tok], {t.i for t in triggers}, state, draft)
            draft.mentions.append((*sentence_bounds(sent, tok, state.text), tok.text))
            draft.sentence_ids.append(state.sentence_index)
            self.places.add_host_country(draft)
            if self.builder.domestic_trip(draft) or not self.builder.political(draft):
                continue
            out.append(draft)
        return out

    def _attach_definite(self, draft: EventDraft, trig: Token, events: list[EventDraft],
                         state: ArticleState) -> None:
        """'The call comes as ...', 'readouts of the meeting': another mention of the latest matching event."""
        if not attachable(trig):
            return
        lemma = trig.lemma_.lower()
        remote = draft.mode in REMOTE_MODES
        for ev in reversed(events):
            if (ev.mode in REMOTE_MODES) == remote:
                # "On the eve of London's family planning summit ... officials convened at the summit": the
                # nearer summit that named no parties is the one meant, not an earlier meeting of two leaders
                where = (ev.location or {}).get("name")
                if any(si > max(ev.sentence_ids) and lem == lemma and place != where
                       for si, lem, place in state.unnamed if place):
                    return
                ev.mentions.append(draft.mentions[0])
                ev.sentence_ids.extend(draft.sentence_ids)
                return

    def _event_issues(self, ev: EventDraft, hits: list, sents: list[Span], skipped: list[tuple[int, int]]) -> None:
        ranges = [(s, e) for s, e, _ in ev.mentions]
        for si in ev.sentence_ids:
            nxt = si + 1
            if nxt < len(sents) and self._continues(sents[nxt]):
                ranges.append((sents[nxt].start_char, sents[nxt].end_char))
        for code, start, end in hits:
            if any(s <= start and end <= e for s, e in ranges):
                ev.issues.add(code)

    def _continues(self, sent: Span) -> bool:
        """A sentence that goes on telling the same exchange ('They also discussed ...')."""
        root = sent.root
        if root.lemma_.lower() not in ("discuss", "raise", "agree", "address", "focus", "talk", "cover", "touch",
                                       "exchange", "review"):
            return False
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        return subj is not None and (subj.lower_ in PRONOUN_PAIRS or self.noun_phrases.np_phrase(subj)
                                     in self.actor_lex.pair_anaphora or subj.lower_ in ("leaders", "sides"))
