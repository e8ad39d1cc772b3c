"""Every bundled report renders in every output format from a PostgreSQL database too (types differ there:
real dates, decimals), not only from SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from reports.library import discover
from reports.render import FORMATS


@pytest.fixture(scope="module")
def seeded_postgresql(postgres_cluster, cli) -> str:  # type: ignore[no-untyped-def]
    url = postgres_cluster.create_database("eventdb_report_formats")
    assert cli("load", str(SEEDS), "--db", url).exit_code == 0
    return url


# Values for the parameters that pick who a report is about, when it has them.
SUBJECTS = {"actor": "Jake Sullivan", "a": "United States", "b": "China"}


@pytest.mark.parametrize("name", sorted(discover()))
def test_report_in_every_format_on_postgresql(cli, seeded_postgresql: str, tmp_path: Path, name: str) -> None:
    params = [arg for p in discover()[name].params if p.name in SUBJECTS
              for arg in ("--param", f"{p.name}={SUBJECTS[p.name]}")]
    for fmt in FORMATS:
        out = tmp_path / f"{name}.{fmt}"
        result = cli("report", "run", name, *params, "--format", fmt, "--out", str(out), "--db", seeded_postgresql)
        assert result.exit_code == 0, f"{name} as {fmt}: {result.output}"
        assert out.stat().st_size > 0
