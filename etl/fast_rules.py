"""Faster equivalents of the stock model's two rule components, with identical output.

The stock `attribute_ruler` runs a spaCy Matcher whose 179 patterns are mostly Python-level predicates (IN
sets, regular expressions) tried on every token; the stock rule `lemmatizer` looks candidate lemmas up in
word lists of up to 57,000 entries, linearly. Together they cost about a fifth of the pipeline's time. These
versions apply exactly the same patterns and lemma rules (they are compiled from the stock components at load
time, and `tests/test_fast_rules.py` checks token by token that the annotations are the same), but set the
tag -> POS map as whole arrays, index the exception patterns by their most selective condition, and look
lemmas up in sets, once per distinct (form, part of speech, morphology).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs


@dataclass
class _Pattern:
    order: int  # the stock ruler's attribute id: later patterns take precedence
    tokens: list[dict[str, Any]]
    attrs: dict[Any, Any]
    index: int


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # re's own cache is looked up on every call, half a million times a load


def _holds(condition: Any, value: Any) -> bool:
    """One Matcher token condition, as spaCy's Matcher evaluates it."""
    if isinstance(condition, dict):
        for op, arg in condition.items():
            if op == "IN" and value not in arg:
                return False
            if op == "NOT_IN" and value in arg:
                return False
            if op == "REGEX" and not _regex(arg).search(value):
                return False
        return True
    return bool(condition == value)


class FastAttributeRuler:
    """The stock attribute ruler's patterns, indexed by the first token's most selective exact condition."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, Any], list[_Pattern]] = defaultdict(list)
        self.always: list[_Pattern] = []
        # The tag -> POS and morphology map: patterns on the tag alone, set on every token as whole arrays.
        self.by_tag: dict[str, list[_Pattern]] = defaultdict(list)
        self.tag_values: dict[str, tuple[int | None, int | None]] = {}

    def compile_from(self, stock: Any) -> None:
        for order, (spec, attrs, index) in enumerate(zip(stock.patterns, stock.attrs, stock.indices, strict=True)):
            for alternative in spec["patterns"]:
                pattern = _Pattern(order, [dict(t) for t in alternative], attrs, index)
                first = alternative[0]
                if (len(alternative) == 1 and set(first) == {"TAG"} and isinstance(first["TAG"], str)
                        and set(attrs) <= {POS, MORPH}):
                    self.by_tag[first["TAG"]].append(pattern)
                    pos, morph = self.tag_values.get(first["TAG"], (None, None))
                    self.tag_values[first["TAG"]] = (attrs.get(POS, pos), attrs.get(MORPH, morph))
                    continue
                for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):
                    condition = alternative[0].get(key)
                    if isinstance(condition, str | bool):
                        self.index[(key, condition)].append(pattern)
                        break
                    if isinstance(condition, dict) and set(condition) == {"IN"}:
                        for value in condition["IN"]:
                            self.index[(key, value)].append(pattern)
                        break
                else:
                    self.always.append(pattern)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        strings = doc.vocab.strings
        ids = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        names: dict[int, str] = {}

        def name(value: int) -> str:
            if value not in names:
                names[value] = strings[value] if value else ""
            return names[value]

        values = {
            "TAG": [name(int(v)) for v in ids[:, 0]],
            "LOWER": [name(int(v)) for v in ids[:, 1]],
            "DEP": [name(int(v)) for v in ids[:, 2]],
            "IS_SPACE": [bool(v) for v in ids[:, 3]],
        }
        index = self.index
        matches: list[tuple[int, int, _Pattern]] = []
        for start in range(n):
            candidates = [*self.always]
            for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):
                candidates.extend(index.get((key, values[key][start]), ()))
            for pattern in candidates:
                if start + len(pattern.tokens) > n:
                    continue
                if all(_holds(cond, values[key][start + offset])
                       for offset, token in enumerate(pattern.tokens) for key, cond in token.items()):
                    target = start + (pattern.index if pattern.index >= 0 else len(pattern.tokens) + pattern.index)
                    matches.append((pattern.order, target, pattern))
        self._set_tag_values(doc, values["TAG"])
        # Tokens an exception matched get every matching rule again, in rule order, as the stock ruler does
        # (all matches are found on the doc as it came in, then applied; later rules win).
        for target in sorted({t for _o, t, _p in matches}):
            for pattern in self.by_tag.get(values["TAG"][target], ()):
                matches.append((pattern.order, target, pattern))
        matches.sort(key=lambda m: (m[0], m[1]))
        for _order, target, pattern in matches:
            set_token_attrs(doc[target], pattern.attrs)
        return doc

    def _set_tag_values(self, doc: Doc, tags: list[str]) -> None:
        current = doc.to_array([POS, MORPH])
        for i, tag in enumerate(tags):
            pos, morph = self.tag_values.get(tag, (None, None))
            if pos is not None:
                current[i, 0] = pos
            if morph is not None:
                current[i, 1] = morph
        doc.from_array([POS, MORPH], current)


class FastLemmatizer:
    """The stock rule lemmatizer, called once per distinct (form, POS, morphology) instead of per token."""

    def __init__(self) -> None:
        self.stock: Any = None
        self.cache: dict[tuple[int, int, int], int] = {}

    def compile_from(self, stock: Any) -> None:
        self.stock = stock
        # The stock rule lemmatizer asks `form in index` of word lists up to 57,000 long, per token; the same
        # words as frozensets answer the same question in constant time.
        index_table = stock.lookups.get_table("lemma_index", {})
        for key in list(index_table.keys()):
            index_table[key] = frozenset(index_table[key])

    def __call__(self, doc: Doc) -> Doc:
        if self.stock is None or len(doc) == 0:
            return doc
        keys = doc.to_array([ORTH, POS, MORPH])
        lemmas = doc.to_array([LEMMA]).reshape(len(doc))
        overwrite = bool(getattr(self.stock, "overwrite", False))
        strings = doc.vocab.strings
        for i in range(len(doc)):
            if lemmas[i] and not overwrite:
                continue  # set by the attribute ruler: the stock lemmatizer keeps it too
            key = (int(keys[i, 0]), int(keys[i, 1]), int(keys[i, 2]))
            lemma = self.cache.get(key)
            if lemma is None:
                lemma = strings.add(self.stock.lemmatize(doc[i])[0])
                self.cache[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(len(doc), 1).astype(numpy.uint64))
        return doc


@Language.factory("eventdb_fast_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler()


@Language.factory("eventdb_fast_lemmatizer")
def make_fast_lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer()


def speed_up_rule_components(nlp: Language) -> None:
    """Swap the stock attribute ruler and rule lemmatizer for their compiled equivalents, where present."""
    if "attribute_ruler" in nlp.pipe_names:
        stock = nlp.get_pipe("attribute_ruler")
        nlp.replace_pipe("attribute_ruler", "eventdb_fast_attribute_ruler").compile_from(stock)
    if "lemmatizer" in nlp.pipe_names:
        stock = nlp.get_pipe("lemmatizer")
        if getattr(stock, "mode", None) == "rule":
            nlp.replace_pipe("lemmatizer", "eventdb_fast_lemmatizer").compile_from(stock)
