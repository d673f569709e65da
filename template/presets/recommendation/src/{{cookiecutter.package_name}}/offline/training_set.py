"""The ranking training set: every impression, with user and item features as of that moment,
and the user's clicks in the item's category as of that moment too."""

from __future__ import annotations

from ..config import Config
from ..entities import ITEM, LABEL, USER
from ..feature_store import OfflineStore
from ..features.definitions import (
    ITEM_VIEWS,
    MODEL_FEATURES,
    PAIR_VIEWS,
    USER_CATEGORY,
    USER_VIEWS,
    add_request_features,
    user_category_keys,
)
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    impressions = lake.read_table(config.paths.lake, "impressions")
    spine = impressions.rename(columns={"shown_at": EVENT_TS})[[USER, ITEM, EVENT_TS, LABEL]]
    frame = store.get_historical(spine, (*USER_VIEWS, *ITEM_VIEWS))
    frame[USER_CATEGORY] = user_category_keys(frame[USER], frame["category"])
    frame = add_request_features(store.get_historical(frame, PAIR_VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
