"""The recommendation gateway: POST /recommend with a user id, get a ranked list of items."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import ITEM, USER
from ..feature_store import OnlineStore, online_store
from ..features.definitions import (
    ITEM_ACTIVITY,
    ITEM_NEIGHBOURS,
    ITEM_PROFILE,
    MODEL_FEATURES,
    USER_ACTIVITY,
    USER_RECENT_CLICKS,
)
from ..features.keys import split_ids
from ..models.compiled import CompiledModel
from ..offline.evaluate import serving_settings
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, Catalog, known_id, lookup{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .ranking import candidate_rows, clicks_by_category, final_list
from .retrieval import CandidateIndex

MAX_K = 100


class RecommendRequest(PredictionRequest):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="list length (config: task.k)")


class RecommendedItem(BaseModel):
    item_id: str
    score: float
    category: str


class RecommendResponse(BaseModel):
    request_id: str
    user_id: str
    items: list[RecommendedItem]
    known_user: bool = Field(description="false for a user with no stored features (cold start)")
    model_version: int


@dataclass(frozen=True)
class Resources:
    index: CandidateIndex
    items: Catalog
    k: int
    candidates: int
    max_per_category: int


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Resources:
    """The retrieval index and the items' features, once per store generation."""
    items = store.all_rows(ITEM_PROFILE).join(store.all_rows(ITEM_ACTIVITY)[["item_clicks_28d"]])
    items = items.join(store.all_rows(ITEM_NEIGHBOURS)[["co_clicked"]], how="left")
    index = CandidateIndex.from_items(items.rename_axis(ITEM).reset_index())
    catalog = Catalog(store, (ITEM_ACTIVITY, ITEM_PROFILE, ITEM_NEIGHBOURS), index.overall)
    return Resources(index, catalog, *serving_settings(config))


def recommend(context: Context, body: RecommendRequest) -> tuple[dict[str, np.ndarray], list, bool]:
    """Retrieve, rank, re-rank: the candidates' model inputs, the final list, known user."""
    resources: Resources = context.resources
    store = context.store
    index = resources.index
    with context.stage("lookup"):
        user = lookup(store, USER_ACTIVITY, [body.user_id])
        history = lookup(store, USER_RECENT_CLICKS, [body.user_id])
        user["recent_clicks"] = history["recent_clicks"]
        clicks = clicks_by_category(store, body.user_id, index.retrieval_categories)
    with context.stage("retrieval"):
        recent = split_ids(user["recent_clicks"][0])
        candidates = index.candidates(clicks, recent, resources.candidates)
    with context.stage("lookup"):
        items = resources.items.rows(candidates)
        unseen = sorted({str(c) for c in items["category"]} - clicks.keys())
        if unseen:  # categories past the retrieval ones: their clicks still feed the ranker
            clicks = {**clicks, **clicks_by_category(store, body.user_id, unseen)}
    with context.stage("ranking"):
        rows = candidate_rows(user, items, clicks, context.moment)
        scores = context.model.score(rows)
    with context.stage("rerank"):
        k = body.k or resources.k
        chosen = final_list(candidates, scores, rows["category"], k, resources.max_per_category)
    return rows, chosen, bool(user[KNOWN][0])


def answer(context: Context, body: RecommendRequest) -> Answer:
    rows, chosen, known = recommend(context, body)
    response = RecommendResponse(
        request_id=context.request_id,
        user_id=body.user_id,
        items=[RecommendedItem(item_id=e.item_id, score=e.score, category=e.group) for e in chosen],
        known_user=known,
        model_version=context.model_version,
    )
    where = {item: position for position, item in enumerate(rows[ITEM].tolist())}
    logged = [
        {
            **{name: rows[name][where[entry.item_id]] for name in MODEL_FEATURES.columns},
            ITEM: entry.item_id,
            "position": position,
            "score": entry.score,
        }
        for position, entry in enumerate(chosen, start=1)
    ]
    return Answer(response, shared={USER: body.user_id}, rows=logged)


def probe(snapshot: Snapshot, store: OnlineStore) -> RecommendRequest:
    return RecommendRequest(user_id=known_id(store, USER_ACTIVITY))


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: recommendations",
    path="/recommend",
    summary="Ranked items for a user",
    request=RecommendRequest,
    response=RecommendResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
    prepare=prepare,
    ranked=True,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored users, and one never seen before."""
    store = online_store(config)
    return sample_requests(store, USER_ACTIVITY, "/recommend", USER, count){% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: a list for every user the online store holds."""
    return Batch(ENDPOINT, stored_requests(store, USER_ACTIVITY, USER)){% endif %}
