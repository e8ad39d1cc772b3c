"""The report library: plain `.sql` files with a TOML metadata header, run with bound parameters.

A report file starts with a block comment holding TOML between `---` lines:

    /* ---
    name = "officials-met"
    title = "Officials who met"
    description = "Who met whom, where, when."
    [[params]]
    name = "actor"
    type = "text"        # text | int | float | date | bool
    help = "Only meetings this actor took part in"
    --- */
    SELECT ... WHERE (CAST(:actor AS TEXT) IS NULL OR ...)

Parameters are always bound (`:name`), never formatted into the SQL. A parameter without a default is NULL
unless given, so reports write optional filters as `(CAST(:p AS TEXT) IS NULL OR ...)`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Boolean, Date, Engine, Float, Integer, String, bindparam, text

from reports.adhoc import QueryResult, run_query

BUNDLED_DIR = Path(__file__).resolve().parent
HEADER = re.compile(r"\A\s*/\*\s*---\s*\n(?P<toml>.*?)\n\s*---\s*\*/", re.DOTALL)
PARAM_TYPES = {"text": String(), "int": Integer(), "float": Float(), "date": Date(), "bool": Boolean()}
# What an SQL integer (SQLite's INTEGER, PostgreSQL's bigint) holds.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
RELATIVE_DATE = re.compile(r"^(today|yesterday|(?P<n>\d+) (?P<unit>day|week|month|year)s? ago)$")


class ReportError(ValueError):
    """A report that cannot be found, parsed or run as asked; the message is for the user."""


@dataclass
class Param:
    name: str
    type: str = "text"
    default: Any = None
    help: str = ""

    def convert(self, raw: str | None) -> Any:
        """The value of `raw` (text from the command line) in this parameter's type."""
        if raw is None or raw == "":
            return None
        try:
            if self.type == "int":
                value = int(raw)
                if not INT_MIN <= value <= INT_MAX:  # the drivers cannot send it; SQL could not hold it
                    raise ValueError(raw)
                return value
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                if raw.lower() in ("1", "true", "yes", "on"):
                    return True
                if raw.lower() in ("0", "false", "no", "off"):
                    return False
                raise ValueError(raw)
            if self.type == "date":
                return parse_date(raw)
        except ValueError:
            expected = f"an integer from {INT_MIN} to {INT_MAX}" if self.type == "int" else f"a {self.type}"
            raise ReportError(f"parameter {self.name!r} expects {expected}, got {raw[:60]!r}") from None
        return raw


@dataclass
class Report:
    name: str
    title: str
    description: str
    sql: str
    path: Path
    params: list[Param] = field(default_factory=list)

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            raise ReportError(f"report {self.name!r} has no parameter {', '.join(unknown)}; "
                              f"it takes: {', '.join(sorted(known)) or 'none'}")
        values = {}
        for param in self.params:
            raw = given.get(param.name)
            values[param.name] = param.convert(raw) if raw is not None else param.convert(
                None if param.default is None else str(param.default))
        return values

    def statement(self) -> Any:
        return text(self.sql).bindparams(*(bindparam(p.name, type_=PARAM_TYPES[p.type]) for p in self.params))

    def run(self, database: Engine | str | None, given: dict[str, str] | None = None) -> pd.DataFrame:
        """Every row of the report, run read-only (see reports.adhoc)."""
        return self.query(database, given, max_rows=None).frame

    def query(self, database: Engine | str | None, given: dict[str, str] | None = None, *,
              max_rows: int | None = None, timeout_s: float | None = None) -> QueryResult:
        """Run on a read-only connection of its own, like ad hoc SQL: one statement that only reads; a report
        file that writes (or ATTACHes a file) is refused and changes nothing."""
        return run_query(self.statement(), database, self.bind(given or {}), timeout_s=timeout_s,
                         max_rows=max_rows)


def parse_date(raw: str, today: date | None = None) -> date:
    """YYYY-MM-DD, or a relative date: today, yesterday, 'N days|weeks|months|years ago'."""
    today = today or date.today()
    match = RELATIVE_DATE.match(raw.strip().lower())
    if not match:
        return date.fromisoformat(raw.strip())
    if match.group(0) == "today":
        return today
    if match.group(0) == "yesterday":
        return today - timedelta(days=1)
    n, unit = int(match.group("n")), match.group("unit")
    if unit == "day":
        return today - timedelta(days=n)
    if unit == "week":
        return today - timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = min(today.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return date(year, month, day)


def parse_report(path: Path) -> Report:
    source = path.read_text(encoding="utf-8")
    match = HEADER.match(source)
    if not match:
        raise ReportError(f"{path}: no metadata header (a /* --- TOML --- */ block comment at the top)")
    try:
        meta = tomllib.loads(match.group("toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(f"{path}: bad metadata header: {exc}") from exc
    params = []
    for spec in meta.get("params", []):
        param = Param(name=spec["name"], type=spec.get("type", "text"), default=spec.get("default"),
                      help=spec.get("help", ""))
        if param.type not in PARAM_TYPES:
            raise ReportError(f"{path}: parameter {param.name!r} has unknown type {param.type!r}")
        params.append(param)
    return Report(
        name=meta.get("name", path.stem.replace("_", "-")),
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        sql=source[match.end():].strip().rstrip(";"),
        path=path,
        params=params,
    )


def report_dirs(extra: list[Path] | None = None) -> list[Path]:
    return [BUNDLED_DIR, *(extra or [])]


def discover(extra_dirs: list[Path] | None = None) -> dict[str, Report]:
    """Every report in the bundled library and the extra folders; a later folder overrides a name."""
    reports: dict[str, Report] = {}
    for folder in report_dirs(extra_dirs):
        if not folder.is_dir():
            raise ReportError(f"reports folder {folder} does not exist")
        for path in sorted(folder.glob("*.sql")):
            report = parse_report(path)
            reports[report.name] = report
    return reports


def find(name: str, extra_dirs: list[Path] | None = None) -> Report:
    reports = discover(extra_dirs)
    key = name.removesuffix(".sql").replace("_", "-")
    if key in reports:
        return reports[key]
    raise ReportError(f"no report named {name!r}; available: {', '.join(sorted(reports))}")
