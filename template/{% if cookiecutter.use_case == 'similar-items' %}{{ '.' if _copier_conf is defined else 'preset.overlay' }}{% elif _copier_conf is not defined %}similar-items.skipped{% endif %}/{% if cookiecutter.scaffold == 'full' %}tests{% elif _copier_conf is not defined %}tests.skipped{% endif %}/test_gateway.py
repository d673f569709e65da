"""POST /similar: what a caller sends, what it gets back, and what the re-ranker really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import ANCHOR, ITEM, PAIR
from {{ cookiecutter.package_name }}.features.definitions import (
    ITEM_EMBEDDING,
    MODEL_FEATURES,
    VIEWS,
)
from {{ cookiecutter.package_name }}.offline.dataset import EVENT_TS
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.offline.training_set import point_in_time_rows
from {{ cookiecutter.package_name }}.online.app import SimilarRequest, similar


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


def a_known_item(store) -> str:
    embeddings = store.all_rows(ITEM_EMBEDDING)
    return sorted(embeddings[embeddings["emb_00"] != 0].index)[0]


def test_a_known_listing_gets_k_other_listings_best_first(client, store, trained):
    _, result = trained
    anchor = a_known_item(store)
    body = client.post("/similar", json={"item_id": anchor, "k": 7}).json()
    items = [entry["item_id"] for entry in body["items"]]
    assert len(items) == len(set(items)) == 7 and anchor not in items
    scores = [entry["score"] for entry in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert body["known_item"] is True and body["model_version"] == result.champion.version


def test_an_unknown_listing_gets_the_most_booked_ones(client):
    body = client.post("/similar", json={"item_id": "never-listed"}).json()
    assert body["known_item"] is False
    listed = {entry["item_id"] for entry in body["items"]}
    index = client.app.state.serving.require().resources.index
    assert len(listed) == 10 and listed <= set(index.popular[:30])


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"item_id": ""},
        {"item_id": "l0001", "k": 0},
        {"item_id": "l0001", "k": 10_000},
        {"item_id": "l0001", "at": "next tuesday"},
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/similar", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("known", [True, False], ids=["known-anchor", "never-listed-anchor"])
def test_the_gateway_builds_the_same_reranker_input_as_offline(trained, client, store, known):
    """Skew, end to end: the rows the gateway scores for an anchor's neighbours equal the
    rows the training-set builder makes for the same pairs at the same moment (for an
    anchor without features too: the missing-value rules agree)."""
    config, _ = trained
    moment = max(pd.Timestamp(store.all_rows(view)["feature_ts"].max()) for view in VIEWS)
    serving = client.app.state.serving
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    anchor = a_known_item(store) if known else "never-listed"
    served = pd.DataFrame(similar(context, SimilarRequest(item_id=anchor))[0].rows)
    expected = point_in_time_rows(served[[ANCHOR, ITEM, PAIR, EVENT_TS]], offline_store(config))
    columns = list(MODEL_FEATURES.columns)
    pd.testing.assert_frame_equal(
        served[columns], expected[columns], check_dtype=False, check_exact=True
    )
