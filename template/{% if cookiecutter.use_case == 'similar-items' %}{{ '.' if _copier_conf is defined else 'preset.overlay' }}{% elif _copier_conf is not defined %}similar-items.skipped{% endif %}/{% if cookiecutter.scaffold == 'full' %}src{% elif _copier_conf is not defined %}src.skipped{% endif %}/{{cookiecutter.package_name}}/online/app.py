"""The similar-items gateway: POST /similar with a listing id, get the listings most like it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import ANCHOR, ITEM
from ..feature_store import OnlineStore, online_store
from ..features.definitions import ITEM_ACTIVITY, ITEM_EMBEDDING, ITEM_VIEWS, MODEL_FEATURES
from ..models.compiled import CompiledModel
from ..offline.evaluate import list_length
from ..offline.training_set import retrieval_size
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import Catalog, known_id{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .neighbours import NeighbourIndex
from .similar import SimilarItems, similar_items

MAX_K = 50


class SimilarRequest(PredictionRequest):
    item_id: str = Field(min_length=1, max_length=128, examples=["l0042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="list length (config: task.k)")


class SimilarItem(BaseModel):
    item_id: str
    score: float
    category: str | None
    city: str | None
    price: float | None


class SimilarResponse(BaseModel):
    request_id: str
    item_id: str
    items: list[SimilarItem]
    known_item: bool = Field(description="false for a listing with no stored features")
    model_version: int


@dataclass(frozen=True)
class Resources:
    index: NeighbourIndex
    listings: Catalog
    k: int
    candidates: int


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> Resources:
    """The neighbour index and the listings' features, once per store generation."""
    activity = store.all_rows(ITEM_ACTIVITY).drop(columns="feature_ts")
    rows = store.all_rows(ITEM_EMBEDDING).join(activity)
    index = NeighbourIndex.from_rows(rows.rename_axis(ITEM).reset_index())
    listings = Catalog(store, ITEM_VIEWS, rows.index.tolist())
    return Resources(index, listings, list_length(config), retrieval_size(config))


def similar(context: Context, body: SimilarRequest) -> tuple[SimilarItems, int]:
    """The anchor's re-ranked neighbours, and how many of them to answer with."""
    resources: Resources = context.resources
    k = body.k or resources.k
    size = max(resources.candidates, k)
    found = similar_items(context, resources.index, resources.listings, body.item_id, size)
    return found, k


def answer(context: Context, body: SimilarRequest) -> Answer:
    found, k = similar(context, body)
    rows, top = found.rows, found.top(k).tolist()
    response = SimilarResponse(
        request_id=context.request_id,
        item_id=body.item_id,
        items=[
            SimilarItem(
                item_id=rows[ITEM][row],
                score=rows["score"][row],
                category=_text(rows["category"][row]),
                city=_text(rows["city"][row]),
                price=_number(rows["price"][row]),
            )
            for row in top
        ],
        known_item=found.known,
        model_version=context.model_version,
    )
    logged = [
        {
            **{name: rows[name][row] for name in MODEL_FEATURES.columns},
            ITEM: rows[ITEM][row],
            "position": position,
            "score": rows["score"][row],
        }
        for position, row in enumerate(top, start=1)
    ]
    return Answer(response, shared={ANCHOR: body.item_id}, rows=logged)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def probe(snapshot: Snapshot, store: OnlineStore) -> SimilarRequest:
    return SimilarRequest(item_id=known_id(store, ITEM_EMBEDDING))


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: similar items",
    path="/similar",
    summary="Listings similar to one",
    request=SimilarRequest,
    response=SimilarResponse,
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
    """Requests the demo sends: stored listings, and one never seen before."""
    store = online_store(config)
    return sample_requests(store, ITEM_EMBEDDING, "/similar", ITEM, count){% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: similar listings for every listing the online store holds."""
    return Batch(ENDPOINT, stored_requests(store, ITEM_EMBEDDING, ITEM)){% endif %}
