"""Query results as DataFrames that keep SQL's types: an integer column with NULLs stays integers and None."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import CursorResult


def result_frame(result: CursorResult[Any]) -> pd.DataFrame:
    columns = list(result.keys())
    rows = result.fetchall()
    frame = pd.DataFrame(rows, columns=columns)
    for index, name in enumerate(columns):
        values = [row[index] for row in rows]
        has_null = any(v is None for v in values)
        if has_null and any(isinstance(v, int) and not isinstance(v, bool) for v in values):
            # pandas would turn these into floats (1.0) and NaN; a row id or line number is not a float.
            frame[name] = pd.Series(values, dtype=object)
    return frame
