"""Categorical columns encoded over a vocabulary learned from the training rows.

Each column keeps the values seen at least `min_rows` times; every other value, rare in
training or new at serving, is coded as the explicit `OTHER` category, so a model learns a
weight for "something else" instead of treating it as nothing. The learned vocabulary is
the compiled `OneHot` block itself: training, evaluation and the gateway encode through
the same object, and the registry stores it with the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from ..models.compiled import OTHER, OneHot

MIN_CATEGORY_ROWS = 5  # a value seen fewer times in training is coded as OTHER


class VocabularyEncoder(TransformerMixin, BaseEstimator):
    """One-hot codes over each column's learned vocabulary, `OTHER` last."""

    def __init__(self, min_rows: int = MIN_CATEGORY_ROWS, sparse: bool = True) -> None:
        self.min_rows = min_rows
        self.sparse = sparse

    def fit(self, frame: pd.DataFrame, target: object = None) -> VocabularyEncoder:
        frame = pd.DataFrame(frame)
        vocabularies = []
        for name in frame.columns:
            counts = pd.Series(np.asarray(frame[name], dtype=object)).map(str).value_counts()
            kept = sorted(value for value, rows in counts.items() if rows >= self.min_rows)
            vocabularies.append((*(value for value in kept if value != OTHER), OTHER))
        self.one_hot_ = OneHot(tuple(str(name) for name in frame.columns), tuple(vocabularies))
        return self

    def transform(self, frame: pd.DataFrame):
        frame = pd.DataFrame(frame, columns=list(self.one_hot_.columns))
        matrix = self.one_hot_.matrix(frame, len(frame))
        return matrix if self.sparse else matrix.toarray()

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        one_hot = self.one_hot_
        names = [
            f"{name}={value}"
            for name, values in zip(one_hot.columns, one_hot.categories, strict=True)
            for value in values
        ]
        return np.array(names, dtype=object)
