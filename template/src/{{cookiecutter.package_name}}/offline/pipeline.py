"""The offline loop, step by step; the CLI calls these, and `run_all` calls them in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..feature_store import ParquetOfflineStore, SQLiteOnlineStore
from ..features.definitions import VIEWS
from ..models.registry import ModelVersion, Registry
from . import evaluate as evaluation
from . import training_set
from .dataset import EVENT_TS
from .etl import build_features
from .evaluation_report import write_report
from .ingest import ingest
from .promotion import Decision, decide
from .train import fit

Echo = Callable[[str], None]
REFERENCE_ROWS = 5_000
RUNGS = ("baseline", "challenger")


@dataclass(frozen=True)
class EvaluationResult:
    metrics: dict[str, dict[str, float]]
    decision: Decision
    report: Path
    champion: ModelVersion


def offline_store(config: Config) -> ParquetOfflineStore:
    return ParquetOfflineStore(config.paths.feature_store)


def online_store(config: Config) -> SQLiteOnlineStore:
    return SQLiteOnlineStore(config.paths.feature_store)


def registry(config: Config) -> Registry:
    return Registry(config.paths.registry)


def run_ingest(config: Config, echo: Echo) -> dict[str, int]:
    rows = ingest(config)
    for table, count in rows.items():
        echo(f"  lake table {table}: {count:,} rows")
    return rows


def run_features(config: Config, echo: Echo) -> dict[str, int]:
    rows = build_features(config.paths.lake, offline_store(config))
    for view, count in rows.items():
        echo(f"  feature view {view}: {count:,} rows in the offline store")
    return rows


def run_train(config: Config, echo: Echo) -> dict[str, ModelVersion]:
    data = training_set.build(config, offline_store(config))
    echo(
        f"  training set: {len(data.train):,} rows before {data.cutoff:%Y-%m-%d}, "
        f"{len(data.test):,} held out"
    )
    models_registry = registry(config)
    versions = {}
    for rung, spec in zip(RUNGS, (config.baseline, config.challenger), strict=True):
        echo(f"  fitting the {rung} ({spec.kind}) ...")
        model = fit(spec, data.features, data.train, data.label)
        metadata = {
            "rung": rung,
            "kind": spec.kind,
            "params": spec.params,
            "features": data.features.columns,
            "label": data.label,
            "trained_before": data.cutoff.isoformat(),
            "training_rows": len(data.train),
            # the span of the data the model has seen: serving refuses moments far outside it
            "data_from": data.train[EVENT_TS].min().isoformat(),
            "data_until": data.test[EVENT_TS].max().isoformat(),
        }
        versions[rung] = models_registry.register(model, metadata)
        models_registry.set_alias(rung, versions[rung])
        echo(f"  registered {rung} as version {versions[rung].version}")
    return versions


def run_evaluate(config: Config, echo: Echo) -> EvaluationResult:
    models_registry = registry(config)
    rungs = {rung: models_registry.get(rung) for rung in RUNGS}
    data = training_set.build(config, offline_store(config))
    models = {rung: version.load(data.features.columns) for rung, version in rungs.items()}
    result = evaluation.evaluate(config, offline_store(config), data, models)
    metrics = result.metrics
    decision = decide(metrics, config.primary_metric, config.min_improvement)
    champion = rungs[decision.champion]
    for rung, version in rungs.items():
        served = result.served[rung]
        version.save_reference(served.sample(min(REFERENCE_ROWS, len(served)), random_state=0))
    models_registry.set_alias("champion", champion)
    details = {
        "held-out period": f"from {data.cutoff:%Y-%m-%d}, {len(data.test):,} rows",
        "baseline": f"{config.baseline.kind} (version {rungs['baseline'].version})",
        "challenger": f"{config.challenger.kind} (version {rungs['challenger'].version})",
        "champion": f"{decision.champion} (version {champion.version})",
    }
    report = write_report(config.paths.reports, metrics, decision, config.primary_metric, details)
    for model, row in metrics.items():
        echo(f"  {model}: " + ", ".join(f"{name} {value:.4f}" for name, value in row.items()))
    echo(f"  {decision.reason}")
    echo(f"  evaluation report: {report}")
    return EvaluationResult(metrics, decision, report, champion)


def run_materialize(config: Config, echo: Echo) -> dict[str, int]:
    offline, online = offline_store(config), online_store(config)
    rows = {}
    for view in VIEWS:
        latest = offline.latest(view)
        online.materialize(view, latest)
        rows[view.name] = len(latest)
        echo(f"  online view {view.name}: {len(latest):,} entities")
    return rows


STEPS: dict[str, Callable[[Config, Echo], object]] = {
    "ingest": run_ingest,
    "features": run_features,
    "train": run_train,
    "evaluate": run_evaluate,
    "materialize": run_materialize,
}


def run_all(config: Config, echo: Echo) -> EvaluationResult:
    result = None
    for number, (name, step) in enumerate(STEPS.items(), start=1):
        echo(f"[{number}/{len(STEPS)}] {name}")
        outcome = step(config, echo)
        if name == "evaluate":
            result = outcome
    assert isinstance(result, EvaluationResult)
    return result
