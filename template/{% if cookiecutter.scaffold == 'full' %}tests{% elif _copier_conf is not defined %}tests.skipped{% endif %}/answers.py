{% if cookiecutter.serving == 'batch' -%}
"""The system's answer to a request body, as its JSON. The project has no gateway: it comes
through the batch scorer's path (the champion loaded with what its endpoint builds, the
body validated, then the endpoint's answer). The tests of a model's answers use it, so
that they hold whichever way the project serves."""
{%- else -%}
"""The system's answer to a request body, as its JSON, through the gateway, which must
accept the body. The tests of a model's answers use it, so that they hold whichever way
the project serves."""
{%- endif %}

from __future__ import annotations

{% if cookiecutter.serving == 'batch' -%}
import itertools
{% endif -%}
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

{% if cookiecutter.serving != 'batch' -%}
from fastapi.testclient import TestClient

{% endif -%}
from {{ cookiecutter.package_name }}.config import Config
{%- if cookiecutter.serving == 'batch' %}
from {{ cookiecutter.package_name }}.feature_store import online_store
from {{ cookiecutter.package_name }}.models import model_registry
from {{ cookiecutter.package_name }}.online.app import endpoint_for
from {{ cookiecutter.package_name }}.online.batch_scoring import answer_body
from {{ cookiecutter.package_name }}.online.scoring import load_snapshot
{%- else %}
from {{ cookiecutter.package_name }}.online.app import ENDPOINT
from {{ cookiecutter.package_name }}.online.gateway import create_app
{%- endif %}

Answer = Callable[[dict[str, Any]], dict[str, Any]]


@contextmanager
def answering(config: Config) -> Iterator[Answer]:
    """`answer(body)`: the champion's answer to `body`, as the response's JSON."""
{%- if cookiecutter.serving == 'batch' %}
    store = online_store(config)
    try:
        registry = model_registry(config)
        number = registry.aliases()["champion"]
        endpoint = endpoint_for(config)
        snapshot = load_snapshot(registry, store, endpoint, config, number, store.generation())
        numbers = itertools.count()

        def answer(body: dict[str, Any]) -> dict[str, Any]:
            request_id = f"test-{next(numbers):08d}"
            _, answered = answer_body(endpoint, snapshot, store, config, request_id, body)
            return answered.response.model_dump(mode="json")

        yield answer
    finally:
        store.close()
{%- else %}
    with TestClient(create_app(config)) as client:

        def answer(body: dict[str, Any]) -> dict[str, Any]:
            reply = client.post(ENDPOINT.path, json=body)
            assert reply.status_code == 200, reply.text
            return reply.json()

        yield answer
{%- endif %}
