"""Fixtures: databases on SQLite and on a throwaway PostgreSQL, and the CLI run in-process."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from postgres_cluster import PostgresCluster, PostgresUnavailable  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
SHARED = PROJECT.parent / "shared"
# 30 articles of ../shared/corpora/guardian_dev.jsonl, kept in the repo so the tests need no ../shared.
SAMPLE_CORPUS = PROJECT / "tests" / "data" / "guardian_sample.jsonl"
SCORER = SHARED / "eval" / "score.py"
SEEDS_GOLD = SHARED / "eval" / "seeds_gold.json"
# Only the comparisons with the shared scorer may be skipped; everything else runs on a bare clone.
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py (the shared scorer) is not "
                                                              "beside the project")
# CI sets this so that a missing PostgreSQL fails the run instead of skipping the tests quietly.
REQUIRE_POSTGRES = os.environ.get("EVENTDB_REQUIRE_POSTGRES") == "1"
_db_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster().start()
    except PostgresUnavailable as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here (EVENTDB_REQUIRE_POSTGRES=1) but unavailable: {exc}")
        pytest.skip(f"PostgreSQL unavailable, skipping PostgreSQL tests: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    cluster = request.getfixturevalue("postgres_cluster")
    return cluster.create_database(f"eventdb_test_{next(_db_counter)}")


@pytest.fixture
def pg_url(postgres_cluster: PostgresCluster) -> str:
    """A fresh, empty PostgreSQL database, for what only PostgreSQL has (roles, COPY, statement_timeout)."""
    return postgres_cluster.create_database(f"eventdb_test_{next(_db_counter)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


class Cli:
    """Runs `eventdb` in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None):  # noqa: A002
        from eventdb_cli import app

        return self.runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory, cli: Cli) -> str:
    """A SQLite database with the seeds loaded once, shared by read-only tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'seeds.sqlite'}"
    result = cli("load", str(SEEDS), "--db", url)
    assert result.exit_code == 0, result.output
    return url
