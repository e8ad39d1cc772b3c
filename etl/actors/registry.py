"""The actors of one article: who each mention refers to, its canonical name, kind, title and country.

"U.S. President Joe Biden", "Biden" and "the president" are one actor "Joe Biden"; titles go into the title,
never into the name. Countries (and capitals or institutions used for them) are COUNTRY actors.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy
from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from etl.actors.lexicon import ActorLexicon
from etl.actors.model import Actor, Mention
from etl.actors.titles import TitleReader
from etl.arrays import in_sorted, sorted_ids
from etl.places import BIG_CITY, Gazetteer

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# labels the small model gives to names it did not recognise as people ("Recep Tayyip Erdoğan" as ORG)
_MISLABELS = ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LOC", "")
# lower-case particles inside a personal name ("Staffan de Mistura", "Mohammed bin Salman")
_NAME_PARTICLES = {"de", "al", "bin", "ibn", "van", "von", "der", "la", "le", "da", "du", "el", "abu", "di", "ben"}
# Arabic article glued to a family name: "al-Assad" is also called "Assad"
_GLUED_ARTICLE = re.compile(r"^(?:al|el|Al|El)[-‑]")
# words before a name that make it a place, whatever the tagger says ("in Manbij", "the city of Kherson")
_PLACE_WORDS = frozenset({"in", "to", "near", "from", "at", "into", "outside", "of", "around", "across", "toward",
                          "towards", "via", "through"})
# first words of a title no longer held
_STALE = frozenset({"former", "then", "ex", "ex-", "erstwhile", "onetime", "one-time", "late"})


def _name_keys(full: str) -> set[str]:
    """The single words a full name goes by: its first and last words ("Xi", "Biden"), and a family name without
    its glued article ("Assad" for "Bashar al-Assad")."""
    parts = full.split()
    keys = {parts[0], parts[-1]}
    bare = _GLUED_ARTICLE.sub("", parts[-1])
    if bare != parts[-1] and bare[:1].isupper():
        keys.add(bare)
    return keys



class ActorRegistry:
    """Resolves actor mentions of one doc; built once per doc from its PERSON entities."""

    def __init__(self, doc: Doc, lex: ActorLexicon, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.lex = lex
        self.gaz = gazetteer
        self.persons: dict[str, Actor] = {}  # canonical name -> actor
        self.countries: dict[str, Actor] = {}  # iso3 -> actor
        self.orgs: dict[str, Actor] = {}
        self.token_actor: dict[int, Mention] = {}  # token index -> person mention covering it
        self._recent_persons: list[tuple[int, Actor]] = []  # (token index, actor) of person mentions in order
        self.person_toks: set[int] = set()  # tokens of every person name, so that no title runs into one
        self._relatives: set[str] = set()  # full names introduced as someone's relative
        self._owners: list[tuple[Actor, int]] = []  # (officer, token of the person served) to take a country from
        self.titles = TitleReader(self)
        self._build()

    # ----- persons -----
    def _clean_person(self, ent: Span) -> tuple[Span, str] | None:
        toks = [*self._given_names_before(ent), *ent]
        while toks and (toks[0].lower_ in self.lex.honorifics or toks[0].lower_ in self.lex.title_words
                        or toks[0].lower_ in self.lex.nationalities or toks[0].ent_type_ in ("GPE", "NORP")
                        or toks[0].lower_ in self.lex.peoples or toks[0].is_punct or toks[0].lower_ == "the"):
            toks.pop(0)  # "Spaniard Arges Artiaga", "Sgt Matt Tonroe"
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")
                        or toks[-1].lower_ in self.lex.post_nominals
                        or toks[-1].is_lower and toks[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PART", "AUX")):
            toks.pop()  # "Joel Bennathan QC"; "welcomed Xi Jinping to Saudi Arabia" tagged with its "to"
        if not toks:
            return None
        span = self.doc[toks[0].i:toks[-1].i + 1]
        name = _POSSESSIVE.sub("", span.text).strip()
        if not re.search(r"[A-Z]", name) or len(name) < 2 or name.isupper() and " " not in name:
            return None  # an acronym ("SDF") is a body
        place = self.gaz.lookup(name)
        if place is not None and (" " not in name or place.kind != "city") and (
                place.kind != "city" or self.gaz.capital_country(name) or self._used_as_place(span)
                or place.population >= BIG_CITY and not self._figure_before_town(name, span)):
            return None  # "Sochi" or "Eastern Ghouta" tagged as a person is the place; "Kim met Trump" is Kim
        return span, name

    def _given_names_before(self, ent: Span) -> list[Token]:
        """"his Tanzanian counterpart Samia Suluhu Hassan" with only "Hassan" labelled: the unlabelled proper nouns
        just before a name, which the parser hangs on it, are its first names."""
        start = ent.start
        while start > 0:
            tok = self.doc[start - 1]
            low = tok.lower_
            if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.dep_ != "compound" \
                    or not start <= tok.head.i < ent.end or low in self.lex.honorifics \
                    or low in self.lex.title_words or low in self.lex.nationalities or low in self.lex.peoples \
                    or low in self.lex.kinship or self._country_word(tok.text):
                break
            start -= 1
        return list(self.doc[start:ent.start])

    def _country_word(self, word: str) -> bool:
        place = self.gaz.lookup(word)  # "the President of Uzbekistan Shavkat Mirziyoyev": the state is no name
        return place is not None and place.kind in ("country", "admin1", "region")

    def _build(self) -> None:
        person_spans: list[tuple[Span, str]] = []
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                cleaned = self._clean_person(ent)
                if cleaned:
                    person_spans.append(cleaned)
        person_spans.extend(self._unlabelled_persons(person_spans))
        person_spans.sort(key=lambda x: x[0].start)
        self.person_toks = {t.i for span, _ in person_spans for t in span}
        keys = {k for span, name in person_spans if " " in name for k in _name_keys(name)
                if k[:1].isupper() and not k.isupper()}  # not "SDF" of a mislabelled "Kurd SDF"
        self.person_toks.update(int(i) for i in self._token_indices(ORTH, keys, also_person=True))
        full_names: list[tuple[int, str]] = []  # (first token index, name) of multi-word names in order
        self._relatives = {name for span, name in person_spans if " " in name and self._introduced_as_relative(span)}
        for span, name in person_spans:
            if len(name.split()) > 1:
                full_names.append((span.start, name))
                if name not in self.persons:
                    self.persons[name] = Actor(name, "PERSON", aliases={name})
        for span, name in person_spans:
            canonical = self._canonical_person(name, span.start, full_names)
            actor = self.persons.setdefault(canonical, Actor(canonical, "PERSON", aliases={canonical}))
            actor.aliases.add(name)
            title = self._note_titles(actor, span)
            if not actor.office:
                actor.office = self._near_office(span)
            mention = Mention(actor, span.start_char, span.end_char, title)
            for tok in span:
                self.token_actor[tok.i] = mention
            self._recent_persons.append((span.start, actor))
        self._surname_mentions(full_names)
        self._recent_persons.sort(key=lambda x: x[0])
        for actor in self.persons.values():
            self._known_figure(actor)
        for actor, tok in self._owners:
            served = self.token_actor.get(tok)
            if actor.country_code is None and served is not None and served.actor is not actor:
                actor.country_code = served.actor.country_code  # "Trump's national security adviser"
        self._definite_descriptions()
        for actor in self.persons.values():
            actor.titles.sort(key=lambda t: t.split(" ", 1)[0].lower() in _STALE)  # a current office first

    def _token_indices(self, attr: int, words: set[str], also_person: bool = False, cache_key: str | None = None
                       ) -> numpy.ndarray:
        """Indices of the tokens whose `attr` (ORTH or LOWER) is one of `words` (or, with also_person, that are
        tagged PERSON), read from the doc's arrays: iterating Token objects is what costs on long articles. A
        lexicon's word set is hashed once per process, under `cache_key`."""
        strings = self.doc.vocab.strings
        arr = self.doc.to_array([attr, ENT_TYPE])
        if not len(arr):
            return numpy.zeros(0, dtype=numpy.int64)
        wanted = self.lex.hashes.get(cache_key) if cache_key else None
        if wanted is None:
            wanted = sorted_ids([strings.add(w) for w in words])
            if cache_key:
                self.lex.hashes[cache_key] = wanted
        mask = in_sorted(arr[:, 0], wanted)
        if also_person:
            mask |= arr[:, 1] == strings.add("PERSON")
        return numpy.nonzero(mask)[0]

    def _definite_descriptions(self) -> None:
        """"As a former Exxon chief executive, Rex Tillerson is unaccustomed to groveling. But the US secretary of
        state may have no choice": a definite description that names an office and its country, when the only
        person named since the start of the previous sentence has no country yet, is that person."""
        doc = self.doc
        lex = self.lex
        if not self._recent_persons:
            return
        sent_starts = [sent.start for sent in doc.sents]
        for i in self._token_indices(LOWER, lex.office_heads, cache_key="office_heads"):
            tok = doc[int(i)]
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.person_toks \
                    or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            after = doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," else \
                doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if after is not None and after.i in self.person_toks or tok.dep_ == "appos" or any(
                    c.dep_ == "appos" for c in tok.children):
                continue  # the title of a name next to it ("the Turkish president, X"), read as such already
            reading = self.titles.read_title(list(doc[tok.left_edge.i:tok.right_edge.i + 1]))
            if reading is None or not reading.office or reading.country is None:
                continue
            here = bisect_right(sent_starts, tok.i) - 1
            window = sent_starts[max(0, here - 1)] if here >= 0 else 0
            actors = {id(a): a for i, a in self._recent_persons if window <= i < tok.i}
            if len(actors) != 1:
                continue
            [actor] = actors.values()
            # someone who holds an office, and no other one than this now: "the home secretary" after a private
            # person, or after the party chairman, is somebody else
            current = [t for t in actor.titles if t.split(" ", 1)[0].lower() not in _STALE]
            heads = {w for t in current for w in t.lower().replace(",", " ").split() if w in lex.office_heads}
            if actor.country_code is None and actor.titles and (not current or tok.lower_ in heads):
                actor.country_code = reading.country
                actor.titles.append(reading.text)

    def _introduced_as_relative(self, span: Span) -> bool:
        """"His father, Hafez al-Assad", "her mother Asma Begum", "his parents Sally Lane and John Letts"."""
        head = span.root
        while head.dep_ == "conj" and head.head.i < head.i and head.head.i in self.person_toks:
            head = head.head
        if head.dep_ == "appos" and head.head.lower_ in self.lex.kinship:
            return True
        start = head.i
        while start > head.sent.start and start - 1 in self.person_toks:
            start -= 1
        before = [t for t in self.doc[max(head.sent.start, start - 2):start] if t.text != ","]
        return bool(before) and before[-1].lower_ in self.lex.kinship  # not "the father of Shamima Begum"

    def _note_titles(self, actor: Actor, span: Span) -> str | None:
        """Reads the titles around one mention into the actor: the office it names (returned) and the country of
        the first reading that gives one, the office's own first."""
        readings = self.titles.read_titles(span)
        best = self.titles.best_reading(readings)
        title = best.text if best is not None and best.office else None
        if title:
            actor.titles.append(title)
        actor.descriptions.extend(r.text for r in readings if r.description and r.text not in actor.descriptions)
        if actor.country_code is None:
            ordered = ([best] if best is not None else []) + sorted(readings, key=lambda r: not r.office)
            actor.country_code = next((r.country for r in ordered if r.country), None)
        self._owners.extend((actor, r.owner) for r in readings if r.owner is not None)
        return title

    def _near_office(self, span: Span) -> bool:
        """An office word just before the name in its sentence ("As a former Exxon-Mobil chief executive, Rex
        Tillerson"), or right after it in apposition: the title parser may miss it, the actor still holds office."""
        office = self.lex.office_words_not_courtesy
        before = self.doc[max(span.sent.start, span.start - 4):span.start]
        after = self.doc[span.end:min(span.sent.end, span.end + 5)]
        return any(t.lower_ in office for t in before) or (len(after) > 1 and after[0].text == "," and any(
            t.lower_ in office for t in after[1:]))

    def _candidate_spans(self) -> list[Span]:
        """Entities not labelled PERSON, and runs of proper nouns the tagger left unlabelled."""
        out = []
        for e in self.doc.ents:
            if e.label_ not in _MISLABELS:
                continue
            end = e.end
            while end < len(self.doc) and not self.doc[end].ent_type_ and self.doc[end].pos_ == "PROPN" and \
                    self.doc[end].text[:1].isupper():
                end += 1  # "Giorgia" tagged a place and "Meloni" left out: one name
            out.append(e if end == e.end else self.doc[e.start:end])
        arr = self.doc.to_array([ENT_TYPE, POS])
        proper = [int(i) for i in numpy.nonzero((arr[:, 0] == 0) & (arr[:, 1] == PROPN))[0]] if len(arr) else []
        run: list[int] = []
        for i in [*proper, -2]:  # runs of consecutive unlabelled proper nouns, read from the arrays
            if i >= 0 and self.doc[i].text[:1].isupper() and (not run or run[-1] == i - 1):
                run.append(i)
                continue
            if len(run) >= 2 or len(run) == 1 and self.lex.known_person(self.doc[run[0]].text) is not None:
                out.append(self.doc[run[0]:run[-1] + 1])  # a lone word only when it is a known public figure's name
            run = [i] if i >= 0 and self.doc[i].text[:1].isupper() else []
        # a lone capitalised word the tagger took for a common noun ("Trump met Kim"), as a verb's subject or object;
        # the tokens to look at are picked from the doc's arrays
        if len(arr):
            strings = self.doc.vocab.strings
            tags = numpy.array([strings["NN"], strings["NNP"]], dtype=numpy.uint64)
            deps = numpy.array([strings["nsubj"], strings["dobj"], strings["pobj"]], dtype=numpy.uint64)
            flags = self.doc.to_array([TAG, DEP, IS_TITLE])
            picked = numpy.nonzero((arr[:, 0] == 0) & numpy.isin(flags[:, 0], tags) & numpy.isin(flags[:, 1], deps)
                                   & (flags[:, 2] == 1))[0]
            for i in picked:
                tok = self.doc[int(i)]
                # ... or a public figure's, whatever the verb ("Scholz plans to visit China", "Scholz" a noun)
                if len(tok.text) > 2 and (tok.head.lemma_.lower() in self.lex.person_verbs | {"with"}
                                          or self.lex.known_person(tok.text) is not None) and \
                        not any(c.dep_ in ("det", "compound", "amod") for c in tok.children):
                    out.append(self.doc[tok.i:tok.i + 1])
        return out

    def _unlabelled_persons(self, persons: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Names the model mislabelled or missed, recognised by how the article uses them: in apposition to a
        title ("the Turkish president, Recep Tayyip Erdoğan"), after a title ("President Erdoğan"), joined to a
        person ("Donald Trump and Recep Tayyip Erdoğan"), or ending in the surname of a person named elsewhere."""
        # a "person" the model named after a place ("Eastern Ghouta") lends no surname
        surnames = {name.split()[-1] for _, name in persons if len(name.split()) > 1
                    and self.gaz.lookup(name) is None and self.gaz.lookup(name.split()[-1]) is None}
        office_words = self.lex.office_words
        person_toks = {t.i for span, _ in persons for t in span}
        out: list[tuple[Span, str]] = []
        def placeish_word(name: str) -> bool:
            return self.gaz.lookup(name) is not None or name.lower() in self.lex.nationalities

        for span in self._candidate_spans():
            toks = list(span)
            titled = False
            while toks and (toks[0].lower_ in self.lex.honorifics or toks[0].lower_ in self.lex.title_words
                            or toks[0].lower_ == "the" or toks[0].is_punct):
                titled = titled or toks[0].lower_ in self.lex.title_words or toks[0].lower_ in self.lex.honorifics
                toks.pop(0)
            while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")):
                toks.pop()
            # "Foreign Minister of Uzbekistan Abdulaziz Kamilov" tagged as one organisation: the state of the office
            # runs into the name
            while len(toks) >= 3 and (self.gaz.lookup(toks[0].text) is not None
                                      or toks[0].lower_ in self.lex.nationalities):
                titled = titled or toks[0].i >= 2 and self.doc[toks[0].i - 1].lower_ == "of" and \
                    self.doc[toks[0].i - 2].lower_ in self.lex.title_words
                toks.pop(0)
            if toks and toks[0].i >= 1 and self.doc[toks[0].i - 1].lower_ in self.lex.title_words and \
                    self.doc[toks[0].i - 1].text[:1].isupper():
                titled = True  # "Foreign Minister Abdulaziz Kamilov", the title left outside the entity
            if not toks or any(t.i in person_toks for t in toks):
                continue
            words = [t.text for t in toks]
            if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w in ("-", "‑") for w in words) or \
                    words[0].lower() in _NAME_PARTICLES or not words[-1][:1].isupper() or not words[0][:1].isalpha():
                continue
            sub = self.doc[toks[0].i:toks[-1].i + 1]
            name = _POSSESSIVE.sub("", sub.text).strip()
            low = name.lower()
            if self.gaz.lookup(name) is not None and not self._figure_before_town(name, sub) \
                    or low in self.lex.nationalities or low in self.lex.media \
                    or low in self.lex.institutions or any(w.lower() in self.lex.title_words for w in words) \
                    or name.split()[-1].lower() in self.lex.venue_words | self.lex.org_words \
                    or any(len(w) > 1 and w.isupper() for w in words):
                continue  # a place, a body ("the Foreign Affairs Committee") or an acronym ("YPG") is no person
            root = sub.root
            head = root.head
            if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.place_nouns:
                continue  # "the town of Duhok"
            after = self.doc[sub.end:sub.end + 2]
            if len(after) == 2 and after[0].tag_ == "POS" and after[1].pos_ == "PROPN" and after[1].text[:1].isupper():
                continue  # the owner of the name after it: "Qualcomm Inc.'s Cristiano Amon"
            placeish = span.label_ in ("GPE", "LOC", "FAC") if isinstance(span, Span) and span.label_ else False
            evidence = (
                name.split()[-1] in surnames and not placeish
                # a public figure of the actor dictionary ("Modi", "Blinken" left untagged)
                or self.lex.known_person(name) is not None and (not any(placeish_word(w) for w in words)
                                                                 or self._figure_before_town(name, sub))
                or titled and 2 <= len(words) <= 3
                or root.dep_ == "appos" and (head.lower_ in office_words or head.dep_ == "pobj"
                                             and head.head.head.lower_ in office_words)
                or root.dep_ == "conj" and head.i in person_toks and (
                    len(words) >= 2
                    # "Kishida and Yoon held a summit": a lone word no lexicon knows, joined to a person
                    or len(words) == 1 and head.dep_ in ("nsubj", "nsubjpass") and self._unknown_word(toks[0]))
                # "Abdulaziz Kamilov met with Erdogan": two or three names the tagger left unlabelled (or called a
                # person's state and name one body), as the subject of a verb of meeting or saying
                or root.dep_ in ("nsubj", "nsubjpass") and 2 <= len(words) <= 3 and head.pos_ == "VERB"
                and head.lemma_.lower() in self.lex.person_verbs and (titled or not span.label_)
                and not any(placeish_word(w) for w in words)
                # ... or one the tagger took for a people ("talks with Albanese" as NORP) or, as the subject, for a
                # place ("Sánchez met Meloni") that no lexicon or gazetteer knows
                or len(words) == 1 and (not span.label_ or toks[0].tag_ == "NNP" and (
                    span.label_ == "NORP" or span.label_ == "GPE" and toks[0].dep_ == "nsubj"))
                and self._bare_name(toks[0])
                # "Stephen Schwarzman and Qualcomm Inc.'s Cristiano Amon", parsed as an apposition
                or root.dep_ == "appos" and head.i in person_toks and len(words) >= 2 and sub.start > 0
                and self.doc[sub.start - 1].tag_ == "POS"
                or any(c.dep_ == "appos" and c.lower_ in office_words for c in root.children)
            )
            if evidence:
                out.append((sub, name))
                person_toks.update(t.i for t in sub)
        return out

    def _known_figure(self, actor: Actor) -> None:
        """A public figure of the actor dictionary holds an office whether or not the article says so ("Narendra
        Modi is to visit Washington" is no private trip). The dictionary's state is not taken: it does not know
        the time of the article (a minister of 2015 may serve a body in 2024), and the article's own titles give
        the state (5-fold cross-validation: macro F1 0.41 with the dictionary's states, 0.43 with its offices alone).
        A leader's is kept aside as `known_country`, for merging alone ("Putin visited India" and "Putin met Modi")."""
        entry = next((e for name in actor.aliases | {actor.name} if (e := self.lex.known_person(name)) is not None),
                     None)
        if entry is None and (entry := self.lex.misspelt_person(actor.name)) is not None:
            # the article's slip ("Recep Tayip Ergodan"): the figure goes by the dictionary's name, the article's
            # spelling stays an alias
            actor.aliases.add(actor.name)
            actor.name = entry["name"]
        if entry is not None:
            actor.office = True
            if len(entry["country"]) == 3 and self.lex.is_leader_title(entry.get("office")):
                # a state's leader, the one its name stands for (not an "IGO:" body's, not an "NSA:" group's)
                actor.known_country = entry["country"]

    def _figure_before_town(self, name: str, span: Span) -> bool:
        """"Rubio met Lavrov": a public figure of the actor dictionary, not the town of that name (Rubio,
        Venezuela), unless it is a capital or the text uses it as a place ("in Rubio")."""
        place = self.gaz.lookup(name)
        return self.lex.known_person(name) is not None and (place is None or place.kind == "city") and \
            not self.gaz.capital_country(name) and not self._used_as_place(span)

    def _used_as_place(self, span: Span) -> bool:
        """A city's name used as a place: after a place word ("in Manbij"), or read as one by the parse."""
        before = span.start - 1
        while before >= 0 and self.doc[before].pos_ in ("DET", "ADJ"):
            before -= 1
        return before >= 0 and self.doc[before].lower_ in _PLACE_WORDS or \
            span.root.dep_ in ("pobj", "compound") and span.root.head.lower_ in _PLACE_WORDS | {"city", "town"}

    def _unknown_word(self, tok: Token) -> bool:
        """A word no lexicon and no gazetteer knows: no office, body, people, nationality, venue or place."""
        if tok.is_stop:
            return False
        lex = self.lex
        for word in (tok.lower_, tok.lemma_.lower(), tok.lower_.rstrip("s")):
            if word in lex.title_words or word in lex.government_nouns or word in lex.delegate_nouns or \
                    word in lex.sector_nouns or word in lex.org_words or word in lex.media or word in lex.peoples or \
                    word in lex.nationalities or word in lex.institutions or word in lex.venue_words:
                return False
        return self.gaz.lookup(tok.text) is None

    def _bare_name(self, tok: Token) -> bool:
        """A lone capitalised word that no lexicon knows, on one side of a verb of meeting or saying whose other side
        the tagger did call a person, or is a public figure's name ("Trump met Kim", "Putin spoke with Trump",
        "Modi held talks with Albanese"): a surname."""
        if not self._unknown_word(tok):
            return False
        lex = self.lex
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if verb.pos_ == "NOUN" and verb.dep_ == "dobj":
            verb = verb.head  # "Modi held talks with Albanese": the talks' holder is the other side
        sides = [c for c in verb.children if c.dep_ in ("nsubj", "dobj")]
        sides += [o for head in (verb, *(c for c in sides if c.dep_ == "dobj")) for p in head.children
                  if p.dep_ == "prep" and p.lower_ == "with" for o in p.children if o.dep_ == "pobj"]
        return any(o.i != tok.i and (o.ent_type_ == "PERSON" or o.pos_ == "PROPN" and lex.known_person(o.text))
                   for o in sides)

    def _surname_mentions(self, full_names: list[tuple[int, str]]) -> None:
        """A lone surname the tagger missed or mislabelled ("Biden" as a place) is still the person."""
        words: dict[str, set[str]] = {}
        for _, full in full_names:
            for w in _name_keys(full):
                words.setdefault(w, set()).add(self._canonical_person(full, 0, full_names))
        for name, actor in self.persons.items():
            # a surname the article never completes, known to be a person by a title ("President Trump"): its
            # other mentions are that person, whatever their label ("Trump" as an organisation)
            if " " not in name and actor.titles and name[:1].isupper() and not name.isupper():
                words.setdefault(name, set()).add(name)
        for i in self._token_indices(ORTH, set(words)):
            tok = self.doc[int(i)]
            if tok.i in self.token_actor or tok.ent_type_ in ("DATE", "TIME") or not (
                    tok.pos_ == "PROPN" or tok.pos_ in ("NOUN", "ADJ", "VERB") and tok.text[:1].isupper()):
                continue  # a sentence-initial "Trump" may be tagged a noun; "May" the month is no person
            if tok.ent_type_ and tok.ent_iob_ == "I" or (tok.i + 1 < len(self.doc)
                                                        and self.doc[tok.i + 1].ent_iob_ == "I"):
                continue  # part of a longer name of something else
            canonical = self._canonical_person(tok.text, tok.i, full_names)
            actor = self.persons.get(canonical)
            if actor is None:
                continue
            title = self._note_titles(actor, self.doc[tok.i:tok.i + 1])
            mention = Mention(actor, tok.idx, tok.idx + len(tok.text), title)
            self.token_actor[tok.i] = mention
            self._recent_persons.append((tok.i, actor))

    def _canonical_person(self, name: str, at: int, full_names: list[tuple[int, str]]) -> str:
        words = name.split()
        if len(words) > 1:
            # "Joseph R. Biden" and "Joe Biden": one person when first and last words agree enough
            for _, full in full_names:
                fw = full.split()
                if full != name and fw[-1] == words[-1] and fw[0][:2] == words[0][:2] and len(fw) < len(words):
                    return full
            low = [w.lower() for w in words]
            for _, full in full_names:
                fw = [w.lower() for w in full.split()]
                if len(fw) > len(low) and fw[-len(low):] == low:
                    return full  # "de Mistura", "De Mistura": the surname of "Staffan de Mistura"
            return name
        # a single word is the surname (or the family name first, "Xi"): the nearest preceding full name
        # holding it, else the first one after; a relative introduced as such ("his parents Sally Lane and John
        # Letts") goes by the full name, the surname alone is the article's main bearer of it
        candidates = [(i, full) for i, full in full_names if words[0] in _name_keys(full)]
        candidates = [c for c in candidates if c[1] not in self._relatives] or candidates
        before = [c for c in candidates if c[0] <= at]
        if before:
            return before[-1][1]
        if candidates:
            return candidates[0][1]
        return name

    # ----- lookups used by the extractor -----
    def person_at(self, tok: Token) -> Mention | None:
        return self.token_actor.get(tok.i)

    def person_named(self, tok: Token) -> Mention | None:
        """The person a token names, or the one named in apposition to it ("the chancellor, Olaf Scholz")."""
        return self.person_at(tok) or next((m for c in tok.children if c.dep_ == "appos"
                                            and (m := self.person_at(c)) is not None), None)

    def person_from_span(self, span: Span) -> Mention | None:
        """A person the tagger did not label, named by proper nouns the parse shows to be one."""
        toks = [t for t in span if t.pos_ == "PROPN"]
        if len(toks) < 2:
            return None
        name = " ".join(t.text for t in toks)
        actor = self.persons.setdefault(name, Actor(name, "PERSON", aliases={name}))
        return Mention(actor, toks[0].idx, toks[-1].idx + len(toks[-1].text), None)

    def person_by_title(self, np_tokens: list[Token], before: int) -> Mention | None:
        """'the president', 'the Chinese president': the latest person before token `before` with that title."""
        words = [t.lower_ for t in np_tokens if t.dep_ != "det"]
        if not words or words[-1] not in self.lex.title_words:
            return None
        head_word = words[-1]
        nationality = next((self.lex.nationalities.get(w) for w in words if w in self.lex.nationalities), None)
        for i, actor in reversed(self._recent_persons):
            if i >= before:
                continue
            # "the dictator" too; a public figure the article gave no title holds the actor dictionary's office
            known = self.lex.known_person(actor.name) if not actor.titles else None
            titles = " ".join([*actor.titles, *actor.descriptions, known["office"] if known else ""]).lower()
            if head_word in titles.split() and (nationality is None or nationality == actor.country_code):
                tok = np_tokens[-1]
                return Mention(actor, np_tokens[0].idx, tok.idx + len(tok.text), None)
        return None

    def country(self, iso3: str) -> Actor:
        actor = self.countries.get(iso3)
        if actor is None:
            place = self.gaz.country(iso3)
            actor = Actor(place.name if place else iso3, "COUNTRY", iso3, aliases=set())
            self.countries[iso3] = actor
        return actor

    def group(self, iso3: str, sector: str) -> Actor:
        """A state's people of one sector, as event data codes them: "Russia (military)"."""
        key = f"{iso3}:{sector}"
        actor = self.orgs.get(key)
        if actor is None:
            name = f"{self.country(iso3).name} ({sector})"
            actor = Actor(name, "GROUP", iso3, aliases={name}, sector=sector)
            self.orgs[key] = actor
        return actor

    def org(self, name: str) -> Actor:
        key = name.lower()
        actor = self.orgs.get(key)
        if actor is None:
            actor = Actor(name, "ORG", None, aliases={name})
            self.orgs[key] = actor
        return actor

    def latest_persons(self, before: int, window_start: int) -> list[Actor]:
        return [a for i, a in self._recent_persons if window_start <= i < before]
