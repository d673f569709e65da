"""Updating a team's project to a newer template: generate it at a release, update it with
copier or cruft, and read the result (conflicts, changed files, what `template status`
says). The update tests use these, and so does the generated-project test that runs its
whole check on an updated project."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.engines import Engines
from tests.releases import git

PACKAGE = "team_project"
CONFLICT_START = re.compile(r"^<{7} ", re.M)
CONFLICT = re.compile(
    r"^<{7} [^\n]*\n(?P<ours>.*?)^(?:\|{7}[^\n]*\n.*?)?^={7}\n.*?^>{7} [^\n]*\n", re.S | re.M
)


def team_answers(use_case: str, **more: str) -> dict[str, str]:
    """A team's answers: its own project and package names and description, GitHub CI, and
    `more`."""
    return {
        "project_name": "Team Project",
        "description": "Ranks what the team's users see next",
        "project_slug": "team-project",
        "package_name": PACKAGE,
        "ci": "github",
        "use_case": use_case,
        **more,
    }


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


def update_answers(engines: Engines, engine: str, project: Path, branch: str, new_answers):
    """Update to this work tree with some answers changed (copier --data, cruft's JSON)."""
    if engine == "copier":
        data = [arg for name, value in new_answers.items() for arg in ("--data", f"{name}={value}")]
        command = ["copier", "update", "--trust", "--defaults", "--vcs-ref", "HEAD", *data]
    else:
        command = ["cruft", "update", "--skip-apply-ask", "--checkout", branch,
                   "--variables-to-update", json.dumps(new_answers)]  # fmt: skip
    return engines.run(command, cwd=project)


def answer_a_question(doc: Path, title: str, answer: str) -> None:
    """What a team does in its design doc: write the answer to `title`, tick its box."""
    text = doc.read_text()
    start = text.index(f"- [ ] **{title}:**")
    rest = text[start:].replace("- [ ]", "- [x]", 1).replace("_open_", answer, 1)
    doc.write_text(text[:start] + rest)


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
