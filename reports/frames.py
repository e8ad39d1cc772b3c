"""Query results as DataFrames that keep SQL's types: an integer column with NULLs stays integers and None."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import CursorResult


def result_frame(result: CursorResult[Any]) -> pd.DataFrame:
    columns = list(result.keys())
    rows = result.fetchall()
    frame = pd.DataFrame(rows, columns=columns)
    for index, dtype in enumerate(frame.dtypes):
        # pandas turns an integer column with NULLs into floats (1.0) and NaN; a row id or line number is not a
        # float. Only such columns (float, with a missing value) need a look at the values as SQL gave them.
        if dtype.kind != "f" or not frame.iloc[:, index].isna().any():
            continue
        values = [row[index] for row in rows]
        if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame.isetitem(index, pd.Series(values, dtype=object))
    return frame
