"""The search features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..entities import DOC, QUERY
from .columns import Columns, numbers, texts, with_columns
from .text import WORD_PATTERN, tokens
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.15  # the click-through rate assumed before any impression

# The query log with queries normalized as `text.normalize_query` does (lower-case words
# joined by single spaces), so that the log, the judgments and the gateway agree.
DERIVED_SOURCES: dict[str, str] = {
    "query_log": f"""
        SELECT * EXCLUDE ({QUERY}),
            array_to_string(regexp_extract_all(lower({QUERY}), '{WORD_PATTERN}'), ' ') AS {QUERY}
        FROM searches
    """,
}

DOCUMENT_PROFILE = FeatureView(
    name="document_profile",
    entity=DOC,
    source="documents",
    timestamp="published_at",
    attributes=(
        Attribute("title", "title"),
        Attribute("body", "body"),
        Attribute(
            "doc_length",
            "CAST(array_length(regexp_extract_all("
            f"lower(title || ' ' || body), '{WORD_PATTERN}')) AS BIGINT)",
            "words in the title and body",
        ),
    ),
)

DOCUMENT_ACTIVITY = FeatureView(
    name="document_activity",
    entity=DOC,
    source="query_log",
    timestamp="searched_at",
    aggregations=(
        Aggregation("doc_impressions_28d", "count", 28),
        Aggregation("doc_clicks_28d", "count", 28, where="clicked"),
        Aggregation("doc_mean_position_28d", "mean", 28, column="position", model="numeric"),
    ),
)

QUERY_ACTIVITY = FeatureView(
    name="query_activity",
    entity=QUERY,
    source="query_log",
    timestamp="searched_at",
    aggregations=(Aggregation("query_searches_28d", "count", 28, where="position = 1"),),
)

DOCUMENT_VIEWS = (DOCUMENT_PROFILE, DOCUMENT_ACTIVITY)
VIEWS = (*DOCUMENT_VIEWS, QUERY_ACTIVITY)

# The model's inputs: the view features declared with `model=`, then these, computed at
# request time by `request_features`.
MODEL_FEATURES = FeatureSet.declared(
    VIEWS,
    numeric=(
        "retrieval_score",
        "title_match",
        "query_terms",
        "query_popularity",
        "doc_ctr_28d",
        "doc_popularity",
        "doc_length",
    ),
)


def request_features(columns: Columns) -> dict[str, np.ndarray]:
    """Features of (query, document) pairs, from the query, its `retrieval_score` and the
    stored features of both.

    The one definition of these features: the gateway calls it on a query's candidate
    rows, the training-set builder on the whole frame (through `add_request_features`).
    """
    queries = np.asarray(columns[QUERY], dtype=object).tolist()
    words = {query: tokens(query) for query in set(queries)}  # once per distinct query
    distinct = {query: set(found) for query, found in words.items()}
    titles = texts(columns["title"], missing="")
    clicks = numbers(columns["doc_clicks_28d"])
    return {
        "title_match": title_match([distinct[query] for query in queries], titles),
        "query_terms": np.array([len(words[query]) for query in queries], dtype=float),
        "query_popularity": np.log1p(numbers(columns["query_searches_28d"])),
        "doc_ctr_28d": smoothed_rate(clicks, columns["doc_impressions_28d"], CTR_PRIOR),
        "doc_popularity": np.log1p(clicks),
        "doc_length": numbers(columns["doc_length"], 0.0),
        "retrieval_score": numbers(columns["retrieval_score"]),
    }


def title_match(asked: Sequence[set[str]], titles: Sequence[str]) -> np.ndarray:
    """Share of the query's distinct words that appear in the title."""
    return np.array(
        [
            len(words & set(tokens(title))) / len(words) if words else 0.0
            for words, title in zip(asked, titles, strict=True)
        ],
        dtype=float,
    )


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    return with_columns(frame, request_features(frame))
