"""Metrics of an imbalanced classifier and of the decisions its policy takes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score

from ..online.policy import ALLOW, REMOVE, REVIEW, Policy


def recall_at_precision(labels: pd.Series, scores: pd.Series, precision: float) -> float:
    """The largest share of harmful posts caught by a threshold whose precision is at
    least `precision`; 0 when no threshold is that precise."""
    precisions, recalls, _ = precision_recall_curve(labels.astype(int), scores)
    reachable = recalls[precisions >= precision]
    return float(reachable.max()) if len(reachable) else 0.0


def recall_metric_name(precision: float) -> str:
    return f"recall_at_p{round(precision * 100)}"


def moderation_metrics(
    labels: pd.Series, scores: pd.Series, policy: Policy, precision: float
) -> dict[str, float]:
    labels = labels.astype(bool)
    decisions = policy.decide_all(scores)
    removed = decisions == REMOVE
    return {
        "pr_auc": float(average_precision_score(labels, scores)),
        recall_metric_name(precision): recall_at_precision(labels, scores, precision),
        "roc_auc": float(roc_auc_score(labels, scores)),
        # what the configured thresholds do: 0 precision when nothing is removed
        "remove_precision": float(labels[removed].mean()) if removed.any() else 0.0,
        "harmful_caught": float(np.mean(decisions[labels] != ALLOW)) if labels.any() else 0.0,
        "review_share": float(np.mean(decisions == REVIEW)),
    }
