"""Offline evaluation of the click models on the held-out period."""

from __future__ import annotations

from ..config import Config
from ..feature_store import OfflineStore
from .click_metrics import click_metrics
from .dataset import TrainingData
from .heuristic import Heuristic
from .promotion import Evaluation
from .train import score

HEURISTIC = Heuristic("base rate (training click-through rate)")


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each rung of the ladder on the held-out period."""
    labels = data.test[data.label]
    metrics, served = {}, {}
    for name, model in models.items():
        scores = score(model, data.test, data.features)
        metrics[name] = click_metrics(labels, scores)
        served[name] = data.test[data.features.columns].assign(score=scores)
    return Evaluation(metrics, served)
