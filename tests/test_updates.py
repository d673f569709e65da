"""Team repositories follow the template: a project generated from each earlier release
(releases.toml), customized the way a team does, is updated to the work tree with copier and
with cruft; every team edit survives, and a conflict appears only where both sides changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.migrations import moves_between
from tests.engines import Engines
from tests.releases import Release, git, releases
from tests.team_edits import TEAM_MARGIN, customize
from tests.updating import (
    PACKAGE,
    changed_files,
    checkout,
    commit_everything,
    files_with_conflicts,
    generate,
    keep_our_side,
    team_answers,
    template_status,
    update,
)

ENGINES = ("copier", "cruft")
PRESETS = ("classification", "recommendation")
ANSWERS_FILES = {".copier-answers.yml", ".cruft.json"}  # they record the commit each came from
DESIGN_DOC = "docs/design-doc.md"


def update_cases() -> list[tuple[Release, str, str]]:
    """Every earlier release with each engine; the presets cycled, so that each release and
    each engine meets every preset listed."""
    cases = []
    for index, (release, engine) in enumerate(
        (release, engine) for release in releases() for engine in ENGINES
    ):
        cases.append((release, engine, PRESETS[(index + index // len(ENGINES)) % len(PRESETS)]))
    return cases


@pytest.mark.parametrize(
    ("release", "engine", "use_case"),
    update_cases(),
    ids=lambda value: value.tag if isinstance(value, Release) else value,
)
def test_an_update_keeps_every_team_edit(
    engines: Engines, repository: Path, tmp_path: Path, release: Release, engine: str, use_case
):
    answers = team_answers(use_case)
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
    crossed = moves_between(release.version, releases()[-1].version)
    moves = {old.format(package=PACKAGE) for _, (old, _) in crossed}
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
    # copier writes the doc's blocks from the config again after the merge: the team's value
    if engine == "copier":
        assert f"`promotion.min_improvement: {TEAM_MARGIN}`" in (project / DESIGN_DOC).read_text()
    refreshed = {DESIGN_DOC} if engine == "copier" else set()
    for name in changed_files(pristine, newest) - edited - ANSWERS_FILES - refreshed:
        if (newest / name).is_file():
            assert (project / name).read_bytes() == (newest / name).read_bytes(), name
        else:
            assert not (project / name).exists(), f"{name} is gone from the template but stays"
