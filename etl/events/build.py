"""Building events from one trigger: parties, status, mode, date and place together, and the checks that drop
what is no specific exchange between identifiable actors."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Span, Token

from etl.actors import Mention
from etl.dates import month_away
from etl.events.dates import shares_clause
from etl.events.draft import EventDraft, Participant
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    COURTESY,
    REMOTE_MODES,
    attachable,
    ent_span,
    pobjs,
    relative_offset,
    sentence_bounds,
    strip_the,
)


class Builder(Stage):
    # ------------------------------------------------------------------ one trigger
    def build(self, trig: Token, linked: list[Token], sent: Span, triggers: list[Token],
               state: ArticleState) -> list[EventDraft]:
        verbal = trig.pos_ == "VERB"
        spec = self.candidates.spec(trig)
        state.unreported = ""
        told = [trig, *linked]
        blocked = any(self.modality.blocked(t, generic=False) or self.modality.habit(t) for t in told)
        status, weak = self.modality.status(trig)
        mode = spec["mode"]
        phone = self.candidates.has_phone(trig)
        if phone:
            mode = phone
        draft = EventDraft(trigger=trig, mode=mode, status=status, weak_status=weak)
        if blocked:
            draft.flags.append("blocked")  # negated, hypothetical, a habit, a call for talks
        elif any(self.modality.generic(t) for t in told):
            # "an annual summit", "regular talks": a series, or one round of it; the decision weighs it
            draft.flags.append("generic")
        if self._addressed_to_media(trig):
            draft.flags.append("to_media")  # "spoke to reporters", "told CNN": a statement, no exchange (CODING.md)
        draft.mentions.append((*sentence_bounds(sent, trig, state.text), trig.text))
        draft.sentence_ids.append(state.sentence_index)
        governing = self.candidates.governing_light_verb(trig) if not verbal else None
        if governing is not None and governing.lemma_.lower() in self.lex.host_verbs:
            draft.mode = "host" if mode not in REMOTE_MODES else mode
        self.parties.participants(trig, verbal, governing, draft, state)
        for child in linked:
            draft.at_gathering = draft.at_gathering or self.candidates.at_gathering(child)
            if self.candidates.at_margins(child):
                continue  # "met on the sidelines of the SCO summit": the meeting's parties, not the summit's body
            child_verbal = child.pos_ == "VERB"
            governing_child = None if child_verbal else self.candidates.governing_light_verb(child)
            self.parties.participants(child, child_verbal, governing_child, draft, state)
        self.parties.auspices(trig, draft, state)
        self.parties.metonym_person(trig, draft, state)
        if len(draft.actors) < 2 and not self.modality.blocked(trig):
            self.parties.members_nearby(trig, verbal, draft, state)
        if draft.brokered and draft.mode in ("meeting", "multilateral"):
            draft.mode = "third-party"
        elif mode == "multilateral" and len(draft.actors) < 3 and not self._is_summit_of_many(trig, draft):
            draft.mode = "meeting"
        others = {t.i for t in triggers if t.i != trig.i and t not in linked}
        scope_roots = [trig, *linked] + ([governing] if governing is not None else [])
        split = self.places.place_date_pairs(trig, others, state) if draft.mode not in REMOTE_MODES else []
        draft.date = self.event_dates.date(scope_roots, others, state, draft)
        if draft.date is None and state.anchor is not None and trig.tag_ == "VBG" and draft.status == "occurred" and \
                any(c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re") for c in trig.children):
            # "The two men are meeting in the city": under way as the article is published
            day = state.anchor.isoformat()
            draft.date = {"start": day, "end": day, "precision": "day", "text": trig.text}
        if self._habit(trig, draft) or self._series(trig, draft):
            draft.flags.append("habit")  # "Kurdish officials meet the Syrian government": what they do, not once
        days, months = relative_offset(trig)
        if days and draft.date and draft.date.get("precision") == "day":
            # "On Monday, three days after Trump and Erdoğan spoke": the call was three days before that Monday
            start = date.fromisoformat(draft.date["start"]) + timedelta(days=days)
            end = date.fromisoformat(draft.date["end"]) + timedelta(days=days)
            draft.date = {**draft.date, "start": start.isoformat(), "end": end.isoformat()}
        elif months and draft.date and draft.date.get("precision") == "day":
            # "on Thursday, two months after his summit with Trump ended": the month two months before
            first, last = month_away(date.fromisoformat(draft.date["start"]), months)
            draft.date = {**draft.date, "start": first.isoformat(), "end": last.isoformat(), "precision": "month"}
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
            draft.location = self.places.location(place_roots, others | topics, draft, state)
            if draft.location is None and trig.dep_ == "advcl" and any(
                    c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as", "while") for c in trig.children):
                # "tempered celebrations in Sochi last week when Assad's backers met": the scene the time clause
                # dates is where the exchange took place
                for c in trig.head.children:
                    if c.dep_ in ("dobj", "obj", "prep", "npadvmod", "attr") and c.i != trig.i:
                        draft.location = self.places.location([c], others | {trig.i}, draft, state)
                        if draft.location is not None:
                            break
            if draft.location is None and verbal and trig.dep_ == "conj" and shares_clause(trig) and \
                    trig.head.lemma_.lower() in self.lex.journey_verbs:
                # "will reach Xi'an on May 14 and meet Xi": where the journey the first verb tells goes
                draft.location = self.places.location([trig.head], others | {trig.i}, draft, state)
        if draft.location is not None and draft.participants and any(
                c.dep_ == "amod" and c.lower_ in self.lex.member_markers for c in trig.children):
            # "a trilateral summit in Tehran": the host state is one of the three
            code = self.gaz.capital_country(draft.location["name"])
            if code and all(a.country_code != code for a in draft.actors):
                draft.add(Mention(state.registry.country(code), None, None, None), "participant")
        if spec.get("remote_unless_placed") and draft.mode == "meeting" and draft.location is None and \
                not linked:
            draft.mode = "phone"  # "Macron spoke to Trump on Tuesday": leaders in two capitals talk by phone
            draft.weak_mode = True
        if draft.mode == "meeting" and self._party_count(draft) >= 3:
            draft.mode = "multilateral"  # "Putin, Erdoğan and Rouhani are due to meet": three states meet
        if not draft.participants and verbal:
            self.groups.group_trip_host(trig, linked, draft, state)
        if not draft.participants:
            state.unreported = "" if attachable(trig) or blocked else (draft.location or {}).get("name", "")
            return [draft]
        if draft.date and draft.date["start"] > (state.anchor or date.max).isoformat() and draft.status != "planned":
            draft.status = "planned"
        stops = self.places.conjoined_places(trig, draft) if draft.mode == "visit" and not split else []
        if stops:
            # "toured Washington, Paris and London": one visit per place, each to its own host
            out = []
            visitor = self.places.visitors(draft, stops)
            for place in stops:
                d = EventDraft(trigger=trig, mode=draft.mode, status=draft.status, weak_status=draft.weak_status,
                               participants=list(visitor), date=draft.date, location=place,
                               mentions=list(draft.mentions), sentence_ids=list(draft.sentence_ids))
                self.places.add_host_country(d)
                out.append(d)
            for d in out:
                self._flag_visitor(d, trig, draft)
            return out
        self.places.add_host_country(draft)
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
                self.places.add_host_country(d)
                out.append(d)
            return out
        draft.vague_side = self.groups.vague_group_side(trig, verbal, governing, draft, state) \
            if draft.mode not in ("visit", "host") and not draft.host_added else None
        one_side = draft.vague_side is not None and (
            draft.date is not None or draft.location is not None
            or self.modality.definite_exchange(trig, governing, draft))
        if verbal and spec.get("needs") == "partner" and len(draft.actors) < 2 and not one_side:
            draft.flags.append("no_partner")  # "spoke to reporters", "talked to her": no second party we can name
            return [draft]
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
            if draft.date is not None and not draft.flags:
                state.orphans.append(draft)
            if not blocked:
                state.unreported = (draft.location or {}).get("name") or "?"  # one side named: another exchange
            draft.flags.append("one_side")
            return [draft, *followers]
        if draft.mode == "visit" and spec["mode"] != "visit" and len(draft.actors) == 1 and draft.location is None \
                and draft.date is None:
            draft.flags.append("nowhere")  # "was in the region for talks with America's Kurdish allies": nobody met
            return [draft, *followers]
        # one named side facing an unnamed group is one state's exchange with others, not with itself
        if self._own_state(draft) and not one_side:
            draft.flags.append("own_state")
        if not verbal and governing is None and self._generic_process(trig, draft):
            draft.flags.append("generic_process")
        if verbal and spec.get("remote_unless_placed") and draft.date is None and draft.location is None and \
                trig.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in trig.children):
            draft.flags.append("progressive_talk")  # "revealed he was talking to the development secretary on how to"
        if not verbal and any(c.dep_ == "amod" and c.lower_ in ("separate", "respective") for c in trig.children):
            return self._split_separate(draft)
        self._flag_visitor(draft, trig, draft)
        bilateral = not verbal and trig.tag_ == "NNS" and any(c.lower_ == "bilateral" for c in trig.children)
        if draft.mode in REMOTE_MODES or verbal and draft.mode == "meeting" or bilateral:
            # "spoke by phone with Macron, Scholz and Meloni", "met Sisi and Abdullah": one exchange per partner
            partners = self._split_separate(draft, same_side_stays=True)
            if len(partners) > 1:
                return [*partners, *followers]
        return [draft, *followers]

    @staticmethod
    def _habit(trig: Token, draft: EventDraft) -> bool:
        """A verb of meeting in the simple present with no time, no plan and no "now": a habit or a generality
        (headlines, in the present for what happened, are read apart)."""
        return trig.pos_ == "VERB" and trig.tag_ in ("VBZ", "VBP") and draft.date is None and \
            draft.status == "occurred" and not any(c.dep_ in ("aux", "auxpass") for c in trig.children)

    def _series(self, trig: Token, draft: EventDraft) -> bool:
        """'held meetings with the Iraqi government', 'visits to Moscow': a plural of exchanges with no time, not
        one of them ("talks" is one exchange in the plural)."""
        if any(c.dep_ == "amod" and c.lower_ in self.lex.distributive_modifiers for c in trig.children):
            return False  # "separate phone calls with Trump and Putin": one exchange with each partner
        return trig.pos_ == "NOUN" and trig.tag_ == "NNS" and draft.date is None and \
            not self.candidates.spec(trig).get("plural_only") and \
            not any(c.dep_ in ("det", "poss", "nummod") for c in trig.children)

    def _addressed_to_media(self, trig: Token) -> bool:
        """A verb of talking addressed to the press: "spoke to reporters", "told CNN", "talked to journalists"."""
        verb = trig if trig.pos_ == "VERB" else trig.head
        for c in verb.children:
            objs = pobjs(c) if c.dep_ == "prep" and c.lower_ in ("to", "with") else [c] if c.dep_ in (
                "dobj", "dative") else []
            for o in objs:
                ent = ent_span(o)
                name = strip_the(ent.text).lower() if ent is not None else o.lower_
                if name in self.actor_lex.media or o.lemma_.lower() in ("reporter", "journalist", "press", "media"):
                    return True
        return False

    def _flag_visitor(self, draft: EventDraft, trig: Token, whole: EventDraft) -> None:
        """Flags of a visit (or any exchange) that is no political exchange abroad: a trip home, private persons,
        a participle filling in someone's past. `whole` is the event before a trip was cut into its stops."""
        if self.domestic_trip(draft):
            draft.flags.append("domestic_trip")
        if whole is not draft and self.domestic_trip(whole):
            draft.flags.append("domestic_trip")
        if not self.political(whole):
            # a private person's trip is no exchange (CODING.md); two bare surnames meeting may be public figures
            draft.flags.append("private_trip" if draft.mode == "visit" else "not_political")
        if self._background_trip(trig, whole):
            draft.flags.append("background_trip")

    def _followers(self, trig: Token, draft: EventDraft, others: set[int], state: ArticleState) -> list[EventDraft]:
        """'X is to visit Beijing, with Y following in the coming weeks': Y makes the same trip later."""
        out = []
        for prep in trig.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for verb in prep.children:
                if verb.dep_ != "pcomp" or verb.lemma_.lower() not in ("follow", "join"):
                    continue
                subs = [c for c in verb.children if c.dep_ == "nsubj"]
                visitors = [m for s in subs for m in self.noun_phrases.np_actors(s, state)]
                if not visitors:
                    continue
                ev = EventDraft(trigger=trig, mode="visit", status=draft.status, location=draft.location,
                                mentions=list(draft.mentions), sentence_ids=list(draft.sentence_ids))
                for m in visitors:
                    ev.add(m, "source")
                ev.date = self.event_dates.date([verb], others | {trig.i}, state, ev)
                self.places.add_host_country(ev)
                out.append(ev)
        return out

    def _is_summit_of_many(self, trig: Token, draft: EventDraft) -> bool:
        if any(c.dep_ == "amod" and c.lower_ in self.lex.member_markers for c in trig.children):
            return True  # "a trilateral summit"
        # "the G7 summit": the body whose summit it is, whatever the tagger took its name for
        bodies = [(p.mention.start, p.mention.end) for p in draft.participants if p.role == "participant"
                  and p.mention.actor.kind == "ORG" and p.mention.start is not None]
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ in ("NNS", "NNPS") for g in c.children)
                   for c in trig.children) or trig.lower_ in ("summit", "conference") and any(
            c.dep_ in ("compound", "amod") and (c.ent_type_ in ("ORG", "NORP", "EVENT") or any(
                a <= c.idx < b for a, b in bodies))
            for c in trig.children)

    def political(self, draft: EventDraft) -> bool:
        """An exchange in international affairs has a state, an organisation, or someone holding a title among its
        parties (anywhere in the article); a fighter's journey to Syria or a prison visit by a relative has not.
        The host country added to a visit does not count: it is implied, not told."""
        trig = draft.trigger
        attrs = [trig.head] if trig.dep_ in ("relcl", "acl") and trig.head.dep_ == "attr" else [
            c for c in trig.head.children if c.dep_ == "attr"] if trig.dep_ in ("advcl", "xcomp") else []
        if any(a.lower_ in self.actor_lex.title_words for a in attrs):
            return True  # "became the first foreign secretary to visit the country": the office is the attribute
        if any(t.lemma_.lower() in ("visit", "trip", "tour") and any(
                m.dep_ in ("amod", "compound") and m.lower_ in self.lex.office_visit_modifiers for m in t.children)
               for t in (trig.subtree if trig.pos_ in ("VERB", "AUX") else [trig])):
            return True  # "arrived in Riga on a surprise visit", "a state visit": an act of office, however named
        lone_trip = draft.mode == "visit" and len([p for p in draft.participants if p.mention.start is not None]) == 1
        for p in draft.participants:
            a = p.mention.actor
            if p.mention.start is None:
                continue
            titles = " ".join([*a.titles, p.mention.title or ""]).lower().replace(",", " ").split()
            if lone_trip and a.kind == "PERSON" and any(w in self.lex.combat_titles for w in titles):
                return False  # "Jac went to Syria as a boy": a fighter's journey to the war, meeting no one
            # "British man", "a UK national", "Mr": a nationality or courtesy is no office
            if a.kind != "PERSON" or a.office or any(w in self.actor_lex.title_words and w not in COURTESY
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

    def domestic_trip(self, draft: EventDraft) -> bool:
        if draft.mode != "visit" or draft.location is None or len(draft.actors) != 1:
            return False
        visitor = draft.actors[0]
        return visitor.kind == "PERSON" and visitor.country_code is not None and \
            visitor.country_code == draft.location.get("country_code")

    @staticmethod
    def _own_state(draft: EventDraft) -> bool:
        """'Trump agreed at a US National Security Council meeting': a leader and their own state are one side."""
        if draft.mode in ("visit", "host") or not any(a.kind == "COUNTRY" for a in draft.actors):
            return False
        # a state's opposition, rebels or civilians are a side of their own against its government
        sides = {(a.country_code, a.sector if a.sector in ("opposition", "rebels", "civilians") else None)
                 for a in draft.actors}
        return len(sides) == 1 and None not in {code for code, _ in sides}

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
    def _split_separate(draft: EventDraft, same_side_stays: bool = False) -> list[EventDraft]:
        """'in separate phone calls with Trump and Putin': one exchange per partner, each with the other side.
        With `same_side_stays`, partners of one country ("the president and his foreign minister") stay one."""
        targets = [p for p in draft.participants if p.role == "target"]
        others = [p for p in draft.participants if p.role != "target"]
        if len(targets) < 2:
            return [draft]
        codes = [p.mention.actor.country_code for p in targets]
        if same_side_stays and (not others or len({c for c in codes if c}) < len([c for c in codes if c])):
            return [draft]
        if not others:
            draft.flags.append("separate_unknown_caller")  # the partners of separate calls never spoke together
            return [draft]
        out = []
        for t in targets:
            out.append(EventDraft(trigger=draft.trigger, mode=draft.mode, status=draft.status,
                                  weak_status=draft.weak_status, participants=[*others, t], date=draft.date,
                                  location=draft.location, mentions=list(draft.mentions),
                                  sentence_ids=list(draft.sentence_ids), flags=list(draft.flags),
                                  weak_mode=draft.weak_mode))
        return out
