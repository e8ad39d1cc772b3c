"""The ontology's columns of stored events, `quad_class` and `plover_score`, kept equal to what the ontology says
of each event's type and mode: set on each event the load stores or updates, and restamped in bulk (migration
0012's backfill; the start of each load and reprocess, so that an edited score reaches the events already stored).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Float, String, and_, case, column, literal, or_, table, update

from db.models import Event
from etl.ontology import Ontology, ontology

# The columns the bulk restamp reads and writes, without the ORM: the migration runs it on the schema of its time.
EVENTS = table("events", column("type", String), column("mode", String), column("quad_class", String),
               column("plover_score", Float))


def stamp(event: Event) -> None:
    """Set the event's quad class and score from its type and mode; one outside the ontology is an OntologyError."""
    event.quad_class, event.plover_score = ontology().classify(event.type, event.mode)


def restamp_events(connection: Connection, plover: Ontology | None = None) -> int:
    """Give every stored event of a type in the ontology its quad class and score; the number of events changed.

    One UPDATE that touches only rows whose values differ, so it changes nothing (and locks nothing) when the
    stored events already agree with the file. Events of types outside the ontology keep NULL. A mode outside
    the type's modes (stored before the ontology existed) takes the type's score.
    """
    plover = plover or ontology()
    quad = case({name: t.quad_class for name, t in plover.types.items()}, value=EVENTS.c.type)
    by_mode = [(and_(EVENTS.c.type == name, EVENTS.c.mode == mode), literal(score, Float))
               for name, t in plover.types.items() for mode, score in t.mode_scores.items()]
    by_type = [(EVENTS.c.type == name, literal(t.score, Float)) for name, t in plover.types.items()]
    score = case(*by_mode, *by_type)
    statement: Any = (update(EVENTS)
                      .where(EVENTS.c.type.in_(list(plover.types)),
                             or_(EVENTS.c.quad_class.is_distinct_from(quad),
                                 EVENTS.c.plover_score.is_distinct_from(score)))
                      .values(quad_class=quad, plover_score=score))
    return connection.execute(statement).rowcount
