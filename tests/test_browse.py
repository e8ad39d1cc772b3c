"""`eventdb browse` (Datasette over HTTP and in headless Chromium) and the chart of the issue-trends HTML page."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.dictionary import data_dictionary
from db.session import create_db_engine
from reports.browse import PARAM_FUNCTION, build_metadata, canned_sql, param_function
from reports.library import discover, find
from reports.render import render

PROJECT = Path(__file__).resolve().parents[1]
# CI sets this so that a missing Chromium fails the run instead of skipping the browser tests quietly.
REQUIRE_CHROMIUM = os.environ.get("EVENTDB_REQUIRE_CHROMIUM") == "1"


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "Chromium is not installed (apt-get install chromium); skipping the headless browser checks"
    if REQUIRE_CHROMIUM:
        pytest.fail(f"EVENTDB_REQUIRE_CHROMIUM=1 but {reason}")
    pytest.skip(reason)


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    # Nothing but this machine: the map's tiles (OpenStreetMap) are left unresolved, the markers need none.
    command = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def datasette(seeded_sqlite: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`eventdb browse` on the seeded database, as a user starts it; yields the base URL of the database."""
    port = free_port()
    log = tmp_path_factory.mktemp("browse") / "browse.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "eventdb_cli", "browse", "--db", seeded_sqlite, "--port", str(port), "--no-open"],
            cwd=PROJECT, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"eventdb browse exited with {process.returncode}:\n{log.read_text()}")
            try:
                if fetch(base + "/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"eventdb browse did not answer within 60 s:\n{log.read_text()}")
            time.sleep(0.3)
        yield f"{base}/{Path(seeded_sqlite.removeprefix('sqlite:///')).stem}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 0, f"eventdb browse did not stop cleanly on SIGTERM ({code}):\n{log.read_text()}"


def test_table_page_shows_column_meanings(datasette: str) -> None:
    status, page = fetch(f"{datasette}/events")
    assert status == 200, page
    events = next(d for d in data_dictionary() if d.name == "events")
    assert 'class="column-descriptions"' in page
    # Every documented column of the table is described on its page, from the data dictionary.
    for column in events.columns:
        if column.meaning:
            assert f"<dt>{column.name}</dt><dd>{_html(column.meaning)}</dd>" in page, column.name


def test_every_report_is_a_canned_query_that_matches_the_cli(datasette: str, seeded_sqlite: str) -> None:
    engine = create_db_engine(seeded_sqlite, read_only=True)
    try:
        for name, report in discover().items():
            # A required parameter (the actor of counterparts) gets a value; the others are left blank.
            given = {p.name: "Jake Sullivan" for p in report.params if p.required}
            status, body = fetch(f"{datasette}/{name}.json?_shape=array&{urllib.parse.urlencode(given)}")
            assert status == 200, f"{name}: {body[:500]}"
            # Blank form fields must mean what an omitted --param means: the default, or no filter.
            assert len(json.loads(body)) == len(report.run(engine, given)), name
    finally:
        engine.dispose()


def test_canned_query_parameters_filter(datasette: str) -> None:
    status, page = fetch(f"{datasette}/officials-met")
    assert status == 200
    assert 'name="actor"' in page  # the report's parameter is a form field
    everyone = json.loads(fetch(f"{datasette}/officials-met.json?_shape=array")[1])
    assert everyone, "the seeds give meetings"
    actor = "Jake Sullivan"  # met Wang Yi in the seed articles
    some = json.loads(fetch(f"{datasette}/officials-met.json?_shape=array&actor={urllib.parse.quote(actor)}")[1])
    assert 0 < len(some) < len(everyone)
    assert all(actor in (row["actor"], row["counterpart"]) for row in some)
    nobody = json.loads(fetch(f"{datasette}/officials-met.json?_shape=array&actor=No+Such+Person")[1])
    assert nobody == []


def test_canned_query_page_in_headless_chromium(datasette: str, tmp_path: Path) -> None:
    result = chromium(["--virtual-time-budget=5000", "--dump-dom", f"{datasette}/meetings-by-location"],
                      tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "Meetings" in dom or "meetings" in dom
    assert re.search(r"<table[^>]*class=\"rows-and-columns\"", dom), dom[:2000]
    assert "Beijing" in dom  # a place the seed articles mention, in the result table


def test_browse_refuses_postgresql(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("browse", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--no-open")
    assert result.exit_code == 2
    assert "SQLite databases only" in result.stderr


def test_browse_refuses_a_missing_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.sqlite"
    result = cli("browse", "--db", f"sqlite:///{missing}", "--no-open")
    assert result.exit_code == 3
    assert f"no database file {missing}" in result.stderr
    assert not missing.exists()


def test_metadata_strips_headers_and_keeps_parameters_bound() -> None:
    reports = discover()
    metadata = build_metadata("news", reports)
    queries = metadata["databases"]["news"]["queries"]
    assert set(queries) == set(reports)
    for name, query in queries.items():
        assert "---" not in query["sql"] and "[[params]]" not in query["sql"], name
        for param in reports[name].params:
            assert f":{param.name}" in query["sql"], (name, param.name)
            assert param.name in query["params"]
    tables = metadata["databases"]["news"]["tables"]
    assert tables["events"]["columns"] and "v_meetings" in tables
    assert tables["articles"]["fts_table"] == "articles_fts"
    assert tables["event_mentions"]["fts_table"] == "event_mentions_fts"
    own_tiles = build_metadata("news", reports, tiles="https://tiles.example/{z}/{x}/{y}.png")
    assert own_tiles["databases"]["news"]["tables"]["v_meetings"]["plugins"]["datasette-cluster-map"] == {
        "latitude_column": "latitude", "longitude_column": "longitude",
        "tile_layer": "https://tiles.example/{z}/{x}/{y}.png"}
    upcoming = canned_sql(find("upcoming"))
    # Read through the report's own conversion: a blank field is its default ("today"), as on the command line.
    assert "eventdb_param('upcoming', 'date_from', :date_from)" in upcoming


def test_param_function_converts_like_the_cli(tmp_path: Path) -> None:
    import sqlite3
    from datetime import date, timedelta

    reports = discover()
    connection = sqlite3.connect(tmp_path / "x.sqlite")
    connection.create_function(PARAM_FUNCTION, 3, param_function(reports))

    def value(report: str, name: str, raw: str) -> object:
        return connection.execute(f"SELECT {PARAM_FUNCTION}(?, ?, ?)", (report, name, raw)).fetchone()[0]

    today = date.today()
    assert value("officials-met", "date_from", "") is None
    assert value("officials-met", "date_from", "2024-03-01") == "2024-03-01"
    assert value("officials-met", "date_from", "3 days ago") == (today - timedelta(days=3)).isoformat()
    assert value("officials-met", "date_from", "last week") == (today - timedelta(weeks=1)).isoformat()
    assert value("upcoming", "date_from", "") == today.isoformat()  # the report's default, "today"
    assert value("upcoming", "undated", "") == 1 and value("upcoming", "undated", "no") == 0
    assert value("officials-met", "limit", "") == 1000 and value("officials-met", "limit", " 7 ") == 7
    assert value("officials-met", "status", "Planned") == "planned"
    assert value("officials-met", "actor", "") is None
    connection.close()


def test_canned_query_forms_check_parameters_like_the_cli(datasette: str) -> None:
    status, page = fetch(f"{datasette}/officials-met?date_from=notadate")
    assert status == 400 and "&#x27;notadate&#x27; is not a date" in page
    status, page = fetch(f"{datasette}/officials-met?date_from=01%2F02%2F2019")
    assert status == 400 and "could be 2019-01-02 or 2019-02-01" in page
    status, body = fetch(f"{datasette}/officials-met.json?status=happened")
    assert status == 400 and "must be one of occurred, planned" in json.loads(body)["error"]
    status, page = fetch(f"{datasette}/counterparts?actor=")  # the form sent with the required field blank
    assert status == 400 and "needs a value for &#x27;actor&#x27;" in page
    assert fetch(f"{datasette}/counterparts")[0] == 200  # the empty form itself
    since = json.loads(fetch(f"{datasette}/officials-met.json?_shape=array&date_from=last+tuesday")[1])
    everyone = json.loads(fetch(f"{datasette}/officials-met.json?_shape=array")[1])
    assert since == [r for r in everyone if r["date_end"] and r["date_end"] >= last_tuesday()]


def last_tuesday() -> str:
    from reports.dates import parse_date

    return parse_date("last tuesday").isoformat()


def test_meetings_on_a_map_in_headless_chromium(datasette: str, tmp_path: Path) -> None:
    status, body = fetch(f"{datasette}/v_meetings.json?_shape=array&_size=max&latitude__notblank=1")
    placed = [row for row in json.loads(body) if row["latitude"] is not None]
    assert status == 200 and placed, "the seeds give meetings at known places"
    result = chromium(["--virtual-time-budget=15000", "--dump-dom", f"{datasette}/v_meetings"], tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert 'class="leaflet-container' in dom or "leaflet-container" in dom, dom[:3000]
    # Every meeting at a known place is a marker, or inside a cluster marker that counts it.
    markers = len(re.findall(r'class="leaflet-marker-icon', dom))
    clustered = sum(int(n) for n in re.findall(r'marker-cluster[^"]*"[^>]*>\s*<div>\s*<span>(\d+)</span>', dom))
    assert markers > 0, dom[:3000]
    assert clustered <= len(placed)


def test_search_in_headless_chromium(datasette: str, tmp_path: Path) -> None:
    result = chromium(["--virtual-time-budget=5000", "--dump-dom", f"{datasette}/articles?_search=fentanyl"],
                      tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert re.search(r'<input[^>]*name="_search"[^>]*value="fentanyl"', dom), dom[:3000]
    assert "000_c04deae8ccfcabaf" in dom  # the seed article about fentanyl
    assert "003_544e8202dd5ab671" not in dom
    result = chromium(["--virtual-time-budget=5000", "--dump-dom", f"{datasette}/event_mentions?_search=Vienna"],
                      tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "They met in Vienna in May 2023" in result.stdout


# --- The chart of the issue-trends HTML page --------------------------------------------------------------


def saturated_pixels(png: Path) -> int:
    """Pixels in clearly coloured (not grey) tones: the page's own styles are greys, the chart's bars are not."""
    import numpy as np
    from PIL import Image

    with Image.open(png) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    return int(((pixels.max(axis=2) - pixels.min(axis=2)) > 80).sum())


def screenshot(html_file: Path, png: Path, profile: Path) -> None:
    result = chromium([f"--screenshot={png}", "--window-size=1200,1600", html_file.as_uri()], profile)
    assert result.returncode == 0 and png.is_file(), result.stderr[-2000:]


def test_issue_trends_html_shows_a_chart_in_chromium(seeded_sqlite: str, tmp_path: Path) -> None:
    chromium_binary()
    engine = create_db_engine(seeded_sqlite, read_only=True)
    try:
        frame = find("issue-trends").run(engine)
    finally:
        engine.dispose()
    # An empty result would render no chart and prove nothing: the seeds must give issues.
    assert len(frame) > 0, "issue-trends returned no rows on the seeds"
    page = render(frame, "html", title="Issue trends")
    assert isinstance(page, str) and '<img alt="Chart:' in page
    with_chart = tmp_path / "trends.html"
    with_chart.write_text(page, encoding="utf-8")
    without_chart = tmp_path / "no-chart.html"
    without_chart.write_text(re.sub(r"<figure>.*?</figure>", "", page, flags=re.DOTALL), encoding="utf-8")

    screenshot(with_chart, tmp_path / "trends.png", tmp_path / "profile")
    screenshot(without_chart, tmp_path / "blank.png", tmp_path / "profile")
    from PIL import Image

    with Image.open(tmp_path / "trends.png") as image:
        assert image.size == (1200, 1600)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 24) or []) > 50
    coloured, baseline = saturated_pixels(tmp_path / "trends.png"), saturated_pixels(tmp_path / "blank.png")
    # The bars are drawn: thousands of coloured pixels that the same page without its chart does not have.
    assert coloured > 2000, coloured
    assert baseline < 100, baseline


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=True)
