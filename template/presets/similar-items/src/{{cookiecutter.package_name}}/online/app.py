"""The similar-items gateway: POST /similar with a listing id, get the listings most like it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import ANCHOR, ITEM
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import ITEM_ACTIVITY, ITEM_EMBEDDING, MODEL_FEATURES
from ..offline.evaluate import list_length
from ..offline.training_set import retrieval_size
from .features import example_requests as sample_requests
from .gateway import Serving, create_gateway, utc_naive
from .neighbours import NeighbourIndex
from .similar import SimilarItems, similar_items

MAX_K = 50


class SimilarRequest(BaseModel):
    item_id: str = Field(min_length=1, max_length=128, examples=["l0042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="list length (config: task.k)")
    at: datetime | None = Field(default=None, description="when the list is for; defaults to now")


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


def load_index(serving: Serving) -> None:
    """Build the neighbour index once, from the item features in the online store."""
    store = serving.store
    activity = store.all_rows(ITEM_ACTIVITY).drop(columns="feature_ts")
    rows = store.all_rows(ITEM_EMBEDDING).join(activity)
    serving.extra["index"] = NeighbourIndex.from_rows(rows.rename_axis(ITEM).reset_index())


def similar(serving: Serving, body: SimilarRequest) -> tuple[SimilarItems, int]:
    k = body.k or list_length(serving.config)
    size = max(retrieval_size(serving.config), k)
    found = similar_items(
        serving.store, serving.extra["index"], serving.model, body.item_id, size, utc_naive(body.at)
    )
    return found, k


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, f"{__package__.split('.')[0]}: similar items", load_index)

    @app.post("/similar", response_model=SimilarResponse, summary="Listings similar to one")
    def similar_listings(body: SimilarRequest, request: Request) -> SimilarResponse:
        serving: Serving = request.app.state.serving
        found, k = similar(serving, body)
        top = found.top(k)
        response = SimilarResponse(
            request_id=uuid.uuid4().hex,
            item_id=body.item_id,
            items=[
                SimilarItem(
                    item_id=row[ITEM],
                    score=row["score"],
                    category=_text(row["category"]),
                    city=_text(row["city"]),
                    price=None if pd.isna(row["price"]) else float(row["price"]),
                )
                for row in top.to_dict("records")
            ],
            known_item=found.known,
            model_version=serving.champion.version,
        )
        logged_at = datetime.now(UTC).replace(tzinfo=None)
        rows = []
        for position, row in enumerate(top.to_dict("records"), start=1):
            serving.metrics.scores.observe(row["score"])
            rows.append(
                {
                    **{name: row[name] for name in MODEL_FEATURES.columns},
                    "request_id": response.request_id,
                    "logged_at": logged_at,
                    "event_ts": row["event_ts"],
                    ANCHOR: body.item_id,
                    ITEM: row[ITEM],
                    "position": position,
                    "score": row["score"],
                    "model_version": response.model_version,
                }
            )
        serving.log.record(rows)
        return response

    return app


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored listings, and one never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    return sample_requests(store, ITEM_EMBEDDING, "/similar", ITEM, count)
