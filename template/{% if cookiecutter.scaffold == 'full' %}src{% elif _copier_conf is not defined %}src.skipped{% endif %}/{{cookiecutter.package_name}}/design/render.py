"""Each generated block of docs/design-doc.md, written from the config and the code facts.

Values the config sets are written as `section.key: value`, the form `design check` holds
against config/pipeline.yaml wherever it appears in the doc.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..config import SNAPSHOT, Config
from .capacity import measure
from .capacity import render as capacity_table
from .facts import REQUEST_TIME, CodeFacts

PACKAGE = (__package__ or "").rpartition(".")[0]
SOURCE = f"../src/{PACKAGE}"  # the doc is docs/design-doc.md
CONFIG = "[config/pipeline.yaml](../config/pipeline.yaml)"


def link(module: str) -> str:
    return f"[{module}]({SOURCE}/{module})"


def setting(key: str, value: Any) -> str:
    """`key: value` as YAML writes it inline (flow style for a list)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(str(item) for item in value) + "]"
    else:
        text = str(value)
    return f"`{key}: {text}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def tables(config: Config, code: CodeFacts) -> str:
    rows = [
        f"| `{t.name}` | {cell(t.description)} | `{t.timestamp}` | "
        + ", ".join(f"`{c}`" for c in t.columns)
        + " |"
        for t in code.tables
    ]
    return "\n".join(
        [
            f"Declared with their schemas in {link('entities.py')}; every table read is "
            "checked against its schema.",
            "",
            "| table | rows | time | columns |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def features(config: Config, code: CodeFacts) -> str:
    if config.source == SNAPSHOT:
        return (
            f"{setting('data.source', SNAPSHOT)}: the features are the columns of the one "
            f"table that `data.snapshot` names (see {CONFIG}), not the views of "
            f"{link('features/definitions.py')}."
        )
    stored = [f for f in code.features if f.served != REQUEST_TIME]
    computed = [f for f in code.features if f.served == REQUEST_TIME]
    read = sum(1 for f in code.features if f.model)
    rows = [
        f"| `{f.entity}` | `{f.name}` | {cell(f.definition)} | `{f.source}` (`{f.view}`) | "
        f"{f.served} | {f.model or '—'} |"
        for f in stored
    ] + [
        f"| request | `{f.name}` | {cell(f.definition)} | — | {f.served} | {f.model or '—'} |"
        for f in computed
    ]
    return "\n".join(
        [
            f"Declared in {link('features/definitions.py')}: {len(stored)} stored features "
            f"in {len({f.view for f in stored})} views, {len(computed)} computed at request "
            f"time; the model reads {read} of them.",
            "",
            "| entity | feature | definition | source (view) | served from | model input |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


def ladder(config: Config, code: CodeFacts) -> str:
    def params(values: dict[str, Any]) -> str:
        return ", ".join(f"`{key}: {value}`" for key, value in sorted(values.items())) or "—"

    return "\n".join(
        [
            f"Trained by {link('offline/train.py')}, compared by {link('offline/evaluate.py')}.",
            "",
            "| rung | model | settings |",
            "|---|---|---|",
            f"| 0, heuristic | {cell(code.heuristic)} | — |",
            f"| 1, baseline | {setting('training.models.baseline.kind', config.baseline.kind)} "
            f"| {params(config.baseline.params)} |",
            f"| 2, challenger | "
            f"{setting('training.models.challenger.kind', config.challenger.kind)} "
            f"| {params(config.challenger.params)} |",
        ]
    )


def gate(config: Config, code: CodeFacts) -> str:
    better = "lower" if config.primary_metric in code.lower_is_better else "higher"
    return (
        f"A rung becomes the champion only if it beats every rung below it, the heuristic "
        f"included, on {setting('promotion.primary_metric', config.primary_metric)} "
        f"({better} is better) by at least "
        f"{setting('promotion.min_improvement', config.min_improvement)}; when no model "
        f"does, the heuristic serves ({link('offline/promotion.py')})."
    )


def evaluation(config: Config, code: CodeFacts) -> str:
    untimed = config.source == SNAPSHOT and not (config.snapshot and config.snapshot.observed_at)
    if untimed:
        share = setting("training.test_share", config.test_share)
        held_out = (
            f"- Hold-out: {share} of the rows at random, stratified by the label: the one "
            "table (`data.source: snapshot`) says nothing of time."
        )
    else:
        held_out = (
            f"- Hold-out: the last {setting('training.test_days', config.test_days)} days of "
            "observations, later than every training row."
        )
    window = setting("training.label_window_days", config.label_window_days)
    return "\n".join(
        [
            held_out,
            f"- Label window: {window}; training keeps only the rows whose label is known "
            "by the cut-off.",
        ]
    )


def metrics(config: Config, code: CodeFacts) -> str:
    if code.metrics is None:
        return "Not known until the first evaluation (`make run`).\n"
    names = ", ".join(f"`{name}`" for name in code.metrics)
    return f"The evaluation computes {names} for every rung (reports/evaluation.md)."


def serving(config: Config, code: CodeFacts) -> str:
    budget = config.serving.get("latency_budget_ms")
    qps = config.serving.get("target_qps")
    rows = []
    if "latency_budget_ms" in config.serving or "target_qps" in config.serving:  # a gateway
        rows += [
            ("p99 latency at the gateway", f"{budget} ms", "serving.latency_budget_ms", budget),
            ("peak throughput", f"{qps} requests/s", "serving.target_qps", qps),
        ]
    if isinstance(budget, int | float) and isinstance(qps, int | float):
        in_flight = f"{qps * budget / 1000:.1f} requests"
        rows.append(("in flight at peak (Little's law)", in_flight, "", None))
    for label, key in (
        ("worker processes per replica", "workers"),
        ("largest request body", "max_body_bytes"),
        ("new champion picked up within", "reload_seconds"),
        ("requests per part of a batch run", "batch_chunk"),
    ):
        if key in config.serving:
            unit = {"max_body_bytes": " bytes", "reload_seconds": " s"}.get(key, "")
            value = config.serving[key]
            rows.append((label, f"{value}{unit}", f"serving.{key}", value))
    table = [
        f"| {label} | {shown} | {setting(key, value) if key else ''} |"
        for label, shown, key, value in rows
    ]
    return "\n".join(["| | target | set by |", "|---|---|---|", *table])


def monitoring(config: Config, code: CodeFacts) -> str:
    watched = config.monitoring
    lines = [
        "- Data drift: the population stability index (PSI) of each model feature in logged "
        "serving traffic against the champion's held-out reference; prediction drift: the "
        "same for its scores.",
    ]
    if "psi_warn" in watched and "psi_drift" in watched:
        lines.append(
            f"- Thresholds: {setting('monitoring.psi_warn', watched['psi_warn'])} is worth a "
            f"look, {setting('monitoring.psi_drift', watched['psi_drift'])} a real shift."
        )
    if "watch" in watched:
        lines.append(f"- Watched features: {setting('monitoring.watch', watched['watch'])}.")
    if "max_drifted_features" in watched:
        lines.append(
            "- Retrain trigger: `monitor` signals a retrain when more watched features than "
            f"{setting('monitoring.max_drifted_features', watched['max_drifted_features'])} "
            "reach the drift threshold, or when the scores themselves do "
            f"({link('monitoring/trigger.py')})."
        )
    return "\n".join(lines)


def capacity(config: Config, code: CodeFacts) -> str:
    return capacity_table(config, measure(config))


# The blocks written from config/pipeline.yaml alone (the others need the code's facts).
FROM_CONFIG = ("gate", "evaluation", "serving", "monitoring")
RENDERERS: dict[str, Callable[[Config, CodeFacts], str]] = {
    "tables": tables,
    "features": features,
    "ladder": ladder,
    "gate": gate,
    "evaluation": evaluation,
    "metrics": metrics,
    "serving": serving,
    "monitoring": monitoring,
    "capacity": capacity,
}


def render_blocks(config: Config, code: CodeFacts) -> dict[str, str]:
    """Every block's body, ending with a line break; `metrics` only once it is known."""
    bodies = {name: render(config, code).rstrip("\n") + "\n" for name, render in RENDERERS.items()}
    if code.metrics is None:
        del bodies["metrics"]
    return bodies
