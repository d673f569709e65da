"""Referential checks: an id that a table declares with `references=` (entities.py) must
exist in its parent table. Rows naming an unknown one stop ingest with their count and
examples, or are dropped and counted when the table's config says `unknown_references: drop`.
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataError
from ..schema import TableSchema

EXAMPLES_SHOWN = 5


def parents_first(tables: dict[str, TableSchema]) -> list[str]:
    """Table names ordered so that a table comes after every table it references."""
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered or name in path:
            return
        for column in tables[name].columns:
            if column.parent is not None and column.parent[0] != name:
                visit(column.parent[0], (*path, name))
        ordered.append(name)

    for name in tables:
        visit(name, ())
    return ordered


class KnownKeys:
    """The values of every referenced key column, gathered chunk by chunk as parent tables
    stream in, so that a child's chunk is checked against all of its parent seen so far."""

    def __init__(self, tables: dict[str, TableSchema]) -> None:
        referenced = {c.parent for schema in tables.values() for c in schema.columns if c.parent}
        self._parts: dict[tuple[str, str], list[pd.Series]] = {key: [] for key in referenced}
        self._index: dict[tuple[str, str], pd.Index] = {}

    def add(self, table: str, rows: pd.DataFrame) -> None:
        for key in self._parts:
            if key[0] == table:
                self._parts[key].append(rows[key[1]].drop_duplicates())
                self._index.pop(key, None)

    def of(self, table: str, column: str) -> pd.Index:
        key = (table, column)
        if key not in self._index:
            parts = self._parts[key]
            values = pd.concat(parts).drop_duplicates() if parts else pd.Series([], dtype=object)
            self._index[key] = pd.Index(values)
            self._parts[key] = [values]
        return self._index[key]


def check_references(
    frame: pd.DataFrame, schema: TableSchema, source: str, policy: str, known: KnownKeys
) -> tuple[pd.DataFrame, int]:
    """Rows whose foreign keys are missing from their parent table: refused, or dropped."""
    orphan = pd.Series(False, index=frame.index)
    for column in schema.columns:
        if column.parent is None:
            continue
        table, key = column.parent
        missing = frame[column.name].notna() & ~frame[column.name].isin(known.of(table, key))
        if missing.any() and policy == "fail":
            examples = list(dict.fromkeys(frame.loc[missing, column.name]))[:EXAMPLES_SHOWN]
            raise DataError(
                f"{source}: table `{schema.name}`, column `{column.name}`: {int(missing.sum()):,} "
                f"of {len(frame):,} rows name a {key} that table `{table}` does not have (e.g. "
                f"{', '.join(map(repr, examples))}); add them to `{table}`, or drop those rows "
                f"with data.tables.{schema.name}.unknown_references: drop in config/pipeline.yaml"
            )
        orphan |= missing
    if not orphan.any():
        return frame, 0
    return frame[~orphan].reset_index(drop=True), int(orphan.sum())


def refuse_all_dropped(schema: TableSchema, source: str) -> None:
    raise DataError(
        f"{source}: table `{schema.name}`: every row names an id its parent tables do not "
        "have; are the right files mapped in data.tables?"
    )
