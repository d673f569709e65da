"""A small model to register, and the frame it learned from, for the registry's tests; and
a model that scores NaN whatever it reads, for the tests of a model gone wrong."""

from __future__ import annotations

import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.config import ModelSpec
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.models.compiled import CompiledModel, Head, Linear
from {{ cookiecutter.package_name }}.offline.train import fit

FEATURES = FeatureSet(numeric=("x",), categorical=("colour",))


def small_model(kind: str = "logistic_regression") -> tuple[CompiledModel, pd.DataFrame]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=200)
    frame = pd.DataFrame(
        {"x": x, "colour": rng.choice(["red", "blue"], 200), "label": (x > 0).astype(int)}
    )
    return fit(ModelSpec(kind, {}), FEATURES, frame, "label"), frame


def scoring_nan(model: CompiledModel) -> CompiledModel:
    """`model`'s inputs and heads, each head scoring NaN."""
    broken = Head((), Linear(np.zeros(0), float("nan"), "identity"))
    return CompiledModel(model.kind, model.features, dict.fromkeys(model.heads, broken))
