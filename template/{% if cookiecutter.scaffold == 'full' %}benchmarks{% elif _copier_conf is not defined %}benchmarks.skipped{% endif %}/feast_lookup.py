"""Online lookup of 1 and 100 entities: this project's store against Feast's, same features.

{% if cookiecutter.feature_store == 'feast' -%}
Runs in the project's environment, which has Feast. One view of the trained project is
loaded into a bare Feast feature repository with Feast's SQLite online store, and into
the project's own Feast store (`feature_store/online_feast.py`, what its gateway reads);
the three stores then answer the same lookups in interleaved rounds, after a check that
they return the same values.

    .venv/bin/python -m benchmarks.feast_lookup --config C --work W --project-feast
{% else -%}
Runs in its own environment (`.venv-feast`: Feast pins pandas < 3), with this project
installed beside Feast. One view of the trained project is loaded into a Feast feature
repository with Feast's SQLite online store; both stores then answer the same lookups in
interleaved rounds, after a check that they return the same values.

    .venv-feast/bin/python -m benchmarks.feast_lookup --config C --work W
{% endif -%}
"""

from __future__ import annotations

import argparse
import json
import statistics
import warnings
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import numpy as np
from feast import Entity, FeatureStore, FeatureView, Field, FileSource, ValueType
from feast.types import Float64, String

from {{ cookiecutter.package_name }}.config import {% if cookiecutter.feature_store == 'feast' %}FEAST, OnlineStoreSettings, {% endif %}load_config
from {{ cookiecutter.package_name }}.feature_store import SQLiteOnlineStore
from {{ cookiecutter.package_name }}.feature_store.kinds import NUMBER
{%- if cookiecutter.feature_store == 'feast' %}
from {{ cookiecutter.package_name }}.feature_store.online_feast import FeastOnlineStore
{%- endif %}
from {{ cookiecutter.package_name }}.features.views import FEATURE_TS
from {{ cookiecutter.package_name }}.features.views import FeatureView as OwnView

from .lookups import SIZES, timings, widest_view


def feast_repository(folder: Path, store: SQLiteOnlineStore, view: OwnView) -> FeatureStore:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "feature_store.yaml").write_text(
        "project: bench\nregistry: data/registry.db\nprovider: local\n"
        "online_store:\n  type: sqlite\n  path: data/online.db\n"
        "offline_store:\n  type: file\nentity_key_serialization_version: 3\n"
    )
    rows = store.all_rows(view).rename_axis(view.entity).reset_index()
    rows[FEATURE_TS] = np.datetime64("2000-01-01")  # one version of each row: all are current
    rows.to_parquet(folder / "data" / "view.parquet", index=False)
    kinds = store.kinds(view)
    entity = Entity(name=view.entity, join_keys=[view.entity], value_type=ValueType.STRING)
    schema = [
        Field(name=name, dtype=Float64 if kinds[name] == NUMBER else String)
        for name in view.features
    ]
    source = FileSource(path="data/view.parquet", timestamp_field=FEATURE_TS)
    feature_view = FeatureView(
        name=view.name,
        entities=[entity],
        ttl=timedelta(days=365 * 100),
        schema=schema,
        source=source,
        online=True,
    )
    feast = FeatureStore(repo_path=str(folder))
    feast.apply([entity, feature_view])
    feast.write_to_online_store(view.name, rows)
    return feast


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--project-feast", action="store_true", help="time the project's too")
    arguments = parser.parse_args()
    warnings.filterwarnings("ignore")
    config = load_config(arguments.config)
    store = SQLiteOnlineStore(config.paths.feature_store)
    view, ids = widest_view(store)
    feast = feast_repository(arguments.work / "feast", store, view)
    references = [f"{view.name}:{name}" for name in view.features]

    def ours(count: int) -> Callable[[], object]:
        return lambda: store.get_online(view, ids[:count])

    def theirs(count: int) -> Callable[[], object]:
        rows = [{view.entity: entity} for entity in ids[:count]]
        return lambda: feast.get_online_features(features=references, entity_rows=rows).to_dict()

    answer = theirs(max(SIZES))()
    found = ours(max(SIZES))()
    for position, entity in enumerate(ids):
        for index, name in enumerate(view.features, start=1):
            mine, feasts = found[entity][index], answer[name][position]
            same = mine == feasts or (mine is None and feasts is None)
            if not same and not (isinstance(mine, float) and np.isclose(mine, feasts)):
                raise SystemExit(f"the stores disagree on {entity}.{name}: {mine!r} vs {feasts!r}")

    contenders = {"ours": ours, "feast": theirs}
{%- if cookiecutter.feature_store == 'feast' %}
    project_store = FeastOnlineStore(
        arguments.work / "project-feast", OnlineStoreSettings(backend=FEAST, prefix="bench")
    )
    project_store.materialize(view, store.all_rows(view).reset_index())
    if project_store.get_online(view, ids) != found:
        raise SystemExit("the project's Feast store and the embedded store disagree")
    contenders["project_feast"] = lambda count: lambda: project_store.get_online(view, ids[:count])
{%- endif %}

    results: dict[str, dict[int, list[dict]]] = {name: {} for name in contenders}
    for _ in range(arguments.rounds):
        for count in SIZES:
            for name, build in contenders.items():
                spent = np.array(timings(build(count), arguments.calls)) * 1000
                results[name].setdefault(count, []).append(
                    {"p50_ms": float(np.median(spent)), "p99_ms": float(np.percentile(spent, 99))}
                )
    summary = {
        name: {
            str(count): {
                key: statistics.median(run[key] for run in runs) for key in ("p50_ms", "p99_ms")
            }
            for count, runs in by_count.items()
        }
        for name, by_count in results.items()
    }
    ratios = {
        str(count): summary["feast"][str(count)]["p50_ms"] / summary["ours"][str(count)]["p50_ms"]
        for count in SIZES
    }
    print(
        json.dumps(
            {
                "view": view.name,
                "features": len(view.features),
                "rounds": arguments.rounds,
                "calls": arguments.calls,
                "summary": summary,
                "speedup": ratios,
            }
        )
    )


if __name__ == "__main__":
    main()
