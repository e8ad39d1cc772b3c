"""The pairing rule of db/pairing.py written anew in Python: the oracle the triggers and reports are checked against."""

from __future__ import annotations

from collections.abc import Iterable


def met(a: str, b: str, roles: list[str], mode: str | None) -> bool:
    """Whether two participants of an event, in roles a and b, met (among the roles of all its participants)."""
    if a == b == "mediator":
        return False
    if "mediator" in (a, b):
        return True
    if mode == "third-party" and "mediator" in roles:
        return False
    if a != b or a not in ("source", "target"):
        return True
    return ("target" if a == "source" else "source") not in roles


def counterparts(members: Iterable[tuple[int, str]], mode: str | None) -> set[tuple[int, int]]:
    """(actor, counterpart) of one event, both ways round, from its (actor, role) participants."""
    members = list(members)
    roles = [role for _, role in members]
    return {(a, b) for a, ra in members for b, rb in members if a != b and met(ra, rb, roles, mode)}
