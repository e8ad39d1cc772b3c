"""spaCy factories of the project: the issue matcher and the CONSULT event extractor.

Everything these components store on a Doc is plain msgpack-serialisable data (lists, dicts, str, int, float),
because with n_process > 1 docs travel between processes through Doc.to_bytes.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_UPPER, SENT_START
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
    # Written into the doc in one array: setting Token.is_sent_start one by one re-checks the whole doc
    # for a parse on every call, which is quadratic in the length of the article.
    n = len(doc)
    if n < 2:
        return doc
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    flags = doc.to_array([IS_SPACE, IS_PUNCT, IS_UPPER])
    starts = doc.to_array([SENT_START]).reshape(n).astype(numpy.int64)  # uint64 holds -1 as 2**64 - 1
    line_start = 0
    for i in range(n - 1):
        is_space, is_punct = flags[i, 0], flags[i, 1]
        text = texts[i]
        if is_space and "\n" in text or "\n" in spaces[i]:
            starts[i + 1] = 1
            line_start = i + 1
        elif text in DATELINE_DASHES and 0 < i - line_start <= 6 and all(
                flags[j, 2] or flags[j, 1] or flags[j, 0] for j in range(line_start, i)):
            starts[i + 1] = 1  # a dateline ("HONG KONG —") is no part of the sentence after it
        elif not (is_punct or text.endswith(".") or is_space):
            starts[i + 1] = -1
    doc.from_array([SENT_START], starts.reshape(n, 1).astype(numpy.uint64))
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
