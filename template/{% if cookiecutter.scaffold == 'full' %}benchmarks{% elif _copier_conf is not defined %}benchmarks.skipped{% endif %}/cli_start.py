"""How fast the CLI starts: `--help`, and what each light step imports, beside the whole loop.

`--help` is timed as it runs: a fresh process printing the help. A light step's start is the
wall time of a fresh interpreter importing what that step imports (found by running the
step once under `python -X importtime`), so the step's own work is not counted. The
competitor is what every step imported before each one imported only what it uses: the
whole offline loop, scikit-learn and scipy with it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

LIGHT_STEPS = ("ingest", "features", "materialize", "monitor")
WHOLE_LOOP = (
    "cli",
    "offline.pipeline",
    "offline.training_set",
    "offline.train",
    "offline.evaluate",
)
DATA_STACK = "import pandas, pyarrow.parquet, duckdb"


def _environment() -> dict[str, str]:
    # bytecode is what a project's install gives it; without it every start compiles pandas
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def imported_modules(arguments: list[str]) -> list[str]:
    """The modules a run of `python <arguments>` imports, beyond a bare interpreter's."""

    def top_level(run: list[str]) -> list[str]:
        finished = subprocess.run(
            [sys.executable, "-X", "importtime", *run],
            capture_output=True, text=True, env=_environment(), check=False,
        )  # fmt: skip
        if finished.returncode != 0:
            raise RuntimeError(f"{' '.join(run)} failed:\n{finished.stderr[-3000:]}")
        names = []
        for line in finished.stderr.splitlines():
            if line.startswith("import time:") and line.count("|") == 2:
                name = line.rsplit("|", 1)[1]
                if name.startswith(" ") and not name.startswith("  "):
                    names.append(name.strip())
        return names

    bare = set(top_level(["-c", "pass"]))
    return [name for name in top_level(arguments) if name not in bare and name != "runpy"]


def _seconds(arguments: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd, env=_environment(), check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def measure(package: str, config: Path, rounds: int) -> list[dict]:
    """Median start of `--help`, of each light step, of the data stack alone (the floor of
    a step that reads data) and of the whole loop, over interleaved rounds."""
    targets = {"--help": ["-m", package, "--help"]}
    for step in LIGHT_STEPS:
        modules = imported_modules(["-m", package, step, "--config", str(config)])
        targets[step] = ["-c", "import " + ", ".join(modules)]
    whole = ", ".join(f"{package}.{module}" for module in WHOLE_LOOP)
    targets["the data stack alone"] = ["-c", DATA_STACK]
    targets["the whole loop"] = ["-c", f"import {whole}"]
    cwd = config.parent.parent
    for arguments in targets.values():
        _seconds(arguments, cwd)  # warm the file cache and the bytecode
    times: dict[str, list[float]] = {name: [] for name in targets}
    for _ in range(rounds):
        for name, arguments in targets.items():
            times[name].append(_seconds(arguments, cwd))
    return [{"target": name, "seconds": statistics.median(spent)} for name, spent in times.items()]
