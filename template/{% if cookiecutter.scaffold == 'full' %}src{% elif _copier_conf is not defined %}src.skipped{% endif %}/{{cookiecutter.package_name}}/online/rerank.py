"""Re-ranking: the final list keeps the ranker's order but caps how many items share a group.

A business rule, not a model: it trades a little relevance for variety, so one category
cannot fill the whole list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple


class Scored(NamedTuple):
    item_id: str
    score: float
    group: str


def diversify(ranked: Sequence[Scored], k: int, max_per_group: int) -> list[Scored]:
    """The best `k` items with at most `max_per_group` per group; if the cap leaves the list
    short, the best of the held-back items fill it, still in score order."""
    ordered = sorted(ranked, key=lambda entry: entry.score, reverse=True)
    taken: list[Scored] = []
    held_back: list[Scored] = []
    per_group: Counter[str] = Counter()
    for entry in ordered:
        if len(taken) == k:
            break
        if per_group[entry.group] < max_per_group:
            taken.append(entry)
            per_group[entry.group] += 1
        else:
            held_back.append(entry)
    taken.extend(held_back[: k - len(taken)])
    return sorted(taken, key=lambda entry: entry.score, reverse=True)
