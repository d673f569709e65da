"""A seeded social network that grows day by day, and the suggestions shown along the way.

People belong to communities (a stochastic block model): most friendships start inside a
community, a shared school or city helps, and some people are simply more sociable. The
starting graph is built that way; then, every day, pairs with friends in common close the
triangle (the more mutual friends, and the fewer friends those mutual friends have, the
likelier: Adamic-Adar), and a few people meet someone new at random.

Suggestions are what a nightly friends-of-friends job showed: on a visit, up to
`max_suggestions` people two hops away, labelled `connected` when the pair became friends
within `horizon_days` after the visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

COMMUNITIES = 8
SCHOOLS = 12
CITIES = 6
HISTORY_DAYS = 180  # the starting graph's friendships are spread over the time before start
DAILY_MEETINGS = 0.01  # random new acquaintances per person and day
START_BIAS = -6.2  # sets the mean degree of the starting graph
CLOSING_BIAS = -6.5  # sets how fast triangles close
CROWDING = 0.1  # per friend the pair already has: keeps growth from running away


def generate(
    seed: int = 5,
    users: int = 1000,
    days: int = 60,
    start: str = "2026-01-01",
    horizon_days: int = 14,
    visit_rate: float = 0.05,
    max_suggestions: int = 40,
) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    origin = pd.Timestamp(start)
    people = _people(rng, users)
    graph = _Graph(users)
    _starting_graph(rng, people, graph)
    visits = []
    for day in range(days):
        closeness = graph.adamic_adar()
        if day < days - horizon_days:
            visits.extend(_visits(rng, closeness, graph, day, visit_rate, max_suggestions))
        _grow(rng, people, graph, closeness, day)
    ids = np.asarray([f"p{index:05d}" for index in range(users)])
    suggestions = _suggestions(visits, graph, horizon_days)
    return {
        "users": pd.DataFrame(
            {
                "user_id": ids,
                "joined_at": origin
                - pd.to_timedelta(rng.integers(HISTORY_DAYS + 1, 1500, users), unit="D"),
                "community": [f"group-{c}" for c in people.community],
                "school": [f"school-{s}" for s in people.school],
                "city": [f"city-{c}" for c in people.city],
            }
        ),
        "connections": pd.DataFrame(
            {
                "user_id": ids[graph.first],
                "friend_id": ids[graph.second],
                "created_at": origin + pd.to_timedelta(graph.second_of_creation, unit="s"),
            }
        ).sort_values("created_at", ignore_index=True),
        "suggestions": pd.DataFrame(
            {
                "user_id": ids[suggestions["user"]],
                "candidate_id": ids[suggestions["candidate"]],
                "suggested_at": origin + pd.to_timedelta(suggestions["second"], unit="s"),
                "connected": suggestions["connected"],
            }
        ).sort_values("suggested_at", ignore_index=True),
    }


@dataclass
class _People:
    community: np.ndarray
    school: np.ndarray
    city: np.ndarray
    sociability: np.ndarray

    def affinity(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """How much more likely a friendship is, from what two people share (a logit)."""
        return (
            2.0 * (self.community[first] == self.community[second])
            + 1.0 * (self.school[first] == self.school[second])
            + 0.7 * (self.city[first] == self.city[second])
            + self.sociability[first]
            + self.sociability[second]
        )


@dataclass
class _Graph:
    size: int
    first: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))
    second: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))
    second_of_creation: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))

    def add(self, first: np.ndarray, second: np.ndarray, seconds: np.ndarray) -> None:
        """Add new friendships (first < second), skipping pairs already friends."""
        known = set(zip(self.first.tolist(), self.second.tolist(), strict=True))
        keep, seen = [], set()
        for index, pair in enumerate(zip(first.tolist(), second.tolist(), strict=True)):
            if pair not in known and pair not in seen:
                keep.append(index)
                seen.add(pair)
        self.first = np.concatenate([self.first, first[keep]])
        self.second = np.concatenate([self.second, second[keep]])
        self.second_of_creation = np.concatenate([self.second_of_creation, seconds[keep]])

    def degree(self) -> np.ndarray:
        return np.bincount(np.concatenate([self.first, self.second]), minlength=self.size)

    def adjacency(self) -> sparse.csr_matrix:
        rows = np.concatenate([self.first, self.second])
        columns = np.concatenate([self.second, self.first])
        values = np.ones(len(rows))
        return sparse.csr_matrix((values, (rows, columns)), shape=(self.size, self.size))

    def adamic_adar(self) -> sparse.csr_matrix:
        """Per pair of non-friends two hops apart: sum of 1/log(degree) of the mutual friends."""
        adjacency = self.adjacency()
        weights = sparse.diags(1.0 / np.log(np.maximum(self.degree(), 2.0)))
        scores = (adjacency @ weights @ adjacency).tocsr()
        scores = scores - scores.multiply(adjacency)  # friends already: not a candidate
        scores.setdiag(0)
        scores.eliminate_zeros()
        return scores


def _people(rng: np.random.Generator, count: int) -> _People:
    community = rng.choice(COMMUNITIES, count, p=rng.dirichlet(np.full(COMMUNITIES, 4.0)))
    home_city = community % CITIES
    city = np.where(rng.random(count) < 0.7, home_city, rng.integers(0, CITIES, count))
    usual_school = (community * 3 + rng.integers(0, 2, count)) % SCHOOLS
    school = np.where(rng.random(count) < 0.6, usual_school, rng.integers(0, SCHOOLS, count))
    return _People(community, school, city, rng.normal(0.0, 0.5, count))


def _starting_graph(rng: np.random.Generator, people: _People, graph: _Graph) -> None:
    first, second = np.triu_indices(graph.size, 1)
    scale = np.log(graph.size / 1000)  # keeps the mean degree near 10 whatever the size
    logit = START_BIAS - scale + people.affinity(first, second)
    made = rng.random(len(first)) < 1.0 / (1.0 + np.exp(-logit))
    seconds = -rng.integers(1, HISTORY_DAYS * 86_400, int(made.sum()))
    graph.add(first[made], second[made], seconds)


def _grow(
    rng: np.random.Generator,
    people: _People,
    graph: _Graph,
    closeness: sparse.csr_matrix,
    day: int,
) -> None:
    """One day of new friendships: triangles closing, and chance meetings."""
    closeness = closeness.tocoo()
    upper = closeness.row < closeness.col
    first, second = closeness.row[upper], closeness.col[upper]
    degree = graph.degree()
    crowded = degree[first] + degree[second]  # busy people make fewer new friends
    logit = (
        CLOSING_BIAS
        + 1.6 * closeness.data[upper]
        + 0.8 * people.affinity(first, second)
        - CROWDING * crowded
    )
    closing = rng.random(len(first)) < 1.0 / (1.0 + np.exp(-logit))
    meetings = rng.poisson(DAILY_MEETINGS * graph.size)
    one = rng.integers(0, graph.size, meetings)
    other = rng.integers(0, graph.size, meetings)
    pairs_first = np.concatenate([first[closing], np.minimum(one, other)])
    pairs_second = np.concatenate([second[closing], np.maximum(one, other)])
    distinct = pairs_first != pairs_second
    seconds = day * 86_400 + rng.integers(0, 86_400, len(pairs_first))
    graph.add(pairs_first[distinct], pairs_second[distinct], seconds[distinct])


def _visits(
    rng: np.random.Generator,
    two_hop: sparse.csr_matrix,
    graph: _Graph,
    day: int,
    visit_rate: float,
    max_suggestions: int,
) -> list[tuple[int, np.ndarray, int]]:
    """Who opened the page today, and the friends of friends the nightly job had for them."""
    visitors = np.flatnonzero(rng.random(graph.size) < visit_rate)
    visits = []
    for user in visitors:
        candidates = two_hop.indices[two_hop.indptr[user] : two_hop.indptr[user + 1]]
        if candidates.size == 0:
            continue
        shown = rng.permutation(np.sort(candidates))[:max_suggestions]
        visits.append((int(user), shown, day * 86_400 + int(rng.integers(0, 86_400))))
    return visits


def _suggestions(
    visits: list[tuple[int, np.ndarray, int]], graph: _Graph, horizon_days: int
) -> dict[str, np.ndarray]:
    made = {
        (first, second): created
        for first, second, created in zip(
            graph.first.tolist(),
            graph.second.tolist(),
            graph.second_of_creation.tolist(),
            strict=True,
        )
    }
    horizon = horizon_days * 86_400
    rows = []
    for user, shown, second in visits:
        for candidate in shown.tolist():
            created = made.get((min(user, candidate), max(user, candidate)))
            if created is not None and created <= second:
                continue  # became friends earlier that day: no longer a suggestion
            connected = created is not None and created <= second + horizon
            rows.append((user, candidate, second, connected))
    user, candidate, second, connected = (np.asarray(column) for column in zip(*rows, strict=True))
    return {"user": user, "candidate": candidate, "second": second, "connected": connected}
