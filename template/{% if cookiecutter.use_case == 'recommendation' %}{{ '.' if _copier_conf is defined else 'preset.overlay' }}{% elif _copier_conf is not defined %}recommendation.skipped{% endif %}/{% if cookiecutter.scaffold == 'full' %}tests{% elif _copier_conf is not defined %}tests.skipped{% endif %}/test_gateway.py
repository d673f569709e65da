"""POST /recommend: what a caller sends, what it gets back, and what the ranker really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import ITEM, USER
from {{ cookiecutter.package_name }}.features.definitions import (
    ITEM_VIEWS,
    MODEL_FEATURES,
    USER_ACTIVITY,
    USER_VIEWS,
)
from {{ cookiecutter.package_name }}.offline.evaluate import category_clicks_at
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.online.app import RecommendRequest, recommend
from {{ cookiecutter.package_name }}.online.ranking import pair_features


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


def a_known_user(store) -> str:
    return sorted(store.all_rows(USER_ACTIVITY).index)[0]


def test_a_known_user_gets_k_distinct_items_with_the_category_cap(client, store, trained):
    config, result = trained
    body = client.post("/recommend", json={"user_id": a_known_user(store), "k": 8}).json()
    items = body["items"]
    assert len(items) == 8 and len({i["item_id"] for i in items}) == 8
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    cap = config.task["max_per_category"]
    assert max(pd.Series([i["category"] for i in items]).value_counts()) <= cap
    assert body["known_user"] is True and body["model_version"] == result.champion.version


def test_an_unknown_user_gets_a_list_too(client):
    body = client.post("/recommend", json={"user_id": "nobody"}).json()
    assert body["known_user"] is False
    assert len(body["items"]) == 10


@pytest.mark.parametrize(
    "payload", [{}, {"user_id": ""}, {"user_id": "u1", "k": 0}, {"user_id": "u1", "k": 10_000}]
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/recommend", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_ranker_input_as_offline(trained, client, store):
    """Skew, end to end: the rows the gateway scores for a user's candidates equal the rows
    the offline path builds for the same pairs at the same moment."""
    config, _ = trained
    user = a_known_user(store)
    moment = pd.Timestamp(store.all_rows(USER_ACTIVITY)["feature_ts"].max())
    serving = client.app.state.serving
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    rows, _, _ = recommend(context, RecommendRequest(user_id=user))
    served = pd.DataFrame(rows).set_index(ITEM)
    candidates = served.index.tolist()

    offline = offline_store(config)
    users = offline.get_historical(pd.DataFrame({USER: [user], "event_ts": moment}), USER_VIEWS)
    items = offline.get_historical(pd.DataFrame({ITEM: candidates, "event_ts": moment}), ITEM_VIEWS)
    categories = tuple(items["category"].unique())
    clicks = category_clicks_at(offline, [user], categories, moment)
    pairs = pd.DataFrame({USER: user, ITEM: candidates})
    expected = pair_features(pairs, users, items, clicks, moment).set_index(ITEM)
    columns = list(MODEL_FEATURES.columns)
    pd.testing.assert_frame_equal(served[columns], expected[columns], check_dtype=False)
