from pathlib import Path

import pytest
import yaml

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.errors import ConfigError

from conftest import PROJECT, write_config


def test_the_shipped_config_loads():
    config = load_config(PROJECT / "config" / "pipeline.yaml")
    assert config.source == "sample"
    assert config.root == PROJECT
    assert config.paths.lake == PROJECT / "data" / "lake"


def edited(tmp_path: Path, edit) -> Path:
    path = write_config(tmp_path)
    raw = yaml.safe_load(path.read_text())
    edit(raw)
    path.write_text(yaml.safe_dump(raw))
    return path


def test_a_missing_file_says_where_it_looked(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")


def test_a_missing_key_is_named(tmp_path):
    path = edited(tmp_path, lambda raw: raw["promotion"].pop("primary_metric"))
    with pytest.raises(ConfigError, match="primary_metric"):
        load_config(path)


def test_a_value_of_the_wrong_kind_is_named(tmp_path):
    path = edited(tmp_path, lambda raw: raw["training"].update(test_days="soon"))
    with pytest.raises(ConfigError, match="test_days"):
        load_config(path)


def test_an_unknown_source_lists_the_choices(tmp_path):
    path = edited(tmp_path, lambda raw: raw["data"].update(source="database"))
    with pytest.raises(ConfigError, match="sample, files"):
        load_config(path)


def test_invalid_yaml_is_reported(tmp_path):
    path = tmp_path / "config" / "pipeline.yaml"
    path.parent.mkdir()
    path.write_text("paths: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(path)
