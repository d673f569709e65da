"""`scaffold: design-doc-only` makes a repository of the design doc, its diagrams and the
config it describes; an update to `scaffold: full` grows it into the whole project with
the team's answers in the doc kept, with copier and with cruft."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engines import Engines
from tests.releases import git
from tests.trees import files
from tests.updating import (
    PACKAGE,
    answer_a_question,
    commit_everything,
    files_with_conflicts,
    generate,
    team_answers,
    update_answers,
)

DESIGN_ONLY = team_answers("classification", scaffold="design-doc-only")
DOC = "docs/design-doc.md"
ANSWER = "cut voluntary churn by two points within two quarters"
# A design-doc-only project: these, and the engine's own record of the answers.
DESIGN_FILES = {
    DOC,
    "docs/use-case.md",
    "config/pipeline.yaml",
    "README.md",
    "LICENSE",
    ".gitignore",
}
ENGINE_RECORDS = {".copier-answers.yml", ".cruft.json"}


def project_files(project: Path) -> set[str]:
    return {name for name in files(project) if not name.startswith(".git/")}


def answered(project: Path) -> str:
    text = (project / DOC).read_text()
    return text[text.index("**Business objective:**") :].split("\n- [", 1)[0]


@pytest.mark.parametrize("engine", ["copier", "cruft"])
def test_a_design_doc_only_repository_grows_into_the_full_project(
    engines: Engines, repository: Path, tmp_path: Path, engine: str
):
    project = generate(engines, engine, repository, "HEAD", DESIGN_ONLY, tmp_path / "team")
    assert project_files(project) - ENGINE_RECORDS == DESIGN_FILES
    assert "<!-- /design:features -->" in (project / DOC).read_text()
    assert "`logins_7d`" in (project / DOC).read_text()  # the features are stated already
    commit_everything(project, "the design, generated")
    answer_a_question(project / DOC, "Business objective", ANSWER)
    git(project, "commit", "-q", "-am", "the team's answer")

    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()
    result = update_answers(engines, engine, project, branch, {"scaffold": "full"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output

    assert not files_with_conflicts(project) and not list(project.rglob("*.rej")), output
    assert f"**Answer:** {ANSWER}" in answered(project), answered(project)
    full = generate(engines, engine, repository, "HEAD", {**DESIGN_ONLY, "scaffold": "full"},
                    tmp_path / "fresh")  # fmt: skip
    assert project_files(project) == project_files(full)
    different = [
        name
        for name in files(full) - ENGINE_RECORDS
        if (project / name).read_bytes() != (full / name).read_bytes()
    ]
    assert different == [DOC]
    assert (project / "src" / PACKAGE / "design" / "check.py").is_file()


def test_going_back_to_design_doc_only_keeps_the_code_the_team_edited(
    engines: Engines, repository: Path, tmp_path: Path
):
    answers = {**DESIGN_ONLY, "scaffold": "full"}
    project = generate(engines, "copier", repository, "HEAD", answers, tmp_path)
    commit_everything(project, "generated")
    edited = project / "src" / PACKAGE / "features" / "definitions.py"
    edited.write_text(edited.read_text() + "\n# the team's note\n")
    git(project, "commit", "-q", "-am", "the team's note")
    result = update_answers(engines, "copier", project, "", {"scaffold": "design-doc-only"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "the team's note" in edited.read_text()
    assert f"kept src/{PACKAGE}/features/definitions.py: you edited it" in output
    assert not (project / "Makefile").exists()  # what the team did not edit goes
