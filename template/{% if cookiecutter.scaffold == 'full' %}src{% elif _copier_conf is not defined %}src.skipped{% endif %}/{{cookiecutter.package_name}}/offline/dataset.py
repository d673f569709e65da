"""The labelled frame a preset builds, split by time into what trains and what evaluates."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..config import Config
from ..errors import DataError
from ..features.views import FeatureSet
from .heuristic import Heuristic

EVENT_TS = "event_ts"


@dataclass(frozen=True)
class TrainingData:
    train: pd.DataFrame
    test: pd.DataFrame
    features: FeatureSet
    label: str
    cutoff: pd.Timestamp
    heuristic: Heuristic | None = None  # rung 0, when not the preset's (offline/evaluate.py)
    note: str | None = None  # how the split was made, when not by time


def split_by_time(
    frame: pd.DataFrame, config: Config, features: FeatureSet, label: str
) -> TrainingData:
    """The last `training.test_days` days evaluate; what came before trains.

    Splitting by time, not at random, is how the model will be used: trained on the past,
    scored on the future. A label observed over a window after its event (churn within 30
    days) is only known once the window closes: training keeps the rows whose label was
    known at the cutoff, so no outcome from the evaluation period leaks into training.
    """
    cutoff = frame[EVENT_TS].max().normalize() - pd.Timedelta(days=config.test_days)
    known_by_cutoff = cutoff - pd.Timedelta(days=config.label_window_days)
    train = frame[frame[EVENT_TS] < known_by_cutoff].reset_index(drop=True)
    test = frame[frame[EVENT_TS] >= cutoff].reset_index(drop=True)
    for name, part in (("training", train), ("evaluation", test)):
        if part.empty or part[label].nunique() < 2:
            raise DataError(
                f"the {name} period has too few labelled rows (cutoff {cutoff:%Y-%m-%d}); "
                "bring more days of data, or change training.test_days or "
                "training.label_window_days in config/pipeline.yaml"
            )
    return TrainingData(train, test, features, label, cutoff)
