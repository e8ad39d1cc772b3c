"""Turn a query result (a pandas DataFrame) into table, CSV, JSON or Markdown text."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pandas as pd

FORMATS = ("table", "csv", "json", "md")


def render(frame: pd.DataFrame, fmt: str, *, title: str = "", max_width: int = 60) -> str | bytes:
    """The rendering of `frame` as `fmt`; `title` heads the formats that have a title."""
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return frame.to_markdown(index=False) + "\n"
    if fmt == "table":
        if frame.empty:
            return "(no rows)\n"
        shown = frame.map(lambda v: _clip(v, max_width))
        return shown.to_markdown(index=False, tablefmt="simple") + f"\n({len(frame)} rows)\n"
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _clip(value: Any, width: int) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
