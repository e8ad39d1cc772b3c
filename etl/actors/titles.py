"""Titles: the office, rank or description around a person's name ("U.S. President", "Turkey's foreign
minister", "the dictator"), kept apart from the name, with the country the office belongs to."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from etl.actors.model import TitleReading

if TYPE_CHECKING:
    from etl.actors.lexicon import ActorLexicon
    from etl.actors.registry import ActorRegistry

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



class TitleReader:
    """Reads titles for the persons of one article's `ActorRegistry`."""

    def __init__(self, registry: ActorRegistry) -> None:
        self.registry = registry
        self.doc = registry.doc
        self.lex = registry.lex
        self.gaz = registry.gaz

    def title_of(self, span: Span) -> str | None:
        """The title the article gives the person named by `span` at this mention ("Chinese Foreign Minister",
        "vice chairman of China's Central Military Commission"), or None when the words around the name hold
        no office (a kinship, a trade, a relative clause)."""
        best = self.best_reading(self.read_titles(span))
        return best.text if best is not None and best.office else None

    @staticmethod
    def best_reading(readings: list[TitleReading]) -> TitleReading | None:
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
                and gov.i not in self.registry.person_toks and gov.ent_type_ not in ("GPE", "LOC"):
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
            if child.dep_ == "appos" and child.i > head.i and child.i not in self.registry.person_toks and (
                    after is None or after.i not in self.registry.person_toks):
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
            reading = self.read_title([t for t in toks if not span.start <= t.i < span.end])
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
            if t.is_punct and not _is_hyphen(t) or t.pos_ == "PRON" or t.i in self.registry.person_toks and (
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

    def read_title(self, toks: list[Token]) -> TitleReading | None:
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
            if t.i in self.registry.person_toks:
                run_end = j
                while run_end + 1 < len(toks) and toks[run_end + 1].i in self.registry.person_toks:
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
            if ent is None or t.i in self.registry.person_toks:
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
