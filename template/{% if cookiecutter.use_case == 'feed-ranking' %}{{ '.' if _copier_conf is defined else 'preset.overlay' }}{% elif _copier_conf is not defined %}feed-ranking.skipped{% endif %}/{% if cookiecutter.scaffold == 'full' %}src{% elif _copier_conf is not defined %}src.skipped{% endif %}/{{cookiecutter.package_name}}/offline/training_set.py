"""The ranking training set: every impression, with the features of its user, post and
author as of the moment it was shown, and its heads' labels."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import CLICKED, DWELL, LIKED, POST, USER
from ..errors import ConfigError
from ..feature_store import OfflineStore
from ..features.definitions import (
    AUTHOR_VIEWS,
    MODEL_FEATURES,
    PAIR_VIEWS,
    POST_VIEWS,
    USER_TOPIC,
    USER_VIEWS,
    add_request_features,
)
from ..features.keys import pair_keys
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time
from .heads import PACKED_LABEL, pack


def features_as_of(store: OfflineStore, spine: pd.DataFrame) -> pd.DataFrame:
    """The model inputs of (user_id, post_id, event_ts) rows, point in time.

    The author and the topic are whatever the post's profile names, so the author's views
    and the user's clicks in the topic join second.
    """
    joined = store.get_historical(spine, (*USER_VIEWS, *POST_VIEWS))
    joined[USER_TOPIC] = pair_keys(joined[USER], joined["topic"])
    return add_request_features(store.get_historical(joined, (*AUTHOR_VIEWS, *PAIR_VIEWS)))


def long_dwell_seconds(config: Config) -> float:
    value = config.task.get("long_dwell_seconds", 30)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"task.long_dwell_seconds must be a positive number, not {value!r}")
    return float(value)


def build(config: Config, store: OfflineStore) -> TrainingData:
    impressions = lake.read_table(config.paths.lake, "impressions")
    spine = impressions.rename(columns={"shown_at": EVENT_TS})[
        [USER, POST, EVENT_TS, CLICKED, LIKED, DWELL]
    ]
    frame = features_as_of(store, spine)
    frame["long_dwell"] = frame[DWELL] >= long_dwell_seconds(config)
    frame[PACKED_LABEL] = pack(frame)
    return split_by_time(frame, config, MODEL_FEATURES, PACKED_LABEL)
