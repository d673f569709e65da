"""The ranking training set: every impression, with user and item features as of that moment."""

from __future__ import annotations

from ..config import Config
from ..entities import ITEM, LABEL, USER
from ..feature_store import OfflineStore
from ..features.definitions import MODEL_FEATURES, VIEWS, add_request_features
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    impressions = lake.read_table(config.paths.lake, "impressions")
    spine = impressions.rename(columns={"shown_at": EVENT_TS})[[USER, ITEM, EVENT_TS, LABEL]]
    frame = add_request_features(store.get_historical(spine, VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
