"""The scoring path: a model version loaded with what its endpoint builds, and a request
answered by it. The gateway answers each request through it, and a batch run (when the
project scores in batch) every request of a snapshot, so the two give the same numbers."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from ..config import Config
from ..errors import NotReadyError
from ..feature_store import OnlineStore
from ..models.compiled import Columns, CompiledModel
from ..models.registry import Registry
from .endpoint import Answer, Context, Endpoint, Snapshot


class ModelFault(NotReadyError):
    """The model gave a score that is not a finite number."""

    def __init__(self, version: int) -> None:
        super().__init__(
            f"model version {version} gave a score that is not a finite number; check the "
            "features of this request, or roll the champion back"
        )


@dataclass(frozen=True)
class FiniteModel(CompiledModel):
    """A compiled model as an answer reads it: a score that is not a finite number stops
    the answer where it is computed, before a preset does arithmetic with it."""

    version: int = 0

    def score(self, columns: Columns) -> np.ndarray:
        return self._finite(super().score(columns))

    def head_scores(self, columns: Columns) -> dict[str, np.ndarray]:
        scores = super().head_scores(columns)
        for head in scores.values():
            self._finite(head)
        return scores

    def _finite(self, scores: np.ndarray) -> np.ndarray:
        if not np.isfinite(scores).all():
            raise ModelFault(self.version)
        return scores


EPOCH = datetime(1970, 1, 1)
MICROSECOND = timedelta(microseconds=1)


def utc_now() -> np.datetime64:
    return np.datetime64(time.time_ns() // 1000, "us")


def as_utc(moment: datetime) -> np.datetime64:
    """A request's moment as naive UTC (a moment without a zone is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return np.datetime64((moment - EPOCH) // MICROSECOND, "us")


def load_snapshot(
    registry: Registry,
    store: OnlineStore,
    endpoint: Endpoint,
    config: Config,
    number: int,
    generation: str,
) -> Snapshot:
    """Version `number` loaded (its files checked, its inputs those the code computes) with
    what the endpoint builds for it from `store` at `generation`."""
    version = registry.version(number)
    features = endpoint.features
    loaded = version.load(None if features is None else features.columns)
    model = FiniteModel(loaded.kind, loaded.features, loaded.heads, version=number)
    metadata = version.metadata
    prepare = endpoint.prepare
    return Snapshot(
        version=number,
        digest=version.digest,
        model=model,
        resources=prepare(store, model, config) if prepare else None,
        store_generation=generation,
        data_from=_moment(metadata, "data_from"),
        data_until=_moment(metadata, "data_until"),
    )


def answer_checked(endpoint: Endpoint, context: Context, body: Any) -> Answer:
    """The endpoint's answer, refused when the model gave a score that is not finite."""
    answer = endpoint.answer(context, body)
    scores = np.array([row.get("score", np.nan) for row in answer.rows], dtype=float)
    if not np.isfinite(scores).all():
        raise ModelFault(context.model_version)
    return answer


def logged_rows(context: Context, endpoint: Endpoint, answer: Answer) -> list[dict[str, Any]]:
    """The rows an answer logs: one per prediction, each with what the request shares."""
    common = {
        "request_id": context.request_id,
        "logged_at": datetime.now(UTC).replace(tzinfo=None),
        "event_ts": context.moment,
        "model_version": context.model_version,
        **answer.shared,
    }
    if not answer.rows and endpoint.ranked:
        return [{**common, "position": 0}]
    return [{**common, **row} for row in answer.rows]


def _moment(metadata: dict[str, Any], key: str) -> np.datetime64:
    value = metadata.get(key)
    try:
        return np.datetime64(str(value), "us")
    except ValueError:
        raise NotReadyError(
            f"the model's metadata has no `{key}`: it was trained by an earlier version of "
            "this project; retrain with `run`"
        ) from None
