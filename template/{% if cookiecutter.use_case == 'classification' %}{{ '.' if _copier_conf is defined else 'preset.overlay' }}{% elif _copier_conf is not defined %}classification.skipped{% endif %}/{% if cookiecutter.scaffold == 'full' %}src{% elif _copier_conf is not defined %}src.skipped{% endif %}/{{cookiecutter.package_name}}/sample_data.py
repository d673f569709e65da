"""A seeded sample of customers, their activity and churn labels, with real structure.

Each customer has a latent engagement that drifts over time. Engagement drives logins
and purchases up and support tickets down; churn is more likely for disengaged,
basic-plan, recently signed-up customers. The features see engagement only through
noisy event counts, so a model learns something real and not everything.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

PLANS = ("basic", "standard", "premium")
REGIONS = ("north", "south", "east", "west")
OBSERVATION_EVERY_DAYS = 7
FIRST_OBSERVATION_DAY = 28


CUSTOMERS_PER_PART = 2_000


def generate(
    seed: int = 7, customers: int = 1500, days: int = 120, start: str = "2026-01-01"
) -> dict[str, pd.DataFrame]:
    """The whole sample, as one frame per table."""
    blocks = list(parts(seed, customers, days, start))
    return {name: pd.concat([b[name] for b in blocks], ignore_index=True) for name in blocks[0]}


def parts(
    seed: int = 7, customers: int = 1500, days: int = 120, start: str = "2026-01-01"
) -> Iterator[dict[str, pd.DataFrame]]:
    """The sample a block of customers at a time, each block with its own tables: ingest
    streams a sample of any size through a bounded memory."""
    origin = pd.Timestamp(start)
    for index, first in enumerate(range(0, customers, CUSTOMERS_PER_PART)):
        # The first block draws from `seed` as the sample always has: a default-sized
        # sample (one block) stays what it was.
        rng = np.random.default_rng(seed if index == 0 else [seed, index])
        yield _block(rng, first, min(CUSTOMERS_PER_PART, customers - first), days, origin)


def _block(
    rng: np.random.Generator, first: int, customers: int, days: int, origin: pd.Timestamp
) -> dict[str, pd.DataFrame]:
    profiles = _customers(rng, first, customers, origin)
    plan_lift = profiles["plan"].map({"basic": -0.3, "standard": 0.0, "premium": 0.3}).to_numpy()
    base = rng.normal(0.0, 1.0, customers) + plan_lift
    trend = rng.normal(0.0, 1.2, customers)  # change of engagement over the whole period
    engagement = base[:, None] + trend[:, None] * np.linspace(0, 1, days)[None, :]
    activity = _activity(rng, profiles, engagement, origin)
    labels = _labels(rng, profiles, engagement, origin)
    return {"customers": profiles, "activity": activity, "churn_labels": labels}


def _customers(
    rng: np.random.Generator, first: int, count: int, origin: pd.Timestamp
) -> pd.DataFrame:
    signup = origin - pd.to_timedelta(rng.integers(1, 720, count), unit="D")
    return pd.DataFrame(
        {
            "customer_id": [f"c{index:05d}" for index in range(first, first + count)],
            "updated_at": signup,
            "signup_at": signup,
            "plan": rng.choice(PLANS, count, p=[0.5, 0.35, 0.15]),
            "region": rng.choice(REGIONS, count),
        }
    )


def _activity(
    rng: np.random.Generator, profiles: pd.DataFrame, engagement: np.ndarray, origin: pd.Timestamp
) -> pd.DataFrame:
    rates = {
        "login": 1.2 * np.exp(0.8 * engagement),
        "purchase": 0.15 * np.exp(0.6 * engagement),
        "support_ticket": 0.06 * np.exp(-0.9 * engagement),
    }
    frames = []
    for event_type, rate in rates.items():
        counts = rng.poisson(rate)
        customer_index, day = np.nonzero(counts)
        repeats = counts[customer_index, day]
        customer_index, day = np.repeat(customer_index, repeats), np.repeat(day, repeats)
        seconds = rng.integers(0, 86_400, len(day))
        amount = rng.lognormal(3.0, 0.6, len(day)) if event_type == "purchase" else 0.0
        frames.append(
            pd.DataFrame(
                {
                    "customer_id": profiles["customer_id"].to_numpy()[customer_index],
                    "event_at": origin
                    + pd.to_timedelta(day, unit="D")
                    + pd.to_timedelta(seconds, unit="s"),
                    "event_type": event_type,
                    "amount": np.round(amount, 2),
                }
            )
        )
    return pd.concat(frames).sort_values("event_at", ignore_index=True)


def _labels(
    rng: np.random.Generator, profiles: pd.DataFrame, engagement: np.ndarray, origin: pd.Timestamp
) -> pd.DataFrame:
    count, days = engagement.shape
    observation_days = np.arange(FIRST_OBSERVATION_DAY, days, OBSERVATION_EVERY_DAYS)
    customer_index = np.repeat(np.arange(count), len(observation_days))
    day = np.tile(observation_days, count)
    now = engagement[customer_index, day]
    recent_trend = now - engagement[customer_index, day - 14]
    observed_at = origin + pd.to_timedelta(day, unit="D") + pd.Timedelta(hours=12)
    tenure_days = (observed_at - profiles["signup_at"].to_numpy()[customer_index]).days
    basic = (profiles["plan"].to_numpy()[customer_index] == "basic").astype(float)
    logit = (
        -2.6
        - 1.3 * now
        - 2.0 * recent_trend
        + 1.0 * (now < -1.0)
        + 0.6 * basic
        + 0.8 * (np.asarray(tenure_days) < 120)
    )
    churned = rng.random(len(logit)) < 1.0 / (1.0 + np.exp(-logit))
    return pd.DataFrame(
        {
            "customer_id": profiles["customer_id"].to_numpy()[customer_index],
            "observed_at": observed_at,
            "churned": churned,
        }
    )
