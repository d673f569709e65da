"""Offline evaluation of the ETA models on the held-out period.

Rung 0 of the ladder is the zone × hour history (distance times the pace trips from that
zone at that hour had lately): the heuristic a team would ship first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config
from ..feature_store import OfflineStore
from .dataset import TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .train import score

HEURISTIC = Heuristic("zone × hour history", {"expected_minutes": 1.0})


def regression_metrics(actual: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """MAE and RMSE in minutes; MAPE as a fraction of the actual duration (0.1 is 10 %)."""
    truth = actual.to_numpy(dtype=float)
    errors = predicted.to_numpy(dtype=float) - truth
    return {
        "mae": float(np.mean(np.abs(errors))),
        "rmse": float(np.sqrt(np.mean(errors**2))),
        "mape": float(np.mean(np.abs(errors) / np.maximum(np.abs(truth), 1.0))),
    }


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each rung of the ladder on the held-out trips."""
    actual = data.test[data.label]
    metrics, served = {}, {}
    for name, model in models.items():
        estimates = score(model, data.test, data.features)
        metrics[name] = regression_metrics(actual, estimates)
        served[name] = data.test[data.features.columns].assign(score=estimates)
    return Evaluation(metrics, served)
