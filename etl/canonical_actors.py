"""Canonical actors across articles: one `actors` row per real-world person, organization or country.

Within an article the extractor already joined "U.S. President Joe Biden", "Biden" and "the president".
Across articles, a full name is its own key; a surname alone ("Sullivan", from an article that never gives
the full name) joins the one stored person who goes by it, when the country and titles do not contradict
that. When two stored people share it (two "Wang"s), the mention stays unlinked, as an actor of its own,
rather than being linked wrongly. Analysts' merge and split rules (curation) take precedence.

Person names are compared folded (`folded_words`): without diacritics, case or punctuation, so that
"Erdoğan", "Erdogan" and "Erdogăn", or "al-Assad" and "al Assad", are one name; and as transliterations spell them
alike (`spelling_key`: "Sergei" and "Sergey", "Zelensky" and "Zelenskyy"). A multi-word name joins the one
stored person whose name has the same family name and holds all its words ("Tayyip Erdogan" and "Recep Tayyip
Erdoğan"), either way round; a bare-surname actor, stored when no full name was known, takes the full name
when one arrives and nobody else goes by that surname. The family name is the last word, or the first for the
cultures that write it first ("Xi Jinping", "Kim Jong-un", "Hun Sen": `etl.names.family_name`). To find people by
family name through an index, every person's folded one-word names ("erdogan", "kim"; "nguyen" and "trong" of
"Nguyen Phu Trong") are stored as aliases beside the names as written.

Countries must agree: a surname with a country never joins a person of another. A bare surname without a country
whose title is a public office ("Senator Johnson") joins a stored person only when one of that person's titles names
the same office: a politician always has a country, so a missing one is no agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Actor, ActorAlias, ActorRole
from etl.names import (
    family_name,
    family_name_position,
    folded_words,
    office_words,
    possible_short_names,
    short_names,
    spelled_words,
    spelling_key,
)
from etl.records import ActorRef

WORD = re.compile(r"[a-z]+")


@dataclass
class ActorRules:
    """Active curation rules about actors: merged names point at their target, split aliases at a new actor."""

    merged_into: dict[str, str] = field(default_factory=dict)
    split_to: dict[str, str] = field(default_factory=dict)

    def canonical_name(self, name: str) -> str:
        seen = set()
        while name in self.merged_into and name not in seen:
            seen.add(name)
            name = self.merged_into[name]
        return name

    def names(self, name: str) -> bool:
        """Whether a rule names this actor: an analyst decided about it, so a load does not rename it."""
        return name in self.merged_into or name in self.split_to or name in self.merged_into.values() \
            or name in self.split_to.values()


@dataclass
class PersonMatch:
    """The stored person a name means; `take_name`: that person was known by fewer words, and takes this name."""

    actor_id: int
    take_name: bool = False


def is_short_name(ref: ActorRef) -> bool:
    return ref.kind == "PERSON" and len(ref.name.split()) == 1


def title_words(title: str | None) -> set[str]:
    # "adviser" and "advisor" are one word to an analyst.
    return {w.replace("advisor", "adviser") for w in WORD.findall((title or "").lower()) if len(w) > 2}


def key_of(name: str) -> str:
    """The folded form of a one-word name ("erdogan" of "Erdoğan", "assad" of "al-Assad"), or ""."""
    words = folded_words(name)
    return words[-1] if words else ""


def _with_spellings(keys: set[str]) -> set[str]:
    """The keys and their transliteration keys ("zelenskyy" and "zelenski"), to find a name spelled otherwise."""
    return keys | {spelling_key(k) for k in keys if k}


def person_keys(ref: ActorRef) -> set[str]:
    """The stored aliases that find the people a person mention may be: its one-word names, folded and as written.

    A full name's family name (and its given name where people are called by it), and the one-word names the
    article also called the person ("Xi" of "Xi Jinping"), as a bare-surname actor may have been stored under one of
    them. The forms as written find the people of a database loaded before folded keys were stored.
    """
    tokens = ref.name.split()
    written = [tokens[family_name_position(ref.name, ref.country_code)]] if tokens else []
    written += [a for a in ref.aliases if len(a.split()) == 1]
    # Every reading of the name: "Kim Jong Un" without a country reads given name first, yet finds "Kim Jong-un".
    return _with_spellings({k for k in (*written, *map(key_of, written), *possible_short_names(ref.name),
                                        *short_names(ref.name, ref.country_code)) if k})


def stored_keys(names: set[str], country: str | None) -> set[str]:
    """The folded one-word names to store as aliases of a person of `country` known by these names (absent ones
    only): "kim" of "Kim Jong-un", "nguyen" and "trong" of "Nguyen Phu Trong", "erdogan" of "Erdoğan"."""
    keys = _with_spellings({k for name in names for k in short_names(name, country) if k})
    return keys - names


def _compatible(country: str | None, actor: Actor) -> bool:
    return country is None or actor.country_code is None or actor.country_code == country


def _offices_held(session: Session, actor_id: int) -> set[str]:
    return {word for title in session.scalars(select(ActorRole.title).where(ActorRole.actor_id == actor_id))
            for word in office_words(title)}


def _same_office(title: str | None, session: Session, actor_id: int) -> bool:
    return bool(office_words(title) & _offices_held(session, actor_id))


def _people_by_key(session: Session, keys: set[str]) -> dict[Actor, set[str]]:
    """The stored persons having one of these aliases, each with the folded one-word names it was found by."""
    found: dict[Actor, set[str]] = {}
    rows = session.execute(
        select(Actor, ActorAlias.alias).join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(ActorAlias.alias.in_(sorted(keys)), Actor.kind == "PERSON")
        .order_by(Actor.id)
        # Another loader may have renamed an actor since this session last read it.
        .execution_options(populate_existing=True))
    for actor, alias in rows:
        found.setdefault(actor, set()).add(spelling_key(key_of(alias)))
    return found


def link_short_name(session: Session, ref: ActorRef, title: str | None) -> int | None:
    """The id of the one stored person a bare surname can only mean, or None when none or several fit (a
    bare-surname actor stored as written is one of them).

    Countries must not contradict; a politician's surname without a country ("Senator Johnson") joins only a
    person who held the same office ("Johnson" the foreign secretary is Boris Johnson, "Senator Johnson" is not).
    """
    candidates = [a for a in _people_by_key(session, person_keys(ref)) if _compatible(ref.country_code, a)]
    if ref.country_code is None and office_words(title):
        candidates = [a for a in candidates if _same_office(title, session, a.id)]
    if len(candidates) > 1 and title:
        wanted = title_words(title)
        by_role = [a for a in candidates if any(wanted & title_words(role.title) for role in session.scalars(
            select(ActorRole).where(ActorRole.actor_id == a.id)))]
        candidates = by_role
    return candidates[0].id if len(candidates) == 1 else None


def find_person(session: Session, ref: ActorRef, rules: ActorRules, title: str | None = None) -> PersonMatch | None:
    """The stored person a multi-word name means when it is not stored as written, or None.

    The same name spelled otherwise is that person. Else the one person whose name, with the same family name, holds
    all the words of this one or whose words this one holds, countries not contradicting; several such people
    and the name links to none. Else a bare-surname actor that nobody else shares the surname with (a politician's
    bare surname stored without a country only when it held the office this mention's `title` names).
    """
    words = spelled_words(ref.name)
    if len(words) < 2:
        return None
    people = _people_by_key(session, person_keys(ref))
    # Spelling alone differs (diacritics, case, transliteration): the same name, whatever the countries (as for a
    # name stored exactly so).
    same = [a for a in people if spelled_words(a.canonical_name) == words]
    if same:
        return PersonMatch(same[0].id)
    people = {a: keys for a, keys in people.items() if _compatible(ref.country_code, a)}
    surname, mine = spelling_key(family_name(ref.name, ref.country_code)), set(words)
    one_word = {spelling_key(k) for k in short_names(ref.name, ref.country_code)} | {
        spelling_key(key_of(a)) for a in ref.aliases if len(folded_words(a)) == 1}
    longer, shorter, bare = [], [], []
    for actor in people:
        theirs = spelled_words(actor.canonical_name)
        if len(theirs) >= 2 and spelling_key(family_name(actor.canonical_name,
                                                          actor.country_code or ref.country_code)) == surname:
            if mine < set(theirs):
                longer.append(actor)
            elif set(theirs) < mine:
                shorter.append(actor)
        elif len(theirs) == 1 and theirs[0] in one_word and (
                actor.country_code is not None or not _offices_held(session, actor.id)
                or _same_office(title, session, actor.id)):
            bare.append(actor)
    if len(longer) + len(shorter) == 1:
        actor = (longer + shorter)[0]
        # A fuller name is the better canonical name, whichever article came first.
        return PersonMatch(actor.id, take_name=bool(shorter) and not rules.names(actor.canonical_name))
    if longer or shorter or len(bare) != 1:
        return None
    actor = bare[0]
    if rules.names(actor.canonical_name):
        return None  # an analyst decided about this actor: it keeps its name, and the full name is another
    surname_of_actor = spelled_words(actor.canonical_name)[0]
    if any(surname_of_actor in keys for other, keys in people.items() if other is not actor):
        return None  # someone else goes by that surname too: which of them the bare name meant is unknown
    return PersonMatch(actor.id, take_name=True)
