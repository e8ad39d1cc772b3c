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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # of the array __call__ reads


@dataclass
class _Pattern:
    order: int  # the stock ruler's attribute id: later patterns take precedence
    tokens: list[dict[str, Any]]
    attrs: dict[Any, Any]
    index: int
    # (token offset, column, predicate on the token's string id in that column), compiled on first use
    checks: list[tuple[int, int, Callable[[int, Any], bool]]] = field(default_factory=list)


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)  # re's own cache is looked up on every call, half a million times a load


def _value_id(value: str | bool) -> int:
    """The id a token attribute array holds for a pattern value (IS_SPACE holds 0 or 1)."""
    return int(value) if isinstance(value, bool) else get_string_id(value)


def _check(condition: Any) -> Callable[[int, Any], bool]:
    """A Matcher token condition as a predicate on the attribute's string id; a regular expression looks
    the string up, once per distinct id."""
    if isinstance(condition, dict) and "REGEX" in condition:
        seen: dict[int, bool] = {}

        def by_string(value_id: int, strings: Any) -> bool:
            if value_id not in seen:
                seen[value_id] = _holds(condition, strings[value_id] if value_id else "")
            return seen[value_id]
        return by_string
    if isinstance(condition, dict):
        inside = {_value_id(v) for v in condition.get("IN", ())}
        outside = {_value_id(v) for v in condition.get("NOT_IN", ())}
        has_in = "IN" in condition
        return lambda value_id, _strings: (not has_in or value_id in inside) and value_id not in outside
    wanted = _value_id(condition)
    return lambda value_id, _strings: value_id == wanted


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
        self._key_ids: dict[str, numpy.ndarray] | None = None  # string ids of the index's values, by attribute
        self._by_first: dict[tuple[int, int], list[_Pattern]] | None = None  # the index, keyed by (column, id)
        self._always_first: dict[int, bool] = {}  # word id -> may an unindexed pattern start there

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
        if self._by_first is None:
            self._compile_checks()
        strings = doc.vocab.strings
        ids = doc.to_array([TAG, LOWER, DEP, IS_SPACE])
        columns = ids.T.tolist()
        by_first = self._by_first
        matches: list[tuple[int, int, _Pattern]] = []
        for start in self._possible_starts(ids, strings):
            candidates = [*self.always]
            for col in range(4):
                candidates.extend(by_first.get((col, columns[col][start]), ()))
            for pattern in candidates:
                if start + len(pattern.tokens) > n:
                    continue
                if all(check(columns[col][start + offset], strings) for offset, col, check in pattern.checks):
                    target = start + (pattern.index if pattern.index >= 0 else len(pattern.tokens) + pattern.index)
                    matches.append((pattern.order, target, pattern))
        self._set_tag_values(doc, ids[:, 0], strings)
        # Tokens an exception matched get every matching rule again, in rule order, as the stock ruler does
        # (all matches are found on the doc as it came in, then applied; later rules win).
        for target in sorted({t for _o, t, _p in matches}):
            tag = columns[0][target]
            for pattern in self.by_tag.get(strings[tag] if tag else "", ()):
                matches.append((pattern.order, target, pattern))
        matches.sort(key=lambda m: (m[0], m[1]))
        for _order, target, pattern in matches:
            set_token_attrs(doc[target], pattern.attrs)
        return doc

    def _compile_checks(self) -> None:
        """Each pattern's conditions as predicates on the token's string ids (a hash compare, not a string
        lookup; a regex asked once per distinct word), and the index keyed by ids."""
        by_first: dict[tuple[int, int], list[_Pattern]] = defaultdict(list)
        for (key, value), patterns in self.index.items():
            by_first[(_COLUMN[key], _value_id(value))].extend(patterns)
        self._by_first = dict(by_first)
        everything = [*self.always, *(p for ps in self.index.values() for p in ps)]
        for pattern in everything:
            if not pattern.checks:
                pattern.checks = [(offset, _COLUMN[key], _check(cond))
                                  for offset, token in enumerate(pattern.tokens) for key, cond in token.items()]
        self._key_ids = {key: numpy.array(sorted({_value_id(v) for k, v in self.index if k == key}),
                                          dtype=numpy.uint64) for key in ("LOWER", "TAG", "DEP")}

    def _possible_starts(self, ids: numpy.ndarray, strings: Any) -> list[int]:
        """The tokens where some exception pattern could start: the first token's indexed value is one of the
        index's, or an unindexed pattern's first conditions hold (asked once per distinct word). Most tokens
        start none, and trying every pattern on every token cost more than the rest of the component."""
        mask = numpy.zeros(len(ids), dtype=bool)
        for key, wanted in (self._key_ids or {}).items():
            mask |= numpy.isin(ids[:, _COLUMN[key]], wanted)
        for flag in (True, False):
            if ("IS_SPACE", flag) in self.index:
                mask |= ids[:, _COLUMN["IS_SPACE"]] == int(flag)
        if self.always:
            lowers = ids[:, _COLUMN["LOWER"]]
            starting = [w for w in numpy.unique(lowers).tolist() if self._always_may_start(w, strings)]
            if starting:
                mask |= numpy.isin(lowers, numpy.array(starting, dtype=numpy.uint64))
        return numpy.nonzero(mask)[0].tolist()

    def _always_may_start(self, lower: int, strings: Any) -> bool:
        """Whether an unindexed pattern's conditions on the word itself hold for this word (its other
        conditions are asked at each start)."""
        known = self._always_first.get(lower)
        if known is None:
            known = any(all(check(lower, strings) for offset, col, check in p.checks
                            if offset == 0 and col == _COLUMN["LOWER"]) for p in self.always)
            self._always_first[lower] = known
        return known

    def _set_tag_values(self, doc: Doc, tag_ids: numpy.ndarray, strings: Any) -> None:
        current = doc.to_array([POS, MORPH])
        distinct, inverse = numpy.unique(tag_ids, return_inverse=True)
        for k, tag_id in enumerate(distinct.tolist()):
            pos, morph = self.tag_values.get(strings[tag_id] if tag_id else "", (None, None))
            rows = inverse == k
            if pos is not None:
                current[rows, 0] = pos
            if morph is not None:
                current[rows, 1] = morph
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
