"""spaCy factories of the project: the issue matcher and the CONSULT event extractor.

Everything these components store on a Doc is plain msgpack-serialisable data (lists, dicts, str, int, float),
because with n_process > 1 docs travel between processes through Doc.to_bytes.

Two pieces make that travel cheap (`etl.transform` uses both): articles go to `nlp.pipe` as `DatedText` strings,
which the `DatedTokenizer` tokenizes in the worker, setting `doc._.published_at`; and the last component,
`eventdb_results_only`, hands back a Doc that holds nothing but the extractor's results when the load asks
for it. A Doc made in the main process, sent to a worker and returned whole (with its tok2vec tensor, 96
floats a token, and every token's strings) cost a tenth of a load's CPU in serialisation alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IDX, IS_DIGIT, IS_PUNCT, IS_SPACE, IS_TITLE, IS_UPPER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from etl.events.extractor import EventExtractor
from etl.issue_taxonomy import IssueTaxonomy

DATELINE_DASHES = ("—", "–", "--", "-")
# What the load reads from a processed Doc (see ResultsOnly).
RESULT_EXTENSIONS = ("issue_hits", "consult_events")

for _name, _default in (("published_at", None), ("issue_hits", None), ("consult_events", None),
                        ("source_text", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class DatedText(str):
    """An article's text carrying its publication date (ISO string or None) to the `DatedTokenizer`.

    A plain str to everything else; it pickles with its date, so it crosses to nlp.pipe's worker processes.
    """

    published_at: str | None

    def __new__(cls, text: str, published_at: str | None = None) -> DatedText:
        self = super().__new__(cls, text)
        self.published_at = published_at
        return self

    def __reduce__(self) -> tuple[type[DatedText], tuple[str, str | None]]:
        return DatedText, (str(self), self.published_at)


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'"})  # ‘ and ’ to '
_TYPOGRAPHIC_MARKS = re.compile("[\u2018\u2019]")
# What the tokenizer does beyond the model's own (the norms above); a parse cached under another revision is stale
TOKENIZER_REVISION = "dateline-sentences-3"


class DatedTokenizer:
    """The model's tokenizer, which also sets doc._.published_at from a `DatedText` (the extractor resolves
    "on Tuesday" against it). Any other text is tokenized exactly as before, with no publication date. A token
    written with a typographic apostrophe ("O’Brien") gets the norm of the straight one, which the model knows."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        published_at = getattr(text, "published_at", None)
        plain = str(text) if type(text) is not str else text  # the Cython tokenizer wants a str
        doc = self.tokenizer(plain)
        marks = [m.start() for m in _TYPOGRAPHIC_MARKS.finditer(plain)]
        if marks:
            # the tokens holding one, found by offset: a Token object for every token of every article costs a
            # twentieth of a load
            starts = doc.to_array(IDX).tolist()
            for i in sorted({bisect_right(starts, at) - 1 for at in marks}):
                tok = doc[i]
                # "O’Brien": the model learned names with a straight apostrophe and tags this one as no name; it
                # reads a token's norm, so the norm takes the straight one and the text stays as written
                tok.norm_ = tok.norm_.translate(_STRAIGHT)
        if published_at is not None:
            doc._.published_at = published_at
        # the text as given, which Doc.text equals: Doc.text builds it again from a Token object per token
        doc._.source_text = plain
        return doc

    def __getattr__(self, name: str) -> Any:
        # explain, pipe, to_bytes, ... of the wrapped tokenizer (never recurse while unpickling)
        if name == "tokenizer":
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


def use_dated_tokenizer(nlp: Language) -> None:
    """Wrap nlp's tokenizer in a `DatedTokenizer` unless it already is one."""
    if not isinstance(nlp.tokenizer, DatedTokenizer):
        nlp.tokenizer = DatedTokenizer(nlp.tokenizer)


class IssueMatcherComponent:
    """Marks issue-taxonomy phrases: doc._.issue_hits = [[code, start_char, end_char], ...]."""

    def __init__(self, nlp: Language, lexicon_dir: str) -> None:
        self.taxonomy = IssueTaxonomy.load(lexicon_dir or None)
        self.matcher = self.taxonomy.phrase_matcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.issue_hits = self.taxonomy.hits(doc, self.matcher)
        return doc


class ConsultExtractorComponent:
    """Finds CONSULT events: doc._.consult_events = [event dict, ...] (see etl.events)."""

    def __init__(self, nlp: Language, lexicon_dir: str) -> None:
        self.extractor = EventExtractor(lexicon_dir or None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.consult_events = self.extractor.extract(doc)
        return doc


class ResultsOnly:
    """The last component. `nlp(text)` and a plain `nlp.pipe` get the full Doc; with `compact=True` (passed by
    `etl.transform` as `component_cfg`) it returns a new, empty Doc holding only the extensions the load reads.

    With n_process > 1 every Doc is serialised in its worker and rebuilt in the main process; a whole
    annotated article is about 0.6 MB (most of it the tok2vec tensor), the results a few kB.
    """

    def __call__(self, doc: Doc, compact: bool = False) -> Doc:
        if not compact:
            return doc
        results = Doc(doc.vocab)
        for name in RESULT_EXTENSIONS:
            setattr(results._, name, getattr(doc._, name))
        return results


def mark_line_starts(doc: Doc) -> Doc:
    """Sentence boundaries the parser must keep: a token after a line break starts a sentence (so a headline or
    a caption is never parsed into the paragraph below), and within a line a sentence only starts after
    punctuation (the parser, once forced to start a sentence, likes to cut it again after one token)."""
    # Written into the doc in one array: setting Token.is_sent_start one by one re-checks the whole doc
    # for a parse on every call, which is quadratic in the length of the article.
    n = len(doc)
    if n < 2:
        return doc
    # Read as plain lists (a Token object per token, or numpy scalars, cost more than the rest of the loop). A
    # token's trailing whitespace is one space at most: a line break is a space token of its own.
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, IS_SPACE, IS_PUNCT, IS_UPPER, IS_TITLE, IS_DIGIT, SPACY]).tolist()
    texts = [strings[row[0]] for row in columns]
    starts = doc.to_array([SENT_START]).reshape(n).astype(numpy.int64).tolist()  # uint64 holds -1 as 2**64 - 1
    line_start = 0
    for i in range(n - 1):
        _orth, is_space, is_punct, _upper, _title, _digit, spaced = columns[i]
        text = texts[i]
        if is_space and "\n" in text:
            starts[i + 1] = 1
            line_start = i + 1
        elif text in DATELINE_DASHES and 0 < i - line_start <= 6 and all(
                columns[j][3] or columns[j][2] or columns[j][1] for j in range(line_start, i)):
            starts[i + 1] = 1  # a dateline ("HONG KONG —", "ANKARA- Anadolu") is no part of the sentence after it
        elif (text == ":" or text in DATELINE_DASHES and columns[i - 1][6]) and spaced and \
                0 < i - line_start <= 8 and all(any(columns[j][1:6]) for j in range(line_start, i)) and \
                texts[line_start:i].count("(") <= texts[line_start:i].count(")"):  # not "(Agency - 14th June)"
            # So is one in capitalised words, set off by spaces ("Saint Petersburg: ", "Doha, Feb 29: ", "July 27
            # (UPI) — "; not "Jean-Yves"): parsed with the sentence, its place becomes the subject ("Petersburg
            # looked ... as they met") and the sentence's own parties are lost.
            starts[i + 1] = 1
        elif not (is_punct or text.endswith(".") or is_space):
            starts[i + 1] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).reshape(n, 1).astype(numpy.uint64))
    return doc


@Language.component("eventdb_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    return mark_line_starts(doc)


@Language.factory("eventdb_results_only")
def make_results_only(nlp: Language, name: str) -> ResultsOnly:
    return ResultsOnly()


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
