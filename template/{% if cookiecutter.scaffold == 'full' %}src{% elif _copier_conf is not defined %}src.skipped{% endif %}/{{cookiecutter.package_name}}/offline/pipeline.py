"""The offline loop, step by step; the CLI calls these, and `run_all` calls them in order.

Each step imports what it needs where it runs: `ingest`, `features` and `materialize` never
load scikit-learn or scipy, and `--help` loads none of the loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import SNAPSHOT, SPARK, Config, ModelSpec
from ..errors import ArtifactError
from ..feature_store import offline_store, online_store
from ..models import model_registry
from ..models.registry import ModelVersion
from . import runs
from .promotion import LADDER
from .runs import new_run_id

if TYPE_CHECKING:
    from ..features.views import FeatureView
    from .dataset import TrainingData
    from .heuristic import Heuristic
    from .ingest import IngestReport
    from .promotion import Decision

Echo = Callable[[str], None]
REFERENCE_ROWS = 5_000


@dataclass(frozen=True)
class EvaluationResult:
    metrics: dict[str, dict[str, float]]
    decision: Decision
    report: Path
    champion: ModelVersion


def trained_specs(config: Config) -> dict[str, ModelSpec]:
    """The rungs above the heuristic, and the model each fits (config: training.models)."""
    return {"baseline": config.baseline, "challenger": config.challenger}


def feature_views(config: Config) -> tuple[FeatureView, ...]:
    """The views the store holds: the preset's (definitions.py), or a snapshot's own."""
    if config.source == SNAPSHOT:
        from ..features.snapshot import SnapshotLayout  # the tabular presets' shape only

        return (SnapshotLayout.load(config.paths.feature_store).view(),)
    from ..features.definitions import VIEWS

    return VIEWS


def heuristic_of(data: TrainingData) -> Heuristic:
    from . import evaluate as evaluation

    return data.heuristic or evaluation.HEURISTIC


def run_ingest(config: Config, echo: Echo) -> IngestReport:
    from .ingest import ingest

    report = ingest(config)
    for table, count in report.rows.items():
        echo(f"  lake table {table}: {count:,} rows")
        if table in report.renamed_columns:
            pairs = report.renamed_columns[table].items()
            renamed = ", ".join(f"{old!r} -> {new}" for old, new in pairs)
            echo(f"    renamed columns to names every layer can use: {renamed}")
        if table in report.dropped_rows:
            echo(
                f"    dropped {report.dropped_rows[table]:,} rows naming ids that their parent "
                "tables do not have (unknown_references: drop)"
            )
        if table in report.ignored_columns:
            echo(
                f"    ignored columns not in its schema: {', '.join(report.ignored_columns[table])}"
                " (entities.py declares the columns a table brings)"
            )
        if table in report.empty_columns:
            echo(
                f"    no column {', '.join(report.empty_columns[table])} in the data: left empty, "
                "so the features' defaults apply"
            )
    for note in report.notes:
        echo(f"  note: {note}")
    return report


def run_features(config: Config, echo: Echo) -> dict[str, int]:
    if config.source == SNAPSHOT:
        from .snapshot_set import NO_TIME, build_snapshot_features

        if config.snapshot is not None and config.snapshot.observed_at is None:
            echo(f"  {NO_TIME}")
        rows = build_snapshot_features(config, offline_store(config))
    elif config.compute.engine == SPARK:
        from .etl_spark import build_features_spark

        echo(f"  on Spark, master {config.compute.master}")
        rows = build_features_spark(config, offline_store(config))
    else:
        from .etl import build_features

        rows = build_features(config.paths.lake, offline_store(config))
    for view, count in rows.items():
        echo(f"  feature view {view}: {count:,} rows in the offline store")
    return rows


def run_train(config: Config, echo: Echo) -> dict[str, ModelVersion]:
    """Train and register every rung, then point their aliases at them in one write."""
    versions = train_rungs(config, echo, new_run_id())
    model_registry(config).set_aliases(versions)
    return versions


def train_rungs(config: Config, echo: Echo, run_id: str) -> dict[str, ModelVersion]:
    """Compile the heuristic, fit the baseline and the challenger, register all three; no
    alias moves."""
    from . import training_set
    from .dataset import EVENT_TS
    from .heuristic import KIND as HEURISTIC_KIND
    from .heuristic import compile_heuristic
    from .train import fit

    data = training_set.build(config, offline_store(config))
    if data.note:
        echo(f"  training set: {len(data.train):,} rows, {len(data.test):,} held out ({data.note})")
    else:
        echo(
            f"  training set: {len(data.train):,} rows before {data.cutoff:%Y-%m-%d}, "
            f"{len(data.test):,} held out"
        )
    heuristic = heuristic_of(data)
    shared = {
        "run_id": run_id,
        "features": data.features.columns,
        "label": data.label,
        "trained_before": data.cutoff.isoformat(),
        "training_rows": len(data.train),
        # the span of the data the model has seen: serving refuses moments far outside it
        "data_from": data.train[EVENT_TS].min().isoformat(),
        "data_until": data.test[EVENT_TS].max().isoformat(),
    }
    models_registry = model_registry(config)
    versions = {}
    for rung in LADDER:
        if rung == "heuristic":
            echo(f"  compiling the heuristic: {heuristic.name} ...")
            model = compile_heuristic(heuristic, data.features, data.train, data.label)
            kind, params = HEURISTIC_KIND, heuristic.params
        else:
            spec = trained_specs(config)[rung]
            echo(f"  fitting the {rung} ({spec.kind}) ...")
            model = fit(spec, data.features, data.train, data.label)
            kind, params = spec.kind, spec.params
        metadata = {**shared, "rung": rung, "kind": kind, "params": params}
        versions[rung] = models_registry.register(model, metadata)
        echo(f"  registered {rung} as version {versions[rung].version}")
    return versions


def run_evaluate(config: Config, echo: Echo) -> EvaluationResult:
    """Evaluate the rungs the aliases name (one run's), then move `champion`."""
    models_registry = model_registry(config)
    rungs = {rung: models_registry.get(rung) for rung in LADDER}
    run_ids = {rung: version.run_id for rung, version in rungs.items()}
    if len(set(run_ids.values())) > 1:
        named = ", ".join(f"{r}: version {rungs[r].version}, run {run_ids[r]}" for r in LADDER)
        raise ArtifactError(
            f"the aliases name models of different runs ({named}), which evaluate does not "
            "compare; train them together with `train` or `run`"
        )
    result = evaluate_rungs(config, echo, rungs)
    models_registry.set_alias("champion", result.champion)
    return result


def evaluate_rungs(config: Config, echo: Echo, rungs: dict[str, ModelVersion]) -> EvaluationResult:
    """Score `rungs` on the held-out period, decide the champion, write the report; no
    alias moves."""
    from . import evaluate as evaluation
    from . import training_set
    from .evaluation_report import write_report
    from .promotion import decide

    data = training_set.build(config, offline_store(config))
    models = {rung: version.load(data.features.columns) for rung, version in rungs.items()}
    result = evaluation.evaluate(config, offline_store(config), data, models)
    metrics = result.metrics
    decision = decide(metrics, config.primary_metric, config.min_improvement)
    champion = rungs[decision.champion]
    models_registry = model_registry(config)
    for rung, version in rungs.items():
        served = result.served[rung]
        reference = served.sample(min(REFERENCE_ROWS, len(served)), random_state=0)
        models_registry.save_evaluation(version, metrics[rung], reference)
    kinds = {
        "heuristic": heuristic_of(data).name,
        **{rung: spec.kind for rung, spec in trained_specs(config).items()},
    }
    details = {
        "held-out period": f"{data.note}, {len(data.test):,} rows"
        if data.note
        else f"from {data.cutoff:%Y-%m-%d}, {len(data.test):,} rows",
        **{rung: f"{kinds[rung]} (version {rungs[rung].version})" for rung in LADDER},
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
    try:
        for view in feature_views(config):
            latest = offline.latest(view)
            online.materialize(view, latest)
            rows[view.name] = len(latest)
            echo(f"  online view {view.name}: {len(latest):,} entities")
    finally:
        online.close()
    return rows


STEPS: dict[str, Callable[[Config, Echo], object]] = {
    "ingest": run_ingest,
    "features": run_features,
    "train": run_train,
    "evaluate": run_evaluate,
    "materialize": run_materialize,
}


def run_step(name: str, config: Config, echo: Echo) -> object:
    """One step, holding the project's offline lock."""
    with runs.exclusive(config, echo):
        return STEPS[name](config, echo)


def run_all(config: Config, echo: Echo) -> EvaluationResult:
    """Every step in order, as one run: the aliases of its models (heuristic, baseline,
    challenger, champion) move together once it is evaluated, or not at all."""
    run_id = new_run_id()
    total = len(STEPS)
    with runs.exclusive(config, echo):
        echo(f"run {run_id}")
        echo(f"[1/{total}] ingest")
        run_ingest(config, echo)
        echo(f"[2/{total}] features")
        run_features(config, echo)
        echo(f"[3/{total}] train")
        versions = train_rungs(config, echo, run_id)
        echo(f"[4/{total}] evaluate")
        result = evaluate_rungs(config, echo, versions)
        model_registry(config).set_aliases({**versions, "champion": result.champion})
        echo(f"[5/{total}] materialize")
        run_materialize(config, echo)
    return result
