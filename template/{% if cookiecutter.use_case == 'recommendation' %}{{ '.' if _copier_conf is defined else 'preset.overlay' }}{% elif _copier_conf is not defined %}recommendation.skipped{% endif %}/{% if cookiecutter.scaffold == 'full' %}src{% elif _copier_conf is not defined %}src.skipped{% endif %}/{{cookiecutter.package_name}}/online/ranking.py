"""Ranking and the final list, shared by the gateway and by offline evaluation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..entities import ITEM, USER
from ..feature_store import OnlineStore
from ..features.columns import Columns, merge, repeat
from ..features.definitions import (
    CATEGORY_CLICKS,
    USER_CATEGORY_ACTIVITY,
    add_request_features,
    request_features,
)
from ..features.keys import pair_keys
from .features import KNOWN, lookup
from .rerank import Scored, diversify


def clicks_by_category(
    store: OnlineStore, user_id: str, categories: Sequence[str]
) -> dict[str, float]:
    """One user's recent clicks in each of `categories`, from the online store."""
    keys = pair_keys([user_id] * len(categories), categories)
    found = lookup(store, USER_CATEGORY_ACTIVITY, keys)[CATEGORY_CLICKS]
    return dict(zip(categories, found.tolist(), strict=True))


def candidate_rows(
    user: Columns, items: Columns, clicks: dict[str, float], moment: np.datetime64
) -> dict[str, np.ndarray]:
    """Model inputs of one user's candidates: the user's stored features beside each item's,
    and the user's clicks in each item's category."""
    count = len(items[ITEM])
    user_part = repeat({k: v for k, v in user.items() if k != KNOWN}, count)
    item_part = {k: v for k, v in items.items() if k != KNOWN}
    in_category = np.fromiter(
        (clicks.get(str(category), 0.0) for category in items["category"]), float, count
    )
    columns = merge(
        user_part,
        item_part,
        {CATEGORY_CLICKS: in_category, "event_ts": np.full(count, moment)},
    )
    return merge(columns, request_features(columns))


def pair_features(
    pairs: pd.DataFrame,
    users: pd.DataFrame,
    items: pd.DataFrame,
    category_clicks: pd.DataFrame,
    event_ts: pd.Timestamp,
) -> pd.DataFrame:
    """The same inputs for many (user, item) pairs at once, from point-in-time frames;
    `category_clicks` holds `user_id`, `category` and the user's clicks in it."""
    user_columns = users.drop(columns=[c for c in ("known", "event_ts") if c in users])
    item_columns = items.drop(columns=[c for c in ("known", "event_ts") if c in items])
    frame = pairs.merge(user_columns, on=USER, how="left").merge(item_columns, on=ITEM, how="left")
    clicks = category_clicks[[USER, "category", CATEGORY_CLICKS]]
    frame = frame.merge(clicks, on=[USER, "category"], how="left")
    frame[CATEGORY_CLICKS] = frame[CATEGORY_CLICKS].fillna(0.0)
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
