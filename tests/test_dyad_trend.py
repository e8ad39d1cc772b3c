"""The dyad-trend report (two sides, events per month by quad class and mean PLOVER score) on the seeds and on
events of every kind stored through the load path, and its line chart in the HTML page."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from test_consolidation import store
from test_plover_events import CHINA, RUSSIA, USA, plover_event

from etl.records import ActorRef
from reports.library import ReportError, find
from reports.render import LineChart, line_table, render

NEWS_SAMPLE = Path(__file__).resolve().parent / "data" / "news_us_china_sample.jsonl"
BIDEN = ActorRef("Joe Biden", "PERSON", "USA", ["Biden"])
XI = ActorRef("Xi Jinping", "PERSON", "CHN", ["Xi"])
TAIWAN = ActorRef("Taiwan", "COUNTRY", "TWN")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def dyad(cli, db: str, a: str, b: str, **params: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    args = [arg for key, value in {"a": a, "b": b, **params}.items() for arg in ("--param", f"{key}={value}")]
    result = cli("report", "run", "dyad-trend", *args, "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def brief(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["month"], r["direction"], r["events"], *(r[q] for q in QUADS), r["mean_score"]) for r in rows]


# --- the definition, computed in Python from plain reads of the tables ------------------------------------------


def expected_dyad(url: str, a: str, b: str) -> list[tuple[Any, ...]]:
    """What the report's description promises, from the base tables: sides by name, alias or country; an event
    counts when one side acts on the other, or both act with nobody as recipient."""
    engine = create_engine(url)
    with engine.connect() as connection:
        def read(sql: str) -> list[Any]:
            return list(connection.execute(text(sql)))
        actors = {i: (name.lower(), kind, code) for i, name, kind, code in read(
            "SELECT id, canonical_name, kind, country_code FROM actors")}
        aliases = defaultdict(set)
        for actor_id, alias in read("SELECT actor_id, alias FROM actor_aliases"):
            aliases[actor_id].add(alias.lower())
        places = read("SELECT name, country_code FROM locations WHERE kind = 'country'")
        country_names = dict(read("SELECT name, code FROM country_names"))
        roles = defaultdict(dict)
        for event_id, actor_id, role in read("SELECT event_id, actor_id, role FROM event_participants"):
            roles[event_id][actor_id] = "recipient" if role == "target" else "actor"
        events = {i: (str(start)[:7] if start else None, quad, score) for i, start, quad, score in read(
            "SELECT id, date_start, quad_class, plover_score FROM events WHERE NOT rejected")}
    engine.dispose()

    def side(wanted: str) -> set[int]:
        wanted = wanted.lower()
        named = {i for i, (name, _k, _c) in actors.items() if name == wanted or wanted in aliases[i]}
        codes = {actors[i][2] for i in named if actors[i][1] == "COUNTRY" and actors[i][2]}
        codes |= {code for name, code in places if name.lower() == wanted and code}
        if wanted in country_names:
            codes.add(country_names[wanted])
        if wanted.upper() in {c for _n, _k, c in actors.values()}:
            codes.add(wanted.upper())
        return named | {i for i, (_n, _k, code) in actors.items() if code in codes}

    side_a, side_b = side(a), side(b)
    groups: dict[tuple[Any, str], list[tuple[str, float]]] = defaultdict(list)
    for event_id, (month, quad, score) in events.items():
        pairs = [(roles[event_id][x], roles[event_id][y]) for x in roles[event_id].keys() & side_a
                 for y in roles[event_id].keys() & side_b if x != y]
        a_to_b = ("actor", "recipient") in pairs
        b_to_a = ("recipient", "actor") in pairs
        mutual = ("actor", "actor") in pairs and "recipient" not in roles[event_id].values()
        if a_to_b and not b_to_a:
            direction = f"{a} -> {b}"
        elif b_to_a and not a_to_b:
            direction = f"{b} -> {a}"
        elif a_to_b or mutual:
            direction = f"{a} <-> {b}"
        else:
            continue
        groups[(month, direction)].append((quad, score))
    result = []
    for (month, direction), found in sorted(groups.items(), key=lambda g: (g[0][0] is None, g[0][0] or "", g[0][1])):
        counts = [sum(1 for quad, _s in found if quad == q.replace("_", " ")) for q in QUADS]
        mean = sum(Decimal(str(s)) for _q, s in found) / len(found)
        # SQL's ROUND (SQLite's and PostgreSQL's) rounds halves away from zero; Python's round() to even
        result.append((month, direction, len(found), *counts, float(mean.quantize(Decimal("0.01"), ROUND_HALF_UP))))
    return result


# --- the seeds: CONSULT events between the US and China ----------------------------------------------------------


def test_dyad_trend_answers_from_the_seeds(cli, seeded_sqlite: str) -> None:
    rows = dyad(cli, seeded_sqlite, "United States", "China")
    # The seeds: Biden and Xi's call and their meeting in California, Wang Yi's visit to Biden, US officials'
    # visits to China (CONSULT, verbal cooperation), and whatever else the extractor reads there.
    assert brief(rows) == expected_dyad(seeded_sqlite, "United States", "China")
    assert ("2023-11", "United States <-> China") in {(r["month"], r["direction"]) for r in rows}
    assert ("2023-10", "China -> United States") in {(r["month"], r["direction"]) for r in rows}
    assert all(sum(r[q] for q in QUADS) == r["events"] and -10 <= r["mean_score"] <= 10 for r in rows)
    # ISO codes and aliases name the same sides; one person is a side of its own.
    assert sorted(brief(dyad(cli, seeded_sqlite, "USA", "chn")), key=str) == sorted(
        ((m, d.replace("United States", "USA").replace("China", "chn"), *rest) for m, d, *rest in brief(rows)),
        key=str)
    assert brief(dyad(cli, seeded_sqlite, "Biden", "Xi")) == expected_dyad(seeded_sqlite, "Biden", "Xi")
    assert sum(r["events"] for r in dyad(cli, seeded_sqlite, "Biden", "Xi")) < sum(r["events"] for r in rows)
    assert dyad(cli, seeded_sqlite, "United States", "China", date_from="2024-01-01") == [
        r for r in rows if r["month"] and r["month"] >= "2024-01"]
    assert dyad(cli, seeded_sqlite, "Atlantis", "China") == []


def test_dyad_trend_answers_from_the_corpus(cli, db_url: str) -> None:
    assert cli("load", str(NEWS_SAMPLE), "--db", db_url).exit_code == 0
    rows = dyad(cli, db_url, "United States", "China")
    assert rows, "the US-China articles of the corpus gave no event between the two"
    assert brief(rows) == expected_dyad(db_url, "United States", "China")
    # Both directions, with the same events each way round.
    mirrored = dyad(cli, db_url, "China", "United States")
    assert sorted((r["month"] or "", r["events"]) for r in mirrored) == sorted(
        (r["month"] or "", r["events"]) for r in rows)


def test_dyad_trend_needs_both_sides(cli, seeded_sqlite: str) -> None:
    result = cli("report", "run", "dyad-trend", "--param", "a=United States", "--db", seeded_sqlite)
    assert result.exit_code == 2 and "report 'dyad-trend' needs a value for 'b'" in result.stderr


# --- events of the other types, stored through the load path -----------------------------------------------------


def test_dyad_trend_counts_every_type_by_quad_class_and_direction(cli, db_url: str) -> None:
    store(db_url, "2024", *[
        plover_event("SANCTION", "discontinue", (USA, "source"), (CHINA, "target"), day=date(2024, 1, 10)),
        plover_event("THREATEN", "restrict", (XI, "source"), (USA, "target"), day=date(2024, 1, 20)),
        plover_event("CONSULT", "meeting", (BIDEN, "participant"), (XI, "participant"), day=date(2024, 2, 3)),
        plover_event("COOPERATE", None, (USA, "participant"), (CHINA, "participant"), day=date(2024, 2, 14)),
        # Not between the two: both accuse a third party, both are sanctioned by one, a third party attacked.
        plover_event("ACCUSE", "disapprove", (USA, "source"), (CHINA, "source"), (RUSSIA, "target"),
                     day=date(2024, 2, 20)),
        plover_event("SANCTION", "expel", (RUSSIA, "source"), (USA, "target"), (CHINA, "target"),
                     day=date(2024, 3, 1)),
        plover_event("ASSAULT", "aerial", (CHINA, "source"), (TAIWAN, "target"), day=date(2024, 3, 2)),
        plover_event("AID", None, (USA, "source"), (TAIWAN, "target"), day=date(2024, 3, 3)),
        plover_event("REJECT", "meet", (CHINA, "source"), (USA, "target"), day=None, status="occurred"),
    ])
    rows = dyad(cli, db_url, "United States", "China")
    assert brief(rows) == [
        ("2024-01", "China -> United States", 1, 0, 0, 1, 0, -5.1),
        ("2024-01", "United States -> China", 1, 0, 0, 0, 1, -5.2),
        ("2024-02", "United States <-> China", 2, 1, 1, 0, 0, 4.45),  # (2.1 + 6.8) / 2
        (None, "China -> United States", 1, 0, 0, 1, 0, -4.2),
    ]
    assert brief(rows) == expected_dyad(db_url, "United States", "China")
    assert brief(dyad(cli, db_url, "Joe Biden", "Xi Jinping")) == [
        ("2024-02", "Joe Biden <-> Xi Jinping", 1, 1, 0, 0, 0, 2.1)]
    assert [r["month"] for r in dyad(cli, db_url, "USA", "CHN", date_from="2024-02-01", status="occurred")] == [
        "2024-02"]
    assert brief(dyad(cli, db_url, "China", "Taiwan")) == [
        ("2024-03", "China -> Taiwan", 1, 0, 0, 0, 1, -9.3)]


# --- the line chart ------------------------------------------------------------------------------------------------


def test_the_line_chart_sums_the_quad_classes_and_weights_the_mean_score() -> None:
    chart = find("dyad-trend").chart
    assert chart == LineChart(x="month", lines=QUADS, secondary="mean_score", weight="events")
    frame = pd.DataFrame([
        {"month": "2024-01", "direction": "a -> b", "events": 1, "verbal_cooperation": 0, "material_cooperation": 0,
         "verbal_conflict": 0, "material_conflict": 1, "mean_score": -5.2},
        {"month": "2024-01", "direction": "a <-> b", "events": 2, "verbal_cooperation": 1, "material_cooperation": 1,
         "verbal_conflict": 0, "material_conflict": 0, "mean_score": 4.45},
        {"month": "2024-04", "direction": "b -> a", "events": 1, "verbal_cooperation": 0, "material_cooperation": 0,
         "verbal_conflict": 1, "material_conflict": 0, "mean_score": -5.1},
        {"month": None, "direction": "b -> a", "events": 5, "verbal_cooperation": 5, "material_cooperation": 0,
         "verbal_conflict": 0, "material_conflict": 0, "mean_score": 2.1},
    ])
    drawn = line_table(frame, chart)
    assert list(drawn.index) == ["2024-01", "2024-02", "2024-03", "2024-04"]  # the silent months too
    assert drawn.loc["2024-01", list(QUADS)].tolist() == [1, 1, 0, 1]
    assert drawn.loc["2024-02", list(QUADS)].tolist() == [0, 0, 0, 0]
    assert drawn.loc["2024-01", "mean_score"] == pytest.approx((-5.2 + 2 * 4.45) / 3)
    assert pd.isna(drawn.loc["2024-02", "mean_score"]) and drawn.loc["2024-04", "mean_score"] == -5.1


def test_the_html_report_draws_the_dyad_trend_as_a_line_chart(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    out = tmp_path / "dyad.html"
    result = cli("report", "run", "dyad-trend", "--param", "a=United States", "--param", "b=China",
                 "--format", "html", "--out", str(out), "--db", seeded_sqlite)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert re.search(r"<figcaption>verbal_cooperation, material_cooperation, verbal_conflict, material_conflict per "
                     r"month; mean_score \(dashed, right axis\)</figcaption>", page)
    # The chart of the columns alone would be bars of events; the report's own [chart] asks for lines.
    assert "events per month" not in page


def test_the_dyad_trend_line_chart_is_drawn_in_chromium(seeded_sqlite: str, tmp_path: Path) -> None:
    from test_browse import chromium_binary, saturated_pixels, screenshot

    chromium_binary()
    report = find("dyad-trend")
    engine = create_engine(seeded_sqlite)
    try:
        frame = report.run(engine, {"a": "United States", "b": "China"})
    finally:
        engine.dispose()
    assert len(frame) > 0, "dyad-trend returned no rows on the seeds"
    page = render(frame, "html", title=report.title, chart=report.chart)
    assert isinstance(page, str)
    with_chart, without_chart = tmp_path / "dyad.html", tmp_path / "no-chart.html"
    with_chart.write_text(page, encoding="utf-8")
    without_chart.write_text(re.sub(r"<figure>.*?</figure>", "", page, flags=re.DOTALL), encoding="utf-8")
    screenshot(with_chart, tmp_path / "dyad.png", tmp_path / "profile")
    screenshot(without_chart, tmp_path / "blank.png", tmp_path / "profile")
    coloured, baseline = saturated_pixels(tmp_path / "dyad.png"), saturated_pixels(tmp_path / "blank.png")
    # The lines and markers are drawn: coloured pixels that the same page without its chart does not have.
    assert coloured > 1000, coloured
    assert baseline < 100, baseline


def test_a_chart_that_names_a_missing_column_is_an_error(cli, seeded_sqlite: str, tmp_path: Path) -> None:
    (tmp_path / "trend.sql").write_text(
        '/* ---\nname = "trend"\ntitle = "T"\ndescription = "d"\n[chart]\nx = "month"\nlines = ["meetings"]\n'
        "--- */\nSELECT '2024-01' AS month, 1 AS events", encoding="utf-8")
    result = cli("report", "run", "trend", "--reports-dir", str(tmp_path), "--format", "html", "--db", seeded_sqlite)
    assert result.exit_code == 2 and "[chart] names meetings, which the report does not return" in result.stderr
    (tmp_path / "trend.sql").write_text(
        '/* ---\nname = "trend"\ntitle = "T"\ndescription = "d"\n[chart]\nx = "month"\nlines = "events"\n'
        "--- */\nSELECT 1", encoding="utf-8")
    with pytest.raises(ReportError, match=r"\[chart\] needs x \(a column\) and lines \(a list of columns\)"):
        find("trend", [tmp_path])
