"""Person names as compared across spellings, by the extractor within an article and the loader across articles."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition leaves whole, written as the plain letters an English text uses for them.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ħ": "h", "ð": "d", "þ": "th",
                                "æ": "ae", "œ": "oe"})
# Apostrophes join ("O'Brien" is "OBrien"); hyphens, dots and spaces separate ("al-Assad" is "al Assad").
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_FOLDED_WORD = re.compile(r"[^\W_]+")


def folded_words(name: str) -> list[str]:
    """The words of a name as compared across spellings: case-folded, diacritics and punctuation dropped, so that
    "Erdoğan", "Erdogan" and "Erdogăn", or "al-Assad" and "al Assad", are one name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)
    return _FOLDED_WORD.findall(_APOSTROPHES.sub("", plain))
