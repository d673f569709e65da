"""copier.yml and cookiecutter.json ask the same questions, and agree with hooks/."""

from __future__ import annotations

import json
import keyword

import yaml

from hooks.answers import RESERVED_NAMES
from hooks.presets import PRESETS
from tests.engines import REPO

COPIER = yaml.safe_load((REPO / "copier.yml").read_text())
COOKIECUTTER = json.loads((REPO / "cookiecutter.json").read_text())

# The questions of the contract, in the order both engines ask them.
QUESTIONS = [
    "project_name",
    "project_slug",
    "package_name",
    "description",
    "author_name",
    "author_email",
    "python_version",
    "use_case",
    "ci",
    "license",
    "latency_budget_ms",
    "target_qps",
    "feature_store",
    "registry",
    "compute",
    "serving",
    "scaffold",
]


def copier_questions() -> dict[str, dict]:
    """The questions copier asks: no settings (`_…`), no computed values (`when: false`)."""
    return {
        name: spec
        for name, spec in COPIER.items()
        if not name.startswith("_") and spec.get("when", True) is not False
    }


def cookiecutter_questions() -> dict[str, object]:
    return {name: value for name, value in COOKIECUTTER.items() if not name.startswith("_")}


def copier_choices(spec: dict) -> list[str]:
    choices = spec["choices"]
    return list(choices.values()) if isinstance(choices, dict) else list(choices)


def test_both_engines_ask_the_contract_questions_in_order():
    assert list(copier_questions()) == QUESTIONS
    assert list(cookiecutter_questions()) == QUESTIONS


def test_choices_agree_and_the_first_choice_is_the_default():
    for name, spec in copier_questions().items():
        if "choices" in spec:
            assert copier_choices(spec) == COOKIECUTTER[name], name
            assert spec["default"] == COOKIECUTTER[name][0], name


def test_plain_defaults_agree():
    for name, spec in copier_questions().items():
        if "choices" not in spec and "{{" not in str(spec["default"]):
            assert spec["default"] == COOKIECUTTER[name], name


def test_derived_defaults_follow_the_contract():
    # slug from the name, package from the slug; the rendered values are compared by the
    # matrix tests, which render both engines with several project names.
    assert "project_name" in COPIER["project_slug"]["default"]
    assert "project_name" in COOKIECUTTER["project_slug"]
    package_from_slug = "project_slug | replace('-', '_') }}"
    assert COPIER["package_name"]["default"].endswith(package_from_slug)
    assert COOKIECUTTER["package_name"].endswith(package_from_slug)


def test_every_question_has_the_same_help_in_both_engines():
    prompts = COOKIECUTTER["__prompts__"]
    for name, spec in copier_questions().items():
        prompt = prompts[name]
        assert spec["help"] == (prompt if isinstance(prompt, str) else prompt["__prompt__"]), name
        if isinstance(spec.get("choices"), dict):
            labels = {value: label for label, value in spec["choices"].items()}
            assert labels == {key: label for key, label in prompt.items() if key != "__prompt__"}


def test_the_use_cases_are_the_presets_of_the_presets_table():
    assert copier_choices(COPIER["use_case"]) == list(PRESETS)


def test_every_answer_is_in_the_cookiecutter_namespace_of_copier():
    namespace = COPIER["cookiecutter"]["default"]
    for name in QUESTIONS:
        assert f"{name}: {{{{ {name} | tojson }}}}" in namespace
    assert "__answers:" in namespace
    assert COOKIECUTTER["__answers"] == ""


def test_copier_refuses_the_same_reserved_names_and_keywords_as_the_hooks():
    assert tuple(COPIER["reserved_names"]["default"]) == RESERVED_NAMES
    assert tuple(sorted(set(RESERVED_NAMES))) == RESERVED_NAMES
    assert COPIER["python_keywords"]["default"] == keyword.kwlist


def test_cookiecutter_checks_the_answers_after_the_last_question():
    names = list(COOKIECUTTER)
    assert names.index("__validated") > max(names.index(name) for name in QUESTIONS)
    assert COOKIECUTTER["_extensions"] == ["hooks.cookiecutter_validation.ValidateAnswers"]
