"""Snapshot tables as teams have them, for the tests of `data.source: snapshot`.

Neither is the project's sample: a churn table shaped like the public telecom ones (one
row per customer, Yes/No words, a blank total for new customers, no dates), and a trips
table shaped like the public taxi ones (one row per trip, its pickup time, names with
spaces). Each label depends on a few columns, so a model has something to learn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

CONTRACTS = ("Month-to-month", "One year", "Two year")
PAYMENTS = ("Electronic check", "Mailed check", "Bank transfer", "Credit card")
BOROUGHS = ("Bronx", "Brooklyn", "Manhattan", "Queens", "Staten Island")
MINUTES_PER_KM = dict(zip(BOROUGHS, (2.2, 2.6, 4.0, 2.0, 1.6), strict=True))


def churn_table(rows: int = 2_000, seed: int = 3) -> pd.DataFrame:
    """One row per customer; `Churn` is Yes or No."""
    generator = np.random.default_rng(seed)
    tenure = generator.integers(0, 73, rows)
    contract = generator.choice(CONTRACTS, rows, p=[0.55, 0.25, 0.2])
    senior = generator.random(rows) < 0.16
    monthly = np.round(generator.uniform(18, 120, rows), 2)
    logit = (
        -1.0
        + 1.6 * (contract == "Month-to-month")
        - 0.045 * tenure
        + 0.02 * (monthly - 70)
        + 0.5 * senior
    )
    churned = generator.random(rows) < 1 / (1 + np.exp(-logit))
    total = np.where(tenure == 0, " ", np.round(tenure * monthly, 2).astype(str))
    return pd.DataFrame(
        {
            "customerID": [f"{n:04d}-{seed}X{n * 7919 % 100_000:05d}" for n in range(rows)],
            "gender": generator.choice(["Female", "Male"], rows),
            "SeniorCitizen": senior.astype(int),
            "Partner": generator.choice(["Yes", "No"], rows),
            "tenure": tenure,
            "Contract": contract,
            "PaymentMethod": generator.choice(PAYMENTS, rows),
            "MonthlyCharges": monthly,
            "TotalCharges": total,
            "Notes": "",  # a column with no values at all
            "Churn": np.where(churned, "Yes", "No"),
        }
    )


def trips_table(rows: int = 3_000, seed: int = 4, days: int = 30) -> pd.DataFrame:
    """One row per trip, with its pickup time; `trip minutes` is the label."""
    generator = np.random.default_rng(seed)
    start = pd.Timestamp("2025-03-01")
    pickup = start + pd.to_timedelta(np.sort(generator.uniform(0, days * 86_400, rows)), "s")
    borough = generator.choice(BOROUGHS, rows, p=[0.1, 0.25, 0.4, 0.2, 0.05])
    km = np.round(generator.gamma(2.0, 2.5, rows) + 0.3, 2)
    pace = np.array([MINUTES_PER_KM[name] for name in borough])
    minutes = 3.0 + km * pace * generator.lognormal(0, 0.15, rows)
    return pd.DataFrame(
        {
            "pickup time": pickup.strftime("%Y-%m-%d %H:%M:%S"),
            "pickup borough": borough,
            "passenger count": generator.integers(1, 5, rows),
            "trip km": km,
            "vendor": generator.choice(["CMT", "VTS"], rows),
            "trip minutes": np.round(minutes, 2),
        }
    )


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path
