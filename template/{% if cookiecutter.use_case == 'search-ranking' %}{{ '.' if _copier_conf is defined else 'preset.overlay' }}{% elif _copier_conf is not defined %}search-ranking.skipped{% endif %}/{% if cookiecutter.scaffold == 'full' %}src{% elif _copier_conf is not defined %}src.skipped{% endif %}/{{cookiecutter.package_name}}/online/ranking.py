"""The ranking stage, shared by the training set, offline evaluation and the gateway:
(query, document) pairs with their stored features → model inputs → ranked results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import DOC, QUERY
from ..features.columns import Columns, merge, repeat
from ..features.definitions import DOCUMENT_PROFILE, add_request_features, request_features
from .features import KNOWN
from .search_index import SearchIndex

STORE_COLUMNS = ("known", "event_ts", "feature_ts")


def candidate_rows(
    candidates: Columns, documents: Columns, query: Columns, moment: np.datetime64
) -> dict[str, np.ndarray]:
    """Model inputs of one query's candidates (`doc_id`, `retrieval_score`): the query's
    stored features beside each document's."""
    count = len(candidates[DOC])
    query_part = repeat({k: v for k, v in query.items() if k != KNOWN}, count)
    document_part = {k: v for k, v in documents.items() if k != KNOWN}
    columns = merge(query_part, document_part, candidates, {"event_ts": np.full(count, moment)})
    return merge(columns, request_features(columns))


def pair_features(
    pairs: pd.DataFrame, documents: pd.DataFrame, queries: pd.DataFrame, event_ts: pd.Timestamp
) -> pd.DataFrame:
    """The same inputs for many `pairs` (`query`, `doc_id`, `retrieval_score`) at once,
    from rows of stored document features and rows of stored query features."""
    doc_columns = documents.drop(columns=[c for c in STORE_COLUMNS if c in documents])
    query_columns = queries.drop(columns=[c for c in STORE_COLUMNS if c in queries])
    frame = pairs.merge(doc_columns, on=DOC, how="left").merge(query_columns, on=QUERY, how="left")
    return add_request_features(frame.assign(event_ts=event_ts))


def with_retrieval_scores(frame: pd.DataFrame, index: SearchIndex) -> pd.DataFrame:
    """Add the BM25 score of each row's (query, document), as retrieval would give it."""
    return frame.assign(retrieval_score=index.score_pairs(frame[QUERY], frame[DOC]))


def best_first(doc_ids: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` best scores, best first; equal scores in document id order."""
    return np.lexsort((doc_ids, -scores))[:k]


def index_from(documents: pd.DataFrame) -> SearchIndex:
    """The search index of document-profile rows (offline or online tier)."""
    return SearchIndex.from_documents(documents[[DOC, *DOCUMENT_PROFILE.features]])
