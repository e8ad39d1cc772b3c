"""Person names as compared across spellings, by the extractor within an article and the loader across articles.

Which word of a name is the family name depends on the person's culture: English text writes "Joe Biden" given name
first but "Xi Jinping", "Kim Jong-un", "Nguyen Phu Trong" or "Hun Sen" family name first. The cultures, their
countries, their common family names and the public offices are data (etl/lexicons/names.toml).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from etl.lexicon import load_lexicon

# Letters that Unicode decomposition leaves whole, written as the plain letters an English text uses for them.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ħ": "h", "ð": "d", "þ": "th",
                                "æ": "ae", "œ": "oe"})
# Apostrophes join ("O'Brien" is "OBrien"); hyphens, dots and spaces separate ("al-Assad" is "al Assad").
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_FOLDED_WORD = re.compile(r"[^\W_]+")


def folded_words(name: str) -> list[str]:
    """The words of a name as compared across spellings: case-folded, diacritics and punctuation dropped, so that
    "Erdoğan", "Erdogan" and "Erdogăn", or "al-Assad" and "al Assad", are one name."""
    return list(_folded_words(name))


@lru_cache(maxsize=1 << 16)  # an article repeats its names; a load, its countries and leaders
def _folded_words(name: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)
    return tuple(_FOLDED_WORD.findall(_APOSTROPHES.sub("", plain)))


# Letters transliterations of one name disagree on ("Sergei"/"Sergey", "Alexei"/"Aleksey", "Zelensky"/"Zelenskyy").
_TRANSLITERATIONS = (("x", "ks"), ("kh", "h"), ("ph", "f"), ("y", "i"))
_DOUBLED = re.compile(r"(.)\1+")


def spelling_key(word: str) -> str:
    """A folded word as its transliterations spell it alike: "sergey" and "sergei", "zelenskyy" and "zelensky",
    "aleksey" and "alexei", "dmitriy" and "dmitri" have one key (x as ks, kh as h, ph as f, y as i, no double
    letters)."""
    for written, said in _TRANSLITERATIONS:
        word = word.replace(written, said)
    return _DOUBLED.sub(r"\1", word)


def spelled_words(name: str) -> list[str]:
    """The words of a name as compared across transliterations (`folded_words`, then `spelling_key`)."""
    return [spelling_key(word) for word in folded_words(name)]


def near_spelling(a: str, b: str) -> bool:
    """Two spelled words a slip of the keyboard apart, in words of five letters or more: the same letters in
    another order ("ergodan", "erdogan") or one letter more ("aljbin", "albin"); one letter for another only in
    words of seven letters or more, since shorter names that differ so are often two names ("kelly", "kerry").
    The first letters agree."""
    if a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        return sorted(a) == sorted(b) or len(a) >= 7 and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


@dataclass(frozen=True)
class NameCultures:
    """The lexicon of names.toml: which cultures put the family name first, and which titles are offices."""

    family_names: dict[str, frozenset[str]]  # culture -> its common family names
    countries: dict[str, str]  # ISO alpha-3 -> culture
    given_name_cultures: frozenset[str]
    ambiguous: frozenset[str]
    political_offices: frozenset[str]

    def cultures_of(self, first_word: str, country: str | None) -> set[str]:
        """The family-name-first cultures a name starting with `first_word` may belong to, for a person of `country`
        (None: not known)."""
        if country is not None:
            culture = self.countries.get(country)
            return {culture} if culture is not None and any(
                first_word in names for names in self.family_names.values()) else set()
        return {culture for culture, names in self.family_names.items() if first_word in names}


@lru_cache(maxsize=1)
def name_cultures() -> NameCultures:
    lex = load_lexicon("names.toml")
    return NameCultures(
        family_names={culture: frozenset(names) for culture, names in lex["family_names"].items()},
        countries={country: culture for culture, codes in lex["culture_countries"].items() for country in codes},
        given_name_cultures=frozenset(lex["called_by_given_name"]),
        ambiguous=frozenset(lex["ambiguous"]),
        political_offices=frozenset(lex["political_offices"]),
    )


def _family_first_cultures(name: str, country: str | None) -> set[str]:
    """The cultures by which this person's name is written family name first (empty: given name first)."""
    tokens = name.split()
    words = folded_words(name)
    if len(tokens) < 2 or len(words) < 2:
        return set()
    first = folded_words(tokens[0])
    if len(first) != 1:
        return set()
    lexicon = name_cultures()
    cultures = lexicon.cultures_of(first[0], country)
    # "Kim Darroch", "Le Pen": a family name that is also a Western given name or a particle needs the person's
    # country, or a hyphenated given name ("Kim Jong-un"), to be read as one.
    if country is None and first[0] in lexicon.ambiguous and not any("-" in t for t in tokens[1:]):
        return set()
    return cultures


def family_name(name: str, country: str | None = None) -> str:
    """The folded family name of a person's name: "biden" of "Joe Biden", "assad" of "Bashar al-Assad", but "xi" of
    "Xi Jinping" and "kim" of "Kim Jong-un" (the family name first); "" for an empty name."""
    words = folded_words(name)
    if not words:
        return ""
    return words[0] if _family_first_cultures(name, country) else words[-1]


def short_names(name: str, country: str | None = None) -> list[str]:
    """The folded one-word names a person goes by alone: the family name, and for cultures that call people by their
    given name the last word too ("nguyen" and "trong" of "Nguyen Phu Trong")."""
    words = folded_words(name)
    if not words:
        return []
    cultures = _family_first_cultures(name, country)
    if not cultures:
        return [words[-1]]
    names = [words[0]]
    # A Vietnamese name alone is its given name; for a person of unknown country, only a family name no other
    # culture shares says the name is Vietnamese.
    if cultures <= name_cultures().given_name_cultures:
        names.append(words[-1])
    return names


def possible_short_names(name: str) -> set[str]:
    """Every one-word name a person so named may go by, whatever the culture and country: to look people up by,
    where spellings or countries differ ("Kim Jong Un" without a country finds "Kim Jong-un")."""
    words = folded_words(name)
    if not words:
        return set()
    first = folded_words(name.split()[0])
    family_first = len(words) >= 2 and len(first) == 1 and any(
        first[0] in names for names in name_cultures().family_names.values())
    return {words[-1], first[0]} if family_first else {words[-1]}


def family_name_position(name: str, country: str | None = None) -> int:
    """Index, among the whitespace-separated words of the name as written, of the word holding the family name."""
    return 0 if _family_first_cultures(name, country) else len(name.split()) - 1


def office_words(title: str | None) -> set[str]:
    """The words of a title that name a public office held for a state ("minister" of "Chinese Foreign Minister")."""
    return set(folded_words(title or "")) & name_cultures().political_offices
