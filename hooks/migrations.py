"""What an update must do before copier merges a release that moved a file.

copier removes a file that the new release no longer renders, edits and all. So before it
merges, a team's edited copy of a moved file is moved to the file's new place, where the
update merges it with the template's version (a conflict to resolve, never a silent loss).
An unedited copy is left alone: the update removes it and writes the new file.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

import jinja2
from packaging.version import Version

from hooks.presets import OVERLAY_DIR

# Per release, the files it moved: (old path, new path), relative to the project, with
# `{package}` for the package folder. CHANGELOG.md says the same under "On update".
MOVES: dict[str, tuple[tuple[str, str], ...]] = {
    "0.2.0": (("src/{package}/offline/registry.py", "src/{package}/models/registry.py"),),
}


def moves_between(old: str, new: str) -> list[tuple[str, tuple[str, str]]]:
    """The moves of every release after `old`, up to and including `new`, oldest first."""
    since, until = Version(old), Version(new)
    return [
        (release, move)
        for release in sorted(MOVES, key=Version)
        if since < Version(release) <= until
        for move in MOVES[release]
    ]


def overlay_prefix(use_case: str) -> str:
    return f"template/{OVERLAY_DIR}/{use_case}/"


def generated_files(source: Path, commit: str, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    """(template path, project path) of every file the template at `commit` generates for
    `answers`: the common tree, then the preset's overlay, which wins."""
    return _generated_files(source, commit, tuple(sorted(answers.items())))


def template_paths(
    source: Path, commit: str, relative: str, answers: Mapping[str, str]
) -> list[str]:
    """Where the template at `commit` keeps the project file `relative` (its common tree,
    then the preset's overlay), found by rendering the names: some are conditional."""
    return [
        name for name, rendered in generated_files(source, commit, answers) if rendered == relative
    ]


@cache
def _generated_files(
    source: Path, commit: str, answers: tuple[tuple[str, str], ...]
) -> list[tuple[str, str]]:
    context = dict(answers)
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", commit, "--", "template/"],
        cwd=source, capture_output=True, text=True, check=False,
    ).stdout.splitlines()  # fmt: skip
    overlay, overlays = overlay_prefix(context["use_case"]), f"template/{OVERLAY_DIR}/"
    common, own = [], []
    for name in listed:
        in_overlay = name.startswith(overlay)
        if name.startswith(overlays) and not in_overlay:
            continue  # another preset's file
        parts = [_render(part, context) for part in name.removeprefix(
            overlay if in_overlay else "template/").split("/")]  # fmt: skip
        if all(parts):  # an empty name: no such file for these answers
            (own if in_overlay else common).append((name, "/".join(parts)))
    return common + own


# A name that needs a value the answers lack (the engine's own, such as copier's answers
# file) renders empty, as that file is no team's; a file's text must render in full.
NAMES = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.Undefined)
TEXTS = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def _render(text: str, answers: Mapping[str, str], environment: jinja2.Environment = NAMES) -> str:
    if "{" not in text:
        return text
    return environment.from_string(text).render(cookiecutter=answers)


def as_generated(
    source: Path, commit: str, relative: str, answers: Mapping[str, str]
) -> str | None:
    """The file as the template at `commit` generated it, or None if it has no such file."""
    for path in template_paths(source, commit, relative, answers)[-1:]:  # the overlay wins
        shown = subprocess.run(
            ["git", "show", f"{commit}:{path}"], cwd=source, capture_output=True, check=False
        )
        if shown.returncode == 0:
            try:
                return _render(shown.stdout.decode("utf-8"), answers, TEXTS)
            except jinja2.TemplateError:
                return None  # not a file this module can render as the engine did
    return None


def move_edited_files(
    project: Path,
    answers: Mapping[str, str],
    source: Path,
    old: tuple[str, str],  # (version, commit) the project was generated or last updated from
    new_version: str,
    echo: Callable[[str], None] = print,
) -> list[str]:
    """Move each team-edited file that a release since `old` moved; returns the new paths."""
    old_version, old_commit = old
    moved = []
    for release, (before, after) in moves_between(old_version, new_version):
        source_path = project / before.format(package=answers["package_name"])
        target = project / after.format(package=answers["package_name"])
        if not source_path.is_file() or target.exists():
            continue
        generated = as_generated(source, old_commit, before, answers)
        if generated == source_path.read_text():
            continue  # unedited: the update replaces it
        target.parent.mkdir(parents=True, exist_ok=True)
        source_path.rename(target)
        relative = [str(path.relative_to(project)) for path in (source_path, target)]
        # -f: a release's .gitignore may ignore the new place (0.1.0 ignored every `models/`)
        subprocess.run(["git", "add", "-A", "-f", "--", *relative], cwd=project, check=False)
        echo(
            f"moved {relative[0]} to {relative[1]}: release {release} moved it, and your copy "
            f"has edits; the update merges them with the template's {relative[1]} (resolve "
            "the conflicts there)"
        )
        moved.append(relative[1])
    return moved
