"""Offline evaluation of the moderation models on the held-out period."""

from __future__ import annotations

from ..config import Config
from ..feature_store import OfflineStore
from ..online.policy import Policy, target_precision
from .dataset import TrainingData
from .heuristic import Heuristic
from .moderation_metrics import moderation_metrics
from .promotion import Evaluation
from .train import score

HEURISTIC = Heuristic("base rate (training share of harmful posts)")


def evaluate(config: Config, store: OfflineStore, data: TrainingData, models: dict) -> Evaluation:
    """Metrics of each rung of the ladder on the held-out period."""
    policy, precision = Policy.from_task(config.task), target_precision(config.task)
    labels = data.test[data.label]
    metrics, served = {}, {}
    for name, model in models.items():
        scores = score(model, data.test, data.features)
        metrics[name] = moderation_metrics(labels, scores, policy, precision)
        served[name] = data.test[data.features.columns].assign(score=scores)
    return Evaluation(metrics, served)
