"""The churn training set: every labelled observation, with features as of that moment."""

from __future__ import annotations

from ..config import SNAPSHOT, Config
from ..entities import ENTITY, LABEL
from ..feature_store import OfflineStore
from ..features.definitions import MODEL_FEATURES, VIEWS, add_request_features
from . import lake, snapshot_set
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    if config.source == SNAPSHOT:
        return snapshot_set.build(config, store)
    labels = lake.read_table(config.paths.lake, "churn_labels")
    spine = labels.rename(columns={"observed_at": EVENT_TS})[[ENTITY, EVENT_TS, LABEL]]
    frame = add_request_features(store.get_historical(spine, VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
