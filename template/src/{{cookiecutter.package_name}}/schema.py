"""Schemas of the raw tables, and the check that tells exactly which column or row is wrong."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .errors import DataError

MAX_ROWS_SHOWN = 5


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id | category | text | timestamp | bool | int | float
    description: str = ""
    nullable: bool = False


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    timestamp: str
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def conform(frame: pd.DataFrame, schema: TableSchema, source: str) -> pd.DataFrame:
    """Return `frame` with exactly the schema's columns, each cast to its kind.

    Raises DataError naming the table, the column and the first offending rows.
    """
    missing = [name for name in schema.column_names if name not in frame.columns]
    if missing:
        example = "{" + f"your_name: {missing[0]}" + "}"
        raise DataError(
            f"{source}: table `{schema.name}` has no column {', '.join(map(repr, missing))} "
            f"(it has {', '.join(map(repr, map(str, frame.columns)))}). Rename the column in "
            f"your data, or map it in config/pipeline.yaml under "
            f"data.tables.{schema.name}.columns, e.g. columns: {example}"
        )
    if frame.empty:
        raise DataError(f"{source}: table `{schema.name}` has no rows")
    conformed = pd.DataFrame(index=frame.index)
    for column in schema.columns:
        conformed[column.name] = _cast(frame[column.name], column, schema.name, source)
    return conformed.reset_index(drop=True)


def _cast(values: pd.Series, column: Column, table: str, source: str) -> pd.Series:
    where = f"{source}: table `{table}`, column `{column.name}`"
    if not column.nullable:
        _refuse_rows(values.isna(), values, f"{where} is empty on", "fill it or drop those rows")
    if column.kind in ("id", "category", "text"):
        text = values.astype("string")
        if column.kind != "text":  # free text keeps its spaces; codes do not
            text = text.str.strip()
        return text.astype(object).where(text.notna(), None)
    if column.kind == "timestamp":
        parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
        parsed = parsed.dt.tz_localize(None)
        bad = parsed.isna() & values.notna()
        _refuse_rows(
            bad, values, f"{where} is not a timestamp on", "use ISO 8601, 2026-01-31T12:00"
        )
        return parsed.astype("datetime64[us]")
    if column.kind == "bool":
        truthy = values.astype("string").str.lower().map(_BOOLEANS)
        bad = truthy.isna() & values.notna()
        _refuse_rows(bad, values, f"{where} is not true/false on", "use 0/1 or true/false")
        return truthy.astype(bool)
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() & values.notna()
    _refuse_rows(bad, values, f"{where} is not a number on", "fix or drop those rows")
    return numbers.astype("int64" if column.kind == "int" else "float64")


_BOOLEANS = {"1": True, "0": False, "true": True, "false": False, "1.0": True, "0.0": False}


def _refuse_rows(bad: pd.Series, values: pd.Series, problem: str, fix: str) -> None:
    if not bad.any():
        return
    positions = [int(p) for p in bad.to_numpy().nonzero()[0][:MAX_ROWS_SHOWN]]
    shown = ", ".join(f"row {p + 1} ({values.iloc[p]!r})" for p in positions)
    more = f" and {int(bad.sum()) - len(positions)} more" if bad.sum() > len(positions) else ""
    raise DataError(f"{problem} {shown}{more}: {fix}")
