"""Actors within one article: who a mention refers to, its canonical name, kind, title and country.

"U.S. President Joe Biden", "Biden" and "the president" are one actor "Joe Biden"; titles go into the title,
never into the name. Countries (and capitals or institutions used for them) are COUNTRY actors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import numpy
from spacy.attrs import ENT_TYPE, LOWER, ORTH, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from etl.lexicon import load_lexicon
from etl.places import Gazetteer

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# labels the small model gives to names it did not recognise as people ("Recep Tayyip Erdoğan" as ORG)
_MISLABELS = ("ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LOC", "")
# lower-case particles inside a personal name ("Staffan de Mistura", "Mohammed bin Salman")
_NAME_PARTICLES = {"de", "al", "bin", "ibn", "van", "von", "der", "la", "le", "da", "du", "el", "abu", "di", "ben"}
# Arabic article glued to a family name: "al-Assad" is also called "Assad"
_GLUED_ARTICLE = re.compile(r"^(?:al|el|Al|El)[-‑]")

# grammar of titles (not vocabulary): words that end a title read from a name ...
_RELATIVE = frozenset({"who", "which", "that", "whose", "whom", "where", "when", "while"})
# ... entity types that are no part of an office ("mid-October General", "director from 2003 to 2008") ...
_NUMERIC_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# ... word classes stripped from a title's left edge ("the", "his", "even", "retired") ...
_LEADING_POS = frozenset({"DET", "PRON", "ADV", "CCONJ", "ADP", "SCONJ", "PART", "AUX", "VERB", "INTJ"})
# ... ordinals that rank a person, not an office ("the first British foreign secretary to visit") ...
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last"})
# ... prepositions that open an office's complement ("secretary of state", "adviser to", "director at") ...
_TITLE_PREPS = frozenset({"of", "to", "for", "at", "in", "on", "with"})
# ... and verbs whose subject is what their complement says ("X became the first British foreign secretary",
# "X was named ambassador")
_COPULAS = frozenset({"be", "become", "remain", "name", "appoint", "elect", "make"})
# first words of a title no longer held
_STALE = frozenset({"former", "then", "ex", "ex-", "erstwhile", "onetime", "one-time", "late"})


def _is_hyphen(tok: Token) -> bool:
    """A hyphen inside a compound ("counter-terrorism", "US-backed"), however the tagger labelled it."""
    return tok.text in ("-", "‑") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _title_length(words: list[Token]) -> int:
    """Words in a title, a name counting as one ("director at the Institute for the Study of War" is 3)."""
    return sum(1 for j, t in enumerate(words) if (j == 0 or words[j - 1].whitespace_) and not (
        j and t.ent_iob_ == "I" and words[j - 1].ent_iob_ in ("B", "I") and words[j - 1].i == t.i - 1))


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name)


def _honorific_after_office(words: list[Token], lex: ActorLexicon) -> bool:
    """A capitalised honorific after a lower-case office, the start of a name the tagger cut short: "supreme leader
    Ayatollah [Ali Khamenei]", "intelligence chief Sir [John Sawers]"; not "Nato secretary general"."""
    return len(words) > 1 and words[-1].lower_ in lex.honorifics and words[-1].text[:1].isupper() and \
        words[-2].is_lower and words[-2].lower_ in lex.office_heads


def _name_keys(full: str) -> set[str]:
    """The single words a full name goes by: its first and last words ("Xi", "Biden"), and a family name without
    its glued article ("Assad" for "Bashar al-Assad")."""
    parts = full.split()
    keys = {parts[0], parts[-1]}
    bare = _GLUED_ARTICLE.sub("", parts[-1])
    if bare != parts[-1] and bare[:1].isupper():
        keys.add(bare)
    return keys


@dataclass
class Actor:
    name: str
    kind: str  # PERSON | ORG | COUNTRY | GROUP
    country_code: str | None = None
    aliases: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    # what the article calls the person without naming an office: an evaluation ("dictator") or a bare generic
    # head it could not complete ("spokesman"); never exported as a title, read for "the two leaders"
    descriptions: list[str] = field(default_factory=list)
    office: bool = False  # named beside an office word somewhere in the article ("a former chief executive, X")


@dataclass
class TitleReading:
    """One reading of the words around a person's name as their title."""

    text: str
    office: bool  # its head is an office or rank ("minister", "General"), not a kinship or a trade ("son", "pupil")
    country: str | None  # the state the office belongs to ("Turkish president", "adviser to Iran's supreme leader")
    owner: int | None = None  # token of a person whose country this one shares ("Trump's national security
    # adviser", "Hunt's predecessor"; not "Trump's counterpart")
    public: bool = False  # its head is an office, a relation to an office-holder ("counterpart") or an evaluation
    # of one ("dictator"): its nationality is the person's country even where a mere description's is not
    description: bool = False  # an evaluation or a bare generic head ("dictator", "spokesman"), kept aside


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
        self.peoples = set(lex.get("peoples", []))
        self.kinship = set(lex.get("kinship", []))
        self.post_nominals = set(lex.get("post_nominals", []))
        self.courtesy = set(lex.get("courtesy", []))
        # the head of a title must be one of these: "Turkey's president", not "his future father-in-law"
        self.office_heads = (self.title_words - self.title_modifiers - self.courtesy - set(lex["government_nouns"])) \
            | set(lex.get("office_heads", []))
        self.office_adjectives = set(lex.get("office_adjectives", []))
        self.accredited_heads = set(lex.get("accredited_heads", []))
        self.object_predicate_verbs = set(lex.get("object_predicate_verbs", []))
        self.ordinal_offices = set(lex.get("ordinal_offices", []))
        self.counterpart_heads = set(lex.get("counterpart_heads", []))
        self.succession_heads = set(lex.get("succession_heads", []))
        self.evaluations = set(lex.get("evaluations", []))
        self.generic_heads = set(lex.get("generic_heads", []))
        self.vague_modifiers = set(lex.get("vague_modifiers", [])) | self.evaluations
        self.office_countries = {k.lower(): v for k, v in lex.get("office_countries", {}).items()}
        self.hashes: dict[str, numpy.ndarray] = {}  # string hashes of word sets, looked up in docs' arrays
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

    def is_leader(self, actor: Actor) -> bool:
        """A head of state or government by a title or by a description ("the dictator" is no title, but a
        leader for "the two leaders")."""
        return self.is_leader_title(" ".join([*actor.titles, *actor.descriptions]))


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
        self._person_toks: set[int] = set()  # tokens of every person name, so that no title runs into one
        self._relatives: set[str] = set()  # full names introduced as someone's relative
        self._owners: list[tuple[Actor, int]] = []  # (officer, token of the person served) to take a country from
        self._build()

    # ----- persons -----
    def _clean_person(self, ent: Span) -> tuple[Span, str] | None:
        toks = list(ent)
        while toks and (toks[0].lower_ in self.lex.honorifics or toks[0].lower_ in self.lex.title_words
                        or toks[0].lower_ in self.lex.nationalities or toks[0].ent_type_ in ("GPE", "NORP")
                        or toks[0].lower_ in self.lex.peoples or toks[0].is_punct or toks[0].lower_ == "the"):
            toks.pop(0)  # "Spaniard Arges Artiaga", "Sgt Matt Tonroe"
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS" or toks[-1].lower_ in ("'s", "’s")
                        or toks[-1].lower_ in self.lex.post_nominals):
            toks.pop()  # "Joel Bennathan QC"
        if not toks:
            return None
        span = self.doc[toks[0].i:toks[-1].i + 1]
        name = _POSSESSIVE.sub("", span.text).strip()
        if not re.search(r"[A-Z]", name) or len(name) < 2 or name.isupper() and " " not in name:
            return None  # an acronym ("SDF") is a body
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
        self._person_toks = {t.i for span, _ in person_spans for t in span}
        keys = {k for span, name in person_spans if " " in name for k in _name_keys(name)
                if k[:1].isupper() and not k.isupper()}  # not "SDF" of a mislabelled "Kurd SDF"
        self._person_toks.update(int(i) for i in self._token_indices(ORTH, keys, also_person=True))
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
                self._token_actor[tok.i] = mention
            self._recent_persons.append((span.start, actor))
        self._surname_mentions(full_names)
        self._recent_persons.sort(key=lambda x: x[0])
        for actor, tok in self._owners:
            served = self._token_actor.get(tok)
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
            wanted = numpy.array([strings.add(w) for w in words], dtype=numpy.uint64)
            if cache_key:
                self.lex.hashes[cache_key] = wanted
        mask = numpy.isin(arr[:, 0], wanted)
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
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self._person_toks \
                    or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            after = doc[tok.i + 2] if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," else \
                doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if after is not None and after.i in self._person_toks or tok.dep_ == "appos" or any(
                    c.dep_ == "appos" for c in tok.children):
                continue  # the title of a name next to it ("the Turkish president, X"), read as such already
            reading = self._read_title(list(doc[tok.left_edge.i:tok.right_edge.i + 1]))
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
        while head.dep_ == "conj" and head.head.i < head.i and head.head.i in self._person_toks:
            head = head.head
        if head.dep_ == "appos" and head.head.lower_ in self.lex.kinship:
            return True
        start = head.i
        while start > head.sent.start and start - 1 in self._person_toks:
            start -= 1
        before = [t for t in self.doc[max(head.sent.start, start - 2):start] if t.text != ","]
        return bool(before) and before[-1].lower_ in self.lex.kinship  # not "the father of Shamima Begum"

    def _note_titles(self, actor: Actor, span: Span) -> str | None:
        """Reads the titles around one mention into the actor: the office it names (returned) and the country of
        the first reading that gives one, the office's own first."""
        readings = self.read_titles(span)
        best = self._best_reading(readings)
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
        office = self.lex.title_words - self.lex.title_modifiers - {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
                                                                    "dr.", "lady"}
        before = self.doc[max(span.sent.start, span.start - 4):span.start]
        after = self.doc[span.end:min(span.sent.end, span.end + 5)]
        return any(t.lower_ in office for t in before) or (len(after) > 1 and after[0].text == "," and any(
            t.lower_ in office for t in after[1:]))

    def _candidate_spans(self) -> list[Span]:
        """Entities not labelled PERSON, and runs of proper nouns the tagger left unlabelled."""
        out = [e for e in self.doc.ents if e.label_ in _MISLABELS]
        arr = self.doc.to_array([ENT_TYPE, POS])
        proper = [int(i) for i in numpy.nonzero((arr[:, 0] == 0) & (arr[:, 1] == PROPN))[0]] if len(arr) else []
        run: list[int] = []
        for i in [*proper, -2]:  # runs of consecutive unlabelled proper nouns, read from the arrays
            if i >= 0 and self.doc[i].text[:1].isupper() and (not run or run[-1] == i - 1):
                run.append(i)
                continue
            if len(run) >= 2:
                out.append(self.doc[run[0]:run[-1] + 1])
            run = [i] if i >= 0 and self.doc[i].text[:1].isupper() else []
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
            after = self.doc[sub.end:sub.end + 2]
            if len(after) == 2 and after[0].tag_ == "POS" and after[1].pos_ == "PROPN" and after[1].text[:1].isupper():
                continue  # the owner of the name after it: "Qualcomm Inc.'s Cristiano Amon"
            placeish = span.label_ in ("GPE", "LOC", "FAC") if isinstance(span, Span) and span.label_ else False
            evidence = (
                name.split()[-1] in surnames and not placeish
                or titled and 2 <= len(words) <= 3
                or root.dep_ == "appos" and (head.lower_ in office_words or head.dep_ == "pobj"
                                             and head.head.head.lower_ in office_words)
                or root.dep_ == "conj" and head.i in person_toks and len(words) >= 2
                # "Stephen Schwarzman and Qualcomm Inc.'s Cristiano Amon", parsed as an apposition
                or root.dep_ == "appos" and head.i in person_toks and len(words) >= 2 and sub.start > 0
                and self.doc[sub.start - 1].tag_ == "POS"
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
            for w in _name_keys(full):
                words.setdefault(w, set()).add(self._canonical_person(full, 0, full_names))
        for name, actor in self.persons.items():
            # a surname the article never completes, known to be a person by a title ("President Trump"): its
            # other mentions are that person, whatever their label ("Trump" as an organisation)
            if " " not in name and actor.titles and name[:1].isupper() and not name.isupper():
                words.setdefault(name, set()).add(name)
        for i in self._token_indices(ORTH, set(words)):
            tok = self.doc[int(i)]
            if tok.i in self._token_actor or tok.ent_type_ in ("DATE", "TIME") or not (
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
            self._token_actor[tok.i] = mention
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

    def title_of(self, span: Span) -> str | None:
        """The title the article gives the person named by `span` at this mention ("Chinese Foreign Minister",
        "vice chairman of China's Central Military Commission"), or None when the words around the name hold
        no office (a kinship, a trade, a relative clause)."""
        best = self._best_reading(self.read_titles(span))
        return best.text if best is not None and best.office else None

    @staticmethod
    def _best_reading(readings: list[TitleReading]) -> TitleReading | None:
        """An office over a mere description, one that says whose office over a bare rank ("Prince" vs "Saudi
        crown prince"); the first of equals."""
        best: TitleReading | None = None
        for r in readings:
            if best is None or (r.office, r.country is not None) > (best.office, best.country is not None):
                best = r
        return best

    def read_titles(self, span: Span) -> list[TitleReading]:
        """Every title reading around one mention: the words before the name ("Turkish President"), the noun the
        name is in apposition to ("the Turkish defence minister, Hulusi Akar"), the apposition after it ("X, vice
        chairman of ..."), and what the sentence predicates of the person ("X became the first British foreign
        secretary", "As president of Iraq, X ...")."""
        doc = self.doc
        head = span.root
        # (words, whether a reading that names no office may still give a nationality: "the German woman, X")
        ranges: list[tuple[list[Token], bool]] = [(self._left_title_tokens(span.start), True)]
        gov = head.head
        if head.dep_ == "appos":
            while gov.ent_type_ in ("GPE", "LOC", "ORG") and gov.dep_ == "pobj" and gov.head.dep_ == "prep" and \
                    gov.head.head.pos_ in ("NOUN", "PROPN") and gov.head.head.i < gov.i:
                gov = gov.head.head  # "the US special envoy for Syria, James Jeffrey": the envoy, not Syria
        if head.dep_ == "appos" and gov.i < span.start and (gov.pos_ == "NOUN" or gov.lower_ in self.lex.title_words) \
                and gov.i not in self._person_toks and gov.ent_type_ not in ("GPE", "LOC"):
            ranges.append((list(doc[gov.left_edge.i:span.start]), True))
        if span.start >= 2 and doc[span.start - 1].text == "," and span.end < len(doc) and (
                doc[span.end].is_punct or doc[span.end].pos_ == "CCONJ" or doc[span.end].lower_ in _RELATIVE):
            # the parse missed the apposition ("between Trump and the North Korean leader, Kim Jong-un, and")
            left = self._left_title_tokens(span.start - 1)
            if left and left[-1].lower_ in self.lex.office_heads:
                ranges.append((left, False))
        for child in head.children:
            after = doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(doc) else None
            # not "Trump, Federal Reserve chair Jerome Powell"; an apposition before a verb may be the subject of
            # the next clause ("to Putin, a Turkish presidential source told"): only an office is read there
            if child.dep_ == "appos" and child.i > head.i and child.i not in self._person_toks and (
                    after is None or after.i not in self._person_toks):
                finite = any(t.dep_ in ("acl", "relcl") and t.tag_ in ("VBD", "VBZ", "VBP") and not any(
                    c.lower_ in _RELATIVE for c in t.children) for t in child.subtree)
                ranges.append((list(doc[child.left_edge.i:child.right_edge.i + 1]), any(
                    c.dep_ == "det" for c in child.children) and not finite and (
                    after is None or after.pos_ not in ("VERB", "AUX"))))
        verbs = [head.head] if head.dep_ in ("nsubj", "nsubjpass") else []
        # "X, who became ..." / "John Podesta, who recently succeeded John Kerry as the U.S. climate envoy"
        verbs += [c for c in head.children if c.dep_ == "relcl" and any(
            g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that") for g in c.children)]
        for verb in verbs:
            # "Trump hailed Erdoğan as a strong leader" says what the object is; "Podesta succeeded Kerry as climate
            # envoy" what the subject is
            has_object = verb.lemma_.lower() in self.lex.object_predicate_verbs and any(
                c.dep_ == "dobj" for c in verb.children)
            for c in verb.children:
                if c.dep_ in ("attr", "oprd") and verb.lemma_ in _COPULAS and c.pos_ in ("NOUN", "PROPN"):
                    ranges.append((list(doc[c.left_edge.i:c.right_edge.i + 1]), True))
                elif c.dep_ == "prep" and c.lower_ == "as" and not has_object:
                    # "As president of Iraq, X ...", "X resigned as US envoy"
                    for obj in c.children:
                        if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                            ranges.append((list(doc[obj.left_edge.i:obj.right_edge.i + 1]), True))
        out = []
        for toks, nationality_ok in ranges:
            reading = self._read_title([t for t in toks if not span.start <= t.i < span.end])
            if reading is not None:
                if not reading.public and not nationality_ok:
                    reading.country = None
                out.append(reading)
        return out

    def _left_title_tokens(self, end: int) -> list[Token]:
        """The words that run up to token `end` and can make a title: title words, nationalities, proper and
        common nouns, adjectives, possessives ("Turkey's", "Trump's") and "of" inside an office ("Secretary of
        State"). A determiner, a verb, a pronoun, a date or punctuation ends the run."""
        doc = self.doc
        lo = doc[end - 1].sent.start if end > 0 else 0
        out: list[Token] = []
        i = end - 1
        while i >= lo and len(out) < 8:
            t = doc[i]
            low = t.lower_
            if "\n" in t.whitespace_ or "\n" in t.text or (t.ent_type_ in _NUMERIC_ENTS
                                                           and low not in self.lex.title_words):
                break
            if t.is_punct and not _is_hyphen(t) or t.pos_ == "PRON" or t.i in self._person_toks and (
                    not out or out[-1].tag_ != "POS"):
                break
            if t.pos_ == "DET" or t.pos_ == "ADP":
                # "Secretary of State Mike Pompeo", "Chief of the Defence Staff X"
                inside = out and i > lo and (low == "the" and doc[i - 1].lower_ == "of" or low in ("of", "for") and
                                             doc[i - 1].lower_ in self.lex.office_heads)
                if not inside:
                    break
            elif not (low in self.lex.title_words or low in self.lex.nationalities or t.tag_ == "POS" or _is_hyphen(t)
                      or t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.ent_type_ in ("GPE", "NORP", "ORG")):
                break
            elif out and (out[-1].lower_ in self.lex.nationalities or out[-1].ent_type_ in ("GPE", "NORP")) and not (
                    low in self.lex.title_modifiers or low in self.lex.office_adjectives or t.tag_ == "POS"
                    or t.ent_type_ == out[-1].ent_type_ and t.ent_iob_ in ("B", "I") and out[-1].ent_iob_ == "I"):
                break  # "meeting Turkish president X", "the regime Syrian president X": not part of the title
            out.append(t)
            i -= 1
        out.reverse()
        if out and out[0].ent_iob_ == "I":
            # the run began inside a name ("New York City Mayor", "Save the Children's Syria response director"):
            # the whole name, not the end of it
            first = out[0].i
            while first > lo and doc[first].ent_iob_ == "I":
                first -= 1
            if doc[first].ent_iob_ == "B" and not any("\n" in t.text_with_ws for t in doc[first:out[0].i]):
                out = list(doc[first:out[0].i]) + out
        return out

    def _read_title(self, toks: list[Token]) -> TitleReading | None:
        """One title from the words of one candidate: cut at the first word that cannot continue a title (a
        comma, a bracket, a relative pronoun, a verb, another person's name), drop evaluations and ages ("the
        volatile", "12-year-old"), keep the complements that name an office's body ("of the SDF", "to Iran's
        supreme leader") and at most 10 words. The head must be an office word for the reading to be an office."""
        lex = self.lex
        k = 0
        while k < len(toks) and (toks[k].pos_ in ("DET", "PRON") or toks[k].pos_ in _LEADING_POS and
                                 toks[k].lower_ not in lex.title_words or toks[k].is_punct or toks[k].tag_ == "POS"
                                 or toks[k].pos_ == "NUM" or toks[k].ent_type_ in _NUMERIC_ENTS):
            k += 1
        kept: list[Token] = []
        owner: int | None = None
        cut_person: Token | None = None
        in_pp = False
        dangling = False  # the words stop inside a coordination or a name the complement goes on with
        toks = toks[k:]
        for j, t in enumerate(toks):
            low = t.lower_
            if t.i in self._person_toks:
                run_end = j
                while run_end + 1 < len(toks) and toks[run_end + 1].i in self._person_toks:
                    run_end += 1
                if not in_pp and run_end + 1 < len(toks) and toks[run_end + 1].tag_ == "POS":
                    owner = t.i  # "Trump's national security adviser"
                    kept.append(t)
                    continue
                cut_person = t
                break
            hyphenated = (j > 0 and _is_hyphen(toks[j - 1])) or (j + 1 < len(toks) and _is_hyphen(toks[j + 1]))
            if in_pp and t.text == "/" and not t.whitespace_:
                dangling = True  # "head of the United Nations al-Qaeda/[Taliban monitoring team]"
                break
            if (t.is_punct and not _is_hyphen(t)) or t.is_space or low in _RELATIVE or \
                    t.pos_ in ("VERB", "AUX") and low not in lex.title_words and low not in lex.office_adjectives \
                    and not hyphenated and not (t.dep_ == "amod" and not in_pp) or \
                    t.pos_ == "ADV" and low not in lex.title_words and not hyphenated or \
                    t.pos_ == "PART" and low == "to" or t.pos_ == "SCONJ" and t.dep_ != "prep":
                break
            if t.pos_ == "CCONJ":
                # "deputy prime minister and government spokesman", "leader of the movement and father of ...": one
                # office is the title; "director of the terrorism and counter-terrorism programme" is one
                nxt = next((x for x in toks[j + 1:] if x.pos_ != "DET"), None)
                if in_pp and nxt is None:
                    dangling = True  # the parse left the second conjunct out: "of the Middle East and [north ...]"
                    break
                if not in_pp or nxt is None or nxt.lower_ in lex.title_words or nxt.lower_ in lex.kinship or \
                        low != "and" or t.head.lower_ in lex.office_heads or t.head.i < toks[0].i:
                    break
            if t.pos_ == "ADP" and t.dep_ in ("prep", "agent"):
                in_pp = True
            kept.append(t)
        # a coordination cut short ("head of the Middle East and [north Africa programme]"): its complement is a
        # fragment of a name
        dangling = dangling or bool(kept) and kept[-1].pos_ == "CCONJ"
        split = next((j for j, t in enumerate(kept) if t.pos_ == "ADP" and t.dep_ in ("prep", "agent")), len(kept))
        pre = self._clean_premodifiers(kept[:split])
        if not pre or len(pre) > 7:
            return None
        head = pre[-1]
        office = head.lower_ in lex.office_heads
        chunks: list[list[Token]] = []
        if office:
            for t in kept[split:]:
                if t.pos_ == "ADP" and t.dep_ in ("prep", "agent"):
                    chunks.append([t])
                else:
                    chunks[-1].append(t)
            if dangling and chunks:
                chunks.pop()
            chunks = self._office_complements(chunks, head, cut_person)
            if cut_person is not None and split < len(kept):
                owner = cut_person.i  # "foreign policy aide to Ayatollah Ali Khamenei", "adviser to President X"
        words = pre + [t for c in chunks for t in c]
        # at most 10 words, and never part of a name ("director at the International Centre for the Study [of
        # Radicalisation]"): a complement cut inside a name goes whole
        while chunks and (_title_length(words) > 10 or self._cut_in_name(words[-1])):
            chunks.pop()
            words = pre + [t for c in chunks for t in c]
        text = "".join(t.text_with_ws for t in words).strip()
        if not text or _title_length(words) > 10:
            return None
        # the words as written, possessive and all: "Zimbabwe's Robert Mugabe" names his country
        country = self._country_of_title(kept[:split], chunks, head, office)
        if country is None and office:
            low = text.lower().replace("\u2019", "'")
            country = next((c for phrase, c in lex.office_countries.items() if low.endswith(phrase)), None)
        if owner is not None and not (office and head.lower_ not in lex.counterpart_heads
                                      or head.lower_ in lex.succession_heads):
            owner = None  # "Foley's mother" or "Trump's counterpart" says nothing of the country
        low_head = head.lower_
        # a relation ("his Russian counterpart") or an evaluation ("Syria's dictator") names no office: its
        # nationality still tells the country, but it is never a title
        if low_head in lex.counterpart_heads or low_head in lex.succession_heads:
            return TitleReading(text, False, country, owner, public=office)
        if low_head in lex.evaluations:
            return TitleReading(text, False, country, owner, public=True, description=True)
        if office and not chunks and low_head in lex.generic_heads and head.is_lower and all(
                t.lower_ in lex.vague_modifiers or _is_hyphen(t) for t in pre[:-1]):
            # "its head", "a spokesman", "the former director": says nothing of whose office it is
            found = self._possessive_owner(head)
            if found is None:
                return TitleReading(text, False, country, owner, public=True, description=True)
            owner_name, owner_country = found
            text = f"{text} of {owner_name}"
            country = country or owner_country
        return TitleReading(text, office, country, owner, public=office)

    def _cut_in_name(self, last: Token) -> bool:
        """The last word of a title is inside a name or a compound that goes on after it ("the International Centre
        for the Study" of "... Study of Radicalisation")."""
        nxt = last.i + 1
        return nxt < len(self.doc) and (bool(last.ent_type_) and self.doc[nxt].ent_iob_ == "I"
                                        or _is_hyphen(self.doc[nxt]))  # "... and Non[-proliferation]"

    def _possessive_owner(self, head: Token) -> tuple[str, str | None] | None:
        """The body or country that "its" before an office points back at ("the Democratic Union party (PYD), the
        YPG's political wing, ... has hosted its head"), with the country it is: the nearest noun phrase before it
        (in its sentence or the one before), read through appositions. None when that phrase is anything else
        (a common noun, a person, a group of people): completing the title would then be a guess."""
        doc = self.doc
        poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "its"), None)
        if poss is None:
            return None
        sent = poss.sent
        lo = doc[sent.start - 1].sent.start if sent.start > 0 else 0
        for i in range(poss.i - 1, lo - 1, -1):
            t = doc[i]
            if t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("compound", "poss", "amod", "nmod") or \
                    i + 1 < len(doc) and doc[i + 1].tag_ == "POS" or t.ent_iob_ == "I" and i + 1 < len(doc) and \
                    doc[i + 1].ent_iob_ == "I":
                continue  # a modifier or a word inside a name, not the head of a noun phrase
            while t.dep_ == "appos" and t.head.i < t.i:
                t = t.head  # "the X party (PYD), the YPG's political wing": the party
            ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            if ent is None and t.lower_ in self.lex.org_words and any(
                    c.dep_ == "compound" and c.ent_type_ == "ORG" for c in t.children):
                ent = Span(doc, t.left_edge.i, t.i + 1, label="ORG")  # "the [Georgian Labour] party"
            if ent is None or t.i in self._person_toks:
                return None
            name = ent.text.strip()
            low = _strip_article(name).lower()
            if ent.label_ == "ORG" and low not in self.lex.media and low not in self.lex.institutions and \
                    low.split()[-1] not in self.lex.venue_words:
                if ent.start > 0 and doc[ent.start - 1].lower_ == "the":
                    name = f"the {name}"
                if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
                    name = f"{name} ({doc[ent.end + 1].text})"  # "the Democratic Union party (PYD)"
                return name, None
            place = self.gaz.lookup(_strip_article(name)) if ent.label_ == "GPE" else None
            if place is not None and place.kind == "country":
                return name, place.country_code
            return None
        return None

    def _clean_premodifiers(self, pre: list[Token]) -> list[Token]:
        """The words before an office's head without evaluations, ages and ordinals ("Turkey's arrogant leader",
        "the first British foreign secretary", "12-year-old son"), courtesy honorifics, and trailing name parts or
        honorifics the tagger left out of the name ("Israeli Prime Minister Benjamin", "supreme leader Ayatollah")."""
        lex = self.lex
        groups: list[list[Token]] = []
        for t in pre:
            if groups and not groups[-1][-1].whitespace_ and (_is_hyphen(t) or _is_hyphen(groups[-1][-1])):
                groups[-1].append(t)
            else:
                groups.append([t])
        out: list[Token] = []
        for g, group in enumerate(groups):
            words = [t for t in group if not _is_hyphen(t)]
            if not words:
                continue
            last = words[-1]
            low = last.lower_
            known = low in lex.title_words or low in lex.nationalities or low in lex.office_adjectives
            if any(t.pos_ == "NUM" or t.text[:1].isdigit() for t in group) or last.lower_ in lex.courtesy or (
                    last.is_lower and last.pos_ in ("ADJ", "VERB") and not known) or (
                    g + 1 < len(groups) and low in lex.evaluations):
                continue  # "the strongman ruler of X", "its veteran leader": an evaluation before the office
            if low in _ORDINALS and g + 1 < len(groups) and groups[g + 1][0].lower_ not in lex.ordinal_offices:
                continue  # "the first British foreign secretary to visit", "the first permanent president"; not
                # "first lady"
            out.extend(group)
        while out and (out[0].tag_ == "POS" or out[0].is_punct):
            out.pop(0)
        while out and (out[-1].tag_ == "POS" or out[-1].is_punct):
            out.pop()
        if any(t.lower_ in lex.office_heads for t in out[:-1]):
            while len(out) > 1 and (out[-1].pos_ == "PROPN" and out[-1].lower_ not in lex.title_words
                                    and out[-1].lower_ not in lex.nationalities and out[-1].ent_type_ not in (
                                        "GPE", "NORP", "ORG") or _honorific_after_office(out, lex)):
                out.pop()
        return out

    def _office_complements(self, chunks: list[list[Token]], head: Token, cut_person: Token | None
                            ) -> list[list[Token]]:
        """The prepositional complements that name the body or the person an office serves ("of the political
        wing of the SDF", "to Iran's supreme leader"); the first that reads as a description ("of a modern
        Islamist revival") or a time ("from 2003 to 2008") ends the title."""
        out: list[list[Token]] = []
        for chunk in chunks:
            obj = chunk[1:]
            if chunk[0].lower_ not in _TITLE_PREPS or not obj or obj[0].lower_ in ("a", "an") or any(
                    t.ent_type_ in _NUMERIC_ENTS or t.like_num for t in obj) or not any(
                    t.pos_ in ("NOUN", "PROPN") for t in obj):
                break
            out.append(chunk)
        if out and cut_person is not None and out[-1][-1].i + 1 == cut_person.i:
            last = out[-1]
            while len(last) > 2 and _honorific_after_office(last, self.lex):
                last.pop()  # "advisor to Iran's supreme leader Ayatollah [Ali Khamenei]"
            if all(t.lower_ in self.lex.honorifics or t.pos_ in ("ADP", "DET") for t in last):
                out.pop()  # "aide to Ayatollah [Ali Khamenei]": the person is the owner, not part of the title
        while out and out[-1] and (out[-1][-1].pos_ in ("DET", "CCONJ", "ADP", "PUNCT") or _is_hyphen(out[-1][-1])):
            out[-1].pop()
            if len(out[-1]) < 2:
                out.pop()
        return out

    def _country_of_title(self, pre: list[Token], chunks: list[list[Token]], head: Token, office: bool
                          ) -> str | None:
        """The state an office belongs to: a nationality, a country or a state institution before its head
        ("Turkish president", "Turkey's president", "Kremlin spokesman"); in an "of" complement ("president of
        Turkey"); in another complement only as the owner of an office or body ("adviser to Iran's supreme
        leader"), and never for an envoy's posting ("the US envoy to Syria" is American)."""
        accredited = head.lower_ in self.lex.accredited_heads
        # a country's name before a posting or a trade is its subject ("the UN Syria envoy", "a Lebanon
        # researcher"); before another office, its owner ("the Russia counterpart")
        code = self._country_in_tokens(pre, possessive_only=False, names=office and not accredited)
        if code or not office:
            return code
        for chunk in chunks:
            if chunk[0].lower_ == "of":
                code = self._country_in_tokens(chunk[1:], possessive_only=False)
            elif not accredited:
                code = self._country_in_tokens(chunk[1:], possessive_only=True)
            if code:
                return code
        return None

    def _country_in_tokens(self, toks: list[Token], possessive_only: bool, names: bool = True) -> str | None:
        """A nationality, country or state institution among `toks`; with possessive_only, one that owns an
        office or a body in them ("Iran's supreme leader", "the Iranian supreme leader"). A word joined by a
        hyphen ("Britain-based", "US-backed") says where, not whose."""
        text = " ".join(t.lower_ for t in toks).replace("\u2019", "'")
        for name, code in self.lex.institutions.items():
            if code and re.search(rf"\b{re.escape(name)}\b", text):
                return code
        j = 0
        while j < len(toks):
            t = toks[j]
            end = j  # last token of the name read at j
            code = None
            low = t.lower_
            adjective = True  # a nationality ("Turkish", "US"), not a country's name
            if not t.text[:1].isupper():
                pass  # "us" the pronoun, "british" in a lower-case headline word: no nationality
            elif j + 1 < len(toks) and f"{low} {toks[j + 1].lower_}" in self.lex.nationalities:
                code, end = self.lex.nationalities[f"{low} {toks[j + 1].lower_}"], j + 1
            elif low in self.lex.nationalities:
                code = self.lex.nationalities[low]
            elif t.ent_type_ == "GPE" or t.pos_ == "PROPN":
                while end + 1 < len(toks) and toks[end + 1].ent_iob_ == "I" and toks[end + 1].ent_type_:
                    end += 1  # "Saudi Arabia", "United States"
                name = " ".join(x.text for x in toks[j:end + 1])
                adjective = False
                place = self.gaz.lookup(name)
                possessive = end + 1 < len(toks) and toks[end + 1].tag_ == "POS"
                if place is not None and place.kind == "country":
                    code = place.country_code
                elif possessive:
                    code = self.gaz.capital_country(name)  # "Moscow's ambassador"
            hyphenated = end + 1 < len(toks) and _is_hyphen(toks[end + 1]) or j and _is_hyphen(toks[j - 1])
            rest = toks[end + 1:]
            if code and not hyphenated and (names or adjective or rest and rest[0].tag_ == "POS"):
                owns = adjective or bool(rest) and rest[0].tag_ == "POS"
                if not possessive_only or owns and any(
                        x.lower_ in self.lex.office_heads or x.lower_ in self.lex.government_nouns
                        or x.lower_ in self.lex.org_words for x in rest):
                    return code
            j = end + 1
        return None

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
            titles = " ".join([*actor.titles, *actor.descriptions]).lower()  # "the dictator" too
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
