"""Keep what a team edited when an update changes an answer that owns files.

`copier update --data ci=gitlab` deletes every file the old answers generated and the new
ones do not (`.github/workflows/ci.yml` here), edits and all, without a word. So copier runs
this module twice around its merge (`_migrations` in copier.yml, on every update):

- before: list the files that the answers own and that the team has edited (they differ
  from what the template generated for them); the list waits inside `.git/`;
- after: put back each of them that the update deleted, from the last commit, and say so:
  the team removes it when the new setup has replaced it.

The answers that own files are `ci` (each provider's files, hooks/skeleton.py),
`use_case` (the preset's own folder and the optional modules it keeps, hooks/presets.py),
`feature_store` (the Redis or Feast store, its tests and docker-compose.yml), `registry` (the MLflow
registry and its tests), `compute` (the Spark feature engineering and its tests),
`serving` (batch scoring and its tests) and `scaffold` (the code,
tests, benchmarks and build files of the full project).
cruft cannot run such a step: its merge leaves an edited file in place and reports "patch
does not apply" for it.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

from hooks.migrations import as_generated, generated_files, overlay_prefix
from hooks.presets import PRESETS
from hooks.skeleton import CI_FILES, FULL_SCAFFOLD

KEPT_LIST = "mlsd-template-kept.json"  # in the project's .git/ folder, between the two stages
# In the name of every file that only some presets, online stores or registries have.
NAMED_BY = (
    "cookiecutter.use_case",
    "cookiecutter.feature_store",
    "cookiecutter.registry",
    "cookiecutter.compute",
    "cookiecutter.serving",
)
OWNING_ANSWERS = ("ci", "use_case", "feature_store", "registry", "compute", "serving", "scaffold")


def owned_paths(project: Path, answers: Mapping[str, str], source: Path, commit: str) -> set[str]:
    """The project's tracked files that exist because of its `ci`, `use_case`,
    `feature_store`, `registry`, `compute`, `serving` and `scaffold` answers."""
    owned = set()
    if ci_path := CI_FILES.get(answers.get("ci", "")):
        owned |= set(_tracked(project, ci_path))
    overlay = overlay_prefix(answers["use_case"])  # where releases up to 0.3 kept them
    owned |= {
        relative
        for name, relative in generated_files(source, commit, answers)
        if name.startswith(overlay) or any(answer in name for answer in NAMED_BY)
    }
    if answers.get("scaffold", "full") == "full":  # releases before 0.4 had no scaffold
        for relative in FULL_SCAFFOLD:
            owned |= set(_tracked(project, relative))
    preset = PRESETS.get(answers["use_case"])
    if preset is not None:  # the optional modules, which were plain names up to 0.3
        owned |= {module.format(package=answers["package_name"]) for module in preset.keeps}
    return owned


def edited_owned_files(
    project: Path, answers: Mapping[str, str], source: Path, commit: str
) -> list[str]:
    """The files owned by `answers` that differ from what the template at `commit` made."""
    return sorted(
        relative
        for relative in owned_paths(project, answers, source, commit)
        if (project / relative).is_file()
        and as_generated(source, commit, relative, answers) != (project / relative).read_text()
    )


def before_merge(project: Path, answers: Mapping[str, str], source: Path, commit: str) -> None:
    """Note the owned files the team has edited (copier gives this step the old answers only)."""
    edited = edited_owned_files(project, answers, source, commit)
    old = {name: answers.get(name) for name in OWNING_ANSWERS}
    (_git_folder(project) / KEPT_LIST).write_text(json.dumps({"edited": edited, "old": old}))


def after_merge(
    project: Path, answers: Mapping[str, str], echo: Callable[[str], None] = print
) -> list[str]:
    """Put back each noted file that the update deleted; returns them."""
    listing = _git_folder(project) / KEPT_LIST
    if not listing.is_file():
        return []
    noted = json.loads(listing.read_text())
    listing.unlink()
    changed = ", ".join(
        f"{name}: {value} -> {answers.get(name)}"
        for name, value in noted["old"].items()
        if value != answers.get(name)
    )
    why = f"the new answers ({changed})" if changed else "the new release"
    kept = [relative for relative in noted["edited"] if not (project / relative).exists()]
    for relative in kept:
        subprocess.run(["git", "checkout", "HEAD", "--", relative], cwd=project, check=True)
        echo(
            f"kept {relative}: you edited it, and {why} no longer generates it; delete it "
            "once the new setup replaces it"
        )
    return kept


def _tracked(project: Path, relative: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--", relative], cwd=project, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    return listed.stdout.split()


def _git_folder(project: Path) -> Path:
    found = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"], cwd=project, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return Path(found.stdout.strip())
