"""Offline evaluation of the whole serving path, per held-out booked session: the anchor's
neighbours, re-ranked, top k. Did the list hold the listing the visitor finally booked,
and how far down?

Rung 0 of the ladder needs no model: the neighbours ordered by how often they were viewed
with the anchor (ties in embedding order, the retrieval's own).
"""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import ITEM, SESSION
from ..feature_store import OfflineStore
from ..features.definitions import MODEL_FEATURES
from . import lake
from .candidates import RETRIEVAL_RANK
from .dataset import TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .ranking_metrics import mean_ranking_metrics
from .train import score
from .training_set import retrieval_size

HEURISTIC = Heuristic("co-views with the anchor", {"co_views": 1.0})


def list_length(config: Config) -> int:
    return int(config.task.get("k", 10))


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    k, size = list_length(config), retrieval_size(config)
    retrieved = data.test
    # What was booked, from the bookings themselves: retrieval may have missed it.
    booked = lake.read_table(config.paths.lake, "bookings").groupby(SESSION)[ITEM].agg(set)
    relevant = {session: booked[session] for session in retrieved[SESSION].unique()}
    metrics, served = {}, {}
    for name, model in models.items():
        scored = retrieved.assign(score=score(model, retrieved, MODEL_FEATURES))
        lists = _lists(scored, ["score", RETRIEVAL_RANK], [False, True])
        metrics[name] = _metrics(lists, relevant, k, size)
        top = scored.sort_values(["score", RETRIEVAL_RANK], ascending=[False, True])
        top = top.groupby(SESSION, sort=False).head(k)
        served[name] = top[[*MODEL_FEATURES.columns, "score"]].reset_index(drop=True)
    return Evaluation(metrics, served)


def mean_rank(lists: dict[str, list[str]], relevant: dict[str, set[str]], size: int) -> float:
    """Mean position of the booked listing in each list; `size + 1` when it is missing."""
    ranks = []
    for session, items in relevant.items():
        ranked = lists.get(session, [])
        ranks.append(next((p for p, i in enumerate(ranked, 1) if i in items), size + 1))
    return sum(ranks) / len(ranks) if ranks else float(size + 1)


def _metrics(
    lists: dict[str, list[str]], relevant: dict[str, set[str]], k: int, size: int
) -> dict[str, float]:
    ranking = mean_ranking_metrics(lists, relevant, k)
    return {**ranking, "mean_rank": mean_rank(lists, relevant, size)}


def _lists(frame: pd.DataFrame, by: list[str], ascending: list[bool]) -> dict[str, list[str]]:
    ordered = frame.sort_values([SESSION, *by], ascending=[True, *ascending], kind="stable")
    return ordered.groupby(SESSION, sort=False)[ITEM].agg(list).to_dict()
