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


def check_references(
    checked: dict[str, pd.DataFrame], schema: TableSchema, source: str, policy: str
) -> tuple[pd.DataFrame, int]:
    """Rows whose foreign keys are missing from their parent table: refused, or dropped."""
    frame = checked[schema.name]
    orphan = pd.Series(False, index=frame.index)
    for column in schema.columns:
        if column.parent is None:
            continue
        table, key = column.parent
        known = checked[table][key]
        missing = frame[column.name].notna() & ~frame[column.name].isin(known)
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
    kept = frame[~orphan].reset_index(drop=True)
    if kept.empty:
        raise DataError(
            f"{source}: table `{schema.name}`: every row names an id its parent tables do not "
            "have; are the right files mapped in data.tables?"
        )
    return kept, int(orphan.sum())
