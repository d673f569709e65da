"""The search gateway: POST /search with a query, get documents ranked by relevance."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field, field_validator

from ..config import Config
from ..entities import DOC, QUERY
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    DOCUMENT_ACTIVITY,
    DOCUMENT_PROFILE,
    MODEL_FEATURES,
    QUERY_ACTIVITY,
)
from ..features.text import normalize_query
from ..offline.evaluate import search_settings
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive
from .ranking import index_from, pair_features, rank

MAX_K = 50
GRADE_BUCKETS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)  # scores estimate 0-3 grades


class SearchRequest(BaseModel):
    query: str = Field(min_length=1, max_length=256, examples=["garlic pasta sauce"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="results (config: task.k)")
    at: datetime | None = Field(default=None, description="when the search is made; default now")

    @field_validator("query")
    @classmethod
    def has_words(cls, query: str) -> str:
        if not normalize_query(query):
            raise ValueError("the query has no words to search for")
        return query


class SearchResult(BaseModel):
    doc_id: str
    title: str
    score: float
    retrieval_score: float


class SearchResponse(BaseModel):
    request_id: str
    query: str = Field(description="the query as searched: lower case, single spaces")
    results: list[SearchResult] = Field(description="best first; empty when no word matches")
    model_version: int


def load_index(serving: Serving) -> None:
    """Build the search index once, from the document texts in the online store."""
    documents = serving.store.all_rows(DOCUMENT_PROFILE).rename_axis(DOC).reset_index()
    serving.extra["index"] = index_from(documents)


def search(serving: Serving, body: SearchRequest) -> pd.DataFrame:
    """Retrieve, look up features, rank: the top k rows, best first, with `score`."""
    k, size = search_settings(serving.config)
    query = normalize_query(body.query)
    candidates = serving.extra["index"].retrieve(query, size).assign(**{QUERY: query})
    if candidates.empty:
        return candidates.assign(score=[])
    doc_ids = candidates[DOC].tolist()
    documents = lookup(serving.store, DOCUMENT_PROFILE, doc_ids).merge(
        lookup(serving.store, DOCUMENT_ACTIVITY, doc_ids).drop(columns="known"), on=DOC
    )
    queries = lookup(serving.store, QUERY_ACTIVITY, [query])
    frame = pair_features(candidates, documents, queries, utc_naive(body.at))
    return rank(serving.model, frame, body.k or k)


def create_app(config: Config) -> FastAPI:
    title = f"{__package__.split('.')[0]}: search"
    app = create_gateway(config, title, load_index, score_buckets=GRADE_BUCKETS)

    @app.post("/search", response_model=SearchResponse, summary="Documents ranked for a query")
    def search_documents(body: SearchRequest, request: Request) -> SearchResponse:
        serving: Serving = request.app.state.serving
        ranked = search(serving, body)
        response = SearchResponse(
            request_id=uuid.uuid4().hex,
            query=normalize_query(body.query),
            results=[
                SearchResult(
                    doc_id=row[DOC],
                    title=row["title"],
                    score=row["score"],
                    retrieval_score=row["retrieval_score"],
                )
                for row in ranked.to_dict("records")
            ],
            model_version=serving.champion.version,
        )
        log(serving, response, ranked)
        return response

    return app


def log(serving: Serving, response: SearchResponse, ranked: pd.DataFrame) -> None:
    """One logged row per result shown, with the exact features it was ranked on."""
    logged_at = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for position, row in enumerate(ranked.to_dict("records"), start=1):
        serving.metrics.scores.observe(row["score"])
        rows.append(
            {
                **{name: row[name] for name in MODEL_FEATURES.columns},
                "request_id": response.request_id,
                "logged_at": logged_at,
                "event_ts": row["event_ts"],
                QUERY: response.query,
                DOC: row[DOC],
                "position": position,
                "score": row["score"],
                "model_version": response.model_version,
            }
        )
    serving.log.record(rows)


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: logged queries, and last one the query log has never seen
    (made of a logged query's words, so it still finds documents)."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    examples = sample_requests(store, QUERY_ACTIVITY, "/search", QUERY, count)
    logged = str(store.all_rows(QUERY_ACTIVITY).index[0])
    if examples:
        examples[-1]["body"][QUERY] = f"{examples[-1]['body'][QUERY]} {logged}"
    return examples
