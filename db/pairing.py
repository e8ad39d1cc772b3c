"""Who met whom in an event: the participants' roles, and the rule that pairs them (in words).

The role of each participant is the contract between the extractor (which reads it from the sentence) and the
pairing: migration 0010's triggers keep `event_counterparts` to this rule, and `v_meetings`, `actor_pairs` and the
reports pair actors from there. `eventdb schema --format md` prints it in docs/schema.md.
"""

from __future__ import annotations

ROLES: tuple[tuple[str, str], ...] = (
    ("source", "The side that acts: who calls, visits, hosts, meets someone ('Trump called Erdoğan': Trump). Two "
               "sources with no target are the two sides of their exchange ('Macron and Merkel discussed')."),
    ("target", "The other side: who is called, visited, met ('Trump called Erdoğan': Erdoğan). Several targets are "
               "one side ('the president would speak with Macron and May')."),
    ("participant", "A party whose side the text does not tell: the members of a summit or of talks ('the summit "
                    "brought together X, Y and Z')."),
    ("mediator", "A third party who brokers or mediates the exchange between the sides ('talks brokered by "
                 "Norway'), on no side of it."),
)

PAIRING_RULE = (
    "An event pairs an actor with a counterpart, never two members of one side:",
    "- a source with each target; two sources with each other only when the event has no target (they are then "
    "the two sides), and two targets only when it has no source;",
    "- a participant with every other party (source, target or participant): parties of a summit or of talks met "
    "each other;",
    "- a mediator with each party, never with another mediator; in talks with a mediator (mode third-party) the "
    "parties are paired with the mediator only, not with each other, unless they met (any other mode).",
    "`event_counterparts` holds each pair both ways round; `v_meetings` and `actor_pairs` hold it once, the lower "
    "actor id first.",
)


def as_markdown() -> list[str]:
    """The roles and the pairing rule, as a section of the data dictionary."""
    lines = ["## Roles and pairs", "", "`event_participants.role`, as the extractor reads it from the sentence:", "",
             "| role | meaning |", "| --- | --- |"]
    lines += [f"| {role} | {meaning} |" for role, meaning in ROLES]
    return lines + ["", PAIRING_RULE[0], "", *PAIRING_RULE[1:-1], "", PAIRING_RULE[-1], ""]
