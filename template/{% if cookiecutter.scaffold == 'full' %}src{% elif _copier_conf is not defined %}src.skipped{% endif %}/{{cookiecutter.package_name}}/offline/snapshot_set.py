"""The snapshot shape's features step and training set.

A snapshot row's columns are its features as they were recorded, so no point-in-time join
is needed: the row is the example. With an observation time the split is by time, as for
an event log; without one the split is random, stratified by the label.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd

from ..config import Config
from ..entities import SNAPSHOT_LABEL_KIND
from ..errors import DataError
from ..feature_store import OfflineStore
from ..features.snapshot import TABLE, SnapshotLayout, infer_layout
from ..features.views import FeatureSet, compile_view
from . import lake
from .dataset import EVENT_TS, TrainingData, split_by_time
from .heuristic import Heuristic

SPLIT_SEED = 0
REGRESSION_STRATA = 10  # a numeric label is stratified by its deciles
NO_TIME = (
    "the snapshot has no observation time (data.snapshot.observed_at): the point-in-time "
    "join is skipped, each row's columns being its features as recorded"
)


def build_snapshot_features(config: Config, store: OfflineStore) -> dict[str, int]:
    """The `features` step: the table's layout, then its view into the offline store."""
    source = config.snapshot
    assert source is not None
    with snapshot_table(config) as connection:
        sample = connection.sql(f"SELECT * FROM {TABLE}").df()
        layout = infer_layout(sample, source.label, source.observed_at is not None, source.id)
        rows = connection.sql(compile_view(layout.view())).df()
    store.write(layout.view(), rows)
    layout.save(config.paths.feature_store)
    return {TABLE: len(rows)}


def build(config: Config, store: OfflineStore) -> TrainingData:
    """Every snapshot row with its label, split by time or, without one, at random."""
    layout = SnapshotLayout.load(config.paths.feature_store)
    with snapshot_table(config) as connection:
        frame = connection.sql(layout.training_sql()).df()
    frame = frame.fillna(layout.defaults)
    features = layout.feature_set()
    heuristic = Heuristic(
        "base rate (training share of positives)"
        if SNAPSHOT_LABEL_KIND == "bool"
        else "training mean"
    )
    if layout.timed:
        return replace(split_by_time(frame, config, features, layout.label), heuristic=heuristic)
    return split_at_random(frame, config, features, layout.label, heuristic)


def split_at_random(
    frame: pd.DataFrame, config: Config, features: FeatureSet, label: str, heuristic: Heuristic
) -> TrainingData:
    """`training.test_share` of each stratum evaluates, the rest trains (seeded)."""
    strata = _strata(frame[label])
    generator = np.random.default_rng(SPLIT_SEED)
    held_out = np.zeros(len(frame), dtype=bool)
    for stratum in np.unique(strata):
        members = np.flatnonzero(strata == stratum)
        chosen = generator.permutation(members)[: round(len(members) * config.test_share)]
        held_out[chosen] = True
    train = frame[~held_out].reset_index(drop=True)
    test = frame[held_out].reset_index(drop=True)
    for name, part in (("training", train), ("evaluation", test)):
        if len(part) < 2 or part[label].nunique() < 2:
            raise DataError(
                f"the {name} part of the snapshot has too few rows or only one label value "
                f"({len(frame):,} rows, training.test_share {config.test_share}); bring more "
                "rows, or change training.test_share in config/pipeline.yaml"
            )
    cutoff = frame[EVENT_TS].max()
    note = f"split at random, stratified by `{label}`: {config.test_share:.0%} held out"
    return TrainingData(train, test, features, label, cutoff, heuristic=heuristic, note=note)


def _strata(labels: pd.Series) -> np.ndarray:
    if SNAPSHOT_LABEL_KIND == "bool" or labels.nunique() <= REGRESSION_STRATA:
        return labels.astype(str).to_numpy()
    ranks = labels.rank(method="first", pct=True).to_numpy()
    return np.minimum((ranks * REGRESSION_STRATA).astype(int), REGRESSION_STRATA - 1)


@contextmanager
def snapshot_table(config: Config) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection where the lake's snapshot table is the view `snapshot`."""
    with duckdb.connect() as connection, lake.readable(config.paths.lake, TABLE):
        scan = lake.scan_sql(config.paths.lake, TABLE)
        connection.execute(f"CREATE VIEW {TABLE} AS SELECT * FROM {scan}")
        yield connection
