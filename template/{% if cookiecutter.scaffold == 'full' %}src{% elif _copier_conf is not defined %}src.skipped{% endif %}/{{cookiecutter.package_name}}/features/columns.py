"""Feature rows as columns: one shape for a request's few rows and for a training frame.

The request-time functions of features/definitions.py read `Columns`, a mapping of name →
one-dimensional array (all of one length), and return the columns they compute. The
gateway builds Columns straight from the online store's values (one row, or one per
candidate); the training-set builder passes a DataFrame, which is a mapping of columns
too. One function computes both: each feature has a single definition, and serving a
request builds no DataFrame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

Columns = Mapping[str, Any]  # name → one-dimensional array-like


def numbers(values: Any, default: float = np.nan) -> np.ndarray:
    """Floats, with missing values (None, NaN) replaced by `default`."""
    array = np.array(values, dtype=float)
    if not np.isnan(default):
        array[np.isnan(array)] = default
    return array


def texts(values: Any, missing: str = "unknown") -> np.ndarray:
    """Strings, with missing values (None, NaN) replaced by `missing`."""
    return np.array(
        [
            value if isinstance(value, str) else missing
            for value in np.asarray(values, dtype=object)
        ],
        dtype=object,
    )


def epoch_seconds(moments: Any) -> np.ndarray:
    """Seconds since 1970-01-01 of naive UTC timestamps."""
    stamps = np.asarray(moments)
    if stamps.dtype.kind != "M":
        stamps = pd.to_datetime(stamps).to_numpy()
    return stamps.astype("datetime64[us]").astype(np.int64) / 1e6


def hour_of_day(moments: Any) -> np.ndarray:
    return (epoch_seconds(moments) // 3_600 % 24).astype(float)


def day_of_week(moments: Any) -> np.ndarray:
    """0 for Monday to 6 for Sunday (1970-01-01 was a Thursday)."""
    return ((epoch_seconds(moments) // 86_400 + 3) % 7).astype(float)


def repeat(columns: Columns, count: int) -> dict[str, np.ndarray]:
    """One row's columns repeated `count` times: a user's features beside each candidate."""
    return {name: np.repeat(np.asarray(values), count) for name, values in columns.items()}


def take(columns: Columns, positions: Sequence[int] | np.ndarray) -> dict[str, np.ndarray]:
    """The rows at `positions`, in that order."""
    index = np.asarray(positions, dtype=np.intp)
    return {name: np.asarray(values)[index] for name, values in columns.items()}


def merge(*parts: Columns) -> dict[str, np.ndarray]:
    """Side-by-side columns of the same rows; a later part's column replaces an earlier one."""
    merged: dict[str, np.ndarray] = {}
    for part in parts:
        merged.update({name: np.asarray(values) for name, values in part.items()})
    return merged


def with_columns(frame: pd.DataFrame, columns: Mapping[str, Any]) -> pd.DataFrame:
    """`frame` with `columns` added or replaced: how the offline loop applies a function."""
    return frame.assign(**{name: np.asarray(values) for name, values in columns.items()})
