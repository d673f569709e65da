"""Team repositories follow the template: a project generated from each earlier release
(releases.toml), customized the way a team does, is updated to the work tree with copier and
with cruft; every team edit survives, and a conflict appears only where both sides changed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.migrations import moves_between
from tests.engines import Engines
from tests.releases import Release, git, releases
from tests.team_edits import customize

PACKAGE = "team_project"
ANSWERS = {"project_name": "Team Project", "ci": "github"}
ENGINES = ("copier", "cruft")
PRESETS = ("classification", "recommendation")
ANSWERS_FILES = {".copier-answers.yml", ".cruft.json"}  # they record the commit each came from
CONFLICT_START = re.compile(r"^<{7} ", re.M)
CONFLICT = re.compile(
    r"^<{7} [^\n]*\n(?P<ours>.*?)^(?:\|{7}[^\n]*\n.*?)?^={7}\n.*?^>{7} [^\n]*\n", re.S | re.M
)


def update_cases() -> list[tuple[Release, str, str]]:
    """Every earlier release with each engine; the presets cycled, so that each release and
    each engine meets every preset listed."""
    cases = []
    for index, (release, engine) in enumerate(
        (release, engine) for release in releases() for engine in ENGINES
    ):
        cases.append((release, engine, PRESETS[(index + index // len(ENGINES)) % len(PRESETS)]))
    return cases


def generate(engines: Engines, engine: str, repository: Path, ref: str, answers, into: Path):
    """The project of `answers` at template commit `ref`; returns its folder."""
    if engine == "copier":
        data = [arg for name, value in answers.items() for arg in ("--data", f"{name}={value}")]
        command = ["copier", "copy", "--trust", "--defaults", "--vcs-ref", ref, *data]
        result = engines.run([*command, str(repository), str(into / "project")])
    else:
        context = json.dumps(answers)
        command = ["cruft", "create", "--no-input", "--checkout", ref, "--extra-context", context]
        result = engines.run([*command, "--output-dir", str(into), str(repository)])
    assert result.returncode == 0, result.stdout + result.stderr
    return into / ("project" if engine == "copier" else answers["project_slug"])


def update(engines: Engines, engine: str, project: Path, branch: str):
    if engine == "copier":
        command = ["copier", "update", "--trust", "--defaults", "--vcs-ref", "HEAD"]
    else:
        command = ["cruft", "update", "--skip-apply-ask", "--checkout", branch]
    return engines.run(command, cwd=project)


def commit_everything(project: Path, message: str) -> None:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def checkout(project: Path, ref: str, into: Path) -> Path:
    """The project's files at `ref`, in a folder of their own."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", ref], cwd=project, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x"], cwd=into, input=archive, check=True)
    return into


def files_with_conflicts(project: Path) -> set[str]:
    return {
        str(path.relative_to(project))
        for path in project.rglob("*")
        if ".git" not in path.parts
        and path.is_file()
        and CONFLICT_START.search(path.read_text(errors="replace"))
    }


def changed_files(before: Path, after: Path) -> set[str]:
    """Files whose text differs between two renders of the same answers."""
    names = {
        str(path.relative_to(root))
        for root in (before, after)
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }
    return {
        name
        for name in names
        if not ((before / name).is_file() and (after / name).is_file())
        or (before / name).read_bytes() != (after / name).read_bytes()
    }


def template_status(code: Path, project: Path) -> str:
    """What `template status` (the generated module in `code`, a project's src/) says of
    `project`."""
    script = (
        "import sys; from pathlib import Path\n"
        f"from {PACKAGE}.template_status import status\n"
        "print(status(Path(sys.argv[1])).summary())"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(project)],
        env={**os.environ, "PYTHONPATH": str(code)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def keep_our_side(path: Path) -> None:
    path.write_text(CONFLICT.sub(lambda found: found.group("ours"), path.read_text()))


@pytest.mark.parametrize(
    ("release", "engine", "use_case"),
    update_cases(),
    ids=lambda value: value.tag if isinstance(value, Release) else value,
)
def test_an_update_keeps_every_team_edit(
    engines: Engines, repository: Path, tmp_path: Path, release: Release, engine: str, use_case
):
    answers = {**ANSWERS, "use_case": use_case, "project_slug": "team-project"}
    answers["package_name"] = PACKAGE
    project = generate(engines, engine, repository, release.commit, answers, tmp_path / "team")
    commit_everything(project, f"generated from {release.tag}")
    git(project, "tag", f"{release.tag}-generated")
    pristine = checkout(project, f"{release.tag}-generated", tmp_path / "old")
    newest = generate(engines, engine, repository, "HEAD", answers, tmp_path / "new")
    said = template_status(newest / "src", project)
    assert f"this project: release {release.version}\n" in said, said
    later = [newer.version for newer in releases() if newer.version > release.version]
    for version in later:
        assert f"## {version} (" in said, said
    if later:
        assert f"{len(later)} release(s) behind" in said, said
    edits = customize(project, PACKAGE)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the team's edits")

    moved = [edit for edit in edits if edit.moved_from]
    if engine == "cruft" and moved:  # no migrations: CHANGELOG.md says to set them aside
        for edit in moved:
            git(project, "checkout", f"{release.tag}-generated", "--", edit.moved_from)
        git(project, "commit", "-q", "-m", "edits of moved files set aside")

    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()
    result = update(engines, engine, project, branch)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not list(project.rglob("*.rej")), output
    if engine == "cruft":  # ... and to port them to the file's new place after the update
        for edit in moved:
            with (project / edit.path).open("a") as ported:
                ported.write(f"\n{edit.kept}\n")

    removed = {name for name in changed_files(pristine, newest) if not (newest / name).exists()}
    moves = {old.format(package=PACKAGE) for _, (old, _) in moves_between(release.version, "9")}
    assert removed <= moves, "files a release removed without a move in hooks/migrations.py"

    edited = {edit.path for edit in edits}
    both_changed = edited & changed_files(pristine, newest)
    conflicted = files_with_conflicts(project)
    assert conflicted <= both_changed, f"conflicts where only one side changed: {output}"
    for name in conflicted:
        keep_our_side(project / name)
    said = template_status(project / "src", project)
    assert f"release {releases()[-1].version}" in said and "nothing newer" in said, said
    for edit in edits:
        assert edit.kept in (project / edit.path).read_text(), f"{edit.path} lost the team's edit"
    for name in changed_files(pristine, newest) - edited - ANSWERS_FILES:
        if (newest / name).is_file():
            assert (project / name).read_bytes() == (newest / name).read_bytes(), name
        else:
            assert not (project / name).exists(), f"{name} is gone from the template but stays"
