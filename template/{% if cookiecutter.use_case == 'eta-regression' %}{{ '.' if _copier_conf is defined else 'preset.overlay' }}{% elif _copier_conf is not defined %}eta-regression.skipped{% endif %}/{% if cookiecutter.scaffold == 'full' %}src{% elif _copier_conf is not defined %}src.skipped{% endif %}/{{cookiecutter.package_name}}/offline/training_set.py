"""The ETA training set: every trip, with traffic features as of its request time."""

from __future__ import annotations

from ..config import SNAPSHOT, Config
from ..entities import DRIVER, DROPOFF_ZONE, LABEL, PICKUP_ZONE, TRIP
from ..feature_store import OfflineStore
from ..features.definitions import (
    MODEL_FEATURES,
    TRIP_VIEWS,
    add_request_features,
    with_lookup_keys,
)
from . import lake, snapshot_set
from .dataset import EVENT_TS, TrainingData, split_by_time

TRIP_COLUMNS = [TRIP, DRIVER, PICKUP_ZONE, DROPOFF_ZONE, "distance_km", EVENT_TS, LABEL]


def build(config: Config, store: OfflineStore) -> TrainingData:
    if config.source == SNAPSHOT:
        return snapshot_set.build(config, store)
    trips = lake.read_table(config.paths.lake, "trips")
    spine = with_lookup_keys(trips.rename(columns={"requested_at": EVENT_TS})[TRIP_COLUMNS])
    frame = add_request_features(store.get_historical(spine, TRIP_VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
