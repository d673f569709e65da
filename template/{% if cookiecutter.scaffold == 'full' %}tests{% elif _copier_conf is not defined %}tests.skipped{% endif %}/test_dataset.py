import dataclasses

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import DataError
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.offline.dataset import EVENT_TS, split_by_time

FEATURES = FeatureSet(numeric=("x",))


def daily_rows(days: int = 40) -> pd.DataFrame:
    moments = pd.date_range("2026-01-01 12:00", periods=days, freq="D")
    return pd.DataFrame({EVENT_TS: moments, "x": range(days), "label": [0, 1] * (days // 2)})


def test_the_last_days_evaluate_and_the_earlier_ones_train(config):
    immediate = dataclasses.replace(config, test_days=10, label_window_days=0)
    data = split_by_time(daily_rows(), immediate, FEATURES, "label")
    assert data.cutoff == pd.Timestamp("2026-01-30")  # the last day, 9 February, minus 10 days
    assert data.train[EVENT_TS].max() < data.cutoff <= data.test[EVENT_TS].min()
    assert len(data.train) + len(data.test) == 40


def test_rows_whose_label_was_unknown_at_the_cutoff_do_not_train(config):
    windowed = dataclasses.replace(config, test_days=10, label_window_days=7)
    data = split_by_time(daily_rows(), windowed, FEATURES, "label")
    assert data.train[EVENT_TS].max() < data.cutoff - pd.Timedelta(days=7)
    assert len(data.test) == 11


def test_too_little_history_says_which_settings_to_change(config):
    greedy = dataclasses.replace(config, test_days=10, label_window_days=60)
    with pytest.raises(DataError, match="label_window_days"):
        split_by_time(daily_rows(), greedy, FEATURES, "label")
