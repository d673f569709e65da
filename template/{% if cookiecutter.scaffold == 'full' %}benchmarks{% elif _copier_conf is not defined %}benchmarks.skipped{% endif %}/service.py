"""The service under a bounded load, beside the naive and no-op endpoints, in one run.

Every round loads each of the three in turn (the order rotates from round to round), with
the same body, connections and duration; figures are medians over the rounds. Then an
open-loop run at 4x the project's `target_qps` says whether the service holds it within
`latency_budget_ms` at p99, and /metrics says how the time split between the stages.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from .processes import Server, load, server

HEADROOM = 4.0
STAGE_LINE = re.compile(r'^stage_latency_seconds_sum\{stage="(\w+)"\} (\S+)$', re.MULTILINE)


@dataclass(frozen=True)
class Setup:
    package: str
    config: Path
    naive_model: Path
    body: Path
    path: str
    work: Path
    target_qps: float
    latency_budget_ms: float


def servers(setup: Setup) -> list[tuple[str, list[str], str]]:
    """Name, command and readiness path of the three endpoints."""
    python, config = sys.executable, str(setup.config)
    bench = [python, "-m", "benchmarks.servers"]
    return [
        ("service", [python, "-m", setup.package, "serve", "--config", config], "/readyz"),
        (
            "naive",
            [*bench, "naive", "--config", config, "--model", str(setup.naive_model)],
            "/docs",
        ),
        ("no-op", [*bench, "noop", "--config", config], "/docs"),
    ]


def measure(setup: Setup, rounds: int, seconds: float, connections: int) -> dict:
    with ExitStack() as stack:
        running: dict[str, Server] = {
            name: stack.enter_context(server(name, command, ready, setup.work / f"{name}.log"))
            for name, command, ready in servers(setup)
        }
        for each in running.values():  # warm-up: imports, caches, the first connections
            load(each.url, setup.path, setup.body, 1.0, connections)
        runs: dict[str, list[dict]] = defaultdict(list)
        names = list(running)
        for number in range(rounds):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                runs[name].append(
                    load(running[name].url, setup.path, setup.body, seconds, connections)
                )
        service = running["service"]
        before = _stage_seconds(service.url)
        rate = HEADROOM * setup.target_qps
        paced = load(service.url, setup.path, setup.body, 2 * seconds, connections, rate=rate)
        after = _stage_seconds(service.url)
    summary = {name: _median(values) for name, values in runs.items()}
    served = max(paced["requests"] - paced["errors"], 1)
    stages = {name: (after[name] - before.get(name, 0.0)) / served * 1000 for name in after}
    holds = (
        paced["errors"] == 0
        and paced["p99_ms"] is not None
        and paced["p99_ms"] <= setup.latency_budget_ms
        and paced["throughput"] >= 0.95 * rate
    )
    return {
        "rounds": rounds,
        "seconds": seconds,
        "connections": connections,
        "runs": dict(runs),
        "median": summary,
        "vs_naive": summary["service"]["throughput"] / summary["naive"]["throughput"],
        "vs_noop": summary["service"]["throughput"] / summary["no-op"]["throughput"],
        "paced": {**paced, "rate": rate, "holds": holds},
        "stages_ms": dict(sorted(stages.items(), key=lambda item: -item[1])),
    }


def _median(runs: list[dict]) -> dict:
    keys = ("throughput", "p50_ms", "p99_ms", "errors", "requests")
    return {key: statistics.median(run[key] for run in runs) for key in keys}


def _stage_seconds(url: str) -> dict[str, float]:
    text = httpx.get(url + "/metrics", timeout=10.0).text
    return {stage: float(value) for stage, value in STAGE_LINE.findall(text)}
