"""Offline evaluation of the moderation models on the held-out period."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..feature_store import OfflineStore
from ..online.policy import Policy, target_precision
from .dataset import TrainingData
from .moderation_metrics import moderation_metrics
from .promotion import Evaluation
from .train import score


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each model, and of the training base rate as a trivial reference."""
    policy, precision = Policy.from_task(config.task), target_precision(config.task)
    labels = data.test[data.label]
    base_rate = pd.Series(data.train[data.label].mean(), index=data.test.index)
    metrics = {"base rate (trivial)": moderation_metrics(labels, base_rate, policy, precision)}
    served = {}
    for name, model in models.items():
        scores = score(model, data.test, data.features)
        metrics[name] = moderation_metrics(labels, scores, policy, precision)
        served[name] = data.test[data.features.columns].assign(score=scores)
    return Evaluation(metrics, served)
