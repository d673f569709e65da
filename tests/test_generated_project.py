"""The default project of each use case keeps the promise of its Makefile: it sets itself up,
is lint-clean, passes its own tests and runs its demo to a promotion decision."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from hooks.presets import PRESETS
from tests.engines import Engines

pytestmark = pytest.mark.generated

PROMOTION_DECISION = re.compile(r"\bpromoted\b", re.IGNORECASE)
TARGET_TIMEOUT_SECONDS = 900


def make(project: Path, target: str, *variables: str) -> str:
    # The outer `make test` must not pass its flags (jobs, jobserver) to the project's make.
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV"}
    }
    result = subprocess.run(
        ["make", target, *variables],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TARGET_TIMEOUT_SECONDS,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"make {target} failed:\n{output[-6000:]}"
    return output


@pytest.mark.parametrize("use_case", list(PRESETS))
def test_setup_lint_test_and_demo_succeed(engines: Engines, tmp_path: Path, use_case: str):
    project = tmp_path / "project"
    rendered = engines.copier(project, {"use_case": use_case})
    assert rendered.returncode == 0, rendered.stderr
    for target in ("setup", "lint", "test"):
        make(project, target)
    demo = make(project, "demo")
    assert PROMOTION_DECISION.search(demo), demo[-3000:]


# A team's own files: the sample written as CSV, one column renamed (mapped back in the
# config) and one extra column (ignored), as `python -` runs it in the project's venv.
WRITE_TEAM_FILES = """
import json, sys
from pathlib import Path
from {package}.entities import TABLES
from {package}.sample_data import generate
tables, specs = generate(), {{}}
for index, (name, frame) in enumerate(tables.items()):
    key = TABLES[name].columns[0].name
    path = Path("data/raw") / f"{{name}}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.rename(columns={{key: "their_" + key}}).assign(their_note="x").to_csv(path, index=False)
    specs[name] = {{"path": str(path), "columns": {{"their_" + key: key}}}}
json.dump(specs, sys.stdout)
"""


def switch_to_team_files(project: Path) -> None:
    """What the README's "Bring your own data" says to do, on the project's config."""
    python = project / ".venv" / "bin" / "python"
    script = WRITE_TEAM_FILES.format(package="my_ml_system")
    written = subprocess.run(
        [str(python), "-"], input=script, cwd=project, capture_output=True, text=True, check=False
    )
    assert written.returncode == 0, written.stderr
    config_path = project / "config" / "pipeline.yaml"
    config = yaml.safe_load(config_path.read_text())
    config["data"] = {"source": "files", "tables": json.loads(written.stdout)}
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))


def test_the_bench_runs_and_the_tests_survive_a_switch_to_team_files(
    engines: Engines, tmp_path: Path
):
    """One project for two checks that each need a set-up project.

    `make bench`, cut to one short round and the smallest size, so that it cannot rot (the
    figures come from `make bench` of this repository: docs/benchmarks.md). Then the team
    switches to its own files, as the README says, and both `run` and `make test` stay
    green: the tests bring their own data."""
    project = tmp_path / "project"
    assert engines.copier(project, {"use_case": "classification"}).returncode == 0
    make(project, "setup")
    quick = "--rounds 1 --seconds 1 --sizes 1 --skip-feast"
    make(project, "bench", f"BENCH={quick}")
    report = (project / "reports" / "benchmarks.md").read_text()
    assert "| service |" in report and "| naive |" in report and "| no-op |" in report
    assert "## Targets" in report
    switch_to_team_files(project)
    assert "ignored columns not in its schema: their_note" in make(project, "run")
    make(project, "test")
