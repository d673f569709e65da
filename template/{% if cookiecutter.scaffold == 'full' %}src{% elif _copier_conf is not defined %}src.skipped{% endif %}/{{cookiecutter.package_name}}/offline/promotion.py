"""The promotion gate: a rung of the ladder serves only if it clearly beats every rung below.

The ladder is the heuristic (rung 0), the baseline, then the challenger; each model must
justify itself against everything simpler, the heuristic included.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import ConfigError

LADDER = ("heuristic", "baseline", "challenger")
# Metrics where a smaller value is better; every other metric is better when larger.
LOWER_IS_BETTER = frozenset({"log_loss", "normalized_entropy", "mae", "rmse", "mape", "mean_rank"})


@dataclass(frozen=True)
class Evaluation:
    """Metrics per rung of the ladder, and what each rung would serve."""

    metrics: dict[str, dict[str, float]]
    served: dict[str, pd.DataFrame]  # per model: feature columns and `score`


@dataclass(frozen=True)
class Decision:
    promoted: bool  # a trained model serves, not the heuristic
    champion: str
    reason: str


def decide(
    metrics: dict[str, dict[str, float]],
    primary_metric: str,
    min_improvement: float,
    ladder: tuple[str, ...] = LADDER,
) -> Decision:
    """The highest rung that beats every rung below it on the primary metric by the margin;
    rung 0 (the heuristic) when none does."""
    try:
        values = {rung: metrics[rung][primary_metric] for rung in ladder}
    except KeyError:
        known = ", ".join(sorted(next(iter(metrics.values()), {})))
        raise ConfigError(
            f"promotion.primary_metric is {primary_metric!r}, which evaluation does not "
            f"compute; use one of {known}"
        ) from None
    lower = primary_metric in LOWER_IS_BETTER

    def gain(upper: str, below: str) -> float:
        return (values[below] - values[upper]) if lower else (values[upper] - values[below])

    def versus(upper: str, below: str) -> str:
        return f"{below} {values[below]:.4f} ({gain(upper, below):+.4f})"

    rule = f"{'lower' if lower else 'higher'} is better, required margin {min_improvement:.4f}"
    passed_over = []
    for position in range(len(ladder) - 1, 0, -1):
        rung, below = ladder[position], ladder[:position]
        short = [other for other in below if gain(rung, other) < min_improvement]
        if not short:
            beaten = ", ".join(versus(rung, other) for other in reversed(below))
            why = f"{rung} serves: {primary_metric} {values[rung]:.4f} beats {beaten}"
            return Decision(True, rung, "; ".join([why, *passed_over]) + f" ({rule})")
        passed_over.append(
            f"{rung} ({values[rung]:.4f}) does not beat "
            + ", ".join(versus(rung, other) for other in short)
        )
    why = f"{ladder[0]} serves: no model beats it on {primary_metric} by the margin"
    return Decision(False, ladder[0], "; ".join([why, *passed_over]) + f" ({rule})")
