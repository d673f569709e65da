"""The ranking training set: every impression, with user and item features as of that moment,
and the user's clicks in the item's category as of that moment too.

An interaction log without real negatives (ratings, purchases: only what people chose to
see) teaches a ranker what people like among what they picked, not what to pick from the
catalog. `task.sampled_negatives` adds that many random catalog items per impression, at
the same moment and not clicked; the sample's impressions are real exposures, so it keeps 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config
from ..entities import ITEM, LABEL, USER
from ..errors import ConfigError
from ..feature_store import OfflineStore
from ..features.definitions import (
    ITEM_VIEWS,
    MODEL_FEATURES,
    PAIR_VIEWS,
    USER_CATEGORY,
    USER_VIEWS,
    add_request_features,
)
from ..features.keys import pair_keys
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time

NEGATIVES_SEED = 0


def sampled_negatives(config: Config) -> int:
    value = config.task.get("sampled_negatives", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"task.sampled_negatives must be a whole number >= 0, not {value!r}")
    return value


def with_sampled_negatives(spine: pd.DataFrame, items: np.ndarray, per_row: int) -> pd.DataFrame:
    """`spine` and, per row, `per_row` random items of `items` at the same moment, not
    clicked; a sampled pair the user really interacted with is left out."""
    if per_row == 0 or len(items) == 0:
        return spine
    rng = np.random.default_rng(NEGATIVES_SEED)
    extra = spine.loc[spine.index.repeat(per_row), [USER, EVENT_TS]].reset_index(drop=True)
    extra[ITEM] = rng.choice(items, len(extra))
    extra[LABEL] = False
    seen = set(zip(spine[USER], spine[ITEM], strict=True))
    fresh = [pair not in seen for pair in zip(extra[USER], extra[ITEM], strict=True)]
    return pd.concat([spine, extra[fresh]], ignore_index=True)


def build(config: Config, store: OfflineStore) -> TrainingData:
    impressions = lake.read_table(config.paths.lake, "impressions")
    spine = impressions.rename(columns={"shown_at": EVENT_TS})[[USER, ITEM, EVENT_TS, LABEL]]
    catalog = lake.read_table(config.paths.lake, "items")[ITEM].unique()
    spine = with_sampled_negatives(spine, catalog, sampled_negatives(config))
    frame = store.get_historical(spine, (*USER_VIEWS, *ITEM_VIEWS))
    frame[USER_CATEGORY] = pair_keys(frame[USER], frame["category"])
    frame = add_request_features(store.get_historical(frame, PAIR_VIEWS))
    return split_by_time(frame, config, MODEL_FEATURES, LABEL)
