"""Candidate retrieval: from every post to the few dozen worth ranking for one feed.

Fresh posts only (published in the last `recent_days` before the request): the newest of
the authors the user follows first, topped up with the most clicked fresh posts (which
is all a brand-new user gets).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from ..entities import AUTHOR, POST
from ..features.columns import epoch_seconds

FOLLOWED_SHARE = 0.5  # of the candidates, at most, from followed authors


@dataclass(frozen=True)
class PostIndex:
    """Posts ordered by publication time, with their authors and recent clicks."""

    post_ids: np.ndarray
    authors: np.ndarray
    created: np.ndarray  # seconds since the epoch
    clicks: np.ndarray
    recent_seconds: float

    @classmethod
    def from_posts(cls, posts: pd.DataFrame, recent_days: float) -> PostIndex:
        """Build from post features: `post_id`, `author_id`, `created_epoch`, `post_clicks_3d`."""
        known = posts.dropna(subset=["created_epoch"]).sort_values(["created_epoch", POST])
        return cls(
            post_ids=known[POST].astype(str).to_numpy(),
            authors=known[AUTHOR].astype(str).to_numpy(),
            created=known["created_epoch"].to_numpy(dtype=float),
            clicks=known["post_clicks_3d"].to_numpy(dtype=float),
            recent_seconds=recent_days * 86_400,
        )

    def candidates(
        self, followed: Collection[str], at: np.datetime64 | datetime, size: int
    ) -> list[str]:
        """Up to `size` fresh posts as of `at` (naive UTC); fresh means published within
        `recent_days` of the newest post at `at` (so a quiet period still yields a feed)."""
        now = float(epoch_seconds(np.datetime64(at, "us")))
        end = np.searchsorted(self.created, now, side="right")
        if end == 0:
            return []
        start = np.searchsorted(self.created, self.created[end - 1] - self.recent_seconds)
        window = np.arange(start, end)
        from_followed = window[np.isin(self.authors[window], list(followed))][::-1]
        chosen = dict.fromkeys(from_followed[: int(size * FOLLOWED_SHARE)])
        popular = window[np.lexsort((-self.created[window], -self.clicks[window]))]
        for position in popular:
            if len(chosen) >= size:
                break
            chosen.setdefault(position)
        return [str(self.post_ids[position]) for position in list(chosen)[:size]]
