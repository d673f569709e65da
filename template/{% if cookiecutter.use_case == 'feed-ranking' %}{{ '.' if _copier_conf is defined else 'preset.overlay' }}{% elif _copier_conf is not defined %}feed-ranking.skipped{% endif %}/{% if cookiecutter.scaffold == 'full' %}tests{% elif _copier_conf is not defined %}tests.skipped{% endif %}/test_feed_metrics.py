import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.offline.feed_metrics import auc, ndcg_at_k


def feeds(gains: list[float], scores: list[float], group: str = "u1@day1"):
    return pd.Series([group] * len(gains)), pd.Series(gains), pd.Series(scores)


def test_the_best_order_scores_one_and_the_worst_less():
    assert ndcg_at_k(*feeds([3.0, 1.0, 0.0], [0.9, 0.5, 0.1]), k=10) == pytest.approx(1.0)
    assert ndcg_at_k(*feeds([3.0, 1.0, 0.0], [0.1, 0.5, 0.9]), k=10) < 0.7


def test_a_larger_gain_on_top_matters_more_than_a_smaller_one():
    big_first = ndcg_at_k(*feeds([3.0, 1.0, 0.0, 0.0], [0.9, 0.1, 0.5, 0.4]), k=10)
    small_first = ndcg_at_k(*feeds([3.0, 1.0, 0.0, 0.0], [0.1, 0.9, 0.5, 0.4]), k=10)
    assert big_first > small_first


def test_only_the_top_k_count_and_feeds_without_engagement_are_left_out():
    groups = pd.Series(["a", "a", "a", "b", "b"])
    gains = pd.Series([0.0, 0.0, 1.0, 0.0, 0.0])
    scores = pd.Series([0.9, 0.8, 0.1, 0.5, 0.4])
    assert ndcg_at_k(groups, gains, scores, k=2) == 0.0
    assert ndcg_at_k(groups, gains, scores, k=3) == pytest.approx(0.5)


def test_auc_of_a_single_label_value_is_uninformative():
    assert auc(np.zeros(5), np.arange(5)) == 0.5
    assert auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
