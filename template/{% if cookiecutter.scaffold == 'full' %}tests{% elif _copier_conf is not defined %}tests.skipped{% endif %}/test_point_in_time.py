"""No feature computed after an event can reach that event's row of the training set.

The proof: delete every raw row from a moment T on, rebuild everything, and the rows of the
training set before T must not change. Anything they took from after T would have changed.
"""

import dataclasses

import pandas as pd

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.offline import lake, training_set
from {{ cookiecutter.package_name }}.offline.dataset import EVENT_TS
from {{ cookiecutter.package_name }}.offline.etl import build_features
from {{ cookiecutter.package_name }}.offline.pipeline import offline_store

from conftest import write_config


def rows_before(data, moment: pd.Timestamp) -> pd.DataFrame:
    frame = pd.concat([data.train, data.test])
    early = frame[frame[EVENT_TS] < moment]
    keys = [c for c in early.columns if c.endswith("_id")] + [EVENT_TS]
    return early.sort_values(keys).reset_index(drop=True)


def test_deleting_the_future_does_not_change_the_past(trained, tmp_path):
    # Keep every labelled row, whenever its label became known: this test is about features.
    config = dataclasses.replace(trained[0], label_window_days=0)
    full = training_set.build(config, offline_store(config))
    moment = full.cutoff - pd.Timedelta(days=3, hours=5)

    truncated_config = load_config(write_config(tmp_path))
    for name, schema in TABLES.items():
        rows = lake.read_table(config.paths.lake, name)
        kept = rows[rows[schema.timestamp] < moment]
        lake.replace_table(
            truncated_config.paths.lake, name, kept, schema.timestamp if schema.by_date else None
        )
    build_features(truncated_config.paths.lake, offline_store(truncated_config))
    # Evaluate on the last day only: the truncated data is shorter than the full data.
    truncated = training_set.build(
        dataclasses.replace(truncated_config, test_days=1, label_window_days=0),
        offline_store(truncated_config),
    )

    before = rows_before(full, moment)
    assert len(before) > 100
    pd.testing.assert_frame_equal(before, rows_before(truncated, moment), check_dtype=False)
