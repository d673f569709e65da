"""Vocabularies come from the data: each categorical column learns its values in training,
stores them with the model, and codes everything else as an explicit "other"."""

import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.config import ModelSpec
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.models.artifact import read_model, write_model
from {{ cookiecutter.package_name }}.models.compiled import OTHER
from {{ cookiecutter.package_name }}.monitoring.drift import DriftThresholds, compute_drift
from {{ cookiecutter.package_name }}.monitoring.report import write_report
from {{ cookiecutter.package_name }}.monitoring.trigger import decide
from {{ cookiecutter.package_name }}.offline.train import fit
from {{ cookiecutter.package_name }}.offline.vocabulary import MIN_CATEGORY_ROWS, VocabularyEncoder

FEATURES = FeatureSet(numeric=("x",), categorical=("plan",))


def training_rows(seed: int = 0, rows: int = 2_000) -> pd.DataFrame:
    """Three common plans with their own churn rates, and a long tail of rare ones that
    churn a lot: what "other" must learn."""
    rng = np.random.default_rng(seed)
    plan = rng.choice(["basic", "plus", "pro"], rows).astype(object)
    tail = rng.random(rows) < 0.1
    plan[tail] = [f"promo-{n}" for n in rng.integers(0, 10_000, tail.sum())]
    x = rng.normal(size=rows)
    rate = np.select([plan == "basic", plan == "pro"], [0.2, 0.05], 0.1)
    rate = np.where(tail, 0.6, rate)
    return pd.DataFrame({"x": x, "plan": plan, "label": (rng.random(rows) < rate).astype(int)})


def test_the_vocabulary_keeps_the_common_values_and_ends_with_other():
    frame = training_rows()
    encoder = VocabularyEncoder().fit(frame[["plan"]])
    (vocabulary,) = encoder.one_hot_.categories
    assert vocabulary == ("basic", "plus", "pro", OTHER)
    codes = encoder.transform(pd.DataFrame({"plan": ["pro", "promo-1", "never seen", None]}))
    assert codes.toarray().argmax(axis=1).tolist() == [2, 3, 3, 3]


def test_a_value_needs_enough_training_rows_to_get_its_own_code():
    values = ["a"] * MIN_CATEGORY_ROWS + ["b"] * (MIN_CATEGORY_ROWS - 1)
    encoder = VocabularyEncoder().fit(pd.DataFrame({"plan": values}))
    assert encoder.one_hot_.categories == (("a", OTHER),)


def test_the_model_stores_the_vocabulary_and_scores_unseen_values_as_other(tmp_path):
    frame = training_rows()
    for kind in ("logistic_regression", "gradient_boosting"):
        model = fit(ModelSpec(kind, {}), FEATURES, frame, "label")
        (tmp_path / kind).mkdir()
        write_model(model, tmp_path / kind)
        served = read_model(tmp_path / kind)
        assert served.vocabularies() == {"plan": frozenset({"basic", "plus", "pro"})}
        rows = pd.DataFrame({"x": [0.0, 0.0, 0.0], "plan": ["promo-7", "brand new", "basic"]})
        scores = served.score(rows)
        assert scores[0] == scores[1], kind  # one learned "other", whatever the new value
        if kind == "logistic_regression":
            assert scores[0] > scores[2]  # and it learned that the tail churns more


def test_drift_reports_the_share_of_values_the_model_did_not_learn(tmp_path):
    reference = pd.DataFrame({"plan": ["basic", "plus"] * 500, "score": 0.5})
    current = pd.DataFrame({"plan": ["basic"] * 700 + ["brand new"] * 300, "score": 0.5})
    drift = compute_drift(
        reference,
        current,
        ["plan"],
        "score",
        DriftThresholds(),
        vocabularies={"plan": {"basic", "plus"}},
    )
    assert drift.features[0].unseen_share == 0.3
    decision = decide(drift, DriftThresholds())
    assert "30.0%" in write_report(drift, decision, DriftThresholds(), tmp_path).read_text()
