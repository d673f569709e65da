"""The multi-head ranker: heads packed into one label, one model per head, one score."""

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import ModelSpec
from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.offline.feed_metrics import auc
from {{ cookiecutter.package_name }}.offline.heads import (
    HEADS,
    engagement_score,
    head_weights,
    pack,
    unpack,
)
from {{ cookiecutter.package_name }}.offline.train import fit

FEATURES = FeatureSet(numeric=("x", "y", "z"))


def engagements(rows: int = 3_000) -> pd.DataFrame:
    """Each head driven by its own column: a model per head has something distinct to learn."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(rows, 3)), columns=["x", "y", "z"])
    for head, column in zip(HEADS, ["x", "y", "z"], strict=True):
        frame[head] = rng.random(rows) < 1 / (1 + np.exp(-3 * frame[column]))
    return frame.assign(engagement=pack(frame))


def test_packing_keeps_every_head():
    frame = engagements(50)
    for head in HEADS:
        assert (unpack(frame["engagement"], head) == frame[head].astype(int)).all()


@pytest.mark.parametrize("head_kind", ["logistic_regression", "gradient_boosting"])
def test_each_head_learns_its_own_engagement(head_kind):
    frame = engagements()
    params = {"head": head_kind} | ({"max_iter": 30} if head_kind == "gradient_boosting" else {})
    model = fit(ModelSpec("per_head", params), FEATURES, frame, "engagement")
    scores = pd.DataFrame(model.head_scores(frame))
    assert list(scores.columns) == list(HEADS)
    for head, column in zip(HEADS, ["x", "y", "z"], strict=True):
        assert auc(frame[head], scores[head]) > 0.8
        assert np.corrcoef(scores[head], frame[column])[0, 1] > 0.8


def test_the_score_is_the_weighted_mean_of_the_heads():
    heads = pd.DataFrame({"clicked": [1.0, 0.0], "liked": [0.0, 1.0], "long_dwell": [0.0, 0.0]})
    score = engagement_score(heads, {"clicked": 1.0, "liked": 3.0, "long_dwell": 0.0})
    assert score.tolist() == [0.25, 0.75]


def test_an_unknown_head_kind_is_a_config_error():
    with pytest.raises(ConfigError, match="params.head"):
        fit(ModelSpec("per_head", {"head": "magic"}), FEATURES, engagements(100), "engagement")


@pytest.mark.parametrize(
    "weights",
    [
        None,
        {"clicked": 1.0},
        {"clicked": 1.0, "liked": -1.0, "long_dwell": 1.0},
        {"clicked": 0, "liked": 0, "long_dwell": 0},
        {"clicked": "a lot", "liked": 1, "long_dwell": 1},
    ],
)
def test_bad_task_weights_are_config_errors(config, weights):
    config.task["weights"] = weights
    with pytest.raises(ConfigError, match="task.weights"):
        head_weights(config)
