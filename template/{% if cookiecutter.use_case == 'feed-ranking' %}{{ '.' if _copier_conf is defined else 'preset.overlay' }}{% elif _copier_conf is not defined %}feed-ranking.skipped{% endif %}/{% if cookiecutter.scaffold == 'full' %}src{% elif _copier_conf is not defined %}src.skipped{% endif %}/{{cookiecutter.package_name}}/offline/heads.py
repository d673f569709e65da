"""The multi-head ranker: one model per kind of engagement, combined into one score.

A feed values several outcomes of an impression: a click, a like, a long read. Each is
a head, a classifier of its own; the ranking score is their weighted sum, with weights
from config (task.weights) that the product team tunes without retraining.

The common training step fits one label per model. The heads travel through it packed
into one integer label (bit i is head i) and the `per_head` model kind unpacks them, so
the registry stores one compiled model holding every head.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from ..config import Config, ModelSpec
from ..errors import ConfigError
from ..features.columns import Columns
from ..features.views import FeatureSet
from . import train

HEADS = ("clicked", "liked", "long_dwell")
PACKED_LABEL = "engagement"
KIND = "per_head"


def pack(frame: pd.DataFrame) -> pd.Series:
    """The heads' labels of each row as one integer: bit i is head i."""
    return sum(frame[head].astype(int) * (1 << bit) for bit, head in enumerate(HEADS))


def unpack(packed: pd.Series | np.ndarray, head: str) -> np.ndarray:
    return (np.asarray(packed, dtype=int) >> HEADS.index(head)) & 1


class MultiHead(ClassifierMixin, BaseEstimator):
    """One `head_kind` model (a kind of offline/train.py) per head, on the same features."""

    def __init__(self, features: FeatureSet, head_kind: str, head_params: dict | None = None):
        self.features = features
        self.head_kind = head_kind
        self.head_params = head_params

    def fit(self, inputs: pd.DataFrame, packed: pd.Series) -> MultiHead:
        spec = ModelSpec(self.head_kind, dict(self.head_params or {}))
        self.models_ = {}
        for head in HEADS:
            target = unpack(packed, head)
            if len(np.unique(target)) < 2:
                raise ConfigError(f"the training set has only one value of `{head}`")
            self.models_[head] = train.build_model(spec, self.features).fit(inputs, target)
        self.classes_ = np.unique(np.asarray(packed, dtype=int))
        return self

    @property
    def pipelines(self) -> dict[str, object]:
        """The fitted pipeline of each head: what export.py compiles, head by head."""
        return dict(self.models_)


def per_head(features: FeatureSet, params: dict) -> MultiHead:
    """The `per_head` model kind: params `head` (the kind of every head) and its params."""
    params = dict(params)
    head_kind = params.pop("head", None)
    if head_kind not in train.MODEL_KINDS or head_kind == KIND:
        raise ConfigError(
            f"model kind {KIND!r} needs params.head, one of "
            f"{', '.join(k for k in train.MODEL_KINDS if k != KIND)}; got {head_kind!r}"
        )
    return MultiHead(features, head_kind, params)


# The common model ladder has no multi-label kind: this one is added to it from here.
train.MODEL_KINDS.setdefault(KIND, per_head)


def head_weights(config: Config) -> dict[str, float]:
    """task.weights, checked: a non-negative weight for every head, not all zero."""
    raw = config.task.get("weights")
    if not isinstance(raw, Mapping) or set(raw) != set(HEADS):
        raise ConfigError(f"task.weights in config needs one weight per head: {', '.join(HEADS)}")
    weights = {}
    for head in HEADS:
        value = raw[head]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"task.weights.{head} must be a number >= 0, not {value!r}")
        weights[head] = float(value)
    if not sum(weights.values()):
        raise ConfigError("task.weights are all zero; give at least one head a weight")
    return weights


def engagement_score(heads: Columns, weights: Mapping[str, float]) -> Any:
    """The ranking score: the weighted mean of the heads' probabilities, in [0, 1].

    One row or a frame: arrays of heads give an array, a DataFrame's columns a Series.
    """
    total = sum(weights.values())
    return sum(heads[head] * (weight / total) for head, weight in weights.items())


def realized_engagement(frame: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """What an impression actually earned, on the same scale as the score."""
    heads = pd.DataFrame({head: frame[head].astype(float) for head in HEADS})
    return engagement_score(heads, weights)
