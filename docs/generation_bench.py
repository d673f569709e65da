"""How long each engine takes to generate each preset's default project, for docs/benchmarks.md.

copier and cookiecutter render the same template copy in turn, round by round, each into a
fresh folder; the figure is the median wall time of a whole `copier copy` or `cookiecutter`
process (start-up, prompts skipped, rendering, the hook).

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
RESULTS = REPO / "build" / "bench" / "generation.json"


def measure(engines: Engines, presets: list[str], rounds: int, work: Path) -> dict[str, dict]:
    """Per preset, the median seconds of each engine over `rounds` interleaved rounds."""
    spent: dict[str, dict[str, list[float]]] = {
        use_case: {"copier": [], "cookiecutter": []} for use_case in presets
    }
    for round_number in range(rounds):
        for use_case in presets:
            answers = {"use_case": use_case}
            for engine in ("copier", "cookiecutter"):
                target = work / f"{engine}-{use_case}-{round_number}"
                if target.exists():
                    shutil.rmtree(target)
                started = time.perf_counter()
                if engine == "copier":
                    result = engines.copier(target, answers)
                else:
                    target.mkdir(parents=True)
                    result = engines.cookiecutter(target, answers)
                spent[use_case][engine].append(time.perf_counter() - started)
                assert result.returncode == 0, result.stderr
                shutil.rmtree(target)
    return {
        use_case: {engine: statistics.median(times) for engine, times in by_engine.items()}
        for use_case, by_engine in spent.items()
    }


def page_lines(medians: dict[str, dict]) -> list[str]:
    slowest = max((seconds, engine, use_case) for use_case, row in medians.items()
                  for engine, seconds in row.items())  # fmt: skip
    met = slowest[0] <= TARGET_SECONDS
    lines = [
        "## Generation",
        "",
        "Wall time of one whole `copier copy` and one `cookiecutter` run of each preset's",
        "default project (median of interleaved rounds; `docs/generation_bench.py`).",
        "",
        "| preset | copier s | cookiecutter s | copier / cookiecutter |",
        "|---|---:|---:|---:|",
    ]
    for use_case, row in medians.items():
        ratio = row["copier"] / row["cookiecutter"]
        lines.append(
            f"| {use_case} | {row['copier']:.2f} | {row['cookiecutter']:.2f} | {ratio:.1f}x |"
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
