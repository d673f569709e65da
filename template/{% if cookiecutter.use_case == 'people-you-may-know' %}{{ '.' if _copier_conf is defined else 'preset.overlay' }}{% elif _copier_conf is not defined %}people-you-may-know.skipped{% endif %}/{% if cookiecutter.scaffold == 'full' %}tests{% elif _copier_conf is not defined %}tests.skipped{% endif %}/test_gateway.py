"""POST /people-you-may-know: what a caller sends, what it gets back, and what the model saw."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.entities import CANDIDATE, USER
from {{ cookiecutter.package_name }}.features.definitions import FRIENDS, MODEL_FEATURES, VIEWS
from {{ cookiecutter.package_name }}.features.views import FEATURE_TS
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.online.app import SuggestRequest, suggest
from {{ cookiecutter.package_name }}.online.graph import link_rows, offline_people

PATH = "/people-you-may-know"


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


def a_well_connected_user(store) -> str:
    friends = store.all_rows(FRIENDS)
    return str(friends.sort_values(["degree"], ascending=False).index[0])


def test_a_known_user_gets_k_people_who_are_not_friends_yet(client, store, trained):
    _, result = trained
    user = a_well_connected_user(store)
    body = client.post(PATH, json={"user_id": user, "k": 5}).json()
    suggested = [s["user_id"] for s in body["suggestions"]]
    friends = set(store.all_rows(FRIENDS).loc[user, "friends"].split())
    assert len(suggested) == len(set(suggested)) == 5
    assert user not in suggested and not friends & set(suggested)
    scores = [s["score"] for s in body["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    assert all(s["friends_in_common"] >= 1 for s in body["suggestions"])
    assert body["known_user"] is True and body["model_version"] == result.champion.version


def test_an_unknown_user_gets_well_connected_people(client):
    body = client.post(PATH, json={"user_id": "nobody"}).json()
    assert body["known_user"] is False
    assert len(body["suggestions"]) == 10
    assert all(s["friends_in_common"] == 0 for s in body["suggestions"])


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"user_id": ""},
        {"user_id": "p1", "k": 0},
        {"user_id": "p1", "k": 10_000},
        {"user_id": "p1", "at": "next tuesday"},
    ],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post(PATH, json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_model_input_as_offline(trained, client, store):
    """Skew, end to end: the rows the gateway scores for a user's candidates equal the rows
    the offline path builds, point-in-time, for the same pairs at the same moment."""
    config, _ = trained
    user = a_well_connected_user(store)
    moment = max(pd.Timestamp(store.all_rows(view)[FEATURE_TS].max()) for view in VIEWS)
    serving = client.app.state.serving
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    rows, _, _ = suggest(context, SuggestRequest(user_id=user))
    served = pd.DataFrame(rows)
    assert len(served) > 10  # friends of friends, not only the fallback
    pairs = pd.DataFrame({USER: user, CANDIDATE: served[CANDIDATE], "event_ts": moment})
    expected = link_rows(pairs, offline_people(offline_store(config)))
    columns = list(MODEL_FEATURES.columns)
    pd.testing.assert_frame_equal(served[columns], expected[columns], check_dtype=False)
