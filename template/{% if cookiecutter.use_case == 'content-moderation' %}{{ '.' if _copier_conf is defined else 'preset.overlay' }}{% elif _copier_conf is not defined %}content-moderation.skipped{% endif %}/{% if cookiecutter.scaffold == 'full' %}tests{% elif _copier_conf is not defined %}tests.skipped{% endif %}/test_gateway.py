"""POST /moderate: what a caller sends, what it gets back, and what the model really saw."""

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.entities import AUTHOR, LABEL, POST, TEXT
from {{ cookiecutter.package_name }}.features.definitions import (
    AUTHOR_HISTORY,
    MODEL_FEATURES,
    VIEWS,
    add_request_features,
)
from {{ cookiecutter.package_name }}.offline import training_set
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.online.app import model_input
from {{ cookiecutter.package_name }}.online.gateway import create_app
from {{ cookiecutter.package_name }}.online.policy import Policy
from {{ cookiecutter.package_name }}.online.prediction_log import read_predictions


@pytest.fixture(scope="module")
def held_out(trained):
    config, _ = trained
    return training_set.build(config, offline_store(config)).test


def post(row: pd.Series) -> dict:
    return {POST: row[POST], AUTHOR: row[AUTHOR], TEXT: row[TEXT], "at": str(row["event_ts"])}


def test_a_post_by_a_known_author_gets_a_score_and_the_policys_decision(client, trained, held_out):
    config, result = trained
    body = client.post("/moderate", json=post(held_out.iloc[0])).json()
    assert 0.0 <= body["score"] <= 1.0
    assert body["decision"] == Policy.from_task(config.task).decide(body["score"])
    assert body["known_author"] is True
    assert body["model_version"] == result.champion.version


def test_harmful_posts_score_higher_than_benign_ones(client, held_out):
    sample = pd.concat([held_out[held_out[LABEL]].head(20), held_out[~held_out[LABEL]].head(20)])
    scores = [
        client.post("/moderate", json=post(row)).json()["score"] for _, row in sample.iterrows()
    ]
    harmful, benign = scores[:20], scores[20:]
    assert sum(harmful) / 20 > sum(benign) / 20 + 0.2


def test_a_new_author_is_scored_as_a_brand_new_account_and_flagged(client):
    body = client.post("/moderate", json={POST: "p1", AUTHOR: "nobody", TEXT: "hello there"})
    assert body.status_code == 200
    assert body.json()["known_author"] is False
    assert body.json()["decision"] in ("remove", "review", "allow")


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {POST: "p1", AUTHOR: "a1"},
        {POST: "p1", AUTHOR: "", TEXT: "hi"},
        {POST: "p1", AUTHOR: "a1", TEXT: "   "},
        {POST: "p1", AUTHOR: "a1", TEXT: "x" * 10_001},
        {POST: "p1", AUTHOR: "a1", TEXT: "hi", "at": "next tuesday"},
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/moderate", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_every_decision_is_logged_and_counted(trained, held_out):
    config, _ = trained
    with TestClient(create_app(config)) as client:
        answer = client.post("/moderate", json=post(held_out.iloc[1])).json()
        metrics = client.get("/metrics").text
    logged = read_predictions(config.paths.lake).set_index("request_id").loc[answer["request_id"]]
    assert logged["decision"] == answer["decision"] and logged[POST] == answer["post_id"]
    assert TEXT not in logged.index  # the text stays in the posts table
    counter = 'prediction_outcomes_total{outcome="' + answer["decision"] + '"} 1.0'
    assert counter in metrics


def test_the_gateway_builds_the_same_model_input_as_the_training_set(trained, held_out):
    """Skew, end to end: the row the gateway scores for a post at a moment equals the
    training-set row for the same author, text and moment; a new author's too."""
    config, _ = trained
    store = online_store(config)
    latest = store.all_rows(AUTHOR_HISTORY)["feature_ts"].max()
    moment = pd.Timestamp(latest) + pd.Timedelta(hours=7)
    authors = [*sorted(store.all_rows(AUTHOR_HISTORY).index)[:20], "never-seen-author"]
    texts = held_out[TEXT].head(len(authors)).tolist()
    spine = pd.DataFrame({AUTHOR: authors, "event_ts": moment, TEXT: texts, LABEL: False})
    training_rows = add_request_features(offline_store(config).get_historical(spine, VIEWS))
    for position, (author, text) in enumerate(zip(authors, texts, strict=True)):
        served = model_input(store, [author], [text], moment.to_datetime64())
        for name in MODEL_FEATURES.columns:
            assert served[name][0] == training_rows[name].iloc[position], (author, name)
