"""Offline evaluation of the whole serving path, retrieve → rank, per judged query.

Each query judged in the held-out period is searched at the cutoff: BM25 retrieves the
candidates, each rung ranks them, and the graded judgments score the top k. Rung 0 of
the ladder is the retrieval order itself.
"""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..entities import DOC, LABEL, QUERY
from ..feature_store import OfflineStore
from ..features.definitions import DOCUMENT_VIEWS, MODEL_FEATURES, QUERY_ACTIVITY
from ..offline.train import score
from ..online.ranking import pair_features
from .dataset import EVENT_TS, TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .search_metrics import mean_search_metrics
from .training_set import corpus_index

HEURISTIC = Heuristic("BM25 retrieval order", {"retrieval_score": 1.0})


def search_settings(config: Config) -> tuple[int, int]:
    """Results per page, and candidates retrieved per query."""
    return int(config.task.get("k", 10)), int(config.task.get("candidates", 50))


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    k, size = search_settings(config)
    latest = data.test.sort_values(EVENT_TS).drop_duplicates([QUERY, DOC], keep="last")
    judgments = {
        query: dict(zip(rows[DOC], rows[LABEL], strict=True))
        for query, rows in latest.groupby(QUERY)
    }
    index = corpus_index(config, store, data.cutoff)
    pairs = pd.concat(
        [pd.DataFrame(index.retrieve(query, size)).assign(**{QUERY: query}) for query in judgments],
        ignore_index=True,
    )
    documents = store.get_historical(_spine(DOC, pairs[DOC].unique(), data.cutoff), DOCUMENT_VIEWS)
    queries = store.get_historical(_spine(QUERY, list(judgments), data.cutoff), [QUERY_ACTIVITY])
    frame = pair_features(pairs, documents, queries, data.cutoff)
    metrics, served = {}, {}
    for name, model in models.items():
        scored = frame.assign(score=score(model, frame, MODEL_FEATURES))
        lists = _top(scored, "score", k)
        metrics[name] = mean_search_metrics(lists, judgments, k)
        chosen = scored.sort_values("score", ascending=False).groupby(QUERY).head(k)
        served[name] = chosen[[*MODEL_FEATURES.columns, "score"]].reset_index(drop=True)
    return Evaluation(metrics, served)


def _top(frame: pd.DataFrame, column: str, k: int) -> dict[str, list[str]]:
    ordered = frame.sort_values([QUERY, column, DOC], ascending=[True, False, True])
    return {query: rows[DOC].head(k).tolist() for query, rows in ordered.groupby(QUERY)}


def _spine(entity: str, ids, at: pd.Timestamp) -> pd.DataFrame:
    return pd.DataFrame({entity: list(ids), EVENT_TS: at})
