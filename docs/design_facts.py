"""Refresh hooks/design_facts/<preset>.json: what each preset's code declares, which a new
project's design doc is written from before anything is installed.

Each preset's default project is generated into build/design-facts/, its offline loop run
(so the last evaluation names the metrics), and its `design facts` command printed. The
generated projects' tests (`tests/test_design_doc.py`) fail when a preset's code and its
facts part; run this then.

    .venv/bin/python docs/design_facts.py --python PROJECT_VENV/bin/python [preset ...]

`--python` is an interpreter with the generated project's dependencies (any preset's
`.venv` after `make setup`): the projects run from their `src` folders, not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hooks.presets import PRESETS  # noqa: E402
from hooks.skeleton import DESIGN_FACTS  # noqa: E402

WORK = REPO / "build" / "design-facts"
PACKAGE = "facts_of_preset"
# Facts with nothing in them, so that a preset without any yet can be generated once.
EMPTY = '{"tables": [], "features": [], "heuristic": "", "lower_is_better": [], "metrics": null}\n'


def refresh(use_case: str, python: str) -> Path:
    facts = DESIGN_FACTS / f"{use_case}.json"
    if not facts.exists():
        facts.write_text(EMPTY)
    target = WORK / use_case
    shutil.rmtree(target, ignore_errors=True)
    copier = Path(sys.executable).with_name("copier")
    subprocess.run(
        [
            str(copier),
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref=HEAD",
            "--quiet",
            "--data",
            f"use_case={use_case}",
            "--data",
            "project_name=Facts of preset",
            str(REPO),
            str(target),
        ],
        check=True,
    )
    environment = {**os.environ, "PYTHONPATH": str(target / "src"), "SPARK_LOCAL_IP": "127.0.0.1"}
    run = [python, "-m", PACKAGE]
    subprocess.run([*run, "run"], cwd=target, env=environment, check=True, capture_output=True)
    printed = subprocess.run(
        [*run, "design", "facts"],
        cwd=target,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    facts.write_text(printed.stdout)
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", required=True, help="a python with the project's dependencies")
    parser.add_argument("presets", nargs="*", help="the presets to refresh (all by default)")
    arguments = parser.parse_args()
    unknown = sorted(set(arguments.presets) - set(PRESETS))
    if unknown:
        parser.error(f"no preset named {', '.join(unknown)}; the presets: {', '.join(PRESETS)}")
    DESIGN_FACTS.mkdir(exist_ok=True)
    for use_case in arguments.presets or PRESETS:
        print(f"{use_case}: {refresh(use_case, arguments.python).relative_to(REPO)}", flush=True)


if __name__ == "__main__":
    main()
