"""Online feature lookup: the views' latest values as columns, in the order they were asked for."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import StoreUnavailable
from ..feature_store import OnlineStore
from ..feature_store.kinds import NUMBER
from ..features.views import FEATURE_TS, FeatureView

KNOWN = "known"


def lookup(
    store: OnlineStore, view: FeatureView, entity_ids: Sequence[str]
) -> dict[str, np.ndarray]:
    """One row per requested id: the id, the view's features, and `known` (False where the
    store has nothing for the id: a cold start, scored from the view's defaults)."""
    ids = [entity if isinstance(entity, str) else str(entity) for entity in entity_ids]
    found = store.get_online(view, ids)
    kinds = store.kinds(view)
    absent = (None,) * (len(view.features) + 1)
    values = list(zip(*[found.get(entity, absent) for entity in ids], strict=True))
    columns = {
        view.entity: np.array(ids, dtype=object),
        KNOWN: np.array([entity in found for entity in ids], dtype=bool),
    }
    defaults = view.defaults
    for position, feature in enumerate(view.features, start=1):
        column = values[position] if values else ()
        if kinds[feature] != NUMBER:
            array = np.array(column, dtype=object)
            if feature in defaults:
                array[np.equal(array, None)] = defaults[feature]
            columns[feature] = array
            continue
        try:
            array = np.array(column, dtype=float)
        except (TypeError, ValueError):
            raise StoreUnavailable(
                f"view `{view.name}` in the online store holds a value of `{feature}` that is not "
                "a number; rebuild it with `materialize`"
            ) from None
        if feature in defaults:
            array[np.isnan(array)] = defaults[feature]
        columns[feature] = array
    return columns


def example_requests(
    store: OnlineStore, view: FeatureView, path: str, field: str, count: int
) -> list[dict]:
    """`count` requests for stored entities of `view`, the last for one never seen before,
    each at the moment of the latest snapshot (the sample data's "now")."""
    stored = store.all_rows(view)
    at = str(stored[FEATURE_TS].max())
    ids = [*stored.index[: max(count - 1, 0)], f"never-seen-{field}"][:count]
    return [{"method": "POST", "path": path, "body": {field: i, "at": at}} for i in ids]


{% if cookiecutter.serving != 'online' -%}
def stored_requests(store: OnlineStore, view: FeatureView, field: str) -> list[dict[str, str]]:
    """One request body per entity `view` holds, in id order, at the moment of the latest
    snapshot: what a batch run scores."""
    stored = store.all_rows(view)
    if stored.empty:
        return []
    at = str(stored[FEATURE_TS].max())
    return [{field: str(entity), "at": at} for entity in sorted(map(str, stored.index))]


{% endif -%}
def known_id(store: OnlineStore, view: FeatureView) -> str:
    """One id the store has for `view`: what readiness probes with."""
    ids = store.sample_ids(view, 1)
    if not ids:
        raise StoreUnavailable(
            f"view `{view.name}` in the online store is empty; run `materialize`"
        )
    return ids[0]


class Catalog:
    """The online features of a whole catalog (items, documents, posts), held in memory.

    A preset's retrieval index holds the catalog already; ranking its candidates then needs
    their features, which this gives without a store round trip per request. It is built
    from the online store through `lookup` (the same values, types and defaults) once per
    store generation, by the preset's `prepare`; `known` is true where any view has the id.
    """

    def __init__(self, store: OnlineStore, views: Sequence[FeatureView], ids: Sequence[str]):
        self.store = store
        self.views = tuple(views)
        self.ids = [str(entity) for entity in ids]
        self.position = {entity: index for index, entity in enumerate(self.ids)}
        self.columns = self._lookup(self.ids)

    def rows(self, entity_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The rows of `entity_ids`, in order; ids outside the catalog are looked up."""
        try:
            positions = np.fromiter((self.position[entity] for entity in entity_ids), np.intp)
        except KeyError:  # an id the catalog did not have when it was built: ask the store
            return self._lookup(entity_ids)
        return {name: values[positions] for name, values in self.columns.items()}

    def _lookup(self, entity_ids: Sequence[str]) -> dict[str, np.ndarray]:
        columns: dict[str, np.ndarray] = {}
        known = np.zeros(len(entity_ids), dtype=bool)
        for view in self.views:
            found = lookup(self.store, view, entity_ids)
            known |= found[KNOWN]
            columns.update(found)
        columns[KNOWN] = known
        return columns
