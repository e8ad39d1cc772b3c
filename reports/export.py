"""Export every event in the interchange format of ../shared/eval/README.md (JSON Lines or CSV).

Beside the format's fields, each event carries its PLOVER quad class and score, and each participant its side
in PLOVER's terms (`plover_role`: actor or recipient).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import Any, TextIO

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from db.models import Article, Event, EventIssue, EventMention, EventParticipant, Issue
from etl.ontology import ontology

CSV_COLUMNS = ("id", "type", "mode", "quad_class", "plover_score", "status", "date_start", "date_end",
               "date_precision", "date_text", "location", "location_country_code", "lat", "lon", "participants",
               "issues", "article_ids", "sentences", "confidence")


def iter_events(engine: Engine, batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """Each event as a dict shaped like one line of the export, in id order, a batch at a time."""
    with Session(engine) as session:
        last_id = 0
        while True:
            events = session.scalars(
                select(Event)
                .where(Event.id > last_id, Event.rejected.is_(False))
                .order_by(Event.id)
                .limit(batch_size)
                .options(
                    selectinload(Event.location),
                    selectinload(Event.participants).selectinload(EventParticipant.actor),
                    selectinload(Event.mentions).selectinload(EventMention.article).load_only(Article.external_id),
                )
            ).all()
            if not events:
                return
            issues = _issue_codes(session, [e.id for e in events])
            for event in events:
                yield event_record(event, issues.get(event.id, []))
            last_id = events[-1].id


def _issue_codes(session: Session, event_ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(EventIssue.event_id, Issue.code)
        .join(Issue, Issue.id == EventIssue.issue_id)
        .where(EventIssue.event_id.in_(event_ids))
        .order_by(EventIssue.event_id, Issue.code)
    )
    codes: dict[int, list[str]] = {}
    for event_id, code in rows:
        codes.setdefault(event_id, []).append(code)
    return codes


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def event_record(event: Event, issues: list[str]) -> dict[str, Any]:
    date_obj = None
    if event.date_start is not None:
        date_obj = {"start": _iso(event.date_start), "end": _iso(event.date_end or event.date_start),
                    "precision": event.date_precision, "text": event.date_text}
    location = None
    if event.location is not None:
        place = event.location
        location = {"name": place.name, "country_code": place.country_code, "lat": place.lat, "lon": place.lon}
    plover = ontology()
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "quad_class": event.quad_class,
        "plover_score": event.plover_score,
        "status": event.status,
        "planned_at": _iso(event.planned_at),
        "date": date_obj,
        "location": location,
        "participants": [
            {"name": p.actor.canonical_name, "kind": p.actor.kind, "title": p.title,
             "country_code": p.actor.country_code, "sector": p.actor.sector, "role": p.role,
             "plover_role": plover.plover_role(p.role)}
            for p in sorted(event.participants, key=lambda p: (p.actor.canonical_name, p.actor.kind))
        ],
        "issues": issues,
        "mentions": [
            {"article_id": m.article.external_id, "sentence": m.sentence, "char_start": m.char_start,
             "char_end": m.char_end, "status": m.status}
            for m in sorted(event.mentions, key=lambda m: (m.article.external_id, m.char_start, m.char_end))
        ],
        "confidence": event.confidence,
    }


def write_jsonl(engine: Engine, out: TextIO) -> int:
    count = 0
    for record in iter_events(engine):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(engine: Engine, out: TextIO) -> int:
    """One row per event; lists are joined with '; ' so the file opens cleanly in a spreadsheet."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for record in iter_events(engine):
        writer.writerow(flatten(record))
        count += 1
    return count


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    date_obj = record["date"] or {}
    location = record["location"] or {}
    return {
        "id": record["id"],
        "type": record["type"],
        "mode": record["mode"],
        "quad_class": record["quad_class"],
        "plover_score": record["plover_score"],
        "status": record["status"],
        "date_start": date_obj.get("start"),
        "date_end": date_obj.get("end"),
        "date_precision": date_obj.get("precision"),
        "date_text": date_obj.get("text"),
        "location": location.get("name"),
        "location_country_code": location.get("country_code"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "participants": "; ".join(
            p["name"] + (f" ({p['title']})" if p["title"] else "") for p in record["participants"]),
        "issues": "; ".join(record["issues"]),
        "article_ids": "; ".join(dict.fromkeys(m["article_id"] for m in record["mentions"])),
        "sentences": " | ".join(m["sentence"] for m in record["mentions"]),
        "confidence": record["confidence"],
    }
