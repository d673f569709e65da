"""The model ladder: a simple baseline first, then one challenger that must justify itself.

A rung is a `kind` from config plus its params. Every kind is one scikit-learn pipeline
that encodes the FeatureSet itself (scaling, one-hot or hashing, TF-IDF for text). `fit`
compiles the fitted pipeline (export.py) into the model the registry stores: plain
numbers that turn feature rows into scores, offline and online alike.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin, is_classifier
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import TruncatedSVD
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from ..config import ModelSpec
from ..errors import ConfigError
from ..features.views import FeatureSet
from ..models.compiled import CompiledModel, category_tokens
from .export import compile_model
from .vocabulary import VocabularyEncoder

HASH_FEATURES = 2**18
TEXT_COMPONENTS = 64  # dense summary of the TF-IDF matrix, for the tree models


def text_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)


class TextSummary(TransformerMixin, BaseEstimator):
    """TF-IDF words reduced to at most `components` dense dimensions, for tree models."""

    def __init__(self, components: int = TEXT_COMPONENTS) -> None:
        self.components = components

    def fit(self, texts: pd.Series, target: object = None) -> TextSummary:
        self.words_ = text_vectorizer()
        matrix = self.words_.fit_transform(texts)
        size = max(1, min(self.components, matrix.shape[1] - 1))
        self.svd_ = TruncatedSVD(size, random_state=0).fit(matrix)
        return self

    def transform(self, texts: pd.Series) -> np.ndarray:
        return self.svd_.transform(self.words_.transform(texts))


def _encoder(features: FeatureSet, *, linear: bool, hashed: bool = False) -> ColumnTransformer:
    """Linear models get scaled numbers and sparse codes; trees get raw numbers, dense codes."""
    parts: list[tuple] = [
        ("numeric", StandardScaler() if linear else "passthrough", list(features.numeric))
    ]
    if features.categorical:
        if hashed:
            categorical = make_pipeline(
                FunctionTransformer(category_tokens),
                FeatureHasher(n_features=HASH_FEATURES, input_type="string"),
            )
        else:
            categorical = VocabularyEncoder(sparse=linear)
        parts.append(("categorical", categorical, list(features.categorical)))
    if features.text:
        parts.append(("text", text_vectorizer() if linear else TextSummary(), features.text))
    return ColumnTransformer(parts)


def _logistic_regression(features: FeatureSet, params: dict) -> Pipeline:
    model = LogisticRegression(max_iter=1000, **params)
    return Pipeline([("encode", _encoder(features, linear=True)), ("model", model)])


def _hashed_logistic_regression(features: FeatureSet, params: dict) -> Pipeline:
    model = LogisticRegression(max_iter=1000, **params)
    return Pipeline([("encode", _encoder(features, linear=True, hashed=True)), ("model", model)])


def _gradient_boosting(features: FeatureSet, params: dict) -> Pipeline:
    model = HistGradientBoostingClassifier(random_state=0, **params)
    return Pipeline([("encode", _encoder(features, linear=False)), ("model", model)])


def _ridge(features: FeatureSet, params: dict) -> Pipeline:
    return Pipeline([("encode", _encoder(features, linear=True)), ("model", Ridge(**params))])


def _gradient_boosting_regressor(features: FeatureSet, params: dict) -> Pipeline:
    model = HistGradientBoostingRegressor(random_state=0, **params)
    return Pipeline([("encode", _encoder(features, linear=False)), ("model", model)])


MODEL_KINDS: dict[str, Callable[[FeatureSet, dict], Pipeline]] = {
    "logistic_regression": _logistic_regression,
    "hashed_logistic_regression": _hashed_logistic_regression,
    "gradient_boosting": _gradient_boosting,
    "ridge": _ridge,
    "gradient_boosting_regressor": _gradient_boosting_regressor,
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


def fit(spec: ModelSpec, features: FeatureSet, frame: pd.DataFrame, label: str) -> CompiledModel:
    """Fit one rung of the ladder on `frame` and compile it for serving."""
    fitted = fit_pipeline(spec, features, frame, label)
    return compile_model(fitted, spec.kind, features, frame)


def fit_pipeline(
    spec: ModelSpec, features: FeatureSet, frame: pd.DataFrame, label: str
) -> Pipeline:
    """The fitted scikit-learn pipeline of one rung, before it is compiled."""
    model = build_model(spec, features)
    if is_classifier(model):
        if frame[label].nunique() < 2:
            raise ConfigError(
                f"the training set has only one value of `{label}`; widen the data or the dates"
            )
        target = frame[label].astype(int)
    else:
        target = frame[label].astype(float)
    try:
        model.fit(frame[features.columns], target)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"training a {spec.kind} model failed: {error}") from None
    return model


def score(model: CompiledModel, frame: pd.DataFrame, features: FeatureSet) -> pd.Series:
    """One number per row: the positive class's probability, or the regressor's estimate."""
    if tuple(features.columns) != model.features:
        raise ConfigError(
            f"the model was trained on {list(model.features)}, not on {features.columns}; retrain"
        )
    return pd.Series(model.score(frame), index=frame.index)
