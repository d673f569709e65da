"""The churn gateway: POST /predict with a customer id, get the churn probability."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import ENTITY
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    CUSTOMER_ACTIVITY,
    CUSTOMER_PROFILE,
    MODEL_FEATURES,
    add_request_features,
)
from ..offline.train import score
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive


class PredictRequest(BaseModel):
    customer_id: str = Field(min_length=1, max_length=128, examples=["c00042"])
    at: datetime | None = Field(
        default=None, description="when the prediction is for (UTC); defaults to now"
    )


class PredictResponse(BaseModel):
    request_id: str
    customer_id: str
    churn_probability: float
    known_customer: bool = Field(description="false when the customer has no stored features")
    model_version: int


def features_for(serving: Serving, customer_id: str, at: pd.Timestamp) -> pd.DataFrame:
    """The model's input row, built exactly as the training set builds it."""
    profile = lookup(serving.store, CUSTOMER_PROFILE, [customer_id])
    activity = lookup(serving.store, CUSTOMER_ACTIVITY, [customer_id])
    joined = profile.merge(activity.drop(columns="known"), on=ENTITY)
    joined["event_ts"] = at
    return add_request_features(joined)


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, title=f"{__package__.split('.')[0]}: churn prediction")

    @app.post("/predict", response_model=PredictResponse, summary="Churn probability")
    def predict(body: PredictRequest, request: Request) -> PredictResponse:
        serving: Serving = request.app.state.serving
        row = features_for(serving, body.customer_id, utc_naive(body.at))
        probability = float(score(serving.model, row, MODEL_FEATURES).iloc[0])
        serving.metrics.scores.observe(probability)
        response = PredictResponse(
            request_id=uuid.uuid4().hex,
            customer_id=body.customer_id,
            churn_probability=probability,
            known_customer=bool(row["known"].iloc[0]),
            model_version=serving.champion.version,
        )
        logged = row[MODEL_FEATURES.columns].iloc[0].to_dict()
        serving.log.record(
            [
                {
                    **logged,
                    "request_id": response.request_id,
                    "logged_at": datetime.now(UTC).replace(tzinfo=None),
                    "event_ts": row["event_ts"].iloc[0],
                    ENTITY: body.customer_id,
                    "score": probability,
                    "model_version": response.model_version,
                }
            ]
        )
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored customers, and one never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    return sample_requests(store, CUSTOMER_ACTIVITY, "/predict", ENTITY, count)
