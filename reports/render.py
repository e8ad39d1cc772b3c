"""Turn a query result (a pandas DataFrame) into table, CSV, JSON, Markdown, HTML or Excel output.

`render()` is the single entry point. Text formats come back as `str`; `xlsx` comes back as `bytes`, which the
CLI writes only to `--out`. The HTML page is self-contained: styles inline and the chart (when the result
has a time or count dimension) embedded as a base64 PNG, so it opens offline and can be mailed as one file.
"""

from __future__ import annotations

import base64
import io
import json
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

FORMATS = ("table", "csv", "json", "md", "html", "xlsx")
BINARY_FORMATS = frozenset({"xlsx"})

# Columns that put rows on a time axis, most specific first: a month bucket beats a start date.
TIME_COLUMNS = ("month", "date_start", "date", "day", "week", "year", "published_at")
# Start of a range an aggregated row covers: a time axis only when there is no count to rank rows by.
RANGE_COLUMNS = ("first_date", "first_published", "first_reported")
# Columns that split the bars of a time chart into meaningful stacks, preferred in this order.
SERIES_HINTS = ("issue", "mode", "status", "type", "source", "location", "counterpart", "actor")
# Count columns worth charting first, when a result has several numeric columns.
COUNT_HINTS = ("events", "meetings", "problems", "count", "n", "articles", "mentions", "participants")
MAX_SERIES = 8      # more stacked series than this are unreadable; the rest are summed as "other"
MAX_BARS = 20       # a ranking chart shows the top rows only; the table below has them all
MAX_MONTHS = 240    # beyond 20 years of monthly bars, only the months that have data are drawn
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def render(frame: pd.DataFrame, fmt: str, *, title: str = "", max_width: int = 60,
           chart: LineChart | None = None) -> str | bytes:
    """The rendering of `frame` as `fmt`; `title` heads the formats that have a title. `chart` is the report's
    own chart (its header's [chart] table), drawn in the HTML page instead of the one chosen from the columns."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        # NULL is an empty cell: pandas' string dtype would otherwise print it as "nan".
        return without_missing(frame).to_markdown(index=False, missingval="") + "\n"
    if fmt == "table":
        if frame.empty:
            return "(no rows)\n"
        shown = frame.map(lambda v: _clip(v, max_width))
        return shown.to_markdown(index=False, tablefmt="simple") + f"\n({len(frame)} rows)\n"
    if fmt == "html":
        return _html(frame, title or "Report", chart)
    if fmt == "xlsx":
        return _xlsx(frame, title or "Report")
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def without_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every missing value (None, NaN, NaT, pandas' NA) as None, in object columns."""
    return frame.astype(object).where(frame.notna(), None)


def _plain(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):  # PostgreSQL numeric (AVG, SUM of numerics) would not serialize
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value))


def _clip(value: Any, width: int) -> Any:
    if _missing(value):
        return ""
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


# --- HTML ---------------------------------------------------------------------------------------------------

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Cell:
    text: str
    css: str = ""


@cache
def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    # Autoescaping: names and sentences from articles go into the page as text, never as markup.
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, keep_trailing_newline=True)


def _html(frame: pd.DataFrame, title: str, line_chart: LineChart | None = None) -> str:
    """The page of `templates/report.html`: the title, the row count, the chart if any, and the table."""
    numeric = {c for c in frame.columns if _numeric_column(frame[c])}
    rows = []
    for record in frame.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            shown = _plain(value)
            css = "num" if column in numeric else ""
            cells.append(Cell("", (css + " empty").strip()) if shown is None else Cell(str(shown), css))
        rows.append(cells)
    chart = _line_chart(frame, line_chart) if line_chart is not None else _chart(frame)
    return _templates().get_template("report.html").render(
        title=title, columns=[str(c) for c in frame.columns], rows=rows, chart=chart)


@dataclass(frozen=True)
class ChartSpec:
    """What to plot: bars over `time` buckets (stacked by `series`) or a ranking of rows by `value`."""

    kind: str                 # "time" | "ranking"
    value: str | None         # numeric column summed; None counts rows
    time: str | None = None
    series: str | None = None
    labels: tuple[str, ...] = ()
    unit: str = "rows"        # what a row is, when rows are counted

    def caption(self) -> str:
        what = self.value or self.unit
        if self.kind == "time":
            per = "month" if self.time != "month" and self.time not in ("year", "week", "day") else self.time
            by = f", by {self.series}" if self.series else ""
            return f"{what} per {per} (from {self.time}){by}"
        return f"top {MAX_BARS} rows by {what}" + (f" ({' / '.join(self.labels)})" if self.labels else "")


def chart_spec(frame: pd.DataFrame) -> ChartSpec | None:
    """The chart that fits the result, or None.

    Rows that are single events (they carry an id column) are counted per month of their date. Aggregated rows
    are plotted by their count column: over the month when they have one, else as a ranking, because a
    ranking of places by meetings says more than a histogram of the month each place was first seen in.
    """
    if frame.empty:
        return None
    columns = [str(c) for c in frame.columns]
    row_level = any(_id_like(c) for c in columns)
    numeric = [c for c in columns if _numeric_column(frame[c]) and not _id_like(c)]
    value = None if row_level else next((c for hint in COUNT_HINTS for c in numeric if c == hint),
                                        numeric[0] if numeric else None)
    usable = [c for c in columns if frame[c].notna().any()]
    time = next((c for c in TIME_COLUMNS if c in usable), None)
    if time is None and value is None:
        time = next((c for c in RANGE_COLUMNS if c in usable), None)
    text = [c for c in usable if c not in numeric and c != time and not _id_like(c) and not _date_column(frame[c])]
    if time is not None:
        unit = "events" if "event_id" in columns else "rows"
        return ChartSpec("time", value, time=time, series=_series(frame, text), unit=unit)
    if value is not None and text:
        return ChartSpec("ranking", value, labels=_labels(frame, text))
    return None


def _series(frame: pd.DataFrame, text: list[str]) -> str | None:
    varied = [c for c in text if frame[c].nunique() >= 2]
    hinted = next((c for hint in SERIES_HINTS for c in varied if c == hint), None)
    return hinted or next((c for c in varied if frame[c].nunique() <= MAX_SERIES), None)


def _labels(frame: pd.DataFrame, text: list[str]) -> tuple[str, ...]:
    """The first text column, plus the one that best tells its rows apart when it alone does not (a pair)."""
    # A column with one value (the actor whose counterparts these are) labels nothing apart.
    text = [c for c in text if frame[c].nunique() > 1] or text
    first = text[0]
    if frame[first].nunique() == len(frame) or len(text) == 1:
        return (first,)
    best = max(text[1:], key=lambda c: (len(frame[[first, c]].drop_duplicates()), -text.index(c)))
    return (first, best)


@dataclass(frozen=True)
class Chart:
    caption: str
    png: str  # base64


def _chart(frame: pd.DataFrame) -> Chart | None:
    spec = chart_spec(frame)
    if spec is None:
        return None
    png = _chart_png(frame, spec)
    if png is None:
        return None
    return Chart(spec.caption(), base64.b64encode(png).decode("ascii"))


def _chart_png(frame: pd.DataFrame, spec: ChartSpec) -> bytes | None:
    # Figure without pyplot: no global backend or figure registry, so rendering is safe in any process.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    height = 4.2 if spec.kind == "time" else min(max(1.2 + 0.32 * min(len(frame), MAX_BARS), 2.5), 8)
    figure = Figure(figsize=(10, height), dpi=100, layout="constrained")
    axes = figure.subplots()
    if spec.kind == "time":
        table = time_table(frame, spec)
        if table.empty:
            return None
        bottom = pd.Series(0.0, index=table.index)
        positions = range(len(table.index))
        for name in table.columns:
            axes.bar(positions, table[name], bottom=bottom, label=str(name), width=0.8)
            bottom = bottom + table[name]
        crowded = len(table.index) > 6
        step = max(1, len(table.index) // 24)  # at most ~24 tick labels, or they overprint each other
        axes.set_xticks(list(positions)[::step], [str(i) for i in table.index][::step],
                        rotation=45 if crowded else 0, ha="right" if crowded else "center")
        axes.set_ylabel(spec.value or spec.unit)
        if spec.series:
            axes.legend(title=spec.series, fontsize="small", loc="upper left", bbox_to_anchor=(1, 1))
    else:
        ranked = _ranking(frame, spec)
        if ranked.empty:
            return None
        axes.barh(range(len(ranked)), ranked.to_numpy(), color="#3e7cb1")
        axes.set_yticks(range(len(ranked)), [_shorten(str(i), 40) for i in ranked.index], fontsize="small")
        axes.invert_yaxis()
        axes.set_xlabel(spec.value or "rows")
    # Counts are whole numbers: ticks at 0.5 steps would suggest otherwise.
    (axes.yaxis if spec.kind == "time" else axes.xaxis).set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="y" if spec.kind == "time" else "x", alpha=0.3)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Names in scripts the default font lacks (e.g. Chinese) draw as boxes; that is not worth a warning.
        warnings.simplefilter("ignore", UserWarning)
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def time_table(frame: pd.DataFrame, spec: ChartSpec) -> pd.DataFrame:
    """Sum of the value (or count) per time bucket and series, as drawn; undated rows cannot be placed, so drop.

    Rows of events (one per participant pair of an event, say) count each event once per bar, so that a bar
    labelled "events" is a number of events, not of rows.
    """
    assert spec.time is not None
    buckets = frame[spec.time].map(lambda v: None if _missing(v) else _bucket(v, spec.time or ""))
    values = (pd.to_numeric(frame[spec.value], errors="coerce").fillna(0) if spec.value
              else pd.Series(1, index=frame.index))  # row-level results: each row counts once
    data = pd.DataFrame({"bucket": buckets, "value": values})
    if spec.series:
        series = frame[spec.series].map(lambda v: "(none)" if _missing(v) else str(v))
        top = series.groupby(series).size().sort_values(ascending=False)
        keep = set(top.index[: MAX_SERIES - 1]) if len(top) > MAX_SERIES else set(top.index)
        data["series"] = series.where(series.isin(keep), "other")
    else:
        data["series"] = spec.value or spec.unit
    data = data.dropna(subset=["bucket"])
    if spec.value is None and spec.unit == "events":
        data = data.assign(event=frame["event_id"]).drop_duplicates(["bucket", "series", "event"])
    if data.empty:
        return pd.DataFrame()
    table = data.pivot_table(index="bucket", columns="series", values="value", aggfunc="sum", fill_value=0
                             ).sort_index()
    if all(MONTH.match(str(b)) for b in table.index):
        # Empty months are shown as gaps: skipping them would draw a year's silence as adjacent bars.
        months = pd.period_range(table.index[0], table.index[-1], freq="M").strftime("%Y-%m")
        if len(months) <= MAX_MONTHS:
            table = table.reindex(months, fill_value=0)
    return table


def _bucket(value: Any, column: str) -> str:
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    # Day-level dates are grouped by month: one bar per day would be a comb on any real date range.
    return text if column in ("month", "year", "week", "day") else text[:7]


# --- a report's own line chart -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineChart:
    """A line chart a report asks for in its header's [chart] table: one line per column of `lines`, summed over
    the rows of each `x` (a month, say); and `secondary`, averaged over those rows weighted by the `weight` column,
    on an axis of its own at the right (a mean score beside counts)."""

    x: str
    lines: tuple[str, ...]
    secondary: str | None = None
    weight: str | None = None

    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (self.x, *self.lines, self.secondary, self.weight) if c is not None)

    def caption(self) -> str:
        right = f"; {self.secondary} (dashed, right axis)" if self.secondary else ""
        return f"{', '.join(self.lines)} per {self.x}{right}"


def line_table(frame: pd.DataFrame, chart: LineChart) -> pd.DataFrame:
    """What the line chart draws: per `x` (rows without one cannot be placed), the sum of each line and the
    weighted mean of the secondary column; months without rows are zero for the lines and a gap for the mean."""
    data = frame[list(chart.columns())].copy()
    data = data[data[chart.x].map(lambda v: not _missing(v))]
    if data.empty:
        return pd.DataFrame()
    data["_x"] = data[chart.x].map(lambda v: _bucket(v, chart.x))
    numbers = {c: pd.to_numeric(data[c], errors="coerce") for c in chart.columns() if c != chart.x}
    grouped = pd.DataFrame({c: numbers[c].fillna(0) for c in chart.lines}).groupby(data["_x"]).sum()
    if chart.secondary:
        value = numbers[chart.secondary]
        weight = numbers[chart.weight].fillna(0) if chart.weight else pd.Series(1.0, index=data.index)
        weight = weight.where(value.notna(), 0)
        totals = pd.DataFrame({"weighted": value.fillna(0) * weight, "weight": weight}).groupby(data["_x"]).sum()
        grouped[chart.secondary] = (totals["weighted"] / totals["weight"]).where(totals["weight"] > 0)
    grouped = grouped.sort_index()
    if all(MONTH.match(str(b)) for b in grouped.index):
        months = pd.period_range(grouped.index[0], grouped.index[-1], freq="M").strftime("%Y-%m")
        if len(months) <= MAX_MONTHS:
            grouped = grouped.reindex(months)
            grouped[list(chart.lines)] = grouped[list(chart.lines)].fillna(0)
    return grouped


def _line_chart(frame: pd.DataFrame, chart: LineChart) -> Chart | None:
    table = line_table(frame, chart)
    if table.empty:
        return None
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(10, 4.2), dpi=100, layout="constrained")
    axes = figure.subplots()
    positions = list(range(len(table.index)))
    handles = []
    for name in chart.lines:
        handles += axes.plot(positions, table[name].to_numpy(), marker="o", linewidth=2, label=name)
    axes.set_ylabel("events" if chart.weight is None else chart.weight)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    if chart.secondary:
        right = axes.twinx()
        handles += right.plot(positions, table[chart.secondary].to_numpy(), color="black", linestyle="--",
                              marker="s", linewidth=1.5, label=f"{chart.secondary} (right)")
        # The codebook's scale is -10..+10: a fixed axis shows how far from neutral (the grey line) a month was.
        right.set_ylim(-10, 10)
        right.axhline(0, color="#9aa5b1", linewidth=0.8)
        right.set_ylabel(chart.secondary)
        right.spines[["top"]].set_visible(False)
    crowded = len(positions) > 6
    step = max(1, len(positions) // 24)
    axes.set_xticks(positions[::step], [str(i) for i in table.index][::step],
                    rotation=45 if crowded else 0, ha="right" if crowded else "center")
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    axes.spines[["top"]].set_visible(False)
    axes.legend(handles=handles, fontsize="small", loc="upper left", bbox_to_anchor=(1.08, 1))
    return Chart(chart.caption(), base64.b64encode(_png(figure)).decode("ascii"))


def _ranking(frame: pd.DataFrame, spec: ChartSpec) -> pd.Series:
    assert spec.value is not None
    labels = frame[list(spec.labels)].map(lambda v: "" if _missing(v) else str(v)).agg(" – ".join, axis=1)
    values = pd.to_numeric(frame[spec.value], errors="coerce").fillna(0)
    return pd.Series(values.to_numpy(), index=labels.to_numpy()).head(MAX_BARS)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _numeric_column(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_numeric_dtype(series):
        return True
    # Integer columns with NULLs arrive as object dtype (reports/frames.py keeps them as ints and None).
    values = [v for v in series if not _missing(v)]
    return bool(values) and all(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in values)


def _id_like(name: str) -> bool:
    # Ids are numbers but not quantities: charting an event_id would be nonsense.
    return name == "id" or name.endswith(("_id", "_ids"))


def _date_column(series: pd.Series) -> bool:
    values = [v for v in series if not _missing(v)]
    return bool(values) and all(isinstance(v, date) or (isinstance(v, str) and ISO_DATE.match(v)) for v in values)


# --- Excel --------------------------------------------------------------------------------------------------


def _xlsx(frame: pd.DataFrame, title: str) -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    sheet_name = _sheet_name(title)
    ready = frame.copy()
    for column in ready.columns:
        series = ready[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            # Excel has no time zones; show the instant in UTC rather than fail.
            ready[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)
        elif _date_column(series):
            # SQLite returns dates as ISO text, PostgreSQL as dates: make both real Excel dates.
            ready[column] = series.map(lambda v: None if _missing(v) else
                                       v if isinstance(v, date) else date.fromisoformat(v)).astype(object)
        elif series.dtype == object:
            ready[column] = series.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str)
                                       else float(v) if isinstance(v, Decimal) else v)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format="YYYY-MM-DD",
                        datetime_format="YYYY-MM-DD HH:MM:SS") as writer:
        ready.to_excel(writer, sheet_name=sheet_name, index=False)
        sheet = writer.sheets[sheet_name]
        writer.book.properties.title = title
        sheet.freeze_panes = "A2"
        if not ready.empty:
            sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(ready.columns, start=1):
            longest = max([len(str(column)), *(len(str(_plain(v) or "")) for v in ready[column].head(500))])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
    return buffer.getvalue()


def _sheet_name(title: str) -> str:
    # Excel refuses []:*?/\ in sheet names and more than 31 characters.
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Report"
    return cleaned[:31]
