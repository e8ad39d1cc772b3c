"""Words and small helpers over the dependency parse that every stage of event extraction shares."""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Doc, Span, Token

from etl.dates import MONTHS, WEEKDAYS
from etl.dates import NUMBERS as NUMBER_WORDS

# prepositions that frame a clause by an exchange ("on a visit to", "during talks with", "in a call with")
ADJUNCT_PREPS = frozenset({"on", "during", "in", "at", "after", "following", "before", "amid"})
REMOTE_MODES = {"phone", "video"}

WEEKDAY_NAMES = set(WEEKDAYS)

FINAL_PUNCT = tuple(".!?\"'”’)»:;")

TEMPORAL_PREPS = {"after", "before", "during", "since", "following", "at", "on", "in", "amid", "despite", "ahead",
                   "prior", "until", "as", "when", "while", "by", "like", "than", "from"}

PLACE_PREPS = {"in", "at", "inside", "near", "outside"}

DEST_PREPS = {"to", "for", "into"}

DAY_WORDS = {"day", "morning", "afternoon", "evening", "night"}

PRONOUN_PAIRS = {"they", "them", "their", "both", "we", "us", "our"}

SINGULAR_PRONOUNS = {"he", "she", "him", "his", "her"}

FIRST_PERSON = {"i", "me", "my"}  # in a quotation: whoever says it

COURTESY = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}  # not a title of office

SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"“‘(]?[A-Z]")

CAPTION_MAX = 400  # a caption is a line of its own; a marker inside a long one-line article is no caption

TIME_CLAUSE_MARKS = {"when", "while", "as", "after", "since", "because", "once", "whereas"}

MODALS_HYPO = {"could", "might", "may", "should", "can", "must"}

# a TIME entity that still names a day: "this evening", "tonight", "last night", "Thursday morning"
DAY_TIME = re.compile(r"(?i)^(?:earlier |later )?(?:this|tonight|last night|yesterday|today|overnight|"
                       r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:the )?(?:last|past) \w+ hours|"
                       r"in the (?:week|month))\b")



_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(d.lower() for d in calendar.day_abbr)


def trim_dates_before_names(doc: Doc) -> None:
    """"On July 3, Rubio held talks": the entity recognizer may run a date on into the name after its comma ("July 3,
    Rubio" one DATE), which hides the name from everything that reads people. The date ends at the comma."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ not in ("DATE", "TIME") or len(ent) < 3:
            continue
        comma = next((t.i for t in ent if t.text == "," and t.i > ent.start), None)
        if comma is None:
            continue
        rest = doc[comma + 1:ent.end]
        if rest and all(t.pos_ == "PROPN" and t.lower_.rstrip(".") not in _CALENDAR_WORDS for t in rest):
            ents[n] = Span(doc, ent.start, comma, label=ent.label_)
            changed = True
    if changed:
        doc.ents = ents


def ent_span(tok: Token) -> Span | None:
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



def strip_the(text: str) -> str:
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    return text[4:] if text.lower().startswith("the ") else text



def each_other(tok: Token) -> bool:
    """'each other', 'one another', however the parser hangs the two words."""
    return tok.lower_ in ("other", "another") and any(d.lower_ in ("each", "one") for d in tok.children) or \
        tok.lower_ == "each" and any(d.lower_ == "other" for d in tok.children)


def pobjs(prep: Token) -> list[Token]:
    """Objects of a preposition. The parser sometimes hangs the names after 'between'/'with' on the next verb
    ("the call between Trump and Erdoğan show ..."): then the noun phrase right after the preposition."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    # "spoke separately with Duterte and with Ghani": the second "with" is a conjunct of the first
    objs += [o for cj in prep.conjuncts if cj.i > prep.i and cj.lower_ == prep.lower_ for o in cj.children
             if o.dep_ == "pobj"]
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
    if any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in prep.children):
        return []  # "will visit Beijing, with Blinken following in the coming weeks": a circumstance, not a partner
    tok = prep.doc[prep.i + 1]
    while tok.dep_ in ("det", "amod", "compound", "nmod", "poss", "case") and tok.head.i > tok.i and \
            tok.head.i - prep.i <= 6 and not (tok.dep_ == "nmod" and tok.head.pos_ == "VERB"):
        tok = tok.head
    return [tok] if tok.pos_ in ("PROPN", "NOUN", "PRON") else []



def framed_verb(trig: Token) -> Token | None:
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



def path_to_roots(tok: Token, ids: set[int]) -> list[Token]:
    """The tokens from `tok` up to (not including) the root (of the token indices `ids`) it hangs under."""
    path = []
    node = tok
    for _ in range(12):
        if node.i in ids or node.head.i == node.i:
            break
        path.append(node)
        node = node.head
    return path



def relative_offset(trig: Token) -> tuple[int, int]:
    """(days, months) to add to the date told beside 'N days/weeks/months after/before <trigger>': -N after, +N
    before; (0, 0) when there is no such phrase."""
    marks = [trig.head] if trig.dep_ in ("pobj", "pcomp") else list(trig.children)
    if trig.dep_ in ("nsubj", "nsubjpass") and trig.head.dep_ == "advcl":
        # "on Thursday, two months after his summit with Trump ended": the clause the trigger is the subject of
        marks += [c for c in trig.head.children if c.dep_ == "mark"]
    for c in marks:
        if c.dep_ not in ("mark", "prep") or c.lower_ not in ("after", "before"):
            continue
        if c.dep_ == "prep" and c.head.i == trig.i and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            # "met Putin on Monday, a week after meeting Rouhani": the phrase dates the other happening from
            # this one's day, not this one
            continue
        # the duration hangs on the conjunction ("two months after") or, as often, on the verb it introduces
        durations = list(c.children) + ([s for s in c.head.children if s.i < c.i] if c.dep_ == "mark" else [])
        for dur in durations:
            unit = dur.lemma_.lower()
            if dur.dep_ != "npadvmod" or unit not in ("day", "week", "month"):
                continue
            num = next((n for n in dur.children if n.dep_ == "nummod"), None)
            n = NUMBER_WORDS.get(num.lower_) if num is not None else 1
            if num is not None and num.text.isdigit():
                n = int(num.text)
            if n:
                n = -n if c.lower_ == "after" else n
                return (0, n) if unit == "month" else (n * 7 if unit == "week" else n, 0)
    return 0, 0



# ------------------------------------------------------------------ attachments and issues
@staticmethod
def attachable(trig: Token) -> bool:
    """'the call', 'that meeting': a bare definite noun that refers back to an exchange told before."""
    if trig.pos_ == "VERB":
        return False
    dets = [c for c in trig.children if c.dep_ == "det"]
    mods = [c for c in trig.children if c.dep_ in ("amod", "compound", "poss", "nummod")]
    return bool(dets) and dets[0].lower_ in ("the", "this", "that") and not mods



def is_org_token(tok: Token) -> bool:
    return tok.ent_type_ in ("ORG", "FAC", "GPE") or tok.pos_ == "NOUN" and tok.ent_type_ == ""


def sentence_bounds(sent: Span, trig: Token, text: str) -> tuple[int, int]:
    """The sentence, cut at line breaks: a headline the parser ran into the first sentence is not part of it.
    `text` is the doc's text (Doc.text joins every token anew: read it once per article)."""
    line_start = text.rfind("\n", 0, trig.idx) + 1
    line_end = text.find("\n", trig.idx)
    line_end = len(text) if line_end < 0 else line_end
    def inside(t: Token) -> bool:
        return not t.is_space and t.idx >= line_start and t.idx + len(t.text) <= line_end

    # The first and the last token inside the line, looked for from each end (a sentence is read per trigger).
    first = next((t for t in sent if inside(t)), None)
    if first is None:
        return sent.start_char, sent.end_char
    last = next(sent[k] for k in range(len(sent) - 1, -1, -1) if inside(sent[k]))
    return first.idx, last.idx + len(last.text)

