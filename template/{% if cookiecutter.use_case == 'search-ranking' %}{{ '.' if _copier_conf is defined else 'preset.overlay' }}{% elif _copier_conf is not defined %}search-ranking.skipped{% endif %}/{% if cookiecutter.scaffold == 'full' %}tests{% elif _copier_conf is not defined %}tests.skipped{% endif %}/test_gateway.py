"""POST /search: what a caller sends, what it gets back, and what the ranker really saw."""

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import DOC, QUERY
from {{ cookiecutter.package_name }}.features.definitions import MODEL_FEATURES, QUERY_ACTIVITY
from {{ cookiecutter.package_name }}.features.text import tokens
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.offline.training_set import corpus_index, pair_rows
from {{ cookiecutter.package_name }}.online.app import search
from {{ cookiecutter.package_name }}.online.gateway import create_app
from {{ cookiecutter.package_name }}.online.prediction_log import read_predictions


@pytest.fixture(scope="module")
def store(trained):
    return online_store(trained[0])


def a_logged_query(store) -> str:
    return sorted(store.all_rows(QUERY_ACTIVITY).index)[0]


def test_a_query_gets_k_distinct_documents_best_first(client, store, trained):
    _, result = trained
    query = a_logged_query(store)
    body = client.post("/search", json={"query": query.upper() + "  ", "k": 5}).json()
    results = body["results"]
    assert body["query"] == query
    assert len(results) == 5 and len({r["doc_id"] for r in results}) == 5
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert all(r["retrieval_score"] > 0 for r in results)
    assert body["model_version"] == result.champion.version


def test_a_query_with_no_indexed_word_gets_no_results_and_is_logged(served_project):
    config = load_config(served_project)
    with TestClient(create_app(config)) as client:
        response = client.post("/search", json={"query": "Zzyzx  qwertyuiop"})
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == []
    logged = read_predictions(config.paths.lake)
    logged = logged[logged["request_id"] == body["request_id"]]
    assert logged["position"].tolist() == [0]
    assert logged[QUERY].tolist() == ["zzyzx qwertyuiop"]


@pytest.mark.parametrize(
    "payload",
    [{}, {"query": ""}, {"query": " ?! "}, {"query": "pasta", "k": 0}, {"query": "a", "k": 10_000}],
)
def test_a_bad_request_is_refused_with_a_reason(client, payload):
    response = client.post("/search", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_gateway_builds_the_same_ranker_input_as_the_training_set(trained, client, store):
    """Skew, end to end: the rows the gateway ranks for a query equal the rows the
    training-set builder makes for the same (query, document) pairs at the same moment."""
    config, _ = trained
    query = a_logged_query(store)
    moment = pd.Timestamp(store.all_rows(QUERY_ACTIVITY)["feature_ts"].max())
    serving = client.app.state.serving
    context = serving.context(serving.require(), moment.to_pydatetime(), "skew-test")
    rows, _ = search(context, query, None)
    served = pd.DataFrame(rows).set_index(DOC)
    texts = served["title"] + " " + served["body"]
    assert len(served) > 1 and all(set(tokens(query)) & set(tokens(text)) for text in texts)

    offline = offline_store(config)
    spine = pd.DataFrame({QUERY: query, DOC: served.index, "event_ts": moment})
    expected = pair_rows(offline, corpus_index(config, offline, moment), spine).set_index(DOC)
    columns = list(MODEL_FEATURES.columns)
    pd.testing.assert_frame_equal(served[columns], expected[columns], check_dtype=False)
