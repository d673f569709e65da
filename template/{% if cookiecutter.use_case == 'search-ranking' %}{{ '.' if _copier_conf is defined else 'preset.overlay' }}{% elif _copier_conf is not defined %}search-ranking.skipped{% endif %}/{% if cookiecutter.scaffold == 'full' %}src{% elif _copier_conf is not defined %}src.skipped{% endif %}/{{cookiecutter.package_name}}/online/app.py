"""The search gateway: POST /search with a query, get documents ranked by relevance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field, field_validator

from ..config import Config
from ..entities import DOC, QUERY
from ..errors import StoreUnavailable
from ..feature_store import OnlineStore, online_store
from ..features.definitions import (
    DOCUMENT_ACTIVITY,
    DOCUMENT_PROFILE,
    MODEL_FEATURES,
    QUERY_ACTIVITY,
)
from ..features.text import normalize_query
from ..models.compiled import CompiledModel
from ..offline.evaluate import search_settings
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import Catalog, known_id, lookup{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .ranking import best_first, candidate_rows, index_from
from .search_index import SearchIndex

MAX_K = 50
GRADE_BUCKETS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)  # scores estimate 0-3 grades


class SearchRequest(PredictionRequest):
    query: str = Field(min_length=1, max_length=256, examples=["garlic pasta sauce"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="results (config: task.k)")

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


@dataclass(frozen=True)
class Resources:
    index: SearchIndex
    documents: Catalog
    k: int
    candidates: int


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Resources:
    """The search index and the documents' features, once per store generation."""
    documents = store.all_rows(DOCUMENT_PROFILE).rename_axis(DOC).reset_index()
    catalog = Catalog(store, (DOCUMENT_PROFILE, DOCUMENT_ACTIVITY), documents[DOC].tolist())
    return Resources(index_from(documents), catalog, *search_settings(config))


def search(context: Context, query: str, k: int | None) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Retrieve, look up features, rank a normalized query: every candidate's model inputs
    and `score`, and the positions of the top k among them, best first (none when no word
    of the query is in the index)."""
    resources: Resources = context.resources
    store = context.store
    with context.stage("retrieval"):
        candidates = resources.index.retrieve(query, resources.candidates)
    if not len(candidates[DOC]):
        return candidates, np.array([], dtype=np.intp)
    with context.stage("lookup"):
        documents = resources.documents.rows(candidates[DOC])
        asked = lookup(store, QUERY_ACTIVITY, [query])
    with context.stage("ranking"):
        rows = candidate_rows(candidates, documents, asked, context.moment)
        rows["score"] = context.model.score(rows)
        best = best_first(rows[DOC], rows["score"], k or resources.k)
    return rows, best


def answer(context: Context, body: SearchRequest) -> Answer:
    query = normalize_query(body.query)
    rows, best = search(context, query, body.k)
    chosen = best.tolist()
    response = SearchResponse(
        request_id=context.request_id,
        query=query,
        results=[
            SearchResult(
                doc_id=rows[DOC][row],
                title=rows["title"][row],
                score=rows["score"][row],
                retrieval_score=rows["retrieval_score"][row],
            )
            for row in chosen
        ],
        model_version=context.model_version,
    )
    logged = [
        {
            **{name: rows[name][row] for name in MODEL_FEATURES.columns},
            DOC: rows[DOC][row],
            "position": position,
            "score": float(rows["score"][row]),
        }
        for position, row in enumerate(chosen, start=1)
    ]
    return Answer(response, shared={QUERY: query}, rows=logged)


def probe(snapshot: Snapshot, store: OnlineStore) -> SearchRequest:
    """The title of a stored document: its words are in the index, so the probe retrieves,
    looks features up and ranks, whatever queries were logged. The title comes from the
    catalog the version holds in memory, so the probe still answers while the store fails."""
    resources: Resources = snapshot.resources
    document = known_id(store, DOCUMENT_PROFILE)
    title = resources.documents.rows([document])["title"][0]
    words = normalize_query(str(title or ""))
    if not words:
        raise StoreUnavailable(f"document {document} in the online store has no title words")
    return SearchRequest(query=words[:256])


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: search",
    path="/search",
    summary="Documents ranked for a query",
    request=SearchRequest,
    response=SearchResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
    prepare=prepare,
    score_buckets=GRADE_BUCKETS,
    ranked=True,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: logged queries, and last one the query log has never seen
    (made of a logged query's words, so it still finds documents)."""
    store = online_store(config)
    examples = sample_requests(store, QUERY_ACTIVITY, "/search", QUERY, count)
    logged = str(store.all_rows(QUERY_ACTIVITY).index[0])
    if examples:
        examples[-1]["body"][QUERY] = f"{examples[-1]['body'][QUERY]} {logged}"
    return examples{% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: results for every logged query the online store holds."""
    return Batch(ENDPOINT, stored_requests(store, QUERY_ACTIVITY, QUERY)){% endif %}
