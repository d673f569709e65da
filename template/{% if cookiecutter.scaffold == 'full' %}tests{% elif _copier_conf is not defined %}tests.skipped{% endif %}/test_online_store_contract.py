"""What every online store promises the gateway, run against each backend this project has,
with the real component running (a redis-server for Redis, a Feast repository with its
SQLite and its Redis online stores for Feast, never a stand-in)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pandas as pd
import pytest

{% if cookiecutter.feature_store == 'feast' -%}
from {{ cookiecutter.package_name }}.config import FEAST, OnlineStoreSettings
{% endif -%}
from {{ cookiecutter.package_name }}.errors import StoreUnavailable
from {{ cookiecutter.package_name }}.feature_store import OnlineStore, SQLiteOnlineStore
{%- if cookiecutter.feature_store == 'feast' %}
from {{ cookiecutter.package_name }}.feature_store.online_feast import FeastOnlineStore
{%- endif %}
from {{ cookiecutter.package_name }}.features.views import Attribute, FeatureView
from {{ cookiecutter.package_name }}.online.features import lookup
{%- if cookiecutter.feature_store in ['redis', 'feast'] %}

import redis_server
{%- endif %}

BACKENDS = [
    "embedded",
{%- if cookiecutter.feature_store == 'redis' %}
    "redis",
{%- endif %}
{%- if cookiecutter.feature_store == 'feast' %}
    "feast",
    "feast-on-redis",
{%- endif %}
]

VIEW = FeatureView(
    name="profile",
    entity="user_id",
    source="users",
    timestamp="at",
    attributes=(
        Attribute("plan", "plan"),
        Attribute("age", "age"),
        Attribute("orders_7d", "orders", default=0.0),
    ),
)
# ids a key-value store must keep apart: separators, glob characters, non-ASCII, spaces
IDS = ["u1", "u:2", "u*3", "u[4]", "zoë 5", "6"]
LATEST = pd.DataFrame(
    {
        "user_id": IDS,
        "feature_ts": pd.to_datetime(["2026-01-02"] * 5 + ["2026-01-03"]),
        "plan": ["basic", "pro", None, "basic", "team", "pro"],
        "age": [31, None, 40, 22, 57, 19],
        "orders_7d": [1.0, 0.0, 3.5, float("nan"), 2.0, 8.0],
    }
)


def open_store(backend: str, request: pytest.FixtureRequest, prefix: str) -> OnlineStore:
    if backend == "embedded":
        return SQLiteOnlineStore(request.getfixturevalue("tmp_path") / prefix)
{%- if cookiecutter.feature_store == 'redis' %}
    if backend == "redis":
        url = request.getfixturevalue("redis_url")
        return redis_server.store(url, f"{request.node.name}:{prefix}")
{%- endif %}
{%- if cookiecutter.feature_store == 'feast' %}
    folder = request.getfixturevalue("tmp_path") / prefix
    if backend == "feast":
        return FeastOnlineStore(folder, OnlineStoreSettings(backend=FEAST, prefix="contract"))
    if backend == "feast-on-redis":  # a Feast project of its own per test, on one Redis
        url = request.getfixturevalue("redis_url")
        project = "".join(c if c.isalnum() else "_" for c in f"p_{request.node.name}_{prefix}")
        return FeastOnlineStore(folder, redis_server.feast_settings(url, project))
{%- endif %}
    raise AssertionError(f"no backend {backend}")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[OnlineStore]:
    opened = open_store(request.param, request, "store")
    yield opened
    opened.close()


@pytest.fixture
def materialized(store: OnlineStore) -> OnlineStore:
    store.materialize(VIEW, LATEST)
    return store


def test_each_stored_id_comes_back_with_its_values_in_the_view_s_order(materialized):
    found = materialized.get_online(VIEW, ["u1", "u*3", "6"])
    assert found == {
        "u1": ("u1", "basic", 31.0, 1.0),
        "u*3": ("u*3", None, 40.0, 3.5),
        "6": ("6", "pro", 19.0, 8.0),
    }


def test_an_unknown_id_is_absent_and_a_missing_value_is_none(materialized):
    found = materialized.get_online(VIEW, ["never-seen", "u:2", "u[4]"])
    assert set(found) == {"u:2", "u[4]"}
    assert found["u:2"] == ("u:2", "pro", None, 0.0)
    assert found["u[4]"][3] is None  # a NaN count is stored as missing


def test_asking_for_nothing_or_twice_for_one_id_is_fine(materialized):
    assert materialized.get_online(VIEW, []) == {}
    assert materialized.get_online(VIEW, ["zoë 5", "zoë 5"]) == {
        "zoë 5": ("zoë 5", "team", 57.0, 2.0)
    }


def test_the_kinds_are_those_of_the_materialized_columns(materialized):
    assert materialized.kinds(VIEW) == {"plan": "text", "age": "number", "orders_7d": "number"}


def test_the_lookup_scores_unknown_ids_from_the_view_s_defaults(materialized):
    found = lookup(materialized, VIEW, ["u1", "nobody"])
    assert found["known"].tolist() == [True, False]
    assert found["orders_7d"].tolist() == [1.0, 0.0]


def test_materializing_again_replaces_the_whole_view_and_changes_the_generation(materialized):
    first = materialized.generation()
    again = LATEST.iloc[[1, 5]].assign(age=[44, 45])
    materialized.materialize(VIEW, again)
    assert materialized.generation() != first
    assert materialized.get_online(VIEW, ["u1", "u:2", "6"]) == {
        "u:2": ("u:2", "pro", 44.0, 0.0),
        "6": ("6", "pro", 45.0, 8.0),
    }
    assert materialized.sample_ids(VIEW, 10) == ["6", "u:2"]


def test_the_sample_ids_are_stored_ids_the_same_every_time(materialized):
    ids = materialized.sample_ids(VIEW, 3)
    assert len(ids) == 3 and set(ids) <= set(IDS)
    assert materialized.sample_ids(VIEW, 3) == ids


def test_all_rows_are_the_materialized_rows_with_their_feature_time(materialized):
    rows = materialized.all_rows(VIEW).sort_index()
    assert sorted(rows.index) == sorted(IDS)
    assert rows.loc["u1", "plan"] == "basic" and rows.loc["6", "orders_7d"] == 8.0
    assert str(rows.loc["6", "feature_ts"]).startswith("2026-01-03")


def test_an_empty_view_is_stored_and_has_no_sample(store):
    store.materialize(VIEW, LATEST.iloc[0:0])
    assert store.get_online(VIEW, ["u1"]) == {}
    assert store.sample_ids(VIEW, 5) == []


def test_a_view_never_materialized_says_to_materialize(store):
    store.materialize(VIEW, LATEST)
    other = replace(VIEW, name="other")
    with pytest.raises(StoreUnavailable, match="materialize"):
        store.get_online(other, ["u1"])
    with pytest.raises(StoreUnavailable, match="materialize"):
        store.kinds(other)


def test_every_backend_returns_the_same_features_for_the_same_entities(request):
    asked = [*IDS, "never-seen"]
    answers = {}
    for backend in BACKENDS:
        opened = open_store(backend, request, f"same-{backend}")
        try:
            opened.materialize(VIEW, LATEST)
            answers[backend] = (opened.get_online(VIEW, asked), opened.kinds(VIEW))
        finally:
            opened.close()
    assert all(answer == answers["embedded"] for answer in answers.values())


def test_a_store_opened_again_reads_what_was_materialized(request):
    """Another process (the gateway, a worker) opens the store the pipeline filled."""
    for backend in BACKENDS:
        writer = open_store(backend, request, f"reopened-{backend}")
        writer.materialize(VIEW, LATEST)
        writer.close()
        reader = open_store(backend, request, f"reopened-{backend}")
        try:
            assert reader.get_online(VIEW, ["u1"]) == {"u1": ("u1", "basic", 31.0, 1.0)}
            assert reader.sample_ids(VIEW, 2) == sorted(IDS)[:2]
        finally:
            reader.close()
{%- if cookiecutter.feature_store == 'redis' %}


def test_a_redis_that_is_not_running_says_how_to_start_one():
    from ports import free_port

    closed = redis_server.store(f"redis://127.0.0.1:{free_port()}/0", "nowhere")
    with pytest.raises(StoreUnavailable, match="is not reachable.*redis-server --port 6379"):
        closed.generation()
    with pytest.raises(StoreUnavailable, match="is not reachable"):
        closed.get_online(VIEW, ["u1"])


def test_two_prefixes_on_one_redis_are_two_stores(redis_url):
    mine, theirs = redis_server.store(redis_url, "mine"), redis_server.store(redis_url, "theirs")
    mine.materialize(VIEW, LATEST)
    theirs.materialize(VIEW, LATEST.iloc[[0]])
    assert len(mine.get_online(VIEW, IDS)) == len(IDS)
    assert list(theirs.get_online(VIEW, IDS)) == ["u1"]


def test_the_generation_before_is_removed_by_the_next_materialization(redis_url):
    import redis

    store = redis_server.store(redis_url, "generations")
    for _ in range(4):
        store.materialize(VIEW, LATEST)
    keys = redis.Redis.from_url(redis_url).keys("generations:profile:*")
    assert len(keys) == 2 * len(IDS)  # the current generation and the one before it


def test_values_expire_after_the_configured_ttl(redis_url):
    import time

    from {{ cookiecutter.package_name }}.feature_store.online_redis import RedisOnlineStore

    store = RedisOnlineStore(redis_server.settings(redis_url, "expiring", ttl_seconds=1))
    store.materialize(VIEW, LATEST)
    assert store.get_online(VIEW, ["u1"])
    deadline = time.monotonic() + 5
    while store.get_online(VIEW, ["u1"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert store.get_online(VIEW, ["u1"]) == {}
{%- endif %}
{%- if cookiecutter.feature_store == 'feast' %}


def test_the_feast_repository_is_one_the_feast_command_reads(request):
    import os
    import subprocess
    import sys
    from pathlib import Path

    store = open_store("feast", request, "cli")
    store.materialize(VIEW, LATEST)
    feast = Path(sys.executable).parent / "feast"
    listed = subprocess.run(
        [str(feast), "-c", str(store.repository.folder), "feature-views", "list"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FEAST_USAGE": "False"},
    )
    assert listed.returncode == 0, listed.stderr
    assert "profile" in listed.stdout


def test_a_damaged_feast_registry_says_to_remove_it_and_materialize(request):
    store = open_store("feast", request, "damaged")
    store.materialize(VIEW, LATEST)
    store.close()
    (store.repository.folder / "registry.db").write_bytes(b"not a registry")
    reopened = open_store("feast", request, "damaged")
    with pytest.raises(StoreUnavailable, match="cannot be read.*remove it.*materialize"):
        reopened.generation()


def test_feast_s_redis_not_running_says_how_to_start_one(tmp_path):
    from ports import free_port

    url = f"redis://127.0.0.1:{free_port()}/0"
    closed = FeastOnlineStore(tmp_path, redis_server.feast_settings(url, "nowhere"))
    with pytest.raises(StoreUnavailable, match="is not reachable.*redis-server --port 6379"):
        closed.materialize(VIEW, LATEST)
{%- endif %}
