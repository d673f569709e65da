"""The configurations the template tests render: every value of every question at least once.

The options that interact (both shape the tree) are crossed; the independent ones are
cycled along that product instead of multiplying it.
"""

from __future__ import annotations

from itertools import cycle, product
from pathlib import Path

import yaml

COPIER = yaml.safe_load((Path(__file__).resolve().parent.parent / "copier.yml").read_text())


def choices(question: str) -> list[str]:
    options = COPIER[question]["choices"]
    return list(options.values()) if isinstance(options, dict) else list(options)


INTERACTING = ("use_case", "ci")
CYCLED = (
    "python_version",
    "license",
    "feature_store",
    "scaffold",
    "registry",
    "compute",
    "serving",
)

# Free-text answers, cycled too: the defaults first, then the characters that break
# templates (quotes, backslashes, '&', non-ASCII), custom names (one sorting after every
# module of the tests) and fractional numbers.
TEXT_ANSWERS: tuple[dict[str, str], ...] = (
    {},
    {
        "project_name": "Churn Radar",
        "author_name": "Ada Lovelace",
        "author_email": "ada@example.org",
    },
    {
        "project_name": 'Bob\'s "Fraud" Finder & Co',
        "description": 'Flags "suspicious" orders & it\'s fast: C:\\temp is not a path',
        "author_name": 'Bob "the builder" O\'Neil',
    },
    {
        "project_slug": "reco_engine",
        "package_name": "reco",
        "latency_budget_ms": "12.5",
        "target_qps": "2000",
    },
    {
        "project_name": "Détection de fraude",
        "project_slug": "fraud-detection",
        "package_name": "veille_fraude",  # sorts after the tests' helper modules (isort)
        "description": "Détecte la fraude — vite, « bien » ✓",
        "author_name": "Zoë Ørsted",
        "author_email": "zoe.orsted+ml@example.co.uk",
    },
    {"project_name": "ETA v2", "latency_budget_ms": "250", "target_qps": "0.5"},
)


def build_matrix() -> list[dict[str, str]]:
    crossed = list(product(*(choices(question) for question in INTERACTING)))
    texts = cycle(TEXT_ANSWERS)
    return [
        {
            **dict(zip(INTERACTING, values, strict=True)),
            **cycled_answers(row, len(crossed)),
            **next(texts),
        }
        for row, values in enumerate(crossed)
    ]


def cycled_answers(row: int, rows: int) -> dict[str, str]:
    """Row `row`'s value of each cycled question, in a matrix of `rows` rows. Questions with
    as many choices as an earlier one turn that many times slower, so that every pair of
    their values occurs (cycled in step, two yes/no questions would always pair the same
    values), unless turning slower would leave a value out of the matrix: such a question
    turns as fast as the first of its size, one value further on for each one before it."""
    answers, strides, shifts = {}, {}, {}
    for question in CYCLED:
        options = choices(question)
        stride = strides.get(len(options), 1)
        if stride * len(options) > rows:
            shifts[len(options)] = shift = shifts.get(len(options), 0) + 1
            answers[question] = options[(row + shift) % len(options)]
            continue
        answers[question] = options[(row // stride) % len(options)]
        strides[len(options)] = stride * len(options)
    return answers


MATRIX = build_matrix()


def config_id(config: dict[str, str]) -> str:
    return "-".join(f"{question}={config[question]}" for question in INTERACTING)
