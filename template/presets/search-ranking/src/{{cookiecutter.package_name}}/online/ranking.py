"""The ranking stage, shared by the training set, offline evaluation and the gateway:
(query, document) pairs with their stored features → model inputs → ranked results."""

from __future__ import annotations

import pandas as pd

from ..entities import DOC, QUERY
from ..features.definitions import DOCUMENT_PROFILE, MODEL_FEATURES, add_request_features
from ..offline.train import score
from .search_index import SearchIndex

STORE_COLUMNS = ("known", "event_ts", "feature_ts")


def pair_features(
    pairs: pd.DataFrame, documents: pd.DataFrame, queries: pd.DataFrame, event_ts: pd.Timestamp
) -> pd.DataFrame:
    """Model inputs for `pairs` (`query`, `doc_id`, `retrieval_score`), from rows of stored
    document features and rows of stored query features."""
    doc_columns = documents.drop(columns=[c for c in STORE_COLUMNS if c in documents])
    query_columns = queries.drop(columns=[c for c in STORE_COLUMNS if c in queries])
    frame = pairs.merge(doc_columns, on=DOC, how="left").merge(query_columns, on=QUERY, how="left")
    return add_request_features(frame.assign(event_ts=event_ts))


def with_retrieval_scores(frame: pd.DataFrame, index: SearchIndex) -> pd.DataFrame:
    """Add the BM25 score of each row's (query, document), as retrieval would give it."""
    return frame.assign(retrieval_score=index.score_pairs(frame[QUERY], frame[DOC]))


def rank(model, frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """The top `k` rows by model score, best first, with a `score` column."""
    scored = frame.assign(score=score(model, frame, MODEL_FEATURES))
    return scored.sort_values(["score", DOC], ascending=[False, True]).head(k)


def index_from(documents: pd.DataFrame) -> SearchIndex:
    """The search index of document-profile rows (offline or online tier)."""
    return SearchIndex.from_documents(documents[[DOC, *DOCUMENT_PROFILE.features]])
