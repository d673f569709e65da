"""The link-prediction training set: every logged suggestion, with the graph as it was then."""

from __future__ import annotations

from ..config import Config
from ..entities import CANDIDATE, LABEL, USER
from ..feature_store import OfflineStore
from ..features.definitions import MODEL_FEATURES
from ..online.graph import link_rows, offline_people
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time


def build(config: Config, store: OfflineStore) -> TrainingData:
    suggestions = lake.read_table(config.paths.lake, "suggestions")
    spine = suggestions.rename(columns={"suggested_at": EVENT_TS})[
        [USER, CANDIDATE, EVENT_TS, LABEL]
    ]
    frame = link_rows(spine, offline_people(store))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
