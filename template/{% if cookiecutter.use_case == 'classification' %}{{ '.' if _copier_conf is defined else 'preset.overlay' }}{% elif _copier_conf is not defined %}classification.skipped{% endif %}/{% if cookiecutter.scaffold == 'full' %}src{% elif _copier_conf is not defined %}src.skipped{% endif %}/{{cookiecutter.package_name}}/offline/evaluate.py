"""Offline evaluation of the churn models on the held-out period."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, log_loss, roc_auc_score

from ..config import Config
from ..feature_store import OfflineStore
from .dataset import TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .train import score

HEURISTIC = Heuristic("base rate (training share of churners)")


def classification_metrics(labels: pd.Series, scores: pd.Series) -> dict[str, float]:
    labels = labels.astype(int)
    clipped = np.clip(scores, 1e-6, 1 - 1e-6)
    return {
        "roc_auc": float(roc_auc_score(labels, scores)),
        "pr_auc": float(average_precision_score(labels, scores)),
        "log_loss": float(log_loss(labels, clipped, labels=[0, 1])),
    }


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each rung of the ladder on the held-out period."""
    labels = data.test[data.label]
    metrics, served = {}, {}
    for name, model in models.items():
        scores = score(model, data.test, data.features)
        metrics[name] = classification_metrics(labels, scores)
        served[name] = data.test[data.features.columns].assign(score=scores)
    return Evaluation(metrics, served)
