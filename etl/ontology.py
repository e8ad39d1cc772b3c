"""The PLOVER event ontology, read from its data file (etl/lexicons/plover_ontology.toml) once per process.

It answers what the rest of eventdb asks of the codebook: the valid event types, the valid modes of a type,
the quad class of a type, the conflict-cooperation score of a (type, mode), and the PLOVER name of a
participant role. A malformed file is an error naming the file and the entry, when it is first read.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from etl.lexicon import DEFAULT_LEXICON_DIR
from eventdb_errors import EventdbError, did_you_mean

ONTOLOGY_FILE = DEFAULT_LEXICON_DIR / "plover_ontology.toml"
SCORE_RANGE = (-10.0, 10.0)
TYPE_KEYS = {"quad_class", "score", "definition", "modes", "mode_scores"}


class OntologyError(EventdbError):
    """The ontology file is malformed, or an event is of a type or mode the ontology does not have."""


@dataclass(frozen=True)
class EventType:
    name: str
    quad_class: str
    score: float
    definition: str
    modes: tuple[str, ...]
    mode_scores: dict[str, float] = field(default_factory=dict)

    def score_of(self, mode: str | None) -> float:
        return self.mode_scores.get(mode, self.score) if mode is not None else self.score


@dataclass(frozen=True)
class Ontology:
    path: Path
    types: dict[str, EventType]
    quad_classes: dict[str, int]  # quad class -> PLOVER quad_code (1..4)
    roles: dict[str, str]         # database role (source | target | participant) -> actor | recipient

    def type_names(self) -> tuple[str, ...]:
        return tuple(self.types)

    def event_type(self, name: str) -> EventType:
        """The type called `name`; any other name is an OntologyError listing the valid ones."""
        found = self.types.get(name)
        if found is None:
            raise OntologyError(f"event type {name!r} is not in the PLOVER ontology ({self.path.name})"
                                f"{did_you_mean(name, list(self.types))}; valid types: {', '.join(self.types)}")
        return found

    def modes(self, name: str) -> tuple[str, ...]:
        return self.event_type(name).modes

    def quad_class(self, name: str) -> str:
        return self.event_type(name).quad_class

    def score(self, name: str, mode: str | None = None) -> float:
        return self.event_type(name).score_of(mode)

    def classify(self, name: str, mode: str | None) -> tuple[str, float]:
        """(quad class, score) of an event; a type or a mode outside the ontology is an OntologyError."""
        event_type = self.event_type(name)
        if mode is not None and mode not in event_type.modes:
            valid = ", ".join(event_type.modes) or "none (leave the mode empty)"
            raise OntologyError(f"mode {mode!r} is not a mode of {name} in the PLOVER ontology ({self.path.name})"
                                f"{did_you_mean(mode, event_type.modes)}; valid modes: {valid}")
        return event_type.quad_class, event_type.score_of(mode)

    def plover_role(self, role: str) -> str:
        """PLOVER's name (actor | recipient) for a participant role of the database."""
        if role not in self.roles:
            raise OntologyError(f"participant role {role!r} has no PLOVER name in {self.path.name}; "
                                f"known roles: {', '.join(self.roles)}")
        return self.roles[role]


def ontology(path: Path | None = None) -> Ontology:
    """The ontology in `path` (by default the shipped file), read and checked once per process."""
    return _read(path or ONTOLOGY_FILE)


@cache
def _read(path: Path) -> Ontology:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise OntologyError(f"cannot read the PLOVER ontology {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise OntologyError(f"{path}: not valid TOML: {exc}") from None
    quad_classes = data.get("quad_classes")
    if not isinstance(quad_classes, dict) or not quad_classes or not all(
            isinstance(code, int) for code in quad_classes.values()):
        raise OntologyError(f"{path}: [quad_classes] must map each quad class to its PLOVER code (1..4)")
    roles = data.get("roles")
    if not isinstance(roles, dict) or not all(v in ("actor", "recipient") for v in roles.values()):
        raise OntologyError(f"{path}: [roles] must map each participant role to actor or recipient")
    types = data.get("types")
    if not isinstance(types, dict) or not types:
        raise OntologyError(f"{path}: no [types.NAME] tables")
    return Ontology(path=path, types={name: _event_type(path, name, spec, quad_classes)
                                      for name, spec in types.items()},
                    quad_classes=dict(quad_classes), roles=dict(roles))


def _event_type(path: Path, name: str, spec: Any, quad_classes: dict[str, int]) -> EventType:
    where = f"{path}: [types.{name}]"
    if not isinstance(spec, dict):
        raise OntologyError(f"{where} must be a table")
    unknown = sorted(set(spec) - TYPE_KEYS)
    if unknown:
        raise OntologyError(f"{where} has unknown key {', '.join(unknown)}; allowed: {', '.join(sorted(TYPE_KEYS))}")
    if spec.get("quad_class") not in quad_classes:
        raise OntologyError(f"{where}: quad_class must be one of {', '.join(quad_classes)}; "
                            f"got {spec.get('quad_class')!r}")
    modes = spec.get("modes", [])
    if not isinstance(modes, list) or not all(isinstance(m, str) and m for m in modes) or len(set(modes)) < len(modes):
        raise OntologyError(f"{where}: modes must be a list of distinct names")
    mode_scores = spec.get("mode_scores", {})
    if not isinstance(mode_scores, dict):
        raise OntologyError(f"{where}: mode_scores must be a table of mode = score")
    for mode in mode_scores:
        if mode not in modes:
            raise OntologyError(f"{where}: mode_scores scores {mode!r}, which is not one of its modes")
    scores = {"score": spec.get("score"), **{f"mode_scores.{m}": s for m, s in mode_scores.items()}}
    for key, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
                or not SCORE_RANGE[0] <= value <= SCORE_RANGE[1]:
            raise OntologyError(f"{where}: {key} must be a number from {SCORE_RANGE[0]:g} to {SCORE_RANGE[1]:g}; "
                                f"got {value!r}")
    definition = spec.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        raise OntologyError(f"{where}: definition must be a short text")
    return EventType(name=name, quad_class=spec["quad_class"], score=float(spec["score"]), definition=definition,
                     modes=tuple(modes), mode_scores={m: float(s) for m, s in mode_scores.items()})
