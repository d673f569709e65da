"""`make bench`: the project's numbers, each measured side by side in one run.

1. the offline loop, on the default sample, in a folder of its own (build/bench);
{%- if cookiecutter.serving == 'batch' %}
2. a batch run (`score`) beside the naive loop over the same requests (batch.py); the
   project has no gateway to load;
{%- else %}
2. the service under a bounded load, beside a naive endpoint serving the same model and a
   no-op endpoint on the same stack (service.py); then 4x `target_qps`, paced, against the
   latency budget, with the time each stage took;{% if cookiecutter.serving == 'both' %} and a batch run (`score`) beside the
   naive loop over the same requests (batch.py);{% endif %}
{%- endif %}
3. online lookup of 1 and 100 entities against Feast's (feast_lookup.py, in .venv-feast);
   with the Redis store, also from Redis beside the embedded store (redis_lookup.py); with
   the MLflow registry, loading the champion from it beside a folder registry (mlflow_load.py);
4. the offline loop at growing sample sizes, step by step (offline.py); with Spark, its
   `features` step beside DuckDB's at each size (spark_features.py);
5. how fast `--help` and the light steps start, beside importing the whole loop (cli_start.py).

Writes reports/benchmarks.md and reports/benchmarks.json; prints the tables.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from {{ cookiecutter.package_name }}.config import (
    feast_supported,
    load_config,
    mlflow_supported,
    redis_supported,
    spark_supported,
)
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.online.app import ENDPOINT, example_requests
{%- if cookiecutter.serving != 'batch' %}
from {{ cookiecutter.package_name }}.online.settings import serving_settings
{%- endif %}

from . import {% if cookiecutter.serving != 'online' %}batch, {% endif %}cli_start, offline{% if cookiecutter.serving != 'batch' %}, service{% endif %}
from .models import refit_champion
from .report import write_report

PACKAGE = "{{ cookiecutter.package_name }}"
ROOT = Path(__file__).resolve().parent.parent
FEAST_VENV = ROOT / ".venv-feast"
TARGETS = {  # (x naive, x no-op): one prediction per request / several stages and a list
    "single-stage": (5.0, 0.25),
    "multi-stage": (4.0, 0.10),
}


def write_config(folder: Path, size: int = 1, engine: str | None = None) -> Path:
    """The project's config, with its paths in `folder` and the sample `size` times larger;
    its feature views computed by `engine` when it is given."""
    raw = yaml.safe_load((ROOT / "config" / "pipeline.yaml").read_text())
    raw["paths"] = {name: str(folder / name) for name in raw["paths"]}
    raw.pop("online_store", None)  # the embedded store; Redis is measured beside it (step 3)
    if engine:
        raw["compute"] = {**raw.get("compute", {}), "engine": engine}
    raw["data"]["source"] = "sample"
    raw["data"]["sample"] = offline.scaled(raw["data"]["sample"], size)
    path = folder / "config" / f"{engine or 'pipeline'}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(raw))
    return path


def feast_lookup(config: Path, work: Path, rounds: int) -> dict:
    if feast_supported():  # Feast is installed here, and the project's own store is timed too
        python, options = sys.executable, ["--project-feast"]
    else:
        python, options = str(ensure_feast_venv() / "bin" / "python"), []
    finished = subprocess.run(
        [python, "-m", "benchmarks.feast_lookup", "--config", str(config),
         "--work", str(work), "--rounds", str(rounds), *options],
        capture_output=True, text=True, cwd=ROOT, check=False,
        env={**os.environ, "FEAST_USAGE": "False"},  # no usage reports from Feast
    )  # fmt: skip
    if finished.returncode != 0:
        raise SystemExit(f"the Feast comparison failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


def ensure_feast_venv() -> Path:
    if not (FEAST_VENV / "bin" / "python").exists():
        print("  creating .venv-feast (Feast pins pandas < 3, so it gets its own environment)")
        subprocess.run([sys.executable, "-m", "venv", str(FEAST_VENV)], check=True)
        pip = [str(FEAST_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "feast>=0.40", "-e", str(ROOT)], check=True)
    return FEAST_VENV


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per comparison")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per target per round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sizes", default="1,10", help="sample sizes for the offline loop")
    parser.add_argument("--skip-feast", action="store_true")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    arguments = parser.parse_args()
    work = arguments.work.resolve()
    work.mkdir(parents=True, exist_ok=True)

    print("[1/5] the offline loop on the default sample")
    config_path = write_config(work / "project")
    config = load_config(config_path)
    result = pipeline.run_all(config, lambda line: None)
    example = example_requests(config, 2)[0]
    naive_model = refit_champion(config, result, work / "naive-model.joblib")
{%- if cookiecutter.serving == 'batch' %}
    serving = None  # the project has no gateway to load
{%- else %}
    settings = serving_settings(config)
    os.environ.pop(settings.auth_token_env, None)  # measured as served locally, without a token
    body = work / "body.json"
    body.write_text(json.dumps(example["body"]))

    print("[2/5] the service vs a naive endpoint vs a no-op endpoint, then target_qps x4")
    setup = service.Setup(
        package=PACKAGE,
        config=config_path,
        naive_model=naive_model,
        body=body,
        path=example["path"],
        work=work,
        target_qps=settings.target_qps,
        latency_budget_ms=settings.latency_budget_ms,
    )
    serving = service.measure(setup, arguments.rounds, arguments.seconds, arguments.connections)
{%- endif %}
{%- if cookiecutter.serving != 'online' %}
    print("[2/5] a batch run vs the naive loop over the same requests")
    batch_run = batch.measure(config, naive_model, work, arguments.rounds)
{%- else %}
    batch_run = None  # the project does not score in batch
{%- endif %}

    lookup = None
    if not arguments.skip_feast:
        print("[3/5] online lookup, 1 and 100 entities, vs Feast")
        lookup = feast_lookup(config_path, work, max(arguments.rounds, 5))
    redis_lookup = None
    if redis_supported():
        from . import redis_lookup as from_redis

        print("[3/5] online lookup from Redis, packed + MGET vs hashes + HMGET, vs embedded")
        redis_lookup = from_redis.measure(config, max(arguments.rounds, 5))
    registry_load = None
    if mlflow_supported():
        from . import mlflow_load

        print("[3/5] loading the champion from MLflow, copied and downloaded, vs a folder")
        registry_load = mlflow_load.measure(config, work, max(arguments.rounds, 5))

    sizes = [int(size) for size in arguments.sizes.split(",")]
    print(f"[4/5] the offline loop at sizes {sizes}")
    steps = offline.measure(lambda size: write_config(work / f"size-{size}", size), sizes,
                            list(pipeline.STEPS))  # fmt: skip
    spark_features = None
    if spark_supported():
        from . import spark_features as on_spark

        print(f"[4/5] the features step on Spark vs DuckDB at sizes {sizes}")
        spark_features = on_spark.measure(
            lambda size, engine: write_config(work / f"engines-{size}", size, engine),
            sizes,
            arguments.rounds,
        )

    print("[5/5] how fast the CLI starts")
    start = cli_start.measure(PACKAGE, config_path, arguments.rounds)

    kind = "multi-stage" if ENDPOINT.ranked else "single-stage"
    report = write_report(
        arguments.out,
        {
            "package": PACKAGE,
            "endpoint": example["path"],
            "kind": kind,
            "targets": TARGETS[kind],
            "model": result.champion.metadata["kind"],
            "serving": serving,
            "batch": batch_run,
            "lookup": lookup,
            "redis_lookup": redis_lookup,
            "registry_load": registry_load,
            "offline": steps,
            "spark_features": spark_features,
            "start": start,
            "arguments": {k: str(v) for k, v in vars(arguments).items()},
        },
    )
    print(report.read_text())
    print(f"written: {report} and {report.with_suffix('.json')}")


if __name__ == "__main__":
    main()
