"""The online store going away while the gateway serves: requests are still answered, from
the features' defaults, the gateway says it is degraded, and it recovers by itself when the
store is back."""

from __future__ import annotations

{% if cookiecutter.feature_store == 'redis' -%}
import pytest
import redis
{% endif -%}
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.online.app import example_requests
from {{ cookiecutter.package_name }}.online.gateway import create_app

from conftest import eventually{% if cookiecutter.feature_store == 'redis' %}, on_redis{% endif %}


def degraded(client: TestClient) -> str | None:
    return client.get("/readyz").json()["degraded"]


def test_a_store_that_goes_away_mid_traffic_degrades_to_defaults_then_recovers(served_project):
    config = load_config(served_project)
    example = example_requests(config, 1)[0]
    store = config.paths.feature_store / "online.sqlite"
    with TestClient(create_app(config)) as client:
        assert client.post(example["path"], json=example["body"]).status_code == 200
        assert degraded(client) is None

        store.unlink()
        assert eventually(lambda: degraded(client)), "the gateway never noticed"
        readiness = client.get("/readyz")
        assert readiness.status_code == 200 and readiness.json()["ready"] is True
        assert "no online store" in readiness.json()["degraded"]
        answered = client.post(example["path"], json=example["body"])
        assert answered.status_code == 200, answered.text
        metrics = client.get("/metrics").text
        assert "online_store_degraded 1.0" in metrics
        assert "online_store_fallbacks_total" in metrics

        pipeline.run_materialize(config, echo=lambda _: None)
        assert eventually(lambda: degraded(client) is None), degraded(client)
        assert "online_store_degraded 0.0" in client.get("/metrics").text
{%- if cookiecutter.feature_store == 'redis' %}


@pytest.fixture
def paused_redis(redis_url):
    """Pause every client of the test Redis for a few seconds: a Redis that stops answering."""
    admin = redis.Redis.from_url(redis_url)

    def pause(seconds: float) -> None:
        admin.execute_command("CLIENT", "PAUSE", int(seconds * 1000), "ALL")

    yield pause
    admin.execute_command("CLIENT", "UNPAUSE")
    admin.close()


def test_a_redis_that_stops_answering_mid_traffic_degrades_then_recovers(
    trained, tmp_path, redis_url, paused_redis, monkeypatch
):
    monkeypatch.delenv("REDIS_URL", raising=False)
    redis_config = on_redis(trained[0], tmp_path, redis_url)
    pipeline.run_materialize(redis_config, echo=lambda _: None)
    example = example_requests(redis_config, 1)[0]
    with TestClient(create_app(redis_config)) as client:
        assert client.post(example["path"], json=example["body"]).status_code == 200
        paused_redis(3.0)
        answered = client.post(example["path"], json=example["body"])
        assert answered.status_code == 200, answered.text
        assert "Timeout" in (degraded(client) or "") or "timed out" in (degraded(client) or "")
        assert eventually(lambda: degraded(client) is None), degraded(client)
        assert client.post(example["path"], json=example["body"]).status_code == 200
{%- endif %}
