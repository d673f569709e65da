"""The sample has the structure a click model should find: clear per-advertiser and
per-site effects and a time-of-day pattern, at a realistic click-through rate."""

import pandas as pd

from {{ cookiecutter.package_name }} import sample_data

from preset_settings import SMALL_SAMPLE


def test_the_sample_has_a_low_ctr_with_advertiser_site_and_hour_effects():
    tables = sample_data.generate(**SMALL_SAMPLE)
    shown = tables["impressions"].merge(tables["ads"][["ad_id", "advertiser_id"]], on="ad_id")
    assert 0.02 <= shown["clicked"].mean() <= 0.05
    for column in ("advertiser_id", "site_id"):
        rates = shown.groupby(column)["clicked"].agg(["mean", "size"])
        busy = rates[rates["size"] >= 300]["mean"]
        assert busy.max() >= 2 * busy.min(), column
    hour = shown["shown_at"].dt.hour
    evening, morning = shown[hour.between(19, 23)], shown[hour.between(6, 10)]
    assert evening["clicked"].mean() > morning["clicked"].mean()


def test_an_ad_is_only_shown_once_it_is_live():
    tables = sample_data.generate(**SMALL_SAMPLE)
    shown = tables["impressions"].merge(tables["ads"][["ad_id", "updated_at"]], on="ad_id")
    assert (shown["shown_at"] >= shown["updated_at"]).all()
    assert (tables["ads"]["updated_at"] > pd.Timestamp("2026-01-01")).any()  # some launch late
