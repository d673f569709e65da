"""The online path serves exactly what the offline path computed: no training/serving skew."""

import pandas as pd

from {{ cookiecutter.package_name }}.features.definitions import VIEWS
from {{ cookiecutter.package_name }}.features.views import FEATURE_TS
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store, online_store
from {{ cookiecutter.package_name }}.online.features import lookup


def test_every_view_online_equals_offline_at_the_materialized_moment(trained):
    config, _ = trained
    offline, online = offline_store(config), online_store(config)
    for view in VIEWS:
        latest = offline.latest(view)
        entities = latest[view.entity].sort_values().head(50).tolist()
        moment = latest[FEATURE_TS].max()
        spine = pd.DataFrame({view.entity: entities, "event_ts": moment})
        served = pd.DataFrame(lookup(online, view, entities)).set_index(view.entity)[view.features]
        computed = offline.get_historical(spine, [view]).set_index(view.entity)[view.features]
        if view.aggregations:  # attribute rows keep their own timestamps: compare latest
            pd.testing.assert_frame_equal(served, computed, check_dtype=False)
        expected = latest.set_index(view.entity).loc[entities, view.features]
        pd.testing.assert_frame_equal(served, expected, check_dtype=False, check_names=False)
