"""hooks/answers.py refuses exactly the answers of the table, and copier.yml's validators
say word for word what it says."""

from __future__ import annotations

import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from hooks.answers import check_answer, refusals
from tests.engines import REPO
from tests.refusals import ACCEPTED, REFUSED, params

COPIER = yaml.safe_load((REPO / "copier.yml").read_text())


def copier_validator_message(question: str, value: str) -> str:
    """Render a question's `validator:` in an environment configured as copier's is."""
    environment = SandboxedEnvironment(
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    computed = {name: COPIER[name]["default"] for name in ("python_keywords", "reserved_names")}
    validator = environment.from_string(COPIER[question]["validator"])
    return validator.render({**computed, question: value}).strip()


@pytest.mark.parametrize(("question", "value", "reason"), params(REFUSED))
def test_refused_with_a_message_that_names_the_answer(question, value, reason):
    message = check_answer(question, value)
    assert message is not None
    assert message.startswith(question)
    assert reason in message


@pytest.mark.parametrize(("question", "value"), params(ACCEPTED))
def test_accepted(question, value):
    assert check_answer(question, value) is None


@pytest.mark.parametrize(("question", "value"), params([case[:2] for case in REFUSED] + ACCEPTED))
def test_copier_validator_says_the_same(question, value):
    assert copier_validator_message(question, value) == (check_answer(question, value) or "")


def test_every_question_with_a_rule_has_a_copier_validator_and_cases():
    questions_with_rules = {case[0] for case in REFUSED}
    validated = {
        name for name, spec in COPIER.items() if isinstance(spec, dict) and "validator" in spec
    }
    assert questions_with_rules == validated


def test_refusals_lists_every_problem_in_question_order():
    answers = {
        "project_name": "Demo",
        "project_slug": "numpy",
        "package_name": "numpy",
        "description": "",
        "author_name": "",
        "author_email": "nope",
        "latency_budget_ms": "100",
        "target_qps": "50",
    }
    problems = refusals(answers)
    assert [problem.split()[0] for problem in problems] == [
        "project_slug",
        "package_name",
        "author_email",
    ]


def test_refusals_of_the_defaults_is_empty():
    defaults = {
        name: spec["default"]
        for name, spec in COPIER.items()
        if isinstance(spec, dict) and "validator" in spec
    }
    defaults |= {"project_slug": "my-ml-system", "package_name": "my_ml_system"}
    assert refusals(defaults) == []
