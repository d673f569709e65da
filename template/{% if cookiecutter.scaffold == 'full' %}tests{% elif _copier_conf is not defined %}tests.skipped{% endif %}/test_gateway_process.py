"""The real service, as `serve` starts it on 127.0.0.1: fuzzed from its own OpenAPI schema,
and killed under load without losing a served prediction."""

import threading
import time

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.online.app import example_requests
from {{ cookiecutter.package_name }}.online.prediction_log import read_predictions

from conftest import copy_project
from service_process import running_service

LOAD_THREADS = 4
MAX_REQUESTS_PER_THREAD = 2_000
LOAD_SECONDS = 20.0
EXAMPLES = 60  # per generation mode, spread over every route


@pytest.fixture(scope="module")
def live_service(trained, tmp_path_factory):
    config_path = copy_project(trained[0], tmp_path_factory.mktemp("live"))
    with running_service(config_path) as service:
        service.wait("/readyz")
        yield service


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error_or_an_undocumented_answer(live_service, mode):
    """Requests generated from the app's own schema, valid ones and invalid ones: every answer
    is below 500, and its status, content type and body are the ones the schema documents."""
    schema = schemathesis.openapi.from_url(f"{live_service.url}/openapi.json")

    @given(case=schema.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate(base_url=live_service.url, checks=CHECKS)

    check()


def load(url: str, example: dict, served: list[str], stop: threading.Event) -> None:
    """Send the example until stopped; note the request id of every answer received whole."""
    with httpx.Client(base_url=url, timeout=5.0) as client:
        for _ in range(MAX_REQUESTS_PER_THREAD):
            if stop.is_set():
                return
            try:
                response = client.post(example["path"], json=example["body"])
            except httpx.TransportError:
                return
            if response.status_code == 200:
                served.append(response.json()["request_id"])


def test_every_served_prediction_survives_a_sigkill_under_load(served_project):
    config = load_config(served_project)
    example = example_requests(config, 1)[0]
    served: list[str] = []
    stop = threading.Event()
    with running_service(served_project) as service:
        service.wait("/readyz")
        threads = [
            threading.Thread(target=load, args=(service.url, example, served, stop))
            for _ in range(LOAD_THREADS)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + LOAD_SECONDS
        while len(served) < 300 and time.monotonic() < deadline:
            time.sleep(0.02)
        service.process.kill()  # SIGKILL, mid-traffic
        service.process.wait()
        stop.set()
        for thread in threads:
            thread.join()
    assert len(served) >= 300
    with running_service(served_project) as service:  # the restart compacts what the dead one left
        service.wait("/readyz")
    logged = set(read_predictions(config.paths.lake)["request_id"])
    lost = set(served) - logged
    assert not lost, f"{len(lost)} of {len(served)} served predictions are not in the lake"


def test_two_workers_answer_and_add_up_their_metrics(served_project):
    config = load_config(served_project)
    example = example_requests(config, 1)[0]
    with running_service(served_project, workers=2) as service:
        service.wait("/readyz")
        with httpx.Client(base_url=service.url, timeout=10.0) as client:
            for _ in range(40):
                assert client.post(example["path"], json=example["body"]).status_code == 200
            metrics = client.get("/metrics").text
    counted = 'requests_total{route="%s",status="200"} 40.0' % example["path"]  # noqa: UP031
    assert counted in metrics, metrics[-2000:]
