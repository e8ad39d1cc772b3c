"""Analyst curation: merge and split actors, merge and reject events, kept as rules that later loads obey.

Rules name things by keys that survive a reload: actors by canonical name, events by a mention key
`<article external id>#<char_start>-<char_end>` (the sentence that reports them). A rule is applied at once
and again to every later load, including `eventdb reprocess`, until it is undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Article,
    CurationRule,
    Event,
    EventIssue,
    EventMention,
    EventParticipant,
)
from etl.canonical_actors import ActorRules, key_of, stored_keys
from etl.consolidate import (
    combine_status,
    facts_of,
    more_precise_date,
    more_precise_place,
    prefer_details,
    preferred_mode,
    refresh_confidence,
    same_event,
)
from etl.plover_columns import stamp
from eventdb_errors import EXIT_NOT_FOUND, EXIT_USAGE, Refused, did_you_mean

ACTOR_MERGE, ACTOR_SPLIT, ACTOR_RENAME = "actor_merge", "actor_split", "actor_rename"
EVENT_MERGE, EVENT_REJECT = "event_merge", "event_reject"
ACTIONS = (ACTOR_MERGE, ACTOR_SPLIT, ACTOR_RENAME, EVENT_MERGE, EVENT_REJECT)


class CurationError(Refused):
    """A curation request that cannot be carried out as asked; the message says why. Nothing was changed."""


class CurationNotFound(CurationError):
    """The actor, event or rule named does not exist."""

    exit_code = EXIT_NOT_FOUND


class AmbiguousName(CurationError):
    """A name that several actors go by: the id says which."""

    exit_code = EXIT_USAGE


@dataclass
class MentionKey:
    """`<article>#<start>-<end>/<n>`: the n-th event (in creation order) reported by that sentence."""

    article: str
    char_start: int
    char_end: int
    ordinal: int = 0

    def __str__(self) -> str:
        return f"{self.article}#{self.char_start}-{self.char_end}/{self.ordinal}"

    @classmethod
    def parse(cls, key: str) -> MentionKey:
        article, _, span = key.rpartition("#")
        span, _, ordinal = span.partition("/")
        start, _, end = span.partition("-")
        return cls(article, int(start), int(end), int(ordinal or 0))


# ---- finding things -------------------------------------------------------------------------------------

def find_actor(session: Session, name_or_id: str) -> Actor:
    """An actor by id, canonical name or (unambiguous) alias."""
    if name_or_id.isdigit():
        actor = session.get(Actor, int(name_or_id))
        if actor is None:
            raise CurationNotFound(f"no actor with id {name_or_id}")
        return actor
    exact = list(session.scalars(select(Actor).where(Actor.canonical_name == name_or_id)))
    if len(exact) == 1:
        return exact[0]
    by_alias = list(session.scalars(select(Actor).join(ActorAlias).where(ActorAlias.alias == name_or_id).distinct()))
    matches = exact or by_alias
    if not matches:
        names = list(session.scalars(select(Actor.canonical_name)))
        raise CurationNotFound(f"no actor named {name_or_id!r}{did_you_mean(name_or_id, names)}; "
                               f"`eventdb actors list --name PART` finds names")
    if len(matches) > 1:
        listing = ", ".join(f"{a.id}: {a.canonical_name} ({a.kind})" for a in matches)
        raise AmbiguousName(f"{name_or_id!r} is ambiguous ({listing}); give the id")
    return matches[0]


def find_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise CurationNotFound(f"no event with id {event_id}")
    return event


def _events_with_mention(session: Session, article: str, char_start: int, char_end: int) -> list[int]:
    return list(session.scalars(
        select(EventMention.event_id).join(Article, Article.id == EventMention.article_id)
        .where(Article.external_id == article, EventMention.char_start == char_start,
               EventMention.char_end == char_end)
        .distinct().order_by(EventMention.event_id)))


def mention_key(session: Session, event_id: int) -> str:
    """The event's stable key: its earliest mention, and which of that sentence's events it is."""
    row = session.execute(
        select(Article.external_id, EventMention.char_start, EventMention.char_end)
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == event_id)
        .order_by(Article.external_id, EventMention.char_start)
        .limit(1)
    ).first()
    if row is None:
        raise CurationError(f"event {event_id} has no mention to key a rule on")
    ordinal = _events_with_mention(session, *row).index(event_id)
    return str(MentionKey(*row, ordinal))


def event_by_key(session: Session, key: str) -> Event | None:
    parsed = MentionKey.parse(key)
    events = _events_with_mention(session, parsed.article, parsed.char_start, parsed.char_end)
    return session.get(Event, events[parsed.ordinal]) if parsed.ordinal < len(events) else None


# ---- the operations, each also recorded as a rule -------------------------------------------------------

def add_rule(session: Session, action: str, subject: str, target: str | None, note: str | None) -> CurationRule:
    rule = CurationRule(action=action, subject=subject, target=target, note=note)
    session.add(rule)
    session.flush()
    return rule


def merge_actors(session: Session, keep: Actor, drop: Actor) -> None:
    """Everything `drop` did, `keep` did; `drop` disappears and its names become aliases of `keep`."""
    if keep.id == drop.id:
        raise CurationError("an actor cannot be merged with itself")
    events_of_keep = set(session.scalars(select(EventParticipant.event_id).where(EventParticipant.actor_id == keep.id)))
    for participant in session.scalars(select(EventParticipant).where(EventParticipant.actor_id == drop.id)):
        if participant.event_id in events_of_keep:
            session.delete(participant)
        else:
            participant.actor_id = keep.id
    aliases_of_keep = set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == keep.id)))
    for alias in session.scalars(select(ActorAlias).where(ActorAlias.actor_id == drop.id)):
        if alias.alias in aliases_of_keep:
            session.delete(alias)
        else:
            alias.actor_id = keep.id
            aliases_of_keep.add(alias.alias)
    if drop.canonical_name not in aliases_of_keep:
        session.add(ActorAlias(actor_id=keep.id, alias=drop.canonical_name))
    titles_of_keep = set(session.scalars(select(ActorRole.title).where(ActorRole.actor_id == keep.id)))
    for role in session.scalars(select(ActorRole).where(ActorRole.actor_id == drop.id)):
        if role.title in titles_of_keep:
            session.delete(role)
        else:
            role.actor_id = keep.id
    if keep.country_code is None:
        keep.country_code = drop.country_code
    session.flush()
    session.delete(drop)
    session.flush()
    reconsolidate(session, keep.id)


def reconsolidate(session: Session, actor_id: int) -> None:
    """After an actor merge, two events of the merged actor may now be reports of one exchange: join them,
    as a load would have."""
    event_ids = list(session.scalars(select(EventParticipant.event_id).where(EventParticipant.actor_id == actor_id)
                                     .order_by(EventParticipant.event_id)))
    merged: set[int] = set()
    for i, keep_id in enumerate(event_ids):
        if keep_id in merged:
            continue
        for drop_id in event_ids[i + 1:]:
            if drop_id in merged:
                continue
            if _share_an_article(session, keep_id, drop_id):
                continue
            if same_event(facts_of(session, keep_id), facts_of(session, drop_id)):
                merge_events(session, find_event(session, keep_id), find_event(session, drop_id))
                merged.add(drop_id)


def _share_an_article(session: Session, a: int, b: int) -> bool:
    articles = [set(session.scalars(select(EventMention.article_id).where(EventMention.event_id == e)))
                for e in (a, b)]
    return bool(articles[0] & articles[1])


def split_actor(session: Session, actor: Actor, alias: str, new_name: str) -> Actor:
    """The mentions of `actor` written as `alias` are someone else: `new_name`, a new actor."""
    if new_name == actor.canonical_name:
        raise CurationError("the new actor needs a name of its own")
    names = names_of(session, actor)
    written = _mentions_written_as(session, actor, alias)
    if alias not in names and not written:
        raise CurationError(f"{actor.canonical_name!r} is never called {alias!r}, so nothing can be split off"
                            f"{did_you_mean(alias, names)}; its names: {', '.join(names)}")
    other = session.scalars(select(Actor).where(Actor.canonical_name == new_name, Actor.kind == actor.kind)).first()
    if other is None:
        other = Actor(canonical_name=new_name, kind=actor.kind)
        session.add(other)
        session.flush()
    session.execute(update(ActorAlias).where(ActorAlias.actor_id == actor.id, ActorAlias.alias == alias)
                    .values(actor_id=other.id))
    if new_name != alias and session.scalar(select(ActorAlias.id).where(
            ActorAlias.actor_id == other.id, ActorAlias.alias == new_name)) is None:
        session.add(ActorAlias(actor_id=other.id, alias=new_name))
    for participant in written:
        participant.actor_id = other.id
    session.flush()
    return other


def names_of(session: Session, actor: Actor) -> list[str]:
    """The names the actor goes by: its canonical name and aliases as written (not the folded surname keys)."""
    aliases = session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)
                              .order_by(ActorAlias.alias))
    folded = {key_of(actor.canonical_name)} | stored_keys({actor.canonical_name}, actor.country_code)
    return list(dict.fromkeys([actor.canonical_name, *(a for a in aliases if a not in folded or a.istitle())]))


def _mentions_written_as(session: Session, actor: Actor, alias: str) -> list[EventParticipant]:
    """The actor's participations whose mention is written `alias` (what a split moves to the other actor)."""
    found = []
    for participant in session.scalars(select(EventParticipant).where(EventParticipant.actor_id == actor.id)):
        if participant.article_id is None or participant.char_start is None:
            continue
        text = session.scalar(select(Article.text).where(Article.id == participant.article_id)) or ""
        if text[participant.char_start:participant.char_end].strip() == alias:
            found.append(participant)
    return found


def rename_actor(session: Session, actor: Actor, new_name: str) -> str:
    """The actor is called `new_name` from now on; the old name stays an alias. Returns the old name."""
    new_name = " ".join(new_name.split())
    if not new_name:
        raise AmbiguousName("the new name is empty")
    old_name = actor.canonical_name
    if new_name == old_name:
        raise CurationError(f"{old_name!r} is already called so")
    other = session.scalars(select(Actor).where(Actor.canonical_name == new_name, Actor.kind == actor.kind)).first()
    if other is not None:
        raise CurationError(f"another actor is called {new_name!r} (id {other.id}); if they are one, use "
                            f"`eventdb actors merge {new_name!r} {old_name!r}`")
    aliases = set(session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == actor.id)))
    for name in (old_name, new_name):
        if name not in aliases:
            session.add(ActorAlias(actor_id=actor.id, alias=name))
    actor.canonical_name = new_name
    session.flush()
    return old_name


def merge_events(session: Session, keep: Event, drop: Event) -> None:
    """`drop` is another report of `keep`: its mentions, participants and issues move over."""
    if keep.id == drop.id:
        raise CurationError("an event cannot be merged with itself")
    kept, dropped = facts_of(session, keep.id), facts_of(session, drop.id)
    if more_precise_date(kept, dropped, keep.date_text, drop.date_text):
        keep.date_start, keep.date_end = drop.date_start, drop.date_end
        keep.date_precision, keep.date_text, keep.date_article_id = (
            drop.date_precision, drop.date_text, drop.date_article_id)
    if more_precise_place(kept.place, dropped.place):
        keep.location_id, keep.location_text, keep.location_article_id = (
            drop.location_id, drop.location_text, drop.location_article_id)
    # A mode is one of its type's modes: an event of another type has nothing to say about the kept one's.
    keep.mode = preferred_mode(keep.mode, drop.mode if drop.type == keep.type else None)
    stamp(keep)
    combine_status(keep, drop.status, drop.planned_at)
    reported = set(session.execute(select(EventMention.article_id, EventMention.char_start, EventMention.char_end)
                                   .where(EventMention.event_id == keep.id)).all())
    for mention in session.scalars(select(EventMention).where(EventMention.event_id == drop.id)):
        if (mention.article_id, mention.char_start, mention.char_end) in reported:
            session.delete(mention)  # one sentence that reported both: it reports the merged event once
        else:
            mention.event_id = keep.id
    kept_participants = {p.actor_id: p for p in session.scalars(
        select(EventParticipant).where(EventParticipant.event_id == keep.id))}
    for participant in session.scalars(select(EventParticipant).where(EventParticipant.event_id == drop.id)):
        if participant.actor_id in kept_participants:
            prefer_details(kept_participants[participant.actor_id], participant.role, participant.title)
            session.delete(participant)
        else:
            participant.event_id = keep.id
    issues_of_keep = set(session.scalars(select(EventIssue.issue_id).where(EventIssue.event_id == keep.id)))
    for issue in session.scalars(select(EventIssue).where(EventIssue.event_id == drop.id)):
        if issue.issue_id not in issues_of_keep:
            session.add(EventIssue(event_id=keep.id, issue_id=issue.issue_id))
    session.execute(delete(EventIssue).where(EventIssue.event_id == drop.id))
    session.flush()
    # Its reports and participants now belong to `keep`: the collections the session may still hold from when the
    # event was stored (in this same transaction) must not take them along in the delete cascade.
    session.expire(drop, ["mentions", "participants"])
    session.delete(drop)
    session.flush()
    refresh_confidence(session, keep)


# ---- rules over time ------------------------------------------------------------------------------------

def active_rules(session: Session, action: str | None = None) -> list[CurationRule]:
    query = select(CurationRule).where(CurationRule.undone_at.is_(None)).order_by(CurationRule.id)
    if action:
        query = query.where(CurationRule.action == action)
    return list(session.scalars(query))


def actor_rules(session: Session) -> ActorRules:
    rules = ActorRules()
    for rule in active_rules(session):
        if rule.action in (ACTOR_MERGE, ACTOR_RENAME) and rule.target:
            # A rename is a merge into a name no other actor has: a later load gives the old name the new one.
            rules.merged_into[rule.subject] = rule.target
        elif rule.action == ACTOR_SPLIT and rule.target:
            rules.split_to[rule.subject] = rule.target
    return rules


def apply_event_rules(session: Session, article_external_id: str) -> None:
    """Re-apply event rules that name a mention in this article (it may have been reloaded)."""
    prefix = f"{article_external_id}#"
    for rule in active_rules(session):
        keys = [rule.subject, rule.target or ""]
        if not any(k.startswith(prefix) for k in keys):
            continue
        if rule.action == EVENT_REJECT:
            event = event_by_key(session, rule.subject)
            if event is not None:
                event.rejected = True
        elif rule.action == EVENT_MERGE and rule.target:
            drop, keep = event_by_key(session, rule.subject), event_by_key(session, rule.target)
            if drop is not None and keep is not None and drop.id != keep.id:
                merge_events(session, keep, drop)


def undo_rule(session: Session, rule_id: int) -> CurationRule:
    rule = session.get(CurationRule, rule_id)
    if rule is None:
        raise CurationNotFound(f"no curation rule with id {rule_id}; `eventdb curation list --all` lists them")
    if rule.undone_at is not None:
        raise CurationError(f"rule {rule_id} was already undone")
    rule.undone_at = datetime.now(UTC)
    if rule.action == EVENT_REJECT:
        event = event_by_key(session, rule.subject)
        if event is not None:
            event.rejected = False
    return rule
