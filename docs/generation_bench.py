"""How long each engine takes to generate each preset's default project, for docs/benchmarks.md.

copier and cookiecutter render the same template copy in turn, round by round, each into a
fresh folder; the figure is the median wall time of a whole `copier copy` or `cookiecutter`
process (start-up, prompts skipped, rendering, the hook). Each round also times both engines
on two baselines: the engine's floor, a one-file template (its start-up and fixed costs),
and a plain copy, the first preset's generated files as a template without Jinja,
questions or tasks (what the engine spends to write that many files, whatever the
template). On a slower machine every row grows; the rows' differences are the signal.

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
PLAIN = "(plain copy of {preset}: {files} files)"  # the row of its files as they are
RESULTS = REPO / "build" / "bench" / "generation.json"


def measure(engines: Engines, presets: list[str], rounds: int, work: Path) -> dict[str, dict]:
    """Per preset, the median seconds of each engine over `rounds` interleaved rounds; and
    the same for two baselines: the engine's floor (one file) and a plain copy of the
    first preset's generated files (no Jinja, no questions, no tasks)."""
    plain_files = generated_files(engines, presets[0], work / "plain-source")
    baselines = {
        FLOOR: {"README.md": b"floor\n"},
        PLAIN.format(preset=presets[0], files=len(plain_files)): plain_files,
    }
    runs = [
        *((row, plain_engines(engines, files, work / f"baseline-{number}"), "plain")
          for number, (row, files) in enumerate(baselines.items())),
        *((use_case, engines, use_case) for use_case in presets),
    ]  # fmt: skip
    spent: dict[str, dict[str, list[float]]] = {
        row: {"copier": [], "cookiecutter": []} for row, _, _ in runs
    }
    for round_number in range(rounds):
        for number, (row, row_engines, use_case) in enumerate(runs):
            for engine in ("copier", "cookiecutter"):
                target = work / f"{engine}-{number}-{round_number}"
                spent[row][engine].append(generate(row_engines, engine, use_case, target))
    return {
        row: {engine: statistics.median(times) for engine, times in by_engine.items()}
        for row, by_engine in spent.items()
    }


def generated_files(engines: Engines, use_case: str, target: Path) -> dict[str, bytes]:
    """The files of the preset's default project, as copier generates it."""
    if target.exists():
        shutil.rmtree(target)
    result = engines.copier(target, {"use_case": use_case})
    assert result.returncode == 0, result.stderr
    found = {
        path.relative_to(target).as_posix(): path.read_bytes()
        for path in target.rglob("*")
        if path.is_file() and path.name != ".copier-answers.yml"
    }
    shutil.rmtree(target)
    return found


def plain_engines(engines: Engines, files: dict[str, bytes], root: Path) -> Engines:
    """A template of `files` as they are, which both engines copy without rendering them."""
    for folder in (root / "template", root / "{{cookiecutter.project_slug}}"):
        for relative, content in files.items():
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(content)
    (root / "copier.yml").write_text(
        "_subdirectory: template\n_templates_suffix: .jinja\nuse_case: plain\n"
    )
    (root / "cookiecutter.json").write_text(
        '{"project_slug": "plain", "use_case": "plain", "_copy_without_render": ["*"]}\n'
    )
    return Engines(template=root, settings=engines.settings)


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


def page_lines(medians: dict[str, dict]) -> list[str]:
    presets = {use_case: row for use_case, row in medians.items() if not use_case.startswith("(")}
    floor = medians.get(FLOOR)
    slowest = max((seconds, engine, use_case) for use_case, row in presets.items()
                  for engine, seconds in row.items())  # fmt: skip
    met = slowest[0] <= TARGET_SECONDS
    lines = [
        "## Generation",
        "",
        "Wall time of one whole `copier copy` and one `cookiecutter` run of each preset's",
        "default project (median of interleaved rounds; `docs/generation_bench.py`). Two",
        "baselines run in the same rounds: the engine's floor, a one-file template (its start-up",
        "and fixed costs), and a plain copy, the first preset's generated files as a template",
        "with no Jinja, questions or tasks (what the engine needs to write that many files);",
        "`over floor` is what a row adds to the floor.",
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
    plain = next(((row, times) for row, times in medians.items() if row.startswith("(plain")), None)
    if plain is not None:
        preset = plain[0].removeprefix("(plain copy of ").split(":")[0]
        for engine, seconds in plain[1].items():
            if preset in presets and seconds > TARGET_SECONDS:
                lines.append(
                    f"- {engine} alone writes the files of {preset}'s project, as plain files "
                    f"with no Jinja, questions or tasks, in {seconds:.2f} s: above the target "
                    f"before any template work; this template adds "
                    f"{presets[preset][engine] - seconds:.2f} s to it"
                )
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
