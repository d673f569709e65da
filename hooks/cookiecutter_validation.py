"""Refuse bad answers under cookiecutter before the project folder exists.

cookiecutter creates the project folder before it runs pre_gen_project.py, so a slug such
as 'a/b' would leave 'a/' behind, and '..' or '' would end in a confusing error about an
existing folder. cookiecutter.json therefore ends with a private variable rendered through
the filter below (this module is loaded from its `_extensions`): it runs once every answer
is known and before anything is written. The error is a FailedHookException, which
cookiecutter's command line prints as a plain message with exit status 1, as it does for
a failing hook.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cookiecutter.exceptions import FailedHookException
from jinja2 import Environment
from jinja2.ext import Extension

from hooks.answers import refusals


class AnswersRefused(FailedHookException):
    """Some answers cannot make a working project; the message says which and why."""


def validate_answers(answers: Mapping[str, object]) -> str:
    if problems := refusals(answers):
        raise AnswersRefused("\n".join(problems))
    return ""


def template_root(_: object) -> str:
    """Where this template is, as the process rendering it sees it.

    The hooks run in a subprocess from a temporary copy and must import hooks/ from here.
    cookiecutter also says where in `_repo_dir`, but cruft (which drives cookiecutter's
    parts itself, from a clone of its own) does not.
    """
    return str(Path(__file__).resolve().parent.parent)


class ValidateAnswers(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["validate_answers"] = validate_answers
        environment.filters["template_root"] = template_root
