"""How long each engine takes to generate each preset's default project, for docs/benchmarks.md.

copier and cookiecutter render the same template copy in turn, round by round, each into a
fresh folder; the figure is the median wall time of a whole `copier copy` or `cookiecutter`
process (start-up, prompts skipped, rendering, the hook). Each round also times both engines
on a one-question, one-file template, the engine's floor: its start-up and its fixed costs,
which no template can go below (on a slow machine both grow; the difference is the
template's own cost).

    .venv/bin/python docs/generation_bench.py [--rounds 5] [preset ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hooks.presets import PRESETS  # noqa: E402
from tests.engines import Engines, copy_template  # noqa: E402

TARGET_SECONDS = 1.5  # any variant, with either engine
FLOOR = "(engine floor)"  # the row of the one-file template
RESULTS = REPO / "build" / "bench" / "generation.json"


def measure(engines: Engines, presets: list[str], rounds: int, work: Path) -> dict[str, dict]:
    """Per preset, and for the floor, the median seconds of each engine over `rounds`
    interleaved rounds."""
    floor = Engines(template=floor_template(work / "floor-template"), settings=engines.settings)
    runs = [(FLOOR, floor, "floor"), *((use_case, engines, use_case) for use_case in presets)]
    spent: dict[str, dict[str, list[float]]] = {
        row: {"copier": [], "cookiecutter": []} for row, _, _ in runs
    }
    for round_number in range(rounds):
        for row, row_engines, use_case in runs:
            for engine in ("copier", "cookiecutter"):
                target = work / f"{engine}-{use_case}-{round_number}"
                spent[row][engine].append(generate(row_engines, engine, use_case, target))
    return {
        row: {engine: statistics.median(times) for engine, times in by_engine.items()}
        for row, by_engine in spent.items()
    }


def generate(engines: Engines, engine: str, use_case: str, target: Path) -> float:
    if target.exists():
        shutil.rmtree(target)
    answers = {"use_case": use_case}
    started = time.perf_counter()
    if engine == "copier":
        result = engines.copier(target, answers)
    else:
        target.mkdir(parents=True)
        result = engines.cookiecutter(target, answers)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    shutil.rmtree(target)
    return seconds


def floor_template(root: Path) -> Path:
    """One question and one file, for both engines."""
    (root / "template").mkdir(parents=True, exist_ok=True)
    (root / "{{cookiecutter.project_slug}}").mkdir(exist_ok=True)
    (root / "copier.yml").write_text(
        "_subdirectory: template\n_templates_suffix: ''\nuse_case: {type: str, default: x}\n"
    )
    (root / "template" / "README.md").write_text("{{ use_case }}\n")
    (root / "cookiecutter.json").write_text('{"project_slug": "floor", "use_case": "x"}\n')
    (root / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "{{ cookiecutter.use_case }}\n"
    )
    return root


def page_lines(medians: dict[str, dict]) -> list[str]:
    presets = {use_case: row for use_case, row in medians.items() if use_case != FLOOR}
    floor = medians.get(FLOOR)
    slowest = max((seconds, engine, use_case) for use_case, row in presets.items()
                  for engine, seconds in row.items())  # fmt: skip
    met = slowest[0] <= TARGET_SECONDS
    lines = [
        "## Generation",
        "",
        "Wall time of one whole `copier copy` and one `cookiecutter` run of each preset's",
        "default project (median of interleaved rounds; `docs/generation_bench.py`). The floor",
        "is each engine on a one-file template in the same rounds: its own start-up and fixed",
        "costs; `over floor` is what this template adds to them.",
        "",
        "| preset | copier s | cookiecutter s | copier / cookiecutter "
        "| over floor: copier s | cookiecutter s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for use_case, row in medians.items():
        ratio = row["copier"] / row["cookiecutter"]
        over = ("", "") if floor is None or use_case == FLOOR else (
            f"{row['copier'] - floor['copier']:.2f}",
            f"{row['cookiecutter'] - floor['cookiecutter']:.2f}",
        )  # fmt: skip
        lines.append(
            f"| {use_case} | {row['copier']:.2f} | {row['cookiecutter']:.2f} | {ratio:.1f}x "
            f"| {over[0]} | {over[1]} |"
        )
    lines += [
        "",
        f"- {'met' if met else 'NOT met'}: every variant within {TARGET_SECONDS:g} s with "
        f"either engine (slowest: {slowest[2]} with {slowest[1]}, {slowest[0]:.2f} s)",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("presets", nargs="*", default=list(PRESETS))
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    work = REPO / "build" / "generation"
    if work.exists():
        shutil.rmtree(work)
    engines = Engines.isolated(copy_template(work / "template"), work / "engine-settings")
    medians = measure(engines, arguments.presets, arguments.rounds, work)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(medians, indent=2))
    print("\n".join(page_lines(medians)))
    print(f"written: {RESULTS}")


if __name__ == "__main__":
    main()
