"""A team's defaults file, which both engines read, checked before anyone generates from it.

One YAML file serves both: copier reads the answers under `defaults:` (its settings file),
cookiecutter and cruft read them under `default_context:` (their user config). An anchor
keeps the two one list:

    defaults: &team
      author_name: Retention Squad
      ci: gitlab
    default_context: *team

    COPIER_SETTINGS_PATH=team.yml copier copy --trust gh:<org>/mlsd-template my-project
    cookiecutter --config-file team.yml gh:<org>/mlsd-template
    COOKIECUTTER_CONFIG=team.yml cruft create https://github.com/<org>/mlsd-template

Neither engine says clearly what is wrong with such a file: copier stops with a traceback
on a bad value, and cookiecutter warns about an unknown choice and drops every default after
it. Check the file first, from a checkout of the template, with any Python that has PyYAML
(copier's and cookiecutter's do); each problem is one line, in the words the prompt uses:

    python -m hooks.team_defaults team.yml
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from hooks.answers import CHECKS

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent
COPIER_KEY, COOKIECUTTER_KEY = "defaults", "default_context"
FORM = f"put them under `{COPIER_KEY}: &team` and add `{COOKIECUTTER_KEY}: *team`"


def questions() -> dict[str, list[str] | None]:
    """Each question and its choices (None for free text), as cookiecutter.json asks them."""
    asked = json.loads((TEMPLATE_ROOT / "cookiecutter.json").read_text())
    return {
        name: [str(choice) for choice in value] if isinstance(value, list) else None
        for name, value in asked.items()
        if not name.startswith("_")
    }


def problems(path: Path) -> list[str]:
    """Every problem with the defaults file at `path`, one line each."""
    try:
        content = yaml.safe_load(path.read_text())
    except FileNotFoundError:
        return [f"{path}: no such file"]
    except yaml.YAMLError as error:
        return [f"{path} is not YAML: {' '.join(str(error).split())}"]
    if not isinstance(content, dict):
        return [f"{path} holds no mapping: {FORM}"]
    asked = questions()
    if COPIER_KEY not in content and COOKIECUTTER_KEY not in content:
        if set(content) & set(asked):
            return [
                f"{path} lists answers at the top level, where neither engine reads them "
                f"(both ignore them without a word): {FORM}"
            ]
        return [f"{path} has no `{COPIER_KEY}:` nor `{COOKIECUTTER_KEY}:`: {FORM}"]
    for present, missing, engine in (
        (COPIER_KEY, COOKIECUTTER_KEY, "cookiecutter and cruft"),
        (COOKIECUTTER_KEY, COPIER_KEY, "copier"),
    ):
        if present in content and missing not in content:
            return [f"{path} has `{present}:` but no `{missing}:`, so {engine} would not read "
                    f"it: {FORM}"]  # fmt: skip
    found = []
    for key in (COPIER_KEY, COOKIECUTTER_KEY):
        if not isinstance(content[key], dict):
            found.append(f"{path}: `{key}:` is not a mapping of answers: {FORM}")
    if found:
        return found
    if content[COPIER_KEY] != content[COOKIECUTTER_KEY]:
        differing = sorted(
            name
            for name in set(content[COPIER_KEY]) | set(content[COOKIECUTTER_KEY])
            if content[COPIER_KEY].get(name) != content[COOKIECUTTER_KEY].get(name)
        )
        found.append(
            f"{path}: `{COPIER_KEY}:` and `{COOKIECUTTER_KEY}:` differ on "
            f"{', '.join(differing)}, so the engines would generate different projects: {FORM}"
        )
    return found + answer_problems(content[COPIER_KEY], asked)


def answer_problems(answers: Mapping[str, object], asked: dict[str, list[str] | None]) -> list[str]:
    found = []
    for name, value in answers.items():
        if name not in asked:
            found.append(
                f"`{name}` is not a question of this template; the questions are {', '.join(asked)}"
            )
        elif isinstance(value, bool | dict | list) or value is None:
            found.append(f"{name} is {value!r}, not text: quote it in the file, e.g. {name}: '…'")
        elif (choices := asked[name]) is not None and str(value) not in choices:
            found.append(f"{name} '{value}' is not one of {', '.join(choices)}")
        elif name in CHECKS and (problem := CHECKS[name](str(value))):
            found.append(problem)
    return found


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage: python -m hooks.team_defaults <team defaults file>", file=sys.stderr)
        return 2
    found = problems(Path(arguments[0]))
    for problem in found:
        print(f"error: {problem}", file=sys.stderr)
    if not found:
        print(f"{arguments[0]}: every default is an answer both engines accept")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
