"""The snapshot shape: one table, one row per entity (or per observation), whose columns are
the features.

Where the event-log shape declares its views in `definitions.py`, a snapshot's view is
read off the table itself: every column but the id, the observation time and the label is
a model input, numeric when the lake stores it as a number or a yes/no, categorical
otherwise. The `features` step writes that layout beside the offline tier; training, the
online lookup and the gateway all read it from there, so the three agree by construction.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd

from ..errors import DataError, NotReadyError
from .views import FEATURE_TS, Attribute, FeatureSet, FeatureView

TABLE = "snapshot"  # the lake table and the feature view
ROW_ID = "row_id"  # the entity column: the table's id, or the row's number
OBSERVED_AT = "observed_at"  # the row's observation time, or when it was ingested
LAYOUT_FILE = "snapshot_layout.json"
UNKNOWN = "unknown"  # a categorical input neither sent nor stored
# Columns the pipeline adds to every row: a table's column of the same name must be renamed.
RESERVED = frozenset({ROW_ID, OBSERVED_AT, FEATURE_TS, "event_ts", "score", "known"})
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Kind = Literal["numeric", "categorical"]


@dataclass(frozen=True)
class SnapshotFeature:
    name: str
    kind: Kind
    default: float | str  # for an id the store has never seen, and a missing value


@dataclass(frozen=True)
class SnapshotLayout:
    """What the snapshot table holds: which column is the label, whether rows carry their
    own time, and its features, in table order."""

    label: str
    timed: bool
    id_column: str | None  # the team's name of the id column (None: rows are numbered)
    features: tuple[SnapshotFeature, ...]

    def view(self) -> FeatureView:
        return self._view

    @cached_property  # the gateway asks for it on every request
    def _view(self) -> FeatureView:
        attributes = tuple(
            Attribute(f.name, expression(f), default=f.default, model=f.kind) for f in self.features
        )
        return FeatureView(
            name=TABLE, entity=ROW_ID, source=TABLE, timestamp=OBSERVED_AT, attributes=attributes
        )

    def training_sql(self) -> str:
        """Every row with its label and features, computed as the view computes them."""
        values = ", ".join(f"{expression(f)} AS {quoted(f.name)}" for f in self.features)
        return (
            f"SELECT CAST({ROW_ID} AS VARCHAR) AS {ROW_ID}, "
            f"CAST({OBSERVED_AT} AS TIMESTAMP) AS event_ts, {quoted(self.label)}, {values} "
            f"FROM {TABLE}"
        )

    def feature_set(self) -> FeatureSet:
        return FeatureSet.declared((self.view(),))

    @property
    def defaults(self) -> dict[str, float | str]:
        return {feature.name: feature.default for feature in self.features}

    def save(self, store_folder: Path) -> None:
        path = Path(store_folder) / LAYOUT_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{LAYOUT_FILE}.tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2) + "\n")
        temporary.replace(path)

    @classmethod
    def load(cls, store_folder: Path) -> SnapshotLayout:
        path = Path(store_folder) / LAYOUT_FILE
        if not path.is_file():
            raise NotReadyError(
                f"the feature store has no snapshot layout ({path}); run `features`"
            )
        try:
            raw = json.loads(path.read_text())
            features = tuple(SnapshotFeature(**feature) for feature in raw.pop("features"))
            return cls(features=features, **raw)
        except (ValueError, TypeError, KeyError, AttributeError):
            raise DataError(f"{path} is damaged; rebuild it with `features`") from None


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def expression(feature: SnapshotFeature) -> str:
    """A numeric input as a double (a yes/no column is 0/1), a categorical one as text."""
    kind = "DOUBLE" if feature.kind == "numeric" else "VARCHAR"
    return f"CAST({quoted(feature.name)} AS {kind})"


def infer_layout(
    frame: pd.DataFrame, label: str, timed: bool, id_column: str | None
) -> SnapshotLayout:
    """The layout of a lake snapshot table (ROW_ID, OBSERVED_AT, the label, the features)."""
    features = []
    for name in frame.columns:
        if name in (ROW_ID, OBSERVED_AT, label):
            continue
        values = frame[name]
        if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
            median = pd.to_numeric(values, errors="coerce").astype(float).median()
            features.append(SnapshotFeature(name, "numeric", float(median)))
        else:
            features.append(SnapshotFeature(name, "categorical", UNKNOWN))
    if not features:
        raise DataError(
            f"the snapshot has no feature columns besides its label `{label}`: bring the "
            "columns that describe each row"
        )
    return SnapshotLayout(label, timed, id_column, tuple(features))


def identifier(name: str) -> str:
    """A column name as the pipeline can use it everywhere (SQL, parquet, JSON): letters,
    digits and underscores, not starting with a digit."""
    if IDENTIFIER.fullmatch(name):
        return name
    cleaned = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_") or "column"
    return f"c_{cleaned}" if cleaned[0].isdigit() else cleaned
