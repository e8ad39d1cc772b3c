"""spaCy factories of the project: the issue matcher and the CONSULT event extractor.

Everything these components store on a Doc is plain msgpack-serialisable data (lists, dicts, str, int, float),
because with n_process > 1 docs travel between processes through Doc.to_bytes.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from etl.consult import ConsultExtractor
from etl.issue_taxonomy import IssueTaxonomy

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
