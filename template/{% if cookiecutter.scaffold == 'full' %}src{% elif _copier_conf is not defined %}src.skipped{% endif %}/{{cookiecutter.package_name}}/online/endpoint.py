"""What a preset gives the gateway: its prediction route, as data and three small functions.

A preset's `online/app.py` declares one `Endpoint`: the request and response models, and

- `prepare(store, model, config)`: what to build once per model and store generation
  (a retrieval index, say), or nothing;
- `probe(snapshot, store)`: a request for an entity the store knows, which readiness
  sends through the real path;
- `answer(context, body)`: look features up, score, shape the response, and list the
  rows to log. It runs on the event loop: it must not wait on anything slow.

The gateway does the rest for every preset alike: validation, limits, readiness, the
model swap, logging before responding, metrics.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..config import Config
from ..feature_store import OnlineStore
from ..features.views import FeatureSet
from ..models.compiled import CompiledModel

PROBABILITY_BUCKETS = tuple(i / 10 for i in range(1, 11))  # a score's histogram on /metrics


class PredictionRequest(BaseModel):
    """Fields every prediction request has; a preset's request model adds its own."""

    model_config = ConfigDict(allow_inf_nan=False)

    at: datetime | None = Field(
        default=None,
        description="when the prediction is for (UTC when no zone is given); defaults to now",
    )


@dataclass(frozen=True)
class Snapshot:
    """One servable state: a champion version, loaded and probed, and what was built for it."""

    version: int
    digest: str
    model: CompiledModel
    resources: Any
    store_generation: str
    data_from: np.datetime64
    data_until: np.datetime64


@dataclass
class Context:
    """Everything answering one request needs; `model_version` is the version that scores."""

    snapshot: Snapshot
    store: OnlineStore
    config: Config
    request_id: str
    moment: np.datetime64  # the request's `at` as naive UTC, or now
    stage: Callable[[str], AbstractContextManager[None]]

    @property
    def model(self) -> CompiledModel:
        return self.snapshot.model

    @property
    def resources(self) -> Any:
        return self.snapshot.resources

    @property
    def model_version(self) -> int:
        return self.snapshot.version


@dataclass(frozen=True)
class Answer:
    response: BaseModel
    shared: dict[str, Any]  # what every logged row of this request carries (ids, event_ts)
    rows: list[dict[str, Any]]  # one per prediction served, with its inputs and `score`
    outcome: str | None = None  # the decision taken, one of Endpoint.outcomes, for /metrics


@dataclass(frozen=True)
class Endpoint:
    title: str
    path: str
    summary: str
    request: type[PredictionRequest]
    response: type[BaseModel]
    features: FeatureSet | None  # None: the champion's own (a snapshot's come from its data)
    answer: Callable[[Context, Any], Answer]
    probe: Callable[[Snapshot, OnlineStore], PredictionRequest]
    prepare: Callable[[OnlineStore, CompiledModel, Config], Any] | None = None
    score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS
    ranked: bool = False  # answers a list: an empty one is logged as one row, position 0
    outcomes: tuple[str, ...] = ()  # decisions an answer can take (counted on /metrics)


{% if cookiecutter.serving != 'online' -%}
@dataclass(frozen=True)
class Batch:
    """What a batch run scores (online/batch_scoring.py): the request bodies, in a stable
    order, and the endpoint that answers them, the gateway's for this config."""

    endpoint: Endpoint
    bodies: list[dict[str, Any]]


{% endif -%}
def no_stages(name: str) -> AbstractContextManager[None]:
    """A `Context.stage` that times nothing, for answering outside the gateway."""
    return _Nothing()


class _Nothing(AbstractContextManager[None]):
    def __exit__(self, *exc_info: object) -> None:
        return None
