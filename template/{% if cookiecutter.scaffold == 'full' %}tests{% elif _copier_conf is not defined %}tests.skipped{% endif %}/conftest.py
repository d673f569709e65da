"""Shared fixtures: a project folder of its own per test, and one offline run per session."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable{% if cookiecutter.serving != 'batch' or cookiecutter.feature_store in ['redis', 'feast'] %}, Iterator{% endif %}
from pathlib import Path
from typing import Any

import pytest
import yaml
{%- if cookiecutter.serving != 'batch' %}
from fastapi.testclient import TestClient
{%- endif %}

from {{ cookiecutter.package_name }}.config import Config, load_config
from {{ cookiecutter.package_name }}.models.registry import Registry
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.pipeline import EvaluationResult
{%- if cookiecutter.serving != 'batch' %}
from {{ cookiecutter.package_name }}.online.gateway import create_app
{%- endif %}

{% if cookiecutter.registry == 'mlflow' -%}
import mlflow_store
{% endif -%}
{% if cookiecutter.feature_store in ['redis', 'feast'] -%}
import redis_server
{% endif -%}
from preset_settings import SMALL_SAMPLE

PROJECT = Path(__file__).resolve().parents[1]
EVENTUALLY_SECONDS = 15.0


def eventually(check: Callable[[], Any], seconds: float = EVENTUALLY_SECONDS) -> Any:
    """`check()` until it is true or `seconds` have passed; its last outcome."""
    deadline = time.monotonic() + seconds
    while True:
        outcome = check()
        if outcome or time.monotonic() > deadline:
            return outcome
        time.sleep(0.05)


def write_config(folder: Path, small: bool = True, **sections: dict[str, Any]) -> Path:
    """The project's own config, with every path inside `folder`, reading the sample data
    (the small sample unless `small` is false) whatever `data:` the project reads: the
    tests bring their own data, so they hold when a team switches to its own files."""
    raw = yaml.safe_load((PROJECT / "config" / "pipeline.yaml").read_text())
    raw["paths"] = {name: str(folder / name) for name in raw["paths"]}
    raw.pop("online_store", None)  # the embedded store, unless a test asks for another
    raw.pop("registry", None)  # the local registry, unless a test asks for another
    raw.pop("compute", None)  # the views on DuckDB, unless a test asks for Spark
    # the sample generator's defaults are the sample the project ships with
    raw["data"] = {"source": "sample", "sample": dict(SMALL_SAMPLE) if small else {}}
    for name, values in sections.items():
        raw[name] = {**raw.get(name, {}), **values}
    path = folder / "config" / "pipeline.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(raw))
    return path


{% if cookiecutter.feature_store in ['redis', 'feast'] -%}
@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis for the tests of the Redis store (tests/redis_server.py)."""
    with redis_server.running() as url:
        yield url


{% endif -%}
{% if cookiecutter.feature_store == 'feast' -%}
def on_feast(config: Config, folder: Path, **store: str) -> Config:
    """A copy of a trained project whose feature store is a Feast repository of its own (not
    filled: run `materialize`)."""
    copy_project(config, folder)
    section = {"backend": "feast", "prefix": "tested", **store}
    return load_config(write_config(folder, online_store=section))


{% endif -%}
{% if cookiecutter.feature_store == 'redis' -%}
def on_redis(config: Config, folder: Path, url: str) -> Config:
    """A copy of a trained project whose online store is the Redis at `url` (not filled:
    run `materialize`)."""
    copy_project(config, folder)
    store = {"backend": "redis", "url": url, "prefix": f"project-{folder.name}"}
    return load_config(write_config(folder, online_store=store))


{% endif -%}
{% if cookiecutter.registry == 'mlflow' -%}
@pytest.fixture(scope="session")
def mlflow_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty MLflow database that each test copies (tests/mlflow_store.py)."""
    return mlflow_store.empty_database(tmp_path_factory.mktemp("mlflow"))


def on_mlflow(config: Config, folder: Path, database: Path, **serving: Any) -> Config:
    """A copy of a trained project whose registry is an MLflow of its own, still empty."""
    copy_project(config, folder)
    section = mlflow_store.config_section(folder / "mlflow", database)
    return load_config(write_config(folder, registry=section, serving=serving))


{% endif -%}
REGISTRIES = ("local",{% if cookiecutter.registry == 'mlflow' %} "mlflow"{% endif %})


@pytest.fixture(params=REGISTRIES)
def open_registry(request: pytest.FixtureRequest) -> Callable[..., Registry]:
    """Each registry the project has: `open_registry(folder)` opens the one kept in
    `folder`, `open_registry(folder, reader="name")` the same one as another machine
    reads it (MLflow: with a copy of the versions' files of its own)."""
    if request.param == "local":
        return lambda folder, reader="": Registry(folder)
{%- if cookiecutter.registry == 'mlflow' %}
    database = request.getfixturevalue("mlflow_database")
    return lambda folder, reader="": mlflow_store.registry_in(folder, database, reader)
{%- endif %}


@pytest.fixture
def make_config(tmp_path: Path):
    """Write a config into this test's folder; returns its path."""

    def make(small: bool = True, **sections: dict[str, Any]) -> Path:
        return write_config(tmp_path, small, **sections)

    return make


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return load_config(write_config(tmp_path))


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, EvaluationResult]:
    """The whole offline loop, run once on the small sample."""
    folder = tmp_path_factory.mktemp("trained")
    config = load_config(write_config(folder))
    return config, pipeline.run_all(config, echo=lambda _: None)


{% if cookiecutter.serving != 'batch' -%}
@pytest.fixture(scope="module")
def client(trained: tuple[Config, EvaluationResult]) -> Iterator[TestClient]:
    """The gateway of the trained project, started once per test module."""
    config, _ = trained
    with TestClient(create_app(config)) as client:
        yield client


{% endif -%}
def copy_project(config: Config, folder: Path, **serving: Any) -> Path:
    """A copy of a trained project's lake, store and registry in `folder`; its config's path."""
    for name in ("lake", "feature_store", "registry"):
        shutil.copytree(getattr(config.paths, name), folder / name)
    return write_config(folder, serving=serving)


@pytest.fixture
def served_project(trained: tuple[Config, EvaluationResult], tmp_path: Path) -> Path:
{%- if cookiecutter.serving == 'batch' %}
    """A copy of the trained project that a test may break; returns its config's path."""
    return copy_project(trained[0], tmp_path)
{%- else %}
    """A copy of the trained project that a test may break, whose gateway looks for a new
    champion every 0.1 s; returns its config's path."""
    return copy_project(trained[0], tmp_path, reload_seconds=0.1)
{%- endif %}
