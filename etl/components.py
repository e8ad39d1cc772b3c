"""spaCy factories of the project: the issue matcher and the CONSULT event extractor.

Everything these components store on a Doc is plain msgpack-serialisable data (lists, dicts, str, int, float),
because with n_process > 1 docs travel between processes through Doc.to_bytes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from etl.consult import ConsultExtractor
from etl.issue_taxonomy import IssueTaxonomy

DATELINE_DASHES = ("—", "–", "--", "-")

for _name, _default in (("published_at", None), ("issue_hits", None), ("consult_events", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class IssueMatcherComponent:
    """Marks issue-taxonomy phrases: doc._.issue_hits = [[code, start_char, end_char], ...]."""

    def __init__(self, nlp: Language, lexicon_dir: str) -> None:
        self.taxonomy = IssueTaxonomy.load(lexicon_dir or None)
        self.matcher = self.taxonomy.phrase_matcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.issue_hits = self.taxonomy.hits(doc, self.matcher)
        return doc


class ConsultExtractorComponent:
    """Finds CONSULT events: doc._.consult_events = [event dict, ...] (see etl.consult)."""

    def __init__(self, nlp: Language, lexicon_dir: str) -> None:
        self.extractor = ConsultExtractor(lexicon_dir or None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.consult_events = self.extractor.extract(doc)
        return doc


def mark_line_starts(doc: Doc) -> Doc:
    """Sentence boundaries the parser must keep: a token after a line break starts a sentence (so a headline or
    a caption is never parsed into the paragraph below), and within a line a sentence only starts after
    punctuation (the parser, once forced to start a sentence, likes to cut it again after one token)."""
    line_start = 0
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if tok.is_space and "\n" in tok.text or "\n" in tok.whitespace_:
            nxt.is_sent_start = True
            line_start = i + 1
        elif tok.text in DATELINE_DASHES and 0 < i - line_start <= 6 and all(
                t.is_upper or t.is_punct or t.is_space for t in doc[line_start:i]):
            nxt.is_sent_start = True  # a dateline ("HONG KONG —") is no part of the sentence after it
        elif not (tok.is_punct or tok.text.endswith(".") or tok.is_space):
            nxt.is_sent_start = False
    return doc


@Language.component("eventdb_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    return mark_line_starts(doc)


@Language.factory("eventdb_issue_matcher", default_config={"lexicon_dir": ""})
def make_issue_matcher(nlp: Language, name: str, lexicon_dir: str) -> IssueMatcherComponent:
    return IssueMatcherComponent(nlp, lexicon_dir)


@Language.factory(
    "eventdb_consult_extractor",
    default_config={"lexicon_dir": ""},
    requires=["doc.ents", "token.dep", "token.lemma"],
    assigns=["doc._.consult_events"],
)
def make_consult_extractor(nlp: Language, name: str, lexicon_dir: str) -> ConsultExtractorComponent:
    return ConsultExtractorComponent(nlp, lexicon_dir)
