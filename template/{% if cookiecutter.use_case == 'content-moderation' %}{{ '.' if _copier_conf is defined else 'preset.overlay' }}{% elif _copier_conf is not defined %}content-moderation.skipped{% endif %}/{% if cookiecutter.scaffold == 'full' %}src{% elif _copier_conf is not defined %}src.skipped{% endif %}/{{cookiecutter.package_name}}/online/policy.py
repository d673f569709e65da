"""The moderation policy: a harm score becomes remove, review or allow.

The thresholds are a business decision, not a model's: how many false removals the
platform tolerates, and how many posts the review team can look at. They live in the
`task` section of config/pipeline.yaml, and offline evaluation applies the same policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConfigError

REMOVE, REVIEW, ALLOW = "remove", "review", "allow"
DECISIONS = (REMOVE, REVIEW, ALLOW)


@dataclass(frozen=True)
class Policy:
    """Remove above `remove_above`; queue for human review above `review_above`."""

    review_above: float
    remove_above: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.review_above <= self.remove_above <= 1.0:
            raise ConfigError(
                "task: the thresholds need 0 <= review_above <= remove_above <= 1, got "
                f"review_above={self.review_above} and remove_above={self.remove_above}"
            )

    @classmethod
    def from_task(cls, task: Mapping[str, Any]) -> Policy:
        return cls(
            review_above=_probability(task, "review_above", 0.3),
            remove_above=_probability(task, "remove_above", 0.9),
        )

    def decide(self, score: float) -> str:
        if score > self.remove_above:
            return REMOVE
        return REVIEW if score > self.review_above else ALLOW

    def decide_all(self, scores: pd.Series) -> pd.Series:
        values = np.select(
            [scores > self.remove_above, scores > self.review_above], [REMOVE, REVIEW], ALLOW
        )
        return pd.Series(values, index=scores.index)


def target_precision(task: Mapping[str, Any]) -> float:
    """The precision at which evaluation reports recall (`task.target_precision`)."""
    return _probability(task, "target_precision", 0.9)


def _probability(task: Mapping[str, Any], key: str, default: float) -> float:
    value = task.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"task: `{key}` must be a number between 0 and 1, not {value!r}")
    return float(value)
