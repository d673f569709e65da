"""Online feature lookup: the same views and the same request-time function as training."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..feature_store import OnlineStore, SQLiteOnlineStore
from ..features.views import FEATURE_TS, FeatureView


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


def example_requests(
    store: SQLiteOnlineStore, view: FeatureView, path: str, field: str, count: int
) -> list[dict]:
    """`count` requests for stored entities of `view`, the last for one never seen before,
    each at the moment of the latest snapshot (the sample data's "now")."""
    stored = store.all_rows(view)
    at = str(stored[FEATURE_TS].max())
    ids = [*stored.index[: max(count - 1, 0)], f"never-seen-{field}"][:count]
    return [{"method": "POST", "path": path, "body": {field: i, "at": at}} for i in ids]
