"""What a first version of the serving path usually is, for the bench to measure against:
each online lookup a pandas `read_sql` on the same SQLite store, and the scikit-learn
pipeline of the same model scoring a DataFrame. It keeps the preset's own answer logic
(retrieval, features, re-ranking): the difference is the mechanics alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.feature_store import SQLiteOnlineStore
from {{ cookiecutter.package_name }}.features.views import FeatureSet, FeatureView
from {{ cookiecutter.package_name }}.offline.export import heads_of, reference_scores
from {{ cookiecutter.package_name }}.online.endpoint import Endpoint, Snapshot


class PandasStore:
    """The same online store, read the way a first version does: one DataFrame per lookup."""

    def __init__(self, folder: Path) -> None:
        self.inner = SQLiteOnlineStore(folder)
        self.path = self.inner.path

    def get_online(self, view: FeatureView, entity_ids: Sequence[str]) -> dict[str, tuple]:
        columns = ", ".join(f'"{name}"' for name in (view.entity, *view.features))
        marks = ", ".join("?" for _ in entity_ids)
        query = f'SELECT {columns} FROM "{view.name}" WHERE "{view.entity}" IN ({marks})'
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as connection:
            frame = pd.read_sql_query(query, connection, params=list(entity_ids))
        return {row[0]: tuple(row) for row in frame.itertuples(index=False)}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class SklearnModel:
    """The fitted scikit-learn pipeline(s), scoring a DataFrame built from the columns."""

    def __init__(self, fitted: Any, features: FeatureSet) -> None:
        self.pipelines = heads_of(fitted)
        self.features = features

    def frame(self, columns: Any) -> pd.DataFrame:
        return pd.DataFrame({name: np.asarray(columns[name]) for name in self.features.columns})

    def score(self, columns: Any) -> np.ndarray:
        (pipeline,) = self.pipelines.values()
        return reference_scores(pipeline, self.frame(columns), self.features)

    def head_scores(self, columns: Any) -> dict[str, np.ndarray]:
        frame = self.frame(columns)
        return {
            name: reference_scores(p, frame, self.features) for name, p in self.pipelines.items()
        }


def naive_snapshot(
    config: Config, endpoint: Endpoint, model_path: Path
) -> tuple[PandasStore, Snapshot]:
    """The naive store, and a snapshot of the refitted pipeline (`model_path`, written by
    the bench itself) with what the endpoint builds for it."""
    store = PandasStore(config.paths.feature_store)
    model = SklearnModel(joblib.load(model_path), endpoint.features)
    resources = endpoint.prepare(store, model, config) if endpoint.prepare else None
    far = np.datetime64("1970-01-01T00:00:00", "us")
    return store, Snapshot(0, "naive", model, resources, "", far, far)  # type: ignore[arg-type]
