"""Places: where an exchange took place (the trigger's place phrases, venues, 'the country'), places of a trip
told as a list or paired with dates, and the host country of a visit."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from etl.actors import Actor, Mention
from etl.events.draft import EventDraft, Participant
from etl.events.stage import Stage
from etl.events.state import ArticleState
from etl.events.syntax import (
    DEST_PREPS,
    PLACE_PREPS,
    ent_span,
    strip_the,
)
from etl.places import BIG_CITY, Place


def _proper_name_ending_at(tok: Token) -> str:
    """The proper-noun words of the phrase a token ends: "Kyiv", "Khan Younis"."""
    return " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.pos_ == "PROPN")


# "the country", "the Kingdom": a place named before (`Places.definite_place`), never a place of that name
_DEFINITE_PLACE_WORDS = frozenset({"country", "kingdom", "city", "capital"})


class _NoPlace:
    kind = ""


_NO_PLACE = _NoPlace()


class Places(Stage):
    def is_place(self, tok: Token) -> bool:
        ent = ent_span(tok)
        return ent is not None and (ent.label_ in ("GPE", "LOC", "FAC") or self._mislabelled_place(ent)) and \
            self.gaz.lookup(strip_the(ent.text)) is not None

    def city_named(self, name: str) -> bool:
        """"the Vilnius Summit", "the Brussels conference": a gathering named after a city is held there; the city
        is its venue, not a party to it."""
        place = self.gaz.lookup(strip_the(name))
        return place is not None and place.kind == "city"

    def venue(self, tok: Token) -> bool:
        """'the White House', 'the Kremlin': a seat of power, tagged as an organisation, that names its city."""
        ent = ent_span(tok)
        if ent is None or ent.label_ not in ("ORG", "FAC"):
            return False
        place = self.gaz.lookup(strip_the(ent.text))
        return place is not None and place.kind == "city"

    def _city_of_venue(self, tok: Token) -> Place | None:
        """'a visit to the Cambridge Union', 'at the Munich Security Conference hall': a venue named after its
        city is in that city."""
        ent = ent_span(tok)
        if ent is None or ent.label_ not in ("ORG", "FAC"):
            return None
        words = strip_the(ent.text).split()
        if len(words) < 2 or words[-1].lower() not in self.actor_lex.venue_words:
            return None
        place = self.gaz.lookup(" ".join(words[:-1]))
        return place if place is not None and place.kind == "city" else None

    def _untagged_place(self, tok: Token) -> bool:
        """'a visit to Kyiv' with Kyiv left untagged: a proper noun the gazetteer knows as a city or country."""
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
            return False
        name = _proper_name_ending_at(tok)
        place = self.gaz.lookup(name)
        return place is not None and place.kind in ("city", "country") and \
            name.lower() not in self.actor_lex.nationalities

    def definite_place(self, tok: Token) -> dict | None:
        """'the country', 'the kingdom', 'the city': the latest place of that kind named in this or the two sentences
        before."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in _DEFINITE_PLACE_WORDS or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
                c.dep_ in ("amod", "compound", "prep", "poss") for c in tok.children):
            return None
        want = "country" if tok.lower_ in ("country", "kingdom") else "city"
        doc = tok.doc
        start = tok.sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        for t in reversed(doc[start:tok.i]):
            if t.ent_type_ != "GPE" or t.ent_iob_ != "B":
                continue
            ent = ent_span(t)
            place = self.gaz.lookup(strip_the(ent.text)) if ent is not None else None
            if place is not None and place.kind == want:
                return place.as_dict(ent.text)
            if place is not None and want == "country" and place.kind == "city" and place.country_code:
                country = self.gaz.country(place.country_code)  # "arrived in Riyadh ... visit to the kingdom"
                if country is not None:
                    return country.as_dict(country.name)
        return None

    def _mislabelled_place(self, ent: Span) -> bool:
        """'visited eastern Ghouta' with Ghouta tagged ORG: a name the gazetteer knows as a region or city (or, tagged
        as a people, a country), and the actor lexicon not as an institution nor a nationality, is a place."""
        if ent.label_ not in ("ORG", "NORP", "DATE", "PERSON"):
            return False
        name = strip_the(ent.text)
        place = self.gaz.lookup(name)
        if ent.label_ == "PERSON":
            # "travelled to Kyiv" with Kyiv tagged a person: a one-word country, capital or big city, as the actor
            # registry reads it too ("Kim met Trump" is Kim)
            return place is not None and " " not in name and (
                place.kind == "country" or self.gaz.capital_country(name) is not None
                or place.kind == "city" and place.population >= BIG_CITY)
        if place is None or place.kind not in ("city", "region", "admin1") and not (
                place.kind == "country" and ent.label_ == "NORP"):
            return False  # "in Tajikistan" tagged NORP: a country's own name, not its people's
        if ent.label_ == "DATE" and (not ent.text[:1].isupper() or self.dates.resolve(name, date(2000, 1, 1))):
            return False  # "in Montevideo" tagged DATE: a capitalised name that is no date the resolver knows
        return name.lower() not in self.actor_lex.institutions and name.lower() not in self.actor_lex.nationalities

    def capital_actor(self, tok: Token) -> bool:
        ent = ent_span(tok)
        return ent is not None and self.gaz.capital_country(strip_the(ent.text)) is not None

    def location(self, roots: list[Token], others: set[int], draft: EventDraft, state: ArticleState) -> dict | None:
        actor_spans = {(p.mention.start, p.mention.end) for p in draft.participants}
        visit_like = draft.mode in ("visit", "host") or roots[0].lemma_.lower() in ("visit", "trip", "travel", "arrive",
                                                                                     "fly", "head", "go", "tour")
        unknown: dict | None = None  # the first place phrase naming a place the gazetteer does not know
        for tok, _dist in self.event_dates.bfs(roots, others, clauses=False):
            if tok.dep_ in ("dobj", "obj", "pobj") and (tok.head in roots or tok.head.head in roots) and (
                    visit_like or tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS):
                place = self.definite_place(tok)
                if place is not None and (tok.dep_ != "pobj" or tok.head.lower_ in PLACE_PREPS | DEST_PREPS):
                    # "the first foreign secretary to visit the country", "are meeting in the city": the one just
                    # named
                    return place
            if visit_like and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS | {"on"} and \
                    tok.lemma_.lower() in self.lex.area_nouns:
                # "a visit to a Russian airbase on the Syrian coast": in Syria (the base's owner is no place)
                code = next((self.actor_lex.nationalities[c.lower_] for c in tok.children
                             if c.dep_ == "amod" and c.lower_ in self.actor_lex.nationalities), None)
                country = self.gaz.country(code)
                if country is not None:
                    return country.as_dict(tok.doc[tok.left_edge.i:tok.i + 1].text)
            if tok.dep_ in ("compound", "nmod") and tok.head in roots and tok.ent_type_ in ("ORG", "EVENT") and \
                    self.city_named(name := _proper_name_ending_at(tok)):
                return self.gaz.lookup(name).as_dict(name)  # "the Vilnius Summit", tagged as one organisation
            in_place_phrase = tok.dep_ == "pobj" and (tok.head.lower_ in PLACE_PREPS or (
                tok.head.lower_ in DEST_PREPS and visit_like))
            untagged = in_place_phrase and self._untagged_place(tok)
            mislabelled = tok.ent_type_ in ("ORG", "NORP", "DATE", "PERSON") and self._mislabelled_place(ent_span(tok))
            if tok.ent_type_ not in ("GPE", "LOC", "FAC") and not mislabelled and not (
                    in_place_phrase and (self.venue(tok) or self._city_of_venue(tok))) and not untagged:
                continue
            ok = toured = False
            head = tok.head
            if tok.dep_ == "pobj" and head.lower_ in PLACE_PREPS:
                ok = True
            elif tok.dep_ == "pobj" and head.lower_ in DEST_PREPS and visit_like:
                ok = True
            elif tok.dep_ in ("dobj", "obj") and head.lemma_.lower() in ("visit", "tour", "reach"):
                ok = True
            elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head in roots and visit_like and \
                    roots[0].pos_ == "NOUN":
                ok = toured = True  # "Rouhani's tour of Iraq": the country toured is host and place both
            elif tok.dep_ in ("compound", "nmod") and head in roots:
                # "the Sochi summit" is held there; "a Syria reconstruction conference" is about the country
                ok = not any(t.pos_ == "NOUN" and not t.ent_type_ for t in tok.doc[tok.i + 1:head.i]) or \
                    (self.gaz.lookup(strip_the(tok.text)) or _NO_PLACE).kind != "country"
            elif tok.dep_ in ("poss", "compound", "nmod") and head.lemma_.lower() in self.lex.building_nouns and \
                    head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                ok = True  # "at Ankara's presidency complex": the building's city
            elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.place_nouns and (
                    head.head.dep_ == "pobj" and (head.head.head.lower_ in PLACE_PREPS or (
                        head.head.head.lower_ in DEST_PREPS and visit_like))
                    or head.head.dep_ in ("dobj", "obj") and visit_like and head.head.head in roots):
                ok = True  # "in the Russian city of Sochi", "visited the Belarusian capital of Minsk"
            elif tok.dep_ in ("compound", "nmod") and head.lemma_.lower() in self.lex.place_nouns and \
                    head.dep_ == "pobj" and (head.head.lower_ in PLACE_PREPS or (
                        head.head.lower_ in DEST_PREPS and visit_like)):
                ok = True  # "in the Kurdistan region of Iraq": the region named, not the country it is part of
            if not ok:
                continue
            if untagged:
                name = _proper_name_ending_at(tok)
                return self.gaz.lookup(name).as_dict(name)
            ent = ent_span(tok)
            if ent is None or (ent.start_char, ent.end_char) in actor_spans and not toured:
                continue
            place = self.gaz.lookup(strip_the(ent.text))
            if place is None:
                place = self._city_of_venue(tok)
            if place is None and unknown is None and self._unknown_place(ent, tok):
                name = strip_the(ent.text)
                known = self.gaz.lookup_tagged(name)
                unknown = (known or Place(name, "site", None, None, None, None)).as_dict(ent.text)
            if place is None and tok.dep_ == "pobj" and tok.pos_ == "PROPN" and ent.start < tok.i:
                # "at the Great Hall of the People in Beijing" tagged as one venue: the place named at its end
                name = _proper_name_ending_at(tok)
                place = self.gaz.lookup(name)
                if place is not None and place.kind in ("city", "country", "admin1", "region"):
                    return place.as_dict(name)
                continue
            if place is None:
                continue
            return place.as_dict(ent.text)
        return unknown or self._place_where(roots)

    def _place_where(self, roots: list[Token]) -> dict | None:
        """'talks in Afghanistan's capital, Kabul, where he met Ghani', 'Doha, where the talks were held': an
        exchange told in a relative clause opened by "where" took place in the place the clause hangs on."""
        for root in roots:
            clause = root if root.dep_ == "relcl" else root.head if root.head.dep_ == "relcl" and root.dep_ in (
                "nsubj", "nsubjpass", "dobj") else None
            if clause is None or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children):
                continue
            antecedent = clause.head
            # the antecedent and the name beside it ("the capital, Kabul"): the narrowest place either names
            near = [antecedent, *(c for c in antecedent.children if c.dep_ == "appos")]
            if antecedent.dep_ == "appos":
                near.append(antecedent.head)
            places = []
            for tok in near:
                ent = ent_span(tok)
                place = self.gaz.lookup(strip_the(ent.text)) if ent is not None and ent.label_ in (
                    "GPE", "LOC", "FAC") else None
                if place is not None:
                    places.append((place.kind != "city", place, ent))
            if places:
                _, place, ent = min(places, key=lambda p: p[0])
                return place.as_dict(ent.text)
        return None

    def sentence_city(self, sent: Span, draft: EventDraft) -> dict | None:
        """'Trump broke the news Saturday in Osaka, after meeting Xi': the one city a sentence says something
        happened in ("in" or "at" a city the gazetteer knows), for an exchange the sentence tells without a place of
        its own. None when the sentence names two such cities or none."""
        spans = {(p.mention.start, p.mention.end) for p in draft.participants}
        found: dict[str, dict] = {}
        for tok in sent:
            # the place phrases' heads, read from the tokens (Span.ents builds every entity of the document)
            if tok.dep_ != "pobj" or tok.ent_type_ not in ("GPE", "LOC") or tok.head.lower_ not in ("in", "at"):
                continue
            ent = ent_span(tok)
            if ent is None or ent.root.i != tok.i or (ent.start_char, ent.end_char) in spans:
                continue
            place = self.gaz.lookup(strip_the(ent.text))
            if place is not None and place.kind == "city":
                found.setdefault(place.name, place.as_dict(ent.text))
        return next(iter(found.values())) if len(found) == 1 else None

    def _unknown_place(self, ent: Span, tok: Token) -> bool:
        """'raided a camp in Jenin', a town the gazetteer knows under another name (Janin) or not at all: a place
        name the NER model tags as a place, in a place phrase, looked up among other spellings of towns, else kept
        by its name (no country, no coordinates) rather than lost. So is a named building or site, tagged as a
        facility ("at the Hotel Adlon", "at the Camp David presidential retreat")."""
        name = strip_the(ent.text)
        building = ent.label_ == "FAC"
        in_phrase = tok.dep_ == "pobj" or building and tok.dep_ in ("compound", "nmod") and \
            tok.head.lemma_.lower() in self.lex.building_nouns
        return (ent.label_ in ("GPE", "LOC") or building) and in_phrase and ent.end - 1 == tok.i and \
            1 <= len(name.split()) <= (5 if building else 3) and name[:1].isupper() and \
            not any(ch.isdigit() for ch in name) and \
            name.lower() not in _DEFINITE_PLACE_WORDS and \
            name.lower() not in self.actor_lex.nationalities and self.gaz.lookup(name.split()[-1]) is None

    def place_date_pairs(self, trig: Token, others: set[int],
                          state: ArticleState) -> list[tuple[dict, dict, int, int]]:
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
            ent = ent_span(tok)
            if ent is None:
                continue
            seen.update(range(ent.start, ent.end))
            seq.append(("D" if ent.label_ == "DATE" else "P", ent))
        kinds = "".join(k for k, _ in seq)
        if not re.fullmatch(r"(?:PD){2,}", kinds):
            return []
        out = []
        for i in range(0, len(seq), 2):
            place = self.gaz.lookup(strip_the(seq[i][1].text))
            when = self.dates.resolve(seq[i + 1][1].text, state.anchor, False)
            if place is None or not isinstance(when, dict):
                return []
            out.append((place.as_dict(seq[i][1].text), when, seq[i][1].start, seq[i + 1][1].end))
        return out

    def conjoined_places(self, trig: Token, draft: EventDraft) -> list[dict]:
        """The places of a trip told as a list ("visited Jordan, Egypt and Bahrain", "travelled to Riyadh and Doha"),
        when the place found is the first of them; [] for a trip to one place."""
        heads = [c for c in trig.children if c.dep_ in ("dobj", "obj")] + [
            o for c in trig.children if c.dep_ == "prep" and c.lower_ in DEST_PREPS | PLACE_PREPS
            for o in c.children if o.dep_ == "pobj"]
        if trig.dep_ == "nsubj" and trig.head.lemma_ == "be":
            heads += [c for c in trig.head.children if c.dep_ == "attr"]  # "his next stops will be Israel and Italy"
        for head in heads:
            items = [head, *head.conjuncts]
            if len(items) < 2 or not all(self.is_place(t) for t in items):
                continue
            places = []
            for t in items:
                ent = ent_span(t)
                place = self.gaz.lookup(strip_the(ent.text))
                places.append(place.as_dict(ent.text))
            visitors = {(p.mention.actor.name, p.mention.actor.kind) for p in self.visitors(draft, places)}
            if len(visitors) == 1 and (draft.location is None or places[0]["name"] == draft.location["name"]):
                return places
        return []

    @staticmethod
    def visitors(draft: EventDraft, stops: list[dict]) -> list[Participant]:
        """The parties of a tour other than the states of its stops, which the parse took for hosts."""
        codes = {place.get("country_code") for place in stops}
        return [p for p in draft.participants
                if not (p.mention.actor.kind == "COUNTRY" and p.mention.actor.country_code in codes)]

    def add_host_country(self, draft: EventDraft) -> None:
        """A visit by one named visitor to a place: the host country is the other party (CODING.md)."""
        if draft.mode != "visit" or draft.location is None or len(draft.actors) != 1:
            return
        code = draft.location.get("country_code")
        visitor = draft.actors[0]
        if not code or visitor.country_code == code:
            return  # a trip at home has no host; a state's envoys ("Peru visited Vietnam") have one
        place = self.gaz.country(code)
        country = Actor(place.name if place else code, "COUNTRY", code)
        draft.add(Mention(country, None, None, None), "target")
        draft.host_added = True
