"""Schemas of the raw tables, and the check that tells exactly which column or row is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .errors import DataError

if TYPE_CHECKING:
    from .config import TableSource

MAX_ROWS_SHOWN = 5
PLAUSIBLE_EPOCH_YEARS = (1971, 2200)  # a wrong unit lands in 1970 or far past 2200
NUMERIC_TEXT = r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id | category | text | timestamp | bool | int | float
    description: str = ""
    nullable: bool = False
    references: str | None = None  # "table.column": every value must exist there

    @property
    def parent(self) -> tuple[str, str] | None:
        if self.references is None:
            return None
        table, _, column = self.references.partition(".")
        return table, column or self.name


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[Column, ...]
    timestamp: str
    description: str = ""
    # Event tables are split into one lake partition per date; a dimension table (one row
    # per entity or per version of it) is small and read whole: one file.
    by_date: bool = True

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


def conform(
    frame: pd.DataFrame,
    schema: TableSchema,
    source: str,
    options: TableSource | None = None,
    setting: str | None = None,
    first_row: int = 1,
) -> pd.DataFrame:
    """Return `frame` with exactly the schema's columns, each cast to its kind, read as the
    table's `options` say (from `setting` in the config: data.tables.<table> by default).
    `frame` may be one chunk of a longer table whose first row is number `first_row`.

    Raises DataError naming the table, the column and the first offending rows.
    """
    setting = setting or f"data.tables.{schema.name}"
    check_columns(frame, schema, source, setting)
    if frame.empty:
        raise DataError(f"{source}: table `{schema.name}` has no rows")
    conformed = pd.DataFrame(index=frame.index)
    caster = _Caster(schema.name, source, options, setting, first_row)
    for column in schema.columns:
        conformed[column.name] = caster.cast(frame[column.name], column)
    return conformed.reset_index(drop=True)


def check_columns(frame: pd.DataFrame, schema: TableSchema, source: str, setting: str) -> None:
    """Refuse a table without one of the schema's columns, naming the mapping that fixes it."""
    missing = [name for name in schema.column_names if name not in frame.columns]
    if missing:
        example = "{" + f"your_name: {missing[0]}" + "}"
        raise DataError(
            f"{source}: table `{schema.name}` has no column {', '.join(map(repr, missing))} "
            f"(it has {', '.join(map(repr, map(str, frame.columns)))}). Rename the column in "
            f"your data, or map it in config/pipeline.yaml under "
            f"{setting}.columns, e.g. columns: {example}"
        )


class _Caster:
    def __init__(
        self, table: str, source: str, options: TableSource | None, setting: str, first_row: int
    ) -> None:
        self.table, self.source = table, source
        self.setting = setting
        self.first_row = first_row
        self.epoch_units = options.epoch_units if options else {}
        self.booleans = dict(_BOOLEANS)
        if options:
            self.booleans |= {value.strip().lower(): True for value in options.true_values}
            self.booleans |= {value.strip().lower(): False for value in options.false_values}

    def cast(self, values: pd.Series, column: Column) -> pd.Series:
        where = f"{self.source}: table `{self.table}`, column `{column.name}`"
        if not column.nullable:
            self.refuse_rows(
                values.isna(), values, f"{where} is empty on", "fill it or drop those rows"
            )
        if column.kind in ("id", "category", "text"):
            text = values.astype("string")
            if column.kind != "text":  # free text keeps its spaces; codes do not
                text = text.str.strip()
            return text.astype(object).where(text.notna(), None)
        if column.kind == "timestamp":
            return self.timestamps(values, column, where)
        if column.kind == "bool":
            truthy = values.astype("string").str.strip().str.lower().map(self.booleans)
            bad = truthy.isna() & values.notna()
            fix = (
                "use 0/1 or true/false, or name your values in config/pipeline.yaml: "
                f"{self.setting}.true_values: ['Yes'] and false_values: ['No']"
            )
            self.refuse_rows(bad, values, f"{where} is not true/false on", fix)
            return truthy.astype(bool)
        numbers = pd.to_numeric(values, errors="coerce")
        bad = numbers.isna() & values.notna()
        self.refuse_rows(bad, values, f"{where} is not a number on", "fix or drop those rows")
        return numbers.astype("int64" if column.kind == "int" else "float64")

    def timestamps(self, values: pd.Series, column: Column, where: str) -> pd.Series:
        unit = self.epoch_units.get(column.name)
        if unit is not None:
            numbers = pd.to_numeric(values, errors="coerce")
            self.refuse_rows(
                numbers.isna() & values.notna(),
                values,
                f"{where} is declared epoch `{unit}` but is not a number on",
                f"fix those rows, or remove {self.setting}.epoch_units.{column.name}",
            )
            try:
                parsed = pd.to_datetime(numbers, unit=unit, utc=True)
                plausible = parsed.dropna().dt.year.between(*PLAUSIBLE_EPOCH_YEARS).all()
            except (OverflowError, pd.errors.OutOfBoundsDatetime, ValueError):
                plausible = False
            if not plausible:
                raise DataError(
                    f"{where}: as epoch `{unit}` its numbers ({numbers.min():.0f} to "
                    f"{numbers.max():.0f}) are not dates between {PLAUSIBLE_EPOCH_YEARS[0]} and "
                    f"{PLAUSIBLE_EPOCH_YEARS[1]}; check the unit in {self.setting}.epoch_units"
                )
        else:
            is_number = (
                pd.api.types.is_numeric_dtype(values)
                and not pd.api.types.is_bool_dtype(values)
                and bool(values.notna().any())
            )
            parsed = None if is_number else _parse_text(values)
            bad = None if parsed is None else parsed.isna() & values.notna()
            if parsed is None or (bad.any() and _numeric_text(values[bad]).all()):
                example = values[values.notna() if bad is None else bad].iloc[0]
                raise DataError(
                    f"{where} holds numbers ({example!r}), not timestamps: if they are epoch "
                    f"times, declare the unit in config/pipeline.yaml: "
                    f"{self.setting}.epoch_units: " + "{" + column.name + ": s} (s, ms or us)"
                )
            self.refuse_rows(
                bad, values, f"{where} is not a timestamp on", "use ISO 8601, 2026-01-31T12:00"
            )
        return parsed.dt.tz_localize(None).astype("datetime64[us]")

    def refuse_rows(self, bad: pd.Series, values: pd.Series, problem: str, fix: str) -> None:
        if not bad.any():
            return
        positions = [int(p) for p in bad.to_numpy().nonzero()[0][:MAX_ROWS_SHOWN]]
        shown = ", ".join(f"row {self.first_row + p:,} ({values.iloc[p]!r})" for p in positions)
        extra, last = int(bad.sum()) - len(positions), self.first_row + len(values) - 1
        # counted in the rows read so far: a long table is checked chunk by chunk
        more = f" and {extra:,} more in rows {self.first_row:,}-{last:,}" if extra else ""
        raise DataError(f"{problem} {shown}{more}: {fix}")


def _parse_text(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce", utc=True, format="mixed")


def _numeric_text(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip().str.fullmatch(NUMERIC_TEXT)


_BOOLEANS = {"1": True, "0": False, "true": True, "false": False, "1.0": True, "0.0": False}
