"""Feature views as data, and their compilation to DuckDB SQL.

A view names its entity, its source table and either aggregations over trailing windows
(computed as daily snapshots) or attributes (taken from the source rows as they change).
Every row the offline tier stores carries `feature_ts`: the value holds from that instant
on, and was computed from source rows strictly before it. That is what makes the as-of
join point-in-time correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

FEATURE_TS = "feature_ts"
# How the model reads a stored feature that it takes as it is: declared with the feature,
# so that the model's inputs follow from the views (FeatureSet.declared).
ModelInput = Literal["numeric", "categorical", "text"]


@dataclass(frozen=True)
class Aggregation:
    """`function` of the source rows (matching `where`) in the `window_days` before a snapshot."""

    name: str
    function: str  # count | sum | mean
    window_days: int
    column: str | None = None
    where: str | None = None
    description: str = ""
    model: ModelInput | None = None  # a model input as it is; None: only for other features


@dataclass(frozen=True)
class Attribute:
    """A value of the latest source row, as a SQL expression over its columns; `default`
    stands in for an entity the store has never seen (and a missing value)."""

    name: str
    expression: str
    description: str = ""
    default: float | str | None = None
    model: ModelInput | None = None  # a model input as it is; None: only for other features


@dataclass(frozen=True)
class FeatureView:
    name: str
    entity: str
    source: str
    timestamp: str
    aggregations: tuple[Aggregation, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        if bool(self.aggregations) == bool(self.attributes):
            raise ValueError(f"view {self.name}: declare aggregations or attributes, not both")
        for aggregation in self.aggregations:
            if aggregation.function not in ("count", "sum", "mean"):
                raise ValueError(f"view {self.name}: unknown function {aggregation.function}")
            if aggregation.function != "count" and not aggregation.column:
                raise ValueError(f"view {self.name}: {aggregation.name} needs a column")

    @property
    def features(self) -> list[str]:
        return [f.name for f in (*self.aggregations, *self.attributes)]

    @property
    def defaults(self) -> dict[str, float | str]:
        """What an entity without a value gets: 0 for an aggregation with no rows in its
        window, and an attribute's declared default."""
        values: dict[str, float | str] = {a.name: 0.0 for a in self.aggregations}
        values |= {a.name: a.default for a in self.attributes if a.default is not None}
        return values

    def model_inputs(self, kind: ModelInput) -> list[str]:
        """The features of this view that the model reads as `kind` inputs, as they are."""
        return [f.name for f in (*self.aggregations, *self.attributes) if f.model == kind]


@dataclass(frozen=True)
class FeatureSet:
    """The model's inputs, in order: numeric columns, categorical ones, then one free text."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...] = ()
    text: str | None = None

    @property
    def columns(self) -> list[str]:
        return [*self.numeric, *self.categorical, *([self.text] if self.text else [])]

    @classmethod
    def declared(
        cls,
        views: Sequence[FeatureView],
        numeric: Sequence[str] = (),
        categorical: Sequence[str] = (),
        text: str | None = None,
    ) -> FeatureSet:
        """The model's inputs: every view feature declared with `model=`, in view order,
        then the features computed at request time (`numeric`, `categorical`, `text`)."""
        stored_text = [name for view in views for name in view.model_inputs("text")]
        texts = [*stored_text, *([text] if text else [])]
        if len(texts) > 1:
            raise ValueError(f"a model reads at most one free text, not {texts}")
        chosen = cls(
            numeric=(*(n for v in views for n in v.model_inputs("numeric")), *numeric),
            categorical=(*(n for v in views for n in v.model_inputs("categorical")), *categorical),
            text=texts[0] if texts else None,
        )
        repeated = sorted({name for name in chosen.columns if chosen.columns.count(name) > 1})
        if repeated:
            raise ValueError(f"model inputs declared twice: {repeated}")
        return chosen


def compile_view(view: FeatureView) -> str:
    """SQL computing every row of the view's offline table from its source relation."""
    if view.attributes:
        return _compile_attributes(view)
    return _compile_aggregations(view)


def _compile_attributes(view: FeatureView) -> str:
    values = ",\n    ".join(f'{a.expression} AS "{a.name}"' for a in view.attributes)
    return f"""
SELECT
    CAST("{view.entity}" AS VARCHAR) AS "{view.entity}",
    CAST("{view.timestamp}" AS TIMESTAMP) AS {FEATURE_TS},
    {values}
FROM {view.source}
"""


def _compile_aggregations(view: FeatureView) -> str:
    daily_parts, snapshot_parts = [], []
    for index, aggregation in enumerate(view.aggregations):
        condition = f" FILTER (WHERE {aggregation.where})" if aggregation.where else ""
        count, total = f"n{index}", f"s{index}"
        daily_parts.append(f"COUNT(*){condition} AS {count}")
        if aggregation.column:
            daily_parts.append(f'SUM("{aggregation.column}"){condition} AS {total}')
        window = f"w{aggregation.window_days}"
        rolling_count = f"SUM(COALESCE({count}, 0)) OVER {window}"
        rolling_total = f"SUM(COALESCE({total}, 0)) OVER {window}"
        expression = {
            "count": rolling_count,
            "sum": rolling_total,
            "mean": f"COALESCE({rolling_total} / NULLIF({rolling_count}, 0), 0)",
        }[aggregation.function]
        snapshot_parts.append(f"CAST({expression} AS DOUBLE) AS {aggregation.name}")
    windows = sorted({a.window_days for a in view.aggregations})
    window_clauses = ",\n    ".join(
        f"w{days} AS (PARTITION BY grid.entity_key ORDER BY grid.day "
        f"ROWS BETWEEN {days - 1} PRECEDING AND CURRENT ROW)"
        for days in windows
    )
    daily = ",\n        ".join(daily_parts)
    snapshot = ",\n    ".join(snapshot_parts)
    # One snapshot per entity and day: it holds from the next midnight on, and sums the
    # windows of daily totals that end on that day (a dense grid, so ROWS means days).
    return f"""
WITH source_rows AS (
    SELECT CAST("{view.entity}" AS VARCHAR) AS entity_key,
           CAST(CAST("{view.timestamp}" AS TIMESTAMP) AS DATE) AS day, *
    FROM {view.source}
),
daily AS (
    SELECT entity_key, day,
        {daily}
    FROM source_rows GROUP BY entity_key, day
),
grid AS (
    SELECT keys.entity_key, CAST(days.day AS DATE) AS day
    FROM (SELECT DISTINCT entity_key FROM source_rows) AS keys
    CROSS JOIN (
        SELECT unnest(generate_series(MIN(day), MAX(day), INTERVAL 1 DAY)) AS day
        FROM source_rows
    ) AS days
)
SELECT
    grid.entity_key AS "{view.entity}",
    CAST(grid.day + INTERVAL 1 DAY AS TIMESTAMP) AS {FEATURE_TS},
    {snapshot}
FROM grid LEFT JOIN daily USING (entity_key, day)
WINDOW {window_clauses}
"""
