"""One fact, one row: actors, places and events consolidated across articles, loads and curation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from conftest import SCORER, SEEDS, SEEDS_GOLD, needs_scorer
from db.models import EtlRun
from db.session import open_database, session_factory
from etl.load import ArticleStore, content_hash
from etl.records import (
    ActorRef,
    ArticleExtraction,
    ArticleRecord,
    DateRef,
    ExtractedEvent,
    MentionRef,
    Origin,
    ParticipantRef,
    PlaceRef,
)

GOLD = SEEDS_GOLD
SEED_FILES = sorted(SEEDS.glob("*.txt"))

WANG_YI = ActorRef("Wang Yi", "PERSON", "CHN", ["Wang"])
WANG_WENBIN = ActorRef("Wang Wenbin", "PERSON", "CHN", ["Wang"])
SULLIVAN = ActorRef("Jake Sullivan", "PERSON", "USA", ["Sullivan"])
LAVROV = ActorRef("Sergei Lavrov", "PERSON", "RUS", ["Lavrov"])
VIENNA = PlaceRef("Vienna", "AUT", 48.2, 16.37, "city")
MALTA = PlaceRef("Malta", "MLT", 35.9, 14.4, "country")
AUSTRIA = PlaceRef("Austria", "AUT", 47.3, 13.3, "country")


def meeting(*actors: ActorRef, place: PlaceRef | None = None, start: date | None = None, end: date | None = None,
            titles: tuple[str | None, ...] = ()) -> ExtractedEvent:
    return ExtractedEvent(
        type="CONSULT", mode="meeting", status="occurred",
        participants=[ParticipantRef(a, "participant", titles[i] if i < len(titles) else None)
                      for i, a in enumerate(actors)],
        mentions=[MentionRef("They met.", 0, 9, "met")],
        date=DateRef(start, end or start, "day" if end in (None, start) else "month", "then") if start else None,
        location=place,
    )


def new_run_id(sessions: sessionmaker[Session]) -> int:
    """A new etl_runs row for storing by hand; its id."""
    with sessions.begin() as session:
        run = EtlRun(input="test", pipeline_version="test", model_name="test")
        session.add(run)
        session.flush()
        return run.id


def store(url: str, article_id: str, *events: ExtractedEvent, published: date | None = date(2024, 1, 1),
          source: str = "Wire", title: str | None = None, article_url: str | None = None) -> None:
    engine = open_database(url)
    sessions = session_factory(engine)
    run_id = new_run_id(sessions)
    record = ArticleRecord(article_id, f"They met. ({article_id})", Origin(article_id), published_at=published,
                           source=source, title=title, url=article_url)
    with sessions() as session:
        ArticleStore(session, etl_run_id=run_id, pipeline_version="test").store(
            record, ArticleExtraction(list(events)), content_hash(record.text))
    engine.dispose()


def rows(url: str, sql: str) -> list[tuple]:
    engine = open_database(url)
    with engine.connect() as connection:
        result = [tuple(r) for r in connection.execute(text(sql))]
    engine.dispose()
    return result


def export_lines(cli, url: str) -> list[str]:
    lines = []
    for line in cli("export", "--db", url).stdout.splitlines():
        event = json.loads(line)
        event.pop("id")
        lines.append(json.dumps(event, sort_keys=True))
    return sorted(lines)


def participant_names(lines: list[str]) -> set[str]:
    return {p["name"] for line in lines for p in json.loads(line)["participants"]}


def score(cli, url: str, tmp_path: Path) -> dict[str, float]:
    out = tmp_path / "export.jsonl"
    cli("export", "--out", str(out), "--db", url)
    last = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(out)], capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", last)}


def load_one_by_one(cli, url: str, order: list[Path]) -> None:  # type: ignore[no-untyped-def]
    for path in order:
        assert cli("load", str(path), "--db", url).exit_code == 0


@pytest.mark.parametrize("order", [SEED_FILES, SEED_FILES[::-1]], ids=["000-first", "003-first"])
def test_seeds_loaded_in_two_runs_consolidate(cli, sqlite_url: str, order: list[Path]) -> None:
    load_one_by_one(cli, sqlite_url, order)
    cited = rows(sqlite_url, "SELECT location, article_count FROM v_meetings "
                             "WHERE (actor_a = 'Joe Biden' AND actor_b = 'Xi Jinping') "
                             "OR (actor_a = 'Xi Jinping' AND actor_b = 'Joe Biden') "
                             "OR (actor_a IN ('Jake Sullivan', 'Wang Yi') AND actor_b IN ('Jake Sullivan', 'Wang Yi'))")
    assert cited.count(("California", 2)) == 1
    assert cited.count(("Bangkok", 2)) == 1
    assert ("California", 1) not in cited and ("Bangkok", 1) not in cited


@needs_scorer
@pytest.mark.parametrize("order", [SEED_FILES, SEED_FILES[::-1]], ids=["000-first", "003-first"])
def test_seeds_loaded_in_two_runs_score_as_one_load(cli, sqlite_url: str, tmp_path: Path, order: list[Path]) -> None:
    one_run = f"sqlite:///{tmp_path / 'one.sqlite'}"
    assert cli("load", str(SEEDS), "--db", one_run).exit_code == 0
    load_one_by_one(cli, sqlite_url, order)
    figures = score(cli, sqlite_url, tmp_path)
    assert figures["consolidation_f1"] >= 0.90
    assert figures["event_f1"] == score(cli, one_run, tmp_path)["event_f1"]


def test_order_and_repetition_do_not_change_the_events(cli, tmp_path: Path) -> None:
    urls = [f"sqlite:///{tmp_path / f'{i}.sqlite'}" for i in range(3)]
    for path in SEED_FILES:
        cli("load", str(path), "--db", urls[0])
    for path in SEED_FILES[::-1]:
        cli("load", str(path), "--db", urls[1])
    cli("load", str(SEEDS), "--db", urls[2])
    cli("load", str(SEEDS), "--db", urls[2])
    exports = [export_lines(cli, url) for url in urls]
    assert exports[0] == exports[1] == exports[2]


def test_same_surname_different_people_stay_apart(db_url: str) -> None:
    store(db_url, "a1", meeting(WANG_YI, LAVROV, place=VIENNA, start=date(2024, 1, 2)))
    store(db_url, "a2", meeting(WANG_WENBIN, SULLIVAN, start=date(2024, 2, 2)))
    # A later article that only says "Wang": two stored people go by it, so it is linked to neither.
    store(db_url, "a3", meeting(ActorRef("Wang", "PERSON", "CHN", []), ActorRef("Lavrov", "PERSON", "RUS", []),
                                start=date(2024, 3, 3)))
    actors = {name for (name,) in rows(db_url, "SELECT canonical_name FROM actors")}
    assert {"Wang Yi", "Wang Wenbin", "Wang", "Sergei Lavrov"} <= actors
    assert "Lavrov" not in actors  # the one Lavrov is linked
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(3,)]


def test_surname_links_when_the_title_decides(db_url: str) -> None:
    store(db_url, "a1", meeting(WANG_YI, LAVROV, start=date(2024, 1, 2), titles=("Foreign Minister", None)))
    store(db_url, "a2", meeting(WANG_WENBIN, SULLIVAN, start=date(2024, 2, 2), titles=("spokesperson", None)))
    store(db_url, "a3", meeting(ActorRef("Wang", "PERSON", None, []), SULLIVAN, start=date(2024, 5, 5),
                                titles=("foreign minister", None)))
    assert "Wang" not in {name for (name,) in rows(db_url, "SELECT canonical_name FROM actors")}
    assert rows(db_url, "SELECT actor_a, actor_b FROM v_meetings WHERE date_start = '2024-05-05'") in (
        [("Jake Sullivan", "Wang Yi")], [("Wang Yi", "Jake Sullivan")])
    roles = rows(db_url, "SELECT title, first_seen, last_seen FROM v_actor_roles WHERE actor = 'Wang Yi' "
                         "ORDER BY title")
    assert [r[0] for r in roles] == ["Foreign Minister", "foreign minister"]


def test_vienna_and_malta_meetings_of_one_pair_stay_apart(db_url: str) -> None:
    store(db_url, "v", meeting(SULLIVAN, WANG_YI, place=VIENNA, start=date(2023, 5, 1), end=date(2023, 5, 31)))
    store(db_url, "m", meeting(SULLIVAN, WANG_YI, place=MALTA, start=date(2023, 5, 1), end=date(2023, 5, 31)))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(2,)]


def test_a_bodys_summit_and_the_meeting_at_its_margins_stay_apart(db_url: str) -> None:
    """One article tells the SCO summit its attendees met at, another the meeting of two of them there: two events."""
    sco = ActorRef("SCO", "ORG", None, [])
    summit = meeting(sco, SULLIVAN, WANG_YI, place=VIENNA, start=date(2023, 5, 10))
    summit.mode = "multilateral"
    store(db_url, "summit", summit)
    store(db_url, "meeting", meeting(SULLIVAN, WANG_YI, place=VIENNA, start=date(2023, 5, 10)))
    assert rows(db_url, "SELECT mode FROM events ORDER BY mode") == [("meeting",), ("multilateral",)]
    # the same meeting told again joins the meeting
    store(db_url, "again", meeting(WANG_YI, SULLIVAN, place=VIENNA, start=date(2023, 5, 10)))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(2,)]


def test_compatible_reports_merge_keeping_the_most_precise_values(db_url: str) -> None:
    store(db_url, "month", meeting(SULLIVAN, WANG_YI, place=AUSTRIA, start=date(2023, 5, 1), end=date(2023, 5, 31)),
          source="Wire")
    store(db_url, "day", meeting(SULLIVAN, WANG_YI, place=VIENNA, start=date(2023, 5, 10)), source="Paper")
    store(db_url, "again", meeting(WANG_YI, SULLIVAN, start=date(2023, 5, 1), end=date(2023, 5, 31)), source="Wire")
    [(location, start, end, date_from, place_from)] = rows(
        db_url, "SELECT l.name, e.date_start, e.date_end, da.external_id, la.external_id FROM events e "
                "JOIN locations l ON l.id = e.location_id JOIN articles da ON da.id = e.date_article_id "
                "JOIN articles la ON la.id = e.location_article_id")
    assert (location, str(start), str(end), date_from, place_from) == ("Vienna", "2023-05-10", "2023-05-10",
                                                                         "day", "day")
    [(mentions, articles, sources)] = rows(db_url, "SELECT mention_count, article_count, source_count "
                                                   "FROM v_event_sources")
    assert (mentions, articles, sources) == (3, 3, 2)


def test_confidence_grows_with_independent_sources(db_url: str) -> None:
    store(db_url, "first", meeting(SULLIVAN, LAVROV, start=date(2024, 6, 1)), source="Wire")
    [(alone,)] = rows(db_url, "SELECT confidence FROM events")
    store(db_url, "second", meeting(SULLIVAN, LAVROV, start=date(2024, 6, 1)), source="Paper")
    [(confirmed,)] = rows(db_url, "SELECT confidence FROM events")
    assert confirmed > alone


def test_curation_rules_apply_now_and_survive_a_full_reload(cli, db_url: str) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    meetings = json.loads(cli("report", "run", "officials-met", "--param", "actor=Jake Sullivan", "--format", "json",
                              "--db", db_url).stdout)
    by_place = {m["location"]: m["event_id"] for m in meetings if m["counterpart"] in ("Wang Yi", "Jake Sullivan")
                and m["actor"] in ("Wang Yi", "Jake Sullivan")}
    vienna, malta = by_place["Vienna"], by_place["Malta"]
    zhang = next(m["event_id"] for m in meetings if "Zhang Youxia" in (m["actor"], m["counterpart"]))

    assert cli("events", "reject", str(zhang), "--note", "test", "--db", db_url).exit_code == 0
    assert cli("events", "merge", str(vienna), str(malta), "--db", db_url).exit_code == 0
    assert cli("actors", "merge", "John Podesta", "Antony Blinken", "--db", db_url).exit_code == 0
    before = export_lines(cli, db_url)
    names = participant_names(before)
    assert "Zhang Youxia" not in names and "Antony Blinken" not in names and "John Podesta" in names

    listed = cli("curation", "list", "--format", "json", "--db", db_url)
    assert [r["action"] for r in json.loads(listed.stdout)] == ["event_reject", "event_merge", "actor_merge"]

    assert cli("reprocess", "--db", db_url).exit_code == 0
    assert export_lines(cli, db_url) == before

    undo = cli("curation", "undo", "1", "--db", db_url)
    assert undo.exit_code == 0
    assert "Zhang Youxia" in participant_names(export_lines(cli, db_url))


def test_curation_errors_are_clear(cli, seeded_sqlite: str) -> None:
    result = cli("actors", "merge", "Nobody Atall", "Wang Yi", "--db", seeded_sqlite)
    assert result.exit_code == 3 and "no actor named 'Nobody Atall'" in result.stderr
    result = cli("events", "reject", "99999", "--db", seeded_sqlite)
    assert result.exit_code == 3 and "no event with id 99999" in result.stderr


def call(*actors: ActorRef, status: str) -> ExtractedEvent:
    event = meeting(*actors)
    event.mode, event.status = "phone", status
    return event


def test_undated_reports_merge_only_when_something_pins_them_down(db_url: str) -> None:
    store(db_url, "c1", call(SULLIVAN, LAVROV, status="occurred"), published=date(2024, 1, 1))
    store(db_url, "c2", call(SULLIVAN, LAVROV, status="occurred"), published=date(2024, 1, 2))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(1,)]  # the news of the same days: the latest call
    store(db_url, "c3", call(SULLIVAN, LAVROV, status="occurred"), published=date(2024, 1, 12))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(2,)]  # ten days on: which call is unknown
    # Two reports of a plan told after those calls: one plan.
    store(db_url, "p1", call(SULLIVAN, LAVROV, status="planned"), published=date(2024, 1, 20))
    store(db_url, "p2", call(LAVROV, SULLIVAN, status="planned"), published=date(2024, 1, 25))
    assert rows(db_url, "SELECT COUNT(*) FROM events WHERE status = 'planned'") == [(1,)]


def test_an_undated_report_matches_only_events_of_about_its_time(db_url: str) -> None:
    moscow = PlaceRef("Moscow", "RUS", 55.75, 37.62, "city")
    store(db_url, "dec", meeting(SULLIVAN, LAVROV, place=moscow, start=date(2018, 12, 29)),
          published=date(2018, 12, 30))
    store(db_url, "jan", meeting(SULLIVAN, LAVROV, place=moscow), published=date(2018, 1, 23))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(2,)]
    store(db_url, "dec-again", meeting(LAVROV, SULLIVAN, place=moscow), published=date(2019, 1, 2))
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(2,)]  # a week later: the December meeting
