"""A trip's distance when the caller gives only the drop-off zone.

A rough estimate from zone centres; a caller with a routing engine sends `distance_km`
instead, which is what the model was trained on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..config import Config
from ..errors import UserError


@dataclass(frozen=True)
class DistanceEstimate:
    route_factor: float = 1.3  # roads are longer than the straight line
    within_zone_km: float = 1.5  # straight-line length of a trip inside one zone

    @classmethod
    def from_config(cls, config: Config) -> DistanceEstimate:
        task = config.task
        return cls(
            route_factor=float(task.get("route_factor", cls.route_factor)),
            within_zone_km=float(task.get("within_zone_km", cls.within_zone_km)),
        )

    def km(self, pickup: tuple[float, float], dropoff: tuple[float, float]) -> float:
        """Centre to centre, never less than a trip within one zone, times the route factor."""
        if not all(math.isfinite(value) for value in (*pickup, *dropoff)):
            raise UserError(
                "the distance cannot be estimated: a zone has no known centre; "
                "send distance_km, or use zones of the zones table"
            )
        straight = math.hypot(dropoff[0] - pickup[0], dropoff[1] - pickup[1])
        return self.route_factor * max(straight, self.within_zone_km)
