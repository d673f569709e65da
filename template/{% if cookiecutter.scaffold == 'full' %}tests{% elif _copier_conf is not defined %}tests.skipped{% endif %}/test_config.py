from pathlib import Path

import pytest
import yaml

from {{ cookiecutter.package_name }}.config import load_config, snapshot_supported
from {{ cookiecutter.package_name }}.errors import ConfigError

from conftest import PROJECT, write_config


def test_the_project_s_config_loads():
    config = load_config(PROJECT / "config" / "pipeline.yaml")
    assert config.root == PROJECT
    assert config.source in ("sample", "files", "snapshot")


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


def with_table(tmp_path: Path, **spec) -> Path:
    def edit(raw):
        raw["data"]["tables"] = {"events": {"path": "data/raw/events.csv", **spec}}

    return edited(tmp_path, edit)


def test_a_table_source_reads_its_csv_epoch_and_boolean_options(tmp_path):
    path = with_table(
        tmp_path,
        csv={"separator": "\t", "header": False, "names": ["a", "b"], "encoding": "latin-1"},
        epoch_units={"b": "ms"},
        true_values=["Yes", "Y"],
        false_values=["No"],
        unknown_references="drop",
    )
    source = load_config(path).tables["events"]
    assert (source.csv.separator, source.csv.header, source.csv.names) == ("\t", False, ("a", "b"))
    assert source.epoch_units == {"b": "ms"} and source.true_values == ("Yes", "Y")
    assert source.unknown_references == "drop"


@pytest.mark.parametrize(
    ("spec", "named"),
    [
        ({"seperator": ","}, "'seperator'"),
        ({"csv": {"header": False}}, "names"),
        ({"csv": {"sep": ";"}}, "'sep'"),
        ({"epoch_units": {"at": "seconds"}}, "s, ms, us"),
        ({"unknown_references": "ignore"}, "fail, drop"),
    ],
)
def test_a_wrong_table_option_is_named_with_what_it_can_be(tmp_path, spec, named):
    with pytest.raises(ConfigError, match=named):
        load_config(with_table(tmp_path, **spec))


def test_an_unquoted_yes_in_true_values_is_refused_because_yaml_reads_it_as_a_boolean(tmp_path):
    path = with_table(tmp_path, true_values=["WORD"])
    path.write_text(path.read_text().replace("WORD", "Yes"))  # as a person would type it
    with pytest.raises(ConfigError, match="quote each value"):
        load_config(path)


def test_a_config_reading_team_files_needs_no_sample_section(tmp_path):
    def switch(raw):
        raw["data"] = {"source": "files", "tables": {"events": {"path": "events.csv"}}}

    config = load_config(edited(tmp_path, switch))
    assert config.source == "files" and config.sample == {}


def test_the_snapshot_shape_is_offered_only_where_it_is_built(tmp_path):
    path = edited(tmp_path, lambda raw: raw["data"].update(source="snapshot"))
    if not snapshot_supported():
        with pytest.raises(ConfigError, match="classification and ETA presets"):
            load_config(path)
        return
    with pytest.raises(ConfigError, match="snapshot"):
        load_config(path)  # and data.snapshot is missing
    spec = {"path": "data/raw/table.csv", "label": "outcome", "seed": 3}
    path = edited(tmp_path, lambda raw: raw["data"].update(source="snapshot", snapshot=spec))
    with pytest.raises(ConfigError, match="unknown key 'seed'"):
        load_config(path)
    spec = {"path": "data/raw/table.csv", "ignore": ["notes"]}
    path = edited(tmp_path, lambda raw: raw["data"].update(source="snapshot", snapshot=spec))
    with pytest.raises(ConfigError, match="`label` is missing"):
        load_config(path)
