"""Whatever a caller sends, the gateway answers 2xx or 4xx, briefly, and never echoes it whole."""

import json
import re

import pytest

from {{ cookiecutter.package_name }}.online.app import example_requests

MAX_ANSWER_BYTES = 2_000


@pytest.fixture(scope="module")
def example(trained) -> dict:
    config, _ = trained
    return example_requests(config, 1)[0]


def text_field(body: dict) -> str:
    """The request's first text field other than `at`: an id, a query, a post."""
    return next(name for name, value in body.items() if isinstance(value, str) and name != "at")


def post_raw(client, example, raw: bytes | str, content_type: str = "application/json"):
    return client.post(example["path"], content=raw, headers={"content-type": content_type})


def assert_refused(response, status: int) -> dict:
    assert response.status_code == status, response.text[:500]
    assert len(response.content) < MAX_ANSWER_BYTES
    return response.json()


def test_a_valid_request_is_answered(client, example):
    response = client.post(example["path"], json=example["body"])
    assert response.status_code == 200, response.text
    assert response.json()["model_version"] >= 1


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_number_that_is_not_finite_is_refused_naming_the_field(client, example, constant):
    raw = json.dumps({**example["body"], "at": "PLACEHOLDER"}).replace('"PLACEHOLDER"', constant)
    detail = assert_refused(post_raw(client, example, raw), 422)["detail"]
    assert detail[0]["loc"] == ["body", "at"] and "finite" in detail[0]["msg"]


def test_text_with_a_lone_surrogate_is_refused_naming_the_field(client, example):
    field = text_field(example["body"])
    raw = json.dumps(example["body"]).replace(json.dumps(example["body"][field]), '"\\ud800abc"', 1)
    detail = assert_refused(post_raw(client, example, raw), 422)["detail"]
    assert detail[0]["loc"] == ["body", field]


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        (b"\xff\xfe not utf-8", 400),
        (b'{"unterminated": ', 400),
        (b"", 400),
        ("[" * 5_000 + "]" * 5_000, 400),
        (
            json.dumps(
                {"x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
            ),
            400,
        ),
        (b"[1, 2, 3]", 422),
        (b'"just a string"', 422),
        (b"12" * 3_000, 400),
    ],
    ids=["not-utf8", "broken", "empty", "deep", "nested-field", "array", "string", "huge-int"],
)
def test_a_body_that_is_not_usable_json_is_refused(client, example, raw, status):
    assert_refused(post_raw(client, example, raw), status)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_body_not_sent_as_json_is_refused(client, example, content_type):
    response = post_raw(client, example, json.dumps(example["body"]), content_type)
    assert_refused(response, 415)


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, example):
    field = text_field(example["body"])
    huge = {**example["body"], field: "x" * 10_000_000}
    assert_refused(client.post(example["path"], json=huge), 413)


def test_a_long_bad_value_under_the_limit_comes_back_as_a_short_message(client, example):
    field = text_field(example["body"])
    long = {**example["body"], field: "é" * 10_000, "at": "not a moment " * 1_000}
    detail = assert_refused(client.post(example["path"], json=long), 422)["detail"]
    assert {tuple(error["loc"]) for error in detail} >= {("body", "at")}


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "2300-01-01"])
def test_a_moment_far_outside_what_the_model_knows_is_refused(client, example, moment):
    detail = assert_refused(
        client.post(example["path"], json={**example["body"], "at": moment}), 422
    )
    assert detail["detail"][0]["loc"] == ["body", "at"]
    assert re.search(r"between \d{4}-\d\d-\d\d and \d{4}-\d\d-\d\d", detail["detail"][0]["msg"])


def test_fields_of_the_wrong_kind_are_refused_without_echoing_them(client, example):
    field = text_field(example["body"])
    wrong = {**example["body"], field: {"nested": ["x" * 500]}}
    detail = assert_refused(client.post(example["path"], json=wrong), 422)["detail"]
    assert "x" * 100 not in json.dumps(detail)


def test_unknown_paths_share_one_metrics_label(client):
    before = client.get("/metrics").text.count("\n")
    for number in range(300):
        client.get(f"/no/such/path/{number}")
        client.post(f"/random-{number}", json={})
    after = client.get("/metrics").text
    assert 'route="unmatched"' in after
    assert after.count("\n") - before < 60  # a handful of new series, not hundreds


def test_the_openapi_schema_lists_every_status_and_metrics_as_text(client, example):
    schema = client.get("/openapi.json").json()
    statuses = set(schema["paths"][example["path"]]["post"]["responses"])
    assert statuses >= {"200", "400", "413", "415", "422", "503"}
    metrics = schema["paths"]["/metrics"]["get"]["responses"]["200"]["content"]
    assert list(metrics) == ["text/plain"]
    assert set(schema["paths"]["/readyz"]["get"]["responses"]) >= {"200", "503"}
