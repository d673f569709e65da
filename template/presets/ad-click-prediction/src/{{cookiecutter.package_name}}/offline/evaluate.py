"""Offline evaluation of the click models on the held-out period."""

from __future__ import annotations

import pandas as pd

from ..config import Config
from ..feature_store import OfflineStore
from .click_metrics import click_metrics
from .dataset import TrainingData
from .promotion import Evaluation
from .train import score

TRIVIAL = "base rate (trivial)"


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each model, and of always predicting the training CTR as a reference."""
    labels = data.test[data.label]
    base_rate = pd.Series(data.train[data.label].mean(), index=data.test.index)
    metrics = {TRIVIAL: click_metrics(labels, base_rate)}
    served = {}
    for name, model in models.items():
        scores = score(model, data.test, data.features)
        metrics[name] = click_metrics(labels, scores)
        served[name] = data.test[data.features.columns].assign(score=scores)
    return Evaluation(metrics, served)
