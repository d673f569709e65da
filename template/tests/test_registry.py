import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import NotReadyError
from {{ cookiecutter.package_name }}.offline.registry import Registry


def test_versions_count_up_and_aliases_point_at_them(tmp_path):
    registry = Registry(tmp_path)
    first = registry.register({"weights": [1]}, {"kind": "a"})
    second = registry.register({"weights": [2]}, {"kind": "b"})
    assert (first.version, second.version) == (1, 2)
    registry.set_alias("champion", first)
    registry.set_alias("champion", second)
    champion = registry.get("champion")
    assert champion.version == 2
    assert champion.load() == {"weights": [2]}
    assert champion.metadata["kind"] == "b"


def test_a_reference_is_saved_with_its_version(tmp_path):
    version = Registry(tmp_path).register("model", {})
    with pytest.raises(NotReadyError, match="evaluate"):
        version.reference()
    version.save_reference(pd.DataFrame({"x": [1.0], "score": [0.5]}))
    assert version.reference()["score"].tolist() == [0.5]


def test_a_missing_alias_says_which_steps_to_run(tmp_path):
    with pytest.raises(NotReadyError, match="run `train` and `evaluate`"):
        Registry(tmp_path).get("champion")
