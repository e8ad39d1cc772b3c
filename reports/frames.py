"""Query results as DataFrames that keep SQL's types: an integer column with NULLs stays integers and None."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import CursorResult


def result_frame(result: CursorResult[Any]) -> pd.DataFrame:
    return frame_of(list(result.keys()), result.fetchall())


def frame_of(columns: list[str], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=columns)
    for index, dtype in enumerate(frame.dtypes):
        # pandas turns an integer column with NULLs into floats (1.0) and NaN; a row id or line number is not a
        # float. Only such columns (float, with a missing value) need a look at the values as SQL gave them.
        if dtype.kind != "f" or not frame.iloc[:, index].isna().any():
            continue
        values = [row[index] for row in rows]
        if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame.isetitem(index, pd.Series(values, dtype=object))
    return frame
