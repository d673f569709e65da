"""Request-time transforms that several presets share."""

from __future__ import annotations

from typing import Any

import numpy as np

PRIOR_TRIALS = 10  # how many trials the prior rate counts for


def smoothed_rate(events: Any, trials: Any, prior: float) -> np.ndarray:
    """`events / trials`, pulled towards `prior` when there are few trials.

    A new item with 1 click in 2 impressions is not a 50% item: the prior counts as
    PRIOR_TRIALS trials at rate `prior`, and real trials outweigh it as they accumulate.
    """
    events, trials = np.asarray(events, dtype=float), np.asarray(trials, dtype=float)
    return (events + PRIOR_TRIALS * prior) / (trials + PRIOR_TRIALS)
