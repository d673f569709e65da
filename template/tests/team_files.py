"""The sample tables written as a team's own files would be, and a config reading them."""

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES

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
