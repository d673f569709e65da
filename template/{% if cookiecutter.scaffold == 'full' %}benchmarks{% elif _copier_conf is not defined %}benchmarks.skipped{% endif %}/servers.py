"""The two endpoints the service is measured against, on the same server stack (FastAPI,
uvicorn with uvloop and httptools, one worker, no access log), at the same path and with
the same request body:

- naive: what a first version of this service usually is: a sync handler (run on
  FastAPI's thread pool), each online lookup a pandas `read_sql` on the same SQLite store,
  and the scikit-learn pipeline of the same model scoring a DataFrame. It reuses the
  preset's own answer logic (retrieval, features, re-ranking) and does not log: the
  difference is the mechanics alone;
- no-op: the request parsed and validated, then a constant answer: the stack's ceiling.

    python -m benchmarks.servers naive --config C --model M --port P
    python -m benchmarks.servers noop --config C --port P
"""

from __future__ import annotations

import argparse
import inspect
import sqlite3
import uuid
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import uvicorn
from fastapi import FastAPI

from {{ cookiecutter.package_name }}.config import Config, load_config
from {{ cookiecutter.package_name }}.feature_store import SQLiteOnlineStore
from {{ cookiecutter.package_name }}.features.views import FeatureSet, FeatureView
from {{ cookiecutter.package_name }}.offline.export import heads_of, reference_scores
from {{ cookiecutter.package_name }}.online.app import ENDPOINT
from {{ cookiecutter.package_name }}.online.endpoint import Context, Endpoint, Snapshot, no_stages
from {{ cookiecutter.package_name }}.online.scoring import as_utc, utc_now


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


def _with_body(function: Any, endpoint: Endpoint, returns: Any) -> Any:
    body = inspect.Parameter(
        "body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=endpoint.request
    )
    function.__signature__ = inspect.Signature([body], return_annotation=returns)
    return function


def naive_app(config: Config, endpoint: Endpoint, model_path: Path) -> FastAPI:
    store = PandasStore(config.paths.feature_store)
    model = SklearnModel(joblib.load(model_path), endpoint.features)  # written by the bench itself
    resources = endpoint.prepare(store, model, config) if endpoint.prepare else None
    far = np.datetime64("1970-01-01T00:00:00", "us")
    snapshot = Snapshot(0, "naive", model, resources, "", far, far)  # type: ignore[arg-type]
    app = FastAPI(title="naive")

    def predict(body: Any) -> Any:
        moment = as_utc(body.at) if body.at else utc_now()
        context = Context(snapshot, store, config, uuid.uuid4().hex, moment, no_stages)  # type: ignore[arg-type]
        return endpoint.answer(context, body).response

    route = _with_body(predict, endpoint, endpoint.response)
    app.add_api_route(endpoint.path, route, methods=["POST"], response_model=endpoint.response)
    return app


def noop_app(endpoint: Endpoint) -> FastAPI:
    app = FastAPI(title="no-op")

    async def predict(body: Any) -> dict[str, bool]:
        return {"ok": True}

    app.add_api_route(endpoint.path, _with_body(predict, endpoint, dict), methods=["POST"])
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["naive", "noop"])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--model", type=Path, help="the naive endpoint's pipeline (joblib)")
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    config = load_config(arguments.config)
    if arguments.kind == "naive":
        app = naive_app(config, ENDPOINT, arguments.model)
    else:
        app = noop_app(ENDPOINT)
    uvicorn.run(app, host="127.0.0.1", port=arguments.port, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
