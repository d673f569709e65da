"""Offline runs are all or nothing: one step at a time, aliases from one run, and a run
killed at any step leaves nothing that the next one trips on."""

import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from {{ cookiecutter.package_name }}.cli import app
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.entities import TABLES
from {{ cookiecutter.package_name }}.errors import NotReadyError
from {{ cookiecutter.package_name }}.feature_store import online_store
from {{ cookiecutter.package_name }}.features.definitions import VIEWS
from {{ cookiecutter.package_name }}.models.registry import Registry
from {{ cookiecutter.package_name }}.offline import lake, pipeline, runs
from {{ cookiecutter.package_name }}.offline.promotion import LADDER

from conftest import write_config

ALIASES = (*LADDER, "champion")
STEPS = tuple(pipeline.STEPS)
KILL_AFTER_SECONDS = 0.4  # into the step: past its start, usually before its end
RUN_TIMEOUT_SECONDS = 300


def test_the_offline_loop_promotes_a_champion_and_reports_why(trained):
    config, result = trained
    assert result.decision.champion in LADDER
    report = result.report.read_text()
    assert config.primary_metric in report and result.decision.reason in report
    assert all(f"| {rung} |" in report or f"| **{rung}** (serves) |" in report for rung in LADDER)


def assert_consistent(config) -> None:
    registry = Registry(config.paths.registry)
    aliased = {alias: registry.get(alias) for alias in ALIASES}
    for version in aliased.values():
        version.verify_all()
        version.load()
    assert len({version.run_id for version in aliased.values()}) == 1, aliased
    assert aliased["champion"].version in {aliased[rung].version for rung in LADDER}
    roots = (config.paths.lake, config.paths.feature_store, config.paths.registry)
    leftovers = [
        path
        for root in roots
        for path in root.rglob("*")
        if path.name.endswith(".tmp") or ".staging-" in path.name or ".retired-" in path.name
    ]
    assert leftovers == []
    for table in TABLES:
        assert len(lake.read_table(config.paths.lake, table)) > 0
    store = online_store(config)
    try:
        for view in VIEWS:
            ids = store.sample_ids(view, 3)
            assert ids and len(store.get_online(view, ids)) == len(ids)
    finally:
        store.close()


def run_command(config_path):
    package = "{{ cookiecutter.package_name }}"
    return [sys.executable, "-m", package, "run", "--config", str(config_path)]


def kill_during(config_path, step: str) -> None:
    """Start `run`, and SIGKILL it shortly after it announces `step`."""
    header = f"[{STEPS.index(step) + 1}/{len(STEPS)}] {step}"
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        run_command(config_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    try:
        for line in process.stdout:
            if line.startswith(header):
                time.sleep(KILL_AFTER_SECONDS)
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=RUN_TIMEOUT_SECONDS)
        process.stdout.close()


def test_a_run_killed_at_each_step_then_run_again_leaves_one_consistent_project(tmp_path):
    config_path = write_config(tmp_path)
    for step in STEPS:
        kill_during(config_path, step)
    finished = subprocess.run(
        run_command(config_path),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert_consistent(load_config(config_path))


def test_one_run_s_models_carry_one_run_id_and_its_aliases_name_them(trained):
    config, result = trained
    assert_consistent(config)
    assert Registry(config.paths.registry).get("champion").version == result.champion.version


def test_evaluate_refuses_aliases_from_two_runs_with_one_line(served_project):
    config = load_config(served_project)
    registry = Registry(config.paths.registry)
    challenger = registry.get("challenger")
    other_run = registry.register(challenger.load(), {**challenger.metadata, "run_id": "other"})
    registry.set_alias("challenger", other_run)
    result = CliRunner().invoke(app, ["evaluate", "--config", str(served_project)])
    assert result.exit_code == 2, result.output
    assert "different runs" in result.output and "Traceback" not in result.output
    assert registry.get("champion").version != other_run.version


def test_a_second_offline_step_is_refused_while_one_holds_the_project(config):
    busy = pytest.raises(NotReadyError, match="another offline step is running")
    with runs.exclusive(config, echo=lambda _: None), busy:
        pipeline.run_step("ingest", config, echo=lambda _: None)
    pipeline.run_step("ingest", config, echo=lambda _: None)


def test_a_damaged_offline_store_stops_a_step_with_one_line_naming_it(served_project):
    config = load_config(served_project)
    for store_file in (config.paths.feature_store / "offline").glob("*.parquet"):
        store_file.write_bytes(store_file.read_bytes()[:100])  # cut short
    result = CliRunner().invoke(app, ["train", "--config", str(served_project)])
    assert result.exit_code == 2, result.output
    assert "offline store" in result.output and "`features`" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
