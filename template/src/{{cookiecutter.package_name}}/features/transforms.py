"""Request-time transforms that several presets share."""

from __future__ import annotations

import pandas as pd

PRIOR_TRIALS = 10  # how many trials the prior rate counts for


def smoothed_rate(events: pd.Series, trials: pd.Series, prior: float) -> pd.Series:
    """`events / trials`, pulled towards `prior` when there are few trials.

    A new item with 1 click in 2 impressions is not a 50% item: the prior counts as
    PRIOR_TRIALS trials at rate `prior`, and real trials outweigh it as they accumulate.
    """
    return (events.astype(float) + PRIOR_TRIALS * prior) / (trials.astype(float) + PRIOR_TRIALS)
