"""The promotion gate: the challenger replaces the baseline only if it is clearly better."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ConfigError

# Metrics where a smaller value is better; every other metric is better when larger.
LOWER_IS_BETTER = frozenset({"log_loss", "normalized_entropy", "mae", "rmse", "mape", "mean_rank"})


@dataclass(frozen=True)
class Evaluation:
    """Metrics per model (and per trivial reference), and what each model would serve."""

    metrics: dict[str, dict[str, float]]
    served: dict[str, pd.DataFrame]  # per model: feature columns and `score`


@dataclass(frozen=True)
class Decision:
    promoted: bool
    champion: str
    reason: str


def decide(
    metrics: dict[str, dict[str, float]], primary_metric: str, min_improvement: float
) -> Decision:
    """Compare `challenger` with `baseline` on the primary metric, with a margin."""
    try:
        baseline = metrics["baseline"][primary_metric]
        challenger = metrics["challenger"][primary_metric]
    except KeyError:
        known = ", ".join(sorted(metrics.get("baseline", {})))
        raise ConfigError(
            f"promotion.primary_metric is {primary_metric!r}, which evaluation does not "
            f"compute; use one of {known}"
        ) from None
    lower = primary_metric in LOWER_IS_BETTER
    gain = (baseline - challenger) if lower else (challenger - baseline)
    comparison = (
        f"challenger {primary_metric} = {challenger:.4f} vs baseline {baseline:.4f} "
        f"({'lower' if lower else 'higher'} is better; gain {gain:+.4f}, "
        f"required margin {min_improvement:.4f})"
    )
    if gain >= min_improvement:
        return Decision(True, "challenger", f"promoted: {comparison}")
    return Decision(False, "baseline", f"not promoted, the baseline stays champion: {comparison}")
