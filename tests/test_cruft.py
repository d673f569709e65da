"""cruft drives cookiecutter's parts itself, from a git clone: it must give the same project."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.engines import BIN, Engines
from tests.trees import snapshot

ANSWERS = {"project_name": "Cruft Made", "use_case": "recommendation", "ci": "gitlab"}


def git_repository(engines: Engines, folder):
    """cruft only reads templates from git: commit a copy of the template."""
    shutil.copytree(engines.template, folder, symlinks=True)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "template"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *command], cwd=folder, check=True
        )
    return folder


def test_cruft_create_makes_what_cookiecutter_makes(engines: Engines, tmp_path):
    repository = git_repository(engines, tmp_path / "repository")
    by_cruft = tmp_path / "cruft"
    result = subprocess.run(
        [
            str(BIN / "cruft"),
            "create",
            "--no-input",
            "--output-dir",
            str(by_cruft),
            "--extra-context",
            json.dumps(ANSWERS),
            str(repository),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    by_cookiecutter = tmp_path / "cookiecutter"
    by_cookiecutter.mkdir()
    assert engines.cookiecutter(by_cookiecutter, ANSWERS).returncode == 0
    (cruft_project,) = by_cruft.iterdir()
    (cookiecutter_project,) = by_cookiecutter.iterdir()
    cruft_tree = snapshot(cruft_project)
    assert json.loads(cruft_tree.pop(".cruft.json")[0])["template"] == str(repository)
    assert cruft_tree == snapshot(cookiecutter_project)


def test_cruft_refuses_a_bad_answer_and_writes_nothing(engines: Engines, tmp_path):
    repository = git_repository(engines, tmp_path / "repository")
    output = tmp_path / "out"
    output.mkdir()
    result = subprocess.run(
        [
            str(BIN / "cruft"),
            "create",
            "--no-input",
            "--output-dir",
            str(output),
            "--extra-context",
            json.dumps({"project_slug": "../escape"}),
            str(repository),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "project_slug '../escape'" in result.stdout + result.stderr
    assert list(output.iterdir()) == []
    assert not (tmp_path / "escape").exists()
