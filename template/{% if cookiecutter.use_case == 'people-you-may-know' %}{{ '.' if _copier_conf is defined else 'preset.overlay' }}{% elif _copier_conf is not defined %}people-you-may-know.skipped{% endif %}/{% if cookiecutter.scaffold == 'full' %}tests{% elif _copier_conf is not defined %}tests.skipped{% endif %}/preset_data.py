"""A second data set, shaped unlike the default sample: a SNAP ego-Facebook-style network.

What a team exports from a social product: a few hub accounts (the egos) are friends with
most of their own network, so nearly every pair in it has the hub in common; friend circles
(family, a climbing gym, a lab) are dense; sociability is heavy-tailed, so degrees are too;
people live in a latent social space that circles, schools and home towns only partly
reveal. Node ids are integers, some friendships name accounts deactivated since (absent from
the members export), and a few newcomers have no friends yet. Suggestions come from a
friends-of-friends job, answered "yes" or "no" within days; an accepted one is a friendship.
Written as files with the team's own column names: members as semicolon-separated CSV with
ISO dates, edges as parquet with epoch milliseconds, the suggestion log as CSV with epoch
seconds and yes/no answers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

CIRCLES = (
    "family", "high-school", "roommates", "rowing-club", "choir", "climbing-gym",
    "book-club", "startup", "lab", "dorm-floor", "football-team", "church",
    "neighbours", "chess-club", "volunteers", "band", "grad-school", "summer-camp",
    "coworkers", "yoga", "hiking", "gaming", "parents-group", "exchange-year",
)  # fmt: skip
SCHOOLS = ("Stanford", "Kyoto University", "ETH Zurich", "Universidad de Chile", "McGill")
HOMETOWNS = ("Palo Alto", "Osaka", "Zurich", "Santiago", "Lagos", "Montreal")
EGOS = 8
CIRCLES_PER_EGO = len(CIRCLES) // EGOS
DAY = 86_400
DEACTIVATED = 25  # friendships naming accounts no longer in the members export
NEWCOMERS = 10  # joined in the last days, no friends yet


def write_ego_network(
    folder: Path, seed: int = 11, people: int = 420, days: int = 45, visit_rate: float = 0.04
) -> dict:
    """Write members, edges and the suggestion log into `folder`; the `data.tables` config
    that maps them onto the preset's schema."""
    rng = np.random.default_rng(seed)
    start = int(pd.Timestamp("2026-06-01", tz="UTC").timestamp())
    world = _World(rng, people)
    graph = _starting_graph(rng, world, start)
    log = []
    for day in range(days):
        two_hop = graph.two_hop()
        if day < days - 5:  # every answer is in by the end
            log.extend(_visits(rng, world, graph, two_hop, start + day * DAY, visit_rate))
        _close_triangles(rng, world, graph, two_hop, start + day * DAY)
        graph.settle(start + (day + 1) * DAY)
    ids = np.sort(rng.choice(np.arange(1, 5_000), people + NEWCOMERS, replace=False))
    ids = rng.permutation(ids)
    _write_members(folder, rng, world, ids, start, days)
    _write_edges(folder, rng, graph, ids)
    suggestions = pd.DataFrame(log, columns=["viewer", "suggested", "shown_ts", "accepted"])
    pd.DataFrame(
        {
            "viewer": ids[suggestions["viewer"]],
            "suggested": ids[suggestions["suggested"]],
            "shown_ts": suggestions["shown_ts"],
            "accepted": np.where(suggestions["accepted"], "yes", "no"),
        }
    ).to_csv(folder / "pymk_log.csv", index=False)
    return {
        "users": {
            "path": str(folder / "members.csv"),
            "csv": {"separator": ";"},
            "columns": {
                "node": "user_id",
                "member_since": "joined_at",
                "circle": "community",
                "education": "school",
                "hometown": "city",
            },
        },
        "connections": {
            "path": str(folder / "edges.parquet"),
            "columns": {"source": "user_id", "target": "friend_id", "ts_ms": "created_at"},
            "epoch_units": {"created_at": "ms"},
            "unknown_references": "drop",
        },
        "suggestions": {
            "path": str(folder / "pymk_log.csv"),
            "columns": {
                "viewer": "user_id",
                "suggested": "candidate_id",
                "shown_ts": "suggested_at",
                "accepted": "connected",
            },
            "epoch_units": {"suggested_at": "s"},
            "true_values": ["yes"],
            "false_values": ["no"],
        },
    }


class _World:
    """Who belongs to which ego network and circle, and where each person sits in a latent
    social space (circles are clusters in it, ego networks clusters of circles)."""

    def __init__(self, rng: np.random.Generator, people: int) -> None:
        size = 1.0 / np.arange(1, EGOS + 1) ** 0.8  # ego networks of very different sizes
        ego = np.concatenate(
            [np.arange(EGOS), rng.choice(EGOS, people - EGOS, p=size / size.sum())]
        )
        circle = ego * CIRCLES_PER_EGO + rng.integers(0, CIRCLES_PER_EGO, people)
        circle[:EGOS] = np.arange(EGOS) * CIRCLES_PER_EGO
        network_centre = rng.normal(0, 2.2, (EGOS, 3))
        circle_centre = network_centre[np.arange(len(CIRCLES)) // CIRCLES_PER_EGO] + rng.normal(
            0, 1.1, (len(CIRCLES), 3)
        )
        self.position = circle_centre[circle] + rng.normal(0, 0.7, (people, 3))
        self.position[:EGOS] = network_centre
        self.ego, self.circle, self.size = ego, circle, people
        # a second ego network for some: the friend who moved, the colleague from before
        self.second_ego = np.where(rng.random(people) < 0.2, rng.integers(0, EGOS, people), ego)
        self.second_ego[:EGOS] = np.arange(EGOS)
        self.sociability = 0.7 * np.log(rng.pareto(2.5, people) + 1.0) * 2.0
        usual = rng.integers(0, len(SCHOOLS), len(CIRCLES))[circle]
        self.school = np.where(
            rng.random(people) < 0.6, usual, rng.integers(0, len(SCHOOLS), people)
        )
        home = rng.integers(0, len(HOMETOWNS), EGOS)[ego]
        self.city = np.where(
            rng.random(people) < 0.7, home, rng.integers(0, len(HOMETOWNS), people)
        )

    def distance(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        return np.linalg.norm(self.position[first] - self.position[second], axis=1)

    def is_ego(self, person: np.ndarray) -> np.ndarray:
        return person < EGOS


class _Graph:
    """Friendships (first < second) with their epoch second; accepted suggestions wait in
    `pending` until their day comes."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.made: dict[tuple[int, int], int] = {}
        self.pending: dict[tuple[int, int], int] = {}
        self.adjacency = sparse.csr_matrix((size, size))

    def add(self, pairs: list[tuple[int, int]], seconds: list[int]) -> None:
        for pair, second in zip(pairs, seconds, strict=True):
            if pair not in self.made and pair not in self.pending:
                self.made[pair] = second
        self._rebuild()

    def settle(self, until: int) -> None:
        due = [pair for pair, second in self.pending.items() if second < until]
        for pair in due:
            self.made.setdefault(pair, self.pending.pop(pair))
        self._rebuild()

    def _rebuild(self) -> None:
        if not self.made:
            return
        pairs = np.asarray(list(self.made))
        rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
        columns = np.concatenate([pairs[:, 1], pairs[:, 0]])
        self.adjacency = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, columns)), shape=(self.size, self.size)
        )

    def two_hop(self) -> sparse.csr_matrix:
        """Friends in common, per pair of people two hops apart and not friends yet."""
        common = (self.adjacency @ self.adjacency).tocsr()
        common = common - common.multiply(self.adjacency)
        common.setdiag(0)
        common.eliminate_zeros()
        return common

    def busy(self, pair: tuple[int, int]) -> bool:
        return pair in self.made or pair in self.pending


def _starting_graph(rng: np.random.Generator, world: _World, start: int) -> _Graph:
    first, second = np.triu_indices(world.size, 1)
    same_network = (
        (world.ego[first] == world.ego[second])
        | (world.second_ego[first] == world.ego[second])
        | (world.ego[first] == world.second_ego[second])
    )
    logit = (
        -1.8
        - 1.5 * world.distance(first, second)
        + 1.2 * same_network
        + world.sociability[first]
        + world.sociability[second]
    )
    # each ego is friends with most of its own network: the hubs
    ego_of = np.where(world.is_ego(first), first, np.where(world.is_ego(second), second, -1))
    other = np.where(world.is_ego(first), second, first)
    hub = (ego_of >= 0) & ((world.ego[other] == ego_of) | (world.second_ego[other] == ego_of))
    chance = np.where(hub, 0.85, 1.0 / (1.0 + np.exp(-logit)))
    made = rng.random(len(first)) < chance
    graph = _Graph(world.size)
    seconds = start - rng.integers(DAY, 240 * DAY, int(made.sum()))
    graph.add(list(zip(first[made].tolist(), second[made].tolist(), strict=True)), seconds.tolist())
    return graph


def _acceptance(world: _World, graph: _Graph, user: int, shown: np.ndarray) -> np.ndarray:
    """How likely `user` accepts each suggested person: friends in common who are not hubs,
    and closeness in the latent space (which circles, schools and towns only hint at)."""
    friends = graph.adjacency[user].toarray().ravel() > 0
    friends[:EGOS] = False
    real_common = graph.adjacency[shown][:, friends].sum(axis=1).A.ravel()
    logit = (
        -0.8
        + 0.6 * np.log1p(real_common)
        - 1.8 * world.distance(np.full(len(shown), user), shown)
        + 0.8 * (world.school[shown] == world.school[user])  # classmates say yes
        + 0.5 * (world.city[shown] == world.city[user])
        + 0.3 * world.sociability[shown]
    )
    return 1.0 / (1.0 + np.exp(-logit))


def _visits(
    rng: np.random.Generator,
    world: _World,
    graph: _Graph,
    two_hop: sparse.csr_matrix,
    midnight: int,
    visit_rate: float,
) -> list[tuple[int, int, int, bool]]:
    rows = []
    for user in np.flatnonzero(rng.random(world.size) < visit_rate).tolist():
        reached = two_hop.indices[two_hop.indptr[user] : two_hop.indptr[user + 1]]
        reached = np.asarray(
            [c for c in reached.tolist() if not graph.busy((min(user, c), max(user, c)))], dtype=int
        )
        if reached.size == 0:
            continue
        shown = rng.permutation(np.sort(reached))[:25]
        second = midnight + int(rng.integers(0, DAY))
        accepted = rng.random(len(shown)) < _acceptance(world, graph, user, shown)
        for candidate, yes in zip(shown.tolist(), accepted.tolist(), strict=True):
            rows.append((user, candidate, second, yes))
            if yes:  # answered within four days; a friendship from then on
                answered = second + int(rng.integers(600, 4 * DAY))
                graph.pending[(min(user, candidate), max(user, candidate))] = answered
    return rows


def _close_triangles(
    rng: np.random.Generator,
    world: _World,
    graph: _Graph,
    two_hop: sparse.csr_matrix,
    midnight: int,
) -> None:
    """Friendships made without a suggestion: near people with friends in common meet."""
    pairs = sparse.triu(two_hop, 1).tocoo()
    logit = -6.0 + 0.8 * np.log1p(pairs.data) - 1.2 * world.distance(pairs.row, pairs.col)
    met = rng.random(len(pairs.data)) < 1.0 / (1.0 + np.exp(-logit))
    chosen = list(zip(pairs.row[met].tolist(), pairs.col[met].tolist(), strict=True))
    graph.add(chosen, (midnight + rng.integers(0, DAY, len(chosen))).tolist())


def _write_members(
    folder: Path, rng: np.random.Generator, world: _World, ids: np.ndarray, start: int, days: int
) -> None:
    count = world.size + NEWCOMERS
    joined = start - rng.integers(731, 2_500, count) * DAY
    joined[world.size :] = start + (days - rng.integers(1, 8, NEWCOMERS)) * DAY
    circle = np.concatenate([world.circle, rng.integers(0, len(CIRCLES), NEWCOMERS)])
    school = np.concatenate([world.school, rng.integers(0, len(SCHOOLS), NEWCOMERS)])
    city = np.concatenate([world.city, rng.integers(0, len(HOMETOWNS), NEWCOMERS)])
    pd.DataFrame(
        {
            "node": ids,
            "member_since": pd.to_datetime(joined, unit="s", utc=True).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "circle": np.asarray(CIRCLES)[circle],
            "education": np.asarray(SCHOOLS)[school],
            "hometown": np.asarray(HOMETOWNS)[city],
        }
    ).to_csv(folder / "members.csv", sep=";", index=False)


def _write_edges(folder: Path, rng: np.random.Generator, graph: _Graph, ids: np.ndarray) -> None:
    pairs = np.asarray(list(graph.made))
    seconds = np.asarray(list(graph.made.values()))
    swap = rng.random(len(pairs)) < 0.5  # an undirected edge list: either side first
    source = np.where(swap, ids[pairs[:, 1]], ids[pairs[:, 0]])
    target = np.where(swap, ids[pairs[:, 0]], ids[pairs[:, 1]])
    # friends of accounts deactivated since: the members export no longer has them
    source = np.concatenate([source, rng.choice(ids[: graph.size], DEACTIVATED)])
    target = np.concatenate([target, 90_000 + np.arange(DEACTIVATED)])
    seconds = np.concatenate([seconds, rng.choice(seconds, DEACTIVATED)])
    pd.DataFrame(
        {
            "source": source,
            "target": target,
            "ts_ms": seconds * 1000 + rng.integers(0, 1000, len(source)),
        }
    ).sort_values("ts_ms").to_parquet(folder / "edges.parquet", index=False)
