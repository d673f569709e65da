"""Bringing your own data: files in, checked against the schemas, into the lake."""

import dataclasses

import pandas as pd
import pytest
import yaml

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.errors import ConfigError, DataError
from {{ cookiecutter.package_name }}.offline import lake
from {{ cookiecutter.package_name }}.offline.ingest import ingest
from {{ cookiecutter.package_name }}.schema import Column

from conftest import write_config
from preset_settings import SMALL_SAMPLE
from team_files import files_config, team_files


def test_team_files_with_a_column_mapping_land_in_the_lake(tmp_path):
    tables, specs = team_files(tmp_path)
    report = ingest(files_config(tmp_path, specs))
    assert report.rows == {name: len(frame) for name, frame in tables.items()}
    assert report.ignored_columns == report.dropped_rows == {}
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


def first_table_with(predicate):
    return next(name for name, schema in TABLES.items() if predicate(schema))


def rewrite(tmp_path, specs, name, frame, **options):
    path = tmp_path / "raw" / f"{name}-rewritten.parquet"
    frame.to_parquet(path)
    specs[name] = {"path": str(path), **options}
    return specs


def epoch_seconds(values):
    return (values - pd.Timestamp("1970-01-01")) // pd.Timedelta(seconds=1)


def test_epoch_timestamps_are_refused_until_their_unit_is_declared(tmp_path):
    tables, specs = team_files(tmp_path)
    name = next(iter(TABLES))
    column = TABLES[name].timestamp
    frame = tables[name].assign(**{column: epoch_seconds(tables[name][column])})
    rewrite(tmp_path, specs, name, frame)
    with pytest.raises(DataError, match="holds numbers .*epoch_units: .?" + column + ": s"):
        ingest(files_config(tmp_path, specs))
    rewrite(tmp_path, specs, name, frame, epoch_units={column: "s"})
    ingest(files_config(tmp_path, specs))
    landed = lake.read_table(tmp_path / "lake", name)[column].sort_values(ignore_index=True)
    expected = tables[name][column].dt.floor("s").sort_values(ignore_index=True)
    assert (landed.to_numpy() == expected.to_numpy()).all()


def test_epoch_milliseconds_declared_as_seconds_are_refused_naming_the_unit(tmp_path):
    tables, specs = team_files(tmp_path)
    name = next(iter(TABLES))
    column = TABLES[name].timestamp
    milliseconds = epoch_seconds(tables[name][column]) * 1000
    rewrite(tmp_path, specs, name, tables[name].assign(**{column: milliseconds}))
    specs[name]["epoch_units"] = {column: "s"}
    with pytest.raises(DataError, match="check the unit"):
        ingest(files_config(tmp_path, specs))


def test_a_csv_with_its_own_separator_encoding_quoting_and_no_header_is_read(tmp_path):
    tables, specs = team_files(tmp_path)
    name = next(iter(TABLES))
    frame = tables[name]
    path = tmp_path / "raw" / f"{name}.txt"
    frame.to_csv(path, sep="|", header=False, index=False, encoding="latin-1", quotechar="'")
    specs[name] = {
        "path": str(path),
        "format": "csv",
        "csv": {
            "separator": "|",
            "header": False,
            "names": list(frame.columns),
            "encoding": "latin-1",
            "quote_char": "'",
        },
    }
    assert ingest(files_config(tmp_path, specs)).rows[name] == len(frame)


def test_a_file_in_another_encoding_names_the_encoding_option(tmp_path):
    tables, specs = team_files(tmp_path)
    name = next(iter(TABLES))
    path = tmp_path / "raw" / f"{name}.csv"
    path.write_bytes(path.read_bytes() + "café,\n".encode("latin-1"))
    specs[name] = {"path": str(path)}
    with pytest.raises(DataError, match="encoding"):
        ingest(files_config(tmp_path, specs))


def test_columns_outside_the_schema_are_reported_as_ignored(tmp_path):
    tables, specs = team_files(tmp_path)
    name = next(iter(TABLES))
    rewrite(tmp_path, specs, name, tables[name].assign(their_notes="x", their_score=1))
    report = ingest(files_config(tmp_path, specs))
    assert report.ignored_columns == {name: ["their_notes", "their_score"]}


def test_every_declared_reference_names_a_table_and_its_column():
    for schema in TABLES.values():
        for column in schema.columns:
            if column.parent is not None:
                table, key = column.parent
                assert key in TABLES[table].column_names, (schema.name, column.name)


def test_rows_naming_an_unknown_parent_are_refused_with_a_count_or_dropped(tmp_path):
    tables, specs = team_files(tmp_path)
    name = first_table_with(lambda schema: any(c.parent for c in schema.columns))
    column = next(c for c in TABLES[name].columns if c.parent).name
    orphans = tables[name].head(2).assign(**{column: ["nobody-1", "nobody-2"]})
    frame = pd.concat([tables[name], orphans], ignore_index=True)
    rewrite(tmp_path, specs, name, frame)
    with pytest.raises(DataError, match=rf"`{column}`: 2 of .* rows .*'nobody-1'.*drop"):
        ingest(files_config(tmp_path, specs))
    specs[name]["unknown_references"] = "drop"
    report = ingest(files_config(tmp_path, specs))
    assert report.dropped_rows == {name: 2}
    assert report.rows[name] == len(tables[name])


def test_an_empty_file_or_folder_says_that_it_is_empty(tmp_path):
    _, specs = team_files(tmp_path)
    name = next(iter(specs))
    (tmp_path / "empty.csv").write_text("")
    specs[name] = {"path": str(tmp_path / "empty.csv")}
    with pytest.raises(DataError, match="the file is empty"):
        ingest(files_config(tmp_path, specs))
    (tmp_path / "empty_folder").mkdir()
    specs[name] = {"path": str(tmp_path / "empty_folder")}
    with pytest.raises(DataError, match="the folder is empty"):
        ingest(files_config(tmp_path, specs))


def test_a_declared_column_the_data_lacks_arrives_empty_when_it_may(tmp_path, monkeypatch):
    """A team declares a new column: the sample (which does not make it) still loads, and so
    do files without it when it is nullable; its features then take their defaults."""
    name, schema = next(iter(TABLES.items()))

    def declare(column: Column) -> None:
        added = dataclasses.replace(schema, columns=(*schema.columns, column))
        monkeypatch.setitem(TABLES, name, added)

    seats = Column("added_by_this_test", "float", nullable=True)
    declare(seats)
    report = ingest(load_config(write_config(tmp_path / "sample")))
    assert seats.name in report.empty_columns[name]
    assert lake.read_table(tmp_path / "sample" / "lake", name)[seats.name].isna().all()
    _, specs = team_files(tmp_path)
    assert seats.name in ingest(files_config(tmp_path, specs)).empty_columns[name]
    declare(dataclasses.replace(seats, nullable=False))
    with pytest.raises(DataError, match="has no column 'added_by_this_test'"):
        ingest(files_config(tmp_path, specs))
