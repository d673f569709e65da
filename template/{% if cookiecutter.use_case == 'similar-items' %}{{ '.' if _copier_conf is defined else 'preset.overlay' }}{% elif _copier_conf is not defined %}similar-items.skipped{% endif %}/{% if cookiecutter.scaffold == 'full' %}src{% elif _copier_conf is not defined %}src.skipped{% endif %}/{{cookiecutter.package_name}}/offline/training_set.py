"""The re-ranking training set: per booked session, the anchor's retrieved neighbours, with
the features of the anchor, the candidate and the pair as of the booking."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import ANCHOR, ITEM, LABEL, PAIR
from ..feature_store import OfflineStore
from ..features.definitions import (
    ANCHOR_VIEWS,
    ITEM_VIEWS,
    MODEL_FEATURES,
    PAIR_CO_VIEWS,
    add_request_features,
    assemble,
)
from . import lake
from .candidates import booked_sessions, candidate_pairs
from .dataset import EVENT_TS, TrainingData, split_by_time


def retrieval_size(config: Config) -> int:
    return int(config.task.get("candidates", 30))


def build(config: Config, store: OfflineStore) -> TrainingData:
    sessions = booked_sessions(
        lake.read_table(config.paths.lake, "page_views"),
        lake.read_table(config.paths.lake, "bookings"),
    )
    item_ids = sorted(lake.read_table(config.paths.lake, "items")[ITEM].astype(str).unique())
    spine = candidate_pairs(sessions, store, item_ids, retrieval_size(config))
    frame = point_in_time_rows(spine, store)
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)


def point_in_time_rows(spine: pd.DataFrame, store: OfflineStore) -> pd.DataFrame:
    """The model inputs of (anchor, candidate) pairs as of each row's `event_ts`."""
    anchors = spine[[ANCHOR, EVENT_TS]].rename(columns={ANCHOR: ITEM})
    stored = assemble(
        spine,
        store.get_historical(anchors, ANCHOR_VIEWS),
        store.get_historical(spine[[ITEM, EVENT_TS]], ITEM_VIEWS),
        store.get_historical(spine[[PAIR, EVENT_TS]], (PAIR_CO_VIEWS,)),
    )
    return add_request_features(pd.DataFrame(stored))
