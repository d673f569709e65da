"""Online feature lookup: the same views and the same request-time function as training."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..feature_store import OnlineStore
from ..features.views import FeatureView


def lookup(store: OnlineStore, view: FeatureView, entity_ids: Sequence[str]) -> pd.DataFrame:
    """One row per requested id, in order; entities the store lacks get the view's defaults.

    The `known` column says which ids had stored values (False means cold start).
    """
    ids = [str(entity) for entity in entity_ids]
    stored = store.get_online(view, ids)
    frame = stored.reindex(ids)
    frame["known"] = frame.index.isin(stored.index)
    for feature, default in view.defaults.items():
        frame[feature] = pd.to_numeric(frame[feature]).fillna(default)
    return frame.rename_axis(view.entity).reset_index()
