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
    required = false     # true: the report cannot run without it
    # choices = ["occurred", "planned"]   # the only values it takes
    [chart]              # optional: the HTML page's chart, when the one chosen from the columns will not do
    kind = "line"        # one line per column of `lines`, summed per `x`
    x = "month"
    lines = ["events"]
    secondary = "mean_score"   # optional, on a right-hand axis: averaged per `x`, weighted by `weight`
    weight = "events"
    --- */
    SELECT ... WHERE (CAST(:actor AS TEXT) IS NULL OR ...)

Parameters are always bound (`:name`), never formatted into the SQL. A parameter without a default is NULL
unless given, so reports write optional filters as `(CAST(:p AS TEXT) IS NULL OR ...)`. A `required` parameter
must be given, and one with `choices` takes only those values: anything else is an error naming the parameter,
never a silently empty result.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Boolean, Date, Engine, Float, Integer, String, bindparam, text

from eventdb_errors import NotFound, UsageError, did_you_mean
from reports.adhoc import QueryResult, run_query
from reports.dates import BadDate, parse_date
from reports.render import LineChart

BUNDLED_DIR = Path(__file__).resolve().parent
HEADER = re.compile(r"\A\s*/\*\s*---\s*\n(?P<toml>.*?)\n\s*---\s*\*/", re.DOTALL)
PARAM_TYPES = {"text": String(), "int": Integer(), "float": Float(), "date": Date(), "bool": Boolean()}
PARAM_KEYS = {"name", "type", "default", "help", "required", "choices"}
CHART_KEYS = {"kind", "x", "lines", "secondary", "weight"}
CHART_KINDS = ("line",)
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
# What an SQL integer (SQLite's INTEGER, PostgreSQL's bigint) holds.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

__all__ = ["Param", "Report", "ReportError", "ReportNotFound", "discover", "find", "parse_date", "parse_report"]


class ReportError(UsageError):
    """A report that cannot be parsed or run as asked (a wrong parameter); the message is for the user."""


class ReportNotFound(ReportError, NotFound):
    """No report (or reports folder) by that name."""

    exit_code = NotFound.exit_code


@dataclass
class Param:
    name: str
    type: str = "text"
    default: Any = None
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()

    def convert(self, raw: str | None) -> Any:
        """The value of `raw` (text from the command line or a form) in this parameter's type; None when blank."""
        if raw is None or raw.strip() == "":
            return None
        if self.choices:
            return self._choice(raw)
        try:
            if self.type == "int":
                value = int(raw)
                if not INT_MIN <= value <= INT_MAX:  # the drivers cannot send it; SQL could not hold it
                    raise ValueError(raw)
                return value
            if self.type == "float":
                return float(raw)
            if self.type == "bool":
                if raw.strip().lower() in TRUE_WORDS:
                    return True
                if raw.strip().lower() in FALSE_WORDS:
                    return False
                raise ValueError(raw)
            if self.type == "date":
                return parse_date(raw)
        except BadDate as exc:
            raise ReportError(f"parameter {self.name!r}: {exc}") from None
        except ValueError:
            expected = {"int": f"a whole number from {INT_MIN} to {INT_MAX}", "float": "a number",
                        "bool": f"one of {', '.join(TRUE_WORDS + FALSE_WORDS)}"}.get(self.type, self.type)
            raise ReportError(f"parameter {self.name!r} expects {expected}, got {raw[:60]!r}") from None
        return raw

    def value(self, raw: str | None) -> Any:
        """The value to bind for `raw` as given; blank or absent means the default (None when there is none)."""
        if raw is None or raw.strip() == "":
            raw = None if self.default is None else _text_of(self.default)
        return self.convert(raw)

    def _choice(self, raw: str) -> str:
        # Case aside, so that "Planned" is planned; the report compares with the value as listed.
        by_case = {choice.lower(): choice for choice in self.choices}
        found = by_case.get(raw.strip().lower())
        if found is None:
            raise ReportError(f"parameter {self.name!r} must be one of {', '.join(self.choices)}; got {raw!r}"
                              f"{did_you_mean(raw, self.choices)}")
        return found

    def describe(self) -> str:
        """One line for help texts: `--param name=<type>` and what it takes."""
        kind = "|".join(self.choices) if self.choices else self.type
        notes = []
        if self.required:
            notes.append("required")
        if self.default is not None:
            notes.append(f"default {self.default}")
        if self.type == "date":
            notes.append("YYYY-MM-DD, today, last tuesday, 3 months ago, ...")
        extra = f" ({'; '.join(notes)})" if notes else ""
        return f"--param {self.name}=<{kind}>{extra}: {self.help}"


@dataclass
class Report:
    name: str
    title: str
    description: str
    sql: str
    path: Path
    params: list[Param] = field(default_factory=list)
    chart: LineChart | None = None

    def bind(self, given: dict[str, str]) -> dict[str, Any]:
        """The parameters' values, from text as given (blank means the default); a wrong one is a ReportError."""
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            hint = did_you_mean(unknown[0], known) if len(unknown) == 1 else ""
            raise ReportError(f"report {self.name!r} has no parameter {', '.join(unknown)}{hint}; "
                              f"it takes: {', '.join(sorted(known)) or 'none'}")
        values = {}
        for param in self.params:
            values[param.name] = param.value(given.get(param.name))
            if param.required and values[param.name] is None:
                raise ReportError(f"report {self.name!r} needs a value for {param.name!r} "
                                  f"(--param {param.name}=...): {param.help}")
        return values

    def statement(self) -> Any:
        return text(self.sql).bindparams(*(bindparam(p.name, type_=PARAM_TYPES[p.type]) for p in self.params))

    def run(self, database: Engine | str | None, given: dict[str, str] | None = None, *,
            values: dict[str, Any] | None = None) -> pd.DataFrame:
        """Every row of the report; `values` are already bound ones (from `bind`), else `given` is bound first."""
        return self.query(database, given, values=values).frame

    def query(self, database: Engine | str | None, given: dict[str, str] | None = None, *,
              values: dict[str, Any] | None = None, max_rows: int | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """Run on a read-only connection of its own, like ad hoc SQL (reports.adhoc): one statement that only
        reads; a report file that writes (or ATTACHes a file) is refused and changes nothing."""
        values = self.bind(given or {}) if values is None else values
        result = run_query(self.statement(), database, values, timeout_s=timeout_s, max_rows=max_rows)
        missing = [c for c in (self.chart.columns() if self.chart else ()) if c not in result.frame.columns]
        if missing:
            raise ReportError(f"{self.path}: [chart] names {', '.join(missing)}, which the report does not return")
        return result


def _text_of(value: Any) -> str:
    """A default from the TOML header as the text a user would type (TOML booleans are true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_report(path: Path) -> Report:
    source = path.read_text(encoding="utf-8")
    match = HEADER.match(source)
    if not match:
        raise ReportError(f"{path}: no metadata header (a /* --- TOML --- */ block comment at the top)")
    try:
        meta = tomllib.loads(match.group("toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ReportError(f"{path}: bad metadata header: {exc}") from exc
    params = [_param(spec, path) for spec in meta.get("params", [])]
    return Report(
        name=meta.get("name", path.stem.replace("_", "-")),
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        sql=source[match.end():].strip().rstrip(";"),
        path=path,
        params=params,
        chart=_chart(meta["chart"], path) if "chart" in meta else None,
    )


def _chart(spec: Any, path: Path) -> LineChart:
    if not isinstance(spec, dict):
        raise ReportError(f"{path}: [chart] must be a table")
    unknown = sorted(set(spec) - CHART_KEYS)
    if unknown:
        raise ReportError(f"{path}: [chart] has unknown key {', '.join(unknown)}; "
                          f"allowed: {', '.join(sorted(CHART_KEYS))}")
    if spec.get("kind", "line") not in CHART_KINDS:
        raise ReportError(f"{path}: [chart] kind must be one of {', '.join(CHART_KINDS)}")
    lines = spec.get("lines")
    if not isinstance(spec.get("x"), str) or not isinstance(lines, list) or not lines \
            or not all(isinstance(c, str) for c in lines):
        raise ReportError(f"{path}: [chart] needs x (a column) and lines (a list of columns)")
    for key in ("secondary", "weight"):
        if spec.get(key) is not None and not isinstance(spec[key], str):
            raise ReportError(f"{path}: [chart] {key} must be a column name")
    return LineChart(x=spec["x"], lines=tuple(lines), secondary=spec.get("secondary"), weight=spec.get("weight"))


def _param(spec: dict[str, Any], path: Path) -> Param:
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise ReportError(f"{path}: every [[params]] needs a name")
    unknown = sorted(set(spec) - PARAM_KEYS)
    if unknown:
        raise ReportError(f"{path}: parameter {name!r} has unknown key {', '.join(unknown)}; "
                          f"allowed: {', '.join(sorted(PARAM_KEYS))}")
    choices = spec.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise ReportError(f"{path}: parameter {name!r}: choices must be a list of strings")
    param = Param(name=name, type=spec.get("type", "text"), default=spec.get("default"), help=spec.get("help", ""),
                  required=bool(spec.get("required", False)), choices=tuple(choices))
    if param.type not in PARAM_TYPES:
        raise ReportError(f"{path}: parameter {name!r} has unknown type {param.type!r}; "
                          f"use {', '.join(PARAM_TYPES)}")
    if param.choices and param.type != "text":
        raise ReportError(f"{path}: parameter {name!r}: choices are for text parameters")
    return param


def report_dirs(extra: list[Path] | None = None) -> list[Path]:
    return [BUNDLED_DIR, *(extra or [])]


def discover(extra_dirs: list[Path] | None = None) -> dict[str, Report]:
    """Every report in the bundled library and the extra folders; a later folder overrides a name."""
    reports: dict[str, Report] = {}
    for folder in report_dirs(extra_dirs):
        if not folder.is_dir():
            raise ReportNotFound(f"reports folder {folder} does not exist")
        for path in sorted(folder.glob("*.sql")):
            report = parse_report(path)
            reports[report.name] = report
    return reports


def find(name: str, extra_dirs: list[Path] | None = None) -> Report:
    reports = discover(extra_dirs)
    key = name.removesuffix(".sql").replace("_", "-")
    if key in reports:
        return reports[key]
    raise ReportNotFound(f"no report named {name!r}{did_you_mean(key, list(reports))}; "
                         f"available: {', '.join(sorted(reports))}")
