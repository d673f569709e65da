"""Metrics of a rare harmful class, and of the decisions the policy takes."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.offline.moderation_metrics import (
    moderation_metrics,
    recall_at_precision,
    recall_metric_name,
)
from {{ cookiecutter.package_name }}.online.policy import Policy

LABELS = pd.Series([True, True, False, True, False, False, False, False, False, False])
SCORES = pd.Series([0.95, 0.8, 0.7, 0.4, 0.2, 0.1, 0.1, 0.05, 0.05, 0.01])


def test_recall_at_precision_is_the_most_caught_while_precise_enough():
    assert recall_at_precision(LABELS, SCORES, 1.0) == pytest.approx(2 / 3)
    assert recall_at_precision(LABELS, SCORES, 0.75) == pytest.approx(1.0)


def test_a_constant_score_reaches_no_useful_precision():
    constant = pd.Series(0.3, index=LABELS.index)
    assert recall_at_precision(LABELS, constant, 0.9) == 0.0


def test_the_metric_name_says_which_precision():
    assert recall_metric_name(0.9) == "recall_at_p90"
    assert recall_metric_name(0.95) == "recall_at_p95"


def test_decision_metrics_follow_the_policy():
    metrics = moderation_metrics(LABELS, SCORES, Policy(review_above=0.3, remove_above=0.9), 0.9)
    assert metrics["remove_precision"] == 1.0  # only the 0.95 post is removed
    assert metrics["harmful_caught"] == 1.0  # every harmful post is removed or reviewed
    assert metrics["review_share"] == pytest.approx(0.3)  # 0.8, 0.7 and 0.4
    assert metrics["pr_auc"] > 0.9 and metrics["roc_auc"] > 0.9
    assert metrics["recall_at_p90"] == pytest.approx(2 / 3)


def test_removing_nothing_has_zero_remove_precision():
    metrics = moderation_metrics(LABELS, SCORES, Policy(review_above=0.5, remove_above=1.0), 0.9)
    assert metrics["remove_precision"] == 0.0
