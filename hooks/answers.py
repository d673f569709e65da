"""The rules an answer must follow before anything is generated.

cookiecutter applies them through ``hooks/cookiecutter_validation.py`` (before the project
folder exists) and again in ``hooks/pre_gen_project.py``; copier applies the same rules,
with the same messages, through the ``validator:`` of each question in ``copier.yml``.
``tests/test_answers_rules.py`` holds both sides to one table of cases.

Every message names the answer and says how to fix it.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Mapping

# Modules the generated project imports, and the names of its own test folders. A project
# slug or package with one of these names would shadow the real module (or, as a
# distribution name, clash with a dependency). Keep in sync with `reserved_names` in
# copier.yml (a test checks it) and with the imports of template/ (a test checks that too).
RESERVED_NAMES: tuple[str, ...] = (
    "abc",
    "argparse",
    "asyncio",
    "benchmarks",
    "click",
    "code",
    "collections",
    "contextlib",
    "copy",
    "csv",
    "dataclasses",
    "datetime",
    "duckdb",
    "enum",
    "fastapi",
    "fcntl",
    "feast",
    "functools",
    "hashlib",
    "hmac",
    "html",
    "httpx",
    "hypothesis",
    "importlib",
    "inspect",
    "io",
    "itertools",
    "joblib",
    "json",
    "logging",
    "math",
    "mlflow",
    "numpy",
    "onnx",
    "onnxruntime",
    "operator",
    "orjson",
    "os",
    "pandas",
    "pathlib",
    "platform",
    "prometheus_client",
    "pyarrow",
    "pydantic",
    "pyspark",
    "pytest",
    "queue",
    "random",
    "re",
    "redis",
    "resource",
    "rich",
    "schemathesis",
    "scipy",
    "secrets",
    "select",
    "shutil",
    "signal",
    "site",
    "sklearn",
    "socket",
    "sqlglot",
    "sqlite3",
    "starlette",
    "statistics",
    "string",
    "subprocess",
    "sys",
    "tempfile",
    "test",
    "tests",
    "threading",
    "time",
    "typer",
    "types",
    "typing",
    "urllib",
    "uuid",
    "uvicorn",
    "uvloop",
    "warnings",
    "yaml",
    "zipfile",
)

PYTHON_KEYWORDS: tuple[str, ...] = tuple(keyword.kwlist)

# `\Z`, not `$`: `$` also matches before a trailing newline.
SLUG_PATTERN = r"^[a-z][a-z0-9_-]*\Z"
PACKAGE_PATTERN = r"^[a-z][a-z0-9_]*\Z"
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\Z"
POSITIVE_NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)?\Z"


def check_project_name(value: str) -> str | None:
    if problem := check_one_line("project_name", value):
        return problem
    if not value.strip():
        return "project_name is empty: give the project a name, e.g. 'My ML System'."
    return None


def check_one_line(name: str, value: str) -> str | None:
    if "\n" in value or "\r" in value:
        return f"{name} has a line break: keep it on one line."
    return None


def check_project_slug(value: str) -> str | None:
    return _check_name(
        "project_slug",
        value,
        pattern=SLUG_PATTERN,
        allowed="lowercase letters, digits, '-' and '_', starting with a letter",
        example="my-ml-system",
        suffix="-ml",
    )


def check_package_name(value: str) -> str | None:
    return _check_name(
        "package_name",
        value,
        pattern=PACKAGE_PATTERN,
        allowed="lowercase letters, digits and '_', starting with a letter",
        example="my_ml_system",
        suffix="_ml",
    )


def _check_name(
    name: str, value: str, *, pattern: str, allowed: str, example: str, suffix: str
) -> str | None:
    as_module = value.replace("-", "_")
    if not value:
        return f"{name} is empty: use {allowed}, e.g. '{example}'."
    if "/" in value or "\\" in value or ".." in value:
        return f"{name} '{value}' is a path: use a plain name without '/', '\\' or '..'."
    if not re.search(pattern, value):
        return f"{name} '{value}' is not valid: use {allowed}, e.g. '{example}'."
    if as_module in PYTHON_KEYWORDS:
        return f"{name} '{value}' is a Python keyword: choose another name, e.g. '{value}{suffix}'."
    if as_module in RESERVED_NAMES:
        return (
            f"{name} '{value}' would shadow the module '{as_module}' that the generated "
            f"project imports: choose another name, e.g. '{value}{suffix}'."
        )
    return None


def check_author_email(value: str) -> str | None:
    if value and not re.search(EMAIL_PATTERN, value):
        return (
            f"author_email '{value}' does not look like an e-mail address: "
            "use e.g. 'ada@example.org', or leave it empty."
        )
    return None


def check_latency_budget_ms(value: str) -> str | None:
    return _check_positive_number(
        "latency_budget_ms", value, "the p99 budget in milliseconds, e.g. 100"
    )


def check_target_qps(value: str) -> str | None:
    return _check_positive_number("target_qps", value, "the peak requests per second, e.g. 50")


def _check_positive_number(name: str, value: str, expected: str) -> str | None:
    if not re.search(POSITIVE_NUMBER_PATTERN, value) or float(value) <= 0:
        return f"{name} '{value}' is not a positive number: give {expected}."
    return None


# One check per answer that can be wrong (the choices are checked by the engines).
CHECKS: dict[str, Callable[[str], str | None]] = {
    "project_name": check_project_name,
    "project_slug": check_project_slug,
    "package_name": check_package_name,
    "description": lambda value: check_one_line("description", value),
    "author_name": lambda value: check_one_line("author_name", value),
    "author_email": check_author_email,
    "latency_budget_ms": check_latency_budget_ms,
    "target_qps": check_target_qps,
}


def check_answer(name: str, value: object) -> str | None:
    """The problem with one answer, or None: what copier.yml's `validator:` of it says."""
    return CHECKS[name](str(value))


def refusals(answers: Mapping[str, object]) -> list[str]:
    """Every problem with these answers, one message each, in question order."""
    problems = (check_answer(name, answers[name]) for name in CHECKS if name in answers)
    return [problem for problem in problems if problem]
