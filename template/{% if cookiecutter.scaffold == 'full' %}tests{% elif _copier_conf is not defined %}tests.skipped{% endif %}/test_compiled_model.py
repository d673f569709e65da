"""The compiled model scores exactly as the scikit-learn pipeline it came from, from plain files."""

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import ModelSpec
from {{ cookiecutter.package_name }}.errors import ArtifactError
from {{ cookiecutter.package_name }}.features.views import FeatureSet
from {{ cookiecutter.package_name }}.models.artifact import read_model, write_model
from {{ cookiecutter.package_name }}.offline.export import compile_model, heads_of, reference_scores
from {{ cookiecutter.package_name }}.offline.train import fit_pipeline

WORDS = ["cheap", "pills", "buy", "now", "meeting", "notes", "monday", "Free!", "café"]


def mixed_rows(rows: int = 600, seed: int = 0) -> pd.DataFrame:
    """Numbers with gaps, categories and free text: every kind of input a model reads."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=rows)
    y = rng.normal(size=rows)
    y[rng.random(rows) < 0.1] = np.nan
    text = [" ".join(rng.choice(WORDS, rng.integers(0, 6))) for _ in range(rows)]
    colour = rng.choice(["red", "blue", "green"], rows)
    label = (x + np.nan_to_num(y) + (colour == "red") + rng.normal(0, 0.5, rows)) > 0.5
    return pd.DataFrame(
        {"x": x, "y": y, "colour": colour, "text": text, "label": label.astype(int)}
    ).assign(target=lambda f: 2.0 * f["x"] - f["label"])


NUMERIC = FeatureSet(numeric=("x", "y"), categorical=("colour",))
FILLED = FeatureSet(numeric=("x",), categorical=("colour",))
TEXT = FeatureSet(numeric=("x",), categorical=("colour",), text="text")

CASES = [
    ("logistic_regression", FILLED, "label"),
    ("logistic_regression", TEXT, "label"),
    ("hashed_logistic_regression", FILLED, "label"),
    ("gradient_boosting", NUMERIC, "label"),
    ("gradient_boosting", TEXT, "label"),
    ("ridge", FILLED, "target"),
    ("gradient_boosting_regressor", NUMERIC, "target"),
]


@pytest.mark.parametrize(("kind", "features", "label"), CASES)
def test_compiled_scores_equal_scikit_learns_on_rows_it_never_saw(kind, features, label, tmp_path):
    train, unseen = mixed_rows(seed=0), mixed_rows(rows=300, seed=1)
    unseen.loc[:20, "colour"] = "purple"  # a category training never saw
    fitted = fit_pipeline(ModelSpec(kind, {}), features, train, label)
    write_model(compile_model(fitted, kind, features, train), tmp_path)
    loaded = read_model(tmp_path)
    expected = reference_scores(heads_of(fitted)["score"], unseen, features)
    np.testing.assert_allclose(loaded.score(unseen), expected, rtol=1e-9, atol=1e-12)


def test_one_row_scores_as_it_does_inside_a_frame(tmp_path):
    frame = mixed_rows()
    fitted = fit_pipeline(ModelSpec("gradient_boosting", {}), NUMERIC, frame, "label")
    model = compile_model(fitted, "gradient_boosting", NUMERIC, frame)
    whole = model.score(frame)
    row = {name: np.asarray(frame[name])[5:6] for name in NUMERIC.columns}
    assert model.score(row)[0] == pytest.approx(whole[5], abs=1e-15)


def test_a_tree_that_is_a_single_leaf_still_compiles(tmp_path):
    frame = mixed_rows().assign(x=0.0, y=0.0, colour="red")  # nothing to split on
    frame.loc[::2, "label"] = 1 - frame.loc[::2, "label"]
    fitted = fit_pipeline(ModelSpec("gradient_boosting", {"max_iter": 3}), NUMERIC, frame, "label")
    model = compile_model(fitted, "gradient_boosting", NUMERIC, frame)
    expected = reference_scores(fitted, frame, NUMERIC)
    np.testing.assert_allclose(model.score(frame), expected, rtol=1e-12)


def test_corrupt_files_are_refused_naming_the_file(tmp_path):
    frame = mixed_rows()
    fitted = fit_pipeline(ModelSpec("gradient_boosting", {}), NUMERIC, frame, "label")
    write_model(compile_model(fitted, "gradient_boosting", NUMERIC, frame), tmp_path)
    (tmp_path / "score.onnx").write_bytes(b"not a graph")
    with pytest.raises(ArtifactError, match=r"score\.onnx is not a tree ensemble"):
        read_model(tmp_path)
    (tmp_path / "arrays.npz").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ArtifactError, match=r"arrays\.npz is not a numpy archive"):
        read_model(tmp_path)
    (tmp_path / "model.json").write_text("{not json")
    with pytest.raises(ArtifactError, match=r"model\.json is not JSON"):
        read_model(tmp_path)
