"""POST /feed: what a caller sends, what it gets back, and what the ranker really saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import POST, USER
from {{ cookiecutter.package_name }}.features.definitions import (
    MODEL_FEATURES,
    POST_PROFILE,
    USER_ACTIVITY,
)
from {{ cookiecutter.package_name }}.offline.heads import HEADS
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.offline.training_set import features_as_of
from {{ cookiecutter.package_name }}.online.app import FeedRequest, rank_feed


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


def latest_moment(store) -> pd.Timestamp:
    return pd.Timestamp(store.all_rows(USER_ACTIVITY)["feature_ts"].max())


def a_known_user(store) -> str:
    return sorted(store.all_rows(USER_ACTIVITY).index)[0]


def test_a_known_user_gets_k_fresh_posts_with_the_author_cap(client, store, trained):
    config, result = trained
    body = client.post(
        "/feed",
        json={"user_id": a_known_user(store), "k": 8, "at": str(latest_moment(store))},
    ).json()
    posts = body["posts"]
    assert len(posts) == 8 and len({p["post_id"] for p in posts}) == 8
    assert [p["score"] for p in posts] == sorted((p["score"] for p in posts), reverse=True)
    cap = config.task["max_per_author"]
    assert max(pd.Series([p["author_id"] for p in posts]).value_counts()) <= cap
    for post in posts:
        assert set(post["heads"]) == set(HEADS)
        assert all(0.0 <= value <= 1.0 for value in post["heads"].values())
    assert body["known_user"] is True and body["model_version"] == result.champion.version


def test_an_unknown_user_gets_a_feed_of_popular_fresh_posts(client, store):
    body = client.post("/feed", json={"user_id": "nobody", "at": str(latest_moment(store))})
    assert body.json()["known_user"] is False
    assert len(body.json()["posts"]) == 10


def test_a_moment_before_the_first_post_gets_an_empty_feed(client, store):
    first = pd.to_datetime(store.all_rows(POST_PROFILE)["created_epoch"].min(), unit="s")
    at = str(first - pd.Timedelta(hours=1))  # inside the window the gateway accepts
    body = client.post("/feed", json={"user_id": "nobody", "at": at}).json()
    assert body["posts"] == []


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"user_id": ""},
        {"user_id": "u1", "k": 0},
        {"user_id": "u1", "k": 10_000},
        {"user_id": "u1", "at": "yesterday-ish"},
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/feed", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_ranker_input_as_the_training_set(trained, client, store):
    """Skew, end to end: the rows the gateway scores for a user's candidates equal the rows
    the training-set builder makes for the same (user, post) pairs at the same moment."""
    config, _ = trained
    moment = latest_moment(store)
    serving = client.app.state.serving
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    for user in (a_known_user(store), "nobody"):
        rows, _, _ = rank_feed(context, FeedRequest(user_id=user))
        ranked = pd.DataFrame(rows).set_index(POST)
        spine = pd.DataFrame({USER: user, POST: ranked.index, "event_ts": moment})
        expected = features_as_of(offline_store(config), spine).set_index(POST)
        columns = list(MODEL_FEATURES.columns)
        assert len(ranked) > 10
        pd.testing.assert_frame_equal(
            ranked[columns], expected[columns], check_dtype=False, check_exact=True
        )
