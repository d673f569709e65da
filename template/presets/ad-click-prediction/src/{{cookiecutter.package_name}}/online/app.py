"""The click-prediction gateway: POST /predict-click with a user, an ad and the ad slot's
context, get the probability that the user clicks the ad."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import AD, ADVERTISER, SITE, USER, Device
from ..feature_store import SQLiteOnlineStore
from ..features.definitions import (
    AD_ACTIVITY,
    AD_PROFILE,
    ADVERTISER_ACTIVITY,
    MODEL_FEATURES,
    SITE_ACTIVITY,
    USER_ACTIVITY,
    USER_PROFILE,
    add_request_features,
)
from ..offline import lake
from ..offline.train import score
from .features import example_requests as sample_requests
from .features import lookup
from .gateway import Serving, create_gateway, utc_naive

ENDPOINT = "/predict-click"


class ClickRequest(BaseModel):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    ad_id: str = Field(min_length=1, max_length=128, examples=["ad0007"])
    site_id: str = Field(min_length=1, max_length=128, examples=["site003"])
    device: Device
    at: datetime | None = Field(
        default=None, description="when the ad is shown (UTC); defaults to now"
    )


class ClickResponse(BaseModel):
    request_id: str
    user_id: str
    ad_id: str
    click_probability: float
    known_user: bool = Field(description="false when the user has no stored features")
    known_ad: bool = Field(description="false when the ad has no stored profile (not live yet)")
    model_version: int


def features_for(serving: Serving, body: ClickRequest) -> pd.DataFrame:
    """The model's input row, built exactly as the training set builds it: the ad's profile
    first (it names the advertiser), then every other view, then request-time features."""
    ad = lookup(serving.store, AD_PROFILE, [body.ad_id])
    advertiser = ad[ADVERTISER].iloc[0] if bool(ad["known"].iloc[0]) else ""
    row = pd.DataFrame(
        {
            USER: [body.user_id],
            SITE: [body.site_id],
            "device": [body.device],
            "event_ts": [utc_naive(body.at)],
        }
    )
    row = row.join(ad.drop(columns="known")).assign(known_ad=ad["known"])
    for view, key in (
        (USER_PROFILE, body.user_id),
        (USER_ACTIVITY, body.user_id),
        (AD_ACTIVITY, body.ad_id),
        (ADVERTISER_ACTIVITY, advertiser),
        (SITE_ACTIVITY, body.site_id),
    ):
        found = lookup(serving.store, view, [key])
        if view is USER_ACTIVITY:
            row["known_user"] = found["known"]
        row = row.join(found.drop(columns=[view.entity, "known"]))
    return add_request_features(row)


def create_app(config: Config) -> FastAPI:
    app = create_gateway(config, title=f"{__package__.split('.')[0]}: ad click prediction")

    @app.post(ENDPOINT, response_model=ClickResponse, summary="Click probability of an ad")
    def predict_click(body: ClickRequest, request: Request) -> ClickResponse:
        serving: Serving = request.app.state.serving
        row = features_for(serving, body)
        probability = float(score(serving.model, row, MODEL_FEATURES).iloc[0])
        serving.metrics.scores.observe(probability)
        response = ClickResponse(
            request_id=uuid.uuid4().hex,
            user_id=body.user_id,
            ad_id=body.ad_id,
            click_probability=probability,
            known_user=bool(row["known_user"].iloc[0]),
            known_ad=bool(row["known_ad"].iloc[0]),
            model_version=serving.champion.version,
        )
        serving.log.record(
            [
                {
                    **row[MODEL_FEATURES.columns].iloc[0].to_dict(),
                    "request_id": response.request_id,
                    "logged_at": datetime.now(UTC).replace(tzinfo=None),
                    "event_ts": row["event_ts"].iloc[0],
                    USER: body.user_id,
                    AD: body.ad_id,
                    "score": probability,
                    "model_version": response.model_version,
                }
            ]
        )
        return response

    return app


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: recent impressions replayed at the sample's "now" (same
    users, ads, sites, devices and times of day as real traffic), the last one for a user
    never seen before."""
    store = SQLiteOnlineStore(config.paths.feature_store)
    requests = sample_requests(store, USER_ACTIVITY, ENDPOINT, USER, count)
    impressions = lake.read_table(config.paths.lake, "impressions")
    last_day = impressions[impressions["shown_at"] >= impressions["shown_at"].max().normalize()]
    replayed = last_day.sample(len(requests), replace=len(requests) > len(last_day), random_state=0)
    for position, (request, (_, shown)) in enumerate(
        zip(requests, replayed.iterrows(), strict=True), start=1
    ):
        now = pd.Timestamp(request["body"]["at"])
        time_of_day = shown["shown_at"] - shown["shown_at"].normalize()
        request["body"].update(
            user_id=request["body"][USER] if position == len(requests) else shown[USER],
            ad_id=shown[AD],
            site_id=shown[SITE],
            device=shown["device"],
            at=str(now.normalize() + time_of_day),
        )
    return requests
