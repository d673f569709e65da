import math

import pytest

from {{ cookiecutter.package_name }}.offline.ranking_metrics import (
    average_precision_at_k,
    mean_ranking_metrics,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)

RANKED = ["a", "b", "c", "d"]


def test_recall_counts_relevant_items_found_in_the_top_k():
    assert recall_at_k(RANKED, {"b", "d", "z"}, 2) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, set(), 2) == 0.0


def test_ndcg_is_one_for_a_perfect_list_and_discounts_late_hits():
    assert ndcg_at_k(RANKED, {"a", "b"}, 4) == pytest.approx(1.0)
    late = (1 / math.log2(4)) / (1 / math.log2(2))
    assert ndcg_at_k(RANKED, {"c"}, 4) == pytest.approx(late)


def test_average_precision_rewards_hits_near_the_top():
    assert average_precision_at_k(RANKED, {"a", "c"}, 4) == pytest.approx((1 + 2 / 3) / 2)


def test_reciprocal_rank_is_one_over_the_first_hit():
    assert reciprocal_rank(RANKED, {"c", "d"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, {"z"}) == 0.0


def test_means_skip_users_with_nothing_relevant():
    means = mean_ranking_metrics({"u1": RANKED, "u2": RANKED}, {"u1": {"a"}, "u2": set()}, 2)
    assert means == {"recall_at_2": 1.0, "ndcg_at_2": 1.0, "map_at_2": 1.0, "mrr": 1.0}
