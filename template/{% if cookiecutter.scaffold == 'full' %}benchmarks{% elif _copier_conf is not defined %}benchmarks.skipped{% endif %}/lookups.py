"""What the lookup benchmarks share: the view they read (the widest one with at least 100
stored entities) and how a call is timed."""

from __future__ import annotations

import time
from collections.abc import Callable

from {{ cookiecutter.package_name }}.feature_store import OnlineStore
from {{ cookiecutter.package_name }}.features.definitions import VIEWS
from {{ cookiecutter.package_name }}.features.views import FeatureView

SIZES = (1, 100)


def widest_view(store: OnlineStore) -> tuple[FeatureView, list[str]]:
    """The view with the most features among those with at least 100 stored entities."""
    candidates = []
    for view in VIEWS:
        ids = store.sample_ids(view, max(SIZES))
        if len(ids) >= max(SIZES):
            candidates.append((len(view.features), view.name, view, ids))
    if not candidates:
        raise SystemExit("no view has 100 stored entities: run the offline loop on a bigger sample")
    _, _, view, ids = max(candidates, key=lambda item: (item[0], item[1]))
    return view, ids


def timings(
    call: Callable[[], object], calls: int, before: Callable[[], object] | None = None
) -> list[float]:
    """Seconds of each of `calls` calls, after a warm-up of a tenth of them (at least 5);
    `before`, when given, runs untimed before every call."""
    spent = []
    for _ in range(max(calls // 10, 5) + calls):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        spent.append(time.perf_counter() - started)
    return spent[-calls:]
