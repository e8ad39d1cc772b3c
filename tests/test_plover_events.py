"""The PLOVER ontology as data: its loader, the quad_class and plover_score every stored event gets (load, curation,
the backfill of migration 0012, the restamp after an edit of the file), PLOVER's roles, and the export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib import import_module
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from test_consolidation import rows, store

from db.session import create_db_engine, downgrade, open_database, upgrade
from etl.ontology import ONTOLOGY_FILE, OntologyError, ontology
from etl.plover_columns import restamp_events
from etl.records import ActorRef, DateRef, ExtractedEvent, MentionRef, ParticipantRef

# The codebook's table "PLOVER conflict--cooperation scores" and each category's quad class (PLOVER_MANUAL.tex 0.8;
# REQUEST is its DEMAND, COOPERATE its COOPERATION): what etl/lexicons/plover_ontology.toml must say.
CODEBOOK = {
    "AGREE": ("verbal cooperation", 4.2), "CONSULT": ("verbal cooperation", 2.1),
    "SUPPORT": ("verbal cooperation", 4.6), "CONCEDE": ("verbal cooperation", 5.0),
    "COOPERATE": ("material cooperation", 6.8), "AID": ("material cooperation", 7.4),
    "RETREAT": ("material cooperation", 7.6), "REQUEST": ("verbal conflict", -5.0),
    "ACCUSE": ("verbal conflict", -2.0), "REJECT": ("verbal conflict", -4.2), "THREATEN": ("verbal conflict", -5.1),
    "PROTEST": ("material conflict", -6.6), "SANCTION": ("material conflict", -5.2),
    "MOBILIZE": ("material conflict", -5.3), "COERCE": ("material conflict", -7.2),
    "ASSAULT": ("material conflict", -9.3),
}
USA = ActorRef("United States", "COUNTRY", "USA", ["US"])
CHINA = ActorRef("China", "COUNTRY", "CHN", ["Beijing"])
RUSSIA = ActorRef("Russia", "COUNTRY", "RUS")


def plover_event(type_: str, mode: str | None, *sides: tuple[ActorRef, str], day: date | None = date(2024, 3, 5),
                 status: str = "occurred") -> ExtractedEvent:
    """An extractor's record of one event of any type: (actor, role) per participant."""
    return ExtractedEvent(
        type=type_, mode=mode, status=status,
        participants=[ParticipantRef(actor, role) for actor, role in sides],
        mentions=[MentionRef("They met.", 0, 9, type_.lower())],
        date=DateRef(day, day, "day", "on Tuesday") if day else None,
    )


PHONE_SCORED_APART = ('modes = ["phone", "video"', 'mode_scores = { phone = 1.0 }\nmodes = ["phone", "video"')


def write_ontology(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the shipped ontology with each (old, new) text replaced once."""
    source = ONTOLOGY_FILE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in source
        source = source.replace(old, new, 1)
    path = tmp_path / "ontology.toml"
    path.write_text(source, encoding="utf-8")
    return path


# --- the ontology file and its loader ----------------------------------------------------------------------------


def test_the_ontology_has_the_codebooks_16_types_quad_classes_and_scores() -> None:
    plover = ontology()
    assert plover.type_names() == tuple(CODEBOOK)
    assert {name: (plover.quad_class(name), plover.score(name)) for name in CODEBOOK} == CODEBOOK
    assert plover.quad_classes == {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
                                   "material conflict": 4}
    assert plover.modes("CONSULT") == ("phone", "video", "visit", "host", "meeting", "multilateral", "third-party")
    assert plover.modes("SANCTION") == ("convict", "expel", "withdraw", "discontinue")
    assert plover.modes("AGREE") == ()
    # No per-mode score in the codebook: every mode scores as its type.
    assert {plover.score("ASSAULT", mode) for mode in plover.modes("ASSAULT")} == {-9.3}
    assert all(t.definition for t in plover.types.values())
    assert {role: plover.plover_role(role) for role in ("source", "target", "participant", "mediator")} == {
        "source": "actor", "target": "recipient", "participant": "actor", "mediator": "actor"}


def test_a_type_or_mode_outside_the_ontology_is_named_with_the_valid_ones() -> None:
    plover = ontology()
    with pytest.raises(OntologyError, match=r"event type 'SANKTION' is not in the PLOVER ontology .*"
                                            r"did you mean 'SANCTION'.*valid types: AGREE, CONSULT"):
        plover.classify("SANKTION", None)
    with pytest.raises(OntologyError, match=r"mode 'visit' is not a mode of SANCTION .*valid modes: convict, "
                                            r"expel, withdraw, discontinue"):
        plover.classify("SANCTION", "visit")
    with pytest.raises(OntologyError, match=r"mode 'phone' is not a mode of AGREE .*none \(leave the mode empty\)"):
        plover.classify("AGREE", "phone")
    assert plover.classify("SANCTION", None) == ("material conflict", -5.2)


def test_a_mode_can_be_scored_apart(tmp_path: Path) -> None:
    plover = ontology(write_ontology(tmp_path, PHONE_SCORED_APART))
    assert (plover.score("CONSULT", "phone"), plover.score("CONSULT", "visit"), plover.score("CONSULT")) == (
        1.0, 2.1, 2.1)


@pytest.mark.parametrize(("old", "new", "error"), [
    ('quad_class = "material conflict"\nscore = -5.2', 'quad_class = "conflict"\nscore = -5.2',
     r"\[types.SANCTION\]: quad_class must be one of verbal cooperation, .*got 'conflict'"),
    ("score = -9.3", "score = -19.3", r"\[types.ASSAULT\]: score must be a number from -10 to 10; got -19.3"),
    ("score = -9.3", 'score = "high"', r"\[types.ASSAULT\]: score must be a number"),
    ('modes = ["convict"', 'mode_scores = { fine = 1 }\nmodes = ["convict"',
     r"\[types.SANCTION\]: mode_scores scores 'fine', which is not one of its modes"),
    ('modes = ["convict"', 'goldstein = 1\nmodes = ["convict"', r"\[types.SANCTION\] has unknown key goldstein"),
    ('modes = ["convict", "expel"', 'modes = ["expel", "expel"',
     r"\[types.SANCTION\]: modes must be a list of distinct"),
    ('target = "recipient"', 'target = "victim"', r"\[roles\] must map each participant role to actor or recipient"),
    ("[types.AGREE]", "[types.AGREE", r"not valid TOML"),
])
def test_a_malformed_ontology_is_an_error_naming_the_file_and_entry(tmp_path: Path, old: str, new: str,
                                                                     error: str) -> None:
    path = write_ontology(tmp_path, (old, new))
    with pytest.raises(OntologyError, match=error) as raised:
        ontology(path)
    assert str(path) in str(raised.value)


# --- every stored event gets its quad class and score ------------------------------------------------------------


def one_of_each_type(url: str) -> list[ExtractedEvent]:
    """An event of every type (with its last mode), the United States acting on China, stored by the load."""
    plover = ontology()
    events = [plover_event(name, (plover.modes(name) or (None,))[-1], (USA, "source"), (CHINA, "target"),
                           day=date(2024, 1 + i % 12, 1 + i))
              for i, name in enumerate(CODEBOOK)]
    store(url, "every-type", *events)
    return events


def test_a_stored_event_of_each_type_gets_its_quad_class_and_score(db_url: str) -> None:
    events = one_of_each_type(db_url)
    stored = rows(db_url, "SELECT type, mode, quad_class, plover_score FROM events")
    assert len(stored) == len(CODEBOOK)
    assert {type_: (quad, score) for type_, _mode, quad, score in stored} == CODEBOOK
    assert {type_: mode for type_, mode, _q, _s in stored} == {e.type: e.mode for e in events}


def test_reports_list_every_type_with_its_quad_class_and_score(cli, db_url: str) -> None:
    one_of_each_type(db_url)

    def report(name: str, **params: str) -> list[dict]:
        args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
        result = cli("report", "run", name, *args, "--format", "json", "--db", db_url)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    for name in CODEBOOK:
        assert [(r["type"], r["events"]) for r in report("events-by-type-month", type=name.lower())] == [(name, 1)]
    timeline = report("actor-timeline", actor="United States")
    assert {r["type"]: (r["quad_class"], r["plover_score"]) for r in timeline} == CODEBOOK
    assert len(timeline) == len(CODEBOOK) and {r["role"] for r in timeline} == {"source"}
    assert [r["type"] for r in report("actor-timeline", actor="China", type="Assault")] == ["ASSAULT"]


def test_the_load_refuses_an_event_outside_the_ontology_and_stores_nothing_of_its_article(db_url: str) -> None:
    good = plover_event("SANCTION", "expel", (USA, "source"), (RUSSIA, "target"))
    with pytest.raises(OntologyError, match="event type 'DEMAND' is not in the PLOVER ontology"):
        store(db_url, "old-label", good, plover_event("DEMAND", None, (USA, "source"), (CHINA, "target")))
    with pytest.raises(OntologyError, match="mode 'phone' is not a mode of SANCTION"):
        store(db_url, "wrong-mode", good, plover_event("SANCTION", "phone", (USA, "source"), (CHINA, "target")))
    assert rows(db_url, "SELECT COUNT(*) FROM articles") == [(0,)]
    assert rows(db_url, "SELECT COUNT(*) FROM events") == [(0,)]
    store(db_url, "fine", good)
    assert rows(db_url, "SELECT type, quad_class, plover_score FROM events") == [("SANCTION", "material conflict",
                                                                                  -5.2)]


def test_a_merge_keeps_a_mode_of_the_kept_events_type_and_its_score(cli, db_url: str) -> None:
    store(db_url, "sanction", plover_event("SANCTION", "expel", (USA, "source"), (CHINA, "target")))
    store(db_url, "visit", plover_event("CONSULT", "visit", (USA, "source"), (CHINA, "target")))
    [(sanction,)] = rows(db_url, "SELECT id FROM events WHERE type = 'SANCTION'")
    [(visit,)] = rows(db_url, "SELECT id FROM events WHERE type = 'CONSULT'")
    result = cli("events", "merge", str(sanction), str(visit), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert rows(db_url, "SELECT type, mode, quad_class, plover_score FROM events") == [
        ("SANCTION", "expel", "material conflict", -5.2)]


def test_restamp_follows_an_edited_ontology_and_then_changes_nothing(db_url: str, tmp_path: Path) -> None:
    store(db_url, "a", plover_event("SANCTION", "expel", (USA, "source"), (CHINA, "target")),
          plover_event("CONSULT", "phone", (USA, "participant"), (CHINA, "participant")),
          plover_event("CONSULT", "visit", (USA, "source"), (CHINA, "target"), day=date(2024, 5, 1)))
    edited = write_ontology(tmp_path, PHONE_SCORED_APART, ('quad_class = "material conflict"\nscore = -5.2',
                                                           'quad_class = "verbal conflict"\nscore = -4.0'))
    engine = open_database(db_url)
    try:
        with engine.begin() as connection:
            assert restamp_events(connection, ontology(edited)) == 2
        with engine.begin() as connection:
            assert restamp_events(connection, ontology(edited)) == 0
        with engine.connect() as connection:
            stamped = sorted(tuple(r) for r in connection.execute(text(
                "SELECT type, mode, quad_class, plover_score FROM events")))
    finally:
        engine.dispose()
    assert stamped == [("CONSULT", "phone", "verbal cooperation", 1.0), ("CONSULT", "visit", "verbal cooperation", 2.1),
                       ("SANCTION", "expel", "verbal conflict", -4.0)]


def test_a_load_restamps_events_that_disagree_with_the_ontology(cli, sqlite_url: str, tmp_path: Path) -> None:
    store(sqlite_url, "a", plover_event("ASSAULT", "drone", (RUSSIA, "source"), (USA, "target")))
    engine = open_database(sqlite_url)
    with engine.begin() as connection:  # as if stored under an earlier edition of the file
        connection.execute(text("UPDATE events SET quad_class = 'verbal conflict', plover_score = -1"))
    engine.dispose()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert cli("load", str(empty), "--db", sqlite_url).exit_code == 0
    assert rows(sqlite_url, "SELECT quad_class, plover_score FROM events") == [("material conflict", -9.3)]


# --- migration 0012: the backfill and its way back ----------------------------------------------------------------


def test_migration_backfills_the_columns_from_type_and_mode_and_downgrades(db_url: str) -> None:
    before = import_module("migrations.versions.0012_plover_columns").down_revision  # wherever it is chained
    engine = create_db_engine(db_url)
    try:
        upgrade(engine, before)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO events (id, type, mode, status, confidence) VALUES "
                "(1, 'CONSULT', 'visit', 'occurred', 0.5), (2, 'SANCTION', 'expel', 'occurred', 0.5), "
                "(3, 'ASSAULT', NULL, 'planned', 0.5), (4, 'CONSULT', 'summit', 'occurred', 0.5), "
                "(5, 'DEMAND', NULL, 'occurred', 0.5), (6, 'RETREAT', 'release', 'occurred', 0.5)"))
        upgrade(engine)
        with engine.connect() as connection:
            stamped = {r[0]: (r[1], r[2]) for r in connection.execute(text(
                "SELECT id, quad_class, plover_score FROM events"))}
        assert stamped == {
            1: ("verbal cooperation", 2.1), 2: ("material conflict", -5.2), 3: ("material conflict", -9.3),
            4: ("verbal cooperation", 2.1),  # a mode the ontology lacks: the type's score
            5: (None, None),                 # a type the ontology lacks: left for the analyst to see
            6: ("material cooperation", 7.6)}
        columns = {c["name"] for c in inspect(engine).get_columns("v_event_participants")}
        assert {"quad_class", "plover_score", "plover_role"} <= columns
        downgrade(engine, before)
        assert not {"quad_class", "plover_score"} & {c["name"] for c in inspect(engine).get_columns("events")}
        assert "plover_role" not in {c["name"] for c in inspect(engine).get_columns("v_event_participants")}
        with engine.connect() as connection:
            assert connection.execute(text("SELECT COUNT(*) FROM events")).scalar() == 6
    finally:
        engine.dispose()


# --- PLOVER's roles and the export -------------------------------------------------------------------------------


def test_view_and_export_give_each_side_its_plover_role(cli, db_url: str) -> None:
    store(db_url, "roles", plover_event("SANCTION", "discontinue", (USA, "source"), (CHINA, "target")),
          plover_event("CONSULT", "third-party", (USA, "participant"), (RUSSIA, "participant"),
                       (ActorRef("Qatar", "COUNTRY", "QAT"), "mediator"), day=date(2024, 4, 2)))
    plover = ontology()
    viewed = rows(db_url, "SELECT role, plover_role, quad_class, plover_score FROM v_event_participants")
    assert {role for role, *_ in viewed} == {"source", "target", "participant", "mediator"}
    assert all(plover_role == plover.plover_role(role) for role, plover_role, _q, _s in viewed)

    exported = [json.loads(line) for line in cli("export", "--db", db_url).stdout.splitlines()]
    by_type = {e["type"]: e for e in exported}
    assert (by_type["SANCTION"]["quad_class"], by_type["SANCTION"]["plover_score"]) == ("material conflict", -5.2)
    assert {p["name"]: p["plover_role"] for p in by_type["SANCTION"]["participants"]} == {
        "United States": "actor", "China": "recipient"}
    assert {p["plover_role"] for p in by_type["CONSULT"]["participants"]} == {"actor"}
    table = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv", "--db", db_url).stdout)))
    assert {(r["type"], r["quad_class"], r["plover_score"]) for r in table} == {
        ("SANCTION", "material conflict", "-5.2"), ("CONSULT", "verbal cooperation", "2.1")}
