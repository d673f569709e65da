"""The moderation training set: every reviewed post, with its author's features as of
the moment it was posted."""

from __future__ import annotations

from ..config import Config
from ..entities import AUTHOR, LABEL, POST, TEXT
from ..feature_store import OfflineStore
from ..features.definitions import MODEL_FEATURES, VIEWS, add_request_features
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    posts = lake.read_table(config.paths.lake, "posts")
    labels = lake.read_table(config.paths.lake, "post_labels")[[POST, LABEL]]
    spine = posts.merge(labels, on=POST).rename(columns={"posted_at": EVENT_TS})
    spine = spine[[POST, AUTHOR, EVENT_TS, TEXT, LABEL]]
    frame = add_request_features(store.get_historical(spine, VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
