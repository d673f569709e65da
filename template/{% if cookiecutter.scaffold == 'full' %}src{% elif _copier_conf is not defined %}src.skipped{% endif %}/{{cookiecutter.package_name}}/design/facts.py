"""What the code declares, as plain data: the raw tables, the features and the heuristic,
and the metrics the last evaluation computed.

A new project's doc is written from these facts before anything is installed, so the
template keeps them, taken from each preset's own code, as JSON (`CodeFacts.from_json`);
`design sync` takes them from the code itself (`code_facts`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..config import Config

EVALUATION = "evaluation.json"  # written by the evaluate step, beside evaluation.md
REQUEST_TIME = "request time"
ONLINE_STORE = "online store"


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    timestamp: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Feature:
    name: str
    entity: str  # the key it is looked up by; "" for a request-time feature
    view: str  # "" for a request-time feature
    source: str
    definition: str
    served: str  # ONLINE_STORE or REQUEST_TIME
    model: str  # how the model reads it (numeric, categorical, text), "" when it does not


@dataclass(frozen=True)
class CodeFacts:
    tables: tuple[Table, ...]
    features: tuple[Feature, ...]
    heuristic: str
    lower_is_better: tuple[str, ...]  # metrics where a smaller value is better
    # The metrics the last evaluation computed; None before the first one (`make run`).
    metrics: tuple[str, ...] | None

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> CodeFacts:
        raw: dict[str, Any] = json.loads(text)
        metrics = raw.get("metrics")
        return cls(
            tables=tuple(Table(**{**t, "columns": tuple(t["columns"])}) for t in raw["tables"]),
            features=tuple(Feature(**f) for f in raw["features"]),
            heuristic=raw["heuristic"],
            lower_is_better=tuple(raw["lower_is_better"]),
            metrics=None if metrics is None else tuple(metrics),
        )


def evaluated_metrics(config: Config) -> tuple[str, ...] | None:
    """The metric names of the last evaluation, None when there has been none."""
    path = config.paths.reports / EVALUATION
    if not path.is_file():
        return None
    try:
        rungs = json.loads(path.read_text())["metrics"]
        return tuple(sorted({name for row in rungs.values() for name in row}))
    except (ValueError, KeyError, AttributeError, TypeError):
        return None  # a damaged report says nothing; the next evaluation rewrites it


def code_facts(config: Config) -> CodeFacts:
    """The facts as the code declares them today (imports the features and the evaluation)."""
    from ..entities import TABLES
    from ..features.definitions import MODEL_FEATURES, VIEWS
    from ..offline.evaluate import HEURISTIC
    from ..offline.promotion import LOWER_IS_BETTER

    tables = tuple(
        Table(t.name, t.description, t.timestamp, tuple(t.column_names)) for t in TABLES.values()
    )
    model = _model_kinds(MODEL_FEATURES)
    stored = [
        Feature(
            feature.name,
            view.entity,
            view.name,
            view.source,
            _definition(feature, view.source),
            ONLINE_STORE,
            model.get(feature.name, ""),
        )
        for view in VIEWS
        for feature in (*view.aggregations, *view.attributes)
    ]
    in_views = {feature.name for feature in stored}
    computed = [
        Feature(name, "", "", "", "computed by `request_features`", REQUEST_TIME, kind)
        for name, kind in model.items()
        if name not in in_views
    ]
    return CodeFacts(
        tables,
        (*stored, *computed),
        HEURISTIC.name,
        tuple(sorted(LOWER_IS_BETTER)),
        evaluated_metrics(config),
    )


def _model_kinds(features: Any) -> dict[str, str]:
    kinds = {name: "numeric" for name in features.numeric}
    kinds |= {name: "categorical" for name in features.categorical}
    return kinds | ({features.text: "text"} if features.text else {})


def _definition(feature: Any, source: str) -> str:
    if hasattr(feature, "window_days"):
        if feature.function == "count":
            what = f"count of `{source}` rows"
        else:
            what = f"{feature.function} of `{feature.column}`"
        where = f" where `{feature.where}`" if feature.where else ""
        return f"{what}{where}, last {feature.window_days} days"
    value = f"latest `{feature.expression}`"
    return value if feature.default is None else f"{value} (else `{feature.default}`)"


def read_code_facts(path: Path) -> CodeFacts:
    return CodeFacts.from_json(path.read_text())
