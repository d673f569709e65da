"""How text becomes words: one tokenizer for the index, the features and the gateway."""

from __future__ import annotations

import re

# Letters, digits and underscores: the same words in Python and in DuckDB's regexes.
WORD_PATTERN = r"[\pL\pN_]+"
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Lower-cased words, in order."""
    return _WORD.findall(str(text).lower())


def normalize_query(text: str) -> str:
    """The query as the query log stores it: lower case words joined by single spaces."""
    return " ".join(tokens(text))
