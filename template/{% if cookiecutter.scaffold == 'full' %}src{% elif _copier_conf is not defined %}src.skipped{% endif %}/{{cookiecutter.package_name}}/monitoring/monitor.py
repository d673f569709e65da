"""One monitoring run: drift, the retrain decision, the HTML report and the JSON signal."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .drift import DriftResult, DriftThresholds, compute_drift
from .report import write_report
from .trigger import RetrainDecision, decide, write_signal


@dataclass(frozen=True)
class MonitoringOutcome:
    """What a run found and where it wrote it."""

    drift: DriftResult
    decision: RetrainDecision
    report_path: Path
    signal_path: Path


def run_monitoring(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    features: list[str],
    score_column: str | None,
    thresholds: DriftThresholds,
    report_dir: Path,
    n_bins: int = 10,
    watched: Collection[str] | None = None,
    vocabularies: Mapping[str, Collection[str]] | None = None,
) -> MonitoringOutcome:
    """Compare serving traffic (`current`) to the training sample (`reference`).

    Writes `drift_report.html` and `retrain_signal.json` into `report_dir` (created if needed).
    The report shows every feature; only the `watched` ones (all, when None) and the score
    count towards the retrain decision. `vocabularies` (the model's learned categories per
    column) adds each such column's share of unseen values.
    Raises DataError when a frame is empty or lacks a column, ConfigError on bad thresholds.
    """
    drift = compute_drift(
        reference, current, features, score_column, thresholds, n_bins, vocabularies
    )
    decisive = (
        drift.features
        if watched is None
        else tuple(feature for feature in drift.features if feature.name in set(watched))
    )
    decision = decide(replace(drift, features=decisive), thresholds)
    unwatched = [feature for feature in drift.drifted if feature not in decisive]
    if unwatched:
        listed = ", ".join(f"{feature.name} ({feature.psi:.3f})" for feature in unwatched)
        note = f"drifted but not watched, so not decisive: {listed}"
        decision = replace(decision, reasons=[*decision.reasons, note])
    report_dir = Path(report_dir)
    report_path = write_report(drift, decision, thresholds, report_dir)
    signal_path = write_signal(decision, drift, thresholds, report_dir)
    return MonitoringOutcome(drift, decision, report_path, signal_path)
