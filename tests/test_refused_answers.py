"""Both engines refuse a bad answer with the message of hooks/answers.py, and write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.answers import check_answer
from tests.engines import Engines
from tests.refusals import ESCAPE, REFUSED, params

# Answers outside a question's choices: each engine refuses them with its own message.
UNKNOWN_CHOICES = [
    ("python_version", "3.10"),
    ("use_case", "regression"),
    ("ci", "jenkins"),
    ("license", "GPL-3.0"),
]


def assert_nothing_written(workdir: Path) -> None:
    output = workdir / "out"
    assert [path.name for path in workdir.iterdir()] == ["out"]
    assert list(output.iterdir()) == []
    assert not Path(ESCAPE).exists()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize(("question", "value", "reason"), params(REFUSED))
def test_copier_refuses(engines: Engines, workdir: Path, question, value, reason):
    result = engines.copier(workdir / "out" / "project", {question: value})
    assert result.returncode != 0
    assert check_answer(question, value) in result.stderr
    assert_nothing_written(workdir)


@pytest.mark.parametrize(("question", "value", "reason"), params(REFUSED))
def test_cookiecutter_refuses(engines: Engines, workdir: Path, question, value, reason):
    result = engines.cookiecutter(workdir / "out", {question: value})
    assert result.returncode == 1
    assert check_answer(question, value) in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert_nothing_written(workdir)


@pytest.mark.parametrize(("question", "value"), params(UNKNOWN_CHOICES))
def test_both_engines_refuse_an_unknown_choice(engines: Engines, workdir: Path, question, value):
    by_copier = engines.copier(workdir / "out" / "project", {question: value})
    by_cookiecutter = engines.cookiecutter(workdir / "out", {question: value})
    for result in (by_copier, by_cookiecutter):
        assert result.returncode != 0
        assert question in result.stdout + result.stderr
    assert_nothing_written(workdir)


def test_cookiecutter_pre_gen_hook_refuses_a_replayed_bad_answer(engines: Engines, workdir: Path):
    # A replay skips the questions and the check that follows them: the pre-gen hook is
    # the backstop. cookiecutter made the project folder before the hook and removes it.
    replay = workdir / "replay.json"
    answers = default_cookiecutter_context(engines) | {"project_slug": "numpy"}
    replay.write_text(json.dumps({"cookiecutter": answers}))
    result = engines.cookiecutter_replay(workdir / "out", replay)
    assert result.returncode == 1
    assert check_answer("project_slug", "numpy") in result.stderr
    replay.unlink()
    assert_nothing_written(workdir)


def default_cookiecutter_context(engines: Engines) -> dict:
    """What a replay file of the default answers holds."""
    context = json.loads((engines.template / "cookiecutter.json").read_text())
    del context["__prompts__"]
    choices = {
        name: value[0]
        for name, value in context.items()
        if isinstance(value, list) and not name.startswith("_")
    }
    derived = {"project_slug": "my-ml-system", "package_name": "my_ml_system", "__validated": ""}
    return context | choices | derived
