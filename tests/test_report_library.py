"""The bundled report library: every report in every format, its answers checked against the base tables,
and the same answers on PostgreSQL as on SQLite.

The expected answers are computed here in Python from plain reads of the base tables, never from the
report SQL, so a report that joins or filters wrongly fails even while the extractor's output changes.
Each check first asks whether the data has rows for the question, so no test passes on an empty result
where a non-empty one was due.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from pairing_rule import counterparts
from sqlalchemy import Engine, create_engine, text

from conftest import SEEDS
from reports.library import discover, find
from reports.render import BINARY_FORMATS, FORMATS, chart_spec

EXPECTED_REPORTS = {
    "officials-met", "meetings-by-location", "actor-timeline", "actor-network", "counterparts", "issue-trends",
    "issues-by-actor", "upcoming", "events-by-type-month", "source-coverage", "data-quality", "dyad-trend",
}
ACTOR = "Jake Sullivan"
# Parameters that make each report answer something on the seeds (the rest run on their defaults).
# The seed articles are from 2023-24, so `upcoming` looks from 2000 on: its default of today is tested apart.
RUN_PARAMS: dict[str, dict[str, str]] = {
    "actor-timeline": {"actor": ACTOR},
    "counterparts": {"actor": ACTOR},
    "upcoming": {"date_from": "2000-01-01"},
    "dyad-trend": {"a": "United States", "b": "China"},
}
# Functions or syntax that exist on only one of SQLite and PostgreSQL.
NOT_PORTABLE = re.compile(r"\b(strftime|to_char|group_concat|string_agg|date_trunc|julianday|ilike|datetime|"
                          r"extract|now|ifnull|iif|printf|format)\s*\(|::|\bilike\b", re.IGNORECASE)


# --- helpers ------------------------------------------------------------------------------------------------


def cli_args(params: dict[str, str]) -> list[str]:
    return [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]


def assert_needs_actor(cli, name: str, db: str) -> None:  # type: ignore[no-untyped-def]
    """Without its required actor the report is an error naming the parameter, not an empty result."""
    result = cli("report", "run", name, "--format", "json", "--db", db)
    assert result.exit_code == 2 and f"report {name!r} needs a value for 'actor'" in result.stderr
    assert result.stdout == ""


def run_json(cli, name: str, db: str, **params: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = cli("report", "run", name, *cli_args(params), "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@dataclass
class Seeds:
    """The seeded database read back table by table: the ground truth the reports are checked against."""

    url: str
    events: dict[int, dict[str, Any]]
    participants: list[dict[str, Any]]
    actors: dict[int, dict[str, Any]]
    aliases: list[dict[str, Any]]
    locations: dict[int, dict[str, Any]]
    articles: dict[int, dict[str, Any]]
    sources: dict[int, str]
    mentions: list[dict[str, Any]]
    issues: dict[int, dict[str, Any]]
    event_issues: list[dict[str, Any]]

    def actor_ids(self, name: str) -> set[int]:
        return ({a["actor_id"] for a in self.aliases if a["alias"].lower() == name.lower()}
                | {i for i, a in self.actors.items() if a["canonical_name"].lower() == name.lower()})

    def people(self, event_id: int) -> set[int]:
        return {p["actor_id"] for p in self.participants if p["event_id"] == event_id}

    def met(self, event_id: int) -> set[tuple[int, int]]:
        """(actor, counterpart) of the event, both ways round: who met whom by the roles (tests/pairing_rule.py)."""
        return counterparts([(p["actor_id"], p["role"]) for p in self.participants if p["event_id"] == event_id],
                            self.events[event_id]["mode"])

    def counterparts_of(self, event_id: int, actors: set[int]) -> set[int]:
        return {b for a, b in self.met(event_id) if a in actors and b not in actors}

    def consult(self) -> dict[int, dict[str, Any]]:
        return {i: e for i, e in self.events.items() if e["type"] == "CONSULT"}

    def name(self, actor_id: int) -> str:
        return self.actors[actor_id]["canonical_name"]


def _rows(engine: Engine, sql: str) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(text(sql))]


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat() if isinstance(value, date) else str(value)


@pytest.fixture(scope="module")
def seeds(seeded_sqlite: str) -> Iterator[Seeds]:
    engine = create_engine(seeded_sqlite)
    try:
        events = {e["id"]: {**e, "date_start": _iso(e["date_start"]), "date_end": _iso(e["date_end"])}
                  for e in _rows(engine, "SELECT id, type, mode, status, date_start, date_end, location_id "
                                         "FROM events")}
        yield Seeds(
            url=seeded_sqlite,
            events=events,
            participants=_rows(engine, "SELECT event_id, actor_id, role FROM event_participants"),
            actors={a["id"]: a for a in _rows(engine, "SELECT id, canonical_name, kind, country_code FROM actors")},
            aliases=_rows(engine, "SELECT actor_id, alias FROM actor_aliases"),
            locations={r["id"]: r for r in _rows(engine, "SELECT id, name, country_code FROM locations")},
            articles={r["id"]: r for r in _rows(engine, "SELECT id, external_id, source_id, published_at "
                                                        "FROM articles")},
            sources={r["id"]: r["name"] for r in _rows(engine, "SELECT id, name FROM sources")},
            mentions=_rows(engine, "SELECT id, event_id, article_id FROM event_mentions"),
            issues={r["id"]: r for r in _rows(engine, "SELECT id, code FROM issues")},
            event_issues=_rows(engine, "SELECT event_id, issue_id FROM event_issues"),
        )
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def frames(seeded_sqlite: str) -> Iterator[dict[str, pd.DataFrame]]:
    """Each report's result on the seeds, through the library: the reference the formats must show."""
    engine = create_engine(seeded_sqlite)
    try:
        yield {name: report.run(engine, RUN_PARAMS.get(name)) for name, report in discover().items()}
    finally:
        engine.dispose()


def expected_rows(seeds: Seeds, name: str) -> bool:
    """Whether the seeds hold anything the report (run with RUN_PARAMS) must list."""
    consult = seeds.consult()
    sullivan = seeds.actor_ids(ACTOR)
    sullivan_events = {p["event_id"] for p in seeds.participants if p["actor_id"] in sullivan}
    issue_events = {ei["event_id"] for ei in seeds.event_issues}
    checks = {
        "officials-met": any(len(seeds.people(e)) >= 2 for e in consult),
        "meetings-by-location": any(e["location_id"] for e in consult.values()),
        "actor-timeline": bool(sullivan_events),
        "actor-network": any(len(seeds.people(e)) >= 2 for e in consult),
        "counterparts": any(len(seeds.people(e)) >= 2 for e in sullivan_events & set(consult)),
        "issue-trends": any(seeds.events[e]["date_start"] for e in issue_events),
        "issues-by-actor": any(seeds.people(e) for e in issue_events),
        "upcoming": any(e["status"] == "planned" for e in seeds.events.values()),
        "events-by-type-month": bool(seeds.events),
        "source-coverage": bool(seeds.articles),
        "data-quality": True,  # one row per check, always
        "dyad-trend": any({"USA", "CHN"} <= {seeds.actors[p["actor_id"]]["country_code"]
                                            for p in seeds.participants if p["event_id"] == e} for e in seeds.events),
    }
    return checks.get(name, False)


# --- the library as a whole ---------------------------------------------------------------------------------


def test_library_has_the_reports_with_documented_params() -> None:
    reports = discover()
    assert EXPECTED_REPORTS <= set(reports)
    for report in reports.values():
        assert report.title and report.description, report.name
        declared = {p.name for p in report.params}
        used = set(re.findall(r"(?<![:\w]):([a-z_][a-z0-9_]*)", report.sql))
        assert used <= declared, f"{report.name}: binds undeclared {used - declared}"
        for param in report.params:
            assert param.help, f"{report.name}: parameter {param.name} has no help"


def test_type_parameters_offer_the_ontologys_types() -> None:
    from etl.ontology import ontology

    for name in ("events-by-type-month", "actor-timeline"):
        [param] = [p for p in find(name).params if p.name == "type"]
        assert param.choices == ontology().type_names(), name


@pytest.mark.parametrize("name", sorted(EXPECTED_REPORTS))
def test_report_sql_is_portable(name: str) -> None:
    sql = re.sub(r"--[^\n]*", "", find(name).sql)  # comments may name the functions they avoid
    assert not NOT_PORTABLE.search(sql), f"{name}: {NOT_PORTABLE.search(sql).group(0)!r} is dialect specific"


def test_seeds_give_the_reports_something_to_show(seeds: Seeds) -> None:
    # The suite below is only as good as the data: without events or Sullivan's meetings it would prove little.
    assert seeds.events and seeds.participants and seeds.articles
    for name in ("officials-met", "actor-timeline", "counterparts", "actor-network", "meetings-by-location"):
        assert expected_rows(seeds, name), name


# --- every report in every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED_REPORTS))
def test_every_report_in_every_format(cli, seeds: Seeds, frames: dict[str, pd.DataFrame], name: str, fmt: str,
                                      tmp_path: Path) -> None:
    frame = frames[name]
    columns = [str(c) for c in frame.columns]
    if expected_rows(seeds, name):
        assert len(frame) > 0, f"{name} is empty although the seeds have rows for it"
    out = tmp_path / f"{name}.{fmt}"
    result = cli("report", "run", name, *cli_args(RUN_PARAMS.get(name, {})), "--format", fmt, "--out", str(out),
                 "--db", seeds.url)
    assert result.exit_code == 0, result.output
    if fmt in BINARY_FORMATS:
        check_xlsx(out.read_bytes(), columns, len(frame))
        return
    content = out.read_text(encoding="utf-8")
    if fmt == "json":
        rows = json.loads(content)
        assert len(rows) == len(frame) and all(list(r) == columns for r in rows)
    elif fmt == "csv":
        parsed = list(csv.reader(io.StringIO(content)))
        assert parsed[0] == columns and len(parsed) == len(frame) + 1
    elif fmt == "md":
        lines = content.strip().splitlines()
        assert all(c in lines[0] for c in columns) and len(lines) == len(frame) + 2
    elif fmt == "table":
        if frame.empty:
            assert content == "(no rows)\n"
        else:
            assert all(c in content for c in columns) and f"({len(frame)} rows)" in content
    elif fmt == "html":
        check_html(content, find(name).title, frame)
    else:
        pytest.fail(f"untested format {fmt}")


def check_html(page: str, title: str, frame: pd.DataFrame) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", page)
    assert header and re.findall(r"<th>(.*?)</th>", header.group(1)) == [str(c) for c in frame.columns]
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.DOTALL)
    assert body and body.group(1).count("<tr>") == max(len(frame), 1)
    # Self-contained: nothing is fetched when the page opens.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)">', page)
    if chart_spec(frame) is None:
        assert not images
    else:
        assert len(images) == 1 and base64.b64decode(images[0]).startswith(b"\x89PNG\r\n\x1a\n")


def check_xlsx(content: bytes, columns: list[str], rows: int) -> None:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == columns
    assert len(values) == rows + 1


def test_html_charts_the_time_and_count_dimensions(frames: dict[str, pd.DataFrame], seeds: Seeds) -> None:
    if expected_rows(seeds, "issue-trends"):
        spec = chart_spec(frames["issue-trends"])
        assert spec is not None and (spec.kind, spec.time, spec.value) == ("time", "month", "events")
    spec = chart_spec(frames["meetings-by-location"])
    assert spec is not None and (spec.kind, spec.value) == ("ranking", "meetings")
    spec = chart_spec(frames["actor-timeline"])
    assert spec is not None and (spec.kind, spec.time, spec.value) == ("time", "date_start", None)


def test_issue_trends_html_has_a_chart(cli, seeds: Seeds, tmp_path: Path) -> None:
    if not expected_rows(seeds, "issue-trends"):
        pytest.skip("the seeds have no dated event with an issue")
    out = tmp_path / "trends.html"
    assert cli("report", "run", "issue-trends", "--format", "html", "--out", str(out), "--db", seeds.url
               ).exit_code == 0
    assert "<img" in out.read_text(encoding="utf-8")


def test_xlsx_needs_an_output_file_and_keeps_dates(cli, seeds: Seeds, tmp_path: Path) -> None:
    refused = cli("report", "run", "events-by-type-month", "--format", "xlsx", "--db", seeds.url)
    assert refused.exit_code == 2 and "binary" in refused.stderr
    out = tmp_path / "timeline.xlsx"
    assert cli("report", "run", "actor-timeline", "--param", f"actor={ACTOR}", "--format", "xlsx",
               "--out", str(out), "--db", seeds.url).exit_code == 0
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    starts = [row[header.index("date_start")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # SQLite hands dates over as text; the workbook must hold real dates an analyst can sort and filter.
    assert starts and all(s is None or hasattr(s, "year") for s in starts)


# --- each report's answer against the base tables -----------------------------------------------------------


def test_meetings_by_location(cli, seeds: Seeds) -> None:
    expected: dict[str, dict[str, Any]] = {}
    for event_id, event in seeds.consult().items():
        if event["location_id"]:
            place = expected.setdefault(seeds.locations[event["location_id"]]["name"],
                                        {"meetings": 0, "people": set()})
            place["meetings"] += 1
            place["people"] |= seeds.people(event_id)
    rows = run_json(cli, "meetings-by-location", seeds.url)
    assert {r["location"]: (r["meetings"], r["participants"]) for r in rows} == {
        name: (p["meetings"], len(p["people"])) for name, p in expected.items()}
    assert [r["meetings"] for r in rows] == sorted((r["meetings"] for r in rows), reverse=True)
    chinese = run_json(cli, "meetings-by-location", seeds.url, country="chn")
    assert all(r["country_code"] == "CHN" for r in chinese)
    assert len(chinese) == sum(1 for r in rows if r["country_code"] == "CHN")
    assert run_json(cli, "meetings-by-location", seeds.url, date_from="2999-01-01") == []


def test_actor_timeline(cli, seeds: Seeds) -> None:
    me = seeds.actor_ids(ACTOR)
    mine = {p["event_id"] for p in seeds.participants if p["actor_id"] in me}
    rows = run_json(cli, "actor-timeline", seeds.url, actor=ACTOR)
    assert {r["event_id"] for r in rows} == mine and len(rows) == len(mine)
    for row in rows:
        others = sorted(seeds.name(a) for a in seeds.counterparts_of(row["event_id"], me))
        assert row["counterparts"] == ("; ".join(others) or None), row
        assert row["actor"] == ACTOR and row["mode"] == seeds.events[row["event_id"]]["mode"]
    dated = [r["date_start"] for r in rows if r["date_start"]]
    assert dated == sorted(dated) and all(r["date_start"] for r in rows[: len(dated)])
    assert run_json(cli, "actor-timeline", seeds.url, actor="sullivan") == rows  # alias, any case
    assert_needs_actor(cli, "actor-timeline", seeds.url)
    assert run_json(cli, "actor-timeline", seeds.url, actor="x' OR '1'='1") == []


def test_actor_timeline_joins_several_counterparts(cli, seeds: Seeds) -> None:
    crowded = [(e, a) for e in seeds.events for a in sorted(seeds.people(e))
               if len(seeds.counterparts_of(e, {a})) >= 2]
    if not crowded:
        pytest.skip("no actor with two or more counterparts in one event of the seeds")
    event_id, actor_id = crowded[0]
    rows = run_json(cli, "actor-timeline", seeds.url, actor=seeds.name(actor_id))
    row = next(r for r in rows if r["event_id"] == event_id)
    others = sorted(seeds.name(a) for a in seeds.counterparts_of(event_id, {actor_id}))
    assert row["counterparts"] == "; ".join(others)


def test_counterparts(cli, seeds: Seeds) -> None:
    me = seeds.actor_ids(ACTOR)
    expected: Counter[str] = Counter()
    for event_id in seeds.consult():
        expected.update(seeds.name(a) for a in seeds.counterparts_of(event_id, me))
    rows = run_json(cli, "counterparts", seeds.url, actor=ACTOR)
    assert expected and rows  # Sullivan's meetings are in the seeds (test_reports relies on them too)
    assert {r["counterpart"]: r["events"] for r in rows} == dict(expected)
    assert all(r["occurred"] + r["planned"] == r["events"] for r in rows)
    assert all(r["first_date"] is None or r["first_date"] <= r["last_date"] for r in rows)
    assert_needs_actor(cli, "counterparts", seeds.url)


def test_actor_network(cli, seeds: Seeds) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for event_id in seeds.consult():
        expected.update((seeds.name(a), seeds.name(b)) for a, b in seeds.met(event_id) if a < b)
    rows = run_json(cli, "actor-network", seeds.url)
    assert {(r["actor_a"], r["actor_b"]): r["events"] for r in rows} == dict(expected)
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assert len(run_json(cli, "actor-network", seeds.url, min_events="2")) == sum(n >= 2 for n in expected.values())
    people = run_json(cli, "actor-network", seeds.url, kind="person")
    assert all(r["kind_a"] == r["kind_b"] == "PERSON" for r in people)


def test_issue_trends(cli, seeds: Seeds) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for link in seeds.event_issues:
        start = seeds.events[link["event_id"]]["date_start"]
        if start:
            expected[(start[:7], seeds.issues[link["issue_id"]]["code"])] += 1
    rows = run_json(cli, "issue-trends", seeds.url)
    assert {(r["month"], r["issue"]): r["events"] for r in rows} == dict(expected)
    assert [r["month"] for r in rows] == sorted(r["month"] for r in rows)
    if expected:
        month, issue = next(iter(expected))
        only = run_json(cli, "issue-trends", seeds.url, issue=issue)
        assert only and {r["issue"] for r in only} == {issue}


def test_issues_by_actor(cli, seeds: Seeds) -> None:
    expected: Counter[tuple[str, str]] = Counter()
    for link in seeds.event_issues:
        for actor_id in seeds.people(link["event_id"]):
            expected[(seeds.name(actor_id), seeds.issues[link["issue_id"]]["code"])] += 1
    rows = run_json(cli, "issues-by-actor", seeds.url)
    assert {(r["actor"], r["issue"]): r["events"] for r in rows} == dict(expected)
    if expected:
        actor = next(iter(expected))[0]
        alias = next(a["alias"] for a in seeds.aliases if a["actor_id"] in seeds.actor_ids(actor))
        filtered = run_json(cli, "issues-by-actor", seeds.url, actor=alias)
        assert filtered and {r["actor"] for r in filtered} <= {seeds.name(i) for i in seeds.actor_ids(alias)}


def test_upcoming(cli, seeds: Seeds) -> None:
    def last_reported(event_id: int) -> str:
        return max(_iso(seeds.articles[m["article_id"]]["published_at"]) or "" for m in seeds.mentions
                   if m["event_id"] == event_id)

    def expected(since: str, undated: bool = True, undated_since: str = "") -> set[int]:
        return {i for i, e in seeds.events.items() if e["status"] == "planned"
                and ((e["date_start"] is None and undated and last_reported(i) >= undated_since)
                     or (e["date_start"] is not None and (e["date_end"] or e["date_start"]) >= since))}

    rows = run_json(cli, "upcoming", seeds.url, date_from="2000-01-01", undated_since="2000-01-01")
    assert {r["event_id"] for r in rows} == expected("2000-01-01")
    assert any(r["date_start"] is None for r in rows)
    dated = [r["date_start"] for r in rows if r["date_start"]]
    assert dated == sorted(dated) and all(r["date_start"] for r in rows[: len(dated)])
    # The defaults: plans from today on, and undated plans reported in the last 30 days (none: the seeds are old).
    today = run_json(cli, "upcoming", seeds.url)
    month_ago = date.fromordinal(date.today().toordinal() - 30).isoformat()
    assert {r["event_id"] for r in today} == expected(date.today().isoformat(), undated_since=month_ago)
    no_undated = run_json(cli, "upcoming", seeds.url, date_from="2000-01-01", undated="no")
    assert {r["event_id"] for r in no_undated} == expected("2000-01-01", undated=False)
    for row in rows:
        names = sorted(seeds.name(a) for a in seeds.people(row["event_id"]))
        assert row["participants"] == ("; ".join(names) or None)


def test_events_by_type_month(cli, seeds: Seeds) -> None:
    expected = Counter((e["date_start"][:7] if e["date_start"] else None, e["type"], e["mode"])
                       for e in seeds.events.values())
    rows = run_json(cli, "events-by-type-month", seeds.url)
    assert {(r["month"], r["type"], r["mode"]): r["events"] for r in rows} == dict(expected)
    assert sum(r["events"] for r in rows) == len(seeds.events)
    assert all(r["occurred"] + r["planned"] == r["events"] for r in rows)
    months = [r["month"] for r in rows]
    assert months == sorted(months, key=lambda m: (m is None, m or ""))


def test_source_coverage(cli, seeds: Seeds) -> None:
    articles: Counter[str] = Counter()
    events: defaultdict[str, set[int]] = defaultdict(set)
    for article in seeds.articles.values():
        articles[seeds.sources.get(article["source_id"], "(unknown)")] += 1
    for mention in seeds.mentions:
        source_id = seeds.articles[mention["article_id"]]["source_id"]
        events[seeds.sources.get(source_id, "(unknown)")].add(mention["event_id"])
    rows = run_json(cli, "source-coverage", seeds.url)
    assert {r["source"]: r["articles"] for r in rows} == dict(articles)
    assert {r["source"]: r["events"] for r in rows} == {s: len(events.get(s, ())) for s in articles}
    assert sum(r["mentions"] for r in rows) == len(seeds.mentions)
    assert all(r["articles_with_events"] <= r["articles"] for r in rows)


def test_data_quality(cli, seeds: Seeds) -> None:
    mentioned = {m["article_id"] for m in seeds.mentions}
    failing = {
        "articles_without_events": [seeds.articles[i]["external_id"] for i in sorted(seeds.articles)
                                    if i not in mentioned],
        "events_without_date": [str(i) for i in sorted(seeds.events) if seeds.events[i]["date_start"] is None],
        "events_without_place": [str(i) for i in sorted(seeds.events) if seeds.events[i]["location_id"] is None],
        "events_with_one_participant": [str(i) for i in sorted(seeds.events) if len(seeds.people(i)) < 2],
        "events_without_mentions": [str(i) for i in sorted(seeds.events)
                                    if i not in {m["event_id"] for m in seeds.mentions}],
        "actors_without_country": [str(i) for i in sorted(seeds.actors) if seeds.actors[i]["country_code"] is None],
    }
    rows = run_json(cli, "data-quality", seeds.url)
    assert [r["check_name"] for r in rows] == list(failing)
    for row in rows:
        ids = failing[row["check_name"]]
        assert row["problems"] == len(ids), row
        assert row["examples"] == (", ".join(ids[:3]) or None), row
    wider = run_json(cli, "data-quality", seeds.url, examples="5")
    assert all(w["examples"] == (", ".join(failing[w["check_name"]][:5]) or None) for w in wider)


# --- the same answers on PostgreSQL -------------------------------------------------------------------------


def comparable(rows: list[dict[str, Any]]) -> list[str]:
    """Rows without surrogate ids, list cells and row order, which legitimately differ between backends:
    PostgreSQL sequences skip numbers on conflicts, and its collation may order names differently."""
    def cell(key: str, value: Any) -> Any:
        if isinstance(value, str) and "; " in value:
            return sorted(value.split("; "))
        return value

    return sorted(json.dumps({k: cell(k, v) for k, v in row.items() if not k.endswith("_id") and k != "examples"},
                             sort_keys=True) for row in rows)


def test_every_report_runs_on_both_backends(cli, db_url: str, seeds: Seeds) -> None:
    assert cli("load", str(SEEDS), "--db", db_url).exit_code == 0
    for name in sorted(discover()):
        rows = run_json(cli, name, db_url, **RUN_PARAMS.get(name, {}))
        reference = run_json(cli, name, seeds.url, **RUN_PARAMS.get(name, {}))
        if expected_rows(seeds, name):
            assert rows, f"{name} is empty on {db_url.split(':')[0]}"
        assert comparable(rows) == comparable(reference), name
    # Every filter bound at once: the NULL-or-value patterns must type-check on PostgreSQL too.
    filtered = {
        "meetings-by-location": {"date_from": "2023-01-01", "date_to": "today", "country": "CHN",
                                 "status": "occurred"},
        "actor-timeline": {"actor": ACTOR, "date_from": "2023-01-01", "date_to": "2025-12-31", "status": "occurred"},
        "actor-network": {"min_events": "1", "kind": "PERSON", "date_from": "2023-01-01", "date_to": "today",
                          "status": "occurred"},
        "counterparts": {"actor": "Sullivan", "date_from": "2023-01-01", "date_to": "today"},
        "issue-trends": {"issue": "trade_tariffs", "date_from": "2023-01-01", "date_to": "today",
                         "status": "occurred"},
        "issues-by-actor": {"actor": "Biden", "issue": "climate", "min_events": "1"},
        "upcoming": {"date_from": "1 year ago", "date_to": "2030-01-01", "undated": "false", "actor": "Xi"},
        "events-by-type-month": {"type": "consult", "date_from": "2023-01-01", "date_to": "today",
                                 "status": "planned"},
        "source-coverage": {"date_from": "2023-01-01", "date_to": "today"},
        "data-quality": {"examples": "1"},
        "dyad-trend": {"a": "usa", "b": "Xi Jinping", "date_from": "2023-01-01", "date_to": "today",
                       "status": "occurred"},
    }
    for name, params in filtered.items():
        assert comparable(run_json(cli, name, db_url, **params)) == comparable(
            run_json(cli, name, seeds.url, **params)), name


# --- hand-made data: cases the seeds may not hold -----------------------------------------------------------


def test_lists_and_future_plans_on_hand_made_data(cli, db_url: str) -> None:
    """Three-way meetings, a shared alias and a dated plan, inserted directly so the extractor cannot hide them."""
    from db.models import Actor, ActorAlias, Article, Event, EventMention, EventParticipant, Location
    from db.session import open_database

    engine = open_database(db_url)
    future = date(date.today().year + 2, 6, 1)
    with engine.begin() as connection:
        connection.execute(Location.__table__.insert(), [
            {"id": 1, "name": "Geneva", "country_code": "CHE", "kind": "city"}])
        connection.execute(Actor.__table__.insert(), [
            {"id": 1, "canonical_name": "Ann Li", "kind": "PERSON", "country_code": "CHN"},
            {"id": 2, "canonical_name": "Bob Li", "kind": "PERSON", "country_code": None},
            {"id": 3, "canonical_name": "Cy Doe", "kind": "PERSON", "country_code": "USA"},
            {"id": 4, "canonical_name": "Dee Roe", "kind": "PERSON", "country_code": "USA"}])
        connection.execute(ActorAlias.__table__.insert(), [
            {"actor_id": 1, "alias": "Li"}, {"actor_id": 2, "alias": "Li"}, {"actor_id": 3, "alias": "Doe"}])
        connection.execute(Event.__table__.insert(), [
            {"id": 1, "type": "CONSULT", "mode": "meeting", "status": "occurred", "date_start": date(2024, 1, 5),
             "date_end": date(2024, 1, 5), "location_id": 1, "confidence": 0.9},
            {"id": 2, "type": "CONSULT", "mode": "visit", "status": "planned", "date_start": future,
             "date_end": future, "location_id": None, "confidence": 0.9}])
        connection.execute(EventParticipant.__table__.insert(), [
            {"event_id": 1, "actor_id": a, "role": "participant"} for a in (1, 2, 3, 4)] + [
            {"event_id": 2, "actor_id": a, "role": "participant"} for a in (3, 4)])
        connection.execute(Article.__table__.insert(), [
            {"id": 1, "external_id": "a1", "text": "Text.", "content_hash": "h1"},
            {"id": 2, "external_id": "a2", "text": "Other.", "content_hash": "h2"}])
        connection.execute(EventMention.__table__.insert(), [
            {"event_id": e, "article_id": 1, "sentence": "Text.", "char_start": 0, "char_end": 5,
             "pipeline_version": "test"} for e in (1, 2)])
    engine.dispose()

    timeline = run_json(cli, "actor-timeline", db_url, actor="Cy Doe")
    assert [(r["event_id"], r["counterparts"]) for r in timeline] == [
        (1, "Ann Li; Bob Li; Dee Roe"), (2, "Dee Roe")]
    shared = run_json(cli, "actor-timeline", db_url, actor="li")  # an alias of two actors: both, apart
    assert sorted((r["actor"], r["counterparts"]) for r in shared) == [
        ("Ann Li", "Bob Li; Cy Doe; Dee Roe"), ("Bob Li", "Ann Li; Cy Doe; Dee Roe")]
    assert {(r["actor"], r["counterpart"]) for r in run_json(cli, "counterparts", db_url, actor="Li")} == {
        ("Ann Li", "Bob Li"), ("Ann Li", "Cy Doe"), ("Ann Li", "Dee Roe"),
        ("Bob Li", "Ann Li"), ("Bob Li", "Cy Doe"), ("Bob Li", "Dee Roe")}
    upcoming = run_json(cli, "upcoming", db_url)  # default: from today on
    assert [(r["event_id"], r["participants"], r["date_start"]) for r in upcoming] == [
        (2, "Cy Doe; Dee Roe", future.isoformat())]
    assert run_json(cli, "upcoming", db_url, date_from=(future.replace(day=2)).isoformat()) == []
    network = run_json(cli, "actor-network", db_url, min_events="2")
    assert [(r["actor_a"], r["actor_b"], r["events"]) for r in network] == [("Cy Doe", "Dee Roe", 2)]
    quality = {r["check_name"]: r for r in run_json(cli, "data-quality", db_url)}
    assert quality["articles_without_events"]["examples"] == "a2"
    assert (quality["events_without_place"]["problems"], quality["events_without_place"]["examples"]) == (1, "2")
    assert quality["actors_without_country"]["problems"] == 1
    place = run_json(cli, "meetings-by-location", db_url)
    assert [(r["location"], r["meetings"], r["participants"], r["first_date"]) for r in place] == [
        ("Geneva", 1, 4, "2024-01-05")]
