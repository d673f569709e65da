"""Data and prediction drift: the population stability index (PSI) of each feature.

Bins come from the reference frame (the training sample), so a bin holds a known share of
training rows, and the current frame (logged serving traffic) is counted into the same bins:

    PSI = sum over bins of (current share - reference share) * ln(current share / reference share)

A numeric column with more than `n_bins` distinct reference values gets quantile bins plus two
bins for values below the reference minimum and above its maximum. A column with few distinct
values (flags, counts, constant columns) or a non-numeric one gets one bin per reference value
plus an `unseen` bin. Missing values (NaN, None, ±inf) have a bin of their own, so a broken
upstream join shows up as drift too. Empty bins are given a share of `EPSILON` in the formula,
never in the shares reported. Rule of thumb: PSI < 0.1 is stable, 0.1–0.25 a shift worth a look,
over 0.25 a real change.

For a categorical model input, the share of current rows whose value the model did not
learn (its vocabulary, stored with it) is reported too: those rows are scored as "other".
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import ConfigError, DataError

EPSILON = 1e-4
MISSING = "missing"
UNSEEN = "unseen"

Status = Literal["ok", "warn", "drift"]


@dataclass(frozen=True)
class DriftThresholds:
    """When a PSI is a warning or a drift, and how many drifted features trigger a retrain."""

    psi_warn: float = 0.1
    psi_drift: float = 0.25
    max_drifted_features: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.psi_warn <= self.psi_drift:
            raise ConfigError(
                f"drift thresholds need 0 <= psi_warn <= psi_drift, got psi_warn={self.psi_warn} "
                f"and psi_drift={self.psi_drift}; typical values are 0.1 and 0.25"
            )
        if self.max_drifted_features < 0:
            raise ConfigError(
                f"max_drifted_features must be 0 or more, not {self.max_drifted_features}"
            )

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> DriftThresholds:
        """Build from a config mapping (e.g. the `monitoring:` section); other keys are ignored."""
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if raw.get(spec.name) is None:
                continue
            value = raw[spec.name]
            kind = int if spec.name == "max_drifted_features" else (int, float)
            if isinstance(value, bool) or not isinstance(value, kind):
                raise ConfigError(f"monitoring: `{spec.name}` must be a number, not {value!r}")
            values[spec.name] = value
        return cls(**values)

    def status(self, psi: float) -> Status:
        if psi >= self.psi_drift:
            return "drift"
        return "warn" if psi >= self.psi_warn else "ok"


@dataclass(frozen=True)
class FeatureDrift:
    """The PSI of one column, with the bin shares behind it (for the report)."""

    name: str
    psi: float
    status: Status
    kind: Literal["quantile", "categorical"]
    reference_mean: float | None
    current_mean: float | None
    bins: tuple[str, ...]
    reference_shares: tuple[float, ...]
    current_shares: tuple[float, ...]
    unseen_share: float | None = None  # of current rows, values outside the model's vocabulary


@dataclass(frozen=True)
class DriftResult:
    """Every feature's drift, highest PSI first, and the drift of the model's score."""

    features: tuple[FeatureDrift, ...]
    prediction: FeatureDrift | None
    reference_rows: int
    current_rows: int

    @property
    def drifted(self) -> tuple[FeatureDrift, ...]:
        return tuple(item for item in self.features if item.status == "drift")

    @property
    def warned(self) -> tuple[FeatureDrift, ...]:
        return tuple(item for item in self.features if item.status == "warn")


def psi(reference_shares: np.ndarray, current_shares: np.ndarray) -> float:
    """The PSI of two share vectors over the same bins; empty bins count as `EPSILON`."""
    ref = np.clip(np.asarray(reference_shares, dtype=float), EPSILON, None)
    cur = np.clip(np.asarray(current_shares, dtype=float), EPSILON, None)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def compute_drift(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    features: list[str],
    score_column: str | None,
    thresholds: DriftThresholds,
    n_bins: int = 10,
    vocabularies: Mapping[str, Collection[str]] | None = None,
) -> DriftResult:
    """PSI of every feature and of `score_column` (None skips prediction drift); for the
    columns in `vocabularies`, the share of current values outside them."""
    if not features:
        raise DataError("no feature columns to compare; list the model's features to monitor")
    columns = [*features, *([score_column] if score_column else [])]
    _check_frame(reference, "reference (training sample)", columns)
    _check_frame(current, "current (logged serving traffic)", columns)
    learned = vocabularies or {}
    per_feature = [
        feature_drift(name, reference[name], current[name], thresholds, n_bins, learned.get(name))
        for name in features
    ]
    per_feature.sort(key=lambda item: (-item.psi, item.name))
    prediction = None
    if score_column:
        prediction = feature_drift(
            score_column, reference[score_column], current[score_column], thresholds, n_bins
        )
    return DriftResult(tuple(per_feature), prediction, len(reference), len(current))


def feature_drift(
    name: str,
    reference: pd.Series,
    current: pd.Series,
    thresholds: DriftThresholds,
    n_bins: int = 10,
    vocabulary: Collection[str] | None = None,
) -> FeatureDrift:
    """Bin `reference`, count `current` into the same bins, and score the difference."""
    if n_bins < 2:
        raise ConfigError(f"n_bins must be at least 2, not {n_bins}")
    ref, cur = _clean(reference), _clean(current)
    numeric = pd.api.types.is_numeric_dtype(ref) and not pd.api.types.is_bool_dtype(ref)
    if numeric and ref.nunique() > n_bins:
        if not pd.api.types.is_numeric_dtype(cur):
            raise DataError(
                f"column `{name}` is numeric in the reference but {cur.dtype} in the current "
                "frame; log it with the same type the model was trained on"
            )
        kind: Literal["quantile", "categorical"] = "quantile"
        bins, ref_counts, cur_counts = _quantile_bins(ref, cur, n_bins)
    else:
        kind = "categorical"
        bins, ref_counts, cur_counts = _categorical_bins(ref, cur)
    bins.append(MISSING)
    ref_counts.append(int(ref.isna().sum()))
    cur_counts.append(int(cur.isna().sum()))
    ref_shares = np.asarray(ref_counts, dtype=float) / max(len(ref), 1)
    cur_shares = np.asarray(cur_counts, dtype=float) / max(len(cur), 1)
    # a bin empty on both sides adds nothing to the PSI; leave it out of the report
    keep = (ref_shares > 0) | (cur_shares > 0)
    value = psi(ref_shares[keep], cur_shares[keep])
    return FeatureDrift(
        name=name,
        psi=value,
        status=thresholds.status(value),
        kind=kind,
        reference_mean=_mean(ref),
        current_mean=_mean(cur),
        bins=tuple(label for label, kept in zip(bins, keep, strict=True) if kept),
        reference_shares=tuple(float(x) for x in ref_shares[keep]),
        current_shares=tuple(float(x) for x in cur_shares[keep]),
        unseen_share=None if vocabulary is None else unseen_share(current, vocabulary),
    )


def unseen_share(values: pd.Series, vocabulary: Collection[str]) -> float:
    """The share of `values` (as text, the way the model reads them) not in `vocabulary`."""
    if len(values) == 0:
        return 0.0
    known = set(vocabulary)
    text = pd.Series(np.asarray(values, dtype=object)).map(str)
    return float((~text.isin(known)).mean())


def _check_frame(frame: pd.DataFrame, role: str, columns: list[str]) -> None:
    if len(frame) == 0:
        raise DataError(
            f"the {role} frame has no rows, so there is nothing to compare; "
            "serve some predictions (or run the demo) before monitoring"
        )
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise DataError(
            f"the {role} frame lacks column(s) {', '.join(missing)}; it has "
            f"{', '.join(map(str, frame.columns))}. Check the feature list in config/pipeline.yaml"
        )


def _clean(series: pd.Series) -> pd.Series:
    """Numeric ±inf counts as missing; everything else is left as it is."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.astype(float)
        return values.where(np.isfinite(values))
    return series


def _quantile_bins(
    ref: pd.Series, cur: pd.Series, n_bins: int
) -> tuple[list[str], list[int], list[int]]:
    ref_values = ref.dropna().to_numpy(dtype=float)
    edges = np.unique(np.quantile(ref_values, np.linspace(0, 1, n_bins + 1)))
    labels = [f"< {_fmt(edges[0])}"]
    labels += [
        f"{'[' if i == 0 else '('}{_fmt(low)}, {_fmt(high)}]"
        for i, (low, high) in enumerate(zip(edges[:-1], edges[1:], strict=True))
    ]
    labels.append(f"> {_fmt(edges[-1])}")
    return labels, _count(ref_values, edges), _count(cur.dropna().to_numpy(dtype=float), edges)


def _count(values: np.ndarray, edges: np.ndarray) -> list[int]:
    """Counts below edges[0], in each (edge, next edge] (the first closed), above edges[-1]."""
    inner = np.clip(np.searchsorted(edges, values, side="left"), 1, len(edges) - 1)
    index = np.where(values < edges[0], 0, np.where(values > edges[-1], len(edges), inner))
    return np.bincount(index, minlength=len(edges) + 1).tolist()


def _categorical_bins(ref: pd.Series, cur: pd.Series) -> tuple[list[str], list[int], list[int]]:
    ref_counts = ref.dropna().value_counts()
    values = sorted(ref_counts.index, key=lambda value: (str(type(value)), value))
    cur_counts = cur.dropna().value_counts()
    seen = cur_counts.index.isin(values)
    labels = [_fmt(value) for value in values] + [UNSEEN]
    ref_list = [int(ref_counts[value]) for value in values] + [0]
    cur_list = [int(cur_counts.get(value, 0)) for value in values]
    cur_list.append(int(cur_counts[~seen].sum()))
    return labels, ref_list, cur_list


def _mean(series: pd.Series) -> float | None:
    if not pd.api.types.is_numeric_dtype(series) or series.notna().sum() == 0:
        return None
    value = float(series.astype(float).mean())
    return value if math.isfinite(value) else None


def _fmt(value: Any) -> str:
    if isinstance(value, float | np.floating):
        return f"{float(value):.4g}"
    return str(value)
