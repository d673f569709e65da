"""From a fitted scikit-learn pipeline to the compiled model the registry stores.

Every part of the model ladder (train.py) has an exact counterpart in models/compiled.py;
export reads the fitted numbers out of each part, and `compile_model` then scores a
sample of the training rows both ways and refuses a compiled model that disagrees. A
part it does not know is a ConfigError naming it, raised at training time, long before
anything is served.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import onnx
import pandas as pd
from onnx import TensorProto, helper, numpy_helper
from sklearn.base import is_classifier
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from ..errors import ConfigError
from ..features.views import FeatureSet
from ..models.compiled import (
    Block,
    CompiledModel,
    Hashed,
    Head,
    Linear,
    Numeric,
    OneHot,
    TextSummary,
    Tfidf,
    Trees,
)
from .vocabulary import VocabularyEncoder

SINGLE_HEAD = "score"
CHECKED_ROWS = 2_000
TOLERANCE = 1e-9  # scores must agree to this, relative to their size
REGRESSION_LINKS = {
    "squared_error": "identity",
    "absolute_error": "identity",
    "quantile": "identity",
    "poisson": "exp",
    "gamma": "exp",
}


def heads_of(model: Any) -> dict[str, Pipeline]:
    """A fitted model's pipelines by head: one `score`, or a multi-head model's `pipelines`."""
    if isinstance(model, Pipeline):
        return {SINGLE_HEAD: model}
    pipelines = getattr(model, "pipelines", None)
    if isinstance(pipelines, Mapping):
        return dict(pipelines)
    raise ConfigError(f"a {type(model).__name__} cannot be compiled for serving")


def reference_scores(pipeline: Pipeline, frame: pd.DataFrame, features: FeatureSet) -> np.ndarray:
    """What scikit-learn itself says: the positive class's probability, or the estimate."""
    inputs = frame[features.columns]
    if is_classifier(pipeline):
        return pipeline.predict_proba(inputs)[:, 1]
    return np.asarray(pipeline.predict(inputs), dtype=float)


def compile_model(
    model: Any, kind: str, features: FeatureSet, frame: pd.DataFrame
) -> CompiledModel:
    """The served form of `model`, checked against scikit-learn on rows of `frame`."""
    heads = {}
    for name, pipeline in heads_of(model).items():
        try:
            heads[name] = export_pipeline(pipeline)
        except (TypeError, ValueError) as error:
            raise ConfigError(
                f"model kind {kind!r} cannot be compiled for serving: {error}"
            ) from None
    compiled = CompiledModel(kind=kind, features=tuple(features.columns), heads=heads)
    sample = frame.head(CHECKED_ROWS)
    served = compiled.head_scores(sample)
    for name, pipeline in heads_of(model).items():
        expected = reference_scores(pipeline, sample, features)
        gap = np.abs(served[name] - expected) / np.maximum(1.0, np.abs(expected))
        if gap.size and not gap.max() <= TOLERANCE:
            raise ConfigError(
                f"model kind {kind!r}: the compiled model scores differ from scikit-learn's by "
                f"up to {gap.max():.3g} (head {name}); it cannot be served as trained"
            )
    return compiled


def export_pipeline(pipeline: Pipeline) -> Head:
    if not isinstance(pipeline, Pipeline) or len(pipeline.steps) != 2:
        raise TypeError("expected a pipeline of an encoder and an estimator")
    (_, encoder), (_, estimator) = pipeline.steps
    if not isinstance(encoder, ColumnTransformer):
        raise TypeError(f"the encoder is a {type(encoder).__name__}, not a ColumnTransformer")
    blocks = tuple(_blocks(encoder))
    width = sum(block.width for block in blocks)
    if isinstance(estimator, LogisticRegression):
        if list(estimator.classes_) != [0, 1]:
            raise ValueError("logistic regression is compiled for binary labels 0/1 only")
        return Head(
            blocks,
            Linear(estimator.coef_[0].astype(float), float(estimator.intercept_[0]), "logistic"),
        )
    if isinstance(estimator, Ridge):
        weights = np.asarray(estimator.coef_, dtype=float).reshape(-1)
        intercept = float(np.asarray(estimator.intercept_).reshape(-1)[0])
        return Head(blocks, Linear(weights, intercept, "identity"))
    if isinstance(estimator, HistGradientBoostingClassifier | HistGradientBoostingRegressor):
        if any(isinstance(block, Hashed | Tfidf) for block in blocks):
            raise ValueError("tree models read dense inputs: use one-hot codes or a text summary")
        return Head(blocks, _trees(estimator, width))
    raise TypeError(f"no compiled form of {type(estimator).__name__}")


def _blocks(encoder: ColumnTransformer) -> list[Block]:
    blocks: list[Block] = []
    for name, part, columns in encoder.transformers_:
        if name == "remainder":
            if not (isinstance(part, str) and part == "drop"):
                raise ValueError("the encoder must drop the columns it does not name")
            continue
        blocks.append(_block(part, columns))
    return blocks


def _block(part: Any, columns: Any) -> Block:
    if isinstance(part, str) and part == "passthrough":
        return Numeric(tuple(columns))
    if isinstance(part, FunctionTransformer) and part.func is None:  # how passthrough is fitted
        return Numeric(tuple(columns))
    if isinstance(part, StandardScaler):
        if not (part.with_mean and part.with_std):
            raise ValueError("StandardScaler is compiled with mean and scale only")
        return Numeric(tuple(columns), part.mean_.astype(float), part.scale_.astype(float))
    if isinstance(part, VocabularyEncoder):
        return part.one_hot_
    if isinstance(part, OneHotEncoder):
        if part.drop is not None or part.handle_unknown != "ignore":
            raise ValueError("one-hot codes are compiled with drop=None, handle_unknown='ignore'")
        if part.min_frequency is not None or part.max_categories is not None:
            raise ValueError("one-hot codes are compiled without infrequent categories")
        categories = tuple(tuple(str(value) for value in values) for values in part.categories_)
        return OneHot(tuple(columns), categories)
    if isinstance(part, Pipeline):
        steps = [step for _, step in part.steps]
        if (
            len(steps) == 2
            and isinstance(steps[0], FunctionTransformer)
            and isinstance(steps[1], FeatureHasher)
            and steps[1].input_type == "string"
        ):
            return Hashed(tuple(columns), int(steps[1].n_features), bool(steps[1].alternate_sign))
    if isinstance(part, TfidfVectorizer):
        return _tfidf(part, columns)
    words, svd = getattr(part, "words_", None), getattr(part, "svd_", None)
    if isinstance(words, TfidfVectorizer) and svd is not None:
        return TextSummary(_tfidf(words, columns), np.asarray(svd.components_, dtype=float))
    raise TypeError(f"no compiled form of the encoder {type(part).__name__}")


def _tfidf(vectorizer: TfidfVectorizer, column: Any) -> Tfidf:
    plain = (
        vectorizer.analyzer == "word"
        and vectorizer.tokenizer is None
        and vectorizer.preprocessor is None
        and vectorizer.stop_words is None
        and vectorizer.strip_accents is None
        and vectorizer.use_idf
        and not vectorizer.binary
    )
    if not plain or not isinstance(column, str):
        raise ValueError("TF-IDF is compiled for one text column, word n-grams, with idf")
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return Tfidf(
        column=column,
        vocabulary=tuple(vocabulary),
        idf=np.asarray(vectorizer.idf_, dtype=float),
        ngram_range=tuple(vectorizer.ngram_range),
        lowercase=bool(vectorizer.lowercase),
        token_pattern=str(vectorizer.token_pattern),
        sublinear_tf=bool(vectorizer.sublinear_tf),
        norm=vectorizer.norm,
    )


def _trees(model: Any, width: int) -> Trees:
    if isinstance(model, HistGradientBoostingClassifier):
        if len(model.classes_) != 2:
            raise ValueError("gradient boosting is compiled for binary labels only")
        link = "logistic"
    else:
        if model.loss not in REGRESSION_LINKS:
            raise ValueError(f"gradient boosting with loss {model.loss!r} is not compiled")
        link = REGRESSION_LINKS[model.loss]
    trees = [predictors[0].nodes for predictors in model._predictors]
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return Trees(tree_ensemble_graph(trees, width), width, baseline, link)


def tree_ensemble_graph(trees: list[np.ndarray], width: int) -> bytes:
    """The trees as one ONNX TreeEnsemble (ai.onnx.ml opset 5, float64 throughout).

    A node goes left when its value is <= the threshold, and a missing value goes the way
    training sent missing values, as in scikit-learn. A tree that is a single leaf gets a
    split whose two sides both lead to it.
    """
    roots, features, splits, missing = [], [], [], []
    true_ids, true_leaf, false_ids, false_leaf, leaf_values = [], [], [], [], []
    for nodes in trees:
        if nodes["is_categorical"].any():
            raise ValueError("trees with native categorical splits are not compiled")
        leaves = {
            int(i): len(leaf_values) + k for k, i in enumerate(np.flatnonzero(nodes["is_leaf"]))
        }
        leaf_values.extend(float(nodes[i]["value"]) for i in leaves)
        internal = [int(i) for i in np.flatnonzero(~nodes["is_leaf"].astype(bool))]
        if not internal:  # a stump: both sides of one split lead to its only leaf
            roots.append(len(features))
            features.append(0)
            splits.append(0.0)
            missing.append(1)
            for ids, is_leaf in ((true_ids, true_leaf), (false_ids, false_leaf)):
                ids.append(leaves[0])
                is_leaf.append(1)
            continue
        positions = {node: len(features) + k for k, node in enumerate(internal)}
        roots.append(positions[0])
        for node in internal:
            row = nodes[node]
            features.append(int(row["feature_idx"]))
            splits.append(float(row["num_threshold"]))
            missing.append(int(row["missing_go_to_left"]))
            for child, ids, is_leaf in (
                (int(row["left"]), true_ids, true_leaf),
                (int(row["right"]), false_ids, false_leaf),
            ):
                if child in leaves:
                    ids.append(leaves[child])
                    is_leaf.append(1)
                else:
                    ids.append(positions[child])
                    is_leaf.append(0)
    node = helper.make_node(
        "TreeEnsemble",
        ["X"],
        ["Y"],
        domain="ai.onnx.ml",
        aggregate_function=1,  # sum
        post_transform=0,  # none: the link is applied in numpy, like scikit-learn does
        n_targets=1,
        tree_roots=roots,
        nodes_featureids=features,
        nodes_splits=numpy_helper.from_array(np.asarray(splits, dtype=np.float64), "splits"),
        nodes_modes=numpy_helper.from_array(np.zeros(len(features), dtype=np.uint8), "modes"),
        nodes_truenodeids=true_ids,
        nodes_trueleafs=true_leaf,
        nodes_falsenodeids=false_ids,
        nodes_falseleafs=false_leaf,
        nodes_missing_value_tracks_true=missing,
        leaf_targetids=[0] * len(leaf_values),
        leaf_weights=numpy_helper.from_array(np.asarray(leaf_values, dtype=np.float64), "leaves"),
    )
    graph = helper.make_graph(
        [node],
        "trees",
        [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, width])],
        [helper.make_tensor_value_info("Y", TensorProto.DOUBLE, [None, 1])],
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 21), helper.make_opsetid("ai.onnx.ml", 5)]
    )
    model.ir_version = 10
    onnx.checker.check_model(model)
    return model.SerializeToString()
