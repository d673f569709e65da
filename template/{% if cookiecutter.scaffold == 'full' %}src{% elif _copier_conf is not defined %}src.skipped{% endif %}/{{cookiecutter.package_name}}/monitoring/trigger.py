"""The retrain signal: whether drift is bad enough to retrain, and why, as a JSON file.

A scheduler (cron, Airflow, a CI job) reads `retrain_signal.json` and starts the offline loop
when `retrain` is true. The decision is a rule a person can read:

- retrain when more than `max_drifted_features` watched features (`monitoring.watch`;
  all by default) have PSI >= `psi_drift`, or
- retrain when the model's score itself has PSI >= `psi_drift` (prediction drift).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..files import write_text_atomically
from .drift import DriftResult, DriftThresholds, FeatureDrift

SIGNAL_FILE = "retrain_signal.json"


@dataclass(frozen=True)
class RetrainDecision:
    """Whether to retrain, with one sentence per reason (also when the answer is no)."""

    retrain: bool
    reasons: list[str] = field(default_factory=list)


def decide(result: DriftResult, thresholds: DriftThresholds) -> RetrainDecision:
    """Apply the retrain rule to the drift of the features and of the score."""
    reasons: list[str] = []
    drifted = result.drifted
    limit = thresholds.max_drifted_features
    if len(drifted) > limit:
        reasons.append(
            f"{_count(drifted)} drifted (PSI >= {thresholds.psi_drift}), more than the "
            f"{limit} allowed: {_list(drifted)}"
        )
    prediction = result.prediction
    if prediction is not None and prediction.status == "drift":
        reasons.append(
            f"the model's score `{prediction.name}` drifted: "
            f"PSI {prediction.psi:.3f} >= {thresholds.psi_drift}"
        )
    if reasons:
        return RetrainDecision(retrain=True, reasons=reasons)
    if drifted:
        reasons.append(f"{_count(drifted)} drifted, within the {limit} allowed: {_list(drifted)}")
    else:
        reasons.append(f"no watched feature drifted (every PSI < {thresholds.psi_drift})")
    watch = [*result.warned, *([prediction] if prediction and prediction.status == "warn" else [])]
    if watch:
        reasons.append(f"worth a look (PSI >= {thresholds.psi_warn}): {_list(watch)}")
    return RetrainDecision(retrain=False, reasons=reasons)


def write_signal(
    decision: RetrainDecision,
    result: DriftResult,
    thresholds: DriftThresholds,
    directory: Path,
) -> Path:
    """Write `retrain_signal.json` into `directory` atomically and return its path."""
    prediction = result.prediction
    payload = {
        "retrain": decision.retrain,
        "reasons": decision.reasons,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "thresholds": asdict(thresholds),
        "reference_rows": result.reference_rows,
        "current_rows": result.current_rows,
        "drifted_features": [item.name for item in result.drifted],
        "prediction": None if prediction is None else _summary(prediction),
        "features": {item.name: _summary(item) for item in result.features},
    }
    text = json.dumps(payload, indent=2) + "\n"
    return write_text_atomically(Path(directory) / SIGNAL_FILE, text)


def _summary(item: FeatureDrift) -> dict[str, object]:
    return {"name": item.name, "psi": round(item.psi, 6), "status": item.status}


def _count(items: tuple[FeatureDrift, ...]) -> str:
    return f"{len(items)} feature{'' if len(items) == 1 else 's'}"


def _list(items: list[FeatureDrift] | tuple[FeatureDrift, ...]) -> str:
    return ", ".join(f"{item.name} ({item.psi:.3f})" for item in items)
