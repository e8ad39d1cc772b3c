"""The issue taxonomy (topics of international affairs) and its phrase matcher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from etl.lexicon import load_lexicon


@dataclass(frozen=True)
class Issue:
    code: str
    label: str
    parent: str | None
    patterns: tuple[str, ...]


class IssueTaxonomy:
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = {i.code: i for i in issues}

    @classmethod
    def load(cls, lexicon_dir: str | Path | None = None) -> IssueTaxonomy:
        data = load_lexicon("issues.toml", lexicon_dir)
        issues = [
            Issue(code=d["code"], label=d.get("label", d["code"]), parent=d.get("parent") or None,
                  patterns=tuple(d.get("patterns", ())))
            for d in data.get("issue", [])
        ]
        return cls(issues)

    def phrase_matcher(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for issue in self.issues.values():
            if issue.patterns:
                # make_doc only tokenizes: cheap, and LOWER needs nothing more
                matcher.add(issue.code, [nlp.make_doc(p) for p in issue.patterns])
        return matcher

    def hits(self, doc: Doc, matcher: PhraseMatcher) -> list[list]:
        """[code, start_char, end_char] of every match, longest match winning where matches overlap."""
        spans = matcher(doc, as_spans=True)
        spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
        out: list[list] = []
        last_end = -1
        for span in spans:
            if span.start < last_end:
                continue
            out.append([span.label_, span.start_char, span.end_char])
            last_end = span.end
        return out
