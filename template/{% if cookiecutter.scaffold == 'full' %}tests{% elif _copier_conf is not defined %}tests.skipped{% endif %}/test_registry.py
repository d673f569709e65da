"""The registry: versions, aliases, and files that cannot change unnoticed after registering.

The tests that take `open_registry` run on each registry the project has (conftest.py): the
same promises hold for the folder registry and for MLflow."""

import json

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import ArtifactError, NotReadyError
from {{ cookiecutter.package_name }}.models.registry import Registry, sha256

from model_examples import FEATURES, small_model


@pytest.fixture
def registered(open_registry, tmp_path):
    model, frame = small_model("gradient_boosting")
    registry = open_registry(tmp_path)
    version = registry.register(model, {"kind": "gradient_boosting"})
    registry.set_alias("champion", version)
    return registry, version, frame


def test_versions_count_up_and_aliases_point_at_them(open_registry, tmp_path):
    registry = open_registry(tmp_path)
    first = registry.register(small_model()[0], {"kind": "a"})
    second = registry.register(small_model()[0], {"kind": "b"})
    assert (first.version, second.version) == (1, 2)
    registry.set_alias("champion", first)
    registry.set_alias("champion", second)
    champion = registry.get("champion")
    assert champion.version == 2
    assert champion.metadata["kind"] == "b"


def test_a_loaded_version_scores_as_it_did_when_registered(registered):
    registry, version, frame = registered
    model, _ = small_model("gradient_boosting")
    loaded = registry.get("champion").load(FEATURES.columns)
    np.testing.assert_allclose(loaded.score(frame), model.score(frame), rtol=0, atol=1e-12)


def test_the_vocabularies_are_read_without_loading_the_model(registered):
    registry, _, _ = registered
    champion = registry.get("champion")
    learned = {"colour": frozenset({"red", "blue"})}
    assert champion.vocabularies() == champion.load().vocabularies() == learned
    (champion.folder / "model.json").write_text("{}")
    with pytest.raises(ArtifactError, match="model.json"):
        champion.vocabularies()


def test_no_file_of_a_version_is_a_pickle(registered):
    _, version, _ = registered
    for path in version.folder.iterdir():
        assert not path.read_bytes().startswith(b"\x80"), path.name


@pytest.mark.parametrize("file_name", ["model.json", "arrays.npz", "score.onnx", "metadata.json"])
def test_a_file_changed_after_registering_is_refused_naming_it(registered, file_name):
    registry, version, _ = registered
    path = version.folder / file_name
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(ArtifactError, match=f"{file_name} changed after it was registered"):
        registry.get("champion").load()


def test_a_version_folder_swapped_in_from_elsewhere_is_refused(registered, tmp_path):
    registry, version, _ = registered
    other = Registry(tmp_path / "elsewhere")
    other.register(small_model()[0], {})
    for path in (other.folder / "versions" / "1").iterdir():
        (version.folder / path.name).write_bytes(path.read_bytes())
    with pytest.raises(ArtifactError, match="changed after it was registered"):
        registry.get("champion").load()


def test_a_model_of_other_features_is_refused(registered):
    registry, _, _ = registered
    with pytest.raises(ArtifactError, match="trained on features"):
        registry.get("champion").load(["x", "colour", "new_feature"])


def test_an_old_pickled_model_is_never_loaded(tmp_path):
    registry = Registry(tmp_path)
    folder = registry.folder / "versions" / "1"
    folder.mkdir(parents=True)
    (folder / "model.joblib").write_bytes(b"\x80\x04anything")
    (registry.folder / "aliases.json").write_text(json.dumps({"champion": 1}))
    with pytest.raises(ArtifactError, match="pickle"):
        registry.get("champion").load()


def test_a_structure_that_is_not_a_model_is_refused_naming_the_file(tmp_path):
    registry = Registry(tmp_path)
    version = registry.register(small_model()[0], {})
    registry.set_alias("champion", version)
    (version.folder / "model.json").write_text(json.dumps({"format": 1, "kind": "x"}))
    index = json.loads((registry.folder / "index.json").read_text())
    index["1"]["model.json"] = sha256(version.folder / "model.json")
    (registry.folder / "index.json").write_text(json.dumps(index))
    with pytest.raises(ArtifactError, match="model.json is not a compiled model"):
        registry.get("champion").load()


def test_a_reference_is_saved_with_its_version_for_every_reader(open_registry, tmp_path):
    registry = open_registry(tmp_path)
    version = registry.register(small_model()[0], {})
    with pytest.raises(NotReadyError, match="evaluate"):
        version.reference()
    registry.save_evaluation(version, {"roc_auc": 0.9}, pd.DataFrame({"x": [1.0], "score": [0.5]}))
    assert version.reference()["score"].tolist() == [0.5]
    elsewhere = open_registry(tmp_path, reader="another-machine").version(version.version)
    assert elsewhere.reference()["score"].tolist() == [0.5]


def test_a_missing_alias_says_which_steps_to_run(open_registry, tmp_path):
    with pytest.raises(NotReadyError, match="run `train` and `evaluate`"):
        open_registry(tmp_path).get("champion")


def test_what_a_killed_registration_left_is_cleaned_and_never_aliased(tmp_path):
    registry = Registry(tmp_path)
    kept = registry.register(small_model()[0], {"kind": "a"})
    versions = registry.folder / "versions"
    (versions / ".staging-0123").mkdir()
    (versions / "2").mkdir()  # renamed into place, killed before the index was written
    (versions / "1" / ".reference.abc.tmp").write_bytes(b"")
    unindexed = registry.version(2)
    with pytest.raises(ArtifactError, match="not completely registered"):
        registry.set_alias("champion", unindexed)
    assert "champion" not in registry.aliases()
    removed = registry.clean_interrupted()
    assert len(removed) == 3
    assert sorted(path.name for path in versions.iterdir()) == ["1"]
    registry.set_alias("champion", kept)
    assert registry.get("champion").version == 1


def test_aliases_move_together_or_not_at_all(open_registry, tmp_path):
    registry = open_registry(tmp_path)
    first = registry.register(small_model()[0], {"kind": "a"})
    second = registry.register(small_model()[0], {"kind": "b"})
    (second.folder / "model.json").write_text("{}")  # damaged before it was aliased
    with pytest.raises(ArtifactError, match="model.json"):
        registry.set_aliases({"baseline": first, "challenger": second})
    assert registry.aliases() == {}
