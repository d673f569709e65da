"""Offline evaluation on the held-out suggestions: each visit's list, ranked by each model.

ROC-AUC asks whether a pair that connected scores above one that did not; the ranking
metrics ask whether the people a user did befriend sit at the top of that user's list.
Rung 0 of the ladder, which every model must beat: the classic heuristic of ranking
friends of friends by how many friends they have in common.

What each model would serve (the monitoring reference) comes from the serving path itself,
replayed on held-out visits: the best friends of friends by Adamic-Adar, scored, top k.
"""

from __future__ import annotations

import pandas as pd
from sklearn.metrics import roc_auc_score

from ..config import Config
from ..entities import CANDIDATE, USER
from ..feature_store import OfflineStore
from ..features.definitions import VIEWS
from ..online.graph import best_friends_of_friends, link_rows, offline_people, two_hop
from .dataset import EVENT_TS, TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .ranking_metrics import mean_ranking_metrics
from .train import score

HEURISTIC = Heuristic("friends in common", {"common_neighbours": 1.0})
LIST = "__list"
REFERENCE_SEED = 0
REFERENCE_VISITS = 300  # held-out visits replayed through the serving path


def list_size(config: Config) -> int:
    """How many people one response suggests (config: task.k)."""
    return int(config.task.get("k", 10))


def candidate_count(config: Config) -> int:
    """How many friends of friends one request scores (config: task.candidates)."""
    return int(config.task.get("candidates", 200))


def link_metrics(frame: pd.DataFrame, label: str, scores: pd.Series, k: int) -> dict[str, float]:
    """ROC-AUC over all pairs, and recall/nDCG/mAP@k and MRR over the lists (one per visit)."""
    ranked = frame.assign(score=scores).sort_values(
        [LIST, "score", CANDIDATE], ascending=[True, False, True], kind="stable"
    )
    lists = ranked.groupby(LIST, sort=False)[CANDIDATE].agg(list).to_dict()
    relevant = ranked[ranked[label].astype(bool)].groupby(LIST)[CANDIDATE].agg(set).to_dict()
    return {
        "roc_auc": float(roc_auc_score(frame[label].astype(int), scores)),
        **mean_ranking_metrics(lists, relevant, k),
    }


def top_of_each_list(frame: pd.DataFrame, scores: pd.Series, k: int) -> pd.DataFrame:
    """The rows a model would have shown: its best k per visit."""
    scored = frame.assign(score=scores)
    order = scored.sort_values([LIST, "score"], ascending=[True, False], kind="stable")
    return order.groupby(LIST, sort=False).head(k)


def served_by_each(
    config: Config, store: OfflineStore, data: TrainingData, models: dict
) -> dict[str, pd.DataFrame]:
    """What each model would have shown on a sample of held-out visits, had it served them."""
    visits = data.test[[USER, EVENT_TS]].drop_duplicates()
    visits = visits.sample(min(REFERENCE_VISITS, len(visits)), random_state=REFERENCE_SEED)
    people = offline_people(store)
    users = people(visits, VIEWS)
    stats = two_hop(users, people)
    pool = best_friends_of_friends(stats, candidate_count(config))
    frame = link_rows(pool[[USER, CANDIDATE, EVENT_TS]], people, users, stats)
    frame = frame.assign(**{LIST: frame[USER] + "@" + frame[EVENT_TS].astype(str)})
    columns = [*data.features.columns, "score"]
    return {
        name: top_of_each_list(frame, score(model, frame, data.features), list_size(config))[
            columns
        ]
        for name, model in models.items()
    }


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    k = list_size(config)
    test = data.test.assign(**{LIST: data.test[USER] + "@" + data.test[EVENT_TS].astype(str)})
    metrics = {}
    for name, model in models.items():
        metrics[name] = link_metrics(test, data.label, score(model, test, data.features), k)
    return Evaluation(metrics, served_by_each(config, store, data, models))
