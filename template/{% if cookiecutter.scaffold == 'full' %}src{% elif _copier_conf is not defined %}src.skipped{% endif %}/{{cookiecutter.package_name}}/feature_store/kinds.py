"""The two kinds of feature value an online store keeps, whatever its backend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..errors import StoreUnavailable
from ..features.views import FeatureView

NUMBER, TEXT = "number", "text"


def kind_of(values: pd.Series) -> str:
    """`number` for numeric (and boolean, and all-missing) columns, `text` for the rest."""
    return NUMBER if pd.api.types.is_numeric_dtype(values) or values.isna().all() else TEXT


REBUILD = "rebuild it with `materialize` (or `run`)"  # what fixes a store's view


def declared_for(view: FeatureView, declared: Mapping[str, Any]) -> dict[str, Any]:
    """What a store declared for each of the view's features, in the view's order; a
    feature it lacks (the view changed since it was materialized) is a StoreUnavailable."""
    missing = [name for name in view.features if name not in declared]
    if missing:
        raise StoreUnavailable(
            f"view `{view.name}` in the online store lacks {', '.join(missing)}; {REBUILD}"
        )
    return {name: declared[name] for name in view.features}
