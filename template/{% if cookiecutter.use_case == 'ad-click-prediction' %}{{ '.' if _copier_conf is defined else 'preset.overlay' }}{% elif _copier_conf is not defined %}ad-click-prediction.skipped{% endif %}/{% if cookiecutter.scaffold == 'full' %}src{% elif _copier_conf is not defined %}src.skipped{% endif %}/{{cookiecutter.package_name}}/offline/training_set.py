"""The click training set: every impression, with features as of the moment it was shown."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import AD, LABEL, SITE, USER
from ..feature_store import OfflineStore
from ..features.definitions import AD_VIEWS, CONTEXT_VIEWS, MODEL_FEATURES, add_request_features
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time

SPINE = ["impression_id", USER, AD, SITE, "device", EVENT_TS, LABEL]


def historical_features(store: OfflineStore, spine: pd.DataFrame) -> pd.DataFrame:
    """Spine rows (user, ad, site, device, event_ts) with every model feature as of event_ts.

    Two as-of joins, as the gateway does two lookups: the ad's profile first, because it
    names the advertiser whose counts the second join takes.
    """
    with_ads = store.get_historical(spine, AD_VIEWS)
    return add_request_features(store.get_historical(with_ads, CONTEXT_VIEWS))


def build(config: Config, store: OfflineStore) -> TrainingData:
    impressions = lake.read_table(config.paths.lake, "impressions")
    spine = impressions.rename(columns={"shown_at": EVENT_TS})[SPINE]
    frame = historical_features(store, spine)
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
