"""The recommendation gateway: POST /recommend with a user id, get a ranked list of items."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import ITEM, USER
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    ITEM_ACTIVITY,
    ITEM_PROFILE,
    MODEL_FEATURES,
    USER_ACTIVITY,
)
from ..offline.evaluate import serving_settings
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive
from .ranking import clicks_by_category, final_list, pair_features, score_pairs
from .retrieval import PopularityIndex

MAX_K = 100


class RecommendRequest(BaseModel):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    k: int | None = Field(default=None, ge=1, le=MAX_K, description="list length (config: task.k)")
    at: datetime | None = Field(default=None, description="when the list is for; defaults to now")


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


def load_index(serving: Serving) -> None:
    """Build the retrieval index once, from the item features in the online store."""
    store = serving.store
    items = store.all_rows(ITEM_PROFILE).join(store.all_rows(ITEM_ACTIVITY)[["item_clicks_28d"]])
    serving.extra["index"] = PopularityIndex.from_items(items.rename_axis(ITEM).reset_index())


def recommend(serving: Serving, body: RecommendRequest) -> tuple[pd.DataFrame, list, bool]:
    k, size, cap = serving_settings(serving.config)
    user = lookup(serving.store, USER_ACTIVITY, [body.user_id])
    index: PopularityIndex = serving.extra["index"]
    candidates = index.candidates(clicks_by_category(user.iloc[0]), size)
    items = lookup(serving.store, ITEM_ACTIVITY, candidates).merge(
        lookup(serving.store, ITEM_PROFILE, candidates).drop(columns="known"), on=ITEM
    )
    pairs = pd.DataFrame({USER: body.user_id, ITEM: candidates})
    frame = pair_features(pairs, user, items, utc_naive(body.at))
    scores = score_pairs(serving.model, frame)
    chosen = final_list(frame.assign(score=scores), scores, body.k or k, cap)
    return frame.set_index(ITEM), chosen, bool(user["known"].iloc[0])


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, f"{__package__.split('.')[0]}: recommendations", load_index)

    @app.post("/recommend", response_model=RecommendResponse, summary="Ranked items for a user")
    def recommend_items(body: RecommendRequest, request: Request) -> RecommendResponse:
        serving: Serving = request.app.state.serving
        frame, chosen, known = recommend(serving, body)
        response = RecommendResponse(
            request_id=uuid.uuid4().hex,
            user_id=body.user_id,
            items=[
                RecommendedItem(item_id=e.item_id, score=e.score, category=e.group) for e in chosen
            ],
            known_user=known,
            model_version=serving.champion.version,
        )
        logged_at = datetime.now(UTC).replace(tzinfo=None)
        rows = []
        for position, entry in enumerate(chosen, start=1):
            serving.metrics.scores.observe(entry.score)
            features = frame.loc[entry.item_id, list(MODEL_FEATURES.columns)].to_dict()
            rows.append(
                {
                    **features,
                    "request_id": response.request_id,
                    "logged_at": logged_at,
                    "event_ts": frame.loc[entry.item_id, "event_ts"],
                    USER: body.user_id,
                    ITEM: entry.item_id,
                    "position": position,
                    "score": entry.score,
                    "model_version": response.model_version,
                }
            )
        serving.log.record(rows)
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored users, and one never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    return sample_requests(store, USER_ACTIVITY, "/recommend", USER, count)
