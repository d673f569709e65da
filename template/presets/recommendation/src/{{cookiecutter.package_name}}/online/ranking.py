"""Ranking and the final list, shared by the gateway and by offline evaluation."""

from __future__ import annotations

import pandas as pd

from ..entities import CATEGORIES, ITEM, USER
from ..features.definitions import MODEL_FEATURES, add_request_features, category_clicks
from ..offline.train import score
from .rerank import Scored, diversify


def clicks_by_category(user_row: pd.Series) -> dict[str, float]:
    return {category: float(user_row[category_clicks(category)]) for category in CATEGORIES}


def pair_features(
    pairs: pd.DataFrame, users: pd.DataFrame, items: pd.DataFrame, event_ts: pd.Timestamp
) -> pd.DataFrame:
    """Model inputs for (user, item) pairs, from user rows and item rows of stored features."""
    user_columns = users.drop(columns=[c for c in ("known", "event_ts") if c in users])
    item_columns = items.drop(columns=[c for c in ("known", "event_ts") if c in items])
    frame = pairs.merge(user_columns, on=USER, how="left").merge(item_columns, on=ITEM, how="left")
    return add_request_features(frame.assign(event_ts=event_ts))


def score_pairs(model, frame: pd.DataFrame) -> pd.Series:
    return score(model, frame, MODEL_FEATURES)


def final_list(
    frame: pd.DataFrame, scores: pd.Series, k: int, max_per_category: int
) -> list[Scored]:
    """One user's scored candidates, re-ranked for variety, top k."""
    ranked = [
        Scored(item, float(value), str(category))
        for item, value, category in zip(frame[ITEM], scores, frame["category"], strict=True)
    ]
    return diversify(ranked, k, max_per_category)
