"""An event being built: its trigger, parties, status, mode, date, place and mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from etl.actors import Actor, Mention


@dataclass
class Participant:
    mention: Mention
    role: str = "participant"


@dataclass
class EventDraft:
    trigger: Token
    mode: str | None
    status: str
    weak_status: bool = False
    weak_mode: bool = False  # the mode is a guess ("spoke to" with no place: by phone), not told
    participants: list[Participant] = field(default_factory=list)
    date: dict | None = None
    location: dict | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    sentence_ids: list[int] = field(default_factory=list)
    issues: set[str] = field(default_factory=set)
    host_added: bool = False
    convened: bool = False  # a meeting of an organisation, or a conference a body convenes: one named party is enough
    hosted: bool = False  # convened by the subject of "hold"/"host" ("the EU will hold a conference")
    brokered: bool = False  # "under UN auspices": the broker is named, the parties may not be
    paired: bool = False  # named as a hyphenated pair ("the Trump-Putin meeting"): only public figures are
    # told as part of a gathering ("on the sidelines of the summit", "at the conference"): held where and when it was
    at_gathering: bool = False
    # the explicit but unnamed group on the other side ("Kurdish officials"): CODING.md leaves a vague actor out, so
    # it is no participant; kept for reading the rule's decisions
    vague_side: str | None = None
    # what speaks against reporting it (a rule's objection, for the decision to weigh): "blocked", "one_side", ...
    flags: list[str] = field(default_factory=list)
    # the decision's probability that this is a real, specific exchange (None: decided by rules alone)
    score: float | None = None
    completed: int = 0  # parties the party model added to those the syntax gave
    # an act (not CONSULT) the decision scored just under its threshold: reported only if it joins, or is joined
    # by, a reported mention, or the article tells it again in another sentence (`decide.RETOLD_MARGIN`)
    tentative: bool = False
    type: str = "CONSULT"  # the PLOVER type (etl/lexicons/plover_ontology.toml)

    @property
    def actors(self) -> list[Actor]:
        seen: dict[tuple[str, str], Actor] = {}
        for p in self.participants:
            seen.setdefault((p.mention.actor.name, p.mention.actor.kind), p.mention.actor)
        return list(seen.values())

    def add(self, mention: Mention, role: str) -> None:
        for p in self.participants:
            if p.mention.actor is mention.actor or (p.mention.actor.name, p.mention.actor.kind) == (
                    mention.actor.name, mention.actor.kind):
                if p.role == "participant" and role != "participant":
                    p.role = role
                if not p.mention.title and mention.title:
                    p.mention = mention
                return
        self.participants.append(Participant(mention, role))

    def as_dict(self) -> dict:
        parts = []
        for p in self.participants:
            a = p.mention.actor
            parts.append({"name": a.name, "kind": a.kind, "country_code": a.country_code, "sector": a.sector,
                          "aliases": sorted(a.aliases - {a.name}), "role": p.role,
                          "title": p.mention.title or (a.titles[0] if a.titles else None),
                          "char_start": p.mention.start, "char_end": p.mention.end})
        confidence = self.score if self.score is not None else 0.45 + 0.2 * (len(self.actors) >= 2) \
            + 0.1 * (self.date is not None) + 0.1 * (self.location is not None) - 0.15 * self.weak_status
        return {"type": self.type, "mode": self.mode, "status": self.status, "participants": parts,
                "mentions": [{"char_start": s, "char_end": e, "trigger": t} for s, e, t in self.mentions],
                "date": self.date, "location": self.location, "issues": sorted(self.issues),
                "confidence": round(min(confidence, 0.95), 2)}
