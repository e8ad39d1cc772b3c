"""Canonical actors across articles: one `actors` row per real-world person, organization or country.

Within an article the extractor already joined "U.S. President Joe Biden", "Biden" and "the president".
Across articles, a full name is its own key; a surname alone ("Sullivan", from an article that never gives
the full name) joins the one stored person who goes by it, when the country and titles do not contradict
that. When two stored people share it (two "Wang"s), the mention stays unlinked, as an actor of its own,
rather than being linked wrongly. Analysts' merge and split rules (curation) take precedence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Actor, ActorAlias, ActorRole
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


def is_short_name(ref: ActorRef) -> bool:
    return ref.kind == "PERSON" and len(ref.name.split()) == 1


def title_words(title: str | None) -> set[str]:
    # "adviser" and "advisor" are one word to an analyst.
    return {w.replace("advisor", "adviser") for w in WORD.findall((title or "").lower()) if len(w) > 2}


def link_short_name(session: Session, ref: ActorRef, title: str | None) -> int | None:
    """The id of the one stored person a bare surname can only mean, or None when none or several fit."""
    candidates = list(session.scalars(
        select(Actor).join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(ActorAlias.alias == ref.name, Actor.kind == "PERSON", Actor.canonical_name != ref.name)
        .distinct()))
    candidates = [a for a in candidates
                  if ref.country_code is None or a.country_code is None or a.country_code == ref.country_code]
    if len(candidates) > 1 and title:
        wanted = title_words(title)
        by_role = [a for a in candidates if any(wanted & title_words(role.title) for role in session.scalars(
            select(ActorRole).where(ActorRole.actor_id == a.id)))]
        candidates = by_role
    return candidates[0].id if len(candidates) == 1 else None
