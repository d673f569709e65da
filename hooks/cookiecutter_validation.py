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


class ValidateAnswers(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["validate_answers"] = validate_answers
