"""The bench's results as Markdown a person reads, and as JSON the template's bench collects."""

from __future__ import annotations

import json
import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .cli_start import LIGHT_STEPS

PACKAGES = ("fastapi", "uvicorn", "pydantic", "numpy", "pandas", "scikit-learn", "onnxruntime")
LOOKUP_TARGET = 20.0
BATCH_TARGET = 5.0  # a batch run's requests per second over the naive loop's
OFFLINE_PEAK_MB = 2_048  # every step of the offline loop, at the largest sample measured
HELP_START_S = 0.5
LIGHT_STEP_SPEEDUP = 2.0  # a light step starts at least this much sooner than the whole loop


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "-"
    return found


def verdicts(results: dict[str, Any]) -> dict[str, bool]:
    serving, outcome = results["serving"], {}
    if serving:  # a project without a gateway has no service to measure
        over_naive, over_noop = results["targets"]
        outcome = {
            f"throughput >= {over_naive:g}x naive": serving["vs_naive"] >= over_naive,
            f"throughput >= {over_noop:.0%} of no-op": serving["vs_noop"] >= over_noop,
            "holds 4x target_qps within the p99 budget": serving["paced"]["holds"],
        }
    batch = results.get("batch")
    if batch:
        outcome[f"a batch run >= {BATCH_TARGET:g}x the naive loop"] = (
            batch["vs_naive"] >= BATCH_TARGET
        )
    largest = max(row["size"] for row in results["offline"])
    raw_rows = sum(row["rows"] or 0 for row in results["offline"] if row["size"] == largest)
    peak = max(row["peak_mb"] for row in results["offline"])
    outcome[
        f"the offline loop within {OFFLINE_PEAK_MB:,} MB at every size "
        f"(largest sample: {raw_rows:,} raw rows; peak {peak:,.0f} MB)"
    ] = peak <= OFFLINE_PEAK_MB
    start = {row["target"]: row["seconds"] for row in results["start"]}
    outcome[f"`--help` starts within {HELP_START_S:g} s ({start['--help']:.2f} s)"] = (
        start["--help"] <= HELP_START_S
    )
    whole = start["the whole loop"]
    for step in LIGHT_STEPS:
        outcome[
            f"`{step}` starts >= {LIGHT_STEP_SPEEDUP:g}x sooner than the whole loop "
            f"({start[step]:.2f} s vs {whole:.2f} s)"
        ] = whole >= LIGHT_STEP_SPEEDUP * start[step]
    for count, ratio in (results.get("redis_lookup") or {}).get("hashes_over_packed", {}).items():
        outcome[f"Redis lookup of {count}: packed + MGET faster than hashes + HMGET"] = ratio > 1
    registry_load = results.get("registry_load")
    if registry_load:
        outcome[
            "the champion loads from MLflow's verified local copy faster than downloaded "
            f"({registry_load['download_over_copy']:.1f}x)"
        ] = registry_load["download_over_copy"] > 1
    if results["lookup"]:
        for count, speedup in results["lookup"]["speedup"].items():
            outcome[f"lookup of {count} >= {LOOKUP_TARGET:g}x faster than Feast"] = (
                speedup >= LOOKUP_TARGET
            )
    return outcome


def write_report(folder: Path, results: dict[str, Any]) -> Path:
    results = {
        **results,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": versions(),
    }
    results["verdicts"] = verdicts(results)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchmarks.json").write_text(json.dumps(results, indent=2, default=str))
    path = folder / "benchmarks.md"
    path.write_text("\n".join(markdown(results)) + "\n")
    return path


def service_lines(serving: dict[str, Any]) -> list[str]:
    lines = [
        f"## The service under load ({serving['connections']} connections, "
        f"{serving['seconds']:g} s per run, median of {serving['rounds']} interleaved rounds)",
        "",
        "| endpoint | requests/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, figures in serving["median"].items():
        lines.append(
            f"| {name} | {figures['throughput']:,.0f} | {figures['p50_ms']:.2f} | "
            f"{figures['p99_ms']:.2f} | {figures['errors']:.0f} |"
        )
    paced = serving["paced"]
    cost = {name: 1000.0 / figures["throughput"] for name, figures in serving["median"].items()}
    lines += [
        "",
        f"Service / naive: **{serving['vs_naive']:.1f}x**; service / no-op: "
        f"**{serving['vs_noop']:.0%}**. At saturation a request costs "
        + ", ".join(f"{name} {ms:.2f} ms" for name, ms in cost.items())
        + " of the machine.",
        "",
        f"Paced at {paced['rate']:g} requests/s (4x target_qps): {paced['throughput']:,.0f}/s "
        f"served, p99 {paced['p99_ms']:.2f} ms, {paced['errors']} errors: "
        f"{'holds' if paced['holds'] else 'does NOT hold'} the budget.",
        "",
        "Time per request by stage (ms, from /metrics during the paced run): "
        + ", ".join(f"{stage} {ms:.3f}" for stage, ms in serving["stages_ms"].items()),
        "",
    ]
    return lines


def markdown(results: dict[str, Any]) -> list[str]:
    serving, versions_ = results["serving"], results["versions"]
    lines = [
        f"# Benchmarks: `{results['endpoint']}` ({results['kind']}, champion {results['model']})",
        "",
        f"Machine: {results['machine']['cpus']} CPUs, {results['machine']['platform']}; "
        + ", ".join(f"{name} {value}" for name, value in versions_.items()),
        "",
    ]
    if serving:
        lines += service_lines(serving)
    lines += batch_lines(results.get("batch"))
    lookup = results["lookup"]
    if lookup:
        own_feast = "project_feast" in lookup["summary"]
        lines += [
            f"## Online lookup: view `{lookup['view']}` ({lookup['features']} features), "
            f"median of {lookup['rounds']} interleaved rounds of {lookup['calls']} calls",
            "",
            "| entities | this project p50 / p99 ms | Feast p50 / p99 ms | speed-up |"
            + (" this project's Feast store p50 / p99 ms |" if own_feast else ""),
            "|---:|---:|---:|---:|" + ("---:|" if own_feast else ""),
        ]
        for count, speedup in lookup["speedup"].items():
            ours, feast = lookup["summary"]["ours"][count], lookup["summary"]["feast"][count]
            line = (
                f"| {count} | {ours['p50_ms']:.3f} / {ours['p99_ms']:.3f} | "
                f"{feast['p50_ms']:.3f} / {feast['p99_ms']:.3f} | {speedup:.1f}x |"
            )
            if own_feast:
                own = lookup["summary"]["project_feast"][count]
                line += f" {own['p50_ms']:.3f} / {own['p99_ms']:.3f} |"
            lines.append(line)
        lines.append("")
    from_redis = results.get("redis_lookup")
    if from_redis:
        layouts = list(from_redis["p50_ms"])
        lines += [
            f"## Online lookup from Redis: view `{from_redis['view']}` "
            f"({from_redis['features']} features), p50 ms, median of {from_redis['rounds']} "
            f"interleaved rounds of {from_redis['calls']} calls",
            "",
            "| entities | " + " | ".join(layouts) + " | hashes / packed |",
            "|---:|" + "---:|" * (len(layouts) + 1),
        ]
        for count, ratio in from_redis["hashes_over_packed"].items():
            cells = " | ".join(f"{from_redis['p50_ms'][name][count]:.3f}" for name in layouts)
            lines.append(f"| {count} | {cells} | {ratio:.1f}x |")
        lines.append("")
    lines += registry_load_lines(results.get("registry_load"))
    lines += [
        "## The offline loop by sample size (each step in its own process)",
        "",
        "| size | step | raw rows | seconds | peak MB |",
        "|---:|---|---:|---:|---:|",
    ]
    for row in results["offline"]:
        rows = f"{row['rows']:,}" if row["rows"] else ""
        lines.append(
            f"| {row['size']}x | {row['step']} | {rows} | {row['seconds']:.1f} | "
            f"{row['peak_mb']:,.0f} |"
        )
    lines += ["", *spark_feature_lines(results.get("spark_features"))]
    lines += [
        "## How fast the CLI starts (fresh interpreter, median of interleaved rounds)",
        "",
        "`--help` is timed as it runs; a step, by importing what it imports (its own work not",
        "counted). Before, every step imported the whole loop.",
        "",
        "| command | seconds |",
        "|---|---:|",
    ]
    for row in results["start"]:
        lines.append(f"| {row['target']} | {row['seconds']:.2f} |")
    lines += ["", "## Targets", ""]
    for target, met in results["verdicts"].items():
        lines.append(f"- {'met' if met else 'NOT met'}: {target}")
    return lines


def batch_lines(batch: dict[str, Any] | None) -> list[str]:
    if not batch:
        return []
    per_second = batch["requests_per_second"]
    return [
        f"## A batch run vs the naive loop ({batch['requests']:,} requests, median of "
        f"{batch['rounds']} interleaved rounds)",
        "",
        "| scorer | requests/s |",
        "|---|---:|",
        *(f"| {name} | {figure:,.0f} |" for name, figure in per_second.items()),
        "",
        f"Batch run / naive: **{batch['vs_naive']:.1f}x**.",
        "",
    ]


def spark_feature_lines(rows: list[dict[str, Any]] | None) -> list[str]:
    if not rows:
        return []
    from .spark_features import report_lines  # only `compute: spark` projects have it

    return report_lines(rows)


def registry_load_lines(load: dict[str, Any] | None) -> list[str]:
    if not load:
        return []
    lines = [
        f"## Loading the champion (version {load['version']}, {load['files']} files): p50 ms, "
        f"median of {load['rounds']} interleaved rounds of {load['calls']} loads",
        "",
        "| registry | load | / folder | champion poll |",
        "|---|---:|---:|---:|",
    ]
    for name, ms in load["load_p50_ms"].items():
        ratio = load["over_folder"].get(name)
        poll = load["poll_p50_ms"].get(name)
        lines.append(
            f"| {name} | {ms:.2f} | {'' if ratio is None else f'{ratio:.1f}x'} | "
            f"{'' if poll is None else f'{poll:.3f}'} |"
        )
    return [*lines, ""]
