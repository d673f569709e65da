"""Bringing your own data: files in, checked against the schemas, into the lake."""

import pandas as pd
import pytest
import yaml

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.errors import ConfigError, DataError
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.ingest import ingest

from conftest import write_config
from preset_settings import SMALL_SAMPLE


def team_files(tmp_path):
    """The sample tables written as a team would have them: CSV and parquet files, and
    the first table's first column under a name of the team's own."""
    tables = sample_data.generate(**SMALL_SAMPLE)
    first = next(iter(TABLES))
    key = TABLES[first].columns[0].name
    specs = {}
    for index, (name, frame) in enumerate(tables.items()):
        if name == first:
            frame = frame.rename(columns={key: "their_key"})
        path = tmp_path / "raw" / (f"{name}.csv" if index % 2 == 0 else f"{name}.parquet")
        path.parent.mkdir(exist_ok=True)
        frame.to_csv(path, index=False) if path.suffix == ".csv" else frame.to_parquet(path)
        specs[name] = {"path": str(path)}
    specs[first]["columns"] = {"their_key": key}
    return tables, specs


def files_config(tmp_path, specs):
    return load_config(write_config(tmp_path, data={"source": "files", "tables": specs}))


def test_team_files_with_a_column_mapping_land_in_the_lake(tmp_path):
    tables, specs = team_files(tmp_path)
    rows = ingest(files_config(tmp_path, specs))
    assert rows == {name: len(frame) for name, frame in tables.items()}
    for name in TABLES:
        assert len(lake.read_table(tmp_path / "lake", name)) == len(tables[name])


def test_a_bad_row_stops_ingest_names_the_row_and_keeps_the_lake_as_it_was(tmp_path):
    tables, specs = team_files(tmp_path)
    config = files_config(tmp_path, specs)
    ingest(config)
    before = {name: len(lake.read_table(config.paths.lake, name)) for name in TABLES}
    name, schema = next(iter(TABLES.items()))
    broken = tables[name].copy()
    broken[schema.timestamp] = broken[schema.timestamp].astype(str)
    broken.loc[1, schema.timestamp] = "not a date"
    broken.to_csv(tmp_path / "broken.csv", index=False)
    specs[name] = {"path": str(tmp_path / "broken.csv")}
    with pytest.raises(DataError, match=r"row 2 \('not a date'\)"):
        ingest(files_config(tmp_path, specs))
    after = {name: len(lake.read_table(config.paths.lake, name)) for name in TABLES}
    assert after == before


def test_a_missing_file_is_named(tmp_path):
    _, specs = team_files(tmp_path)
    name = next(iter(specs))
    specs[name] = {"path": str(tmp_path / "nowhere.csv")}
    with pytest.raises(DataError, match="nowhere.csv: no such file"):
        ingest(files_config(tmp_path, specs))


def test_a_table_without_a_path_is_named(tmp_path):
    _, specs = team_files(tmp_path)
    missing = specs.pop(next(iter(specs)))
    assert missing
    with pytest.raises(ConfigError, match="no entry for"):
        ingest(files_config(tmp_path, specs))


def test_the_sample_data_is_reproducible():
    first, second = sample_data.generate(**SMALL_SAMPLE), sample_data.generate(**SMALL_SAMPLE)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_an_unknown_sample_setting_is_a_config_error(tmp_path):
    path = write_config(tmp_path)
    raw = yaml.safe_load(path.read_text())
    raw["data"]["sample"]["colour"] = "blue"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ConfigError, match="data.sample"):
        ingest(load_config(path))
