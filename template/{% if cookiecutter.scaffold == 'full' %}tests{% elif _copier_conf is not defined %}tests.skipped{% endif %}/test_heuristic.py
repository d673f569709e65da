"""Rung 0: the heuristic is a served model like any other, stored as plain data."""

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.features.definitions import MODEL_FEATURES
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.models.artifact import read_model, write_model
from {{ cookiecutter.package_name }}.models.registry import Registry
from {{ cookiecutter.package_name }}.offline.evaluate import HEURISTIC
from {{ cookiecutter.package_name }}.offline.heuristic import Heuristic, compile_heuristic
from {{ cookiecutter.package_name }}.online.app import example_requests

from answers import answering
from conftest import copy_project

FEATURES = FeatureSet(numeric=("clicks", "views"), categorical=("colour",))


def rows(labels) -> pd.DataFrame:
    count = len(labels)
    return pd.DataFrame(
        {
            "clicks": np.arange(count, dtype=float),
            "views": np.linspace(1, 2, count),
            "colour": ["red"] * count,
            "label": labels,
        }
    )


def test_a_weighted_heuristic_scores_the_weighted_sum_of_its_features(tmp_path):
    frame = rows([0, 1, 0, 1])
    heuristic = Heuristic("clicks", {"clicks": 1.0, "views": 0.5})
    model = compile_heuristic(heuristic, FEATURES, frame, "label")
    expected = frame["clicks"] + 0.5 * frame["views"]
    np.testing.assert_allclose(model.score(frame), expected)
    write_model(model, tmp_path)
    np.testing.assert_allclose(read_model(tmp_path).score(frame), expected)


def test_without_weights_it_is_the_base_rate_of_a_label_or_the_mean_of_a_target():
    frame = rows([True, False, False, False])
    rate = compile_heuristic(Heuristic("base rate"), FEATURES, frame, "label")
    np.testing.assert_allclose(rate.score(frame.head(2)), [0.25, 0.25])
    numbers = frame.assign(label=[3.0, 5.0, 7.0, 9.0])
    mean = compile_heuristic(Heuristic("mean"), FEATURES, numbers, "label")
    np.testing.assert_allclose(mean.score(numbers), [6.0] * 4)


def test_a_heuristic_gives_every_head_of_a_multi_task_model_the_same_score():
    frame = rows([0, 1, 1])
    model = compile_heuristic(
        Heuristic("clicks", {"clicks": 1.0}, ("click", "like")), FEATURES, frame, "label"
    )
    scores = model.head_scores(frame)
    assert list(scores) == ["click", "like"]
    np.testing.assert_allclose(scores["click"], scores["like"])


def test_a_heuristic_over_a_feature_the_model_does_not_have_is_refused():
    with pytest.raises(ValueError, match="colour"):
        compile_heuristic(Heuristic("colour", {"colour": 1.0}), FEATURES, rows([0, 1]), "label")


def test_the_presets_heuristic_reads_model_features():
    assert set(HEURISTIC.weights) <= set(MODEL_FEATURES.numeric)


def test_the_heuristic_can_be_champion_and_it_serves(trained, tmp_path):
    copied = load_config(copy_project(trained[0], tmp_path))
    registry = Registry(copied.paths.registry)
    heuristic = registry.get("heuristic")
    assert heuristic.metadata["kind"] == "heuristic"
    registry.set_alias("champion", heuristic)
    example = example_requests(copied, 1)[0]
    with answering(copied) as answer:
        assert answer(example["body"])["model_version"] == heuristic.version
