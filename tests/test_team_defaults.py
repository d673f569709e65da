"""One team defaults file serves both engines (docs/team-defaults.yml), and a bad one is
named line by line before anyone generates from it (hooks/team_defaults.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hooks.team_defaults import problems
from tests.engines import REPO, Engines

EXAMPLE = REPO / "docs" / "team-defaults.yml"
TEAM = yaml.safe_load(EXAMPLE.read_text())["defaults"]


def engines_reading(team_file: Path, template: Path, folder: Path) -> Engines:
    """Engines whose user settings are the team's file (plus cookiecutter's own folders)."""
    folder.mkdir()
    shutil.copy(team_file, folder / "copier.yml")
    isolation = {"cookiecutters_dir": str(folder / "cc"), "replay_dir": str(folder / "replay")}
    (folder / "cookiecutter.yml").write_text(team_file.read_text() + yaml.safe_dump(isolation))
    return Engines(template, folder)


def test_the_example_passes_its_own_check():
    assert problems(EXAMPLE) == []


def test_both_engines_generate_with_the_teams_defaults(engines: Engines, tmp_path: Path):
    team = engines_reading(EXAMPLE, engines.template, tmp_path / "settings")
    by_copier = tmp_path / "copier"
    assert team.copier(by_copier, {}).returncode == 0
    answers = yaml.safe_load((by_copier / ".copier-answers.yml").read_text())
    assert {name: answers[name] for name in TEAM} == TEAM
    out = tmp_path / "cookiecutter"
    out.mkdir()
    result = team.cookiecutter(out, {})
    assert result.returncode == 0, result.stderr
    (by_cookiecutter,) = out.iterdir()
    for project in (by_copier, by_cookiecutter):
        assert (project / ".gitlab-ci.yml").is_file() and not (project / ".github").exists()
        assert "Apache License" in (project / "LICENSE").read_text()
        assert "Retention Squad" in (project / "pyproject.toml").read_text()


FILES = {
    "flat": "author_name: X\nci: gitlab\n",
    "copier only": "defaults:\n  ci: gitlab\n",
    "cookiecutter only": "default_context:\n  ci: gitlab\n",
    "differing": "defaults:\n  ci: gitlab\ndefault_context:\n  ci: github\n",
    "bad choice": "defaults: &t\n  ci: jenkins\n  license: MIT\ndefault_context: *t\n",
    "bad text": "defaults: &t\n  target_qps: '-5'\ndefault_context: *t\n",
    "unknown": "defaults: &t\n  team: retention\ndefault_context: *t\n",
    "not text": "defaults: &t\n  author_name: yes\ndefault_context: *t\n",
    "not yaml": "defaults: [unclosed\n",
}
SAYS = {
    "flat": "at the top level",
    "copier only": "no `default_context:`, so cookiecutter and cruft would not read it",
    "cookiecutter only": "no `defaults:`, so copier would not read it",
    "differing": "differ on ci",
    "bad choice": "ci 'jenkins' is not one of github, gitlab, none",
    "bad text": "target_qps '-5' is not a positive number",
    "unknown": "`team` is not a question of this template",
    "not text": "author_name is True, not text: quote it",
    "not yaml": "is not YAML",
}


@pytest.mark.parametrize("case", list(FILES))
def test_a_bad_defaults_file_gets_one_line_naming_what_is_wrong(tmp_path: Path, case: str):
    path = tmp_path / "team.yml"
    path.write_text(FILES[case])
    found = problems(path)
    assert len(found) == 1 and SAYS[case] in found[0], found
    assert "\n" not in found[0]


def test_the_check_runs_as_the_docs_say(tmp_path: Path):
    path = tmp_path / "team.yml"
    path.write_text(FILES["bad choice"])
    command = [sys.executable, "-m", "hooks.team_defaults", str(path)]
    refused = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "error: ci 'jenkins' is not one of github, gitlab, none"
    command[-1] = str(EXAMPLE)
    accepted = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert accepted.returncode == 0 and "both engines accept" in accepted.stdout
