"""The ETA gateway: POST /eta with where and when a trip starts, get its duration in minutes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field, model_validator

from ..config import SNAPSHOT, Config
from ..entities import DRIVER, DROPOFF_ZONE, PICKUP_ZONE
from ..feature_store import OnlineStore, online_store
from ..features.columns import Columns, merge
from ..features.definitions import (
    DRIVER_ACTIVITY,
    MODEL_FEATURES,
    TRIP_VIEWS,
    ZONE_HOUR,
    ZONE_PROFILE,
    ZONE_TRAFFIC,
    lookup_keys,
    request_features,
)
from ..features.views import FEATURE_TS, FeatureView
from ..models.compiled import CompiledModel
from ..offline import lake
from .distance import DistanceEstimate
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, known_id, lookup
from .snapshot_endpoint import {% if cookiecutter.serving != 'online' %}snapshot_batch, {% endif %}snapshot_endpoint

MAX_DISTANCE_KM = 1000.0
RECENT_DAYS = 7  # example requests replay the last week of trips, a week later
MINUTE_BUCKETS = (2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0)  # ETAs served


class EtaRequest(PredictionRequest):
    pickup_zone_id: str = Field(min_length=1, max_length=64, examples=["z05"])
    dropoff_zone_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="used to estimate the distance"
    )
    distance_km: float | None = Field(
        default=None, gt=0, le=MAX_DISTANCE_KM, description="the route's length, if known"
    )
    requested_at: datetime | None = Field(
        default=None,
        description="when the trip starts: the same as `at`, under this endpoint's first name",
    )
    driver_id: str | None = Field(default=None, min_length=1, max_length=128)

    @model_validator(mode="after")
    def needs_a_distance(self) -> EtaRequest:
        if self.distance_km is None and self.dropoff_zone_id is None:
            raise ValueError("send distance_km, or dropoff_zone_id to estimate the distance")
        return self

    @model_validator(mode="after")
    def one_start_time(self) -> EtaRequest:
        """`requested_at` is `at` under its older name: the gateway reads `at`."""
        if self.requested_at is not None:
            if self.at is not None:
                raise ValueError("send the trip's start once: `at` or `requested_at`, not both")
            self.at = self.requested_at
        return self


class EtaResponse(BaseModel):
    request_id: str
    eta_minutes: float
    arrival_at: datetime = Field(description="the trip's start plus the ETA (UTC)")
    distance_km: float
    distance_estimated: bool = Field(description="true when estimated from the zones")
    known_pickup_zone: bool = Field(description="false when the zone has no trip history")
    known_driver: bool = Field(description="false when no driver, or one with no history")
    model_version: int


def known(view: FeatureView) -> str:
    """The column saying whether the store has `view`'s features for a trip."""
    return f"known_{view.name}"


def model_input(store: OnlineStore, trips: Columns) -> dict[str, np.ndarray]:
    """The model's input rows for trips (pickup zone, driver, distance_km, event_ts), built
    exactly as the training set builds them, with `known_<view>` for each trip view."""
    columns = merge(trips, lookup_keys(trips))
    for view in TRIP_VIEWS:
        stored = lookup(store, view, columns[view.entity])
        columns.update({name: stored[name] for name in view.features})
        columns[known(view)] = stored[KNOWN]
    return merge(columns, request_features(columns))


def estimated_distance(
    store: OnlineStore, estimate: DistanceEstimate, pickup_zone: str, dropoff_zone: str
) -> float:
    """The distance between the two zones' stored centres."""
    centres = lookup(store, ZONE_PROFILE, [pickup_zone, dropoff_zone])
    x, y = centres["x_km"].tolist(), centres["y_km"].tolist()
    return estimate.km((x[0], y[0]), (x[1], y[1]))


def trip_row(context: Context, body: EtaRequest) -> dict[str, np.ndarray]:
    """The model's input row for the requested trip, starting at the request's moment."""
    distance = body.distance_km
    if distance is None:  # then the request has a drop-off zone (EtaRequest checks)
        pickup, dropoff = body.pickup_zone_id, str(body.dropoff_zone_id)
        distance = estimated_distance(context.store, context.resources, pickup, dropoff)
    trip = {
        PICKUP_ZONE: np.array([body.pickup_zone_id], dtype=object),
        DRIVER: np.array([body.driver_id or ""], dtype=object),
        "distance_km": np.array([distance], dtype=float),
        "event_ts": np.array([context.moment]),
    }
    return model_input(context.store, trip)


def arrival(start: np.datetime64, minutes: float) -> datetime:
    """When the trip ends, in UTC with its offset: an RFC 3339 date-time, as the schema says."""
    return (start.item() + timedelta(minutes=minutes)).replace(tzinfo=UTC)


def answer(context: Context, body: EtaRequest) -> Answer:
    with context.stage("lookup"):
        row = trip_row(context, body)
    with context.stage("scoring"):
        minutes = float(context.model.score(row)[0])
    response = EtaResponse(
        request_id=context.request_id,
        eta_minutes=round(minutes, 2),
        arrival_at=arrival(context.moment, minutes),
        distance_km=float(row["distance_km"][0]),
        distance_estimated=body.distance_km is None,
        known_pickup_zone=bool(row[known(ZONE_TRAFFIC)][0]),
        known_driver=bool(row[known(DRIVER_ACTIVITY)][0]),
        model_version=context.model_version,
    )
    shared = {
        DROPOFF_ZONE: body.dropoff_zone_id or "",
        DRIVER: body.driver_id or "",
        ZONE_HOUR: row[ZONE_HOUR][0],
    }
    logged = {name: row[name][0] for name in MODEL_FEATURES.columns}
    served = {"distance_estimated": response.distance_estimated, "score": minutes}
    return Answer(response, shared=shared, rows=[{**logged, **served}])


def prepare(store: OnlineStore, model: CompiledModel, config: Config) -> DistanceEstimate:
    """How distances are estimated, from the `task` section of the config."""
    return DistanceEstimate.from_config(config)


def probe(snapshot: Snapshot, store: OnlineStore) -> EtaRequest:
    return EtaRequest(pickup_zone_id=known_id(store, ZONE_TRAFFIC), distance_km=5.0)


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: trip ETA",
    path="/eta",
    summary="Trip duration in minutes",
    request=EtaRequest,
    response=EtaResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
    prepare=prepare,
    score_buckets=MINUTE_BUCKETS,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    if config.source == SNAPSHOT:
        return snapshot_endpoint(ENDPOINT.title, ENDPOINT.path, MINUTE_BUCKETS)
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: last week's trips again, a week later (after the latest
    snapshot, the sample data's "now"), half with a known distance and half with only a
    drop-off zone; the last from a zone never seen before."""
    store = online_store(config)
    today = pd.Timestamp(store.all_rows(ZONE_TRAFFIC)[FEATURE_TS].max()).normalize()
    trips = lake.read_table(config.paths.lake, "trips").sort_values("requested_at")
    recent = trips[trips["requested_at"] >= today - pd.Timedelta(days=RECENT_DAYS)]
    chosen = recent.iloc[np.linspace(0, len(recent) - 1, max(count - 1, 0)).astype(int)]
    bodies = []
    for position, trip in enumerate(chosen.itertuples(index=False)):
        moment = trip.requested_at + pd.Timedelta(days=RECENT_DAYS)
        body = {
            PICKUP_ZONE: trip.pickup_zone_id,
            "driver_id": trip.driver_id,
            "at": moment.isoformat(),
        }
        if position % 2:
            body[DROPOFF_ZONE] = trip.dropoff_zone_id
        else:
            body["distance_km"] = float(trip.distance_km)
        bodies.append(body)
    unseen = {PICKUP_ZONE: f"never-seen-{PICKUP_ZONE}", "distance_km": 5.0}
    bodies.append({**unseen, "at": (today + pd.Timedelta(hours=9)).isoformat()})
    return [{"method": "POST", "path": "/eta", "body": body} for body in bodies[:count]]{% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: every trip requested on the lake's latest day, as it was
    requested (with `data.source: snapshot`, every row of the snapshot)."""
    if config.source == SNAPSHOT:
        return snapshot_batch(endpoint_for(config), config, store)
    trips = lake.read_table(config.paths.lake, "trips")
    if trips.empty:
        return Batch(ENDPOINT, [])
    latest = trips[trips["requested_at"] >= trips["requested_at"].max().normalize()]
    bodies = []
    for trip in latest.sort_values(["requested_at", "trip_id"]).itertuples(index=False):
        body = {PICKUP_ZONE: trip.pickup_zone_id, DROPOFF_ZONE: trip.dropoff_zone_id,
                "driver_id": trip.driver_id, "at": trip.requested_at.isoformat()}  # fmt: skip
        if pd.notna(trip.distance_km) and trip.distance_km > 0:
            body["distance_km"] = float(trip.distance_km)
        bodies.append(body)
    return Batch(ENDPOINT, bodies){% endif %}
