"""The click-prediction gateway: POST /predict-click with a user, an ad and the ad slot's
context, get the probability that the user clicks the ad."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field

from ..config import Config
from ..entities import AD, ADVERTISER, DEVICES, SITE, USER, Device
from ..feature_store import OnlineStore, online_store
from ..features.definitions import (
    AD_ACTIVITY,
    AD_PROFILE,
    ADVERTISER_ACTIVITY,
    MODEL_FEATURES,
    SITE_ACTIVITY,
    USER_ACTIVITY,
    USER_PROFILE,
    request_features,
)
from ..offline import lake
from .endpoint import Answer,{% if cookiecutter.serving != 'online' %} Batch,{% endif %} Context, Endpoint, PredictionRequest, Snapshot
from .features import KNOWN, known_id, lookup
from .features import example_requests as sample_requests

PATH = "/predict-click"
KNOWN_AD, KNOWN_USER = "known_ad", "known_user"


class ClickRequest(PredictionRequest):
    user_id: str = Field(min_length=1, max_length=128, examples=["u00042"])
    ad_id: str = Field(min_length=1, max_length=128, examples=["ad0007"])
    site_id: str = Field(min_length=1, max_length=128, examples=["site003"])
    device: Device


class ClickResponse(BaseModel):
    request_id: str
    user_id: str
    ad_id: str
    click_probability: float
    known_user: bool = Field(description="false when the user has no stored features")
    known_ad: bool = Field(description="false when the ad has no stored profile (not live yet)")
    model_version: int


def model_input(
    store: OnlineStore, body: ClickRequest, moment: np.datetime64
) -> dict[str, np.ndarray]:
    """The model's input row, built exactly as the training set builds it: the ad's profile
    first (it names the advertiser), then every other view, then request-time features."""
    ad = lookup(store, AD_PROFILE, [body.ad_id])
    known_ad = ad.pop(KNOWN)
    advertiser = ad[ADVERTISER][0] if known_ad[0] else ""
    row = {
        **ad,
        USER: np.array([body.user_id], dtype=object),
        SITE: np.array([body.site_id], dtype=object),
        "device": np.array([body.device], dtype=object),
        "event_ts": np.array([moment]),
        KNOWN_AD: known_ad,
    }
    for view, key in (
        (USER_PROFILE, body.user_id),
        (USER_ACTIVITY, body.user_id),
        (AD_ACTIVITY, body.ad_id),
        (ADVERTISER_ACTIVITY, advertiser),
        (SITE_ACTIVITY, body.site_id),
    ):
        found = lookup(store, view, [key])
        row.update({name: found[name] for name in view.features})
        if view is USER_ACTIVITY:
            row[KNOWN_USER] = found[KNOWN]
    row.update(request_features(row))
    return row


def answer(context: Context, body: ClickRequest) -> Answer:
    with context.stage("lookup"):
        row = model_input(context.store, body, context.moment)
    with context.stage("scoring"):
        probability = float(context.model.score(row)[0])
    response = ClickResponse(
        request_id=context.request_id,
        user_id=body.user_id,
        ad_id=body.ad_id,
        click_probability=probability,
        known_user=bool(row[KNOWN_USER][0]),
        known_ad=bool(row[KNOWN_AD][0]),
        model_version=context.model_version,
    )
    logged = {name: row[name][0] for name in MODEL_FEATURES.columns}
    return Answer(
        response,
        shared={USER: body.user_id, AD: body.ad_id},
        rows=[{**logged, "score": probability}],
    )


def probe(snapshot: Snapshot, store: OnlineStore) -> ClickRequest:
    return ClickRequest(
        user_id=known_id(store, USER_ACTIVITY),
        ad_id=known_id(store, AD_PROFILE),
        site_id=known_id(store, SITE_ACTIVITY),
        device=DEVICES[0],
    )


ENDPOINT = Endpoint(
    title=f"{__package__.split('.')[0]}: ad click prediction",
    path=PATH,
    summary="Click probability of an ad",
    request=ClickRequest,
    response=ClickResponse,
    features=MODEL_FEATURES,
    answer=answer,
    probe=probe,
)


def endpoint_for(config: Config) -> Endpoint:
    """The endpoint the gateway serves with `config`."""
    return ENDPOINT


def example_requests(config: Config, count: int) -> list[dict]:
    """Requests the demo sends: recent impressions replayed at the sample's "now" (same
    users, ads, sites, devices and times of day as real traffic), the last one for a user
    never seen before."""
    store = online_store(config)
    requests = sample_requests(store, USER_ACTIVITY, PATH, USER, count)
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
    return requests{% if cookiecutter.serving != 'online' %}


def batch_requests(config: Config, store: OnlineStore) -> Batch:
    """What a batch run scores: every impression of the lake's latest day, as it was shown."""
    impressions = lake.read_table(config.paths.lake, "impressions")
    if impressions.empty:
        return Batch(ENDPOINT, [])
    shown_at = impressions["shown_at"]
    latest = impressions[shown_at >= shown_at.max().normalize()]
    latest = latest.sort_values(["shown_at", USER, AD, SITE], kind="stable")
    bodies = [
        {USER: str(shown[USER]), AD: str(shown[AD]), SITE: str(shown[SITE]),
         "device": shown["device"], "at": shown["shown_at"].isoformat()}
        for _, shown in latest.iterrows()
    ]  # fmt: skip
    return Batch(ENDPOINT, bodies){% endif %}
