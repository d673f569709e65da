"""Monitoring: data and prediction drift (PSI), an HTML report, and the retrain signal.

`run_monitoring(reference, current, features, score_column, DriftThresholds(), report_dir)`
compares logged serving traffic to the training sample, writes `drift_report.html` and
`retrain_signal.json` into `report_dir`, and returns a `MonitoringOutcome` whose
`decision.retrain` says whether to retrain and `decision.reasons` why.
"""

from .drift import DriftResult, DriftThresholds, FeatureDrift, compute_drift
from .monitor import MonitoringOutcome, run_monitoring
from .trigger import RetrainDecision, decide

__all__ = [
    "DriftResult",
    "DriftThresholds",
    "FeatureDrift",
    "MonitoringOutcome",
    "RetrainDecision",
    "compute_drift",
    "decide",
    "run_monitoring",
]
