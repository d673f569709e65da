"""POST /predict-click: what a caller sends, what it gets back, and what the model really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import AD, DEVICES, LABEL, SITE, USER
from {{ cookiecutter.package_name }}.features.definitions import (
    AD_PROFILE,
    MODEL_FEATURES,
    USER_ACTIVITY,
)
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.offline.training_set import historical_features
from {{ cookiecutter.package_name }}.online.app import ClickRequest, model_input


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


NEW = {"user_id": "nobody", "ad_id": "not-live-yet", "site_id": "new.site"}


def known(store, view, count: int) -> list[str]:
    return sorted(store.all_rows(view).index)[:count]


def request_body(store, **changes) -> dict:
    body = {
        "user_id": known(store, USER_ACTIVITY, 1)[0],
        "ad_id": known(store, AD_PROFILE, 1)[0],
        "site_id": "site000",
        "device": "mobile",
    }
    return {**body, **changes}


def test_a_known_user_and_ad_get_a_click_probability(client, store, trained):
    _, result = trained
    body = client.post("/predict-click", json=request_body(store)).json()
    assert 0.0 < body["click_probability"] < 1.0
    assert body["known_user"] is True and body["known_ad"] is True
    assert body["model_version"] == result.champion.version


def test_an_unknown_user_ad_and_site_are_scored_from_defaults_and_flagged(client, store):
    payload = request_body(store, **NEW)
    body = client.post("/predict-click", json=payload).json()
    assert body["known_user"] is False and body["known_ad"] is False
    assert 0.0 < body["click_probability"] < 1.0


@pytest.mark.parametrize(
    "change",
    [
        {"user_id": ""},
        {"ad_id": None},
        {"device": "smart-fridge"},
        {"at": "next tuesday"},
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, store, change):
    response = client.post("/predict-click", json=request_body(store, **change))
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_request_without_its_context_names_the_missing_fields(client):
    response = client.post("/predict-click", json={"user_id": "u00001", "ad_id": "ad0001"})
    assert response.status_code == 422
    assert "site_id" in response.text and "device" in response.text


def test_the_gateway_builds_the_same_model_input_as_the_training_set(trained, store):
    """Skew, end to end: the row the gateway scores for a (user, ad, site, device) at a
    moment equals the training-set row for the same impression at the same moment; for
    a new user, ad and site too."""
    config, _ = trained
    moment = pd.Timestamp(store.all_rows(USER_ACTIVITY)["feature_ts"].max())
    moment += pd.Timedelta(hours=19)
    users, ads = known(store, USER_ACTIVITY, 12), known(store, AD_PROFILE, 12)
    requests = [
        ClickRequest(
            user_id=user,
            ad_id=ad,
            site_id=f"site{index % 5:03d}",
            device=DEVICES[index % len(DEVICES)],
            at=moment.to_pydatetime(),
        )
        for index, (user, ad) in enumerate(zip(users, ads, strict=True))
    ]
    requests.append(ClickRequest(**request_body(store, **NEW), at=moment.to_pydatetime()))
    spine = pd.DataFrame(
        {
            USER: [r.user_id for r in requests],
            AD: [r.ad_id for r in requests],
            SITE: [r.site_id for r in requests],
            "device": [r.device for r in requests],
            "event_ts": moment,
            LABEL: False,
        }
    )
    offline = historical_features(offline_store(config), spine)[MODEL_FEATURES.columns]
    for position, request in enumerate(requests):
        served = model_input(store, request, moment.to_datetime64())
        for name in MODEL_FEATURES.columns:
            assert served[name][0] == offline[name].iloc[position], (position, name)
