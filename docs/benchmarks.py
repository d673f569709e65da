"""`make bench` of the template: render every preset, run its own `make bench`, and write
docs/benchmarks.md from what each one measured.

    .venv/bin/python docs/benchmarks.py                      # every preset
    .venv/bin/python docs/benchmarks.py classification ...   # some of them
    .venv/bin/python docs/benchmarks.py --rounds 5 --seconds 8 --sizes 1,10,100

Each preset's bench compares, in one run on this machine: the service against a naive
endpoint and a no-op endpoint, the online lookup against Feast, and the offline loop at
growing sizes; then each engine's generation time (docs/generation_bench.py). Absolute
figures depend on the machine and its load; the ratios are the results.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from docs import generation_bench  # noqa: E402
from hooks.presets import PRESETS  # noqa: E402
from tests.engines import Engines, copy_template, project_environment  # noqa: E402

OUTPUT = REPO / "docs" / "benchmarks.md"
COMMAND = "make bench"  # with its defaults: every preset, 3 rounds, 5 s, sizes 1 and 10
# classification also at 25x: about 10M raw rows, the size its offline-loop target names
SIZES = {"classification": "1,10,25"}
DEFAULT_SIZES = "1,10"


def last_results(folder: Path, use_case: str) -> dict:
    project = folder / use_case
    results = json.loads((project / "reports" / "benchmarks.json").read_text())
    results["report"] = (project / "reports" / "benchmarks.md").read_text()
    return results


def run_preset(engines: Engines, folder: Path, use_case: str, options: list[str]) -> dict:
    project = folder / use_case
    if project.exists():
        shutil.rmtree(project)
    rendered = engines.copier(project, {"use_case": use_case})
    if rendered.returncode != 0:
        raise SystemExit(rendered.stderr)
    environment = project_environment()
    subprocess.run(["make", "setup"], cwd=project, env=environment, check=True)
    started = time.monotonic()
    subprocess.run(
        [str(project / ".venv" / "bin" / "python"), "-m", "benchmarks", *options],
        cwd=project,
        env=environment,
        check=True,
    )
    results = json.loads((project / "reports" / "benchmarks.json").read_text())
    results["bench_minutes"] = (time.monotonic() - started) / 60
    results["commit"] = template_commit()
    (project / "reports" / "benchmarks.json").write_text(json.dumps(results, indent=2))
    results["report"] = (project / "reports" / "benchmarks.md").read_text()
    return results


def template_commit() -> str:
    """The commit the template was rendered from, `+changes` if the work tree differs."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "template", "hooks"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{head}+changes" if changed else head or "unknown"


def summary_lines(results: dict[str, dict]) -> list[str]:
    lines = [
        "| preset | kind | champion | service req/s | naive | no-op | × naive | % of no-op "
        "| 4× target_qps p99 ms | lookup 1 / 100 vs Feast | targets | template commit |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for name, result in results.items():
        serving = result["serving"]
        median = serving["median"]
        lookup = result["lookup"]
        speedups = (
            f"{lookup['speedup']['1']:.0f}× / {lookup['speedup']['100']:.0f}×" if lookup else "—"
        )
        missed = [target for target, met in result["verdicts"].items() if not met]
        lines.append(
            f"| {name} | {result['kind']} | {result['model']} "
            f"| {median['service']['throughput']:,.0f} | {median['naive']['throughput']:,.0f} "
            f"| {median['no-op']['throughput']:,.0f} | {serving['vs_naive']:.1f}× "
            f"| {serving['vs_noop']:.0%} | {serving['paced']['p99_ms']:.1f} | {speedups} "
            f"| {'all met' if not missed else 'missed: ' + '; '.join(missed)} "
            f"| {result.get('commit', 'unknown')} |"
        )
    return lines


def where_the_time_goes(result: dict) -> str:
    """Per request, at saturation (both cores busy), and the stages of the paced run."""
    median = result["serving"]["median"]
    cost = {name: 1000.0 / figures["throughput"] for name, figures in median.items()}
    stages = result["serving"]["stages_ms"]
    working = {name: ms for name, ms in stages.items() if name != "log_fsync"}
    return (
        f"Where the time goes: at saturation a request costs the service "
        f"{cost['service']:.2f} ms of the machine, the naive endpoint {cost['naive']:.2f} ms "
        f"and the no-op {cost['no-op']:.2f} ms (server stack, parsing, validation). Paced, "
        f"the service's stages took {sum(working.values()):.2f} ms of work per request ("
        + ", ".join(f"{name} {ms:.2f}" for name, ms in working.items())
        + f"), and it waited {stages.get('log_fsync', 0.0):.2f} ms for the journal's fsync "
        "(other requests run meanwhile); the rest is the gateway around the stages "
        "(request guard, metrics, the journal's bookkeeping)."
    )


def shortfall_lines(results: dict[str, dict]) -> list[str]:
    """Each missed target, with what the same run measured about where the time went."""
    lines = []
    for name, result in results.items():
        missed = [target for target, met in result["verdicts"].items() if not met]
        if not missed:
            continue
        median = result["serving"]["median"]
        cost = {endpoint: 1000.0 / figures["throughput"] for endpoint, figures in median.items()}
        stages = {k: v for k, v in result["serving"]["stages_ms"].items() if k != "log_fsync"}
        top = sorted(stages.items(), key=lambda item: -item[1])[:3]
        causes = []
        if any("no-op" in target or "p99" in target for target in missed):
            causes.append(
                f"a request costs {cost['service']:.2f} ms of the machine against the no-op's "
                f"{cost['no-op']:.2f} ms; its largest stages: "
                + ", ".join(f"{stage} {ms:.2f} ms" for stage, ms in top)
            )
        if any("p99" in target for target in missed):
            paced = result["serving"]["paced"]
            capacity = median["service"]["throughput"]
            causes.append(
                f"one worker saturates at {capacity:,.0f} req/s, so {paced['rate']:g} req/s "
                f"keeps it {paced['rate'] / capacity:.0%} busy and requests queue (p99 "
                f"{paced['p99_ms']:.0f} ms); the bench paces one worker, `serve --workers 2` is "
                "the way to use both cores"
            )
        if any("lookup of 100" in target for target in missed):
            lookup = result["lookup"]["summary"]
            causes.append(
                f"100 ids of view `{result['lookup']['view']}` ({result['lookup']['features']} "
                f"features) take {lookup['ours']['100']['p50_ms']:.3f} ms here against Feast's "
                f"{lookup['feast']['100']['p50_ms']:.3f} ms: Feast's cost grows with the number "
                "of features, this store's mostly with the number of ids"
            )
        lines.append(
            f"- **{name}**: missed {'; '.join(missed)}. Measured: " + "; ".join(causes) + "."
        )
    return lines


def write_page(results: dict[str, dict], command: str) -> None:
    first = next(iter(results.values()))
    page = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`docs/benchmarks.py`): every preset rendered with its defaults,",
        "then its own `make bench` (`benchmarks/` in the generated project), on one machine:",
        f"{first['machine']['cpus']} CPUs, {first['machine']['platform']}; "
        + ", ".join(f"{k} {v}" for k, v in first["versions"].items())
        + ".",
        "",
        f"Command: `{command}` (each preset's bench with `--rounds "
        f"{first['arguments']['rounds']} --seconds {first['arguments']['seconds']} --sizes "
        f"{DEFAULT_SIZES}`; "
        + ", ".join(f"{k} `--sizes {v}`" for k, v in SIZES.items())
        + "). What each figure is:",
        "",
        "- **service / naive / no-op**: requests per second under a closed-loop load (a load",
        "  generator in its own process, keep-alive connections), the three interleaved round",
        "  by round, median of the rounds. *naive* serves the same model (refit, checked to",
        "  score the same) with the same answer logic, but through a sync handler, a pandas",
        "  `read_sql` per lookup and scikit-learn on a DataFrame; *no-op* parses the same body",
        "  and returns a constant, on the same server stack: the ceiling.",
        "- **4× target_qps p99**: the service paced (open loop) at four times the project's",
        "  `target_qps`; the target is that p99 stays within `latency_budget_ms`.",
        "- **lookup vs Feast**: p50 of one and of 100 entities through the online store's",
        "  `get_online`, against Feast's `get_online_features(...).to_dict()` with its SQLite",
        "  online store, on the same view, features and entities (checked equal).",
        "",
        "Targets: single-stage presets ≥ 5× naive and ≥ 25 % of no-op; multi-stage presets",
        "≥ 4× naive and ≥ 10 % of no-op; every preset holds 4× its target_qps within its p99",
        "budget; lookup ≥ 20× faster than Feast for 1 and 100 entities; every step of the",
        "offline loop within 2 GB at every size measured (classification: up to 25×, about",
        "10M raw rows).",
        "",
        *summary_lines(results),
        "",
    ]
    shortfalls = shortfall_lines(results)
    if shortfalls:
        page += ["### Shortfalls and their measured causes", "", *shortfalls, ""]
    if generation_bench.RESULTS.is_file():
        page += [*generation_bench.page_lines(json.loads(generation_bench.RESULTS.read_text())), ""]
    for name, result in results.items():
        report = result["report"].split("\n", 1)[1]  # drop its title: the heading below names it
        lines = [f"#{line}" if line.startswith("#") else line for line in report.splitlines()]
        page += [f"## {name}", "", *lines, "", where_the_time_goes(result), ""]
    OUTPUT.write_text("\n".join(page).rstrip() + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("presets", nargs="*", default=list(PRESETS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--sizes", help=f"offline-loop sizes (default {DEFAULT_SIZES}, {SIZES})")
    parser.add_argument("--skip-feast", action="store_true")
    parser.add_argument(
        "--rewrite", action="store_true", help="rebuild the page from the last runs' results"
    )
    arguments = parser.parse_args()
    options = ["--rounds", str(arguments.rounds), "--seconds", str(arguments.seconds)]
    options += ["--skip-feast"] if arguments.skip_feast else []
    folder = REPO / "build" / "bench"
    if arguments.rewrite:
        write_page({name: last_results(folder, name) for name in arguments.presets}, COMMAND)
        print(f"written: {OUTPUT}")
        return
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "template"
    if template.exists():
        shutil.rmtree(template)
    engines = Engines.isolated(copy_template(template), folder / "engine-settings")
    results = {}
    for use_case in arguments.presets:
        print(f"== {use_case}", flush=True)
        sizes = arguments.sizes or SIZES.get(use_case, DEFAULT_SIZES)
        results[use_case] = run_preset(engines, folder, use_case, [*options, "--sizes", sizes])
    print("== generation, every preset with both engines", flush=True)
    medians = generation_bench.measure(engines, arguments.presets, 5, folder / "generation")
    generation_bench.RESULTS.write_text(json.dumps(medians, indent=2))
    write_page(results, COMMAND)
    print(f"written: {OUTPUT}")


if __name__ == "__main__":
    main()
