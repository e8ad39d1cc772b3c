"""CONSULT event extraction on a parsed Doc: triggers, participants, status, mode, date and place.

Rules over the dependency parse and the entities, driven by the data files in etl/lexicons/. The result is
plain data (see `EventDraft.as_dict`) so it can cross process boundaries on the Doc.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.actors import Actor, ActorLexicon, ActorRegistry, Mention
from etl.dates import NUMBERS as NUMBER_WORDS
from etl.dates import VAGUE, WEEKDAYS, DateResolver, get_resolver
from etl.lexicon import load_lexicon
from etl.merge import infer_locations, merge_events
from etl.places import Gazetteer, Place, get_gazetteer

REMOTE_MODES = {"phone", "video"}
WEEKDAY_NAMES = set(WEEKDAYS)
_FINAL_PUNCT = tuple(".!?\"'”’)»:;")
_TEMPORAL_PREPS = {"after", "before", "during", "since", "following", "at", "on", "in", "amid", "despite", "ahead",
                   "prior", "until", "as", "when", "while", "by", "like", "than", "from"}
_PLACE_PREPS = {"in", "at", "inside", "near", "outside"}
_DEST_PREPS = {"to", "for", "into"}
_DAY_WORDS = {"day", "morning", "afternoon", "evening", "night"}
_PRONOUN_PAIRS = {"they", "them", "their", "both", "we", "us", "our"}
_SINGULAR_PRONOUNS = {"he", "she", "him", "his", "her"}
_COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}  # not a title of office
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘(]?[A-Z]")
_CAPTION_MAX = 400  # a caption is a line of its own; a marker inside a long one-line article is no caption
_TIME_CLAUSE_MARKS = {"when", "while", "as", "after", "since", "because", "once", "whereas"}
_MODALS_HYPO = {"could", "might", "may", "should", "can", "must"}
# a TIME entity that still names a day: "this evening", "tonight", "last night", "Thursday morning"
_DAY_TIME = re.compile(r"(?i)^(?:earlier |later )?(?:this|tonight|last night|yesterday|today|overnight|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:the )?(?:last|past) \w+ hours|"
                       r"in the (?:week|month))\b")


@dataclass
class Participant:
    mention: Mention
    role: str = "participant"


@dataclass
class EventDraft:
    trigger: Token
    mode: str
    status: str
    weak_status: bool = False
    participants: list[Participant] = field(default_factory=list)
    date: dict | None = None
    location: dict | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    sentence_ids: list[int] = field(default_factory=list)
    issues: set[str] = field(default_factory=set)
    host_added: bool = False
    convened: bool = False  # a meeting of an organisation, or a conference a body convenes: one named party is enough
    hosted: bool = False  # convened by the subject of "hold"/"host" ("the EU will hold a conference")
    brokered: bool = False  # "under UN auspices": the broker is named, the parties may not be
    paired: bool = False  # named as a hyphenated pair ("the Trump-Putin meeting"): only public figures are
    # the explicit but unnamed group on the other side ("Kurdish officials"): CODING.md leaves a vague actor out, so
    # it is no participant; kept for reading the rule's decisions
    vague_side: str | None = None

    @property
    def actors(self) -> list[Actor]:
        seen: dict[tuple[str, str], Actor] = {}
        for p in self.participants:
            seen.setdefault((p.mention.actor.name, p.mention.actor.kind), p.mention.actor)
        return list(seen.values())

    def add(self, mention: Mention, role: str) -> None:
        for p in self.participants:
            if p.mention.actor is mention.actor or (p.mention.actor.name, p.mention.actor.kind) == (
                    mention.actor.name, mention.actor.kind):
                if p.role == "participant" and role != "participant":
                    p.role = role
                if not p.mention.title and mention.title:
                    p.mention = mention
                return
        self.participants.append(Participant(mention, role))

    def as_dict(self) -> dict:
        parts = []
        for p in self.participants:
            a = p.mention.actor
            parts.append({"name": a.name, "kind": a.kind, "country_code": a.country_code,
                          "aliases": sorted(a.aliases - {a.name}), "role": p.role,
                          "title": p.mention.title or (a.titles[0] if a.titles else None),
                          "char_start": p.mention.start, "char_end": p.mention.end})
        confidence = 0.45 + 0.2 * (len(self.actors) >= 2) + 0.1 * (self.date is not None) \
            + 0.1 * (self.location is not None) - 0.15 * self.weak_status
        return {"type": "CONSULT", "mode": self.mode, "status": self.status, "participants": parts,
                "mentions": [{"char_start": s, "char_end": e, "trigger": t} for s, e, t in self.mentions],
                "date": self.date, "location": self.location, "issues": sorted(self.issues),
                "confidence": round(min(confidence, 0.95), 2)}


class Lexicons:
    """Every word list the extractor reads, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None) -> None:
        trig = load_lexicon("triggers.toml", lexicon_dir)
        self.verbs: dict[str, dict] = trig.get("verbs", {})
        self.nouns: dict[str, dict] = trig.get("nouns", {})
        ctx = trig.get("context", {})

        def words(key: str) -> set[str]:
            return {w.lower() for w in ctx.get(key, [])}

        self.light_verbs = words("light_verbs")
        self.receiving_verbs = words("receiving_verbs")
        self.host_verbs = words("host_verbs")
        self.hosted_events = words("hosted_events")
        self.quantity_nouns = words("quantity_nouns")
        self.phone_words = words("phone_words")
        self.video_words = words("video_words")
        self.excluded_compounds = words("excluded_compounds")
        self.excluded_noun_preps = {k: set(v) for k, v in ctx.get("excluded_noun_preps", {}).items()}
        self.reporting_verbs = words("reporting_verbs")
        self.planning_verbs = words("planning_verbs")
        self.planning_adjectives = words("planning_adjectives")
        self.planning_nouns = words("planning_nouns")
        self.negation_words = words("negation_words")
        self.negating_verbs = words("negating_verbs")
        self.negating_nouns = words("negating_nouns")
        self.hypothetical_words = words("hypothetical_words")
        self.generic_words = words("generic_words")
        self.report_nouns = words("report_nouns")
        self.completion_verbs = words("completion_verbs")
        self.caption_markers = list(ctx.get("caption_markers", []))
        self.place_nouns = words("place_nouns")
        self.area_nouns = words("area_nouns")
        self.building_nouns = words("building_nouns")
        self.movement_verbs = words("movement_verbs")
        self.combat_titles = words("combat_titles")
        self.member_markers = words("member_markers")
        self.group_subjects = words("group_subjects")
        self.auspices_nouns = words("auspices_nouns")
        self.course_verbs = words("course_verbs")
        self.internal_bodies = words("internal_bodies")
        self.broker_verbs = words("broker_verbs")
        self.contact_verbs = words("contact_verbs")
        self.address_verbs = words("address_verbs")
        self.opposition_nouns = words("opposition_nouns")
        self.relation_nouns = words("relation_nouns")
        self.topic_verbs = words("topic_verbs")
        self.gathering_verbs = words("gathering_verbs")
        self.reciprocal_blocking_preps = words("reciprocal_blocking_preps")
        self.group_nouns = words("group_nouns")
        self.collective_group_nouns = words("collective_group_nouns")
        self.domestic_group_modifiers = words("domestic_group_modifiers")
        self.faction_nouns = words("faction_nouns")


def _ent_span(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _strip_the(text: str) -> str:
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    return text[4:] if text.lower().startswith("the ") else text


class _NoPlace:
    kind = ""


_NO_PLACE = _NoPlace()


class ConsultExtractor:
    # prepositions that frame a clause by an exchange ("on a visit to", "during talks with", "in a call with")
    _ADJUNCT_PREPS = frozenset({"on", "during", "in", "at", "after", "following", "before", "amid"})

    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        key = str(lexicon_dir) if lexicon_dir else None
        self.lex = Lexicons(lexicon_dir)
        self.actor_lex = ActorLexicon(lexicon_dir)
        self.gaz: Gazetteer = get_gazetteer(key)
        self.dates: DateResolver = get_resolver(key)
        self._registry: ActorRegistry | None = None

    # ------------------------------------------------------------------ driver
    def extract(self, doc: Doc) -> list[dict]:
        return [e.as_dict() for e in self.extract_drafts(doc)]

    def extract_drafts(self, doc: Doc) -> list[EventDraft]:
        anchor = date.fromisoformat(doc._.published_at) if doc._.published_at else None
        state = _ArticleState(doc, ActorRegistry(doc, self.actor_lex, self.gaz), anchor)
        self._registry = state.registry  # the article's actors, for helpers that only see tokens
        skipped = self._skipped_ranges(doc.text)
        sents = list(doc.sents)
        events: list[EventDraft] = []
        for si, sent in enumerate(sents):
            state.sentence_index = si
            state.prev_sentence = sents[si - 1] if si > 0 else None
            self._record_pairs(sent, state)
            triggers = [t for t in self._triggers(sent) if not any(a <= t.idx < b for a, b in skipped)]
            if not triggers and not any(a <= sent.start_char < b for a, b in skipped):
                presence = self._presence_visit(sent, state)
                if presence is not None:
                    events.append(presence)
            if not any(a <= sent.start_char < b for a, b in skipped):
                events.extend(self._been_to_visits(sent, triggers, state))
            links = self._links(triggers)
            for trig in triggers:
                if trig.i in links:
                    continue
                linked = [t for t, parent in links.items() if parent == trig.i]
                drafts = self._build(trig, [sent.doc[i] for i in linked], sent, triggers, state)
                for draft in drafts:
                    if not draft.participants:
                        self._attach_definite(draft, trig, events, state)
                        if draft.date is not None or draft.location is not None:
                            state.orphans.append(draft)
                        continue
                    if draft.date is None:
                        self._carry_from_orphan(draft, state.orphans, si)
                    events.append(draft)
                    actors = [a for a in draft.actors]
                    if len(actors) >= 2:
                        state.pairs.append((trig.i, actors))
                if state.unreported:
                    state.unnamed.append((si, trig.lemma_.lower(), state.unreported))
        for ev in events:
            if ev.date is None:
                self._date_from_journey(ev, sents, state)
        infer_locations(events)
        events = merge_events(events)
        hits = doc._.issue_hits or []
        for ev in events:
            self._event_issues(ev, hits, sents, skipped)
        return events

    def _date_from_journey(self, ev: EventDraft, sents: list[Span], state: _ArticleState) -> None:
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
                t.ent_type_ == "GPE" and t.ent_iob_ == "B" and (place := self.gaz.lookup(_strip_the(_ent_span(t).text)))
                is not None and place.country_code == code for t in prev):
            return  # the journey before went elsewhere, or nowhere named
        travellers = {a.name for a in ev.actors if a.kind == "PERSON"}
        for verb in prev:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.movement_verbs | {"tour", "visit"}:
                continue
            subs = [m.actor.name for sub in self._subject_of(verb) for m in self._np_actors(sub, state)]
            if not travellers & set(subs):
                continue
            probe = EventDraft(trigger=verb, mode="visit", status="occurred")
            when = self._date([verb], set(), state, probe)
            if when is not None and when.get("precision") in ("day", "week"):
                ev.date = when
                return

    def _presence_visit(self, sent: Span, state: _ArticleState) -> EventDraft | None:
        """A visit told with no trigger word: "In Kuwait on Tuesday, Tillerson faced ...", "Members of the Free
        Syrian Army were in Washington last week". An actor put in a foreign place on a given day was there on a
        visit; without a date the sentence is background ("he was in Syria for years")."""
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or self._blocked(root):
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
        if place_tok is None or not self._is_place(place_tok):
            return None
        if fronted:
            comma = next((t for t in sent if t.i > prep.i and t.text == ","), None)
            subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if comma is None or subj is None or subj.i < comma.i or root.i < comma.i:
                return None
        status, weak = self._status(root)
        if expected:
            status, weak = "planned", False
        draft = EventDraft(trigger=root, mode="visit", status=status, weak_status=weak)
        candidates = [c for n in (root, prep) for c in n.children
                      if c.ent_type_ == "DATE" or c.dep_ == "prep" and c.lower_ == "on"]
        for c in candidates:
            for tok in [c, *c.children]:
                when = self._date_at(tok, state, status == "planned", set())
                if isinstance(when, dict):
                    draft.date = when
                    break
            if draft.date:
                break
        if draft.date is None:
            return None
        for sub in (c for c in root.children if c.dep_ == "nsubj" or expected and c.dep_ == "nsubjpass"):
            found = self._np_actors(sub, state)
            if not found and sub.lemma_.lower() in self.actor_lex.delegate_nouns | {"member", "leader"}:
                # "Members of the Free Syrian Army": the body they belong to
                found = [m for c in sub.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj" for m in self._np_actors(o, state)]
            for m in found:
                draft.add(m, "source")
        if not draft.participants or any(p.mention.actor.kind == "COUNTRY" for p in draft.participants):
            return None
        ent = _ent_span(place_tok)
        place = self.gaz.lookup(_strip_the(ent.text)) if ent is not None else None
        if place is None:
            return None
        draft.location = place.as_dict(ent.text)
        draft.mentions.append((*self._sentence_bounds(sent, root), prep.text))
        draft.sentence_ids.append(state.sentence_index)
        if draft.date["start"] > (state.anchor or date.max).isoformat():
            draft.status = "planned"
        self._add_host_country(draft)
        if self._domestic_trip(draft) or not self._political(draft):
            return None
        return draft

    def _been_to_visits(self, sent: Span, triggers: list[Token], state: _ArticleState) -> list[EventDraft]:
        """'The leaders of Rojava have been to London': the perfect of "be to" a place tells a visit made. Not a
        tally of trips ("has been to Syria twice", "many times"), nor when a trigger of the clause tells it already."""
        out = []
        for tok in sent:
            if tok.lemma_ != "be" or tok.pos_ not in ("AUX", "VERB") or not any(
                    c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children) or self._blocked(tok):
                continue
            near = [g for c in tok.children if c.dep_ not in ("conj", "ccomp", "advcl") for g in (c, *c.children)]
            if any(t.lower_ in ("twice", "thrice", "often", "repeatedly", "regularly", "frequently")
                   or t.lemma_.lower() == "time" and t.dep_ in ("npadvmod", "advmod", "dobj") for t in near):
                continue  # "has been to Ankara twice this year", "several times": a tally of trips
            if any(t.head.i == tok.i or t.i == tok.i for t in triggers):
                continue
            place_tok = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                              for o in c.children if o.dep_ == "pobj" and self._is_place(o)), None)
            if place_tok is None:
                continue
            status, weak = self._status(tok)
            draft = EventDraft(trigger=tok, mode="visit", status=status, weak_status=weak)
            for sub in self._subject_of(tok):
                for m in self._np_actors(sub, state):
                    draft.add(m, "source")
            if not draft.participants:
                continue
            ent = _ent_span(place_tok)
            draft.location = self.gaz.lookup(_strip_the(ent.text)).as_dict(ent.text)
            draft.date = self._date([tok], {t.i for t in triggers}, state, draft)
            draft.mentions.append((*self._sentence_bounds(sent, tok), tok.text))
            draft.sentence_ids.append(state.sentence_index)
            self._add_host_country(draft)
            if self._domestic_trip(draft) or not self._political(draft):
                continue
            out.append(draft)
        return out

    def _members_nearby(self, trig: Token, verbal: bool, draft: EventDraft, state: _ArticleState) -> None:
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
                poss = next((t for t in (_ent_span(tok) or [tok]) if t.dep_ == "poss"), None)
                if poss is not None and poss.head.pos_ != "PROPN" and tok.ent_type_ == "PERSON":
                    continue  # "on terms to Assad's benefit": a person whose interest is told is no member
                person = state.registry.person_at(tok)  # also a name run into another entity ("Turkey's Erdoğan")
                if person is None and tok.ent_iob_ == "I":
                    continue
                ms = [person] if person is not None else [
                    m for m in self._np_actor(tok, state) if m.actor.kind in ("PERSON", "COUNTRY")]
                if not ms and tok.ent_type_ == "GPE":
                    ent = _ent_span(tok)
                    code = self.gaz.capital_country(_strip_the(ent.text)) if ent is not None else None
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

    def _metonym_person(self, trig: Token, draft: EventDraft, state: _ArticleState) -> None:
        """'In a telephone call to the Kremlin, Merkel and Macron urged Putin': the capital or palace stands for the
        person the clause addresses; a named person is coded as the person, not as their country."""
        verb = trig if trig.pos_ == "VERB" else trig.head.head if trig.dep_ == "pobj" and \
            trig.head.head.pos_ in ("VERB", "AUX") else None
        if verb is None:
            return
        persons = [m for c in verb.children if c.dep_ in ("dobj", "obj") for m in self._np_actors(c, state)
                   if m.actor.kind == "PERSON"]
        for p in list(draft.participants):
            a = p.mention.actor
            if a.kind != "COUNTRY" or p.mention.start is None or p.role != "target":
                continue  # the side called or visited ("Ankara hosted its head, Muslim" keeps Ankara)
            text = _strip_the(state.doc.text[p.mention.start:p.mention.end])
            place = self.gaz.lookup(text)
            if place is not None and place.kind == "country" or text.lower() in self.actor_lex.nationalities:
                continue  # the country named as such
            match = [m for m in persons if m.actor.country_code in (a.country_code, None)]
            if len(match) == 1:
                if match[0].actor in draft.actors:
                    draft.participants.remove(p)  # the person is already a party: the palace was them
                else:
                    p.mention = match[0]

    def _auspices(self, trig: Token, draft: EventDraft, state: _ArticleState) -> None:
        """'Talks will resume under UN auspices', 'negotiations under the aegis of the AU': the broker takes part."""
        holders = [trig]
        if trig.dep_ in ("nsubj", "nsubjpass", "dobj") and trig.head.pos_ in ("VERB", "AUX"):
            holders.append(trig.head)
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "under"):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and (c.lemma_.lower() in self.lex.auspices_nouns
                                                                       or c.lower_ in self.lex.auspices_nouns)):
                mods = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
                mods += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in self._pobjs(c)]
                for mod in mods:
                    for m in self._np_actor(mod, state):
                        draft.add(m, "participant")
                        draft.brokered = True
                if draft.brokered and draft.mode in ("meeting", "multilateral"):
                    draft.mode = "third-party"
        if draft.brokered and len(draft.actors) == 1:
            self._sides_nearby(trig, draft, state)

    def _sides_nearby(self, trig: Token, draft: EventDraft, state: _ArticleState) -> None:
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
                for m in self._np_actor(tok, state):
                    if all(m.actor is not o.actor for o in sides) and m.actor not in draft.actors:
                        sides.append(m)
            if len(sides) >= 2:
                for m in sides[:2]:
                    draft.add(m, "participant")
                return

    _ORPHAN_WINDOW = 3  # sentences: "an adviser met the president in Damascus on Thursday. ... Velayati met Assad"

    def _carry_from_orphan(self, draft: EventDraft, orphans: list[EventDraft], si: int) -> None:
        """A later mention naming the parties takes the date (and place) of the earlier mention of the same exchange
        that told when and where but named nobody we could resolve: same trigger word, a few sentences back."""
        lemma = draft.trigger.lemma_.lower()
        for orphan in reversed(orphans):
            if si - orphan.sentence_ids[0] > self._ORPHAN_WINDOW:
                break
            if orphan.sentence_ids[0] >= si or orphan.trigger.lemma_.lower() != lemma or orphan.mode != draft.mode \
                    or orphan.status != draft.status or orphan.date is None:
                continue
            words = {w for a in draft.actors for n in (a.name, *a.aliases) for w in re.split(r"[\s-]+", n.lower())}
            if any(re.split(r"[\s-]+", a.name.lower())[-1] not in words for a in orphan.actors):
                continue  # the earlier mention named someone this exchange does not have
            draft.date = orphan.date
            if draft.location is None and orphan.location is not None and draft.mode not in REMOTE_MODES:
                draft.location = orphan.location
            return

    # ------------------------------------------------------------------ sentences
    def _skipped_ranges(self, text: str) -> list[tuple[int, int]]:
        """Char ranges of lines that are headlines, bylines or captions: no event is read from them."""
        out = []
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            start, end = pos, pos + len(line)
            pos = end + 1
            if not stripped:
                continue
            caption = any(m in stripped for m in self.lex.caption_markers)
            # a headline is one unpunctuated line; a whole article on one line that ends in a byline or a cut
            # sentence is still body text
            headline = not stripped.endswith(_FINAL_PUNCT) and not _SENTENCE_BREAK.search(stripped)
            if caption and len(stripped) < _CAPTION_MAX or headline:
                out.append((start, end))
        return out

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: Span) -> list[Token]:
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.lex.verbs:
                particle = self.lex.verbs[lemma].get("particle")
                if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
                    continue
                wanted = self.lex.verbs[lemma].get("objects")
                if wanted and not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in wanted for c in tok.children):
                    continue  # "shook hands with", not "shook the region"
                if self._verb_qualifies(tok, self.lex.verbs[lemma].get("needs", "none")):
                    out.append(tok)
            elif tok.pos_ == "NOUN" and (lemma in self.lex.nouns or tok.lower_ in self.lex.nouns):
                if self._noun_qualifies(tok):
                    out.append(tok)
        return out

    def _is_actorish(self, tok: Token) -> bool:
        if tok.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"):
            return True
        if tok.lower_ in _PRONOUN_PAIRS | _SINGULAR_PRONOUNS | {"him", "them"}:
            return True
        # "called Canadian diplomats": a plural office or delegate noun is someone too
        # "hosted his Turkish and Iranian counterparts": a plural title by its lemma
        return tok.lower_ in self.actor_lex.title_words or tok.lemma_.lower() in self.actor_lex.delegate_nouns or \
            tok.tag_ == "NNS" and tok.lemma_.lower() in self.actor_lex.title_words | self.lex.group_nouns or \
            tok.lemma_.lower() in self.lex.collective_group_nouns or \
            any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in tok.children)

    def _has_phone(self, tok: Token) -> str | None:
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
        return None

    def _verb_qualifies(self, tok: Token, needs: str) -> bool:
        if tok.dep_ == "amod" or tok.tag_ == "VBN" and tok.dep_ in ("acl",) and tok.lemma_ == "call":
            return False
        children = list(tok.children)
        objs = [c for c in children if c.dep_ in ("dobj", "obj")] or self._named_complement(tok)
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
            # second such summit": a summary noun parsed as the object leaves the partner after "with"
            return not objs or any(self._is_actorish(o) for o in objs) or any(
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
            if self._has_phone(tok):
                return True
            # "discussed developments in Syria with the Turkish president": the parser hangs the partner on the topic
            partners = [*preps.get("with", []), *preps.get("to", []), *self._object_partners(tok)]
            return any(
                o.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") and _strip_the(_ent_span(o).text).lower()
                not in self.actor_lex.media or o.lower_ in self.actor_lex.title_words
                or o.lower_ in ("counterpart", "him", "her", "them")
                # "negotiated with Russian officers": unnamed people acting for a state
                or o.lemma_.lower() in self.actor_lex.delegate_nouns
                # "talked with rebel leaders": an unnamed group, reported when the other side is named
                or o.tag_ == "NNS" and o.lemma_.lower() in self.lex.group_nouns
                for o in partners) or self._reciprocal_subjects(tok, preps)
        if needs == "stopover":
            # "stopped in Cairo", "stopped at Ramstein": not "stopped Iran", whose object is no destination
            return any(o.ent_type_ in ("GPE", "LOC", "FAC") for p in ("in", "at") for o in preps.get(p, []))
        if needs == "destination":
            return any(o.ent_type_ in ("GPE", "LOC", "FAC") for p in ("to", "in", "at", "into") for o in
                       preps.get(p, [])) or any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in objs)
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
            # "Netanyahu was received by Putin": the guest is the passive subject, the host the agent
            guests = [c for c in children if c.dep_ == "nsubjpass" and (
                c.ent_type_ == "PERSON" or c.lower_ in ("he", "she") or any(
                    g.dep_ == "appos" and g.ent_type_ == "PERSON" for g in c.children))]
            return bool(guests) and any(self._is_actorish(o) and o.lower_ not in _PRONOUN_PAIRS | _SINGULAR_PRONOUNS
                                        for o in preps.get("by", []))
        if needs == "envoy":
            # "dispatched its chief of intelligence to Moscow": someone who acts for the sender, sent to a place;
            # troops, fighters and letters are no envoys
            envoys = [o for o in objs if o.ent_type_ == "PERSON" or (
                o.lemma_.lower() in self.actor_lex.title_words | self.actor_lex.delegate_nouns
                and o.lemma_.lower() not in self.lex.combat_titles)]
            return bool(envoys) and any(self._is_place(o) for o in preps.get("to", []))
        if needs == "purpose":
            # a named person: "went to see the president" resolves a bare title too loosely to risk it
            return tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in self.lex.movement_verbs and any(
                o.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in o.children)
                for o in objs)
        if needs == "object":
            return any(o.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") or self._is_actorish(o)
                       or self._definite_place(o) is not None for o in objs)
        return True

    def _named_complement(self, verb: Token) -> list[Token]:
        """'called Rouhani on Tuesday' parsed as "called (him) Rouhani": a lone name in the complement slot, with no
        object, is the one called ("called the attack a crime" has an object; "called it Rouhani's" no name)."""
        if any(c.dep_ in ("dobj", "obj") for c in verb.children):
            return []
        reg = self._registry
        return [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN" and (
            c.ent_type_ == "PERSON" or reg is not None and reg.person_at(c) is not None)]

    def _object_partners(self, verb: Token) -> list[Token]:
        """'discussed developments in Syria with the Turkish president': a person the parser hung on the verb's
        object is the verb's partner, unless the object is a relation that takes "with" itself ("discussed the deal
        with Iran", "discussed ties with Russia")."""
        out = []
        reg = self._registry
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if obj.lemma_.lower() in self.lex.relation_nouns or obj.lower_ in self.lex.relation_nouns:
                continue
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "with"):
                for o in self._pobjs(prep):
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
                if p == "in" and not self._is_place(o) or o.lemma_.lower() in ("condition", "behalf", "record"):
                    return False  # "spoke in parliament" is two speeches; "in Ankara" is where they met
        for sub in (c for c in verb.children if c.dep_ == "nsubj"):
            if self._np_phrase(sub) in self.actor_lex.pair_anaphora and sub.lower_ not in _PRONOUN_PAIRS:
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
        if spec.get("needs") == "partner" and not self._has_phone(tok) and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "between")
                and any(self._is_actorish(o) for o in self._pobjs(c)) for c in tok.children):
            return False  # "a conversation about the war" is no exchange; "a conversation with Erdoğan" is one
        if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
            return False  # a modifier: "summit venue", "meeting room"
        if self._internal_body(tok):
            return False
        # "made that call to Vladimir Putin": a call to a named person is a phone call, not an appeal ("a call to arms")
        to_person = lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            o.ent_type_ == "PERSON" for o in self._pobjs(c)) for c in tok.children)
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.lower_ in self.lex.excluded_compounds:
                return False
            if child.dep_ == "prep" and child.lower_ in self.lex.excluded_noun_preps.get(lemma, set()) and \
                    not to_person and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in child.children) and not (
                    child.lower_ == "from" and self._has_phone(tok)):
                return False  # "a call on the West": an appeal; "a call on 14 December" is still a call
            if child.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children) \
                    and lemma == "call":
                return False  # "a call to end the war"
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if lemma == "call" and nxt is not None and nxt.lower_ in ("for", "to") and not self._has_phone(tok) and \
                not to_person:
            return False  # "his call for troops to return", however the parser attached "for"
        if lemma == "call" and tok.head.lemma_ in ("make", "issue", "answer", "echo", "heed", "repeat", "renew",
                                                    "reiterate", "join", "lead", "reject") \
                and not self._has_phone(tok) and not any(c.lower_ in ("between", "with") for c in tok.children) \
                and not (tok.head.lemma_ == "make" and to_person):
            return False  # "made a call for restraint" is an appeal; "made that call to Putin" is a phone call
        return True

    def _internal_body(self, tok: Token) -> bool:
        """'a US National Security Council meeting', 'a meeting with his national security team': a government
        meeting its own body is internal business, not an exchange between actors."""
        for c in tok.children:
            if c.dep_ in ("compound", "nmod") and c.i < tok.i:
                ent = _ent_span(c)
                words = (ent.text if ent is not None else " ".join(t.text for t in c.subtree)).lower()
            elif c.dep_ == "prep" and c.lower_ in ("of", "with"):
                phrase = [t for o in self._pobjs(c) for t in o.subtree if t.i <= o.i]
                if any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in phrase):
                    continue  # "a meeting with Syrian generals" is with another side
                words = " ".join(t.lower_ for t in phrase)
            else:
                continue
            if any(re.search(rf"\b{re.escape(b)}$", words) for b in self.lex.internal_bodies):
                return True
        return False

    def _vague_group_side(self, trig: Token, verbal: bool, governing: Token | None, draft: EventDraft,
                          state: _ArticleState) -> str | None:
        """The explicit but unnamed group on the other side of an exchange whose one side is named: "Kurdish
        officials held talks with the Syrian government", "met rebel leaders in Hmeimim". The noun phrase, or None
        when there is no such group, or it is the named side's own people (see `_group_phrase`)."""
        if len(draft.actors) != 1:
            return None
        slots: list[Token] = []
        holders = [trig] if verbal else [trig, *([governing] if governing is not None else [])]
        for h in holders:
            if h.pos_ in ("VERB", "AUX"):
                slots += self._subject_of(h)
            for c in h.children:
                if c.dep_ in ("dobj", "obj") and h.pos_ in ("VERB", "AUX") and h is trig:
                    slots.append(c)
                elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "between", "by", "from"):
                    slots += self._pobjs(c)
        for tok in slots:
            for t in [tok, *tok.conjuncts]:
                phrase = self._group_phrase(t, draft.actors[0].country_code, draft.location, state)
                if phrase is not None:
                    return phrase
        return None

    def _group_phrase(self, t: Token, own: str | None, location: dict | None, state: _ArticleState) -> str | None:
        """The noun phrase of `t` when it is an explicit but unnamed group of people apart from the named side
        (of country `own`): "Kurdish officials", "rebel leaders", "opposition figures", "the opposition". None for
        any other noun, a named body, and the named side's own people: "his commanders", "Syrian officials" with the
        Syrian government, "senior aides"; "senior officials", "military leaders" or "Republican leaders" may be
        its own too, so they count only where the exchange took place abroad."""
        lemma = t.lemma_.lower()
        if lemma not in self.lex.group_nouns or t.ent_type_ in ("PERSON", "GPE", "ORG") or \
                t.tag_ not in ("NNS", "NNPS") and lemma not in self.lex.collective_group_nouns:
            return None
        if self._np_actor(t, state) or any(c.dep_ == "poss" for c in t.children):
            return None
        mods = [w for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i < t.i
                for w in c.subtree if w.i < t.i]
        phrase = " ".join([w.text for w in mods] + [t.text])
        if any(re.search(rf"\b{re.escape(b)}$", phrase.lower()) for b in self.lex.internal_bodies):
            return None
        codes = {self.actor_lex.nationalities.get(w.lower_) for w in mods} - {None}
        if own is not None and own in codes:
            return None
        marked = bool(codes) or lemma in self.lex.faction_nouns or any(
            w.lower_ not in self.lex.domestic_group_modifiers and (
                w.ent_type_ == "NORP" or w.lemma_.lower() in self.lex.faction_nouns) for w in mods)
        abroad = own is not None and location is not None and location.get("country_code") not in (None, own)
        return phrase if marked or abroad else None

    def _group_trip_host(self, trig: Token, linked: list[Token], draft: EventDraft, state: _ArticleState) -> None:
        """'Opposition figures travelled to Moscow for talks on Monday': an unnamed group's journey to a capital for
        an exchange is an exchange with the state whose capital it is; the vague group itself is left out."""
        loc = draft.location
        code = (loc or {}).get("country_code")
        if draft.mode != "visit" or not code or trig.lemma_.lower() not in self.lex.movement_verbs or \
                self.gaz.capital_country(loc["name"]) != code or \
                not any(self._spec(t).get("mode") not in ("visit", None) for t in linked):
            return
        if draft.date is None and not self._definite_exchange(trig, None, draft):
            return
        if not any(self._group_phrase(t, code, None, state) for sub in self._subject_of(trig)
                   for t in [sub, *sub.conjuncts]):
            return
        dest = next((o for c in trig.children if c.dep_ == "prep" and c.lower_ in _DEST_PREPS
                     for o in self._pobjs(c) if (ent := _ent_span(o)) is not None and ent.text == loc.get("text")),
                    None)
        if dest is not None:
            ent = _ent_span(dest)
            draft.add(Mention(state.registry.country(code), ent.start_char, ent.end_char, None), "target")

    def _spec(self, tok: Token) -> dict:
        """The lexicon entry of a trigger token."""
        table = self.lex.verbs if tok.pos_ == "VERB" else self.lex.nouns
        return table.get(tok.lemma_.lower()) or table.get(tok.lower_) or {}

    def _definite_exchange(self, trig: Token, governing: Token | None, draft: EventDraft) -> bool:
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

    def _links(self, triggers: list[Token]) -> dict[int, int]:
        """Child trigger index -> parent trigger index, for triggers telling one exchange ("visited X to meet Y",
        "talks on the sidelines of a summit")."""
        idx = {t.i: t for t in triggers}
        links: dict[int, int] = {}
        for t in triggers:
            node = t
            dest = t.head
            if t.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children) and \
                    dest.dep_ == "pobj" and dest.head.head.i in idx and dest.head.head.i != t.i and \
                    self._is_place(dest):
                # "travelled on to Cairo, where he met Sisi": the meeting is the visit's purpose told on
                links[t.i] = dest.head.head.i
                continue
            for _ in range(5):
                dep = node.dep_
                if dep in ("ROOT", "conj", "relcl", "ccomp", "parataxis") or node.head.i == node.i:
                    break
                if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
                    break
                if dep in ("pcomp", "pobj") and node.head.lower_ in ("since", "after", "before", "until", "following",
                                                                       "than"):
                    break
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

    # ------------------------------------------------------------------ one trigger
    def _build(self, trig: Token, linked: list[Token], sent: Span, triggers: list[Token],
               state: _ArticleState) -> list[EventDraft]:
        verbal = trig.pos_ == "VERB"
        spec = self._spec(trig)
        state.unreported = ""
        if self._blocked(trig) or any(self._blocked(t) for t in linked):
            return []
        status, weak = self._status(trig)
        mode = spec["mode"]
        phone = self._has_phone(trig)
        if phone:
            mode = phone
        draft = EventDraft(trigger=trig, mode=mode, status=status, weak_status=weak)
        draft.mentions.append((*self._sentence_bounds(sent, trig), trig.text))
        draft.sentence_ids.append(state.sentence_index)
        governing = self._governing_light_verb(trig) if not verbal else None
        if governing is not None and governing.lemma_.lower() in self.lex.host_verbs:
            draft.mode = "host" if mode not in REMOTE_MODES else mode
        self._participants(trig, verbal, governing, draft, state)
        for child in linked:
            child_verbal = child.pos_ == "VERB"
            self._participants(child, child_verbal, None if child_verbal else self._governing_light_verb(child),
                               draft, state)
        self._auspices(trig, draft, state)
        self._metonym_person(trig, draft, state)
        if len(draft.actors) < 2 and not self._blocked(trig):
            self._members_nearby(trig, verbal, draft, state)
        if draft.brokered and draft.mode in ("meeting", "multilateral"):
            draft.mode = "third-party"
        elif mode == "multilateral" and len(draft.actors) < 3 and not self._is_summit_of_many(trig):
            draft.mode = "meeting"
        others = {t.i for t in triggers if t.i != trig.i and t not in linked}
        scope_roots = [trig, *linked] + ([governing] if governing is not None else [])
        split = self._place_date_pairs(trig, others, state) if draft.mode not in REMOTE_MODES else []
        draft.date = self._date(scope_roots, others, state, draft)
        if draft.date is None and state.anchor is not None and trig.tag_ == "VBG" and draft.status == "occurred" and \
                any(c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re") for c in trig.children):
            # "The two men are meeting in the city": under way as the article is published
            day = state.anchor.isoformat()
            draft.date = {"start": day, "end": day, "precision": "day", "text": trig.text}
        offset = self._relative_offset(trig)
        if offset and draft.date and draft.date.get("precision") == "day":
            # "On Monday, three days after Trump and Erdoğan spoke": the call was three days before that Monday
            start = date.fromisoformat(draft.date["start"]) + timedelta(days=offset)
            end = date.fromisoformat(draft.date["end"]) + timedelta(days=offset)
            draft.date = {**draft.date, "start": start.isoformat(), "end": end.isoformat()}
        if draft.mode not in REMOTE_MODES:
            place_roots = list(scope_roots)
            if not verbal and trig.dep_ in ("nsubj", "nsubjpass") and trig.head.lemma_.lower() in self.lex.course_verbs:
                place_roots.append(trig.head)  # "Talks will resume under UN auspices in Vienna"
            if not verbal and trig.dep_ == "pobj" and trig.head.lower_ == "for" and \
                    trig.head.head.lemma_.lower() in self.lex.movement_verbs | {"be"}:
                place_roots.append(trig.head.head)  # "was in Erbil for talks with the Kurds"
                place_roots += [o for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "under"
                                for o in c.children if o.dep_ == "pobj"]
            # "discussed developments in Syria with Erdoğan": a place inside the topic is not where they talked
            topics = {c.i for c in trig.children if c.dep_ in ("dobj", "obj")} if verbal and \
                trig.lemma_.lower() in self.lex.topic_verbs else set()
            draft.location = self._location(place_roots, others | topics, draft, state)
            if draft.location is None and trig.dep_ == "advcl" and any(
                    c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "while") for c in trig.children):
                # "tempered celebrations in Sochi last week when Assad's backers met": the scene the time clause
                # dates is where the exchange took place
                for c in trig.head.children:
                    if c.dep_ in ("dobj", "obj", "prep", "npadvmod", "attr") and c.i != trig.i:
                        draft.location = self._location([c], others | {trig.i}, draft, state)
                        if draft.location is not None:
                            break
        if draft.location is not None and draft.participants and any(
                c.dep_ == "amod" and c.lower_ in self.lex.member_markers for c in trig.children):
            # "a trilateral summit in Tehran": the host state is one of the three
            code = self.gaz.capital_country(draft.location["name"])
            if code and all(a.country_code != code for a in draft.actors):
                draft.add(Mention(state.registry.country(code), None, None, None), "participant")
        if spec.get("remote_unless_placed") and draft.mode == "meeting" and draft.location is None and \
                not linked:
            draft.mode = "phone"  # "Macron spoke to Trump on Tuesday": leaders in two capitals talk by phone
        if draft.mode == "meeting" and self._party_count(draft) >= 3:
            draft.mode = "multilateral"  # "Putin, Erdoğan and Rouhani are due to meet": three states meet
        if not draft.participants and verbal:
            self._group_trip_host(trig, linked, draft, state)
        if not draft.participants:
            state.unreported = "" if self._attachable(trig) else (draft.location or {}).get("name", "")
            return [draft]
        if draft.date and draft.date["start"] > (state.anchor or date.max).isoformat() and draft.status != "planned":
            draft.status = "planned"
        stops = self._conjoined_places(trig, draft) if draft.mode == "visit" and not split else []
        if stops:
            # "toured Washington, Paris and London": one visit per place, each to its own host
            out = []
            for place in stops:
                d = EventDraft(trigger=trig, mode=draft.mode, status=draft.status, weak_status=draft.weak_status,
                               participants=list(draft.participants), date=draft.date, location=place,
                               mentions=list(draft.mentions), sentence_ids=list(draft.sentence_ids))
                self._add_host_country(d)
                out.append(d)
            if self._domestic_trip(draft) or not self._political(draft) or self._background_trip(trig, draft):
                return []
            return [d for d in out if not self._domestic_trip(d)]
        self._add_host_country(draft)
        followers = self._followers(trig, draft, others, state) if draft.mode == "visit" else []
        if split:
            out = []
            # "met Sisi in Cairo on Monday and Erdoğan in Ankara on Tuesday": one partner per place, in order; a
            # host country added for the first place is not the host of the others
            shared = [p for p in draft.participants if p.role != "target" and p.mention.start is not None]
            targets = sorted((p for p in draft.participants if p.role == "target" and p.mention.start is not None),
                             key=lambda p: p.mention.start)
            if targets and len(targets) < len(split):
                # "met Sisi in Cairo on Monday and Erdoğan in Ankara on Tuesday": the later partners stand in the
                # gap before their place
                gapped = [next((m for t in state.doc[split[i - 1][3]:split[i][2]]
                                if (m := state.registry.person_at(t)) is not None), None) for i in range(1, len(split))]
                if all(m is not None for m in gapped):
                    targets = targets[:1] + [Participant(m, "target") for m in gapped]
            for i, (place, when, _, _) in enumerate(split):
                parts = shared + ([targets[i]] if len(targets) == len(split) else targets)
                d = EventDraft(trigger=trig, mode=draft.mode, status=draft.status, weak_status=draft.weak_status,
                               participants=list(parts), date=when, location=place,
                               mentions=list(draft.mentions), sentence_ids=list(draft.sentence_ids))
                self._add_host_country(d)
                out.append(d)
            return out
        draft.vague_side = self._vague_group_side(trig, verbal, governing, draft, state) \
            if draft.mode not in ("visit", "host") and not draft.host_added else None
        one_side = draft.vague_side is not None and (
            draft.date is not None or draft.location is not None or self._definite_exchange(trig, governing, draft))
        if verbal and spec.get("needs") == "partner" and len(draft.actors) < 2 and not one_side:
            return []  # "spoke to reporters", "talked to her": no second party we can name
        if draft.brokered and len(draft.actors) == 1 and (draft.date or draft.location):
            draft.mode = "third-party"  # "Talks will resume under UN auspices in Vienna this week"
        elif draft.convened and len(draft.actors) == 1 and (draft.date or draft.hosted and draft.location):
            # a dated meeting of one body ("the Arab League meeting on Sunday"); undated, "the UN-sponsored Geneva
            # talks" name a process, not one round
            draft.mode = "multilateral" if draft.mode == "meeting" else draft.mode
        elif len(draft.actors) < 2 and draft.mode not in ("visit", "host") and not draft.host_added and \
                not one_side:
            # "a senator told CNN after meeting with Pence", "I'm ringing Turkey": one side is vague, so this is
            # no exchange between identifiable actors we can report (but a later mention may name both sides)
            if draft.date is not None:
                state.orphans.append(draft)
            state.unreported = (draft.location or {}).get("name") or "?"  # one side named: another exchange
            return followers
        if draft.mode == "visit" and spec["mode"] != "visit" and len(draft.actors) == 1 and draft.location is None \
                and draft.date is None:
            return followers  # "was in the region for talks with America's Kurdish allies": nobody met, nowhere
        # one named side facing an unnamed group is one state's exchange with others, not with itself
        if self._own_state(draft) and not one_side or \
                not verbal and governing is None and self._generic_process(trig, draft):
            return followers
        if verbal and spec.get("remote_unless_placed") and draft.date is None and draft.location is None and \
                trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in trig.children):
            return followers  # "revealed he was talking to the development secretary on how to ...": a process
        if not verbal and any(c.dep_ == "amod" and c.lower_ in ("separate", "respective") for c in trig.children):
            return self._split_separate(draft)
        if self._domestic_trip(draft) or not self._political(draft) or self._background_trip(trig, draft):
            return followers
        return [draft, *followers]

    def _conjoined_places(self, trig: Token, draft: EventDraft) -> list[dict]:
        """The places of a trip told as a list ("visited Jordan, Egypt and Bahrain", "travelled to Riyadh and Doha"),
        when the place found is the first of them; [] for a trip to one place."""
        if draft.location is None or len(draft.actors) != 1:
            return []
        heads = [c for c in trig.children if c.dep_ in ("dobj", "obj")] + [
            o for c in trig.children if c.dep_ == "prep" and c.lower_ in _DEST_PREPS | _PLACE_PREPS
            for o in c.children if o.dep_ == "pobj"]
        for head in heads:
            items = [head, *head.conjuncts]
            if len(items) < 2 or not all(self._is_place(t) for t in items):
                continue
            places = []
            for t in items:
                ent = _ent_span(t)
                place = self.gaz.lookup(_strip_the(ent.text))
                places.append(place.as_dict(ent.text))
            if places[0]["name"] == draft.location["name"]:
                return places
        return []

    @staticmethod
    def _own_state(draft: EventDraft) -> bool:
        """'Trump agreed at a US National Security Council meeting': a leader and their own state are one side."""
        if draft.mode in ("visit", "host") or not any(a.kind == "COUNTRY" for a in draft.actors):
            return False
        codes = {a.country_code for a in draft.actors}
        return len(codes) == 1 and None not in codes

    @staticmethod
    def _generic_process(trig: Token, draft: EventDraft) -> bool:
        """'peace talks brokered by Russia, Turkey and Iran have gone nowhere': a bare plural told in the present
        or present perfect, with no time and no place, is a process going on, not one exchange."""
        if draft.date is not None or draft.location is not None or trig.tag_ != "NNS" or \
                trig.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ in ("det", "poss") for c in trig.children):
            return False
        head = trig.head
        return head.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve")
                                                  for c in head.children)

    @staticmethod
    def _party_count(draft: EventDraft) -> int:
        """The sides of an exchange: people of one country are one side ("Nixon and his secretary of state")."""
        return len({a.country_code or a.name for a in draft.actors})

    @staticmethod
    def _split_separate(draft: EventDraft) -> list[EventDraft]:
        """'in separate phone calls with Trump and Putin': one exchange per partner, each with the other side."""
        targets = [p for p in draft.participants if p.role == "target"]
        others = [p for p in draft.participants if p.role != "target"]
        if len(targets) < 2:
            return [draft]
        if not others:
            return []  # the partners of separate calls never spoke to each other; the caller is unknown
        out = []
        for t in targets:
            out.append(EventDraft(trigger=draft.trigger, mode=draft.mode, status=draft.status,
                                  weak_status=draft.weak_status, participants=[*others, t], date=draft.date,
                                  location=draft.location, mentions=list(draft.mentions),
                                  sentence_ids=list(draft.sentence_ids)))
        return out

    def _followers(self, trig: Token, draft: EventDraft, others: set[int], state: _ArticleState) -> list[EventDraft]:
        """'X is to visit Beijing, with Y following in the coming weeks': Y makes the same trip later."""
        out = []
        for prep in trig.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for verb in prep.children:
                if verb.dep_ != "pcomp" or verb.lemma_.lower() not in ("follow", "join"):
                    continue
                subs = [c for c in verb.children if c.dep_ == "nsubj"]
                visitors = [m for s in subs for m in self._np_actors(s, state)]
                if not visitors:
                    continue
                ev = EventDraft(trigger=trig, mode="visit", status=draft.status, location=draft.location,
                                mentions=list(draft.mentions), sentence_ids=list(draft.sentence_ids))
                for m in visitors:
                    ev.add(m, "source")
                ev.date = self._date([verb], others | {trig.i}, state, ev)
                self._add_host_country(ev)
                out.append(ev)
        return out

    def _sentence_bounds(self, sent: Span, trig: Token) -> tuple[int, int]:
        """The sentence, cut at line breaks: a headline the parser ran into the first sentence is not part of it."""
        text = sent.doc.text
        line_start = text.rfind("\n", 0, trig.idx) + 1
        line_end = text.find("\n", trig.idx)
        line_end = len(text) if line_end < 0 else line_end
        toks = [t for t in sent if not t.is_space and t.idx >= line_start and t.idx + len(t.text) <= line_end]
        return (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else (sent.start_char, sent.end_char)

    def _is_summit_of_many(self, trig: Token) -> bool:
        if any(c.dep_ == "amod" and c.lower_ in self.lex.member_markers for c in trig.children):
            return True  # "a trilateral summit"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ in ("NNS", "NNPS") for g in c.children)
                   for c in trig.children) or trig.lower_ in ("summit", "conference") and any(
            c.dep_ in ("compound", "amod") and c.ent_type_ in ("ORG", "NORP", "EVENT") for c in trig.children)

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
            if dep == "pobj" and head.lower_ in _TEMPORAL_PREPS:
                break
            if dep == "pcomp" and head.lower_ in _TEMPORAL_PREPS:
                break
            if dep in ("nsubj", "nsubjpass") and head.lemma_.lower() not in self.lex.planning_verbs | {"be"}:
                break
            out.append((head, dep))
            node = head
        return out

    def _blocked(self, trig: Token) -> bool:
        """Negated, hypothetical, generic, or a call for talks: no event."""
        nodes = [trig] + [n for n, _ in self._chain(trig)]
        reported = self._under_reporting(trig)
        for i, node in enumerate(nodes):
            for child in node.children:
                low = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and low in ("no", "neither")):
                    return True
                if child.dep_ == "aux" and low in _MODALS_HYPO:
                    return True
                if child.dep_ == "aux" and low in ("would", "'d") and not reported:
                    return True
                if child.dep_ == "mark" and low in ("if", "whether", "unless"):
                    return True
                if i == 0 and child.dep_ in ("advmod", "amod", "det") and low in self.lex.generic_words:
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
                          and node.head.lemma_.lower() not in ("accept", "take")):
                # "refused to meet", "an attempt to meet"; not "accounts in the press of the call", nor "accepted an
                # invitation to visit"
                return True
            if i > 0 and node.pos_ in ("NOUN", "ADJ") and node.lower_ in self.lex.hypothetical_words:
                return True
        head = trig.head
        if trig.dep_ == "pobj" and head.lower_ == "without":
            return True
        return False

    def _under_reporting(self, trig: Token) -> bool:
        return any(a.lemma_.lower() in self.lex.reporting_verbs for a in trig.ancestors)

    def _status_chain(self, trig: Token) -> list[Token]:
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
            if node.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_CLAUSE_MARKS
                                            for c in node.children):
                break  # "what was agreed when Trump met Putin": the meeting is told as fact
            if node.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() not in self.lex.planning_verbs | {"be"}:
                break
            out.append(head)
            node = head
        return out

    def _status(self, trig: Token) -> tuple[str, bool]:
        nodes = [trig] + self._status_chain(trig)
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
                if node.tag_ == "VBD" and trig.dep_ == "pobj" and trig.head.head.i == node.i and \
                        trig.head.lower_ in self._ADJUNCT_PREPS:
                    continue  # "agreed during a phone call to extend the deal": the call framed what was agreed
                if node.lemma_.lower() in ("agree", "announce", "confirm", "decide", "arrange") and node.tag_ in (
                        "VBD", "VBN") or node.lemma_.lower() not in ("agree", "announce", "confirm", "decide",
                                                                     "arrange"):
                    return "planned", False
            if i > 0 and node.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in ("due", "expected", "set")
                                                      for c in node.children):
                return "planned", False  # "Lavrov is due in Ankara on Tuesday for talks"
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
        return "occurred", False

    # ------------------------------------------------------------------ participants
    def _governing_light_verb(self, noun: Token) -> Token | None:
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
            if node.dep_ == "pobj" and head.lower_ in ("on", "for") and head.head.lemma_.lower() in (
                    "go", "embark", "set", "leave", "gather", "assemble", "convene"):
                return head.head  # "went on a trip", "left for talks", "gathered in Hiroshima for a summit"
            if node.dep_ == "pobj" and head.lower_ in ("in", "into") and head.head.lemma_.lower() in ("engage",
                                                                                                     "participate",
                                                                                                     "take", "be"):
                return head.head
            return None
        return None

    def _subject_of(self, verb: Token) -> list[Token]:
        """Subject tokens of a verb, climbing to the governing clause for infinitives, gerunds and participles."""
        node = verb
        for _ in range(5):
            subs = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not (
                c.dep_ == "nsubjpass" and node is verb and verb.lemma_.lower() in self.lex.verbs)]
            if subs:
                sub = subs[0]
                if sub.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
                    if sub.lower_ == "who" and self._is_org_token(node.head) and (
                            self._registry is None or self._registry.person_at(node.head) is None):
                        # "Nadim Houry, the director ... at Human Rights Watch, who recently visited Raqqa": "who"
                        # is a person, so the parser's attachment to the organisation is wrong
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
                # object control: "leaving the adviser to hold talks", "invited Assad to visit"
                objs = [c for c in node.head.children if c.dep_ in ("dobj", "obj") and c.i < node.i]
                if objs:
                    return objs[:1]
            if node.dep_ in ("xcomp", "advcl", "pcomp", "acl", "conj", "ccomp", "prep", "pobj", "dobj", "npadvmod",
                             "appos", "acomp") and \
                    node.head.i != node.i:
                if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    noun = node.head
                    if noun.pos_ == "NOUN" and not noun.ent_type_ and noun.dep_ in ("dobj", "obj") and \
                            noun.head.pos_ == "VERB" and noun.lower_ not in self.actor_lex.title_words:
                        node = noun.head  # "Trump made the decision to withdraw ...": the maker acts
                        continue
                    return [noun]
                node = node.head
                continue
            break
        return []

    def _participants(self, trig: Token, verbal: bool, governing: Token | None, draft: EventDraft,
                      state: _ArticleState) -> None:
        add = draft.add
        if verbal:
            passive_host = any(c.dep_ == "nsubjpass" for c in trig.children)
            for sub in self._subject_of(trig):
                for m in self._np_actors(sub, state):
                    add(m, "target" if passive_host else "source")
            if not draft.participants:
                # "as the adviser, John Bolton, visited Ankara" parsed without a subject: the name just before
                prev = trig.i - 1
                while prev >= trig.sent.start and state.doc[prev].is_punct:
                    prev -= 1
                m = state.registry.person_at(state.doc[prev]) if prev >= trig.sent.start else None
                if m is not None and prev < trig.i - 1:
                    add(m, "source")
            named = self._named_complement(trig)
            for c in trig.children:
                if c.dep_ in ("dobj", "obj") or c in named:
                    if trig.lemma_.lower() in ("visit", "tour") and c.ent_type_ in ("GPE", "LOC", "FAC", "ORG") and \
                            self._is_place(c):
                        continue  # the place visited: the location, not a participant
                    if trig.lemma_.lower() in self.lex.topic_verbs:
                        continue  # "discussed Syria by phone": the topic, not a party
                    for m in self._np_actors(c, state):
                        add(m, "target")
                elif c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and any(
                        o.dep_ in ("dobj", "obj") for o in trig.children):
                    # "met the US president, Richard Nixon, and his secretary of state, Henry Kissinger" with the
                    # second object parsed as a conjunct of the verb
                    for m in self._np_actors(c, state):
                        add(m, "target")
                elif c.dep_ in ("prep", "agent") and c.lower_ in ("with", "to", "by", "between", "alongside"):
                    for obj in self._pobjs(c):
                        if c.lower_ == "to" and (self._is_place(obj) or self._venue(obj)) and (
                                draft.mode in ("visit", "host") or not self._capital_actor(obj)):
                            # "travelled to Cairo", "welcomed Ruto to the White House": where, not a party
                            continue
                        role = "source" if c.lower_ == "by" else "target"
                        for m in self._np_actors(obj, state):
                            add(m, role)
            if self.lex.verbs.get(trig.lemma_.lower(), {}).get("needs") == "partner":
                for obj in self._object_partners(trig):  # "discussed the crisis with the Turkish president"
                    for m in self._np_actors(obj, state):
                        add(m, "target")
            if trig.dep_ == "conj" and any(o.dep_ in ("dobj", "obj") for o in trig.children):
                # ... or as a conjunct of the clause the verb is itself a conjunct of ("became envoy, and met X, and
                # his secretary of state, Y"): a person only
                for c in trig.head.children:
                    if c.dep_ == "conj" and c.i > trig.i and c.pos_ in ("NOUN", "PROPN"):
                        for m in self._np_actors(c, state):
                            if m.actor.kind == "PERSON":
                                add(m, "target")
            if any(c.dep_ == "nsubjpass" for c in trig.children) and (
                    not draft.participants or any(c.dep_ == "agent" for c in trig.children)):
                # "Netanyahu was received by Putin": the passive subject is the guest beside the agent host
                for c in trig.children:
                    if c.dep_ == "nsubjpass":
                        for m in self._np_actors(c, state):
                            add(m, "target")
        else:
            for c in trig.children:
                if c.dep_ == "poss":
                    for m in self._np_actors(c, state):
                        add(m, "source")
                elif c.dep_ in ("compound", "nmod", "amod") and c.i < trig.i:
                    for m in self._hyphen_pair(trig, state):
                        add(m, "participant")
                        draft.paired = True
                elif c.dep_ == "prep" and c.lower_ in ("with", "between", "by", "of", "among", "involving",
                                                       "alongside"):
                    for obj in self._pobjs(c):
                        role = "source" if c.lower_ == "by" else "target" if c.lower_ == "with" else "participant"
                        for m in self._np_actors(obj, state, allow_vague_group=False):
                            add(m, role)
                elif c.dep_ == "prep" and c.lower_ == "to" and trig.lemma_.lower() in ("call", "visit"):
                    for obj in c.children:
                        if obj.dep_ == "pobj" and not self._is_place(obj):
                            for m in self._np_actors(obj, state):
                                add(m, "target")
                elif c.dep_ == "prep" and c.lower_ == "from" and trig.lemma_.lower() in ("call", "visit",
                                                                                       "phonecall"):
                    for obj in c.children:  # "received a call from Putin", "a visit from the emir"
                        if obj.dep_ == "pobj" and not self._is_place(obj):
                            for m in self._np_actors(obj, state):
                                add(m, "source")
                if c.dep_ == "compound" and c.ent_type_ == "ORG" and draft.mode not in REMOTE_MODES and \
                        c.i < trig.i and not (re.search(r"[-–—]", (_ent_span(c) or c).text) and len(draft.actors) >= 2):
                    # the organisation whose summit it is: "the Arab League summit", "the Arab League meeting"
                    for m in self._np_actor(c, state):
                        if m.actor.kind != "PERSON":
                            add(m, "participant")
                            # a dated meeting only: "the UN-sponsored Geneva talks" name a process, not one round
                            draft.convened = draft.convened or m.actor.kind == "ORG"
            if trig.dep_ == "appos" and not any(c.dep_ == "poss" for c in trig.children):
                # "Tillerson's first stop – a visit to Egypt": the possessor of the noun the trigger renames
                for c in trig.head.children:
                    if c.dep_ == "poss":
                        for m in self._np_actors(c, state):
                            add(m, "source")
            for c in trig.children:
                if c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in self.lex.address_verbs:
                    # "his telephone call congratulating Putin", "a call urging Erdoğan to hold back"
                    for o in (g for g in c.children if g.dep_ in ("dobj", "obj")):
                        for m in self._np_actors(o, state):
                            add(m, "target")
                # "the Sochi talks, brokered by Russia, Turkey and Iran", "a summit attended by ...": the agents
                if c.dep_ == "acl" and c.tag_ == "VBN":
                    for agent in c.children:
                        if agent.dep_ == "agent":
                            for obj in self._pobjs(agent):
                                for m in self._np_actors(obj, state, allow_vague_group=False):
                                    add(m, "participant")
                                    # "talks brokered by Russia, Turkey and Iran": the brokers bring the sides
                                    draft.brokered = draft.brokered or c.lemma_.lower() in self.lex.broker_verbs
            journey = governing is None and trig.dep_ == "pobj" and trig.head.lower_ == "for" and \
                trig.head.head.lemma_.lower() in self.lex.movement_verbs | {"be"} and not trig.head.head.dep_ == "relcl"
            if journey and draft.mode == "meeting":
                draft.mode = "visit"  # "McGurk was in the region for talks with the Kurds": he travelled to them
            # "After Trump's call with Erdoğan, the Turkish foreign minister said": a call whose two sides are named
            # in its own phrase does not take in the subject of the clause it frames
            frame_verb = self._framed_verb(trig) if governing is None and trig.dep_ == "pobj" and (
                trig.head.lower_ in self._ADJUNCT_PREPS or journey) else None
            if frame_verb is not None and not (
                        len(draft.actors) >= 2 and any(p.role != "target" for p in draft.participants)):
                # "On a visit to the base, he embraced Assad", "discussed Syria in a call with Putin": the subject
                # of the clause the trigger noun frames took part
                for sub in self._subject_of(frame_verb):
                    for m in self._np_actors(sub, state):
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
                            for m in self._np_actors(o, state):
                                if m.actor.kind == "PERSON":
                                    add(m, "target")
            if trig.dep_ == "nsubj" and trig.head.lemma_.lower() in self.lex.gathering_verbs:
                # "The summit in Tehran brought together Putin, Erdoğan and Rouhani": whom it gathered took part
                for obj in (c for c in trig.head.children if c.dep_ in ("dobj", "obj")):
                    for m in self._np_actors(obj, state, allow_vague_group=False):
                        add(m, "participant")
            if draft.participants and all(p.role == "target" for p in draft.participants):
                self._possessor_source(trig, draft, state)
            if governing is not None:
                received = governing.lemma_.lower() in self.lex.receiving_verbs and any(
                    c.dep_ == "prep" and c.lower_ == "from" for w in (governing, trig) for c in w.children)
                for sub in self._subject_of(governing):
                    for m in self._np_actors(sub, state):
                        add(m, "target" if received else "source")
                        # "the EU will hold a reconstruction conference": a body convening a conference of many
                        convening = governing.lemma_.lower() in self.lex.host_verbs | {"hold"}
                        if m.actor.kind in ("ORG", "COUNTRY") and convening and self.lex.nouns.get(
                                trig.lemma_.lower(), {}).get("mode") == "multilateral":
                            draft.convened = draft.hosted = True
                for c in governing.children:
                    if c.dep_ == "prep" and c.lower_ in ("with", "between", "from"):
                        for obj in c.children:
                            if obj.dep_ == "pobj" and not self._is_place(obj):
                                for m in self._np_actors(obj, state):
                                    add(m, "source" if c.lower_ == "from" else "target")

    @staticmethod
    def _framed_verb(trig: Token) -> Token | None:
        """The verb whose clause a trigger noun in an adjunct phrase frames: "On a visit, he embraced Assad". The
        parser often hangs the phrase on a noun of that clause instead ("raised concerns about the situation in a
        phone call with Putin", "Netanyahu, on a visit to Moscow, told Putin"): then the verb that noun belongs to,
        through objects and subjects only (a relative or reported clause is another happening)."""
        node = trig.head.head
        for _ in range(5):
            if node.pos_ in ("VERB", "AUX"):
                return node
            if node.pos_ not in ("NOUN", "PROPN") and node.dep_ != "prep" or \
                    node.dep_ not in ("pobj", "prep", "dobj", "obj", "nsubj", "nsubjpass", "appos"):
                return None
            node = node.head
        return None

    def _possessor_source(self, trig: Token, draft: EventDraft, state: _ArticleState) -> None:
        """'Trump's decision was prompted by a call with Erdoğan', 'Trump's decision follows a call with Erdoğan':
        the other side of the call is the possessor of the clause's subject (or the subject itself)."""
        node = trig
        if node.dep_ in ("pobj",) and node.head.dep_ in ("prep", "agent"):
            node = node.head
        if node.dep_ not in ("prep", "agent", "dobj", "obj", "attr") or node.head.pos_ not in ("VERB", "AUX"):
            return
        verb = node.head
        for sub in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            found = self._np_actors(sub, state) if sub.pos_ == "PROPN" else []
            if not found:
                found = [m for c in sub.children if c.dep_ == "poss" for m in self._np_actors(c, state)]
            for m in found:
                draft.add(m, "source")

    @staticmethod
    def _pobjs(prep: Token) -> list[Token]:
        """Objects of a preposition. The parser sometimes hangs the names after 'between'/'with' on the next verb
        ("the call between Trump and Erdoğan show ..."): then the noun phrase right after the preposition."""
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        doc = prep.doc
        if prep.lower_ == "between" and len(objs) == 1 and not objs[0].conjuncts and \
                objs[0].right_edge.i + 2 < len(doc) and doc[objs[0].right_edge.i + 1].lower_ == "and":
            # "talks between the Syrian government and the opposition resumed": the second side parsed as a
            # subject of the next verb; "between" always has two
            tok = doc[objs[0].right_edge.i + 2]
            while tok.dep_ in ("det", "amod", "compound", "nmod", "poss", "case") and tok.head.i > tok.i and \
                    tok.head.i - objs[0].right_edge.i <= 6:
                tok = tok.head
            if tok.pos_ in ("PROPN", "NOUN"):
                return [objs[0], tok]
        if objs or prep.lower_ not in ("between", "with") or prep.i + 1 >= len(prep.doc):
            return objs
        tok = prep.doc[prep.i + 1]
        while tok.dep_ in ("det", "amod", "compound", "nmod", "poss", "case") and tok.head.i > tok.i and \
                tok.head.i - prep.i <= 6 and not (tok.dep_ == "nmod" and tok.head.pos_ == "VERB"):
            tok = tok.head
        return [tok] if tok.pos_ in ("PROPN", "NOUN", "PRON") else []

    def _hyphen_pair(self, trig: Token, state: _ArticleState) -> list[Mention]:
        """'the Biden-Xi call', 'U.S.-China talks': actors named in a hyphenated modifier of the trigger noun."""
        left = [t for t in trig.subtree if t.i < trig.i and t.dep_ not in ("det", "poss", "case")]
        left = [t for t in left if not any(a.dep_ == "poss" for a in t.ancestors if a.i < trig.i)]
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

    def _name_to_actor(self, name: str, start: int, state: _ArticleState) -> Mention | None:
        end = start + len(name)
        reg = state.registry
        span = state.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                m = reg.person_at(tok)
                if m is not None:
                    return Mention(m.actor, start, end, None)
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

    def _is_place(self, tok: Token) -> bool:
        ent = _ent_span(tok)
        return ent is not None and (ent.label_ in ("GPE", "LOC", "FAC") or self._mislabelled_place(ent)) and \
            self.gaz.lookup(_strip_the(ent.text)) is not None

    def _venue(self, tok: Token) -> bool:
        """'the White House', 'the Kremlin': a seat of power, tagged as an organisation, that names its city."""
        ent = _ent_span(tok)
        if ent is None or ent.label_ not in ("ORG", "FAC"):
            return False
        place = self.gaz.lookup(_strip_the(ent.text))
        return place is not None and place.kind == "city"

    def _city_of_venue(self, tok: Token) -> Place | None:
        """'a visit to the Cambridge Union', 'at the Munich Security Conference hall': a venue named after its
        city is in that city."""
        ent = _ent_span(tok)
        if ent is None or ent.label_ not in ("ORG", "FAC"):
            return None
        words = _strip_the(ent.text).split()
        if len(words) < 2 or words[-1].lower() not in self.actor_lex.venue_words:
            return None
        place = self.gaz.lookup(" ".join(words[:-1]))
        return place if place is not None and place.kind == "city" else None

    def _untagged_place(self, tok: Token) -> bool:
        """'a visit to Kyiv' with Kyiv left untagged: a proper noun the gazetteer knows as a city or country."""
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
            return False
        name = " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.pos_ == "PROPN")
        place = self.gaz.lookup(name)
        return place is not None and place.kind in ("city", "country") and \
            name.lower() not in self.actor_lex.nationalities

    def _definite_place(self, tok: Token) -> dict | None:
        """'the country', 'the city': the latest place of that kind named in this or the two sentences before."""
        if tok.pos_ != "NOUN" or tok.lower_ not in ("country", "city", "capital") or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
                c.dep_ in ("amod", "compound", "prep", "poss") for c in tok.children):
            return None
        want = "country" if tok.lower_ == "country" else "city"
        doc = tok.doc
        start = tok.sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        for t in reversed(doc[start:tok.i]):
            if t.ent_type_ != "GPE" or t.ent_iob_ != "B":
                continue
            ent = _ent_span(t)
            place = self.gaz.lookup(_strip_the(ent.text)) if ent is not None else None
            if place is not None and place.kind == want:
                return place.as_dict(ent.text)
        return None

    def _mislabelled_place(self, ent: Span) -> bool:
        """'visited eastern Ghouta' with Ghouta tagged ORG: a name the gazetteer knows as a region or city, and the
        actor lexicon not as an institution, is a place."""
        if ent.label_ not in ("ORG", "NORP", "DATE"):
            return False
        name = _strip_the(ent.text)
        place = self.gaz.lookup(name)
        if place is None or place.kind not in ("city", "region", "admin1"):
            return False
        if ent.label_ == "DATE" and (not ent.text[:1].isupper() or self.dates.resolve(name, date(2000, 1, 1))):
            return False  # "in Montevideo" tagged DATE: a capitalised name that is no date the resolver knows
        return name.lower() not in self.actor_lex.institutions and name.lower() not in self.actor_lex.nationalities

    def _capital_actor(self, tok: Token) -> bool:
        ent = _ent_span(tok)
        return ent is not None and self.gaz.capital_country(_strip_the(ent.text)) is not None

    def _np_actors(self, tok: Token, state: _ArticleState, allow_vague_group: bool = True) -> list[Mention]:
        out: list[Mention] = []
        for t in [tok, *tok.conjuncts]:
            if t.i < tok.i:
                continue
            out.extend(self._np_actor(t, state))
            # "his Turkish counterpart, Erdoğan, and the Iranian president, Rouhani": the parser hangs the next
            # conjunct on the name in apposition instead of on the noun it renames
            for c in t.children:
                if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or state.registry.person_at(c) is not None):
                    for cj in c.conjuncts:
                        if cj.i > c.i:
                            out.extend(self._np_actor(cj, state))
            # "Putin, along with his Turkish counterpart, ...": the companions are parties too
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("along", "together"):
                    for w in c.children:
                        if w.dep_ == "prep" and w.lower_ == "with":
                            for obj in w.children:
                                if obj.dep_ == "pobj":
                                    out.extend(self._np_actors(obj, state))
        self._misparsed_coordination(tok, out, state)
        return out

    def _misparsed_coordination(self, tok: Token, out: list[Mention], state: _ArticleState) -> None:
        """Names of a coordination the parser hung inside one noun phrase: "Donald Trump and Theresa May spoke"
        parsed as "Trump" a modifier of "May"; "between Trump and the North Korean leader, Kim Jong-un" with the
        name in apposition to the first conjunct instead of the title noun it renames."""
        reg = state.registry
        have = {id(m.actor) for m in out}
        conjuncts = [tok, *tok.conjuncts]
        unnamed_conjunct = any(reg.person_at(t) is None and not t.ent_type_ for t in conjuncts[1:])
        for t in conjuncts:
            own = _ent_span(t)
            for c in t.children:
                found: list[Token] = []
                if c.dep_ in ("nmod", "compound") and c.ent_type_ == "PERSON" and c.conjuncts and (
                        own is None or _ent_span(c) != own):
                    found = [c, *c.conjuncts]
                elif c.dep_ == "appos" and c.ent_type_ == "PERSON" and unnamed_conjunct and t is tok:
                    found = [c]
                for x in found:
                    m = reg.person_at(x)
                    if m is not None and id(m.actor) not in have:
                        have.add(id(m.actor))
                        out.append(m)

    def _np_phrase(self, tok: Token) -> str:
        left = [c for c in tok.lefts if c.dep_ in ("det", "nummod", "amod", "predet", "quantmod", "compound")]
        words = [t.lower_ for t in left for t in t.subtree] + [tok.lower_]
        return " ".join(words)

    def _np_actor(self, t: Token, state: _ArticleState) -> list[Mention]:
        reg = state.registry
        low = t.lower_
        phrase = self._np_phrase(t)
        if t.tag_ == "NNS" and t.lemma_.lower() in self.actor_lex.title_words:
            # "the leaders of the UK and US", "the US and Chinese foreign ministers": the office-holders of those
            # states the article has named together, or else the states
            codes = self._plural_office_states(t, state)
            if len(codes) >= 2:
                return state.resolve_by_states(t, codes, self.actor_lex) or [
                    Mention(reg.country(c), t.left_edge.idx, t.idx + len(t.text), None) for c in codes]
        if low in _PRONOUN_PAIRS and t.pos_ in ("PRON", "DET") or phrase in self.actor_lex.pair_anaphora:
            return state.resolve_pair(t, phrase, self.actor_lex)
        if low in _SINGULAR_PRONOUNS and t.pos_ == "PRON":
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
        ent = _ent_span(t)
        if ent is not None and t.ent_type_ == "GPE":
            name = _strip_the(ent.text)
            place = self.gaz.lookup(name)
            code = self.actor_lex.nationalities.get(name.lower())
            if place is not None and place.kind == "country":
                code = place.country_code
            elif place is not None and self.gaz.capital_country(name):
                code = place.country_code
            elif code is None:
                return []
            return [Mention(reg.country(code), ent.start_char, ent.end_char, None)] if code else []
        if ent is not None and t.ent_type_ in ("ORG", "FAC") and ent.text.endswith(("'s", "’s")):
            # "Qualcomm Inc.'s Cristiano Amon": the company is an affiliation, the name after it the actor
            names = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if names:
                m = reg.person_from_span(state.doc[names[0].left_edge.i:names[0].i + 1])
                return [m] if m else []
            m = reg.person_at(state.doc[ent.end]) if ent.end < len(state.doc) else None  # the parse hung it elsewhere
            return [m] if m else []
        if ent is not None and t.ent_type_ in ("ORG", "FAC"):
            name = _strip_the(ent.text)
            code = self.actor_lex.institutions.get(name.lower())
            if code:
                return [Mention(reg.country(code), ent.start_char, ent.end_char, None)]
            if code == "" or t.ent_type_ == "FAC" or len(name) < 2 or name.lower() in self.actor_lex.media or \
                    name.split()[-1].lower() in self.actor_lex.venue_words:
                return []
            # "the Syrian Army" is Syria's; the "Free Syrian Army" (a word before the nationality) is a body of its own
            nat = next((w.i for w in ent if w.lower_ in self.actor_lex.nationalities), None)
            own_name = nat is not None and any(w.i < nat and w.lower_ != "the" and w.is_alpha and w.is_title
                                               for w in ent)
            gov = self._government_country(t) if not own_name else None
            if gov:
                return [Mention(reg.country(gov), ent.start_char, ent.end_char, None)]
            return [Mention(reg.org(name), ent.start_char, ent.end_char, None)]
        if ent is not None and t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS") and t.dep_ != "amod" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            # "talks with the Russians" is with Russia; "speaking to Syrians" is with people, not the state
            code = self.actor_lex.nationalities.get(low)
            if code:
                return [Mention(reg.country(code), ent.start_char, ent.end_char, None)]
            return [Mention(reg.org(ent.text), ent.start_char, ent.end_char, None)]
        if t.lemma_.lower() in self.actor_lex.government_nouns or t.lemma_.lower() in self.actor_lex.delegate_nouns:
            # "the Syrian government"; unnamed "Turkish military officials" act for their country
            code = self._government_country(t)
            if code:
                out = [Mention(reg.country(code), t.left_edge.idx, t.idx + len(t.text), None)]
                # "between Russian and Ukrainian delegations": one delegation per nationality
                for mod in (c for c in t.children if c.dep_ == "amod"):
                    for cj in mod.conjuncts:
                        other = self.actor_lex.nationalities.get(cj.lower_)
                        if other and all(m.actor.country_code != other for m in out):
                            out.append(Mention(reg.country(other), cj.idx, cj.idx + len(cj.text), None))
                return out
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
                name = f"{nat.text[:1].upper()}{nat.text[1:]} {t.text.lower()}"
                return [Mention(reg.org(name), t.left_edge.idx, t.idx + len(t.text), None)]
        if t.tag_ == "NN" and t.lower_ in self.actor_lex.title_words and not any(
                c.lower_ in ("former", "ex", "late", "then") for c in t.children):
            # "met his Saudi counterpart", "the Iraqi foreign minister" with no name anywhere: the office-holder
            # acts for their country
            mods = [" ".join(w.lower_ for w in c.subtree) for c in t.children if c.dep_ in ("amod", "compound")]
            code = next((self.actor_lex.nationalities[m] for m in mods if m in self.actor_lex.nationalities), None)
            if code is None:
                # "Iran's foreign minister": the state named as possessor
                code = next((m.actor.country_code for c in t.children if c.dep_ == "poss" and c.ent_type_ == "GPE"
                             for m in self._np_actor(c, state) if m.actor.kind == "COUNTRY"), None)
            after = t.doc[t.i + 2] if t.i + 2 < len(t.doc) and t.nbor(1).text == "," else None
            if code and not (after is not None and after.ent_type_ == "PERSON"):  # a name the parser hung elsewhere
                return [Mention(reg.country(code), t.left_edge.idx, t.idx + len(t.text), None)]
        if (t.tag_ == "NNS" or t.lemma_.lower() in self.actor_lex.delegate_nouns) and (
                t.lemma_.lower() in self.actor_lex.delegate_nouns | {"member", "leader"}
                or t.lemma_.lower() in self.actor_lex.title_words):
            # ... and "a delegation from the Syrian Democratic Council": the body it acts for
            # "Leaders of the G7", "foreign ministers from Russia, Turkey and Iran": the bodies they act for
            found = [m for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                     for o in c.children if o.dep_ == "pobj" and o.ent_type_ in ("ORG", "GPE")
                     for m in self._np_actors(o, state)
                     # a single delegation: a body named as such, or a state; "the Syrian Democratic Council"
                     # named after a nationality may or may not be that state's
                     if t.tag_ == "NNS" or o.ent_type_ == "GPE" or m.actor.kind != "COUNTRY"
                     or _strip_the(o.text).lower() in self.actor_lex.institutions]
            if found:
                return found
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("including", "include", "like"):
                return [m for obj in c.children if obj.dep_ == "pobj" for m in self._np_actors(obj, state)]
            if c.dep_ == "prep" and c.lower_ == "such":
                return [m for g in c.children for obj in g.children if obj.dep_ == "pobj"
                        for m in self._np_actors(obj, state)]
        return []

    def _plural_office_states(self, t: Token, state: _ArticleState) -> list[str]:
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
                    code = next((m.actor.country_code for m in self._np_actor(x, state)
                                 if m.actor.kind == "COUNTRY"), None)
                if code and code not in codes:
                    codes.append(code)
        return codes

    @staticmethod
    def _is_org_token(tok: Token) -> bool:
        return tok.ent_type_ in ("ORG", "FAC", "GPE") or tok.pos_ == "NOUN" and tok.ent_type_ == ""

    def _government_country(self, t: Token) -> str | None:
        if t.lemma_.lower() not in self.actor_lex.government_nouns | self.actor_lex.delegate_nouns and \
                t.ent_type_ != "ORG":
            return None
        for c in t.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                code = self.actor_lex.nationalities.get(c.lower_)
                if code:
                    return code
                place = self.gaz.lookup(_strip_the(c.text))
                if place is not None and (place.kind == "country" or self.gaz.capital_country(c.text)):
                    return place.country_code
        return None

    # ------------------------------------------------------------------ date and place
    def _bfs(self, roots: list[Token], others: set[int], clauses: bool = True):
        """Tokens under the trigger(s), nearest first, not entering other triggers' clauses nor reported speech."""
        seen = {r.i for r in roots}
        queue = deque((r, 0) for r in roots)
        while queue:
            tok, dist = queue.popleft()
            yield tok, dist
            for child in tok.children:
                if child.i in seen or child.i in others:
                    continue
                if child.lemma_.lower() in self.lex.reporting_verbs and child.pos_ == "VERB":
                    continue
                if child.dep_ in ("relcl", "ccomp", "parataxis"):
                    continue
                if not clauses and child.dep_ in ("acl", "advcl", "pcomp", "xcomp", "csubj") and child not in roots:
                    continue
                seen.add(child.i)
                queue.append((child, dist + 1))

    def _date(self, roots: list[Token], others: set[int], state: _ArticleState, draft: EventDraft) -> dict | None:
        planned = draft.status == "planned"
        tried: set[int] = set()
        trig = roots[0]
        if trig.dep_ in ("relcl", "advcl", "acl") and trig.head.ent_type_ in ("DATE", "TIME"):
            # "earlier in the week, when Jolie visited the camp", "on Monday, when they met"
            result = self._date_at(trig.head, state, planned, tried)
            if isinstance(result, dict):
                return result
        # the date phrase of the trigger's own clause first; one in a clause joined by "and" ("visited Ghouta and
        # rejected claims about Saturday's attack") only when the trigger's clause has none
        deferred: list[Token] = []
        for tok, _dist in self._bfs(roots, others):
            if tok.ent_type_ == "DATE" and tok.dep_ == "poss" and tok.head not in roots:
                continue  # "Saturday's attack": the date of something else
            if tok.ent_type_ == "DATE" and self._date_of_other_happening(tok, roots):
                continue
            if any(a.dep_ == "conj" and a.pos_ in ("VERB", "AUX") and a.i not in {r.i for r in roots}
                   for a in self._path_to_roots(tok, roots)):
                deferred.append(tok)
                continue
            result = self._date_at(tok, state, planned, tried)
            if result == VAGUE:
                return None
            if result:
                return result
        for tok in deferred:
            result = self._date_at(tok, state, planned, tried)
            if isinstance(result, dict):
                return result
        # the clause that governs the trigger ("beginning April 5 before heading to Beijing")
        node = roots[0]
        for _ in range(5):
            head = node.head
            if head.i == node.i or head.i in others or head.lemma_.lower() in self.lex.reporting_verbs:
                break
            if node.dep_ in ("relcl", "conj", "ccomp", "parataxis"):
                break
            if node.dep_ == "advcl" and node.tag_ == "VBG" and not any(c.dep_ == "mark" for c in node.children):
                break  # "captured in February, prompting negotiations": the consequence is not dated by its cause
            for child in head.children:
                if child is node or child.i in others or child.dep_ in ("relcl", "ccomp", "conj", "advcl", "nsubj",
                                                                          "nsubjpass", "dobj"):
                    continue
                for tok, dist in self._bfs([child], others | {node.i}):
                    if dist > 2:
                        break
                    if tok.ent_type_ == "DATE" and self._date_of_other_happening(tok, roots):
                        continue
                    result = self._date_at(tok, state, planned, tried)
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
        ent = _ent_span(tok)
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
        return any(c.dep_ == "poss" and c.lower_ not in _SINGULAR_PRONOUNS | _PRONOUN_PAIRS
                   or c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)

    @staticmethod
    def _path_to_roots(tok: Token, roots: list[Token]) -> list[Token]:
        """The tokens from `tok` up to (not including) the root it hangs under."""
        ids = {r.i for r in roots}
        path = []
        node = tok
        for _ in range(12):
            if node.i in ids or node.head.i == node.i:
                break
            path.append(node)
            node = node.head
        return path

    @staticmethod
    def _relative_offset(trig: Token) -> int:
        """Days to add to the date told beside 'N days after/before <trigger>': -N after, +N before."""
        for c in trig.children if trig.dep_ not in ("pobj", "pcomp") else [trig.head]:
            if c.dep_ not in ("mark", "prep") or c.lower_ not in ("after", "before"):
                continue
            if c.dep_ == "prep" and c.head.i == trig.i and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
                # "met Putin on Monday, a week after meeting Rouhani": the phrase dates the other happening from
                # this one's day, not this one
                continue
            for dur in c.children:
                if dur.dep_ != "npadvmod" or dur.lemma_.lower() not in ("day", "week"):
                    continue
                num = next((n for n in dur.children if n.dep_ == "nummod"), None)
                n = NUMBER_WORDS.get(num.lower_) if num is not None else 1
                if num is not None and num.text.isdigit():
                    n = int(num.text)
                if n:
                    n *= 7 if dur.lemma_.lower() == "week" else 1
                    return -n if c.lower_ == "after" else n
        return 0

    def _date_at(self, tok: Token, state: _ArticleState, planned: bool, tried: set[int]) -> dict | str | None:
        if tok.ent_type_ == "" and tok.lower_ in _DAY_WORDS and tok.i not in tried:
            # "later that day", "the next morning": the tagger leaves these untagged
            phrase = state.doc[tok.left_edge.i:tok.right_edge.i + 1]
            offset = self.dates.day_offset(phrase.text)
            if offset is not None:
                tried.update(range(phrase.start, phrase.end))
                found = self._day_before(phrase, state, offset)
                return {**found, "text": phrase.text} if found else None
        if tok.ent_type_ not in ("DATE", "TIME") or tok.i in tried:
            return None
        ent = _ent_span(tok)
        if ent is None:
            return None
        if tok.ent_type_ == "TIME" and not _DAY_TIME.search(ent.text):
            return None  # "12.15pm", "two hours": a clock time or a duration is no day
        tried.update(range(ent.start, ent.end))
        text = ent.text
        if ent.start > 1 and state.doc[ent.start - 1].lower_ == "in" and state.doc[ent.start - 2].lower_ in (
                "earlier", "later", "early", "late"):
            text = f"{state.doc[ent.start - 2].text} in {text}"  # "earlier in the week": the entity is "the week"
        prev = state.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ == "over" and self.dates.is_holiday(text):
            text = f"over {text}"  # "over Christmas": the holiday, not a span running up to it
        elif prev is not None and prev.lower_ in ("since", "until", "till", "through", "by", "for", "over", "within",
                                                  "from", "than"):
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
                    root.dep_ in ("compound", "nmod", "poss", "amod") and root.head.pos_ == "NOUN" and \
                    root.head.lemma_.lower() in self.lex.nouns and \
                    text.lower().rstrip("'s’") in WEEKDAY_NAMES:
                # "the Friday call" in a Friday paper: an exchange already known by its day is last Friday's;
                # one held today is told "on Friday" or "today"
                day = (state.anchor - timedelta(days=7)).isoformat()
                result.update(start=day, end=day)
        return result

    def _day_before(self, ent: Span, state: _ArticleState, offset: int) -> dict | None:
        """'said on Monday ... after Erdoğan received a call later that day': the latest day named in this or the
        two sentences before, moved by `offset` days; no date when there is none (rather than a wrong one)."""
        first = state._sentence_start_before(ent.root, 2)
        for prior in reversed([e for e in state.doc.ents if first <= e.start and e.end <= ent.start
                               and e.label_ == "DATE"]):
            if self.dates.day_offset(prior.text) is not None:
                continue
            when = self.dates.resolve(prior.text, state.anchor)
            if isinstance(when, dict) and when["precision"] == "day":
                day = (date.fromisoformat(when["start"]) + timedelta(days=offset)).isoformat()
                return {**when, "start": day, "end": day}
        return None

    def _report_date(self, trig: Token, state: _ArticleState, planned: bool) -> dict | None:
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
                        result = self._date_at(child, state, planned, set())
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

    def _location(self, roots: list[Token], others: set[int], draft: EventDraft, state: _ArticleState) -> dict | None:
        actor_spans = {(p.mention.start, p.mention.end) for p in draft.participants}
        visit_like = draft.mode in ("visit", "host") or roots[0].lemma_.lower() in ("visit", "trip", "travel", "arrive",
                                                                                     "fly", "head", "go", "tour")
        for tok, _dist in self._bfs(roots, others, clauses=False):
            if tok.dep_ in ("dobj", "obj", "pobj") and (tok.head in roots or tok.head.head in roots) and (
                    visit_like or tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS):
                place = self._definite_place(tok)
                if place is not None and (tok.dep_ != "pobj" or tok.head.lower_ in _PLACE_PREPS | _DEST_PREPS):
                    # "the first foreign secretary to visit the country", "are meeting in the city": the one just
                    # named
                    return place
            if visit_like and tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS | {"on"} and \
                    tok.lemma_.lower() in self.lex.area_nouns:
                # "a visit to a Russian airbase on the Syrian coast": in Syria (the base's owner is no place)
                code = next((self.actor_lex.nationalities[c.lower_] for c in tok.children
                             if c.dep_ == "amod" and c.lower_ in self.actor_lex.nationalities), None)
                country = self.gaz.country(code)
                if country is not None:
                    return country.as_dict(tok.doc[tok.left_edge.i:tok.i + 1].text)
            in_place_phrase = tok.dep_ == "pobj" and (tok.head.lower_ in _PLACE_PREPS or (
                tok.head.lower_ in _DEST_PREPS and visit_like))
            untagged = in_place_phrase and self._untagged_place(tok)
            if tok.ent_type_ not in ("GPE", "LOC", "FAC") and not (
                    tok.ent_type_ in ("ORG", "NORP", "DATE") and self._mislabelled_place(_ent_span(tok))) and not (
                    in_place_phrase and (self._venue(tok) or self._city_of_venue(tok))) and not untagged:
                continue
            ok = toured = False
            head = tok.head
            if tok.dep_ == "pobj" and head.lower_ in _PLACE_PREPS:
                ok = True
            elif tok.dep_ == "pobj" and head.lower_ in _DEST_PREPS and visit_like:
                ok = True
            elif tok.dep_ in ("dobj", "obj") and head.lemma_.lower() in ("visit", "tour"):
                ok = True
            elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head in roots and visit_like and \
                    roots[0].pos_ == "NOUN":
                ok = toured = True  # "Rouhani's tour of Iraq": the country toured is host and place both
            elif tok.dep_ in ("compound", "nmod") and head in roots:
                # "the Sochi summit" is held there; "a Syria reconstruction conference" is about the country
                ok = not any(t.pos_ == "NOUN" and not t.ent_type_ for t in tok.doc[tok.i + 1:head.i]) or \
                    (self.gaz.lookup(_strip_the(tok.text)) or _NO_PLACE).kind != "country"
            elif tok.dep_ in ("poss", "compound") and head.lemma_.lower() in self.lex.building_nouns and \
                    head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
                ok = True  # "at Ankara's presidency complex": the building's city
            elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.place_nouns and \
                    head.head.dep_ == "pobj" and (head.head.head.lower_ in _PLACE_PREPS or (
                        head.head.head.lower_ in _DEST_PREPS and visit_like)):
                ok = True  # "in the Russian city of Sochi"
            elif tok.dep_ in ("compound", "nmod") and head.lemma_.lower() in self.lex.place_nouns and \
                    head.dep_ == "pobj" and (head.head.lower_ in _PLACE_PREPS or (
                        head.head.lower_ in _DEST_PREPS and visit_like)):
                ok = True  # "in the Kurdistan region of Iraq": the region named, not the country it is part of
            if not ok:
                continue
            if untagged:
                name = " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.pos_ == "PROPN")
                return self.gaz.lookup(name).as_dict(name)
            ent = _ent_span(tok)
            if ent is None or (ent.start_char, ent.end_char) in actor_spans and not toured:
                continue
            place = self.gaz.lookup(_strip_the(ent.text))
            if place is None:
                place = self._city_of_venue(tok)
            if place is None:
                continue
            return place.as_dict(ent.text)
        return None

    def _place_date_pairs(self, trig: Token, others: set[int],
                          state: _ArticleState) -> list[tuple[dict, dict, int, int]]:
        """'met in Vienna in May 2023, Malta in September 2023 and Bangkok in January 2024': one event per pair
        (with the token span from the place to the date)."""
        sent = trig.sent
        seq: list[tuple[str, Span]] = []
        seen: set[int] = set()
        for tok in sent[trig.i - sent.start + 1:]:
            if tok.i in others:
                break
            if tok.i in seen or tok.ent_type_ not in ("GPE", "LOC", "DATE"):
                continue
            ent = _ent_span(tok)
            if ent is None:
                continue
            seen.update(range(ent.start, ent.end))
            seq.append(("D" if ent.label_ == "DATE" else "P", ent))
        kinds = "".join(k for k, _ in seq)
        if not re.fullmatch(r"(?:PD){2,}", kinds):
            return []
        out = []
        for i in range(0, len(seq), 2):
            place = self.gaz.lookup(_strip_the(seq[i][1].text))
            when = self.dates.resolve(seq[i + 1][1].text, state.anchor, False)
            if place is None or not isinstance(when, dict):
                return []
            out.append((place.as_dict(seq[i][1].text), when, seq[i][1].start, seq[i + 1][1].end))
        return out

    def _add_host_country(self, draft: EventDraft) -> None:
        """A visit by one named visitor to a place: the host country is the other party (CODING.md)."""
        if draft.mode != "visit" or draft.location is None or len(draft.actors) != 1:
            return
        code = draft.location.get("country_code")
        visitor = draft.actors[0]
        if not code or visitor.country_code == code or visitor.kind == "COUNTRY":
            return
        place = self.gaz.country(code)
        country = Actor(place.name if place else code, "COUNTRY", code)
        draft.add(Mention(country, None, None, None), "target")
        draft.host_added = True

    def _political(self, draft: EventDraft) -> bool:
        """An exchange in international affairs has a state, an organisation, or someone holding a title among its
        parties (anywhere in the article); a fighter's journey to Syria or a prison visit by a relative has not.
        The host country added to a visit does not count: it is implied, not told."""
        trig = draft.trigger
        attrs = [trig.head] if trig.dep_ in ("relcl", "acl") and trig.head.dep_ == "attr" else [
            c for c in trig.head.children if c.dep_ == "attr"] if trig.dep_ in ("advcl", "xcomp") else []
        if any(a.lower_ in self.actor_lex.title_words for a in attrs):
            return True  # "became the first foreign secretary to visit the country": the office is the attribute
        lone_trip = draft.mode == "visit" and len([p for p in draft.participants if p.mention.start is not None]) == 1
        for p in draft.participants:
            a = p.mention.actor
            if p.mention.start is None:
                continue
            titles = " ".join([*a.titles, p.mention.title or ""]).lower().replace(",", " ").split()
            if lone_trip and a.kind == "PERSON" and any(w in self.lex.combat_titles for w in titles):
                return False  # "Jac went to Syria as a boy": a fighter's journey to the war, meeting no one
            # "British man", "a UK national", "Mr": a nationality or courtesy is no office
            if a.kind != "PERSON" or a.office or any(w in self.actor_lex.title_words and w not in _COURTESY
                                         and w not in self.actor_lex.title_modifiers for w in titles):
                return True
        # two people named in full who talk or meet (not a trip of one) are taken to be public figures even when
        # the article never gives their office: leaders are often named bare ("a call between Trump and Erdoğan")
        named = {p.mention.actor.name for p in draft.participants if p.mention.start is not None
                 and p.mention.actor.kind == "PERSON" and len(p.mention.actor.name.split()) > 1}
        return draft.mode != "visit" and (len(named) >= 2 or draft.paired)

    def _background_trip(self, trig: Token, draft: EventDraft) -> bool:
        """'an advocate since 2006, travelling to Afghanistan, Chad ...', 'arriving in the US at 15': a participle
        that fills in someone's past, undated and with nobody met, is background, not a reported visit."""
        if draft.mode != "visit" or draft.date is not None or len([a for a in draft.actors if a.kind != "COUNTRY"
                                                                   or not draft.host_added]) > 1:
            return False
        if self.lex.verbs.get(trig.lemma_.lower(), {}).get("needs") == "envoy" and trig.pos_ == "VERB":
            return False  # "dispatching its intelligence chief to Moscow": a state's mission, not someone's past
        if trig.pos_ == "NOUN" and trig.dep_ == "pobj" and trig.head.dep_ == "prep":
            trig = trig.head.head  # "spending a year there on his third trip": the participle frames the trip
        return trig.tag_ == "VBG" and trig.dep_ in ("advcl", "acl", "xcomp", "pcomp") and not any(
            c.dep_ == "aux" for c in trig.children)

    def _domestic_trip(self, draft: EventDraft) -> bool:
        if draft.mode != "visit" or draft.location is None or len(draft.actors) != 1:
            return False
        visitor = draft.actors[0]
        return visitor.kind == "PERSON" and visitor.country_code is not None and \
            visitor.country_code == draft.location.get("country_code")

    # ------------------------------------------------------------------ attachments and issues
    @staticmethod
    def _attachable(trig: Token) -> bool:
        """'the call', 'that meeting': a bare definite noun that refers back to an exchange told before."""
        if trig.pos_ == "VERB":
            return False
        dets = [c for c in trig.children if c.dep_ == "det"]
        mods = [c for c in trig.children if c.dep_ in ("amod", "compound", "poss", "nummod")]
        return bool(dets) and dets[0].lower_ in ("the", "this", "that") and not mods

    def _attach_definite(self, draft: EventDraft, trig: Token, events: list[EventDraft],
                         state: _ArticleState) -> None:
        """'The call comes as ...', 'readouts of the meeting': another mention of the latest matching event."""
        if not self._attachable(trig):
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

    def _record_pairs(self, sent: Span, state: _ArticleState) -> None:
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj"):
                # "Johnson cancelled a press conference with Maas. The two men are meeting ...": subject and the
                # "with" party of the clause (on the verb or its object) are a pair the next sentences may resume
                subs = [m.actor for c in tok.children if c.dep_ == "nsubj" for t in [c, *c.conjuncts]
                        if (m := state.registry.person_at(t) or next(  # "The foreign secretary, Boris Johnson,"
                            (state.registry.person_at(a) for a in t.children if a.dep_ == "appos"
                             and state.registry.person_at(a) is not None), None)) is not None]
                holders = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "obj"))]
                partners = [m.actor for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                            for o in c.children if o.dep_ == "pobj" for m in self._np_actors(o, state)
                            if m.actor.kind == "PERSON"]
                pair: list[Actor] = []
                for a in [*subs, *partners]:
                    if all(a is not b for b in pair):
                        pair.append(a)
                if len(subs) == 1 and partners and len(pair) == 2:
                    state.pairs.append((tok.i, pair))
            if tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and any(c.dep_ == "conj" for c in tok.children):
                persons = []
                for t in [tok, *tok.conjuncts]:
                    m = state.registry.person_at(t)
                    if m is not None and m.actor not in persons:
                        persons.append(m.actor)
                if len(persons) >= 2:
                    state.pairs.append((tok.i, persons))

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
        return subj is not None and (subj.lower_ in _PRONOUN_PAIRS or self._np_phrase(subj)
                                     in self.actor_lex.pair_anaphora or subj.lower_ in ("leaders", "sides"))


class _ArticleState:
    """What the extractor remembers while reading one article: actors, recent pairs, the publication date."""

    def __init__(self, doc: Doc, registry: ActorRegistry, anchor: date | None) -> None:
        self.doc = doc
        self.registry = registry
        self.anchor = anchor
        self.pairs: list[tuple[int, list[Actor]]] = []
        self.orphans: list[EventDraft] = []  # dated mentions whose parties went unnamed ("a senior adviser met")
        # (sentence, trigger lemma, place) of exchanges told in a place with no parties ("London's summit")
        self.unnamed: list[tuple[int, str, str]] = []
        self.unreported = ""  # the place of the exchange just built, when its parties went (mostly) unnamed
        self.sentence_index = 0
        self.prev_sentence: Span | None = None

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
        limit = 0 if want_leaders else max(0, self._sentence_start_before(tok, 2))
        for i, actors in reversed(self.pairs):
            if i >= tok.i or i < limit and i < sent_start:
                continue
            if want_leaders and not all(lex.is_leader(a) for a in actors):
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
        """The person a token names, or the one named in apposition to it ("the chancellor, Olaf Scholz")."""
        m = self.registry.person_at(tok)
        if m is None and tok.pos_ == "NOUN":
            m = next((self.registry.person_at(c) for c in tok.children
                      if c.dep_ == "appos" and self.registry.person_at(c) is not None), None)
        return m

    def resolve_singular(self, tok: Token, depth: int = 0) -> list[Mention]:
        """'he met ...': the latest person named as a subject in this or the previous sentence; a possessive in a
        fronted phrase points forward to the clause's subject ("On his regional tour, Pompeo said ..."); a chain of
        "he" subjects leads back to the name ("Talabani invested ... He eschewed ... he shook the hand of ...")."""
        if tok.dep_ == "poss":
            root = tok.sent.root
            for c in root.children:
                if c.dep_ == "nsubj" and c.i > tok.i and self.registry.person_at(c) is not None and not any(
                        t.dep_ in ("nsubj", "nsubjpass") and self.registry.person_at(t) is not None
                        for t in self.doc[tok.sent.start:tok.i]):
                    m = self.registry.person_at(c)
                    return [Mention(m.actor, tok.idx, tok.idx + len(tok.text), m.title)]
        start = self._sentence_start_before(tok, 1)
        best = None
        pronoun: Token | None = None  # a "he"/"she" subject after the latest named one
        for t in self.doc[start:tok.i]:
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she") and t.pos_ == "PRON":
                pronoun = t
                continue
            # "Erdoğan's ambition ... climaxed when he visited Cairo": the subject's possessor in this sentence, when
            # no other name comes between ("Pompeo's address echoed Trump, ... on his first trip"); a noun the
            # parser made the root of a sentence is its subject
            same_sentence = t.sent.start == tok.sent.start and not any(
                (other := self.registry.person_at(u)) is not None and (
                    mine := self.registry.person_at(t)) is not None and other.actor is not mine.actor
                for u in self.doc[t.i + 1:tok.i])
            if t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") or \
                    t.dep_ == "poss" and t.head.dep_ in ("nsubj", "nsubjpass", "ROOT") and same_sentence:
                m = self.registry.person_at(t) or next(
                    (self.registry.person_at(c) for c in t.children  # "The Russian president, Vladimir Putin,"
                     if c.dep_ == "appos" and self.registry.person_at(c) is not None), None)
                if m is not None:
                    best, pronoun = m, None
        if best is None and pronoun is not None and depth < 4:
            found = self.resolve_singular(pronoun, depth + 1)
            best = found[0] if found else None
        if best is None or self._other_antecedent(tok, best.actor):
            return []
        return [Mention(best.actor, tok.idx, tok.idx + len(tok.text), best.title)]

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

    def _sentence_start_before(self, tok: Token, n: int) -> int:
        sent = tok.sent
        start = sent.start
        for _ in range(n):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start
