"""Keys of entity pairs, such as (user, category), and lists of ids, built alike in SQL
and Python.

A view keyed by a pair counts what happens per pair (a user's clicks in each category)
without a list of the second entity's values in code: whatever values the data has become
keys. A list of ids (a user's recent clicks) is one text. The separator is the ASCII unit
separator, which no id or name contains (spaces, commas and pipes can).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SEPARATOR = "\x1f"
SEPARATOR_SQL = f"chr({ord(SEPARATOR)})"  # for string_agg(ids, SEPARATOR_SQL)


def pair_keys(firsts: Sequence[object], seconds: Sequence[object]) -> list[str]:
    """The key of each (first, second) pair; a missing second value is empty text."""
    return [
        f"{first}{SEPARATOR}{'' if pd.isna(second) else second}"
        for first, second in zip(firsts, seconds, strict=True)
    ]


def pair_key_sql(first: str, second: str) -> str:
    """The same key as a DuckDB expression over two columns."""
    second_text = f"COALESCE(CAST({second} AS VARCHAR), '')"
    return f"CAST({first} AS VARCHAR) || {SEPARATOR_SQL} || {second_text}"


def split_ids(value: object) -> list[str]:
    """The ids of such a text; nothing for a missing value."""
    return value.split(SEPARATOR) if isinstance(value, str) and value else []
