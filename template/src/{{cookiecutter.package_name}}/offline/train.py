"""The model ladder: a simple baseline first, then one challenger that must justify itself."""

from __future__ import annotations

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ..config import ModelSpec
from ..errors import ConfigError
from ..features.views import FeatureSet


def _logistic_regression(features: FeatureSet, params: dict) -> Pipeline:
    encode = ColumnTransformer(
        [
            ("numeric", StandardScaler(), list(features.numeric)),
            ("categorical", OneHotEncoder(handle_unknown="ignore"), list(features.categorical)),
        ]
    )
    return Pipeline([("encode", encode), ("model", LogisticRegression(max_iter=1000, **params))])


def _gradient_boosting(features: FeatureSet, params: dict) -> Pipeline:
    encode = ColumnTransformer(
        [
            ("numeric", "passthrough", list(features.numeric)),
            (
                "categorical",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                list(features.categorical),
            ),
        ]
    )
    model = HistGradientBoostingClassifier(random_state=0, **params)
    return Pipeline([("encode", encode), ("model", model)])


MODEL_KINDS = {
    "logistic_regression": _logistic_regression,
    "gradient_boosting": _gradient_boosting,
}


def build_model(spec: ModelSpec, features: FeatureSet) -> Pipeline:
    if spec.kind not in MODEL_KINDS:
        raise ConfigError(
            f"unknown model kind {spec.kind!r} in config training.models; "
            f"use one of {', '.join(MODEL_KINDS)}"
        )
    try:
        return MODEL_KINDS[spec.kind](features, dict(spec.params))
    except TypeError as error:
        raise ConfigError(f"bad params for model kind {spec.kind!r}: {error}") from None


def fit(spec: ModelSpec, features: FeatureSet, frame: pd.DataFrame, label: str) -> Pipeline:
    """Fit one rung of the ladder on `frame`; scores come from `predict_proba(...)[:, 1]`."""
    if frame[label].nunique() < 2:
        raise ConfigError(
            f"the training set has only one value of `{label}`; widen the data or the dates"
        )
    model = build_model(spec, features)
    try:
        model.fit(frame[features.columns], frame[label].astype(int))
    except (TypeError, ValueError) as error:
        raise ConfigError(f"training a {spec.kind} model failed: {error}") from None
    return model


def score(model: Pipeline, frame: pd.DataFrame, features: FeatureSet) -> pd.Series:
    """Probability of the positive class, one per row of `frame`."""
    return pd.Series(model.predict_proba(frame[features.columns])[:, 1], index=frame.index)
