"""Ranking and the final list, shared by the gateway and by offline evaluation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..entities import CATEGORIES, ITEM, USER
from ..features.columns import Columns, merge, repeat
from ..features.definitions import add_request_features, category_clicks, request_features
from .features import KNOWN
from .rerank import Scored, diversify


def clicks_by_category(user: Mapping, row: int = 0) -> dict[str, float]:
    """One user's clicks per category: from a user's row, or the `row`-th of user columns."""
    return {
        category: float(np.ravel(user[category_clicks(category)])[row]) for category in CATEGORIES
    }


def candidate_rows(user: Columns, items: Columns, moment: np.datetime64) -> dict[str, np.ndarray]:
    """Model inputs of one user's candidates: the user's stored features beside each item's."""
    count = len(items[ITEM])
    user_part = repeat({k: v for k, v in user.items() if k != KNOWN}, count)
    item_part = {k: v for k, v in items.items() if k != KNOWN}
    columns = merge(user_part, item_part, {"event_ts": np.full(count, moment)})
    return merge(columns, request_features(columns))


def pair_features(
    pairs: pd.DataFrame, users: pd.DataFrame, items: pd.DataFrame, event_ts: pd.Timestamp
) -> pd.DataFrame:
    """The same inputs for many (user, item) pairs at once, from point-in-time frames."""
    user_columns = users.drop(columns=[c for c in ("known", "event_ts") if c in users])
    item_columns = items.drop(columns=[c for c in ("known", "event_ts") if c in items])
    frame = pairs.merge(user_columns, on=USER, how="left").merge(item_columns, on=ITEM, how="left")
    return add_request_features(frame.assign(event_ts=event_ts))


def final_list(
    item_ids: Sequence[str], scores: Sequence[float], categories: Sequence[str], k: int, cap: int
) -> list[Scored]:
    """One user's scored candidates, re-ranked for variety, top k."""
    ranked = [
        Scored(str(item), float(value), str(category))
        for item, value, category in zip(item_ids, scores, categories, strict=True)
    ]
    return diversify(ranked, k, cap)
