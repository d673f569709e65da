import math

import pytest

from {{ cookiecutter.package_name }}.offline.search_metrics import (
    mean_search_metrics,
    ndcg_at_k,
    reciprocal_rank,
)

GRADES = {"a": 3, "b": 2, "c": 0, "d": 1}


def test_the_ideal_order_scores_one_and_a_worse_order_less():
    assert ndcg_at_k(["a", "b", "d", "c"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at_k(["c", "d", "b", "a"], GRADES, 10) < ndcg_at_k(["b", "a", "d", "c"], GRADES, 10)


def test_higher_grades_gain_more_than_lower_ones():
    assert ndcg_at_k(["a", "c"], GRADES, 2) > ndcg_at_k(["b", "c"], GRADES, 2)


def test_an_unjudged_document_counts_as_not_relevant():
    assert ndcg_at_k(["x", "a"], GRADES, 2) == ndcg_at_k(["c", "a"], GRADES, 2)
    ideal = 7 + 3 / math.log2(3)
    assert ndcg_at_k(["x", "a"], GRADES, 2) == pytest.approx((7 / math.log2(3)) / ideal)


def test_reciprocal_rank_finds_the_first_document_graded_relevant():
    assert reciprocal_rank(["c", "d", "b"], GRADES) == pytest.approx(1 / 3)
    assert reciprocal_rank(["c", "d"], GRADES) == 0.0


def test_queries_with_nothing_relevant_are_left_out_of_the_mean():
    judgments = {"good": {"a": 3}, "hopeless": {"z": 1}}
    metrics = mean_search_metrics({"good": ["a"], "hopeless": ["y"]}, judgments, 10)
    assert metrics == {"ndcg_at_10": pytest.approx(1.0), "mrr": pytest.approx(1.0)}
