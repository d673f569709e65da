"""The default project of each use case keeps the promise of its Makefile: it sets itself up,
is lint-clean, passes its own tests and runs its demo to a promotion decision."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

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


def test_the_bench_runs_and_writes_its_report(engines: Engines, tmp_path: Path):
    """`make bench`, cut to one short round and the smallest size, so that it cannot rot:
    the figures themselves come from `make bench` of this repository (docs/benchmarks.md)."""
    project = tmp_path / "project"
    assert engines.copier(project, {"use_case": "classification"}).returncode == 0
    make(project, "setup")
    quick = "--rounds 1 --seconds 1 --sizes 1 --skip-feast"
    make(project, "bench", f"BENCH={quick}")
    report = (project / "reports" / "benchmarks.md").read_text()
    assert "| service |" in report and "| naive |" in report and "| no-op |" in report
    assert "## Targets" in report
