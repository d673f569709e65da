"""The two kinds of feature value an online store keeps, whatever its backend."""

from __future__ import annotations

import pandas as pd

NUMBER, TEXT = "number", "text"


def kind_of(values: pd.Series) -> str:
    """`number` for numeric (and boolean, and all-missing) columns, `text` for the rest."""
    return NUMBER if pd.api.types.is_numeric_dtype(values) or values.isna().all() else TEXT
