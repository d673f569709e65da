"""The gateway of a project fed a snapshot (`data.source: snapshot`).

A request names a row of the snapshot by its id, sends the row's columns as `features`,
or both: a sent value replaces the stored one, and an input neither sent nor stored takes
its default (the training median, or the "unknown" category). The inputs the model reads
are the champion's own, checked against the layout the `features` step wrote.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, Field, StringConstraints

from ..config import Config
from ..errors import ArtifactError
from ..feature_store import OnlineStore
from ..features.snapshot import ROW_ID, SnapshotLayout
from ..models.compiled import CompiledModel
from .endpoint import Answer, Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, known_id, lookup
from .metrics import PROBABILITY_BUCKETS
from .request_guard import field_error

MAX_FEATURES = 512
Name = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Value = Annotated[str, StringConstraints(max_length=1024)] | float | bool | None


class SnapshotRequest(PredictionRequest):
    id: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        description="a row of the snapshot: its stored columns fill what `features` leaves out",
        examples=["7590-VHVEG"],
    )
    features: dict[Name, Value] = Field(
        default_factory=dict,
        max_length=MAX_FEATURES,
        description="the row's columns, by name: numbers (or true/false) and text",
        examples=[{"tenure": 12, "Contract": "Month-to-month"}],
    )


class SnapshotResponse(BaseModel):
    request_id: str
    id: str | None
    score: float = Field(description="the probability of the label, or its predicted value")
    known: bool = Field(description="true when the id names a stored row")
    defaulted: list[str] = Field(description="inputs neither sent nor stored: their defaults")
    model_version: int


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> SnapshotLayout:
    """The layout the store was built with, which must be the champion's inputs."""
    layout = SnapshotLayout.load(config.paths.feature_store)
    expected = tuple(layout.feature_set().columns)
    if model.features != expected:
        raise ArtifactError(
            f"the champion reads {list(model.features)}, but the feature store's snapshot "
            f"has {list(expected)}; run `run` to train on the snapshot as it is"
        )
    return layout


def model_input(
    store: OnlineStore, layout: SnapshotLayout, body: SnapshotRequest
) -> tuple[dict[str, np.ndarray], bool, list[str]]:
    """One input row: the stored row of `body.id` (or the defaults), then the sent values;
    whether the id names a stored row; and the inputs that took their default."""
    view = layout.view()
    unknown = sorted(set(body.features) - {f.name for f in layout.features})
    if unknown:
        names = ", ".join(f.name for f in layout.features)
        raise field_error(
            ["features", unknown[0]], "unknown_feature", f"is not an input of the model ({names})"
        )
    stored = lookup(store, view, [body.id or ""])
    known = bool(stored[KNOWN][0]) and body.id is not None
    row: dict[str, np.ndarray] = {ROW_ID: stored[ROW_ID]}
    defaulted = []
    for feature in layout.features:
        sent = body.features.get(feature.name)
        if sent is None:
            row[feature.name] = stored[feature.name]
            if not known:
                defaulted.append(feature.name)
        elif feature.kind == "numeric":
            row[feature.name] = np.array([_number(feature.name, sent)], dtype=float)
        else:
            row[feature.name] = np.array([_text(feature.name, sent)], dtype=object)
    return row, known, defaulted


def _number(name: str, value: Any) -> float:
    if isinstance(value, str):
        raise field_error(["features", name], "float_type", "must be a number (or true/false)")
    return float(value)


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise field_error(["features", name], "string_type", "must be text, as in the snapshot")
    return value.strip()


def answer(context: Context, body: SnapshotRequest) -> Answer:
    layout: SnapshotLayout = context.resources
    with context.stage("lookup"):
        row, known, defaulted = model_input(context.store, layout, body)
    with context.stage("scoring"):
        score = float(context.model.score(row)[0])
    response = SnapshotResponse(
        request_id=context.request_id,
        id=body.id,
        score=score,
        known=known,
        defaulted=defaulted,
        model_version=context.model_version,
    )
    logged = {name: row[name][0] for name in context.model.features}
    return Answer(response, shared={ROW_ID: body.id or ""}, rows=[{**logged, "score": score}])


def probe(snapshot: Snapshot, store: OnlineStore) -> SnapshotRequest:
    layout: SnapshotLayout = snapshot.resources
    return SnapshotRequest(id=known_id(store, layout.view()))


def snapshot_endpoint(
    title: str, path: str, score_buckets: tuple[float, ...] = PROBABILITY_BUCKETS
) -> Endpoint:
    return Endpoint(
        title=title,
        path=path,
        summary="Score one row of the snapshot: by id, by its columns, or both",
        request=SnapshotRequest,
        response=SnapshotResponse,
        features=None,
        answer=answer,
        probe=probe,
        prepare=prepare,
        score_buckets=score_buckets,
    )
