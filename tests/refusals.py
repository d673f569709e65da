"""The answers the template refuses, and some it accepts: one table for every test of them.

Each refused case has the words its message must contain; every message also starts with
the name of the answer.
"""

from __future__ import annotations

import pytest

ESCAPE = "/mlsd-template-test-escape"

REFUSED: list[tuple[str, str, str]] = [
    ("project_name", "", "is empty"),
    ("project_name", "   ", "is empty"),
    ("project_name", "two\nlines", "has a line break"),
    ("project_slug", "", "is empty"),
    ("project_slug", "a/b", "is a path"),
    ("project_slug", "a\\b", "is a path"),
    ("project_slug", "..", "is a path"),
    ("project_slug", "../escape", "is a path"),
    ("project_slug", ESCAPE, "is a path"),
    ("project_slug", "My-Project", "is not valid"),
    ("project_slug", "ml system", "is not valid"),
    ("project_slug", "2fast", "is not valid"),
    ("project_slug", "-dash", "is not valid"),
    ("project_slug", "slug\n", "is not valid"),
    ("project_slug", "class", "is a Python keyword"),
    ("project_slug", "numpy", "would shadow the module 'numpy'"),
    ("project_slug", "prometheus-client", "would shadow the module 'prometheus_client'"),
    ("project_slug", "tests", "would shadow the module 'tests'"),
    ("package_name", "", "is empty"),
    ("package_name", "a/b", "is a path"),
    ("package_name", "my-package", "is not valid"),
    ("package_name", "MyPackage", "is not valid"),
    ("package_name", "_private", "is not valid"),
    ("package_name", "import", "is a Python keyword"),
    ("package_name", "sklearn", "would shadow the module 'sklearn'"),
    ("package_name", "json", "would shadow the module 'json'"),
    ("description", "first line\nsecond line", "has a line break"),
    ("author_name", "Ada\rLovelace", "has a line break"),
    ("author_email", "ada", "does not look like an e-mail address"),
    ("author_email", "ada@example", "does not look like an e-mail address"),
    ("author_email", "ada@@example.org", "does not look like an e-mail address"),
    ("author_email", "ada lovelace@example.org", "does not look like an e-mail address"),
    ("author_email", 'ada"@example.org', "does not look like an e-mail address"),
    ("latency_budget_ms", "0", "is not a positive number"),
    ("latency_budget_ms", "-5", "is not a positive number"),
    ("latency_budget_ms", "0.0", "is not a positive number"),
    ("latency_budget_ms", "1e3", "is not a positive number"),
    ("latency_budget_ms", "fast", "is not a positive number"),
    ("latency_budget_ms", "", "is not a positive number"),
    ("target_qps", "0", "is not a positive number"),
    ("target_qps", "inf", "is not a positive number"),
    ("target_qps", "nan", "is not a positive number"),
    ("target_qps", "50 ", "is not a positive number"),
]

ACCEPTED: list[tuple[str, str]] = [
    ("project_name", "My ML System"),
    ("project_name", "Détection de fraude"),
    ("project_slug", "my-ml-system"),
    ("project_slug", "reco_engine2"),
    ("project_slug", "numpy-model"),
    ("project_slug", "classifier"),
    ("package_name", "my_ml_system"),
    ("package_name", "reco2"),
    ("description", ""),
    ("description", 'Flags "suspicious" orders & it\'s fast'),
    ("author_name", ""),
    ("author_email", ""),
    ("author_email", "ada@example.org"),
    ("author_email", "zoe.orsted+ml@example.co.uk"),
    ("latency_budget_ms", "100"),
    ("latency_budget_ms", "12.5"),
    ("target_qps", "0.5"),
    ("target_qps", "2000"),
]


def params(cases: list[tuple[str, ...]]) -> list:
    """The cases as pytest parameters with readable ids, e.g. project_slug='a/b'."""
    return [pytest.param(*case, id=f"{case[0]}={case[1]!r}") for case in cases]
