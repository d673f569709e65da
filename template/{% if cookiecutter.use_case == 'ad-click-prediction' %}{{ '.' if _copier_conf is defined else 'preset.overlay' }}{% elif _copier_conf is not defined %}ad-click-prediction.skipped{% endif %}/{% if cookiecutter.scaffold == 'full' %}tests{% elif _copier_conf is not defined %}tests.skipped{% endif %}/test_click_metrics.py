"""Click metrics: what each number means, on cases small enough to check by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.offline.click_metrics import (
    calibration_bins,
    click_metrics,
    entropy,
    expected_calibration_error,
    reliability,
)


def clicks(rate: float, rows: int = 1000) -> pd.Series:
    """Exactly `rate` of `rows` labels are clicks."""
    return pd.Series(np.arange(rows) < round(rate * rows))


def test_predicting_the_observed_ctr_has_normalized_entropy_one():
    labels = clicks(0.04)
    metrics = click_metrics(labels, pd.Series(0.04, index=labels.index))
    assert metrics["normalized_entropy"] == pytest.approx(1.0)
    assert metrics["log_loss"] == pytest.approx(entropy(0.04))
    assert metrics["roc_auc"] == 0.5
    assert metrics["ece"] == pytest.approx(0.0)


def test_a_wrong_constant_is_worse_than_the_observed_ctr_and_its_gap_is_the_ece():
    labels = clicks(0.04)
    metrics = click_metrics(labels, pd.Series(0.10, index=labels.index))
    assert metrics["normalized_entropy"] > 1.0
    assert metrics["ece"] == pytest.approx(0.06)
    assert metrics["predicted_ctr"] == pytest.approx(0.10)
    assert metrics["observed_ctr"] == pytest.approx(0.04)


def test_a_model_that_separates_clicks_has_auc_one_and_normalized_entropy_below_one():
    labels = clicks(0.05)
    scores = labels.map({True: 0.6, False: 0.02})
    metrics = click_metrics(labels, scores)
    assert metrics["roc_auc"] == 1.0
    assert metrics["normalized_entropy"] < 0.5


def test_scores_sorted_the_same_way_but_twice_too_high_keep_their_auc_and_lose_calibration():
    rng = np.random.default_rng(0)
    truth = rng.random(20_000) * 0.08
    labels = pd.Series(rng.random(20_000) < truth)
    calibrated = click_metrics(labels, pd.Series(truth))
    inflated = click_metrics(labels, pd.Series(truth * 2))
    assert inflated["roc_auc"] == pytest.approx(calibrated["roc_auc"])
    assert calibrated["ece"] < 0.005 < inflated["ece"]
    assert inflated["log_loss"] > calibrated["log_loss"]


def test_calibration_bins_hold_equal_shares_of_rows_and_ties_stay_together():
    scores = np.linspace(0.0, 0.1, 1000)
    assert np.bincount(calibration_bins(scores, 10)).tolist() == [100] * 10
    assert set(calibration_bins(np.full(50, 0.03))) == {0}


def test_the_reliability_table_compares_predicted_and_observed_ctr_per_bin():
    labels = pd.Series([False, False, False, True] * 2)
    scores = pd.Series([0.1] * 4 + [0.9] * 4)
    table = reliability(labels, scores, bins=2)
    assert table["rows"].tolist() == [4, 4]
    assert table["observed_ctr"].tolist() == [0.25, 0.25]
    assert expected_calibration_error(labels, scores, bins=2) == pytest.approx(
        (abs(0.1 - 0.25) + abs(0.9 - 0.25)) / 2
    )


def test_the_entropy_of_a_rate_is_symmetric_and_largest_at_one_half():
    assert entropy(0.5) == pytest.approx(math.log(2))
    assert entropy(0.03) == pytest.approx(entropy(0.97))
    assert entropy(0.0) < 1e-4
