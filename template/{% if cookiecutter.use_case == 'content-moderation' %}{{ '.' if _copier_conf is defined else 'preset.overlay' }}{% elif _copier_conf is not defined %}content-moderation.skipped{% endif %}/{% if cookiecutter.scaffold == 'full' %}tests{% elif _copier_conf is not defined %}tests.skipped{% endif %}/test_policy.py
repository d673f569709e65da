"""The moderation policy: thresholds from config turn a score into remove, review or allow."""

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import ConfigError
from {{ cookiecutter.package_name }}.online.policy import Policy, target_precision

POLICY = Policy(review_above=0.3, remove_above=0.9)


@pytest.mark.parametrize(
    ("score", "decision"),
    [(0.0, "allow"), (0.3, "allow"), (0.31, "review"), (0.9, "review"), (0.95, "remove")],
)
def test_a_score_above_a_threshold_gets_that_thresholds_decision(score, decision):
    assert POLICY.decide(score) == decision


def test_deciding_many_scores_agrees_with_deciding_one_at_a_time():
    scores = pd.Series([0.05, 0.3, 0.5, 0.9, 0.99], index=[10, 11, 12, 13, 14])
    decided = POLICY.decide_all(scores)
    assert decided.tolist() == [POLICY.decide(s) for s in scores]
    assert decided.index.tolist() == scores.index.tolist()


def test_the_policy_is_read_from_the_task_section_with_defaults():
    assert Policy.from_task({"remove_above": 0.8, "review_above": 0.2}) == Policy(0.2, 0.8)
    assert Policy.from_task({}) == Policy(review_above=0.3, remove_above=0.9)
    assert target_precision({"target_precision": 0.95}) == 0.95


@pytest.mark.parametrize(
    ("task", "message"),
    [
        ({"remove_above": 0.2, "review_above": 0.5}, "review_above <= remove_above"),
        ({"remove_above": 1.5}, "remove_above"),
        ({"review_above": "high"}, "review_above"),
        ({"review_above": True}, "review_above"),
    ],
)
def test_bad_thresholds_are_a_config_error_naming_the_key(task, message):
    with pytest.raises(ConfigError, match=message):
        Policy.from_task(task)


def test_a_bad_target_precision_is_a_config_error():
    with pytest.raises(ConfigError, match="target_precision"):
        target_precision({"target_precision": 90})
