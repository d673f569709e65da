"""What an update does around copier's merge of a release that moved a file.

copier removes a file that the new release no longer renders, edits and all, and never
knows that its new file is the same one. So before it merges, a team's edited copy of a
moved file is set aside (the generated text is put back, which the update then removes);
after the merge, the team's edits are merged into the file's new place, three ways from
the text they started from: a conflict only where the template changed the same lines.
An unedited copy is left alone: the update removes it and writes the new file.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

import jinja2
from packaging.version import Version

# Per release, the files it moved: (old path, new path), relative to the project, with
# `{package}` for the package folder. CHANGELOG.md says the same under "On update".
MOVED_EDITS = "mlsd-template-moved-edits.json"  # in .git/, between the two stages
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


# In releases up to 0.3 a preset's own files were in template/presets/<use_case>/, which the hook
# merged onto the project; since, each preset's folder has a conditional name that copier
# renders `.` for the chosen preset and empty for the others.
OLD_OVERLAYS = "template/presets/"


def overlay_prefix(use_case: str) -> str:
    return f"{OLD_OVERLAYS}{use_case}/"


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
    overlay = overlay_prefix(context["use_case"])
    common, own = [], []
    for name in listed:
        in_overlay = name.startswith(overlay)
        if name.startswith(OLD_OVERLAYS) and not in_overlay:
            continue  # another preset's file
        parts = [_render_name(part, context) for part in name.removeprefix(
            overlay if in_overlay else "template/").split("/")]  # fmt: skip
        if all(parts):  # an empty name: no such file for these answers
            path = "/".join(part for part in parts if part != ".")
            (own if in_overlay else common).append((name, path))
    return common + own


# A name that needs a value the answers lack (the engine's own, such as copier's answers
# file) renders empty, as that file is no team's; a file's text must render in full.
NAMES = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.Undefined)
TEXTS = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def _render(text: str, answers: Mapping[str, str]) -> str:
    if "{" not in text:
        return text
    return TEXTS.from_string(text).render(cookiecutter=answers)


def _render_name(name: str, answers: Mapping[str, str]) -> str:
    """A path part as copier renders it (this module runs only under copier)."""
    if "{" not in name:
        return name
    return NAMES.from_string(name).render(cookiecutter=answers, _copier_conf={})


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
                return _render(shown.stdout.decode("utf-8"), answers)
            except jinja2.TemplateError:
                return None  # not a file this module can render as the engine did
    return None


def set_aside_edited_moves(
    project: Path,
    answers: Mapping[str, str],
    source: Path,
    old: tuple[str, str],  # (version, commit) the project was generated or last updated from
    new_version: str,
    echo: Callable[[str], None] = print,
) -> list[str]:
    """Before the merge: for each team-edited file that a release since `old` moved, keep
    the team's text and the text it started from, and put the generated text back, so that
    the update removes the old file cleanly. Returns the old paths."""
    old_version, old_commit = old
    kept: list[dict[str, str]] = []
    for release, (before, after) in moves_between(old_version, new_version):
        paths = [path.format(package=answers["package_name"]) for path in (before, after)]
        team_copy = project / paths[0]
        if not team_copy.is_file():
            continue
        generated = as_generated(source, old_commit, paths[0], answers)
        ours = team_copy.read_text()
        if generated is None or generated == ours:
            continue  # unedited (or not the template's): the update replaces it
        team_copy.write_text(generated)
        kept.append({"release": release, "old": paths[0], "new": paths[1],
                     "base": generated, "ours": ours})  # fmt: skip
        echo(f"set aside your edits of {paths[0]}: release {release} moved it to {paths[1]}")
    if kept:
        (_git_folder(project) / MOVED_EDITS).write_text(json.dumps(kept))
    return [entry["old"] for entry in kept]


def carry_over_edits(project: Path, echo: Callable[[str], None] = print) -> list[str]:
    """After the merge: merge each set-aside edit into the file's new place (a three-way
    merge from the text the team started from); returns the files left with conflicts."""
    listing = _git_folder(project) / MOVED_EDITS
    if not listing.is_file():
        return []
    conflicted = []
    for entry in json.loads(listing.read_text()):
        target = project / entry["new"]
        if not target.is_file():  # the new place is gone too: give the team its copy back
            target = project / entry["old"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(entry["ours"])
            echo(f"kept {entry['old']} with your edits: the template has no {entry['new']}")
            continue
        with tempfile.TemporaryDirectory() as folder:
            ours, base = Path(folder) / "ours", Path(folder) / "base"
            ours.write_text(entry["ours"])
            base.write_text(entry["base"])
            merged = subprocess.run(
                ["git", "merge-file", "-L", f"yours ({entry['old']})", "-L", "as generated",
                 "-L", f"the template's {entry['new']}", str(ours), str(base), str(target)],
                cwd=project, capture_output=True, check=False,
            )  # fmt: skip
            target.write_text(ours.read_text())
        # -f: a release's .gitignore may ignore the new place (0.1.0 ignored every `models/`)
        subprocess.run(["git", "add", "-f", "--", entry["new"]], cwd=project, check=False)
        if merged.returncode:
            conflicted.append(entry["new"])
            echo(f"merged your edits of {entry['old']} into {entry['new']}, with conflicts "
                 "to resolve there")  # fmt: skip
        else:
            echo(f"merged your edits of {entry['old']} into {entry['new']}")
    listing.unlink()
    return conflicted


def _git_folder(project: Path) -> Path:
    found = subprocess.run(
        ["git", "rev-parse", "--absolute-git-dir"], cwd=project, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return Path(found.stdout.strip())
