"""The ETA gateway: POST /eta with where and when a trip starts, get its duration in minutes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field, model_validator

from ..config import Config
from ..entities import DRIVER, DROPOFF_ZONE, PICKUP_ZONE
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    DRIVER_ACTIVITY,
    MODEL_FEATURES,
    TRIP_VIEWS,
    ZONE_HOUR,
    ZONE_PROFILE,
    ZONE_TRAFFIC,
    add_request_features,
    with_lookup_keys,
)
from ..features.views import FEATURE_TS
from ..offline import lake
from ..offline.train import score
from .distance import DistanceEstimate
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive

MAX_DISTANCE_KM = 1000.0
RECENT_DAYS = 7  # example requests replay the last week of trips, a week later


class EtaRequest(BaseModel):
    pickup_zone_id: str = Field(min_length=1, max_length=64, examples=["z05"])
    dropoff_zone_id: str | None = Field(
        default=None, min_length=1, max_length=64, description="used to estimate the distance"
    )
    distance_km: float | None = Field(
        default=None, gt=0, le=MAX_DISTANCE_KM, description="the route's length, if known"
    )
    requested_at: datetime | None = Field(
        default=None, description="when the trip starts (UTC); defaults to now"
    )
    driver_id: str | None = Field(default=None, min_length=1, max_length=128)

    @model_validator(mode="after")
    def needs_a_distance(self) -> EtaRequest:
        if self.distance_km is None and self.dropoff_zone_id is None:
            raise ValueError("send distance_km, or dropoff_zone_id to estimate the distance")
        return self


class EtaResponse(BaseModel):
    request_id: str
    eta_minutes: float
    arrival_at: datetime = Field(description="requested_at plus the ETA (UTC)")
    distance_km: float
    distance_estimated: bool = Field(description="true when estimated from the zones")
    known_pickup_zone: bool = Field(description="false when the zone has no trip history")
    known_driver: bool = Field(description="false when no driver, or one with no history")
    model_version: int


def features_for(serving: Serving, body: EtaRequest) -> pd.DataFrame:
    """The model's input row, built exactly as the training set builds it."""
    distance = body.distance_km
    if distance is None:
        centres = lookup(serving.store, ZONE_PROFILE, [body.pickup_zone_id, body.dropoff_zone_id])
        pickup, dropoff = centres[["x_km", "y_km"]].to_numpy(dtype=float)
        distance = DistanceEstimate.from_config(serving.config).km(tuple(pickup), tuple(dropoff))
    trip = with_lookup_keys(
        pd.DataFrame(
            {
                PICKUP_ZONE: [body.pickup_zone_id],
                DROPOFF_ZONE: [body.dropoff_zone_id],
                DRIVER: [body.driver_id or ""],
                "distance_km": [float(distance)],
                "event_ts": [utc_naive(body.requested_at)],
            }
        )
    )
    for view in TRIP_VIEWS:
        stored = lookup(serving.store, view, trip[view.entity])
        trip[view.features] = stored[view.features].to_numpy()
        trip[f"known_{view.name}"] = stored["known"].to_numpy()
    return add_request_features(trip)


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, title=f"{__package__.split('.')[0]}: trip ETA")

    @app.post("/eta", response_model=EtaResponse, summary="Trip duration in minutes")
    def eta(body: EtaRequest, request: Request) -> EtaResponse:
        serving: Serving = request.app.state.serving
        row = features_for(serving, body)
        minutes = float(score(serving.model, row, MODEL_FEATURES).iloc[0])
        serving.metrics.scores.observe(minutes)
        first = row.iloc[0]
        response = EtaResponse(
            request_id=uuid.uuid4().hex,
            eta_minutes=round(minutes, 2),
            arrival_at=first["event_ts"] + timedelta(minutes=minutes),
            distance_km=float(first["distance_km"]),
            distance_estimated=body.distance_km is None,
            known_pickup_zone=bool(first[f"known_{ZONE_TRAFFIC.name}"]),
            known_driver=bool(first[f"known_{DRIVER_ACTIVITY.name}"]),
            model_version=serving.champion.version,
        )
        serving.log.record(
            [
                {
                    **first[MODEL_FEATURES.columns].to_dict(),
                    "request_id": response.request_id,
                    "logged_at": datetime.now(UTC).replace(tzinfo=None),
                    "event_ts": first["event_ts"],
                    DROPOFF_ZONE: body.dropoff_zone_id or "",
                    DRIVER: body.driver_id or "",
                    ZONE_HOUR: first[ZONE_HOUR],
                    "distance_estimated": response.distance_estimated,
                    "score": minutes,
                    "model_version": response.model_version,
                }
            ]
        )
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: last week's trips again, a week later (after the latest
    snapshot, the sample data's "now"), half with a known distance and half with only a
    drop-off zone; the last from a zone never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
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
            "requested_at": moment.isoformat(),
        }
        if position % 2:
            body[DROPOFF_ZONE] = trip.dropoff_zone_id
        else:
            body["distance_km"] = float(trip.distance_km)
        bodies.append(body)
    unseen = {PICKUP_ZONE: f"never-seen-{PICKUP_ZONE}", "distance_km": 5.0}
    bodies.append({**unseen, "requested_at": (today + pd.Timedelta(hours=9)).isoformat()})
    return [{"method": "POST", "path": "/eta", "body": body} for body in bodies[:count]]
