"""One monitoring run: drift, the retrain decision, the HTML report and the JSON signal."""

from __future__ import annotations

from dataclasses import dataclass
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
) -> MonitoringOutcome:
    """Compare serving traffic (`current`) to the training sample (`reference`).

    Writes `drift_report.html` and `retrain_signal.json` into `report_dir` (created if needed).
    Raises DataError when a frame is empty or lacks a column, ConfigError on bad thresholds.
    """
    drift = compute_drift(reference, current, features, score_column, thresholds, n_bins)
    decision = decide(drift, thresholds)
    report_dir = Path(report_dir)
    report_path = write_report(drift, decision, thresholds, report_dir)
    signal_path = write_signal(decision, drift, thresholds, report_dir)
    return MonitoringOutcome(drift, decision, report_path, signal_path)
