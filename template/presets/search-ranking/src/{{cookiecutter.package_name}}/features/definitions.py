"""The search features, declared once for the offline ETL and the online gateway."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..entities import DOC, QUERY
from .text import WORD_PATTERN, tokens
from .transforms import smoothed_rate
from .views import Aggregation, Attribute, FeatureSet, FeatureView

CTR_PRIOR = 0.15  # the click-through rate assumed before any impression

# The query log with queries normalized as `text.normalize_query` does (lower-case words
# joined by single spaces), so that the log, the judgments and the gateway agree.
DERIVED_SOURCES: dict[str, str] = {
    "query_log": f"""
        SELECT * REPLACE (
            array_to_string(regexp_extract_all(lower({QUERY}), '{WORD_PATTERN}'), ' ') AS {QUERY}
        )
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
            f"len(regexp_extract_all(lower(title || ' ' || body), '{WORD_PATTERN}'))",
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
        Aggregation("doc_mean_position_28d", "mean", 28, column="position"),
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

MODEL_FEATURES = FeatureSet(
    numeric=(
        "retrieval_score",
        "title_match",
        "query_terms",
        "query_popularity",
        "doc_ctr_28d",
        "doc_popularity",
        "doc_mean_position_28d",
        "doc_length",
    ),
)


def title_match(queries: pd.Series, titles: pd.Series) -> list[float]:
    """Share of the query's distinct words that appear in the title."""
    shares = []
    for query, title in zip(queries, titles.fillna(""), strict=True):
        asked = set(tokens(query))
        shares.append(len(asked & set(tokens(title))) / len(asked) if asked else 0.0)
    return shares


def add_request_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of a (query, document) pair, from the query, its `retrieval_score` and the
    stored features of both.

    The training-set builder and the gateway both call this, on the same columns.
    """
    return frame.assign(
        title_match=title_match(frame[QUERY], frame["title"]),
        query_terms=[float(len(tokens(query))) for query in frame[QUERY]],
        query_popularity=np.log1p(frame["query_searches_28d"].astype(float)),
        doc_ctr_28d=smoothed_rate(frame["doc_clicks_28d"], frame["doc_impressions_28d"], CTR_PRIOR),
        doc_popularity=np.log1p(frame["doc_clicks_28d"].astype(float)),
        doc_length=pd.to_numeric(frame["doc_length"]).fillna(0.0).astype(float),
        retrieval_score=frame["retrieval_score"].astype(float),
    )
