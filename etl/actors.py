"""Actors within one article: who a mention refers to, its canonical name, kind, title and country.

"U.S. President Joe Biden", "Biden" and "the president" are one actor "Joe Biden"; titles go into the title,
never into the name. Countries (and capitals or institutions used for them) are COUNTRY actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.lexicon import load_lexicon
from etl.places import Gazetteer

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# labels the small model gives to names it did not recognise as people ("Recep Tayyip Erdoğan" as ORG)
_MISLABELS = ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LOC", "")
# lower-case particles inside a personal name ("Staffan de Mistura", "Mohammed bin Salman")
_NAME_PARTICLES = {"de", "al", "bin", "ibn", "van", "von", "der", "la", "le", "da", "du", "el", "abu", "di", "ben"}


@dataclass
class Actor:
    name: str
    kind: str  # PERSON | ORG | COUNTRY | GROUP
    country_code: str | None = None
    aliases: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    office: bool = False  # named beside an office word somewhere in the article ("a former chief executive, X")


@dataclass
class Mention:
    """One reference to an actor in the text."""

    actor: Actor
    start: int | None  # char offsets in the doc; None for an actor the text implies (a visit's host country)
    end: int | None
    title: str | None = None


class ActorLexicon:
    """The data the resolver reads, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        lex = load_lexicon("actors.toml", lexicon_dir)
        self.title_words = set(lex["title_words"])
        self.title_modifiers = set(lex.get("title_modifiers", []))
        self.venue_words = {w.lower() for w in lex.get("venue_words", [])}
        self.org_words = {w.lower() for w in lex.get("org_words", [])}
        ctx = load_lexicon("triggers.toml", lexicon_dir).get("context", {})
        self.place_nouns = {w.lower() for w in ctx.get("place_nouns", [])}
        self.leader_titles = [t.lower() for t in lex["leader_titles"]]
        self.honorifics = set(lex["honorifics"])
        self.pair_anaphora = set(lex["pair_anaphora"])
        self.leader_anaphora = set(lex["leader_anaphora"])
        self.country_anaphora = set(lex["country_anaphora"])
        self.government_nouns = set(lex["government_nouns"])
        self.delegate_nouns = set(lex.get("delegate_nouns", []))
        self.media = {m.lower() for m in lex.get("media", [])}
        self.institutions = {k.lower(): v for k, v in lex.get("institutions", {}).items()}
        nat = load_lexicon("nationalities.toml", lexicon_dir)
        self.nationalities = {k.lower(): v for k, v in nat.get("adjectives", {}).items()}

    def is_leader_title(self, title: str | None) -> bool:
        t = (title or "").lower()
        return any(re.search(rf"\b{re.escape(w)}\b", t) for w in self.leader_titles)


class ActorRegistry:
    """Resolves actor mentions of one doc; built once per doc from its PERSON entities."""

    def __init__(self, doc: Doc, lex: ActorLexicon, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.lex = lex
        self.gaz = gazetteer
        self.persons: dict[str, Actor] = {}  # canonical name -> actor
        self.countries: dict[str, Actor] = {}  # iso3 -> actor
        self.orgs: dict[str, Actor] = {}
        self._token_actor: dict[int, Mention] = {}  # token index -> person mention covering it
        self._recent_persons: list[tuple[int, Actor]] = []  # (token index, actor) of person mentions in order
        self._build()

    # ----- persons -----
    def _clean_person(self, ent: Span) -> tuple[Span, str] | None:
        toks = list(ent)
        while toks and (toks[0].lower_ in self.lex.honorifics or toks[0].lower_ in self.lex.title_words
                        or toks[0].lower_ in self.lex.nationalities or toks[0].ent_type_ in ("GPE", "NORP")
                        or toks[0].is_punct or toks[0].lower_ == "the"):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")):
            toks.pop()
        if not toks:
            return None
        span = self.doc[toks[0].i:toks[-1].i + 1]
        name = _POSSESSIVE.sub("", span.text).strip()
        if not re.search(r"[A-Z]", name) or len(name) < 2:
            return None
        if self.gaz.lookup(name) is not None and (" " not in name or self.gaz.lookup(name).kind != "city"):
            return None  # "Sochi" or "Eastern Ghouta" tagged as a person is the place
        return span, name

    def _build(self) -> None:
        person_spans: list[tuple[Span, str]] = []
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                cleaned = self._clean_person(ent)
                if cleaned:
                    person_spans.append(cleaned)
        person_spans.extend(self._unlabelled_persons(person_spans))
        person_spans.sort(key=lambda x: x[0].start)
        full_names: list[tuple[int, str]] = []  # (first token index, name) of multi-word names in order
        for span, name in person_spans:
            if len(name.split()) > 1:
                full_names.append((span.start, name))
                if name not in self.persons:
                    self.persons[name] = Actor(name, "PERSON", aliases={name})
        for span, name in person_spans:
            canonical = self._canonical_person(name, span.start, full_names)
            actor = self.persons.setdefault(canonical, Actor(canonical, "PERSON", aliases={canonical}))
            actor.aliases.add(name)
            title = self.title_of(span)
            if title:
                actor.titles.append(title)
                if actor.country_code is None:
                    actor.country_code = self.country_in_text(title)
            if not actor.office:
                actor.office = self._near_office(span)
            mention = Mention(actor, span.start_char, span.end_char, title)
            for tok in span:
                self._token_actor[tok.i] = mention
            self._recent_persons.append((span.start, actor))
        self._surname_mentions(full_names)
        self._recent_persons.sort(key=lambda x: x[0])

    def _near_office(self, span: Span) -> bool:
        """An office word just before the name in its sentence ("As a former Exxon-Mobil chief executive, Rex
        Tillerson"), or right after it in apposition: the title parser may miss it, the actor still holds office."""
        office = self.lex.title_words - self.lex.title_modifiers - {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
                                                                    "dr.", "lady"}
        before = self.doc[max(span.sent.start, span.start - 4):span.start]
        after = self.doc[span.end:min(span.sent.end, span.end + 5)]
        return any(t.lower_ in office for t in before) or (len(after) > 1 and after[0].text == "," and any(
            t.lower_ in office for t in after[1:]))

    def _candidate_spans(self) -> list[Span]:
        """Entities not labelled PERSON, and runs of proper nouns the tagger left unlabelled."""
        out = [e for e in self.doc.ents if e.label_ in _MISLABELS]
        run: list[Token] = []
        for tok in [*self.doc, None]:
            if tok is not None and not tok.ent_type_ and tok.pos_ == "PROPN" and tok.text[:1].isupper():
                run.append(tok)
                continue
            if len(run) >= 2:
                out.append(self.doc[run[0].i:run[-1].i + 1])
            run = []
        return out

    def _unlabelled_persons(self, persons: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
        """Names the model mislabelled or missed, recognised by how the article uses them: in apposition to a
        title ("the Turkish president, Recep Tayyip Erdoğan"), after a title ("President Erdoğan"), joined to a
        person ("Donald Trump and Recep Tayyip Erdoğan"), or ending in the surname of a person named elsewhere."""
        # a "person" the model named after a place ("Eastern Ghouta") lends no surname
        surnames = {name.split()[-1] for _, name in persons if len(name.split()) > 1
                    and self.gaz.lookup(name) is None and self.gaz.lookup(name.split()[-1]) is None}
        office_words = self.lex.title_words - self.lex.title_modifiers
        person_toks = {t.i for span, _ in persons for t in span}
        out: list[tuple[Span, str]] = []
        for span in self._candidate_spans():
            toks = list(span)
            titled = False
            while toks and (toks[0].lower_ in self.lex.honorifics or toks[0].lower_ in self.lex.title_words
                            or toks[0].lower_ == "the" or toks[0].is_punct):
                titled = titled or toks[0].lower_ in self.lex.title_words or toks[0].lower_ in self.lex.honorifics
                toks.pop(0)
            while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")):
                toks.pop()
            if not toks or any(t.i in person_toks for t in toks):
                continue
            words = [t.text for t in toks]
            if not all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w in ("-", "‑") for w in words) or \
                    words[0].lower() in _NAME_PARTICLES or not words[-1][:1].isupper():
                continue
            sub = self.doc[toks[0].i:toks[-1].i + 1]
            name = _POSSESSIVE.sub("", sub.text).strip()
            low = name.lower()
            if self.gaz.lookup(name) is not None or low in self.lex.nationalities or low in self.lex.media \
                    or low in self.lex.institutions or any(w.lower() in self.lex.title_words for w in words) \
                    or name.split()[-1].lower() in self.lex.venue_words | self.lex.org_words \
                    or any(len(w) > 1 and w.isupper() for w in words):
                continue  # a place, a body ("the Foreign Affairs Committee") or an acronym ("YPG") is no person
            root = sub.root
            head = root.head
            if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.place_nouns:
                continue  # "the town of Duhok"
            placeish = span.label_ in ("GPE", "LOC", "FAC") if isinstance(span, Span) and span.label_ else False
            evidence = (
                name.split()[-1] in surnames and not placeish
                or titled and 2 <= len(words) <= 3
                or root.dep_ == "appos" and (head.lower_ in office_words or head.dep_ == "pobj"
                                             and head.head.head.lower_ in office_words)
                or root.dep_ == "conj" and head.i in person_toks and len(words) >= 2
                or any(c.dep_ == "appos" and c.lower_ in office_words for c in root.children)
            )
            if evidence:
                out.append((sub, name))
                person_toks.update(t.i for t in sub)
        return out

    def _surname_mentions(self, full_names: list[tuple[int, str]]) -> None:
        """A lone surname the tagger missed or mislabelled ("Biden" as a place) is still the person."""
        words: dict[str, set[str]] = {}
        for _, full in full_names:
            parts = full.split()
            for w in {parts[0], parts[-1]}:
                words.setdefault(w, set()).add(self._canonical_person(full, 0, full_names))
        for tok in self.doc:
            if tok.i in self._token_actor or tok.text not in words or tok.ent_type_ in ("DATE", "TIME") or not (
                    tok.pos_ == "PROPN" or tok.pos_ in ("NOUN", "ADJ", "VERB") and tok.text[:1].isupper()):
                continue  # a sentence-initial "Trump" may be tagged a noun; "May" the month is no person
            if tok.ent_type_ and tok.ent_iob_ == "I" or (tok.i + 1 < len(self.doc)
                                                        and self.doc[tok.i + 1].ent_iob_ == "I"):
                continue  # part of a longer name of something else
            canonical = self._canonical_person(tok.text, tok.i, full_names)
            actor = self.persons.get(canonical)
            if actor is None:
                continue
            mention = Mention(actor, tok.idx, tok.idx + len(tok.text), None)
            self._token_actor[tok.i] = mention
            self._recent_persons.append((tok.i, actor))

    @staticmethod
    def _canonical_person(name: str, at: int, full_names: list[tuple[int, str]]) -> str:
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
        # holding it, else the first one after
        candidates = [(i, full) for i, full in full_names if words[0] in full.split()[:1] + full.split()[-1:]]
        before = [c for c in candidates if c[0] <= at]
        if before:
            return before[-1][1]
        if candidates:
            return candidates[0][1]
        return name

    def title_of(self, span: Span) -> str | None:
        """The title words the article puts around a person's name ("Chinese Foreign Minister", ", vice chairman
        of China's Central Military Commission")."""
        head = span.root
        parts: list[str] = []
        left = [t for t in head.subtree if t.i < span.start]
        # drop determiners, possessive pronouns and "his counterpart"-like heads at the left edge
        left = [t for t in left if not any(a.dep_ == "poss" for a in [t, *t.ancestors] if a.i < span.start and
                                           a.head.i >= span.start)]
        while left and (left[0].dep_ in ("det", "poss", "punct", "case") or left[0].lower_ in ("his", "her", "its")):
            left.pop(0)
        breaks = [t.i for t in left if "\n" in t.text or "\n" in t.whitespace_]
        if breaks:
            left = [t for t in left if t.i > breaks[-1]]
        if left and any(t.lower_ in self.lex.title_words or t.ent_type_ in ("NORP", "GPE", "ORG") for t in left):
            text = self.doc[left[0].i:span.start].text.strip(" ,")
            if text:
                parts.append(text)
        # the name in apposition to its title: "the Turkish defence minister, Hulusi Akar"
        gov = head.head
        if not parts and head.dep_ == "appos" and gov.i < span.start and gov.pos_ in ("NOUN", "PROPN") and \
                gov.ent_type_ != "PERSON":
            sub = [t for t in gov.subtree if t.i <= gov.i and t.dep_ not in ("det", "punct")]
            if sub and any(t.lower_ in self.lex.title_words for t in sub) and not any(
                    t.ent_type_ == "PERSON" for t in sub):
                sub = [t for t in sub if t.dep_ != "poss" or t.ent_type_ in ("GPE", "NORP", "ORG")]
                text = self.doc[sub[0].i:gov.i + 1].text.strip(" ,") if sub else ""
                text = re.sub(r"^(?:the|a|an|his|her|its|their)\s+", "", text, flags=re.I)
                if text:
                    parts.append(text)
        # honorific or title inside the entity itself ("President Joe Biden" tagged whole)
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and child.lower_ not in ("who", "which"):
                sub = list(child.subtree)
                if any(t.lower_ in self.lex.title_words for t in sub) and not any(
                        t.ent_type_ == "PERSON" for t in sub):
                    text = self.doc[sub[0].i:sub[-1].i + 1].text.strip(" ,")
                    if text.lower().startswith(("the ", "a ", "an ")):
                        text = text.split(" ", 1)[1]
                    parts.append(text)
        for child in head.children:
            # "John Podesta, who recently succeeded John Kerry as the U.S. climate envoy"
            if child.dep_ == "relcl":
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "as":
                        sub = [t for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree]
                        if sub and sub[-1].lower_ in self.lex.title_words:
                            text = self.doc[sub[0].i:sub[-1].i + 1].text
                            parts.append(re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I))
        return ", ".join(parts) or None

    def country_in_text(self, text: str) -> str | None:
        t = text.replace("\u2019", "'")
        for m in re.finditer(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:'s)?|\b[A-Z]\.[A-Z]\.", t):
            chunk = re.sub(r"'s$", "", m.group(0)).strip()
            words = chunk.split()
            for n in range(len(words), 0, -1):
                for i in range(len(words) - n + 1):
                    piece = " ".join(words[i:i + n])
                    code = self.lex.nationalities.get(piece.lower())
                    if code:
                        return code
                    place = self.gaz.lookup(piece)
                    if place is not None and place.kind == "country":
                        return place.country_code
        return None

    # ----- lookups used by the extractor -----
    def person_at(self, tok: Token) -> Mention | None:
        return self._token_actor.get(tok.i)

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
            titles = " ".join(actor.titles).lower()
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

    def org(self, name: str) -> Actor:
        key = name.lower()
        actor = self.orgs.get(key)
        if actor is None:
            actor = Actor(name, "ORG", None, aliases={name})
            self.orgs[key] = actor
        return actor

    def latest_persons(self, before: int, window_start: int) -> list[Actor]:
        return [a for i, a in self._recent_persons if window_start <= i < before]
