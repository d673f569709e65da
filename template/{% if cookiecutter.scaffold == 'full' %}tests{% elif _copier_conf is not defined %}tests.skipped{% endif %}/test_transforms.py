import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.features.transforms import PRIOR_TRIALS, smoothed_rate


def test_with_no_trials_the_rate_is_the_prior():
    assert smoothed_rate(pd.Series([0]), pd.Series([0]), 0.2).tolist() == [0.2]


def test_many_trials_outweigh_the_prior():
    rate = smoothed_rate(np.array([500]), np.array([1000]), 0.2)[0]
    assert rate == pytest.approx(0.5, abs=0.01)


def test_the_prior_counts_as_a_fixed_number_of_trials():
    rate = smoothed_rate([1], [2], 0.2)[0]
    assert rate == pytest.approx((1 + PRIOR_TRIALS * 0.2) / (2 + PRIOR_TRIALS))
