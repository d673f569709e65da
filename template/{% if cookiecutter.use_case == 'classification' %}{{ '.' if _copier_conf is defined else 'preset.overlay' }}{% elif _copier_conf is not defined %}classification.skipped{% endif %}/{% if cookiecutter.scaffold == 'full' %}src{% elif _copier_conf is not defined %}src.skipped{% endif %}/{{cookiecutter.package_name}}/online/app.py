"""The churn gateway: POST /predict with a customer id, get the churn probability."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

from ..config import SNAPSHOT, Config
from ..entities import ENTITY
from ..feature_store import OnlineStore, online_store
from ..features.columns import merge
from ..features.definitions import (
    CUSTOMER_ACTIVITY,
    CUSTOMER_PROFILE,
    MODEL_FEATURES,
    request_features,
)
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, known_id, lookup{% if cookiecutter.serving != 'online' %}, stored_requests{% endif %}
from .features import example_requests as sample_requests
from .snapshot_endpoint import {% if cookiecutter.serving != 'online' %}snapshot_batch, {% endif %}snapshot_endpoint


class PredictRequest(PredictionRequest):
    customer_id: str = Field(min_length=1, max_length=128, examples=["c00042"])


class PredictResponse(BaseModel):
    request_id: str
    customer_id: str
    churn_probability: float
    known_customer: bool = Field(description="false when the customer has no stored features")
    model_version: int


def model_input(
    store: OnlineStore, customer_ids: Sequence[str], moment: np.datetime64
) -> dict[str, np.ndarray]:
    """The model's input rows, built exactly as the training set builds them."""
    profile = lookup(store, CUSTOMER_PROFILE, customer_ids)
    activity = lookup(store, CUSTOMER_ACTIVITY, customer_ids)
    columns = merge(activity, profile, {"event_ts": np.full(len(customer_ids), moment)})
    return merge(columns, request_features(columns))


def answer(context: Context, body: PredictRequest) -> Answer:
    with context.stage("lookup"):
        row = model_input(context.store, [body.customer_id], context.moment)
    with context.stage("scoring"):
        probability = float(context.model.score(row)[0])
    response = PredictResponse(
        request_id=context.request_id,
        customer_id=body.customer_id,
        churn_probability=probability,
        known_customer=bool(row[KNOWN][0]),
        model_version=context.model_version,
    )
    logged = {name: row[name][0] for name in MODEL_FEATURES.columns}
    return Answer(
        response, shared={ENTITY: body.customer_id}, rows=[{**logged, "score": probability}]
    )


def probe(snapshot: Snapshot, store: OnlineStore) -> PredictRequest:
    return PredictRequest(customer_id=known_id(store, CUSTOMER_PROFILE))


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: churn prediction",
    path="/predict",
    summary="Churn probability",
    request=PredictRequest,
    response=PredictResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    if config.source == SNAPSHOT:
        return snapshot_endpoint(ENDPOINT.title, ENDPOINT.path)
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: stored customers, and one never seen before."""
    store = online_store(config)
    return sample_requests(store, CUSTOMER_ACTIVITY, "/predict", ENTITY, count){% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: every customer the online store holds (with
    `data.source: snapshot`, every row of the snapshot)."""
    if config.source == SNAPSHOT:
        return snapshot_batch(endpoint_for(config), config, store)
    return Batch(ENDPOINT, stored_requests(store, CUSTOMER_ACTIVITY, ENTITY)){% endif %}
