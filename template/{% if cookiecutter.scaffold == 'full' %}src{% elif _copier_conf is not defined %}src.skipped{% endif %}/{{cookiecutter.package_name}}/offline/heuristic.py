"""Rung 0 of the model ladder: the rule a team would ship before it trains anything.

A heuristic is a weighted sum of model features (popularity, BM25, friends in common…),
or, with no weights, the training label's mean (the base rate). It compiles to the same
served form as a trained model, so it is registered, evaluated through the serving path,
and served as champion when no model beats it by the promotion margin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..features.views import FeatureSet
from ..models.compiled import CompiledModel, Head, Linear, Numeric

KIND = "heuristic"
SINGLE_HEAD = ("score",)


@dataclass(frozen=True)
class Heuristic:
    """`name` says what it does; `weights` maps numeric model features to their weights
    (none: every row gets the training label's mean). A multi-task model's heuristic
    gives each of its `heads` the same score."""

    name: str
    weights: Mapping[str, float] = field(default_factory=dict)
    heads: tuple[str, ...] = SINGLE_HEAD

    @property
    def params(self) -> dict[str, object]:
        return {"name": self.name, "weights": dict(self.weights)}


def compile_heuristic(
    heuristic: Heuristic, features: FeatureSet, frame: pd.DataFrame, label: str
) -> CompiledModel:
    """The heuristic as a served model over `features`, fitted (for the base rate) on `frame`."""
    unknown = sorted(set(heuristic.weights) - set(features.numeric))
    if unknown:
        raise ValueError(
            f"heuristic {heuristic.name!r} weighs {unknown}, which are not numeric model "
            f"features ({', '.join(features.numeric)})"
        )
    if heuristic.weights:
        columns = tuple(heuristic.weights)
        weights = np.array([float(heuristic.weights[name]) for name in columns])
        head = Head((Numeric(columns),), Linear(weights, 0.0, "identity"))
    else:
        head = _mean_of(frame[label])
    return CompiledModel(
        kind=KIND, features=tuple(features.columns), heads=dict.fromkeys(heuristic.heads, head)
    )


def _mean_of(labels: pd.Series) -> Head:
    """A constant head that reads no input: the share of positives as a probability, or
    the mean of a number."""
    if labels.dtype == bool or set(labels.dropna().unique()) <= {0, 1}:
        rate = float(np.clip(labels.astype(float).mean(), 1e-6, 1 - 1e-6))
        return Head((), Linear(np.zeros(0), float(np.log(rate / (1 - rate))), "logistic"))
    return Head((), Linear(np.zeros(0), float(labels.astype(float).mean()), "identity"))
