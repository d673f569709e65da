"""The sample tables written as a team's own files would be, and a config reading them."""

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.offline import pipeline
from {{ cookiecutter.package_name }}.offline.promotion import LADDER, LOWER_IS_BETTER

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


def run_on_team_tables(make_config, raw, write_tables, **sections):
    """The whole offline loop on a team's files: `write_tables(raw)` writes them into the
    folder `raw` and returns their `data.tables`; `sections` add to the config. Returns the
    config, the run's result and the lines it printed (printed here too, for a failing
    test's report)."""
    raw.mkdir(parents=True)
    tables = write_tables(raw)
    config = load_config(make_config(data={"source": "files", "tables": tables}, **sections))
    lines: list[str] = []
    result = pipeline.run_all(config, echo=lines.append)
    print("\n".join(lines))
    return config, result, lines


def rung_the_gate_serves(config, metrics: dict[str, dict[str, float]]) -> str:
    """The highest rung of the ladder that beats every rung below it by the margin, on the
    primary metric in its own direction: what the promotion gate must serve."""
    primary, margin = config.primary_metric, config.min_improvement
    sign = -1.0 if primary in LOWER_IS_BETTER else 1.0

    def clears_every_rung_below(rung: str) -> bool:
        below = LADDER[: LADDER.index(rung)]
        return all(sign * (metrics[rung][primary] - metrics[r][primary]) >= margin for r in below)

    return [rung for rung in LADDER if clears_every_rung_below(rung)][-1]
