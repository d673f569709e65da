"""Readiness means it can answer, and a champion changes without a restart, or is refused.

Each test breaks its own copy of the trained project (`served_project`), in the ways an
on-call engineer meets them: a corrupt or missing store, a tampered model, a new champion.
"""

import json

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.errors import RegistryUnavailable
from {{ cookiecutter.package_name }}.models.registry import Registry
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.online.app import example_requests
from {{ cookiecutter.package_name }}.online.gateway import create_app

from conftest import eventually, write_config


def post_example(client, config):
    example = example_requests(config, 1)[0]
    return client.post(example["path"], json=example["body"])


@pytest.fixture
def config(served_project):
    return load_config(served_project)


def readiness(client):
    response = client.get("/readyz")
    return response.status_code, response.json()


def test_a_corrupt_store_means_not_ready_with_the_reason_and_no_500(config):
    example = example_requests(config, 1)[0]
    store = config.paths.feature_store / "online.sqlite"
    store.write_bytes(b"this is not a database" * 1000)
    with TestClient(create_app(config)) as client:
        status, body = readiness(client)
        assert status == 503 and not body["ready"]
        assert "online store" in body["reason"] and "materialize" in body["reason"]
        response = client.post(example["path"], json=example["body"])
        assert response.status_code == 503 and "materialize" in response.json()["detail"]
        # the fix, while it runs: it becomes ready by itself
        store.unlink()
        pipeline.run_materialize(config, echo=lambda _: None)
        assert eventually(lambda: readiness(client)[0] == 200), readiness(client)
        assert client.post(example["path"], json=example["body"]).status_code == 200


@pytest.mark.parametrize("damage", ["missing", "empty"])
def test_a_missing_or_empty_store_means_not_ready(config, damage):
    store = config.paths.feature_store / "online.sqlite"
    if damage == "missing":
        store.unlink()
    else:
        store.write_bytes(b"")
    with TestClient(create_app(config)) as client:
        status, body = readiness(client)
        assert status == 503 and "store" in body["reason"]
        assert client.get("/healthz").status_code == 200


def test_a_tampered_champion_is_never_served(config):
    champion = Registry(config.paths.registry).get("champion")
    (champion.folder / "model.json").write_text(json.dumps({"format": 1, "kind": "evil"}))
    with TestClient(create_app(config)) as client:
        status, body = readiness(client)
        assert status == 503 and "model.json changed after it was registered" in body["reason"]
        assert post_example(client, config).status_code == 503


def register_copy_as_champion(config) -> int:
    """Promote a new version: the champion's own model, registered again."""
    registry = Registry(config.paths.registry)
    champion = registry.get("champion")
    new = registry.register(champion.load(), champion.metadata)
    registry.set_alias("champion", new)
    return new.version


def test_a_new_champion_is_served_without_a_restart(config):
    with TestClient(create_app(config)) as client:
        before = post_example(client, config).json()["model_version"]
        new = register_copy_as_champion(config)
        assert new != before
        assert eventually(lambda: post_example(client, config).json()["model_version"] == new)
        assert readiness(client)[1]["model_version"] == new


def test_a_broken_new_champion_is_refused_and_the_old_one_keeps_serving(config):
    with TestClient(create_app(config)) as client:
        before = post_example(client, config).json()["model_version"]
        registry = Registry(config.paths.registry)
        champion = registry.get("champion")
        new = registry.register(champion.load(), champion.metadata)
        arrays = new.folder / "arrays.npz"
        arrays.write_bytes(arrays.read_bytes()[: len(arrays.read_bytes()) // 2])  # cut short
        # set_alias refuses a damaged version: the alias is moved by hand, as a tool would
        aliases = {**registry.aliases(), "champion": new.version}
        (registry.folder / "aliases.json").write_text(json.dumps(aliases))
        assert eventually(lambda: readiness(client)[1]["refused"] is not None)
        status, body = readiness(client)
        assert status == 200 and body["model_version"] == before
        assert body["refused"]["version"] == new.version
        assert "arrays.npz" in body["refused"]["reason"]
        assert post_example(client, config).json()["model_version"] == before
        assert "model_versions_refused_total 1.0" in client.get("/metrics").text


class BrieflyUnreachable:
    """The project's registry, behind a network that drops the first `failures` reads of a
    version, as a registry server or artifact store does while it restarts."""

    def __init__(self, registry, failures: int) -> None:
        self.registry, self.failures = registry, failures

    def aliases(self):
        return self.registry.aliases()

    def version(self, number):
        if self.failures > 0:
            self.failures -= 1
            raise RegistryUnavailable("the registry at http://registry.internal cannot be used")
        return self.registry.version(number)


def test_a_new_champion_the_registry_could_not_deliver_is_tried_again_not_refused(config):
    with TestClient(create_app(config)) as client:
        before = post_example(client, config).json()["model_version"]
        serving = client.app.state.serving
        serving.registry = BrieflyUnreachable(serving.registry, failures=2)
        new = register_copy_as_champion(config)
        assert new != before
        assert eventually(lambda: readiness(client)[1]["model_version"] == new), readiness(client)
        status, body = readiness(client)
        assert status == 200 and body["refused"] is None
        assert serving.registry.failures == 0


def test_metrics_show_the_serving_version_readiness_and_each_stage(config):
    with TestClient(create_app(config)) as client:
        version = post_example(client, config).json()["model_version"]
        client.get("/readyz")
        text = client.get("/metrics").text
        assert f"serving_model_version {float(version)}" in text
        assert "serving_ready 1.0" in text
        assert 'stage_latency_seconds_count{stage="lookup"}' in text
        assert 'stage_latency_seconds_count{stage="logging"}' in text


def test_a_token_guards_predictions_and_metrics_but_not_health(config, monkeypatch):
    monkeypatch.setenv("SERVING_API_TOKEN", "s3cret")
    example = example_requests(config, 1)[0]
    with TestClient(create_app(config)) as client:
        assert client.post(example["path"], json=example["body"]).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert client.post(example["path"], json=example["body"], headers=wrong).status_code == 401
        right = {"Authorization": "Bearer s3cret"}
        assert client.post(example["path"], json=example["body"], headers=right).status_code == 200
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers=right).status_code == 200
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_the_docs_can_be_switched_off(served_project, tmp_path):
    path = write_config(tmp_path, serving={"docs": False, "reload_seconds": 0.1})
    with TestClient(create_app(load_config(path))) as client:
        assert client.get("/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 404
