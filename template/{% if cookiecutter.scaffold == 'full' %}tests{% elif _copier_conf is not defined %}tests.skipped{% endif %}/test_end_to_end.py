"""Both loops: the offline run, a real gateway on a free port, traffic logged back to the
lake, and the monitor reading that traffic."""

import dataclasses

import pytest
from fastapi.testclient import TestClient

from {{ cookiecutter.package_name }}.demo import serve_and_query
from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.monitoring.traffic import monitor_traffic
from {{ cookiecutter.package_name }}.offline.promotion import LADDER
from {{ cookiecutter.package_name }}.online.app import example_requests
from {{ cookiecutter.package_name }}.online.gateway import create_app
from {{ cookiecutter.package_name }}.online.prediction_log import read_predictions


def test_the_offline_loop_promotes_a_champion_and_reports_why(trained):
    config, result = trained
    assert result.decision.champion in LADDER
    report = result.report.read_text()
    assert config.primary_metric in report and result.decision.reason in report
    assert all(f"| {rung} |" in report or f"| **{rung}** (serves) |" in report for rung in LADDER)


def test_served_requests_are_logged_to_the_lake_and_monitored(trained):
    config, result = trained
    request, answer = serve_and_query(config, 15)
    assert answer["model_version"] == result.champion.version
    logged = read_predictions(config.paths.lake)
    assert answer["request_id"] in set(logged["request_id"])
    assert logged["request_id"].nunique() >= 15

    outcome = monitor_traffic(config)
    assert outcome.outcome.report_path.is_file()
    assert outcome.outcome.signal_path.is_file()
    assert "drift report" in outcome.summary

    misspelt = {**config.monitoring, "watch": ["no_such_feature"]}
    with pytest.raises(ConfigError, match="no_such_feature"):
        monitor_traffic(dataclasses.replace(config, monitoring=misspelt))


def test_health_readiness_and_metrics(trained):
    config, _ = trained
    with TestClient(create_app(config)) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/readyz").json()["ready"] is True
        example = example_requests(config, 1)[0]
        assert client.post(example["path"], json=example["body"]).status_code == 200
        metrics = client.get("/metrics").text
        assert "request_latency_seconds" in metrics and "prediction_score" in metrics


def test_a_malformed_request_is_refused_naming_the_missing_fields(trained):
    config, _ = trained
    path = example_requests(config, 1)[0]["path"]
    with TestClient(create_app(config)) as client:
        response = client.post(path, json={"unexpected": 1})
        assert response.status_code == 422
        errors = response.json()["detail"]
        missing = [error["loc"] for error in errors if error["type"] == "missing"]
        assert missing and all(location[0] == "body" for location in missing)
