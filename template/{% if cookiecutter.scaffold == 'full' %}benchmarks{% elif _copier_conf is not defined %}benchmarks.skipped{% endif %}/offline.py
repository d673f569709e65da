"""The offline loop at growing sample sizes: wall time and peak memory of each step.

Each step runs in a process of its own (`python -m benchmarks.offline step ...`), so its
peak resident memory is its own. "Size N" multiplies every count of `data.sample` (people,
items, events per day) by N and keeps the seed and the lengths of time.

    python -m benchmarks.offline step <step> --config C
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

KEPT = {"seed", "days", "horizon_days", "max_suggestions"}


def scaled(sample: dict[str, Any], factor: int) -> dict[str, Any]:
    return {
        key: value * factor
        if isinstance(value, int) and not isinstance(value, bool) and key not in KEPT
        else value
        for key, value in sample.items()
    }


def run_step(step: str, config: Path) -> dict:
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.offline", "step", step, "--config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"step {step} failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


def measure(config_for_size: Any, sizes: list[int], steps: list[str]) -> list[dict]:
    """`config_for_size(n)` writes the config of size n and returns its path."""
    outcome = []
    for size in sizes:
        config = config_for_size(size)
        for step in steps:
            outcome.append({"size": size, "step": step, **run_step(step, config)})
    return outcome


def _step_main(step: str, config_path: Path) -> None:
    from {{ cookiecutter.package_name }}.config import load_config
    from {{ cookiecutter.package_name }}.offline import pipeline

    config = load_config(config_path)
    started = time.perf_counter()
    result = pipeline.STEPS[step](config, lambda _: None)
    seconds = time.perf_counter() - started
    rows = sum(result.rows.values()) if step == "ingest" else None  # an IngestReport
    print(json.dumps({"seconds": seconds, "peak_mb": peak_megabytes(), "rows": rows}))


def peak_megabytes() -> float:
    """This process's peak resident memory. Not getrusage: on Linux its maximum survives
    exec, so a child would report its parent's size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["step"])
    parser.add_argument("step")
    parser.add_argument("--config", type=Path, required=True)
    arguments = parser.parse_args()
    _step_main(arguments.step, arguments.config)


if __name__ == "__main__":
    main()
