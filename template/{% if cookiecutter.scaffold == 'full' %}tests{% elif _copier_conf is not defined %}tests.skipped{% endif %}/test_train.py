import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import ModelSpec
from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.offline.train import fit, score

FEATURES = FeatureSet(numeric=("x",), categorical=("colour",))


def separable(rows: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    x = rng.normal(size=rows)
    return pd.DataFrame(
        {"x": x, "colour": rng.choice(["red", "blue"], rows), "label": (x > 0).astype(int)}
    )


@pytest.mark.parametrize(
    "kind", ["logistic_regression", "hashed_logistic_regression", "gradient_boosting"]
)
def test_each_classifier_learns_a_separable_problem(kind):
    frame = separable()
    model = fit(ModelSpec(kind, {}), FEATURES, frame, "label")
    scores = score(model, frame, FEATURES)
    assert ((scores > 0.5) == frame["label"].astype(bool)).mean() > 0.9


@pytest.mark.parametrize("kind", ["ridge", "gradient_boosting_regressor"])
def test_each_regressor_learns_a_linear_trend(kind):
    frame = separable().assign(target=lambda f: 3.0 * f["x"] + 1.0)
    model = fit(ModelSpec(kind, {}), FEATURES, frame, "target")
    error = (score(model, frame, FEATURES) - frame["target"]).abs().mean()
    assert error < 0.25 * frame["target"].abs().mean()


def test_text_is_vectorized_inside_the_model():
    rng = np.random.default_rng(1)
    spam = rng.random(300) < 0.5
    words = np.where(spam, "cheap pills buy now", "meeting notes for monday")
    frame = pd.DataFrame({"x": rng.normal(size=300), "text": words, "label": spam.astype(int)})
    features = FeatureSet(numeric=("x",), text="text")
    for kind in ("logistic_regression", "gradient_boosting"):
        model = fit(ModelSpec(kind, {}), features, frame, "label")
        assert ((score(model, frame, features) > 0.5) == spam).mean() > 0.95


def test_an_unknown_model_kind_lists_the_known_ones():
    with pytest.raises(ConfigError, match="logistic_regression, hashed_logistic_regression"):
        fit(ModelSpec("deep_net", {}), FEATURES, separable(), "label")


def test_a_bad_parameter_is_a_config_error():
    with pytest.raises(ConfigError, match="bad params"):
        fit(ModelSpec("logistic_regression", {"depth": 3}), FEATURES, separable(), "label")


def test_one_label_value_cannot_be_learnt():
    with pytest.raises(ConfigError, match="only one value"):
        fit(ModelSpec("logistic_regression", {}), FEATURES, separable().assign(label=1), "label")
