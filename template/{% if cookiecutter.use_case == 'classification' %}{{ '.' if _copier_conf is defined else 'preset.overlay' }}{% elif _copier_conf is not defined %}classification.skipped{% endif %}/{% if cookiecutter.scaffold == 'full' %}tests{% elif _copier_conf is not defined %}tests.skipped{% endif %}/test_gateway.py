"""POST /predict: what a caller sends, what it gets back, and what the model really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import ENTITY, LABEL
from {{ cookiecutter.package_name }}.features.definitions import (
    CUSTOMER_ACTIVITY,
    CUSTOMER_PROFILE,
    MODEL_FEATURES,
    VIEWS,
    add_request_features,
)
from {{ cookiecutter.package_name }}.offline import training_set
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.online.app import model_input


def test_a_known_customer_gets_a_probability(client, trained):
    config, result = trained
    customer = training_set.build(config, offline_store(config)).test[ENTITY].iloc[0]
    body = client.post("/predict", json={"customer_id": customer}).json()
    assert 0.0 <= body["churn_probability"] <= 1.0
    assert body["known_customer"] is True
    assert body["model_version"] == result.champion.version


def test_an_unknown_customer_is_scored_from_defaults_and_flagged(client):
    body = client.post("/predict", json={"customer_id": "nobody"}).json()
    assert body["known_customer"] is False
    assert 0.0 <= body["churn_probability"] <= 1.0


@pytest.mark.parametrize(
    "payload", [{}, {"customer_id": ""}, {"customer_id": "c1", "at": "next tuesday"}]
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/predict", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_model_input_as_the_training_set(trained):
    """Skew, end to end: the row the gateway scores for a customer at a moment equals the
    training-set row for the same customer at the same moment."""
    config, _ = trained
    store, offline = online_store(config), offline_store(config)
    latest = store.all_rows(CUSTOMER_ACTIVITY)["feature_ts"].max()
    moment = pd.Timestamp(latest) + pd.Timedelta(hours=7)
    customers = sorted(store.all_rows(CUSTOMER_PROFILE).index)[:20]
    spine = pd.DataFrame({ENTITY: customers, "event_ts": moment, LABEL: False})
    training_rows = add_request_features(offline.get_historical(spine, VIEWS))
    for position, customer in enumerate(customers):
        served = model_input(store, [customer], moment.to_datetime64())
        for name in MODEL_FEATURES.columns:
            assert served[name][0] == training_rows[name].iloc[position], (customer, name)
