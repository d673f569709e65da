"""Offline evaluation of the whole serving path: retrieve → rank → re-rank, per user.

The held-out period's clicks are what each user found relevant. Every rung is judged on
the list it would have served at the cutoff; rung 0 ranks the candidates by popularity
alone, which is the overall most-clicked list wherever the candidates hold it.
"""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import ITEM, LABEL, USER
from ..feature_store import OfflineStore
from ..features.definitions import (
    CATEGORY_CLICKS,
    ITEM_VIEWS,
    MODEL_FEATURES,
    PAIR_VIEWS,
    USER_CATEGORY,
    USER_VIEWS,
)
from ..features.keys import pair_keys, split_ids
from ..online.ranking import final_list, pair_features
from ..online.retrieval import CandidateIndex
from . import lake
from .dataset import EVENT_TS, TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .ranking_metrics import mean_ranking_metrics

HEURISTIC = Heuristic("popularity (clicks of 28 days)", {"item_popularity": 1.0})


def serving_settings(config: Config) -> tuple[int, int, int]:
    """k, number of candidates, and the per-category cap of the final list."""
    task = config.task
    return (
        int(task.get("k", 10)),
        int(task.get("candidates", 100)),
        int(task.get("max_per_category", 5)),
    )


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    k, size, cap = serving_settings(config)
    clicked = data.test[data.test[LABEL].astype(bool)]
    relevant = clicked.groupby(USER)[ITEM].agg(set).to_dict()
    users = store.get_historical(_spine(USER, list(relevant), data.cutoff), USER_VIEWS)
    item_ids = lake.read_table(config.paths.lake, "items")[ITEM].unique().tolist()
    items = store.get_historical(_spine(ITEM, item_ids, data.cutoff), ITEM_VIEWS)
    index = CandidateIndex.from_items(items)
    clicks = category_clicks_at(store, list(relevant), index.categories, data.cutoff)
    looked_up = clicks[clicks["category"].isin(index.retrieval_categories)]
    by_user = {
        user: dict(zip(rows["category"], rows[CATEGORY_CLICKS], strict=True))
        for user, rows in looked_up.groupby(USER, sort=False)
    }
    recent = dict(zip(users[USER], users["recent_clicks"].map(split_ids), strict=True))
    candidates = {
        user: index.candidates(by_user.get(user, {}), recent[user], size) for user in users[USER]
    }
    pairs = pd.DataFrame(
        [(user, item) for user, items_ in candidates.items() for item in items_],
        columns=[USER, ITEM],
    )
    frame = pair_features(pairs, users, items, clicks, data.cutoff)
    metrics, served = {}, {}
    for name, model in models.items():
        scored = frame.assign(score=model.score(frame))
        lists = {
            user: [
                entry.item_id
                for entry in final_list(rows[ITEM], rows["score"], rows["category"], k, cap)
            ]
            for user, rows in scored.groupby(USER, sort=False)
        }
        metrics[name] = {**mean_ranking_metrics(lists, relevant, k), **distinct_lists(lists)}
        chosen = pd.DataFrame(
            [(u, i) for u, items_ in lists.items() for i in items_], columns=[USER, ITEM]
        )
        served[name] = scored.merge(chosen, on=[USER, ITEM])[[*MODEL_FEATURES.columns, "score"]]
    return Evaluation(metrics, served)


def distinct_lists(lists: dict[str, list[str]]) -> dict[str, float]:
    """How personal the lists are: distinct lists per user served (1 when no two are alike)."""
    return {"distinct_lists": len({tuple(items) for items in lists.values()}) / max(len(lists), 1)}


def category_clicks_at(
    store: OfflineStore, users: list[str], categories: tuple[str, ...], at: pd.Timestamp
) -> pd.DataFrame:
    """Each user's clicks in each category as of `at`: `user_id`, `category`, the clicks."""
    grid = pd.MultiIndex.from_product([users, categories], names=[USER, "category"])
    spine = grid.to_frame(index=False)
    spine[USER_CATEGORY] = pair_keys(spine[USER], spine["category"])
    return store.get_historical(spine.assign(**{EVENT_TS: at}), PAIR_VIEWS)


def _spine(entity: str, ids: list[str], at: pd.Timestamp) -> pd.DataFrame:
    return pd.DataFrame({entity: ids, EVENT_TS: at})
