"""Extraction cases as data: made-up sentences and the events they must (and must not) give, one parametrised test
reading tests/data/extraction_cases.toml. Names are matched as ../shared/eval/score.py matches them (word sets,
either contained in the other), so a test asks what the scorer would ask."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from nlp_helpers import events

from etl.records import ExtractedEvent

CASES = tomllib.loads((Path(__file__).parent / "data" / "extraction_cases.toml").read_text(encoding="utf-8"))["case"]
REMOTE = {"phone", "video"}


def words(name: str) -> frozenset[str]:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s).replace("-", " ")
    return frozenset(t for t in s.split() if t not in {"the", "of"})


def has(event: ExtractedEvent, name: str) -> bool:
    want = words(name)
    return any(want <= words(p.actor.name) or words(p.actor.name) <= want
               for p in event.participants if words(p.actor.name))


def fits(event: ExtractedEvent, expect: dict) -> list[str]:
    """What of `expect` the event gets wrong (empty when it fits)."""
    wrong = []
    if "location" in expect and (event.location is None or words(expect["location"]) != words(event.location.name)):
        wrong.append(f"location {event.location.name if event.location else None!r} != {expect['location']!r}")
    if "date" in expect:
        start, _, end = expect["date"].partition("..")
        lo, hi = date.fromisoformat(start), date.fromisoformat(end or start)
        if event.date is None or not (lo <= event.date.start and event.date.end <= hi):
            wrong.append(f"date {event.date.start if event.date else None}..{event.date.end if event.date else None}"
                         f" not within {expect['date']}")
    if "status" in expect and event.status != expect["status"]:
        wrong.append(f"status {event.status} != {expect['status']}")
    if "mode_class" in expect and ("remote" if event.mode in REMOTE else "in-person") != expect["mode_class"]:
        wrong.append(f"mode {event.mode} is not {expect['mode_class']}")
    return wrong


def case_id(case: dict) -> str:
    return f"{case['class']}-{case['text'][:40]}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_case(case: dict) -> None:
    found = events(case["text"], date.fromisoformat(case["published"]), kind=None)
    shown = [(e.type, e.mode, sorted(p.actor.name for p in e.participants),
              e.location.name if e.location else None, e.date.start if e.date else None) for e in found]
    for expect in case.get("expect", []):
        candidates = [e for e in found if e.type == expect["type"] and all(has(e, n) for n in expect["participants"])]
        assert candidates, f"no {expect['type']} event with {expect['participants']}; found {shown}"
        assert any(not fits(e, expect) for e in candidates), \
            f"{expect}: {[fits(e, expect) for e in candidates]}; found {shown}"
    for absent in case.get("absent", []):
        assert not [e for e in found if e.type == absent["type"] and all(has(e, n) for n in absent["participants"])]
    if "count" in case:
        kind = case.get("count_type", "CONSULT")
        assert len([e for e in found if e.type == kind]) == case["count"], shown
